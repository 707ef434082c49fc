"""Lists around an article: headline lists, dated link lists and menus.

The page's shape, shared by the boilerplate rules (BLP004 reports the lists)
and the spam rules (SPM003 asks whether a page has an article at all).

What an extractor keeps of a page besides the article is mostly lists: other
articles' headlines after it (each with a date, a view counter or a teaser cut
at a fixed length), menus of section names before or inside it. No line of
such a list is a sentence, and no single line gives it away: ``地铁为何晚点，
乘客该怎么办？`` is a fine headline, and a fine subheading. What gives a list
away is the page's shape, as jusText reads it from blocks: where the article's
paragraphs end, and what kind of lines follow.

* **After the article.** The article ends with its last two consecutive
  paragraphs, or the last whole sentence after them. The longest run at the
  end that is nearly all headlines, cut teasers or dated lines, at least
  three of them headlines, is a related-article list; scraps between its
  items (``-``, ``热帖``, a bare counter) count neither way and go with it.
  An article that ends on a heading, a caption and a closing paragraph is not
  (its closing paragraph ends a sentence), nor prose broken over short
  lines (a line ends in ``，``: the clause runs on), nor a table (its rows share a
  suffix or a ``label：`` shape), nor a list the article introduces (``…如下：``)
  or began as bullets.
* **Dated headlines.** Two or more short lines ending in a date, a time or a
  counter (``2019-06-03 14:20``, ``512人气``), and the headlines between them.
* **Index pages.** Three or more headlines, each followed by its article's
  opening cut the way a site cuts it (an ellipsis, or one length for all),
  whole sentences nowhere between them.
* **Before the article.** Five or more headlines in a row before its first
  paragraph (a page opens with a title, a subtitle and a byline: three).
* **Menus.** Four or more section names (one to six characters, a
  breadcrumb's arrow allowed) in a row, bulleted (``- 教育``) or outside the
  article; bars on lines of their own between the items belong to the menu.

Everything here reads lines, never characters one by one: a handful of regex
tests per line, linear in the document.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

_HAN = re.compile(r"[\u4e00-\u9fff]")
_COMMA = re.compile(r"[，,]")
_CUT = re.compile(r"(?<![.…。！？])(?:\.{3,}|…)\s*$")
"""A teaser cut by the site: ``...`` or one ``…`` (not a sentence's ``……``)."""
_SENTENCE = re.compile(r"[。！？]")
_DATED = re.compile(
    r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{1,2}(?::\d{2})?)?"
    r"|\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}"
    r"|\d+\s*(?:人气|赞|阅读|次阅读|人阅读|评论|条评论|浏览|次浏览|点击))\s*$"
)
_DATE_VALUE = re.compile(r"(?<=[\u4e00-\u9fff）)])[：:]\s*[\d\s年月日号底初中旬上下至/.:~～—-]+$")
_FIELD = re.compile(r"^[\u4e00-\u9fffA-Za-z]{1,6}\s*[：:]")
_MENU_ITEM = re.compile(
    r"^(?:[-·•*]\s*)?(?:[\u4e00-\u9fff]{1,6}|[A-Za-z][\u4e00-\u9fffA-Za-z]{1,5})"
    r"(?:\s*[>＞»›/／|｜])?$"  # a breadcrumb's item keeps its arrow
)
_MENU_SEPARATOR = re.compile(r"^[|｜/／>＞»›·•-]$")
"""A line that is only the bar between two menu items (a menu laid out one per line)."""
_BULLET = re.compile(r"^[-·•*]\s")
_LIST_MARK = re.compile(r"^[-·•*]")
_SENTENCE_END = ("。", "”", "」", "。）", "。)")
_OPEN_END = ("。", "！", "？", "”", "」", "）", ")", "!", "?", "；", ".", "：")

AFTER = "headline list after the article"
DATED = "dated headline list"
MENU = "menu of section names"
TEASERS = "headlines with teasers cut short"
HEADLINES = "headline list before the article"

_TEASER_MIN = 40
"""A teaser is a paragraph's opening, so it is long; a shorter open line is a headline."""
_PAIR_REACH = 3
"""A teaser follows its headline within this many lines (a ``导读`` line, a section label)."""


def paragraph(line: str) -> bool:
    """A paragraph of the article: long and mostly Chinese, or a whole sentence."""
    if len(line) < 20:
        return False
    # wide characters (Chinese and its punctuation), counted in C: every line of a
    # document passes here, and a regex findall per line cost more than the rest
    wide = len(line) - len(line.encode("ascii", "ignore"))
    if len(line) >= 50 and wide >= 25:
        return True
    if wide >= 10 and line.endswith(_SENTENCE_END):
        return True
    return line.endswith(("！", "!")) and len(_COMMA.findall(line)) >= 2


def headline(line: str) -> bool:
    """Headline-shaped: short, mostly Chinese, at most one clause break, no sentence end."""
    if not 4 <= len(line) <= 60 or line.endswith(("。", "；", ";", "，", ",", "：", ":", "、")):
        return False
    if "。" in line or len(re.findall("[！？!?]", line)) > 2:
        return False  # sentences: a headline has no full stop and few exclamations
    if _DATE_VALUE.search(line):
        return False  # a field whose value is a date: ``报名截止时间：2024年5月底``
    if line[0] in "（(" and line[-1] in "）)":
        return False  # a note: （文中受访者均为化名。）
    commas = len(_COMMA.findall(line))
    if commas > (2 if line.endswith(("？", "！", "?", "!")) else 1):
        return False
    return len(_HAN.findall(line)) >= 0.4 * len(line)


def cut_teaser(line: str) -> bool:
    """A teaser the site cut at a fixed length: ``...``, or a last sentence left open."""
    if len(line) < 30:
        return False
    if _CUT.search(line):
        return True
    if line.endswith(_OPEN_END):
        return False
    # a caption's few words after a full stop (``…全程三天。资料图``) are no cut sentence
    return len(_SENTENCE.split(line)[-1]) >= 8


def _whole(line: str, is_paragraph: bool) -> bool:
    """A paragraph or a sentence, not a teaser cut short: the article may go on to here."""
    return (is_paragraph or line.endswith(_SENTENCE_END)) and not cut_teaser(line)


def _date_field(line: str) -> bool:
    """``发布时间：2019-06-03``: an item's date under its headline, in a list."""
    return len(line) <= 40 and _DATE_VALUE.search(line) is not None


def dated(line: str) -> bool:
    """A short line ending in a date, a time or a counter, not a ``label：value`` pair."""
    return len(line) <= 60 and not _FIELD.match(line) and _DATED.search(line) is not None


def _table(lines: list[str]) -> bool:
    """Rows of a table or a spec list: many share their last two characters
    (``…有限公司``) or a ``label：`` shape."""
    suffixes = Counter(line[-2:] for line in lines)
    if suffixes.most_common(1)[0][1] >= max(3, 0.4 * len(lines)):
        return True
    return sum(_FIELD.match(line) is not None for line in lines) >= 0.4 * len(lines)


def has_article(lines: list[str]) -> bool:
    """Two paragraphs in a row somewhere: the page has an article, not only lists."""
    previous = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        current = paragraph(stripped)
        if current and previous:
            return True
        previous = current
    return False


def find(lines: list[str]) -> dict[int, str]:
    """Index of each line that belongs to a list around the article -> which list."""
    text = {i: line.strip() for i, line in enumerate(lines) if line.strip()}
    order = list(text)
    if len(order) < 3:
        return {}
    prose = {i: paragraph(text[i]) for i in order}
    whole = {i: _whole(text[i], prose[i]) for i in order}
    found: dict[int, str] = {}
    pairs = [(a, b) for a, b in pairwise(order) if prose[a] and prose[b]]
    first = pairs[0][0] if pairs else None
    last = pairs[-1][1] if pairs else None
    if last is not None:
        # the list starts after the last whole sentence (a teaser cut short is the list's)
        end = next((i for i in reversed(order) if whole[i]), last)
        tail = [i for i in order if i > max(last, end)]
        # a bulleted list that began inside the article goes on being the article's
        if not (tail and _LIST_MARK.match(text[last]) and _LIST_MARK.match(text[tail[0]])):
            _after_article(tail, text, found)
    runs: list[list[int]] = [[]]
    for i in order:
        if prose[i]:
            runs.append([])
        else:
            runs[-1].append(i)
    _teaser_list(order, text, whole, found)
    _before_article(runs[0], text, found)
    for run in runs:
        if len(run) >= 2:
            _dated_lines(run, text, found)
        if len(run) >= 4:
            outside = first is None or run[-1] < first or (last is not None and run[0] > last)
            _menu(run, text, found, outside)
    return found


def _after_article(tail: list[int], text: dict[int, str], found: dict[int, str]) -> None:
    listed = [
        headline(text[i]) or cut_teaser(text[i]) or dated(text[i]) or _date_field(text[i])
        for i in tail
    ]
    # scraps between the items (``-``, ``热帖``, ``分享到：``) count neither way
    scraps = [not listed[k] and scrap(text[i]) for k, i in enumerate(tail)]
    # the list is the longest run at the end of the tail that is nearly all list lines
    # (a product's spec lines may sit between the last sentence and the headlines)
    start, count, weighed = None, 0, 0
    for k in range(len(tail) - 1, -1, -1):
        count += listed[k]
        weighed += not scraps[k]
        if listed[k] and count >= 0.8 * weighed:
            start = k
    if start is None:
        return
    while start and scraps[start - 1]:
        start -= 1  # the list's header or first bullet (``热门``, ``-``)
    if start and len(text[tail[start - 1]]) >= 8 and text[tail[start - 1]].endswith(("：", ":")):
        return  # a list the article introduces (``步骤如下：``)
    block = tail[start:]
    if any(text[i].endswith(("，", ",", "、")) for i in block):
        return  # a clause left open runs on to the next line: prose broken over lines
    titles = [i for i in block if headline(text[i])]
    if len(titles) < 3 or _table([text[i] for i in titles]):
        return
    for k, i in enumerate(block, start):
        # the list's lines, and the scraps between them (``+``, ``×``, ``分享到：``);
        # a sentence in the tail (a note, a disclaimer) is left to the other rules
        if listed[k] or scraps[k]:
            found[i] = AFTER


def _teaser_list(
    order: list[int], text: dict[int, str], whole: dict[int, bool], found: dict[int, str]
) -> None:
    """An index page's items: a headline, then its article's opening cut at a
    fixed length (``…``, or a sentence stopping mid-word), again and again.

    Whole sentences end a run: an article's subheadings are followed by
    paragraphs that end. Lines between the pairs (a byline, a section label)
    go with the list. Three pairs at least, and the cut must look like the
    site's: three teasers ending in an ellipsis, or teasers of one length
    (hard-wrapped prose cuts every line at one width too, but has no
    headlines between its lines). Rows of a table or a catalogue (the
    titles share a suffix or a ``label：`` shape) are not."""
    runs: list[list[int]] = [[]]
    for i in order:
        if whole[i]:
            runs.append([])
        else:
            runs[-1].append(i)
    for run in runs:
        if len(run) < 6:
            continue
        teaser = [len(text[i]) >= _TEASER_MIN and cut_teaser(text[i]) for i in run]
        title = [not teaser[k] and headline(text[i]) for k, i in enumerate(run)]
        paired = set()
        for k in range(len(run)):
            if not title[k]:
                continue
            for m in range(k + 1, min(len(run), k + 1 + _PAIR_REACH)):
                if title[m]:
                    break
                if teaser[m]:
                    paired.update((k, m))
                    break
        cuts = [text[run[k]] for k in paired if teaser[k]]
        if len(cuts) < 3 or not _site_cut(cuts):
            continue
        if _table([text[run[k]] for k in paired if title[k]]):
            continue  # a catalogue's or a table's rows, each with its description
        first, last = min(paired), max(paired)
        for k in range(first, last + 1):
            found.setdefault(run[k], TEASERS)


_HEAD_LIST = 5
"""Headlines in a row before the article: a title, a subtitle and a deck are three."""
_HEAD_ITEM = 8
_HEAD_MEDIAN = 12
"""A poem's unpunctuated lines are short; headlines run to a dozen characters and more."""


def _before_article(run: list[int], text: dict[int, str], found: dict[int, str]) -> None:
    """Five or more headlines in a row before the first paragraph: the page's
    list of other articles (or all the page has). A page opens with its title,
    a subtitle, a byline, a date: not five headlines. A poem's lines are
    shorter, a table's rows share a suffix, a list the text introduces has
    its ``：``."""
    items = [i for i in run if headline(text[i]) and len(text[i]) >= _HEAD_ITEM]
    if len(items) < _HEAD_LIST or len(items) < 0.8 * len(run):
        return
    lengths = sorted(len(text[i]) for i in items)
    if lengths[len(lengths) // 2] < _HEAD_MEDIAN or _table([text[i] for i in items]):
        return
    if any(text[i].endswith(("：", ":")) for i in run):
        return
    for i in run:
        if i in items or scrap(text[i]):
            found.setdefault(i, HEADLINES)


def _site_cut(teasers: list[str]) -> bool:
    """Teasers a site cut: three ending in an ellipsis, or most within a tenth
    of one length."""
    if sum(_CUT.search(t) is not None for t in teasers) >= 3:
        return True
    lengths = sorted(len(t) for t in teasers)
    middle = lengths[len(lengths) // 2]
    near = sum(abs(n - middle) <= 0.1 * middle for n in lengths)
    return near >= max(3, 0.6 * len(lengths))


def scrap(line: str) -> bool:
    """A few characters between a list's items: a bullet, a button, a label, a
    bare counter (not a short spec line: ``功率 1800W`` holds a number)."""
    if len(line) >= 8 or line.endswith("。"):
        return False
    return line.isdigit() or not any(c.isdigit() for c in line)


def _dated_lines(run: list[int], text: dict[int, str], found: dict[int, str]) -> None:
    marked = {i for i in run if dated(text[i])}
    if len(marked) < 2:
        return
    for k, i in enumerate(run):
        before = run[k - 1] if k else None
        after = run[k + 1] if k + 1 < len(run) else None
        after3 = run[k + 3] if k + 3 < len(run) else None
        # a headline between two dated lines, or opening a headline/date alternation
        between = after in marked and (before in marked or after3 in marked)
        if i in marked or (between and headline(text[i])):
            found.setdefault(i, DATED)


def _menu(run: list[int], text: dict[int, str], found: dict[int, str], outside: bool) -> None:
    bars = {i for i in run if _MENU_SEPARATOR.match(text[i])}
    items = {i for i in run if i not in bars and _MENU_ITEM.match(text[i])}
    if len(items) < 4:
        return
    if len(items) >= 0.7 * (len(run) - len(bars)):
        groups = [run]  # the run is a menu, scraps between its items included
    else:  # a menu inside a longer run of page furniture: four items in a row
        groups, group = [], []
        for i in run:
            if i in bars and group:
                group.append(i)  # the bar between two items
                continue
            if i in items:
                group.append(i)
                continue
            if sum(j not in bars for j in group) >= 4:
                groups.append(group)
            group = []
        if sum(j not in bars for j in group) >= 4:
            groups.append(group)
    for group in groups:
        bulleted = sum(_BULLET.match(text[i]) is not None for i in group)
        if bulleted >= 0.5 * len(group) or outside:
            for i in group:
                found.setdefault(i, MENU)
