"""The empty-numeral-slot model behind the digits rules."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corplint.rules.digits import numerals
from corplint.rules.digits.numerals import (
    CERTAIN,
    _residues,
    _score,
    looks_stripped,
    model,
    strong_gaps,
)


def _fragments() -> list[str]:
    """Pieces of text the model has weights for (the characters of its features:
    ``abb`` + 改建的 gives 改建的), so that random joins of them make gaps that
    score near every threshold; plus digits and Chinese numerals."""
    keys = sorted(model().weights)
    pieces = [k[len(k) // 2 :] for k in keys if len(k) >= 4]
    return pieces[::7] + list("0123一二三，。、\n")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_fragments()), max_size=12), st.sampled_from([1.0, 2.5, 5.0]))
def test_the_scanner_misses_no_gap_that_reaches_the_floor(pieces, floor):
    """The regex scanner is only a fast path: it must find exactly what scoring
    the gap before every unit character would."""
    text = "".join(pieces)
    m = model()
    brute = {}
    for i in (i for i, ch in enumerate(text) if ch in m.unit_chars):
        score = _score(m, text, i)
        if score is not None and score >= floor:
            brute[i] = score
    brute |= {i: score for i, score in _residues(text).items() if score >= floor}
    assert dict(strong_gaps.__wrapped__(text, floor)) == brute


def test_residues_of_deleted_numbers_are_certain_gaps():
    text = "同比增长％，价格（）元。\n、第二条\n气温—℃\n. 第三条\n合格率达。"
    gaps = _residues(text)
    assert set(gaps.values()) == {CERTAIN}
    assert sorted(text[i] for i in gaps) == sorted("％）、—℃.。")


def test_a_latin_unit_without_number_is_likely_not_certain():
    gaps = _residues("买了G硬盘，外接5G的网卡，还有一件T恤。")
    assert gaps == {2: numerals.LATIN_UNIT}
    assert numerals.LATIN_UNIT < 5.0  # counts for a stripped document, not alone


def test_intact_numbers_leave_no_residue():
    intact = "同比增长5％，价格（3）元。\n1、第二条\n气温3—5℃\n2. 第三条 www.a.cn\n合格率达98％。"
    assert _residues(intact) == {}


def test_a_document_is_stripped_only_without_digits_and_with_gaps():
    intact = "截至2023年5月6日时，全市新增就业岗位1.2万个，同比增长8％。\n"
    stripped = numerals._ARABIC.sub("", intact).replace(".", "")
    assert not looks_stripped(intact)
    assert looks_stripped(stripped)
    assert not looks_stripped("自三月五日起，全市新增就业岗位一万二千个。\n")
