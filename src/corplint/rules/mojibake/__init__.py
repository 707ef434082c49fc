"""Rules of the ``mojibake`` category: text decoded with the wrong codec, and its relatives.

Clean text is decided fast: each rule first scans with one compiled regex
for what its damage must contain (runs of uncommon characters, Latin-1 lead
and continuation characters, invisible code points ...). Only lines that
match are examined, by byte-level round trips checked against a character
model of Chinese (``corplint.rules._shared.charmodel``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache

from corplint.core.document import Document
from corplint.core.finding import Applicability, Edit, Finding, Fix, Severity
from corplint.core.hookspecs import hookimpl
from corplint.core.rule import Option, Rule
from corplint.rules._shared.charmodel import is_han, model
from corplint.rules.mojibake.misread import (
    CJK_ENCODERS,
    CJK_UTF8_PAIR,
    LATIN_ENCODERS,
    Encoder,
    misread_runs,
)
from corplint.rules.mojibake.unshift import unshift

COMMON_CHARACTERS = 5000
"""Characters outside the model's 5,000 most frequent are 'uncommon' for the fast scan."""
SHIFT_COMMON_CHARACTERS = 3000
"""Shifted GB2312 text is made of fairly common characters: its scan uses the top 3,000."""
_SURROGATE_OR_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff]")


@cache
def _shift_suspect() -> re.Pattern[str]:
    """Two adjacent characters outside the 3,000 most frequent: shifted GB2312 text is
    made of valid, fairly common characters, so this net is wider than ``_uncommon_run``."""
    common = re.escape(model().common(SHIFT_COMMON_CHARACTERS))
    return re.compile(f"[^\\x00-\\x7f\\u2000-\\u206f\\u3000-\\u303f{common}]{{2}}")


@cache
def _uncommon_run() -> re.Pattern[str]:
    common = re.escape(model().common(COMMON_CHARACTERS))
    # ASCII, general punctuation, CJK punctuation, kana-free full-width forms are common
    return re.compile(f"[^\\x00-\\x7f\\u2000-\\u206f\\u3000-\\u303f\\uff01-\\uff5e{common}]{{2,}}")


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

    def check(self, doc: Document) -> Iterator[Finding]:
        if not _LATIN_PAIR.search(doc.text):
            return
        for start, end in _suspicious_lines(doc, _LATIN_PAIR):
            yield from _misread_findings(doc, start, end, LATIN_ENCODERS, need_han=False)


def _relatives() -> re.Pattern[str]:
    """``锟斤拷`` and its kin: U+FFFD saved as UTF-8 (EF BF BD) and read in another codec."""
    lost = "\ufffd".encode()
    forms = []
    for codec in ("gbk", "big5", "cp932", "cp949", "cp1252"):
        unit = (lost * 2).decode(codec, "replace")
        partial = lost.decode(codec, "replace").rstrip("\ufffd")
        if unit.count("\ufffd") == 0:
            forms.append(f"(?:{re.escape(unit)})+(?:{re.escape(partial)})?")
        else:  # the unit itself holds U+FFFD: match the repeating readable part
            forms.append(f"(?:{re.escape(partial)}\ufffd?){{2,}}")
    return re.compile("|".join([*forms, "烫{3,}", "屯{3,}", "\ufffd{2,}"]))


_RELATIVES = _relatives()
# every match of _RELATIVES holds one of these (not 占, a common character): a fast first scan
_RELATIVE_START = re.compile("[锟嚙쏙ï烫屯\ufffd]|ｿｽ")


class ReplacementRelatives(Rule):
    """Replacement characters re-encoded (``锟斤拷``) and uninitialised-memory markers.

    How it arises: GBK text decoded as UTF-8 turns every invalid sequence into
    U+FFFD; when that text is saved as UTF-8 (EF BF BD) and read as GBK again,
    each pair of U+FFFD becomes ``锟斤拷`` (as Big5 ``嚙踝蕭``, as CP1252
    ``ï¿½``). ``烫烫烫`` and ``屯屯屯`` are bytes 0xCC and 0xCD — memory a C
    program never initialised — shown as GBK. Runs of two or more U+FFFD, what
    a multi-byte character becomes when its bytes are misread, are reported
    too (ENC004, in the encoding category, reports every U+FFFD: select one of
    the two if you want each run once). The original bytes are gone, so there
    is no fix.

    Bad: ``锟斤拷锟斤拷``. Good: the text the bytes held.
    """

    code = "MOJ003"
    name = "replacement-relatives"
    category = "mojibake"
    finds = (
        "`锟斤拷` and its relatives in other codecs, `烫烫烫`/`屯屯屯` memory markers, runs of "
        "U+FFFD"
    )
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Finding]:
        if not _RELATIVE_START.search(doc.text):
            return
        for m in _RELATIVES.finditer(doc.text):
            yield Finding(m.start(), m.end(), f"lost bytes shown as '{_short(m.group(), 12)}'")


class ShiftedDoubleByte(Rule):
    """Double-byte text whose byte pairs slipped by one byte.

    How it arises: one byte of a GBK or Big5 stream is lost or added (a
    truncated buffer, a naive cut at a byte offset), so every later pair
    straddles two characters: ``。”“大家辛苦了`` (A1 A3 A1 B1 ...) read from its
    second byte becomes ``！薄按蠹倚量嗔``, valid characters in an improbable
    order. The rule looks at runs of uncommon characters, re-reads their bytes
    one byte off in both directions, and reports runs whose re-reading is far
    more probable Chinese under the character model. The fix suggests the
    re-reading; it is unsafe because the first or last character of the run
    is guessed.

    Bad: ``薄按蠹倚量嗔``. Good: ``”“大家辛苦了``.
    """

    code = "MOJ004"
    name = "shifted-double-byte"
    category = "mojibake"
    finds = (
        "GBK/Big5 text whose byte pairs slipped by one byte; the fix suggests the re-reading, "
        "guessing lost bytes with the character model"
    )
    severity = Severity.ERROR
    fix = Applicability.UNSAFE
    options = (
        Option("min-gain", 4.0, "Bits per character the re-reading must gain over the text."),
        Option("min-length", 4, "Shortest run of characters examined."),
    )

    def check(self, doc: Document) -> Iterator[Finding]:
        suspect = _shift_suspect()
        if not suspect.search(doc.text):
            return
        text = doc.text
        m = model()
        done = -1
        for hit in suspect.finditer(text):
            if hit.start() < done:
                continue
            # cheap gates before the byte-level search: the hit is no known word
            # with its neighbours, the text around it is improbable Chinese, and
            # read one byte off it is more probable
            i = hit.start()
            if (
                text[i : i + 2] in m.bi
                or text[i - 1 : i + 1] in m.bi
                or text[i + 1 : i + 3] in m.bi
            ):
                continue
            window = text[max(0, hit.start() - 4) : hit.end() + 4]
            if m.rough_bits(window) < 12 or not _quick_gain(window, m):
                continue
            run = _HAN_RUN.match(text, _run_start(text, hit.start()))
            if run is None or run.end() - run.start() < self.settings["min-length"]:
                continue
            done = run.end()
            if run.group().count("\ufffd") * 6 > len(run.group()):
                # bytes already lost to a UTF-8 decoder (MOJ001/MOJ003 report the
                # span): no one-byte-off reading can be trusted, and the search
                # over such runs is the costliest of the default rules
                continue
            for s, e, reading in self._unshift(run.group(), run.start(), m):
                yield Finding(
                    s,
                    e,
                    f"double-byte text shifted by one byte; reads '{_short(reading)}'",
                    Fix((Edit(s, e, reading),), Applicability.UNSAFE),
                )

    def _unshift(self, run: str, offset: int, m) -> Iterator[tuple[int, int, str]]:
        # Long runs are examined in pieces so the cost stays linear. The next
        # piece starts where a reading ended (the whole run is covered in one
        # pass, so a second --fix finds nothing left), or overlaps the last
        # piece by a third when it held none (a reading across the cut is seen).
        piece, step = 160, 120
        lo = 0
        while lo < len(run):
            part = run[lo : lo + piece]
            found = unshift(part, m, self.settings["min-gain"], self.settings["min-length"])
            if found is not None and found.end > found.start:
                yield offset + lo + found.start, offset + lo + found.end, found.text
                lo += found.end
            elif lo + piece >= len(run):
                break
            else:
                lo += step


_FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in "!,.;:()"} | {0xFFFD: ord("?")}


def _quick_gain(window: str, m) -> bool:
    """Whether a one-byte-off GB18030 reading of a few characters gains 2 bits a character
    (half-width marks read as the full-width ones they often were, lost bytes as '?')."""
    data = window.translate(_FULL_WIDTH).encode("gb18030", "replace")
    before = m.mean_bits(window)
    for shifted in (data[1:], data[2:]):
        reading = shifted.decode("gb18030", "replace")[1:]  # the first may straddle
        if before - m.mean_bits(reading) >= 2:
            return True
    return False


def _run_start(text: str, pos: int) -> int:
    """Start of the double-byte run that holds ``pos`` (looking back 400 characters at most)."""
    start = max(0, pos - 400)
    for m in _RUN_BREAK.finditer(text, start, pos):
        start = m.end()
    return start


# a run of double-byte text: anything but ASCII, plus the ASCII marks a
# converter may have made of full-width ones and the '?' of a lost byte
_HAN_RUN = re.compile("(?:[^\\x00-\\x7f]|[?!,.;:()])+")
_RUN_BREAK = re.compile("[\\x00-\\x20\\x22-\\x27\\x2a-\\x2b\\x2d\\x2f-\\x39\\x3c-\\x3e\\x40-\\x7e]")


_DASHES = "—―－ー"  # hyphens and en dashes join words and names: not look-alikes
_KATAKANA = {"ロ": "口", "ニ": "二", "カ": "力", "エ": "工", "タ": "夕", "ハ": "八", "ト": "卜"}
_KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa]")
_ZERO = re.compile(
    "(?<=[一二三四五六七八九〇])[Oo0○](?=[〇一二三四五六七八九Oo0○])|"
    "(?<=[一二三四五六七八九〇][Oo0○])[Oo0○]|"
    "[Oo0○](?=[Oo0○]?[一二三四五六七八九]年)"
)
# fast first scans: the characters themselves, and a zero beside a numeral
_LOOKALIKE_CHARS = re.compile(f"[{_DASHES}{''.join(_KATAKANA)}]")


def _line_of(text: str, i: int) -> str:
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    return text[start : end if end >= 0 else len(text)]


_ZERO_NEAR_NUMERAL = re.compile("[一二三四五六七八九][Oo0]|[Oo0][一二三四五六七八九]")


class LookalikeCharacters(Rule):
    """Look-alike characters standing in for CJK characters.

    How it arises: OCR and careless input put a dash where ``一`` belongs
    (``第—次``), katakana ``ロ`` for ``口`` or ``ニ`` for ``二``, and Latin
    ``O`` or digit ``0`` for the numeral ``〇`` (``二O二二年``). A dash between
    two Han characters is reported only when ``一`` there is probable with both
    neighbours (so ``北京—上海`` and ``丹戈—纳代伊`` pass); hyphens never are;
    katakana only in lines with no other kana. The fix writes the CJK
    character; it is unsafe because a dash can be meant.

    Bad: ``第—次``. Good: ``第一次``.
    """

    code = "MOJ005"
    name = "lookalike-characters"
    category = "mojibake"
    finds = "`—` `―` `－` `ー` where `一` belongs, katakana `ロ` for `口`, Latin `O`/`0` for `〇`"
    fix = Applicability.UNSAFE
    options = (
        Option(
            "min-bigram",
            2e-4,
            "How probable 一 must be between the two neighbours of a dash, as "
            "P(一|left) x P(right|一), for the dash to be reported.",
        ),
    )

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        bi = model().bi if _LOOKALIKE_CHARS.search(text) else None
        threshold = self.settings["min-bigram"]
        for m in _LOOKALIKE_CHARS.finditer(text) if bi is not None else ():
            i, ch = m.start(), m.group()
            if i == 0 or i + 1 >= len(text) or not (is_han(text[i - 1]) and is_han(text[i + 1])):
                continue
            prev, nxt = text[i - 1], text[i + 1]
            if ch in _DASHES:
                if bi.get(prev + "一", 0.0) * bi.get("一" + nxt, 0.0) >= threshold:
                    yield self._finding(i, ch, "一")
            elif len(_KANA.findall(_line_of(text, i))) == 1:
                yield self._finding(i, ch, _KATAKANA[ch])
        if "〇" in text or "○" in text or _ZERO_NEAR_NUMERAL.search(text):
            for m in _ZERO.finditer(text):
                yield self._finding(m.start(), m.group(), "〇")

    def _finding(self, i: int, found: str, meant: str) -> Finding:
        return Finding(
            i,
            i + 1,
            f"'{found}' (U+{ord(found):04X}) where '{meant}' belongs",
            Fix((Edit(i, i + 1, meant),), Applicability.UNSAFE),
        )


_INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u2060-\u2064\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad\ufeff"
    "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]+"
)
_PRIVATE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010fffd]")
_EMOJI = re.compile("[\u2600-\u27bf\ufe0f\U0001f000-\U0001faff]")


class InvisibleCharacters(Rule):
    """Zero-width, bidi-control, soft-hyphen and private-use characters inside text.

    How it arises: copy-paste from web pages and word processors carries
    zero-width spaces (U+200B) and joiners, direction marks and soft hyphens
    that split words invisibly; fonts and converters leave private-use code
    points. Deleting the invisible ones is a safe fix; private-use characters
    may stand for a real glyph, and zero-width (non-)joiners away from Chinese
    characters may shape Persian or Indic text, so deleting those is unsafe.
    A zero-width joiner inside an emoji sequence is part of the emoji and is
    kept.

    Bad: ``社区\\u200b卫生``. Good: ``社区卫生``.
    """

    code = "MOJ006"
    name = "invisible-characters"
    category = "mojibake"
    finds = (
        "zero-width spaces and joiners (emoji sequences kept), bidi controls, soft hyphens (safe "
        "to drop), private-use code points (unsafe)"
    )
    fix_label = "safe / unsafe"
    fix = Applicability.SAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for m in _INVISIBLE.finditer(text):
            s, e = m.span()
            if s == 0 and text[0] == "\ufeff" and doc.format != "jsonl":
                s += 1  # a byte-order mark: ENC002's
                if s == e:
                    continue
            run = text[s:e]
            in_emoji = (
                s > 0 and e < len(text) and _EMOJI.match(text[s - 1]) and _EMOJI.match(text[e])
            )
            if run == "\u200d" and in_emoji:
                continue
            # joiners shape Persian and Indic text: outside Chinese they may be meant
            joiner = "\u200c" in run or "\u200d" in run
            cjk_around = (s > 0 and is_han(text[s - 1])) or (e < len(text) and is_han(text[e]))
            unsafe = _PRIVATE.search(run) is not None or (joiner and not cjk_around)
            names = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(run))
            yield Finding(
                s,
                e,
                f"invisible or private-use character{'s' if len(run) > 1 else ''} {names}",
                Fix.delete(s, e, "unsafe" if unsafe else "safe"),
            )


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [
        Utf8MisreadAsCjk,
        Utf8MisreadAsLatin,
        ReplacementRelatives,
        ShiftedDoubleByte,
        LookalikeCharacters,
        InvisibleCharacters,
    ]
