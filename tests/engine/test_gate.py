"""The one-scan gate: a rule whose trigger is absent is not called, and
skipping it never changes what the run finds."""

from __future__ import annotations

import re

import pytest

import corplint
from corplint.config.registry import build_registry
from corplint.config.specs import find_spec
from corplint.core.document import Document
from corplint.core.finding import Finding
from corplint.core.rule import Rule, RuleDefinitionError, portable, trigger_problem
from corplint.engine import gate
from corplint.engine.engine import Engine

re2 = pytest.importorskip("re2", reason="google-re2 is a dependency; the fallback is tested apart")

REGISTRY = build_registry(load_entry_points=False)


class _Counting(Rule):
    """Finds every document it is called on (a test rule)."""

    code = "TST001"
    name = "counting"
    category = "markup"

    def __init__(self, **settings: object) -> None:
        super().__init__(**settings)
        self.calls = 0

    def check(self, doc: Document):
        self.calls += 1
        yield Finding(0, 0, "called")


class _TriggeredByX(_Counting):
    """Called only where an x is (a test rule)."""

    code = "TST002"
    name = "triggered-by-x"
    trigger = "x"


def test_a_rule_is_called_only_where_its_trigger_matches():
    always, gated = _Counting(), _TriggeredByX()
    engine = Engine([always, gated])
    assert [f.code for f in engine.check(Document("abc"))] == ["TST001"]
    assert sorted(f.code for f in engine.check(Document("wxyz"))) == ["TST001", "TST002"]
    assert (always.calls, gated.calls) == (2, 1)


def test_text_re2_cannot_read_runs_every_rule():
    gated = _TriggeredByX()
    engine = Engine([gated])
    # a lone surrogate (an undecodable byte kept by surrogateescape) is no UTF-8
    engine.check(Document("abc\udcff"))
    assert gated.calls == 1


def test_every_built_in_trigger_runs_in_re2():
    """A trigger RE2 rejects falls back to a slower scan of its own: none may."""
    for code, cls in REGISTRY.rules.items():
        trigger = cls().trigger
        if trigger is not None:
            assert trigger_problem(trigger) is None, code
            re2.compile(trigger)


def _spec_texts() -> list[str]:
    texts = []
    for code in REGISTRY.rules:
        spec = find_spec(code, REGISTRY.spec_dirs)
        for case in spec.fail + spec.passing if spec else ():
            if isinstance(case.text, str):
                texts.append(case.text)
    return texts


def test_re_and_re2_read_every_trigger_alike():
    """Where one would skip a rule and the other not, the gate would depend on
    whether the wheel is installed: tested on every spec case's text and on
    the characters whose class differs between the engines."""
    tricky = ["a\x85b", "标题\u3000\u3000官网\n", "官网\n", "官网", "\u2028", "１２", "x\r\n"]
    triggers = {cls().trigger for cls in REGISTRY.rules.values()} - {None}
    for trigger in triggers:
        ours, theirs = re.compile(trigger), re2.compile(trigger)
        for text in _spec_texts() + tricky:
            found = ours.search(text) is not None
            assert found == (theirs.search(text.encode()) is not None), (trigger[:60], text)


def test_without_re2_the_findings_are_the_same(monkeypatch):
    text = (
        "自月日起，锟斤拷的问题得到解决。\n"
        "澳门金沙官网 百家乐 真人娱乐 注册送彩金\n"
        "<b>你好</b> 这是 http://example.com/a b.jpg 的例子\u200b。\n"
    )
    expected = [(f.code, f.start, f.end) for f in corplint.Linter().check(text)]
    monkeypatch.setattr(gate, "_re2", None)
    gate._plan.cache_clear()
    try:
        found = [(f.code, f.start, f.end) for f in corplint.Linter().check(text)]
        assert gate._plan(("x", None)).scans == ()  # the fallback was taken
    finally:
        gate._plan.cache_clear()
    assert found == expected
    assert {"DIG001", "MOJ003", "SPM001", "MKP001"} <= {code for code, _, _ in found}


@pytest.mark.parametrize(
    "pattern",
    [r"\d", r"[\s]", r"a(?=b)", r"(?<!a)b", r"end$", r"\u4e00", r"(a)\1", "[unclosed"],
)
def test_triggers_that_mean_something_else_to_re2_are_refused(pattern):
    assert trigger_problem(pattern) is not None


@pytest.mark.parametrize("pattern", ["(?m:^a$)", "[\u4e00-\u9fff]{3}", r"\$\d?"[:2], "a|b"])
def test_portable_triggers_are_accepted(pattern):
    assert trigger_problem(pattern) is None


def test_a_rule_class_with_a_bad_trigger_is_refused():
    class Bad(_Counting):
        """A test rule."""

        code = "TST003"
        name = "bad"
        trigger = r"\d+"

    with pytest.raises(RuleDefinitionError, match="trigger"):
        Bad.validate()


def test_portable_writes_unicode_escapes_as_characters():
    assert portable(r"[\u4e00-\u9fff]\U0001F600") == "[\u4e00-\u9fff]\U0001f600"
    assert portable(r"\\u4e00") == r"\\u4e00"  # an escaped backslash stays
