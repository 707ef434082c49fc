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
from corplint.reporters.statistics import Tally

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
        self.tally = Tally()  # for the job summary

    def report(self, findings: list[Finding], document: Document | None) -> None:
        for f in findings:
            in_record = f.record is not None
            jsonl = in_record and format_for(f.path) == "jsonl"
            level = _LEVELS.get(f.severity, "warning")  # type: ignore[arg-type]
            inside = ""
            if in_record:
                unit = "record" if jsonl else "row"
                inside = f" ({unit} {f.record}, text line {f.line}, column {f.column})"
            message = f"{f.code} {f.message}{inside}"
            if self._shown[level] >= MAX_PER_LEVEL:
                self._beyond += 1
                self.out.write(f"{_where(f, jsonl)}: {level}: {message}\n")
                continue
            self._shown[level] += 1
            props = ",".join(
                [f"file={escape_property(f.path)}", *_position(f, jsonl), f"title={_title(f)}"]
            )
            self.out.write(f"::{level} {props}::{escape_data(message)}\n")

    def document(self, document: Document | None, findings: list[Finding]) -> None:
        self.tally.add(findings)

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
        """The job summary: totals, then findings per category and per rule (the
        figures of ``--statistics``)."""
        stats = self.tally.as_dict(summary, self.rules)
        lines = [
            "## corplint",
            "",
            f"{stats['findings']} finding(s) in {stats['documents_with_findings']} of "
            f"{stats['documents']} document(s), {stats['files']} file(s); "
            f"{stats['fixable']} fixable with `--fix`"
            + (f", {stats['input_errors']} input error(s)" if stats["input_errors"] else "")
            + ".",
            "",
        ]
        if not stats["by_rule"]:
            return "\n".join(lines) + "\n"
        lines += ["| category | findings |", "|---|---:|"]
        lines += [f"| {r['category']} | {r['findings']} |" for r in stats["by_category"]]
        lines += ["", "| rule | name | findings |", "|---|---|---:|"]
        lines += [f"| {r['code']} | {r['name']} | {r['findings']} |" for r in stats["by_rule"]]
        if self._beyond:
            lines += ["", f"{self._beyond} finding(s) were not annotated (the step's limit)."]
        return "\n".join(lines) + "\n\n"


def _position(f: Finding, jsonl: bool) -> list[str]:
    if f.record is None:
        return [
            f"line={f.line}",
            f"endLine={f.end_line}",
            f"col={f.column}",
            f"endColumn={f.end_column}",
        ]
    if jsonl:  # the record's line of the file, and where in it
        columns = [f"col={f.record_column}", f"endColumn={f.record_end_column}"]
        return [f"line={f.record}", f"endLine={f.record}", *(columns if f.record_column else [])]
    return []  # a Parquet row: no line to point at


def _where(f: Finding, jsonl: bool) -> str:
    if f.record is None:
        return f"{f.path}:{f.line}:{f.column}"
    return f"{f.path}:{f.record}" if jsonl else f"{f.path}#{f.record}"


def _title(f: Finding) -> str:
    return escape_property(f"corplint {f.code} ({f.name})")
