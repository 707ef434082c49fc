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

import contextlib
import difflib
import io
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

from corplint.config.baseline import Baseline, BaselineWriter
from corplint.config.registry import Registry
from corplint.config.selection import ignored_for_path
from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding
from corplint.core.rule import Rule
from corplint.engine import processes as parallel
from corplint.engine.engine import Engine
from corplint.io import parquet
from corplint.io.compression import codec_for
from corplint.io.decoding import decode, encode
from corplint.io.inputs import Inputs
from corplint.io.parquet import is_parquet
from corplint.io.readers import (
    Notice,
    Record,
    discover,
    display_path,
    format_for,
    iter_records,
    load_document,
    read_bytes,
)
from corplint.io.safefile import AtomicFile, clean_stale, resolve_target
from corplint.io.writers import rewrite_record
from corplint.reporters.base import Reporter, Summary


@dataclass
class RunOptions:
    """Everything about a run that is not the rule set."""

    mode: str = "check"  # "check", "fix" or "diff"
    unsafe_fixes: bool = False
    text_field: str = "text"
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    force_exclude: bool = False
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


class Runner:
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
        allowed = {Applicability.SAFE}
        if options.unsafe_fixes:
            allowed.add(Applicability.UNSAFE)
        self._allowed = frozenset(allowed)
        self._hook = registry.manager.hook
        engine.on_crash = self._rule_crashed
        self.inputs = Inputs(stdin, stdout, options.stdin_filename)  # type: ignore[arg-type]
        self._pending_fixed = 0
        """Fixes of the file being worked on, counted once its output is written."""
        self._last_fixed = 0
        self._check_only = False
        """Set while a file that --fix cannot write back (a pipe) is only checked."""

    # ----------------------------------------------------------------- driving

    @classmethod
    def for_worker(cls, spec: Any) -> Runner:
        """The driver's runner, built again in a Ray worker from its ``RunSpec``:
        what it reports is recorded and sent back, not printed."""
        from corplint.config.registry import build_registry

        registry = build_registry(spec.plugins, spec.entry_points)
        return cls(
            registry,
            Engine(spec.rules),
            set(spec.enabled),
            spec.options,
            parallel.Recording(),
            notices=io.StringIO(),
            baseline=spec.baseline,
            diff_out=io.StringIO(),
        )

    def run(self, paths: Iterable[str], progress: object = None) -> Summary:
        reporting = self.options.mode != "diff"  # --diff prints the diff and nothing else
        files = [
            item
            for item in discover(
                paths, self.options.include, self.options.exclude, self.options.force_exclude
            )
            if isinstance(item, Notice) or item == "-" or not self._protected(item)
        ]
        files = _once_each(files)
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
        if self.options.engine == "ray" and paths:
            from corplint.engine import ray_engine

            # before any output: Ray may be missing, or the run unfit to share out
            done = ray_engine.results(self, paths)  # the corpus pass runs on Ray too
        else:
            self._corpus_pass(files)
            jobs = parallel.jobs_for(self.options.jobs, paths, self) if "-" not in paths else 1
            done = parallel.results(self, paths, jobs) if jobs > 1 else None
        if reporting:
            self.reporter.start()
        advance = _progress_callback(progress, files)
        try:
            for item in files:
                if isinstance(item, Notice):
                    self.notice(item)
                    continue
                if done is not None:
                    self._take_parallel(item, next(done))
                else:
                    self.summary.files += 1
                    self._run_file_guarded(item)
                advance(item)
        finally:
            if done is not None:
                done.close()  # ends the worker pool, also on an interrupt
                self._clean_stale(files)  # what workers ended by it were writing
        self._corpus_end()
        if reporting:
            self.reporter.finish(self.summary)
        return self.summary

    def _take_parallel(self, path: str, parts: list[parallel.TaskResult]) -> None:
        """Report what workers found in one input; write it if it came in chunks."""
        for part in parts:
            parallel.replay(self, part)
        changed = any(part.changed for part in parts) or self.options.output_dir
        if len(parts) > 1 and self.options.mode == "fix" and changed:
            self._assemble_jsonl(path, [part.output for part in parts])
        self._pending_fixed = 0

    def _corpus_pass(self, files: list[str | Notice]) -> None:
        """Show every document to the corpus rules before any is checked.

        Rules such as a template-line counter can only report a document once
        they know the whole corpus; reading the input twice keeps their memory
        bounded by their own tables instead of by the corpus. Problems with a
        file are left for the checking pass to report once.
        """
        if not any(rule.corpus for rule in self.engine.rules):
            return
        if "-" in files:
            self.inputs.hold_stdin()  # read twice
        corpus_rules = [rule for rule in self.engine.rules if rule.corpus]
        for path in files:
            if isinstance(path, Notice):
                continue
            try:
                self.observe_file(path, corpus_rules)
            except (KeyboardInterrupt, SystemExit, MemoryError):
                raise
            except Exception as exc:
                message = f"internal error in the corpus pass, file not observed: {_crash(exc)}"
                self.notice(Notice(self._shown(path), message))
        if "-" in files:
            self.inputs.rewind_stdin()

    def observe_file(self, path: str, rules: list[Rule]) -> None:
        """Show every document of one input to the corpus ``rules`` (each only the
        formats it checks, less the codes ignored for the path)."""

        def observe(doc: Document) -> None:
            skip = self._skip_for(doc.path)
            for rule in rules:
                if rule.code not in skip and rule.checks_format(doc.format):
                    rule.observe(doc)

        if is_parquet(path):
            with contextlib.suppress(parquet.ParquetProblem):  # the checking pass reports it
                parquet.process(path, self._shown(path), self.options.text_field, observe)  # type: ignore[arg-type]
            return
        for doc in self._documents(path):
            observe(doc)

    def _shown(self, path: str) -> str:
        """The path a file is reported under (``--stdin-filename`` for ``-``)."""
        if path == "-":
            return display_path(self.options.stdin_filename or path)
        return display_path(self.inputs.origin(path))

    def _refuse_colliding_targets(self, files: list[str | Notice]) -> None:
        """Under ``--output-dir``, every input needs an output of its own, and no
        output may be (through a link) an input."""
        inputs = {
            os.path.realpath(item): item for item in files if isinstance(item, str) and item != "-"
        }
        taken: dict[str, str] = {}
        for item in inputs.values():
            target = os.path.realpath(self._target(item))
            if target in inputs:
                raise RunRefused(
                    f"the fixed copy of {display_path(item)} would be written over the input "
                    f"{display_path(inputs[target])} (a link inside --output-dir?)"
                )
            if target in taken:
                raise RunRefused(
                    f"{display_path(taken[target])} and {display_path(item)} would both be "
                    f"written to {display_path(self._target(item))} under --output-dir"
                )
            taken[target] = item

    def _protected(self, path: str) -> bool:
        """A file this run writes itself (the report): never read as an input."""
        return bool(self.options.protected) and os.path.realpath(path) in self.options.protected

    def _clean_stale(self, files: list[str | Notice]) -> None:
        """Remove temporary files of runs that died, where this run reads or writes."""
        folders = {os.path.dirname(resolve_target(item)) for item in files if self._writable(item)}
        if self.options.output_dir:
            folders |= {
                os.path.dirname(self._target(item)) for item in files if self._writable(item)
            }
        for folder in sorted(folders):
            for told in clean_stale(folder, finish_copies=self.options.mode == "fix"):
                self.notice(Notice(display_path(folder or "."), told, "warning"))

    def _writable(self, item: str | Notice) -> bool:
        return isinstance(item, str) and item != "-" and not self.inputs.is_stand_in(item)

    def _stdout_done(self) -> None:
        self.inputs.end_stdout()
        self._settle_fixed()

    def _settle_fixed(self) -> None:
        """The fixes of the current file were written: count them."""
        self.summary.fixed += self._pending_fixed
        self._pending_fixed = 0

    def _run_file_guarded(self, path: str) -> None:
        """Check one input; an error inside corplint is reported and the run goes on."""
        try:
            self._run_file(path)
        except (KeyboardInterrupt, SystemExit, MemoryError):
            raise
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
                for record in iter_records(stream, shown, self.options.text_field):  # type: ignore[arg-type]
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
            self.notice(Notice(shown, _NOT_A_FILE))  # checked, findings reported as found
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

    def _run_jsonl(self, path: str, shown: str) -> None:
        try:
            stream = self.inputs.stream(path)
        except OSError as exc:
            self.notice(Notice(shown, f"cannot read: {_reason(exc)}"))
            return
        out = self._open_output(path, shown) if self._writes_file(path) else None
        if self._writes_file(path) and out is None:
            stream.close()  # type: ignore[attr-defined]
            return
        read_whole, changed, diff_header = True, False, False
        try:
            for record in iter_records(stream, shown, self.options.text_field):  # type: ignore[arg-type]
                if isinstance(record, Notice):
                    self.notice(record)
                    read_whole = False  # never replace a file we could not read to its end
                    continue
                raw = self._record(record)
                if raw is not record.raw:
                    changed = True
                    if self.options.mode == "diff":
                        diff_header = self._diff_record(shown, record, raw, diff_header)
                if path == "-" and self.options.mode == "fix":
                    self.inputs.write_stdout(raw)
                if out is not None:
                    out.write(raw)
        except BaseException:
            if out is not None:
                out.discard()  # an interrupt or a crash: the original stays as it was
            self._pending_fixed = 0
            raise
        finally:
            if path != "-":
                stream.close()  # type: ignore[attr-defined]
        if path == "-":
            if self.options.mode == "fix":
                self._stdout_done()
            return
        if out is None:
            return
        if not read_whole:
            out.discard()
            self._pending_fixed = 0
            if changed:
                self.notice(Notice(shown, _UNREAD))
        elif changed or self.options.output_dir:
            self._commit(out, shown)
        else:
            out.discard()

    def _writes_file(self, path: str) -> bool:
        """Whether fixing ``path`` writes a file (not standard output, not a pipe)."""
        if self.options.mode != "fix" or path == "-":
            return False
        return not (self.inputs.is_stand_in(path) and not self.options.output_dir)

    def _commit(
        self, out: AtomicFile, shown: str, verify: Callable[[str], bool] | None = None
    ) -> bool:
        """Swap a complete output in; count its fixes only once it is written."""
        try:
            out.commit(verify)
        except OSError as exc:
            self._pending_fixed = 0
            self.notice(Notice(shown, f"fixes not written: {_reason(exc)}"))
            return False
        self._settle_fixed()
        return True

    def _run_parquet(self, path: str, shown: str) -> None:
        out = None
        if self._writes_file(path):
            out = self._open_output(path, shown)
            if out is None:
                return
            out.close_stream()  # pyarrow writes the temporary file by its path
        try:
            rows, changed = parquet.process(
                path,
                shown,
                self.options.text_field,
                self._process,
                self._reader_problem,
                write_to=out.temp_path if out is not None else None,
            )
        except BaseException as exc:
            if out is not None:
                out.discard()
            self._pending_fixed = 0
            if isinstance(exc, (parquet.ParquetProblem, OSError)):
                self.notice(Notice(shown, str(exc)))
                return
            raise
        if out is None:
            return
        if changed or self.options.output_dir:
            self._commit(out, shown, verify=lambda temp: parquet.row_count(temp) == rows)
        else:
            out.discard()

    def _check_jsonl_chunk(
        self, path: str, start: int, end: int, first: int
    ) -> tuple[bytes | None, bool]:
        """Check (and fix) the records in bytes ``start``..``end`` of a JSONL file
        (its line ``first`` onwards); return them after fixing (None if unreadable)
        and whether any changed. A worker of ``-j`` runs this; the parent writes."""
        shown = self._shown(path)
        try:
            with open(path, "rb") as fh:
                fh.seek(start)
                data = fh.read(end - start)
        except OSError as exc:
            self.notice(Notice(shown, f"cannot read: {_reason(exc)}"))
            return None, False
        out = io.BytesIO() if self.options.mode == "fix" else None
        changed = False
        for record in iter_records(io.BytesIO(data), shown, self.options.text_field, first):
            if isinstance(record, Notice):
                self.notice(record)
                continue
            raw = self._record(record)
            changed = changed or raw is not record.raw
            if out is not None:
                out.write(raw)
        return (out.getvalue() if out is not None else b""), changed

    def _assemble_jsonl(self, path: str, parts: list[bytes | None]) -> None:
        """Write a JSONL file fixed in chunks, in order, atomically — unless a chunk
        could not be read, or nothing changed (and no --output-dir wants a copy)."""
        shown = self._shown(path)
        if any(part is None for part in parts):
            self.notice(Notice(shown, _UNREAD))
            return
        out = self._open_output(path, shown)
        if out is None:
            return
        try:
            for part in parts:
                out.write(part)  # type: ignore[arg-type]
        except BaseException:
            out.discard()
            raise
        self._commit(out, shown)

    def _reader_problem(self, problem: Finding) -> None:
        """A record the reader could not turn into a document: reported, with a verdict."""
        shown = self._emit_reader_finding(problem)
        if shown and self.options.mode != "diff":
            self.reporter.document(None, shown)

    def _record(self, record: Record) -> bytes:
        """Check (and fix) one JSONL record; return its raw bytes after fixing."""
        for note in record.notes:
            self._emit_reader_finding(note)
        if record.problem is not None:
            self._reader_problem(record.problem)  # an unreadable record has a verdict too
            return record.raw
        doc = record.document
        if doc is None:
            return record.raw
        new = self._process(doc)
        if new is None:
            return record.raw
        if _loses_bytes(doc, new):
            self._pending_fixed -= self._last_fixed
            self.notice(Notice(doc.path, f"record {doc.record}: {_LOSSY}{doc.encoding}", "warning"))
            return record.raw
        try:
            return rewrite_record(record.raw, self._keys, new.text, doc.encoding, new.encoding)
        except (ValueError, RecursionError, UnicodeError) as exc:
            self._pending_fixed -= self._last_fixed
            message = f"record {doc.record}: fixes not written: {_crash(exc)}"
            self.notice(Notice(doc.path, message, "warning"))
            return record.raw

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
        if self.baseline_writer is not None:
            self.baseline_writer.add(findings)
        if self.baseline is not None:
            findings = self.baseline.filter(findings)
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

    def _corpus_end(self) -> None:
        for batch in self._hook.corplint_corpus_end():
            for finding in batch or ():
                self._emit_reader_finding(finding)

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

    # ----------------------------------------------------------------- writing
    def _write_text(self, path: str, shown: str, old: Document, new: Document) -> None:
        if self.options.mode == "diff":
            self._diff_text(shown, old, new)
            return
        if _loses_bytes(old, new):
            self._pending_fixed = 0
            self.notice(Notice(shown, f"{_LOSSY}{old.encoding}", "warning"))
            return
        try:
            data = encode(new.text, new.encoding)
        except UnicodeEncodeError as exc:
            self._pending_fixed = 0
            self.notice(Notice(shown, f"fixes not written: {exc.reason} in {new.encoding}"))
            return
        misread = _read_differently(data, new)
        if misread:
            self._pending_fixed = 0
            self.notice(Notice(shown, f"fixes not written: {misread}", "warning"))
            return
        self._write_bytes(path, shown, data)

    def _target(self, path: str) -> str:
        """Where a fixed file goes: in place, or under ``--output-dir`` at its path
        relative to the working directory (leading ``..`` parts dropped)."""
        root = self.options.output_dir
        path = self.inputs.origin(path)
        if not root:
            return path
        parts = [p for p in os.path.normpath(os.path.relpath(path)).split(os.sep) if p != ".."]
        return os.path.join(root, *parts)

    def _open_output(self, path: str, shown: str) -> AtomicFile | None:
        """An atomic output for ``path`` (under ``--output-dir`` if given, in the
        file's codec), or None after telling the user why it cannot be written."""
        target = self._target(path)
        try:
            if self.options.output_dir:
                os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
                if os.path.islink(target):
                    # never follow a link out of the output folder (onto an input, say)
                    os.unlink(target)
            elif os.path.islink(target) and not self.options.fix_links:
                self._pending_fixed = 0
                self.notice(Notice(shown, _LINK_REFUSED))
                return None
            else:
                target = resolve_target(target)  # a link's own file is fixed, the link kept
            return AtomicFile(target, codec_for(target), like=path)
        except OSError as exc:
            self._pending_fixed = 0
            self.notice(Notice(shown, f"cannot write: {_reason(exc)}"))
            return None

    def _write_bytes(self, path: str, shown: str, data: bytes) -> None:
        out = self._open_output(path, shown)
        if out is None:
            return
        try:
            out.write(data)
        except BaseException as exc:
            out.discard()
            if not isinstance(exc, OSError):
                raise
            self._pending_fixed = 0
            self.notice(Notice(shown, f"cannot write: {_reason(exc)}"))
            return
        self._commit(out, shown)

    def _diff_text(self, shown: str, old: Document, new: Document) -> None:
        out = self.diff_out or sys.stdout
        label_old, label_new = f"a/{shown}", f"b/{shown}"
        if old.encoding != new.encoding:
            label_old += f" ({old.encoding.upper()})"
            label_new += f" ({new.encoding.upper()})"
            out.write(f"--- {label_old}\n+++ {label_new}\n")
        diff = difflib.unified_diff(
            _diff_lines(old.text), _diff_lines(new.text), label_old, label_new
        )
        lines = list(diff)
        if old.encoding != new.encoding:
            lines = lines[2:]
        out.writelines(lines)

    def _diff_record(self, shown: str, record: Record, raw: bytes, header_done: bool) -> bool:
        out = self.diff_out or sys.stdout
        if not header_done:
            out.write(f"--- a/{shown}\n+++ b/{shown}\n")
        old = record.raw.decode("utf-8", "replace").rstrip("\r\n")
        new = raw.decode("utf-8", "replace").rstrip("\r\n")
        out.write(f"@@ -{record.number} +{record.number} @@\n-{old}\n+{new}\n")
        return True


_LOSSY = "fixes not written: the bytes do not survive a round trip through "
_UNREAD = "fixes not written: the file could not be read to its end"
_LINK_REFUSED = "fixes not written: a symbolic link (--no-fix-links refuses them)"
_NOT_A_FILE = (
    "fixes not written: not a regular file (a pipe); read it from '-' to get the fixed "
    "text on standard output, or give --output-dir"
)


class RunRefused(Exception):
    """The run would overwrite what it must not; nothing was read or written."""


def _once_each(files: list[str | Notice]) -> list[str | Notice]:
    """Inputs without repeats: a file named twice, or by a link and by its own
    name, is checked (and fixed) once."""
    seen: set[str] = set()
    out: list[str | Notice] = []
    for item in files:
        if isinstance(item, str) and item != "-":
            real = os.path.realpath(item)
            if real in seen:
                continue
            seen.add(real)
        out.append(item)
    return out


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _crash(exc: BaseException) -> str:
    """An exception as one line: its type and message."""
    message = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _read_differently(data: bytes, new: Document) -> str:
    """Why the next run would not read ``data`` as ``new`` (empty: it would).

    Which codec a file is read with is guessed from its bytes, and a fix changes
    the bytes: removing a control character from a file that is not UTF-8 can
    change the detector's guess, and the next ``--fix`` would then transcode a
    file the first one called settled. Valid UTF-8 always reads back as itself.
    """
    if new.encoding == "utf-8":
        try:
            data.decode("utf-8")
            return ""
        except UnicodeDecodeError:  # undecodable bytes kept as they were
            pass
    again = decode(data)
    if again is None:
        return "the fixed bytes would no longer be read as text"
    if again.encoding != new.encoding or again.text != new.text:
        return (
            f"the fixed bytes would be read as {again.encoding.upper()}, not "
            f"{new.encoding.upper()}, by the next run"
        )
    return ""


def _loses_bytes(old: Document, new: Document) -> bool:
    """Writing ``new`` back in a codec that could not reproduce the input would change
    bytes no fix touched (a transcoding to UTF-8 is the exception: it is the fix)."""
    return not old.lossless and new.encoding == old.encoding


def _diff_lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n\\ No newline at end of file\n"
    return [line if line.endswith("\n") else line + "\n" for line in lines]


def _progress_callback(progress: object, files: list) -> Callable[[str], None]:
    if progress is None:
        return lambda path: None
    sizes = {}
    for item in files:
        if isinstance(item, str) and item != "-":
            try:
                sizes[item] = os.path.getsize(item)
            except OSError:
                sizes[item] = 0
    task = progress.add_task("corplint", total=sum(sizes.values()) or None)  # type: ignore[attr-defined]

    def advance(path: str) -> None:
        progress.update(task, advance=sizes.get(path, 0))  # type: ignore[attr-defined]

    return advance
