"""UTF-8 read with the wrong codec (MOJ001: a CJK codec; MOJ002: a Latin one),
found by byte round trips and judged by the character model."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache

from corplint.core.document import Document
from corplint.core.finding import Applicability, Edit, Finding, Fix, Severity
from corplint.core.rule import Rule, portable
from corplint.rules._shared.charmodel import model
from corplint.rules.mojibake.misread import (
    CJK_ENCODERS,
    CJK_UTF8_PAIR,
    LATIN_ENCODERS,
    Encoder,
    misread_runs,
)

COMMON_CHARACTERS = 5000
"""Characters outside the model's 5,000 most frequent are 'uncommon' for the fast scan."""


_SURROGATE_OR_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff]")


@cache
def _uncommon() -> str:
    """A class of the characters that are not common."""
    common = re.escape(model().common(COMMON_CHARACTERS))
    # ASCII, general punctuation, CJK punctuation, kana-free full-width forms are common
    return f"[^\\x00-\\x7f\\u2000-\\u206f\\u3000-\\u303f\\uff01-\\uff5e{common}]"


@cache
def _uncommon_run() -> re.Pattern[str]:
    return re.compile(_uncommon() + "{2,}")


def _clearly_better(original: str, reading: str, need_han: bool) -> bool:
    """The UTF-8 reading is text and the span is not: the test every repair must pass."""
    if reading == original or "\ufffd" in reading or _SURROGATE_OR_CONTROL.search(reading):
        return False
    non_ascii = sum(ord(c) > 0x7F for c in original)
    if non_ascii < 2:
        return False
    m = model()
    before, after = m.mean_bits(original), m.mean_bits(reading)
    if need_han:
        # CJK mojibake is made of Han characters; names and rare words keep a
        # true reading costly, so the gain decides
        return before != math.inf and before - after >= 4 and after < 16
    return (
        len(reading) < len(original)
        and all(_plausible_letter(c) for c in reading)
        and not _LATIN_PAIR.search(reading)
        and (after == math.inf or (after < 13 and not after > before))
    )


# What a repair of Latin mojibake may produce anywhere: ASCII, Latin-1 and
# Latin Extended-A, general punctuation, currency and trademark signs, CJK.
_COMMON_READING = re.compile(
    "[\x00-\x7f\u00a0-\u017f\u2010-\u203a\u20ac\u2122"
    "\u3000-\u30ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uffef]"
)


def _script(ch: str) -> str:
    """The script a character is written in, as its Unicode name begins (IPA
    letters apart from Latin: they are what a misread of ``É®`` makes)."""
    if "\u0250" <= ch <= "\u02af":
        return "IPA"
    return unicodedata.name(ch, "?").split(" ")[0]


_CONTEXT = 80
"""Characters either side of a span that :func:`_fits_context` looks at."""


def _fits_context(text: str, start: int, end: int, reading: str) -> bool:
    """Whether a repair of Latin mojibake reads as part of the text around it.

    Clean text of other languages holds pairs that are byte-for-byte the
    UTF-8 of another character: a capital É before ® (an IPA letter), × before
    £ (a Hebrew letter), √π (MacRoman for ù). A round trip cannot tell them
    from mojibake; the context can. A character of a script other than Latin,
    CJK or common punctuation must be written elsewhere on the line too; a
    single repaired letter must belong to a word (a letter beside the span).
    """
    uncommon = [ch for ch in reading if not _COMMON_READING.match(ch)]
    if uncommon:
        # the words around the span, on its line (a bounded window: a long line of
        # mojibake holds many spans, and each must cost the same)
        lo = max(text.rfind("\n", max(0, start - _CONTEXT), start) + 1, start - _CONTEXT)
        hi = text.find("\n", end, end + _CONTEXT)
        around = text[lo:start] + text[end : hi if hi >= 0 else end + _CONTEXT]
        scripts = {_script(c) for c in set(around) if not c.isascii()}
        if any(_script(ch) not in scripts for ch in uncommon):
            return False
    unusual = [c for c in reading if not c.isascii()]
    if len(unusual) == 1 and unusual[0].isalpha() and unusual[0] < "\u3000":
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        return before.isalpha() or after.isalpha()
    return True


def _latin_damage(original: str, reading: str) -> bool:
    """Latin mojibake too mixed up to repair (a second misread, lost bytes) is still
    reported: its bytes read as UTF-8 and it is dense in lead/continuation pairs."""
    return (
        len(_LATIN_PAIR.findall(original)) >= 2
        and len(reading) < len(original)
        and not _SURROGATE_OR_CONTROL.search(reading)
    )


def _plausible_letter(ch: str) -> bool:
    """What a UTF-8 reading of Latin mojibake may hold: text, not combining marks or symbols."""
    if ch < "\x80":
        return True
    category = unicodedata.category(ch)
    return category[0] in "LNZ" or category in ("Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sc")


def _suspicious_lines(
    doc: Document, pattern: re.Pattern[str], gate: Callable[[str], bool] | None = None
) -> Iterator[tuple[int, int]]:
    """Lines holding a match of ``pattern`` (whose surroundings pass ``gate``)."""
    text = doc.text
    seen = -1
    for m in pattern.finditer(text):
        if m.start() < seen:
            continue
        if gate is not None and not gate(text[max(0, m.start() - 2) : m.end() + 2]):
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        seen = end
        yield start, end


class Utf8MisreadAsCjk(Rule):
    """UTF-8 text decoded as GBK, Big5, Shift-JIS or EUC-KR.

    How it arises: a page saved in UTF-8 is read by a tool that assumes the
    local Windows code page. ``他说。”“`` is the bytes E4 BB 96 E8 AF B4 ...;
    read as code page 936 they become ``浠栬銆傗€濃€``, valid characters that
    mean nothing. The rule re-encodes uncommon-looking spans with each codec
    and reports those whose bytes are valid UTF-8 that reads as clearly more
    probable Chinese. The fix writes the UTF-8 reading; it is safe because the
    round trip is exact. Where an earlier decoder replaced bytes with U+FFFD,
    the span is reported without a fix. Windows' 0x80 = € is handled.

    Bad: ``鎴戜滑鐨勬椂闂`` (我们的时间 read as GBK). Good: ``我们的时间``.
    """

    code = "MOJ001"
    name = "utf8-misread-as-cjk"
    category = "mojibake"
    finds = (
        "UTF-8 text decoded as GBK (Windows cp936 with 0x80 = €), Big5, Shift-JIS or EUC-KR "
        "(`鎴戜滑` for `我们`); the fix re-encodes the span and decodes it as UTF-8, only when "
        "that round trip is exact and reads as clearly more probable Chinese; spans with lost "
        "bytes are reported without a fix"
    )
    severity = Severity.ERROR
    fix = Applicability.SAFE

    @property
    def trigger(self) -> str:  # type: ignore[override]
        return portable(_uncommon() + "{2}")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if not _uncommon_run().search(text):
            return
        for start, end in _suspicious_lines(doc, _uncommon_run(), _holds_cjk_utf8):
            yield from _misread_findings(doc, start, end, CJK_ENCODERS, need_han=True)


def _holds_cjk_utf8(snippet: str) -> bool:
    """Whether the bytes of a snippet, in one of the CJK codecs, hold two UTF-8
    CJK characters in a row: the cheap test before a line is examined."""
    for encode in CJK_ENCODERS.values():
        pieces = [encode(ch) for ch in snippet]
        data = b"".join(p for p in pieces if p is not None)
        if CJK_UTF8_PAIR.search(data):
            return True
    return False


def _misread_findings(
    doc: Document, start: int, end: int, encoders: dict[str, Encoder], need_han: bool
) -> Iterator[Finding]:
    text = doc.text
    found: list[tuple[int, int, str, str | None]] = []
    for codec, encode in encoders.items():
        runs = misread_runs(text, start, end, encode, need_han)
        for group in _lost_byte_groups(text, runs):
            s, e = group[0][0], group[-1][1]
            original = "".join(text[a:b] for a, b, _ in group)
            reading = "".join(r for _, _, r in group)
            exact = len(group) == 1
            if not need_han:
                # more mojibake right beside the span: its reading is partial
                if _LATIN_DEBRIS.match(text, e) or (s > 0 and _LATIN_DEBRIS.match(text, s - 1)):
                    exact = False
                if exact:
                    reading = _repeat(reading, encoders)
            if _clearly_better(original, reading, need_han) and (
                need_han or _fits_context(text, s, e, reading)
            ):
                found.append((s, e, codec, reading if exact else None))
            elif not need_han and _latin_damage(original, reading):
                found.append((s, e, codec, None))
    for s, e, codec, reading in _drop_overlaps(found):
        if reading is None:
            yield Finding(s, e, f"UTF-8 text decoded as {codec}; some bytes are lost (U+FFFD)")
        else:
            yield Finding(
                s,
                e,
                f"UTF-8 text decoded as {codec}: reads '{_short(reading)}'",
                Fix((Edit(s, e, reading),), Applicability.SAFE),
            )


def _lost_byte_groups(
    text: str, runs: list[tuple[int, int, str]]
) -> Iterator[list[tuple[int, int, str]]]:
    """Runs joined across gaps that are only lost bytes (U+FFFD or '?', at most 3)."""
    group: list[tuple[int, int, str]] = []
    for run in sorted(runs):
        if group:
            gap = text[group[-1][1] : run[0]]
            if len(gap) <= 3 and not gap.strip("\ufffd?"):
                group.append(run)
                continue
            yield group
        group = [run]
    if group:
        yield group


def _repeat(reading: str, encoders: dict[str, Encoder]) -> str:
    """Undo double encoding: repair the reading again while it still repairs whole."""
    for _ in range(2):
        again = next(
            (
                r
                for enc in encoders.values()
                for rs, re_, r in misread_runs(reading, 0, len(reading), enc, cjk=False)
                if rs == 0 and re_ == len(reading)
            ),
            None,
        )
        if again is None or again == reading:
            break
        reading = again
    return reading


def _drop_overlaps(
    found: list[tuple[int, int, str, str | None]],
) -> list[tuple[int, int, str, str | None]]:
    """The longest of overlapping candidates (codecs compete for the same span)."""
    out: list[tuple[int, int, str, str | None]] = []
    for item in sorted(found, key=lambda x: (-(x[1] - x[0]), x[0])):
        if any(item[0] < e and s < item[1] for s, e, _, _ in out):
            continue
        out.append(item)
    return sorted(out)


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Lead bytes of UTF-8 sequences as single-byte codecs show them, except the
# general punctuation “”‘’–—… that MacRoman shows some of them as: Chinese
# text is full of those (……, ——).
_LATIN_LEAD = "".join(
    sorted(
        ch
        for ch in {
            bytes([b]).decode(c, "replace")
            for b in range(0xC2, 0xF5)
            for c in ("cp1252", "latin-1", "mac_roman")
        }
        if ch != "\ufffd" and not "\u2000" <= ch <= "\u206f"
    )
)


_LATIN_CONT = "".join(
    sorted(
        {
            bytes([b]).decode(c, "replace")
            for b in range(0x80, 0xC0)
            for c in ("cp1252", "latin-1", "mac_roman")
        }
        - {"\ufffd"}
    )
)


# what is left beside a partial reading: Latin-1 and CP1252 letters and symbols,
# C1 controls; not the general punctuation (“”…—) Chinese text itself is full of
_LATIN_DEBRIS = re.compile(
    "[\x80-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2122]"
)


_LATIN_PAIR = re.compile(f"[{re.escape(_LATIN_LEAD)}][{re.escape(_LATIN_CONT)}]")


class Utf8MisreadAsLatin(Rule):
    """UTF-8 text decoded as Latin-1, CP1252 or MacRoman, once or twice.

    How it arises: a UTF-8 export is opened as Windows-1252, so every
    multi-byte character becomes two or three Latin characters: ``我`` (E6 88
    91) becomes ``æˆ‘`` and ``é`` becomes ``Ã©``; saved and misread again, it
    becomes ``Ã¦Ë†â€˜``. The fix re-encodes the span and decodes it as UTF-8,
    repeating for double encoding; it is safe because the round trip is exact.

    Bad: ``æˆ‘ä»¬`` . Good: ``我们``.
    """

    code = "MOJ002"
    name = "utf8-misread-as-latin"
    category = "mojibake"
    finds = "UTF-8 decoded as CP1252, Latin-1 or MacRoman, once or twice (`æˆ‘`, `Ã©`)"
    severity = Severity.ERROR
    fix = Applicability.SAFE

    trigger = _LATIN_PAIR.pattern

    def check(self, doc: Document) -> Iterator[Finding]:
        if not _LATIN_PAIR.search(doc.text):
            return
        for start, end in _suspicious_lines(doc, _LATIN_PAIR):
            yield from _misread_findings(doc, start, end, LATIN_ENCODERS, need_han=False)
