"""Build corplint's table of the toneless pinyin readings of each Chinese character.

SCR004 reports pinyin glossed after characters (``烟(yan)台(tai)``). A toned
gloss is pinyin by its tone marks alone; a toneless one (``(an)``, ``(men)``)
could be an English word, so it counts only where it is a reading of the
character before it. The readings come from pypinyin's ``pinyin_dict.json``
(pypinyin 0.55.0, MIT licence, itself from Unihan and other public sources):

    pip install pypinyin==0.55.0
    python scripts/build_pinyin_table.py
    # writes src/corplint/rules/script/data/pinyin_readings.txt.gz

Format (gzip-compressed UTF-8 text): one line per character, the character, a
tab, and its readings without tones, space-separated (ü written ``v``).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/corplint/rules/script/data/pinyin_readings.txt.gz"


def toneless(syllable: str) -> str:
    """``lǜ`` -> ``lv``, ``nǚ`` -> ``nv``, ``zhōng`` -> ``zhong``."""
    decomposed = unicodedata.normalize("NFD", syllable.lower()).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def main() -> None:
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install pypinyin==0.55.0 first")
    folder = Path(next(iter(spec.submodule_search_locations)))
    table = json.loads((folder / "pinyin_dict.json").read_text(encoding="utf-8"))
    lines = []
    for code, readings in sorted(table.items(), key=lambda kv: int(kv[0])):
        char = chr(int(code))
        syllables = sorted({toneless(r) for r in readings.split(",") if r})
        if syllables:
            lines.append(f"{char}\t{' '.join(syllables)}\n")
    OUT.write_bytes(gzip.compress("".join(lines).encode("utf-8"), mtime=0))
    print(f"{len(lines)} characters -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
