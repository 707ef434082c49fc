"""Time per MB of every default rule as the document grows: no rule may cost
more per MB in one long document than in many short ones.

    python -m benchmarks.rule_scaling            # 1, 4 and 16 MB
    python -m benchmarks.rule_scaling --sizes 1,4 --rules SCR001,LAY001

The text is the quality benchmark's clean source with its damaged documents
mixed in (every damage kind), cut into documents of 1 MB, and glued into one
document of 4 and of 16 MB (a corpus concatenated into one file, a common
input). For each rule (and for all default rules together) it prints the
seconds per MB on the 1 MB documents and on each long document, and the
ratio of the longest to the 1 MB figure; the bar is 1.5. Each rule runs
through the public API, configured once, as a pipeline would run it.
"""

from __future__ import annotations

import argparse
import time

import corplint
from corplint.api.wiring import setup

BAR = 1.5


def _text(megabytes: int) -> str:
    """``megabytes`` MB of clean and damaged documents, one after another."""
    from benchmarks.common import clean_corpus
    from benchmarks.quality.corpus import generate

    clean, _ = clean_corpus()
    damaged, _ = generate(per_kind=8, seed=2026)
    docs = [s.text for s in damaged if s.encoding == "utf-8"]
    cycled = docs * (len(clean) // len(docs) + 1)
    mixed = [x for pair in zip(clean, cycled[: len(clean)], strict=True) for x in pair]
    out, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        doc = mixed[i % len(mixed)]
        out.append(doc)
        size += len(doc.encode())
        i += 1
    return "\n\n".join(out)


def _pieces(text: str, megabytes: int) -> list[str]:
    """``text`` cut at paragraph breaks into documents of about ``megabytes`` MB."""
    step = len(text) * megabytes * 1_000_000 // len(text.encode())
    pieces, start = [], 0
    while start < len(text):
        end = text.find("\n\n", start + step)
        end = len(text) if end < 0 else end + 2
        pieces.append(text[start:end])
        start = end
    return pieces


def _seconds(linter: corplint.Linter, docs: list[str]) -> float:
    start = time.perf_counter()
    for doc in docs:
        linter.check(doc)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1,4,16", help="document sizes in MB; the first is the base"
    )
    parser.add_argument("--rules", help="comma-separated codes (default: every default rule)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    text = _text(max(sizes))
    mb = len(text.encode()) / 1e6
    layouts = {size: _pieces(text, size) for size in sizes}
    codes = sorted(rule.code for rule in setup().engine.rules if not rule.network)
    if args.rules:
        codes = args.rules.split(",")
    header = " | ".join(f"s/MB at {size} MB" for size in sizes)
    print(f"{mb:.1f} MB of text, as documents of {', '.join(map(str, sizes))} MB\n")
    print(f"| rule | {header} | ratio {sizes[-1]} MB / {sizes[0]} MB |")
    print("|---|" + "---:|" * (len(sizes) + 1))
    worst = 0.0
    for code in [*codes, "all default"]:
        linter = corplint.Linter(select=None if code == "all default" else [code])
        linter.check(layouts[sizes[0]][0][:10_000])  # models load once, outside the timing
        per_mb = [_seconds(linter, layouts[size]) / mb for size in sizes]
        ratio = per_mb[-1] / max(per_mb[0], 1e-9)
        worst = max(worst, ratio) if code != "all default" else worst
        cells = " | ".join(f"{x:.4f}" for x in per_mb)
        flag = "" if ratio <= BAR else " (over the bar)"
        print(f"| {code} | {cells} | {ratio:.2f}{flag} |", flush=True)
    print(f"\nworst rule ratio: {worst:.2f} (bar {BAR})")


if __name__ == "__main__":
    main()
