"""Rules of the ``boilerplate`` category: the page around the article.

Navigation bars, page metadata, share footers, related-article lists and
credits are on every page of a site; left in a corpus they teach a model to
end each article with ``分享到：微信 微博``. BLP001 and BLP002 judge one
document; BLP003 counts lines over the whole corpus, the one thing a linter
sees that a per-document filter cannot.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise

from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding, Fix
from corplint.core.hookspecs import hookimpl
from corplint.core.rule import Option, Rule
from corplint.rules._shared import credits as cr
from corplint.rules._shared import furniture as pf
from corplint.rules._shared import listblocks
from corplint.rules._shared.segments import (
    Segment,
    line_at,
    line_span,
    plain,
    segments,
    split_lines,
)
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
    marks = bp.SEPARATORS.search(line) is not None
    if marks and pf.nav_bar(line):
        return "navigation bar"
    if (":" in line or "：" in line or bp.DIGIT.search(line)) and pf.page_meta(line):
        return "page metadata"
    if bp.footer(line):
        return "share/follow footer or copyright line"
    return bp.image_caption(line)


def _whole_credit(line: str) -> bool:
    """The line is one credit from start to end (``本报记者某某``, ``■文/某 图/某``)."""
    stripped = line.strip()
    if bp.byline(stripped):
        return True
    for pos in (0, 1):
        m = cr.credit_start_at(stripped, pos)
        if m:
            end = bp.credit_run(stripped, m.start(), bool(m.group("media")))
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
            cue, _, nav = bp.cue_patterns()
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
            for pos in bp.role_hits(doc):
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
            if len(line) <= 150 and bp.has_anchor(line):
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
    for a, b in pairwise(head):
        first = lines[a].strip()
        title = 4 <= len(first) <= 50 and not first.endswith(("。", "！", "？", "!", "?"))
        if title and first == lines[b].strip() and not pf.page_meta(first):
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
        if (":" in line or "：" in line) and bp.contact_field(line)
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


def _without_spaces(text: str) -> str:
    # str.replace runs at memory speed; a regex class of spaces is ten times slower
    for space in (" ", "\t", "\u3000", "\xa0"):
        if space in text:
            text = text.replace(space, "")
    return text


_ANY_LINE = re.compile(r"(?:^|(?<=\r))[^\r\n]+", re.M)


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


class CreditRunIn(Rule):
    """An editor, reporter or photo credit run into the prose.

    Scrapers that drop line breaks glue ``记者A B摄`` and ``责任编辑C`` to the
    sentences around them. A credit is found where a sentence starts with a
    role word (``记者 通讯员 责编 责任编辑 摄影 参与采写``, optionally after a
    medium's name) followed by personal names up to a boundary (``摄``, a
    punctuation mark, another role word). Reported as a span; the fix removes
    it and is unsafe, since the boundary of a name run into a sentence is a guess.

    Bad: ``…会议在市委礼堂召开。某某日报记者张三李四摄与会代表…``. Good: ``记者了解到，…``
    """

    code = "BLP002"
    name = "credit-run-in"
    category = "boilerplate"
    finds = (
        "a reporter/editor/photo credit run into the prose (`…记者张三李四摄在…`, "
        "`责编某某责任编辑某某`), names split with a surname list"
    )
    fix = Applicability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        hits = bp.role_hits(doc)
        if not hits:
            return  # the fast path: no role word, no credit
        if "<" in text:
            spans = [(seg.start, seg.end) for seg in segments(doc)]
        else:
            opening = [pos for pos in hits if cr.may_open_credit(text, pos)]
            spans = sorted({line_at(text, pos) for pos in opening})
        for start, end_of_line in spans:
            line = text[start:end_of_line]
            if not line or _whole_credit(plain(line)):
                continue  # empty, or a credit line of its own (BLP001's)
            for m in cr.credit_starts(line):
                end = bp.credit_run(line, m.start(), bool(m.group("media")))
                if end is None:
                    continue
                yield Finding(
                    start + m.start(),
                    start + end,
                    f"credit run into the text: {line[m.start() : end]}",
                    Fix.delete(start + m.start(), start + end, "unsafe"),
                )


class TemplateLine(Rule):
    """A line that recurs in many documents of the corpus: a site template, not content.

    The runner shows every document to this rule before checking (a corpus
    pass); it counts each distinct line once per document by a 64-bit hash in
    a table of bounded size (lossy counting: when the table is full, the
    rarest lines are dropped, so a count is a lower bound and memory stays
    flat on millions of documents). Every line counted in at least
    ``min-documents`` documents is reported in each document with its count.
    The fix deletes the line and is unsafe: a recurring line may be a legitimate
    sign-off such as ``（完）``.
    """

    code = "BLP003"
    name = "template-line"
    category = "boilerplate"
    finds = (
        "a line found in `min-documents` (20) documents of the corpus, counted in a corpus pass by "
        "64-bit hashes in a table of `table-size` lines (lossy counting keeps memory bounded)"
    )
    fix = Applicability.UNSAFE
    corpus = True
    options = (
        Option("min-documents", 20, "Report a line found in at least this many documents."),
        Option("min-length", 8, "Ignore lines shorter than this (characters, spaces excluded)."),
        Option("table-size", 1_000_000, "Most distinct lines counted at once (bounds memory)."),
    )

    def __init__(self, **settings: object) -> None:
        super().__init__(**settings)
        self.counts: Counter[int] = Counter()
        self.floor = 0  # lossy counting: counts may be low by at most this much
        self._hot: frozenset[int] | None = None

    def _keys(self, doc: Document) -> set[int]:
        """The hashes of the lines that count, spaces removed.

        Python's own string hash (SipHash, 64 bits) is the fastest there is and is
        stable within a run, which is all a count needs: both passes run in one
        process. Spaces are dropped from the whole text first (re-spaced copies
        count as one), and ``str.split`` cuts the lines at memory speed.
        """
        text = _without_spaces(doc.text)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        n = self.settings["min-length"]
        return {hash(line) for line in text.split("\n") if len(line) >= n}

    def observe(self, doc: Document) -> None:
        self._hot = None
        self.counts.update(self._keys(doc))  # Counter.update counts in C
        if len(self.counts) > self.settings["table-size"]:
            self._prune()

    def merge(self, other: Rule) -> None:
        """Add another share's counts; each share's count may be low by its floor,
        so the merged floor is their sum."""
        assert isinstance(other, TemplateLine)
        self._hot = None
        self.counts.update(other.counts)
        self.floor += other.floor
        if len(self.counts) > self.settings["table-size"]:
            self._prune()

    def _prune(self) -> None:
        """Drop the lines seen least, raising the floor, until a quarter of the table is free."""
        target = self.settings["table-size"] * 3 // 4
        while len(self.counts) > target:
            self.floor += 1
            floor = self.floor
            self.counts = Counter({k: n for k, n in self.counts.items() if n > floor})

    def check(self, doc: Document) -> Iterator[Finding]:
        threshold = self.settings["min-documents"]
        counts = self.counts
        if self._hot is None:  # the corpus pass is over: which lines are templates
            self._hot = frozenset(k for k, n in counts.items() if n >= threshold)
        if not self._hot or self._hot.isdisjoint(self._keys(doc)):
            return  # the fast path: positions are looked up only for a template line
        seen = set()
        for m in _ANY_LINE.finditer(doc.text):
            line = _without_spaces(m.group())
            if len(line) < self.settings["min-length"]:
                continue
            key = hash(line)
            n = counts.get(key, 0)
            if n >= threshold and key not in seen:
                seen.add(key)
                more = "at least " if self.floor else ""
                yield Finding(
                    m.start(),
                    m.end(),
                    f"template line: found in {more}{n} documents of the corpus",
                    Fix.delete(m.start(), _line_end(doc.text, m.end()), "unsafe"),
                )


class HeadlineList(Rule):
    """A list around the article: other articles' headlines, dated link lists, menus.

    Read from the page's shape, as jusText reads blocks: the article ends with
    its last two consecutive paragraphs; after it, lines that are nearly all
    headlines, teasers cut at a fixed length or dated lines (three headlines or
    more) are a related-article list. Anywhere, two or more short lines ending
    in a date or a counter (``2019-06-03 14:20``, ``512人气``) and the
    headlines between them are a link list; three or more headlines each
    followed by a teaser the site cut (an ellipsis, or one length for all) are
    an index page's items; and four or more section names in a
    row (bulleted, or outside the article) are a menu. A table (rows sharing a
    suffix or a ``label：`` shape), a list the article introduces (``…如下：``)
    or one it began as bullets is left alone. The fix deletes the line and is
    unsafe: a list of headlines is a guess from shape alone.

    Bad: an article, then ``春季赏花地图出炉`` / ``地铁三号线延长段开通`` /
    ``本周末气温回升``. Good: a subheading followed by its paragraph.
    """

    code = "BLP004"
    name = "headline-list"
    category = "boilerplate"
    finds = (
        "lists around the article, read from the page's shape: headlines, cut teasers and dated "
        "lines after the article's last paragraphs (three headlines or more; not a table, a list "
        "the article introduces, or prose broken over lines), short lines ending in a date or "
        "counter with the headlines between them, five or more headlines before the first "
        "paragraph, an index page's headlines each followed by a teaser cut the way a site cuts "
        "it, runs of four or more section names (menus)"
    )
    fix = Applicability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if doc.format == "html" or text.count("\n") < 2:
            return  # a list needs lines; one-line records have none
        if "<" in text:
            segs = list(segments(doc))
            lines = [plain(text[s.start : s.end]) for s in segs]
            spans = [(s.start, s.end, s.cut_start, s.cut_end) for s in segs]
        else:
            lines = split_lines(doc)
            spans = []
            for i in range(len(lines)):
                start, end = line_span(doc, i)
                spans.append((start, end, start, _line_end(text, end)))
        found = listblocks.find(lines)
        found.update(_after_prev_next(lines, found))
        for i, kind in sorted(found.items()):
            start, end, cut_start, cut_end = spans[i]
            if _classify(plain(text[start:end]).strip()):
                continue  # BLP001 reports it, as the kind of furniture it is
            fix = Fix.delete(cut_start, cut_end, "unsafe")
            yield Finding(start, end, f"boilerplate: {kind}", fix)


def _after_prev_next(lines: list[str], found: dict[int, str]) -> dict[int, str]:
    """Headlines right after the last previous/next link (``下一篇：…``): the
    page's related list, whether or not an article ends above it."""
    last = next((i for i in range(len(lines) - 1, -1, -1) if bp.prev_next(lines[i])), None)
    if last is None:
        return {}
    block: list[int] = []
    for j in range(last + 1, len(lines)):
        line = lines[j].strip()
        if not line:
            continue
        if not (listblocks.headline(line) or listblocks.scrap(line)) or j in found:
            break
        block.append(j)
    headlines = sum(listblocks.headline(lines[j].strip()) for j in block)
    return {j: listblocks.AFTER for j in block} if headlines >= 2 else {}


def _line_end(text: str, end: int) -> int:
    if text.startswith("\r\n", end):
        return end + 2
    if end < len(text) and text[end] in "\r\n":
        return end + 1
    return end


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [BoilerplateLine, CreditRunIn, TemplateLine, HeadlineList]
