"""Empty numeral slots: where a number was deleted from Chinese text.

A cleaner that deletes ASCII digits turns ``自5月6日起`` into ``自月日起``
and ``招聘300余人`` into ``招聘余人``. Each deletion leaves a *gap* between
two characters that rarely touch in real Chinese but often stand either side
of a number. Gaps are scored by the model of :mod:`corplint.rules._shared.numeral_model`;
what a deleted number leaves behind (``增长％``, ``（）``) is certain without
it. On top of the scores: which gaps to report, and whether a whole document
looks stripped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corplint.rules._shared.charmodel import is_han
from corplint.rules._shared.numeral_model import PAD, Model, model

DATE_UNITS = frozenset("年月日号时分秒")
"""A number deleted before one of these was part of a date or a time."""

_ARABIC = re.compile(r"[0-9０-９]")
# what fills a numeral slot in Chinese: numerals (Simplified and Traditional)
# and the words that stand for one; the model learned most of them, this
# makes sure of the Traditional forms it never saw
_FILLERS = frozenset("〇零一二三四五六七八九十百千万萬亿億两兩几幾数數半每各某这這那哪整全")
# What a deleted number leaves that nothing else does: a percent sign after
# Chinese or a list mark (`增长％`, `、％`); empty parentheses; a list marker 、
# opening a line, or two in a row; a range dash between Chinese and a unit
# (`—级` of `3—4级`), where numbers are missing on both sides of the dash; a
# list marker `.` opening a line (`1.` of a numbered list); a rate that reaches
# nothing (`合格率达。`); a Latin unit standing alone (`G硬盘`). ``_RESIDUE``
# finds them all, checking each mark's context in the pattern itself.
_HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_RANGE_UNITS = "℃％%级倍米万亿元岁年个人天度"
_RANGE_DASHES = "—－~～"
_RATE_WORDS = "率额量数值"
_LATIN_UNITS = ("GB", "GHz", "G", "KB", "MB", "MHz", "TB", "mAh", "Hz", "kg", "km", "cm")
_LATIN_FIRST = frozenset(unit[0] for unit in _LATIN_UNITS)


def _residue_pattern() -> re.Pattern[str]:
    """Every residue of a deleted number in one pattern, one branch per first character.

    Each branch starts with a literal character and looks behind only after
    it. That shape lets ``re`` skip ahead to the characters a residue can
    start with; a branch starting with a class or a lookbehind makes it test
    every position (which is why an earlier alternation ran slower than
    separate patterns).
    """
    branches = [
        "\n(?=[、.．])",  # a list marker opening a line, with no number
        # an enumeration comma with nothing before it, in a list of numbers: after a
        # word (炎、、、脑) the deleted items were words, not numbers
        f"、(?<![{_HAN_CLASS}、]、)、",
        # a rate or amount that "reaches" nothing (合格率达。, 增长率为，)
        *(f"{c}(?:达到?|为|约为|仅为|高达|超过|占)(?=[，。；、）的])" for c in _RATE_WORDS),
        # a percent sign after Chinese or a separator (增长％)
        *(f"{c}(?<=[{_HAN_CLASS}、，—－~～]{c})" for c in "%％‰"),
        # empty brackets after Chinese (占（）)
        *(f"{re.escape(c)}(?<=[{_HAN_CLASS}][（(]{re.escape(c)})" for c in "）)"),
        # a range dash between Chinese and a unit (—级 of 3—4级)
        *(f"{c}(?<=[{_HAN_CLASS}]{c})(?=[{_RANGE_UNITS}])" for c in _RANGE_DASHES),
        # a Latin unit standing alone (G硬盘 of 500G硬盘): likely, not certain
        # (a number before a space is the unit's: "5 kg" is how SI writes it)
        *(
            f"{u[0]}(?<![A-Za-z0-9.]{u[0]})(?<![0-9][ \u00a0\u2009\u202f]{u[0]})"
            f"{u[1:]}(?![A-Za-z])(?!\\d)"
            for u in _LATIN_UNITS
        ),
    ]
    return re.compile("|".join(branches))


_RESIDUE = _residue_pattern()
LATIN_UNIT = 3.0
"""The score of a gap before a Latin unit with no number: enough to count for a
document that looks stripped, not enough to be reported on its own."""
CERTAIN = 10.0
"""The score given to a gap the residue of a number shows."""

_DIGIT_IN_PROSE_LINE = re.compile(r"^(?=[^\n]*[\u3400-\u9fff])[^\n]*[0-9０-９]", re.M)
_ENDS = "。！？!?\n"
_SENTENCE_END = re.compile(r"[。！？!?\n]")


@dataclass(frozen=True, slots=True)
class Slot:
    """A gap before ``text[offset]`` that probably held a number."""

    offset: int
    score: float


def has_arabic_digits(text: str) -> bool:
    return _ARABIC.search(text) is not None


def _score(m: Model, text: str, i: int) -> float | None:
    """Log-odds of a deleted number before ``text[i]``, or None where no number
    can be missing (a digit beside the gap; no Chinese in the three characters
    around it)."""
    a1 = text[i - 1] if i else PAD
    b2 = text[i + 1] if i + 1 < len(text) else PAD
    if _ARABIC.match(a1) or _ARABIC.match(b2) or a1 in _FILLERS:
        return None
    if not (is_han(text[i]) or is_han(a1) or is_han(b2)):
        return None
    a2 = text[i - 2] if i > 1 else PAD
    return m.score(a2 + a1 + text[i] + b2, 2)


def score_gaps(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, float]]:
    """(offset, log-odds) of every gap before a unit character in ``text[start:end]``."""
    m = model()
    end = len(text) if end is None else end
    scores = {}
    for match in m.units.finditer(text, start, end):
        score = _score(m, text, match.start())
        if score is not None:
            scores[match.start()] = score
    return sorted((scores | _residues(text, start, end)).items())


@lru_cache(maxsize=4)
def _text_residues(text: str) -> dict[int, float]:
    return _residues(text)


def _residues(text: str, start: int = 0, end: int | None = None) -> dict[int, float]:
    """Gaps (offset of the character after each) that a number's residue shows.

    The marks are common in clean text (``）``, ``——``, ``%`` after a digit),
    residues are not: the pattern checks each mark's context in C, so Python
    only sees real residues.
    """
    end = len(text) if end is None else end
    gaps = {}
    if start == 0 and text[:1] in "、.．" and is_han(text[1:3].strip()[:1]):
        gaps[0] = CERTAIN
    if start == 0 and text and text[0] in "%％‰":  # a percent sign with nothing before it
        gaps[0] = CERTAIN
    for match in _RESIDUE.finditer(text, start, end):
        i, mark = match.start(), text[match.start()]
        # (branches consume only their first characters, so residues that touch,
        # such as a list marker followed by 、、, are all found)
        if mark == "\n":  # the gap is at the marker after the line break
            if is_han(text[i + 2 : i + 4].strip()[:1]):
                gaps[i + 1] = CERTAIN
        elif mark in _LATIN_FIRST:
            if _HAN_NEAR.search(text, max(0, i - 3), i + 4):  # a unit in Chinese text
                gaps.setdefault(i, LATIN_UNIT)
        elif mark in _RANGE_DASHES:
            gaps[i] = gaps[i + 1] = CERTAIN
        elif mark == "、":  # 、、: the gap is at the second
            gaps[i + 1] = CERTAIN
        elif mark in _RATE_WORDS:  # a rate reaching nothing: the gap is at the mark after it
            gaps[match.end()] = CERTAIN
        else:  # a bare percent sign, empty brackets
            gaps[i] = CERTAIN
    return gaps


STRIPPED_FLOOR = 1.0
"""A gap counts as evidence that a document was stripped from this score."""
STRIPPED_MIN = 2
STRIPPED_EVIDENCE = 6.0
"""A document without Arabic digits in its prose whose ``STRIPPED_MIN`` best
gaps (each scoring ``STRIPPED_FLOOR`` or more) add up to this probably had its
digits deleted: two good gaps, or one certain and one weak."""
STRIPPED_WEAK = 0.0
"""In such a document, every gap scoring this much is reported."""


_HAN_NEAR = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=4)
def strong_gaps(text: str, floor: float) -> tuple[tuple[int, float], ...]:
    """Gaps scoring ``floor`` or more, found through the model's scanner.

    Cached: the three digits rules ask about the same document in a row.
    """
    m = model()
    scanner = m.scanner(floor)
    found = {}
    offsets = [match.start() for match in scanner.pattern.finditer(text)]
    if text and text[0] in scanner.units and (not offsets or offsets[0] != 0):
        offsets.insert(0, 0)  # the pattern looks behind, and nothing stands before 0
    for i in offsets:
        if not scanner.admits(text[i - 1] if i else PAD, text[i]):
            continue
        if not _HAN_NEAR.search(text, max(0, i - 3), i + 3):
            continue  # a unit among Latin text ("5 kg", "2.4 GHz"): no Chinese numeral slot
        score = _score(m, text, i)
        if score is not None and score >= floor:
            found[i] = score
    found |= {i: score for i, score in _text_residues(text).items() if score >= floor}
    return tuple(sorted(found.items()))


@lru_cache(maxsize=4)
def prose_has_digits(text: str) -> bool:
    """Whether a line with Chinese in it has an Arabic digit. A scraped page
    keeps its digits in lines that are not prose (a timestamp, a URL on its
    own line) when the cleaner only touched the article body."""
    return has_arabic_digits(text) and _DIGIT_IN_PROSE_LINE.search(text) is not None


def looks_stripped(
    text: str, evidence: float = STRIPPED_EVIDENCE, count: int = STRIPPED_MIN
) -> bool:
    """No Arabic digit in the prose, and ``count`` gaps where a number belongs
    whose scores add up to ``evidence``.

    Chinese numerals survive digit stripping, so they are no evidence that a
    document is intact; a document that writes its numbers in Chinese on
    purpose has no such gaps.
    """
    if prose_has_digits(text):
        return False
    best = sorted((score for _, score in strong_gaps(text, STRIPPED_FLOOR)), reverse=True)
    return len(best) >= count and sum(best[:count]) >= evidence


def empty_slots(text: str, strong: float, weak: float) -> list[Slot]:
    """Gaps that probably held a number.

    In a document that :func:`looks_stripped`, every gap scoring
    ``STRIPPED_WEAK``. Elsewhere a gap counts when its score reaches
    ``strong``, or ``weak`` in a sentence without Arabic digits that already
    has a gap at ``strong``: deletions come in clusters (a date has two or
    three), while a clean sentence's odd pair of characters stands alone.
    Clean text has almost no strong gap, so the wider scoring runs only where
    the damage is.
    """
    if looks_stripped(text):
        return [Slot(i, score) for i, score in score_gaps(text) if score >= STRIPPED_WEAK]
    if prose_has_digits(text) or strong < STRIPPED_FLOOR:
        candidates = strong_gaps(text, strong)
    else:  # the stripped-document test has already scanned at a lower floor
        candidates = tuple(g for g in strong_gaps(text, STRIPPED_FLOOR) if g[1] >= strong)
    slots: list[Slot] = []
    done = 0  # end of the last sentence scored in full
    for i, score in candidates:
        if i < done:
            continue
        start, end = _sentence(text, i)
        if weak >= strong or has_arabic_digits(text[start:end]):
            slots.append(Slot(i, score))
            continue
        slots += [Slot(j, sc) for j, sc in score_gaps(text, start, end) if sc >= weak]
        done = end
    return slots


def _sentence(text: str, i: int) -> tuple[int, int]:
    """The sentence holding ``text[i]``: from after the previous end mark or line
    break to its own end mark (included)."""
    start = max(text.rfind(mark, 0, i) for mark in _ENDS) + 1
    match = _SENTENCE_END.search(text, i)
    return start, match.end() if match else len(text)
