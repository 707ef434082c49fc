"""Template lines (BLP003): a line that recurs verbatim across many documents of a corpus."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding, Fix
from corplint.core.rule import Option, Rule
from corplint.rules.boilerplate.lines import _line_end


def _without_spaces(text: str) -> str:
    # str.replace runs at memory speed; a regex class of spaces is ten times slower
    for space in (" ", "\t", "\u3000", "\xa0"):
        if space in text:
            text = text.replace(space, "")
    return text


_ANY_LINE = re.compile(r"(?:^|(?<=\r))[^\r\n]+", re.M)


class TemplateLine(Rule):
    """A line that recurs in many documents of the corpus: a site template, not content.

    The runner shows every document to this rule before checking (a corpus
    pass); it counts each distinct line once per document by a 64-bit hash in
    a table of bounded size (lossy counting: when the table is full, the
    rarest lines are dropped, so a count is a lower bound and memory stays
    flat on millions of documents). Every line counted in at least
    ``min-documents`` documents is reported in each document with its count.
    The fix deletes the line and is unsafe: a recurring line may be a legitimate
    sign-off such as ``（完）``.
    """

    code = "BLP003"
    name = "template-line"
    category = "boilerplate"
    finds = (
        "a line found in `min-documents` (20) documents of the corpus, counted in a corpus pass by "
        "64-bit hashes in a table of `table-size` lines (lossy counting keeps memory bounded)"
    )
    fix = Applicability.UNSAFE
    corpus = True
    options = (
        Option("min-documents", 20, "Report a line found in at least this many documents."),
        Option("min-length", 8, "Ignore lines shorter than this (characters, spaces excluded)."),
        Option("table-size", 1_000_000, "Most distinct lines counted at once (bounds memory)."),
    )

    def __init__(self, **settings: object) -> None:
        super().__init__(**settings)
        self.counts: Counter[int] = Counter()
        self.floor = 0  # lossy counting: counts may be low by at most this much
        self._hot: frozenset[int] | None = None

    def _keys(self, doc: Document) -> set[int]:
        """The hashes of the lines that count, spaces removed.

        Python's own string hash (SipHash, 64 bits) is the fastest there is and is
        stable within a run, which is all a count needs: both passes run in one
        process. Spaces are dropped from the whole text first (re-spaced copies
        count as one), and ``str.split`` cuts the lines at memory speed.
        """
        text = _without_spaces(doc.text)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        n = self.settings["min-length"]
        return {hash(line) for line in text.split("\n") if len(line) >= n}

    def observe(self, doc: Document) -> None:
        self._hot = None
        self.counts.update(self._keys(doc))  # Counter.update counts in C
        if len(self.counts) > self.settings["table-size"]:
            self._prune()

    def merge(self, other: Rule) -> None:
        """Add another share's counts; each share's count may be low by its floor,
        so the merged floor is their sum."""
        assert isinstance(other, TemplateLine)
        self._hot = None
        self.counts.update(other.counts)
        self.floor += other.floor
        if len(self.counts) > self.settings["table-size"]:
            self._prune()

    def _prune(self) -> None:
        """Drop the lines seen least, raising the floor, until a quarter of the table is free."""
        target = self.settings["table-size"] * 3 // 4
        while len(self.counts) > target:
            self.floor += 1
            floor = self.floor
            self.counts = Counter({k: n for k, n in self.counts.items() if n > floor})

    def check(self, doc: Document) -> Iterator[Finding]:
        threshold = self.settings["min-documents"]
        counts = self.counts
        if self._hot is None:  # the corpus pass is over: which lines are templates
            self._hot = frozenset(k for k, n in counts.items() if n >= threshold)
        if not self._hot or self._hot.isdisjoint(self._keys(doc)):
            return  # the fast path: positions are looked up only for a template line
        seen = set()
        for m in _ANY_LINE.finditer(doc.text):
            line = _without_spaces(m.group())
            if len(line) < self.settings["min-length"]:
                continue
            key = hash(line)
            n = counts.get(key, 0)
            if n >= threshold and key not in seen:
                seen.add(key)
                more = "at least " if self.floor else ""
                yield Finding(
                    m.start(),
                    m.end(),
                    f"template line: found in {more}{n} documents of the corpus",
                    Fix.delete(m.start(), _line_end(doc.text, m.end()), "unsafe"),
                )
