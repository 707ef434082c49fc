"""Parquet tables: one document per row of a text column, fixed rows written back.

Parquet needs pyarrow, an optional extra (``pip install 'corplint[parquet]'``);
without it a ``.parquet`` input is reported, not skipped. Rows are read batch
by batch, so memory follows the batch, not the table. With ``--fix`` a new
file is written beside the target — every other column and the schema kept,
only the text column replaced where a fix changed it — and moved over it
atomically.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from typing import Any

from corplint.document import Document

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
    write_to: str | None = None,
    always_write: bool = False,
) -> int:
    """Run ``handle`` on every row's text (record = 1-based row number) and, when
    ``write_to`` is given and a row changed (or ``always_write``), write the
    table with the fixed texts there. Returns the number of rows changed."""
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
    writer = tmp = None
    changed = 0
    row = 0
    try:
        for batch in table.iter_batches(batch_size=BATCH_ROWS):
            texts = batch.column(index).to_pylist()
            fixed = list(texts)
            for i, text in enumerate(texts):
                row += 1
                if text is None:
                    continue
                new = handle(Document(text, path=shown, format="jsonl", record=row))
                if new is not None:
                    fixed[i] = new.text
                    changed += 1
            if write_to is not None:
                if writer is None:
                    fd, tmp = tempfile.mkstemp(
                        prefix=f".{os.path.basename(write_to)}.",
                        suffix=".corplint",
                        dir=os.path.dirname(write_to) or ".",
                    )
                    os.close(fd)
                    writer = pq.ParquetWriter(tmp, schema)
                columns = list(batch.columns)
                columns[index] = pa.array(fixed, type=schema.field(column).type)
                writer.write_batch(pa.RecordBatch.from_arrays(columns, schema=schema))
        if writer is not None:
            writer.close()
            writer = None
            if changed or always_write:
                os.replace(tmp, write_to)  # type: ignore[arg-type]
                tmp = None
    except pa.ArrowException as exc:
        raise ParquetProblem(f"stopped after row {row}: {exc}") from None
    finally:
        if writer is not None:
            writer.close()
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return changed
