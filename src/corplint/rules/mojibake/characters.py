"""Characters that stand for damage: relatives of U+FFFD (MOJ003), look-alikes of
Chinese characters (MOJ005), invisible and private-use code points (MOJ006)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corplint.core.document import Document
from corplint.core.finding import Applicability, Edit, Finding, Fix, Severity
from corplint.core.rule import Option, Rule
from corplint.rules._shared.charmodel import is_han, model
from corplint.rules.mojibake.misreads import _short


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
    trigger = _RELATIVE_START.pattern
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
    trigger = f"[{_DASHES}{''.join(_KATAKANA)}〇○]|{_ZERO_NEAR_NUMERAL.pattern}"
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


_INVISIBLE_CLASS = (
    "[\u200b\u200c\u200d\u2060-\u2064\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad\ufeff"
    "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)
_INVISIBLE = re.compile(_INVISIBLE_CLASS + "+")


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
    trigger = _INVISIBLE_CLASS
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
