"""Page furniture that several rule families recognise: navigation bars,
breadcrumbs and pagers, page metadata (``来源：``, view counters, publication
stamps, ``（原标题：…）``), and the vocabulary they are made of, in both
scripts.

The boilerplate rules report these lines; the spam rules leave a navigation
bar to them, and the layout rules know that metadata ends without a mark.
"""

from __future__ import annotations

import re
from functools import cache

from corplint.rules._shared.lexicon import trie_pattern


# ---------------------------------------------------------------- vocabulary
def words(*chunks: str) -> tuple[str, ...]:
    return tuple(" ".join(chunks).split())


NAV_WORDS = words(
    "首页 网站首页 返回首页 设为首页 加入收藏 收藏本站 联系我们 关于我们 网站地图 网站导航 "
    "新闻中心 新闻动态 通知公告 政务公开 信息公开 办事服务 互动交流 在线服务 下载中心 "
    "登录 注册 退出 搜索 帮助 English 繁体 简体 无障碍 要闻 国内 国际 财经 体育 娱乐 "
    "科技 军事 社会 教育 健康 汽车 房产 旅游 文化 时政 评论 视频 图片 专题 地方 "
    "经济 法治 生活 时尚 游戏 读书 科普 公益 招聘 论坛 博客 微博 直播 图库 数据 理论 "
    "党建 人事 医院概况 科室导航 专家介绍 就医指南 学校概况 院系设置 本地 原创 热点",
)


META_FIELDS = (
    "发布时间|发表时间|发布日期|更新时间|时间|日期|来源|信息来源|稿件来源|作者|编辑|责任编辑|"
    "责编|浏览|浏览次数|浏览量|预览|点击|点击数|点击量|阅读|阅读量|阅读数|评论|字号|访问量|"
    "文章来源|出处|发布者|发布人|供稿|审核|原标题|所属分类|所属栏目|栏目|微信号|功能介绍"
)


COUNTER = r"(?:浏览|浏览次数|浏览量|预览|点击|点击数|点击量|阅读|阅读量|阅读数|访问量|人气)"


@cache
def both(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` in Simplified and in Traditional, character by character with
    OpenCC's table (the words are chosen so that no phrase needs conversion)."""
    table = _s2t_characters()
    return tuple(
        sorted({w for word in words for w in (word, "".join(table.get(c, c) for c in word))})
    )


@cache
def _s2t_characters() -> dict[str, str]:
    from corplint.rules._shared.scripts import opencc_table

    return {k: v[0] for k, v in opencc_table("STCharacters.txt").items() if v}


def alternation(words: tuple[str, ...]) -> str:
    return trie_pattern(both(words))


ORIGINAL_TITLE = re.compile(r"^[（(【\[]?\s*原[标標][题題]\s*[:：][^。\n]{2,80}?[）)】\]]?$")


NAV_SEPARATOR = re.compile(r"\s*(?:\||｜|>|＞|»|›|·|/|\s{2,}|\t)\s*")


SENTENCE_END = re.compile(r"[。！？!?]")


_BREADCRUMB_LABELS = ("当前位置", "您的位置", "你的位置", "现在位置", "所在位置", "您所在的位置")


_PAGER_ITEM = re.compile(
    r"(?:\d{1,4}|[.…]+|[<>«»‹›]+|首页|上一页|下一页|前一页|后一页|尾页|末页|最后一页|第一页"
    r"|共\s*\d+\s*页|第\s*\d+\s*页|\d+\s*/\s*\d+|跳转|转到|GO|go|Go)"
)


_PAGER_WORD = re.compile(r"页")


def pager(items: list[str]) -> bool:
    """A pager: page numbers and page words only (``首页 上一页 5 6 7 下一页 尾页``),
    at least one of them a word. A row of numbers alone is data."""
    return all(_PAGER_ITEM.fullmatch(i) for i in items) and any(
        _PAGER_WORD.search(i) for i in items
    )


def nav_bar(line: str) -> bool:
    """Three or more short items with separators, at least half of them navigation
    words; or a pager."""
    stripped = line.strip().strip("|｜").strip()
    if not stripped or SENTENCE_END.search(stripped):
        return False
    items = [i for i in NAV_SEPARATOR.split(stripped) if i]
    if len(items) < 3:
        items = stripped.split()
    if len(items) < 3 or sum(len(i) <= 12 for i in items) < 0.6 * len(items):
        return False
    if pager(items):
        return True
    nav = shared_patterns()["nav"]
    # whole items, or long navigation words inside one (网站首页 in 网站首页｜欢迎…);
    # short ones (视频, 游戏) inside an item are what keyword spam is made of
    known = sum(1 for i in items if nav.fullmatch(i) or any(len(w) >= 4 for w in nav.findall(i)))
    if known >= max(2, len(items) / 2):
        return True
    # a breadcrumb: its label, then the path (``现在位置： 首页 >> 新闻 >> 正文``)
    return stripped.startswith(_breadcrumb_labels()) and any(nav.search(i) for i in items)


@cache
def _breadcrumb_labels() -> tuple[str, ...]:
    return both(_BREADCRUMB_LABELS)


def page_meta(line: str) -> bool:
    """``field：value`` page metadata: two fields, a view counter, or one short source line."""
    stripped = line.strip()
    if not stripped or len(stripped) > 120 or "。" in stripped:
        return False
    p = shared_patterns()
    fields = len(p["meta_field"].findall(stripped))
    if p["counter"].search(stripped) and (fields >= 1 or len(stripped) <= 40):
        return not SENTENCE_END.search(stripped)
    if fields >= 2:
        return "。" not in stripped
    if original_title(stripped) or STAMP_ONLY.match(stripped):
        return True
    return bool(p["source_line"].match(stripped)) and len(stripped) <= 40


STAMP_ONLY = re.compile(
    r"^(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)\s*(?:星期[一二三四五六日天]\s*)?"
    r"\d{1,2}:\d{2}(?::\d{2})?$"
)
"""A publication stamp alone on a line: a date and a time (a diary's date alone passes)."""


def stamp_line(line: str) -> bool:
    """A date and a time alone on a line (``2021年05月12日 09:30``)."""
    return STAMP_ONLY.match(line.strip()) is not None


def original_title(line: str) -> bool:
    """``（原标题：…）``: a re-published article's original headline on a line of its own."""
    return ORIGINAL_TITLE.match(line.strip()) is not None


@cache
def shared_patterns() -> dict[str, re.Pattern[str]]:
    """Navigation words, metadata fields and view counters, in both scripts."""
    nav = alternation(NAV_WORDS)
    meta = alternation(tuple(META_FIELDS.split("|")))
    counter = alternation(tuple(COUNTER.strip("(?:)").split("|")))
    return {
        "nav": re.compile(rf"(?:{nav})", re.I),
        "meta_field": re.compile(rf"(?:{meta})[ \t]*[:：]"),
        "counter": re.compile(rf"(?:{counter})(?:次数|数)?[ \t]*[:：]?[ \t]*\d+"),
        "source_line": re.compile(rf"^[（(]?(?:{meta})[ \t]*[:：][^。！？]{{1,30}}[）)]?$"),
    }
