"""DedupStage: fills corpus duplicate_groups (issue 3; not built yet, adds nothing)."""

from __future__ import annotations

from marsad.model import Corpus
from marsad.pipeline import StageContext


class DedupStage:
    """Placeholder until issue 3 lands: leaves the corpus unchanged."""

    name = "dedup"

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Add nothing yet."""
