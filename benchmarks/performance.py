"""corplint beside the tools users would pick instead, on the same input, in one run.

    pip install -e '.[dev,bench]'
    python -m benchmarks.performance --size-mb 32

Generates ``size-mb`` MB of JSONL from the quality benchmark's clean source
(clean), and as much again from its damaged set (every damage kind mixed),
then times, each in a process of its own so that its peak RSS is its own:

- corplint with all default rules: check (``-j 1`` and ``-j`` every core), and
  ``--fix`` on the damaged file (``-j 1``), through the command line as a user
  runs it (reading, parsing, reporting included);
- ftfy's ``fix_text`` per record and ``badness.is_bad`` per line, autocorrect-py's
  ``format``, OpenCC's Simplified-to-Traditional conversion
  (opencc-python-reimplemented) per record, and jionlp's and Data-Juicer's
  cleaning where they are installed (said so where they are not).

Each tool does a different slice of the job, so the ratios say what a slice
costs beside the whole, not who is better. Generated at run time, never
committed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Each snippet reads the records' texts from argv[1], does its work, and prints
# the seconds spent on the work alone (loading the texts is not timed).
_LOAD = (
    "import json, sys, time\n"
    "texts = [json.loads(l)['text'] for l in open(sys.argv[1], encoding='utf-8')]\n"
)
TOOLS = {
    "ftfy.fix_text per record": "import ftfy\nf = ftfy.fix_text\n"
    "t = time.perf_counter()\nfor x in texts: f(x)\n",
    "ftfy.badness.is_bad per line": "from ftfy import badness\nb = badness.is_bad\n"
    "t = time.perf_counter()\nfor x in texts:\n    for line in x.split('\\n'): b(line)\n",
    "autocorrect-py format": "import autocorrect_py as ac\n"
    "t = time.perf_counter()\nfor x in texts: ac.format(x)\n",
    "OpenCC s2t (opencc-python-reimplemented)": "from opencc import OpenCC\ncc = OpenCC('s2t')\n"
    "t = time.perf_counter()\nfor x in texts: cc.convert(x)\n",
    "jionlp clean_text": "import jionlp as jio\n"
    "t = time.perf_counter()\nfor x in texts: jio.clean_text(x)\n",
    "Data-Juicer clean_html + fix_unicode": "from data_juicer.ops.mapper import "
    "CleanHtmlMapper, FixUnicodeMapper\nops = [CleanHtmlMapper(), FixUnicodeMapper()]\n"
    "t = time.perf_counter()\nfor x in texts:\n    s = {'text': x}\n"
    "    for op in ops: s = op.process_single(s)\n",
}


def write_corpora(folder: Path, size_mb: int) -> tuple[Path, Path]:
    """A clean and a damaged JSONL file of about ``size_mb`` MB each."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.common import clean_corpus
    from benchmarks.quality.corpus import generate

    clean_texts, _ = clean_corpus()
    damaged, _ = generate(per_kind=24, seed=2026)
    damaged_texts = [s.text for s in damaged if s.encoding == "utf-8"]
    out = []
    for name, texts in (("clean.jsonl", clean_texts), ("damaged.jsonl", damaged_texts)):
        path = folder / name
        written, i = 0, 0
        with path.open("w", encoding="utf-8") as fh:
            while written < size_mb * 1_000_000:
                line = json.dumps({"id": i, "text": texts[i % len(texts)]}, ensure_ascii=False)
                fh.write(line + "\n")
                written += len(line.encode()) + 1
                i += 1
        out.append(path)
    return out[0], out[1]


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and stdout of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return time.perf_counter() - start, usage.ru_maxrss / 1024, out


def corplint(*args: str) -> list[str]:
    return [sys.executable, "-m", "corplint", "check", *args, "--isolated", "--no-progress"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=32)
    parser.add_argument("--write-to", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_to:
        write_corpora(args.write_to, args.size_mb)
        return
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        # written by a child process: this one stays small, so that the children
        # it forks start small and their peak RSS is their own
        subprocess.run(
            [sys.executable, "-m", "benchmarks.performance", "--size-mb", str(args.size_mb),
             "--write-to", tmp],
            check=True,
            cwd=ROOT,
        )  # fmt: skip
        clean, damaged = Path(tmp) / "clean.jsonl", Path(tmp) / "damaged.jsonl"
        mb = clean.stat().st_size / 1e6
        rows: list[tuple[str, float | None, float | None, str]] = []
        for label, command in (
            ("corplint check, -j 1 (clean)", corplint(str(clean), "-j", "1", "--statistics")),
            (
                f"corplint check, -j {cores} (clean)",
                corplint(str(clean), "-j", str(cores), "--statistics"),
            ),
            (
                "corplint --fix, -j 1 (damaged)",
                corplint(str(damaged), "-j", "1", "--fix", "--statistics"),
            ),
        ):
            seconds, rss, _ = timed(command)
            rows.append((label, seconds, rss, ""))
        base = rows[0][1]
        for label, body in TOOLS.items():
            code = _LOAD + body + "print(time.perf_counter() - t)\n"
            seconds, rss, out = timed([sys.executable, "-c", code, str(clean)])
            try:
                rows.append((label, float(out.strip().splitlines()[-1]), rss, ""))
            except (ValueError, IndexError):
                rows.append((label, None, None, "not installed"))
    print(f"input: {mb:.1f} MB of JSONL (clean); damaged file of the same size; {cores} cores")
    print(f"{'':44} {'MB/s':>8} {'× corplint -j 1':>16} {'peak RSS':>9}")
    for label, seconds, rss, note in rows:
        if seconds is None:
            print(f"{label:44} {note:>8}")
            continue
        ratio = base / seconds if base else 0.0  # type: ignore[operator]
        print(f"{label:44} {mb / seconds:8.1f} {ratio:16.2f} {rss:7.0f} MB")


if __name__ == "__main__":
    main()
