"""Rules of the ``punctuation`` category: punctuation mangled in Chinese prose."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corplint.charmodel import is_han
from corplint.document import Document
from corplint.finding import Applicability, Edit, Finding, Fix
from corplint.hookspecs import hookimpl
from corplint.rule import Rule

_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_CANDIDATE = re.compile(r"[,:;?!]")
_PAREN = re.compile(r"\(([^()\n]{1,40})\)")
_LATIN = re.compile(r"[A-Za-z]")
_OPENING = "“「『（《"
_CLOSING = "”」』）》"
_CODE_SPAN = re.compile(r"`[^`\n]*`")


class HalfwidthPunctuation(Rule):
    """Half-width punctuation inside Chinese prose: ``天氣晴朗,大家都出門``.

    How it arises: text typed with an English keyboard layout, or a cleaner
    that folds full-width characters to ASCII, leaves ``,`` ``:`` ``;`` ``?``
    ``!`` and ``( )`` between Chinese characters, where Chinese typography
    writes ``，：；？！（）``. A mark is reported only with Chinese on both
    sides (a closing quote before, an opening quote after count too; ``?``
    and ``!`` may also end a Chinese sentence or line), so
    numbers (``1,000``, ``0:20``), times, URLs, Markdown and code spans, and
    English sentences are never touched; a pair of parentheses only when it
    holds Chinese and no Latin letters. The fix writes the full-width mark and
    drops one space after it; it is safe.

    Bad: ``天氣晴朗, 大家都出門``. Good: ``天氣晴朗，大家都出門``.
    """

    code = "PUN001"
    name = "halfwidth-punctuation"
    category = "punctuation"
    fix = Applicability.SAFE
    formats = ("text", "markdown", "jsonl")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if not _CANDIDATE.search(text) and "(" not in text:
            return
        for start, end in _prose(doc):
            yield from self._marks(text, start, end)
            yield from self._parens(text, start, end)

    def _marks(self, text: str, start: int, end: int) -> Iterator[Finding]:
        for m in _CANDIDATE.finditer(text, start, end):
            i = m.start()
            before = text[i - 1] if i > start else ""
            after_pos = i + 1 + (text[i + 1 : i + 2] == " ")
            after = text[after_pos] if after_pos < end else ""
            if not (is_han(before) or (before and before in _CLOSING)):
                continue
            final = m.group() in "?!" and (after == "" or after in _CLOSING or after == "\n")
            if not (is_han(after) or (after and after in _OPENING) or final):
                continue
            yield _finding(i, after_pos, m.group())

    def _parens(self, text: str, start: int, end: int) -> Iterator[Finding]:
        for m in _PAREN.finditer(text, start, end):
            inner = m.group(1)
            if _LATIN.search(inner) or not any(is_han(ch) for ch in inner):
                continue
            if m.start() == start or not is_han(text[m.start() - 1]):
                continue
            yield _finding(m.start(), m.start() + 1, "(")
            yield _finding(m.end() - 1, m.end(), ")")


def _finding(start: int, end: int, mark: str) -> Finding:
    return Finding(
        start,
        end,
        f"half-width '{mark}' in Chinese prose",
        Fix((Edit(start, end, _FULL[mark]),), Applicability.SAFE),
    )


def _prose(doc: Document) -> Iterator[tuple[int, int]]:
    """Prose segments without Markdown code spans."""
    for start, end in doc.prose():
        pos = start
        if doc.format == "markdown":
            for m in _CODE_SPAN.finditer(doc.text, start, end):
                yield pos, m.start()
                pos = m.end()
        yield pos, end


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [HalfwidthPunctuation]
