"""Finding input files and turning them into Documents.

Text, Markdown and HTML files are one document each; JSONL/NDJSON files are
one document per record and are streamed line by line, so a file of any size
is read in constant memory. Any of them may be compressed (gzip, bz2, xz,
zstd: see :mod:`corplint.io.compression`). Nothing here
raises on bad input: problems become a :class:`Notice` (the file could not be
read) or a :class:`~corplint.core.finding.ReadProblem` (one JSONL line is
broken), which the run hands to the rule that reports it.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from typing import BinaryIO

from corplint.core.document import Document
from corplint.core.finding import InputProblem, ReadProblem
from corplint.io.compression import ERRORS as COMPRESSION_ERRORS
from corplint.io.compression import open_read, strip_suffix
from corplint.io.decoding import decode, looks_binary

# Raw control characters inside strings are invalid JSON but common in crawls;
# reading them lets the control-character rule report and remove them.
_LENIENT = json.JSONDecoder(strict=False)
_SUFFIX_FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user must hear about that is not a finding: a file skipped or unreadable.

    ``level`` "error" makes the run exit 2 (an I/O error); "warning" does not.
    """

    path: str
    message: str
    level: str = "error"


@dataclass(slots=True)
class Record:
    """One line of a JSONL file: its raw bytes and the document or the problem it holds."""

    number: int
    raw: bytes
    document: Document | None = None
    problem: ReadProblem | None = None
    notes: tuple[ReadProblem, ...] = ()
    """Problems of the raw line that leave the record readable (a BOM before it)."""


def format_for(path: str) -> str:
    name = strip_suffix(path.lower())
    return _SUFFIX_FORMATS.get(os.path.splitext(name)[1], "text")


def read_bytes(path: str, stdin: BinaryIO | None = None) -> bytes | Notice:
    """All bytes of a (possibly compressed) file, or a Notice saying why not."""
    try:
        if path == "-":
            return (stdin or os.fdopen(0, "rb", closefd=False)).read()
        with open_read(path) as fh:
            return fh.read()
    except COMPRESSION_ERRORS as exc:
        return Notice(path, f"cannot read: {read_error(exc)}")


def load_document(path: str, data: bytes, fmt: str) -> Document | Notice:
    """Decode a whole file into one Document."""
    decoded = decode(data)
    if decoded is None:
        kind = "binary file" if looks_binary(data) else "no text encoding fits its bytes"
        return Notice(path, f"skipped: {kind}", level="warning")
    return Document(
        text=decoded.text,
        path=path,
        format=fmt,
        encoding=decoded.encoding,
        encoding_confidence=decoded.confidence,
        encoding_candidates=decoded.candidates,
        undecodable=decoded.undecodable,
        lossless=decoded.lossless,
    )


def open_stream(path: str) -> BinaryIO:
    """A binary stream of the file's (decompressed) bytes."""
    return open_read(path)


def iter_records(
    stream: BinaryIO, path: str, text_field: str, first: int = 1, id_field: str | None = None
) -> Iterator[Record | Notice]:
    """Stream a JSONL file: one Record per non-blank line, a Notice if the stream breaks.
    ``first`` is the line number of the stream's first line (a chunk of a file);
    ``id_field`` names the field whose value identifies a record in the findings."""
    keys = text_field.split(".")
    id_keys = id_field.split(".") if id_field else None
    number = first - 1
    try:
        for raw in stream:
            number += 1
            record = parse_record(raw, number, path, keys, id_keys)
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                record.notes = (_bom_before_records(path),)
            yield record
    except COMPRESSION_ERRORS as exc:
        yield Notice(path, f"stopped reading after line {number}: {read_error(exc)}")


def parse_record(
    raw: bytes, number: int, path: str, keys: list[str], id_keys: list[str] | None = None
) -> Record:
    record = Record(number, raw)
    body = raw.rstrip(b"\r\n")
    if not body.strip():
        return record
    encoding, confidence, lossless = "utf-8", 1.0, True
    try:
        line = body.decode("utf-8")
    except UnicodeDecodeError:
        decoded = decode(body)
        if decoded is None:
            record.problem = malformed(path, number, 1, "record is binary data, not JSON text")
            return record
        line, encoding, confidence = decoded.text, decoded.encoding, decoded.confidence
        lossless = decoded.lossless and not decoded.undecodable
    if too_deep(line):
        message = f"record is nested more than {MAX_DEPTH} levels deep"
        record.problem = malformed(path, number, 1, message)
        return record
    try:
        value = _LENIENT.decode(line[1:] if number == 1 and line.startswith("\ufeff") else line)
    except json.JSONDecodeError as exc:
        message = f"record is not valid JSON: {exc.msg} (column {exc.colno})"
        record.problem = malformed(path, number, exc.colno, message)
        return record
    except RecursionError:
        # the decoder recurses once per level; a hostile record must not end the run
        message = "record is nested too deeply to read (about a thousand levels or more)"
        record.problem = malformed(path, number, 1, message)
        return record
    ident = record_id(value, id_keys) if id_keys else None
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    if not isinstance(value, str):
        found = "missing" if value is None else f"a {type(value).__name__}, not a string"
        record.problem = malformed(path, number, 1, f"text field '{'.'.join(keys)}' is {found}")
        return record
    record.document = Document(
        text=value,
        path=path,
        format="jsonl",
        record=number,
        id=ident,
        encoding=encoding,
        encoding_confidence=confidence,
        lossless=lossless,
    )
    return record


def record_id(value: object, keys: list[str]) -> object:
    """The value at ``keys`` in a parsed record, if it is a string or a number
    (what can name a record); None otherwise."""
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return value


def too_deep(line: str) -> bool:
    """Whether a JSON text nests arrays and objects more than :data:`MAX_DEPTH` deep.

    Python's decoder recurses once per level, so how deep it can go depends
    on how deep the caller already is; a fixed limit makes every run (a
    worker, a Ray task, a test) treat a hostile record alike. Only a line
    with that many brackets is measured, strings taken out first.
    """
    if line.count("[") + line.count("{") <= MAX_DEPTH:
        return False
    brackets = _BRACKET.findall(_JSON_STRING.sub("", line))
    return max(accumulate(map(_BRACKET_STEP.__getitem__, brackets)), default=0) > MAX_DEPTH


MAX_DEPTH = 512
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_BRACKET = re.compile(r"[\[\]{}]")


def _bom_before_records(path: str) -> ReadProblem:
    """A UTF-8 byte-order mark before the first record: reported, not fixed (it lies
    outside every record, and ``--fix`` changes only text fields)."""
    message = "UTF-8 byte-order mark at the start of the JSONL file (not part of any record)"
    return ReadProblem(InputProblem.BOM_BEFORE_RECORDS, path, 1, 1, message)


def malformed(path: str, number: int, column: int, message: str) -> ReadProblem:
    """Record ``number`` cannot be read (``column`` is where, on its line)."""
    return ReadProblem(InputProblem.MALFORMED_RECORD, path, number, column, message)


def read_error(exc: BaseException) -> str:
    """What went wrong reading a stream, in words for the user."""
    if isinstance(exc, EOFError):
        return "file is truncated (compressed stream ended early)"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def display_path(path: str) -> str:
    """The path as the user gave it, with '/' separators and no leading './', for output.

    Bytes of a file name that are not UTF-8 are shown as ``\\xNN`` and control
    characters (a newline in a name) as escapes, so every output format stays
    one valid UTF-8 line per finding.
    """
    shown = path.replace(os.sep, "/").removeprefix("./")
    if shown.isprintable():
        return shown
    shown = os.fsencode(shown).decode("utf-8", "backslashreplace")
    return _CONTROL_IN_NAME.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), shown)


_CONTROL_IN_NAME = re.compile("[\x00-\x1f\x7f-\x9f]")
