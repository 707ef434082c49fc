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
from collections.abc import Iterator
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

    def plan(self, path: str) -> list[Task]:
        """The work units of one input (chunks only for an uncompressed JSONL file
        that is not being shown as a diff)."""
        chunkable = (
            path != "-"
            and self.options.mode != "diff"
            and not codec_for(path)
            and not is_parquet(path)
            and format_for(self._shown(path)) == "jsonl"
        )
        return units.plan(path, chunkable)

    def describe(self, task: Task) -> str:
        """How a task is named in an error."""
        shown = display_path(self._shown(task.path))
        return shown if task.whole else f"{shown} from line {task.first}"

    def run_task(self, task: Task) -> TaskResult:
        """Check (and fix) one work unit, recording what it reports. Meant for a
        worker (a fork, or a runner rebuilt on Ray): the reporter and the
        streams are replaced by recordings for the parent to replay."""
        recording = Recording()
        self.reporter = recording
        self.notices = io.StringIO()
        self.diff_out = io.StringIO()
        self.summary = Summary()
        self.changes = 0
        self._pending_fixed = 0
        if task.start == 0:
            self.summary.files += 1
        output, changed = b"", False
        if task.whole:
            self._run_file_guarded(task.path)
        else:
            output, changed = self._check_jsonl_chunk(task.path, task.start, task.end, task.first)
        return TaskResult(
            recording.reports,
            self.notices.getvalue(),
            self.diff_out.getvalue(),
            self.summary,
            self.changes,
            output,
            changed,
            self._pending_fixed if not task.whole else 0,
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

    def _ray_results(self, paths: list[str], plan: list[list[Task]]) -> Iterator[TaskResult]:
        """The results of ``plan`` from Ray tasks, after a corpus pass on Ray. Ray
        missing or a run unfit to share out is raised at once, before any output."""
        from corplint.engine import ray_engine

        ray_engine.refuse_unshareable(self.single_process_reason(), paths)
        ray_engine.connect(self.options.ray_address, self.options.jobs or None)
        corpus = [rule for rule in self.engine.rules if rule.corpus]
        local = [rule for rule in corpus if not rule.mergeable()]
        for path in paths if local else ():  # shown the corpus here instead
            self.observe_file(path, local)
        shared = [rule for rule in corpus if rule.mergeable()]
        if shared:
            ray_engine.observe_corpus(self._ray_spec(), paths, shared)
        return ray_engine.results(self._ray_spec(), [task for tasks in plan for task in tasks])

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

    def _take_file(self, path: str, count: int, done: Iterator[TaskResult]) -> None:
        """Replay the ``count`` results of one input as each arrives; a JSONL file
        fixed in chunks is written chunk by chunk to a temporary file, swapped in
        at the end only if every chunk was read and something changed (or
        ``--output-dir`` wants a copy)."""
        writing = count > 1 and self.options.mode == "fix"
        out: AtomicFile | None = None
        complete, changed = True, bool(self.options.output_dir)
        try:
            for index in range(count):
                result = next(done)
                self.take(result)
                if not writing:
                    continue
                if index == 0:
                    out = self._open_output(path, self._shown(path))
                changed = changed or result.changed
                complete = complete and result.output is not None
                if complete and out is not None:
                    out.write(result.output)
        except BaseException:
            if out is not None:
                out.discard()
            raise
        if writing and not complete:
            self.notice(Notice(self._shown(path), UNREAD))
        if out is not None and complete and changed:
            self._commit(out, self._shown(path))
        elif out is not None:
            out.discard()
        self._pending_fixed = 0
