"""Parquet tables: one document per row of a text column, fixed rows written back.

Parquet needs pyarrow, an optional extra (``pip install 'corplint[parquet]'``);
without it a ``.parquet`` input is reported, not skipped. Rows are read batch
by batch, so memory follows the batch, not the table. With ``--fix`` a new
file is written to the path the caller gives (a temporary sibling of the
target) — every other column and the schema kept, only the text column
replaced where a fix changed it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from corplint.core.document import Document
from corplint.core.finding import ReadProblem
from corplint.io.readers import malformed

SUFFIXES = (".parquet", ".pq")
BATCH_ROWS = 2048


class ParquetProblem(Exception):
    """The table cannot be read or written as asked (the message says why)."""


def is_parquet(path: str) -> bool:
    return path.lower().endswith(SUFFIXES)


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ParquetProblem(
            "reading Parquet needs pyarrow: pip install 'corplint[parquet]'"
        ) from None
    return pa, pq


def process(
    path: str,
    shown: str,
    column: str,
    handle: Callable[[Document], Document | None],
    problem: Callable[[ReadProblem], None] | None = None,
    write_to: str | None = None,
    id_column: str | None = None,
) -> tuple[int, int]:
    """Run ``handle`` on every row's text (record = 1-based row number); with
    ``write_to``, write the table there with the fixed texts. A row whose text
    is null goes to ``problem`` as a malformed record. Returns the
    number of rows read and of rows changed; the caller decides whether the
    written file replaces anything."""
    pa, pq = _pyarrow()
    try:
        table = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise ParquetProblem(f"cannot read: {exc}") from None
    schema = table.schema_arrow
    if column not in schema.names:
        raise ParquetProblem(
            f"no column '{column}' (columns: {', '.join(schema.names)}); use --text-field"
        )
    if not pa.types.is_string(schema.field(column).type) and not pa.types.is_large_string(
        schema.field(column).type
    ):
        raise ParquetProblem(f"column '{column}' holds {schema.field(column).type}, not text")
    index = schema.get_field_index(column)
    id_index = schema.get_field_index(id_column) if id_column in schema.names else -1
    writer = pq.ParquetWriter(write_to, schema) if write_to is not None else None
    changed = 0
    row = 0
    try:
        for batch in table.iter_batches(batch_size=BATCH_ROWS):
            texts = batch.column(index).to_pylist()
            ids = batch.column(id_index).to_pylist() if id_index >= 0 else [None] * len(texts)
            fixed = list(texts)
            for i, text in enumerate(texts):
                row += 1
                if text is None:
                    if problem is not None:
                        problem(null_text(shown, row, column))
                    continue
                doc = Document(text, path=shown, format="jsonl", record=row, id=ids[i])
                new = handle(doc)
                if new is not None:
                    fixed[i] = new.text
                    changed += 1
            if writer is not None:
                columns = list(batch.columns)
                columns[index] = pa.array(fixed, type=schema.field(column).type)
                writer.write_batch(pa.RecordBatch.from_arrays(columns, schema=schema))
    except pa.ArrowException as exc:
        raise ParquetProblem(f"stopped after row {row}: {exc}") from None
    finally:
        if writer is not None:
            writer.close()
    return row, changed


def row_count(path: str) -> int:
    """Rows in a written table, read back from its footer (-1 if it cannot be read)."""
    pa, pq = _pyarrow()
    try:
        return pq.ParquetFile(path).metadata.num_rows
    except (OSError, pa.ArrowException):
        return -1


def null_text(path: str, row: int, column: str) -> ReadProblem:
    """A row whose text is null: reported as JSONL reports a record without text."""
    return malformed(path, row, 1, f"text field '{column}' is null, not a string")
