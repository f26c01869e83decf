"""The Python API: ``analyze`` does what ``marsad analyze`` does, and returns the corpus."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from marsad.ingest import DEFAULT_LIMITS, InputError, Limits, Problem, read_paths
from marsad.model import Corpus
from marsad.pipeline import Stage, StageContext, run_stages
from marsad.progress import track
from marsad.store import Store, open_store

log = logging.getLogger("marsad")

#: articles written per transaction; a killed run loses at most this many, never corrupts
BATCH_SIZE = 200


@dataclass
class IngestCounts:
    """What one ingestion run did."""

    read: int = 0
    new: int = 0
    unchanged: int = 0
    new_versions: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass
class AnalysisResult:
    """The outcome of :func:`analyze`."""

    corpus: Corpus
    counts: IngestCounts
    report_dir: Path | None = None


def ingest(
    inputs: Iterable[str],
    store: Store,
    published: str | None = None,
    strict: bool = False,
    on_problem: Callable[[Problem], None] | None = None,
    show_progress: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> IngestCounts:
    """Read ``inputs`` into ``store`` in batches of :data:`BATCH_SIZE` transactions. The
    articles already read are written even when reading stops with an exception."""
    counts = IngestCounts()

    def report(problem: Problem) -> None:
        counts.problems.append(problem)
        if on_problem is not None:
            on_problem(problem)

    batch = []

    def flush() -> None:
        for outcome in store.add_articles(batch):
            if outcome == "new":
                counts.new += 1
            elif outcome == "new_version":
                counts.new_versions += 1
            else:
                counts.unchanged += 1
        batch.clear()

    try:
        for article in track(read_paths(inputs, published, report, strict, limits), "reading",
                             enabled=show_progress):
            counts.read += 1
            batch.append(article)
            if len(batch) >= BATCH_SIZE:
                flush()
    finally:
        if batch:
            flush()
    return counts


def load_corpus(store: Store) -> Corpus:
    """The current version of every stored article, as a corpus with no annotations yet."""
    return Corpus(articles=list(store.iter_articles()))


def analyze(
    paths: Sequence[str | Path],
    db: str | Path = "marsad.db",
    out: str | Path | None = "marsad-report",
    published: str | None = None,
    strict: bool = False,
    stages: Iterable[Stage] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    show_progress: bool = False,
    options: dict | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> AnalysisResult:
    """Ingest ``paths`` into the store at ``db``, run the stages over the whole stored corpus,
    and (unless ``out`` is None) write ``report.json`` and ``report.html`` into ``out``.

    Raises :class:`marsad.ingest.InputError` in ``strict`` mode at the first bad input.
    """
    from marsad.report.writer import write_report_from_store

    if (options or {}).get("engine") == "spark":  # before anything is read: say what is missing
        from marsad.engine.spark import check_available

        check_available()
    store = open_store(db)
    report_dir = None
    try:
        counts = ingest([str(p) for p in paths], store, published, strict, on_problem, show_progress, limits)
        store.index_new_articles()
        corpus = load_corpus(store)
        context = StageContext(
            store=store, options={"published": published, **(options or {})}, show_progress=show_progress
        )
        run_stages(corpus, context, stages)
        store.save_results(corpus)
        if out is not None:  # the report is rendered from the store, as `marsad report` does
            report_dir = write_report_from_store(store, Path(out))
    finally:
        store.close()
    return AnalysisResult(corpus=corpus, counts=counts, report_dir=report_dir)


def report(db: str | Path = "marsad.db", out: str | Path = "marsad-report") -> Path:
    """Write report.json and report.html into ``out`` from the results stored in ``db``
    (those of its last analysis); returns ``out``. Pages whose data did not change since the
    report already in ``out`` are kept, not rendered again."""
    from marsad.report.writer import write_report_from_store

    store = open_store(db)
    try:
        return write_report_from_store(store, Path(out))
    finally:
        store.close()


def search(query: str, db: str | Path = "marsad.db", *, outlet: str | None = None, since: str | None = None,
           until: str | None = None, entity: str | None = None, story: str | None = None,
           kinds: Sequence[str] = ("article", "quote", "claim"), limit: int = 20) -> list:
    """Full-text search of the store at ``db``: the best ``limit`` articles, quotes and claims
    (:class:`marsad.search.Hit`, best first) for ``query`` in any spelling, filtered by outlet,
    publication dates (ISO, inclusive), entity (any spelling of its name) and story id."""
    store = open_store(db)
    try:
        return store.search(query, outlet=outlet, since=since, until=until, entity=entity, story=story,
                            kinds=kinds, limit=limit)
    finally:
        store.close()


__all__ = ["AnalysisResult", "IngestCounts", "InputError", "analyze", "ingest", "load_corpus", "report", "search"]
