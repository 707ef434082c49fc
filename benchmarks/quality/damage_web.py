"""Damage from the web: spam, boilerplate, broken image links, HTML residue, broken layout.

The vocabularies below are written for this benchmark from the general shape
of such pages; each kind combines them at random so every line is different.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from benchmarks.quality.damage import Damage
from benchmarks.quality.model import sentences, splice

# ---------------------------------------------------------------------- spam
_GAMBLING = [
    "百家乐",
    "真人娱乐",
    "老虎机",
    "体育投注",
    "网上赌场",
    "线上博彩",
    "电子游艺",
    "彩票计划",
    "时时彩",
    "六合彩开奖",
    "赌球网站",
    "棋牌游戏",
    "注册送彩金",
    "首存优惠",
]
_ADULT = ["成人视频", "午夜影院", "激情视频", "美女直播", "无码在线", "福利视频", "深夜福利"]
_SEO = [
    "官网",
    "官方网站",
    "登录入口",
    "最新地址",
    "网址导航",
    "下载安装",
    "手机版",
    "平台注册",
    "客户端",
    "官方入口",
    "备用网址",
    "app下载",
]
_BRANDS = ["金沙", "永利", "威尼斯人", "银河", "新葡京", "太阳城", "皇冠", "凯撒", "888"]
_INVOICE = ["代开发票", "增值税发票", "普通发票代开", "各类发票", "正规发票"]


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))


@dataclass(frozen=True)
class _Vocabulary:
    """The words one family of generated spam lines is built from."""

    brands: list[str]
    games: list[str]
    adult: list[str]
    seo: list[str]
    stems: list[str]
    items: list[str]


def _keyword_line(rng: random.Random, variant: str, vocab: _Vocabulary) -> str:
    if variant == "gambling":
        words = [
            rng.choice(vocab.brands) + rng.choice(vocab.games + vocab.seo)
            for _ in range(rng.randint(4, 9))
        ]
        return rng.choice([" ", "，", "|", "、", " | "]).join(words)
    if variant == "adult":
        words = rng.sample(vocab.adult, rng.randint(3, 6)) + rng.sample(vocab.seo, 2)
        rng.shuffle(words)
        return rng.choice([" ", "，", "_"]).join(words)
    if variant == "seo-list":
        stem = rng.choice(vocab.stems)
        return " ".join(stem + w for w in rng.sample(vocab.seo, rng.randint(5, 9)))
    if variant == "contact-ad":
        return _contact_ad(rng, vocab.items)
    return ""


def _spam_line(rng: random.Random, variant: str) -> str:
    return _keyword_line(rng, variant, _LISTED)


def _contact_ad(rng: random.Random, items: list[str]) -> str:
    item = rng.choice(items)
    wx = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz0123456789") for _ in range(8))
    return rng.choice(
        [
            f"{item}，加微信{wx}，联系电话{_phone(rng)}",
            f"专业{item} QQ：{rng.randint(10**7, 10**10)} 电话：{_phone(rng)}",
            f"{item}请联系：{_phone(rng)}（微信同号）",
        ]
    )


# Held back: words corplint's shipped lists must never hold
# (tests/rules/test_spam_boilerplate.py checks), so spam built from them
# measures what the rules find without a list.
HELD_BACK_GAMES = [
    "骰宝",
    "轮盘游戏",
    "德州扑克",
    "炸金花",
    "牛牛对战",
    "龙虎斗",
    "番摊",
    "捕鱼达人",
    "梭哈",
    "二八杠",
    "推筒子",
    "幸运转盘",
]
HELD_BACK_BRANDS = [
    "鸿运",
    "宝盈",
    "金鼎",
    "万豪汇",
    "天博",
    "鼎盛",
    "博亚",
    "星辉",
    "盛世",
    "宏发",
]
HELD_BACK_SEO = [
    "永久地址",
    "防屏蔽",
    "最新域名",
    "线路检测",
    "极速版",
    "安卓版",
    "苹果版",
    "官方认证",
    "导航页",
    "发布页",
]
HELD_BACK_ADULT = [
    "两性视频",
    "香蕉视频",
    "草莓视频",
    "私密直播",
    "情色小说",
    "男人天堂",
    "宅男必看",
    "嫩模写真",
    "性感美女",
    "成人小说",
]
HELD_BACK_ITEMS = ["高仿手表", "考试答案", "驾照销分", "手机定位", "征信修复", "学历认证"]


_LISTED = _Vocabulary(
    _BRANDS,
    _GAMBLING,
    _ADULT,
    _SEO,
    [*_BRANDS, "九游", "开云", "米乐", "乐鱼"],
    [*_INVOICE, "贷款", "刷单兼职", "信用卡套现", "办证"],
)
_HELD_BACK = _Vocabulary(
    HELD_BACK_BRANDS,
    HELD_BACK_GAMES,
    HELD_BACK_ADULT,
    HELD_BACK_SEO,
    HELD_BACK_BRANDS,
    HELD_BACK_ITEMS,
)


def _held_back_line(rng: random.Random, variant: str) -> str:
    return _keyword_line(rng, variant, _HELD_BACK)


def held_back_spam_line(rng: random.Random, text: str, variant: str) -> Damage | None:
    """A spam line made only of held-back words, placed like ``spam_line``."""
    kind, _, where = variant.partition("@")
    return _place_line(rng, text, where, _held_back_line(rng, kind))


def _insert_line(text: str, pos: int, line: str) -> Damage:
    """``line`` inserted as a line of its own at ``pos`` (a line start); the defect is
    the line without its line break."""
    new_text, spans = splice(text, [(pos, pos, line + "\n")])
    start, end = spans[0]
    return Damage(new_text, [(start, end - 1)], restorable=True)


def _paragraph_breaks(text: str) -> list[int]:
    """Offsets where a new line starts, the end of the text excluded."""
    return [m.end() for m in re.finditer("\n", text)][:-1]


def spam_line(rng: random.Random, text: str, variant: str) -> Damage | None:
    """A spam line appended, prepended or inserted between paragraphs."""
    kind, _, where = variant.partition("@")
    line = _spam_line(rng, kind)  # drawn first: the corpus stays what it was for a seed
    return _place_line(rng, text, where, line)


def _place_line(rng: random.Random, text: str, where: str, line: str) -> Damage:
    """``line`` prepended, appended or inserted between paragraphs."""
    breaks = _paragraph_breaks(text)
    if where == "prepend" or not breaks:
        pos = 0
    elif where == "append":
        pos = len(text)
    else:
        pos = rng.choice(breaks)
    return _insert_line(text, pos, line)


def spliced_spam(rng: random.Random, text: str, variant: str) -> Damage | None:
    """A spam phrase spliced into the middle of a sentence."""
    spans = sentences(text)
    if not spans:
        return None
    start, end = rng.choice(spans)
    cut = start + (end - start) // 2
    phrase = rng.choice(_BRANDS) + rng.choice(_GAMBLING)
    if variant == "brand-game-url":
        phrase += rng.choice(["网址：", "官网", "登录入口", "网址"])
    new_text, out = splice(text, [(cut, cut, phrase)])
    return Damage(new_text, out, restorable=True)


# --------------------------------------------------------------- boilerplate
_SECTIONS = [
    "首页",
    "新闻中心",
    "要闻",
    "国内",
    "国际",
    "财经",
    "体育",
    "娱乐",
    "科技",
    "关于我们",
    "联系我们",
    "网站地图",
    "设为首页",
    "加入收藏",
    "English",
]
_SOURCES = ["新华社", "人民网", "中新网", "本报", "央视新闻客户端", "本站原创"]
_NAMES = ["王晓明", "李华", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄蕾", "周涛", "吴敏"]


def _boilerplate(rng: random.Random, variant: str) -> str:
    if variant == "nav-bar":
        sep = rng.choice([" | ", "  ", " > ", " · ", "|"])
        return sep.join(rng.sample(_SECTIONS, rng.randint(4, 8)))
    if variant == "page-meta":
        date = f"20{rng.randint(10, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        clock = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
        source, name = rng.choice(_SOURCES), rng.choice(_NAMES)
        return rng.choice(
            [
                f"发布时间：{date} {clock}  来源：{source}  浏览次数：{rng.randint(10, 99999)}",
                f"{date}  来源：{source}  作者：{name}  阅读 {rng.randint(10, 9999)}",
                f"时间：{date} | 点击：{rng.randint(10, 9999)}次 | 字号：大 中 小",
            ]
        )
    if variant == "share-footer":
        return rng.choice(
            [
                "分享到：微信 微博 QQ空间 豆瓣",
                "觉得不错？点个赞，分享给更多朋友",
                "扫描二维码，关注我们的公众号",
                "长按识别二维码 关注我们 获取更多资讯",
                "【免责声明】本文仅代表作者观点，与本网无关。",
            ]
        )
    if variant == "editor-credit":
        return rng.choice(
            [
                f"责任编辑：{rng.choice(_NAMES)}",
                f"（编辑：{rng.choice(_NAMES)} 审核：{rng.choice(_NAMES)}）",
                f"编辑 {rng.choice(_NAMES)} 校对 {rng.choice(_NAMES)}",
            ]
        )
    if variant == "photo-credit":
        return rng.choice(
            [
                f"{rng.choice(_SOURCES)}记者 {rng.choice(_NAMES)} 摄",
                f"（图片来源：{rng.choice(_SOURCES)}）",
                f"摄影：{rng.choice(_NAMES)}",
            ]
        )
    return ""


def boilerplate_line(rng: random.Random, text: str, variant: str) -> Damage | None:
    """Navigation, metadata, footers and credits as whole lines where pages put them."""
    first_break = text.find("\n") + 1
    pos = {"nav-bar": 0, "page-meta": first_break}.get(variant, len(text))
    return _insert_line(text, pos, _boilerplate(rng, variant))


def boilerplate_run_in(rng: random.Random, text: str, variant: str) -> Damage | None:
    """Editor or photo credits run into the end of a paragraph (no line of their own)."""
    ends = [m.start() for m in re.finditer(r"(?<=[。！？])\n", text)]
    if not ends:
        return None
    pos = rng.choice(ends)
    credit = _boilerplate(rng, variant).replace(" ", rng.choice(["", " "]))
    new_text, spans = splice(text, [(pos, pos, credit)])
    return Damage(new_text, spans, restorable=True)


# --------------------------------------------------------------------- links
_HOSTS = [
    "img.news.example.cn",
    "static.media.example.com",
    "pic.example.org.cn",
    "cdn.example.net",
]
_PROXIES = [
    "https://images.weserv.nl/?url=",
    "https://cors-anywhere.example.workers.dev/?",
    "https://img-proxy.example.com/fetch?url=",
    "https://imageproxy.example.org/0x0/",
]


def _image_url(rng: random.Random) -> str:
    return (
        f"https://{rng.choice(_HOSTS)}/{rng.randint(2015, 2023)}/{rng.randint(1, 12):02d}/"
        f"{rng.randint(10**9, 10**12)}.{rng.choice(['jpg', 'png', 'jpeg', 'webp'])}"
    )


def markdown_with_images(rng: random.Random, text: str) -> str:
    """A clean source document as a Markdown post with front matter and images
    (captions in the document's own script)."""
    from corplint.rules._shared.scripts import script_sets

    traditional = not script_sets()[1].isdisjoint(text)
    paras = text.rstrip("\n").split("\n")
    title = paras[0][:30]
    out = ["---", f"title: {title}", f"image: '{_image_url(rng)}'", "---", ""]
    for i, para in enumerate(paras[1:] or paras):
        out.append(para)
        out.append("")
        if i % 3 == 1:
            caption = rng.choice(["现场图片", "资料图", "图为活动现场", ""])
            if traditional:
                caption = _HANT_CAPTIONS.get(caption, caption)
            if rng.random() < 0.5:
                out.append(f"![{caption}]({_image_url(rng)})")
            else:
                out.append(f'<img src="{_image_url(rng)}" alt="{caption}">')
            out.append("")
    return "\n".join(out) + "\n"


_HANT_CAPTIONS = {"现场图片": "現場圖片", "资料图": "資料圖", "图为活动现场": "圖為活動現場"}
_URL = re.compile(r"https://[^\s'\")<>]+")


def broken_image_url(rng: random.Random, text: str, variant: str) -> Damage | None:
    """One or more image URLs proxied, made plain http, malformed or truncated."""
    urls = list(_URL.finditer(text))
    if not urls:
        return None
    chosen = sorted(rng.sample(urls, min(len(urls), rng.randint(1, 3))), key=lambda m: m.start())
    edits = []
    for m in chosen:
        url = m.group()
        if variant == "proxied":
            proxy = rng.choice(_PROXIES)
            inner = url.replace("https://", rng.choice(["http://", "https://", ""]), 1)
            new = proxy + inner
        elif variant == "http":
            new = url.replace("https://", "http://", 1)
        elif variant == "malformed":
            new = rng.choice(
                [
                    url.replace("https://", "htps://", 1),
                    url.replace("https://", "//", 1)[2:],
                    url[: len(url) // 2] + " " + url[len(url) // 2 :],
                    url.replace("/", "\\"),
                ]
            )
        else:  # truncated
            new = url[: rng.randint(len("https://") + 8, len(url) - 6)] + rng.choice(
                ["…", "...", ""]
            )
        edits.append((m.start(), m.end(), new))
    new_text, spans = splice(text, edits)
    return Damage(new_text, spans, restorable=variant == "http")


# -------------------------------------------------------------------- markup
def html_residue(rng: random.Random, text: str, variant: str) -> Damage | None:
    """HTML left in plain text: tags around paragraphs, inline tags, entities, comments."""
    lines = text.rstrip("\n").split("\n")
    if variant == "paragraph-tags":
        tag = rng.choice(["p", "div", "section"])
        wrapped = "\n".join(f"<{tag}>{line}</{tag}>" for line in lines) + "\n"
        spans, pos = [], 0
        for line in lines:
            spans.append((pos, pos + len(tag) + 2))
            end_tag = pos + len(tag) + 2 + len(line)
            spans.append((end_tag, end_tag + len(tag) + 3))
            pos = end_tag + len(tag) + 3 + 1
        return Damage(wrapped, spans, restorable=True)
    spans_ = sentences(text)
    if not spans_:
        return None
    edits = []
    for start, end in sorted(rng.sample(spans_, min(len(spans_), rng.randint(1, 3)))):
        if variant == "inline-tags":
            tag = rng.choice(["strong", "span", "b", "em", "font"])
            attrs = rng.choice(["", ' style="color:#333"', ' class="bold"'])
            edits.append((start, start, f"<{tag}{attrs}>"))
            edits.append((end, end, f"</{tag}>"))
        elif variant == "entities":
            edits.append(
                (end, end, rng.choice(["&nbsp;", "&nbsp;&nbsp;", "&amp;", "&#8203;", "&ldquo;"]))
            )
        else:  # breaks-and-comments
            edits.append(
                (end, end, rng.choice(["<br>", "<br/>", "<br />", "<!-- more -->", "<hr>"]))
            )
    new_text, out = splice(text, edits)
    return Damage(new_text, out, restorable=variant == "inline-tags")


# -------------------------------------------------------------------- layout
def hard_line_breaks(rng: random.Random, text: str, variant: str) -> Damage | None:
    """Paragraphs cut mid-sentence by hard line breaks: at a fixed width, at random,
    or with the continuation indented as in text copied out of a PDF."""
    lines = text.split("\n")
    long_lines = [i for i, line in enumerate(lines) if len(line) > 60]
    if not long_lines:
        return None
    target = rng.choice(long_lines)
    width = rng.randint(18, 36)
    edits = []
    offset = sum(len(line) + 1 for line in lines[:target])
    line = lines[target]
    cuts = (
        range(width, len(line) - 4, width)
        if variant == "fixed-width"
        else sorted(rng.sample(range(5, len(line) - 4), min(3, len(line) // 20)))
    )
    for c in cuts:
        if line[c - 1] not in "。！？":
            edits.append(
                (offset + c, offset + c, "\n\u3000\u3000" if variant == "indented" else "\n")
            )
    if not edits:
        return None
    new_text, spans = splice(text, edits)
    return Damage(new_text, [(max(0, s - 2), e + 2) for s, e in spans], restorable=True)


def orphan_marker(rng: random.Random, text: str, variant: str) -> Damage | None:
    """A lost image's caption or marker left alone on its line."""
    marker = {
        "caption": rng.choice(
            [
                "图为技术员在车间调试设备。",
                "图：活动现场",
                "图1 项目建设现场",
                "（资料图）",
                "上图为志愿者在社区服务",
            ]
        ),
        "arrow": rng.choice(["▲", "↓", "▼", "↑", "△"]),
        "placeholder": rng.choice(["[图片]", "【图片】", "(图)", "[image]", "图片加载中..."]),
    }[variant]
    breaks = _paragraph_breaks(text)
    if not breaks:
        return None
    return _insert_line(text, rng.choice(breaks), marker)


# ------------------------------------------- unusable URLs and Markdown residue
# (issue 8; last in the catalogue, so the documents of every earlier kind stay
# as they were)
def _unusable(rng: random.Random, url: str, variant: str) -> str:
    name = url.rsplit("/", 1)[-1]
    if variant == "file-url":
        return rng.choice(["file:///C:/Users/editor/Pictures/", "file:///home/editor/pics/"]) + name
    if variant == "windows-path":
        return rng.choice(["C:\\Users\\editor\\Desktop\\", "D:\\图片\\新建文件夹\\"]) + name
    if variant == "blob":
        token = f"{rng.getrandbits(64):016x}-{rng.randint(1000, 9999)}"
        return f"blob:https://{rng.choice(_HOSTS)}/{token}"
    # a tracking endpoint in place of the image
    return rng.choice(
        [
            f"https://hm.baidu.com/hm.gif?si={rng.getrandbits(32):08x}",
            f"https://www.google-analytics.com/collect?v=1&tid=UA-{rng.randint(10**6, 10**7)}-1",
            f"https://c.cnzz.com/wapstat.php?siteid={rng.randint(10**6, 10**7)}",
        ]
    )


def unusable_image_url(rng: random.Random, text: str, variant: str) -> Damage | None:
    """Image URLs replaced by what only the author could load: a local file, a
    Windows path, a blob: URL, or a tracking endpoint."""
    urls = list(_URL.finditer(text))
    if not urls:
        return None
    chosen = sorted(rng.sample(urls, min(len(urls), rng.randint(1, 2))), key=lambda m: m.start())
    edits = [(m.start(), m.end(), _unusable(rng, m.group(), variant)) for m in chosen]
    new_text, spans = splice(text, edits)
    return Damage(new_text, spans)


def markdown_residue(rng: random.Random, text: str, variant: str) -> Damage | None:
    """Markdown left in plain text: an image on a line of its own, or a phrase of a
    sentence turned into a link."""
    if variant == "image-line":
        breaks = _paragraph_breaks(text)
        if not breaks:
            return None
        alt = rng.choice(["", "图片", "现场图", f"{rng.randint(1, 9)}.jpg"])
        return _insert_line(text, rng.choice(breaks), f"![{alt}]({_image_url(rng)})")
    spans_ = [(s, e) for s, e in sentences(text) if e - s > 12 and "[" not in text[s:e]]
    if not spans_:
        return None
    start, end = rng.choice(spans_)
    a = start + rng.randint(0, (end - start) // 2)
    b = min(end - 1, a + rng.randint(2, 8))
    site = rng.choice(["example.com", "example.org", "example.gov.cn"])
    url = f"https://www.{site}/{rng.randint(1, 9999)}.html"
    new_text, spans = splice(text, [(a, a, "["), (b, b, f"]({url})")])
    return Damage(new_text, [(spans[0][0], spans[1][1])], restorable=True)
