"""Speed of the spam and boilerplate categories on clean text.

    pip install -e '.[dev]'
    python -m benchmarks.spam_speed

Per-document rules (SPM001, SPM002, BLP001, BLP002) through the engine, then
the corpus pass of BLP003 (``observe`` on every document, then ``check``),
one core, in process, over the quality benchmark's whole clean source.
The bar of issue 7 is >= 40 MB/s for the two categories together. Each
figure is the best of three runs: this machine's timings drift by a third from
one run to the next.
"""

from __future__ import annotations

import time

from benchmarks.common import clean_corpus, time_engine
from corplint.config.registry import build_registry
from corplint.core.document import Document
from corplint.engine.engine import Engine
from corplint.rules.boilerplate import TemplateLine


def main() -> None:
    registry = build_registry(load_entry_points=False)
    codes = sorted(
        c
        for c, r in registry.rules.items()
        if r.category in ("spam", "boilerplate") and not r.corpus
    )
    texts, mb = clean_corpus()
    print(f"clean text: {len(texts)} documents, {mb:.1f} MB")
    engine = Engine([registry.rules[c]() for c in codes])
    seconds, findings = min(time_engine(engine, texts) for _ in range(3))
    print(f"corplint {'+'.join(codes)}: {mb / seconds:7.1f} MB/s ({findings} findings)")
    docs = [Document(t) for t in texts]
    corpus_seconds, found = min(_corpus_pass(docs) for _ in range(3))
    print(
        f"corplint BLP003 (corpus pass + check): {mb / corpus_seconds:7.1f} MB/s ({found} findings)"
    )
    total = seconds + corpus_seconds
    print(f"spam + boilerplate together: {mb / total:7.1f} MB/s")


def _corpus_pass(docs: list[Document]) -> tuple[float, int]:
    rule = TemplateLine()
    start = time.perf_counter()
    for doc in docs:
        rule.observe(doc)
    found = sum(1 for doc in docs for _ in rule.check(doc))
    return time.perf_counter() - start, found


if __name__ == "__main__":
    main()
