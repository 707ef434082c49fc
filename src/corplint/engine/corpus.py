"""The corpus pass: every document shown to the corpus rules (those that must see
the whole corpus) before any is checked."""

from __future__ import annotations

import contextlib
import copy
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from corplint.core.document import Document
from corplint.core.rule import Rule
from corplint.engine.notes import crash as _crash
from corplint.engine.tasks import Task
from corplint.engine.tasks import size_of as _size
from corplint.io import parquet
from corplint.io.parquet import is_parquet
from corplint.io.readers import Notice, iter_records


@dataclass
class CorpusPass:
    """The corpus-pass part of :class:`corplint.engine.run.Runner`."""

    def _corpus_pass(
        self, files: list[str | Notice], advance: Callable[[int], None] | None = None
    ) -> None:
        """Show every document to the corpus rules before any is checked.

        Rules such as a template-line counter can only report a document once
        they know the whole corpus; reading the input twice keeps their memory
        bounded by their own tables instead of by the corpus. Problems with a
        file are left for the checking pass to report once.
        """
        paths = [path for path in files if not isinstance(path, Notice)]
        if not any(rule.corpus for path in paths for rule in self._scope_for(path).engine.rules):
            return
        if "-" in files:
            self.inputs.hold_stdin()  # read twice
        for path in paths:
            self._enter(path)  # each file's corpus rules are its configuration's
            try:
                self.observe_file(path, [rule for rule in self.engine.rules if rule.corpus])
            except (KeyboardInterrupt, SystemExit, MemoryError):
                raise
            except Exception as exc:
                message = f"internal error in the corpus pass, file not observed: {_crash(exc)}"
                self.notice(Notice(self._shown(path), message))
            if advance is not None:
                advance(_size(path))
        if "-" in files:
            self.inputs.rewind_stdin()

    def observe_task(self, task: Task) -> tuple[list[Rule], Notice | None, int]:
        """Fresh copies of the corpus rules, shown one work unit (a worker's share
        of a corpus pass, merged by the parent), and what went wrong, if anything."""
        self._enter(task.path)
        rules = [copy.deepcopy(rule) for rule in self.engine.rules if rule.corpus]
        try:
            if task.whole:
                self.observe_file(task.path, rules)
            else:
                shown = self._shown(task.path)
                for record in iter_records(
                    io.BytesIO(self._chunk_bytes(task)),
                    shown,
                    self.options.text_field,
                    task.first,
                    self.options.id_field,
                ):
                    if not isinstance(record, Notice) and record.document is not None:
                        self._observe(record.document, rules)
        except (KeyboardInterrupt, SystemExit, MemoryError):
            raise
        except Exception as exc:
            message = f"internal error in the corpus pass, file not observed: {_crash(exc)}"
            return rules, Notice(self._shown(task.path), message), task.size
        return rules, None, task.size

    def _shared_corpus_pass(
        self,
        observed: Iterator[tuple[list[Rule], Notice | None, int]],
        advance: Callable[[int], None] | None = None,
    ) -> None:
        """Merge what workers observed (see :meth:`observe_task`) into the rules."""
        corpus = [rule for rule in self.engine.rules if rule.corpus]
        for rules, problem, size in observed:
            if problem is not None:
                self.notice(problem)
            for mine, theirs in zip(corpus, rules, strict=True):
                mine.merge(theirs)
            if advance is not None:
                advance(size)

    def _observe(self, doc: Document, rules: list[Rule]) -> None:
        skip = self._skip_for(doc.path)
        for rule in rules:
            if rule.code not in skip and rule.checks_format(doc.format):
                rule.observe(doc)

    def observe_file(self, path: str, rules: list[Rule]) -> None:
        """Show every document of one input to the corpus ``rules`` (each only the
        formats it checks, less the codes ignored for the path)."""

        def observe(doc: Document) -> None:
            self._observe(doc, rules)

        if is_parquet(path):
            with contextlib.suppress(parquet.ParquetProblem):  # the checking pass reports it
                parquet.process(
                    path,
                    self._shown(path),
                    self.options.text_field,
                    observe,
                    id_column=self.options.id_field,
                )  # type: ignore[arg-type]
            return
        for doc in self._documents(path):
            observe(doc)

    def _corpus_end(self) -> None:
        for batch in self._hook.corplint_corpus_end():
            for finding in batch or ():
                self._emit_reader_finding(finding)
