"""Configuration: ``[tool.corplint]`` in ``pyproject.toml`` or a ``corplint.toml``.

Each file is checked under the closest file walking up from its folder
(configs are not merged, as in Ruff): the run's own is found from the folder
that holds its inputs, and :mod:`corplint.engine.scopes` applies those below
it; a ``pyproject.toml`` without a ``[tool.corplint]`` table is skipped. Every key is validated: an
unknown key is an error that names it, because a misspelt ``ignroe`` that
silently does nothing is how users lose trust in a linter.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILES = ("corplint.toml", ".corplint.toml", "pyproject.toml")


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the key."""


@dataclass
class Config:
    """Settings from a config file; CLI flags are applied on top by the CLI."""

    path: Path | None = None
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    extend_exclude: list[str] = field(default_factory=list)
    """Added to ``exclude`` (Ruff's name for the same: the default folders stay skipped)."""
    respect_gitignore: bool = True
    unfixable: list[str] = field(default_factory=list)
    plugins: list[str] = field(default_factory=list)
    text_field: str = "text"
    id_field: str | None = None
    output_format: str | None = None
    unsafe_fixes: bool = False
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    verdict_drop: list[str] | None = None
    """Selectors whose findings make ``--output-format documents`` say "drop"."""
    verdict_max_findings: int = 0

    @property
    def root(self) -> Path:
        """Directory that relative globs in the config are matched from."""
        return self.path.parent if self.path else Path.cwd()


_LIST_KEYS = (
    "select",
    "extend-select",
    "ignore",
    "include",
    "exclude",
    "extend-exclude",
    "unfixable",
    "plugins",
)
_KEYS = {
    *_LIST_KEYS,
    "per-file-ignores",
    "text-field",
    "id-field",
    "output-format",
    "unsafe-fixes",
    "respect-gitignore",
    "rules",
    "verdict",
}
_VERDICT_KEYS = ("drop", "max-findings")


def find_config(start: Path | None = None) -> Path | None:
    """The closest config file from ``start`` (default: the working directory) upwards."""
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        found = config_in(folder)
        if found is not None:
            return found
    return None


def config_in(folder: Path) -> Path | None:
    """The config file of one folder, if it has one."""
    for name in CONFIG_FILES:
        candidate = folder / name
        if not candidate.is_file():
            continue
        if name != "pyproject.toml" or _has_tool_table(candidate):
            return candidate
    return None


def inputs_folder(paths: list[str]) -> Path:
    """Where a run's configuration is looked for: the folder that holds all its
    inputs (a folder named, or a file's folder), so that ``corplint check
    dataset/`` from above reads the dataset's own config; the working directory
    for standard input, or when the inputs share no folder."""
    folders = [
        os.path.abspath(p if os.path.isdir(p) else os.path.dirname(p) or ".")
        for p in paths
        if p != "-"
    ]
    if not folders:
        return Path.cwd()
    try:
        return Path(os.path.commonpath(folders))
    except ValueError:  # paths on different drives
        return Path.cwd()


def _has_tool_table(path: Path) -> bool:
    try:
        return "corplint" in _read(path).get("tool", {})
    except ConfigError:
        return False


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc


def load_config(path: Path | None) -> Config:
    """Parse and validate one config file (None: defaults)."""
    if path is None:
        return Config()
    data = _read(path)
    table = data.get("tool", {}).get("corplint", {}) if path.name == "pyproject.toml" else data
    where = f"{path}: [tool.corplint]" if path.name == "pyproject.toml" else str(path)
    return parse_table(table, where, path)


def parse_table(table: dict[str, Any], where: str, path: Path | None = None) -> Config:
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key '{unknown[0]}' (known keys: {', '.join(sorted(_KEYS))})"
        )
    config = Config(path=path)
    for key in _LIST_KEYS:
        if key in table:
            setattr(config, key.replace("-", "_"), _string_list(table[key], f"{where}: '{key}'"))
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [codes]")
        config.per_file_ignores = {
            glob: _string_list(codes, f"{where}: 'per-file-ignores.{glob}'")
            for glob, codes in pfi.items()
        }
    for key in ("text-field", "id-field", "output-format"):
        if key in table:
            if not isinstance(table[key], str) or not table[key]:
                raise ConfigError(f"{where}: '{key}' must be a non-empty string")
            setattr(config, key.replace("-", "_"), table[key])
    for key in ("unsafe-fixes", "respect-gitignore"):
        if key in table:
            if not isinstance(table[key], bool):
                raise ConfigError(f"{where}: '{key}' must be true or false")
            setattr(config, key.replace("-", "_"), table[key])
    rules = table.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError(f"{where}: 'rules' must hold one table per rule, [rules.CODE]")
    config.rules = rules
    if "verdict" in table:
        _parse_verdict(table["verdict"], f"{where}: 'verdict'", config)
    return config


def _parse_verdict(value: Any, where: str, config: Config) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table: [verdict] with drop = [...], max-findings = N")
    unknown = sorted(set(value) - set(_VERDICT_KEYS))
    if unknown:
        raise ConfigError(
            f"{where}: unknown key '{unknown[0]}' (known keys: {', '.join(_VERDICT_KEYS)})"
        )
    if "drop" in value:
        config.verdict_drop = _string_list(value["drop"], f"{where}.drop")
    if "max-findings" in value:
        limit = value["max-findings"]
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
            raise ConfigError(f"{where}.max-findings must be a whole number, 0 or more")
        config.verdict_max_findings = limit


def _string_list(value: Any, what: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{what} must be a list of strings")
    return value
