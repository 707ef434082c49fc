"""GitHub Actions workflow commands: findings appear as annotations on the PR diff.

GitHub shows ten annotations of each level per step and drops the rest, so
past ``MAX_PER_LEVEL`` a finding is printed as a plain log line instead, and
a last notice says how many there were. A finding in a JSONL record is
annotated at the record's line of the file, at its columns in that line (the
text is escaped there; the position inside the text is in the message); one
in a Parquet row, which has no line, on the file. When
``$GITHUB_STEP_SUMMARY`` names a file, a Markdown summary of the run (totals,
findings per category and rule) is appended to it: what the job's summary
page shows.
"""

from __future__ import annotations

import os
from collections import Counter

from corplint.core.document import Document
from corplint.core.finding import Finding, Severity
from corplint.io.readers import format_for
from corplint.reporters.base import Reporter, Summary

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
MAX_PER_LEVEL = 10
"""Annotations of one level GitHub shows for a step."""


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """``::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message``."""

    def start(self) -> None:
        self._shown: Counter[str] = Counter()  # annotations printed, by level
        self._beyond = 0  # findings printed as plain lines past the cap
        self._by_code: Counter[str] = Counter()
        self._documents: set[tuple[str, int | None]] = set()

    def report(self, findings: list[Finding], document: Document | None) -> None:
        for f in findings:
            self._by_code[f.code] += 1
            self._documents.add((f.path, f.record))
            level = _LEVELS.get(f.severity, "warning")  # type: ignore[arg-type]
            message = f"{f.code} {f.message}{_inside(f)}"
            if self._shown[level] >= MAX_PER_LEVEL:
                self._beyond += 1
                self.out.write(f"{_where(f)}: {level}: {message}\n")
                continue
            self._shown[level] += 1
            props = ",".join(
                [f"file={escape_property(f.path)}", *_position(f), f"title={_title(f)}"]
            )
            self.out.write(f"::{level} {props}::{escape_data(message)}\n")

    def finish(self, summary: Summary) -> None:
        if self._beyond:
            self.out.write(
                f"::notice title=corplint::{self._beyond} more finding(s) printed above as "
                f"plain lines: GitHub shows {MAX_PER_LEVEL} annotations of each level per step\n"
            )
        target = os.environ.get("GITHUB_STEP_SUMMARY")
        if target:
            with open(target, "a", encoding="utf-8") as fh:
                fh.write(self.markdown(summary))

    def markdown(self, summary: Summary) -> str:
        """The job summary: totals, then findings per category and per rule."""
        lines = [
            "## corplint",
            "",
            f"{summary.findings} finding(s) in {len(self._documents)} of {summary.documents} "
            f"document(s), {summary.files} file(s); {summary.fixable} fixable with `--fix`"
            + (f", {summary.errors} input error(s)" if summary.errors else "")
            + ".",
            "",
        ]
        if not self._by_code:
            return "\n".join(lines) + "\n"
        by_category: Counter[str] = Counter()
        for code, n in self._by_code.items():
            by_category[self._category(code)] += n
        lines += ["| category | findings |", "|---|---:|"]
        lines += [f"| {cat} | {n} |" for cat, n in sorted(by_category.items())]
        lines += ["", "| rule | name | findings |", "|---|---|---:|"]
        for code, n in sorted(self._by_code.items(), key=lambda item: (-item[1], item[0])):
            rule = self.rules.get(code)
            lines.append(f"| {code} | {rule.name if rule else ''} | {n} |")
        if self._beyond:
            lines += ["", f"{self._beyond} finding(s) were not annotated (the step's limit)."]
        return "\n".join(lines) + "\n\n"

    def _category(self, code: str) -> str:
        rule = self.rules.get(code)
        return rule.category if rule else "other"


def _position(f: Finding) -> list[str]:
    if f.record is None:
        return [
            f"line={f.line}",
            f"endLine={f.end_line}",
            f"col={f.column}",
            f"endColumn={f.end_column}",
        ]
    if _is_jsonl(f.path):  # the record's line of the file, and where in it
        columns = [f"col={f.record_column}", f"endColumn={f.record_end_column}"]
        return [f"line={f.record}", f"endLine={f.record}", *(columns if f.record_column else [])]
    return []  # a Parquet row: no line to point at


def _inside(f: Finding) -> str:
    if f.record is None:
        return ""
    unit = "record" if _is_jsonl(f.path) else "row"
    return f" ({unit} {f.record}, text line {f.line}, column {f.column})"


def _where(f: Finding) -> str:
    if f.record is None:
        return f"{f.path}:{f.line}:{f.column}"
    return f"{f.path}:{f.record}" if _is_jsonl(f.path) else f"{f.path}#{f.record}"


def _title(f: Finding) -> str:
    return escape_property(f"corplint {f.code} ({f.name})")


def _is_jsonl(path: str) -> bool:
    return format_for(path) == "jsonl"
