"""Rewriting a JSONL record's text field without losing anything that was not fixed.

Only the raw bytes of the text field change: the field is located in the raw
line and re-serialised in the style it had (key order, escapes, number
spellings, duplicate keys and line endings survive). Files themselves are
replaced by :mod:`corplint.io.safefile`.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]

from corplint.io.decoding import encode

_WS = re.compile(r"[ \t\n\r]*")
_NON_ASCII_ESCAPE = re.compile(
    r"\\u(?:00[89a-fA-F][0-9a-fA-F]|0[1-9a-fA-F][0-9a-fA-F]{2}|[1-9a-fA-F][0-9a-fA-F]{3})"
)
_DECODER = json.JSONDecoder(strict=False)  # raw control characters, as the reader allows


class FieldNotFound(ValueError):
    """The text field could not be located in the raw record (it always can for parsed records)."""


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


def raw_columns(line: str, keys: list[str], offsets: list[int]) -> list[int] | None:
    """The 1-based column in the raw JSON line (code points) of each offset of the
    text at ``keys``: the text is escaped in the line (``\\n``, ``\\u4e2d``, a
    surrogate pair for one character), so its offsets are not the line's. None
    when the field cannot be found (the caller then has no column to give)."""
    try:
        start, _ = find_field(line, keys)
    except (FieldNotFound, ValueError, IndexError):
        return None
    wanted = sorted(set(offsets))
    found: dict[int, int] = {}
    raw, decoded = start + 1, 0  # past the opening quote
    for target in wanted:
        while decoded < target and raw < len(line) and line[raw] != '"':
            raw += _escape_length(line, raw)
            decoded += 1
        found[target] = raw + 1
    return [found[offset] for offset in offsets]


def _escape_length(line: str, at: int) -> int:
    """How many raw characters the decoded character at ``line[at]`` takes."""
    if line[at] != "\\":
        return 1
    if line[at + 1 : at + 2] != "u":
        return 2
    high = int(line[at + 2 : at + 6], 16)
    if 0xD800 <= high < 0xDC00 and line[at + 6 : at + 8] == "\\u":
        low = int(line[at + 8 : at + 12], 16)
        if 0xDC00 <= low < 0xE000:
            return 12  # a surrogate pair: one character
    return 6
