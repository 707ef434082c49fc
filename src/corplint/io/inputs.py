"""Where a run's bytes come from and where standard output's fixed text goes.

Files named on the command line are read by path, as often as the run needs.
What cannot be read twice — a pipe (``<(zcat x)``), ``/dev/stdin``, a FIFO —
is copied once to a temporary file that stands in for it (the corpus pass
would otherwise empty it, or block for ever on a FIFO's second open), and is
shown under the name the user gave. Standard input is decompressed when
``--stdin-filename`` names a codec, and the fixed text written to standard
output is compressed the same way.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from typing import BinaryIO

from corplint.io.compression import codec_for, open_read, wrap_read, wrap_write
from corplint.io.readers import Notice, display_path

STDIN_IN_MEMORY = 64 << 20
"""Standard input read twice (for a corpus rule) is spooled to disk beyond this."""


class Inputs:
    """The inputs of one run: spooled stand-ins, standard input, standard output."""

    def __init__(
        self, stdin: BinaryIO | None, stdout: BinaryIO | None, stdin_filename: str | None
    ) -> None:
        self._stdin = stdin
        self._stdout = stdout
        self._codec = codec_for(stdin_filename or "")
        self._stdin_decoded = False
        self._stdin_held: tempfile.SpooledTemporaryFile | None = None
        self._sink: BinaryIO | None = None
        self.origins: dict[str, str] = {}
        """Temporary stand-in -> the path the user named."""

    # ------------------------------------------------------------- named inputs
    def stand_in(self, item: str | Notice) -> str | Notice:
        """``item``, or for an input that cannot be read twice a temporary file
        holding its bytes (or a Notice if it cannot be read)."""
        if isinstance(item, Notice) or item == "-":
            return item
        try:
            mode = os.stat(item).st_mode
        except OSError:
            return item  # the checking pass reports it
        if stat.S_ISREG(mode):
            return item
        name = os.path.basename(item) or "input"
        fd, spooled = tempfile.mkstemp(prefix="corplint-spool-", suffix=f"-{name}")
        self.origins[spooled] = item
        try:
            with os.fdopen(fd, "wb") as out, open(item, "rb") as source:
                shutil.copyfileobj(source, out, 1 << 20)
        except OSError as exc:
            return Notice(display_path(item), f"cannot read: {(exc.strerror or str(exc)).lower()}")
        return spooled

    def origin(self, path: str) -> str:
        """The path the user named for ``path`` (itself, unless a stand-in)."""
        return self.origins.get(path, path)

    def is_stand_in(self, path: str) -> bool:
        return path in self.origins

    def stream(self, path: str) -> BinaryIO:
        """A stream of the (decompressed) bytes of ``path`` or, for ``-``, of stdin."""
        return self.stdin() if path == "-" else open_read(path)

    # ----------------------------------------------------------- standard input
    def stdin(self) -> BinaryIO:
        """Standard input, decompressed when ``--stdin-filename`` names a codec."""
        if self._stdin is None:
            self._stdin = os.fdopen(0, "rb", closefd=False)
        if not self._stdin_decoded:
            self._stdin_decoded = True
            if self._codec:
                self._stdin = wrap_read(self._stdin, self._codec)
        return self._stdin

    def hold_stdin(self) -> None:
        """Keep standard input for a second read: in memory up to 64 MB, on disk beyond."""
        held = tempfile.SpooledTemporaryFile(max_size=STDIN_IN_MEMORY)  # noqa: SIM115 (closed by close)
        shutil.copyfileobj(self.stdin(), held)
        held.seek(0)
        self._stdin_held = held
        self._stdin = held  # type: ignore[assignment]

    def rewind_stdin(self) -> None:
        if self._stdin_held is not None:
            self._stdin_held.seek(0)

    # ---------------------------------------------------------- standard output
    def write_stdout(self, data: bytes) -> None:
        """Fixed text of standard input, compressed as ``--stdin-filename`` says."""
        if self._sink is None:
            out = self._stdout if self._stdout is not None else os.fdopen(1, "wb", closefd=False)
            self._sink = wrap_write(out, self._codec) if self._codec else out
        self._sink.write(data)

    def end_stdout(self) -> None:
        """End the fixed text of standard input (a compressed stream's trailer)."""
        if self._sink is not None and self._codec:
            self._sink.close()  # the compressing stream; standard output stays open
        self._sink = None

    def close(self) -> None:
        for spooled in self.origins:
            with contextlib.suppress(OSError):
                os.unlink(spooled)
        self.origins.clear()
        if self._stdin_held is not None:
            self._stdin_held.close()
