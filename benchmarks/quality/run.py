"""Running the real corplint CLI over a generated corpus, in check and in fix mode."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from benchmarks.quality.corpus import sample_path
from benchmarks.quality.model import Sample


class LinterFailed(RuntimeError):
    """corplint exited with 2 (an error) or printed something that is not JSON."""


def corplint(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "corplint", *args, "--no-progress", "--isolated"],
        cwd=cwd,
        capture_output=True,
        text=True,
    )


def check(root: Path, select: list[str] | None = None) -> dict[str, list[dict]]:
    """Findings of ``corplint check --output-format json`` by path relative to ``root``."""
    args = ["check", "damaged", "clean", "--output-format", "json"]
    if select:
        args += ["--select", ",".join(select)]
    result = corplint(args, root)
    if result.returncode not in (0, 1):
        raise LinterFailed(f"corplint exited {result.returncode}: {result.stderr[-2000:]}")
    try:
        findings = json.loads(result.stdout)
    except json.JSONDecodeError as exc:
        raise LinterFailed(f"corplint printed no JSON: {result.stdout[:500]}") from exc
    by_path: dict[str, list[dict]] = defaultdict(list)
    for f in findings:
        by_path[f["path"]].append(f)
    return by_path


def fix(
    root: Path, samples: list[Sample], unsafe: bool, select: list[str] | None
) -> dict[int, bytes]:
    """Bytes of every sample after ``corplint check --fix`` on a copy of the corpus."""
    work = root / ("fixed-unsafe" if unsafe else "fixed-safe")
    if work.exists():
        shutil.rmtree(work)
    for sub in ("damaged", "clean"):
        shutil.copytree(root / sub, work / sub)
    args = ["check", "damaged", "clean", "--fix", "--output-format", "concise", "--quiet"]
    if unsafe:
        args.append("--unsafe-fixes")
    if select:
        args += ["--select", ",".join(select)]
    result = corplint(args, work)
    if result.returncode not in (0, 1):
        raise LinterFailed(f"corplint --fix exited {result.returncode}: {result.stderr[-2000:]}")
    return {id(s): (work / sample_path(s)).read_bytes() for s in samples}
