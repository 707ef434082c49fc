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
    if codec == "zstd":
        _need_zstd()
        raw = open(path, "rb")  # noqa: SIM115 (the reader closes it: closefd)
        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)  # type: ignore[union-attr]
        return io.BufferedReader(reader)  # lines, as the JSONL reader iterates them
    return open(path, "rb")


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
