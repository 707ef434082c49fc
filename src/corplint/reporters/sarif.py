"""SARIF 2.1.0 output, as GitHub code scanning accepts it.

URIs are relative to the repository root (the git work tree holding the
working directory, else the working directory), ``uriBaseId: %SRCROOT%``,
which ``originalUriBaseIds`` defines; a file outside it gets an absolute
``file:`` URI. Columns count code points (``columnKind``), as corplint's do. A
JSONL record's finding points at the record's line of the file; the
position inside the text field goes in the message and in ``properties``.
``partialFingerprints`` carry the baseline's fingerprint (file, rule, the
record's id or the text around the finding), so code scanning follows a
finding across commits as ``--baseline`` does; a safe fix of a finding
outside a record is given as a SARIF ``fix``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from corplint.config.baseline import fingerprint
from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding, Severity
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
        self._root = _repository_root()
        self._locations: dict[str, dict] = {}  # by path: resolved once per file

    def report(self, findings: list[Finding], document: Document | None) -> None:
        text = document.text if document is not None else None
        for f in findings:
            location = self._location(f.path)
            result = self._result(f, location)
            result["partialFingerprints"] = {"corplint/v2": "/".join(fingerprint(f, text)[1:])}
            fix = _fix(f, document, location)
            if fix is not None:
                result["fixes"] = [fix]
            self._results.append(result)

    def _location(self, path: str) -> dict:
        location = self._locations.get(path)
        if location is None:
            absolute = Path(path).resolve()
            try:
                relative = absolute.relative_to(self._root)
            except ValueError:
                location = {"uri": absolute.as_uri()}
            else:
                location = {"uri": _uri(relative.as_posix()), "uriBaseId": "%SRCROOT%"}
            self._locations[path] = location
        return location

    def _result(self, f: Finding, location: dict) -> dict:
        if f.record is not None:
            region = {"startLine": f.record, "startColumn": f.record_column or 1}
            if f.record_column:  # where the span is in the record's (escaped) line
                region.update(endLine=f.record, endColumn=f.record_end_column)
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
                        "artifactLocation": location,
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
                    "columnKind": "unicodeCodePoints",
                    "originalUriBaseIds": {"%SRCROOT%": {"uri": self._root.as_uri() + "/"}},
                    "invocations": [
                        {
                            "executionSuccessful": summary.errors == 0,
                            "workingDirectory": {"uri": Path.cwd().as_uri() + "/"},
                            "properties": {
                                "files": summary.files,
                                "documents": summary.documents,
                                "inputErrors": summary.errors,
                            },
                        }
                    ],
                }
            ],
        }
        self.out.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/:@")


def _repository_root() -> Path:
    """The git work tree holding the working directory, or the working directory."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if os.path.exists(folder / ".git"):
            return folder
    return here


def _fix(f: Finding, document: Document | None, location: dict) -> dict | None:
    """A safe fix as SARIF says it: each edit a region of the file replaced.
    Only outside records: a record's text is escaped inside its JSON line, where
    the edit's own positions do not hold."""
    fix = f.fix
    if fix is None or fix.applicability is not Applicability.SAFE or document is None:
        return None
    if f.record is not None or fix.encoding:
        return None  # (a change of the file's codec is no region's)
    replacements = []
    for edit in fix.edits:
        start_line, start_column = document.position(edit.start)
        end_line, end_column = document.position(edit.end)
        replacements.append(
            {
                "deletedRegion": {
                    "startLine": start_line,
                    "startColumn": start_column,
                    "endLine": end_line,
                    "endColumn": end_column,
                },
                "insertedContent": {"text": edit.replacement},
            }
        )
    return {
        "description": {"text": f"corplint --fix: {f.message}"},
        "artifactChanges": [{"artifactLocation": location, "replacements": replacements}],
    }
