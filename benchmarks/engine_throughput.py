"""Engine throughput and memory: read a large JSONL corpus with no rule selected.

The bar (issue 2): the engine alone reads a 1 GB JSONL at >= 150 MB/s with
flat memory. The corpus is generated here, deterministically, never committed:

    python benchmarks/engine_throughput.py --size-mb 1024

It runs the same path as ``corplint check --select ''``: discovery, streaming
reader, JSON parsing, Document creation, the (empty) rule loop and reporting.
Peak RSS is read after a small and after the full run, so "flat" is measured,
not assumed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The 3,755 level-1 characters of GB2312: the common characters of modern Chinese.
COMMON = "".join(
    bytes([hi, lo]).decode("gb2312")
    for hi in range(0xB0, 0xD8)
    for lo in range(0xA1, 0xFF)
    if (hi, lo) < (0xD7, 0xFA)
)
PUNCT = "，。、；：！？“”《》（）"


def make_corpus(path: Path, size_mb: int, seed: int = 7) -> None:
    """Write a JSONL corpus of Chinese-like records, ~0.3-3 KB of text each."""
    rng = random.Random(seed)
    pool = []
    for i in range(2000):
        n = rng.randint(100, 1000)
        text = "".join(
            rng.choice(PUNCT) if rng.random() < 0.08 else rng.choice(COMMON) for _ in range(n)
        )
        record = {
            "id": i,
            "url": f"https://news.example.cn/{i}.html",
            "text": text,
            "meta": {"source": "bench", "lang": "zh"},
        }
        pool.append((json.dumps(record, ensure_ascii=False) + "\n").encode())
    target = size_mb * 1024 * 1024
    written = 0
    with path.open("wb") as fh:
        while written < target:
            chunk = b"".join(pool)
            fh.write(chunk)
            written += len(chunk)


def run_engine(path: Path) -> dict:
    """Run the no-rule check in this process and return throughput and peak RSS."""
    from corplint.config.registry import build_registry
    from corplint.engine.engine import Engine
    from corplint.engine.run import Runner, RunOptions
    from corplint.reporters.machine import JsonLinesReporter

    registry = build_registry()
    runner = Runner(
        registry,
        Engine([]),
        set(),
        RunOptions(),
        JsonLinesReporter(io.StringIO(), {}),
        notices=sys.stderr,
    )
    start = time.perf_counter()
    summary = runner.run([str(path)])
    elapsed = time.perf_counter() - start
    size = path.stat().st_size
    return {
        "bytes": size,
        "documents": summary.documents,
        "seconds": round(elapsed, 2),
        "mb_per_s": round(size / elapsed / 1e6, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument(
        "--small-mb",
        type=int,
        default=64,
        help="size of the comparison run that shows memory is flat",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_engine(Path(args.child))))
        return
    with tempfile.TemporaryDirectory(prefix="corplint-bench-") as tmp:
        results = {}
        for label, size in (("small", args.small_mb), ("large", args.size_mb)):
            path = Path(tmp) / f"{label}.jsonl"
            make_corpus(path, size)
            # a fresh process per size, so peak RSS is that run's own
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(path)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            results[label] = json.loads(out)
            os.unlink(path)
    print(json.dumps(results, indent=2))
    large = results["large"]
    print(
        f"\nengine, no rules: {large['mb_per_s']} MB/s over {large['bytes'] / 1e9:.2f} GB "
        f"({large['documents']} records); peak RSS {results['small']['peak_rss_mb']} MB at "
        f"{args.small_mb} MB vs {large['peak_rss_mb']} MB at {args.size_mb} MB"
    )


if __name__ == "__main__":
    main()
