"""The mojibake category beside ftfy: speed on clean Chinese text, repairs and harm.

    pip install -e '.[dev,bench]'
    python -m benchmarks.mojibake_speed

Speed: the six mojibake rules (one core, in process, as the engine runs them)
and ftfy's ``fix_text`` and ``badness.is_bad`` per line, over the same clean
text (the quality benchmark's whole clean source, ~17 MB). The issue's bar is
>= 30 MB/s for the category.

Repairs: on the quality benchmark's restorable UTF-8-as-GBK and UTF-8-as-Latin
documents, the share that ``corplint --fix`` and ``ftfy.fix_text`` give back
byte for byte. Harm: the share of clean documents each of them changes.
"""

from __future__ import annotations

import argparse
import time

from benchmarks.common import clean_corpus, time_engine
from corplint.config.registry import build_registry
from corplint.core.document import Document
from corplint.core.finding import Applicability
from corplint.engine.engine import Engine


def mojibake_engine() -> Engine:
    registry = build_registry(load_entry_points=False)
    return Engine([rule() for rule in registry.rules.values() if rule.category == "mojibake"])


def time_ftfy(texts: list[str]) -> tuple[float, float, int]:
    import ftfy
    from ftfy import badness

    start = time.perf_counter()
    changed = 0
    for text in texts:
        for line in text.splitlines():
            changed += ftfy.fix_text(line) != line
    fix_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for text in texts:
        for line in text.splitlines():
            badness.is_bad(line)
    return fix_seconds, time.perf_counter() - start, changed


def repairs(engine: Engine, per_kind: int) -> dict[str, tuple[int, ...]]:
    """kind -> (restorable documents, restored by corplint --fix, by ftfy.fix_text with its
    defaults, by ftfy.fix_text limited to encoding repairs)."""
    import ftfy

    from benchmarks.quality.corpus import generate

    # ftfy's defaults also rewrite width, quotes and line breaks: this config
    # asks it for the encoding repair alone, the fairest comparison
    encoding_only = ftfy.TextFixerConfig(
        unescape_html=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        normalization=None,
    )
    damaged, _ = generate(per_kind, 2026)
    out: dict[str, list[int]] = {}
    safe = frozenset({Applicability.SAFE})
    for sample in damaged:
        if sample.kind not in ("utf8-as-gbk", "utf8-as-latin") or not sample.restorable:
            continue
        row = out.setdefault(sample.kind, [0, 0, 0, 0])
        row[0] += 1
        row[1] += engine.fix(Document(sample.text), safe).document.text == sample.original
        row[2] += ftfy.fix_text(sample.text) == sample.original
        row[3] += ftfy.fix_text(sample.text, encoding_only) == sample.original
    return {k: tuple(v) for k, v in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-kind", type=int, default=60)
    args = parser.parse_args()
    texts, mb = clean_corpus()
    engine = mojibake_engine()
    ours, findings = time_engine(engine, texts)
    fix_s, bad_s, ftfy_changed = time_ftfy(texts)
    safe = frozenset({Applicability.SAFE})
    ours_changed = sum(engine.fix(Document(t), safe).changed for t in texts)
    print(f"clean text: {len(texts)} documents, {mb:.1f} MB")
    print(f"corplint mojibake rules : {mb / ours:8.1f} MB/s  ({findings} findings)")
    print(f"ftfy.fix_text per line  : {mb / fix_s:8.1f} MB/s  (ratio {fix_s / ours:.1f})")
    print(f"ftfy.badness.is_bad     : {mb / bad_s:8.1f} MB/s  (ratio {bad_s / ours:.1f})")
    print(
        f"clean documents changed : corplint --fix {ours_changed}, ftfy.fix_text: "
        f"{ftfy_changed} lines"
    )
    for kind, (n, ours_ok, ftfy_ok, ftfy_enc_ok) in repairs(engine, args.per_kind).items():
        print(
            f"{kind:14} restorable {n:3}: corplint --fix restores {ours_ok / n:.3f}, "
            f"ftfy.fix_text {ftfy_ok / n:.3f}, ftfy encoding-only {ftfy_enc_ok / n:.3f}"
        )


if __name__ == "__main__":
    main()
