"""Where a JSONL record's text lies in its raw line: each character's column."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from corplint.io.writers import raw_columns


@given(
    st.text(max_size=40),
    st.booleans(),
    st.sampled_from([["text"], ["doc", "body"]]),
)
def test_raw_columns_point_at_each_character_as_the_line_writes_it(text, ascii_only, keys):
    record = {"id": 7, "text": text} if keys == ["text"] else {"doc": {"n": [1], "body": text}}
    line = json.dumps(record, ensure_ascii=ascii_only)
    offsets = list(range(len(text) + 1))
    columns = raw_columns(line, keys, offsets)
    assert columns is not None
    for offset, column in zip(offsets, columns, strict=True):
        if offset == len(text):
            assert line[column - 1] == '"'  # the end of the text is its closing quote
            continue
        nxt = columns[offset + 1]
        assert json.loads('"' + line[column - 1 : nxt - 1] + '"') == text[offset]
