"""The ``corplint`` command line: ``check``, ``rules``, ``rule CODE``.

Exit codes: 0 clean (or everything fixed), 1 findings remain (or ``--diff``
would change something), 2 usage, configuration or I/O error. ``--exit-zero``
turns 1 into 0 but never hides a 2.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.markup import escape

from corplint.api import setup
from corplint.cli.docs import cmd_rule, cmd_rules
from corplint.cli.exits import EXIT_BROKEN_PIPE, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError
from corplint.cli.parser import build_parser
from corplint.config.baseline import Baseline, BaselineError, BaselineWriter
from corplint.config.registry import PluginError
from corplint.config.selection import SelectorError
from corplint.config.settings import (
    Config,
    ConfigError,
    find_config,
    inputs_folder,
    load_config,
)
from corplint.core.rule import OptionError
from corplint.engine.engine import Engine
from corplint.engine.notes import RunRefused
from corplint.engine.ray_engine import EngineUnavailable
from corplint.engine.run import Runner, RunOptions
from corplint.engine.scopes import Hierarchy
from corplint.engine.workerpool import WorkerDied
from corplint.io import safefile, signals
from corplint.reporters.documents import DocumentsReporter
from corplint.reporters.html import HtmlReporter
from corplint.reporters.statistics import StatisticsJsonReporter, StatisticsReporter


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
    err = Console(stderr=True, highlight=False, emoji=False)
    try:
        if args.command == "check":
            return cmd_check(args, err)
        if args.command == "report":
            # (not set_defaults: the two commands share their argument objects)
            args.output_format = args.output_format or "html"
            args.output_file = args.output_file or Path("corplint-report.html")
            args.exit_zero = True  # a report is read, not acted on: findings are its content
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


def _flatten(values: list[list[str]] | None) -> list[str] | None:
    if values is None:
        return None
    return [v for group in values for v in group]


def cmd_check(args: argparse.Namespace, err: Console) -> int:
    found = None
    if args.isolated:
        config = Config()
    else:
        found = None if args.config else find_config(inputs_folder(args.paths))
        config = load_config(args.config or found)
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
    options = _run_options(args, config, unfixable)

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
    reporter_cls = registry.output_formats[fmt]
    if args.statistics:
        reporter_cls = StatisticsJsonReporter if fmt == "json" else StatisticsReporter
    reporter = reporter_cls(out, registry.rules, color=color)
    if args.quiet and hasattr(reporter, "quiet"):
        reporter.quiet = True
    if isinstance(reporter, (DocumentsReporter, HtmlReporter)):
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
        folders=None
        if args.isolated or args.config
        else _folders(args, found.parent if found else inputs_folder(args.paths)),
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


def _run_options(args: argparse.Namespace, config: Config, unfixable: frozenset[str]) -> RunOptions:
    """The run's options: the command line's flags over ``config``'s."""
    unsafe = args.unsafe_fixes if args.unsafe_fixes is not None else config.unsafe_fixes
    return RunOptions(
        mode="diff" if args.diff else "fix" if args.fix else "check",
        unsafe_fixes=unsafe,
        text_field=args.text_field or config.text_field,
        id_field=args.id_field or config.id_field,
        include=config.include,
        exclude=config.exclude + config.extend_exclude + _flatten(args.exclude),
        force_exclude=args.force_exclude,
        respect_gitignore=config.respect_gitignore and not args.no_respect_gitignore,
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


def _folders(args: argparse.Namespace, root: Path) -> Hierarchy:
    """How a configuration below the run's own is applied to the files under it:
    the same flags over its settings (as Ruff does; not with --config or
    --isolated, which name the one configuration)."""

    def make(path: Path) -> tuple[Engine, frozenset[str], RunOptions]:
        config = load_config(path)
        run = setup(
            config,
            select=_flatten(args.select),
            extend_select=_flatten(args.extend_select),
            ignore=_flatten(args.ignore),
            plugins=args.plugin,
            network=args.check_links,
        )
        return run.engine, frozenset(run.codes), _run_options(args, config, run.unfixable)

    return Hierarchy(root.resolve(), make)


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
