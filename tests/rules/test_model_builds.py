"""The models shipped as package data are what their build scripts make: each
script, run again, writes the shipped file byte for byte."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("script", "data", "needs"),
    [
        ("build_char_model.py", "rules/_shared/data/zh_chars.bin.gz", "jieba"),
        ("build_cut_model.py", "rules/layout/data/cut_breaks.json.gz", "snownlp"),
    ],
)
def test_build_script_reproduces_the_shipped_model(tmp_path, script, data, needs):
    if importlib.util.find_spec(needs) is None:
        pytest.skip(f"rebuilding {data} needs {needs}")
    out = tmp_path / Path(data).name
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == (ROOT / "src" / "corplint" / data).read_bytes()
