"""The hand-labelled seed corpus beside the repository (skipped where it is absent).

Seeds are examples of damage, never rule data: this test only measures the
shipped rules against their labels.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from corplint.config import tomllib
from corplint.plugins import build_registry


def test_check_seeds_exits_1_without_traceback(seeds):
    result = subprocess.run(
        [sys.executable, "-m", "corplint", "check", str(seeds), "--no-progress"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_labelled_defects_of_shipped_categories_are_caught(cli, seeds):
    labels = tomllib.loads((seeds / "expected.toml").read_text(encoding="utf-8"))
    categories = {rule.category for rule in build_registry().rules.values()}
    result = cli("check", str(seeds), "--output-format", "json", "--select", "ALL")
    findings = json.loads(result.out)
    checked = 0
    for label in labels.get("defect", []) + labels.get("clean", []):
        if label["category"] not in categories:
            continue
        path = seeds / label["seed"]
        text = path.read_text(encoding="utf-8")
        start = text.index(label["evidence"])
        line = text.count("\n", 0, start) + 1
        hits = [
            f
            for f in findings
            if f["path"].endswith(label["seed"])
            and f["category"] == label["category"]
            and f["line"] <= line + label["evidence"].count("\n")
            and f["end_line"] >= line
        ]
        # within the line, a finding must overlap the evidence's columns
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        end_col = col + len(label["evidence"])
        hits = [
            f
            for f in hits
            if f["line"] != line or (f["column"] < end_col and f["end_column"] > col)
        ]
        caught = bool(hits)
        is_defect = label in labels.get("defect", [])
        assert caught == is_defect, label
        checked += 1
    assert checked, "no label of a shipped category: nothing was measured"
