"""Keep or drop: the document verdict a corpus builder filters on.

The policy comes from configuration (``[tool.corplint.verdict]``), so that the
``documents`` output, the Python API and the pipeline steps all judge a
document the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from corplint.config.selection import match_selector
from corplint.core.finding import Finding
from corplint.core.rule import Rule

DEFAULT_DROP = ("DIG003", "ENC006")
"""Dropped by default: a document whose numbers were all deleted (nothing can
restore them) and a JSONL record that cannot be read. Everything else corplint
finds is fixable or a matter of degree, so the default keeps it; the policy is
the user's to set."""


@dataclass(frozen=True)
class Verdict:
    """Whether to keep a document, and the reasons to drop it (rule codes, or
    ``more than N findings``)."""

    keep: bool
    reasons: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return "keep" if self.keep else "drop"


@dataclass(frozen=True)
class Policy:
    """Drop a document with a finding of one of ``drop`` (codes), or with more
    than ``max_findings`` findings in all (0: no limit)."""

    drop: frozenset[str] = frozenset(DEFAULT_DROP)
    max_findings: int = 0

    @classmethod
    def from_selectors(
        cls, selectors: Iterable[str] | None, rules: Mapping[str, type[Rule]], max_findings: int = 0
    ) -> Policy:
        """The policy of ``[tool.corplint.verdict]``: ``drop`` takes rule selectors
        (codes, prefixes, names, categories); None keeps the default."""
        chosen = DEFAULT_DROP if selectors is None else selectors
        codes = {code for sel in chosen for code in match_selector(sel, rules)}
        return cls(frozenset(codes), max_findings)

    def judge(self, findings: Iterable[Finding]) -> Verdict:
        findings = list(findings)
        reasons = sorted({f.code for f in findings if f.code in self.drop})
        if self.max_findings and len(findings) > self.max_findings:
            reasons.append(f"more than {self.max_findings} findings")
        return Verdict(not reasons, tuple(reasons))
