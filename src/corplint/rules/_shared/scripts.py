"""Simplified and Traditional Chinese: OpenCC's tables and the characters
only one script writes.

Read by the script rules (mixed script, converter errors), by the spam rules
(a keyword list in the page's other script) and by the boilerplate rules
(their words in both scripts).
"""

from __future__ import annotations

import codecs
import gzip
import re
from functools import cache, lru_cache
from importlib.resources import files


def opencc_table(name: str) -> dict[str, list[str]]:
    """One of OpenCC's tables (``STCharacters.txt`` …): key -> its conversions.

    Read from corplint's own copy (``data/opencc``, made by
    ``scripts/build_script_tables.py``), never from a module named ``opencc``:
    two different packages install one, and either may be missing.
    """
    raw = files("corplint.rules._shared").joinpath(f"data/opencc/{name}.gz").read_bytes()
    table: dict[str, list[str]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if "\t" in line:
            key, values = line.split("\t", 1)
            table[key] = values.split()
    return table


_CHAINS = {
    "s2t": (("STPhrases.txt", "STCharacters.txt"),),
    "t2s": (("TSPhrases.txt", "TSCharacters.txt"),),
    "s2tw": (("STPhrases.txt", "STCharacters.txt"), ("TWVariants.txt",)),
    "s2hk": (("STPhrases.txt", "STCharacters.txt"), ("HKVariants.txt",)),
    "tw2s": (
        ("TWVariantsRevPhrases.txt", "TWVariantsRev.txt"),
        ("TSPhrases.txt", "TSCharacters.txt"),
    ),
    "hk2s": (
        ("HKVariantsRevPhrases.txt", "HKVariantsRev.txt"),
        ("TSPhrases.txt", "TSCharacters.txt"),
    ),
}
"""OpenCC's conversion chains for the configurations corplint uses: each step a
group of tables tried in order (a phrase before its characters)."""

_PUNCTUATION = re.compile(
    r"(\s+|[-,.?!*\u3000，。、；：？！…“”‘’『』「」﹁﹂—－（）《》〈〉～．／＼︒︑︔︓︿﹀︹︺︙︐［﹇］﹈"
    r"︕︖︰︳︴︽︾︵︶｛︷｝︸﹃﹄【︻】︼])"
)
"""Conversion works between punctuation marks: a phrase never spans one."""


class _Table:
    __slots__ = ("longest", "map", "shortest")

    def __init__(self, name: str) -> None:
        self.map = {key: values[0] for key, values in opencc_table(name).items() if values}
        lengths = [len(key) for key in self.map] or [1]
        self.longest, self.shortest = max(max(lengths), 1), min(min(lengths), 1000)


class Converter:
    """OpenCC's Simplified/Traditional conversion, as ``opencc-python-reimplemented``
    does it (a test holds the two equal): within each stretch between punctuation
    marks, the longest table key found anywhere is converted first, then the text
    to its left and right, each with keys no longer than that one; text no table
    of a step matched goes on to the step's next table; each step of the chain
    converts the previous one's output."""

    def __init__(self, config: str) -> None:
        self.steps = _CHAINS[config]

    def convert(self, text: str) -> str:
        parts = _PUNCTUATION.split(text)
        for i in range(0, len(parts), 2):
            for names in self.steps:
                parts[i] = _convert_step(parts[i], names)
        return "".join(parts)


@lru_cache(maxsize=16384)
def _convert_step(text: str, names: tuple[str, ...]) -> str:
    """One step of a chain on one stretch between punctuation marks. Cached: the
    Traditional standards share their first step, and SCR001 converts a run
    with each of them to see which the document uses."""
    return _convert_group(text, [_table(name) for name in names])


def _convert_group(text: str, group: list[_Table]) -> str:
    if not text:
        return text
    # pieces: [text, converted?, length hint]; unmatched pieces go to the next table
    pieces: list[list] = [[text, False, None]]
    for table in group:
        pieces = _split_all(pieces, table)
    return "".join(p[0] for p in pieces)


def _split_all(pieces: list[list], table: _Table) -> list[list]:
    out: list[list] = []
    for piece in pieces:
        if piece[1]:
            out.append(piece)
        else:
            out.extend(_split(piece[0], table, piece[2]))
    # the next table starts afresh on what this one left: no length hint
    for piece in out:
        if not piece[1]:
            piece[2] = None
    return out


def _split(text: str, table: _Table, hint: int | None) -> list[list]:
    """``text`` as converted and unconverted pieces, in order."""
    longest = min(len(text), table.longest)
    if hint:
        longest = min(longest, hint)
    for length in range(longest, table.shortest - 1, -1):
        for i in range(len(text) - length + 1):
            value = table.map.get(text[i : i + length])
            if value is None:
                continue
            left = _split(text[:i], table, length) if i else []
            right = _split(text[i + length :], table, length) if i + length < len(text) else []
            return [*left, [value, True, None], *right]
    return [[text, False, hint]]


@cache
def _table(name: str) -> _Table:
    return _Table(name)


@cache
def converter(config: str) -> Converter:
    """The converter of an OpenCC configuration: ``s2t``, ``t2s``, ``s2tw``, ``s2hk``,
    ``tw2s`` or ``hk2s``."""
    return Converter(config)


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


def count_script(text: str, script: str) -> int:
    """How many characters of ``text`` exist only in ``script`` (hans or hant).

    ``map`` over the set's ``__contains__`` iterates in C, with no Python frame
    per character: faster than a generator, ``str.translate`` or a character
    class of the set's thousands of characters (measured)."""
    hans, hant = script_sets()
    return sum(map((hans if script == "hans" else hant).__contains__, text))


def is_traditional(text: str) -> bool:
    """A document whose script-exclusive characters are Traditional."""
    if not contains_script(text, "hant"):
        return False
    return count_script(text, "hant") > 2 * count_script(text, "hans")
