"""corplint from Python, and the one place that wires a run together.

A corpus pipeline wants findings for a string, or for each record of a
dataset, without a command line in between::

    import corplint

    corplint.check("今天天气很好。。")                  # -> [Finding, ...]
    corplint.fix("他说:今天很冷", unsafe=True).text    # the fixed text
    linter = corplint.Linter(select=["MOJ", "spam"])   # rules configured once
    for result in linter.check_records(rows, id_field="id"):
        ...                                           # findings, verdict, fixed text

:func:`setup` turns configuration (a ``Config``, selectors, rule options,
plugins) into the registry, the enabled codes and an :class:`Engine`; the
command line, the Ray path and this API all build their runs through it, so a
selector or a rule option means the same everywhere.

A :class:`Linter` is cheap to send to worker processes: it pickles as its
arguments and builds its rules again on arrival.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from corplint.api.records import FixResult, RecordJob, RecordResult, dig
from corplint.api.wiring import Setup, _config, rule_settings, setup
from corplint.config.settings import Config
from corplint.config.verdict import Verdict
from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding
from corplint.engine.engine import Engine

__all__ = [
    "FixResult",
    "Linter",
    "RecordResult",
    "Setup",
    "check",
    "check_records",
    "fix",
    "rule_settings",
    "setup",
]


class Linter:
    """Rules configured once, to check or fix many texts.

    Takes the same selection as the command line (see :func:`setup`);
    ``config`` is a ``Config``, a path to a config file, ``"auto"`` to find one
    as the command line does, or None for the defaults. ``unsafe_fixes``
    defaults to the config's. Network rules are left out (the live link check
    is the command line's ``--check-links``); ``corpus=False`` leaves out the
    corpus rules too (a map over a dataset's batches cannot show them the
    whole corpus first).
    """

    def __init__(
        self,
        *,
        select: Sequence[str] | None = None,
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        config: Config | str | Path | None = None,
        settings: Mapping[str, Mapping[str, Any]] | None = None,
        plugins: Sequence[str] = (),
        unsafe_fixes: bool | None = None,
        corpus: bool = True,
    ) -> None:
        self._arguments = {
            "corpus": corpus,
            "select": list(select) if select is not None else None,
            "extend_select": list(extend_select),
            "ignore": list(ignore),
            "config": _config(config),
            "settings": {k: dict(v) for k, v in (settings or {}).items()},
            "plugins": list(plugins),
            "unsafe_fixes": unsafe_fixes,
        }
        self._build()

    def _build(self) -> None:
        a = self._arguments
        self.setup = setup(
            a["config"],
            select=a["select"],
            extend_select=a["extend_select"],
            ignore=a["ignore"],
            settings=a["settings"],
            plugins=a["plugins"],
            corpus=a["corpus"],
        )
        unsafe = a["unsafe_fixes"]
        self.unsafe_fixes = a["config"].unsafe_fixes if unsafe is None else unsafe

    def __getstate__(self) -> dict[str, Any]:
        return self._arguments  # rules and registry are rebuilt where it lands

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._arguments = state
        self._build()

    @property
    def codes(self) -> frozenset[str]:
        """The enabled rule codes."""
        return self.setup.codes

    def check(self, text: str, *, path: str = "<string>", fmt: str = "text") -> list[Finding]:
        """Findings for one text, positions 1-based as the command line reports them."""
        doc = Document(text, path=path, format=fmt)
        return self._engine_for([doc]).check(doc)

    def fix(
        self, text: str, *, unsafe: bool | None = None, path: str = "<string>", fmt: str = "text"
    ) -> FixResult:
        """Apply the safe fixes (and unsafe ones with ``unsafe``) until nothing changes."""
        doc = Document(text, path=path, format=fmt)
        done = self._engine_for([doc]).fix(
            doc, self._allowed(unsafe), unfixable=self.setup.unfixable
        )
        return FixResult(done.document.text, done.fixed, done.remaining)

    def verdict(self, findings: Iterable[Finding]) -> Verdict:
        """Keep or drop, by the configured policy (``[tool.corplint.verdict]``)."""
        return self.setup.policy.judge(findings)

    def check_records(
        self,
        records: Iterable[Any],
        *,
        text_field: str = "text",
        id_field: str | None = None,
        fix: bool = False,
        unsafe: bool | None = None,
        jobs: int = 1,
    ) -> Iterator[RecordResult]:
        """Check (or fix) each record, in order, streaming.

        A record is a mapping whose ``text_field`` (dots reach into nested
        records) holds the text; a record without a text there is yielded with
        ``error`` set. Corpus rules see every record first when ``records`` is
        a sequence (a list, a tuple); an iterator streams past them once, so
        they see only the record being checked. ``jobs`` > 1 checks in that
        many processes (each gets a copy of this linter).
        """
        keys = text_field.split(".")
        corpus = [rule for rule in self.setup.engine.rules if rule.corpus]
        engine = self.setup.engine
        if corpus and isinstance(records, Sequence):
            engine = self._engine_for(
                Document(t, path="<records>", format="jsonl", record=i + 1)
                for i, r in enumerate(records)
                if isinstance(t := dig(r, keys), str)
            )
        job = RecordJob(
            engine,
            self.setup.policy,
            self.setup.unfixable,
            keys,
            id_field,
            fix,
            self._allowed(unsafe),
        )
        if jobs <= 1:
            yield from map(job, enumerate(records))
            return
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(jobs) as pool:
            yield from pool.map(job, enumerate(records), chunksize=64)

    def _allowed(self, unsafe: bool | None) -> frozenset[Applicability]:
        allowed = {Applicability.SAFE}
        if self.unsafe_fixes if unsafe is None else unsafe:
            allowed.add(Applicability.UNSAFE)
        return frozenset(allowed)

    def _engine_for(self, docs: Iterable[Document]) -> Engine:
        """The engine, with fresh corpus rules shown ``docs`` when there are any
        (a reused linter must not carry what one call showed into the next)."""
        rules = self.setup.engine.rules
        if not any(rule.corpus for rule in rules):
            return self.setup.engine
        fresh = [copy.deepcopy(rule) if rule.corpus else rule for rule in rules]
        observers = [rule for rule in fresh if rule.corpus]
        for doc in docs:
            for rule in observers:
                rule.observe(doc)
        return Engine(fresh)


_LINTERS: dict[tuple, Linter] = {}


def _linter(**arguments: Any) -> Linter:
    """One linter per distinct argument set, kept for the next call."""
    key = repr(sorted(arguments.items()))
    linter = _LINTERS.get(key)
    if linter is None:
        if len(_LINTERS) >= 16:
            _LINTERS.clear()
        linter = _LINTERS[key] = Linter(**arguments)
    return linter


def check(
    text: str,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    config: Config | str | Path | None = None,
    path: str = "<string>",
    fmt: str = "text",
) -> list[Finding]:
    """Findings for one text with the default rules (or ``select``/``ignore``)."""
    linter = _linter(select=select, ignore=tuple(ignore), config=config)
    return linter.check(text, path=path, fmt=fmt)


def fix(
    text: str,
    *,
    unsafe: bool = False,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    config: Config | str | Path | None = None,
    path: str = "<string>",
    fmt: str = "text",
) -> FixResult:
    """The text with safe fixes applied (and unsafe ones with ``unsafe``)."""
    linter = _linter(select=select, ignore=tuple(ignore), config=config)
    return linter.fix(text, unsafe=unsafe, path=path, fmt=fmt)


def check_records(
    records: Iterable[Any],
    *,
    text_field: str = "text",
    id_field: str | None = None,
    fix: bool = False,
    unsafe: bool = False,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    config: Config | str | Path | None = None,
    jobs: int = 1,
) -> Iterator[RecordResult]:
    """:meth:`Linter.check_records` with a linter built from these arguments."""
    linter = _linter(select=select, ignore=tuple(ignore), config=config)
    return linter.check_records(
        records, text_field=text_field, id_field=id_field, fix=fix, unsafe=unsafe, jobs=jobs
    )
