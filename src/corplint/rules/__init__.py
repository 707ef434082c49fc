"""Built-in rule families, one module per category, each registered as a pluggy plugin.

This package module is a plugin too: it tells corplint where the built-in
rules' specifications (``rules/<CODE>.toml``) live.
"""

from __future__ import annotations

from pathlib import Path

from corplint.core.hookspecs import hookimpl


@hookimpl
def corplint_rule_specs() -> list[Path]:
    from corplint.config.specs import builtin_spec_dir

    return [builtin_spec_dir()]
