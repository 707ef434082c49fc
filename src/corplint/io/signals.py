"""Holding back Ctrl-C and SIGTERM while a step must not be cut in half.

The command line turns both into an exception raised wherever the main thread
is. A few steps must never see that exception half-way: copying a verified
output into a hard-linked file, and forking a worker (an exception raised in
the interpreter's fork hooks is printed as "Exception ignored" and the signal
is lost). Blocking the signals for the step delivers them right after it.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

HELD = frozenset({signal.SIGINT, signal.SIGTERM})


@contextlib.contextmanager
def held() -> Iterator[None]:
    """SIGINT and SIGTERM delivered after the block, not inside it (main thread
    only: other threads never run the handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def release() -> None:
    """Unblock SIGINT and SIGTERM: for a process forked inside :func:`held`, once
    it has set its own handlers."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)
