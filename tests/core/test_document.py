"""Documents: positions, views that map back to original offsets, picklability."""

from __future__ import annotations

import os
import pickle
import stat

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corplint.core.document import Document
from corplint.io.safefile import atomic_write


@given(st.text(alphabet=st.sampled_from(list("ab中\r\n")), max_size=60))
def test_positions_agree_with_splitting_on_every_line_break(text):
    doc = Document(text)
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] == "\r\n":
            continue  # the middle of a CRLF is not a position anyone reports
        line, col = doc.position(offset)
        before = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
        assert line == before.count("\n") + 1
        assert col == len(before) - (before.rfind("\n") + 1) + 1
        assert doc.index.offset(line, col) == offset


def test_lines_exclude_line_breaks():
    doc = Document("一\r\n二\n\n三")
    assert [doc.text[s:e] for s, e in doc.lines()] == ["一", "二", "", "三"]
    assert doc.index.line_span(2) == (3, 4)


def test_prose_skips_front_matter_markup_and_urls():
    text = (
        "---\ntitle: 标题\nimage: https://x.example/a.jpg\n---\n"
        '正文<img src="https://x.example/b.jpg">见 https://x.example/c 和[链接](https://x.example/d)。'
        "&nbsp;完<!-- 注释 -->"
    )
    doc = Document(text, format="markdown")
    fm = doc.front_matter()
    assert fm is not None and text[fm[0] : fm[1]].startswith("---\ntitle")
    prose = [text[s:e] for s, e in doc.prose()]
    assert "".join(prose) == "正文见  和[链接]。完"
    assert all(text[s:e] == p for (s, e), p in zip(doc.prose(), prose, strict=True))


def test_front_matter_only_in_markdown():
    assert Document("---\na: 1\n---\n", format="text").front_matter() is None


def test_documents_pickle_with_or_without_their_index():
    doc = Document("第一行\n第二行", path="a.jsonl", format="jsonl", record=7, encoding="gb18030")
    doc.position(5)  # build the lazy index
    clone = pickle.loads(pickle.dumps(doc))
    assert clone == doc and clone.position(5) == (2, 2)


def test_atomic_write_keeps_mode_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    atomic_write(str(path), b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_atomic_write_failure_leaves_the_original(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(b"original")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write(str(path), b"new")
    assert path.read_bytes() == b"original"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_memo_computes_once_per_document_and_resets_with_the_text():
    from corplint.core.document import Document

    calls = []
    doc = Document("正文")

    def compute():
        calls.append(1)
        return len(calls)

    assert doc.memo("k", compute) == 1
    assert doc.memo("k", compute) == 1
    assert calls == [1]
    fixed = doc.with_text("改过的正文")
    assert fixed.memo("k", compute) == 2
