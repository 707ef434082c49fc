"""The fast path of the boilerplate rules: patterns at least one of which every
boilerplate line matches, found in a few scans at C speed."""

from __future__ import annotations

import re
from functools import cache

from corplint.core.document import Document
from corplint.rules._shared.charmodel import commonness
from corplint.rules._shared.credits import LEAD_ROLES, ROLES
from corplint.rules._shared.furniture import META_FIELDS, both
from corplint.rules._shared.lexicon import (
    flat_trie_pattern,
    rare_anchored,
    trie_pattern,
)
from corplint.rules.boilerplate.furniture import (
    _FOOTER_PHRASES,
    _RELATED_HEADERS,
    IMAGE_CUES,
    PREV_NEXT_LABELS,
    TAG_CUES,
    ui_line,
)


def role_hits(text_of: Document) -> list[int]:
    """Where role words (记者, 编辑, 文/ …) are in a document: one scan, which the
    boilerplate-line and credit rules share."""
    roles = cue_patterns()[1]
    return text_of.memo(
        "boilerplate-roles", lambda: [m.start() for m in roles.finditer(text_of.text)]
    )


SEPARATORS = re.compile(r"[|｜>＞»›·/／\t\u3000]| {2}|[^ ] [^ ].* ")


DIGIT = re.compile(r"[0-9]")


_ANCHOR_MARKS = re.compile(
    r"[|｜>＞»›·\t:：©/／\u3000▲△▼▽]| {2}|[\u4e00-\u9fff] [\u4e00-\u9fff]"
    r"|图片|供图|截图|资料图|大图|#"
)


@cache
def _anchor_words() -> re.Pattern[str]:
    roles = [r for r in ROLES.split("|") if r.isalnum()]
    words = both(
        (*_FOOTER_PHRASES, *roles, "在看", "版权", "备案", "立场", "转载", "声明", "整理自")
    )
    return re.compile(trie_pattern((*words, "Copyright", "ICP")))


@cache
def cue_patterns() -> tuple[re.Pattern[str], ...]:
    """Patterns at least one of which every boilerplate line matches.

    A document none of them matches has no boilerplate line, which is what most
    documents are told in three scans at C speed:

    * separator marks, metadata fields with their colon (``来源：``, found from
      the colon back), footer, copyright and related-article words (found from
      each word's rarest character);
    * role words (a credit line starts with one, which the caller checks);
    * a line of short items between single spaces (navigation bars).

    A view counter alone on a line without a colon or separator (``阅读 123``)
    is the one form this misses.
    """
    fields = both(tuple(META_FIELDS.split("|")))
    words = both(
        (
            *_FOOTER_PHRASES,
            *_RELATED_HEADERS,
            "在看",
            "点赞",
            "版权",
            "备案",
            "公网安备",
            "增值电信",
            "立场",
            "转载",
            "声明",
            "整理自",
            "综合自",
            "编译自",
        )
    )
    # a middle dot joins foreign names (穆罕默德·拉斐克); between items it has spaces
    marks = (
        *"|｜>＞»›\t\u3000©",
        " ·",
        "· ",
        "  ",
        "Copyright",
        "ICP",
        *PREV_NEXT_LABELS,
        *IMAGE_CUES,
        *TAG_CUES,
    )
    colon = "|".join(
        re.escape(c) + "(?:" + "|".join(f"(?<={re.escape(f + c)})" for f in fields) + ")"
        for c in ":："
    )
    lead = LEAD_ROLES.split("|")
    roles = both(
        (
            *(r for r in lead if "[" not in r),
            *(r.replace("[/／]", sep) for r in lead if "[" in r for sep in "/／"),
        )
    )
    return (
        re.compile(
            f"{flat_trie_pattern(marks)}|{colon}|{rare_anchored(words, commonness).pattern}"
        ),
        re.compile(flat_trie_pattern(roles)),
        re.compile(r"^[^\n ]{1,12} [^\n ]{1,12} [^\n ]{1,12} ", re.M),
    )


def has_anchor(line: str) -> bool:
    """Anything a boilerplate line holds: a separator, a colon, a footer or role word.

    A line without one is prose and skips every detector. Two searches, each
    a character class or a trie of literals, which ``re`` scans at C speed.
    """
    return (
        _ANCHOR_MARKS.search(line) is not None
        or _anchor_words().search(line) is not None
        or ui_line(line)
    )
