"""Where a run's fixed text goes: back into the file (only through a complete,
verified temporary file), into --output-dir, to standard output, or as a diff."""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

from corplint.core.document import Document
from corplint.engine.notes import (
    LINK_REFUSED,
    LOSSY,
    RunRefused,
)
from corplint.engine.notes import reason as _reason
from corplint.io.compression import codec_for
from corplint.io.decoding import decode, encode
from corplint.io.readers import (
    Notice,
    Record,
    display_path,
)
from corplint.io.safefile import AtomicFile, clean_stale, resolve_target


@dataclass
class Writing:
    """The writing half of :class:`corplint.engine.run.Runner`."""

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

    # ----------------------------------------------------------------- writing
    def _write_text(self, path: str, shown: str, old: Document, new: Document) -> None:
        if self.options.mode == "diff":
            self._diff_text(shown, old, new)
            return
        if _loses_bytes(old, new):
            self._pending_fixed = 0
            self.notice(Notice(shown, f"{LOSSY}{old.encoding}", "warning"))
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
                self.notice(Notice(shown, LINK_REFUSED))
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
