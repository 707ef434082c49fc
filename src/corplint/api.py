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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corplint.config.registry import Registry, build_registry
from corplint.config.selection import match_selector, resolve
from corplint.config.settings import Config, ConfigError, find_config, load_config
from corplint.config.verdict import Policy, Verdict
from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding
from corplint.engine.engine import Engine, configure_rules

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


@dataclass(frozen=True)
class Setup:
    """A configured run: the registry, what is enabled, and the engine that runs it."""

    config: Config
    registry: Registry
    codes: frozenset[str]
    settings: dict[str, dict]
    engine: Engine
    policy: Policy
    unfixable: frozenset[str]
    network_left_out: frozenset[str] = frozenset()
    """Network rules the selection named but the run leaves out (no ``network=True``)."""


def setup(
    config: Config | None = None,
    *,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    settings: Mapping[str, Mapping[str, Any]] | None = None,
    plugins: Sequence[str] = (),
    network: bool = False,
    corpus: bool = True,
    load_entry_points: bool = True,
) -> Setup:
    """Configuration in, a ready engine out.

    ``select``/``extend_select``/``ignore`` take the command line's selectors
    (codes, prefixes, names, categories) and apply on top of ``config``;
    ``settings`` are rule options by code or name (as
    ``[tool.corplint.rules.CODE]``), on top of the config's. Rules that talk
    to the network run only with ``network``, and then all of them (the live
    link check is asked for as a whole); corpus rules (which must see every
    document first) only with ``corpus``.
    """
    config = config or Config()
    registry = build_registry(
        tuple(config.plugins) + tuple(plugins), load_entry_points=load_entry_points
    )
    codes = resolve(
        registry.rules,
        list(select) if select is not None else config.select,
        list(config.extend_select) + list(extend_select),
        list(config.ignore) + list(ignore),
    )
    networked = {code for code in codes if registry.rules[code].network}
    if network:  # the live link check is asked for as a whole (``--check-links``)
        codes |= {code for code, rule in registry.rules.items() if rule.network}
    else:
        codes -= networked
    if not corpus:
        codes -= {code for code in codes if registry.rules[code].corpus}
    options = rule_settings(config, registry, settings)
    engine = Engine(configure_rules(registry.rules, codes, options))
    unfixable = {code for sel in config.unfixable for code in match_selector(sel, registry.rules)}
    policy = Policy.from_selectors(config.verdict_drop, registry.rules, config.verdict_max_findings)
    return Setup(
        config,
        registry,
        frozenset(codes),
        options,
        engine,
        policy,
        frozenset(unfixable),
        frozenset(networked) if not network else frozenset(),
    )


def rule_settings(
    config: Config, registry: Registry, extra: Mapping[str, Mapping[str, Any]] | None = None
) -> dict[str, dict]:
    """Per-rule options keyed by code; a table may name a rule by code or by name.
    Each rule's options are validated here, with the rule named in the message."""
    settings: dict[str, dict] = {}
    tables = [
        (f"{config.path}: [rules.{key}]", key, values) for key, values in config.rules.items()
    ]
    tables += [(f"settings[{key!r}]", key, values) for key, values in (extra or {}).items()]
    for where, key, values in tables:
        rule = registry.rules.get(key) or registry.rule_by_name(key)
        if rule is None:
            raise ConfigError(f"{where} names no known rule")
        merged = {**settings.get(rule.code, {}), **dict(values)}
        rule(**merged)  # validate now
        settings[rule.code] = merged
    return settings


def _config(config: Config | str | Path | None) -> Config:
    """``None``: the defaults (a library call does not read files it was not
    given); ``"auto"``: the closest config file, as the command line finds it;
    a path: that file."""
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    if config == "auto":
        return load_config(find_config())
    return load_config(Path(config))


@dataclass
class FixResult:
    """What :meth:`Linter.fix` did to one text."""

    text: str
    fixed: list[Finding] = field(default_factory=list)
    """The findings whose fixes were applied."""
    remaining: list[Finding] = field(default_factory=list)
    """What the rules still find in the fixed text."""

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


@dataclass
class RecordResult:
    """One record of :meth:`Linter.check_records`."""

    index: int
    """0-based position in the input."""
    id: Any
    """The record's ``id_field`` value (None without one)."""
    findings: list[Finding]
    """What the rules find (after fixing, with ``fix=True``)."""
    verdict: Verdict
    record: Any
    """The record, with its text fixed when ``fix=True`` (the input object otherwise)."""
    error: str | None = None
    """Why the record could not be checked (no text at ``text_field``); never silent."""

    @property
    def keep(self) -> bool:
        return self.verdict.keep


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
                if isinstance(t := _dig(r, keys), str)
            )
        job = _RecordJob(self, engine, keys, id_field, fix, self._allowed(unsafe))
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


@dataclass
class _RecordJob:
    """Checks one record; picklable, so that a process pool can run it."""

    linter: Linter
    engine: Engine
    keys: list[str]
    id_field: str | None
    fix: bool
    allowed: frozenset[Applicability]

    def __call__(self, item: tuple[int, Any]) -> RecordResult:
        index, record = item
        ident = _dig(record, self.id_field.split(".")) if self.id_field else None
        text = _dig(record, self.keys)
        if not isinstance(text, str):
            error = f"no text at '{'.'.join(self.keys)}'"
            return RecordResult(index, ident, [], Verdict(False, (error,)), record, error)
        doc = Document(text, path="<records>", format="jsonl", record=index + 1)
        if self.fix:
            done = self.engine.fix(doc, self.allowed, unfixable=self.linter.setup.unfixable)
            findings = done.remaining
            if done.document.text != text:
                record = _put(record, self.keys, done.document.text)
        else:
            findings = self.engine.check(doc)
        return RecordResult(index, ident, findings, self.linter.verdict(findings), record)


def _dig(value: Any, keys: list[str]) -> Any:
    for key in keys:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _put(value: Any, keys: list[str], text: str) -> Any:
    """A copy of ``value`` with ``text`` at ``keys`` (the input is not changed)."""
    if not keys:
        return text
    out = dict(value)
    out[keys[0]] = _put(value[keys[0]], keys[1:], text)
    return out


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
