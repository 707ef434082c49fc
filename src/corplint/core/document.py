"""The unit every rule checks: one text with its origin and a line index.

A Document is deliberately small and picklable (no open files, no rule state),
so the same object can be checked in this process or shipped to a worker.
Everything derived from the text — the line index, the prose segments — is
computed lazily, because most documents in a clean corpus produce no finding
and never need a position.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field, replace
from typing import TypeVar

T = TypeVar("T")

FORMATS = ("text", "markdown", "html", "jsonl")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_MISSING = object()  # a memo value no computation returns
# YAML front matter at the top of a file (blank lines before it allowed); lazy
# over whole lines, so the closing fence is looked for once a line. Group 1 is
# its body.
FRONT_MATTER = re.compile(
    r"\A\ufeff?(?:[ \t]*\r?\n)*---[ \t]*\r?\n((?:[^\n]*\n)*?)(?:---|\.\.\.)[ \t]*\r?$", re.M
)
# Markup and URLs that are not prose: tags, comments, entities, Markdown link
# targets and bare URLs. Rules about wording look only at what lies between.
_NOT_PROSE = re.compile(
    r"<!--.*?-->"
    r"|<(?:script|style)\b.*?</(?:script|style)\s*>"
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"
    r"|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|(?<=\])\([^()\s]*\)"
    r"|(?:https?|ftp|file)://[^\s<>\"'\u3000-\u303f\uff00-\uffef]+",
    re.S | re.I,
)


class LineIndex:
    """Maps code-point offsets to 1-based (line, column) and back.

    Line breaks are CRLF, CR or LF, so positions agree with what editors show
    whatever the file's line endings are.
    """

    __slots__ = ("_ends", "_starts", "_text_len")

    def __init__(self, text: str) -> None:
        breaks = [m.span() for m in _LINE_BREAK.finditer(text)]
        self._starts = [0, *(end for _, end in breaks)]
        self._ends = [start for start, _ in breaks]
        self._text_len = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self._text_len))
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        return self._starts[line - 1] + column - 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a 1-based line, excluding its line break."""
        start = self._starts[line - 1]
        end = self._ends[line - 1] if line <= len(self._ends) else self._text_len
        return start, end

    def __len__(self) -> int:
        return len(self._starts)


@dataclass(slots=True)
class Document:
    """One document of a corpus.

    ``record`` is the 1-based line number of a JSONL record in its file (None
    for whole files); ``id`` the record's own identifier, where one is named.
    ``encoding`` is the codec the text was read with and will be written back
    in; ``encoding_confidence`` and ``undecodable`` describe how sure the reader
    was, for the encoding rules.
    """

    text: str
    path: str = "<string>"
    format: str = "text"
    record: int | None = None
    id: object = None
    """The record's identifier, from the configured ``id-field`` (None without one)."""
    encoding: str = "utf-8"
    encoding_confidence: float = 1.0
    encoding_candidates: int = 1
    undecodable: int = 0
    lossless: bool = True
    _index: LineIndex | None = field(default=None, repr=False, compare=False)
    _memo: dict | None = field(default=None, repr=False, compare=False)

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    def position(self, offset: int) -> tuple[int, int]:
        return self.index.position(offset)

    def with_text(self, text: str, encoding: str | None = None) -> Document:
        return replace(self, text=text, encoding=encoding or self.encoding, _index=None, _memo=None)

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, once per document and ``key``.

        Rules of one family scan the text for the same things (the spam rules
        for listed terms, the boilerplate rules for role words); the first to
        ask does the scan and the others reuse it. The memo goes with the text:
        a fixed document starts a new one.
        """
        memo = self._memo
        if memo is None:
            memo = self._memo = {}
        value = memo.get(key, _MISSING)
        if value is _MISSING:
            value = memo[key] = compute()
        return value

    def lines(self) -> Iterator[tuple[int, int]]:
        """(start, end) offsets of every line, line breaks excluded."""
        start = 0
        for m in _LINE_BREAK.finditer(self.text):
            yield start, m.start()
            start = m.end()
        if start < len(self.text) or not self.text:
            yield start, len(self.text)

    def front_matter(self) -> tuple[int, int] | None:
        """Offsets of a YAML front-matter block of a Markdown document, if any,
        with the line break after its closing fence."""
        if self.format != "markdown":
            return None
        m = FRONT_MATTER.match(self.text)
        if not m:
            return None
        end = m.end()
        if self.text.startswith("\n", end):
            end += 1
        return m.start(), end

    def prose(self) -> Iterator[tuple[int, int]]:
        """(start, end) offsets of the text outside front matter, markup and URLs."""
        text = self.text
        pos = 0
        fm = self.front_matter()
        if fm:
            pos = fm[1]
        for m in _NOT_PROSE.finditer(text, pos):
            if m.start() > pos:
                yield pos, m.start()
            pos = m.end()
        if pos < len(text):
            yield pos, len(text)
