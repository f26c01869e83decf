"""Time: Arabic temporal expressions found, normalized to ISO values, and anchored (issue 6).

- :func:`find_timerefs` (in :mod:`.recognize`) — the pure recognizer/normalizer;
- :class:`TimexStage` (in :mod:`.stage`) — fills ``corpus.timerefs`` for every article.
"""

from marsad.stages.timex.recognize import Timex, find_timerefs
from marsad.stages.timex.stage import TimexStage, timerefs_for_article

__all__ = ["Timex", "TimexStage", "find_timerefs", "timerefs_for_article"]
