"""The hand-labelled seeds: which labelled defects corplint catches and which
clean passages it flags."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from benchmarks.quality.model import line_starts
from benchmarks.quality.run import corplint
from corplint.config.settings import tomllib


@dataclass
class SeedResult:
    seed: str
    category: str
    evidence: str
    expected: bool  # True for a [[defect]], False for a [[clean]] passage
    flagged: bool

    @property
    def ok(self) -> bool:
        return self.expected == self.flagged


def evaluate(seeds: Path, select: list[str] | None = None) -> list[SeedResult]:
    """The labels against the default rules, or against the rules ``select`` names."""
    labels = tomllib.loads((seeds / "expected.toml").read_text(encoding="utf-8"))
    selection = ["--select", ",".join(select)] if select else []
    result = corplint(["check", ".", "--output-format", "json", *selection], seeds)
    findings = json.loads(result.stdout or "[]")
    out = []
    for key, expected in (("defect", True), ("clean", False)):
        for label in labels.get(key, []):
            text = (seeds / label["seed"]).read_text(encoding="utf-8")
            starts = line_starts(text)
            if "evidence" in label:
                start = text.find(label["evidence"])
                end = start + len(label["evidence"])
                shown = label["evidence"]
            else:  # a whole-line label
                line = label["line"]
                start = starts[line - 1]
                end = starts[line] - 1 if line < len(starts) else len(text)
                shown = f"line {line}: " + text[start:end].strip()
            flagged = any(
                f["path"] == label["seed"]
                and f["category"] == label["category"]
                and (expected or not _whole_document(starts, text, f))
                and start >= 0
                and _offset(starts, f["line"], f["column"]) < end
                and start
                < max(
                    _offset(starts, f["end_line"], f["end_column"]),
                    _offset(starts, f["line"], f["column"]) + 1,
                )
                for f in findings
            )
            out.append(SeedResult(label["seed"], label["category"], shown, expected, flagged))
    return out


def _whole_document(starts: list[int], text: str, f: dict) -> bool:
    """A finding about the whole document (``digits-stripped-document``) says
    nothing about a passage in it: it does not flag a [[clean]] passage."""
    return (f["line"], f["column"]) == (1, 1) and _offset(
        starts, f["end_line"], f["end_column"]
    ) >= len(text.rstrip("\n"))


def _offset(starts: list[int], line: int, column: int) -> int:
    return starts[line - 1] + column - 1
