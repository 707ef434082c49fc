"""What the side-by-side speed benchmarks share: the clean corpus and the timing of corplint."""

from __future__ import annotations

import time

from corplint.core.document import Document
from corplint.engine.engine import Engine


def clean_corpus() -> tuple[list[str], float]:
    """Every clean document of the quality benchmark's source, and its size in MB of UTF-8."""
    from benchmarks.quality.clean import clean_texts

    texts = [t for _, t in clean_texts()]
    return texts, sum(len(t.encode("utf-8")) for t in texts) / 1e6


def time_engine(engine: Engine, texts: list[str]) -> tuple[float, int]:
    """Seconds to check every text, and findings.

    A warm-up first checks a few hundred of the texts, so that what rules build
    once per process on first use (the character model, the numeral scanner of
    each threshold, compiled word lists) is not counted: over a corpus of
    gigabytes it costs nothing per MB.
    """
    engine.check(Document("预热：加载字符模型。鎴戜滑，這裡"))
    for text in texts[:300]:
        engine.check(Document(text))
    start = time.perf_counter()
    findings = sum(len(engine.check(Document(t))) for t in texts)
    return time.perf_counter() - start, findings
