"""Rules of the ``layout`` category: paragraphs cut by hard line breaks, and the
orphans that stripped images leave behind.

PDF extraction, fixed-width exports and careless HTML-to-text conversion put
line breaks in the middle of sentences (``调试新设`` / ``备``); a model
trained on them learns to break words. Removing images leaves their captions and
pointing arrows alone on their lines. The line analysis lives in
:mod:`corplint.rules.layout.breaks`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise

from corplint.core.document import FRONT_MATTER, Document
from corplint.core.finding import Applicability, Finding, Fix
from corplint.core.hookspecs import hookimpl
from corplint.core.rule import Option, Rule
from corplint.rules._shared.furniture import page_meta
from corplint.rules._shared.segments import plain, segments
from corplint.rules._shared.shapes import list_shaped
from corplint.rules.layout.breaks import (
    CAPTION_CUE,
    CLOSERS,
    CLOSING_QUOTES,
    LINE_CANNOT_START,
    MARKER,
    SEPARATOR,
    STATISTICAL,
    content,
    cut_odds,
    evidence,
    is_structure,
    punctuated_share,
    runs_on,
)

_FENCE_LINE = re.compile(r"^[ \t]*(?:```|~~~).*$", re.M)
_MAX_GAP = 3
_SPACE = "[ \t\u3000\u00a0]*"
# Where an orphan may stand: a marker, a caption cue or a separator at the start
# of a line or of an HTML paragraph. A lone 图 counts only where a marker or a
# caption cue goes on (图片, 图为, 图：, 图 3, or nothing more), arrows and
# separators only where they fill their line, as the tests of the rule ask: a
# paragraph that opens with 图 (图书馆…), an arrow before a caption or a dash
# (———明确…) is passed over in C.
_LINE_ENDS = r"[ \t\u3000\u00a0]*(?:[<\r\n]|$)"
_ARROWS = "▲△▼▽↑↓←→⬆⬇⬅➡☝👆👇☟☞☛▶◀►◄"
_SEPARATORS = "-=*_~—─━·•●○◆◇■□★☆#～＝＊"
_CUE_OPENERS = "[【(（"
_LATIN_CUES = ("image", "img", "photo", "picture")
_PICTURE_WORDS = ("上图", "下图", "左图", "右图", "上圖", "下圖", "左圖", "右圖")
_PICTURE_WORDS += ("资料图", "資料圖")
_CLICK_WORDS = ("点击", "點擊")
_ORPHAN_CUES = (
    rf"[ \t\u3000\u00a0]*(?:[{_ARROWS}][{_ARROWS} \t\u3000\u00a0]*{_LINE_ENDS}"
    rf"|[{re.escape(_CUE_OPENERS)}]?(?:[图圖](?:[为為：:\]】)）]|片(?:[：:加載载\]】)）]|{_LINE_ENDS})"
    rf"|\s?\d|{_LINE_ENDS})"
    rf"|(?i:{'|'.join(_LATIN_CUES)})|{'|'.join(_PICTURE_WORDS + _CLICK_WORDS)})"
    rf"|([{re.escape(_SEPARATORS)}])(?:[ \t\u3000\u00a0]*\1){{2,}}{_LINE_ENDS})"
)
# The characters a cue can start with: tested first, in one class, they turn
# away nearly every tag end of an HTML page (a ``>`` before text or another tag)
# before the alternatives are tried.
_CUE_FIRST = " \t\u3000\u00a0图圖" + _ARROWS + _SEPARATORS + _CUE_OPENERS
_CUE_FIRST += "".join(w[0] + w[0].upper() for w in _LATIN_CUES + _PICTURE_WORDS + _CLICK_WORDS)
_CUE_START = f"(?=[{re.escape(''.join(sorted(set(_CUE_FIRST))))}])"
# Patterns that start with a literal (a line break, a tag's end), which the regex
# engine finds with a fast substring search (a class like [\n>] is tried at every
# position, twice as slow), and one for the start of the text.
_ORPHAN_AFTER_BREAK = re.compile(f"\\n{_ORPHAN_CUES}")
_ORPHAN_AFTER_TAG = re.compile(f">{_CUE_START}{_ORPHAN_CUES}")
_ORPHAN_AT_START = re.compile(_ORPHAN_CUES)
_SENTENCE = re.compile(r"[。！？]")
# A document ends its paragraphs with punctuation when this share of its prose
# lines do (the cut lines themselves lower it).
_PUNCTUATED = 0.6
# A certain cut turns on the prose evidence of a document only if at least this
# share of its lines end with punctuation (the cut lines themselves lower it).
_CASCADE_SHARE = 0.5
# Paragraphs cut at random points show no certain evidence at all: their breaks
# fall between whole words. A chain of at least two breaks that each look more
# like a cut inside a clause than like a clause boundary (by the cut model's
# log-odds) is taken for a cut paragraph; a break that looks clearly like a
# boundary (one review ending unpunctuated before the next) is never joined by
# a cascade, however its neighbours were cut.
_MIN_PROSE_CHAIN = 2
_CHAIN_ODDS = 0.0
_BOUNDARY_ODDS = -2.0
# A break the line's own tests pass over (a short line, one that ends in 了,
# two clauses that could each stand) still counts as prose evidence when the
# model is sure it falls inside a clause (总的来说还算 / 满意).
_INSIDE_ODDS = 2.0
# Marks that end a paragraph for certain (a semicolon may end a wrapped line of a
# list of appointments, whose continuation the document indents).
_FINISHED = frozenset("。！？!?”」』")


class CutParagraph(Rule):
    """A paragraph cut mid-sentence by a hard line break.

    A line of Chinese prose that ends without closing punctuation and is
    followed (after at most three blank lines) by a line that continues it.
    Reported where the break itself shows the cut: the next line starts with a
    mark no line starts with (or a closing quote, or 的/们), the break splits a
    number, a Chinese or Latin word, leaves a preposition, conjunction or
    adverb hanging, falls inside a quotation, or the paragraph is wrapped at a
    fixed width; the fix joins the lines and is safe. Such a cut also turns on
    the weaker evidence of its own paragraph — a line that stops inside a
    clause, in a document that punctuates its paragraphs — and cuts in two
    paragraphs turn it on for the whole document. A paragraph cut at random
    points shows no such evidence: where at least two breaks in a row stop
    inside a clause and each looks more like a cut than a clause boundary to a
    model of the characters either side (``scripts/build_cut_model.py``), they
    are reported with an unsafe fix (a break the line's own tests pass over, a
    short line for one, takes part where the model is sure); a break that
    looks clearly like a clause boundary (one review ending unpunctuated before
    the next) is never joined on the strength of its neighbours. With
    ``prose-evidence`` that
    evidence counts everywhere: a line that stops inside a clause after a
    finished sentence (safe fix), or after a comma or within its clause (unsafe
    fix) — off by default because informal text (one review per line) ends
    lines like that too. Headings, list items that are not prose, captions,
    markers, Markdown structure and short lines before a document's first
    sentence (titles, bylines) are never joined.

    Bad: ``技术人员正在车间调试新设`` / ``备，准备下周投产。``
    Good: ``技术人员正在车间调试新设备，准备下周投产。``
    """

    code = "LAY001"
    name = "cut-paragraph"
    category = "layout"
    finds = (
        "a paragraph cut by a hard line break, where the break itself shows it: a mark no line "
        "starts with, a split number, word or phrase (a hanging preposition, a numeral without its "
        "measure word, a particle that only follows a word), an open quotation, a fixed-width "
        "wrap, a continuation indented unlike the document; never headings, lists, captions or the "
        "lines before the first sentence. Option `prose-evidence` (off) also joins lines that stop "
        "inside a clause in a document that punctuates its paragraphs"
    )
    fix_label = "safe / unsafe"
    fix = Applicability.SAFE
    formats = ("text", "markdown", "jsonl")
    options = (
        Option(
            "prose-evidence",
            False,
            "Also join a line whose only evidence is that it stops without punctuation "
            "inside a clause, in a document that ends its paragraphs with punctuation. "
            "Off by default: text with one comment or review per line ends lines without "
            "punctuation too (about 60 false findings per MB of the benchmark's reviews).",
        ),
    )

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        context: _Context | None = None
        found: list[Finding] = []
        by_prose: list[tuple[int, Finding, float]] = []
        certain_chains: set[int] = set()
        statistical_chains: set[int] = set()
        chain, chain_end = 0, -1
        # front matter is data, not prose: its breaks are never looked at
        fm = FRONT_MATTER.match(text)
        for a_end, b_start in _junctions(text, fm.end() if fm else 0):
            if context is None:
                context = _Context(doc)
            if not context.in_body(a_end):
                continue
            a_start = max(text.rfind("\n", 0, a_end), text.rfind("\r", 0, a_end)) + 1
            # a chain: lines joined break after break (a paragraph cut into pieces)
            if a_start > chain_end:
                chain += 1
            chain_end = b_start
            b_end = _line_end(text, b_start)
            raw_a, raw_b = text[a_start:a_end], text[b_start:b_end]
            a, b = content(raw_a), content(raw_b)
            if not runs_on(a, b) or is_structure(raw_b):
                continue
            if is_structure(raw_a) and not _clause_line(a):
                continue  # a heading; a list item of prose may be cut like a paragraph
            if _phrase_list(a) or page_meta(a):
                continue  # tags, keywords and page metadata end without a mark
            if _TIMESTAMP_LINE.match(b) or _parallel_items(a, b):
                continue  # a dateline under a title; two items of one list
            gap = text.count("\n", a_end, b_start) or text.count("\r", a_end, b_start)
            likely, strong, alone = evidence(
                a,
                b,
                _wrap_width(text, a_start, a_end, b_start, gap),
                a_start < context.first_sentence and not _clause_line(a),
                _indented(text, b_start) and context.indent_is_rare(),
            )
            if not likely and alone and cut_odds(a, b) >= _INSIDE_ODDS:
                likely = True  # the line's own tests passed it over; the model is sure
            if not likely:
                continue
            if not alone and strong:
                # any certain cut shows its own paragraph was cut; only cuts that
                # grammar shows count towards the whole document (below)
                (statistical_chains if strong in STATISTICAL else certain_chains).add(chain)
            why = strong or "the line ends without punctuation and the next line continues it"
            finding = Finding(
                a_end - 1,
                b_start + 1,
                f"paragraph cut mid-sentence ({why}): …{a[-6:]} / {b[:6]}…",
                Fix.delete(a_end, b_start, "safe" if strong and _safe_join(a, b) else "unsafe"),
            )
            if alone:
                by_prose.append((chain, finding, cut_odds(a, b)))
            else:
                found.append(finding)
        # The prose alone is evidence only where the text is known to be cut, in
        # a document that punctuates its paragraphs, or where the user says so:
        # informal text, one review per line, ends lines the same way. Certain
        # cuts in two paragraphs show a tool cut the whole document; one shows
        # only that its own paragraph (its chain of broken lines) was cut — one
        # cut record of a file says nothing of its neighbours.
        if by_prose and context is not None:
            asked = self.settings["prose-evidence"] and context.punctuated()
            cut = certain_chains | statistical_chains
            odds_by_chain: dict[int, list[float]] = {}
            for c, _, odds in by_prose:
                odds_by_chain.setdefault(c, []).append(odds)
            modelled = {
                c
                for c, odds in odds_by_chain.items()
                if len(odds) >= _MIN_PROSE_CHAIN and min(odds) >= _CHAIN_ODDS
            } - cut
            # the lines under suspicion do not vote on whether the document
            # punctuates its paragraphs: a paragraph cut in four would vote four
            # times that it does not
            suspects = {f.start for _, f, _ in by_prose}
            if asked or ((cut or modelled) and context.punctuated(_CASCADE_SHARE, suspects)):
                whole = asked or len(certain_chains) >= 2
                for c, f, odds in by_prose:
                    if asked or ((whole or c in cut) and odds >= _BOUNDARY_ODDS):
                        found.append(f)
                    elif c in modelled:
                        # statistics, not grammar: the join is the user's call
                        f.fix = Fix(f.fix.edits, Applicability.UNSAFE)  # type: ignore[union-attr]
                        found.append(f)
                found.sort(key=lambda f: f.start)
        yield from found


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


class _Context:
    """What a document tells about all its breaks, worked out on first need."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        text = doc.text
        fm = FRONT_MATTER.match(text)
        self.body = fm.end() if fm else 0
        self.fences = _fenced_spans(text) if ("```" in text or "~~~" in text) else []
        first = _SENTENCE.search(text, self.body)
        self.first_sentence = text.rfind("\n", 0, first.start()) + 1 if first else len(text)
        self._share: float | None = None
        self._indent_rare: bool | None = None
        self._lines: list[str] | None = None

    def lines(self) -> list[str]:
        """The non-blank lines outside front matter and fenced code (computed once)."""
        if self._lines is None:
            text = self.doc.text
            self._lines = [
                line for s, e in self.doc.lines() if self.in_body(s) and (line := text[s:e]).strip()
            ]
        return self._lines

    def indent_is_rare(self) -> bool:
        """Whether the document's paragraphs start without an indent: of the lines
        that follow a finished line, at most one in five is indented (or, with
        none of those, at most two lines in five overall)."""
        if self._indent_rare is None:
            lines = self.lines()
            starts = [line for prev, line in pairwise(lines) if content(prev)[-1:] in _FINISHED]
            if starts:
                indented = sum(1 for line in starts if _indent(line))
                self._indent_rare = indented <= len(starts) * 0.2
            else:
                indented = sum(1 for line in lines if _indent(line))
                self._indent_rare = bool(lines) and indented <= len(lines) * 0.4
        return self._indent_rare

    def in_body(self, pos: int) -> bool:
        return pos >= self.body and not any(s <= pos < e for s, e in self.fences)

    def punctuated(
        self, share: float = 0.0, apart: frozenset[int] | set[int] = frozenset()
    ) -> bool:
        """Whether the document ends its paragraphs with punctuation (at least
        ``share`` of its prose lines, or the rule's usual share), leaving out
        the lines whose last character is at an offset in ``apart``."""
        share = share or _PUNCTUATED
        if apart:
            text = self.doc.text
            kept = []
            for s, e in self.doc.lines():
                if not self.in_body(s):
                    continue
                line = content(text[s:e])
                if line and not any(s <= pos < e for pos in apart):
                    kept.append(line)
            # (too few lines left to tell: the whole document decides, as without)
            if punctuated_share(kept) >= share:
                return True
        if self._share is None:
            prose = [content(line) for line in self.lines()]
            self._share = punctuated_share([x for x in prose if x])
        return self._share >= share


def _fenced_spans(text: str) -> list[tuple[int, int]]:
    spans, opened = [], None
    for m in _FENCE_LINE.finditer(text):
        if opened is None:
            opened = m.start()
        else:
            spans.append((opened, m.end()))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


class MediaOrphan(Rule):
    """What a stripped image leaves behind: its caption alone on a line, a marker
    (``▲``, ``↓``, ``[图片]``, ``图片加载中…``), or a decorative separator.

    Captions are recognised by their cue (``图为``, ``图：``, ``（资料图）``…) when no
    image stands next to them, or — in documents laid out with blank lines — as
    short single sentences set apart by wider gaps than the document's
    paragraphs, where the images used to be. The unsafe fix deletes the line.

    Bad: ``▲`` alone on a line, ``图为技术员在车间调试设备。`` with no image.
    """

    code = "LAY002"
    name = "media-orphan"
    category = "layout"
    finds = (
        "what a removed image leaves: a marker line (`▲`, `↓`, `[图片]`), a caption with its cue "
        "(`图为…`, `（资料图）`) and no image beside it, a short caption set apart by wider gaps "
        "than the document's paragraphs, a decorative separator; the fix deletes the line"
    )
    fix = Applicability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        fm = FRONT_MATTER.match(text)
        body = fm.end() if fm else 0
        gaps = _gap_captions(doc, body)
        if not gaps and not (
            _ORPHAN_AT_START.match(text, body)
            or _ORPHAN_AFTER_BREAK.search(text, body)
            or ("<" in text and _ORPHAN_AFTER_TAG.search(text, body))
        ):
            return
        segs = [s for s in segments(doc) if s.start >= body]
        previous_media = False
        for n, seg in enumerate(segs):
            raw = seg.text(text)
            s = plain(raw).strip(" \t\u3000\u00a0") if "<" in raw else content(raw)
            if not s:
                continue
            why = self._why(doc, s, seg.media, previous_media, segs, n, text)
            if why is None and seg.start in gaps:
                why = "a short caption set apart where an image was"
            previous_media = seg.media or s.startswith("![") or bool(re.match(r"<img\b", s))
            if why:
                yield Finding(
                    seg.start,
                    seg.end,
                    f"{why}: {s[:30]}",
                    Fix.delete(seg.cut_start, seg.cut_end, "unsafe"),
                )

    @staticmethod
    def _why(doc, s, media, previous_media, segs, n, text) -> str | None:
        if media:
            return None
        if MARKER.match(s):
            return "marker left by a removed image"
        sep = SEPARATOR.match(s)
        if sep and (not s.isascii() or (doc.format in ("text", "jsonl") and len(s) >= 5)):
            return "decorative separator"
        if CAPTION_CUE.match(s) and len(s) <= 80 and not previous_media:
            following = next((x for x in segs[n + 1 :] if text[x.start : x.end].strip()), None)
            follows_image = following is not None and (
                following.media or text[following.start : following.end].lstrip().startswith("![")
            )
            if not follows_image:
                return "caption of a removed image"
        return None


def _gap_captions(doc: Document, body: int) -> set[int]:
    """Starts of short one-sentence lines set apart by wider gaps than the document's
    paragraphs (at least two blank lines more on one side, no fewer on the other)."""
    text = doc.text
    if "\n\n\n" not in text and (
        "\r" not in text or ("\n\r\n\r\n" not in text and "\r\r\r" not in text)
    ):
        return set()
    lines = [(s, e) for s, e in doc.lines() if s >= body]
    filled = [i for i, (s, e) in enumerate(lines) if text[s:e].strip(" \t\u3000\u00a0")]
    if len(filled) < 6:
        return set()
    gaps = [b - a - 1 for a, b in pairwise(filled)]
    usual = Counter(gaps).most_common(1)[0][0]
    found = set()
    for k, i in enumerate(filled):
        before = gaps[k - 1] if k > 0 else None
        after = gaps[k] if k < len(gaps) else None
        sides = [g for g in (before, after) if g is not None]
        if not sides or max(sides) < usual + 2 or min(sides) < usual or k == 0:
            continue
        if min(sides) < usual + 2:
            # one side at the usual distance: only towards a heading, not prose
            near = filled[k - 1] if before is not None and before < usual + 2 else filled[k + 1]
            neighbour = content(text[lines[near][0] : lines[near][1]])
            if neighbour and neighbour[-1] in "。！？”":
                continue
        s = content(text[lines[i][0] : lines[i][1]])
        one_sentence = 2 <= len(s) <= 30 and s[-1] in "。！" and len(re.findall("[。！？]", s)) == 1
        if one_sentence and not is_structure(s):
            found.add(lines[i][0])
    return found


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [CutParagraph, MediaOrphan]
