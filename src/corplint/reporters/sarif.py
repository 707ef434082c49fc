"""SARIF 2.1.0 output, as GitHub code scanning accepts it.

URIs are relative to the working directory (the repository root in CI) with
``uriBaseId: %SRCROOT%``. A JSONL record's finding points at the record's
line of the file; the position inside the text field goes in the message and
in ``properties``.
"""

from __future__ import annotations

import json

from corplint.core.document import Document
from corplint.core.finding import Finding, Severity
from corplint.core.version import __version__
from corplint.reporters.base import Reporter, Summary

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class SarifReporter(Reporter):
    """A SARIF log with one run; rules are described in ``tool.driver.rules``."""

    def start(self) -> None:
        self._results: list[dict] = []

    def report(self, findings: list[Finding], document: Document | None) -> None:
        for f in findings:
            self._results.append(self._result(f))

    def _result(self, f: Finding) -> dict:
        if f.record is not None:
            region = {"startLine": f.record, "startColumn": 1}
            text = f"{f.message} (record {f.record}, text line {f.line}, column {f.column})"
        else:
            region = {
                "startLine": max(f.line, 1),
                "startColumn": max(f.column, 1),
                "endLine": max(f.end_line, 1),
                "endColumn": max(f.end_column, 1),
            }
            text = f.message
        return {
            "ruleId": f.code,
            "level": _LEVELS.get(f.severity, "warning"),  # type: ignore[arg-type]
            "message": {"text": text or f.code},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"},
                        "region": region,
                    }
                }
            ],
            "properties": {"record": f.record, "fixApplicability": f.fix_applicability},
        }

    def finish(self, summary: Summary) -> None:
        rules = [
            {
                "id": code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary()},
                "fullDescription": {"text": rule.documentation()},
                "help": {"text": rule.documentation()},
                "defaultConfiguration": {"level": _LEVELS[rule.severity]},
                "properties": {"category": rule.category, "tags": [rule.category]},
            }
            for code, rule in sorted(self.rules.items())
        ]
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "corplint",
                            "version": __version__,
                            "informationUri": "https://pypi.org/project/corplint/",
                            "rules": rules,
                        }
                    },
                    "results": self._results,
                }
            ],
        }
        self.out.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/:@")
