"""Which files a run reads: paths expanded as Ruff expands them.

Walking a folder finds the corpus formats only (text, Markdown, HTML, JSONL,
Parquet and their compressed forms), never code, configuration or a virtual
environment's files: ``corplint check --fix .`` in a repository must not
rewrite ``.venv/lib/…`` or a Python comment. Folders that hold no corpus by
convention (virtual environments, ``node_modules``, build and cache folders)
are skipped, and so are the paths ``.gitignore`` and ``.ignore`` files leave
out. A file named on the command line is read whatever its name, unless
``force_exclude`` (what the pre-commit hooks pass) and an exclude matches it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pathspec

from corplint.config.selection import path_matches
from corplint.io.compression import strip_suffix
from corplint.io.readers import Notice
from corplint.io.safefile import is_temporary

CORPUS_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson"}
    | {".parquet"}
)
"""What a folder is searched for (each also compressed: ``.gz``, ``.bz2``, ``.xz``, ``.zst``)."""

SKIPPED_DIRS = frozenset(
    {".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".jj", ".svn", ".pants.d"}
    | {".ipynb_checkpoints", ".mypy_cache", ".nox", ".pytest_cache", ".pytype", ".ruff_cache"}
    | {".tox", ".venv", "venv", ".pyenv", "__pypackages__", "__pycache__", "site-packages"}
    | {".vscode", ".idea", "_build", "buck-out", "build", "dist", "node_modules"}
    | {".corplint-cache"}
)
"""Folders skipped when walking (Ruff's defaults, and corplint's cache). A folder
named on the command line is walked all the same."""

_IGNORE_FILES = (".gitignore", ".ignore")


@dataclass
class Discovery:
    """How paths are expanded; the defaults are what ``corplint check`` does."""

    include: list[str] = field(default_factory=list)
    """Globs a walked file must match; empty: the corpus formats."""
    exclude: list[str] = field(default_factory=list)
    force_exclude: bool = False
    respect_gitignore: bool = True


def is_corpus_file(name: str) -> bool:
    """Whether a file name is one of the corpus formats, compressed or not."""
    return os.path.splitext(strip_suffix(name.lower()))[1] in CORPUS_SUFFIXES


def is_environment(folder: str) -> bool:
    """A virtual environment or a conda environment, whatever its name."""
    return os.path.isfile(os.path.join(folder, "pyvenv.cfg")) or os.path.isdir(
        os.path.join(folder, "conda-meta")
    )


def discover(paths: Iterable[str], how: Discovery | None = None) -> Iterator[str | Notice]:
    """Every file to read, in order, or a :class:`Notice` for a path that cannot
    be read as a file (missing; a FIFO found by walking). ``-`` (standard
    input) is passed through."""
    how = how or Discovery()
    ignores: dict[str, _Ignores] = {}  # by folder, for the files named outright
    read: dict[str, pathspec.GitIgnoreSpec | None] = {}  # ignore files, read once
    for given in paths:
        if given == "-":
            yield "-"
        elif not os.path.exists(given):
            yield Notice(given, "no such file or directory")
        elif not os.path.isdir(given):
            # a file, or a pipe named explicitly (`corplint check <(zcat x.jsonl)`)
            if not (how.force_exclude and _force_excluded(given, how, ignores, read)):
                yield given
        else:
            yield from _walk(given, how, read)


def _walk(
    top: str, how: Discovery, read: dict[str, pathspec.GitIgnoreSpec | None]
) -> Iterator[str | Notice]:
    ignores = _Ignores(top, read) if how.respect_gitignore else None
    for root, dirs, files in os.walk(top):
        if ignores is not None:
            ignores.enter(root)
        kept = []
        for d in sorted(dirs):
            full = os.path.join(root, d)
            if d in SKIPPED_DIRS or is_environment(full) or _excluded(full, how):
                continue
            if ignores is not None and ignores.ignored(full, is_dir=True):
                continue
            kept.append(d)
        dirs[:] = kept
        for name in sorted(files):
            if is_temporary(name):
                continue  # corplint's own half-written output, never an input
            full = os.path.join(root, name)
            if how.include:
                if not any(path_matches(full, pattern) for pattern in how.include):
                    continue
            elif not is_corpus_file(name):
                continue
            if _excluded(full, how) or (ignores is not None and ignores.ignored(full)):
                continue
            if not os.path.isfile(full) and not os.path.islink(full):
                # FIFOs and sockets found by walking would block or fail on open
                yield Notice(full, "skipped: not a regular file", level="warning")
                continue
            yield full


def _excluded(path: str, how: Discovery) -> bool:
    return any(path_matches(path, pattern) for pattern in how.exclude)


def _force_excluded(
    path: str,
    how: Discovery,
    ignores: dict[str, _Ignores],
    read: dict[str, pathspec.GitIgnoreSpec | None],
) -> bool:
    """Whether a file named outright is left out under ``force_exclude``: as if it
    had been found by walking (pre-commit names every tracked file, and a
    committed ``.venv`` is still no corpus)."""
    if _excluded(path, how):
        return True
    folder = os.path.dirname(path)
    parts = os.path.normpath(folder).split(os.sep) if folder else []
    if any(part in SKIPPED_DIRS for part in parts):
        return True
    for depth in range(len(parts)):
        if is_environment(os.sep.join(parts[: depth + 1]) or os.sep):
            return True
    if not how.respect_gitignore:
        return False
    key = os.path.abspath(folder or ".")
    if key not in ignores:
        ignores[key] = _Ignores(key, read)
        ignores[key].enter(key)
    return ignores[key].ignored(path)


class _Ignores:
    """The ``.gitignore`` and ``.ignore`` files that apply under one walked folder:
    those of the folders walked, and of the folders above it up to the
    repository's root. As in git, a deeper file's pattern overrides a shallower
    one's (and, in one folder, ``.ignore`` overrides ``.gitignore``, which
    overrides ``.git/info/exclude``); a ``.gitignore`` counts only inside a git
    repository. ``read`` holds the files already read in this discovery, by
    path: the files named outright make one of these per folder."""

    def __init__(self, top: str, read: dict[str, pathspec.GitIgnoreSpec | None]) -> None:
        self._specs: dict[str, list[pathspec.GitIgnoreSpec]] = {}
        self._read = read
        top = os.path.abspath(top)
        chain = [top]
        while os.path.dirname(chain[-1]) != chain[-1]:
            if os.path.exists(os.path.join(chain[-1], ".git")):
                break
            chain.append(os.path.dirname(chain[-1]))
        self._in_git = os.path.exists(os.path.join(chain[-1], ".git"))
        if self._in_git:
            self._load_file(chain[-1], os.path.join(chain[-1], ".git", "info", "exclude"))
        else:
            chain = [top]
        for folder in reversed(chain[1:]):
            self._load(folder)

    def enter(self, folder: str) -> None:
        self._load(os.path.abspath(folder))

    def _load(self, folder: str) -> None:
        for name in _IGNORE_FILES:
            if name == ".gitignore" and not self._in_git:
                continue
            self._load_file(folder, os.path.join(folder, name))

    def _load_file(self, folder: str, path: str) -> None:
        if path not in self._read:
            try:
                with open(path, encoding="utf-8", errors="replace") as fh:
                    self._read[path] = pathspec.GitIgnoreSpec.from_lines(fh)
            except OSError:
                self._read[path] = None
        spec = self._read[path]
        if spec is not None:
            self._specs.setdefault(folder + os.sep, []).append(spec)

    def ignored(self, path: str, is_dir: bool = False) -> bool:
        path = os.path.abspath(path)
        verdict = False
        for folder, specs in self._specs.items():  # shallower folders first
            if not path.startswith(folder):
                continue
            relative = path[len(folder) :].replace(os.sep, "/") + ("/" if is_dir else "")
            for spec in specs:  # in one folder, the later file wins
                result = spec.check_file(relative).include
                if result is not None:
                    verdict = result
        return verdict


def once_each(files: list[str | Notice]) -> list[str | Notice]:
    """Inputs without repeats: a file named twice, or by a link and by its own
    name, is checked (and fixed) once."""
    seen: set[str] = set()
    out: list[str | Notice] = []
    for item in files:
        if isinstance(item, str) and item != "-":
            real = os.path.realpath(item)
            if real in seen:
                continue
            seen.add(real)
        out.append(item)
    return out
