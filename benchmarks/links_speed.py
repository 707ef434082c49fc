"""Speed of the links, markup and layout categories on Markdown/HTML-heavy text.

    pip install -e '.[dev]'
    python -m benchmarks.links_speed

The quality benchmark's clean source, rewritten as the pages these rules are
for: half as Markdown posts with front matter and images every few
paragraphs (``.md``), half as scraped HTML pages (``.html``) — ``<p>``
paragraphs on one line with ``<img>`` tags between them, as WeChat exports
look. Clean: every URL is well formed, and markup is where it belongs. One
core, in process, best of five (this machine's timings drift by a third from
one run to the next). The bar of
issue 8 is >= 50 MB/s for the three categories together.
"""

from __future__ import annotations

import random
import time

from benchmarks.common import clean_corpus
from benchmarks.quality.damage_web import _image_url, markdown_with_images
from corplint.config.registry import build_registry
from corplint.core.document import Document
from corplint.engine.engine import Engine

CATEGORIES = ("links", "markup", "layout")
# The fastest of several runs estimates the cost of the code itself: on a shared
# machine a run is only ever slowed down by others, never sped up.
REPEATS = 5


def html_page(rng: random.Random, text: str) -> str:
    """A clean document as one line of ``<p>`` paragraphs with images between them."""
    out = []
    for i, para in enumerate(text.rstrip("\n").split("\n")):
        out.append(f"<p>{para}</p>")
        if i % 3 == 1:
            out.append(f'<p><img src="{_image_url(rng)}" data-size="640,340" alt="{i}.jpg"></p>')
    return "<div>" + "".join(out) + "</div>\n"


def documents() -> tuple[list[Document], float]:
    rng = random.Random(8)
    texts, _ = clean_corpus()
    docs = []
    for i, text in enumerate(texts):
        if i % 2:
            docs.append(Document(markdown_with_images(rng, text), format="markdown"))
        else:
            docs.append(Document(html_page(rng, text), format="html"))
    return docs, sum(len(d.text.encode("utf-8")) for d in docs) / 1e6


def time_rules(engine: Engine, docs: list[Document]) -> tuple[float, int]:
    for doc in docs[:300]:
        engine.check(Document(doc.text, format=doc.format))
    fresh = [Document(d.text, format=d.format) for d in docs]
    start = time.perf_counter()
    findings = sum(len(engine.check(d)) for d in fresh)
    return time.perf_counter() - start, findings


def main() -> None:
    registry = build_registry(load_entry_points=False)
    docs, mb = documents()
    print(f"Markdown/HTML text: {len(docs)} documents, {mb:.1f} MB")
    total = 0.0
    for category in CATEGORIES:
        codes = sorted(
            c for c, r in registry.rules.items() if r.category == category and r.enabled_by_default
        )
        engine = Engine([registry.rules[c]() for c in codes])
        seconds, findings = min(time_rules(engine, docs) for _ in range(REPEATS))
        total += seconds
        print(f"{category:8} {'+'.join(codes):40} {mb / seconds:7.1f} MB/s ({findings} findings)")
    together = Engine(
        [
            r()
            for c, r in registry.rules.items()
            if r.category in CATEGORIES and r.enabled_by_default
        ]
    )
    seconds, findings = min(time_rules(together, docs) for _ in range(REPEATS))
    print(f"together (one engine): {mb / seconds:7.1f} MB/s ({findings} findings)")


if __name__ == "__main__":
    main()
