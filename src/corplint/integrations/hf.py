"""Hugging Face ``datasets``: corplint as a ``map`` function and a ``filter`` predicate.

``pip install 'corplint[hf]'``::

    from corplint.integrations.hf import annotate, keep

    ds = ds.map(annotate(select=["mojibake", "spam"]), batched=True, num_proc=4)
    ds = ds.filter(keep(), batched=True, num_proc=4)

Both take a :class:`corplint.Linter` (or its arguments) and pickle as that
linter's arguments, so ``num_proc`` works. Records are read the way
``corplint check`` reads JSONL records, so the findings are the command line's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from corplint.api import Linter
from corplint.api.records import FINDING_FIELDS

COLUMNS = ("corplint_findings", "corplint_verdict", "corplint_reasons")
"""What :func:`annotate` adds: the findings (a list of records), ``keep`` or
``drop``, and the reasons to drop."""


@dataclass
class _Mapper:
    linter: Linter
    text_field: str
    fix: bool
    unsafe: bool | None

    def __call__(self, batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        key = self.text_field.split(".")[0]
        records = [{key: value} for value in batch[key]]
        out: dict[str, list[Any]] = {name: [] for name in COLUMNS}
        texts = []
        for result in self.linter.check_records(
            records, text_field=self.text_field, fix=self.fix, unsafe=self.unsafe
        ):
            texts.append(result.record[key])
            out["corplint_findings"].append(
                [{k: f.to_dict()[k] for k in FINDING_FIELDS} for f in result.findings]
            )
            out["corplint_verdict"].append(result.verdict.label)
            out["corplint_reasons"].append(list(result.verdict.reasons))
        if self.fix:
            out[key] = texts
        return out


@dataclass
class _Predicate:
    linter: Linter
    text_field: str

    def __call__(self, batch: dict[str, list[Any]]) -> list[bool]:
        key = self.text_field.split(".")[0]
        records = [{key: value} for value in batch[key]]
        return [r.keep for r in self.linter.check_records(records, text_field=self.text_field)]


def annotate(
    linter: Linter | None = None,
    *,
    text_field: str = "text",
    fix: bool = False,
    unsafe: bool | None = None,
    **linter_arguments: Any,
) -> _Mapper:
    """A ``Dataset.map(..., batched=True)`` function adding :data:`COLUMNS`; with
    ``fix`` the text column comes back fixed (safe fixes, unsafe ones too with
    ``unsafe``) and the findings are what remains."""
    return _Mapper(linter or Linter(**linter_arguments), text_field, fix, unsafe)


def keep(
    linter: Linter | None = None, *, text_field: str = "text", **linter_arguments: Any
) -> _Predicate:
    """A ``Dataset.filter(..., batched=True)`` predicate: the records whose verdict
    is keep (the policy of ``[tool.corplint.verdict]``)."""
    return _Predicate(linter or Linter(**linter_arguments), text_field)
