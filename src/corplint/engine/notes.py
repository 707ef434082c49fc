"""What a run says when a file cannot be fixed as asked, and the refusal that
stops a run before it reads or writes anything. Shared by the run and its
reading and writing halves."""

from __future__ import annotations

LOSSY = "fixes not written: the bytes do not survive a round trip through "
UNREAD = "fixes not written: the file could not be read to its end"
LINK_REFUSED = "fixes not written: a symbolic link (--no-fix-links refuses them)"
NOT_A_FILE = (
    "fixes not written: not a regular file (a pipe); read it from '-' to get the fixed "
    "text on standard output, or give --output-dir"
)


class RunRefused(Exception):
    """The run would overwrite what it must not; nothing was read or written."""


def reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def crash(exc: BaseException) -> str:
    """An exception as one line: its type and message."""
    message = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
