"""Work units: what an executor (``-j`` processes, Ray tasks) is handed and hands back.

An executor never sees the runner. It gets :class:`Task` values and a function
that turns one into a :class:`TaskResult` (in a forked worker, the parent's
runner's :meth:`~corplint.engine.units.WorkUnits.run_task`; on Ray, the same
method of a runner rebuilt from its spec), and gives the results back in task
order. The runner plans the tasks and replays the results, so the output is
the same, byte for byte, as a run in one process.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Protocol

from corplint.core.document import Document
from corplint.core.finding import Finding
from corplint.core.rule import Rule
from corplint.io.compression import ERRORS, MissingCodec, codec_for, wrap_read
from corplint.io.readers import read_error
from corplint.reporters.base import Reporter, Summary

CHUNK_BYTES = 4 << 20
"""An uncompressed JSONL file of at least two of these is split into chunks of
about this size (at line breaks), checked by several workers."""


@dataclass(frozen=True)
class Task:
    """One unit of work: a whole file, or part of a JSONL file whose first line is
    line ``first`` — bytes ``start``..``end`` of it, or, for a compressed file,
    the decompressed records in ``data`` (read by the parent, which alone can
    read a compressed stream in order)."""

    path: str
    start: int = 0
    end: int = -1
    first: int = 1
    data: bytes | None = None
    stopped: str | None = None
    """Why reading stopped after ``data`` (a corrupt or truncated stream)."""
    last: bool = True
    """Whether this is the input's last unit."""
    size: int = 0
    """The bytes of the input file this unit stands for, for the progress bar."""

    @property
    def whole(self) -> bool:
        return self.end < 0 and self.data is None


@dataclass
class TaskResult:
    """What checking one task reported, for the parent to replay in input order."""

    reports: list[tuple[str, list[Finding], Document | None]] = field(default_factory=list)
    notices: str = ""
    diff: str = ""
    summary: Summary = field(default_factory=Summary)
    changes: int = 0
    output: bytes | None = b""
    """For a chunk of a JSONL file being fixed: its records after fixing (None:
    the chunk could not be read)."""
    changed: bool = False
    pending_fixed: int = 0
    """Fixes of a chunk, counted by the parent once it has written the file."""
    last: bool = True
    """Whether this is the result of the input's last unit."""
    size: int = 0
    whole: bool = True
    """Whether the unit was a whole file (which the worker wrote itself)."""


class TaskRunner(Protocol):
    """What a Ray worker asks of the runner it rebuilds from a spec."""

    def run_task(self, task: Task) -> TaskResult: ...

    def observe_file(self, path: str, rules: list[Rule]) -> None: ...


class Recording(Reporter):
    """Keeps what a worker's run would report, for the parent to replay."""

    def __init__(self) -> None:
        self.reports: list[tuple[str, list[Finding], Document | None]] = []

    def report(self, findings: list[Finding], document: Document | None) -> None:
        self.reports.append(("report", findings, _portable(document)))

    def document(self, document: Document | None, findings: list[Finding]) -> None:
        self.reports.append(("document", findings, _portable(document)))


def _portable(document: Document | None) -> Document | None:
    """A fresh copy: the memo may hold what cannot cross a process boundary."""
    return document.with_text(document.text) if document is not None else None


def size_of(path: str) -> int:
    """The size of an input in bytes (0 for standard input or a file gone)."""
    try:
        return os.path.getsize(path) if path != "-" else 0
    except OSError:
        return 0


def plan(path: str, every: int | None = None) -> Iterator[Task]:
    """The chunks of an uncompressed JSONL file, of about ``every`` bytes each and
    cut at line breaks, or the whole file when it is shorter than two."""
    every = every or CHUNK_BYTES
    try:
        size = os.path.getsize(path)
        cuts = _line_cuts(path, every) if size >= 2 * every else []
    except OSError:
        cuts, size = [], 0  # the checking pass reports it
    if not cuts:
        yield Task(path, size=size)
        return
    starts = [(0, 1), *cuts]
    ends = [offset for offset, _ in cuts] + [size]
    for i, ((start, first), end) in enumerate(zip(starts, ends, strict=True)):
        yield Task(path, start, end, first, last=i == len(cuts), size=end - start)


def read_chunks(path: str, every: int | None = None) -> Iterator[Task]:
    """The records of a compressed JSONL file, decompressed here in chunks of about
    ``every`` bytes (whole lines), each a task a worker checks. A stream that
    breaks ends the file with a chunk that says why (what was read before the
    break is checked, as in one process)."""
    every = every or CHUNK_BYTES
    try:
        size = os.path.getsize(path)
        raw = open(path, "rb")  # noqa: SIM115 - closed with the stream below
    except OSError:  # a worker reports it, as one process would
        yield Task(path)
        return
    try:
        stream = wrap_read(raw, codec_for(path))
    except (*ERRORS, MissingCodec):
        raw.close()
        yield Task(path)
        return
    line, done_bytes, held = 1, 0, None
    try:
        while True:
            lines: list[bytes] = []
            length, stopped = 0, None
            try:
                while length < every and (chunk := stream.readline()):
                    lines.append(chunk)
                    length += len(chunk)
            except ERRORS as exc:
                stopped = f"stopped reading after line {line + len(lines) - 1}: {read_error(exc)}"
            if not lines and stopped is None:
                break
            position = raw.tell() if stopped is None else size
            task = Task(path, first=line, data=b"".join(lines), stopped=stopped, last=False,
                        size=position - done_bytes)  # fmt: skip
            done_bytes, line = position, line + len(lines)
            if held is not None:
                yield held
            held = task
            if stopped is not None:
                break
        if held is None:  # an empty file
            held = Task(path, data=b"", last=False)
        yield replace(held, last=True, size=held.size + size - done_bytes)
    finally:
        stream.close()


def _line_cuts(path: str, every: int) -> list[tuple[int, int]]:
    """(offset, line number) of a line start about every ``every`` bytes, found in
    one pass that counts line breaks."""
    cuts: list[tuple[int, int]] = []
    with open(path, "rb") as fh:
        pos = lines = 0
        next_cut = every
        while block := fh.read(1 << 20):
            while next_cut < pos + len(block):
                i = block.find(b"\n", max(0, next_cut - pos))
                if i < 0:
                    break
                boundary = pos + i + 1
                cuts.append((boundary, lines + block.count(b"\n", 0, i + 1) + 1))
                next_cut = boundary + every
            lines += block.count(b"\n")
            pos += len(block)
    return [(offset, line) for offset, line in cuts if offset < pos]
