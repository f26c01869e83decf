"""QuotesStage: fills corpus quotes (issue 5; not built yet, adds nothing)."""

from __future__ import annotations

from marsad.model import Corpus
from marsad.pipeline import StageContext


class QuotesStage:
    """Placeholder until issue 5 lands: leaves the corpus unchanged."""

    name = "quotes"

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Add nothing yet."""
