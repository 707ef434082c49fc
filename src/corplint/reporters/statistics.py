"""``--statistics``: how damaged a corpus is, at a glance.

Counts per rule and per category, each with the documents it affects, and how
many documents have any finding: what a user deciding whether a crawl is usable
needs, instead of thousands of lines. A JSONL record that could not be read as a
document counts as one (its finding is that it is unreadable). ``--output-format
json`` gives the same figures as one JSON object, which the HTML report
(``corplint report``) carries too.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from rich.markup import escape

from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding
from corplint.reporters.base import Reporter, Summary
from corplint.reporters.text import ConciseReporter, print_summary


class Tally:
    """Findings and documents affected, per rule and per category."""

    def __init__(self) -> None:
        self.findings: Counter[str] = Counter()  # by rule code
        self.documents: Counter[str] = Counter()  # documents with a finding of the rule
        self.category_documents: Counter[str] = Counter()
        self.affected = 0  # documents with any finding
        self.seen = 0  # documents, and records that could not be read as one
        self.categories: dict[str, str] = {}

    def add(self, findings: list[Finding]) -> None:
        """The findings of one document (or of a record that could not be read)."""
        self.seen += 1
        if not findings:
            return
        self.affected += 1
        codes = Counter(f.code for f in findings)
        self.findings.update(codes)
        self.documents.update(codes.keys())
        for f in findings:
            self.categories.setdefault(f.code, f.category)
        self.category_documents.update({self.categories[code] for code in codes})

    def as_dict(self, summary: Summary, rules: dict[str, Any]) -> dict[str, Any]:
        by_category: Counter[str] = Counter()
        for code, n in self.findings.items():
            by_category[self.categories[code]] += n
        by_rule = [
            {
                "code": code,
                "name": rules[code].name if code in rules else "",
                "category": self.categories[code],
                "findings": n,
                "documents": self.documents[code],
                "safe_fix": code in rules and rules[code].fix is Applicability.SAFE,
            }
            for code, n in sorted(self.findings.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        return {
            "files": summary.files,
            "documents": self.seen,
            "documents_checked": summary.documents,
            "documents_with_findings": self.affected,
            "findings": summary.findings,
            "fixable": summary.fixable,
            "unsafe_fixable": summary.unsafe_fixable,
            "fixed": summary.fixed,
            "input_errors": summary.errors,
            "by_category": [
                {"category": cat, "findings": n, "documents": self.category_documents[cat]}
                for cat, n in sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
            "by_rule": by_rule,
        }


class Tallying:
    """A reporter that only counts, per document (``-j`` replays these calls)."""

    tally: Tally

    def report(self, findings: list[Finding], document: Document | None) -> None:
        """Counted per document in :meth:`document`."""

    def document(self, document: Document | None, findings: list[Finding]) -> None:
        self.tally.add(findings)


class StatisticsReporter(Tallying, ConciseReporter):
    """``--statistics``: one line per rule, most frequent first, with the documents
    it affects; then the categories."""

    def start(self) -> None:
        super().start()
        self.tally = Tally()

    def finish(self, summary: Summary) -> None:
        stats = self.tally.as_dict(summary, self.rules)
        for row in stats["by_rule"]:
            fixable = " [*]" if row["safe_fix"] else ""
            self.console.print(
                f"{row['findings']:>7}  {row['code']}  {row['name']}{escape(fixable)}"
                f"  ({row['documents']} document(s))"
            )
        if stats["by_category"]:
            self.console.print("by category:")
            for row in stats["by_category"]:
                self.console.print(
                    f"{row['findings']:>7}  {row['category']}  ({row['documents']} document(s))"
                )
            self.console.print(
                f"{stats['documents_with_findings']} of {stats['documents']} document(s) "
                "have findings."
            )
        if not self.quiet:
            print_summary(self.console, summary)


class StatisticsJsonReporter(Tallying, Reporter):
    """``--statistics --output-format json``: the statistics as one JSON object."""

    def start(self) -> None:
        self.tally = Tally()

    def finish(self, summary: Summary) -> None:
        stats = self.tally.as_dict(summary, self.rules)
        self.out.write(json.dumps(stats, ensure_ascii=False, indent=2) + "\n")
