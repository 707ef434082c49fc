"""Baselines: accept the findings a dataset already has, report only new ones.

This is how CI adopts corplint on an existing corpus. A finding is identified
by path, record, code and a hash of the flagged text — not by line number —
so editing one document does not make every finding below it "new". Counts
are kept, so a second copy of an accepted defect is still reported.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from corplint.core.finding import Finding

VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be read or is not a corplint baseline."""


def fingerprint(finding: Finding) -> tuple[str, int | None, str, str]:
    digest = hashlib.sha1(finding.source.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return (finding.path, finding.record, finding.code, digest)


class Baseline:
    """A multiset of accepted finding fingerprints."""

    def __init__(self, counts: Counter | None = None) -> None:
        self.counts: Counter = counts or Counter()

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != VERSION:
                raise BaselineError(f"{path}: not a corplint baseline (version {VERSION})")
            counts = Counter(
                {
                    (e["path"], e["record"], e["code"], e["hash"]): int(e["count"])
                    for e in data["findings"]
                }
            )
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read baseline: {exc.strerror}") from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BaselineError(f"{path}: not a valid corplint baseline ({exc})") from exc
        return cls(counts)

    def filter(self, findings: Iterable[Finding]) -> list[Finding]:
        """Findings not accounted for by the baseline (consumes matching entries)."""
        new = []
        for finding in findings:
            key = fingerprint(finding)
            if self.counts[key] > 0:
                self.counts[key] -= 1
            else:
                new.append(finding)
        return new


class BaselineWriter:
    """Collects fingerprints during a run and writes them as JSON."""

    def __init__(self) -> None:
        self.counts: Counter = Counter()

    def add(self, findings: Iterable[Finding]) -> None:
        self.counts.update(fingerprint(f) for f in findings)

    def write(self, path: Path) -> None:
        entries = [
            {"path": p, "record": r, "code": c, "hash": h, "count": n}
            for (p, r, c, h), n in sorted(self.counts.items(), key=lambda kv: str(kv[0]))
        ]
        path.write_text(
            json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=1)
            + "\n",
            encoding="utf-8",
        )
