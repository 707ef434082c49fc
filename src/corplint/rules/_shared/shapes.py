"""Lines that are lists of short phrases: keyword lists, tag lines, SEO stuffing.

A clause of prose is short too; what it has and a keyword list lacks is
grammar (的, 了, 是, pronouns, negation) and a sentence mark. Read by the spam
rules (a keyword list is spam when the page does not share its words) and the
layout rules (a keyword line ends without a mark and is no cut sentence).
"""

from __future__ import annotations

import re

MIN_PHRASES = 4


MAX_PHRASE = 14


# separators between the phrases of a keyword list
SEPARATOR = re.compile(r"[ \t\u3000,，、|｜_/／·•]+")


SENTENCE_MARK = re.compile(r"[。！？!?：:；;“”\"「」『』（）()《》…]|\.$")


_LATIN_SPACE = re.compile(r"(?<=[A-Za-z0-9]) +(?=[A-Za-z0-9])")


def phrases(line: str) -> list[str]:
    """The phrases of a line between separators (spaces inside English are no separators)."""
    if " " in line:
        line = _LATIN_SPACE.sub("\u00a0", line)
    return [p for p in SEPARATOR.split(line) if p]


# characters of grammar: a clause of prose has one nearly always, a keyword phrase rarely
GRAMMAR = frozenset(
    "的了是在也就都很不我你他她们这那还没要会着过吗呢吧啊又把被让给从而但因如果得更太只才已将"
    "以及或其些么怎样由到来为与和等个有较均挺可能"
    "們這還沒會著過嗎讓給從將麼樣來為與個"
)


def list_shaped(line: str) -> bool:
    """Many short phrases with separators, no sentence, and (almost) no grammar words.

    Clauses of prose separated by commas are short too; what they have and a
    keyword list lacks is grammar: 的, 了, 是, pronouns, negation.
    """
    if SENTENCE_MARK.search(line):
        return False
    parts = phrases(line)
    if len(parts) < MIN_PHRASES:
        return False
    short = sum(len(p) <= MAX_PHRASE for p in parts)
    if short < 0.8 * len(parts):
        return False
    grammatical = sum(1 for p in parts if not GRAMMAR.isdisjoint(p))
    if grammatical > len(parts) / 5 and not one_stem(parts):
        return False
    return not _names(parts)


def one_stem(parts: list[str]) -> bool:
    """All phrases but one open with the same two or more characters: one brand with
    SEO endings (太阳城官网 太阳城客户端 …), whatever characters the brand holds
    (太 of 太阳 is no grammar word)."""
    stem = parts[0][:2]
    return len(stem) == 2 and sum(p.startswith(stem) for p in parts) >= len(parts) - 1


def _names(parts: list[str]) -> bool:
    """Most phrases are personal names (a surname and one or two characters)."""
    from corplint.rules._shared.credits import surnames

    single, _ = surnames()
    names = sum(1 for p in parts if 2 <= len(p) <= 3 and p[0] in single)
    return names >= 0.6 * len(parts)
