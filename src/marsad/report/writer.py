"""Write report.json (validated shape: ``schema.json``) and the HTML report.

Layout of the output folder::

    report.json                everything, machine-readable (written as it is read)
    report.html                the front page (also written as index.html): the first page of
                               each section (stories, duplicates, entities, articles)
    report-<section>-<k>.html  the further pages of a section, when it holds more than one
    stories/<id>.html          one page per story
    .marsad-pages.json         each page's key (a hash of the data it shows)

How pages are paginated, keyed and reused, and why memory stays bounded: see
:mod:`marsad.report.pages` and :mod:`marsad.report.source`.

The folder is replaced as a whole: every file is rendered (or, when unchanged, hard-linked from
the previous report) into a fresh sibling folder which is then renamed into place, so a run
killed while writing leaves the previous report intact (never half of each), no story page
outlives its story, and the next run removes what a killed run left behind. Files get the usual
modes (0644 under umask 022).

In the HTML, bidirectional control characters (U+202A–U+202E, U+2066–U+2069) are removed
from every interpolated value, and names, titles and outlets are isolated (``<bdi>``,
``unicode-bidi: isolate``), so a name cannot reorder what is shown around it.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from marsad.model import Corpus
from marsad.report.pages import FolderSink, MemorySink, PageSizes, RenderStats, render_report
from marsad.report.source import DictSource, ReportSource, StoreSource
from marsad.version import __version__

if TYPE_CHECKING:
    from marsad.store.sql import SQLStore

TOP_LEVEL_KEYS = (
    "marsad_version", "articles", "duplicate_groups", "entities", "quotes", "timerefs", "stories", "threads",
)


def build_report(corpus: Corpus) -> dict[str, Any]:
    """The report.json document for ``corpus``."""
    return {
        "marsad_version": __version__,
        "articles": [a.to_dict() for a in corpus.articles],
        "duplicate_groups": [g.to_dict() for g in corpus.duplicate_groups],
        "entities": [e.to_dict() for e in corpus.entities],
        "mentions": [m.to_dict() for m in corpus.mentions],
        "quotes": [q.to_dict() for q in corpus.quotes],
        "timerefs": [t.to_dict() for t in corpus.timerefs],
        "stories": [s.to_dict() for s in corpus.stories],
        "threads": [t.to_dict() for t in corpus.threads],
    }


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of report.json shipped with the package."""
    return json.loads(resources.files("marsad.report").joinpath("schema.json").read_text("utf-8"))


_BIDI_CONTROLS_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_bidi_controls(value: Any) -> Any:
    """``value`` without bidi embedding, override and isolate characters (strings only;
    already-rendered markup stays markup)."""
    if isinstance(value, Markup):
        return Markup(_BIDI_CONTROLS_RE.sub("", value))
    if isinstance(value, str):
        return _BIDI_CONTROLS_RE.sub("", value)
    return value


class ReportError(Exception):
    """The report cannot be written where asked; the message says why."""


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("marsad.report", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=strip_bidi_controls,
    )
    env.filters["words"] = lambda text: len((text or "").split())
    # defaults for a partial rendered on its own: every article and thread on report.html
    env.globals.update(article_pages={}, thread_page="report.html", article_at={})
    return env


def render_pages(report: dict[str, Any], sizes: PageSizes | None = None) -> dict[str, str]:
    """Relative path → HTML for the front page (and its further pages) and every story page."""
    sink = MemorySink()
    render_report(DictSource(report), sink, sizes)
    return sink.pages


_MARKERS = ("report.json", "report.html")


def _is_report_folder(folder: Path) -> bool:
    """True if ``folder`` is empty or holds a marsad report (so replacing it loses nothing else)."""
    names = {p.name for p in folder.iterdir()}
    return not names or any(m in names for m in _MARKERS)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_WORK_RE = re.compile(r"^\.(?P<name>.+)\.(?:new|old)-(?P<pid>\d+)-[0-9a-f]+$")


def remove_leftovers(out: Path) -> list[Path]:
    """Delete the work folders of killed runs beside ``out`` (not those of live ones)."""
    removed = []
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        return removed
    for entry in parent.iterdir():
        m = _WORK_RE.match(entry.name)
        if m and m.group("name") == out.name and entry.is_dir() and not _pid_alive(int(m.group("pid"))):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def write_report(corpus: Corpus, out: Path, sizes: PageSizes | None = None,
                 stats: RenderStats | None = None) -> Path:
    """Write report.json and the HTML pages of ``corpus`` into ``out`` (see :func:`write_report_from`)."""
    return write_report_from(DictSource(build_report(corpus)), out, sizes, stats)


def write_report_from_store(store: SQLStore, out: Path, sizes: PageSizes | None = None,
                            stats: RenderStats | None = None) -> Path:
    """Write the report of the results stored in ``store`` into ``out``, reading the store a chunk
    at a time (see :func:`write_report_from`)."""
    return write_report_from(StoreSource(store), out, sizes, stats)


def write_report_from(source: ReportSource, out: Path, sizes: PageSizes | None = None,
                      stats: RenderStats | None = None) -> Path:
    """Write report.json and the HTML pages into ``out`` (replacing the folder as a whole; pages
    unchanged since the report already there are linked from it, not rendered); returns ``out``.
    ``stats``, when given, receives how many pages were rendered, reused and removed. Raises
    :class:`ReportError` when ``out`` is a folder that is not a report (it is never replaced) or
    cannot be written."""
    shown, out = Path(out), Path(os.path.abspath(out))
    if out.exists() and (not out.is_dir() or not _is_report_folder(out)):
        raise ReportError(f"{shown}: exists and is not a marsad report folder; choose a new or empty --out folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    tag = f"{os.getpid()}-{secrets.token_hex(4)}"
    fresh = out.parent / f".{out.name}.new-{tag}"
    try:
        fresh.mkdir(parents=True)
        sink = FolderSink(fresh, out if out.is_dir() else None)
        with open(fresh / "report.json", "w", encoding="utf-8") as fh:
            render_report(source, sink, sizes, fh)
        sink.finish()
        _swap_into_place(fresh, out, tag)
    except OSError as exc:
        raise ReportError(f"{shown}: cannot write the report ({exc.strerror or exc})") from exc
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)
    if stats is not None:
        stats.rendered, stats.reused, stats.removed = sink.stats.rendered, sink.stats.reused, sink.stats.removed
    return shown


def _swap_into_place(fresh: Path, out: Path, tag: str) -> None:
    """Rename ``fresh`` to ``out``; an old ``out`` is moved aside first and then deleted."""
    if not out.exists():
        os.rename(fresh, out)
        return
    old = out.parent / f".{out.name}.old-{tag}"
    os.rename(out, old)
    try:
        os.rename(fresh, out)
    except BaseException:
        os.rename(old, out)  # put the previous report back
        raise
    shutil.rmtree(old, ignore_errors=True)
