"""Replacing a file without ever losing it: the one way corplint writes an input.

A fixed file is written in full to a temporary sibling, verified (read back,
decompressed, and compared with what was written), and only then put in the
original's place. Until :meth:`AtomicFile.commit` has returned, the original is
untouched: an exception, Ctrl-C or SIGTERM (which the command line turns into
an exception) discards the temporary file.

What the replacement keeps of the original:

* a symbolic link stays a link: the file it points to is the one fixed;
* mode, owner and group are copied onto the new file before the rename;
* a file with other hard links, or whose owner cannot be given to a new file
  (an unprivileged user fixing a file in a group folder), keeps its inode: the
  verified output is copied into it with SIGINT and SIGTERM held back. The
  complete output stays on disk, renamed ``…corplint-done``, until the copy is
  done, so even a SIGKILL mid-copy is finished by the next run (see
  :func:`clean_stale`).

Temporary files are named ``.{name}.{pid}.{token}.corplint``: the next run
knows them, never lints them, and deletes those whose process is gone.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from corplint.io import signals
from corplint.io.compression import wrap_read, wrap_write

TEMP_SUFFIX = ".corplint"
DONE_SUFFIX = ".corplint-done"
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.corplint(?P<done>-done)?$")
_ANY_TEMP = re.compile(r"^\..+\.corplint(?:-done)?$")
"""Also the names of versions before the pid was written into them."""
_COPY_BLOCK = 1 << 20


class WriteRefused(OSError):
    """The file cannot be replaced safely (the message says why); nothing was written."""


def is_temporary(name: str) -> bool:
    """True for a temporary file of corplint (a file name, not a path)."""
    return _ANY_TEMP.match(name) is not None


def resolve_target(path: str) -> str:
    """The file a write to ``path`` must change: the end of its symbolic links."""
    return os.path.realpath(path) if os.path.islink(path) else path


class AtomicFile:
    """A replacement for ``path``, written, verified, then swapped in by :meth:`commit`.

    ``codec`` compresses what is written (the bytes given are the plain ones);
    ``like`` is a file whose mode a new target takes (the input, when the
    target is its copy under ``--output-dir``). A writer that needs a path of
    its own (Parquet) writes to :attr:`temp_path` and passes ``verify``.
    """

    def __init__(self, path: str, codec: str | None = None, like: str | None = None) -> None:
        self.target = Path(resolve_target(path))
        self._like = Path(like) if like else None
        self.codec = codec
        self.temp_path = _temp_name(self.target)
        # an interrupt between creating the file and the caller holding this object
        # would leave the file behind: it is created and registered in one step
        with signals.held():
            fd = os.open(self.temp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            _UNFINISHED.add(self.temp_path)
        self._raw: BinaryIO = os.fdopen(fd, "wb")
        self._out: BinaryIO = wrap_write(self._raw, codec)
        self._digest = hashlib.blake2b()
        self._length = 0
        self._done = False

    def write(self, data: bytes) -> None:
        self._out.write(data)
        self._digest.update(data)
        self._length += len(data)

    def close_stream(self) -> None:
        """Close the temporary file for a writer that writes :attr:`temp_path` itself."""
        if not self._raw.closed:
            self._raw.close()

    def commit(self, verify: Callable[[str], bool] | None = None) -> None:
        """Verify the temporary file and put it in the target's place.

        ``verify`` replaces the built-in check (the plain bytes read back equal
        what :meth:`write` was given) for writers that wrote the file themselves.
        On any failure the temporary file is removed and the target untouched.
        """
        try:
            if not self._raw.closed:
                if self._out is not self._raw:
                    self._out.close()
                self._raw.flush()
                os.fsync(self._raw.fileno())
                self._raw.close()
            ok = verify(self.temp_path) if verify is not None else self._read_back_matches()
            if not ok:
                raise WriteRefused(f"the output written to {self.temp_path} did not read back")
            self._swap_in()
        except BaseException:
            self.discard()
            raise
        _UNFINISHED.discard(self.temp_path)
        self._done = True

    def discard(self) -> None:
        """Remove the temporary file; the target stays as it was."""
        self.close_stream()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.temp_path)
        _UNFINISHED.discard(self.temp_path)

    # ----------------------------------------------------------------- helpers
    def _read_back_matches(self) -> bool:
        digest, length = hashlib.blake2b(), 0
        with wrap_read(open(self.temp_path, "rb"), self.codec) as fh:
            while block := fh.read(_COPY_BLOCK):
                digest.update(block)
                length += len(block)
        return length == self._length and digest.digest() == self._digest.digest()

    def _swap_in(self) -> None:
        try:
            st = os.stat(self.target)
        except FileNotFoundError:
            st = None
        if st is None:
            model = self._like
            if model is not None and model.exists():
                os.chmod(self.temp_path, model.stat().st_mode & 0o7777)
            os.replace(self.temp_path, self.target)
            _sync_dir(self.target.parent)
            return
        if not stat.S_ISREG(st.st_mode):
            raise WriteRefused(f"{self.target} is not a regular file")
        if st.st_nlink > 1 or not _take_ownership(self.temp_path, st):
            _copy_in_place(self.temp_path, self.target)
            return
        os.chmod(self.temp_path, st.st_mode & 0o7777)  # after chown, which clears set-id bits
        os.replace(self.temp_path, self.target)
        _sync_dir(self.target.parent)


_UNFINISHED: set[str] = set()
"""Temporary files of this process not yet committed or discarded."""


def discard_unfinished() -> None:
    """Remove every temporary file this process has not committed: what the
    command line does when Ctrl-C or SIGTERM ends the run, wherever it landed
    (also between a file's creation and the caller's ``try``)."""
    for temp in list(_UNFINISHED):
        with contextlib.suppress(OSError):
            os.unlink(temp)
        _UNFINISHED.discard(temp)


def atomic_write(path: str, data: bytes, codec: str | None = None) -> None:
    """Replace ``path`` with ``data`` (compressed with ``codec``) as :class:`AtomicFile` does."""
    out = AtomicFile(path, codec)
    try:
        out.write(data)
    except BaseException:
        out.discard()
        raise
    out.commit()


def _temp_name(target: Path) -> str:
    return str(target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def _take_ownership(temp: str, st: os.stat_result) -> bool:
    """Give ``temp`` the owner and group of the file it replaces; False if not allowed."""
    mine = os.stat(temp)
    if (mine.st_uid, mine.st_gid) == (st.st_uid, st.st_gid):
        return True
    try:
        os.chown(temp, st.st_uid, st.st_gid)
    except PermissionError:
        return False
    return True


def _copy_in_place(source: str, target: Path) -> None:
    """Copy the verified ``source`` into ``target``'s own inode (keeping its links and
    owner), then remove ``source``. SIGINT and SIGTERM wait until the copy is done;
    the ``-done`` name lets the next run finish a copy a SIGKILL cut short."""
    done = source + "-done"
    os.replace(source, done)
    _finish_copy(done, str(target))


def _sync_dir(directory: Path) -> None:
    """Make a rename durable (best effort: not every filesystem allows it)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def clean_stale(directory: str, finish_copies: bool = True) -> list[str]:
    """Remove the temporary files that runs which have died left in ``directory``.

    A ``-done`` file is a verified output whose copy into a hard-linked file
    was cut short: the copy is finished first (by a run that fixes; one that
    only checks leaves it and says so). Returns what was done, one sentence
    per file, for the run to tell the user.
    """
    try:
        entries = list(os.scandir(directory or "."))
    except OSError:
        return []
    told = []
    for entry in entries:
        found = _TEMP.match(entry.name)
        if found is None or _alive(int(found["pid"])):
            continue
        target = os.path.join(directory, found["name"])
        try:
            if found["done"] and os.path.isfile(target):
                if not finish_copies:
                    told.append(f"a fix of {target} was cut short: run --fix to finish it")
                    continue
                _finish_copy(entry.path, target)
                told.append(f"finished a fix of {target} that an earlier run left half-copied")
            else:
                os.unlink(entry.path)
        except OSError:
            continue
    return told


def _finish_copy(done: str, target: str) -> None:
    with signals.held():
        with open(done, "rb") as src, open(target, "r+b") as dst:
            shutil.copyfileobj(src, dst, _COPY_BLOCK)
            dst.truncate()
            dst.flush()
            os.fsync(dst.fileno())
        os.unlink(done)
