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

import io
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from corplint.document import Document
from corplint.finding import Finding
from corplint.reporters.base import Reporter, Summary

if TYPE_CHECKING:
    from corplint.runner import Runner

AUTO_MIN_BYTES = 1 << 20
"""Without ``-j``, workers are started only for inputs of at least this size:
below it, starting them costs more than it saves."""

_RUNNER: Runner | None = None


@dataclass
class _Result:
    reports: list[tuple[str, list[Finding], Document | None]] = field(default_factory=list)
    notices: str = ""
    diff: str = ""
    summary: Summary = field(default_factory=Summary)
    changes: int = 0


class _Recording(Reporter):
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
    if len(paths) < 2 or not _parallel_safe(runner):
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
    hook = runner.registry.manager.hook
    watched = hook.corplint_document_checked.get_hookimpls() or (
        hook.corplint_corpus_end.get_hookimpls()
    )
    return (
        runner.baseline_writer is None
        and not watched
        and not any(rule.network for rule in runner.engine.rules)
        and "fork" in multiprocessing.get_all_start_methods()
    )


def results(runner: Runner, paths: list[str], jobs: int) -> Iterator[_Result]:
    """What checking each of ``paths`` reported, in their order, worked out by
    ``jobs`` forked processes (each takes the next file as it finishes one)."""
    global _RUNNER
    _RUNNER = runner
    context = multiprocessing.get_context("fork")
    try:
        with context.Pool(min(jobs, len(paths))) as pool:
            yield from pool.imap(_check_file, paths)
    finally:
        _RUNNER = None


def _check_file(path: str) -> _Result:
    runner = _RUNNER
    assert runner is not None, "worker started without a runner"
    recording = _Recording()
    runner.reporter = recording
    runner.notices = io.StringIO()
    runner.diff_out = io.StringIO()
    runner.summary = Summary()
    runner.changes = 0
    runner.summary.files += 1
    runner._run_file(path)
    return _Result(
        recording.reports,
        runner.notices.getvalue(),
        runner.diff_out.getvalue(),
        runner.summary,
        runner.changes,
    )


def replay(runner: Runner, result: _Result) -> None:
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
