"""False findings on a large clean corpus: ``python -m benchmarks.quality.clean``.

Every usable document of the clean source (all news articles, all reviews,
and the OpenCC s2tw conversion of every news article) is written to one JSONL
file and checked with the real CLI; findings are counted per category and
per MB. The mojibake issue's bar is at most 1 finding per 10 MB for the whole
category. Options: ``--select`` (default ``ALL``), ``--json PATH``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

from benchmarks.quality.run import corplint
from benchmarks.quality.sources import news_documents, reviews


def clean_texts() -> list[tuple[str, str]]:
    """(genre, text) for every usable clean document of the source."""
    from corplint.rules._shared.scripts import converter

    news = ["\n".join(article) for article in news_documents()]
    revs = reviews()
    grouped = ["\n".join(revs[i : i + 4]) for i in range(0, len(revs), 4)]
    to_hant = converter("s2tw").convert
    return (
        [("news", t) for t in news]
        + [("review", t) for t in grouped]
        + [("news-hant", to_hant(t)) for t in news]
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.quality.clean", description=__doc__)
    parser.add_argument("--select", default="ALL")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    texts = clean_texts()
    with tempfile.TemporaryDirectory(prefix="corplint-clean-") as tmp:
        path = Path(tmp) / "clean.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i, (genre, text) in enumerate(texts):
                fh.write(
                    json.dumps({"id": i, "genre": genre, "text": text}, ensure_ascii=False) + "\n"
                )
        mb = sum(len(t.encode("utf-8")) for _, t in texts) / 1e6
        result = corplint(
            ["check", "clean.jsonl", "--select", args.select, "--output-format", "json"], Path(tmp)
        )
        findings = json.loads(result.stdout)
    by_category = Counter(f["category"] for f in findings)
    by_code = Counter(f["code"] for f in findings)
    print(f"clean text: {len(texts)} documents, {mb:.1f} MB of UTF-8")
    for category, n in sorted(by_category.items()):
        print(f"  {category:12} {n:5} findings = {n / mb * 10:.2f} per 10 MB")
    for code, n in sorted(by_code.items()):
        print(f"    {code} {n}")
    for f in findings[:20]:
        text = texts[f["record"] - 1][1].splitlines()[f["line"] - 1]
        print(
            f"    e.g. {f['code']} record {f['record']}: "
            f"{text[max(0, f['column'] - 12) : f['end_column'] + 12]!r}"
        )
    if not findings:
        print("  no findings")
    if args.json:
        args.json.write_text(
            json.dumps({"mb": mb, "by_category": by_category, "by_code": by_code}, indent=2) + "\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
