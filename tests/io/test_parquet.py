"""Parquet: one document per row of the text column; --fix rewrites only that column."""

from __future__ import annotations

import json

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def _table(path, texts):
    table = pa.table(
        {
            "id": pa.array(list(range(len(texts))), type=pa.int64()),
            "text": pa.array(texts, type=pa.string()),
            "meta": pa.array([{"src": f"s{i}"} for i in range(len(texts))]),
        }
    )
    pq.write_table(table, path, row_group_size=3)
    return table


def test_rows_are_checked_and_fixed_and_other_columns_kept(tmp_path, cli, monkeypatch):
    from corplint.io import parquet

    monkeypatch.setattr(parquet, "BATCH_ROWS", 2)  # several batches
    texts = ["第一行。", "第二\u200b行有零宽空格。", None, "第四行。", "第五\u200b行。"]
    path = tmp_path / "corpus.parquet"
    before = _table(path, texts)
    result = cli("check", str(path), "--select", "MOJ006", "--output-format", "json")
    assert result.code == 1, result.err
    assert [f["record"] for f in json.loads(result.out)] == [2, 5]
    fixed = cli("check", str(path), "--select", "MOJ006", "--fix")
    assert fixed.code == 0, fixed.err
    after = pq.read_table(path)
    assert after.schema == before.schema
    assert after.column("text").to_pylist() == [
        "第一行。",
        "第二行有零宽空格。",
        None,
        "第四行。",
        "第五行。",
    ]
    assert after.column("id").equals(before.column("id"))
    assert after.column("meta").equals(before.column("meta"))
    again = cli("check", str(path), "--select", "MOJ006", "--fix")
    assert again.code == 0 and pq.read_table(path).equals(after)


def test_a_table_without_the_column_is_reported(tmp_path, cli):
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"body": ["正文。"]}), path)
    result = cli("check", str(path))
    assert result.code == 2
    assert "no column 'text'" in result.err and "--text-field" in result.err
    ok = cli("check", str(path), "--text-field", "body")
    assert ok.code == 0, ok.err


def test_a_broken_file_is_reported(tmp_path, cli):
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 not really")
    result = cli("check", str(path))
    assert result.code == 2 and "broken.parquet" in result.err and "Traceback" not in result.err
