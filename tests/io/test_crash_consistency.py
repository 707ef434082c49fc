"""Crash consistency of ``--fix`` (issue 21's bar): killed at random moments, never half-written.

For each input format, ``corplint check --fix`` is started on a fresh copy of
a damaged input and sent SIGINT, SIGTERM or SIGKILL at a random moment of its
run (20 moments per signal and format). Right after the kill the input must be
byte-identical to the original or to the complete fixed output; the next
``--fix`` must leave no temporary file behind and the fixed output in place.

Marked ``slow`` (about three minutes on two cores): CI runs it as a step of
its own. ``CORPLINT_CRASH_TRIALS`` changes the number of moments.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

TRIALS = int(os.environ.get("CORPLINT_CRASH_TRIALS", "20"))
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)
ARGS = ("check", "--fix", "--select", "ENC,PUN001", "--no-progress", "-q")


def _texts(n: int, rng: random.Random) -> list[str]:
    base = "国务院新闻办公室今天召开会议，通报经济运行情况。发言人表示，总体平稳。"
    out = []
    for i in range(n):
        text = base * rng.randint(2, 6)
        if i % 3 == 0:
            at = rng.randrange(len(text))
            text = text[:at] + "\x00" + text[at:]  # ENC003: a safe fix
        out.append(text)
    return out


def _jsonl(texts: list[str]) -> bytes:
    return "".join(
        json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)
    ).encode()


def _make(fmt: str, folder: Path) -> Path:
    rng = random.Random(21)
    if fmt == "jsonl":  # large enough to be cut into chunks for -j 2
        path = folder / "in.jsonl"
        path.write_bytes(_jsonl(_texts(40000, rng)))
    elif fmt == "jsonl.gz":
        path = folder / "in.jsonl.gz"
        path.write_bytes(gzip.compress(_jsonl(_texts(15000, rng)), 6))
    elif fmt == "txt":
        path = folder / "in.txt"
        path.write_text("\n".join(_texts(6000, rng)) + "\n", encoding="utf-8")
    else:
        pa = pytest.importorskip("pyarrow", reason="Parquet is an optional extra")
        import pyarrow.parquet as pq

        path = folder / "in.parquet"
        texts = _texts(20000, rng)
        pq.write_table(pa.table({"id": list(range(len(texts))), "text": texts}), path)
    return path


def _run(folder: Path, name: str, jobs: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "corplint", *ARGS, "-j", jobs, name],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".corplint" in p.name)


@pytest.mark.parametrize("fmt", ["jsonl", "jsonl.gz", "txt", "parquet"])
def test_fix_killed_at_random_moments_leaves_old_or_new(tmp_path, fmt):
    source = tmp_path / "source"
    source.mkdir()
    original_path = _make(fmt, source)
    name = original_path.name
    original = original_path.read_bytes()
    jobs = "2" if fmt == "jsonl" else "1"

    reference = tmp_path / "reference"
    shutil.copytree(source, reference)
    started = time.monotonic()
    proc = _run(reference, name, jobs)
    _, err = proc.communicate(timeout=300)
    duration = time.monotonic() - started
    assert proc.returncode in (0, 1), err.decode(errors="replace")
    fixed = (reference / name).read_bytes()
    assert fixed != original, "the input had nothing to fix"

    rng = random.Random(f"{fmt}-crash")
    trials = [(sig, rng.uniform(0.2, duration)) for sig in SIGNALS for _ in range(TRIALS)]

    def trial(index: int) -> str | None:
        sig, moment = trials[index]
        folder = tmp_path / f"trial{index}"
        shutil.copytree(source, folder)
        proc = _run(folder, name, jobs)
        time.sleep(moment)
        if proc.poll() is None:
            proc.send_signal(sig)
        _, err = proc.communicate(timeout=300)
        now = (folder / name).read_bytes()
        if now not in (original, fixed):
            return f"{sig.name} at {moment:.2f}s: the input is neither the original nor fixed"
        if sig != signal.SIGKILL and b"Traceback" in err:
            return f"{sig.name} at {moment:.2f}s: traceback\n{err.decode(errors='replace')}"
        again = _run(folder, name, jobs)
        _, err = again.communicate(timeout=300)
        if again.returncode not in (0, 1):
            return f"{sig.name} at {moment:.2f}s: the next run failed: {err.decode()}"
        if _leftovers(folder):
            return f"{sig.name} at {moment:.2f}s: left behind {_leftovers(folder)}"
        if (folder / name).read_bytes() != fixed:
            return f"{sig.name} at {moment:.2f}s: the next run did not finish the fix"
        shutil.rmtree(folder)
        return None

    with ThreadPoolExecutor(max_workers=2) as pool:
        failures = [f for f in pool.map(trial, range(len(trials))) if f]
    assert failures == []
