"""The package structure the README's architecture section describes.

import-linter checks the contracts between packages in CI (``lint-imports``,
configured in ``pyproject.toml``); these tests hold what it does not: no
import cycle anywhere, not even between modules of one package.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

grimp = pytest.importorskip("grimp", reason="grimp comes with import-linter (the dev extra)")

ROOT = Path(__file__).resolve().parents[1]


def _cycles(graph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in modules:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            for j in range(i, len(edges[node])):
                nxt = edges[node][j]
                if nxt not in index:
                    work.append((node, j + 1))
                    work.append((nxt, 0))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                if low[node] == index[node]:
                    component = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        component.append(top)
                        if top == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return found


def test_no_import_cycle_between_any_two_modules():
    graph = grimp.build_graph("corplint", exclude_type_checking_imports=True)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for name in ("a", "a.x", "a.y", "a.z"):
        graph.add_module(name)
    graph.add_import(importer="a.x", imported="a.y")
    graph.add_import(importer="a.y", imported="a.x")
    graph.add_import(importer="a.y", imported="a.z")
    assert _cycles(graph) == [["a.x", "a.y"]]


def test_the_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.skip("lint-imports comes with import-linter (the dev extra)")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_every_module_reads_in_one_sitting():
    """No module of the package is over 400 lines."""
    long = {
        str(path.relative_to(ROOT)): n
        for path in sorted((ROOT / "src" / "corplint").rglob("*.py"))
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def test_only_rules_and_configuration_name_rule_codes():
    """The machinery never names a rule: readers report kinds of input problem
    (claimed by rules through ``input_problems``), reporters and executors take
    codes from the findings. Defaults a user can change (the verdict's drop
    list) belong to the configuration."""
    import re

    code = re.compile(r"""["'][A-Z]{3}[0-9]{3}["']""")
    machinery = ("core", "engine", "io", "reporters", "cli", "api", "integrations")
    named = {
        f"{path.relative_to(ROOT)}:{number}": line.strip()
        for package in machinery
        for path in sorted((ROOT / "src" / "corplint" / package).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if code.search(line.split("#", 1)[0])
    }
    assert named == {}


def test_a_rule_claims_the_input_problems_it_reports():
    from corplint.config.registry import build_registry
    from corplint.core.finding import InputProblem

    claims = build_registry(load_entry_points=False).input_problem_rules
    assert {kind: rule.name for kind, rule in claims.items()} == {
        InputProblem.MALFORMED_RECORD: "malformed-record",
        InputProblem.BOM_BEFORE_RECORDS: "utf8-bom",
    }
