"""JSON and JSON Lines output: the documented schema of ``Finding.to_dict``."""

from __future__ import annotations

import json

from corplint.core.document import Document
from corplint.core.finding import Finding
from corplint.reporters.base import Reporter, Summary


class JsonReporter(Reporter):
    """One JSON array of findings, streamed element by element."""

    def start(self) -> None:
        self._first = True
        self.out.write("[")

    def report(self, findings: list[Finding], document: Document | None) -> None:
        for finding in findings:
            self.out.write("\n  " if self._first else ",\n  ")
            self.out.write(json.dumps(finding.to_dict(), ensure_ascii=False))
            self._first = False

    def finish(self, summary: Summary) -> None:
        self.out.write("]\n" if self._first else "\n]\n")


class JsonLinesReporter(Reporter):
    """One JSON object per finding per line."""

    def report(self, findings: list[Finding], document: Document | None) -> None:
        for finding in findings:
            self.out.write(json.dumps(finding.to_dict(), ensure_ascii=False) + "\n")
