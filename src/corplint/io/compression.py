"""Compressed inputs and outputs, chosen by the file name's last suffix.

gzip, bz2 and xz come with Python; zstd needs the optional ``zstandard``
package (``pip install 'corplint[zstd]'``), and a ``.zst`` file read without it
is reported, not skipped. A fixed file is written back in the codec it came in.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from typing import BinaryIO

SUFFIXES = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}

ERRORS: tuple[type[BaseException], ...] = (EOFError, zlib.error, OSError, lzma.LZMAError)
"""What a truncated or corrupt compressed stream raises while it is read."""

try:  # optional: zstd
    import zstandard
except ImportError:  # pragma: no cover - depends on the extra
    zstandard = None
else:
    ERRORS = (*ERRORS, zstandard.ZstdError)


class MissingCodec(OSError):
    """A file needs a codec whose package is not installed."""


def codec_for(path: str) -> str | None:
    """``gzip``, ``bz2``, ``xz`` or ``zstd`` for a compressed file name, else None."""
    lowered = path.lower()
    for suffix, codec in SUFFIXES.items():
        if lowered.endswith(suffix):
            return codec
    return None


def strip_suffix(path: str) -> str:
    """The name without its compression suffix (``a.jsonl.gz`` -> ``a.jsonl``)."""
    codec = codec_for(path)
    if codec is None:
        return path
    return path[: path.rfind(".")]


def open_read(path: str) -> BinaryIO:
    """A binary stream of the file's decompressed bytes."""
    codec = codec_for(path)
    if codec == "gzip":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if codec == "bz2":
        return bz2.open(path, "rb")  # type: ignore[return-value]
    if codec == "xz":
        return lzma.open(path, "rb")  # type: ignore[return-value]
    if codec is None:
        return open(path, "rb")
    return wrap_read(open(path, "rb"), codec)


def wrap_read(raw: BinaryIO, codec: str | None) -> BinaryIO:
    """A stream of the decompressed bytes of ``raw`` (closing it closes ``raw``).

    A stream that ends inside a frame raises EOFError when read, as gzip, bz2
    and xz do by themselves: a truncated file is never read as a complete one.
    """
    if codec == "gzip":
        return _closing(gzip.GzipFile(fileobj=raw, mode="rb"), raw)
    if codec == "bz2":
        return _closing(bz2.BZ2File(raw, mode="rb"), raw)
    if codec == "xz":
        return _closing(lzma.LZMAFile(raw, mode="rb"), raw)
    if codec == "zstd":
        _need_zstd()
        return io.BufferedReader(_ZstdReader(raw), 1 << 16)  # type: ignore[return-value]
    return raw


def _closing(stream: BinaryIO, raw: BinaryIO) -> BinaryIO:
    """``stream``, whose close also closes the file it reads (not done by the codecs
    when they are given a file object)."""
    close = stream.close

    def close_both() -> None:
        try:
            close()
        finally:
            raw.close()

    stream.close = close_both  # type: ignore[method-assign]
    return stream


class _ZstdReader(io.RawIOBase):
    """zstd frames, one after another, decompressed; EOFError where a frame is cut.

    zstandard's own ``stream_reader`` returns what it has at the end of the
    input without saying whether the frame was complete.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._context = zstandard.ZstdDecompressor()  # type: ignore[union-attr]
        self._frame = self._context.decompressobj()
        self._in_frame = False
        self._out = b""
        self._at = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while self._at >= len(self._out):
            chunk = self._raw.read(1 << 16)
            if not chunk:
                if self._in_frame:
                    raise EOFError("compressed stream ended early")
                return 0
            self._out, self._at = self._feed(chunk), 0
        n = min(len(buffer), len(self._out) - self._at)
        buffer[:n] = self._out[self._at : self._at + n]
        self._at += n
        return n

    def _feed(self, chunk: bytes) -> bytes:
        parts = []
        while chunk:
            parts.append(self._frame.decompress(chunk))
            self._in_frame = True
            if not self._frame.eof:
                break
            chunk = self._frame.unused_data  # the next frame starts here
            self._frame = self._context.decompressobj()
            self._in_frame = False
        return b"".join(parts)

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


def wrap_write(raw: BinaryIO, codec: str | None) -> BinaryIO:
    """A stream that compresses into ``raw`` (reproducibly: no names, no times)."""
    if codec == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="wb", filename="", mtime=0)  # type: ignore[return-value]
    if codec == "bz2":
        return bz2.BZ2File(raw, mode="wb")  # type: ignore[return-value]
    if codec == "xz":
        return lzma.LZMAFile(raw, mode="wb")  # type: ignore[return-value]
    if codec == "zstd":
        _need_zstd()
        return zstandard.ZstdCompressor().stream_writer(raw, closefd=False)  # type: ignore[union-attr]
    return raw


def _need_zstd() -> None:
    if zstandard is None:
        raise MissingCodec("zstd needs the zstandard package: pip install 'corplint[zstd]'")
