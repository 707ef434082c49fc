"""Checking files in worker processes, reported in the order of the inputs.

Each worker is a fork of the process that built the runner, so it has the
rules (and what the corpus rules observed in the corpus pass) without pickling
them. A worker checks — and with ``--fix`` writes — one file at a time, records
what the run would have reported, and hands that back; the parent replays it
to the real reporter in input order. Output is therefore the same, byte for
byte, as a run with one process; only the wall-clock time changes.

Cases that need one process stay in one: standard input, a baseline being
written (it sees findings before the baseline filter), a rule that talks to the
network (each worker would ask the same servers again), and plugins that watch
every checked document through hooks (they would see only a worker's share).
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import multiprocessing
import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from corplint.core.document import Document
from corplint.core.finding import Finding
from corplint.engine.workerpool import WorkerPool
from corplint.io.compression import codec_for
from corplint.io.parquet import is_parquet
from corplint.io.readers import display_path, format_for
from corplint.reporters.base import Reporter, Summary

if TYPE_CHECKING:
    from corplint.engine.run import Runner

AUTO_MIN_BYTES = 1 << 20
"""Without ``-j``, workers are started only for inputs of at least this size:
below it, starting them costs more than it saves."""

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


_RUNNER: Runner | None = None
_PR_SET_PDEATHSIG = 1


@dataclass
class TaskResult:
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


def jobs_for(requested: int, paths: list[str], runner: Runner) -> int:
    """How many processes to use: ``requested`` (0 = every core, for inputs large
    enough to gain), or 1 where the run needs a single process."""
    if not paths or not _parallel_safe(runner):
        return 1
    if len(paths) < 2 and len(tasks_for(paths[0], runner)) < 2:
        return 1
    if requested > 0:
        return requested
    size = 0
    for path in paths:
        try:
            size += os.path.getsize(path)
        except OSError:
            continue
    return (os.cpu_count() or 1) if size >= AUTO_MIN_BYTES else 1


def _parallel_safe(runner: Runner) -> bool:
    return single_process_reason(runner) is None and (
        "fork" in multiprocessing.get_all_start_methods()
    )


def single_process_reason(runner: Runner) -> str | None:
    """Why the run must stay in one process, or None."""
    hook = runner.registry.manager.hook
    if runner.baseline_writer is not None:
        return "a baseline being written sees every finding before it is filtered"
    if hook.corplint_document_checked.get_hookimpls() or hook.corplint_corpus_end.get_hookimpls():
        return "a plugin watches every checked document through hooks"
    if any(rule.network for rule in runner.engine.rules):
        return "a rule that talks to the network would ask the same servers from every worker"
    return None


def tasks_for(path: str, runner: Runner) -> list[Task]:
    """The work units of one input: the whole file, or for a large uncompressed
    JSONL file (when not printing a diff) its chunks, cut at line breaks."""
    shown = runner._shown(path)
    if (
        path == "-"
        or runner.options.mode == "diff"
        or codec_for(path)
        or is_parquet(path)
        or format_for(shown) != "jsonl"
    ):
        return [Task(path)]
    try:
        size = os.path.getsize(path)
        if size < 2 * CHUNK_BYTES:
            return [Task(path)]
        cuts = _line_cuts(path, CHUNK_BYTES)
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


def results(runner: Runner, paths: list[str], jobs: int) -> Iterator[list[TaskResult]]:
    """What checking each of ``paths`` reported — a result per work unit — in their
    order, worked out by ``jobs`` forked processes (each takes the next unit as it
    finishes one)."""
    global _RUNNER
    _RUNNER = runner
    plan = [tasks_for(path, runner) for path in paths]
    tasks = [task for units in plan for task in units]
    try:
        with WorkerPool(min(jobs, len(tasks)), _check_task, _worker_started, _describe) as pool:
            done = pool.imap(tasks)
            for units in plan:
                yield [next(done) for _ in units]
    finally:
        _RUNNER = None


def _describe(task: Task) -> str:
    """How a failed task is named in the error (in the parent, where the runner is)."""
    shown = display_path(_RUNNER._shown(task.path) if _RUNNER is not None else task.path)
    return shown if task.whole else f"{shown} from line {task.first}"


def _worker_started() -> None:
    """A worker leaves Ctrl-C to the parent, which ends the pool, and dies at once on
    SIGTERM (what ``Pool.terminate`` sends): the file it was writing stays as it
    was, and its temporary file, named with its pid, is removed by the parent
    or the next run. On Linux it also gets SIGTERM if the parent dies, so no
    orphan goes on writing after a SIGKILL.

    Not a Python handler that exits cleanly: dying at once is what makes ending
    the pool immediate (see :mod:`corplint.engine.workerpool`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() == 1:  # the parent died before prctl took effect
        raise SystemExit(128 + signal.SIGTERM)


def _check_task(task: Task) -> TaskResult:
    runner = _RUNNER
    assert runner is not None, "worker started without a runner"
    return check_task(runner, task)


def check_task(runner: Runner, task: Task) -> TaskResult:
    """Check (and fix) one work unit with ``runner``, recording what it reports
    (the runner's reporter and streams are replaced: it belongs to a worker)."""
    recording = Recording()
    runner.reporter = recording
    runner.notices = io.StringIO()
    runner.diff_out = io.StringIO()
    runner.summary = Summary()
    runner.changes = 0
    runner._pending_fixed = 0
    if task.start == 0:
        runner.summary.files += 1
    output, changed = b"", False
    if task.whole:
        runner._run_file_guarded(task.path)
    else:
        output, changed = runner._check_jsonl_chunk(task.path, task.start, task.end, task.first)
    return TaskResult(
        recording.reports,
        runner.notices.getvalue(),
        runner.diff_out.getvalue(),
        runner.summary,
        runner.changes,
        output,
        changed,
        runner._pending_fixed if not task.whole else 0,
    )


def replay(runner: Runner, result: TaskResult) -> None:
    """Report one file's result as the parent's own run would have."""
    for call, findings, document in result.reports:
        if call == "report":
            runner.reporter.report(findings, document)
        else:
            runner.reporter.document(document, findings)
    if result.notices:
        runner.notices.write(result.notices)
    if result.diff and runner.diff_out is not None:
        runner.diff_out.write(result.diff)
    total, part = runner.summary, result.summary
    total.files += part.files
    total.documents += part.documents
    total.findings += part.findings
    total.fixable += part.fixable
    total.unsafe_fixable += part.unsafe_fixable
    total.fixed += part.fixed
    total.errors += part.errors
    total.by_code.update(part.by_code)
    runner.changes += result.changes
    runner._pending_fixed += result.pending_fixed
