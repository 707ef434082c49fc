"""``python -m benchmarks.real``: corplint against hand-labelled real crawled text.

Prints, for the development half and the test half (split by source site):
line precision and recall per category (spam and boilerplate also together as
``junk``), recall per labelled kind, false findings per MB of labelled-good
text, and what ``--fix`` and ``--fix --unsafe-fixes`` did to good lines and
to defect lines. Needs ``../shared/real`` (see its README) and, for the news
pages, trafilatura (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from benchmarks.real.corpus import REAL, documents
from benchmarks.real.labels import load
from benchmarks.real.score import (
    JUNK,
    Labelled,
    Report,
    fix_effects,
    flagged_lines,
    match,
    score,
    write,
)


def measure(docs: list[Labelled], fixes: bool = True) -> Report:
    with tempfile.TemporaryDirectory(prefix="corplint-real-") as tmp:
        root = Path(tmp)
        write(docs, root / "docs")
        report = score(docs, flagged_lines(docs, root))
        if fixes:
            report.fixes = {
                "fix": fix_effects(docs, root, unsafe=False),
                "fix --unsafe-fixes": fix_effects(docs, root, unsafe=True),
            }
    return report


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def render(name: str, report: Report, misses: int = 10) -> str:
    out = [
        f"## {name}: {report.documents} documents, {report.good_mb:.3f} MB of labelled-good text",
        "",
    ]
    out.append(
        "| category | labelled lines | flagged lines | precision | recall | false / MB good |"
    )
    out.append("|---|---:|---:|---:|---:|---:|")
    for cat in sorted(report.categories, key=lambda c: (c != "junk", c)):
        s = report.categories[cat]
        out.append(
            f"| {cat} | {s.labelled} | {s.flagged} | {_pct(s.precision())} | {_pct(s.recall())} "
            f"| {report.false_per_mb(cat):.1f} |"
        )
    out += ["", "| kind | labelled lines | caught | recall |", "|---|---:|---:|---:|"]
    for kind, total, caught in sorted((k, v[0], v[1]) for k, v in report.kinds.items()):
        out.append(f"| {kind} | {total} | {caught} | {caught / total:.2f} |")
    if report.fixes:
        out += [
            "",
            "| mode | good lines changed | defect lines changed | defect joined with good |",
            "|---|---:|---:|---:|",
        ]
        for mode, c in report.fixes.items():
            out.append(
                f"| {mode} | {c.good_changed} of {c.good_lines} | {c.defect_changed} of "
                f"{c.defect_lines} | {c.defect_damaged} |"
            )
    if misses:
        junk = [m for m in report.misses if m[2].split("/")[0] in JUNK]
        out += ["", f"Missed junk lines (first {misses} of {len(junk)}):"]
        out += [f"- {doc}:{line} {label}" for doc, line, label in junk[:misses]]
        out += ["", f"False alarms on good lines (first {misses} of {len(report.false_alarms)}):"]
        out += [f"- {doc}:{line} {cat}" for doc, line, cat in report.false_alarms[:misses]]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.real", description=__doc__)
    parser.add_argument("--half", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--no-fix", action="store_true", help="skip the two --fix runs")
    parser.add_argument("--misses", type=int, default=10, help="how many misses to list")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument(
        "--write",
        type=Path,
        metavar="DIR",
        help="write the chosen half's documents under DIR (one text file each, as linted) "
        "and stop: for `corplint report DIR`",
    )
    args = parser.parse_args(argv)
    if not REAL.is_dir():
        print(f"the real text is not at {REAL} (see benchmarks/real/LABELS.md)", file=sys.stderr)
        return 2
    labelled, drifted = match(list(documents()), load())
    if drifted:
        print(
            f"skipped {len(drifted)} document(s) whose text changed since labelling",
            file=sys.stderr,
        )
    halves = ("dev", "test") if args.half == "both" else (args.half,)
    if args.write:
        docs = [d for d in labelled if d.doc.half in halves]
        write(docs, args.write)
        print(f"{len(docs)} documents written under {args.write}", file=sys.stderr)
        return 0
    figures = {}
    for half in halves:
        docs = [d for d in labelled if d.doc.half == half]
        report = measure(docs, fixes=not args.no_fix)
        print(render(f"{half} half", report, args.misses), end="\n\n")
        figures[half] = {
            cat: {
                "precision": s.precision(),
                "recall": s.recall(),
                "false_per_mb": report.false_per_mb(cat),
            }
            for cat, s in report.categories.items()
        }
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
