"""No rule's cost grows faster than the document.

Timing tests are noisy; this counts work instead. Every Python line a rule
runs (its loops, its generator expressions, its helpers) is one event of
``sys.settrace``; a document eight times as long must cost about eight times
the events, not sixty-four. Work done inside C (``re``, ``str`` methods) is not
counted, which is what the fast path should be made of anyway; a C call
on the whole document made once per finding (``set(text)`` per run) is not
caught here but by ``python -m benchmarks.rule_scaling``.

The documents mix clean paragraphs with the damage every family looks for,
so each rule's slow path is exercised, not only its first gate.
"""

from __future__ import annotations

import sys

import pytest

import corplint
from corplint.api.wiring import setup

GROWTH = 8
RATIO = GROWTH * 1.5
"""Eight times the text may cost at most 1.5 times the linear share of work."""


def _document(paragraphs: int) -> str:
    """A news-like document of ``paragraphs`` paragraphs, each numbered so that no
    two are alike, with a defect of some family in most of them."""
    mangled = "经济发展的新闻报道".encode().decode("gbk", "ignore")
    shifted = "本市今年的经济发展情况良好各项指标稳步增长".encode("gbk")[1:]
    shifted = shifted.decode("gbk", "replace")  # GBK read one byte off
    kinds = [
        "第{i}段：本市今年的经济发展情况良好，各项指标稳步增长，市民生活水平持续提高。",
        "据记者了解，第{i}个项目的建设进度已经过半，预计明年年底\n全面完成并投入使用，届时将惠及周边居民。",
        "他們說第{i}個問題已經解決了，但是我们还要继续观察。",
        "会议于月日在北京举行，共有{i}位代表出席，会议讨论了发展规划。",
        "今天天气很好,我们去了第{i}个公园.大家都很开心!",
        "原文标题{i}：" + mangled + "，值得一读。",
        "![图片{i}](http://img.example.com/photo{i}.jpg?imageView2/2/w/640)",
        "&nbsp;&nbsp;第{i}段正文<br/>里面有残留的标记&lt;p&gt;。",
        "责任编辑：王{i}",
        "点击查看更多精彩内容，关注我们的公众号获取第{i}期资讯。",
        "这一行有零宽\u200b空格和第{i}个控制字符\x07。",
        "据统计，今年前三季度共接待游客{i}万人次，同比增长百分之十二",
        "点。其中，外地游客占比超过六成，主要来自周边省份。",
        "第{i}次会议今天召开，各部门负责同志汇报了工作进展，并就下一步\n的工作作了安排。",
        "各区县要结合第{i}号文件的实际情况\n抓好落实，确保各项措施及时落到实处。",
        "第{i}段：" + shifted,
        "▲",
        "图为第{i}届运动会开幕式现场",
    ]
    out = ["第一标题：本地新闻"]
    for i in range(paragraphs):
        out.append(kinds[i % len(kinds)].format(i=i))
    return "\n".join(out) + "\n"


def _mostly_traditional(text: str) -> str:
    """Two lines in three converted to Traditional: a Traditional document with
    Simplified runs, which SCR001 converts one by one."""
    from corplint.rules._shared.scripts import converter

    s2t = converter("s2t")
    lines = text.split("\n")
    return "\n".join(s2t.convert(line) if i % 3 else line for i, line in enumerate(lines))


SHAPES = {
    "paragraphs": lambda text: text,
    "Traditional": _mostly_traditional,
    "one line": lambda text: text.replace("\n", ""),
    "no punctuation": lambda text: text.translate(str.maketrans("", "", "，。、：！,.!")),
}
"""The same text as lines, mostly in Traditional, as one run-on line (a corpus
glued together), and without punctuation (what many scripts and converters
split on)."""


def _events(linter: corplint.Linter, text: str) -> int:
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        count += 1
        return trace

    sys.settrace(trace)
    try:
        linter.check(text)
    finally:
        sys.settrace(None)
    return count


def _default_codes() -> list[str]:
    return sorted(rule.code for rule in setup().engine.rules if not rule.network)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("code", _default_codes())
def test_a_rule_costs_in_proportion_to_the_document(code, shape):
    linter = corplint.Linter(select=[code])
    reshape = SHAPES[shape]
    linter.check(reshape(_document(20)))  # lazily loaded models are not the document's cost
    small, large = reshape(_document(100)), reshape(_document(100 * GROWTH))
    assert len(large) > 0.95 * GROWTH * len(small)
    work = _events(linter, small), _events(linter, large)
    assert work[1] <= RATIO * max(work[0], 1), f"{code}: {work[0]} events, then {work[1]}"


def test_the_document_defects_reach_the_rules():
    """The yardstick is worth something only if the rules find things in it."""
    found = {f.code for f in corplint.check(_document(60), select=["ALL"])}
    families = {code[:3] for code in found}
    assert {"MOJ", "SCR", "DIG", "PUN", "LAY", "BLP", "MKP", "ENC"} <= families, found
