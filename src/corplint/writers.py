"""Writing fixed documents back without losing anything that was not fixed.

Files are replaced atomically (a temporary file in the same directory, then
``os.replace``) so an interrupted run leaves either the old or the new file,
never half of one. In JSONL only the raw bytes of the text field change: the
field is located in the raw line and re-serialised in the style it had.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import Path

from corplint.compression import wrap_write
from corplint.decoding import encode

_WS = re.compile(r"[ \t\n\r]*")
_NON_ASCII_ESCAPE = re.compile(
    r"\\u(?:00[89a-fA-F][0-9a-fA-F]|0[1-9a-fA-F][0-9a-fA-F]{2}|[1-9a-fA-F][0-9a-fA-F]{3})"
)
_DECODER = json.JSONDecoder(strict=False)  # raw control characters, as the reader allows


class FieldNotFound(ValueError):
    """The text field could not be located in the raw record (it always can for parsed records)."""


class AtomicFile:
    """A file replaced atomically: write to a temporary sibling, then ``commit`` or ``discard``.

    The temporary file sits in the target's directory so ``os.replace`` is a
    rename on one filesystem; the target's permission bits are kept.
    """

    def __init__(self, path: str, codec: str | None = None, like: str | None = None) -> None:
        """``like``: a file whose permission bits a new target takes (the input,
        when the target is a copy under ``--output-dir``)."""
        self.target = Path(path)
        self._like = Path(like) if like else None
        fd, self._tmp = tempfile.mkstemp(
            prefix=f".{self.target.name}.", suffix=".corplint", dir=self.target.parent
        )
        self._raw = os.fdopen(fd, "wb")
        self._out = wrap_write(self._raw, codec)

    def write(self, data: bytes) -> None:
        self._out.write(data)

    def commit(self) -> None:
        try:
            if self._out is not self._raw:
                self._out.close()
            self._raw.flush()
            os.fsync(self._raw.fileno())
            self._raw.close()
            model = self.target if self.target.exists() else self._like
            if model is not None and model.exists():
                os.chmod(self._tmp, model.stat().st_mode & 0o7777)
            os.replace(self._tmp, self.target)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        if not self._raw.closed:
            self._raw.close()
        if os.path.exists(self._tmp):
            os.unlink(self._tmp)


def atomic_write(path: str, data: bytes, codec: str | None = None) -> None:
    """Replace ``path`` with ``data`` atomically (compressed with ``codec``)."""
    out = AtomicFile(path, codec)
    try:
        out.write(data)
    except BaseException:
        out.discard()
        raise
    out.commit()


def find_field(line: str, keys: list[str]) -> tuple[int, int]:
    """Offsets of the raw JSON value at a dotted key path in one JSON object text.

    Like ``json.loads``, the last of duplicate keys wins.
    """
    pos = _WS.match(line, 1 if line.startswith("\ufeff") else 0).end()
    for depth, key in enumerate(keys):
        if pos >= len(line) or line[pos] != "{":
            raise FieldNotFound(".".join(keys[: depth + 1]))
        found = None
        pos = _WS.match(line, pos + 1).end()
        if line[pos] == "}":
            raise FieldNotFound(".".join(keys[: depth + 1]))
        while True:
            name, pos = scanstring(line, pos + 1, False)
            pos = _WS.match(line, pos).end() + 1  # past ':'
            pos = _WS.match(line, pos).end()
            _, end = _DECODER.raw_decode(line, pos)
            if name == key:
                found = (pos, end)
            pos = _WS.match(line, end).end()
            if line[pos] == "}":
                break
            pos = _WS.match(line, pos + 1).end()  # past ','
        if found is None:
            raise FieldNotFound(".".join(keys[: depth + 1]))
        pos = found[0]
    return found  # type: ignore[return-value]


def replace_field(line: str, keys: list[str], value: str) -> str:
    """``line`` with the string at ``keys`` replaced by ``value``, every other character kept."""
    start, end = find_field(line, keys)
    ascii_only = bool(_NON_ASCII_ESCAPE.search(line, start, end))
    return line[:start] + json.dumps(value, ensure_ascii=ascii_only) + line[end:]


def rewrite_record(
    raw: bytes, keys: list[str], value: str, encoding: str, new_encoding: str
) -> bytes:
    """The raw bytes of a JSONL line with its text field replaced."""
    body = raw.rstrip(b"\r\n")
    ending = raw[len(body) :]
    line = body.decode(encoding, "surrogateescape")
    return encode(replace_field(line, keys, value), new_encoding) + ending
