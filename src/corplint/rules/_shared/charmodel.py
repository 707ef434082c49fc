"""A character model of Chinese: how probable a run of characters is.

Built by ``scripts/build_char_model.py`` from the jieba lexicon (MIT) and
shipped as ``data/zh_chars.bin.gz``: unigram costs for 13,687 Simplified and
Traditional characters and conditional bigram costs for 120,000 within-word
pairs. A cost is -log2(p) in quarter bits. The model is loaded on first use
only: rules consult it for suspicious spans, never to classify every line.
"""

from __future__ import annotations

import gzip
import math
import struct
from functools import cache
from importlib.resources import files

BIGRAM_WEIGHT = 0.8
_BITS_KEPT = 1 << 16
"""Pairs whose cost is remembered (about 8 MB); then the memo starts over."""


def is_han(ch: str) -> bool:
    # string comparisons, not a loop over ranges: this runs once per character examined
    return (
        "\u4e00" <= ch <= "\u9fff"
        or "\u3400" <= ch <= "\u4dbf"
        or "\uf900" <= ch <= "\ufaff"
        or "\U00020000" <= ch <= "\U0003ffff"
    )


class CharModel:
    """Unigram and bigram costs with lookups by character."""

    def __init__(self, data: bytes) -> None:
        if data[:4] != b"ZHCM":
            raise ValueError("not a corplint character model")
        (n_uni,) = struct.unpack_from("<I", data, 5)
        off = 9
        self.rank: dict[str, int] = {}
        self.uni: dict[str, float] = {}
        for i, (cp, cost) in enumerate(struct.iter_unpack("<IB", data[off : off + 5 * n_uni])):
            ch = chr(cp)
            self.rank[ch] = i
            self.uni[ch] = 2.0 ** (-cost / 4)
        off += 5 * n_uni
        (n_bi,) = struct.unpack_from("<I", data, off)
        off += 4
        self.bi: dict[str, float] = {
            chr(a) + chr(b): 2.0 ** (-cost / 4)
            for a, b, cost in struct.iter_unpack("<HHB", data[off : off + 5 * n_bi])
        }
        off += 5 * n_bi
        floor_uni, _ = struct.unpack_from("<BB", data, off)
        self.floor = 2.0 ** (-floor_uni / 4)
        self.floor_bits = floor_uni / 4
        self.uni_bits = {ch: -math.log2(p) for ch, p in self.uni.items()}
        self._bits: dict[str, float] = {}  # han_bits already worked out, by pair

    def common(self, n: int) -> str:
        """The ``n`` most frequent characters."""
        return "".join(ch for ch, rank in self.rank.items() if rank < n)

    def han_bits(self, prev: str, ch: str) -> float:
        """Cost in bits of the Han character ``ch`` after ``prev`` (a Han character or "")."""
        key = prev + ch
        bits = self._bits.get(key)
        if bits is None:
            if len(self._bits) >= _BITS_KEPT:
                self._bits.clear()
            bits = self._bits[key] = self._han_bits(prev, ch)
        return bits

    def _han_bits(self, prev: str, ch: str) -> float:
        p_uni = self.uni.get(ch, self.floor)
        if not prev:
            return -math.log2(p_uni)
        bigram = self.bi.get(prev + ch, 0.0)
        return -math.log2(BIGRAM_WEIGHT * bigram + (1 - BIGRAM_WEIGHT) * p_uni)

    def bits(self, text: str) -> tuple[float, int]:
        """Total cost in bits of the Han characters of ``text``, and how many there are."""
        total = 0.0
        count = 0
        prev = ""
        for ch in text:
            if not is_han(ch):
                prev = ""
                continue
            total += self.han_bits(prev, ch)
            count += 1
            prev = ch
        return total, count

    def rough_bits(self, text: str) -> float:
        """Mean unigram cost per Han character: a cheap first look (inf when none)."""
        get, floor = self.uni_bits.get, self.floor_bits
        costs = [get(ch, floor) for ch in text if "\u3400" <= ch <= "\u9fff"]
        return sum(costs) / len(costs) if costs else math.inf

    def mean_bits(self, text: str) -> float:
        """Mean cost per Han character (inf when there is none)."""
        total, count = self.bits(text)
        return total / count if count else math.inf


def commonness(ch: str) -> float:
    """How common a character is in Chinese text (higher: more common), for picking
    the rarest character of a word to anchor a search on. Punctuation, digits and
    Latin count as everywhere: a word is anchored on a Chinese character if it has one."""
    return model().uni.get(ch, -99.0) if is_han(ch) else 99.0


@cache
def model() -> CharModel:
    data = files("corplint.rules._shared").joinpath("data/zh_chars.bin.gz").read_bytes()
    return CharModel(gzip.decompress(data))
