"""The CLI as a user drives it: flags, exit codes and output formats."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

GB_TEXT = (
    "国务院新闻办公室今天召开会议，通报今年以来经济运行的基本情况。\n"
    "发言人表示，经济运行总体平稳。\n"
)


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A small corpus in a temporary working directory (so no config is found above it)."""
    (tmp_path / "clean.txt").write_text("干净的文本。\n", encoding="utf-8")
    (tmp_path / "nul.txt").write_bytes("新闻\x00稿件\n".encode())
    (tmp_path / "bom.txt").write_bytes("\ufeff第一段。\n".encode())
    (tmp_path / "html.txt").write_text("<p>正文。</p>\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings_of(result) -> list[dict]:
    return json.loads(result.out)


def test_exit_codes_clean_findings_and_usage(cli, corpus):
    assert cli("check", "clean.txt").code == 0
    assert cli("check", "nul.txt").code == 1
    assert cli("check", "nul.txt", "--exit-zero").code == 0
    assert cli("check", "no-such-file.txt").code == 2
    assert cli("check", "nul.txt", "--select", "NOPE999").code == 2
    assert cli("check", "--output-format", "yaml", "clean.txt").code == 2


def test_missing_path_is_reported_and_the_run_goes_on(cli, corpus):
    result = cli("check", "--output-format", "json", "missing.txt", "nul.txt")
    assert result.code == 2
    assert "missing.txt: error: no such file or directory" in result.err
    assert [f["code"] for f in findings_of(result)] == ["ENC003"]


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("ENC003", {"ENC003"}),
        ("ENC00", {"ENC002", "ENC003"}),
        ("utf8-bom", {"ENC002"}),
        ("encoding", {"ENC002", "ENC003"}),
        ("markup", {"MKP001"}),
        ("ALL", {"ENC002", "ENC003", "MKP001"}),
    ],
)
def test_select_by_code_prefix_name_category(cli, corpus, selector, expected):
    result = cli("check", ".", "--output-format", "json", "--select", selector)
    assert {f["code"] for f in findings_of(result)} == expected


def test_ignore_and_extend_select(cli, corpus):
    result = cli("check", ".", "--output-format", "json", "--ignore", "ENC003,markup")
    assert {f["code"] for f in findings_of(result)} == {"ENC002"}
    result = cli(
        "check", ".", "--output-format", "json", "--select", "ENC002", "--extend-select", "MKP"
    )
    assert {f["code"] for f in findings_of(result)} == {"ENC002", "MKP001"}


def test_empty_select_runs_no_rule(cli, corpus):
    result = cli("check", ".", "--output-format", "json", "--select", "")
    assert result.code == 0 and findings_of(result) == []


def test_json_output_schema(cli, corpus):
    (finding,) = findings_of(cli("check", "nul.txt", "--output-format", "json"))
    assert finding == {
        "path": "nul.txt",
        "record": None,
        "id": None,
        "line": 1,
        "column": 3,
        "end_line": 1,
        "end_column": 4,
        "code": "ENC003",
        "name": "control-characters",
        "category": "encoding",
        "severity": "warning",
        "message": "control character U+0000 in text",
        "fixable": True,
        "fix_applicability": "safe",
    }


def test_findings_carry_the_records_id_field(cli, tmp_path):
    """With --id-field, every finding of a record and its documents line name the
    record by its own id (nested fields by a dotted path), not only its line."""
    path = tmp_path / "rows.jsonl"
    rows = [
        {"meta": {"uid": "r-7"}, "text": "ok\u0000"},
        {"meta": {"uid": 8}, "text": "fine"},
        {"text": "no id\u0000"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    found = findings_of(
        cli("check", str(path), "--output-format", "json", "--id-field", "meta.uid")
    )
    assert [(f["record"], f["id"]) for f in found] == [(1, "r-7"), (3, None)]
    docs = cli(
        "check", str(path), "--output-format", "documents", "--id-field", "meta.uid"
    ).out.splitlines()
    assert [json.loads(line)["id"] for line in docs] == ["r-7", 8, None]


def test_jsonl_output_is_one_object_per_line(cli, corpus):
    result = cli("check", ".", "--output-format", "jsonl")
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert {r["code"] for r in rows} == {"ENC002", "ENC003", "MKP001"}


def test_full_output_shows_source_and_caret(cli, corpus):
    result = cli("check", "html.txt", "--color", "never")
    lines = result.out.splitlines()
    assert lines[0].startswith("html.txt:1:1: MKP001")
    assert "<p>正文。</p>" in lines[1]
    caret_line = lines[2]
    assert caret_line.strip() == "^^^"
    # the caret sits under '<p>': same cell offset as the source text after the gutter
    assert caret_line.index("^") == lines[1].index("<p>")
    assert "Found 2 finding(s)" in result.out


def test_concise_and_quiet(cli, corpus):
    result = cli("check", "nul.txt", "--output-format", "concise", "--quiet")
    assert result.out.strip() == "nul.txt:1:3: ENC003 [*] control character U+0000 in text"


def test_statistics(cli, corpus):
    result = cli("check", ".", "--statistics", "--color", "never")
    rows = [line.split() for line in result.out.splitlines() if "ENC" in line or "MKP" in line]
    assert ["2", "MKP001", "html-residue"] in [r[:3] for r in rows]
    assert ["1", "ENC003", "control-characters", "[*]", "(1", "document(s))"] in rows
    assert "3 of 4 document(s) have findings." in result.out
    assert result.code == 1


def test_statistics_as_json_agree_with_the_findings(cli, corpus):
    (corpus / "r.jsonl").write_text(
        '{"text": "新闻\\u0000稿件\\u0001"}\n{"text": "好。"}\n{"text": "<b>x</b>"}\n',
        encoding="utf-8",
    )
    stats = json.loads(cli("check", ".", "--statistics", "--output-format", "json").out)
    findings = findings_of(cli("check", ".", "--output-format", "json"))
    assert stats["findings"] == len(findings)
    documents = {(f["path"], f["record"]) for f in findings}
    assert stats["documents_with_findings"] == len(documents)
    assert stats["documents"] == 7
    for row in stats["by_rule"]:
        mine = [f for f in findings if f["code"] == row["code"]]
        assert row["findings"] == len(mine)
        assert row["documents"] == len({(f["path"], f["record"]) for f in mine})
    for row in stats["by_category"]:
        mine = [f for f in findings if f["category"] == row["category"]]
        assert (row["findings"], row["documents"]) == (
            len(mine),
            len({(f["path"], f["record"]) for f in mine}),
        )


def test_github_annotations_escape(cli, corpus):
    (corpus / "a,b:c.txt").write_bytes(b"x\x00y\n")
    result = cli("check", "a,b:c.txt", "--output-format", "github")
    assert result.out.startswith(
        "::warning file=a%2Cb%3Ac.txt,line=1,endLine=1,col=2,endColumn=3,"
        "title=corplint ENC003 (control-characters)::ENC003 control character"
    )


def test_fix_applies_safe_fixes_only(cli, corpus):
    result = cli("check", ".", "--fix", "--output-format", "json")
    assert (corpus / "nul.txt").read_bytes() == "新闻稿件\n".encode()
    assert (corpus / "bom.txt").read_bytes() == "第一段。\n".encode()
    assert (corpus / "html.txt").read_text(encoding="utf-8") == "<p>正文。</p>\n"
    assert {f["code"] for f in findings_of(result)} == {"MKP001"}
    assert result.code == 1
    result = cli("check", ".", "--fix", "--unsafe-fixes", "--output-format", "json")
    assert (corpus / "html.txt").read_text(encoding="utf-8") == "正文。\n"
    assert result.code == 0 and findings_of(result) == []


def test_diff_writes_nothing(cli, corpus):
    before = (corpus / "nul.txt").read_bytes()
    result = cli("check", "nul.txt", "--diff")
    assert result.code == 1
    assert (corpus / "nul.txt").read_bytes() == before
    assert result.out.splitlines() == [
        "--- a/nul.txt",
        "+++ b/nul.txt",
        "@@ -1 +1 @@",
        "-新闻\x00稿件",
        "+新闻稿件",
    ]
    assert "Would fix 1 document(s)." in result.err
    assert cli("check", "clean.txt", "--diff").code == 0
    assert cli("check", "nul.txt", "--diff", "--fix").code == 2


def test_gb18030_file_is_reported_and_fixed_to_identical_utf8(cli, corpus):
    path = corpus / "gbk.txt"
    path.write_bytes(GB_TEXT.encode("gb18030"))
    (finding,) = findings_of(cli("check", "gbk.txt", "--output-format", "json"))
    assert finding["code"] == "ENC001" and "GB18030" in finding["message"]
    assert finding["fix_applicability"] == "safe"
    assert cli("check", "gbk.txt", "--fix").code == 0
    assert path.read_bytes() == GB_TEXT.encode("utf-8")


def test_fix_of_another_rule_keeps_the_file_codec(cli, corpus):
    path = corpus / "gbk.txt"
    path.write_bytes("新闻\x00稿件，发布会。\n".encode("gb18030"))
    cli("check", "gbk.txt", "--fix", "--select", "ENC003")
    assert path.read_bytes() == "新闻稿件，发布会。\n".encode("gb18030")


def test_fix_keeps_crlf_line_endings(cli, corpus):
    path = corpus / "crlf.txt"
    path.write_bytes("第一行\r\n新闻\x00稿件\r\n".encode())
    cli("check", "crlf.txt", "--fix")
    assert path.read_bytes() == "第一行\r\n新闻稿件\r\n".encode()


def test_jsonl_fix_rewrites_only_the_text_field(cli, corpus):
    lines = [
        '{"id": 1, "text": "好\\u0000的", "meta": {"k": [1, 2.50, "x"]}}\n',
        '{"id":2,"text":"干净","url":"https://a.example/\\u4e2d"}\n',
        '{"text": "坏\u0001了", "id": 3}\r\n',
        "not json\n",
        '{"text": "\\u65b0\\u0000\\u95fb"}',
    ]
    path = corpus / "data.jsonl"
    path.write_bytes("".join(lines).encode())
    result = cli("check", "data.jsonl", "--fix", "--output-format", "json")
    out = path.read_bytes().decode().splitlines(keepends=True)
    assert out[0] == '{"id": 1, "text": "好的", "meta": {"k": [1, 2.50, "x"]}}\n'
    assert out[1] == lines[1]
    assert out[2] == '{"text": "坏了", "id": 3}\r\n'
    assert out[3] == lines[3]
    assert out[4] == '{"text": "\\u65b0\\u95fb"}'  # ASCII-escaped stays escaped
    assert [f["code"] for f in findings_of(result)] == ["ENC006"]
    assert findings_of(result)[0]["record"] == 4


def test_text_field_dotted_path(cli, corpus):
    path = corpus / "nested.jsonl"
    path.write_text('{"doc": {"body": "<b>粗</b>"}, "text": "别查我"}\n', encoding="utf-8")
    result = cli("check", "nested.jsonl", "--text-field", "doc.body", "--output-format", "json")
    assert [f["code"] for f in findings_of(result)] == ["MKP001", "MKP001"]


def test_gzip_jsonl_is_checked_and_fixed(cli, corpus):
    path = corpus / "data.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "a\\u0000b"}\n{"text": "ok"}\n'))
    assert [
        f["record"] for f in findings_of(cli("check", "data.jsonl.gz", "--output-format", "json"))
    ] == [1]
    cli("check", "data.jsonl.gz", "--fix")
    assert gzip.decompress(path.read_bytes()) == b'{"text": "ab"}\n{"text": "ok"}\n'


def test_truncated_gzip_is_reported_not_crashed(cli, corpus):
    data = gzip.compress(('{"text": "第一条"}\n' * 2000).encode())
    (corpus / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    (corpus / "cut.txt.gz").write_bytes(data[: len(data) // 2])
    result = cli("check", "cut.jsonl.gz", "cut.txt.gz", "clean.txt")
    assert result.code == 2
    assert "cut.jsonl.gz: error: stopped reading after line" in result.err
    assert "cut.txt.gz: error: cannot read" in result.err
    assert "Traceback" not in result.err + result.out


def test_binary_file_is_skipped_with_a_notice(cli, corpus):
    (corpus / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    # named outright (walking a folder looks only for the corpus formats)
    result = cli("check", "image.png", "nul.txt", "--select", "ENC003")
    assert "image.png: warning: skipped: binary file" in result.err
    assert result.code == 1  # the NUL finding in nul.txt; a binary file is not an error


def test_stdin(cli, corpus):
    result = cli("check", "-", "--output-format", "json", stdin=b"a\x00b\n")
    assert [f["path"] for f in findings_of(result)] == ["-"]
    result = cli("check", "-", "--fix", stdin=b"a\x00b\n")
    assert result.out_bytes == b"ab\n"
    result = cli(
        "check",
        "-",
        "--stdin-filename",
        "x.jsonl",
        "--output-format",
        "json",
        stdin=b'{"text": 1}\n',
    )
    assert [f["code"] for f in findings_of(result)] == ["ENC006"]


def test_baseline_reports_only_new_findings(cli, corpus):
    assert cli("check", ".", "--write-baseline", "base.json").code == 0
    result = cli("check", ".", "--baseline", "base.json", "--output-format", "json")
    assert result.code == 0 and findings_of(result) == []
    (corpus / "new.txt").write_bytes(b"x\x01y\n")
    # an edit above an accepted finding does not make it new
    (corpus / "nul.txt").write_bytes("前言\n新闻\x00稿件\n".encode())
    result = cli("check", ".", "--baseline", "base.json", "--output-format", "json")
    assert [(f["path"], f["code"]) for f in findings_of(result)] == [("new.txt", "ENC003")]
    (corpus / "bad.json").write_text("{}", encoding="utf-8")
    assert cli("check", ".", "--baseline", "bad.json").code == 2


def test_config_in_pyproject_and_unknown_keys(cli, corpus):
    (corpus / "pyproject.toml").write_text(
        '[tool.corplint]\nignore = ["MKP001"]\n'
        '[tool.corplint.per-file-ignores]\n"bom.txt" = ["utf8-bom"]\n',
        encoding="utf-8",
    )
    result = cli("check", ".", "--output-format", "json")
    assert {f["code"] for f in findings_of(result)} == {"ENC003"}
    assert cli("check", ".", "--isolated", "--select", "MKP001").code == 1
    (corpus / "pyproject.toml").write_text("[tool.corplint]\nignroe = []\n", encoding="utf-8")
    result = cli("check", ".")
    assert result.code == 2 and "unknown key 'ignroe'" in result.err


def test_config_rule_options_are_validated(cli, corpus):
    (corpus / "corplint.toml").write_text(
        '[rules.ENC001]\n"min-confidence" = 0.9\n', encoding="utf-8"
    )
    assert cli("check", "clean.txt").code == 0
    (corpus / "corplint.toml").write_text("[rules.ENC001]\nmin-conf = 0.9\n", encoding="utf-8")
    result = cli("check", "clean.txt")
    assert result.code == 2 and "unknown option 'min-conf' for rule ENC001" in result.err
    (corpus / "corplint.toml").write_text(
        '[rules.ENC001]\n"min-confidence" = "x"\n', encoding="utf-8"
    )
    assert "expects float" in cli("check", "clean.txt").err
    (corpus / "corplint.toml").write_text("[rules.ZZZ999]\n", encoding="utf-8")
    assert "names no known rule" in cli("check", "clean.txt").err


def test_config_found_walking_up_and_explicit_config(cli, corpus, monkeypatch):
    (corpus / "corplint.toml").write_text('select = ["MKP001"]\n', encoding="utf-8")
    sub = corpus / "sub"
    sub.mkdir()
    (sub / "x.txt").write_bytes(b"<b>x</b> \x00\n")
    monkeypatch.chdir(sub)
    assert {f["code"] for f in findings_of(cli("check", "x.txt", "--output-format", "json"))} == {
        "MKP001"
    }
    other = corpus / "other.toml"
    other.write_text('select = ["ENC003"]\n', encoding="utf-8")
    result = cli("check", "x.txt", "--config", str(other), "--output-format", "json")
    assert {f["code"] for f in findings_of(result)} == {"ENC003"}


def test_include_exclude_and_force_exclude(cli, corpus):
    (corpus / "corplint.toml").write_text('exclude = ["html.txt"]\n', encoding="utf-8")
    result = cli("check", ".", "--output-format", "json")
    assert "html.txt" not in {f["path"] for f in findings_of(result)}
    # a path named explicitly is checked unless --force-exclude
    assert cli("check", "html.txt").code == 1
    assert cli("check", "html.txt", "--force-exclude").code == 0
    (corpus / "corplint.toml").write_text('include = ["*.md"]\n', encoding="utf-8")
    assert cli("check", ".").code == 0


def test_git_directory_is_skipped(cli, corpus):
    (corpus / ".git").mkdir()
    (corpus / ".git" / "junk.txt").write_bytes(b"\x00\x00junk")
    result = cli("check", ".", "--output-format", "json", "--select", "ENC003")
    assert all(not f["path"].startswith(".git") for f in findings_of(result))


def test_rules_listing_and_rule_docs(cli):
    result = cli("rules", "--json")
    rows = json.loads(result.out)
    assert {"ENC001", "ENC002", "ENC003", "ENC004", "ENC005", "ENC006"} <= {r["code"] for r in rows}
    bom = next(r for r in rows if r["code"] == "ENC002")
    assert bom["fixable"] and bom["fix_applicability"] == "safe" and bom["default"]
    assert "ENC005" in cli("rules").out
    doc = cli("rule", "ENC003").out
    assert "control-characters" in doc and "## Examples" in doc and "after --fix" in doc
    assert "Not flagged" in cli("rule", "utf8-bom").out
    assert cli("rule", "XYZ123").code == 2


def test_the_readme_rules_table_is_the_generated_one(cli):
    """The README's table is ``corplint rules --format markdown``, byte for byte:
    a rule added or changed without regenerating it fails here."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("| code | name | category | default | fix | what it finds |")
    end = readme.index("<!-- end of rules table -->", start)
    generated = cli("rules", "--format", "markdown").out
    assert readme[start:end] == generated, "regenerate: corplint rules --format markdown"
    assert generated.count("\n") == 2 + len(json.loads(cli("rules", "--json").out))


def test_version(cli):
    from corplint import __version__

    assert cli("--version").out.strip() == f"corplint {__version__}"


def test_python_dash_m(corpus):
    result = subprocess.run(
        [sys.executable, "-m", "corplint", "check", "nul.txt", "--output-format", "concise"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 1
    assert "ENC003" in result.stdout


def test_output_file(cli, corpus):
    result = cli("check", "nul.txt", "--output-format", "jsonl", "-o", "report.jsonl")
    assert result.code == 1 and result.out == ""
    rows = (corpus / "report.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(r)["code"] for r in rows] == ["ENC003"]


def test_unreadable_file_is_an_error_not_a_crash(cli, corpus):
    (corpus / "dangling.txt").symlink_to(corpus / "gone.txt")
    result = cli("check", ".", "--select", "ENC003")
    assert result.code == 2
    assert "dangling.txt: error: cannot read: no such file or directory" in result.err


def _run_on_a_terminal(args: list[str], cwd) -> str:
    """Run corplint with stderr on a pseudo-terminal; return what the terminal got."""
    import pty

    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "corplint", *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=secondary,
        env={**os.environ, "TERM": "xterm", "COLUMNS": "100"},
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(primary, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    os.close(primary)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only(corpus):
    drawn = _run_on_a_terminal(["check", "."], corpus)
    assert "corplint" in drawn and "━" in drawn
    assert "━" not in _run_on_a_terminal(["check", ".", "--no-progress"], corpus)
    assert "━" not in _run_on_a_terminal(["check", ".", "--quiet"], corpus)


def test_fifo_in_a_directory_is_skipped_not_waited_on(cli, corpus):
    os.mkfifo(corpus / "pipe.txt")
    result = cli("check", ".", "--select", "ENC003")
    assert "pipe.txt: warning: skipped: not a regular file" in result.err
    assert result.code == 1


def test_exclude_flag_and_color(cli, corpus):
    result = cli("check", ".", "--exclude", "nul.txt,bom.txt", "--output-format", "json")
    assert {f["path"] for f in findings_of(result)} == {"html.txt"}
    coloured = cli("check", "nul.txt", "--color", "always", "--output-format", "concise")
    assert "\x1b[" in coloured.out
    plain = cli("check", "nul.txt", "--color", "never", "--output-format", "concise")
    assert "\x1b[" not in plain.out


@pytest.mark.parametrize("fmt", ["full", "concise"])
def test_plain_output_is_the_coloured_output_less_its_colours(cli, corpus, fmt):
    """Without colours the lines are written as they are, not rendered by rich: the
    same text, markup-like brackets in paths and messages included."""
    (corpus / "[图片]:smile:.txt").write_text("<p>正文,[b]加粗[/b]。</p>\n", encoding="utf-8")
    coloured = cli("check", ".", "--color", "always", "--output-format", fmt)
    plain = cli("check", ".", "--color", "never", "--output-format", fmt)
    assert "[图片]:smile:.txt" in plain.out
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.out) == plain.out


def test_diff_of_jsonl_records_and_of_a_transcoding(cli, corpus):
    (corpus / "d.jsonl").write_text('{"text": "ok"}\n{"text": "a\\u0000b"}\n', encoding="utf-8")
    result = cli("check", "d.jsonl", "--diff")
    assert result.out.splitlines() == [
        "--- a/d.jsonl",
        "+++ b/d.jsonl",
        "@@ -2 +2 @@",
        '-{"text": "a\\u0000b"}',
        '+{"text": "ab"}',
    ]
    (corpus / "gbk.txt").write_bytes(GB_TEXT.encode("gb18030"))
    result = cli("check", "gbk.txt", "--diff")
    assert result.code == 1
    assert result.out.splitlines()[:2] == ["--- a/gbk.txt (GB18030)", "+++ b/gbk.txt (UTF-8)"]


def test_script_policy_from_config(cli, corpus):
    (corpus / "hant.txt").write_text("這是一篇繁體文章，內容很長。\n", encoding="utf-8")
    assert cli("check", "hant.txt", "--select", "SCR001").code == 0
    (corpus / "corplint.toml").write_text(
        '[rules.mixed-script]\nscript = "hans"\n', encoding="utf-8"
    )
    result = cli("check", "hant.txt", "--select", "SCR001", "--output-format", "json")
    assert [f["code"] for f in findings_of(result)] == ["SCR001"]
    (corpus / "corplint.toml").write_text(
        '[rules.mixed-script]\nscript = "latin"\n', encoding="utf-8"
    )
    result = cli("check", "hant.txt")
    assert result.code == 2
    where = "corplint.toml: [rules.mixed-script] (SCR001): "  # the file, the rule, the key
    assert where + "option 'script' must be one of auto, hans, hant" in result.err


def test_a_closed_output_pipe_stops_the_run_quietly():
    """`corplint check . | head` must not end in a traceback."""
    import subprocess
    import sys

    args = ["check", "examples", "--select", "ALL", "--output-format", "json", "--no-progress"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "corplint", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # before it writes anything: every write fails
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err, err.decode()
    assert proc.returncode == 141


def test_ray_engine_without_ray_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    from corplint.cli.main import main

    (tmp_path / "a.txt").write_text("今天天气很好。\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails as if not installed
    code = main(["check", str(tmp_path / "a.txt"), "--engine", "ray", "--no-progress"])
    assert code == 2
    err = capsys.readouterr().err
    assert "pip install 'corplint[ray]'" in err


@pytest.mark.parametrize("name", ["many.parquet", "many.txt", "many.jsonl"])
def test_a_closed_pipe_is_no_error_of_the_file_being_read(tmp_path, name):
    """`corplint check x.parquet | head -1` ended with 'x.parquet: error: Broken pipe'
    (and a text file with 'internal error, file skipped'): the reader is gone,
    the file is fine."""
    damaged = "新闻\x00稿件\n"
    path = tmp_path / name
    if name.endswith(".parquet"):
        pa = pytest.importorskip("pyarrow")
        import pyarrow.parquet as pq

        pq.write_table(pa.table({"text": [damaged] * 5000}), path)
    elif name.endswith(".jsonl"):
        path.write_text((json.dumps({"text": damaged}) + "\n") * 5000, encoding="utf-8")
    else:
        path.write_text(damaged * 5000, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "corplint", "check", str(path), "--isolated", "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.readline()  # `head -1`: one line read, then the pipe is closed
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert err.decode() == ""
    assert proc.returncode == 141


def test_github_annotations_land_on_each_records_line(cli, tmp_path, monkeypatch):
    lines = [
        '{"text": "干净的文字。"}',
        '{"text": "新闻\\u0000稿件"}',
        "",
        '{"text": "第一行\\n第\\u0000二行"}',
    ]
    (tmp_path / "r.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(tmp_path)
    result = cli("check", "r.jsonl", "--output-format", "github", "--select", "ENC003")
    annotations = [line for line in result.out.splitlines() if line.startswith("::warning")]
    assert [re.search(r"line=(\d+)", a).group(1) for a in annotations] == ["2", "4"]
    # and at the escaped character's columns in that line ({"text": "新闻\u0000稿件"})
    assert "line=2,endLine=2,col=13,endColumn=19," in annotations[0]
    assert "(record 4, text line 2, column 2)" in annotations[1]
    text = summary.read_text(encoding="utf-8")
    assert "2 finding(s) in 2 of 3 document(s), 1 file(s)" in text
    assert "| ENC003 | control-characters | 2 |" in text


def test_github_annotations_stop_at_what_a_step_shows(cli, tmp_path, monkeypatch):
    from corplint.reporters.github import MAX_PER_LEVEL

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (tmp_path / "many.txt").write_text("新闻\x00稿件\n" * (MAX_PER_LEVEL + 5), encoding="utf-8")
    result = cli("check", "many.txt", "--output-format", "github", "--select", "ENC003")
    out = result.out.splitlines()
    assert sum(line.startswith("::warning") for line in out) == MAX_PER_LEVEL
    assert next(line for line in out if line.startswith("many.txt:")).startswith(
        f"many.txt:{MAX_PER_LEVEL + 1}:3: warning: ENC003"
    )
    assert out[-1].startswith("::notice title=corplint::5 more finding(s)")


def _records(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


@pytest.mark.parametrize("id_field", [None, "id"])
def test_baseline_survives_inserted_deleted_and_reordered_records(
    cli, tmp_path, monkeypatch, id_field
):
    monkeypatch.chdir(tmp_path)
    rows = [
        {"id": "a", "text": "第一篇。\n新闻\x00稿件。"},
        {"id": "b", "text": "第二篇，\x01也坏了。"},
        {"id": "c", "text": "第三篇\x00三。"},
        {"id": "d", "text": "干净的一篇。"},
    ]
    extra = ["--id-field", id_field] if id_field else []
    path = tmp_path / "c.jsonl"
    _records(path, rows)
    assert cli("check", "c.jsonl", "--write-baseline", "base.json", *extra).code == 0
    clean = {"id": "z", "text": "新插入的干净记录。"}
    for changed in (
        [clean, *rows],  # a record inserted at the top
        [rows[0], rows[2], rows[3]],  # one deleted
        list(reversed(rows)),  # all reordered
        [rows[3], clean, rows[2], rows[0], clean, rows[1]],  # all of it at once
    ):
        _records(path, changed)
        result = cli(
            "check", "c.jsonl", "--baseline", "base.json", "--output-format", "json", *extra
        )
        assert findings_of(result) == [], [r["id"] for r in changed]
    # a new defect is still new, even as a copy of an old one in another record
    _records(path, [*rows, {"id": "e", "text": "第三篇\x00三。"}])
    result = cli("check", "c.jsonl", "--baseline", "base.json", "--output-format", "json", *extra)
    assert [(f["record"], f["code"]) for f in findings_of(result)] == [(5, "ENC003")]


def test_a_baseline_of_an_older_corplint_asks_to_be_written_again(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("好\n", encoding="utf-8")
    (tmp_path / "old.json").write_text('{"version": 1, "findings": []}', encoding="utf-8")
    result = cli("check", "a.txt", "--baseline", "old.json")
    assert result.code == 2 and "write it again with --write-baseline" in result.err


def test_the_config_is_found_from_the_inputs_not_the_working_directory(cli, tmp_path, monkeypatch):
    data = tmp_path / "dataset"
    (data / "legacy").mkdir(parents=True)
    (data / "corplint.toml").write_text('[per-file-ignores]\n"legacy/*" = ["ENC003"]\n')
    (data / "legacy" / "old.txt").write_bytes("新闻\x00稿件\n".encode())
    (data / "new.txt").write_bytes("新闻\x00稿件\n".encode())
    monkeypatch.chdir(tmp_path)  # above the dataset, which holds the config
    result = cli("check", "dataset", "--output-format", "concise")
    assert "dataset/new.txt:1:3: ENC003" in result.out
    assert "old.txt" not in result.out
    assert "not applied" not in result.err


def test_each_file_is_checked_under_the_closest_configuration(cli, tmp_path, monkeypatch):
    """A folder with a config of its own keeps its selection, options and per-file
    ignores when the run starts above it; the run's own config covers the rest."""
    (tmp_path / "corplint.toml").write_text('ignore = ["MKP001"]\n')
    sub = tmp_path / "sub"
    (sub / "legacy").mkdir(parents=True)
    (sub / "corplint.toml").write_text(
        'ignore = ["ENC003"]\n[per-file-ignores]\n"legacy/*" = ["MKP001"]\n'
    )
    damaged = "新闻\x00稿件<b>粗</b>\n".encode()
    for name in ("top.txt", "sub/a.txt", "sub/legacy/b.txt"):
        (tmp_path / name).write_bytes(damaged)
    monkeypatch.chdir(tmp_path)
    for jobs in ("1", "3"):
        result = cli("check", ".", "--output-format", "json", "-j", jobs)
        found = sorted({(f["path"], f["code"]) for f in findings_of(result)})
        assert found == [
            ("sub/a.txt", "MKP001"),  # sub's config: ENC003 ignored, MKP001 on
            ("top.txt", "ENC003"),  # the run's config: MKP001 ignored
        ], jobs
    # --config names the one configuration for every file
    result = cli("check", ".", "--config", "corplint.toml", "--output-format", "json")
    assert sorted({(f["path"], f["code"]) for f in findings_of(result)}) == [
        ("sub/a.txt", "ENC003"),
        ("sub/legacy/b.txt", "ENC003"),
        ("top.txt", "ENC003"),
    ]


def test_a_record_changed_by_a_fix_gets_no_stale_columns(cli, tmp_path, monkeypatch):
    """After --fix rewrote a record, the old line's columns are wrong: none are given."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (tmp_path / "r.jsonl").write_text('{"text": "新闻\\u0000稿件<b>粗</b>"}\n', encoding="utf-8")
    checked = cli("check", "r.jsonl", "--output-format", "github", "--select", "ENC003,MKP001")
    assert "col=" in checked.out.splitlines()[0]
    fixed = cli(
        "check", "r.jsonl", "--fix", "--output-format", "github", "--select", "ENC003,MKP001"
    )
    annotations = [line for line in fixed.out.splitlines() if line.startswith("::warning")]
    assert len(annotations) == 2  # the tags, left for --unsafe-fixes
    assert all("MKP001" in a and "line=1,endLine=1,title=" in a for a in annotations)


def test_corpus_rules_count_within_each_configuration(cli, tmp_path, monkeypatch):
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "corplint.toml").write_text("[rules.template-line]\nmin-documents = 3\n")
    line = "本站所有文章均来自网络转载，如有侵权请联系删除。"
    for folder in (tmp_path, sub):
        for k in range(4):
            (folder / f"d{k}.txt").write_text(f"第{k}篇正文，内容各不相同{k}。\n{line}\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    for jobs in ("1", "2"):
        result = cli("check", ".", "--select", "BLP003", "--output-format", "json", "-j", jobs)
        paths = sorted({f["path"] for f in findings_of(result)})
        assert paths == [f"sub/d{k}.txt" for k in range(4)], jobs
