"""Findings and fixes: what a rule says about a document and how to repair it.

A finding is located by code-point offsets into the document text; line and
column are filled in by the engine from the document's line index, so rules
never compute positions themselves. Findings and fixes are plain, picklable
values so that they can cross process boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from enum import Enum
from operator import attrgetter


class Severity(str, Enum):
    """How serious a finding is; maps to SARIF levels error/warning/note."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(str, Enum):
    """Whether ``--fix`` may apply a fix on its own (safe) or only with ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class InputProblem(str, Enum):
    """What a reader finds wrong with the raw input, outside any document's text.

    Readers report these as :class:`ReadProblem` values and never name a rule;
    a rule claims a kind in ``Rule.input_problems`` and reports it.
    """

    MALFORMED_RECORD = "malformed-record"
    """A record that cannot be read: not JSON, or no string where the text is."""
    BOM_BEFORE_RECORDS = "bom-before-records"
    """A byte-order mark before a file's first record, outside every record."""


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (an insertion when start == end)."""

    start: int
    end: int
    replacement: str = ""


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of non-overlapping edits, applied all together or not at all.

    ``encoding`` lets a fix change the codec the document is written back in
    (the not-UTF-8 rule's fix transcodes the file without touching its text).
    """

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    encoding: str | None = None

    @classmethod
    def replace(
        cls, start: int, end: int, replacement: str, applicability: Applicability | str = "safe"
    ) -> Fix:
        return cls((Edit(start, end, replacement),), Applicability(applicability))

    @classmethod
    def delete(cls, start: int, end: int, applicability: Applicability | str = "safe") -> Fix:
        return cls.replace(start, end, "", applicability)


@dataclass(slots=True)
class Finding:
    """One defect at one place.

    A rule creates it with ``start``, ``end``, ``message`` and optionally a
    ``fix``; the engine completes the rule identity and the location fields.
    ``line``/``column`` are 1-based and columns count Unicode code points.
    """

    start: int
    end: int
    message: str
    fix: Fix | None = None
    severity: Severity | None = None
    code: str = ""
    name: str = ""
    category: str = ""
    path: str = ""
    record: int | None = None
    id: object = None
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    source: str = field(default="", repr=False)
    """The flagged text; used for baselines and for reporters that show the span."""
    record_column: int = 0
    record_end_column: int = 0
    """Where the span is in its JSONL record's line of the file (1-based code
    points; 0 when unknown): the text is escaped there, so ``column`` is not it."""

    def with_(self, **changes: object) -> Finding:
        return replace(self, **changes)  # type: ignore[arg-type]

    def __reduce__(self) -> tuple:
        # The fields in order, given back to the constructor: a slotted
        # dataclass's own pickling sets each field through ``fields()``, and
        # with ``-j`` the parent unpickles every finding the workers send
        # (0.7 s of its time for the 89,000 of a 100 MB JSONL).
        return Finding, _finding_fields(self)

    @property
    def fix_applicability(self) -> str | None:
        return self.fix.applicability.value if self.fix else None

    def sort_key(self) -> tuple:
        return (self.path, self.record or 0, self.line, self.column, self.code)

    def to_dict(self) -> dict:
        """The documented output schema (see README, 'Output schema')."""
        return {
            "path": self.path,
            "record": self.record,
            "id": self.id,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value if self.severity else None,
            "message": self.message,
            "fixable": self.fix is not None,
            "fix_applicability": self.fix_applicability,
        }


_finding_fields = attrgetter(*(f.name for f in fields(Finding)))


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A problem a reader found at ``column`` of record ``record`` (its line)."""

    kind: InputProblem
    path: str
    record: int
    column: int
    message: str

    def to_finding(self, code: str) -> Finding:
        """A finding of rule ``code`` (the rule that claims the kind) at the problem's place."""
        return Finding(
            start=0,
            end=0,
            message=self.message,
            code=code,
            path=self.path,
            record=self.record,
            line=1,
            column=self.column,
            end_line=1,
            end_column=self.column,
        )
