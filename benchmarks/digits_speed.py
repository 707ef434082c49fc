"""Speed of the digits and punctuation categories on clean text.

    pip install -e '.[dev]'
    python -m benchmarks.digits_speed

The rules of the two categories that run by default, then all of them
(PUN002 is off by default), one core, in process, over the quality
benchmark's whole clean source. The bar of issue 6 is >= 50 MB/s.
"""

from __future__ import annotations

from benchmarks.common import clean_corpus, time_engine
from corplint.config.registry import build_registry
from corplint.engine.engine import Engine


def main() -> None:
    registry = build_registry(load_entry_points=False)
    every = sorted(c for c, r in registry.rules.items() if r.category in ("digits", "punctuation"))
    default = [c for c in every if registry.rules[c].enabled_by_default]
    texts, mb = clean_corpus()
    print(f"clean text: {len(texts)} documents, {mb:.1f} MB")
    for codes in (default, every):
        seconds, findings = time_engine(Engine([registry.rules[c]() for c in codes]), texts)
        print(f"corplint {'+'.join(codes)}: {mb / seconds:7.1f} MB/s ({findings} findings)")


if __name__ == "__main__":
    main()
