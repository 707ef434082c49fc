"""Decoding and reading: strict UTF-8 first, chardet only on failure, nothing ever lost."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corplint.io.decoding import decode, encode, looks_binary
from corplint.io.readers import Notice, iter_records

NEWS = "据新华社消息，国务院新闻办公室今天召开会议，通报今年以来经济运行的基本情况。\n"
NEWS_HANT = "據新華社消息，國務院新聞辦公室今天召開會議，通報今年以來經濟運行的基本情況。\n"


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [(NEWS, "gb18030", "gb18030"), (NEWS, "gbk", "gb18030"), (NEWS_HANT, "big5", "cp950")],
)
def test_chinese_codecs_are_detected(text, codec, expected):
    decoded = decode(text.encode(codec))
    assert decoded is not None
    assert (decoded.text, decoded.encoding, decoded.lossless) == (text, expected, True)


def test_utf8_is_the_fast_path():
    decoded = decode(NEWS.encode())
    assert decoded.encoding == "utf-8" and decoded.confidence == 1.0


def test_truncated_utf8_keeps_its_bytes():
    data = NEWS.encode()[:-2]
    decoded = decode(data)
    assert decoded.encoding == "utf-8" and decoded.undecodable == 2  # 2 of 3 bytes of "。"
    assert encode(decoded.text, decoded.encoding) == data


@given(st.binary(max_size=300))
def test_any_bytes_round_trip_or_are_refused(data):
    decoded = decode(data)
    if decoded is None:
        return
    if decoded.lossless:
        assert encode(decoded.text, decoded.encoding) == data


def test_binary_detection():
    assert looks_binary(b"\x89PNG\r\n\x1a\n....")
    assert looks_binary(bytes(range(32)) * 10)
    assert not looks_binary("正文\x00正文".encode() * 10)
    assert decode(b"\x89PNG\r\n\x1a\n" + bytes(range(256))) is None


def test_jsonl_reader_goes_on_after_bad_records():
    data = (
        b'{"text": "one"}\n'
        b"{broken\n"
        b"\n"
        b'{"text": "\xd6\xd0\xce\xc4"}\n'  # a record in GBK bytes
        b'{"title": "no text"}\n'
        b'{"text": "last"}'
    )
    items = list(iter_records(io.BytesIO(data), "x.jsonl", "text"))
    docs = [i.document for i in items if i.document is not None]
    problems = [i.problem for i in items if i.problem is not None]
    assert [d.text for d in docs] == ["one", "中文", "last"]
    assert [d.record for d in docs] == [1, 4, 6]
    assert docs[1].encoding == "gb18030"
    assert [p.record for p in problems] == [2, 5]
    assert "not valid JSON" in problems[0].message
    assert "text field 'text' is missing" in problems[1].message
    assert not any(isinstance(i, Notice) for i in items)


def test_jsonl_reader_reports_a_broken_stream():
    class Broken(io.BytesIO):
        def __iter__(self):
            yield b'{"text": "a"}\n'
            raise EOFError("Compressed file ended before the end-of-stream marker was reached")

    items = list(iter_records(Broken(), "x.jsonl.gz", "text"))
    assert isinstance(items[-1], Notice)
    assert "stopped reading after line 1" in items[-1].message


def test_big5_family_disagreement_is_not_confident():
    # "⑵" is a CP950 extension that Big5-HKSCS reads as a Cyrillic letter
    data = (NEWS_HANT.rstrip("\n") + "⑵\n").encode("cp950")
    decoded = decode(data)
    assert decoded.encoding == "cp950" and decoded.text.endswith("⑵\n")
    assert decoded.candidates >= 2  # so the not-utf8 rule offers only an unsafe fix
    assert decode(NEWS_HANT.encode("cp950")).candidates == 1


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz", ".zst"])
def test_compressed_jsonl_is_read_and_fixed_in_its_own_codec(tmp_path, cli, suffix):
    """Every supported codec: records are checked, and --fix writes the file back
    compressed the same way, every other byte of each record kept."""
    from corplint.io.compression import open_read, wrap_write

    records = (
        '{"id": 1, "text": "第一\\u200b条。", "meta": {"k": [1, 2]}}\n'
        '{"id": 2, "text": "第二条没有问题。"}\n'
    ).encode()
    path = tmp_path / f"corpus.jsonl{suffix}"
    with open(path, "wb") as raw:
        out = wrap_write(raw, {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}[suffix])
        out.write(records)
        if out is not raw:
            out.close()
    result = cli("check", str(path), "--select", "MOJ006", "--output-format", "json")
    assert result.code == 1, result.err
    assert [f["record"] for f in json.loads(result.out)] == [1]
    fixed = cli("check", str(path), "--select", "MOJ006", "--fix")
    assert fixed.code == 0, fixed.err
    with open_read(str(path)) as fh:
        first, second = fh.read().splitlines(keepends=True)
    assert json.loads(first) == {"id": 1, "text": "第一条。", "meta": {"k": [1, 2]}}
    assert first.startswith(b'{"id": 1, "text": ') and first.endswith(b', "meta": {"k": [1, 2]}}\n')
    assert second == records.splitlines(keepends=True)[1]


def test_truncated_compressed_file_is_reported(tmp_path, cli):
    import lzma

    path = tmp_path / "cut.jsonl.xz"
    path.write_bytes(lzma.compress(b'{"text": "\\u4e00"}\n' * 200)[:-20])
    result = cli("check", str(path), "--select", "ENC")
    assert result.code == 2
    assert "cut.jsonl.xz" in result.err and "Traceback" not in result.err
