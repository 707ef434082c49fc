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
from dataclasses import dataclass, field
from typing import Protocol

from corplint.core.document import Document
from corplint.core.finding import Finding
from corplint.core.rule import Rule
from corplint.reporters.base import Reporter, Summary

CHUNK_BYTES = 4 << 20
"""An uncompressed JSONL file of at least two of these is split into chunks of
about this size (at line breaks), checked by several workers."""


@dataclass(frozen=True)
class Task:
    """One unit of work: a whole file, or bytes ``start``..``end`` of a JSONL file
    whose first line is line ``first``."""

    path: str
    start: int = 0
    end: int = -1
    first: int = 1

    @property
    def whole(self) -> bool:
        return self.end < 0


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


def plan(path: str, chunkable: bool, every: int | None = None) -> list[Task]:
    """The work units of one input: the whole file, or, when it is ``chunkable``
    (an uncompressed JSONL file, not shown as a diff) and at least two chunks
    long, its chunks of about ``every`` bytes, cut at line breaks."""
    every = every or CHUNK_BYTES
    if not chunkable:
        return [Task(path)]
    try:
        size = os.path.getsize(path)
        if size < 2 * every:
            return [Task(path)]
        cuts = _line_cuts(path, every)
    except OSError:
        return [Task(path)]  # the checking pass reports it
    starts = [(0, 1), *cuts]
    ends = [offset for offset, _ in cuts] + [size]
    return [Task(path, start, end, first) for (start, first), end in zip(starts, ends, strict=True)]


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
