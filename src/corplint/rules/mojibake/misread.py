"""Reading text back as the bytes it was decoded from, and those bytes as UTF-8.

Mojibake of UTF-8 text is exactly reversible while no byte was lost: encode
the damaged span with the codec that misread it, and the bytes are UTF-8
again. This module finds, in a span of text, the stretches whose bytes in a
given codec are valid UTF-8, with per-character encoders cached because text
repeats its characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Encoder = Callable[[str], "bytes | None"]


def _encoder(codec: str, extra: dict[str, bytes] | None = None) -> Encoder:
    """A per-character encoder with a cache: text repeats its characters."""
    cache: dict[str, bytes | None] = dict(extra or {})

    def encode(ch: str) -> bytes | None:
        try:
            return cache[ch]
        except KeyError:
            pass
        try:
            value: bytes | None = ch.encode(codec)
        except UnicodeEncodeError:
            value = None
        cache[ch] = value
        return value

    return encode


# Windows code page 936 decodes 0x80 as the euro sign; Python's gbk does not,
# so the exact reverse of Windows mojibake needs this mapping.
CJK_ENCODERS: dict[str, Encoder] = {
    "GBK": _encoder("gb18030", {"€": b"\x80"}),
    "Big5": _encoder("cp950"),
    "Shift-JIS": _encoder("cp932"),
    "EUC-KR": _encoder("cp949"),
}
# Windows maps the five bytes CP1252 leaves undefined to the C1 controls of the
# same value; text misread on Windows holds them, and they must go back out.
_CP1252_HOLES = {chr(b): bytes([b]) for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
LATIN_ENCODERS: dict[str, Encoder] = {
    "CP1252": _encoder("cp1252", _CP1252_HOLES),
    "Latin-1": _encoder("latin-1"),
    "MacRoman": _encoder("mac_roman"),
}


def misread_runs(
    text: str, start: int, end: int, encode: Encoder, cjk: bool = True
) -> list[tuple[int, int, str]]:
    """Spans of ``text[start:end]`` whose bytes in a codec are valid UTF-8 with
    multi-byte characters: (start, end, the UTF-8 reading).

    With ``cjk``, readings are limited to ASCII and characters of three or
    more UTF-8 bytes: bytes of clean GBK text often happen to form two-byte
    UTF-8 (Latin, Greek, Cyrillic) characters, which Chinese text never held.
    """
    found: list[tuple[int, int, str]] = []
    i = start
    while i < end:
        pieces: list[bytes] = []
        j = i
        while j < end:
            piece = encode(text[j])
            if piece is None:
                break
            pieces.append(piece)
            j += 1
        multibyte = CJK_UTF8_PAIR if cjk else _UTF8_MULTIBYTE
        if len(pieces) > 1 and multibyte.search(b"".join(pieces)):
            found += _valid_utf8_runs(text, i, pieces, cjk)
        i = j + 1
    return found


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
# two CJK characters' worth of UTF-8 in a row: what mojibake of Chinese holds and
# the bytes of clean text rarely do
CJK_UTF8_PAIR = re.compile(rb"(?:[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}){2}")


def _valid_utf8_runs(
    text: str, first: int, pieces: list[bytes], cjk: bool
) -> list[tuple[int, int, str]]:
    data = b"".join(pieces)
    char_at: dict[int, int] = {}  # byte offset of a character start -> its index in text
    pos = 0
    for k, piece in enumerate(pieces):
        char_at[pos] = first + k
        pos += len(piece)
    char_at[pos] = first + len(pieces)
    decoded = data.decode("utf-8", "surrogateescape")
    runs: list[tuple[int, int, str]] = []
    run: list[str] = []
    run_start = 0
    pos = 0

    def close(end_pos: int) -> None:
        # trim the run to byte offsets that are character boundaries of text
        chars, s, e = list(run), run_start, end_pos
        while chars and (s not in char_at or chars[0] < "\x80"):
            s += len(chars.pop(0).encode("utf-8"))
        while chars:
            if e in char_at and chars[-1] < "\x80":
                if e - 1 not in char_at:
                    break  # an ASCII byte read as the trail byte of a GBK/Big5 character
            elif e in char_at:
                break
            e -= len(chars.pop().encode("utf-8"))
        reading = "".join(chars)
        if chars and any(ord(c) > 0x7F for c in reading) and char_at[e] > char_at[s]:
            runs.append((char_at[s], char_at[e], reading))

    for ch in decoded:
        size = 1 if "\udc80" <= ch <= "\udcff" else len(ch.encode("utf-8"))
        if (size == 1 and ch >= "\udc80") or (cjk and size == 2):
            if run:
                close(pos)
                run = []
        else:
            if not run:
                run_start = pos
            run.append(ch)
        pos += size
    if run:
        close(pos)
    return runs
