"""Configuration in, a ready engine out: the one place a run is wired together
(the command line, the Ray path and the Python API all call :func:`setup`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corplint.config.registry import Registry, build_registry
from corplint.config.selection import match_selector, resolve
from corplint.config.settings import Config, ConfigError, find_config, load_config
from corplint.config.verdict import Policy
from corplint.core.rule import OptionError
from corplint.engine.engine import Engine, configure_rules


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
        try:
            rule(**merged)  # validate now
        except OptionError as exc:  # the file, the rule and the key, in one line
            raise ConfigError(f"{where} ({rule.code}): {exc}") from exc
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
