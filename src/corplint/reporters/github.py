"""GitHub Actions workflow commands: findings appear as annotations on the PR diff."""

from __future__ import annotations

from corplint.core.document import Document
from corplint.core.finding import Finding, Severity
from corplint.reporters.base import Reporter

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """``::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message``."""

    def report(self, findings: list[Finding], document: Document | None) -> None:
        for f in findings:
            where = f" (record {f.record})" if f.record is not None else ""
            props = ",".join(
                [
                    f"file={escape_property(f.path)}",
                    f"line={f.line}",
                    f"endLine={f.end_line}",
                    f"col={f.column}",
                    f"endColumn={f.end_column}",
                    f"title={escape_property(f'corplint {f.code} ({f.name})')}",
                ]
            )
            level = _LEVELS.get(f.severity, "warning")  # type: ignore[arg-type]
            self.out.write(f"::{level} {props}::{escape_data(f.code + ' ' + f.message + where)}\n")
