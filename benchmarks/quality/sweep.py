"""Line-level precision and recall pooled over many seeds of the quality benchmark.

    python -m benchmarks.quality.sweep --seeds 1-12 --select LNK,MKP,LAY

One seed at 24 documents per kind holds a few dozen defects of a kind, so its
recall moves by several points from one seed to the next (a standard error of
about 0.03 at 0.9 over 80 lines). A bar is a statement about the rules, not
about one draw: this sums the counts of every seed (check only, no fixes)
and prints each seed's figures beside the pooled ones, with the lowest seed.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.quality import run
from benchmarks.quality.corpus import generate, sample_path, write_corpus
from benchmarks.quality.score import Counts, Report, score


def seed_report(per_kind: int, seed: int, select: list[str] | None) -> Report:
    """Generate one seed's corpus in a temporary folder, check it and score it."""
    damaged, clean = generate(per_kind, seed)
    with tempfile.TemporaryDirectory(prefix="corplint-sweep-") as tmp:
        root = Path(tmp)
        write_corpus(root, damaged, clean)
        paths = {id(s): sample_path(s) for s in damaged + clean}
        return score(damaged, clean, run.check(root, select), paths)


def _seeds(spec: str) -> list[int]:
    out: list[int] = []
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        out += range(int(lo), int(hi or lo) + 1)
    return out


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.quality.sweep", description=__doc__)
    parser.add_argument("--seeds", default="1-10", help="seeds, as 1-10 or 3,7,2026")
    parser.add_argument("--per-kind", type=int, default=24)
    parser.add_argument("--select", help="rule selectors to measure (default: the default rules)")
    args = parser.parse_args()
    select = args.select.split(",") if args.select else None
    pooled: dict[str, Counts] = defaultdict(Counts)
    per_seed: dict[str, list[tuple[int, Counts]]] = defaultdict(list)
    clean_findings: dict[str, int] = defaultdict(int)
    clean_mb = 0.0
    for seed in _seeds(args.seeds):
        report = seed_report(args.per_kind, seed, select)
        for category, counts in report.line.items():
            total = pooled[category]
            total.tp += counts.tp
            total.fp += counts.fp
            total.gold += counts.gold
            total.caught += counts.caught
            per_seed[category].append((seed, counts))
        for category, n in report.clean_findings.items():
            clean_findings[category] += n
        clean_mb += report.clean_mb
    table = Table(title=f"line level over seeds {args.seeds} ({args.per_kind} per kind)")
    for column in ("category", "pooled P", "pooled R", "lowest P (seed)", "lowest R (seed)"):
        table.add_column(column)
    table.add_column("false/MB clean", justify="right")
    for category in sorted(pooled):
        if not pooled[category].tp + pooled[category].fp and not clean_findings[category]:
            continue  # nothing selected reports this category
        runs = per_seed[category]
        with_p = [(c.precision, s) for s, c in runs if c.precision is not None]
        with_r = [(c.recall, s) for s, c in runs if c.recall is not None]
        low_p = min(with_p, default=None)
        low_r = min(with_r, default=None)
        table.add_row(
            category,
            _fmt(pooled[category].precision),
            _fmt(pooled[category].recall),
            f"{low_p[0]:.3f} ({low_p[1]})" if low_p else "—",
            f"{low_r[0]:.3f} ({low_r[1]})" if low_r else "—",
            f"{clean_findings[category] / clean_mb:.2f}" if clean_mb else "—",
        )
    Console(width=140).print(table)


if __name__ == "__main__":
    main()
