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

from corplint.rules._shared.furniture import (
    COUNTER,
    META_FIELDS,
    NAV_WORDS,
    SENTENCE_END,
    alternation,
    both,
    words,
)
from corplint.rules._shared.lexicon import (
    trie_pattern,
)

_FOOTER_PHRASES = words(
    "分享到 分享至 点击蓝字 关注我们 关注公众号 长按二维码 长按识别 扫描二维码 扫码关注 "
    "识别二维码 点个赞 点赞 点亮在看 点个在看 分享给更多 转发给 免责声明 版权声明 版权所有 "
    "转载请注明 未经授权 不得转载 禁止转载 公网安备 阅读原文 原文链接 原载于 本文转自 "
    "本文来源 文章来源于 责任编辑 往期推荐 往期回顾 推荐阅读 相关阅读 相关新闻 相关文章 "
    "延伸阅读 猜你喜欢 热门推荐 更多精彩 相关链接",
)


_RELATED_HEADERS = words(
    "往期推荐 往期回顾 推荐阅读 相关阅读 相关新闻 相关文章 延伸阅读 猜你喜欢 热门推荐",
    "更多精彩 相关链接",
)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    nav = alternation(NAV_WORDS)
    meta = alternation(tuple(META_FIELDS.split("|")))
    counter = alternation(tuple(COUNTER.strip("(?:)").split("|")))
    footer = alternation(_FOOTER_PHRASES)
    related = alternation(_RELATED_HEADERS)
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
    whole = not SENTENCE_END.search(stripped.rstrip("。）)】] "))
    if (
        len(stripped) <= 40
        and whole
        and (_IMAGE_SOURCE.match(stripped) or _IMAGE_CREDIT_END.search(stripped))
    ):
        return "image credit"
    sentences = len(SENTENCE_END.findall(stripped.rstrip("。！？!?")))
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
        last = SENTENCE_END.split(stripped.rstrip("。）)】] "))[-1]
        if len(last.strip()) <= 12:
            return "image caption"
    return None


_UI_WORDS = words(
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
    return frozenset(both(_UI_WORDS))


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
    return re.compile(trie_pattern(both(_RELATED_HEADERS)))


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
