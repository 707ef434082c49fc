"""The real-data benchmark (issue 22): labels that still fit the text, halves
split by site, and a scorer that reports what it is asked to.

The issue's bars (junk precision/recall, false findings per MB, no good line
changed by a safe fix) are not met yet; ``python -m benchmarks.real`` prints
where each stands. These tests keep the instrument honest: a label that no
longer matches its line, a site on both sides of the split, or a scorer that
stops counting would make every later figure worthless.
"""

from __future__ import annotations

import pytest

from benchmarks.real.corpus import REAL, documents
from benchmarks.real.labels import KINDS, load
from benchmarks.real.score import match

pytestmark = pytest.mark.skipif(
    not REAL.is_dir(), reason=f"the real text is not at {REAL} (it lives beside the repository)"
)


@pytest.fixture(scope="module")
def docs():
    pytest.importorskip("trafilatura", reason="the news pages are read through trafilatura")
    return list(documents())


def test_every_labelled_document_still_matches_its_text(docs):
    labelled, drifted = match(docs, load())
    assert drifted == []
    assert len(labelled) >= 300
    assert {d.doc.genre for d in labelled} >= {"commoncrawl", "news", "records"}


def test_every_label_names_a_known_kind():
    for entry in load().values():
        for _, label in entry.lines.values():
            for one in label.split("+"):
                category, kind = one.split("/")
                assert kind in KINDS[category], f"{entry.doc}: {label}"


def test_no_site_is_on_both_halves(docs):
    halves: dict[str, set[str]] = {}
    for doc in docs:
        halves.setdefault(doc.site, set()).add(doc.half)
    assert all(len(h) == 1 for h in halves.values())
    assert {d.half for d in docs} == {"dev", "test"}


def test_the_scorer_counts_a_finding_on_a_labelled_line(docs, tmp_path):
    from benchmarks.real.score import score

    labelled, _ = match(docs, load())
    doc = next(
        d for d in labelled if any(label.startswith("boilerplate/") for label in d.labels.values())
    )
    line = next(n for n, label in doc.labels.items() if label.startswith("boilerplate/"))
    good = next(n for n, text in enumerate(doc.lines, 1) if n not in doc.labels and text.strip())
    report = score([doc], {doc.file: {line: {"boilerplate"}, good: {"punctuation"}}})
    assert report.categories["boilerplate"].hits == 1
    assert report.categories["junk"].caught == 1
    assert report.categories["punctuation"].false_on_good == 1
    assert report.false_per_mb("punctuation") > 0


@pytest.fixture(scope="module")
def measured(docs):
    from benchmarks.real.__main__ import measure

    labelled, _ = match(docs, load())
    return {
        half: measure([d for d in labelled if d.doc.half == half], fixes=True)
        for half in ("dev", "test")
    }


@pytest.mark.parametrize(
    ("half", "category", "precision", "recall"),
    # a ratchet a little under where each half stands (junk: dev 0.98/0.74,
    # test 0.95/0.34; spam: dev 0.89/0.71, test 0.78/0.30 on 2026-12-06),
    # itself under the bars (junk 0.9/0.7, spam recall 0.8)
    [
        ("dev", "junk", 0.95, 0.72),
        ("test", "junk", 0.90, 0.30),
        ("dev", "spam", 0.85, 0.65),
        ("test", "spam", 0.70, 0.25),
    ],
)
def test_junk_lines_do_not_slip_back(measured, half, category, precision, recall):
    found = measured[half].categories[category]
    assert found.precision() >= precision
    assert found.recall() >= recall


@pytest.mark.parametrize("half", ["dev", "test"])
def test_a_safe_fix_leaves_good_lines_alone(measured, half):
    assert measured[half].fixes["fix"].good_changed == 0


@pytest.mark.parametrize("category", ["digits", "encoding", "markup", "mojibake", "punctuation"])
def test_other_categories_stay_quiet_on_good_text(measured, category):
    """The issue's bar: at most one false finding per MB of good text, on the
    test half. Layout (two false lines on the test half) is the open one."""
    assert measured["test"].false_per_mb(category) <= 1.0
