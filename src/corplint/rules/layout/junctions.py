"""Where two lines meet: the junctions a cut paragraph may hide, and the shapes
(headings, list items, timestamps, keyword lines, wrapped text) that end without
a mark and are no cut."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corplint.rules._shared.shapes import list_shaped
from corplint.rules.layout.breaks import (
    CLOSERS,
    CLOSING_QUOTES,
    LINE_CANNOT_START,
    content,
)

_MAX_GAP = 3


_SPACE = "[ \t\u3000\u00a0]*"


_DIGIT_END = re.compile(r"[0-9０-９][%％]?$")


_DIGIT_START = re.compile(r"^[0-9０-９]")


_SENTENCE_INSIDE = re.compile("[，。！？；,!?;]")


def _safe_join(a: str, b: str) -> bool:
    """Whether joining line ``a`` to line ``b`` cannot damage good text.

    A join across digits may glue two numbers into one (a time and a price:
    ``22:33`` / ``39元起``); a next line without a sentence mark in it may be a
    title, a list item or a table row that only looks like a continuation
    (``压`` / ``力传感器U5 德国HBM 不详``). Such joins stay on offer, as unsafe.
    """
    if _DIGIT_END.search(a) and _DIGIT_START.search(b):
        return False
    return _SENTENCE_INSIDE.search(b) is not None


_OPEN_END = "\u3400-\u9fff\uf900-\ufaff0-9０-９A-Za-z，、,“‘「『（(《【〈）%％"


_CUT_OFF = "，、。；：！？,;:!?）】》％‰”」』"


_GAP = rf"(?:{_SPACE}\r?\n){{0,{_MAX_GAP}}}{_SPACE}"


# (a Markdown image opens with a mark, but its line is never a continuation)
_NEXT_TEXT = f"(?!!\\[)[\u3400-\u9fff\uf900-\ufaff0-9０-９A-Za-z{_CUT_OFF}.．∶]"


# Line breaks where the line before ends open (or in a number's point, or in
# spaces, which hide the character that decides) or the next one starts with a
# mark cut off from it. The pattern starts with the literal "\n", which the
# engine finds by a fast search, and tries the lookbehinds only there; the
# lookahead for a cut-off mark is a plain class run, so a finished line (nearly
# every line of clean text) is passed over in C after a few tests.
_SPACES = " \t\u3000\u00a0"


_OPEN_JUNCTION = re.compile(
    rf"\n(?:(?<=[{_OPEN_END}{_SPACES}]\n)|(?<=[{_OPEN_END}{_SPACES}]\r\n)"
    rf"|(?<=[0-9０-９][.．]\n)|(?<=[0-9０-９][.．]\r\n)"
    rf"|(?=[{_SPACES}\r\n]*(?!!\[)[{_CUT_OFF}])){_GAP}{_NEXT_TEXT}"
)


_CUT_OFF_START = LINE_CANNOT_START | CLOSING_QUOTES


_ENDS_OPEN = re.compile(f"[{_OPEN_END}]")


def _junctions(text: str, body: int = 0) -> Iterator[tuple[int, int]]:
    """(end of a line's text, start of the next non-blank line's content) where a
    line ending without closing punctuation meets one that could continue it,
    from the line break that ends the front matter (``body``) on.

    :data:`_OPEN_JUNCTION` finds them; only a line that ends in spaces needs
    the character before the spaces, tested here.
    """
    for m in _OPEN_JUNCTION.finditer(text, body):
        a_end = m.start()
        if text[a_end - 1 : a_end] == "\r":
            a_end -= 1
        if a_end > 0 and text[a_end - 1] in _SPACES:
            while a_end > 0 and text[a_end - 1] in _SPACES:
                a_end -= 1
            if not (
                a_end > 0
                and (
                    _ENDS_OPEN.match(text, a_end - 1)
                    or text[m.end() - 1] in _CUT_OFF_START
                    or (text[a_end - 1] in ".．" and text[a_end - 2 : a_end - 1].isdigit())
                )
            ):
                continue
        if a_end > 0:
            yield a_end, m.end() - 1


_INNER_CLAUSE_MARK = re.compile("[，、；,;]")


_PHRASE_LIST = re.compile("(?:[\u4e00-\u9fff]+[ \u3000|｜]+){3}[\u4e00-\u9fff]")


_TIMESTAMP_LINE = re.compile(
    r"(?:\d{4}[年/.-]\d{1,2}[月/.-]\d{1,2}日?|\d{1,2}月\d{1,2}日)(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)


def _parallel_items(a: str, b: str) -> bool:
    """Two items of one list (``金奖：全省 3 个`` / ``银奖：全省 5 个``): each a
    ``label：value`` pair ending in the same character. A paragraph wrapped
    at random points rarely ends two lines alike."""
    return a[-1:] == b[-1:] and any(c in a and c in b for c in "：:")


def _phrase_list(line: str) -> bool:
    """Short phrases between spaces or bars without grammar (tags, keywords); prose
    that separates its clauses with spaces (什么是真爱 什么是灵魂) is no list."""
    return (
        (" " in line or "\u3000" in line or "|" in line or "｜" in line)
        and not _INNER_CLAUSE_MARK.search(line)
        and _PHRASE_LIST.search(line) is not None
        and list_shaped(line)
    )


def _clause_line(line: str) -> bool:
    """A long line with a clause mark inside, or longer than any title: prose,
    though no sentence has ended yet (a lead paragraph cut before its first
    full stop; a review that separates its clauses with spaces)."""
    if len(line) > _LONGEST_TITLE:
        return True
    return len(line) >= 16 and _INNER_CLAUSE_MARK.search(line, 0, len(line) - 1) is not None


# Titles of the 1998 People's Daily: 95% are at most 29 characters long.
_LONGEST_TITLE = 40


def _indent(line: str) -> bool:
    return line[:1] == "\u3000" or line[:2] == "  "


def _indented(text: str, content_start: int) -> bool:
    lead = text[
        max(text.rfind("\n", 0, content_start), text.rfind("\r", 0, content_start))
        + 1 : content_start
    ]
    return "\u3000" in lead or "  " in lead


def _line_end(text: str, pos: int) -> int:
    ends = [e for e in (text.find("\n", pos), text.find("\r", pos)) if e >= 0]
    return min(ends) if ends else len(text)


def _wrap_width(text: str, a_start: int, a_end: int, b_start: int, gap: int) -> int:
    """2 where line ``a`` is one of three or more lines in a row of exactly its
    length that end without closing punctuation (a block wrapped at a fixed
    width); 1 where it is one of two, and the line after the two ends the
    paragraph with a closing mark within the width; else 0.

    Two lines of one length are the first two of a three-line paragraph, or two
    records of a one-record-per-line file of one length by chance (one time in
    a hundred); the records do not end in a finished paragraph.
    """
    width = len(content(text[a_start:a_end]))
    prev = _previous_line(text, a_start, gap)
    before = prev is not None and prev[1] == width
    before2 = before and (p2 := _previous_line(text, prev[0], gap)) is not None and p2[1] == width
    b_end = _line_end(text, b_start)
    b = content(text[b_start:b_end])
    after = bool(b) and b[-1] not in _SENTENCE_FINAL and len(b) == width
    following = _next_line(text, b_end) if after else ""
    after2 = after and following[-1:] not in _SENTENCE_FINAL and len(following) == width
    if 1 + before + before2 + after + after2 >= 3:
        return 2
    if width > _MAX_PAIR_WIDTH:
        return 0
    if before:
        return int(_ends_wrap(b, width))
    if after:
        return int(_ends_wrap(following, width))
    return 0


# A line of a wrapped block may end in a colon or a quotation mark where the width
# fell after one, but not in a full stop: that ends its paragraph.
_SENTENCE_FINAL = frozenset("。！？!?…~～")


# Fixed-width exports wrap Chinese at 80 columns or less (40 characters); two
# lines of one greater length are more likely a coincidence.
_MAX_PAIR_WIDTH = 60


def _ends_wrap(line: str, width: int) -> bool:
    """``line`` can be the last line of a paragraph wrapped at ``width``."""
    return line[-1:] in CLOSERS and len(line) <= width


def _next_line(text: str, end: int) -> str:
    """The content of the next non-blank line after the line ending at ``end``, or ""."""
    for m in _LINE.finditer(text, end):
        line = content(m.group().rstrip("\r"))
        if line:
            return line
    return ""


_LINE = re.compile(r"(?<=\n)[^\n]*")


def _previous_line(text: str, a_start: int, gap: int) -> tuple[int, int] | None:
    """Start and length of the line before line ``a`` if it sits at the same
    distance as the next one and does not end a sentence."""
    end = a_start - 1
    for _ in range(gap - 1):
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip(" \t\u3000\u00a0\r"):
            return None
        end = start - 1
    if end <= 0:
        return None
    start = text.rfind("\n", 0, end) + 1
    prev = content(text[start:end].rstrip("\r"))
    if not prev or prev[-1] in _SENTENCE_FINAL:
        return None
    return start, len(prev)
