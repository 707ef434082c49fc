"""Built-in rule families, one package per category, each registered as a pluggy plugin.

Each family's package holds its rules, its private helpers and its data;
``rules._shared`` holds what several families read. This package module is a
plugin too: it tells corplint where the built-in rules' specifications
(``rules/<family>/<CODE>.toml`` in the repository) live.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from corplint.core.hookspecs import hookimpl


def builtin_spec_dir() -> Path:
    """The built-in specs: the wheel's package resource ``corplint/rule_specs``, or,
    in a source checkout (an editable install), the repository's ``rules/`` folder
    they are packaged from."""
    packaged = files("corplint").joinpath("rule_specs")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "rules"


@hookimpl
def corplint_rule_specs() -> list[Path]:
    return [builtin_spec_dir()]
