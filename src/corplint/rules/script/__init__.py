"""Rules of the ``script`` category: text in the wrong writing system.

Which characters belong to one script only is derived from the dictionaries
opencc-python-reimplemented ships, so classifying text is a set lookup; the
(slow, pure-Python) converter runs only on the runs a rule reports.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from functools import cache
from importlib.resources import files

from corplint.core.document import Document
from corplint.core.finding import Applicability, Edit, Finding, Fix
from corplint.core.hookspecs import hookimpl
from corplint.core.rule import Option, Rule, portable
from corplint.rules._shared.charmodel import model
from corplint.rules._shared.scripts import (
    Converter,
    contains_script,
    converter,
    count_script,
    is_traditional,
    opencc_table,
    script_sets,
)

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


@cache
def _readings() -> dict[str, frozenset[str]]:
    """Each character's toneless readings (``scripts/build_pinyin_table.py``)."""
    raw = files("corplint.rules.script").joinpath("data/pinyin_readings.txt.gz").read_bytes()
    table = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        char, _, readings = line.partition("\t")
        table[char] = frozenset(readings.split())
    return table


def reads_as(char: str, word: str) -> bool:
    """``word`` (toneless) is a reading of ``char``: ``烟(yan)``, ``女(nv)``/``女(nu)``."""
    word = word.lower().replace("ü", "v")
    readings = _readings().get(char)
    if not readings or not word.isalpha():
        return False
    return word in readings or word.replace("u", "v") in readings


def pinyin_syllable(word: str, tone_digit: str) -> bool:
    """A Mandarin syllable carrying a tone (a tone mark or a tone number)."""
    word = word[0].lower() + word[1:]  # proper names are glossed capitalised: Chàng
    if not word[1:].islower() and len(word) > 1:
        return False
    toned = tone_digit != "" or any(ch in _TONED for ch in word)
    return toned and _SYLLABLE.fullmatch(word.translate(_DETONE)) is not None


class PinyinAnnotations(Rule):
    """Pinyin glosses injected after characters: ``圖(tú)書(shū)館(guǎn)``.

    How it arises: some Simplified-to-Traditional converters, and some
    "learner" exports, append the reading of every character they touched,
    so the text a model sees is half pinyin; SEO pages inject toneless pinyin
    the same way. The rule reports pinyin in parentheses right after a Han
    character — toned (``(tú)``, ``(tu2)``, ``（tú）``), or toneless where it is
    a reading of that character (``烟(yan)``; ``(an)`` after a character not
    read so is English) — when a document holds at least ``min-annotations`` of them
    and they gloss at least ``min-density`` of its Han characters — a textbook
    that glosses a rare character now and then is left alone. The fix deletes
    the annotation and is safe: the character it glosses stays.

    Bad: ``圖(tú)書(shū)館(guǎn)``. Good: ``圖書館``.
    """

    code = "SCR004"
    name = "pinyin-annotations"
    category = "script"
    finds = (
        "pinyin glosses injected after characters when a document is dense with them: toned "
        "(`圖(tú)`, `門(men2)`, `（fā）`), or toneless where the syllable is a reading of the "
        "character before it (`烟(yan)`; readings from `data/pinyin_readings.txt.gz`, built by "
        "`scripts/build_pinyin_table.py` from pypinyin's table); the fix deletes the glosses"
    )
    fix = Applicability.SAFE
    options = (
        Option("min-annotations", 3, "Fewest annotations in a document to report any."),
        Option("min-density", 0.01, "Fewest annotations per Han character of the document."),
    )

    trigger = portable(f"[\u3400-\u9fff\uf900-\ufaff][(（][A-Za-z{_TONED}{_TONED.upper()}üÜv]")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "(" not in text and "（" not in text:
            return
        found = [
            m
            for m in _ANNOTATION.finditer(text)
            if pinyin_syllable(m[1], m[2])
            # toneless: an English word in brackets (``(an)``) is no gloss unless
            # it is how the character before it is read
            or (len(m[1]) >= 2 and m[1].islower() and reads_as(text[m.start() - 1], m[1]))
        ]
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


def _converter(config: str) -> Converter:
    return converter(config)


MOJIBAKE_BITS = 14.0
"""Runs this improbable (mean bits per Han character) are mojibake, not the other script."""
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?」”]*")


class MixedScript(Rule):
    """Runs of Simplified text in a Traditional document, or the reverse.

    How it arises: a page is converted to Traditional but a sidebar, a quote
    or an injected spam line is not (or the other way round), and a model
    trained on it learns two spellings of every word. The dominant script is
    decided from the characters that exist in one script only (``auto``), or
    set by policy: ``script = "hans"`` or ``"hant"`` reports every run in the
    other script, even in a document written entirely in it. Each sentence or
    line mostly in the other script is reported. The fix converts that run,
    and only that run, with OpenCC (to Traditional with whichever of the
    OpenCC, Taiwan and Hong Kong standards the rest of the document uses); it
    is unsafe unless ``safe-fix = true``, because conversion is not one-to-one.

    Bad: ``這是繁體文章。这是一句简体。`` Good: ``這是繁體文章。這是一句簡體。``
    """

    code = "SCR001"
    name = "mixed-script"
    category = "script"
    finds = (
        "a sentence or line in the other script (decided by characters that exist in one script "
        'only, from OpenCC\'s dictionaries); option `script = "auto" | "hans" | "hant"`; the '
        "fix converts only that run, to the Traditional standard the document uses"
    )
    fix_label = "unsafe (safe with `safe-fix = true`)"
    fix = Applicability.UNSAFE
    options = (
        Option(
            "script",
            "auto",
            "Target script: auto (the dominant one), hans or hant.",
            choices=("auto", "hans", "hant"),
        ),
        Option("safe-fix", False, "Treat the conversion of reported runs as a safe fix."),
    )

    @property
    def trigger(self) -> str:  # type: ignore[override]
        # a Simplified document (or one of unknown script) can be mixed only if
        # it holds a Traditional-only character; a Traditional one, the reverse
        return _script_class("hans" if self.settings["script"] == "hant" else "hant")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        hans, hant = script_sets()
        target = self.settings["script"]
        if target == "auto":
            # the fast path: a text with one script's characters only is consistent
            if not contains_script(text, "hans") or not contains_script(text, "hant"):
                return
            n_hans, n_hant = count_script(text, "hans"), count_script(text, "hant")
            if n_hans == n_hant:
                return
            target = "hans" if n_hans > n_hant else "hant"
        own, other = (hans, hant) if target == "hans" else (hant, hans)
        if not contains_script(text, "hant" if target == "hans" else "hans"):
            return
        applicability = Applicability.SAFE if self.settings["safe-fix"] else Applicability.UNSAFE
        name = "Simplified" if target == "hans" else "Traditional"
        seen: frozenset[str] | None = None  # the document's characters, on first need
        for m in _SENTENCE.finditer(text):
            run = m.group()
            n_other = sum(map(other.__contains__, run))
            if n_other == 0 or n_other <= sum(map(own.__contains__, run)):
                continue
            if model().mean_bits(run) >= MOJIBAKE_BITS:
                continue  # improbable text in any script: mojibake, the MOJ rules' business
            if seen is None:
                seen = frozenset(text)
            converted = _convert(run, target, seen)
            fix = None
            if converted != run:
                fix = Fix((Edit(m.start(), m.end(), converted),), applicability)
            yield Finding(m.start(), m.end(), f"run in the other script in a {name} document", fix)


@cache
def _script_class(script: str) -> str:
    """A character class of the characters only ``script`` (hans or hant) has."""
    hans, hant = script_sets()
    return "[" + "".join(sorted(hans if script == "hans" else hant)) + "]"


def _convert(run: str, target: str, seen: frozenset[str]) -> str:
    """``run`` in the ``target`` script; to Traditional, in the standard whose
    characters the document (whose characters are ``seen``) already uses."""
    if target == "hans":
        return _converter("t2s").convert(run)
    candidates = [_converter(config).convert(run) for config in ("s2tw", "s2t", "s2hk")]
    return max(candidates, key=lambda c: sum(ch in seen for ch in c))


@cache
def converter_phrases() -> dict[str, str]:
    """Simplified phrases a converter must change although every character is also
    Traditional (``干部`` -> ``幹部``), from OpenCC's STPhrases, by phrase."""
    hans, _ = script_sets()
    phrases: dict[str, str] = {}
    for key, values in opencc_table("STPhrases.txt").items():
        if len(key) < 2 or not values or values[0] == key or not hans.isdisjoint(key):
            continue
        phrases[key] = values[0]
    return phrases


@cache
def _phrase_index() -> tuple[dict[str, tuple[int, ...]], re.Pattern[str]]:
    lengths: dict[str, set[int]] = {}
    for phrase in converter_phrases():
        lengths.setdefault(phrase[0], set()).add(len(phrase))
    index = {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}
    return index, re.compile(f"[{''.join(sorted(index))}]")


class ConverterPhraseErrors(Rule):
    """Words a Simplified-to-Traditional converter left in Simplified form.

    How it arises: ``干部`` is two characters that both exist in Traditional
    text (干 as in 干涉), so a character-by-character converter keeps it, but
    the word is written ``幹部`` in Traditional. This rule looks, in
    Traditional documents only, for the phrases of OpenCC's phrase dictionary
    whose characters are all valid Traditional yet whose Traditional spelling
    differs (``干部``, ``面条``-type words are caught by SCR001 instead). It
    catches converter leftovers, not typos. Each hit is confirmed by
    converting its sentence to Simplified and back: a dictionary phrase that
    only happens to straddle two words (``念的`` in ``觀念的``) is dropped.
    Off by default: its precision could only be measured on converter-made
    Traditional text (no finding in 5.3 MB), which cannot show what
    human-written text may hold. The fix writes OpenCC's spelling; it is
    unsafe.

    Bad: ``這些干部都很年輕``. Good: ``這些幹部都很年輕``.
    """

    code = "SCR002"
    name = "converter-phrase-errors"
    category = "script"
    finds = (
        "(off by default) words a converter left Simplified although every character is also "
        "Traditional (`干部` for `幹部`), from OpenCC's phrase dictionary, confirmed by converting "
        "the sentence back and forth"
    )
    enabled_by_default = False
    fix = Applicability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if not is_traditional(text):
            return
        index, first = _phrase_index()
        phrases = converter_phrases()
        config = _traditional_config(text)
        pos = 0
        for m in first.finditer(text):
            i = m.start()
            if i < pos:
                continue
            for length in index[m.group()]:
                word = text[i : i + length]
                if word not in phrases:
                    continue
                right = _in_context(text, i, length, config)
                if right is not None and right != word:
                    yield Finding(
                        i,
                        i + length,
                        f"'{word}' is written '{right}' in Traditional text",
                        Fix((Edit(i, i + length, right),), Applicability.UNSAFE),
                    )
                    pos = i + length
                    break


def _traditional_config(text: str) -> str:
    """The OpenCC configuration whose Traditional standard the document follows."""
    hk = sum(text.count(ch) for ch in "啓着綫裏衞")
    tw = sum(text.count(ch) for ch in "啟著線裡衛")
    return "s2hk" if hk > tw else "s2tw"


def _in_context(text: str, i: int, length: int, config: str) -> str | None:
    """How the converter writes text[i:i+length] in its sentence, or None if the
    sentence does not convert character for character.

    A dictionary phrase can be a false match across a word boundary (``念的``
    in ``觀念的``); converting the whole sentence back and forth with OpenCC
    tells a leftover from a coincidence.
    """
    start = max(text.rfind(mark, 0, i) for mark in "。！？\n") + 1
    ends = [e for e in (text.find(mark, i + length) for mark in "。！？\n") if e >= 0]
    end = min(ends) if ends else len(text)
    sentence = text[start:end]
    again = _converter(config).convert(_converter("t2s").convert(sentence))
    if len(again) != len(sentence):
        return None
    return again[i - start : i - start + length]


class RegionalVariants(Rule):
    """Characters the Taiwan or Hong Kong standard writes differently.

    How it arises: OpenCC's plain Traditional output (``s2t``) follows the
    character standard of its dictionaries; a corpus meant to be Taiwan (or
    Hong Kong) text wants 群 rather than 羣, 為 rather than 爲. With
    ``variant = "tw"`` (or ``"hk"``) set, each character OpenCC's TW (HK)
    variant table maps to another form is reported in Traditional documents.
    Off by default: it is a policy, not a defect. The fix writes the regional
    form; it is unsafe.

    Bad (variant tw): ``人羣``. Good: ``人群``.
    """

    code = "SCR003"
    name = "regional-variants"
    category = "script"
    finds = (
        "(off by default) characters the Taiwan or Hong Kong standard writes differently; option "
        '`variant = "tw" | "hk"`'
    )
    enabled_by_default = False
    fix = Applicability.UNSAFE
    options = (Option("variant", "tw", "The regional standard: tw or hk.", choices=("tw", "hk")),)

    def __init__(self, **settings: object) -> None:
        super().__init__(**settings)
        name = "TWVariants.txt" if self.settings["variant"] == "tw" else "HKVariants.txt"
        self._table = {
            k: v[0] for k, v in opencc_table(name).items() if len(k) == 1 and v and v[0] != k
        }
        self._pattern = re.compile(f"[{''.join(sorted(self._table))}]")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if not self._pattern.search(text) or not is_traditional(text):
            return
        region = self.settings["variant"].upper()
        for m in self._pattern.finditer(text):
            right = self._table[m.group()]
            yield Finding(
                m.start(),
                m.end(),
                f"'{m.group()}' is written '{right}' in the {region} standard",
                Fix((Edit(m.start(), m.end(), right),), Applicability.UNSAFE),
            )


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [MixedScript, ConverterPhraseErrors, RegionalVariants, PinyinAnnotations]
