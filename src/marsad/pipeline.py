"""The pipeline: ingest into the store, then run the stages in order over the corpus.

A stage has one job: it reads the :class:`~marsad.model.Corpus` and adds one kind of
annotation to it. Stages never reach into each other's internals; what one stage needs
from another it reads from the corpus (e.g. stories read ``corpus.duplicate_groups``).
A stage may persist what it needs for incremental runs through ``context.store``
(``get_state``/``set_state`` for indexes, ``get_annotation``/``put_annotation`` for
per-article results).
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from marsad.model import Corpus
from marsad.store.base import Store

log = logging.getLogger("marsad")


@dataclass
class StageContext:
    """What a stage may use besides the corpus."""

    store: Store
    options: dict[str, Any] = field(default_factory=dict)
    show_progress: bool = True


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
        started = time.perf_counter()
        with status(f"{stage.name}…", enabled=context.show_progress):
            stage.run(corpus, context)
            corpus.invalidate()
        log.info("stage %s: %.1f s", stage.name, time.perf_counter() - started)
    return corpus
