"""The learned model of empty numeral slots, and the scanner that finds gaps
worth scoring.

The model is a logistic regression over the characters around a gap (the
features below), learned from clean text by ``scripts/build_numeral_model.py``
and shipped as package data. :mod:`corplint.rules.digits.numerals` uses it to find where
numbers were deleted.

Speed: a gap is scored only before a character that itself says "a number
came before me" (a measure word, a date unit, ``%``, ``万``...), and only
where an upper bound on its score reaches the threshold asked for; a
:class:`Scanner` finds those places in the regex engine.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

PAD = "\n"
"""What stands for a character before the start or after the end of a text."""


def features(text: str, i: int) -> tuple[str, ...]:
    """Features of the gap before ``text[i]``; ``text`` is padded so that
    ``text[i - 2]`` and ``text[i + 1]`` exist."""
    a2, a1, b1, b2 = text[i - 2], text[i - 1], text[i], text[i + 1]
    return (
        "a" + a1,
        "b" + b1,
        "ab" + a1 + b1,
        "aa" + a2 + a1,
        "bb" + b1 + b2,
        "aab" + a2 + a1 + b1,
        "abb" + a1 + b1 + b2,
    )


@dataclass(frozen=True, eq=False)
class Model:
    bias: float
    weights: dict[str, float]
    unit_chars: str
    """The characters before which a gap is worth scoring."""

    @property
    def units(self) -> re.Pattern[str]:
        return _char_class(self.unit_chars)

    def score(self, padded: str, i: int) -> float:
        """Log-odds that a number was deleted before ``padded[i]``."""
        get = self.weights.get
        return self.bias + sum(get(f, 0.0) for f in features(padded, i))

    @lru_cache(maxsize=4)  # noqa: B019 - one model, a few thresholds, for the process
    def scanner(self, floor: float) -> Scanner:
        """What finds the gaps that *may* score ``floor`` or more."""
        return Scanner(_candidates(self, floor))


@dataclass(frozen=True, eq=False)
class Scanner:
    """The pairs of characters around a gap that may reach a score, from an upper
    bound on the weights: the pair's own weights plus the best the outer
    characters could add, so no gap reaching the score is missed.

    ``pattern`` runs in the regex engine and finds a superset of those gaps (a
    few character classes: an exact pattern with one branch per unit is three
    times slower); ``admits`` is the exact test on what it finds.
    """

    units: dict[str, tuple[bool, frozenset[str]]]
    """unit -> (True, characters refused before it) or (False, characters allowed)."""

    @property
    def pattern(self) -> re.Pattern[str]:
        return _scan_pattern(self)

    def admits(self, before: str, unit: str) -> bool:
        refusing, chars = self.units[unit]
        return (before in chars) != refusing


_GROUPS = 2
"""Units are grouped by how many characters may stand before them; each group
is one branch of the scan pattern. More groups find fewer false candidates but
make the regex engine try more branches at every unit."""


@lru_cache(maxsize=4)
def _scan_pattern(scanner: Scanner) -> re.Pattern[str]:
    open_units = "".join(u for u, (refusing, _) in scanner.units.items() if refusing)
    closed = sorted(
        ((u, chars) for u, (refusing, chars) in scanner.units.items() if not refusing),
        key=lambda item: len(item[1]),
    )
    # one character class first, the groups' lookbehinds after it: a pattern that
    # starts with a class lets re skip to unit characters; one that starts with an
    # alternation of classes makes it test every position
    checks = [f"(?<=[{re.escape(open_units)}])"] if open_units else []
    every = open_units
    size = -(-len(closed) // _GROUPS)
    for group in (closed[k : k + size] for k in range(0, len(closed), size or 1)):
        units = re.escape("".join(u for u, _ in group))
        before = re.escape("".join(sorted(set().union(*(chars for _, chars in group)))))
        checks.append(f"(?<=[{before}][{units}])")
        every += "".join(u for u, _ in group)
    if not checks:
        return re.compile("(?!)")
    return re.compile(f"[{re.escape(every)}](?:{'|'.join(checks)})")


def _candidates(m: Model, floor: float) -> dict[str, tuple[bool, frozenset[str]]]:
    """For each unit character, the characters that may stand before it in a gap
    reaching ``floor``.

    A gap's score is a sum of weights; its upper bound splits into what the
    unit side can add at best (``unit``: bias, b1, best b1 b2), what the other
    side can add at best (``left``: a1, best a2 a1) and what the pair adds at
    best (``pair``: a1 b1, best a2 a1 b1, best a1 b1 b2). A character without
    weights adds nothing.
    """
    left: dict[str, float] = defaultdict(float)
    unit: dict[str, float] = defaultdict(float)
    pair: dict[str, float] = defaultdict(float)
    best_aa: dict[str, float] = defaultdict(float)
    best_bb: dict[str, float] = defaultdict(float)
    best_aab: dict[str, float] = defaultdict(float)
    best_abb: dict[str, float] = defaultdict(float)
    for key, w in m.weights.items():
        kind, chars = key[: len(key) // 2], key[len(key) // 2 :]
        if kind == "a":
            left[chars] += w
        elif kind == "b":
            unit[chars] += w
        elif kind == "ab":
            pair[chars] += w
        elif kind == "aa":
            best_aa[chars[1]] = max(best_aa[chars[1]], w)
        elif kind == "bb":
            best_bb[chars[0]] = max(best_bb[chars[0]], w)
        elif kind == "aab":
            best_aab[chars[1:]] = max(best_aab[chars[1:]], w)
        else:  # abb
            best_abb[chars[:2]] = max(best_abb[chars[:2]], w)
    for a1, w in best_aa.items():
        left[a1] += w
    for b1, w in best_bb.items():
        unit[b1] += w
    for key, w in (*best_aab.items(), *best_abb.items()):
        pair[key] += w
    pairs_of: dict[str, dict[str, float]] = defaultdict(dict)
    for key, w in pair.items():
        pairs_of[key[1]][key[0]] = w
    units: dict[str, tuple[bool, frozenset[str]]] = {}
    for b1 in m.unit_chars:
        cut = floor - m.bias - unit[b1]
        pairs = pairs_of.get(b1, {})
        known = left.keys() | pairs.keys()
        allowed = frozenset(a1 for a1 in known if left.get(a1, 0.0) + pairs.get(a1, 0.0) >= cut)
        if cut <= 0:  # a character without weights may stand before this unit
            units[b1] = (True, frozenset(known - allowed))
        elif allowed:
            units[b1] = (False, allowed)
    return units


@lru_cache(maxsize=1)
def model() -> Model:
    raw = (
        resources.files("corplint.rules._shared")
        .joinpath("data/numeral_slots.json.gz")
        .read_bytes()
    )
    payload = json.loads(gzip.decompress(raw))
    weights: dict[str, float] = payload["weights"]
    units = sorted(k[1] for k, w in weights.items() if len(k) == 2 and k[0] == "b" and w >= 1.0)
    return Model(payload["bias"], weights, "".join(units))


@lru_cache(maxsize=8)
def _char_class(chars: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(chars) + "]")
