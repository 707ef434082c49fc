"""Files of records: JSONL (checked in chunks, each record's text field fixed in
place, every other byte kept) and Parquet tables."""

from __future__ import annotations

import io
from dataclasses import dataclass

from corplint.core.document import Document
from corplint.core.finding import Finding
from corplint.engine.notes import LOSSY, UNREAD
from corplint.engine.notes import crash as _crash
from corplint.engine.notes import reason as _reason
from corplint.engine.output import _loses_bytes
from corplint.engine.tasks import Task
from corplint.io import parquet
from corplint.io.compression import codec_for
from corplint.io.readers import (
    Notice,
    Record,
    iter_records,
)
from corplint.io.writers import raw_columns, rewrite_record

PROGRESS_STEP = 1 << 20
"""Bytes of a JSONL file read between two moves of the progress bar."""


@dataclass
class RecordFiles:
    """The record-file half of :class:`corplint.engine.run.Runner`."""

    def _progressed(self, size: int) -> None:
        """``size`` more bytes of the input being checked here are done."""
        self._moved += size
        self._advance(size)

    def _run_jsonl(self, path: str, shown: str) -> None:
        try:
            stream = self.inputs.stream(path)
        except OSError as exc:
            self.notice(Notice(shown, f"cannot read: {_reason(exc)}"))
            return
        out = self._open_output(path, shown) if self._writes_file(path) else None
        if self._writes_file(path) and out is None:
            stream.close()  # type: ignore[attr-defined]
            return
        read_whole, changed, diff_header = True, False, False
        # the progress bar moves within a file (its bytes as read, when not compressed)
        step, unreported = (0 if codec_for(path) else PROGRESS_STEP), 0
        try:
            for record in iter_records(
                stream, shown, self.options.text_field, 1, self.options.id_field
            ):  # type: ignore[arg-type]
                if step and not isinstance(record, Notice):
                    unreported += len(record.raw)
                    if unreported >= step:
                        self._progressed(unreported)
                        unreported = 0
                if isinstance(record, Notice):
                    self.notice(record)
                    read_whole = False  # never replace a file we could not read to its end
                    continue
                raw = self._record(record)
                if raw is not record.raw:
                    changed = True
                    if self.options.mode == "diff":
                        diff_header = self._diff_record(shown, record, raw, diff_header)
                if path == "-" and self.options.mode == "fix":
                    self.inputs.write_stdout(raw)
                if out is not None:
                    out.write(raw)
        except BaseException:
            if out is not None:
                out.discard()  # an interrupt or a crash: the original stays as it was
            self._pending_fixed = 0
            raise
        finally:
            if path != "-":
                stream.close()  # type: ignore[attr-defined]
        if path == "-":
            if self.options.mode == "fix":
                self._stdout_done()
            return
        if out is None:
            return
        if not read_whole:
            out.discard()
            self._pending_fixed = 0
            if changed:
                self.notice(Notice(shown, UNREAD))
        elif changed or self.options.output_dir:
            self._commit(out, shown)
        else:
            out.discard()

    def _run_parquet(self, path: str, shown: str) -> None:
        out = None
        if self._writes_file(path):
            out = self._open_output(path, shown)
            if out is None:
                return
            out.close_stream()  # pyarrow writes the temporary file by its path
        try:
            rows, changed = parquet.process(
                path,
                shown,
                self.options.text_field,
                self._process,
                self._reader_problem,
                write_to=out.temp_path if out is not None else None,
                id_column=self.options.id_field,
            )
        except BaseException as exc:
            if out is not None:
                out.discard()
            self._pending_fixed = 0
            # a broken pipe is the report's reader gone, not this file's fault
            if isinstance(exc, (parquet.ParquetProblem, OSError)) and not isinstance(
                exc, BrokenPipeError
            ):
                self.notice(Notice(shown, str(exc)))
                return
            raise
        if out is None:
            return
        if changed or self.options.output_dir:
            self._commit(out, shown, verify=lambda temp: parquet.row_count(temp) == rows)
        else:
            out.discard()

    def _chunk_bytes(self, task: Task) -> bytes:
        """The records of a chunk: sent with it, or bytes ``start``..``end`` of the file."""
        if task.data is not None:
            return task.data
        with open(task.path, "rb") as fh:
            fh.seek(task.start)
            return fh.read(task.end - task.start)

    def _check_jsonl_chunk(self, task: Task) -> tuple[bytes | None, bool]:
        """Check (and fix) the records of one chunk of a JSONL file (its line
        ``task.first`` onwards: bytes of the file, or records the parent read);
        return them after fixing (None if the chunk could not be read to its
        end) and whether any changed. A worker runs this; the parent writes."""
        shown = self._shown(task.path)
        try:
            data = self._chunk_bytes(task)
        except OSError as exc:
            self.notice(Notice(shown, f"cannot read: {_reason(exc)}"))
            return None, False
        out = io.BytesIO() if self.options.mode == "fix" else None
        changed = False
        for record in iter_records(
            io.BytesIO(data), shown, self.options.text_field, task.first, self.options.id_field
        ):
            if isinstance(record, Notice):
                self.notice(record)
                continue
            raw = self._record(record)
            changed = changed or raw is not record.raw
            if out is not None:
                out.write(raw)
        if task.stopped is not None:
            self.notice(Notice(shown, task.stopped))
            return None, changed
        return (out.getvalue() if out is not None else b""), changed

    def _locate(self, findings: list[Finding], doc: Document | None) -> None:
        """Give each finding of the JSONL record being checked its columns in the
        record's line of the file (GitHub annotates them there); not after a fix
        changed the text, whose line is then another."""
        if self._raw is None or not findings or doc is None:
            return
        raw, encoding, text = self._raw
        if doc.text != text:
            return
        line = raw.rstrip(b"\r\n").decode(encoding, "surrogateescape")
        offsets = [offset for f in findings for offset in (f.start, f.end)]
        columns = raw_columns(line, self._keys, offsets)
        if columns is not None:
            for k, f in enumerate(findings):
                f.record_column, f.record_end_column = columns[2 * k], columns[2 * k + 1]

    def _record(self, record: Record) -> bytes:
        """Check (and fix) one JSONL record; return its raw bytes after fixing."""
        for note in record.notes:
            self._read_problem(note)
        if record.problem is not None:
            self._reader_problem(record.problem)  # an unreadable record has a verdict too
            return record.raw
        doc = record.document
        if doc is None:
            return record.raw
        self._raw = (record.raw, doc.encoding, doc.text)
        try:
            new = self._process(doc)
        finally:
            self._raw = None
        if new is None:
            return record.raw
        if _loses_bytes(doc, new):
            self._pending_fixed -= self._last_fixed
            self.notice(Notice(doc.path, f"record {doc.record}: {LOSSY}{doc.encoding}", "warning"))
            return record.raw
        try:
            return rewrite_record(record.raw, self._keys, new.text, doc.encoding, new.encoding)
        except (ValueError, RecursionError, UnicodeError) as exc:
            self._pending_fixed -= self._last_fixed
            message = f"record {doc.record}: fixes not written: {_crash(exc)}"
            self.notice(Notice(doc.path, message, "warning"))
            return record.raw
