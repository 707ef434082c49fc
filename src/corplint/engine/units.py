"""The runner's side of sharing a run out: plan work units, run one, replay results.

Executors (:mod:`corplint.engine.processes`, :mod:`corplint.engine.ray_engine`)
take tasks and a function to run them; everything that knows the runner's
state — which inputs split into chunks, what a worker's run records, how a
chunked JSONL file is written back — lives here.
"""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from corplint.config.registry import build_registry
from corplint.engine import tasks as units
from corplint.engine.engine import Engine
from corplint.engine.tasks import Recording, Task, TaskResult
from corplint.io.compression import codec_for
from corplint.io.parquet import is_parquet
from corplint.io.readers import Notice, display_path, format_for
from corplint.io.safefile import AtomicFile
from corplint.reporters.base import Summary

from .notes import UNREAD

if TYPE_CHECKING:
    from corplint.engine.ray_engine import RunSpec


class WorkUnits:
    """The work-unit part of :class:`corplint.engine.run.Runner`."""

    @classmethod
    def for_worker(cls, spec: RunSpec) -> WorkUnits:
        """The driver's runner, built again in a Ray worker from its ``RunSpec``:
        what it reports is recorded and sent back, not printed."""
        registry = build_registry(spec.plugins, spec.entry_points)
        return cls(
            registry,
            Engine(spec.rules),
            set(spec.enabled),
            spec.options,
            Recording(),
            notices=io.StringIO(),
            baseline=spec.baseline,
            diff_out=io.StringIO(),
        )

    def single_process_reason(self) -> str | None:
        """Why the run must stay in one process, or None."""
        hook = self.registry.manager.hook
        if self.baseline_writer is not None:
            return "a baseline being written sees every finding before it is filtered"
        watched = hook.corplint_document_checked.get_hookimpls()
        if watched or hook.corplint_corpus_end.get_hookimpls():
            return "a plugin watches every checked document through hooks"
        if any(rule.network for rule in self.engine.rules):
            return "a rule that talks to the network would ask the same servers from every worker"
        return None

    def splits(self, path: str) -> str | None:
        """How an input is shared out: "chunks" (an uncompressed JSONL file, cut at
        line breaks), "stream" (a compressed one, decompressed here and checked
        by the workers in chunks) or None (one task). Never standard input, nor
        a diff, which is printed file by file."""
        if path == "-" or self.options.mode == "diff" or is_parquet(path):
            return None
        if format_for(self._shown(path)) != "jsonl":
            return None
        return "stream" if codec_for(path) else "chunks"

    def plan(self, path: str) -> Iterator[Task]:
        """The work units of one input, made as they are taken (a compressed file
        is read one chunk ahead of the workers, never whole)."""
        how = self.splits(path)
        if how == "chunks":
            if path not in self._cuts:  # one pass over the file finds them
                self._cuts[path] = list(units.plan(path))
            return iter(self._cuts[path])
        if how == "stream":
            return units.read_chunks(path)
        return iter([Task(path, size=units.size_of(path))])

    def describe(self, task: Task) -> str:
        """How a task is named in an error."""
        shown = display_path(self._shown(task.path))
        return shown if task.whole else f"{shown} from line {task.first}"

    def run_task(self, task: Task) -> TaskResult:
        """Check (and fix) one work unit, recording what it reports. Meant for a
        worker (a fork, or a runner rebuilt on Ray): the reporter and the
        streams are replaced by recordings for the parent to replay."""
        self._enter(task.path)
        recording = Recording()
        self.reporter = recording
        self.notices = io.StringIO()
        self.diff_out = io.StringIO()
        self.summary = Summary()
        self.changes = 0
        self._pending_fixed = 0
        if task.first == 1:
            self.summary.files += 1
        output, changed = b"", False
        if task.whole:
            self._run_file_guarded(task.path)
        else:
            output, changed = self._check_jsonl_chunk(task)
        return TaskResult(
            recording.reports,
            self.notices.getvalue(),
            self.diff_out.getvalue(),
            self.summary,
            self.changes,
            output,
            changed,
            self._pending_fixed if not task.whole else 0,
            task.last,
            task.size,
            task.whole,
        )

    def take(self, result: TaskResult) -> None:
        """Report one task's result as this runner's own run would have."""
        for call, findings, document in result.reports:
            if call == "report":
                self.reporter.report(findings, document)
            else:
                self.reporter.document(document, findings)
        if result.notices:
            self.notices.write(result.notices)
        if result.diff and self.diff_out is not None:
            self.diff_out.write(result.diff)
        self.summary.add(result.summary)
        self.changes += result.changes
        self._pending_fixed += result.pending_fixed

    def _ray_results(self, paths: list[str], tasks: Iterator[Task]) -> Iterator[TaskResult]:
        """The results of ``tasks`` from Ray tasks, after a corpus pass on Ray. Ray
        missing or a run unfit to share out is raised at once, before any output."""
        from corplint.engine import ray_engine

        nested = [scope.config for scope in map(self._scope_for, paths) if scope.config]
        reason = f"files under configurations of their own: {nested[0]}" if nested else None
        ray_engine.refuse_unshareable(self.single_process_reason() or reason, paths)
        ray_engine.connect(self.options.ray_address, self.options.jobs or None)
        corpus = [rule for rule in self.engine.rules if rule.corpus]
        local = [rule for rule in corpus if not rule.mergeable()]
        for path in paths if local else ():  # shown the corpus here instead
            self.observe_file(path, local)
        shared = [rule for rule in corpus if rule.mergeable()]
        if shared:
            ray_engine.observe_corpus(self._ray_spec(), paths, shared)
        return ray_engine.results(self._ray_spec(), tasks)

    def _ray_spec(self) -> RunSpec:
        """What a Ray worker needs to build this runner again (its rules as they are now)."""
        from corplint.engine.ray_engine import RunSpec

        return RunSpec(
            uuid.uuid4().hex,
            self.registry.extra_plugins,
            self.registry.entry_points,
            frozenset(self.enabled),
            self.options,
            tuple(self.engine.rules),
            self.baseline,
            os.getcwd(),
            type(self).for_worker,
        )

    def _take_file(
        self, path: str, done: Iterator[TaskResult], advance: Callable[[int], None]
    ) -> None:
        """Replay the results of one input as each arrives; a JSONL file fixed in
        chunks is written chunk by chunk to a temporary file, swapped in at the
        end only if every chunk was read and something changed (or
        ``--output-dir`` wants a copy)."""
        fixing = self.options.mode == "fix"
        out: AtomicFile | None = None
        opened, chunked, complete = False, False, True
        changed = bool(self.options.output_dir)
        if fixing and self.splits(path) == "stream":  # its units are chunks, written here
            out, opened = self._open_output(path, self._shown(path)), True
        try:
            while True:
                result = next(done)
                self.take(result)
                advance(result.size)
                if fixing and not result.whole:
                    chunked = True
                    if not opened:
                        out, opened = self._open_output(path, self._shown(path)), True
                    changed = changed or result.changed
                    complete = complete and result.output is not None
                    if complete and out is not None:
                        out.write(result.output)
                if result.last:
                    break
        except BaseException:
            if out is not None:
                out.discard()
            raise
        if out is not None and chunked and complete and changed:
            self._commit(out, self._shown(path))
        elif out is not None:
            out.discard()
            if chunked and not complete and changed:
                self.notice(Notice(self._shown(path), UNREAD))
        self._pending_fixed = 0
