"""Progress display on standard error (rich), so standard output stays clean for results."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

T = TypeVar("T")

stderr = Console(stderr=True)

#: characters that could forge or reorder a log line: C0/C1 controls (newline, escape…),
#: bidi embeddings/overrides/isolates, line and paragraph separators
_UNPRINTABLE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_SHOWN = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` safe for one log line: control and bidi characters shown as escapes
    (``\\n``, ``\\u202e``), so a file name cannot start a fake line or reverse one."""
    return _UNPRINTABLE_RE.sub(lambda m: _SHOWN.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


class PrintableFilter(logging.Filter):
    """Logging filter: the formatted message made :func:`printable` (tracebacks untouched)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = printable(record.getMessage())
        record.args = None
        return True


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
