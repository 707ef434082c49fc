"""The pre-commit hooks, run for real with ``pre-commit try-repo`` in a temporary git repository."""

from __future__ import annotations

import gzip
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or importlib.util.find_spec("pre_commit") is None,
    reason="needs git and the pre-commit package (pre-commit is in the dev extra)",
)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A snapshot of this project as a git repository, so try-repo sees the working tree."""
    repo = tmp_path_factory.mktemp("corplint-src")
    shutil.copytree(
        ROOT,
        repo,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns(".git", ".venv", "*.egg-info", "__pycache__", ".*_cache"),
    )
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "snapshot")
    return repo


DAMAGED = "\ufeff新闻\x00稿件\n"
CORPUS = ("bad.md", "bad.html", "bad.jsonl", "bad.ndjson")
"""With bad.txt, bad.jsonl.gz and bad.parquet: one file of each corpus format."""
UNTOUCHABLE = (
    "script.py",
    ".venv/lib/junk.txt",
    "node_modules/pkg/README.md",
    "pyproject.toml",
    "ignored/secret.txt",
)
"""Damaged too, but code, a committed virtual environment and node_modules,
configuration, and a folder .gitignore leaves out."""


def _dataset(tmp_path: Path) -> Path:
    data = tmp_path / "dataset"
    data.mkdir()
    _git(data, "init", "-q")
    (data / "good.txt").write_text("干净的文档。\n", encoding="utf-8")
    (data / "bad.txt").write_bytes(DAMAGED.encode())
    record = '{"text": "新闻\\u0000稿件"}\n'
    (data / "bad.jsonl.gz").write_bytes(gzip.compress(record.encode()))
    for name in CORPUS:
        (data / name).write_text(
            record if name.endswith((".jsonl", ".ndjson")) else DAMAGED, "utf-8"
        )
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    pq.write_table(pa.table({"text": [DAMAGED]}), data / "bad.parquet")
    for name in UNTOUCHABLE:
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_bytes(DAMAGED.encode())
    (data / ".venv" / "pyvenv.cfg").write_text("home = /usr\n")
    (data / ".gitignore").write_text("ignored/\n")
    _git(data, "add", "-A")
    return data


def _try_repo(repo: Path, data: Path, hook: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(repo),
            hook,
            "--all-files",
            "--color",
            "never",
        ],
        cwd=data,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_check_hook_fails_on_damaged_files(hook_repo, tmp_path):
    data = _dataset(tmp_path)
    result = _try_repo(hook_repo, data, "corplint")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bad.txt:1:1: ENC002" in result.stdout
    assert "bad.txt:1:4: ENC003" in result.stdout
    # identify calls these binary: the hook takes them by name
    assert "bad.jsonl.gz#1:1:3: ENC003" in result.stdout
    assert "bad.parquet#1:1:4: ENC003" in result.stdout
    for name in CORPUS:
        assert f"{name}:" in result.stdout or f"{name}#1:" in result.stdout, name
    for name in UNTOUCHABLE:
        assert name not in result.stdout
    assert "good.txt" not in result.stdout.split("corplint")[-1].replace("Passed", "")


def test_fix_hook_repairs_files(hook_repo, tmp_path):
    data = _dataset(tmp_path)
    result = _try_repo(hook_repo, data, "corplint-fix")
    # pre-commit fails a hook that modified files, as with every fixer
    assert result.returncode == 1, result.stdout + result.stderr
    assert (data / "bad.txt").read_bytes() == "新闻稿件\n".encode()
    assert b"\\u0000" not in gzip.decompress((data / "bad.jsonl.gz").read_bytes())
    for name in CORPUS:
        text = (data / name).read_text("utf-8")
        assert "\\u0000" not in text and "\x00" not in text, name
    for name in UNTOUCHABLE:
        assert (data / name).read_bytes() == DAMAGED.encode(), name
    _git(data, "add", "-A")
    again = _try_repo(hook_repo, data, "corplint-fix")
    assert again.returncode == 0, again.stdout + again.stderr


def test_the_readme_names_this_release_as_the_hook_revision():
    """``rev:`` must name a tag that exists once released: v + the version."""
    from corplint import __version__

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## pre-commit", 1)[1].split("## ", 1)[0]
    assert f"rev: v{__version__}" in section
