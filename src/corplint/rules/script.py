"""Rules of the ``script`` category: text in the wrong writing system.

This module holds the pinyin-annotation rule; the mixed-script rules of the
same family are still to come (issue 5).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corplint.document import Document
from corplint.finding import Applicability, Finding, Fix
from corplint.hookspecs import hookimpl
from corplint.rule import Option, Rule

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_DETONE = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ", "aaaaeeeeiiiioooouuuuüüüü")
# The syllables of Mandarin: an optional initial and a final (ü also written v).
_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|iao|ian|uai|uan|üan|van|ai|ei|ao|ou|an|en|er|ia|ie|iu"
    r"|in|ua|uo|ui|un|üe|ve|ue|ün|vn|a|o|e|i|u|ü|v)"
)
_ANNOTATION = re.compile(
    rf"(?<=[\u3400-\u9fff\uf900-\ufaff])[(（]([A-Za-z{_TONED}{_TONED.upper()}üÜv]{{1,6}})([1-5]?)[)）]"
)


def pinyin_syllable(word: str, tone_digit: str) -> bool:
    """A Mandarin syllable carrying a tone (a tone mark or a tone number)."""
    word = word[0].lower() + word[1:]  # proper names are glossed capitalised: Chàng
    if not word[1:].islower() and len(word) > 1:
        return False
    toned = tone_digit != "" or any(ch in _TONED for ch in word)
    return toned and _SYLLABLE.fullmatch(word.translate(_DETONE)) is not None


class PinyinAnnotations(Rule):
    """Pinyin glosses injected after characters: ``網(wǎng)站首頁(yè)``.

    How it arises: some Simplified-to-Traditional converters, and some
    "learner" exports, append the reading of every character they touched,
    so the text a model sees is half pinyin. The rule reports toned pinyin in
    parentheses right after a Han character (``(wǎng)``, ``(wang3)``,
    ``（wǎng）``) when a document holds at least ``min-annotations`` of them
    and they gloss at least ``min-density`` of its Han characters — a textbook
    that glosses a rare character now and then is left alone. The fix deletes
    the annotation and is safe: the character it glosses stays.

    Bad: ``網(wǎng)站首頁(yè)``. Good: ``網站首頁``.
    """

    code = "SCR004"
    name = "pinyin-annotations"
    category = "script"
    fix = Applicability.SAFE
    options = (
        Option("min-annotations", 3, "Fewest annotations in a document to report any."),
        Option("min-density", 0.01, "Fewest annotations per Han character of the document."),
    )

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "(" not in text and "（" not in text:
            return
        found = [m for m in _ANNOTATION.finditer(text) if pinyin_syllable(m[1], m[2])]
        if len(found) < self.settings["min-annotations"]:
            return
        han = len(_HAN.findall(text))
        if han == 0 or len(found) / han < self.settings["min-density"]:
            return
        for m in found:
            yield Finding(
                m.start(),
                m.end(),
                f"pinyin annotation '{m.group()}' after '{text[m.start() - 1]}'",
                Fix.delete(m.start(), m.end()),
            )


_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [PinyinAnnotations]
