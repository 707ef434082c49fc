"""The worker pool behind ``-j``: ordered results, and an end that cannot hang.

The crash-consistency test once hung CI for five minutes: ``multiprocessing.Pool``
ended mid-run waited for ever on a lock held by a worker that was sending a
megabyte result. These tests end a pool in exactly that state.
"""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from corplint.engine.workerpool import WorkerDied, WorkerPool


def _square(n: int) -> int:
    time.sleep(0.001 * (n % 3))  # finish out of order
    return n * n


def _big(n: int) -> bytes:
    return bytes([n % 256]) * (8 << 20)  # far more than a pipe holds


def _fail(n: int) -> int:
    if n == 3:
        raise ValueError("no threes")
    return n


def _die(n: int) -> int:
    if n == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def _quiet() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        alive.append(pid)
    return alive


def test_results_come_in_task_order():
    with WorkerPool(2, _square, _quiet) as pool:
        assert list(pool.imap(list(range(40)))) == [n * n for n in range(40)]


def test_more_workers_than_tasks():
    with WorkerPool(3, _square, _quiet) as pool:
        assert list(pool.imap([5])) == [25]


def test_a_failing_task_is_an_error_naming_it():
    pool = WorkerPool(2, _fail, _quiet, describe=lambda n: f"task {n}")
    with pool, pytest.raises(WorkerDied, match=r"(?s)task 3 failed.*ValueError: no threes"):
        list(pool.imap(list(range(6))))


def test_a_worker_that_dies_is_an_error_not_a_hang():
    pool = WorkerPool(2, _die, _quiet, describe=lambda n: f"task {n}")
    with pool, pytest.raises(WorkerDied, match=r"killed by signal 9 while checking task 2"):
        list(pool.imap(list(range(6))))


def test_ending_mid_run_while_workers_send_large_results_is_immediate():
    """Leave the pool while both workers are blocked sending 8 MB each."""
    for _ in range(5):
        pool = WorkerPool(2, _big, _quiet)
        pids = [worker.process.pid for worker in pool._workers]
        results = pool.imap(list(range(10)))
        next(results)
        time.sleep(0.05)  # the workers are now writing into full pipes
        ended = threading.Event()

        def leave(pool: WorkerPool = pool, ended: threading.Event = ended) -> None:
            pool.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)
            ended.set()

        threading.Thread(target=leave, daemon=True).start()
        assert ended.wait(20), "ending the pool hung"
        assert _alive(pids) == []


def test_leaving_after_every_result_lets_workers_exit():
    pool = WorkerPool(2, _square, _quiet)
    pids = [worker.process.pid for worker in pool._workers]
    with pool:
        assert sum(pool.imap(list(range(10)))) == sum(n * n for n in range(10))
    assert _alive(pids) == []
