"""--output-format documents: one line per document, with a keep/drop verdict."""

from __future__ import annotations

import json


def _lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_every_document_gets_a_line_and_stripped_numbers_are_dropped(tmp_path, cli):
    (tmp_path / "a-clean.txt").write_text("今天天气很好，我们去公园散步。\n", encoding="utf-8")
    stripped = "自月日以来，全省累计报告病例例，其中重症例，治愈出院人，新增确诊病例例。\n" * 3
    (tmp_path / "b-stripped.txt").write_text(stripped, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        '{"text": "第一条，好的。"}\nnot json\n{"text": "第三条\\u200b有零宽空格。"}\n',
        encoding="utf-8",
    )
    result = cli("check", str(tmp_path), "--output-format", "documents", "--isolated")
    lines = _lines(result.out)
    assert [(d["path"].rsplit("/", 1)[-1], d["record"]) for d in lines] == [
        ("a-clean.txt", None),
        ("b-stripped.txt", None),
        ("c.jsonl", 1),
        ("c.jsonl", 2),
        ("c.jsonl", 3),
    ]
    verdicts = [d["verdict"] for d in lines]
    assert verdicts == ["keep", "drop", "keep", "drop", "keep"]
    assert lines[0]["findings"] == 0 and lines[0]["by_code"] == {}
    assert "DIG003" in lines[1]["reasons"] and lines[1]["by_category"]["digits"] >= 1
    assert lines[3]["reasons"] == ["ENC006"]
    assert lines[4]["by_code"] == {"MOJ006": 1}
    assert result.code == 1


def test_the_policy_comes_from_the_configuration(tmp_path, cli):
    (tmp_path / "doc.txt").write_text("正文\u200b里有\u200b两个零宽空格。\n", encoding="utf-8")
    config = tmp_path / "corplint.toml"
    config.write_text('[verdict]\ndrop = ["mojibake"]\n', encoding="utf-8")
    args = ("check", str(tmp_path / "doc.txt"), "--output-format", "documents", "--config")
    (line,) = _lines(cli(*args, str(config)).out)
    assert line["verdict"] == "drop" and line["reasons"] == ["MOJ006"]
    config.write_text("[verdict]\ndrop = []\nmax-findings = 1\n", encoding="utf-8")
    (line,) = _lines(cli(*args, str(config)).out)
    assert line["verdict"] == "drop" and line["reasons"] == ["more than 1 findings"]
    config.write_text("[verdict]\ndrop = []\nmax-findings = 2\n", encoding="utf-8")
    (line,) = _lines(cli(*args, str(config)).out)
    assert line["verdict"] == "keep"


def test_a_bad_policy_names_the_key(tmp_path, cli):
    (tmp_path / "doc.txt").write_text("正文。\n", encoding="utf-8")
    config = tmp_path / "corplint.toml"
    config.write_text('[verdict]\ndrop-if = ["DIG003"]\n', encoding="utf-8")
    result = cli("check", str(tmp_path / "doc.txt"), "--config", str(config))
    assert result.code == 2 and "drop-if" in result.err
    config.write_text('[verdict]\ndrop = ["NOPE9"]\n', encoding="utf-8")
    result = cli(
        "check", str(tmp_path / "doc.txt"), "--config", str(config), "--output-format", "documents"
    )
    assert result.code == 2 and "NOPE9" in result.err
