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

from corplint.config.verdict import Policy
from corplint.core.document import Document
from corplint.core.finding import Finding
from corplint.reporters.base import Reporter


class DocumentsReporter(Reporter):
    """One JSON object per document: path, record, counts, verdict, reasons."""

    policy = Policy()

    def report(self, findings: list[Finding], document: Document | None) -> None:
        """Findings are counted per document in :meth:`document`."""

    def document(self, document: Document | None, findings: list[Finding]) -> None:
        if document is not None:
            path, record, ident = document.path, document.record, document.id
        elif findings:
            path, record, ident = findings[0].path, findings[0].record, findings[0].id
        else:
            return
        verdict = self.policy.judge(findings)
        line = {
            "path": path,
            "record": record,
            "id": ident,
            "findings": len(findings),
            "by_category": dict(sorted(Counter(f.category for f in findings).items())),
            "by_code": dict(sorted(Counter(f.code for f in findings).items())),
            "verdict": verdict.label,
            "reasons": list(verdict.reasons),
        }
        self.out.write(json.dumps(line, ensure_ascii=False) + "\n")
