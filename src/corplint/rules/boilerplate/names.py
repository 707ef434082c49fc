"""Credit lines and the names in them: where a credit that opens with a role word
ends, bylines, contact fields."""

from __future__ import annotations

import re

from corplint.rules._shared.credits import (
    _MEDIA,
    ROLES,
    surnames,
)

_ROLE = re.compile(rf"(?:{ROLES})[ \t]*[:：/／]?[ \t]*")


_CREDIT_TAIL = re.compile(r"(?:[\u4e00-\u9fff]{0,4}?供图|摄影|摄|报道)")


_SOURCE_ROLES = ("图片来源", "图源", "来源")


_SOURCE_VALUE = re.compile(r"[^\s。！？，,；;）)】\n]{2,16}(?=[）)]|$)", re.M)


# function words and speech verbs: ``记者王强说`` names 王强, not 王强说
_NOT_IN_NAME = frozenset("说在了的是等和与也都就又将把被对从向到问看讲称道表认指")


_END = "。！？!?，,、；;：:）)】\n "


def credit_run(text: str, start: int, byline: bool = False) -> int | None:
    """Where a credit starting at ``start`` (a role word) ends, or None if no name follows.

    A credit is role words and personal names, alternating (``记者A B通讯员C摄``),
    optionally in brackets. Names are a surname and one or two characters; a
    name followed by neither another name, a role nor a boundary is read as
    two characters when ``byline`` (the credit names its medium, so it is the
    byline run into the first sentence) and is no credit otherwise.
    """
    single, compound = surnames()
    pos, names, n = start, 0, len(text)
    bracket = text[pos] in "（("
    if bracket:
        pos += 1
    media = _MEDIA.match(text, pos)
    if media:
        pos = media.end()
    while pos < n:
        media = _MEDIA.match(text, pos) if names else None
        if media:
            pos = media.end()  # the next credit of a joint byline: 、新华社记者某某
        m = _ROLE.match(text, pos)
        if m and m.end() > pos:
            pos = m.end()
            if m.group().startswith(_SOURCE_ROLES):
                source = _SOURCE_VALUE.match(text, pos)
                if source:
                    pos, names = source.end(), names + 1
            continue
        end = _names(text, pos, single, compound)
        if end is None and byline and not names:
            end = _byline_name(text, pos, single, compound)
        if end is None:
            break
        pos, names = end, names + 1
        while pos < n and text[pos] in " \t、":
            pos += 1
    if not names:
        return None
    tail = _CREDIT_TAIL.match(text, pos + (text[pos : pos + 1] in (" ", "\t")))
    if tail:
        pos = tail.end()
    elif start > 0 and text[start - 1] == "讯" and pos < n and text[pos] not in _END:
        return None  # 讯记者某某从…获悉: the reporters are the sentence's subject
    if bracket and pos < n and text[pos] in "）)":
        pos += 1
    while pos > start and text[pos - 1] in " \t、":
        pos -= 1
    return pos


def _surname(text: str, pos: int, single: frozenset[str], compound: tuple[str, ...]) -> int:
    if text.startswith(compound, pos):
        return 2
    return 1 if pos < len(text) and text[pos] in single else 0


def _names(
    text: str, pos: int, single: frozenset[str], compound: tuple[str, ...], depth: int = 0
) -> int | None:
    """The end of a run of names from ``pos`` that stops at a boundary, or None.

    Run-together names (``A B C`` written ``ABC``) are split by trying two- and
    three-character names, like a tokenizer: the run must end exactly at a
    punctuation mark, a role word, ``摄`` or the end of the text.
    """
    surname = _surname(text, pos, single, compound)
    if not surname or depth > 12:
        return None
    for given in (2, 1):
        end = pos + surname + given
        if end > len(text) or not all("\u4e00" <= c <= "\u9fff" for c in text[pos:end]):
            continue
        if text[end - 1] in _NOT_IN_NAME:
            continue
        if end == len(text) or text[end] in _END or _CREDIT_TAIL.match(text, end):
            return end
        if _role_at(text, end) or _MEDIA.match(text, end):
            return end
        further = _names(text, end, single, compound, depth + 1)
        if further is not None:
            return further
    return None


def _byline_name(
    text: str, pos: int, single: frozenset[str], compound: tuple[str, ...]
) -> int | None:
    """A byline run into the first sentence: no boundary tells where the name ends,
    so take the most common length, a surname and two characters."""
    surname = _surname(text, pos, single, compound)
    end = pos + surname + 2
    if surname and end <= len(text) and all("\u4e00" <= c <= "\u9fff" for c in text[pos:end]):
        return end
    return None


def _role_at(text: str, pos: int) -> bool:
    m = _ROLE.match(text, pos)
    return m is not None and m.end() > pos


_BYLINE = re.compile(
    r"^[（(]?(?:(?:采写|执笔|撰文|作者|文)\s*[:：/／]\s*)?"
    r"(?:[\u4e00-\u9fff《》]{1,8}?)?(?:见习|实习|特约|首席)?(?:记者|作者|通讯员)\s*"
    r"(?P<names>[\u4e00-\u9fff]{2,4}(?:[ 、，,\u3000][\u4e00-\u9fff]{2,4}){0,3})[）)]?$"
)


_COMPILED_FROM = re.compile(
    r"^[（(](?:综合|编译|综合整理|整理|转载|摘编)(?:自|于)?[^（）()。]{2,30}[）)]$"
)


_SPACED_SURNAMES = frozenset("于傅阎向管解时司车项席米全应和池查麻")
"""Surnames the shared list leaves out because they are also common words (和, 于,
应): a byline's names stand between spaces, where they cannot be misread."""


_CONTACT_FIELD = re.compile(
    r"^(?:联系人|联系电话|联系方式|咨询电话|服务热线|电话|手机|座机|传真|公司地址|地址|邮箱|电子邮箱|"
    r"邮编|网址|E-?mail|QQ|微信)[:：]",
    re.I,
)


def contact_field(line: str) -> bool:
    """``联系人：…``, ``地 址：…``, ``电话：…``: a field of a contact block (a
    label spaced out for alignment counts)."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return False
    head = stripped[:12].replace(" ", "").replace("\u3000", "")
    return _CONTACT_FIELD.match(head + stripped[12:]) is not None


def byline(line: str) -> bool:
    """A line that is only a byline: a medium's reporter or an author and their
    names (``某某报记者 张三 李四``, ``采写：某报记者 王五``), each name opening
    with a surname, or ``（综合整理自…）``."""
    stripped = line.strip()
    if len(stripped) > 36:
        return False
    if _COMPILED_FROM.match(stripped):
        return True
    m = _BYLINE.match(stripped)
    if not m:
        return False
    single, compound = surnames()
    names = re.split(r"[ 、，,\u3000]", m.group("names"))
    return all(
        n[:1] in single or n[:1] in _SPACED_SURNAMES or n[:2] in compound for n in names if n
    )
