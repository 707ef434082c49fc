"""Logical lines of a document: physical lines, and paragraphs inside HTML-wrapped lines.

A scraped WeChat post is often one physical line of ``<p>…</p><p>…</p>``;
what a reader sees as lines are the paragraphs. Line-based rules (spam,
boilerplate) look at these segments, so a footer inside ``<p>`` tags is found
and deleted like a footer on a line of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from corplint.core.document import Document

_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6]|section|blockquote|tr|td)\b[^<>]*>", re.I)
_TAG = re.compile(r"<[^<>]*>")
_MEDIA = re.compile(r"<(?:img|video|iframe|svg|figure)\b", re.I)


@dataclass(frozen=True)
class Segment:
    """One logical line: ``start``/``end`` bound its text; ``cut_start``/``cut_end``
    bound what deleting it removes (its line break, or its enclosing block tags)."""

    start: int
    end: int
    cut_start: int
    cut_end: int
    media: bool = False
    """The segment holds an image or video and no text."""
    html: bool = False
    """The segment is one of several paragraphs of an HTML-wrapped physical line."""

    def text(self, document: str) -> str:
        return document[self.start : self.end]


def segments(doc: Document) -> Iterator[Segment]:
    """The logical lines of ``doc`` in order (blank ones included, as blank)."""
    text = doc.text
    n = len(text)
    html_lines = doc.format != "html" and "<" in text
    for start, end in doc.lines():
        cut_end = end
        while cut_end < n and text[cut_end] in "\r\n" and cut_end - end < 2:
            cut_end += 1
            if text[cut_end - 1] == "\n":
                break
        if not html_lines or "<" not in text[start:end]:
            yield Segment(start, end, start, cut_end)
            continue
        yield from _split_html(text, start, end, cut_end)


def _split_html(text: str, start: int, end: int, line_cut_end: int) -> Iterator[Segment]:
    tags = list(_BLOCK.finditer(text, start, end))
    if not tags:
        yield Segment(start, end, start, line_cut_end)
        return
    bounds = [start] + [p for m in tags for p in (m.start(), m.end())] + [end]
    pieces = []
    for i in range(0, len(bounds), 2):
        a, b = bounds[i], bounds[i + 1]
        if text[a:b].strip():
            # the block tags around a piece go with it when it is deleted
            cut_a = bounds[i - 1] if i > 0 else a
            cut_b = bounds[i + 2] if i + 2 < len(bounds) else b
            pieces.append((a, b, cut_a, cut_b))
    for a, b, cut_a, cut_b in pieces:
        inner = text[a:b]
        media = bool(_MEDIA.search(inner)) and not _TAG.sub("", inner).strip()
        if len(pieces) == 1:
            cut_a, cut_b = start, line_cut_end
        yield Segment(a, b, cut_a, cut_b, media, len(pieces) > 1)


def split_lines(doc: Document) -> list[str]:
    """The document's lines (split at ``\\n``; a CR stays on its line), shared by the
    rules through the memo: a comprehension over a few thousand lines per MB with
    ``in`` tests is cheaper than one more regex scan of the text."""
    return doc.memo("lines", lambda: doc.text.split("\n"))


def line_starts(doc: Document) -> list[int]:
    """Offset of each line of :func:`split_lines` (worked out when a rule needs one)."""
    return doc.memo(
        "line-starts", lambda: [0, *accumulate(len(line) + 1 for line in split_lines(doc))]
    )


def line_span(doc: Document, index: int) -> tuple[int, int]:
    """(start, end) of line ``index``, its CR excluded."""
    start = line_starts(doc)[index]
    line = split_lines(doc)[index]
    return start, start + len(line) - line.endswith("\r")


def line_at(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the physical line holding offset ``pos``, its line break excluded."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    if end > start and text[end - 1] == "\r":
        end -= 1
    return start, end


# pinyin after a character, ``網(wǎng)``: some sites annotate every rare character
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[1-5]?[)）]")


def plain(text: str) -> str:
    """``text`` without tags and pinyin annotations, for classifying a segment."""
    if "<" in text:
        text = _TAG.sub("", text)
    if "(" in text or "（" in text:
        text = _PINYIN.sub("", text)
    return text
