"""Empty numeral slots: where a number was deleted from Chinese text.

A cleaner that deletes ASCII digits turns ``自5月6日起`` into ``自月日起``
and ``招聘300余人`` into ``招聘余人``. Each deletion leaves a *gap* between
two characters that rarely touch in real Chinese but often stand either side
of a number. The digits rules score every plausible gap with a logistic
regression over the characters around it (the features below), learned from
clean text by ``scripts/build_numeral_model.py`` and shipped as package data.

Speed: a gap is scored only before a character that itself says "a number
came before me" (a measure word, a date unit, ``%``, ``万``...): one compiled
character class finds those, and clean prose has few of them.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from corplint.charmodel import is_han

DATE_UNITS = frozenset("年月日号时分秒")
"""A number deleted before one of these was part of a date or a time."""

_ARABIC = re.compile(r"[0-9０-９]")
_SENTENCE = re.compile(r"[^。！？!?\n]*[。！？!?\n]?")
_PAD = "\n"
# a unit must carry at least this much evidence for its gap to be scored at all
_UNIT_WEIGHT = 1.0


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


@dataclass(frozen=True)
class Model:
    bias: float
    weights: dict[str, float]
    units: re.Pattern[str]
    """The characters before which a gap is worth scoring."""

    def score(self, padded: str, i: int) -> float:
        """Log-odds that a number was deleted before ``padded[i]``."""
        get = self.weights.get
        return self.bias + sum(get(f, 0.0) for f in features(padded, i))


@lru_cache(maxsize=1)
def model() -> Model:
    raw = resources.files("corplint").joinpath("data/numeral_slots.json.gz").read_bytes()
    payload = json.loads(gzip.decompress(raw))
    weights: dict[str, float] = payload["weights"]
    units = sorted(
        f[1:] for f, w in weights.items() if f[0] == "b" and f[1] != "b" and w >= _UNIT_WEIGHT
    )
    return Model(payload["bias"], weights, re.compile("[" + re.escape("".join(units)) + "]"))


@dataclass(frozen=True, slots=True)
class Slot:
    """A gap before ``text[offset]`` that probably held a number."""

    offset: int
    score: float


def has_arabic_digits(text: str) -> bool:
    return _ARABIC.search(text) is not None


def score_gaps(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, float]]:
    """(offset, log-odds) of every scored gap in ``text[start:end]``."""
    end = len(text) if end is None else end
    m = model()
    out = []
    for match in m.units.finditer(text, start, end):
        i = match.start()
        if i == start:
            before = _PAD + _PAD
        else:
            before = (text[i - 2] if i - 2 >= start else _PAD) + text[i - 1]
        after = text[i + 1] if i + 1 < end else _PAD
        if _ARABIC.match(before[1]) or _ARABIC.match(after):
            continue
        if not (is_han(text[i]) or is_han(before[1])):
            continue  # Chinese on neither side: not Chinese prose
        out.append((i, m.score(before + text[i] + after, 2)))
    return out


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    """The scored gaps of one sentence, and whether it still has Arabic digits."""

    has_digits: bool
    gaps: tuple[tuple[int, float], ...]


def score_sentences(text: str) -> tuple[ScoredSentence, ...]:
    """Every sentence of ``text`` that has a gap worth scoring, with its scores.

    The expensive part of the digits rules; they apply their own thresholds to
    this with :func:`empty_slots`, so one document is scored once.
    """
    out = []
    for sentence in _SENTENCE.finditer(text):
        s, e = sentence.span()
        if s == e:
            continue
        gaps = score_gaps(text, s, e)
        if gaps:
            out.append(ScoredSentence(has_arabic_digits(text[s:e]), tuple(gaps)))
    return tuple(out)


def empty_slots(sentences: tuple[ScoredSentence, ...], strong: float, weak: float) -> list[Slot]:
    """Gaps that probably held a number.

    A gap counts when its score reaches ``strong``, or ``weak`` in a sentence
    without Arabic digits that already has a gap at ``strong``: deletions come
    in clusters (a date has two or three), while a clean sentence's odd pair
    of characters stands alone.
    """
    slots: list[Slot] = []
    for sentence in sentences:
        if max(score for _, score in sentence.gaps) < strong:
            continue
        threshold = strong if sentence.has_digits else weak
        slots += [Slot(i, score) for i, score in sentence.gaps if score >= threshold]
    return slots
