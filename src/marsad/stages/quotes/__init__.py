"""Quotes (issue 5): who said what, through whom.

- :mod:`.lexicon` — cue verbs, participles, complementizers, attribution markers, speaker heads
- :mod:`.extract` — the rules over one article (:func:`extract_quotes`)
- :mod:`.stage` — :class:`QuotesStage`, the pipeline step
Outlet names come from :mod:`marsad.knowledge.media` (``media.tsv``).
"""

from marsad.stages.quotes.extract import extract_quotes
from marsad.stages.quotes.stage import QuotesStage

__all__ = ["QuotesStage", "extract_quotes"]
