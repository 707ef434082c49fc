"""The command line's arguments."""

from __future__ import annotations

import argparse
from pathlib import Path

from corplint.core.version import __version__


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corplint",
        description="A data-quality linter for Chinese text corpora.",
    )
    parser.add_argument("--version", action="version", version=f"corplint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    # `check` and `report` take the same arguments: a parent parser holds them
    check = argparse.ArgumentParser(add_help=False)
    check.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="files or directories to check; '-' reads standard input",
    )
    sel = check.add_argument_group("rule selection")
    sel.add_argument(
        "--select",
        type=_csv,
        action="append",
        help="rules to enable, replacing the defaults: codes, code prefixes, "
        "names, categories or ALL (comma-separated)",
    )
    sel.add_argument(
        "--extend-select",
        type=_csv,
        action="append",
        default=[],
        help="rules to enable in addition to the selected ones",
    )
    sel.add_argument("--ignore", type=_csv, action="append", default=[], help="rules to disable")
    check.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=0,
        metavar="N",
        help="check files in N processes (default: every core, for inputs of 1 MB or more); "
        "the output is the same as with -j 1",
    )
    check.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="where to check: 'local' (this machine, -j processes) or 'ray' (tasks on a Ray "
        "cluster: pip install 'corplint[ray]'; the paths must be readable on every node)",
    )
    check.add_argument(
        "--ray-address",
        metavar="ADDRESS",
        help="with --engine ray: the cluster to join (default: RAY_ADDRESS, else a local "
        "Ray instance with -j CPUs)",
    )
    sel.add_argument(
        "--check-links",
        action="store_true",
        help="also ask each URL's server whether it works (LNK006); without this flag "
        "corplint makes no network request",
    )
    fix = check.add_argument_group("fixes")
    fix.add_argument("--fix", action="store_true", help="apply safe fixes and write the files")
    fix.add_argument(
        "--output-dir",
        metavar="DIR",
        help="with --fix: write every file, fixed or not, under DIR (at its path relative "
        "to the working directory) and leave the inputs untouched",
    )
    fix.add_argument(
        "--no-fix-links",
        dest="fix_links",
        action="store_false",
        help="with --fix: refuse to fix through a symbolic link (by default the file it "
        "points to is fixed and the link kept)",
    )
    fix.add_argument(
        "--unsafe-fixes",
        action="store_true",
        default=None,
        help="also apply (with --fix) or show (with --diff) unsafe fixes",
    )
    fix.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff and write nothing"
    )
    out = check.add_argument_group("output")
    out.add_argument(
        "--output-format",
        "--format",
        dest="output_format",
        help="full (default), concise, json, jsonl, sarif, github, or one a plugin adds",
    )
    out.add_argument("-o", "--output-file", type=Path, help="write the report to this file")
    out.add_argument("--statistics", action="store_true", help="print counts per rule instead")
    out.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print findings only: no summary, no progress bar",
    )
    out.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    out.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    out.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when findings remain (errors still exit 2)",
    )
    base = check.add_argument_group("baseline")
    base.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="report only findings that are not in this baseline",
    )
    base.add_argument(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="write every finding of this run to a baseline file",
    )
    inp = check.add_argument_group("input and configuration")
    inp.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="use this corplint.toml or pyproject.toml instead of searching",
    )
    inp.add_argument("--isolated", action="store_true", help="ignore all configuration files")
    inp.add_argument(
        "--text-field",
        metavar="PATH",
        help="dotted path of the text field in JSONL records (default: text)",
    )
    inp.add_argument(
        "--id-field",
        metavar="PATH",
        help="dotted path of a field (a Parquet column) that names each record; "
        "findings and the documents output carry its value as 'id'",
    )
    inp.add_argument(
        "--plugin",
        action="append",
        default=[],
        metavar="MODULE",
        help="load a rule pack from a dotted module name",
    )
    inp.add_argument(
        "--exclude",
        type=_csv,
        action="append",
        default=[],
        help="glob patterns to exclude, added to the configured ones",
    )
    inp.add_argument(
        "--no-respect-gitignore",
        action="store_true",
        help="read files that .gitignore and .ignore files leave out",
    )
    inp.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply excludes to paths named on the command line (for pre-commit)",
    )
    inp.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name (and so the format) of the document read from '-'",
    )

    sub.add_parser("check", parents=[check], help="check files and directories (default: .)")
    sub.add_parser(
        "report",
        parents=[check],
        help="write a corpus health report as one self-contained HTML page "
        "(-o, default corplint-report.html)",
    )

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument(
        "--format",
        choices=("table", "json", "markdown"),
        default="table",
        help="table (default), JSON, or the Markdown table the README holds",
    )
    rules.add_argument("--json", action="store_true", help="the same as --format json")
    rules.add_argument("--plugin", action="append", default=[], metavar="MODULE")

    rule = sub.add_parser("rule", help="show a rule's documentation and examples")
    rule.add_argument("code", help="a rule code or name")
    rule.add_argument("--plugin", action="append", default=[], metavar="MODULE")
    return parser


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes, got '{value}'") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("the number of processes must be at least 1")
    return jobs
