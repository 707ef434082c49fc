"""Rule specifications: the documented cases of each rule, one TOML file per rule.

A spec file ``<CODE>.toml`` (in a spec folder, or a family folder in it)
holds ``[[fail]]`` cases (text that must be flagged, with the expected spans
and, for fixable rules, the text after the fix) and ``[[pass]]`` cases (text
that must not be flagged). The test suite
runs every case through the real pipeline (bytes -> reader -> rules -> fix ->
bytes) and ``corplint rule CODE`` prints them as examples. SQLFluff's
``std_rule_cases`` are the model.

Keys of a case:
  text      the document text (TOML escapes such as \\u0000 and \\r work)
  encoding  codec the text is stored in before reading (default utf-8)
  format    text | markdown | html | jsonl (for jsonl, ``text`` is the file)
  options   rule options for this case
  spans     fail cases: [[line, column, end_line, end_column], ...], 1-based
  records   jsonl fail cases: the record number of each span
  fixed     text after ``--fix`` (``--unsafe-fixes`` when ``unsafe = true``)
  fixed_encoding  codec of the fixed file, when the fix transcodes it
  bytes_hex the raw input bytes, for inputs no codec can express
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass
class Case:
    kind: str  # "fail" or "pass"
    text: str = ""
    description: str = ""
    encoding: str = "utf-8"
    format: str = "text"
    options: dict[str, Any] = field(default_factory=dict)
    spans: list[list[int]] = field(default_factory=list)
    records: list[int] = field(default_factory=list)
    fixed: str | None = None
    fixed_encoding: str | None = None
    unsafe: bool = False
    bytes_hex: str | None = None

    def input_bytes(self) -> bytes:
        """The file content this case feeds to the reader."""
        if self.bytes_hex is not None:
            return bytes.fromhex(self.bytes_hex)
        return self.text.encode(self.encoding)

    def expected_fixed_bytes(self) -> bytes:
        assert self.fixed is not None
        return self.fixed.encode(self.fixed_encoding or self.encoding)


@dataclass
class Spec:
    code: str
    path: Path
    fail: list[Case]
    passing: list[Case]

    @property
    def fix_cases(self) -> list[Case]:
        return [c for c in self.fail if c.fixed is not None]


def load_spec(path: Path) -> Spec:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    unknown = set(data) - {"code", "fail", "pass"}
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}")
    return Spec(
        code=data.get("code", path.stem),
        path=path,
        fail=[Case(kind="fail", **c) for c in data.get("fail", [])],
        passing=[Case(kind="pass", **c) for c in data.get("pass", [])],
    )


def find_spec(code: str, dirs: list[Path]) -> Spec | None:
    for directory in dirs:
        candidate = directory / f"{code}.toml"
        if candidate.is_file():
            return load_spec(candidate)
        # built-in specs are filed by family: rules/<family>/<CODE>.toml
        for candidate in sorted(directory.glob(f"*/{code}.toml")):
            return load_spec(candidate)
    return None
