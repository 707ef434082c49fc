"""The fast script probes agree with the plain set test on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corplint.rules._shared.scripts import contains_script, script_sets

HANS, HANT = script_sets()
SAMPLE = sorted(HANS)[:200] + sorted(HANT)[:200] + list("的一是在不了後摺与优中文，。ABC 123\n😀")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(SAMPLE), st.characters()), max_size=80))
def test_probe_equals_set_test(text):
    assert contains_script(text, "hans") == (not HANS.isdisjoint(text))
    assert contains_script(text, "hant") == (not HANT.isdisjoint(text))


def test_sets_exclude_characters_of_both_scripts():
    assert not {"的", "中", "人", "群", "秘"} & (HANS | HANT)  # 群, 秘: Taiwan's standard
    assert "这" in HANS and "這" in HANT
