"""Progress display on standard error (rich), so standard output stays clean for results."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

T = TypeVar("T")

stderr = Console(stderr=True)


def track(items: Iterable[T], description: str, total: int | None = None, enabled: bool = True) -> Iterator[T]:
    """Yield ``items`` while drawing a progress bar on stderr (only on a terminal)."""
    if not enabled or not sys.stderr.isatty():
        yield from items
        return
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task(description, total=total)
        for item in items:
            yield item
            progress.advance(task)


@contextmanager
def status(message: str, enabled: bool = True) -> Iterator[None]:
    """Show a spinner with ``message`` on stderr while the block runs (terminal only)."""
    if not enabled or not sys.stderr.isatty():
        yield
        return
    with stderr.status(message):
        yield
