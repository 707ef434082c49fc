"""Word lists shipped as package data, and one fast regex per list.

A regex alternation of a few hundred literal words makes Python's ``re`` try
every alternative at every position; the same words folded into a trie
(``百家乐|百家姓`` -> ``百家(?:乐|姓)``) let it reject most positions on the
first character, which is what keeps the spam rules at tens of MB/s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from pathlib import Path


def read_terms(text: str) -> list[str]:
    """Terms of a list file: one per line, ``#`` comments and blank lines ignored."""
    terms = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            terms.append(line)
    return terms


@cache
def package_terms(name: str) -> tuple[str, ...]:
    """The terms of ``corplint/data/<name>``."""
    return tuple(read_terms(files("corplint").joinpath("data", name).read_text("utf-8")))


def file_terms(paths: Iterable[str | Path]) -> list[str]:
    """Terms of user word-list files (the ``extra-words`` option).

    Raises OSError or UnicodeDecodeError with the path in the message, so the
    configuration error names the file.
    """
    terms: list[str] = []
    for path in paths:
        try:
            terms += read_terms(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise OSError(f"cannot read word list {path}: {exc}") from exc
    return terms


def trie_pattern(words: Iterable[str]) -> str:
    """A regex source matching any of ``words`` (longest first at each branch)."""
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True
    return _node_pattern(trie) or "(?!)"


def _node_pattern(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    if len(branches) == 1:
        body = branches[0]
        if ends:
            return f"(?:{body})?" if len(body) > 1 else f"{body}?"
        return body
    singles = [b for b in branches if len(b) == 1]
    multi = [b for b in branches if len(b) > 1]
    if singles and len(singles) > 1:
        multi.append("[" + "".join(singles) + "]")
    else:
        multi += singles
    body = "(?:" + "|".join(multi) + ")"
    return body + "?" if ends else body


def compile_terms(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern for ``words`` built as a trie, matching Latin letters in any usual case.

    The cases are spelled out (``av``, ``AV``, ``Av``) instead of using
    ``re.IGNORECASE``, which stops ``re`` from skipping ahead to the
    possible first characters and costs a factor of eight in speed.
    """
    variants = {v for w in words for v in (w, w.lower(), w.upper(), w.capitalize())}
    return re.compile(trie_pattern(sorted(variants)))
