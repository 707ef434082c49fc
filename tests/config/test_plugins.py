"""Plugins: the example pack installs and runs; local modules load; bad packs are named."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from corplint.config.registry import PluginError, build_registry
from corplint.config.specs import find_spec

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "plugin"


@pytest.fixture(scope="module")
def installed_example(tmp_path_factory) -> Path:
    """Install the example pack with pip into a private target directory."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(EXAMPLE),
        ],
        check=True,
        capture_output=True,
    )
    return target


def _corplint(args: list[str], cwd: Path, site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "corplint", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_example_pack_is_found_through_its_entry_point(installed_example, tmp_path):
    (tmp_path / "a.txt").write_text("我再想想...\n", encoding="utf-8")
    listed = _corplint(["rules", "--json"], tmp_path, installed_example)
    assert "XMP001" in {r["code"] for r in json.loads(listed.stdout)}
    result = _corplint(
        ["check", "a.txt", "--select", "XMP001", "--output-format", "json"],
        tmp_path,
        installed_example,
    )
    assert result.returncode == 1, result.stderr
    (finding,) = json.loads(result.stdout)
    assert (finding["code"], finding["category"], finding["column"]) == ("XMP001", "punctuation", 5)
    fixed = _corplint(
        ["check", "a.txt", "--select", "XMP001", "--fix"], tmp_path, installed_example
    )
    assert fixed.returncode == 0
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "我再想想……\n"
    doc = _corplint(["rule", "XMP001"], tmp_path, installed_example).stdout
    assert "ascii-ellipsis" in doc and "## Examples" in doc


def test_example_pack_spec_cases_pass(installed_example, monkeypatch):
    """The example's own spec cases run through the same harness as built-in rules."""
    from tests.rules.test_rule_specs import run_rule

    monkeypatch.syspath_prepend(str(installed_example))
    registry = build_registry(["corplint_example"], load_entry_points=False)
    spec = find_spec("XMP001", registry.spec_dirs)
    assert spec is not None and len(spec.fail) >= 3 and len(spec.passing) >= 3
    import tests.rules.test_rule_specs as harness

    monkeypatch.setattr(harness, "REGISTRY", registry)
    for case in spec.fail + spec.passing:
        path = Path(installed_example) / "case.txt"
        path.write_bytes(case.input_bytes())
        spans = [
            [f["line"], f["column"], f["end_line"], f["end_column"]]
            for f in run_rule("XMP001", case, path)
        ]
        assert spans == case.spans, case.description


def test_local_plugin_module(cli, tmp_path, monkeypatch):
    (tmp_path / "my_rules.py").write_text(
        textwrap.dedent('''
        import corplint
        from corplint import Finding, Rule

        class Shouting(Rule):
            """Lines in capitals."""
            code = "LOC001"
            name = "shouting"
            category = "layout"

            def check(self, doc):
                for start, end in doc.lines():
                    if doc.text[start:end].isupper():
                        yield Finding(start, end, "line in capitals")

        @corplint.hookimpl
        def corplint_rules():
            return [Shouting]
    '''),
        encoding="utf-8",
    )
    (tmp_path / "t.txt").write_text("quiet\nLOUD\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    result = cli(
        "check", "t.txt", "--plugin", "my_rules", "--select", "LOC", "--output-format", "json"
    )
    assert [(f["code"], f["line"]) for f in json.loads(result.out)] == [("LOC001", 2)]
    (tmp_path / "corplint.toml").write_text('plugins = ["my_rules"]\nselect = ["shouting"]\n')
    assert cli("check", "t.txt").code == 1
    result = cli("check", "t.txt", "--plugin", "no_such_module_xyz")
    assert result.code == 2 and "cannot import plugin 'no_such_module_xyz'" in result.err


def test_invalid_rule_declaration_is_named(tmp_path, monkeypatch):
    (tmp_path / "bad_rules.py").write_text(
        textwrap.dedent('''
        import corplint
        from corplint import Rule

        class Bad(Rule):
            """Bad."""
            code = "bad1"
            name = "bad"
            category = "encoding"

        @corplint.hookimpl
        def corplint_rules():
            return [Bad]
    '''),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PluginError, match="code 'bad1' must be three capital letters"):
        build_registry(["bad_rules"], load_entry_points=False)


def test_corpus_hooks_see_every_document_and_report_at_the_end(cli, tmp_path, monkeypatch):
    """A cross-document rule: the same line in several files is reported once per copy."""
    plugin_dir = tmp_path / "plugins"
    plugin_dir.mkdir()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (plugin_dir / "dup_rules.py").write_text(
        textwrap.dedent('''
        from collections import defaultdict
        import corplint
        from corplint import Finding, Rule

        class RepeatedLine(Rule):
            """A line repeated across documents."""
            code = "DUP001"
            name = "repeated-line"
            category = "boilerplate"

            def check(self, doc):
                return ()

        SEEN = defaultdict(list)

        @corplint.hookimpl
        def corplint_rules():
            return [RepeatedLine]

        @corplint.hookimpl
        def corplint_document_checked(document, findings):
            for start, end in document.lines():
                line = document.text[start:end]
                if line:
                    row, col = document.position(start)
                    SEEN[line].append((document.path, document.record, row, col, len(line)))

        @corplint.hookimpl
        def corplint_corpus_end():
            for line, places in sorted(SEEN.items()):
                if len(places) > 1:
                    for path, record, row, col, n in places:
                        yield Finding(0, 0, f"line repeated in {len(places)} documents",
                                      code="DUP001", path=path, record=record, line=row,
                                      column=col, end_line=row, end_column=col + n)
    '''),
        encoding="utf-8",
    )
    for name in ("a", "b"):
        (corpus / f"{name}.txt").write_text(f"正文{name}\n点击关注我们\n", encoding="utf-8")
    monkeypatch.chdir(corpus)
    monkeypatch.syspath_prepend(str(plugin_dir))
    result = cli(
        "check", ".", "--plugin", "dup_rules", "--select", "DUP001", "--output-format", "json"
    )
    found = json.loads(result.out)
    assert [(f["path"], f["line"], f["name"]) for f in found] == [
        ("a.txt", 2, "repeated-line"),
        ("b.txt", 2, "repeated-line"),
    ]
