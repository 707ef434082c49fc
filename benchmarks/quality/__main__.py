"""``python -m benchmarks.quality``: build the corpus, run corplint, print the tables.

Options: ``--per-kind N`` documents per damage kind (default 24; the clean
control set has as many), ``--seed``, ``--json PATH`` to keep the numbers for
tracking over time, ``--keep DIR`` to keep the corpus, ``--seeds DIR`` for the
hand-labelled seeds (default ``../shared/seeds`` beside the repository).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.quality import run
from benchmarks.quality.corpus import generate, sample_path, write_corpus
from benchmarks.quality.score import Report, changed_share, fix_exactness, score
from benchmarks.quality.seeds import SeedResult, evaluate

ROOT = Path(__file__).resolve().parents[2]


def run_benchmark(root: Path, per_kind: int, seed: int, select: list[str] | None = None) -> Report:
    """Generate the corpus under ``root``, run the CLI in check and fix mode, and score it."""
    damaged, clean = generate(per_kind, seed)
    write_corpus(root, damaged, clean)
    paths = {id(s): sample_path(s) for s in damaged + clean}
    report = score(damaged, clean, run.check(root, select), paths)
    for unsafe in (False, True):
        fixed = run.fix(root, damaged + clean, unsafe, select)
        exact = fix_exactness(damaged, fixed)
        changed = changed_share(clean, fixed)
        if unsafe:
            report.fix_exact_unsafe, report.clean_changed_unsafe = exact, changed
        else:
            report.fix_exact, report.clean_changed = exact, changed
    return report


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def print_report(console: Console, report: Report) -> None:
    table = Table(title="corplint quality by category")
    for col in ("category", "line P", "line R", "line F1", "doc P", "doc R", "false/MB clean"):
        table.add_column(col, justify="left" if col == "category" else "right")
    for cat in report.categories():
        line, doc = report.line[cat], report.doc[cat]
        table.add_row(
            cat,
            _fmt(line.precision),
            _fmt(line.recall),
            _fmt(line.f1),
            _fmt(doc.precision),
            _fmt(doc.recall),
            f"{report.false_per_mb(cat):.2f}",
        )
    console.print(table)

    kinds = Table(title="by damage kind")
    columns = (
        "kind",
        "category",
        "defects",
        "span R",
        "line P",
        "line R",
        "line F1",
        "doc P",
        "doc R",
        "fix safe",
        "fix unsafe",
    )
    for col in columns:
        kinds.add_column(col, justify="left" if col in ("kind", "category") else "right")
    for name, counts in report.kind.items():
        line, doc = report.kind_line[name], report.kind_doc[name]
        safe = report.fix_exact.get(name)
        unsafe = report.fix_exact_unsafe.get(name)
        kinds.add_row(
            name,
            report.kind_category[name],
            str(counts.gold),
            _fmt(counts.recall),
            _fmt(line.precision),
            _fmt(line.recall),
            _fmt(line.f1),
            _fmt(doc.precision),
            _fmt(doc.recall),
            _fmt(safe[0] / safe[1]) if safe else "—",
            _fmt(unsafe[0] / unsafe[1]) if unsafe else "—",
        )
    console.print(kinds)

    genres = Table(title="document level by source genre")
    for col in ("kind", "genre", "documents", "doc P", "doc R"):
        genres.add_column(col, justify="left" if col in ("kind", "genre") else "right")
    for key, counts in sorted(report.kind_doc_genre.items()):
        kind, genre = key.split("/", 1)
        genres.add_row(kind, genre, str(counts.gold), _fmt(counts.precision), _fmt(counts.recall))
    console.print(genres)
    console.print(
        f"clean control set: {report.clean_mb:.2f} MB; bytes changed by --fix: "
        f"{report.clean_changed:.4%}, by --fix --unsafe-fixes: {report.clean_changed_unsafe:.4%}"
    )


def print_seeds(console: Console, results: list[SeedResult]) -> None:
    table = Table(title="seeds: hand-labelled defects and clean passages")
    for col in ("seed", "category", "label", "evidence", "flagged", ""):
        table.add_column(col)
    for r in results:
        evidence = r.evidence if len(r.evidence) <= 28 else r.evidence[:27] + "…"
        table.add_row(
            r.seed[:3],
            r.category,
            "defect" if r.expected else "clean",
            evidence,
            "yes" if r.flagged else "no",
            "ok" if r.ok else "MISS" if r.expected else "FALSE",
        )
    console.print(table)
    caught = sum(r.flagged for r in results if r.expected)
    false = sum(r.flagged for r in results if not r.expected)
    console.print(
        f"seeds: {caught} of {sum(r.expected for r in results)} labelled defects caught; "
        f"{false} of {sum(not r.expected for r in results)} clean passages flagged"
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.quality", description=__doc__)
    parser.add_argument("--per-kind", type=int, default=24)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", type=Path, help="write the numbers to this JSON file")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--select", help="rule selectors to measure (default: the default rules)")
    args = parser.parse_args()
    console = Console(width=max(Console().width, 140))
    select = args.select.split(",") if args.select else None
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        report = run_benchmark(args.keep, args.per_kind, args.seed, select)
    else:
        with tempfile.TemporaryDirectory(prefix="corplint-quality-") as tmp:
            report = run_benchmark(Path(tmp), args.per_kind, args.seed, select)
    print_report(console, report)
    data = report.to_dict()
    if args.seeds.is_dir():
        results = evaluate(args.seeds)
        print_seeds(console, results)
        data["seeds"] = [r.__dict__ | {"ok": r.ok} for r in results]
    else:
        console.print(f"seeds: {args.seeds} not found, skipped")
    if args.json:
        args.json.write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
