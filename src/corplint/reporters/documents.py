"""``--output-format documents``: one JSON line per document with a keep/drop verdict.

For users who filter a corpus rather than read findings: every checked
document gets a line — with its finding counts per category and per rule — and
the verdict of the policy in ``[tool.corplint.verdict]``, so that
``jq 'select(.verdict == "keep")'`` (or a few lines of Python) selects the
documents to train on.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from corplint.document import Document
from corplint.finding import Finding
from corplint.reporters.base import Reporter

DEFAULT_DROP = ("DIG003", "ENC006")
"""Dropped by default: a document whose numbers were all deleted (nothing can
restore them) and a JSONL record that cannot be read. Everything else corplint
finds is fixable or a matter of degree, so the default keeps it; the policy is
the user's to set."""


@dataclass(frozen=True)
class Policy:
    """Drop a document with a finding of one of ``drop`` (codes), or with more
    than ``max_findings`` findings in all (0: no limit)."""

    drop: frozenset[str] = frozenset(DEFAULT_DROP)
    max_findings: int = 0

    def verdict(self, findings: list[Finding]) -> tuple[str, list[str]]:
        reasons = sorted({f.code for f in findings if f.code in self.drop})
        if self.max_findings and len(findings) > self.max_findings:
            reasons.append(f"more than {self.max_findings} findings")
        return ("drop" if reasons else "keep"), reasons


class DocumentsReporter(Reporter):
    """One JSON object per document: path, record, counts, verdict, reasons."""

    policy = Policy()

    def report(self, findings: list[Finding], document: Document | None) -> None:
        """Findings are counted per document in :meth:`document`."""

    def document(self, document: Document | None, findings: list[Finding]) -> None:
        if document is not None:
            path, record = document.path, document.record
        elif findings:
            path, record = findings[0].path, findings[0].record
        else:
            return
        verdict, reasons = self.policy.verdict(findings)
        line = {
            "path": path,
            "record": record,
            "findings": len(findings),
            "by_category": dict(sorted(Counter(f.category for f in findings).items())),
            "by_code": dict(sorted(Counter(f.code for f in findings).items())),
            "verdict": verdict,
            "reasons": reasons,
        }
        self.out.write(json.dumps(line, ensure_ascii=False) + "\n")
