"""DataTrove: a filter step that drops by corplint's verdict, and a formatter
step that applies its safe fixes.

``pip install 'corplint[datatrove]'``::

    from corplint.integrations.datatrove import CorplintFilter, CorplintFormatter

    pipeline = [
        JsonlReader("crawl/"),
        CorplintFormatter(),                  # safe fixes: mojibake, controls, …
        CorplintFilter(select=["ALL"]),       # drop by [tool.corplint.verdict]
        JsonlWriter("clean/"),
    ]

Each step holds a :class:`corplint.Linter` (built from the step's keyword
arguments when none is given), which pickles as its arguments, so the steps
run under every DataTrove executor. A document's text is read as a JSONL
record's text is, so the findings are ``corplint check``'s.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.formatters.base import BaseFormatter

from corplint.api import Linter


class CorplintFilter(BaseFilter):
    """Drops documents whose verdict is drop; with ``annotate`` (the default)
    every kept document carries ``metadata["corplint"]``: its finding count, the
    counts per rule and the verdict."""

    name = "🈶 corplint filter"

    def __init__(
        self,
        linter: Linter | None = None,
        *,
        annotate: bool = True,
        exclusion_writer: Any = None,
        **linter_arguments: Any,
    ) -> None:
        super().__init__(exclusion_writer)
        self.linter = linter or Linter(**linter_arguments)
        self.annotate = annotate

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        findings = self.linter.check(doc.text, path=str(doc.id), fmt="jsonl")
        verdict = self.linter.verdict(findings)
        for finding in findings:
            self.stat_update(f"corplint_{finding.code}")
        if self.annotate:
            doc.metadata["corplint"] = {
                "findings": len(findings),
                "by_code": dict(sorted(Counter(f.code for f in findings).items())),
                "verdict": verdict.label,
            }
        if verdict.keep:
            return True
        return False, "corplint_" + "_".join(verdict.reasons)


class CorplintFormatter(BaseFormatter):
    """Applies corplint's safe fixes to each document's text (and the unsafe
    ones with ``unsafe=True``)."""

    name = "🈶 corplint fixes"

    def __init__(
        self, linter: Linter | None = None, *, unsafe: bool = False, **linter_arguments: Any
    ) -> None:
        super().__init__()
        self.linter = linter or Linter(**linter_arguments)
        self.unsafe = unsafe

    def format(self, text: str) -> str:
        result = self.linter.fix(text, unsafe=self.unsafe, fmt="jsonl")
        for finding in result.fixed:
            self.stat_update(f"corplint_fixed_{finding.code}")
        return result.text
