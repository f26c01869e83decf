"""ConsolidateStage: fills corpus story claims and summaries (issue 8; not built yet, adds nothing)."""

from __future__ import annotations

from marsad.model import Corpus
from marsad.pipeline import StageContext


class ConsolidateStage:
    """Placeholder until issue 8 lands: leaves the corpus unchanged."""

    name = "consolidate"

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Add nothing yet."""
