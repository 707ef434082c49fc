"""The engine: documents in, findings out, fixes applied.

It knows nothing about files, the CLI or output: it runs the enabled rules on
a Document, completes each finding's rule identity and position, and applies
fixes in bounded passes until the text stops changing.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from corplint.core.document import Document
from corplint.core.finding import Applicability, Edit, Finding
from corplint.core.rule import Rule
from corplint.engine.gate import Gate

MAX_FIX_PASSES = 10
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class FixResult:
    """The outcome of fixing one document."""

    document: Document
    fixed: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


class Engine:
    """Runs a fixed set of configured rules over documents."""

    def __init__(
        self,
        rules: Iterable[Rule],
        on_crash: Callable[[Rule, Document, Exception], None] | None = None,
    ) -> None:
        """``on_crash``: told of a rule that raised on a document, whose findings
        on it are then dropped and the run goes on; without it the error
        propagates (what a rule's own tests want)."""
        self.rules = list(rules)
        self.on_crash = on_crash
        self._by_format: dict[str, Gate] = {}

    def rules_for(self, fmt: str) -> list[Rule]:
        return self._gate(fmt).rules

    def _gate(self, fmt: str) -> Gate:
        gate = self._by_format.get(fmt)
        if gate is None:
            gate = self._by_format[fmt] = Gate([r for r in self.rules if r.checks_format(fmt)])
        return gate

    def check(self, doc: Document, skip: frozenset[str] = frozenset()) -> list[Finding]:
        """All findings of the enabled rules (minus ``skip`` codes) for one document."""
        findings: list[Finding] = []
        for rule in self._gate(doc.format).select(doc.text):
            if rule.code in skip:
                continue
            if self.on_crash is None:
                findings.extend(complete(finding, rule, doc) for finding in rule.check(doc))
                continue
            try:
                found = [complete(finding, rule, doc) for finding in rule.check(doc)]
            except Exception as exc:  # a bug in one rule must not lose the others' findings
                self.on_crash(rule, doc, exc)
                continue
            findings.extend(found)
        findings.sort(key=lambda f: (f.start, f.end, f.code))
        return findings

    def fix(
        self,
        doc: Document,
        allowed: frozenset[Applicability],
        skip: frozenset[str] = frozenset(),
        unfixable: frozenset[str] = frozenset(),
    ) -> FixResult:
        """Apply allowed fixes, re-checking after each pass, until nothing changes."""
        result = FixResult(doc)
        findings = self.check(doc, skip)
        for _ in range(MAX_FIX_PASSES):
            chosen = choose_fixes(findings, allowed, unfixable)
            if not chosen:
                break
            text = apply_edits(doc.text, [e for f in chosen for e in f.fix.edits])  # type: ignore[union-attr]
            encoding = next((f.fix.encoding for f in chosen if f.fix.encoding), None)  # type: ignore[union-attr]
            if text == doc.text and (encoding or doc.encoding) == doc.encoding:
                break
            result.fixed.extend(chosen)
            doc = doc.with_text(text, encoding)
            findings = self.check(doc, skip)
        result.document = doc
        result.remaining = findings
        return result


def complete(finding: Finding, rule: type[Rule] | Rule, doc: Document) -> Finding:
    """Fill in a rule's identity and the 1-based positions of a finding."""
    finding.code = rule.code
    finding.name = rule.name
    finding.category = rule.category
    if finding.severity is None:
        finding.severity = rule.severity
    if _SURROGATE.search(finding.message):
        # a message quoting undecodable bytes must still print and serialise as UTF-8
        finding.message = _SURROGATE.sub("\ufffd", finding.message)
    finding.path = doc.path
    finding.record = doc.record
    finding.id = doc.id
    finding.line, finding.column = doc.position(finding.start)
    finding.end_line, finding.end_column = doc.position(finding.end)
    finding.source = doc.text[finding.start : finding.end]
    return finding


def choose_fixes(
    findings: list[Finding], allowed: frozenset[Applicability], unfixable: frozenset[str]
) -> list[Finding]:
    """A maximal set of allowed fixes whose edits do not overlap, earliest first.

    A fix whose edits clash with an already chosen one waits for the next pass,
    when it is recomputed on the new text.
    """
    chosen: list[Finding] = []
    taken = _Taken()
    for finding in findings:
        fix = finding.fix
        if fix is None or fix.applicability not in allowed or finding.code in unfixable:
            continue
        if any(taken.clashes(edit) for edit in fix.edits):
            continue
        chosen.append(finding)
        for edit in fix.edits:
            taken.add(edit)
    return chosen


class _Taken:
    """Chosen edits, sorted by position, so that a clash is found by bisection
    (comparing each fix with every chosen one grows with the square of the
    number of fixes: a record of 10,000 control characters)."""

    def __init__(self) -> None:
        self.keys: list[tuple[int, int]] = []  # (start, end) of each, in order
        self.edits: list[Edit] = []

    def clashes(self, edit: Edit) -> bool:
        # Chosen edits do not overlap, so only those starting between the edit's
        # start and end, and the last one starting before it, can reach it.
        low = max(bisect.bisect_left(self.keys, (edit.start, -1)) - 1, 0)
        high = bisect.bisect_right(self.keys, (edit.end, sys.maxsize))
        return any(_overlap(edit, other) for other in self.edits[low:high])

    def add(self, edit: Edit) -> None:
        at = bisect.bisect_right(self.keys, (edit.start, edit.end))
        self.keys.insert(at, (edit.start, edit.end))
        self.edits.insert(at, edit)


def _overlap(a: Edit, b: Edit) -> bool:
    if a.start == a.end == b.start == b.end:
        return True  # two insertions at one point: their order would be arbitrary
    return a.start < b.end and b.start < a.end


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits; text outside them is copied unchanged."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def configure_rules(
    classes: Mapping[str, type[Rule]], codes: Iterable[str], settings: Mapping[str, dict]
) -> list[Rule]:
    """Instantiate the enabled rules with their per-rule options."""
    return [classes[code](**settings.get(code, {})) for code in sorted(codes)]
