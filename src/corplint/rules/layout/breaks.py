"""Line structure of a document for the layout rules: which lines are prose, which
are structure (headings, list items, Markdown, captions, markers), and how strongly
a break between two lines looks like a cut made by a tool rather than by a writer.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from importlib import resources

from corplint.rules._shared.charmodel import is_han, model
from corplint.rules._shared.numeral_model import PAD, features

# Marks that end a paragraph (or a title) properly.
CLOSERS = frozenset("。！？!?…；;：:”’」』）)】》〉.~～—-|*#>")
# Marks after which a paragraph cannot end: it was cut.
CONTINUERS = frozenset("，、,“‘「『（(《【〈")
# Particles that end a sentence: a line ending in one finished its sentence and
# only left out the full stop, as informal writing often does.
SENTENCE_PARTICLES = frozenset("了吗呢吧啊呀哦啦嘛哈呗")
# Longest clause (characters between punctuation marks) a cut may fall inside;
# longer, and the two sides are two clauses, not one.
MAX_CLAUSE = 24
# Without evidence at the break itself, only a line this long (a paragraph, not
# a one-line comment or review) is taken to be cut.
MIN_PROSE_LINE = 12
# Longest heading: a line of clauses without a full stop up to this length may be one.
MAX_HEADING = 30
_CLAUSE_MARK = re.compile(r"[，。、；：！？,;:!?（）()“”‘’「」《》]")
_PROSE_MARK = re.compile(r"[，。、；！？,;]")
# Grammar that cannot stop at a line's end or start a line: a preposition or
# conjunction still waiting for its object, a numeral or demonstrative waiting
# for its measure word, a particle or suffix that only follows a word.
_CANNOT_END = frozenset(
    "和与及对把被从向将让由而并或且之跟第因以于在與對從將讓並併於"
    "很更最太又也都就还還"  # adverbs waiting for their predicate
)
# Spoken Chinese puts these adverbs last as an afterthought (半个月了都): an end.
_AFTERTHOUGHTS = frozenset(("了都", "了也", "了还", "了又"))
_NUMERAL_END = re.compile("[一二三四五六七八九十百千两几每各这那某哪兩幾這0-9０-９]$")
_MEASURE_START = re.compile(
    "[个名位条件项次家所支台辆种只头张份批座场轮岁元吨倍届期层级篇部集章节页户例起架艘枚颗"
    "個條項臺輛種隻頭張場輪歲噸屆層級節頁戶顆]"
)
_CHINESE_NUMERAL_END = re.compile("[〇一二三四五六七八九十廿]$")
_DATE_UNIT_START = re.compile("[年月日号時时]")
_YEAR_END = re.compile("[0-9０-９]{2,4}年$")
_MONTH_END = re.compile("[0-9０-９]{1,2}月$")
_MONTH_START = re.compile("[0-9０-９]{1,2}月")
_DAY_START = re.compile("[0-9０-９]{1,2}[日号]")


def _date_split(a: str, b: str) -> bool:
    """``2008年`` / ``8月1日``, ``8月`` / ``1日``: the next line finishes the date."""
    return bool(
        (_YEAR_END.search(a) and _MONTH_START.match(b))
        or (_MONTH_END.search(a) and _DAY_START.match(b))
    )


_CANNOT_START = re.compile(
    "们|們|的(?![确士哥])|了(?![解不结却如然])|着(?![手急重想力眼实陆迷装落])"
)
# Reasons a statistic gives, not grammar: certain enough for a safe fix, but a
# document where one of them fires by chance must not have its prose evidence
# turned on by it (see CutParagraph).
SPLIT_WORD = "the break splits a word"
WRAPPED_TITLE_BLOCK = "the paragraph before the first sentence is wrapped at a fixed width"
STATISTICAL = frozenset((SPLIT_WORD, WRAPPED_TITLE_BLOCK))
# Marks no line of prose starts with: the line break was put before them.
LINE_CANNOT_START = frozenset("，、。；：！？,;:!?）】》％‰")
# Closing quotes start a line only when the break split them from their quotation.
CLOSING_QUOTES = frozenset("”」』")
_OPENERS = {
    "“": "”",
    "‘": "’",
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "《": "》",
    "【": "】",
}
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_LEADING = " \t\u3000\u00a0"
_STRUCTURE = re.compile(
    r"^(?:#{1,6}\s|>|\||[-*+]\s|\d{1,3}(?:\.(?!\d)|[、)）>])\s?|[（(]?[一二三四五六七八九十]{1,3}[、)）]|"
    r"[（(]\d{1,2}[)）]|第[一二三四五六七八九十百\d]{1,4}[章节部篇条回]|[A-Za-z][.、)）\s]|"
    r"```|~~~|---|\*\*\*|<|!\[|\[[^\]]*\]:|[■□●○◆◇▲△▼▽★☆※►▶•·\-—]|[一二三四五六七八九十]{1,3}$)"
)
MARKER = re.compile(
    r"^(?:[▲△▼▽↑↓←→⬆⬇⬅➡☝👆👇☟☞☛▶◀►◄\s]+|[\[【(（]?(?:图片|圖片|图|圖|image|img|photo|picture)"
    r"[\]】)）]?|图片加载中\.{0,6}|圖片加載中\.{0,6}|点击查看大图|點擊查看大圖|点击图片查看大图)$",
    re.I,
)
CAPTION_CUE = re.compile(
    r"^(?:[（(]?(?:图为|圖為|图：|圖：|图:|圖:|上图|下图|左图|右图|上圖|下圖|左圖|右圖|"
    r"资料图|資料圖|图\s?\d{1,2}(?:\s|：|:)|圖\s?\d{1,2}(?:\s|：|:)|图片：|圖片：))"
)
SEPARATOR = re.compile(r"^([-=*_~—─━·•●○◆◇■□★☆#～＝＊])(?:\s*\1){2,}$")
_DIGITS_OR_POINT = frozenset("0123456789０１２３４５６７８９.．")
_NUMBER_STARTS = frozenset("0123456789０１２３４５６７８９.．∶:：%％‰年月日时分秒万亿元萬億時")
_NUMBER_TAIL = re.compile(r"(?<![A-Za-z0-9０-９.．])[0-9０-９]+[.．]?$")
_NUMBER_HEAD = re.compile(r"^[0-9０-９]+|^[.．∶:：][0-9０-９]|^[%％‰]|^[年月日时分秒万亿元萬億時]")


def content(line: str) -> str:
    return line.strip(_LEADING)


def is_structure(line: str) -> bool:
    """A heading, list item, quote, table row, fence, tag, separator or marker."""
    s = content(line)
    return bool(_STRUCTURE.match(s) or MARKER.match(s) or CAPTION_CUE.match(s))


def _unclosed(a: str, b: str) -> bool:
    """An opening quote or bracket of ``a`` is closed in ``b`` before ``b`` opens one."""
    for opener, closer in _OPENERS.items():
        if a.count(opener) > a.count(closer):
            head = b.split(opener, 1)[0]
            if closer in head:
                return True
    return False


def _ends_word(a: str) -> bool:
    """The last two characters of ``a`` make a word (合并, 参与, 方向): then its last
    character is not a preposition or conjunction left hanging."""
    return len(a) >= 2 and model().bi.get(a[-2:], 0.0) >= 0.005


def _word_split(a: str, b: str) -> bool:
    """The characters either side of the break are far likelier inside one word
    than across a boundary, and the next line does not start with a word of its own."""
    last, first = a[-1], b[0]
    if not (is_han(last) and is_han(first)):
        return False
    m = model()
    within = m.bi.get(last + first, 0.0)
    if within < 0.02 or within < 20 * m.uni.get(first, m.floor):
        return False
    # the first character may begin the next line's own word instead (住 / 房间:
    # not 住房); the last may well end a word of its own line too (网络 / 化:
    # 网络化), so only the right side is weighed
    if len(b) < 2:
        return True
    right = m.bi.get(b[:2], 0.0)
    if right >= 6 * m.uni.get(b[1], m.floor):
        return False
    # a line that ends in a word (内存, 舒服) and a next line that opens with a
    # preposition or pronoun (在…, 从…) are two sentences as likely as one word
    return not (first in _SENTENCE_OPENERS and m.bi.get(a[-2:], 0.0) >= 0.01)


_SENTENCE_OPENERS = frozenset("在从对把为因如但而和与当自据由向这那我你他她它此该其每各")


_LATIN_TAIL = re.compile(r"(?<=[\u4e00-\u9fff])[A-Za-z]+$")
_LATIN_HEAD = re.compile(r"^[A-Za-z]+(?=[\u4e00-\u9fff，。、；：！？])")


def _split_latin(a: str, b: str) -> bool:
    """``运行预装的VIS`` / ``TA慢``: a Latin word between Chinese characters runs on
    into the next line in the same case (Chinese text puts no break inside one)."""
    if not (a[-1:].isascii() and a[-1:].isalpha() and b[:1].isascii() and b[:1].isalpha()):
        return False  # the cheap test first: searching for a tail scans the whole line
    tail = _LATIN_TAIL.search(a)
    head = tail and _LATIN_HEAD.match(b)
    if not head:
        return False
    t, h = tail.group(), head.group()
    if len(t) + len(h) < 5:
        return False  # 牛X / ST的: two short abbreviations side by side
    return (t.isupper() and h.isupper()) or (t[-1].islower() and h.islower())


def split_number(a: str, b: str) -> bool:
    """``…总耗资约8781`` / ``.69万元``, ``199`` / ``7年``, ``比分2`` / ``∶1``: a number
    in prose runs on into the next line. A run of more than five digits across
    the break is two numbers (a price, then a disk size; a phone number, then a
    date), not one."""
    if not (a[-1:] in _DIGITS_OR_POINT and b[:1] in _NUMBER_STARTS):
        return False  # the cheap test first: searching for a tail scans the whole line
    tail = _NUMBER_TAIL.search(a, max(0, len(a) - 24))
    if not tail or len(b) < 2 or not any(is_han(ch) for ch in a[-12:]):
        return False
    head = _NUMBER_HEAD.match(b)
    if not head:
        return False
    if tail.group()[-1] in ".．":
        return head.group()[0].isdigit()
    digits = len(tail.group()) + (len(head.group()) if head.group()[0].isdigit() else 0)
    return digits <= 5


def _cut_off_mark(a: str, mark: str) -> bool:
    """Whether a line opening with ``mark`` lost it from line ``a``.

    Stripping a list's numbers leaves its marks at the line starts (``1、`` ->
    ``、``, ``1：`` -> ``：``): an enumeration comma was cut off only from a line
    that enumerates, a colon only from a line of prose, not from a heading.
    """
    if mark == "、":
        return "、" in a[-12:]
    if mark in "：:":
        return len(a) >= MIN_PROSE_LINE or _PROSE_MARK.search(a) is not None
    return True


def punctuated_share(lines: list[str]) -> float:
    """Share of a document's prose lines (15+ characters, after the first, which is
    usually a title) that end with closing punctuation.

    Newspapers end every paragraph with a mark; user reviews and chat often end
    none. Only in a document of the first kind does a line that stops without
    one, after a finished sentence, say that the line was cut.
    """
    long = [s for s in lines[1:] if len(s) >= 15]
    if len(long) < 3:
        return 0.0
    return sum(1 for s in long if s[-1] in CLOSERS) / len(long)


def evidence(
    a: str,
    b: str,
    wrap: int,
    headline: bool = False,
    odd_indent: bool = False,
) -> tuple[bool, str | None, bool]:
    """Whether prose line ``a`` runs on into ``b``, why certainly if it is certain,
    and whether the only evidence is the line's own punctuation.

    ``wrap`` is 2 for a line in a block of three or more lines of one length, 1
    for two such lines before a line that ends the paragraph (see the rule's
    ``_wrap_width``); ``headline`` says that ``a`` comes before the document's
    first sentence (titles, subtitles, bylines), where only grammar, a split
    number or word, an open quotation, or a wrapped block with prose in it
    count; ``odd_indent`` that ``b`` is indented although the document's
    paragraphs are not (text copied out of a PDF indents its continuation lines).

    The evidence of the line alone — it stops after a comma, or inside a clause
    — comes last and is flagged: informal text ends lines like that too, so the
    rule weighs it only where the text is known to be cut or the user asks.
    """
    last, first = a[-1], b[0]
    if first in LINE_CANNOT_START and _cut_off_mark(a, first):
        return True, "the next line starts with punctuation that cannot open a line", False
    if split_number(a, b):
        return True, "the break splits a number", False
    if _split_latin(a, b):
        return True, "the break splits a word", False
    if _unclosed(a, b):
        return True, "the break falls inside a quotation or brackets", False
    if (_CHINESE_NUMERAL_END.search(a) and _DATE_UNIT_START.match(b)) or _date_split(a, b):
        return True, "the break splits a date", False
    wrapped = wrap > 0 and len(a) >= 16
    # before the first sentence, a short line may be a title ending in a name
    # (…派出所, 李克因): only a line too long for most titles hangs there
    hanging = (
        (not headline or len(a) >= 20)
        and last in _CANNOT_END
        and len(a) >= 2
        and (is_han(a[-2]) or a[-2] in "，、")
        and not _ends_word(a)
        and a[-2:] not in _AFTERTHOUGHTS
    )
    if hanging or _CANNOT_START.match(b):
        return True, "the break splits a phrase (a word that cannot end or start one)", False
    if headline:
        # before the first sentence a title may stand: only a wrap with prose in
        # it, or a split word in a continuation indented unlike the paragraphs
        # or in a line of prose length with a clause mark on either side (a
        # lead paragraph cut before its first full stop)
        # (a title of the wrap's width by chance has no clause of its own)
        if wrapped and len(b) == len(a) and _CLAUSE_MARK.search(b) and _PROSE_MARK.search(a):
            return True, WRAPPED_TITLE_BLOCK, False
        prose = len(a) >= MIN_PROSE_LINE and bool(_PROSE_MARK.search(a) or _PROSE_MARK.search(b))
        if (odd_indent or prose) and _word_split(a, b):
            return True, SPLIT_WORD, False
        return False, None, False
    numeral = _NUMERAL_END.search(a)
    if numeral and _MEASURE_START.match(b) and (len(a) < 2 or is_han(a[-2]) or is_han(last)):
        return True, "the break splits a number from its measure word", False
    if _word_split(a, b):
        return True, SPLIT_WORD, False
    if wrapped:
        # two lines of one length may be a coincidence (reported, unsafe to join);
        # three make a wrap
        return True, "the paragraph is wrapped at a fixed width" if wrap == 2 else None, False
    if odd_indent:
        return True, None, False
    # the line alone
    if last in CONTINUERS and a[-2:-1] not in CONTINUERS:
        # likely, not certain: informal writers end lines with commas too
        return True, None, True
    if len(a) < MIN_PROSE_LINE or last in SENTENCE_PARTICLES or not _PROSE_MARK.search(a):
        return False, None, True
    if not _within_clause(a, b):
        return False, None, True  # two whole clauses: a sentence ended without its mark
    if _SENTENCE_END.search(a):
        return True, "the line's last sentence is unfinished", True
    # a line of clauses without a finished sentence may be a heading with a comma
    # (综合治理，实行人口与经济协调发展): only a line longer than a heading counts
    return len(a) > MAX_HEADING, None, True


def _within_clause(a: str, b: str) -> bool:
    """The end of ``a`` and the start of ``b`` are short enough to be one clause."""
    tail = _CLAUSE_MARK.split(a)[-1]
    head = _CLAUSE_MARK.split(b, maxsplit=1)[0]
    return len(tail) + len(head) <= MAX_CLAUSE


def runs_on(a: str, b: str) -> bool:
    """Whether ``a`` (a line without closing punctuation) could be cut from ``b``."""
    if not a or not b:
        return False
    if b[0] in CLOSING_QUOTES or split_number(a, b) or _split_latin(a, b):
        return True
    if a[-1] in "）)】》%％‰" and (
        (b[0] in LINE_CANNOT_START and b[0] != "、") or _CANNOT_START.match(b)
    ):
        # a mark, or a particle (（约合2900万美元） / 的经济损失), cut off a line
        # that ends in a closing bracket or a percent sign
        return True
    if a[-1] in CLOSERS or not (is_han(a[-1]) or a[-1] in CONTINUERS or a[-1].isdigit()):
        return False
    return is_han(b[0]) or b[0].isdigit() or b[0] in LINE_CANNOT_START


def cut_odds(a: str, b: str) -> float:
    """Log-odds that a break between lines ``a`` and ``b`` falls inside a clause
    (a tool's cut) rather than at a clause boundary (a writer's line end without
    its mark), from the two characters either side; 0.0, no opinion, unless the
    characters at the break are both Han.

    A logistic regression learned from clean text by
    ``scripts/build_cut_model.py``: it tells ``…原定`` / ``13日…`` (inside a
    clause) from ``…不舒服`` / ``本来想…`` (a boundary). Loaded on first use:
    only breaks already found without a mark are scored.
    """
    if not (is_han(a[-1]) and is_han(b[0])):
        return 0.0
    bias, weights = _cut_model()
    around = (PAD * 2 + a)[-2:] + (b + PAD * 2)[:2]
    return bias + sum(weights.get(f, 0.0) for f in features(around, 2))


@cache
def _cut_model() -> tuple[float, dict[str, float]]:
    raw = resources.files("corplint.rules.layout").joinpath("data/cut_breaks.json.gz").read_bytes()
    payload = json.loads(gzip.decompress(raw))
    return payload["bias"], payload["weights"]
