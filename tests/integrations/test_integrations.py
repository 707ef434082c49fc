"""The pipeline steps, each against the real library, each giving the command
line's findings and fixes on the same records."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

MOJIBAKE = "今天的天气很好。".encode().decode("cp1252")
ROWS = [
    {"id": "a", "text": MOJIBAKE},
    {"id": "b", "text": "会议于月日在北京召开，代表们讨论了年的工作计划。"},
    {"id": "c", "text": "今天上午，春季花展在人民公园开幕。\n首页 上一页 3 4 5 下一页 尾页\n"},
    {"id": "d", "text": "这是一段没有问题的文字。"},
]


def _cli(tmp_path, *args: str) -> tuple[list[dict], list[str]]:
    """The command line's findings on ROWS as JSONL, and the texts after ``args``."""
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS))
    command = [sys.executable, "-m", "corplint", "check", str(path), "--no-progress"]
    found = subprocess.run(
        [*command, "--output-format", "json"], capture_output=True, text=True
    ).stdout
    if args:
        subprocess.run([*command, *args], capture_output=True, text=True)
    texts = [json.loads(line)["text"] for line in path.read_text().splitlines()]
    return json.loads(found), texts


def _key(record: int, finding: dict) -> tuple:
    return (record, finding["code"], finding["line"], finding["column"], finding["message"])


def test_hugging_face_map_and_filter_match_the_command_line(tmp_path):
    datasets = pytest.importorskip("datasets", reason="the hf extra installs datasets")
    from corplint.integrations.hf import annotate, keep

    expected, _ = _cli(tmp_path)
    ds = datasets.Dataset.from_list(ROWS)
    annotated = ds.map(annotate(), batched=True, batch_size=2, num_proc=2)
    found = sorted(
        _key(i + 1, f) for i, row in enumerate(annotated) for f in row["corplint_findings"]
    )
    assert found == sorted(_key(f["record"], f) for f in expected)
    assert annotated["corplint_verdict"] == ["keep", "drop", "keep", "keep"]
    assert annotated["corplint_reasons"][1] == ["DIG003"]
    kept = ds.filter(keep(), batched=True, num_proc=2)
    assert kept["id"] == ["a", "c", "d"]


def test_hugging_face_fix_gives_the_command_lines_fixed_text(tmp_path):
    datasets = pytest.importorskip("datasets", reason="the hf extra installs datasets")
    from corplint.integrations.hf import annotate

    _, fixed = _cli(tmp_path, "--fix")
    ds = datasets.Dataset.from_list(ROWS).map(annotate(fix=True), batched=True)
    assert ds["text"] == fixed
    assert ds["text"][0] == "今天的天气很好。"


def test_datatrove_filter_and_formatter_match_the_command_line(tmp_path):
    pytest.importorskip("datatrove", reason="the datatrove extra installs datatrove")
    from datatrove.data import Document

    from corplint.integrations.datatrove import CorplintFilter, CorplintFormatter

    expected, fixed = _cli(tmp_path, "--fix")
    docs = [Document(text=r["text"], id=r["id"]) for r in ROWS]
    kept = list(CorplintFilter().run(iter(docs)))
    assert [d.id for d in kept] == ["a", "c", "d"]
    by_code = {d.id: d.metadata["corplint"]["by_code"] for d in docs}
    for index, row in enumerate(ROWS, 1):
        codes = sorted(f["code"] for f in expected if f["record"] == index)
        assert sorted(c for c, n in by_code[row["id"]].items() for _ in range(n)) == codes
    formatted = list(
        CorplintFormatter().run(iter(Document(text=r["text"], id=r["id"]) for r in ROWS))
    )
    assert [d.text for d in formatted] == fixed


def test_datatrove_steps_pickle_for_executors():
    pytest.importorskip("datatrove", reason="the datatrove extra installs datatrove")
    import pickle

    from datatrove.data import Document

    from corplint.integrations.datatrove import CorplintFilter

    step = pickle.loads(pickle.dumps(CorplintFilter(select=["mojibake"])))
    assert step.filter(Document(text=MOJIBAKE, id="x")) is True
    assert step.linter.codes <= {c for c in step.linter.codes if c.startswith("MOJ")}


def _pipeline_examples() -> list[str]:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Pipelines", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


@pytest.mark.parametrize("source", _pipeline_examples())
def test_the_readme_pipeline_examples_run(source):
    for module in re.findall(r"^(?:import|from) (datasets|datatrove)\b", source, re.M):
        pytest.importorskip(module, reason=f"the example needs {module}")
    exec(compile(source, "README.md", "exec"), {})


def test_the_readme_has_pipeline_examples():
    assert len(_pipeline_examples()) >= 2


def test_data_juicer_operators_match_the_command_line(tmp_path):
    """Runs wherever ``corplint[data-juicer]`` is installed: CI installs it in an
    environment of its own (Data-Juicer pins its own packages)."""
    pytest.importorskip("data_juicer", reason="py-data-juicer is not installed")
    from data_juicer.core.data import NestedDataset
    from data_juicer.ops.base_op import OPERATORS
    from data_juicer.utils.constant import Fields

    from corplint.integrations import data_juicer as dj

    expected, fixed = _cli(tmp_path, "--fix")
    rows = [{"text": r["text"]} for r in ROWS]
    mapped = OPERATORS.modules[dj.MAPPER]().run(NestedDataset.from_list(rows))
    assert list(mapped["text"]) == fixed
    kept = OPERATORS.modules[dj.FILTER]().run(NestedDataset.from_list(rows))
    assert list(kept["text"]) == [r["text"] for r in ROWS if r["id"] != "b"]
    codes = [s["corplint_codes"] for s in kept[Fields.stats]]
    by_record = {i: sorted({f["code"] for f in expected if f["record"] == i}) for i in range(1, 5)}
    assert codes == [by_record[1], by_record[3], by_record[4]]
