"""Speed of the digits and punctuation categories on clean text.

    pip install -e '.[dev]'
    python -m benchmarks.digits_speed

Every rule of the two categories (DIG001-DIG003, PUN001-PUN003, including
PUN002, which is off by default), one core, in process, over the quality
benchmark's whole clean source. The bar of issue 6 is >= 50 MB/s.
"""

from __future__ import annotations

from benchmarks.common import clean_corpus, time_engine
from corplint.engine import Engine
from corplint.plugins import build_registry


def main() -> None:
    registry = build_registry(load_entry_points=False)
    codes = sorted(c for c, r in registry.rules.items() if r.category in ("digits", "punctuation"))
    rules = Engine([registry.rules[code]() for code in codes])
    texts, mb = clean_corpus()
    seconds, findings = time_engine(rules, texts)
    print(f"clean text: {len(texts)} documents, {mb:.1f} MB")
    print(f"corplint {'+'.join(codes)}: {mb / seconds:7.1f} MB/s ({findings} findings)")


if __name__ == "__main__":
    main()
