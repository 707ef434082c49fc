"""Rules of the ``spam`` category: advertising injected into crawled pages.

SEO spam is appended to hacked pages as keyword lines, or spliced into a
sentence; a model trained on it learns to emit casino names. The evidence is
in :mod:`corplint.rules.spam.terms`; these rules decide what to report and how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding, Fix
from corplint.core.hookspecs import hookimpl
from corplint.core.rule import SPACE, Option, OptionError, Rule, portable
from corplint.rules._shared import listblocks
from corplint.rules._shared.lexicon import file_terms
from corplint.rules._shared.segments import line_at, line_span, plain, segments, split_lines
from corplint.rules.spam.terms import (
    BRAND_CUES,
    BRAND_TRIGGER,
    KEYWORD_PAGE_LINES,
    DocumentChars,
    Lexicon,
    brand_splices,
    classify,
    keyword_page,
    lexicon,
)

_EXTRA = Option(
    "extra-words",
    [],
    "Files of extra spam terms (one per line, # comments), added to the shipped lists.",
    type=list,
)


class _SpamRule(Rule):
    """What both spam rules share: the ``extra-words`` option and the lexicon it extends."""

    options = (_EXTRA,)

    def __init__(self, **settings: object) -> None:
        super().__init__(**settings)
        try:
            self.lexicon = lexicon(tuple(file_terms(self.settings["extra-words"])))
        except OSError as exc:
            raise OptionError(f"option 'extra-words' of {self.code}: {exc}") from exc
        self.trigger = f"{self.lexicon.trigger}|{BRAND_TRIGGER}"


class SpamLine(_SpamRule):
    """A line of injected spam: gambling, adult, lottery, invoice or SEO keywords, or a contact ad.

    A line is spam when listed spam terms cover much of it; when it is a
    short contact advertisement (a WeChat/QQ/phone handle with an order to
    add it, or two handles and an advertising word); or when it is a paragraph
    of four or more short phrases between separators, with no sentence mark
    and no grammar words (的 了 是, pronouns, negation), most of whose
    characters occur nowhere else in the document, or that repeats one name with
    SEO endings (``X官网 X手机版 X网址导航 …``), or that is a grid of places or
    products times one search query (``淄博水泵价格 潍坊水泵价格 …``). These tests need no
    list, so it finds spam built from words no list names; lists of personal
    names, navigation bars and credit lines are left to the boilerplate rules.
    The fix deletes the line: safe where listed terms, a contact ad or one
    brand with SEO endings show it, unsafe where only its shape does (a line
    of specifications or model names has that shape too).

    Bad: ``…打好坚实基础。`` followed by a line ``XX娱乐官网 XX登录入口 XX百家乐 …``.
    Good: a news sentence that mentions ``网上赌博`` once.
    """

    code = "SPM001"
    name = "spam-line"
    category = "spam"
    finds = (
        "a line of injected spam: listed gambling/adult/lottery/invoice terms covering much of it, "
        "a short contact ad (`加微信…`, `微信同号`), a list of short phrases with no sentence and "
        "no grammar words whose characters occur nowhere else in the document (finds spam no list "
        "names), or a grid of places or products times one search query (`淄博水泵价格 "
        "潍坊水泵价格 …`, unsafe); the fix deletes the line. Option `extra-words` (word-list files)"
    )
    fix = Applicability.SAFE

    def __init__(self, **settings: object) -> None:
        super().__init__(**settings)
        self.trigger = f"<|{_SHAPE_TRIGGER}|{self.trigger}"

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        lex = self.lexicon
        chars = DocumentChars(text)
        if "<" in text:
            yield from self._check_segments(doc, chars)
            return
        # the fast path: only lines with a listed term or handle, and lines of four
        # phrases with no sentence mark, can be spam
        lines = set(_candidate_lines(doc))
        lines.update(line_at(text, pos) for pos in lex.hits(doc))
        lines.update(line_at(text, m.start()) for m in BRAND_CUES.finditer(text))
        for start, end in sorted(lines):
            before = _line_before(text, start)
            index = 1 if before is not None and text.rfind("\n", 0, start - 1) < 0 else 2
            reason = classify(text[start:end], lex, chars, _standalone(before, index))
            if reason:
                yield Finding(
                    start,
                    end,
                    f"spam line ({reason})",
                    Fix.delete(start, _cut_end(text, end), _deletion(reason)),
                )

    def _check_segments(self, doc: Document, chars: DocumentChars) -> Iterator[Finding]:
        text = doc.text
        lex = self.lexicon
        listed = bool(lex.hits(doc))
        previous: str | None = None
        for index, seg in enumerate(segments(doc)):
            line = text[seg.start : seg.end]
            before, previous = previous, line
            if seg.end - seg.start < 6 or seg.media:
                continue
            if not listed and (seg.end - seg.start < 12 or _PROSE.search(line)):
                continue
            reason = classify(plain(line), lex, chars, _standalone(before, index))
            if reason:
                yield Finding(
                    seg.start,
                    seg.end,
                    f"spam line ({reason})",
                    Fix.delete(seg.cut_start, seg.cut_end, _deletion(reason)),
                )


_LEXICAL = ("spam terms", "contact advertisement", "one name with SEO endings")


def _deletion(reason: str) -> str:
    """Deleting a line is safe only on lexical evidence (listed spam terms, a contact
    ad, one brand with SEO endings). A line found by its shape alone — short
    phrases without grammar, unrelated to the page — may be a product's
    specifications or a list of models: its deletion is offered as unsafe."""
    return "safe" if reason.startswith(_LEXICAL) else "unsafe"


# a line of four or more phrases between separators, without a sentence mark (the
# lookahead rejects a line of prose in one linear scan, before any backtracking)
_SEP = r"[ \t\u3000,，、|｜_/／·•]"
_NOT_SEP = r"[^\n。！？：“”!?:;；… \t\u3000,，、|｜_/／·•]"
_CANDIDATE = re.compile(
    rf"(?=[^\n。！？：“”!?:;；…]{{7,}}\r?$)(?:{_NOT_SEP}*{_SEP}+){{3}}{_NOT_SEP}"
)


_LABELLED = re.compile(rf"\s*[\u4e00-\u9fff]{{2,6}}\s*[：:]\s*{_CANDIDATE.pattern}")
"""A keyword list after a label: ``热门城市：…``."""
_SHAPE_TRIGGER = portable(
    rf"(?m:^(?:[{SPACE}]*[\u4e00-\u9fff]{{2,6}}[{SPACE}]*[：:])?(?:[^\n。！？：“”!?:;；…]*{_SEP}){{3}}[^\n。！？：“”!?:;；…]*$)"
)
"""What every line :func:`_candidate_lines` takes holds: three separators and no
sentence mark from its start (or from a label's colon) to its end."""


def _candidate_lines(doc: Document) -> list[tuple[int, int]]:
    """Lines that may be keyword lists.

    A comprehension over the lines that rejects prose by its full stop with
    ``in`` is cheaper than any regex over the text: Chinese has a few thousand
    lines per MB and nearly all of them end a sentence.
    """
    hits = [
        i
        for i, line in enumerate(split_lines(doc))
        if len(line) >= 7
        and "。" not in line
        and (_CANDIDATE.match(line) or (("：" in line or ":" in line) and _LABELLED.match(line)))
    ]
    return [line_span(doc, i) for i in hits]


def _line_before(text: str, start: int) -> str | None:
    if start <= 0:
        return None
    prev_start, prev_end = line_at(text, start - 1)
    return text[prev_start:prev_end]


def _cut_end(text: str, end: int) -> int:
    if text.startswith("\r\n", end):
        return end + 2
    return end + 1 if end < len(text) and text[end] in "\r\n" else end


_PROSE = re.compile(r"[。！？：“”]")
_PARAGRAPH_END = ("。", "！", "？", "!", "?", "”", "」", "』", "）", ")", "…", ">")


def _standalone(before: str | None, index: int) -> bool:
    """The line starts a paragraph: first, after a blank line, a sentence end or a title
    (the document's first line, or a short line without a clause mark: a headline
    within a page of several articles)."""
    if before is None:
        return True
    before = plain(before).strip()
    return (
        not before
        or before.endswith(_PARAGRAPH_END)
        or (index == 1 and len(before) <= 40)
        or (len(before) <= _TITLE and not _CLAUSE_MARK.search(before))
    )


_TITLE = 30
_CLAUSE_MARK = re.compile(r"[，、；,;]")


# words whose presence (outside the phrase) says the document is *about* gambling,
# pornography or fraud, so a listed term in its prose is reporting, not an injection
_TOPIC = re.compile(r"赌|博彩|彩票|彩民|开奖|色情|淫秽|涉黄|扫黄|发票|诈骗")


class SplicedSpam(_SpamRule):
    """A spam phrase spliced into an otherwise normal sentence.

    Reported when a listed spam term stands in the prose of a document that is
    not about gambling, pornography or crime (a news report on a casino raid
    names casinos legitimately), or when two spam terms or a term and an SEO
    word (``官网``, ``网址：``) stand together. The fix removes the phrase;
    it is unsafe because the cut may take a word of the sentence with it.

    Gambling brands no list names are found by the shape of the splice: a
    brand, a trade word and an SEO word in brackets after a headline
    (``【xx体育app】``), or with a colon before the text (``abc手机版登录：``),
    casino "VIP club" brands (``某某贵宾会``, not ``贵宾会员``), and a number code
    glued to a borrowed Macau casino name (``ab518永利网址``; a year before
    ``金沙江`` is news).

    Bad: ``消息：某某娱乐城网址：宜春市…``. Good: ``警方捣毁一个网上赌场窝点。``
    """

    code = "SPM002"
    name = "spliced-spam"
    category = "spam"
    finds = (
        "a casino/lottery term (or two spam terms, or a term and `官网`/`网址：`) spliced into a "
        "sentence of a document that is not about gambling or crime, or a gambling brand found by "
        "the shape of the splice (brand + trade + SEO word in `【】` after a headline, or with a "
        "colon before the text; `…贵宾会`; a number code glued to a borrowed Macau casino name); "
        "the fix cuts the phrase"
    )
    fix = Applicability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        lex = self.lexicon
        branded = BRAND_CUES.search(text) is not None
        if not branded and not lex.hits(doc):
            return
        chars = DocumentChars(text)
        for seg in segments(doc):
            line = text[seg.start : seg.end]
            hits = list(lex.strong.finditer(line))
            brands = brand_splices(line) if branded else []
            if not (hits or brands) or classify(plain(line), lex, chars):
                continue  # no term, or a whole spam line (SPM001's)
            taken: list[tuple[int, int]] = []
            for start, end in brands:
                if _about_it(text, seg.start + start, seg.start + end):
                    continue
                taken.append((start, end))
                yield Finding(
                    seg.start + start,
                    seg.start + end,
                    f"gambling brand spliced into the text: {line[start:end]}",
                    Fix.delete(seg.start + start, seg.start + end, "unsafe"),
                )
            for start, end in _phrases(line, hits, lex) if hits else ():
                if any(start < b_end and b_start < end for b_start, b_end in taken):
                    continue
                paired = len(lex.strong.findall(line, start, end)) >= 2 or lex.weak.search(
                    line, start, end
                )
                if not paired and (
                    not lex.spliced.search(line, start, end)
                    or _quoted(line, start, end)
                    or _about_it(text, seg.start + start, seg.start + end)
                ):
                    continue
                yield Finding(
                    seg.start + start,
                    seg.start + end,
                    f"spam phrase in prose: {line[start:end]}",
                    Fix.delete(seg.start + start, seg.start + end, "unsafe"),
                )


def _quoted(line: str, start: int, end: int) -> bool:
    """``“老虎机”``: a word in quotes is being talked about, not advertised."""
    return (
        start > 0
        and line[start - 1] in "“「『\"'‘"
        and line[end : end + 1] in ("”", "」", "』", '"', "'", "’")
    )


def _about_it(text: str, start: int, end: int) -> bool:
    """The document talks about gambling, pornography or fraud outside the phrase."""
    return _TOPIC.search(text, 0, start) is not None or _TOPIC.search(text, end) is not None


def _phrases(line: str, hits: list[re.Match[str]], lex: Lexicon) -> Iterator[tuple[int, int]]:
    """Adjacent spam terms joined into phrases, with a trailing SEO word or colon."""
    start, end = hits[0].start(), hits[0].end()
    for m in hits[1:]:
        if m.start() - end <= 2:
            end = m.end()
            continue
        yield start, _extend(line, end, lex)
        start, end = m.start(), m.end()
    yield start, _extend(line, end, lex)


def _extend(line: str, end: int, lex: Lexicon) -> int:
    # a term overlapping the last one's end (金沙娱乐|城: 娱乐城) belongs to the phrase
    for pos in range(max(0, end - 3), end):
        overlap = lex.strong.match(line, pos)
        if overlap and overlap.end() > end:
            end = overlap.end()
            break
    weak = lex.weak.match(line, end)
    if weak:
        end = weak.end()
    if end < len(line) and line[end] in ":：":
        end += 1
    return end


class KeywordPage(Rule):
    """A search-results page made for one keyword: its title, then lines that repeat it.

    SEO sites generate a page per search phrase: the phrase as the title, then
    headlines and snippets gathered because they hold it, and no article. A
    page with no two paragraphs in a row, whose title shares a phrase of four
    characters or more with 70% of the lines under it, is reported line by
    line (each line under the title that holds the phrase: the title is the
    page's topic and may stay). The fix deletes the
    lines and is unsafe: a contents page of a book on one subject has that
    shape too.

    Bad: a title ``某某证办理流程`` over ``某某证的有效期是多久`` /
    ``某某证新办需要什么材料`` / … Good: an article with two paragraphs.
    """

    code = "SPM003"
    name = "keyword-page"
    category = "spam"
    finds = (
        "a search-results page made for one keyword: no two paragraphs in a row, and a phrase of "
        "the title (four characters or more) in 70% of the lines under it, not mostly at their end "
        "(a table's rows end alike); each such line is reported"
    )
    fix = Applicability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if doc.format == "html" or "<" in text or text.count("\n") < KEYWORD_PAGE_LINES - 1:
            return  # a keyword page has lines; HTML-wrapped pages are left to SPM001
        lines = split_lines(doc)
        if listblocks.has_article(lines):
            return  # most pages: found at their first two paragraphs
        found = keyword_page(lines)
        if found is None:
            return
        key, held = found
        for i in held:
            start, end = line_span(doc, i)
            yield Finding(
                start,
                end,
                f"keyword page: {len(held)} lines repeat '{key}' and there is no article",
                Fix.delete(start, _cut_end(text, end), "unsafe"),
            )


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [SpamLine, SplicedSpam, KeywordPage]
