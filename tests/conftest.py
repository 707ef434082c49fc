"""Shared fixtures: run the CLI in-process as a black box, find the seeds."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from corplint.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


@dataclass
class CliResult:
    code: int
    out: str
    err: str
    out_bytes: bytes


@pytest.fixture
def cli(monkeypatch):
    """Run ``corplint ARGS`` in this process, capturing stdout/stderr as a user sees them."""

    def run(*args: str, stdin: bytes = b"") -> CliResult:
        out, err = io.BytesIO(), io.BytesIO()
        stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
        stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
        monkeypatch.setattr(sys, "stdout", stdout)
        monkeypatch.setattr(sys, "stderr", stderr)
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        stdout.flush()
        stderr.flush()
        raw = out.getvalue()
        return CliResult(code, raw.decode("utf-8", "replace"), err.getvalue().decode(), raw)

    return run


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS} (it lives beside the repository)")
    return SEEDS
