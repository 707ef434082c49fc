"""The public Python API, called as a pipeline would call it."""

from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

import corplint
from corplint.config.settings import ConfigError

ROOT = Path(__file__).resolve().parents[2]
MOJIBAKE = "今天的天气很好。".encode().decode("cp1252")
STRIPPED = "会议于月日在北京召开，代表们讨论了年的工作计划。"
PAGER = "今天上午，春季花展在人民公园开幕。\n首页 上一页 3 4 5 下一页 尾页\n"


def _readme_examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python API", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


@pytest.mark.parametrize("source", _readme_examples())
def test_the_readme_examples_run(source):
    exec(compile(source, "README.md", "exec"), {})


def test_the_readme_has_examples():
    assert len(_readme_examples()) >= 2


def test_check_reports_positions_like_the_command_line(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGER, encoding="utf-8")
    cli = subprocess.run(
        [sys.executable, "-m", "corplint", "check", str(path), "--output-format", "json"],
        capture_output=True,
        text=True,
    )
    expected = [(f["code"], f["line"], f["column"], f["message"]) for f in json.loads(cli.stdout)]
    found = corplint.check(PAGER)
    assert [(f.code, f.line, f.column, f.message) for f in found] == expected


def test_select_and_ignore_take_the_command_lines_selectors():
    assert {f.code for f in corplint.check(MOJIBAKE, select=["mojibake"])} == {"MOJ002"}
    assert corplint.check(MOJIBAKE, select=["mojibake"], ignore=["MOJ002"]) == []
    assert corplint.check(PAGER, select=["spam"]) == []


def test_fix_applies_safe_fixes_and_a_second_fix_changes_nothing():
    result = corplint.fix(MOJIBAKE + "\n")
    assert result.text == "今天的天气很好。\n"
    assert [f.code for f in result.fixed] == ["MOJ002"]
    again = corplint.fix(result.text)
    assert again.text == result.text and not again.changed


def test_unsafe_fixes_only_when_asked():
    text = "今天上午，春季花展在人民公园开幕。\n小读者在阅览室里看绘本。图书馆供图\n"
    assert corplint.fix(text).text == text  # a caption's deletion is unsafe
    assert corplint.fix(text, unsafe=True).text == "今天上午，春季花展在人民公园开幕。\n"


def test_a_config_file_sets_rule_options_and_the_verdict(tmp_path):
    config = tmp_path / "corplint.toml"
    config.write_text('select = ["digits", "mojibake"]\n[verdict]\ndrop = ["mojibake"]\n')
    linter = corplint.Linter(config=config)
    results = list(linter.check_records([{"text": MOJIBAKE}, {"text": STRIPPED}]))
    assert [r.verdict.label for r in results] == ["drop", "keep"]
    assert results[0].verdict.reasons == ("MOJ002",)


def test_a_bad_option_is_a_clear_error():
    with pytest.raises(ConfigError, match="names no known rule"):
        corplint.Linter(settings={"NOPE99": {}})


def test_check_records_keeps_order_ids_and_nested_fields_and_copies_records():
    rows = [
        {"meta": {"id": 7}, "doc": {"text": MOJIBAKE}},
        {"meta": {"id": 8}, "doc": {"text": "今天的天气很好。"}},
        {"meta": {"id": 9}, "doc": {}},
    ]
    linter = corplint.Linter(select=["mojibake"])
    results = list(linter.check_records(rows, text_field="doc.text", id_field="meta.id", fix=True))
    assert [r.id for r in results] == [7, 8, 9]
    assert [r.index for r in results] == [0, 1, 2]
    assert results[0].record["doc"]["text"] == "今天的天气很好。"
    assert results[0].findings == []  # what remains after the fix
    assert results[1].record is rows[1]  # unchanged records are passed through
    assert results[2].error == "no text at 'doc.text'" and not results[2].keep
    assert rows[0]["doc"]["text"] == MOJIBAKE  # the input is never changed


def test_check_records_findings_match_the_command_line_on_jsonl(tmp_path):
    rows = [{"text": MOJIBAKE}, {"text": STRIPPED}, {"text": PAGER}]
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    cli = subprocess.run(
        [sys.executable, "-m", "corplint", "check", str(path), "--output-format", "json"],
        capture_output=True,
        text=True,
    )
    expected = sorted((f["record"], f["code"], f["message"]) for f in json.loads(cli.stdout))
    found = sorted(
        (r.index + 1, f.code, f.message) for r in corplint.check_records(rows) for f in r.findings
    )
    assert found == expected


def test_jobs_give_the_same_results_as_one_process():
    rows = [{"text": t} for t in (MOJIBAKE, STRIPPED, PAGER) * 5]
    linter = corplint.Linter()
    one = [(r.index, [f.to_dict() for f in r.findings]) for r in linter.check_records(rows)]
    two = [(r.index, [f.to_dict() for f in r.findings]) for r in linter.check_records(rows, jobs=2)]
    assert one == two


def test_a_linter_pickles_as_its_arguments():
    linter = corplint.Linter(select=["digits"], settings={"DIG001": {}})
    copy = pickle.loads(pickle.dumps(linter))
    assert copy.codes == linter.codes
    assert [f.to_dict() for f in copy.check(STRIPPED)] == [
        f.to_dict() for f in linter.check(STRIPPED)
    ]


def test_a_reused_linter_carries_nothing_from_one_call_to_the_next():
    linter = corplint.Linter(select=["ALL"], ignore=["links"])
    first = [f.to_dict() for f in linter.check(PAGER)]
    for _ in range(30):
        linter.check(PAGER)
    assert [f.to_dict() for f in linter.check(PAGER)] == first
