"""ThreadsStage: fills corpus threads (issue 7; not built yet, adds nothing)."""

from __future__ import annotations

from marsad.model import Corpus
from marsad.pipeline import StageContext


class ThreadsStage:
    """Placeholder until issue 7 lands: leaves the corpus unchanged."""

    name = "threads"

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Add nothing yet."""
