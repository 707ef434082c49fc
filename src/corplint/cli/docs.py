"""``corplint rules`` and ``corplint rule CODE``: the rules' list and
documentation, and the README's rules table."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping

from rich.console import Console
from rich.table import Table

from corplint.cli.exits import EXIT_CLEAN, UsageError
from corplint.config.registry import build_registry
from corplint.config.specs import find_spec
from corplint.core.rule import Rule


def cmd_rules(args: argparse.Namespace) -> int:
    registry = build_registry(args.plugin)
    rows = [
        {
            "code": code,
            "name": rule.name,
            "category": rule.category,
            "severity": rule.severity.value,
            "fixable": rule.fix is not None,
            "fix_applicability": rule.fix.value if rule.fix else None,
            "default": rule.enabled_by_default,
            "summary": rule.summary(),
        }
        for code, rule in registry.rules.items()
    ]
    if args.json or args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_CLEAN
    if args.format == "markdown":
        print(rules_markdown(registry.rules), end="")
        return EXIT_CLEAN
    table = Table(title="corplint rules")
    for column in ("code", "name", "category", "fix", "default", "summary"):
        table.add_column(column, no_wrap=column != "summary")
    for row in rows:
        table.add_row(
            row["code"],
            row["name"],
            row["category"],
            row["fix_applicability"] or "—",
            "on" if row["default"] else "off",
            row["summary"],
        )
    Console(highlight=False, emoji=False).print(table)
    return EXIT_CLEAN


def rules_markdown(rules: Mapping[str, type[Rule]]) -> str:
    """The rules table of the README: generated, so that it cannot drift from the
    rules (a test holds the README's copy equal to this)."""
    lines = [
        "| code | name | category | default | fix | what it finds |",
        "|---|---|---|---|---|---|",
    ]
    for code, rule in rules.items():
        fix = rule.fix_label or (rule.fix.value if rule.fix else "—")
        finds = (rule.finds or rule.summary()).replace("|", "\\|")
        default = "on" if rule.enabled_by_default else "off"
        lines.append(f"| {code} | {rule.name} | {rule.category} | {default} | {fix} | {finds} |")
    return "\n".join(lines) + "\n"


def cmd_rule(args: argparse.Namespace) -> int:
    registry = build_registry(args.plugin)
    rule = registry.rules.get(args.code.upper()) or registry.rule_by_name(args.code)
    if rule is None:
        raise UsageError(f"no rule '{args.code}' (see `corplint rules`)")
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"Category: {rule.category} · severity: {rule.severity.value} · "
        f"{'on' if rule.enabled_by_default else 'off'} by default · "
        f"fix: {rule.fix.value if rule.fix else 'none'}",
        "",
        rule.documentation(),
    ]
    if rule.options:
        lines += ["", "## Options", ""]
        lines += [f"- `{o.name}` (default {o.default!r}): {o.help}" for o in rule.options]
    spec = find_spec(rule.code, registry.spec_dirs)
    if spec is not None:
        lines += ["", "## Examples"]
        for case in spec.fail:
            lines += [
                "",
                f"Flagged{': ' + case.description if case.description else ''}",
                f"    {case.text!r}",
            ]
            if case.fixed is not None:
                lines += [
                    f"  after --fix{' --unsafe-fixes' if case.unsafe else ''}:",
                    f"    {case.fixed!r}",
                ]
        for case in spec.passing:
            lines += [
                "",
                f"Not flagged{': ' + case.description if case.description else ''}",
                f"    {case.text!r}",
            ]
    print("\n".join(lines))
    return EXIT_CLEAN
