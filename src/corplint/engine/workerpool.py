"""A pool of forked workers that an interrupt can always end.

Why not :class:`multiprocessing.pool.Pool`: its workers share one task queue
and one result queue, each guarded by a lock that crosses processes. Ending
such a pool mid-run (Ctrl-C, SIGTERM) makes the parent take those locks while
workers are still alive; a worker that is half-way through sending a large
result (a fixed chunk of JSONL is megabytes) holds the result lock and waits
for a reader that has already stopped, and the parent waits for the lock for
ever. A worker that dies (the kernel's OOM killer) is silently replaced and
its task lost, so the parent waits for ever again.

Here each worker has a pipe of its own and nothing is shared. The parent hands
out one task at a time to an idle worker, waits on the pipes and on the
workers' exit sentinels together, and yields results in task order. Ending
the pool is: SIGTERM to every worker, then reap them. No lock is taken, so it
cannot hang; a worker that dies is reported as :class:`WorkerDied`.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import traceback
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from corplint.io import signals

Task = TypeVar("Task")
Result = TypeVar("Result")

AHEAD = 2
"""Tasks handed out beyond the next result to yield, per worker: enough to keep
every worker busy while the results of a slow task are awaited, few enough
that finished results waiting their turn stay bounded."""


class WorkerDied(RuntimeError):
    """A worker ended without answering, or its task raised."""


class _Worker:
    def __init__(self, process: Any, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.task: int | None = None  # index of the task it is working on


class WorkerPool(Generic[Task, Result]):
    """``jobs`` forked processes that run ``work`` on tasks, one at a time each.

    Use as a context manager: leaving it with no task in flight lets the idle
    workers exit; leaving it mid-run (an interrupt, an error) ends them with
    SIGTERM, which the ``initializer`` should leave at its default action.
    """

    def __init__(
        self,
        jobs: int,
        work: Callable[[Task], Result],
        initializer: Callable[[], None] | None = None,
        describe: Callable[[Task], str] = str,
    ) -> None:
        self._describe = describe
        self._workers: list[_Worker] = []
        context = multiprocessing.get_context("fork")
        try:
            for _ in range(jobs):
                mine, theirs = context.Pipe(duplex=True)
                inherited = [worker.conn for worker in self._workers] + [mine]
                process = context.Process(
                    target=_serve,
                    args=(theirs, work, initializer, inherited),
                    daemon=True,
                )
                self._workers.append(_Worker(process, mine))
                with signals.held():  # an interrupt inside the fork hooks would be lost
                    process.start()
                theirs.close()
        except BaseException:
            self.terminate()
            raise

    def __enter__(self) -> WorkerPool[Task, Result]:
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if not any(worker.task is not None for worker in self._workers):
            self.close()  # every worker is idle
        else:
            self.terminate()

    def imap(self, tasks: Iterable[Task]) -> Iterator[Result]:
        """The result of each task, in the order of ``tasks``, which are taken from
        the iterable only as workers are free: a lazily made stream of tasks
        (chunks read from a compressed file) is held a bounded number at a time."""
        source = enumerate(tasks)
        upcoming = next(source, None)
        pending: dict[int, Task] = {}  # handed out, result not yet yielded
        finished: dict[int, Result] = {}
        limit = AHEAD * len(self._workers)
        wanted = 0
        while upcoming is not None or pending:
            while wanted not in finished:
                for worker in self._workers:
                    if worker.task is not None or upcoming is None:
                        continue
                    if upcoming[0] < wanted + limit:
                        pending[upcoming[0]] = upcoming[1]
                        self._hand(worker, *upcoming)
                        upcoming = next(source, None)
                self._collect(finished, pending)
            del pending[wanted]
            yield finished.pop(wanted)
            wanted += 1

    def _hand(self, worker: _Worker, index: int, task: Task) -> None:
        worker.task = index
        with contextlib.suppress(OSError):  # it is gone; its sentinel tells how
            worker.conn.send((index, task))

    def _collect(self, finished: dict[int, Result], tasks: dict[int, Task]) -> None:
        """Wait until some worker answers or dies; file its answer."""
        busy = [worker for worker in self._workers if worker.task is not None]
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
        for worker in busy:
            if worker.conn in ready or (worker.process.sentinel in ready and worker.conn.poll()):
                try:
                    index, (ok, payload) = worker.conn.recv()
                except (EOFError, OSError):
                    self._died(worker, tasks)
                if not ok:
                    raise WorkerDied(
                        f"checking {self._describe(tasks[index])} failed in a worker:\n{payload}"
                    )
                finished[index] = payload
                worker.task = None
            elif worker.process.sentinel in ready:
                self._died(worker, tasks)

    def _died(self, worker: _Worker, tasks: dict[int, Task]) -> None:
        worker.process.join()
        code = worker.process.exitcode
        how = f"exited ({code})"
        if code is not None and code < 0:
            how = f"was killed by signal {-code}"
        what = self._describe(tasks[worker.task]) if worker.task is not None else "a task"
        raise WorkerDied(f"a worker process {how} while checking {what}")

    def close(self) -> None:
        """Let every worker finish and exit."""
        for worker in self._workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        self._reap()

    def terminate(self) -> None:
        """End every worker now (SIGTERM), whatever it is doing."""
        for worker in self._workers:
            if worker.process.exitcode is None:
                with contextlib.suppress(OSError, AttributeError):  # not started
                    worker.process.terminate()
        self._reap()

    def _reap(self) -> None:
        for worker in self._workers:
            if worker.process.pid is not None:
                worker.process.join()
            worker.conn.close()
            worker.task = None


def _serve(
    conn: Connection,
    work: Callable[[Any], Any],
    initializer: Callable[[], None] | None,
    inherited: list[Connection],
) -> None:
    """A worker's life: take a task, send back ``(index, (ok, result))``, until told
    to stop or the parent is gone."""
    for other in inherited:  # the parent's ends: keep only our own pipe open
        other.close()
    if initializer is not None:
        initializer()
    signals.release()  # forked with them held; the initializer has set their handlers
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, task = message
        try:
            answer: tuple[bool, Any] = (True, work(task))
        except Exception as exc:
            answer = (False, "".join(traceback.format_exception(exc)))
        try:
            conn.send((index, answer))
        except (EOFError, OSError):
            return
        except Exception as exc:  # the result could not be pickled
            conn.send((index, (False, "".join(traceback.format_exception(exc)))))
