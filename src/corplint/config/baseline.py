"""Baselines: accept the findings a dataset already has, report only new ones.

This is how CI adopts corplint on an existing corpus. A finding is identified
by its path and code, and by its record's id (``--id-field``) with a hash of
the flagged text, or, where records have no id, by a hash of the flagged text
and the text around it — never by a line or record number, so inserting,
deleting or reordering records (or editing one) leaves every other finding
old. Counts are kept, so a second copy of an accepted defect is still
reported.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from corplint.core.finding import Finding

VERSION = 2
CONTEXT = 24
"""Characters on each side of a finding, within its lines, that identify it
with its text."""


class BaselineError(Exception):
    """The baseline file cannot be read or is not a corplint baseline."""


def fingerprint(finding: Finding, text: str | None = None) -> tuple[str, str, str, str]:
    """(path, record id or "", code, hash): what a finding is known by across
    runs. ``text`` is the document's text, whose characters around the finding
    tell apart two findings of the same text in one file."""
    if finding.id is not None:
        anchor, context = f"id:{finding.id}", ""
    else:
        anchor, context = "", _context(finding, text)
    digest = hashlib.sha1(
        f"{finding.source}\x00{context}".encode("utf-8", "surrogatepass")
    ).hexdigest()[:16]
    return (finding.path, anchor, finding.code, digest)


def _context(finding: Finding, text: str | None) -> str:
    if text is None:
        return ""
    # within the finding's lines: an edit on another line leaves it as it was
    start, end = finding.start, finding.end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[max(line_start, start - CONTEXT) : start]
    after = text[end : min(end + CONTEXT, len(text) if line_end < 0 else line_end)]
    return f"{before}\x00{after}"


class Baseline:
    """A multiset of accepted finding fingerprints."""

    def __init__(self, counts: Counter | None = None) -> None:
        self.counts: Counter = counts or Counter()

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == 1:
                raise BaselineError(
                    f"{path}: a baseline of an older corplint, which knew findings by "
                    "record number; write it again with --write-baseline"
                )
            if data.get("version") != VERSION:
                raise BaselineError(f"{path}: not a corplint baseline (version {VERSION})")
            counts = Counter(
                {
                    (e["path"], e["id"], e["code"], e["hash"]): int(e["count"])
                    for e in data["findings"]
                }
            )
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read baseline: {exc.strerror}") from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BaselineError(f"{path}: not a valid corplint baseline ({exc})") from exc
        return cls(counts)

    def filter(self, findings: Iterable[Finding], text: str | None = None) -> list[Finding]:
        """Findings (of one document, whose text is ``text``) not accounted for by
        the baseline (consumes matching entries)."""
        new = []
        for finding in findings:
            key = fingerprint(finding, text)
            if self.counts[key] > 0:
                self.counts[key] -= 1
            else:
                new.append(finding)
        return new


class BaselineWriter:
    """Collects fingerprints during a run and writes them as JSON."""

    def __init__(self) -> None:
        self.counts: Counter = Counter()

    def add(self, findings: Iterable[Finding], text: str | None = None) -> None:
        self.counts.update(fingerprint(f, text) for f in findings)

    def write(self, path: Path) -> None:
        entries = [
            {"path": p, "id": i, "code": c, "hash": h, "count": n}
            for (p, i, c, h), n in sorted(self.counts.items(), key=lambda kv: str(kv[0]))
        ]
        path.write_text(
            json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=1)
            + "\n",
            encoding="utf-8",
        )
