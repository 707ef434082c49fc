"""The benchmark's scorer, checked on a fake linter output with known hits and misses."""

from __future__ import annotations

import pytest

from benchmarks.quality.model import Defect, Sample, line_starts, lines_of, splice
from benchmarks.quality.score import changed_share, fix_exactness, score


def finding(category: str, line: int, column: int, end_line: int, end_column: int) -> dict:
    return {
        "category": category,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
    }


@pytest.fixture
def corpus():
    # doc a: a control character on line 2 (caught) and one on line 3 (missed)
    a = Sample(
        "a",
        "news",
        "第一行\n第\x00二行\n第三\x01行\n",
        "第一行\n第二行\n第三行\n",
        kind="control-characters",
        defects=[
            Defect("control-characters", "encoding", 5, 6),
            Defect("control-characters", "encoding", 11, 12),
        ],
        restorable=True,
    )
    # doc b: a file-level defect (caught), plus a false finding of another category
    b = Sample(
        "b",
        "news",
        "正文\n",
        "正文\n",
        kind="file-gb18030",
        encoding="gb18030",
        defects=[Defect("file-gb18030", "encoding", file_level=True)],
        restorable=True,
    )
    # doc c: mojibake that accepts encoding findings, found only by an encoding rule
    c = Sample(
        "c",
        "news",
        "甲乙\ufffd丙\n",
        "甲乙丁丙\n",
        kind="utf8-as-gbk",
        defects=[Defect("utf8-as-gbk", "mojibake", 2, 3, accept=("encoding",))],
    )
    clean = [
        Sample("k1", "news", "干净的一行\n" * 10, "干净的一行\n" * 10),
        Sample("k2", "news", "另一份\n", "另一份\n"),
    ]
    findings = {
        "a": [finding("encoding", 2, 2, 2, 3)],
        "b": [finding("encoding", 1, 1, 1, 3), finding("markup", 1, 1, 1, 2)],
        "c": [finding("encoding", 1, 3, 1, 4)],
        "k1": [finding("encoding", 4, 1, 4, 2), finding("encoding", 4, 3, 4, 4)],
        "k2": [],
    }
    paths = {id(s): s.doc_id for s in [a, b, c, *clean]}
    return [a, b, c], clean, findings, paths


def test_known_hits_and_misses_give_known_numbers(corpus):
    damaged, clean, findings, paths = corpus
    report = score(damaged, clean, findings, paths)
    enc = report.line["encoding"]
    # predicted encoding lines: a:2 (tp), b:1 (tp, file-level), c:1 (tp, accepted), k1:4 (fp)
    assert (enc.tp, enc.fp) == (3, 1)
    # gold encoding units: a:2, a:3, b:file = 3, caught 2
    assert (enc.gold, enc.caught) == (3, 2)
    assert enc.precision == pytest.approx(0.75)
    assert enc.recall == pytest.approx(2 / 3)
    assert enc.f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    moj = report.line["mojibake"]
    assert (moj.gold, moj.caught, moj.tp, moj.fp) == (1, 1, 0, 0)
    assert report.line["markup"].fp == 1
    # document level: encoding predicted in a, b, c (all tolerate it) and k1 (false)
    assert (report.doc["encoding"].tp, report.doc["encoding"].fp) == (3, 1)
    assert (report.doc["encoding"].gold, report.doc["encoding"].caught) == (2, 2)
    assert (report.doc["markup"].tp, report.doc["markup"].fp) == (0, 1)
    # per kind: span overlap
    assert (report.kind["control-characters"].gold, report.kind["control-characters"].caught) == (
        2,
        1,
    )
    assert report.kind["file-gb18030"].recall == 1.0
    assert report.kind["utf8-as-gbk"].recall == 1.0
    # false findings per MB of clean text: 2 findings over the clean bytes
    clean_mb = sum(len(s.original.encode()) for s in clean) / 1e6
    assert report.false_per_mb("encoding") == pytest.approx(2 / clean_mb)
    assert report.false_per_mb("markup") == 0


def test_fix_exactness_and_clean_changes(corpus):
    damaged, clean, _, _ = corpus
    fixed = {
        id(damaged[0]): damaged[0].original_data(),
        id(damaged[1]): b"wrong",
        id(damaged[2]): b"irrelevant",
    }
    exact = fix_exactness(damaged, fixed)
    assert exact == {"control-characters": [1, 1], "file-gb18030": [0, 1]}  # c is not restorable
    untouched = {id(s): s.data() for s in clean}
    assert changed_share(clean, untouched) == 0.0
    one_byte = dict(untouched)
    one_byte[id(clean[1])] = clean[1].data().replace("份".encode(), "分".encode())
    total = sum(len(s.data()) for s in clean)
    assert changed_share(clean, one_byte) == pytest.approx(3 / total)  # one 3-byte character


def test_splice_and_line_helpers():
    text, spans = splice("abcdef", [(1, 2, "XY"), (4, 4, "+")])
    assert text == "aXYcd+ef" and spans == [(1, 3), (5, 6)]
    starts = line_starts("a\r\nb\rc\nd")
    assert list(lines_of(starts, 1, 3)) == [1]  # the CRLF belongs to line 1
    assert list(lines_of(starts, 0, 5)) == [1, 2]  # ends with the CR that ends line 2
    assert list(lines_of(starts, 0, 6)) == [1, 2, 3]
    assert list(lines_of(starts, 7, 7)) == [4]


def test_per_kind_counts_use_the_kinds_documents_and_controls(corpus):
    damaged, clean, findings, paths = corpus
    clean[0].control_for = "control-characters"  # k1 has a false encoding finding
    clean[1].control_for = "file-gb18030"
    report = score(damaged, clean, findings, paths)
    cc = report.kind_doc["control-characters"]
    assert (cc.gold, cc.caught, cc.tp, cc.fp) == (1, 1, 1, 1)
    assert report.kind_doc["file-gb18030"].fp == 0
    line = report.kind_line["control-characters"]
    assert (line.tp, line.fp, line.gold, line.caught) == (1, 0, 2, 1)
