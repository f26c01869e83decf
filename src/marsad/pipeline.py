"""The pipeline: ingest into the store, then run the stages in order over the corpus.

A stage has one job: it reads the :class:`~marsad.model.Corpus` and adds one kind of
annotation to it. Stages never reach into each other's internals; what one stage needs
from another it reads from the corpus (e.g. stories read ``corpus.duplicate_groups``).
A stage may persist what it needs for incremental runs through ``context.store``
(``get_state``/``set_state`` for indexes, ``get_annotation``/``put_annotation`` for
per-article results).

Per-article work runs on several processes: a stage that caches one JSON value per article
offers :meth:`ArticleStage.article_work` (the articles it has no valid cache for, and the pure
function that computes one value); :func:`run_stages` computes those values in worker processes
(``options["workers"]``, default: the machine's cores), stores them in batches, and the stage's
own ``run`` then finds every article cached. Results do not depend on the worker count: each
value is a function of its article alone, and values are stored and read by article id.
``options["engine"] = "spark"`` computes them on Apache Spark instead (``options["spark_master"]``,
see :mod:`marsad.engine.spark`), with the same results.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import resource
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from marsad.model import Article, Corpus
from marsad.store.base import Store

log = logging.getLogger("marsad")


@dataclass
class StageContext:
    """What a stage may use besides the corpus."""

    store: Store
    options: dict[str, Any] = field(default_factory=dict)
    show_progress: bool = True
    #: filled by :func:`run_stages`: per stage, wall and CPU seconds (this process and its workers)
    timings: list[StageTiming] = field(default_factory=list)


@dataclass
class StageTiming:
    """What one stage cost: wall seconds, CPU seconds of this process and of its finished worker
    processes, and the peak resident memory (MiB) of this process so far."""

    stage: str
    wall: float
    cpu: float
    cpu_workers: float
    peak_rss_mib: float


def _cpu_times() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of the processes it started, finished or
    live (e.g. the Spark engine's JVM and Python workers)."""
    from marsad.engine.processes import children_cpu

    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime, children_cpu()


class Stage(Protocol):
    """One step of the flow. ``run`` adds its annotations to ``corpus`` in place."""

    name: str

    def run(self, corpus: Corpus, context: StageContext) -> None: ...


#: The default order of the flow (module:class). Each stage reads what earlier ones added.
DEFAULT_STAGES: list[str] = [
    "marsad.stages.dedup:DedupStage",
    "marsad.stages.entities:EntitiesStage",
    "marsad.stages.quotes:QuotesStage",
    "marsad.stages.timex:TimexStage",
    "marsad.stages.stories:StoriesStage",
    "marsad.stages.threads:ThreadsStage",
    "marsad.stages.timeline:TimelineStage",
    "marsad.stages.consolidate:ConsolidateStage",
]


class ArticleStage(Stage, Protocol):
    """A stage whose per-article results are cached in the store and can be computed apart."""

    def article_work(self, corpus: Corpus, context: StageContext
                     ) -> tuple[list[Article], Callable[[Article], Any]]:
        """The articles of ``corpus`` with no valid cached value, and a function of one article
        returning the value ``run`` expects under ``get_annotation(self.name, article.id)``
        (None: nothing to store, ``run`` will compute that article itself)."""
        ...


#: below this many articles to compute, per-article work stays in the main process
MIN_PARALLEL = 32
#: articles handed to a worker at a time, and stored per transaction
CHUNK = 16
WRITE_BATCH = 200

_JOB: tuple[Callable[[Article], Any], Sequence[Article]] | None = None  # read by forked workers


def _work_chunk(bounds: tuple[int, int]) -> list[Any]:
    function, articles = _JOB  # type: ignore[misc]
    return [function(a) for a in articles[bounds[0]:bounds[1]]]


def default_workers() -> int:
    """Worker processes for per-article work: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def map_articles(function: Callable[[Article], Any], articles: Sequence[Article], workers: int,
                 engine: str = "local", spark_master: str | None = None) -> Iterable[Any]:
    """``function(a)`` for each article, in order: with the ``local`` engine computed on ``workers``
    forked processes (in this process when ``workers`` is 1, there are few articles, or fork is
    unavailable); with ``spark`` on Apache Spark at ``spark_master`` (:mod:`marsad.engine.spark`)."""
    global _JOB
    if engine == "spark":
        from marsad.engine import spark

        yield from spark.map_articles(function, articles, spark_master)
        return
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (local or spark)")
    if workers <= 1 or len(articles) < MIN_PARALLEL or "fork" not in multiprocessing.get_all_start_methods():
        yield from (function(a) for a in articles)
        return
    _JOB = (function, articles)
    try:
        bounds = [(i, min(i + CHUNK, len(articles))) for i in range(0, len(articles), CHUNK)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for values in pool.imap(_work_chunk, bounds):
                yield from values
    finally:
        _JOB = None


@dataclass(frozen=True)
class _Guarded:
    """``function`` made safe for one bad article: ``(True, value)``, or ``(False, "Error: message")``."""

    function: Callable[[Article], Any]

    def __call__(self, article: Article) -> tuple[bool, Any]:
        try:
            return True, self.function(article)
        except Exception as exc:
            return False, f"{type(exc).__name__}: {exc}"


def prefill_article_caches(stage: Stage, corpus: Corpus, context: StageContext) -> int:
    """Compute ``stage``'s missing per-article values on worker processes (or Spark) and store them
    (in transactions of :data:`WRITE_BATCH`, so a killed run keeps what was done); returns how many.
    An article whose work raises is reported (a warning naming it) and left to the stage's ``run``."""
    work = getattr(stage, "article_work", None)
    if work is None:
        return 0
    articles, function = work(corpus, context)
    engine = context.options.get("engine") or "local"
    workers = int(context.options.get("workers") or default_workers())
    if not articles or (engine == "local" and workers <= 1):
        return 0
    store = context.store
    pending: list[tuple[str, Any]] = []

    def flush() -> None:
        with store.transaction():
            for article_id, value in pending:
                store.put_annotation(stage.name, article_id, value)
        pending.clear()

    done = 0
    values = map_articles(_Guarded(function), articles, workers, engine, context.options.get("spark_master"))
    for article, (ok, value) in zip(articles, values, strict=True):
        if not ok:
            log.warning("%s: article %s (%s) failed on the %s engine, left to the stage: %s", stage.name,
                        article.id, article.path, engine, value)
        elif value is not None:
            pending.append((article.id, value))
            done += 1
        if len(pending) >= WRITE_BATCH:
            flush()
    if pending:
        flush()
    log.info("stage %s: %d articles computed %s", stage.name, done,
             f"on {workers} processes" if engine == "local" else f"on {engine}")
    return done


def load_stage(spec: str) -> Stage:
    """Instantiate a stage from ``module:Class``."""
    module_name, _, class_name = spec.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, class_name)()


def run_stages(corpus: Corpus, context: StageContext, stages: Iterable[Stage] | None = None) -> Corpus:
    """Run ``stages`` (default: :data:`DEFAULT_STAGES`) in order over ``corpus``."""
    from marsad.progress import status

    chosen = list(stages) if stages is not None else [load_stage(s) for s in DEFAULT_STAGES]
    for stage in chosen:
        started, (cpu0, workers0) = time.perf_counter(), _cpu_times()
        with status(f"{stage.name}…", enabled=context.show_progress):
            prefill_article_caches(stage, corpus, context)
            stage.run(corpus, context)
            corpus.invalidate()
        cpu1, workers1 = _cpu_times()
        timing = StageTiming(stage.name, time.perf_counter() - started, cpu1 - cpu0, workers1 - workers0,
                             resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        context.timings.append(timing)
        log.info("stage %s: %.1f s (CPU %.1f s here, %.1f s in workers)", stage.name, timing.wall, timing.cpu,
                 timing.cpu_workers)
    return corpus
