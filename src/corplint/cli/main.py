"""The ``corplint`` command line: ``check``, ``rules``, ``rule CODE``.

Exit codes: 0 clean (or everything fixed), 1 findings remain (or ``--diff``
would change something), 2 usage, configuration or I/O error. ``--exit-zero``
turns 1 into 0 but never hides a 2.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from corplint.api import setup
from corplint.config.baseline import Baseline, BaselineError, BaselineWriter
from corplint.config.registry import PluginError, build_registry
from corplint.config.selection import SelectorError
from corplint.config.settings import Config, ConfigError, find_config, load_config
from corplint.config.specs import find_spec
from corplint.core.rule import OptionError, Rule
from corplint.core.version import __version__
from corplint.engine.ray_engine import EngineUnavailable
from corplint.engine.run import Runner, RunOptions, RunRefused
from corplint.engine.workerpool import WorkerDied
from corplint.io import safefile, signals
from corplint.reporters.documents import DocumentsReporter
from corplint.reporters.text import StatisticsReporter

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for `... | head`


class UsageError(Exception):
    """Bad command-line usage that argparse cannot catch by itself."""


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corplint",
        description="A data-quality linter for Chinese text corpora.",
    )
    parser.add_argument("--version", action="version", version=f"corplint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check files and directories (default: .)")
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
        "--force-exclude",
        action="store_true",
        help="apply excludes to paths named on the command line (for pre-commit)",
    )
    inp.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name (and so the format) of the document read from '-'",
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


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is so that nothing half-written is kept."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: list[str] | None = None) -> int:
    """Run the command line; SIGTERM interrupts it as Ctrl-C does (temporary files
    are discarded, originals kept), here and in the worker processes it forks."""
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if in_main_thread else None
    try:
        return _main(argv)
    except KeyboardInterrupt as exc:  # also while the arguments were being parsed
        with signals.held():  # a second Ctrl-C must not cut the clean-up short
            safefile.discard_unfinished()
        what = "terminated" if isinstance(exc, Terminated) else "interrupted"
        sys.stderr.write(f"corplint: {what}; files not yet written are left as they were\n")
        return EXIT_ERROR
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    err = Console(stderr=True, highlight=False)
    try:
        if args.command == "check":
            return cmd_check(args, err)
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "rule":
            return cmd_rule(args)
        parser.print_help()
        return EXIT_ERROR
    except (
        ConfigError,
        PluginError,
        SelectorError,
        OptionError,
        BaselineError,
        UsageError,
        EngineUnavailable,
        RunRefused,
        WorkerDied,
    ) as exc:
        # the message is text, not markup: '[ray]' in it must print as written
        message = escape(str(exc))
        err.print(f"[bold red]corplint: error:[/bold red] {message}", markup=True, soft_wrap=True)
        return EXIT_ERROR
    except BrokenPipeError:
        # whoever read the output has gone (`corplint check . | head`): stop
        # quietly, as other command-line tools do, and keep Python from
        # complaining again when it flushes stdout at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes, got '{value}'") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("the number of processes must be at least 1")
    return jobs


def _flatten(values: list[list[str]] | None) -> list[str] | None:
    if values is None:
        return None
    return [v for group in values for v in group]


def cmd_check(args: argparse.Namespace, err: Console) -> int:
    if args.isolated:
        config = Config()
    else:
        config = load_config(args.config if args.config else find_config())
    select = _flatten(args.select)
    extend = _flatten(args.extend_select)
    run = setup(
        config,
        select=select,
        extend_select=extend,
        ignore=_flatten(args.ignore),
        plugins=args.plugin,
        network=args.check_links,
    )
    registry, engine, enabled = run.registry, run.engine, set(run.codes)
    for warning in registry.warnings:
        err.print(f"corplint: warning: {warning}", soft_wrap=True, markup=False)
    if run.network_left_out:
        # a rule named outright deserves a word; one caught by a prefix does not
        named = set((select or []) + extend + config.extend_select)
        asked = {c for c in run.network_left_out if c in named or registry.rules[c].name in named}
        if asked:
            err.print(
                f"corplint: note: {', '.join(sorted(asked))} run only with --check-links",
                soft_wrap=True,
                markup=False,
            )
    unfixable = run.unfixable

    if args.fix and args.diff:
        raise UsageError("--fix and --diff cannot be combined: --diff writes nothing")
    if args.ray_address and args.engine != "ray":
        raise UsageError("--ray-address needs --engine ray")
    if args.output_dir and not args.fix:
        raise UsageError("--output-dir needs --fix: it is where the fixed files go")
    if args.output_dir:
        _refuse_output_dir_over_input(args.output_dir, args.paths)
    mode = "diff" if args.diff else "fix" if args.fix else "check"
    unsafe = args.unsafe_fixes if args.unsafe_fixes is not None else config.unsafe_fixes
    options = RunOptions(
        mode=mode,
        unsafe_fixes=unsafe,
        text_field=args.text_field or config.text_field,
        include=config.include,
        exclude=config.exclude + _flatten(args.exclude),
        force_exclude=args.force_exclude,
        per_file_ignores=config.per_file_ignores,
        unfixable=frozenset(unfixable),
        config_root=str(config.root),
        stdin_filename=args.stdin_filename,
        jobs=args.jobs,
        output_dir=args.output_dir,
        fix_links=args.fix_links,
        engine=args.engine,
        ray_address=args.ray_address,
    )

    fmt = args.output_format or config.output_format or "full"
    if fmt not in registry.output_formats:
        raise UsageError(
            f"unknown output format '{fmt}' (known: {', '.join(sorted(registry.output_formats))})"
        )
    writes_stdout = "-" in args.paths and mode == "fix"
    out: TextIO = sys.stderr if writes_stdout else sys.stdout
    if args.output_file:
        _refuse_report_over_input(args.output_file, args.paths)
        options.protected = frozenset({os.path.realpath(args.output_file)})
        try:
            out = args.output_file.open("w", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output_file}: {exc.strerror}") from exc
    color = {"always": True, "never": False}.get(args.color)
    reporter_cls = StatisticsReporter if args.statistics else registry.output_formats[fmt]
    reporter = reporter_cls(out, registry.rules, color=color)
    if args.quiet and hasattr(reporter, "quiet"):
        reporter.quiet = True
    if isinstance(reporter, DocumentsReporter):
        reporter.policy = run.policy

    baseline = Baseline.load(args.baseline) if args.baseline else None
    baseline_writer = BaselineWriter() if args.write_baseline else None
    runner = Runner(
        registry,
        engine,
        enabled,
        options,
        reporter,
        notices=sys.stderr,
        baseline=baseline,
        baseline_writer=baseline_writer,
        diff_out=sys.stdout,
        stdin=sys.stdin.buffer,
        stdout=sys.stdout.buffer,
    )
    show_progress = (
        not args.no_progress and not args.quiet and sys.stderr.isatty() and "-" not in args.paths
    )
    if show_progress:
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as progress:
            summary = runner.run(args.paths, progress)
    else:
        summary = runner.run(args.paths)
    if args.output_file:
        out.close()
    if baseline_writer is not None:
        baseline_writer.write(args.write_baseline)
    if mode == "diff" and not args.quiet:
        err.print(f"Would fix {runner.changes} document(s).", markup=False)

    if summary.errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    if mode == "diff":
        return EXIT_FINDINGS if runner.changes else EXIT_CLEAN
    if args.write_baseline:
        return EXIT_CLEAN
    return EXIT_FINDINGS if summary.findings else EXIT_CLEAN


def _refuse_report_over_input(report: Path, paths: list[str]) -> None:
    """``-o`` naming an input would replace it with the report."""
    real = os.path.realpath(report)
    for path in paths:
        if path != "-" and os.path.realpath(path) == real:
            raise UsageError(f"-o {report} is an input: the report would overwrite it")


def _refuse_output_dir_over_input(output_dir: str, paths: list[str]) -> None:
    """Fixed copies must land beside the inputs, never on or among them: an output
    folder that is an input, holds one or lies inside one is refused."""
    real = os.path.realpath(output_dir)
    for path in paths:
        if path == "-":
            continue
        given = os.path.realpath(path)
        if given == real or _inside(given, real):
            raise UsageError(
                f"--output-dir {output_dir} contains the input {path}: fixing into it "
                "would overwrite the input (use --fix without --output-dir to fix in place)"
            )
        if os.path.isdir(given) and _inside(real, given):
            raise UsageError(
                f"--output-dir {output_dir} lies inside the input {path}: the fixed copies "
                "would be read as inputs by the next run"
            )


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder and path != folder


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
    Console(highlight=False).print(table)
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
