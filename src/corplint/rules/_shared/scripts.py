"""Simplified and Traditional Chinese: OpenCC's tables and the characters
only one script writes.

Read by the script rules (mixed script, converter errors), by the spam rules
(a keyword list in the page's other script) and by the boilerplate rules
(their words in both scripts).
"""

from __future__ import annotations

import codecs
import importlib.util
import re
from functools import cache
from pathlib import Path


def opencc_table(name: str) -> dict[str, list[str]]:
    spec = importlib.util.find_spec("opencc")
    assert spec is not None and spec.submodule_search_locations
    path = Path(next(iter(spec.submodule_search_locations))) / "dictionary" / name
    table: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            key, values = line.split("\t", 1)
            table[key] = values.split()
    return table


@cache
def script_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(Simplified-only, Traditional-only) characters.

    A character is Simplified-only when OpenCC converts it to Traditional and
    no Traditional standard (OpenCC's, Taiwan's, Hong Kong's) writes it;
    Traditional-only likewise the other way. Characters valid in both scripts
    (的, 中, 人 ...) are in neither set and count for neither.
    """
    st, ts = opencc_table("STCharacters.txt"), opencc_table("TSCharacters.txt")
    traditional = set(ts) | {c for values in st.values() for c in values}
    for name in ("TWVariants.txt", "HKVariants.txt", "TWVariantsRev.txt", "HKVariantsRev.txt"):
        for key, values in opencc_table(name).items():
            traditional.update(c for c in (key, *values) if len(c) == 1)
    simplified = set(st) | {c for values in ts.values() for c in values}
    return frozenset(st) - traditional, frozenset(ts) - simplified


class _Found(Exception):
    """Raised by a probe's codec error handler at the first character it looks for."""


@cache
def _probe(script: str) -> tuple[str, re.Pattern[str]]:
    """A fast test for one script's exclusive characters, in C.

    Encoding with a codec of the *other* script runs at hundreds of MB/s and
    fails exactly on characters that codec lacks; an error handler looks at
    just those and stops at the first exclusive character. The few exclusive
    characters the codec does hold (後 is in GB2312) are found by a small
    regex.
    """
    hans, hant = script_sets()
    wanted, codec = (hant, "gb2312") if script == "hant" else (hans, "big5")
    name = f"corplint-probe-{script}"

    def handler(error: UnicodeEncodeError) -> tuple[str, int]:
        if not wanted.isdisjoint(error.object[error.start : error.end]):
            raise _Found
        return "", error.end

    codecs.register_error(name, handler)
    inside = sorted(ch for ch in wanted if _encodable(ch, codec))
    return name, re.compile(f"[{''.join(inside)}]" if inside else "(?!)")


def _encodable(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def contains_script(text: str, script: str) -> bool:
    """Whether ``text`` holds a character that exists only in ``script`` (hans or hant)."""
    name, inside = _probe(script)
    codec = "gb2312" if script == "hant" else "big5"
    try:
        text.encode(codec, name)
    except _Found:
        return True
    return inside.search(text) is not None


def is_traditional(text: str) -> bool:
    """A document whose script-exclusive characters are Traditional."""
    hans, hant = script_sets()
    if not contains_script(text, "hant"):
        return False
    return sum(ch in hant for ch in text) > 2 * sum(ch in hans for ch in text)
