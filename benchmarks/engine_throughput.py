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

COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
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
        record = {"id": i, "url": f"https://news.example.cn/{i}.html", "text": text,
                  "meta": {"source": "bench", "lang": "zh"}}
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
    from corplint.engine import Engine
    from corplint.plugins import build_registry
    from corplint.reporters.machine import JsonLinesReporter
    from corplint.runner import RunOptions, Runner

    registry = build_registry()
    runner = Runner(registry, Engine([]), set(), RunOptions(), JsonLinesReporter(io.StringIO(), {}),
                    notices=sys.stderr)
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
    parser.add_argument("--small-mb", type=int, default=64,
                        help="size of the comparison run that shows memory is flat")
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
            out = subprocess.run([sys.executable, __file__, "--child", str(path)],
                                 check=True, capture_output=True, text=True).stdout
            results[label] = json.loads(out)
            os.unlink(path)
    print(json.dumps(results, indent=2))
    large = results["large"]
    print(f"\nengine, no rules: {large['mb_per_s']} MB/s over {large['bytes'] / 1e9:.2f} GB "
          f"({large['documents']} records); peak RSS {results['small']['peak_rss_mb']} MB at "
          f"{args.small_mb} MB vs {large['peak_rss_mb']} MB at {args.size_mb} MB")


if __name__ == "__main__":
    main()
