"""Builds the pluggy plugin manager and the registry of rules and output formats.

Built-in plugins are listed in ``BUILTIN_PLUGINS`` and registered through the
same hooks as third-party packs (found through the ``corplint`` entry-point
group or named explicitly). A pack that fails to import is reported and
skipped, so one broken package never stops a corpus run.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass, field
from functools import cached_property
from importlib.metadata import entry_points
from pathlib import Path

import pluggy

from corplint.core import hookspecs
from corplint.core.finding import InputProblem
from corplint.core.rule import Rule, RuleDefinitionError

BUILTIN_PLUGINS = (
    "corplint.rules",
    "corplint.rules.encoding",
    "corplint.rules.markup",
    "corplint.rules.mojibake",
    "corplint.rules.script",
    "corplint.rules.digits",
    "corplint.rules.punctuation",
    "corplint.rules.spam",
    "corplint.rules.boilerplate",
    "corplint.rules.links",
    "corplint.rules.layout",
    "corplint.reporters",
)
ENTRY_POINT_GROUP = "corplint"


class PluginError(Exception):
    """A plugin named by the user could not be loaded or declares invalid rules."""


@dataclass
class Registry:
    """Everything the plugins contributed, looked up by the engine, CLI and reporters."""

    manager: pluggy.PluginManager
    rules: dict[str, type[Rule]] = field(default_factory=dict)
    output_formats: dict[str, type] = field(default_factory=dict)
    spec_dirs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extra_plugins: tuple[str, ...] = ()
    entry_points: bool = True
    """How the registry was built, so that a worker on another machine can build it again."""

    @cached_property
    def input_problem_rules(self) -> dict[InputProblem, type[Rule]]:
        """The rule that reports each kind of input problem (the first by code
        where several claim one)."""
        claims: dict[InputProblem, type[Rule]] = {}
        for code in sorted(self.rules):
            for kind in self.rules[code].input_problems:
                claims.setdefault(kind, self.rules[code])
        return claims

    def rule_by_name(self, name: str) -> type[Rule] | None:
        for rule in self.rules.values():
            if rule.name == name:
                return rule
        return None


def build_registry(
    extra_plugins: tuple[str, ...] | list[str] = (),
    load_entry_points: bool = True,
) -> Registry:
    """Create a plugin manager with built-in, installed and explicitly named plugins."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    warnings: list[str] = []
    for name in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    if load_entry_points:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
                continue
            try:
                pm.register(ep.load(), name=ep.name)
            except Exception as exc:  # a broken third-party pack must not stop the run
                warnings.append(f"plugin '{ep.name}' ({ep.value}) failed to load: {exc}")
    for dotted in extra_plugins:
        if pm.get_plugin(dotted) is not None:
            continue
        if "" not in sys.path and "." not in sys.path:
            sys.path.insert(0, ".")  # like `python -m`, let local modules be named
        try:
            module = importlib.import_module(dotted)
        except Exception as exc:
            raise PluginError(f"cannot import plugin '{dotted}': {exc}") from exc
        pm.register(module, name=dotted)

    registry = Registry(
        manager=pm,
        warnings=warnings,
        extra_plugins=tuple(extra_plugins),
        entry_points=load_entry_points,
    )
    for rules in pm.hook.corplint_rules():
        for rule in rules or ():
            try:
                rule.validate()
            except RuleDefinitionError as exc:
                raise PluginError(str(exc)) from exc
            previous = registry.rules.get(rule.code)
            if previous is not None and previous is not rule:
                raise PluginError(
                    f"rule code {rule.code} is declared twice: by {previous.__module__} "
                    f"and by {rule.__module__}"
                )
            if registry.rule_by_name(rule.name) not in (None, rule):
                raise PluginError(f"rule name '{rule.name}' is declared twice")
            registry.rules[rule.code] = rule
    registry.rules = dict(sorted(registry.rules.items()))
    for formats in pm.hook.corplint_output_formats():
        registry.output_formats.update(formats or {})
    for dirs in pm.hook.corplint_rule_specs():
        registry.spec_dirs.extend(Path(d) for d in dirs or ())
    return registry
