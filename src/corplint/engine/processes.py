"""Checking work units in forked worker processes, results in task order.

Each worker is a fork of the process that built the runner, so the work
function it is handed (the runner's ``run_task``) has the rules — and what the
corpus rules observed in the corpus pass — without pickling them. A worker
checks (and with ``--fix`` writes) one task at a time and hands back what it
would have reported; the parent replays each result as soon as the tasks
before it are done, so output streams and memory stays bounded by the tasks
in flight. This module sees tasks and results only, never the runner: which
runs must stay in one process is the runner's to say.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator

from corplint.engine.tasks import Task, TaskResult
from corplint.engine.workerpool import WorkerPool

AUTO_MIN_BYTES = 1 << 20
"""Without ``-j``, workers are started only for inputs of at least this size:
below it, starting them costs more than it saves."""

_PR_SET_PDEATHSIG = 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def jobs_for(requested: int, size: int) -> int:
    """How many processes to use for inputs of ``size`` bytes that can be shared
    out: ``requested`` (0 = every core, for inputs large enough to gain), or 1
    where there is no fork."""
    if not can_fork():
        return 1
    if requested > 0:
        return requested
    return (os.cpu_count() or 1) if size >= AUTO_MIN_BYTES else 1


def results(
    work: Callable[[Task], TaskResult],
    tasks: Iterable[Task],
    jobs: int,
    describe: Callable[[Task], str] = str,
) -> Iterator[TaskResult]:
    """The result of ``work`` on each task, in task order, worked out by ``jobs``
    forked processes (each takes the next task as it finishes one, a bounded
    number ahead of the result awaited)."""
    with WorkerPool(jobs, work, _worker_started, describe) as pool:
        yield from pool.imap(tasks)


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
