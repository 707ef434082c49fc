"""The Ray engine gives the local engine's findings and fixes (issue 9).

A local Ray instance with two CPUs serves the whole module. The corpus holds a
template line in enough documents for BLP003 (its corpus pass is shared out
and merged), mojibake, spam and a JSONL file, so the comparison covers
per-document rules, corpus rules and record numbering.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from corplint.cli.main import main

ray = pytest.importorskip("ray", reason="the ray extra is not installed")

TEMPLATE = "本网站所有内容均为原创，转载请注明出处并保留链接地址"
PARAGRAPHS = [
    "今天上午，市政府召开新闻发布会，介绍今年以来全市经济运行情况。",
    "记者从会上获悉，全市规模以上工业增加值同比增长，消费市场持续回暖。",
    "据介绍，下一步将继续抓好重点项目建设，推动经济高质量发展。",
    "会议强调，要认真做好民生保障工作，确保各项政策落到实处。",
]
MOJIBAKE = "浠婂ぉ涓婂崍锛屽競鏀垮簻鍙紑鏂伴椈鍙戝竷浼氥€"


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    for i in range(6):
        body = "\n".join(PARAGRAPHS[i % 4 :] + PARAGRAPHS[: i % 4])
        extra = MOJIBAKE + "\n" if i == 2 else ""
        (corpus / f"page{i}.txt").write_text(f"{body}\n{extra}{TEMPLATE}\n", encoding="utf-8")
    records = []
    for i in range(5):
        text = PARAGRAPHS[i % 4] + "\n" + TEMPLATE
        if i == 3:
            text += "\n\ufeff第二段。\r\n"  # a stray BOM and a CRLF inside a record
        records.append(json.dumps({"id": i, "text": text}, ensure_ascii=False))
    (corpus / "records.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    (root / "pyproject.toml").write_text(
        "[tool.corplint.rules.BLP003]\nmin-documents = 5\n", encoding="utf-8"
    )
    return corpus


def _json_run(args: list[str], capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["check", *args, "--output-format", "json", "--no-progress"])
    return code, capsys.readouterr().out


def test_cli_findings_are_the_local_ones(tmp_path, monkeypatch, capsys):
    corpus = _corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    local_code, local = _json_run([str(corpus.name), "-j", "1"], capsys)
    ray_code, on_ray = _json_run([str(corpus.name), "--engine", "ray"], capsys)
    assert (ray_code, on_ray) == (local_code, local)
    codes = {f["code"] for f in json.loads(local)}
    assert "BLP003" in codes, "the corpus rule must fire for the comparison to mean something"
    assert len(json.loads(local)) >= 10


def test_cli_fixes_are_the_local_ones(tmp_path, monkeypatch, capsys):
    corpus = _corpus(tmp_path)
    shutil.copytree(corpus, tmp_path / "copy")
    monkeypatch.chdir(tmp_path)
    main(["check", "corpus", "--fix", "--unsafe-fixes", "-j", "1", "--no-progress", "-q"])
    main(["check", "copy", "--fix", "--unsafe-fixes", "--engine", "ray", "--no-progress", "-q"])
    local = {p.name: p.read_bytes() for p in (tmp_path / "corpus").iterdir()}
    on_ray = {p.name: p.read_bytes() for p in (tmp_path / "copy").iterdir()}
    assert on_ray == local
    assert TEMPLATE not in local["page0.txt"].decode("utf-8")  # the fix did something


def test_chunks_of_a_large_jsonl_file_are_tasks_too(tmp_path, monkeypatch, capsys):
    from corplint.engine import tasks

    corpus = _corpus(tmp_path)
    lines = [
        json.dumps({"id": i, "text": PARAGRAPHS[i % 4] + (MOJIBAKE if i % 7 == 0 else "")})
        for i in range(200)
    ]
    (corpus / "big.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(tasks, "CHUNK_BYTES", 2048)  # the driver plans the chunks
    monkeypatch.chdir(tmp_path)
    assert len(list(tasks.plan("corpus/big.jsonl"))) > 4
    local = _json_run(["corpus/big.jsonl", "-j", "1"], capsys)
    assert _json_run(["corpus/big.jsonl", "--engine", "ray"], capsys) == local
    # a compressed file is read by the driver and its chunks sent with the tasks
    packed = tmp_path / "packed.jsonl.gz"
    packed.write_bytes(gzip.compress((corpus / "big.jsonl").read_bytes(), mtime=0))
    assert len(list(tasks.read_chunks(str(packed)))) > 4
    on_ray = _json_run([str(packed), "--engine", "ray"], capsys)
    assert on_ray == _json_run([str(packed), "-j", "1"], capsys)
    assert on_ray[1].count('"record"') == local[1].count('"record"') > 0
    shutil.copy(corpus / "big.jsonl", tmp_path / "big-copy.jsonl")
    main(["check", "corpus/big.jsonl", "--fix", "-j", "1", "--no-progress", "-q"])
    main(["check", "big-copy.jsonl", "--fix", "--engine", "ray", "--no-progress", "-q"])
    assert (tmp_path / "big-copy.jsonl").read_bytes() == (corpus / "big.jsonl").read_bytes()


def test_standard_input_is_refused(capsys):
    code = main(["check", "-", "--engine", "ray", "--no-progress"])
    assert code == 2
    assert "reads files, not standard input" in capsys.readouterr().err


def test_dataset_findings_are_the_local_ones(tmp_path, monkeypatch, capsys):
    from corplint.integrations.ray_data import lint_dataset

    corpus = _corpus(tmp_path)
    jsonl = corpus / "records.jsonl"
    _, local = _json_run([str(jsonl), "-j", "1", "--isolated", "--ignore", "BLP003"], capsys)
    # the local run numbers records by line; the records' ids are their line - 1
    expected = sorted(
        (f["record"] - 1, f["line"], f["column"], f["end_line"], f["end_column"], f["code"])
        for f in json.loads(local)
    )
    dataset = ray.data.read_json(str(jsonl))
    result = lint_dataset(dataset, id_field="id")  # corpus rules are left out
    found = sorted(
        (r["id"], r["line"], r["column"], r["end_line"], r["end_column"], r["code"])
        for r in result.findings.take_all()
    )
    assert found == expected
    assert expected, "the records must hold findings for the comparison to mean something"
    assert result.fixed is None


def test_dataset_fix_gives_the_local_text(tmp_path, capsys):
    from corplint.integrations.ray_data import lint_dataset

    corpus = _corpus(tmp_path)
    jsonl = corpus / "records.jsonl"
    original = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    result = lint_dataset(ray.data.read_json(str(jsonl)), fix=True)
    fixed = sorted(result.fixed.take_all(), key=lambda r: r["id"])  # read before the local fix
    main(["check", str(jsonl), "--fix", "-j", "1", "--isolated", "--ignore", "BLP003", "-q"])
    local = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in fixed] == [r["text"] for r in local]
    assert [r["id"] for r in fixed] == [r["id"] for r in local]
    assert [r["text"] for r in local] != [r["text"] for r in original], "nothing was fixed"
