"""TimexStage: fills corpus timerefs and story timelines (issue 6; not built yet, adds nothing)."""

from __future__ import annotations

from marsad.model import Corpus
from marsad.pipeline import StageContext


class TimexStage:
    """Placeholder until issue 6 lands: leaves the corpus unchanged."""

    name = "timex"

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Add nothing yet."""
