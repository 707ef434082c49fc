"""Rule selection by code, code prefix, kebab-case name, category or ``ALL`` (Ruff's model).

``select`` replaces the default set, ``extend-select`` adds to it, ``ignore``
removes from it; per-file ignores are applied on top for matching paths.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from fnmatch import fnmatch

from corplint.core.rule import CATEGORIES, Rule

_CODE_PREFIX = re.compile(r"^[A-Z]{1,3}[0-9]{0,3}$")


class SelectorError(ValueError):
    """A selector matches no rule: almost always a typo the user wants to hear about."""


def match_selector(selector: str, rules: Mapping[str, type[Rule]]) -> set[str]:
    """Codes of the rules a selector names."""
    sel = selector.strip()
    if not sel:
        return set()
    if sel.upper() == "ALL":
        return set(rules)
    if sel.lower() in CATEGORIES:
        return {code for code, rule in rules.items() if rule.category == sel.lower()}
    if _CODE_PREFIX.match(sel):
        codes = {code for code in rules if code.startswith(sel)}
    else:
        codes = {code for code, rule in rules.items() if rule.name == sel}
    if not codes:
        raise SelectorError(
            f"selector '{selector}' matches no rule (use a code, a code prefix, "
            "a rule name, a category or ALL; see `corplint rules`)"
        )
    return codes


def resolve(
    rules: Mapping[str, type[Rule]],
    select: Iterable[str] | None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> set[str]:
    """The codes enabled by these settings."""
    if select is None:
        enabled = {code for code, rule in rules.items() if rule.enabled_by_default}
    else:
        enabled = set()
        for sel in select:
            enabled |= match_selector(sel, rules)
    for sel in extend_select:
        enabled |= match_selector(sel, rules)
    for sel in ignore:
        enabled -= match_selector(sel, rules)
    return enabled


def ignored_for_path(
    path: str, per_file_ignores: Mapping[str, list[str]], rules: Mapping[str, type[Rule]]
) -> set[str]:
    """Codes ignored for one path by ``per-file-ignores`` globs."""
    ignored: set[str] = set()
    for pattern, selectors in per_file_ignores.items():
        if path_matches(path, pattern):
            for sel in selectors:
                ignored |= match_selector(sel, rules)
    return ignored


def path_matches(path: str, pattern: str) -> bool:
    """Glob match against the whole relative path or, for patterns without '/', the name."""
    norm = path.replace("\\", "/").removeprefix("./")
    if fnmatch(norm, pattern) or fnmatch(norm, pattern.rstrip("/") + "/*"):
        return True
    if "/" not in pattern:
        return any(fnmatch(part, pattern) for part in norm.split("/"))
    return False
