"""Build corplint's character model of Chinese from the jieba lexicon.

The mojibake rules need to tell probable Chinese text from improbable text
(a passage of mojibake is made of valid but rare characters in unlikely
pairs). This script derives character unigram and bigram log-frequencies from
jieba's ``dict.txt`` (jieba 0.42.1, MIT licence: 349,046 words with corpus
frequencies) and writes them as compact package data:

    pip install jieba==0.42.1
    python scripts/build_char_model.py
    # writes src/corplint/rules/_shared/data/zh_chars.bin.gz

A word's frequency is credited to each of its characters (unigrams) and to
each adjacent pair inside it (bigrams); pairs across word boundaries are not
in a lexicon, so the model's bigrams are within-word pairs. Both Simplified
and Traditional forms are added (the Traditional through corplint's copy of
OpenCC: s2t, s2tw and s2hk), so Traditional text is as probable as Simplified
text.

File format (gzip-compressed; integers little-endian):
    b"ZHCM" version:u8
    n_uni:u32, then n_uni x (codepoint:u32, cost:u8)
    n_bi:u32,  then n_bi  x (codepoint1:u16, codepoint2:u16, cost:u8)  (BMP pairs only)
    floor_uni:u8, floor_bi:u8
A cost is -log2(p) quantised to a byte (x4, capped at 255): lower is more probable.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import math
import struct
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/corplint/rules/_shared/data/zh_chars.bin.gz"
MAX_BIGRAMS = 120_000
SCALE = 4


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF


def jieba_dict() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("needs jieba: pip install jieba==0.42.1 (or pass --dict PATH)")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def count(path: Path) -> tuple[Counter, Counter]:
    from corplint.rules._shared.scripts import converter

    converters = [converter(config).convert for config in ("s2t", "s2tw", "s2hk")]
    unigrams: Counter = Counter()
    bigrams: Counter = Counter()
    entries = [line.split() for line in path.read_text(encoding="utf-8").splitlines()]
    entries = [(p[0], int(p[1])) for p in entries if len(p) >= 2]
    # jieba's single-character entries include mojibake its training text held
    # (``銆``, ``紝`` with frequencies in the thousands); a real character also
    # occurs inside some longer word, so single characters that never do are left out.
    in_words = {ch for word, _ in entries if len(word) > 1 for ch in word}
    for word, freq in entries:
        if len(word) == 1 and word not in in_words:
            continue
        forms = {word}
        if any(is_han(c) for c in word):
            forms.update(convert(word) for convert in converters)
        for form in forms:
            for a, b in zip(form, form[1:] + " ", strict=True):
                if is_han(a):
                    unigrams[a] += freq
                    if is_han(b):
                        bigrams[a + b] += freq
    return unigrams, bigrams


def cost(p: float) -> int:
    return min(255, round(-math.log2(p) * SCALE))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dict", type=Path, help="jieba dict.txt (default: the installed jieba's)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    unigrams, bigrams = count(args.dict or jieba_dict())
    total = sum(unigrams.values())
    first = Counter()
    for pair, n in bigrams.items():
        first[pair[0]] += n
    uni = sorted(unigrams.items(), key=lambda kv: (-kv[1], kv[0]))
    bmp = ((pair, n) for pair, n in bigrams.items() if max(map(ord, pair)) < 0x10000)
    bi = sorted(bmp, key=lambda kv: (-kv[1], kv[0]))[:MAX_BIGRAMS]
    out = bytearray(b"ZHCM\x01")
    out += struct.pack("<I", len(uni))
    for ch, n in uni:
        out += struct.pack("<IB", ord(ch), cost(n / total))
    out += struct.pack("<I", len(bi))
    for pair, n in bi:
        # conditional cost of the second character given the first
        out += struct.pack("<HHB", ord(pair[0]), ord(pair[1]), cost(n / first[pair[0]]))
    floor_uni = cost(0.5 / total)
    floor_bi = cost(0.5 / max(first.values()))
    out += struct.pack("<BB", floor_uni, floor_bi)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    packed = gzip.compress(bytes(out), compresslevel=9, mtime=0)
    args.out.write_bytes(packed)
    print(f"{args.out}: {len(uni)} characters, {len(bi)} pairs, {len(packed) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
