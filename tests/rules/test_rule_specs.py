"""Every documented case of every rule, run through the real pipeline.

Cases live in ``rules/<family>/<CODE>.toml``; this module turns each into a test that
writes the case's bytes to a file, checks it with only that rule enabled,
compares the reported spans and, for fix cases, the bytes after ``--fix`` and
that a second ``--fix`` changes nothing.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from corplint.config.registry import build_registry
from corplint.config.specs import Case, find_spec
from corplint.engine.engine import Engine
from corplint.engine.run import Runner, RunOptions
from corplint.reporters.machine import JsonLinesReporter

REGISTRY = build_registry(load_entry_points=False)
SUFFIXES = {"text": ".txt", "markdown": ".md", "html": ".html", "jsonl": ".jsonl"}


def _cases():
    for code in REGISTRY.rules:
        spec = find_spec(code, REGISTRY.spec_dirs)
        if spec is None:
            continue
        for i, case in enumerate(spec.fail + spec.passing):
            yield pytest.param(code, case, id=f"{code}-{case.kind}-{i}")


def run_rule(code: str, case: Case, path: Path, mode: str = "check") -> list[dict]:
    rule = REGISTRY.rules[code]
    out = io.StringIO()
    options = RunOptions(mode=mode, unsafe_fixes=case.unsafe, config_root=str(path.parent))
    runner = Runner(
        REGISTRY,
        Engine([rule(**case.options)]),
        {code},
        options,
        JsonLinesReporter(out, REGISTRY.rules),
        notices=io.StringIO(),
    )
    runner.run([str(path)])
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.parametrize("code", list(REGISTRY.rules))
def test_every_rule_documents_enough_cases(code):
    spec = find_spec(code, REGISTRY.spec_dirs)
    assert spec is not None, f"rules/<family>/{code}.toml is missing"
    assert len(spec.fail) >= 3, "a rule needs at least 3 failing cases"
    assert len(spec.passing) >= 3, "a rule needs at least 3 passing cases"
    if REGISTRY.rules[code].fix is not None:
        assert len(spec.fix_cases) >= 2, "a fixable rule needs at least 2 fix cases"


@pytest.mark.parametrize(("code", "case"), list(_cases()))
def test_rule_case(code, case, tmp_path):
    path = tmp_path / f"case{SUFFIXES[case.format]}"
    path.write_bytes(case.input_bytes())
    findings = run_rule(code, case, path)
    assert all(f["code"] == code for f in findings)
    if case.kind == "pass":
        assert findings == [], f"{case.description}: expected no finding"
        return
    spans = [[f["line"], f["column"], f["end_line"], f["end_column"]] for f in findings]
    assert spans == case.spans, case.description
    if case.records:
        assert [f["record"] for f in findings] == case.records
    if case.fixed is not None:
        run_rule(code, case, path, mode="fix")
        assert path.read_bytes() == case.expected_fixed_bytes(), case.description
        before = path.read_bytes()
        run_rule(code, case, path, mode="fix")
        assert path.read_bytes() == before, "a second --fix must change nothing"
