"""Re-reading double-byte text whose byte pairs slipped by one byte.

A run of text is turned back into the GBK (or CP950) bytes it was read from,
then read again with the pairs starting one byte later. Where the slip
happened, the new reading is probable Chinese and the old one is not; where
the text was fine, it is the other way round. Per-character gains mark the
slipped region (the maximum-sum window), so a clean prefix or suffix in the
same run is left alone.

Bytes that were lost on the way — a ``?`` or U+FFFD in the damaged text —
are guessed: every byte value is tried and the reading the character model
finds most probable after the previous character wins. ASCII punctuation
inside the run is read as its full-width GBK form, since converters often
turn full-width punctuation half-width after the damage.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from corplint.rules._shared.charmodel import CharModel, is_han

MAX_READING_BITS = 12.5
"""A re-reading must be at least this probable (mean bits per Han character)."""
UNKNOWN_BITS = 20.0
"""Cost of a character that stands for lost bytes (``?``, U+FFFD) or that no codec reads."""
PUNCT_BITS = 5.0
"""Cost of CJK punctuation, which the lexicon-based model does not cover."""
_HALF_PUNCT = "!,.;:()"


@dataclass(frozen=True)
class Reading:
    start: int  # character offsets in the run
    end: int
    text: str
    gain: float  # bits per character gained over the damaged text
    bits: float  # bits per character of the reading


_PROSE_PUNCT = set("，。、；：？！“”‘’（）《》〈〉「」『』—…·￥％")
SYMBOL_BITS = 15.0
"""Cost of other non-Han characters (box drawing, circled numbers, full-width
letters): rare in prose, common in shifted text."""


def _char_bits(model: CharModel, prev: str, ch: str) -> float:
    if ch in "?\ufffd":
        return UNKNOWN_BITS
    if not is_han(ch):
        if ord(ch) < 0x80:
            return 0.0
        return PUNCT_BITS if ch in _PROSE_PUNCT else SYMBOL_BITS
    return model.han_bits(prev if prev and is_han(prev) else "", ch)


def _bytes_of(run: str, codec: str) -> tuple[list[int | None], list[int]] | None:
    """The run as bytes (None for a lost byte) and the byte offset of each character."""
    out: list[int | None] = []
    starts: list[int] = []
    for ch in run:
        starts.append(len(out))
        if ch in "?\ufffd":
            out.append(None)
        elif ch in _HALF_PUNCT:
            out += [0xA3, ord(ch) + 0x80]  # the full-width form's GBK bytes
        elif ord(ch) < 0x80:
            out.append(ord(ch))
        else:
            try:
                out += list(ch.encode(codec))
            except UnicodeEncodeError:
                return None
    starts.append(len(out))
    return out, starts


def _read(data: list[int | None], start: int, codec: str, model: CharModel, prev: str):
    """Read pairs from ``start``; yield (char, byte_start, byte_end, bits)."""
    out = []
    i = start
    while i < len(data):
        b = data[i]
        if b is not None and b < 0x80:
            ch = chr(b)
            out.append((ch, i, i + 1, _char_bits(model, prev, ch)))
            prev = ch
            i += 1
            continue
        if i + 1 >= len(data):
            break
        pair = (b, data[i + 1])
        ch = _decode_pair(pair, codec, model, prev)
        out.append((ch, i, i + 2, _char_bits(model, prev, ch)))
        prev = ch
        i += 2
    return out


def _decode_pair(
    pair: tuple[int | None, int | None], codec: str, model: CharModel, prev: str
) -> str:
    lead, trail = pair
    if lead is not None and trail is not None:
        return _decode_whole(lead, trail, codec)
    if lead is None and trail is None:
        return "\ufffd"
    best, best_bits = "\ufffd", UNKNOWN_BITS
    known = trail if lead is None else lead
    for ch in _candidates(known, lead is None, codec):  # type: ignore[arg-type]
        bits = _char_bits(model, prev, ch)
        if bits < best_bits:
            best, best_bits = ch, bits
    return best


@lru_cache(maxsize=1 << 16)
def _decode_whole(lead: int, trail: int, codec: str) -> str:
    try:
        return bytes((lead, trail)).decode(codec)
    except UnicodeDecodeError:
        return "\ufffd"


@lru_cache(maxsize=4096)
def _candidates(known: int, lead_lost: bool, codec: str) -> tuple[str, ...]:
    """What a pair with one byte lost can have been: the Han characters and CJK
    punctuation ``codec`` decodes from ``known`` and each possible other byte,
    in byte order (the first of equally likely readings wins). Cached: the
    same known byte comes back in every lost pair of its kind."""
    choices = range(0x81, 0xFF) if lead_lost else range(0x40, 0xFF)
    found = []
    for value in choices:
        candidate = bytes([value, known]) if lead_lost else bytes([known, value])
        try:
            ch = candidate.decode(codec)
        except UnicodeDecodeError:
            continue
        if is_han(ch) or "\u3000" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff5e" or ch in "“”‘’":
            found.append(ch)
    return tuple(found)


def unshift(run: str, model: CharModel, min_gain: float, min_length: int) -> Reading | None:
    """The best one-byte-off re-reading of a window of ``run``, if one gains enough."""
    best: Reading | None = None
    original = []  # what each character of the run costs as it is
    prev = ""
    for ch in run:
        original.append(_char_bits(model, prev, ch))
        prev = ch
    # GB18030 reads every GBK pair the same way and maps GBK's user-defined
    # pairs to private-use characters, which a shifted GB18030 reading is full of
    for codec in ("gb18030", "cp950"):
        encoded = _bytes_of(run, codec)
        if encoded is None:
            continue
        data, starts = encoded
        for parity in (0, 1):
            reading = _read(data, parity, codec, model, "")
            candidate = _best_window(run, starts, original, reading, min_length, data, codec, model)
            if candidate is None:
                continue
            good = candidate.gain >= min_gain and candidate.bits < MAX_READING_BITS
            if good and (best is None or candidate.gain > best.gain):
                best = candidate
    return best


def _best_window(run, starts, original, reading, min_length, data, codec, model) -> Reading | None:
    # gain of each damaged character: its cost minus the cost of the re-read
    # characters that share its bytes
    gains = []
    j = 0
    for k in range(len(run)):
        lo, hi = starts[k], starts[k + 1]
        while j < len(reading) and reading[j][2] <= lo:
            j += 1
        overlapping: list[float] = []  # the first two re-read characters in its bytes
        m = j
        while hi > lo and m < len(reading) and reading[m][1] < hi and len(overlapping) < 2:
            overlapping.append(reading[m][3])
            m += 1
        new = sum(overlapping) / len(overlapping) if overlapping else original[k]
        gains.append(original[k] - new)
    # maximum-sum window (Kadane)
    best_sum, best_span = 0.0, None
    running, start = 0.0, 0
    for k, g in enumerate(gains):
        if running <= 0:
            running, start = g, k
        else:
            running += g
        if running > best_sum:
            best_sum, best_span = running, (start, k + 1)
    if best_span is None:
        return None
    a, b = best_span
    chars = [r for r in reading if starts[a] <= r[1] < starts[b]]
    # where the window starts, a re-read character straddling the previous
    # character is either the slipped first character (lead byte lost: guess
    # it) or a sign that the previous character is damage too (byte added)
    for _ in range(2):
        before = [r for r in reading if r[1] == starts[a] - 1]
        if not before or a == 0:
            break
        guessed = _decode_pair((None, data[starts[a]]), codec, model, run[a - 1])
        guess_cost = original[a - 1] + _char_bits(model, run[a - 1], guessed)
        if before[0][3] < guess_cost:
            a -= 1
            chars.insert(0, before[0])
            continue
        chars.insert(0, (guessed, starts[a], starts[a] + 1, _char_bits(model, "", guessed)))
        break
    # a half-width mark right after the window that reads as its full-width
    # form was turned half-width after the damage: take it in
    if b < len(run) and run[b] in _HALF_PUNCT:
        after = [r for r in reading if r[1] == starts[b] and r[0] == chr(ord(run[b]) + 0xFEE0)]
        if after:
            b += 1
            chars.append(after[0])
    # identical characters at the ends are not damage
    while chars and a < b and chars[-1][0] == run[b - 1]:
        chars.pop()
        b -= 1
    while chars and a < b and chars[0][0] == run[a]:
        chars.pop(0)
        a += 1
    if b - a < min_length:
        return None
    text = "".join(r[0] for r in chars).strip("\ufffd")
    bits = [r[3] for r in chars if is_han(r[0])]
    if not text or not bits:
        return None
    gain = sum(gains[a:b]) / (b - a)
    return Reading(a, b, text, gain, sum(bits) / len(bits))
