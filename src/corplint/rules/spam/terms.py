"""Evidence that a line of a document is injected spam, and where spam is spliced into prose.

Spam lines share a shape more reliably than a vocabulary: a run of short
phrases with separators and no sentence (``A官网 B官网 C登录入口``), about
nothing the rest of the page is about, or a contact handle with an order to
add it. Curated term lists (``rules/spam/data/``) add the words that are spam in any
context. A line is spam when

* listed terms cover a large share of it, or it is list-shaped and holds one;
* it is a contact advertisement (``加微信…``, two handles, ``微信同号``);
* it is list-shaped (short phrases, separators, no sentence and no grammar
  words) and most of its characters occur nowhere else in the document:
  a keyword list about something the page is not about.

The fast path is one compiled pattern per document: in text with no listed
term and no contact word, only lines without a sentence mark get a closer look.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from corplint.core.document import Document
from corplint.core.rule import SPACE
from corplint.rules._shared.charmodel import commonness, is_han
from corplint.rules._shared.lexicon import compile_terms, package_terms, rare_anchored
from corplint.rules._shared.shapes import (
    MIN_PHRASES,
    SENTENCE_MARK,
    list_shaped,
    one_stem,
    phrases,
)

_DATA = "corplint.rules.spam"
"""Where the lists are: ``data/`` beside the spam rules."""
STRONG_LISTS = ("gambling.txt", "lottery.txt", "adult.txt", "services.txt")
SPLICED_LISTS = ("gambling.txt", "lottery.txt")
"""Terms reported alone in prose: casino and lottery SEO is what gets spliced into
sentences, while adult or service words in a review are usually just mentioned."""
WEAK_LIST = "seo.txt"

_HANDLE_WORDS = (
    *("联系方式", "联系", "微信", "薇信", "威信", "V信", "v信", "扣扣", "电话", "手机", "热线"),
    *("vx", "VX", "wx", "WX", "QQ", "qq", "tel", "Tel", "TEL"),
)
_HANDLE_ID = r"(?:号码?)?[ \t]*[:：]?[ \t]*[A-Za-z0-9][A-Za-z0-9_\-]{4,19}"
_HANDLE = f"(?:{'|'.join(_HANDLE_WORDS)}){_HANDLE_ID}"
_HANDLE_TRIGGER = _HANDLE.replace("{4,19}", "{4}")
"""``_HANDLE`` cut to its first five characters of the handle (a trigger is loose)."""
_CONTACT = re.compile(_HANDLE)
_CONTACT_ORDER = re.compile(rf"(?:加|添加|扫码加|联系|咨询)[ \t]*{_HANDLE}|同号")
_AD_WORD = re.compile(r"专业|诚招|代办|包过|低价|优惠|出售|回收|批发|代理|保密|秒到|包邮|私聊")

OFF_TOPIC = 0.5
SEO_SHARE = 0.4
"""Share of a one-stem keyword list that SEO words must cover (九游官网 九游手机版 …)."""
MAX_AD = 60
"""A contact advertisement is a short line; a long one with a handle is someone's post."""


@dataclass(frozen=True)
class Lexicon:
    strong: re.Pattern[str]
    weak: re.Pattern[str]

    present: re.Pattern[str]
    """Finds whether a strong term occurs (not where it starts): see :func:`presence_pattern`."""
    spliced: re.Pattern[str]
    trigger: str
    """What every document with a strong term or a contact handle holds, for
    ``Rule.trigger`` (``present`` uses lookaround, which RE2 lacks)."""

    def hits(self, doc: Document) -> list[int]:
        """Where the document may hold a strong term or a contact handle: one scan,
        shared by the spam rules through the document's memo. A position is inside
        the term (see :func:`corplint.rules._shared.lexicon.rare_anchored`); an empty list means
        the document has neither."""
        return doc.memo(
            ("spam-hits", self.present.pattern),
            lambda: [m.start() for m in self.present.finditer(doc.text)],
        )


def lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """The shipped lists plus ``extra`` strong terms."""
    return _lexicon(tuple(sorted(set(extra))))


@cache
def _lexicon(extra: tuple[str, ...]) -> Lexicon:
    made = list(lottery_terms())
    strong = [t for name in STRONG_LISTS for t in package_terms(_DATA, name)] + made
    strong += list(extra)
    weak = list(package_terms(_DATA, WEAK_LIST))
    spliced = [t for name in SPLICED_LISTS for t in package_terms(_DATA, name)] + made
    spliced += list(extra)
    strong_terms = compile_terms(strong)
    return Lexicon(
        strong_terms,
        compile_terms(weak),
        presence_pattern(strong),
        compile_terms(spliced),
        f"{strong_terms.pattern}|{_HANDLE_TRIGGER}",
    )


# Illegal "speed" lotteries draw every minute or so; their SEO names a speed
# prefix and a game, or a game and its draw. The official games of the welfare
# and sports lotteries (快乐8, 快3, 11选5, 双色球, 大乐透) are news and stay out.
_SPEED_PREFIXES = ("极速", "秒速", "幸运", "分分", "三分", "五分")
_FAST_GAMES = ("赛车", "飞艇", "时时彩", "快三", "pk10", "PK10")
_DRAW = ("开奖", "走势", "投注")
_LOTTERY_GAMES = ("pk10", "PK10", "时时彩")
_LOTTERY_SEO = (*_DRAW, "计划", "平台", "官网", "网址")
"""A race or an airship has an official site and a plan; only a lottery has a draw."""


@cache
def lottery_terms() -> tuple[str, ...]:
    """Lottery spam terms composed from their parts (a list would lag the sites)."""
    speed = [p + g for p in _SPEED_PREFIXES for g in _FAST_GAMES]
    drawn = [g + w for g in ("赛车", "飞艇") for w in _DRAW]
    drawn += [g + w for g in _LOTTERY_GAMES for w in _LOTTERY_SEO]
    return tuple(dict.fromkeys(speed + drawn))


def presence_pattern(words: list[str]) -> re.Pattern[str]:
    """Whether a text holds any of ``words`` or a contact handle (each found from its
    rarest character, see :func:`corplint.rules._shared.lexicon.rare_anchored`)."""
    variants = {v for w in words for v in (w, w.lower(), w.upper(), w.capitalize())}
    terms = rare_anchored(variants, commonness).pattern
    handles = rare_anchored(_HANDLE_WORDS, commonness, after=_HANDLE_ID).pattern
    return re.compile(f"{terms}|{handles}")


_GRID_LABEL = re.compile(r"^\s*[\u4e00-\u9fff]{2,6}\s*[：:]\s*")
_QUERY_END = re.compile(
    "(?:价格|报价|多少钱|哪家好|哪家强|哪里有|哪里买|厂家|批发|供应|公司|电话|地址|排名|排行|"
    "推荐|怎么样|好不好|招聘|培训|加盟|维修|租赁|代理|定制|生产|销售|回收|团购|优惠)$"
)
"""How a search query ends: what an SEO page repeats after each place or product."""


def keyword_grid(line: str) -> str | None:
    """Four phrases or more that differ only in their first characters and end in a
    search query's word (``淄博水泵价格 潍坊水泵价格 …``): a grid of places or
    products times one query, after an optional label (``热门城市：``). Returns
    the shared ending, or None."""
    body = _GRID_LABEL.sub("", line, count=1)
    if SENTENCE_MARK.search(body):
        return None
    parts = phrases(body)
    if len(parts) < MIN_PHRASES:
        return None
    ending = parts[0]
    for part in parts[1:]:
        while ending and not part.endswith(ending):
            ending = ending[1:]
    heads = {p[: len(p) - len(ending)] for p in parts}
    if len(ending) < 3 or len(heads) < len(parts) or not _QUERY_END.search(ending):
        return None
    return ending


def _content(line: str) -> int:
    return len("".join(line.split()))


def _covered(pattern: re.Pattern[str], line: str) -> tuple[set[str], int]:
    terms, chars = set(), 0
    for m in pattern.finditer(line):
        terms.add(m.group().lower())
        chars += m.end() - m.start()
    return terms, chars


class DocumentChars:
    """Character counts of the whole document, computed once, on demand."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._counts: Counter[str] | None = None
        self._traditional: bool | None = None

    def off_topic(self, line: str) -> float:
        """Share of the line's distinct Han characters that occur nowhere else in the document."""
        if self._counts is None:
            self._counts = Counter(self.text)
        own = Counter(ch for ch in line if is_han(ch))
        if not own:
            return 0.0
        alone = sum(1 for ch, n in own.items() if self._counts[ch] <= n)
        return alone / len(own)

    def other_script(self, line: str) -> bool:
        """The line is Simplified in a Traditional document, or the reverse."""
        from corplint.rules._shared.scripts import is_traditional, script_sets

        hans, hant = script_sets()
        own_hans = sum(map(hans.__contains__, line))
        own_hant = sum(map(hant.__contains__, line))
        if own_hans + own_hant < 3:
            return False
        if self._traditional is None:
            self._traditional = is_traditional(self.text)
        return own_hans > 3 * own_hant if self._traditional else own_hant > 3 * own_hans


def classify(line: str, lex: Lexicon, chars: DocumentChars, standalone: bool = True) -> str | None:
    """Why ``line`` is spam, or None.

    ``standalone`` says the line is a paragraph of its own (the line before it
    ends a sentence): without a listed term, a fragment of a paragraph broken
    at a fixed width is not taken for a keyword list.
    """
    content = _content(line)
    if content < 6:
        return None
    if _WHOLE_BRAND.fullmatch(line.strip()):
        return "a gambling brand alone on its line"
    strong, strong_chars = _covered(lex.strong, line)
    weak, weak_chars = _covered(lex.weak, line)
    shaped = list_shaped(line)
    if strong:
        share = (strong_chars + weak_chars) / content
        if (len(strong) >= 2 and share >= 0.3) or share >= 0.5 or (shaped and share >= 0.15):
            return "spam terms: " + ", ".join(sorted(strong)[:4])
    if (
        content <= MAX_AD
        and _CONTACT.search(line)
        and (
            _CONTACT_ORDER.search(line)
            or strong
            or weak
            or (len(_CONTACT.findall(line)) >= 2 and _AD_WORD.search(line))
        )
    ):
        return "contact advertisement"
    grid = keyword_grid(line) if standalone else None
    if grid:
        return f"keyword grid: places or products times '{grid}'"
    seo = shaped and standalone and weak and weak_chars >= SEO_SHARE * content
    if seo and one_stem(phrases(line)):
        # one name with SEO endings, even where the page shares its characters
        return "one name with SEO endings: " + ", ".join(sorted(weak)[:3])
    if shaped and standalone and chars.off_topic(line) >= OFF_TOPIC:
        from corplint.rules._shared.credits import credit_starts
        from corplint.rules._shared.furniture import nav_bar

        if nav_bar(line) or credit_starts(line.strip()):
            return None  # navigation and credits are boilerplate, not spam
        if chars.other_script(line):
            return "list of phrases in the other script, unrelated to the document"
        if weak and one_stem(phrases(line)):
            return "one name with SEO endings: " + ", ".join(sorted(weak)[:3])
        if weak:
            return "list of SEO phrases unrelated to the document: " + ", ".join(sorted(weak)[:3])
        return "list of short phrases without grammar, unrelated to the document"
    return None


# ------------------------------------------------------- brands spliced in by shape
# Gambling sites rotate brand names faster than any list, but splice them the same
# way: a brand, a trade (体育, 娱乐, 棋牌 …) and an SEO word (app, 官网, 登录 …)
# in brackets after a headline, or with a colon before the text. Latin brands
# need no trade word (``xyz手机版登录：``); Chinese ones do.
_TRADE = "体育|娱乐|电竞|棋牌|彩票|真人|电玩|竞技"
_SEO_WORD = "app|APP|App|官网|官方网站|官方|手机版|网页版|登录|登陆|下载|入口|平台|注册|网址|客户端"
_LATIN_BRAND = r"[A-Za-z][A-Za-z0-9]{1,11}"
_HAN_BRAND = r"[\u4e00-\u9fff]{1,4}"
_BRAND_SEO = rf"(?:{_LATIN_BRAND}(?:{_TRADE})?|{_HAN_BRAND}(?:{_TRADE}))(?:{_SEO_WORD}){{1,3}}"
_BRACKETED_BRAND = re.compile(rf"[【\[‘]\s*{_BRAND_SEO}\s*[】\]’]")
_BRAND_PREFIX = re.compile(rf"^\s*{_BRAND_SEO}\s*[:：]")
_CASINO_BRAND = re.compile(r"[\u4e00-\u9fff]{2}贵宾会(?![员见场所客厅谈])")
"""A casino's "VIP club" brand (…贵宾会), not a VIP member (贵宾会员) or meeting."""
_CASINOS = "金沙|威尼斯人|新葡京|葡京|太阳城|永利|美高梅|新濠|巴黎人"
"""Macau casinos whose names gambling sites borrow, with a number code: nobody else
glues a code to them (a year before 金沙江 is told apart by what follows)."""
_CODE_BRAND = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Za-z]{1,4}\d{2,5}|\d{3,5}[A-Za-z]{0,3})[ \t]?(?:澳门)?"
    rf"(?:{_CASINOS})(?![江县滩湾镇乡村河路街园])"
    rf"(?:集团|国际|娱乐场|娱乐|线路|网址|网站|{_SEO_WORD})*"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_WHOLE_BRAND = re.compile(rf"[【\[‘]?\s*{_BRAND_SEO}\s*[】\]’]?")
BRAND_CUES = re.compile(
    rf"(?:{_SEO_WORD})\s*(?:[】\]’:：]|\r?$)|贵宾会"
    rf"|\d(?:[A-Za-z]{{0,3}}[ \t]?)(?:澳门)?(?:{_CASINOS})",
    re.M,
)
"""What every brand splice holds: the document-wide fast path's one scan."""
BRAND_TRIGGER = f"(?m:(?:{_SEO_WORD})[{SPACE}]*(?:[】\\]’:：]|$))|贵宾会|{_CASINOS}"
"""``BRAND_CUES`` loosened for ``Rule.trigger``: no ``\\s`` or ``\\d``, which RE2 reads
otherwise, and a casino name without the number code before it."""


def brand_splices(line: str) -> list[tuple[int, int]]:
    """Spans of gambling brands spliced into ``line`` by shape (see above)."""
    spans = [m.span() for m in _BRACKETED_BRAND.finditer(line)]
    prefix = _BRAND_PREFIX.match(line)
    if prefix:
        spans.append(
            (prefix.start() + len(prefix.group()) - len(prefix.group().lstrip()), prefix.end())
        )
    spans += [m.span() for m in _CASINO_BRAND.finditer(line)]
    for m in _CODE_BRAND.finditer(line):
        code = re.match(r"[A-Za-z0-9]+", m.group()).group()
        if _YEAR.fullmatch(code) and m.group().endswith(tuple(_CASINOS.split("|"))):
            continue  # a year before a casino's name: news about Macau
        spans.append(m.span())
    return sorted(set(spans))


# ------------------------------------------------------------ keyword pages
KEYWORD_PAGE_LINES = 6
"""A keyword page has a title and at least five lines under it."""
KEYWORD_SHARE = 0.7
_KEY_MIN, _KEY_MAX = 4, 12
_KEY_SAMPLE = 200
"""Lines the key is looked for in (its coverage is then counted on all)."""


def keyword_page(lines: list[str]) -> tuple[str, list[int]] | None:
    """A search-results page made for a keyword: (the keyword, the lines under the
    title that hold it), or None.

    SEO sites make a page per search phrase: the phrase as the title, then
    headlines and snippets gathered because they hold it (``X办理流程``,
    ``X的作用``, ``X有效期是多少年``), and no article. Found when the page has no
    two paragraphs in a row and a phrase of the title (four characters or more)
    stands in 70% of the lines under it, not mostly at their end (the rows of
    a table end alike). The caller checks there is no article.
    """
    index = [i for i, line in enumerate(lines) if line.strip()]
    if len(index) < KEYWORD_PAGE_LINES:
        return None
    title = lines[index[0]].strip()
    if not _KEY_MIN <= len(title) <= 40:
        return None
    others = [lines[i] for i in index[1:]]
    sample = others[:_KEY_SAMPLE]
    need = max(KEYWORD_PAGE_LINES - 1, KEYWORD_SHARE * len(sample))
    for size in range(min(len(title), _KEY_MAX), _KEY_MIN - 1, -1):
        for start in range(len(title) - size + 1):
            key = title[start : start + size]
            if key not in sample[0] and key not in sample[1]:
                continue  # 70% of the lines hold it: one of the first two does
            if not all(is_han(c) or c.isalnum() for c in key) or sum(map(is_han, key)) < 2:
                continue
            if sum(key in line for line in sample) >= need:
                held = [i for i in index[1:] if key in lines[i]]
                if len(held) < KEYWORD_SHARE * len(others):
                    continue
                # rows of a table end alike (…证券营业部, …有限公司); search results
                # hold the phrase anywhere
                ending = sum(lines[i].rstrip().endswith(key) for i in held)
                return None if ending >= 0.5 * len(held) else (key, held)
    return None
