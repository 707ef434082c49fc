"""Which files a run reads: corpus formats only, never a virtual environment,
node_modules, build output or what .gitignore leaves out."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from corplint.cli.main import main
from corplint.io.discovery import Discovery, discover, is_corpus_file

ROOT = Path(__file__).resolve().parents[2]
DAMAGED = "\ufeff新闻\x00稿件\n"  # a BOM and a NUL: both safe to fix
RECORD = '{"text": "新闻\\u0000稿件"}\n'  # a NUL in a JSONL record
CORPUS = [
    "data/a.txt",
    "data/b.md",
    "data/c.html",
    "data/d.jsonl",
    "data/e.ndjson",
    "data/f.jsonl.gz",
    "data/g.parquet",
    "data/deep/h.txt",
]
NOT_CORPUS = [
    "script.py",
    "pyproject.toml",
    ".gitignore",
    "README",
    ".venv/lib/junk.txt",
    "env2/share/x.txt",  # a virtual environment by its pyvenv.cfg, whatever its name
    "node_modules/pkg/README.md",
    "build/out.txt",
    "ignored/secret.txt",
    "notes.tmp.txt",
    "data/deep/skip.tmp.txt",
]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    name = path.name
    if name.endswith(".parquet"):
        pq = pytest.importorskip("pyarrow.parquet")
        import pyarrow as pa

        pq.write_table(pa.table({"text": [text]}), path)
    elif name.endswith(".jsonl.gz"):
        path.write_bytes(gzip.compress(RECORD.encode()))
    elif name.endswith((".jsonl", ".ndjson")):
        path.write_text(RECORD, encoding="utf-8")
    else:
        path.write_bytes(text.encode())


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A dataset repository: corpus files beside code, config, a virtual
    environment, node_modules, build output and ignored files, all damaged."""
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    for name in CORPUS + NOT_CORPUS:
        _write(root / name, DAMAGED)
    (root / ".venv" / "pyvenv.cfg").write_text("home = /usr\n")
    (root / "env2" / "pyvenv.cfg").write_text("home = /usr\n")
    (root / ".gitignore").write_text("ignored/\n*.tmp.txt\n")
    return root


def _found(root: Path, *paths: str, **how: object) -> list[str]:
    cwd = os.getcwd()
    os.chdir(root)
    try:
        items = list(discover(list(paths) or ["."], Discovery(**how)))  # type: ignore[arg-type]
    finally:
        os.chdir(cwd)
    return sorted(os.path.relpath(item, ".") for item in items if isinstance(item, str))


def test_walking_finds_exactly_the_corpus_files(repo):
    assert _found(repo) == sorted(CORPUS)


def test_gitignore_can_be_disregarded(repo):
    found = _found(repo, respect_gitignore=False)
    assert "ignored/secret.txt" in found and "notes.tmp.txt" in found
    assert not any(f.startswith((".venv", "env2", "node_modules", "build")) for f in found)


def test_a_deeper_ignore_file_overrides_a_shallower_one(repo):
    (repo / "data" / "deep" / ".gitignore").write_text("!skip.tmp.txt\n")
    (repo / "data" / ".ignore").write_text("a.txt\n")
    found = _found(repo)
    assert "data/deep/skip.tmp.txt" in found
    assert "data/a.txt" not in found


def test_the_repository_gitignore_applies_below_its_root(repo):
    (repo / "data" / "x.tmp.txt").write_text("文本。\n")
    assert "data/x.tmp.txt" not in _found(repo, "data")


def test_a_folder_named_outright_is_walked_even_if_skipped_by_default(repo):
    assert _found(repo, "build") == ["build/out.txt"]


def test_files_named_outright_are_read_unless_force_excluded(repo):
    named = ["script.py", ".venv/lib/junk.txt", "ignored/secret.txt", "data/a.txt"]
    assert _found(repo, *named) == sorted(named)
    assert _found(repo, *named, force_exclude=True) == ["data/a.txt", "script.py"]


def _digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


def test_fix_in_a_repository_changes_the_corpus_files_only(repo, capsys):
    before = _digests(repo)
    cwd = os.getcwd()
    os.chdir(repo)
    try:
        main(["check", "--fix", "--isolated", "--no-progress", "."])
    finally:
        os.chdir(cwd)
    after = _digests(repo)
    changed = sorted(name for name in before if before[name] != after.get(name))
    assert changed == sorted(CORPUS)
    assert set(after) == set(before)  # nothing left behind, nothing lost


def test_config_can_extend_the_excludes_and_disregard_gitignore(repo):
    (repo / "corplint.toml").write_text(
        'extend-exclude = ["data/deep/**"]\nrespect-gitignore = false\n'
    )
    cwd = os.getcwd()
    os.chdir(repo)
    try:
        out = subprocess.run(
            [sys.executable, "-m", "corplint", "check", "--no-progress", "--select", "ENC002", "."],
            capture_output=True,
            text=True,
        ).stdout
    finally:
        os.chdir(cwd)
    assert "ignored/secret.txt" in out and "data/a.txt" in out
    assert "data/deep/h.txt" not in out


def test_the_hooks_take_the_files_discovery_takes():
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text()
    patterns = set(re.findall(r"files: '([^']+)'", hooks))
    assert len(patterns) == 1
    (pattern,) = patterns
    names = CORPUS + NOT_CORPUS + ["x.TXT", "y.jsonl.zst", "z.md.bz2", "w.htm.xz", "v.csv"]
    for name in names:
        base = os.path.basename(name)
        assert bool(re.search(pattern, name)) == is_corpus_file(base), name
