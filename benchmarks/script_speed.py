"""The script rules and the half-width punctuation rule beside autocorrect-py.

    pip install -e '.[dev,bench]'
    python -m benchmarks.script_speed

Speed: SCR001 (mixed script), SCR004 (pinyin annotations) and PUN001
(half-width punctuation) together, one core, in process, over the quality
benchmark's whole clean source; autocorrect-py's ``format`` over the same
documents in the same run. The bar of issue 5 is >= 60 MB/s for the three.

Disagreement: on the benchmark's half-width punctuation documents, how often
corplint's fix and autocorrect's ``format`` give back the original text, and
how many clean documents each of them changes (autocorrect also inserts
spaces between Chinese and Latin letters or digits, which corplint never does).
"""

from __future__ import annotations

import argparse
import time

from benchmarks.common import clean_corpus, time_engine
from corplint.config.registry import build_registry
from corplint.core.document import Document
from corplint.core.finding import Applicability
from corplint.engine.engine import Engine

CODES = ("SCR001", "SCR004", "PUN001")


def engine() -> Engine:
    registry = build_registry(load_entry_points=False)
    return Engine([registry.rules[code]() for code in CODES])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-kind", type=int, default=60)
    args = parser.parse_args()
    import autocorrect_py as autocorrect

    from benchmarks.quality.corpus import generate

    texts, mb = clean_corpus()
    rules = engine()
    ours, findings = time_engine(rules, texts)
    start = time.perf_counter()
    ac_changed = sum(autocorrect.format(t) != t for t in texts)
    theirs = time.perf_counter() - start
    safe = frozenset({Applicability.SAFE})
    ours_changed = sum(rules.fix(Document(t), safe).changed for t in texts)
    print(f"clean text: {len(texts)} documents, {mb:.1f} MB")
    print(f"corplint {'+'.join(CODES)}: {mb / ours:7.1f} MB/s ({findings} findings)")
    print(f"autocorrect-py format    : {mb / theirs:7.1f} MB/s (ratio {theirs / ours:.1f})")
    print(f"clean documents changed  : corplint --fix {ours_changed}, autocorrect {ac_changed}")

    damaged, _ = generate(args.per_kind, 2026)
    punct = [s for s in damaged if s.kind == "halfwidth-punctuation"]
    pun = Engine([build_registry(load_entry_points=False).rules["PUN001"]()])
    both = ours_only = theirs_only = neither = 0
    for sample in punct:
        ours_ok = pun.fix(Document(sample.text), safe).document.text == sample.original
        theirs_ok = autocorrect.format(sample.text) == sample.original
        both += ours_ok and theirs_ok
        ours_only += ours_ok and not theirs_ok
        theirs_only += theirs_ok and not ours_ok
        neither += not ours_ok and not theirs_ok
    print(
        f"half-width punctuation documents ({len(punct)}): original restored by both {both}, "
        f"by corplint only {ours_only}, by autocorrect only {theirs_only}, by neither {neither}"
    )


if __name__ == "__main__":
    main()
