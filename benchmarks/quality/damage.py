"""Damage from codecs and converters: encoding, mojibake, script, digits, punctuation.

Every kind is a function ``(rng, text, variant) -> Damage | None`` that
returns the damaged text with the exact span of each defect, or None when the
text has nothing to damage (no digits to strip, say). Each kind has several
surface variants so that no single template can pass the benchmark.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from benchmarks.quality.model import hole, sentences, splice
from benchmarks.quality.sources import package_dir


@dataclass
class Damage:
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    encoding: str = "utf-8"
    file_level: bool = False
    restorable: bool = False


DamageFn = Callable[[random.Random, str, str], "Damage | None"]


def _pick_sentences(rng: random.Random, text: str, n: int, pred=None) -> list[tuple[int, int]]:
    spans = [s for s in sentences(text) if pred is None or pred(text[s[0] : s[1]])]
    if not spans:
        return []
    return sorted(rng.sample(spans, min(n, len(spans))))


def _replace_sentences(rng, text, n, transform, pred=None) -> Damage | None:
    chosen = _pick_sentences(rng, text, n, pred)
    edits = []
    for start, end in chosen:
        new = transform(text[start:end])
        if new != text[start:end]:
            edits.append((start, end, new))
    if not edits:
        return None
    new_text, spans = splice(text, edits)
    return Damage(new_text, spans)


# ------------------------------------------------------------------ encoding
def file_codec(rng: random.Random, text: str, variant: str) -> Damage | None:
    """The whole file saved in a legacy codec (GB18030/GBK or Big5)."""
    try:
        text.encode(variant)
    except UnicodeEncodeError:
        return None
    return Damage(text, encoding=variant, file_level=True, restorable=True)


def bom(rng: random.Random, text: str, variant: str) -> Damage | None:
    if variant == "crlf":
        text = text.replace("\n", "\r\n")
        return None if "\r\n" not in text else Damage("\ufeff" + text, [(0, 1)])
    return Damage("\ufeff" + text, [(0, 1)], restorable=True)


_CONTROLS = {
    "nul": ["\x00"],
    "nul-run": ["\x00\x00", "\x00\x00\x00"],
    "c0": ["\x01", "\x02", "\x03", "\x08", "\x1b", "\x1f"],
    "del-vt-ff": ["\x7f", "\x0b", "\x0c"],
}


def control_chars(rng: random.Random, text: str, variant: str) -> Damage | None:
    positions = sorted(rng.sample(range(1, len(text) - 1), min(3, len(text) - 2)))
    edits = [(p, p, rng.choice(_CONTROLS[variant])) for p in positions]
    new_text, spans = splice(text, edits)
    return Damage(new_text, spans, restorable=True)


def mixed_line_endings(rng: random.Random, text: str, variant: str) -> Damage | None:
    breaks = [m.start() for m in re.finditer("\n", text)]
    if len(breaks) < 4:
        return None
    chosen = rng.sample(breaks, max(1, len(breaks) // 4))
    ending = "\r\n" if variant == "crlf" else "\r"
    new_text, spans = splice(text, [(p, p + 1, ending) for p in chosen])
    return Damage(new_text, spans, restorable=True)


# ------------------------------------------------------------------ mojibake
def _cp936(data: bytes) -> str:
    """Bytes read as Windows shows GBK text: a lone 0x80 is the euro sign, pairs with
    an 0x80 trail byte read as GB18030 does, undecodable bytes become U+FFFD."""
    out, i = [], 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
        elif b == 0x80:
            out.append("€")
            i += 1
        else:
            try:
                out.append(data[i : i + 2].decode("gb18030"))
                i += 2
            except UnicodeDecodeError:
                out.append("\ufffd")
                i += 1
    return "".join(out)


_WRONG_DECODERS: dict[str, Callable[[bytes], str]] = {
    "gbk": lambda b: b.decode("gbk", "replace"),
    "gb18030": lambda b: b.decode("gb18030", "replace"),
    "cp936": _cp936,
    "big5": lambda b: b.decode("big5", "replace"),
    "cp950": lambda b: b.decode("cp950", "replace"),
    "latin-1": lambda b: b.decode("latin-1"),
    "cp1252": lambda b: b.decode("cp1252", "replace"),
    "mac-roman": lambda b: b.decode("mac_roman"),
    "cp1252-twice": lambda b: (
        b.decode("cp1252", "replace").encode("utf-8").decode("cp1252", "replace")
    ),
}


def utf8_misread(rng: random.Random, text: str, variant: str) -> Damage | None:
    """UTF-8 bytes of one or two sentences decoded with the wrong codec.

    The ``-exact`` variants pick sentences whose bytes the codec reads without
    an error, as a whole file misread at once would be: those are restorable.
    """
    codec, exact = variant.removesuffix("-exact"), variant.endswith("-exact")
    decoder = _WRONG_DECODERS[codec]

    def readable(s: str) -> bool:
        return "\ufffd" not in decoder(s.encode("utf-8"))

    damage = _replace_sentences(
        rng,
        text,
        rng.randint(1, 2),
        lambda s: decoder(s.encode("utf-8")),
        pred=readable if exact else None,
    )
    if damage is not None:
        # a U+FFFD from the first of two misreads shows up as "ï¿½" after the second
        damage.restorable = "\ufffd" not in damage.text and "ï¿½" not in damage.text
    return damage


def gbk_misread(rng: random.Random, text: str, variant: str) -> Damage | None:
    """GBK bytes decoded as UTF-8 with replacement, and the forms it takes later."""

    def transform(s: str) -> str:
        replaced = s.encode("gbk", "replace").decode("utf-8", "replace")
        if variant == "replacement":
            return replaced
        if variant == "kunjinkao":  # the U+FFFD bytes read back as GBK
            return replaced.encode("utf-8").decode("gbk", "replace")
        return s[: len(s) // 2] + rng.choice("烫屯") * rng.randint(4, 12) + s[len(s) // 2 :]

    return _replace_sentences(rng, text, 1, transform)


def shifted_double_byte(rng: random.Random, text: str, variant: str) -> Damage | None:
    """Double-byte text whose byte pairs slipped by one byte.

    A byte is dropped or added at the start of a sentence; the decoder reads
    pairs off by one until an invalid pair puts it back in step. The defect is
    the stretch read out of step (at least 6 characters: shorter ones are not
    this kind's business), not the whole sentence.
    """
    codec = "gb18030" if variant == "gb18030" else "gbk"

    def shifted(s: str) -> str | None:
        try:
            data = s.encode(codec)
        except UnicodeEncodeError:
            return None
        data = b"\xa1" + data if variant == "insert" else data[1:] + b" "
        return data.decode(codec, "replace")

    candidates = sentences(text)
    rng.shuffle(candidates)
    for start, end in candidates:
        original = text[start:end]
        damaged = shifted(original)
        if damaged is None:
            continue
        damaged = damaged.rstrip(" ")
        same = 0  # the decoder is back in step where the damaged text ends like the original
        while same < min(len(damaged), len(original)) and damaged[-1 - same] == original[-1 - same]:
            same += 1
        region = len(damaged) - same
        if region < 6:
            continue
        new_text, spans = splice(text, [(start, end, damaged)])
        s0 = spans[0][0]
        return Damage(new_text, [(s0, s0 + region)])
    return None


_LOOKALIKES = {
    "dash-for-yi": {"一": ["—", "―", "－", "ー"]},
    "hyphen-for-yi": {"一": ["-", "‐", "–"]},
    "katakana": {
        "口": ["ロ"],
        "二": ["ニ"],
        "力": ["カ"],
        "工": ["エ"],
        "夕": ["タ"],
        "八": ["ハ"],
    },
    "latin-for-ling": {"〇": ["O", "0", "o", "○"]},
}


def lookalike(rng: random.Random, text: str, variant: str) -> Damage | None:
    """Characters replaced by look-alikes from other scripts or symbol blocks."""
    table = _LOOKALIKES[variant]
    positions = [i for i, ch in enumerate(text) if ch in table]
    if not positions:
        return None
    chosen = sorted(rng.sample(positions, min(len(positions), rng.randint(1, 3))))
    edits = [(p, p + 1, rng.choice(table[text[p]])) for p in chosen]
    new_text, spans = splice(text, edits)
    return Damage(new_text, spans, restorable=True)


# -------------------------------------------------------------------- script
@cache
def _converter(config: str):
    from corplint.rules._shared.scripts import converter

    return converter(config)


def converted_sentences(rng: random.Random, text: str, variant: str) -> Damage | None:
    """One sentence converted to the other script inside a document (s2t, s2tw, t2s ...).

    The document stays dominated by its own script, as when a converter misses a
    quote or a sidebar: a converted majority would make the damage the norm.
    """
    from corplint.rules._shared.scripts import script_sets

    convert = _converter(variant).convert
    damage = _replace_sentences(rng, text, 1, convert, pred=lambda s: convert(s) != s)
    if damage is None:
        return None
    hans, hant = script_sets()
    target_is_hant = variant.startswith("s2")
    injected, own = (hant, hans) if target_is_hant else (hans, hant)
    start, end = damage.spans[0]
    n_injected = sum(ch in injected for ch in damage.text[start:end])
    n_own = sum(ch in own for ch in damage.text) - sum(ch in own for ch in damage.text[start:end])
    if n_injected == 0 or n_own <= 2 * n_injected:
        return None
    damage.restorable = True  # conversion back is not always one-to-one: measured
    return damage


def converter_leftovers(rng: random.Random, text: str, variant: str) -> Damage | None:
    """Traditional words put back in the Simplified form a character-level converter
    would leave (幹部 -> 干部), every character still valid Traditional."""
    from corplint.rules.script import converter_phrases

    reverse = _reverse_phrases(tuple(sorted(converter_phrases().items())))
    found = [(m.start(), m.end(), reverse[m.group()]) for m in _leftover_pattern().finditer(text)]
    if not found:
        return None
    chosen = sorted(rng.sample(found, min(len(found), 1 if variant == "one" else 3)))
    new_text, spans = splice(text, chosen)
    return Damage(new_text, spans, restorable=True)


@cache
def _reverse_phrases(items: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {right: wrong for wrong, right in items if len(right) == len(wrong)}


@cache
def _leftover_pattern() -> re.Pattern[str]:
    from corplint.rules.script import converter_phrases

    words = {right for wrong, right in converter_phrases().items() if len(right) == len(wrong)}
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


@cache
def _pinyin() -> dict[str, str]:
    table: dict[str, str] = {}
    path = package_dir() / "normal" / "pinyin.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and len(parts[0]) == 1:
            table.setdefault(parts[0], parts[1])
    return table


_TONES = {"a": "āáǎà", "o": "ōóǒò", "e": "ēéěè", "i": "īíǐì", "u": "ūúǔù", "v": "ǖǘǚǜ"}


def _tone_mark(syllable: str, tone: int) -> str:
    for vowel in ("a", "o", "e"):
        if vowel in syllable:
            return syllable.replace(vowel, _TONES[vowel][tone - 1], 1)
    for i in range(len(syllable) - 1, -1, -1):
        if syllable[i] in "iuv":
            return syllable[:i] + _TONES[syllable[i]][tone - 1] + syllable[i + 1 :]
    return syllable


def pinyin_annotations(rng: random.Random, text: str, variant: str) -> Damage | None:
    """A converter that glossed every character it changed with its pinyin: 網(wǎng)."""
    simplified = _converter("t2s").convert(text)
    table = _pinyin()
    edits = []
    for i, (t, s) in enumerate(zip(text, simplified, strict=False)):
        syllable = table.get(s)
        if t != s and syllable and rng.random() < 0.9:
            tone = 1 + (ord(s) % 4)
            if variant == "tone-number":
                gloss = f"({syllable}{tone})"
            elif variant == "fullwidth":
                gloss = f"（{_tone_mark(syllable, tone).replace('v', 'ü')}）"
            else:
                gloss = f"({_tone_mark(syllable, tone).replace('v', 'ü')})"
            edits.append((i + 1, i + 1, gloss))
    if len(edits) < 3:
        return None
    new_text, spans = splice(text, edits)
    # the annotation is the defect; include its character for a visible span
    spans = [(s - 1, e) for s, e in spans]
    return Damage(new_text, spans, restorable=True)


# -------------------------------------------------------------------- digits
_DIGIT_RUNS = {
    "ascii": re.compile(r"[0-9]+"),
    "ascii-decimal": re.compile(r"[0-9]+(?:\.[0-9]+)?%?"),
    "ascii-and-fullwidth": re.compile(r"[0-9０-９]+"),
}


def _strip(text: str, variant: str, region: tuple[int, int]) -> Damage | None:
    pattern = _DIGIT_RUNS[variant]
    edits = [(m.start(), m.end(), "") for m in pattern.finditer(text, *region)]
    if len(edits) < 2:
        return None
    new_text, spans = splice(text, edits)
    return Damage(new_text, [hole(s, len(new_text)) for s in spans])


def digits_stripped_document(rng: random.Random, text: str, variant: str) -> Damage | None:
    return _strip(text, variant, (0, len(text)))


def digits_stripped_sentence(rng: random.Random, text: str, variant: str) -> Damage | None:
    candidates = [s for s in sentences(text) if len(_DIGIT_RUNS[variant].findall(text, *s)) >= 2]
    if not candidates:
        return None
    return _strip(text, variant, rng.choice(candidates))


# --------------------------------------------------------------- punctuation
_ALL_MARKS = "，。、；：！？“”‘’《》（）"


def stripped_punctuation(rng: random.Random, text: str, variant: str) -> Damage | None:
    """Enumeration commas or quotes deleted (or replaced by underscores), or every
    mark of one long paragraph deleted."""
    if variant == "all-marks":
        long = [m.span() for m in re.finditer(r"[^\n]{150,}", text)]
        if not long:
            return None
        start, end = rng.choice(long)
        edits = [(m.start(), m.end(), "") for m in re.finditer(f"[{_ALL_MARKS}]", text[:end])]
        edits = [e for e in edits if e[0] >= start]
        if len(edits) < 2:
            return None
        new_text, spans = splice(text, edits)
        return Damage(new_text, [hole(s, len(new_text)) for s in spans])
    marks, replacement = {
        "enumeration-comma": ("、", ""),
        "quotes": ("“”", ""),
        "quotes-underscore": ("“”", "_"),
        "book-title-marks": ("《》", ""),
    }[variant]
    edits = [(m.start(), m.end(), replacement) for m in re.finditer(f"[{marks}]", text)]
    if len(edits) < 2:
        return None
    new_text, spans = splice(text, edits)
    if replacement:
        return Damage(new_text, spans)
    return Damage(new_text, [hole(s, len(new_text)) for s in spans])


_HALF = {"，": ",", "。": ".", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"}


def halfwidth_punctuation(rng: random.Random, text: str, variant: str) -> Damage | None:
    """Full-width punctuation in Chinese sentences turned into ASCII."""
    space = " " if variant == "with-space" else ""

    def transform(s: str) -> str:
        out = []
        for ch in s:
            half = _HALF.get(ch)
            out.append(half + (space if half in ",;:" else "") if half else ch)
        return "".join(out)

    n = len(sentences(text)) if variant == "whole-document" else rng.randint(1, 3)
    damage = _replace_sentences(rng, text, n, transform, pred=lambda s: any(c in _HALF for c in s))
    if damage is not None:
        damage.restorable = not space
    return damage
