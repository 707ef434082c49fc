"""What a web page wraps around an article: navigation, page metadata, footers, credits.

Each detector keys on the *form* a page gives these lines — a bar of short
section names, ``field：value`` pairs with a view counter, a follow-us
instruction, a name after ``记者`` with ``摄`` behind it — rather than on
the lines themselves, so it finds templates it has never seen. Vocabulary is
written in Simplified and matched in both scripts.
"""

from __future__ import annotations

import re
from functools import cache

from corplint.core.document import Document
from corplint.rules._shared.charmodel import commonness
from corplint.rules._shared.credits import (
    _MEDIA,
    surnames,
)
from corplint.rules._shared.credits import (
    LEAD_ROLES as _LEAD_ROLES,
)
from corplint.rules._shared.credits import (
    ROLES as _ROLES,
)
from corplint.rules._shared.furniture import (
    COUNTER as _COUNTER,
)
from corplint.rules._shared.furniture import (
    META_FIELDS as _META_FIELDS,
)
from corplint.rules._shared.furniture import (
    NAV_WORDS as _NAV_WORDS,
)
from corplint.rules._shared.furniture import (
    SENTENCE_END as _SENTENCE_END,
)
from corplint.rules._shared.furniture import (
    alternation as _alternation,
)
from corplint.rules._shared.furniture import (
    both as _both,
)
from corplint.rules._shared.furniture import (
    words as _words,
)
from corplint.rules._shared.lexicon import (
    flat_trie_pattern,
    rare_anchored,
    trie_pattern,
)

_FOOTER_PHRASES = _words(
    "分享到 分享至 点击蓝字 关注我们 关注公众号 长按二维码 长按识别 扫描二维码 扫码关注 "
    "识别二维码 点个赞 点赞 点亮在看 点个在看 分享给更多 转发给 免责声明 版权声明 版权所有 "
    "转载请注明 未经授权 不得转载 禁止转载 公网安备 阅读原文 原文链接 原载于 本文转自 "
    "本文来源 文章来源于 责任编辑 往期推荐 往期回顾 推荐阅读 相关阅读 相关新闻 相关文章 "
    "延伸阅读 猜你喜欢 热门推荐 更多精彩 相关链接",
)
_RELATED_HEADERS = _words(
    "往期推荐 往期回顾 推荐阅读 相关阅读 相关新闻 相关文章 延伸阅读 猜你喜欢 热门推荐",
    "更多精彩 相关链接",
)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    nav = _alternation(_NAV_WORDS)
    meta = _alternation(tuple(_META_FIELDS.split("|")))
    counter = _alternation(tuple(_COUNTER.strip("(?:)").split("|")))
    footer = _alternation(_FOOTER_PHRASES)
    related = _alternation(_RELATED_HEADERS)
    return {
        "nav": re.compile(rf"(?:{nav})", re.I),
        "meta_field": re.compile(rf"(?:{meta})[ \t]*[:：]"),
        "counter": re.compile(rf"(?:{counter})(?:次数|数)?[ \t]*[:：]?[ \t]*\d+"),
        "footer": re.compile(footer),
        "related": re.compile(rf"^[【\[〔]?\s*(?:{related})\s*[】\]〕]?\s*[:：]?$"),
        "copyright": re.compile(
            r"(?:Copyright|版权所有|©[ \t]*(?:19|20)\d\d|ICP备|ICP证|公网安备|"
            r"增值电信业务经营许可证)",
            re.I,
        ),
        "source_line": re.compile(rf"^[（(]?(?:{meta})[ \t]*[:：][^。！？]{{1,30}}[）)]?$"),
    }


_COMMA = re.compile(r"[，,；;]")
_QUOTES = "[“”\"'‘’「」]*"
_TAIL_FOOTER = re.compile(rf"^{_QUOTES}(?:在看|点亮在看|点个在看|点赞){_QUOTES}$")


_PREV_NEXT_LABEL = r"(?:[上下前后]一?(?:篇|页|条|章|则)(?:文章)?|[上下]一(?:文章|个))"
_PREV_NEXT = re.compile(
    rf"^\W{{0,3}}{_PREV_NEXT_LABEL}\s*(?:[：:>》]|$)"
    # both links on one line without colons: 上一篇 <title> 下一篇 <title>
    rf"|^\W{{0,3}}{_PREV_NEXT_LABEL}\s+[^\n]{{1,60}}?\s{_PREV_NEXT_LABEL}\s"
    r"|^\W{0,3}(?:previous|next)\s+(?:post|article|page|story|entry)\b",
    re.I,
)
PREV_NEXT_LABELS = (
    *(f"{a}{b}" for a in "上下前后" for b in ("一篇", "篇", "一页", "一条", "一章")),
    "上一文章",
    "下一文章",
    "上一个",
    "下一个",
    "Previous",
    "Next",
    "previous",
    "next",
)
"""What a previous/next link line contains: the fast path's cue for it."""


def prev_next(line: str) -> bool:
    """A previous/next link: the line opens with the label and a colon
    (``上一篇：<title>``, ``Previous Post``), or is the label alone."""
    stripped = line.strip()
    return len(stripped) <= 120 and _PREV_NEXT.match(stripped) is not None


_CELL_BARS = re.compile(r"[|｜](?:[ \t\u3000\xa0]*[|｜])+[ \t\u3000\xa0]*")


def empty_cells(line: str) -> bool:
    """``|  |  |``: the bars of a layout table whose cells held only images or links."""
    return _CELL_BARS.fullmatch(line.strip()) is not None


_SUMMARY = re.compile(r"^(?:本文摘要|文章摘要|内容摘要|简要描述|内容提要|导读)\s*[:：]\s*")


def repeated_summary(line: str, text: str, after: int) -> bool:
    """``本文摘要：…`` whose text the document goes on to give in full (after
    offset ``after`` of ``text``)."""
    m = _SUMMARY.match(line.strip())
    if not m:
        return False
    summary = line.strip()[m.end() :]
    return len(summary) >= 20 and text.find(summary[:20], after) >= 0


_CAPTION_MARK = re.compile(r"^[▲△▼▽↑]\s*[^\s▲△▼▽↑]")
_IMAGE_SOURCE = re.compile(
    r"^[（(【\[]?\s*(?:图片?来源|图片?来自|图片均来自|图源|图据|配图来源|题图来源|图片?提供)\s*[：:|｜]?"
)
_IMAGE_CREDIT_END = re.compile(
    r"(?:供图|视频截图|资料图片?|网络图片|图片来自网络|图片源于网络|来自网络)\s*[。）)】\]]?\s*$"
)
_IMAGE_CLICK = re.compile(
    r"^[（(【\[]?\s*(?:点击|点此|轻点)(?:图片|此处)?\s*(?:查看|看|放大|浏览)?"
    r"[^。！？]{0,16}(?:大图|原图|高清图|清晰大图|图集|详细资料|详情|更多图片)\s*[）)】\]]?$"
)
IMAGE_CUES = (
    "▲",
    "△",
    "▼",
    "▽",
    "图片",
    "图源",
    "图据",
    "配图",
    "题图",
    "供图",
    "截图",
    "资料图",
    "大图",
)
"""What an image caption or credit line holds: the fast path's cue for it."""


def image_caption(line: str) -> str | None:
    """An image's caption, credit or click-to-enlarge line, or None.

    * a credit: ``图片来源：…``, ``图据…``, or a short line ending in
      ``供图``, ``视频截图``, ``资料图`` or ``来自网络``;
    * a caption marked as one: ``▲`` (or ``△ ▼``) opening a short line;
    * a click-to-enlarge line: ``（点击看清晰大图）``, ``点击图片查看详细资料``.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return None
    if _IMAGE_CLICK.match(stripped):
        return "image link text"
    # a credit after a sentence of its own is a caption's end, not a line to drop
    whole = not _SENTENCE_END.search(stripped.rstrip("。）)】] "))
    if (
        len(stripped) <= 40
        and whole
        and (_IMAGE_SOURCE.match(stripped) or _IMAGE_CREDIT_END.search(stripped))
    ):
        return "image credit"
    sentences = len(_SENTENCE_END.findall(stripped.rstrip("。！？!?")))
    if _CAPTION_MARK.match(stripped) and sentences == 0:
        return "image caption"
    if (
        len(stripped) <= 40
        and sentences == 1
        and not _COMMA.search(stripped)
        and _IMAGE_CREDIT_END.search(stripped)
    ):
        # ``球员在场边热身。视频截图``: a caption's one clause and its credit (a
        # sentence of prose with its clauses, ``据介绍，…。某某供图``, is left alone)
        last = _SENTENCE_END.split(stripped.rstrip("。）)】] "))[-1]
        if len(last.strip()) <= 12:
            return "image caption"
    return None


_UI_WORDS = _words(
    "列表 文章列表 文章详情 详情 正文 返回 返回顶部 返回首页 返回列表 返回目录 首页 登录 注册 "
    "搜索 菜单 导航 更多 查看更多 加载更多 点击加载更多 展开全文 阅读全文 收起 打印 打印本页 "
    "关闭窗口 关闭 分享 收藏 点赞 举报 纠错 字号 上一页 下一页 尾页 已发送 发送中 "
    "已留言 写留言 留言 跟贴 评论 发表评论 网友评论 热门评论",
    # share and follow buttons, alone on their lines
    "分享到 分享至 微博 新浪微博 微信 微信好友 朋友圈 QQ QQ空间 QQ好友 豆瓣 人人网 "
    "扫一扫 微信扫一扫 扫码 二维码 公众号 微信公众号 关注我们 手机版 客户端 APP",
    # a breadcrumb's label, alone on its line
    "当前位置 您的位置 你的位置 所在位置 您现在的位置 现在位置 您所在的位置 您当前的位置 "
    "当前的位置",
)
_UI_LATIN = re.compile(
    r"(?:toggle navigation|menu|home|search|log ?in|sign ?in|sign ?up|skip to content|"
    r"back to top|read more|load more|share|print)",
    re.I,
)
_UI_SPLIT = re.compile(r"[\s\-·•*|｜\[\]【】［］()（）:：]+")


def ui_line(line: str) -> bool:
    """A line that is one word of a page's interface: ``列表``, ``返回顶部``,
    ``【打印本页】``, ``加载更多``, ``Toggle navigation``, a share button
    (``微博``, ``微信扫一扫``)."""
    stripped = line.strip()
    if not stripped or len(stripped) > 24:
        return False
    if _UI_LATIN.fullmatch(stripped):
        return True
    words = [w for w in _UI_SPLIT.split(stripped) if w]
    return 0 < len(words) <= 4 and all(w in _ui_words() for w in words)


@cache
def _ui_words() -> frozenset[str]:
    return frozenset(_both(_UI_WORDS))


_TAG_LINE = re.compile(
    r"^[【\[]?\s*(?P<label>本文关键词|本文关键字|文章关键词|关键词|关键字|相关标签|热门标签|文章标签|"
    r"话题标签|标签|Tags?|TAGS?|Keywords?)\s*[】\]]?\s*[:：]\s*\S"
)
_HASHTAGS = re.compile(r"^(?:#[^#\n]{1,24}#?\s*){1,8}$")
TAG_CUES = ("关键词", "关键字", "标签", "Tag", "TAG", "Keyword", "#")


def tag_line(line: str) -> str | None:
    """A keyword or tag line: its label (``本文关键词``, ``标签``, ``#``) or None.

    ``本文关键词：A,B,C``, ``相关标签：A B``, ``Tags: A``, or a line of hashtags
    (``#话题#话题``)."""
    stripped = line.strip()
    if not stripped or len(stripped) > 200:
        return None
    m = _TAG_LINE.match(stripped)
    if m:
        return m.group("label")
    if stripped.startswith("#") and _HASHTAGS.match(stripped) and stripped.count("#") >= 2:
        return "#"
    return None


def footer(line: str) -> bool:
    """Share and follow instructions, disclaimers, copyright and licence lines."""
    stripped = line.strip()
    if disclaimer(stripped):
        return True
    if not stripped or (len(stripped) > 40 and not _patterns()["copyright"].search(stripped)):
        return False
    if _TAIL_FOOTER.match(stripped):
        return True
    p = _patterns()
    if p["copyright"].search(stripped) and len(stripped) <= 150:
        return True
    first = p["footer"].search(stripped)
    if not first or len(stripped) > 40:
        return False
    # a footer phrase opening a short line, or two of them in one; prose
    # mentions one mid-sentence
    return first.start() <= 1 or len(set(p["footer"].findall(stripped))) >= 2


@cache
def related_anywhere() -> re.Pattern[str]:
    """A related-article header anywhere in a text (compiled on first use: it needs OpenCC)."""
    return re.compile(trie_pattern(_both(_RELATED_HEADERS)))


def related_header(line: str) -> bool:
    return bool(_patterns()["related"].match(line.strip()))


def title_like(line: str) -> bool:
    """A headline: short, mostly Chinese, and not a sentence ending in a full stop."""
    stripped = line.strip()
    han = sum("\u4e00" <= c <= "\u9fff" for c in stripped)
    return (
        4 <= len(stripped) <= 48
        and han >= 0.5 * len(stripped)
        and not stripped.endswith(("。", "：", ":", "，"))
    )


_ROLE = re.compile(rf"(?:{_ROLES})[ \t]*[:：/／]?[ \t]*")
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


def role_hits(text_of: Document) -> list[int]:
    """Where role words (记者, 编辑, 文/ …) are in a document: one scan, which the
    boilerplate-line and credit rules share."""
    roles = cue_patterns()[1]
    return text_of.memo(
        "boilerplate-roles", lambda: [m.start() for m in roles.finditer(text_of.text)]
    )


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


_DISCLAIMER = re.compile(
    r"^(?:特别|免责|版权|郑重|法律)?声明\s*[:：]"
    r"|(?:网友|本站|本网|本平台|本号|本文|用户|评论)[^。]{0,20}?"
    r"(?:不代表|并不表明|不表明|仅代表)[^。]{0,14}?(?:立场|观点)"
    r"|(?:本文|本站|本网|稿件|原创|作品|文章)[^。]{0,20}?未经[^。，,]{0,10}?"
    r"(?:许可|授权|允许|同意)[^。]{0,12}?(?:转载|复制|摘编|使用)"
)


def disclaimer(line: str) -> bool:
    """A disclaimer or reprint notice: ``声明：…``, a site's "comments do not
    represent our position", "this article may not be reprinted without …"."""
    stripped = line.strip()
    return 0 < len(stripped) <= 160 and _DISCLAIMER.search(stripped) is not None


SEPARATORS = re.compile(r"[|｜>＞»›·/／\t\u3000]| {2}|[^ ] [^ ].* ")
DIGIT = re.compile(r"[0-9]")
_ANCHOR_MARKS = re.compile(
    r"[|｜>＞»›·\t:：©/／\u3000▲△▼▽]| {2}|[\u4e00-\u9fff] [\u4e00-\u9fff]"
    r"|图片|供图|截图|资料图|大图|#"
)


@cache
def _anchor_words() -> re.Pattern[str]:
    roles = [r for r in _ROLES.split("|") if r.isalnum()]
    words = _both(
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
    fields = _both(tuple(_META_FIELDS.split("|")))
    words = _both(
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
    lead = _LEAD_ROLES.split("|")
    roles = _both(
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
