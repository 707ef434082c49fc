"""Turning bytes into text without ever losing a byte.

Strict UTF-8 is tried first because it is fast and almost always right. Only
when it fails does chardet look at a bounded sample. Whatever codec is chosen,
undecodable bytes are kept as lone surrogates (``surrogateescape``) and the
round trip is verified, so a document written back in its codec is byte-for-
byte what was read unless a fix changed it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import chardet

SAMPLE_BYTES = 64 * 1024
# Codecs chardet names that have a strict superset we would rather decode with:
# GB2312 and GBK files routinely contain characters only GB18030 maps.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "ascii": "utf-8"}
# Members of one codec family agree on the common characters but map some
# extension code points differently (a CP950 "⑵" is a Cyrillic letter in
# Big5-HKSCS). When they disagree on a file, the choice is a guess, and the
# transcoding fix must not be called safe.
_FAMILIES = {
    "big5": ("cp950", "big5hkscs", "big5"),
    "cp950": ("cp950", "big5hkscs", "big5"),
    "big5hkscs": ("cp950", "big5hkscs", "big5"),
    "gb18030": ("gb18030", "gbk"),
}
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"BZh",
    b"\xfd7zXZ",
    b"RIFF",
    b"SQLite format 3",
    b"PAR1",
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_SURROGATE = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_FALLBACKS = ("gb18030", "big5hkscs")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text of some bytes and how sure we are about the codec."""

    text: str
    encoding: str
    confidence: float = 1.0
    candidates: int = 1
    undecodable: int = 0
    lossless: bool = True


def looks_binary(data: bytes) -> bool:
    """True for data that is not text in any codec: known magic numbers or many control bytes.

    A few NULs in a text file are a defect the encoding rules report, not a
    reason to skip the file, hence the ratio rather than "any NUL".
    """
    head = data[:8192]
    if head.startswith(_UTF16_BOMS):
        return False
    if head.startswith(_BINARY_MAGIC):
        return True
    if not head:
        return False
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > 0.1


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 text that has no byte-order mark.

    Its NUL bytes (the high byte of every ASCII character, line breaks
    included) all fall on one parity of offset; in binary data they fall on
    both. The reading must then be strict UTF-16 and look like text: almost
    no control characters, almost all characters from the scripts and
    punctuation a text corpus holds.
    """
    head = data[: _UTF16_SAMPLE - _UTF16_SAMPLE % 2] if len(data) > _UTF16_SAMPLE else data
    if len(head) < 4 or len(data) % 2 or head.startswith(_UTF16_BOMS):
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if max(even, odd) < 2 or min(even, odd) * 3 > max(even, odd):
        return None
    codec = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    sample = text[:4096]
    plain = len(_TEXT_LIKE.findall(sample))
    return codec if plain >= 0.95 * len(sample) else None


_UTF16_SAMPLE = 8192
_TEXT_LIKE = re.compile(
    "[\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u2100-\u27ff"
    "\u3000-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)


def normalise_codec(name: str) -> str:
    codec = codecs.lookup(name).name
    return _SUPERSETS.get(codec, codec)


def decode(data: bytes) -> Decoded | None:
    """Decode bytes, or return None when they are binary or no codec fits."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    wide = utf16_without_bom(data)
    if wide is not None:
        return Decoded(data.decode(wide), wide, confidence=0.9)
    if looks_binary(data):
        return None
    guesses = [g for g in chardet.detect_all(data[:SAMPLE_BYTES]) if g.get("encoding")]
    # If no guess decodes, the common Chinese codecs get a try (never as confident).
    guesses += [{"encoding": c, "confidence": 0.0} for c in _FALLBACKS]
    codec, top = "", {"confidence": 0.0}
    # Prefer the first guess Python can decode strictly: a codec chardet names
    # but that fails on these bytes is less likely right than the runner-up.
    for guess in guesses:
        try:
            candidate = normalise_codec(guess["encoding"])
            text = data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
        # chardet reads a stray NUL in short text as UTF-16; real UTF-16 text
        # has a BOM or at least one line break.
        wide = candidate.startswith(("utf-16", "utf-32"))
        if wide and not data.startswith(_UTF16_BOMS) and "\n" not in text:
            continue
        codec, top = candidate, guess
        break
    # Mostly-UTF-8 data with a few bad bytes (a file cut mid-character, a
    # stray byte) is UTF-8 with damage, not some other codec.
    as_utf8 = data.decode("utf-8", "surrogateescape")
    bad = len(_SURROGATE.findall(as_utf8))
    valid_multibyte = len(_NON_ASCII.findall(as_utf8)) - bad
    few_bad = bad <= max(3, len(data) // 100)
    if few_bad and (not codec or codec == "utf-8" or valid_multibyte >= 2 * bad):
        return Decoded(as_utf8, "utf-8", confidence=1.0, undecodable=bad)
    if not codec:
        return None
    codec, family_readings = _family_choice(data, codec)
    text = data.decode(codec, "surrogateescape")
    undecodable = len(_SURROGATE.findall(text))
    try:
        lossless = text.encode(codec, "surrogateescape") == data
    except UnicodeEncodeError:
        lossless = False
    return Decoded(
        text=text,
        encoding=codec,
        confidence=round(float(top["confidence"]), 2),
        candidates=max(
            sum(1 for g in guesses if g["confidence"] * 2 > top["confidence"]), family_readings
        ),
        undecodable=undecodable,
        lossless=lossless,
    )


def _family_choice(data: bytes, codec: str) -> tuple[str, int]:
    """The preferred family member that decodes ``data`` strictly, and how many
    different texts the family's members read from it."""
    members = _FAMILIES.get(codec)
    if not members:
        return codec, 1
    readings: dict[str, str] = {}
    for member in members:
        try:
            readings[member] = data.decode(member)
        except UnicodeDecodeError:
            continue
    if not readings:
        return codec, 1
    return next(iter(readings)), len(set(readings.values()))


def encode(text: str, encoding: str) -> bytes:
    """Inverse of :func:`decode`: surrogate-escaped bytes go back out as they came in."""
    return text.encode(encoding, "surrogateescape")
