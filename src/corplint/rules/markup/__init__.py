"""Rules of the ``markup`` category: HTML left in the text of a plain-text corpus.

Scrapers that take ``innerHTML`` instead of text leave tags, comments and
entities in the documents; a model trained on them learns to emit ``<p>``.
In ``.html`` and ``.md`` files markup is legitimate, so these rules look only
at plain text and JSONL records.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding, Fix
from corplint.core.hookspecs import hookimpl
from corplint.core.rule import Rule

# Real HTML element names only: `<a>`-like strings in prose (`<算法>`, `a < b > c`,
# `<T>` in code) must not match, so the name list is closed.
_BLOCK = (
    "p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|tbody|thead|section|article|"
    "blockquote|pre|figure|figcaption|header|footer|nav|aside|main"
)
_INLINE = (
    "a|img|span|strong|b|i|em|u|s|font|small|big|sub|sup|code|center|label|"
    "iframe|video|audio|source|picture|section|input|button|form|meta|link|svg|path|wbr"
)
_TAG = rf"</?(?:{_BLOCK}|{_INLINE})\b(?:\s+[^<>]*?)?\s*/?>"
_COMMENT = r"<!--.*?-->"
_SCRIPT = r"<(script|style)\b[^>]*>.*?</\1\s*>"
_ENTITY = (
    r"&(?:nbsp|amp|lt|gt|quot|apos|ldquo|rdquo|lsquo|rsquo|mdash|ndash|hellip|middot|copy|reg"
    r"|#\d{2,6}|#x[0-9a-fA-F]{2,5});"
)
_ITEM = f"(?:{_SCRIPT}|{_COMMENT}|{_TAG}|{_ENTITY})"
_RUN = re.compile(rf"{_ITEM}(?:[ \t]*{_ITEM})*", re.I | re.S)
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK})\b", re.I)
_ENTITY_ONLY = re.compile(_ENTITY, re.I)
_FAST_CHECK = re.compile(r"[<&]")


class HtmlResidue(Rule):
    """HTML tags, comments, entities or script/style bodies in a plain-text document.

    Consecutive markup items are reported as one run. The unsafe fix strips
    the tags (and script/style bodies), turns block tags between text into a
    line break and unescapes entities; it is unsafe because it drops what the
    tags held, such as image URLs, which a user may still want.

    Bad: ``<p>会议今天召开。</p>``. Good: ``会议今天召开。``
    """

    code = "MKP001"
    trigger = _FAST_CHECK.pattern
    name = "html-residue"
    category = "markup"
    finds = (
        "HTML tags, comments, entities, script/style bodies in plain text and JSONL (silent in "
        "`.html` and `.md`)"
    )
    fix = Applicability.UNSAFE
    formats = ("text", "jsonl")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if not _FAST_CHECK.search(text):
            return
        for m in _RUN.finditer(text):
            run = m.group()
            kind = "HTML entity" if _ENTITY_ONLY.fullmatch(run) else "HTML markup"
            yield Finding(
                m.start(),
                m.end(),
                f"{kind} in plain text: {_shorten(run)}",
                Fix.replace(m.start(), m.end(), _replacement(text, m), "unsafe"),
            )


def _replacement(text: str, m: re.Match[str]) -> str:
    run = m.group()
    if _ENTITY_ONLY.fullmatch(run):
        return html.unescape(run)
    entities = "".join(html.unescape(e.group()) for e in _ENTITY_ONLY.finditer(run))
    if not _BLOCK_TAG.search(run):
        return entities
    at_line_start = m.start() == 0 or text[m.start() - 1] in "\r\n"
    at_line_end = m.end() == len(text) or text[m.end()] in "\r\n"
    return entities if at_line_start or at_line_end else "\n" + entities


def _shorten(run: str, limit: int = 40) -> str:
    return run if len(run) <= limit else run[: limit - 1] + "…"


_MD_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*<?[^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*>?"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
)


class MarkdownResidue(Rule):
    """Markdown image or link syntax in a plain-text document.

    A corpus converted from Markdown without rendering keeps ``![alt](url)``
    and ``[text](url)``; a model trained on it learns to write URLs into prose.
    In ``.md`` files the syntax is legitimate and the rule stays silent. The
    unsafe fix keeps a link's text and drops an image whole (its alt text is
    usually a file name); unsafe because the URL goes with it.

    Bad: ``详见[通知原文](https://www.example.gov.cn/a.html)。`` Good: ``详见通知原文。``
    """

    code = "MKP002"
    trigger = r"\]\("
    name = "markdown-residue"
    category = "markup"
    finds = (
        "Markdown image and link syntax in plain text and JSONL (silent in `.md`); the fix keeps a "
        "link's text and drops an image"
    )
    fix = Applicability.UNSAFE
    formats = ("text", "jsonl")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "](" not in text:
            return
        for m in _MD_LINK.finditer(text):
            image = bool(m.group(1))
            kind = "image" if image else "link"
            yield Finding(
                m.start(),
                m.end(),
                f"Markdown {kind} in plain text: {_shorten(m.group())}",
                Fix.replace(m.start(), m.end(), "" if image else m.group(2), "unsafe"),
            )


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [HtmlResidue, MarkdownResidue]
