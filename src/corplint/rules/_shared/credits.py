"""Credits: the role words (``记者``, ``责任编辑``, ``图/``) and media names a credit
opens with, and the surnames its names start with.

The boilerplate rules report credit lines and credits run into prose; the spam
rules leave a credit to them.
"""

from __future__ import annotations

import re
from functools import cache

from corplint.rules._shared.lexicon import package_terms

MEDIA_SUFFIX = (
    r"(?:日报|晚报|晨报|早报|商报|时报|报社|新闻网|在线|客户端|电视台|广播电台|通讯社|社|"
    r"融媒体中心|新闻中心|网)"
)


# roles that open a credit, and roles that may only follow one (``审核``, ``制作`` and
# ``整理`` start ordinary sentences too)
LEAD_ROLES = (
    "本报记者|见习记者|特约记者|实习记者|摄影记者|记者|特约通讯员|通讯员|摄影|责编|责任编辑|"
    "实习编辑|值班编辑|编辑|参与采写|采写|撰稿|图片来源|图源|文[/／]|图[/／]"
)


ROLES = LEAD_ROLES + "|审核|审校|校对|终审|二审|三审|监制|制作|整理|摄像"


# -------------------------------------------------------------- credits
@cache
def surnames() -> tuple[frozenset[str], tuple[str, ...]]:
    """(single-character surnames, compound surnames)."""
    single: set[str] = set()
    compound: list[str] = []
    for term in package_terms("corplint.rules._shared", "surnames.txt"):
        if len(term) == 2:
            compound.append(term)
        else:
            single.update(term)
    return frozenset(single), tuple(compound)


MEDIA_NAME = r"(?:(?![讯电])[\u4e00-\u9fff]){2,12}?"  # not across a dateline's 讯


MEDIA_ANY = rf"(?:本站原创|本网|本站|{MEDIA_NAME}{MEDIA_SUFFIX})"


_MEDIA = re.compile(rf"{MEDIA_ANY}(?=(?:{LEAD_ROLES}))")


CREDIT_START = re.compile(
    rf"(?:^|(?<=[。！？!?）)\s■▲讯]))[（(]?(?P<media>{MEDIA_ANY})?"
    rf"(?:{LEAD_ROLES})(?=[ \t]*[:：/／]?[ \t]*[\u4e00-\u9fff])",
    re.M,
)


ROLE_WORD = re.compile(LEAD_ROLES)


_DATELINE_MARK = re.compile(r"[0-9０-９讯電电]")


_OPENS_CREDIT = re.compile(rf"(?:^|[。！？!?）)\s■▲讯（(]|{MEDIA_SUFFIX}|本站原创|本网|本站)$")


def may_open_credit(text: str, pos: int) -> bool:
    """A role word at ``pos`` can open a credit: a sentence boundary or a medium's
    name ends right before it (what ``CREDIT_START`` demands, checked cheaply)."""
    return _OPENS_CREDIT.search(text, max(0, pos - 6), pos) is not None or pos == 0


def credit_prefix(prefix: str) -> bool:
    """What stands before a role word could open a credit line: nothing, brackets,
    or a medium's name, and no dateline."""
    return len(prefix) <= 16 and not _DATELINE_MARK.search(prefix)


def credit_start_at(text: str, pos: int) -> re.Match[str] | None:
    """A credit starting exactly at ``pos``."""
    return CREDIT_START.match(text, pos)


def credit_starts(text: str) -> list[re.Match[str]]:
    # the literal role words first: most lines have none, and re skips them fast
    if ROLE_WORD.search(text) is None:
        return []
    return list(CREDIT_START.finditer(text))
