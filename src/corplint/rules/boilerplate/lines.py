"""Lines of page furniture (BLP001): each recognised by its form, found through
cues one scan locates, deleted safely unless the line reads as prose."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding, Fix
from corplint.core.rule import Rule
from corplint.rules._shared import credits as cr
from corplint.rules._shared import furniture as pf
from corplint.rules._shared.segments import (
    Segment,
    line_at,
    line_span,
    plain,
    segments,
    split_lines,
)
from corplint.rules.boilerplate import cues, names
from corplint.rules.boilerplate import furniture as bp


def _kind(line: str) -> str | None:
    # each detector only where its anchor is: a line without separators is no
    # navigation bar, one without a colon or a number carries no page metadata
    if bp.prev_next(line):
        return "previous/next link"
    if bp.empty_cells(line):
        return "empty table cells"
    if bp.ui_line(line):
        return "interface text"
    if bp.tag_line(line):
        return "keyword/tag line"
    marks = cues.SEPARATORS.search(line) is not None
    if marks and pf.nav_bar(line):
        return "navigation bar"
    if (":" in line or "：" in line or cues.DIGIT.search(line)) and pf.page_meta(line):
        return "page metadata"
    if bp.footer(line):
        return "share/follow footer or copyright line"
    return bp.image_caption(line)


def _whole_credit(line: str) -> bool:
    """The line is one credit from start to end (``本报记者某某``, ``■文/某 图/某``)."""
    stripped = line.strip()
    if names.byline(stripped):
        return True
    for pos in (0, 1):
        m = cr.credit_start_at(stripped, pos)
        if m:
            end = names.credit_run(stripped, m.start(), bool(m.group("media")))
            return end is not None and end >= len(stripped.rstrip("。"))
    return False


class BoilerplateLine(Rule):
    """A line of page furniture: navigation, metadata, share footer, copyright, credits, links.

    Each kind is recognised by its form: a previous/next link (``上一篇：``
    and a title); a bar of short section names with separators;
    ``field：value`` pairs with a view counter; a follow/share instruction,
    disclaimer, copyright or ICP line; a credit line of role words and names;
    the headline list after ``相关阅读`` or between the last image and a share
    footer; image credits and captions; disclaimers and reprint notices. The
    fix deletes the line: safe, unless the line reads as a sentence of prose
    (a cue word inside an article's own sentence). A link's text left at the
    end of a teaser (``…［详细］``) is reported alone and its fix cuts only it.

    Bad: ``首页 | 新闻中心 | 设为首页 | 加入收藏``. Good: ``首先，会议回顾了…``
    """

    code = "BLP001"
    name = "boilerplate-line"
    category = "boilerplate"
    finds = (
        "navigation bars and breadcrumbs, pagers (`首页 上一页 3 4 5 下一页 尾页`), empty table "
        "cells (`|  |  |`), previous/next links, interface words alone on a line, keyword/tag "
        "lines, page metadata with view counters, share/follow footers, copyright/ICP lines, "
        "disclaimers, credit lines and bylines, image credits and captions (a caption's deletion "
        "is unsafe), related-article lists (after `相关阅读`, or between the last image and a "
        "share footer); HTML paragraphs count as lines"
    )
    fix = Applicability.SAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if doc.format == "html":
            return
        if "<" not in text:
            yield from _repeats(doc)
        more = ("详" in text or "全文" in text or "更多" in text or "查看" in text) and (
            "］" in text or "]" in text or "】" in text
        )  # str `in` tests at memory speed; the pattern's class start is slow
        for m in _MORE_LINK.finditer(text) if more else ():
            yield Finding(
                m.start(),
                m.end(),
                f"boilerplate: link text left after a teaser ({m.group().strip()})",
                Fix.delete(m.start(), m.end(), "safe"),
            )
        if "<" not in text:
            # the fast path: only lines a cue points at can be boilerplate
            cue, _, nav = cues.cue_patterns()
            # a bar of items between single spaces needs three spaces; most Chinese
            # text has none, which str.count tells at memory speed
            spaced = text.count(" ") >= 3
            short = [
                i
                for i, line in enumerate(split_lines(doc))
                if len(line) <= 150
                and (
                    cue.search(line)
                    or (spaced and line.count(" ") >= 3 and nav.match(line))
                    or (len(line) <= 40 and (bp.ui_line(line) or pf.stamp_line(line)))
                )
            ]
            lines: dict[int, int] = dict(line_span(doc, i) for i in short)
            for pos in cues.role_hits(doc):
                start, end = line_at(text, pos)
                # a credit line opens with the role, or a medium's name and the role
                # (not a dateline: 本报北京1月8日电记者…)
                if end - start <= 150 and cr.credit_prefix(text[start:pos]):
                    lines[start] = end
            if not lines:
                return
            flagged = {}
            for start, end in sorted(lines.items()):
                kind = _classify(plain(text[start:end]))
                if kind:
                    flagged[start, end] = kind
            # a related-article header is a short line with a cue: it is among them
            related = bp.related_anywhere()
            if not any(k.startswith("share") for k in flagged.values()) and not any(
                related.search(text, start, end) for start, end in lines.items()
            ):
                for (start, end), kind in flagged.items():
                    yield Finding(
                        start,
                        end,
                        f"boilerplate: {kind}",
                        Fix.delete(start, _line_end(text, end), _deletion(text[start:end])),
                    )
                return
        segs = list(segments(doc))
        flagged_segments: dict[int, str] = {}
        for i, seg in enumerate(segs):
            if seg.media or seg.end == seg.start or seg.end - seg.start > 400:
                continue
            line = plain(text[seg.start : seg.end])
            if len(line) <= 150 and cues.has_anchor(line):
                kind = _classify(line)
                if kind:
                    flagged_segments[i] = kind
        _related_lists(text, segs, flagged_segments)
        for i in sorted(flagged_segments):
            seg = segs[i]
            yield Finding(
                seg.start,
                seg.end,
                f"boilerplate: {flagged_segments[i]}",
                Fix.delete(seg.cut_start, seg.cut_end, _deletion(text[seg.start : seg.end])),
            )


def _repeats(doc: Document) -> Iterator[Finding]:
    """Page metadata that repeats the text: the title twice in a row at the top (a
    title: short, no sentence end; two equal records of reviews are another matter), and
    a summary field (``本文摘要：…``) whose text the document gives in full."""
    text = doc.text
    lines = split_lines(doc)
    head = [i for i in range(min(len(lines), 12)) if lines[i].strip()][:4]
    around = [i for i in range(min(len(lines), 14)) if lines[i].strip()][:5]
    for k, (a, b) in enumerate(pairwise(head)):
        first = lines[a].strip()
        title = 4 <= len(first) <= 50 and not first.endswith(("。", "！", "？", "!", "?"))
        # exactly two copies: a line repeated three times is no title given twice, and
        # deleting one of three would leave two, which the next --fix would cut again
        alone = (k == 0 or lines[around[k - 1]].strip() != first) and (
            k + 2 >= len(around) or lines[around[k + 2]].strip() != first
        )
        if title and alone and first == lines[b].strip() and not pf.page_meta(first):
            start, end = line_span(doc, a)
            yield Finding(
                start, end, "boilerplate: the title twice", Fix.delete(start, _line_end(text, end))
            )
            break
    yield from _contact_block(doc, lines)
    for i in head:
        if "：" not in lines[i] and ":" not in lines[i]:
            continue  # a summary field has its colon
        start, end = line_span(doc, i)
        if bp.repeated_summary(lines[i], text, end):
            yield Finding(
                start,
                end,
                "boilerplate: a summary the text repeats",
                Fix.delete(start, _line_end(text, end)),
            )


def _contact_block(doc: Document, lines: list[str]) -> Iterator[Finding]:
    """Two or more contact fields (``联系人：``, ``电话：``, ``地址：``) on lines next to
    each other: a company's or site's contact block. Deleting it is unsafe: an
    announcement gives the address of its event the same way."""
    if "：" not in doc.text and ":" not in doc.text:
        return
    fields = [
        i
        for i, line in enumerate(lines)
        if (":" in line or "：" in line) and names.contact_field(line)
    ]
    near = {i for i, j in pairwise(fields) if j - i <= 2} | {
        j for i, j in pairwise(fields) if j - i <= 2
    }
    for i in sorted(near):
        start, end = line_span(doc, i)
        yield Finding(
            start,
            end,
            "boilerplate: contact details",
            Fix.delete(start, _line_end(doc.text, end), "unsafe"),
        )


_MORE_LINK = re.compile(
    r"[ \t\u3000]*[［\[【]\s*(?:详细|详情|全文|更多|阅读全文|查看全文|查看详情|点击查看)\s*[］\]】]"
    r"(?=[ \t\u3000]*\r?$)",
    re.M,
)
"""``…拉开帷幕。［详细］``: a link's text left at the end of a teaser or record."""


_GRAMMAR_WORDS = re.compile("[的了是在和与对将把被这那我你他她它们]")


_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")


_FUNCTION_WORD = re.compile(r"\b(?:the|a|an|of|on|in|is|are|was|and|to|its|with|for|by)\b", re.I)


def _deletion(line: str) -> str:
    """Deleting a boilerplate line is safe unless the line reads as a sentence of
    prose: a cue word (©, 备案, 来源) inside an article's own sentence must not
    take the sentence with it. Prose: a Chinese line of 25 characters or more
    with a clause mark and grammar words, or eight Latin words or more. A bare
    ``原标题：…`` line may be the one whole headline a page has left (its own cut
    short), so only the bracketed form ``（原标题：…）`` goes safely; a ``▲`` line
    may be a caption or a bullet point of the article."""
    plain_line = line.strip()
    if pf.original_title(plain_line) and plain_line[0] not in "（(【[":
        return "unsafe"
    if plain_line[:1] in "▲△▼▽↑":
        return "unsafe"  # a caption mark, or a bullet some articles list their points with
    if bp.image_caption(plain_line) == "image caption":
        return "unsafe"  # a caption's sentence: a corpus may keep what the photo shows
    if bp.tag_line(plain_line) in ("关键词", "关键字", "Keyword", "Keywords"):
        return "unsafe"  # a paper's own keywords under its abstract
    if pf.stamp_line(plain_line):
        return "unsafe"  # the article's date: metadata a corpus may want to keep
    chinese = len(plain_line) >= 25 and "，" in plain_line
    if chinese and len(_GRAMMAR_WORDS.findall(plain_line)) >= 3:
        return "unsafe"
    if len(_WORD.findall(plain_line)) >= 8 and len(_FUNCTION_WORD.findall(plain_line)) >= 2:
        return "unsafe"
    return "safe"


def _classify(line: str) -> str | None:
    return _kind(line) or ("credit line" if _whole_credit(line) else None)


def _related_lists(text: str, segs: list[Segment], flagged: dict[int, str]) -> None:
    """Headline lists: after a ``相关阅读``-style header, and just before a share footer.

    Before a footer the list must be bounded above by an image, a blank line
    or a separator, so the short closing lines of an article's own text are
    never taken for headlines.
    """
    lines = [plain(text[s.start : s.end]).strip() for s in segs]
    for i, line in enumerate(lines):
        if bp.related_header(line):
            flagged[i] = "related-article list"
            j = i + 1
            while j < len(lines) and (bp.title_like(lines[j]) or not lines[j]):
                if lines[j]:
                    flagged[j] = "related-article list"
                j += 1
    footers = [i for i, k in flagged.items() if k.startswith("share")]
    for f in footers:
        # tiny pieces around a footer button (``你 / “在看” / 我吗``) belong to it
        for j in (f - 1, f + 1):
            if (
                0 <= j < len(lines)
                and segs[j].html
                and segs[f].html
                and 0 < len(lines[j]) <= 3
                and j not in flagged
            ):
                flagged[j] = flagged[f]
        start = f - 1
        while start >= 0 and start in flagged:
            start -= 1
        titles = []
        j = start
        while j >= 0 and lines[j] and not segs[j].media and bp.title_like(lines[j]):
            titles.append(j)
            j -= 1
        bounded = j < 0 or segs[j].media or not lines[j] or set(lines[j]) <= set("-—=*_~·•")
        if 2 <= len(titles) <= 10 and bounded and j >= 0:
            for t in titles:
                flagged[t] = "related-article list"


def _line_end(text: str, end: int) -> int:
    if text.startswith("\r\n", end):
        return end + 2
    if end < len(text) and text[end] in "\r\n":
        return end + 1
    return end
