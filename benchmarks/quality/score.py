"""Scoring corplint's findings against the labelled corpus.

Definitions (all per category, from the findings of the real CLI):

* line level — a *predicted unit* is a (document, line) with a finding of the
  category. It is a true positive when a defect that this category may catch
  (its own category or an accepted one) touches that line, or the document
  has such a file-level defect; otherwise a false positive. A *gold unit* is a
  (document, line) touched by a defect of the category (one unit per document
  for file-level defects); it is caught when a finding of an accepted
  category touches it.
* document level — a document is predicted positive with any finding of the
  category; gold positive with any defect of the category.
* per damage kind — a defect is caught when a finding of an accepted category
  overlaps its character span (any such finding in the document, for a
  file-level defect), as in the seeds' ``expected.toml``; line-level counts as
  above, restricted to the kind's documents and categories; document level,
  the kind's documents against their paired clean controls.
* false findings per MB — findings of the category in the clean control set,
  per MB of its UTF-8 text.
* fix exactness — the share of restorable damaged documents whose bytes after
  ``--fix`` equal the original clean text, and the share of the clean control
  set's bytes that ``--fix`` changed (which must be zero).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from benchmarks.quality.model import Sample, line_starts, lines_of


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    gold: int = 0
    caught: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.caught / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)


@dataclass
class Report:
    line: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    doc: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    kind: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    """Per damage kind, span level: defects caught by an overlapping finding."""
    kind_line: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    """Per damage kind, line level, over the kind's documents and categories."""
    kind_doc: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    """Per damage kind, document level: its documents against their clean controls."""
    kind_doc_genre: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    """Per damage kind and source genre ("kind/genre"), document level."""
    kind_category: dict[str, str] = field(default_factory=dict)
    clean_findings: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    clean_mb: float = 0.0
    fix_exact: dict[str, list[int]] = field(default_factory=dict)
    """kind -> [restored documents, restorable documents] for safe and unsafe runs."""
    fix_exact_unsafe: dict[str, list[int]] = field(default_factory=dict)
    clean_changed: float = 0.0
    clean_changed_unsafe: float = 0.0

    def false_per_mb(self, category: str) -> float:
        return self.clean_findings.get(category, 0) / self.clean_mb if self.clean_mb else 0.0

    def categories(self) -> list[str]:
        names = set(self.line) | set(self.clean_findings) | set(self.doc)
        return sorted(names)

    def to_dict(self) -> dict:
        def counts(c: Counts) -> dict:
            return {
                "tp": c.tp,
                "fp": c.fp,
                "gold": c.gold,
                "caught": c.caught,
                "precision": c.precision,
                "recall": c.recall,
                "f1": c.f1,
            }

        return {
            "categories": {
                cat: {
                    "line": counts(self.line[cat]),
                    "document": counts(self.doc[cat]),
                    "false_findings_per_mb_clean": self.false_per_mb(cat),
                }
                for cat in self.categories()
            },
            "kinds": {
                k: {
                    "category": self.kind_category[k],
                    "defects": c.gold,
                    "caught": c.caught,
                    "recall": c.recall,
                    "line": counts(self.kind_line[k]),
                    "document": counts(self.kind_doc[k]),
                    "document_by_genre": {
                        g.split("/", 1)[1]: counts(c)
                        for g, c in self.kind_doc_genre.items()
                        if g.split("/", 1)[0] == k
                    },
                    "fix_exact_safe": _share(self.fix_exact.get(k)),
                    "fix_exact_unsafe": _share(self.fix_exact_unsafe.get(k)),
                }
                for k, c in self.kind.items()
            },
            "clean_mb": self.clean_mb,
            "clean_bytes_changed_by_fix": self.clean_changed,
            "clean_bytes_changed_by_unsafe_fix": self.clean_changed_unsafe,
        }


def _share(pair: list[int] | None) -> float | None:
    return pair[0] / pair[1] if pair and pair[1] else None


@dataclass(frozen=True)
class Located:
    """A finding with its character offsets in the document it was reported for."""

    category: str
    start: int
    end: int
    lines: range


def locate(sample: Sample, findings: Iterable[dict]) -> list[Located]:
    starts = line_starts(sample.text)
    out = []
    for f in findings:
        start = _offset(starts, sample.text, f["line"], f["column"])
        end = _offset(starts, sample.text, f["end_line"], f["end_column"])
        out.append(Located(f["category"], start, end, lines_of(starts, start, end)))
    return out


def _offset(starts: list[int], text: str, line: int, column: int) -> int:
    if line - 1 >= len(starts):
        return len(text)
    return min(len(text), starts[line - 1] + column - 1)


def score(
    damaged: list[Sample],
    clean: list[Sample],
    findings: dict[str, list[dict]],
    paths: dict[int, str],
) -> Report:
    """Score findings (by sample path) against the labels; ``paths`` maps id(sample) to its path."""
    report = Report()
    for sample in damaged:
        located = locate(sample, findings.get(paths[id(sample)], []))
        _score_damaged(report, sample, located)
    kind_categories = {d.kind: set(d.categories) for s in damaged for d in s.defects}
    for sample in clean:
        found = findings.get(paths[id(sample)], [])
        if sample.control_for in kind_categories:
            cats = kind_categories[sample.control_for]
            false = any(f["category"] in cats for f in found)
            report.kind_doc[sample.control_for].fp += false
            report.kind_doc_genre[f"{sample.control_for}/{sample.genre}"].fp += false
        predicted: dict[str, set[int]] = defaultdict(set)
        for f in locate(sample, found):
            report.clean_findings[f.category] += 1
            predicted[f.category].update(f.lines)
        for cat, lines in predicted.items():  # everything found in clean text is false
            report.line[cat].fp += len(lines)
            report.doc[cat].fp += 1
        report.clean_mb += len(sample.original.encode("utf-8")) / 1e6
    return report


def _score_damaged(report: Report, sample: Sample, located: list[Located]) -> None:
    starts = line_starts(sample.text)
    # lines where a finding of category C is tolerated (a defect there accepts C)
    accepting: dict[str, set[int]] = defaultdict(set)
    file_level: set[str] = set()
    for defect in sample.defects:
        report.kind_category[defect.kind] = defect.category
        for cat in defect.categories:
            if defect.file_level:
                file_level.add(cat)
            else:
                accepting[cat].update(lines_of(starts, defect.start, defect.end))
    # precision: predicted (line) units per category
    predicted: dict[str, set[int]] = defaultdict(set)
    for f in located:
        predicted[f.category].update(f.lines)
    for cat, lines in predicted.items():
        for line in lines:
            if cat in file_level or line in accepting[cat]:
                report.line[cat].tp += 1
            else:
                report.line[cat].fp += 1
    # recall: gold units of each defect's own category, and span-level catches per kind
    gold_lines: dict[str, dict[int, tuple[str, ...]]] = defaultdict(dict)
    for defect in sample.defects:
        kind = report.kind[defect.kind]
        kind.gold += 1
        hits = [f for f in located if f.category in defect.categories]
        if defect.file_level:
            report.line[defect.category].gold += 1
            report.line[defect.category].caught += bool(hits)
            kind.caught += bool(hits)
            continue
        if any(_overlaps(f, defect.start, defect.end) for f in hits):
            kind.caught += 1
        for line in lines_of(starts, defect.start, defect.end):
            gold_lines[defect.category].setdefault(line, defect.categories)
    for cat, lines in gold_lines.items():
        for line, accepted in lines.items():
            report.line[cat].gold += 1
            report.line[cat].caught += any(line in predicted.get(a, ()) for a in accepted)
    # the same, restricted to this document's damage kind and its categories
    for kind_name in {d.kind for d in sample.defects}:
        cats = {c for d in sample.defects if d.kind == kind_name for c in d.categories}
        kline, kdoc = report.kind_line[kind_name], report.kind_doc[kind_name]
        for cat in cats:
            for line in predicted.get(cat, ()):
                if cat in file_level or line in accepting[cat]:
                    kline.tp += 1
                else:
                    kline.fp += 1
        for defect in (d for d in sample.defects if d.kind == kind_name):
            if defect.file_level:
                kline.gold += 1
                kline.caught += any(f.category in defect.categories for f in located)
        for lines in gold_lines.values():
            for line, accepted in lines.items():
                if set(accepted) <= cats:
                    kline.gold += 1
                    kline.caught += any(line in predicted.get(a, ()) for a in accepted)
        hit = any(f.category in cats for f in located)
        for counts in (kdoc, report.kind_doc_genre[f"{kind_name}/{sample.genre}"]):
            counts.gold += 1
            counts.caught += hit
            counts.tp += hit
    # document level
    own = {d.category for d in sample.defects}
    tolerated = {c for d in sample.defects for c in d.categories}
    for cat in own:
        report.doc[cat].gold += 1
        report.doc[cat].caught += any(f.category in _accepts(sample, cat) for f in located)
    for cat in (c for c, lines in predicted.items() if lines):
        if cat in tolerated:
            report.doc[cat].tp += 1
        else:
            report.doc[cat].fp += 1


def _accepts(sample: Sample, category: str) -> set[str]:
    return {c for d in sample.defects if d.category == category for c in d.categories}


def _overlaps(f: Located, start: int, end: int) -> bool:
    if f.start == f.end or start == end:
        return start <= f.start <= end if f.start == f.end else f.start <= start < f.end
    return f.start < end and start < f.end


def fix_exactness(samples: list[Sample], fixed: dict[int, bytes]) -> dict[str, list[int]]:
    """kind -> [documents restored byte for byte, restorable documents]."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for sample in samples:
        if not sample.restorable:
            continue
        pair = out[sample.kind]
        pair[1] += 1
        pair[0] += fixed[id(sample)] == sample.original_data()
    return dict(out)


def changed_share(samples: list[Sample], fixed: dict[int, bytes]) -> float:
    """Share of the bytes of (clean) samples that a fix changed."""
    total = sum(len(s.data()) for s in samples)
    changed = 0
    for s in samples:
        before, after = s.data(), fixed[id(s)]
        if before != after:
            ops = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
            changed += sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in ops if op != "equal")
    return changed / total if total else 0.0
