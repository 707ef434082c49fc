"""Fuzzing the readers, the writers and the whole rule set through the command line.

Hypothesis makes hostile inputs — random bytes, random Unicode with CJK and
combining marks, JSON records nested thousands deep, huge strings, lone
surrogates, and every compression format cut at a random point — and each is
checked and fixed as a user would. Whatever the input:

* corplint exits 0, 1 or 2, with no traceback and no internal error;
* a broken input is reported (a cut compressed file exits 2; every line that
  is not a JSON record with a text string is an ENC006 finding);
* ``--fix`` changes a JSONL line only inside its text field's value, keeps
  every line that is not a readable record byte for byte, and a second
  ``--fix`` changes nothing.

CI runs ``FUZZ_EXAMPLES`` (a few hundred) examples per test; the ``nightly``
mark runs 10,000 (``pytest -m nightly tests/io/test_fuzz_io.py``).
"""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from corplint.io.readers import MAX_DEPTH
from corplint.io.writers import find_field

FUZZ_EXAMPLES = int(os.environ.get("CORPLINT_FUZZ_EXAMPLES", "120"))
NIGHTLY_EXAMPLES = 10_000

try:
    import zstandard
except ImportError:  # pragma: no cover - the dev extra installs it
    zstandard = None

CODECS = {
    "": lambda b: b,
    ".gz": lambda b: gzip.compress(b, mtime=0),
    ".bz2": bz2.compress,
    ".xz": lzma.compress,
}
if zstandard is not None:
    CODECS[".zst"] = lambda b: zstandard.ZstdCompressor().compress(b)

_HOSTILE = "新闻稿件，。、“”《》\u3000\u00a0\u200b\ufeff\ufffd\x00\x01\x1b\x7f\x85\r\n\t<>&;#ÃÂ¤â€"
characters = st.one_of(
    st.sampled_from(list(_HOSTILE)),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),  # combining marks
    st.characters(codec="utf-8"),
)
texts = st.text(characters, max_size=300)
huge_texts = st.builds(
    lambda s, n: s * n, st.text(characters, min_size=1, max_size=5), st.integers(1000, 10000)
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


KINDS = ("good",) * 3 + ("huge", "surrogate", "deep", "junk", "notext")
NIGHTLY_KINDS = ("good",) * 10 + ("huge",) + ("surrogate", "deep", "junk", "notext") * 3
"""At 10,000 examples a huge string in one line of eight would take hours (the
whole rule set reads up to 50,000 characters three times): one in twenty-four."""


@st.composite
def jsonl_lines(draw, kinds: tuple[str, ...] = KINDS) -> tuple[bytes, bool]:
    """One raw line and whether it is a readable record (a JSON object with a text string)."""
    kind = draw(st.sampled_from(kinds))
    if kind in ("good", "huge"):
        record = draw(st.dictionaries(st.text(max_size=4), json_values, max_size=3))
        record["text"] = draw(huge_texts if kind == "huge" else texts)
        line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        return line.encode("utf-8", "surrogatepass"), True
    if kind == "surrogate":  # a lone surrogate escape: valid JSON, not encodable UTF-8
        return b'{"text": "a\\ud800b\\udfff"}', True
    if kind == "deep":
        depth = draw(st.integers(MAX_DEPTH + 1, 5000))
        return b'{"text": "\xe5\xa5\xbd", "m": ' + b"[" * depth + b"]" * depth + b"}", False
    if kind == "notext":
        return json.dumps({"title": draw(texts)}).encode(), False
    junk = draw(st.binary(min_size=1, max_size=200)).replace(b"\n", b" ")
    try:
        value = json.loads(junk.decode("utf-8"), strict=False)
        readable = isinstance(value, dict) and isinstance(value.get("text"), str)
    except (UnicodeDecodeError, ValueError, RecursionError):
        readable = None  # decoded by a fallback codec, maybe: not asserted
    return junk, readable


def _clean_run(result) -> None:
    assert result.code in (0, 1, 2), result.err
    assert "Traceback" not in result.err
    assert "internal error" not in result.err
    assert "findings dropped" not in result.err


def _fuzz(max_examples: int):
    """Settings for a fuzz test: CI's runs draw the same examples every time
    (a red CI is then the code's doing, not the draw's); nightly runs draw anew."""
    shrink = os.environ.get("CORPLINT_FUZZ_SHRINK", "1") == "1"
    return settings(
        max_examples=max_examples,
        derandomize=max_examples < NIGHTLY_EXAMPLES,
        database=None,
        deadline=None,
        phases=tuple(Phase) if shrink else (Phase.explicit, Phase.reuse, Phase.generate),
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


def _jsonl_case(cli, folder: Path, lines: list[tuple[bytes, bool]], ending: bytes) -> None:
    path = folder / "f.jsonl"
    data = b"".join(raw + ending for raw, _ in lines)
    path.write_bytes(data)
    checked = cli("check", str(path), "--output-format", "json", "--no-progress")
    _clean_run(checked)
    malformed = {f["record"] for f in json.loads(checked.out) if f["code"] == "ENC006"}
    for number, (raw, readable) in enumerate(lines, 1):
        if readable is False and raw.strip():
            assert number in malformed, f"line {number} is broken but was not reported"
        if readable is True:
            assert number not in malformed, f"line {number} is a record but was reported broken"
    fixed = cli("check", str(path), "--fix", "--unsafe-fixes", "--no-progress")
    _clean_run(fixed)
    after = path.read_bytes()
    old_lines, new_lines = data.split(b"\n"), after.split(b"\n")
    assert len(old_lines) == len(new_lines)
    for number, (old, new) in enumerate(zip(old_lines, new_lines, strict=True), 1):
        if old == new:
            continue
        assert number not in malformed, "a line that is not a record was changed"
        o, n = old.decode("utf-8", "surrogateescape"), new.decode("utf-8", "surrogateescape")
        (os_, oe), (ns, ne) = find_field(o, ["text"]), find_field(n, ["text"])
        assert o[:os_] == n[:ns] and o[oe:] == n[ne:], "bytes outside the text field changed"
    again = cli("check", str(path), "--fix", "--unsafe-fixes", "--no-progress")
    _clean_run(again)
    assert path.read_bytes() == after, (
        f"a second --fix changed the file again\nfirst: {fixed.err}\nsecond: {again.err}"
    )


@pytest.fixture
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@_fuzz(FUZZ_EXAMPLES)
@given(
    lines=st.lists(jsonl_lines(), min_size=1, max_size=6), ending=st.sampled_from([b"\n", b"\r\n"])
)
def test_jsonl_records_fuzzed(cli, folder, lines, ending):
    _jsonl_case(cli, folder, lines, ending)


BYTES = st.one_of(st.binary(max_size=3000), texts.map(lambda t: t.encode("utf-8", "surrogatepass")))
SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".jsonl"])
CUT_INPUTS = {
    "lines": st.lists(jsonl_lines(), min_size=1, max_size=4),
    "codec": st.sampled_from(sorted(CODECS)),
    "cut": st.floats(0.0, 1.0),
}


def _bytes_case(cli, folder: Path, data: bytes, suffix: str) -> None:
    path = folder / f"f{suffix}"
    path.write_bytes(data)
    _clean_run(cli("check", str(path), "--output-format", "json", "--no-progress"))
    _clean_run(cli("check", str(path), "--fix", "--unsafe-fixes", "--no-progress"))
    once = path.read_bytes()
    _clean_run(cli("check", str(path), "--fix", "--unsafe-fixes", "--no-progress"))
    assert path.read_bytes() == once, "a second --fix changed the file again"


def _cut_case(cli, folder: Path, lines: list[tuple[bytes, bool]], codec: str, cut: float) -> None:
    path = folder / f"f.jsonl{codec}"
    whole = CODECS[codec](b"".join(raw + b"\n" for raw, _ in lines))
    at = int(len(whole) * cut)
    truncated = codec != "" and 0 < at < len(whole)
    stored = whole[:at] if truncated else whole
    path.write_bytes(stored)
    checked = cli("check", str(path), "--output-format", "json", "--no-progress")
    _clean_run(checked)
    if truncated:
        assert checked.code == 2, "a cut compressed file was read as if whole"
        fixed = cli("check", str(path), "--fix", "--no-progress")
        _clean_run(fixed)
        assert fixed.code == 2
        assert path.read_bytes() == stored, "a cut file was rewritten"


@_fuzz(FUZZ_EXAMPLES)
@given(data=BYTES, suffix=SUFFIXES)
def test_random_bytes_and_text_fuzzed(cli, folder, data, suffix):
    _bytes_case(cli, folder, data, suffix)


@_fuzz(FUZZ_EXAMPLES)
@given(**CUT_INPUTS)
def test_compressed_inputs_cut_at_random_points(cli, folder, lines, codec, cut):
    _cut_case(cli, folder, lines, codec, cut)


@pytest.mark.nightly
@_fuzz(NIGHTLY_EXAMPLES)
@given(data=BYTES, suffix=SUFFIXES)
def test_random_bytes_and_text_fuzzed_nightly(cli, folder, data, suffix):
    _bytes_case(cli, folder, data, suffix)


@pytest.mark.nightly
@_fuzz(NIGHTLY_EXAMPLES)
@given(**CUT_INPUTS)
def test_compressed_inputs_cut_at_random_points_nightly(cli, folder, lines, codec, cut):
    _cut_case(cli, folder, lines, codec, cut)


@pytest.mark.nightly
@_fuzz(NIGHTLY_EXAMPLES)
@given(
    lines=st.lists(jsonl_lines(NIGHTLY_KINDS), min_size=1, max_size=6),
    ending=st.sampled_from([b"\n", b"\r\n"]),
)
def test_jsonl_records_fuzzed_nightly(cli, folder, lines, ending):
    _jsonl_case(cli, folder, lines, ending)
