"""Paragraphs cut mid-sentence (LAY001): a line break inside a clause, judged by
the line's punctuation, the document's wrapping and the learned odds that a
break falls inside a clause."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import pairwise

from corplint.core.document import FRONT_MATTER, Document
from corplint.core.finding import Applicability, Finding, Fix
from corplint.core.rule import Option, Rule
from corplint.rules._shared.furniture import page_meta
from corplint.rules.layout.breaks import (
    STATISTICAL,
    content,
    cut_odds,
    evidence,
    is_structure,
    punctuated_share,
    runs_on,
)
from corplint.rules.layout.junctions import (
    _TIMESTAMP_LINE,
    _clause_line,
    _indent,
    _indented,
    _junctions,
    _line_end,
    _parallel_items,
    _phrase_list,
    _safe_join,
    _wrap_width,
)

_FENCE_LINE = re.compile(r"^[ \t]*(?:```|~~~).*$", re.M)


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


class _Context:
    """What a document tells about all its breaks, worked out on first need."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        text = doc.text
        fm = FRONT_MATTER.match(text)
        self.body = fm.end() if fm else 0
        self.fences = _fenced_spans(text) if ("```" in text or "~~~" in text) else []
        self._fence_starts = [start for start, _ in self.fences]
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
        """Outside front matter and fenced code (a binary search over the fences,
        which :func:`_fenced_spans` gives in order and disjoint)."""
        if pos < self.body:
            return False
        i = bisect_right(self._fence_starts, pos) - 1
        return i < 0 or pos >= self.fences[i][1]

    def punctuated(
        self, share: float = 0.0, apart: frozenset[int] | set[int] = frozenset()
    ) -> bool:
        """Whether the document ends its paragraphs with punctuation (at least
        ``share`` of its prose lines, or the rule's usual share), leaving out
        the lines whose last character is at an offset in ``apart``."""
        share = share or _PUNCTUATED
        if apart:
            text = self.doc.text
            marks = sorted(apart)
            kept = []
            for s, e in self.doc.lines():
                if not self.in_body(s):
                    continue
                line = content(text[s:e])
                i = bisect_left(marks, s)  # the first mark at or after the line's start
                if line and not (i < len(marks) and marks[i] < e):
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
