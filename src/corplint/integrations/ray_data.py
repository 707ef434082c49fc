"""Ray Data: corplint's rules mapped over the records of a ``ray.data.Dataset``.

``pip install 'corplint[ray]'``. Built on :class:`corplint.Linter`, like every
other entry point; ``corplint check --engine ray`` (``corplint.engine.ray_engine``)
is the other Ray path, for files.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from corplint.api import Linter
from corplint.api.records import FINDING_FIELDS
from corplint.engine.ray_engine import TASK_ENV as _TASK_ENV


@dataclass(frozen=True)
class LintResult:
    """What :func:`lint_dataset` returns: lazy Ray datasets.

    ``findings`` has one row per finding (the JSON output's fields, with ``id``
    from the ``id_field`` column); ``fixed`` is the input with its text fixed
    (None unless asked).
    Both are computed when consumed; call ``.materialize()`` on one of them to
    keep it.
    """

    findings: Any
    fixed: Any = None


FINDING_COLUMNS = ("id", *FINDING_FIELDS, "fixable")


def lint_dataset(
    dataset: Any,
    *,
    text_field: str = "text",
    id_field: str | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    settings: dict[str, dict] | None = None,
    plugins: Sequence[str] = (),
    fix: bool = False,
    unsafe_fixes: bool = False,
) -> LintResult:
    """Map corplint's rules over the records of a ``ray.data.Dataset``.

    ``text_field`` names the text column (dots reach into nested records, as
    ``--text-field`` does); ``id_field`` a column that identifies a record in
    the findings (without one, ``id`` is None: a Ray dataset has no global row
    number to stand in). ``select``/``ignore`` take the command line's
    selectors, ``settings`` rule options by code (as
    ``[tool.corplint.rules.CODE]``), ``plugins`` extra rule packs by module
    name. With ``fix``, ``fixed`` is the dataset with safe (and with
    ``unsafe_fixes`` also unsafe) fixes applied and ``findings`` what remains
    after fixing. Corpus rules (which must see every record before checking
    one) and the live link check are left out: ``corplint check --engine ray``
    runs them. Built on :class:`corplint.Linter`, as every other entry point.
    """
    # built in the driver, so that a bad selector fails before any task
    linter = Linter(
        select=select,
        ignore=ignore,
        settings=settings,
        plugins=plugins,
        unsafe_fixes=unsafe_fixes,
        corpus=False,
    )
    spec = DatasetSpec(text_field, id_field, fix)
    linted = dataset.map_batches(
        _LintBatch,
        fn_constructor_args=(linter, spec),
        batch_format="pandas",
        runtime_env=_TASK_ENV,
    )
    findings = linted.flat_map(_explode, fn_args=(spec,), runtime_env=_TASK_ENV)
    fixed = linted.drop_columns([_FINDINGS]) if fix else None
    return LintResult(findings, fixed)


_FINDINGS = "__corplint_findings__"


@dataclass(frozen=True)
class DatasetSpec:
    text_field: str
    id_field: str | None
    fix: bool


class _LintBatch:
    """Checks (or fixes) a batch of records; built once per worker."""

    def __init__(self, linter: Any, spec: DatasetSpec) -> None:
        self.linter = linter
        self.spec = spec
        self.keys = spec.text_field.split(".")

    def __call__(self, batch: Any) -> Any:
        spec = self.spec
        records = [{self.keys[0]: value} for value in batch[self.keys[0]]]
        out, texts = [], []
        for result in self.linter.check_records(records, text_field=spec.text_field, fix=spec.fix):
            texts.append(result.record[self.keys[0]])
            out.append(json.dumps([f.to_dict() for f in result.findings], ensure_ascii=False))
        batch = batch.copy()
        if spec.fix:
            batch[self.keys[0]] = texts
        batch[_FINDINGS] = out
        return batch


def _explode(row: dict[str, Any], spec: DatasetSpec) -> list[dict[str, Any]]:
    ident = row.get(spec.id_field) if spec.id_field else None
    if hasattr(ident, "item"):
        ident = ident.item()  # a numpy scalar
    rows = []
    for f in json.loads(row[_FINDINGS]):
        rows.append({"id": ident, **{k: f.get(k) for k in FINDING_COLUMNS if k != "id"}})
    return rows
