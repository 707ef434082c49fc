"""Scoring corplint's findings and fixes against the hand labels, line by line."""

from __future__ import annotations

import difflib
import json
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.quality.run import corplint
from benchmarks.real.corpus import RealDoc, text_hash
from benchmarks.real.labels import DocLabels

JUNK = ("spam", "boilerplate")
"""Scored together as well: a nav line caught by a spam rule is still caught."""


@dataclass
class Labelled:
    doc: RealDoc
    labels: dict[int, str]  # line -> "category/kind"; lines not here are good
    lines: list[str]

    @property
    def file(self) -> str:
        return self.doc.id.replace("/", "__") + ".txt"


def match(docs: list[RealDoc], labels: dict[str, DocLabels]) -> tuple[list[Labelled], list[str]]:
    """Labelled documents whose text is still what was labelled, and the ids that drifted."""
    out, drifted = [], []
    for doc in docs:
        entry = labels.get(doc.id)
        if entry is None:
            continue
        lines = doc.text.split("\n")
        if entry.digest != doc.digest or any(
            n > len(lines) or text_hash(lines[n - 1]) != h for n, (h, _) in entry.lines.items()
        ):
            drifted.append(doc.id)
            continue
        out.append(Labelled(doc, {n: label for n, (_, label) in entry.lines.items()}, lines))
    return out, drifted


def write(docs: list[Labelled], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for d in docs:
        (folder / d.file).write_text(d.doc.text, encoding="utf-8")


def flagged_lines(docs: list[Labelled], root: Path) -> dict[str, dict[int, set[str]]]:
    """file -> line -> categories that flagged it (default rules, check only)."""
    result = corplint(["check", "docs", "--output-format", "json"], root)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"corplint exited {result.returncode}: {result.stderr[-2000:]}")
    out: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for f in json.loads(result.stdout or "[]"):
        name = Path(f["path"]).name
        for line in range(f["line"], (f.get("end_line") or f["line"]) + 1):
            out[name][line].add(f["category"])
        out[name][-1].add(f"{f['code']}@{f['line']}")  # which rules, for the miss report
    return out


@dataclass
class FixCounts:
    good_lines: int = 0
    good_changed: int = 0
    defect_lines: int = 0
    defect_changed: int = 0
    defect_damaged: int = 0
    changed_good: list[tuple[str, int]] = field(default_factory=list)


def fix_effects(docs: list[Labelled], root: Path, unsafe: bool) -> FixCounts:
    work = root / ("fixed-unsafe" if unsafe else "fixed-safe")
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(root / "docs", work)
    args = ["check", ".", "--fix", "--quiet", "--output-format", "concise"]
    if unsafe:
        args.append("--unsafe-fixes")
    result = corplint(args, work)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"corplint --fix exited {result.returncode}: {result.stderr[-2000:]}")
    counts = FixCounts()
    for d in docs:
        new = (work / d.file).read_text(encoding="utf-8").split("\n")
        changed: set[int] = set()
        damaged: set[int] = set()
        matcher = difflib.SequenceMatcher(None, d.lines, new, autojunk=False)
        for op, i1, i2, _, _ in matcher.get_opcodes():
            if op == "equal":
                continue
            block = range(i1 + 1, i2 + 1)
            changed.update(block)
            if any(n not in d.labels for n in block):
                damaged.update(n for n in block if n in d.labels)  # joined with good text
        for n, line in enumerate(d.lines, 1):
            if not line.strip():
                continue
            if n in d.labels:
                counts.defect_lines += 1
                counts.defect_changed += n in changed
                counts.defect_damaged += n in damaged
            else:
                counts.good_lines += 1
                if n in changed:
                    counts.good_changed += 1
                    counts.changed_good.append((d.doc.id, n))
    return counts


@dataclass
class CategoryScore:
    labelled: int = 0
    flagged: int = 0
    hits: int = 0
    caught: int = 0
    false_on_good: int = 0

    def precision(self) -> float | None:
        return self.hits / self.flagged if self.flagged else None

    def recall(self) -> float | None:
        return self.caught / self.labelled if self.labelled else None


@dataclass
class Report:
    documents: int = 0
    good_mb: float = 0.0
    categories: dict[str, CategoryScore] = field(default_factory=lambda: defaultdict(CategoryScore))
    kinds: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[tuple[str, int, str]] = field(default_factory=list)
    false_alarms: list[tuple[str, int, str]] = field(default_factory=list)
    fixes: dict[str, FixCounts] = field(default_factory=dict)

    def false_per_mb(self, category: str) -> float:
        return self.categories[category].false_on_good / self.good_mb if self.good_mb else 0.0


def _groups(category: str) -> tuple[str, ...]:
    return (category, "junk") if category in JUNK else (category,)


def score(docs: list[Labelled], flagged: dict[str, dict[int, set[str]]]) -> Report:
    report = Report(documents=len(docs))
    good_bytes = 0
    for d in docs:
        lines = flagged.get(d.file, {})
        for n, line in enumerate(d.lines, 1):
            if not line.strip():
                continue
            cats = set(lines.get(n, ()))
            if any(c in JUNK for c in cats):
                cats.add("junk")
            label = d.labels.get(n)
            if label is None:
                good_bytes += len(line.encode("utf-8")) + 1
                for c in cats:
                    report.categories[c].flagged += 1
                    report.categories[c].false_on_good += 1
                    if c != "junk":
                        report.false_alarms.append((d.doc.id, n, c))
                continue
            labels = label.split("+")  # a line may carry two defects
            groups = {g for one in labels for g in _groups(one.split("/")[0])}
            for group in groups:
                report.categories[group].labelled += 1
                report.categories[group].caught += group in cats
            for c in cats:  # a finding of another category on a defect line is no hit
                report.categories[c].flagged += 1
                report.categories[c].hits += c in groups
            for one in labels:
                category = one.split("/")[0]
                caught = category in cats or (category in JUNK and "junk" in cats)
                kind = report.kinds[one]
                kind[0] += 1
                kind[1] += caught
                if not caught:
                    report.misses.append((d.doc.id, n, one))
    report.good_mb = good_bytes / 1e6
    return report
