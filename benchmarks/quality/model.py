"""The data model of the benchmark corpus: damaged documents and their labelled defects."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?[”」]?")
LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Defect:
    """One injected defect. ``start``/``end`` are offsets in the damaged text;
    ``file_level`` defects (a wrong codec, a BOM) have no span inside the text."""

    kind: str
    category: str
    start: int = 0
    end: int = 0
    accept: tuple[str, ...] = ()
    file_level: bool = False

    @property
    def categories(self) -> tuple[str, ...]:
        """Categories whose findings count as catching this defect."""
        return (self.category, *self.accept)


@dataclass
class Sample:
    """One document of the benchmark corpus, as written to disk."""

    doc_id: str
    genre: str
    text: str
    original: str
    kind: str = "clean"
    variant: str = ""
    encoding: str = "utf-8"
    suffix: str = ".txt"
    defects: list[Defect] = field(default_factory=list)
    restorable: bool = False
    """True when a perfect fixer could give back ``original`` byte for byte."""
    control_for: str = ""
    """For a clean control document: the damage kind it is the control of."""

    @property
    def filename(self) -> str:
        return f"{self.doc_id}{self.suffix}"

    def data(self) -> bytes:
        return self.text.encode(self.encoding)

    def original_data(self) -> bytes:
        return self.original.encode("utf-8")


def splice(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """Apply non-overlapping (start, end, replacement) edits; return the new text and
    the span each replacement occupies in it."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    length = 0
    for start, end, new in sorted(edits):
        piece = text[pos:start]
        out.append(piece)
        length += len(piece)
        spans.append((length, length + len(new)))
        out.append(new)
        length += len(new)
        pos = end
    out.append(text[pos:])
    return "".join(out), spans


def hole(span: tuple[int, int], text_len: int) -> tuple[int, int]:
    """A deletion leaves an empty span: widen it to the characters either side."""
    start, end = span
    return max(0, start - 1), min(text_len, end + 1)


def line_starts(text: str) -> list[int]:
    """Offsets where lines start (CRLF, CR and LF all end a line, as in corplint)."""
    return [0, *(m.end() for m in LINE_BREAK.finditer(text))]


def lines_of(starts: list[int], start: int, end: int) -> range:
    """1-based lines touched by the characters in [start, end); a line break
    belongs to the line it ends; an empty span touches the line it sits on."""
    first = bisect_right(starts, start)
    last = bisect_right(starts, max(start, end - 1))
    return range(first, last + 1)


def sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in SENTENCE.finditer(text) if len(m.group().strip()) >= 8]
