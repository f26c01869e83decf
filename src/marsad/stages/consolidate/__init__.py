"""Consolidation (issue 8): claims counted by independent sources, conflicts, cited summaries.

- :mod:`.sources` — independence of articles (duplicate families, outlets, versions), units;
- :mod:`.claims` — sentence alignment (the summary's redundancy groups; the method before issue 12);
- :mod:`.facts` — atomic facts: propositions of sentences, attribution peeled off, normal form;
- :mod:`.matching` — propositions of different articles grouped into claims, counted by
  witnesses (an agency relayed by several outlets once), and conflicts between sources;
- :mod:`.summarize` — extractive, length-limited, multi-document summary with citations;
- :mod:`.stage` — :class:`ConsolidateStage` for the pipeline, :func:`consolidate` for a library call;
- :mod:`.command` — ``marsad summarize`` (its parser is cheap to import: nothing heavy loads
  until the command runs).
"""

from __future__ import annotations

from typing import Any

__all__ = ["ConsolidateStage", "Consolidation", "consolidate"]


def __getattr__(name: str) -> Any:
    """Load the stage module on first use (keeps ``marsad --help`` fast)."""
    if name in __all__:
        from marsad.stages.consolidate import stage

        return getattr(stage, name)
    raise AttributeError(name)
