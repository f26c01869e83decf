"""CPU time and peak memory of the processes this one started (Linux ``/proc``), live or finished.

``getrusage(RUSAGE_CHILDREN)`` counts only children that have ended and been waited for; the
Spark engine's JVM and its Python workers live as long as the session, so their CPU is read from
``/proc`` while they run. A process that ends moves its CPU into its parent's count of waited-for
children, so the sum below neither loses nor double-counts it.
"""

from __future__ import annotations

import os
import resource
from dataclasses import dataclass
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class Descendant:
    """One live process below this one: its pid, command name, CPU seconds (its own and its
    waited-for children's) and peak resident memory (MiB)."""

    pid: int
    name: str
    cpu: float
    peak_mib: float


def _stat(pid: int) -> tuple[str, int, float] | None:
    """(command name, parent pid, CPU seconds incl. waited-for children) of ``pid``, None if gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = raw[raw.index("(") + 1 : raw.rindex(")")]
    fields = raw[raw.rindex(")") + 2 :].split()
    # fields[0] is field 3 (state): ppid is field 4, utime..cstime fields 14..17
    return name, int(fields[1]), sum(int(f) for f in fields[11:15]) / _TICKS


def _peak_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def descendants(root: int | None = None) -> list[Descendant]:
    """The live processes below ``root`` (default: this process); empty where /proc is missing."""
    root = os.getpid() if root is None else root
    if not Path("/proc/self/stat").exists():
        return []
    stats: dict[int, tuple[str, int, float]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (found := _stat(int(entry.name))) is not None:
            stats[int(entry.name)] = found
    children: dict[int, list[int]] = {}
    for pid, (_, ppid, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    result, todo = [], list(children.get(root, []))
    while todo:
        pid = todo.pop()
        name, _, cpu = stats[pid]
        result.append(Descendant(pid, name, cpu, _peak_mib(pid)))
        todo.extend(children.get(pid, []))
    return sorted(result, key=lambda d: d.pid)


def children_cpu() -> float:
    """CPU seconds of every process started below this one: finished (waited for) and live."""
    finished = resource.getrusage(resource.RUSAGE_CHILDREN)
    return finished.ru_utime + finished.ru_stime + sum(d.cpu for d in descendants())
