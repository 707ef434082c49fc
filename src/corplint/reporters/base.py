"""The Reporter interface: how findings leave corplint.

Reporters are streaming: ``report`` is called once per document as the run
goes, so a corpus of millions of documents is never held in memory for
output (SARIF, one JSON object by definition, is the exception).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from corplint.core.document import Document
    from corplint.core.finding import Finding
    from corplint.core.rule import Rule


@dataclass
class Summary:
    """Totals of a run, handed to ``Reporter.finish``."""

    files: int = 0
    documents: int = 0
    findings: int = 0
    fixable: int = 0
    unsafe_fixable: int = 0
    fixed: int = 0
    errors: int = 0
    by_code: Counter = field(default_factory=Counter)

    def add(self, other: Summary) -> None:
        """Count ``other`` (a worker's share of the run) into these totals."""
        self.files += other.files
        self.documents += other.documents
        self.findings += other.findings
        self.fixable += other.fixable
        self.unsafe_fixable += other.unsafe_fixable
        self.fixed += other.fixed
        self.errors += other.errors
        self.by_code.update(other.by_code)


class Reporter:
    """Base class of output formats; a plugin subclasses it and returns it from
    ``corplint_output_formats``."""

    def __init__(self, out: TextIO, rules: dict[str, type[Rule]], color: bool | None = None):
        self.out = out
        self.rules = rules
        self.color = color

    def start(self) -> None:
        """Called once before any finding."""

    def report(self, findings: list[Finding], document: Document | None) -> None:
        """Called with the findings of one document (``document`` is None for
        reader and corpus-level findings)."""
        raise NotImplementedError

    def document(self, document: Document | None, findings: list[Finding]) -> None:
        """Called once for every document checked, with its findings (after the
        baseline filter; empty for a clean document). ``document`` is None for a
        JSONL record that could not be read. Most formats need only
        :meth:`report`; a per-document summary needs this."""

    def finish(self, summary: Summary) -> None:
        """Called once at the end of the run."""
