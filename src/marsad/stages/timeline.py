"""TimelineStage: fills stories[].timeline (issue 6; not built yet, adds nothing)."""

from __future__ import annotations

from marsad.model import Corpus
from marsad.pipeline import StageContext


class TimelineStage:
    """Placeholder until issue 6 lands: leaves the corpus unchanged."""

    name = "timeline"

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Add nothing yet."""
