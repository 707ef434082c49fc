"""A lint run over files: read, check, report, fix, write.

The runner owns everything that touches files and output streams; the engine
it drives only sees Documents. JSONL files are streamed record by record in
both check and fix mode; a fixed JSONL file is written record by record to a
temporary sibling and swapped in (see :mod:`corplint.io.safefile`) only if some
record changed and the whole file was read without error: an exception or an
interrupt anywhere before that leaves the original as it was.

Inputs that cannot be read twice (pipes, ``/dev/stdin``, a FIFO named on the
command line) are spooled to a temporary file once, so the corpus pass and
the checking pass see the same bytes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from corplint.config.baseline import Baseline, BaselineWriter
from corplint.config.registry import Registry
from corplint.config.selection import ignored_for_path
from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding, ReadProblem
from corplint.core.rule import Rule
from corplint.engine import processes
from corplint.engine.corpus import CorpusPass
from corplint.engine.engine import Engine
from corplint.engine.notes import NOT_A_FILE
from corplint.engine.notes import crash as _crash
from corplint.engine.output import Writing
from corplint.engine.progress import progress_callback, still
from corplint.engine.records import RecordFiles
from corplint.engine.scopes import Hierarchy, Scopes
from corplint.engine.tasks import Task, TaskResult
from corplint.engine.tasks import size_of as _size
from corplint.engine.units import WorkUnits
from corplint.io.decoding import encode
from corplint.io.discovery import Discovery, discover, once_each
from corplint.io.inputs import Inputs
from corplint.io.parquet import is_parquet
from corplint.io.readers import (
    Notice,
    display_path,
    format_for,
    iter_records,
    load_document,
    read_bytes,
)
from corplint.reporters.base import Reporter, Summary


@dataclass
class RunOptions:
    """Everything about a run that is not the rule set."""

    mode: str = "check"  # "check", "fix" or "diff"
    unsafe_fixes: bool = False
    text_field: str = "text"
    id_field: str | None = None
    """The field (column) whose value names a record in the findings."""
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    force_exclude: bool = False
    respect_gitignore: bool = True  # when walking, leave out what .gitignore leaves out
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    unfixable: frozenset[str] = frozenset()
    config_root: str = "."
    stdin_filename: str | None = None
    jobs: int = 1
    """Processes to check files in; 0 for every core when the input is large."""
    output_dir: str | None = None
    """With --fix: write every file (fixed or not) under this folder, inputs untouched."""
    engine: str = "local"
    """``local`` (this machine, ``jobs`` processes) or ``ray`` (tasks on a Ray cluster)."""
    ray_address: str | None = None
    fix_links: bool = True
    """``--fix`` on a symbolic link fixes the file it points to; False refuses it."""
    protected: frozenset[str] = frozenset()
    """Real paths of files the run writes itself (the report): never inputs."""


class Runner(CorpusPass, RecordFiles, Writing, WorkUnits, Scopes):
    def __init__(
        self,
        registry: Registry,
        engine: Engine,
        enabled: set[str],
        options: RunOptions,
        reporter: Reporter,
        notices: TextIO,
        baseline: Baseline | None = None,
        baseline_writer: BaselineWriter | None = None,
        diff_out: TextIO | None = None,
        stdin: object = None,
        stdout: object = None,
        folders: Hierarchy | None = None,
    ) -> None:
        self.registry = registry
        self.engine = engine
        self.enabled = enabled
        self.options = options
        self.reporter = reporter
        self.notices = notices
        self.baseline = baseline
        self.baseline_writer = baseline_writer
        self.diff_out = diff_out
        self.summary = Summary()
        self.changes = 0
        self._skip_cache: dict[str, frozenset[str]] = {}
        self._keys = options.text_field.split(".")
        self._raw: tuple[bytes, str, str] | None = None  # the JSONL record being checked
        allowed = {Applicability.SAFE}
        if options.unsafe_fixes:
            allowed.add(Applicability.UNSAFE)
        self._allowed = frozenset(allowed)
        self._hook = registry.manager.hook
        engine.on_crash = self._rule_crashed
        self.folders = folders
        self._init_scopes()
        self.inputs = Inputs(stdin, stdout, options.stdin_filename)  # type: ignore[arg-type]
        self._pending_fixed = 0
        """Fixes of the file being worked on, counted once its output is written."""
        self._last_fixed = 0
        self._check_only = False
        """Set while a file that --fix cannot write back (a pipe) is only checked."""
        self._advance: Callable[[int], None] = still
        """Moves the progress bar by bytes of the input being checked here."""
        self._moved = 0
        self._cuts: dict[str, list[Task]] = {}
        """The chunks of each uncompressed JSONL input, found once (the corpus
        pass and the checking pass share them out alike)."""

    # ----------------------------------------------------------------- driving

    def run(self, paths: Iterable[str], progress: object = None) -> Summary:
        reporting = self.options.mode != "diff"  # --diff prints the diff and nothing else
        o = self.options
        how = Discovery(o.include, o.exclude, o.force_exclude, o.respect_gitignore)
        files = [
            item
            for item in discover(paths, how)
            if isinstance(item, Notice) or item == "-" or not self._protected(item)
        ]
        files = once_each(files)
        if self.options.mode == "fix" and self.options.output_dir:
            self._refuse_colliding_targets(files)
        try:
            files = [self.inputs.stand_in(item) for item in files]
            self._clean_stale(files)
            return self._run(files, reporting, progress)
        finally:
            self.inputs.close()

    def _run(self, files: list[str | Notice], reporting: bool, progress: object) -> Summary:
        paths = [item for item in files if not isinstance(item, Notice)]
        reading = None
        if any(rule.corpus for rule in self.engine.rules):
            reading = progress_callback(progress, files, "corplint: reading the corpus")
        done = self._shared_out(files, paths, reading)
        if reporting:
            self.reporter.start()
        advance = progress_callback(progress, files, "corplint: checking")
        try:
            for item in files:
                if isinstance(item, Notice):
                    self.notice(item)
                    continue
                if done is not None:
                    self._take_file(item, done, advance)
                else:
                    self.summary.files += 1
                    self._advance, self._moved = advance, 0
                    self._run_file_guarded(item)
                    advance(max(0, _size(item) - self._moved))
                    self._advance = still
        finally:
            if done is not None:
                done.close()  # ends the worker pool, also on an interrupt
                self._clean_stale(files)  # what workers ended by it were writing
        self._corpus_end()
        if reporting:
            self.reporter.finish(self.summary)
        return self.summary

    def _shared_out(
        self,
        files: list[str | Notice],
        paths: list[str],
        reading: Callable[[int], None] | None = None,
    ) -> Iterator[TaskResult] | None:
        """The results of the run's tasks from Ray or from ``-j`` processes, in
        order (after the corpus pass), or None to check here, one file at a time."""
        tasks = (task for path in paths for task in self.plan(path))
        if self.options.engine == "ray" and paths:
            return self._ray_results(paths, tasks)
        jobs = self._jobs(paths)
        corpus = [rule for rule in self.engine.rules if rule.corpus]
        nested = any(self._scope_for(path).config for path in paths)  # (found once each)
        if jobs > 1 and corpus and all(rule.mergeable() for rule in corpus) and not nested:
            # each worker observes a share with fresh copies; merged here
            units = (task for path in paths for task in self.plan(path))
            self._shared_corpus_pass(
                processes.results(self.observe_task, units, jobs, self.describe), reading
            )
        else:
            self._corpus_pass(files, reading)
        if jobs < 2:
            return None
        return processes.results(self.run_task, tasks, jobs, self.describe)

    def _jobs(self, paths: list[str]) -> int:
        """Processes to check ``paths`` in: 1 for standard input, ``-j 1``, a run that
        must stay in one process, or a single input that is not shared out."""
        if "-" in paths or self.options.jobs == 1 or self.single_process_reason() is not None:
            return 1
        if len(paths) < 2 and not (paths and self.splits(paths[0])):
            return 1
        return processes.jobs_for(self.options.jobs, sum(map(_size, paths)))

    def _shown(self, path: str) -> str:
        """The path a file is reported under (``--stdin-filename`` for ``-``)."""
        if path == "-":
            return display_path(self.options.stdin_filename or path)
        return display_path(self.inputs.origin(path))

    def _run_file_guarded(self, path: str) -> None:
        """Check one input; an error inside corplint is reported and the run goes on."""
        try:
            self._enter(path)
            self._run_file(path)
        except (KeyboardInterrupt, SystemExit, MemoryError, BrokenPipeError):
            raise  # (a broken pipe: whoever read the report has gone)
        except Exception as exc:  # a bug in a reader or a rule: not the user's fault
            self._pending_fixed = 0
            self.notice(Notice(self._shown(path), f"internal error, file skipped: {_crash(exc)}"))

    def _documents(self, path: str) -> Iterable[Document]:
        """The documents of one input, for the corpus pass (problems are left to the
        checking pass, which reports them once; standard input is rewound after)."""
        shown = self._shown(path)
        fmt = format_for(shown)
        if fmt == "jsonl":
            try:
                stream = self.inputs.stream(path)
            except OSError:
                return
            try:
                for record in iter_records(
                    stream, shown, self.options.text_field, 1, self.options.id_field
                ):  # type: ignore[arg-type]
                    if not isinstance(record, Notice) and record.document is not None:
                        yield record.document
            finally:
                if path != "-":
                    stream.close()  # type: ignore[union-attr]
            return
        data = read_bytes(path, self.inputs.stdin() if path == "-" else None)
        if isinstance(data, Notice):
            return
        doc = load_document(shown, data, fmt)
        if not isinstance(doc, Notice):
            yield doc

    def _run_file(self, path: str) -> None:
        shown = self._shown(path)
        self._check_only = (
            self.options.mode == "fix" and path != "-" and not self._writes_file(path)
        )
        if self._check_only:
            self.notice(Notice(shown, NOT_A_FILE))  # checked, findings reported as found
        if is_parquet(path):
            self._run_parquet(path, shown)
            return
        fmt = format_for(shown)
        if fmt == "jsonl":
            self._run_jsonl(path, shown)
            return
        data = read_bytes(path, self.inputs.stdin() if path == "-" else None)
        if isinstance(data, Notice):
            self.notice(Notice(shown, data.message, data.level))
            return
        doc = load_document(shown, data, fmt)
        if isinstance(doc, Notice):
            self.notice(doc)
            return
        new = self._process(doc)
        if path != "-" and not self._writes_file(path):
            self._pending_fixed = 0
        if path == "-" and self.options.mode == "fix":
            out = new or doc
            self.inputs.write_stdout(encode(out.text, out.encoding))
            self._stdout_done()
        elif new is not None and (self._writes_file(path) or self.options.mode == "diff"):
            self._write_text(path, shown, doc, new)
        elif self.options.output_dir and self.options.mode == "fix":
            self._write_bytes(path, shown, data)  # unchanged: copied as read

    def _reader_problem(self, problem: ReadProblem) -> None:
        """A record the reader could not turn into a document: reported, with a verdict."""
        shown = self._read_problem(problem)
        if shown and self.options.mode != "diff":
            self.reporter.document(None, shown)

    def _read_problem(self, problem: ReadProblem) -> list[Finding]:
        """Report a problem a reader found, as a finding of the rule that claims its
        kind; return what was reported (nothing when no enabled rule claims it)."""
        rule = self.registry.input_problem_rules.get(problem.kind)
        if rule is None:
            return []
        return self._emit_reader_finding(problem.to_finding(rule.code))

    def _process(self, doc: Document) -> Document | None:
        """Check or fix one document; report its findings; return the fixed document if changed."""
        self.summary.documents += 1
        skip = self._skip_for(doc.path)
        new = None
        if self.options.mode == "check" or self._check_only:
            findings = self.engine.check(doc, skip)
            shown_doc = doc
        else:
            result = self.engine.fix(doc, self._allowed, skip, self.options.unfixable)
            findings = result.remaining
            shown_doc = result.document
            self._pending_fixed += len(result.fixed)
            self._last_fixed = len(result.fixed)
            if result.changed:
                new = result.document
                self.changes += 1
        self._hook.corplint_document_checked(document=shown_doc, findings=findings)
        shown = self._report(findings, shown_doc)
        if self.options.mode != "diff":
            self.reporter.document(shown_doc, shown)
        return new

    # --------------------------------------------------------------- reporting
    def _report(self, findings: list[Finding], doc: Document | None) -> list[Finding]:
        """Report findings (less those in the baseline); return what was reported."""
        text = doc.text if doc is not None else None
        self._locate(findings, doc)
        if self.baseline_writer is not None:
            self.baseline_writer.add(findings, text)
        if self.baseline is not None:
            findings = self.baseline.filter(findings, text)
        if not findings:
            return findings
        for f in findings:
            self.summary.by_code[f.code] += 1
            if f.fix is not None and f.code not in self.options.unfixable:
                if f.fix.applicability is Applicability.SAFE:
                    self.summary.fixable += 1
                else:
                    self.summary.unsafe_fixable += 1
        self.summary.findings += len(findings)
        if self.options.mode != "diff":
            self.reporter.report(findings, doc)
        return findings

    def _emit_reader_finding(self, finding: Finding) -> list[Finding]:
        rule = self.registry.rules.get(finding.code)
        if rule is None or finding.code not in self.enabled:
            return []
        if finding.code in self._skip_for(finding.path):
            return []
        finding.name, finding.category = rule.name, rule.category
        finding.severity = finding.severity or rule.severity
        return self._report([finding], None)

    def _rule_crashed(self, rule: Rule, doc: Document, exc: Exception) -> None:
        where = f"record {doc.record}: " if doc.record is not None else ""
        failed = f"rule {rule.code} ({rule.name}) failed, its findings dropped"
        message = f"{where}{failed}: {_crash(exc)}"
        self.notice(Notice(doc.path, message))

    def notice(self, notice: Notice) -> None:
        if notice.level == "error":
            self.summary.errors += 1
        self.notices.write(f"{notice.path}: {notice.level}: {notice.message}\n")

    def _skip_for(self, path: str) -> frozenset[str]:
        skip = self._skip_cache.get(path)
        if skip is None:
            rel = os.path.relpath(os.path.abspath(path), self.options.config_root)
            pfi = self.options.per_file_ignores
            skip = (
                frozenset(ignored_for_path(rel, pfi, self.registry.rules)) if pfi else frozenset()
            )
            self._skip_cache[path] = skip
        return skip
