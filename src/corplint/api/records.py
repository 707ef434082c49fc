"""What the API gives back: a fixed text, a checked record; and the picklable
job that checks one record (in this process or in a pool's)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from corplint.config.verdict import Policy, Verdict
from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding
from corplint.engine.engine import Engine

FINDING_FIELDS = (
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "name",
    "category",
    "severity",
    "message",
    "fix_applicability",
)
"""A finding's fields as the pipeline steps store them beside a record (the
output schema's, less the path and record number the dataset itself gives)."""


@dataclass
class FixResult:
    """What :meth:`Linter.fix` did to one text."""

    text: str
    fixed: list[Finding] = field(default_factory=list)
    """The findings whose fixes were applied."""
    remaining: list[Finding] = field(default_factory=list)
    """What the rules still find in the fixed text."""

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


@dataclass
class RecordResult:
    """One record of :meth:`Linter.check_records`."""

    index: int
    """0-based position in the input."""
    id: Any
    """The record's ``id_field`` value (None without one)."""
    findings: list[Finding]
    """What the rules find (after fixing, with ``fix=True``)."""
    verdict: Verdict
    record: Any
    """The record, with its text fixed when ``fix=True`` (the input object otherwise)."""
    error: str | None = None
    """Why the record could not be checked (no text at ``text_field``); never silent."""

    @property
    def keep(self) -> bool:
        return self.verdict.keep


@dataclass
class RecordJob:
    """Checks one record; picklable, so that a process pool can run it."""

    engine: Engine
    policy: Policy
    unfixable: frozenset[str]
    keys: list[str]
    id_field: str | None
    fix: bool
    allowed: frozenset[Applicability]

    def __call__(self, item: tuple[int, Any]) -> RecordResult:
        index, record = item
        ident = dig(record, self.id_field.split(".")) if self.id_field else None
        text = dig(record, self.keys)
        if not isinstance(text, str):
            error = f"no text at '{'.'.join(self.keys)}'"
            return RecordResult(index, ident, [], Verdict(False, (error,)), record, error)
        doc = Document(text, path="<records>", format="jsonl", record=index + 1, id=ident)
        if self.fix:
            done = self.engine.fix(doc, self.allowed, unfixable=self.unfixable)
            findings = done.remaining
            if done.document.text != text:
                record = put(record, self.keys, done.document.text)
        else:
            findings = self.engine.check(doc)
        return RecordResult(index, ident, findings, self.policy.judge(findings), record)


def dig(value: Any, keys: list[str]) -> Any:
    for key in keys:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def put(value: Any, keys: list[str], text: str) -> Any:
    """A copy of ``value`` with ``text`` at ``keys`` (the input is not changed)."""
    if not keys:
        return text
    out = dict(value)
    out[keys[0]] = put(value[keys[0]], keys[1:], text)
    return out
