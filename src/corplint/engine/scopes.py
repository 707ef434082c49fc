"""Configurations by folder: each file is checked under the closest one above it.

As in Ruff, a dataset folder with a ``corplint.toml`` of its own keeps its
rule selection, options and per-file ignores when a run starts above it
(``corplint check .`` at a repository's root). The run's own configuration
covers the rest. A *scope* is what one configuration makes: an engine, the
enabled rules and the run options; the runner enters a file's scope before it
reads the file (in the corpus pass, in one process and in each worker), so
the rest of the runner is unaware of scopes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corplint.config.settings import config_in
from corplint.core.finding import Applicability
from corplint.engine.engine import Engine

if TYPE_CHECKING:
    from corplint.engine.run import RunOptions


@dataclass(frozen=True)
class Hierarchy:
    """Where configurations below the run's own are looked for, and how one is
    turned into an engine, its enabled rules and run options (the command line
    applies its own flags on top of each, as on the run's)."""

    root: Path
    """The folder of the run's configuration (or of its inputs): configurations
    are looked for below it."""
    make: Callable[[Path], tuple[Engine, frozenset[str], RunOptions]]


@dataclass
class Scope:
    config: Path | None
    engine: Engine
    enabled: frozenset[str]
    options: RunOptions


class Scopes:
    """The scope part of :class:`corplint.engine.run.Runner`."""

    engine: Engine
    enabled: Any
    options: RunOptions
    folders: Hierarchy | None

    def _init_scopes(self) -> None:
        self._main_scope = Scope(None, self.engine, self.enabled, self.options)
        self._current_scope = self._main_scope
        self._scopes: dict[Path, Scope] = {}  # by configuration file
        self._folder_scope: dict[str, Scope] = {}  # by folder, found once

    def _scope_for(self, path: str) -> Scope:
        if self.folders is None or path == "-":
            return self._main_scope
        folder = os.path.dirname(os.path.abspath(path))
        scope = self._folder_scope.get(folder)
        if scope is None:
            config = self._closest_config(Path(folder))
            scope = self._main_scope if config is None else self._scope_of(config)
            self._folder_scope[folder] = scope
        return scope

    def _closest_config(self, folder: Path) -> Path | None:
        """The configuration of ``folder`` or of one above it, below the root."""
        root = self.folders.root  # type: ignore[union-attr]
        for candidate in (folder, *folder.parents):
            if candidate == root or root not in candidate.parents:
                return None
            found = config_in(candidate)
            if found is not None:
                return found
        return None

    def _scope_of(self, config: Path) -> Scope:
        scope = self._scopes.get(config)
        if scope is None:
            engine, enabled, options = self.folders.make(config)  # type: ignore[union-attr]
            engine.on_crash = self.engine.on_crash
            options.protected = self._main_scope.options.protected
            scope = self._scopes[config] = Scope(config, engine, enabled, options)
        return scope

    def _enter(self, path: str) -> None:
        """Check and fix what follows under the configuration of ``path``."""
        scope = self._scope_for(path)
        if scope is self._current_scope:
            return
        self._current_scope = scope
        self.engine, self.enabled, self.options = scope.engine, scope.enabled, scope.options
        allowed = {Applicability.SAFE}
        if scope.options.unsafe_fixes:
            allowed.add(Applicability.UNSAFE)
        self._allowed = frozenset(allowed)
        self._keys = scope.options.text_field.split(".")
