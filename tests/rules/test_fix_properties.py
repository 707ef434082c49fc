"""Property-based proofs that fixes never lose data.

Over random text: a fix changes only its span, the rest is byte-identical;
a second fix pass changes nothing; JSONL records keep every other byte.
"""

from __future__ import annotations

import json
from difflib import SequenceMatcher
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from corplint.config.registry import build_registry
from corplint.core.document import Document
from corplint.core.finding import Applicability, Edit, Finding, Fix
from corplint.engine.engine import Engine, apply_edits, choose_fixes
from corplint.io.writers import find_field, replace_field

REGISTRY = build_registry(load_entry_points=False)
SAFE = frozenset({Applicability.SAFE})
ALL_FIXES = frozenset(Applicability)
ENGINE = Engine([rule() for rule in REGISTRY.rules.values()])
ENCODING = Engine([rule() for rule in REGISTRY.rules.values() if rule.category == "encoding"])

# Text that mixes CJK, ASCII, controls, line endings, BOMs and markup-ish bits.
text_st = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("新闻稿件，。、“”<>/&;p \t\r\n\x00\x01\x85\ufeff\ufffd")),
        st.characters(codec="utf-8"),
    ),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(text_st)
def test_safe_fixes_only_touch_what_the_rules_target(text):
    """Whatever random text holds, the encoding rules' safe fixes delete only
    controls, a BOM or a line ending, and insert only line endings: every other
    character survives."""
    fixed = ENCODING.fix(Document(text), SAFE).document.text
    targets = set(map(chr, [*range(0, 9), 11, 12, *range(14, 32), 127])) | {"\ufeff", "\r", "\n"}
    for op, i1, i2, j1, j2 in SequenceMatcher(None, text, fixed, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            assert set(text[i1:i2]) <= targets, (op, text[i1:i2])
        if op in ("insert", "replace"):
            assert set(fixed[j1:j2]) <= {"\r", "\n"}, (op, fixed[j1:j2])


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["d", "春季花展开幕", "tÍ©d", "第一章"]),
    st.integers(min_value=2, max_value=40),
    st.sampled_from(["", "今天上午，春季花展在人民公园开幕，市民纷纷前来观赏。\n"]),
)
def test_second_fix_changes_nothing_on_repeated_lines(line, times, after):
    """A line repeated at the top of a document: whatever a fix removes, a second
    fix removes nothing (the nightly fuzz found a title rule that cut one copy per
    pass, ten passes per run)."""
    text = (line + "\n") * times + after
    for allowed in (SAFE, ALL_FIXES):
        once = ENGINE.fix(Document(text), allowed).document
        twice = ENGINE.fix(once, allowed)
        assert twice.document.text == once.text


@settings(max_examples=300, deadline=None)
@given(text_st)
def test_second_fix_changes_nothing(text):
    for allowed in (SAFE, ALL_FIXES):
        once = ENGINE.fix(Document(text), allowed).document
        twice = ENGINE.fix(once, allowed)
        assert not twice.changed
        assert twice.document.text == once.text


@settings(max_examples=300, deadline=None)
@given(text_st)
def test_control_character_fix_removes_exactly_the_controls(text):
    from corplint.rules.encoding import ControlCharacters

    engine = Engine([ControlCharacters()])
    fixed = engine.fix(Document(text), ALL_FIXES).document.text
    controls = set(map(chr, [*range(0, 9), 11, 12, *range(14, 32), *range(127, 160)]))
    assert fixed == "".join(ch for ch in text if ch not in controls)


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 5), st.text(max_size=3)), max_size=8))
def test_apply_edits_keeps_text_outside_edits(raw_edits):
    text = "零一二三四五六七八九" * 6
    findings = [
        Finding(s, s + n, "m", Fix((Edit(s, s + n, r),), Applicability.SAFE))
        for s, n, r in raw_edits
    ]
    chosen = choose_fixes(sorted(findings, key=lambda f: f.start), SAFE, frozenset())
    edits = sorted((e for f in chosen for e in f.fix.edits), key=lambda e: (e.start, e.end))
    out = apply_edits(text, edits)
    pos = 0
    rebuilt = []
    for e in edits:
        rebuilt.append(text[pos : e.start] + e.replacement)
        pos = e.end
    rebuilt.append(text[pos:])
    assert out == "".join(rebuilt)
    for a, b in pairwise(edits):
        assert a.end <= b.start


json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.text(max_size=6).filter(lambda k: k != "text"), json_values, max_size=4),
    st.text(max_size=30),
    st.text(max_size=30),
    st.booleans(),
    st.sampled_from([(", ", ": "), (",", ":"), (" , ", " : ")]),
)
def test_replace_field_keeps_every_other_byte(others, old, new, ascii_style, separators):
    record = {**others, "text": old}
    line = json.dumps(record, ensure_ascii=ascii_style, separators=separators)
    start, end = find_field(line, ["text"])
    replaced = replace_field(line, ["text"], new)
    assert json.loads(replaced)["text"] == new
    assert replaced[:start] == line[:start]
    assert replaced[len(replaced) - (len(line) - end) :] == line[end:]
    assert {k: v for k, v in json.loads(replaced).items() if k != "text"} == others


def test_replace_field_nested_and_duplicate_keys():
    line = '{"a": {"text": "x", "b": 1}, "text": "first", "text": "last"}'
    assert replace_field(line, ["a", "text"], "新") == (
        '{"a": {"text": "新", "b": 1}, "text": "first", "text": "last"}'
    )
    # json.loads takes the last duplicate; so does the writer
    assert replace_field(line, ["text"], "y").endswith('"text": "first", "text": "y"}')
