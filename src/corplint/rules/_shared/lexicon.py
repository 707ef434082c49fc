"""Word lists shipped as package data, and one fast regex per list.

A regex alternation of a few hundred literal words makes Python's ``re`` try
every alternative at every position; the same words folded into a trie
(``百家乐|百家姓`` -> ``百家(?:乐|姓)``) let it reject most positions on the
first character, which is what keeps the spam rules at tens of MB/s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
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
def package_terms(package: str, name: str) -> tuple[str, ...]:
    """The terms of ``data/<name>`` in ``package`` (a rule family keeps its lists
    in its own folder)."""
    return tuple(read_terms(files(package).joinpath("data", name).read_text("utf-8")))


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


def flat_trie_pattern(words: Iterable[str]) -> str:
    """Like :func:`trie_pattern`, but an alternation at the top whose every branch
    starts with a literal character.

    That shape is what lets ``re`` skip ahead to the possible first characters
    (a branch starting with a character class, as ``trie_pattern`` makes of
    one-character words, turns the skip off).
    """
    trie: dict = {}
    for word in words:
        if word:
            node = trie
            for ch in word:
                node = node.setdefault(ch, {})
            node[""] = True
    branches = []
    for ch, child in sorted(trie.items()):
        body = _node_pattern(child)
        if body and "" in child:
            body = f"(?:{body})?"
        branches.append(re.escape(ch) + body)
    return "|".join(branches) or "(?!)"


def rare_anchored(
    words: Iterable[str], commonness: Callable[[str], float], after: str = ""
) -> re.Pattern[str]:
    """A pattern that finds where any of ``words`` occurs, each anchored on its
    rarest character: ``百家乐`` becomes ``家(?<=百家)(?=乐)`` if 家 is rarest.

    ``re`` skips ahead to the characters a pattern can start with; a trie of
    spam terms starts with 一, 人 and 国 (``一区二区``, ``人妻``, ``国产精品``),
    which are everywhere, so it stops at most positions. Starting each branch
    at its rarest character lets it skip almost everything: 2.7 times faster
    on clean text. A match covers only that character, inside the word.
    ``after`` is a pattern that must follow each word.
    """
    branches = set()
    for word in words:
        if not word:
            continue
        k = min(range(len(word)), key=lambda i: commonness(word[i]))
        branch = re.escape(word[k])
        if k:
            branch += f"(?<={re.escape(word[: k + 1])})"
        rest = re.escape(word[k + 1 :]) + after
        if rest:
            branch += f"(?={rest})"
        branches.add(branch)
    return re.compile("|".join(sorted(branches)) or "(?!)")


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
