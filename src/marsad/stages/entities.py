"""EntitiesStage: fills corpus mentions and entities (issue 4; not built yet, adds nothing)."""

from __future__ import annotations

from marsad.model import Corpus
from marsad.pipeline import StageContext


class EntitiesStage:
    """Placeholder until issue 4 lands: leaves the corpus unchanged."""

    name = "entities"

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Add nothing yet."""
