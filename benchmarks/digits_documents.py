"""DIG003 (digits-stripped-document) on every source document, per genre.

    pip install -e '.[dev]'
    python -m benchmarks.digits_documents

The quality benchmark draws a few dozen documents a kind and cycles its
pools; this measures the document-level digits rule on all of the
benchmark's source documents of each Simplified genre (People's Daily news
articles, reviews grouped three to a document), never those held out to train
the model:

* recall: documents with two or more ASCII numbers, with every one deleted
  (numbers with decimals and a percent sign as a whole), that DIG003 reports;
* false alarms: documents with no Arabic digit in their prose at all (the
  only clean documents DIG003 can fire on) that it reports.

Issue 6's bar is recall >= 0.98 at precision >= 0.995 in each genre.
"""

from __future__ import annotations

import random
import re

from benchmarks.quality.sources import news_documents, reviews
from corplint.rules.digits.numerals import looks_stripped, prose_has_digits

NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?%?")


def genres() -> dict[str, list[str]]:
    revs = reviews()
    random.Random(3).shuffle(revs)
    return {
        "news": ["\n".join(a[:12]) for a in news_documents()],
        "review": ["\n".join(revs[i : i + 3]) for i in range(0, len(revs) - 2, 3)],
    }


def main() -> None:
    for genre, docs in genres().items():
        stripped = [NUMBER.sub("", d) for d in docs if len(NUMBER.findall(d)) >= 2]
        digit_free = [d for d in docs if not prose_has_digits(d)]
        caught = sum(map(looks_stripped, stripped))
        false = sum(map(looks_stripped, digit_free))
        print(
            f"{genre:7s} recall {caught / len(stripped):.3f} ({caught} of {len(stripped)} "
            f"stripped documents); false alarms {false} of {len(digit_free)} digit-free "
            "clean documents"
        )


if __name__ == "__main__":
    main()
