"""BLP003 (template-line) on 100,000 generated documents: found, and memory.

    python -m benchmarks.template_lines [--documents N]

Documents are five random lines of common characters each; one line is
planted in 1% of them. Prints how many documents report it, the counting
table's size and the peak RSS of the process (issue 7: < 200 MB).
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from corplint.core.document import Document
from corplint.rules.boilerplate import TemplateLine

PLANTED = "本文来源于网络，版权归原作者所有，如有侵权请联系删除"


def documents(n: int, seed: int = 1):
    rng = random.Random(seed)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    for i in range(n):
        lines = ["".join(rng.choices(alphabet, k=rng.randint(15, 40))) for _ in range(5)]
        if i % 100 == 0:
            lines.insert(rng.randint(0, 5), PLANTED)
        yield Document("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    args = parser.parse_args()
    rule = TemplateLine()
    start = time.perf_counter()
    for doc in documents(args.documents):
        rule.observe(doc)
    found = sum(
        1 for doc in documents(args.documents) for f in rule.check(doc) if PLANTED in doc.text
    )
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.documents} documents, planted in {args.documents // 100}: reported in {found}; "
        f"table {len(rule.counts)} lines (floor {rule.floor}); peak RSS {rss:.0f} MB; "
        f"{seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
