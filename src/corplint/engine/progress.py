"""The progress bar: moved by bytes of the inputs as they are read or checked."""

from __future__ import annotations

from collections.abc import Callable

from corplint.engine.tasks import size_of as _size


def still(size: int) -> None:
    """No progress bar (a worker's, or none asked for)."""


def progress_callback(progress: object, files: list, what: str) -> Callable[[int], None]:
    """Advances a progress bar by bytes of the inputs as they are read or checked."""
    if progress is None:
        return lambda size: None
    total = sum(_size(item) for item in files if isinstance(item, str))
    task = progress.add_task(what, total=total or None)  # type: ignore[attr-defined]

    def advance(size: int) -> None:
        progress.update(task, advance=size)  # type: ignore[attr-defined]

    return advance
