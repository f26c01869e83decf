"""Every threshold of the deduplication stage, in one place, with what it trades off.

The values were calibrated on real edits (see ``docs/dedup.md``): the seeds' 002/004 pair
(a shorter, partly re-translated version inside a longer one: 3-shingle containment 0.71,
Jaccard 0.26) and SaudiNewsNet's agency copies, where outlets' edits put true copies far
below the textbook Jaccard 0.8.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class DedupParams:
    """Thresholds of :class:`~marsad.stages.dedup.DedupStage`."""

    #: words per shingle. 3 keeps stock two-word phrases (خادم الحرمين) from matching
    #: while a word substituted every 7 words still leaves ~60% of the shingles intact.
    shingle_words: int = 3
    #: keep 1 shingle in ``sample_mod`` as an index fingerprint (Broder's MOD-m). Larger is
    #: faster and smaller but misses more short, heavily edited copies.
    sample_mod: int = 4
    #: a fingerprint carried by more articles than this is boilerplate and proposes no pairs.
    max_df: int = 64
    #: a pair is verified when its shared fingerprints cover this share of the smaller
    #: article's fingerprints (an estimate of containment, kept low: sampling is noisy).
    candidate_share: float = 0.25
    #: exact 3-shingle containment of the smaller article in the larger one needed to call
    #: them one piece of reporting (002 in 004: 0.71; unrelated same-event seeds: <= 0.04).
    min_containment: float = 0.6
    #: share of the smaller article's distinctive words (numbers, and words seen fewer than
    #: ``rare_frequency`` times in the SaudiNewsNet lexicon) that the larger one also has.
    #: Separates copies from template articles (cables of congratulation, weather bulletins)
    #: whose stock sentences match while their names and figures differ.
    min_distinctive: float = 0.7
    rare_frequency: int = 100
    #: articles with fewer shingles than this group only as exact copies.
    min_shingles: int = 8
    #: a pair is "near" (edited copy) when the shared shingles also cover this share of the
    #: LARGER article; below it the smaller one is "contained" in the larger.
    near_coverage: float = 0.5
    #: sentence alignment (rapidfuzz, 0-100) for added/dropped sentences: a sentence is
    #: shared when its best match has ratio >= ``sentence_ratio``, or partial_ratio >=
    #: ``sentence_partial`` for sentences of at least ``partial_min_chars`` (split/merged).
    sentence_ratio: float = 70.0
    sentence_partial: float = 90.0
    partial_min_chars: int = 20

    def signature(self) -> dict:
        """What the persisted index depends on (a change rebuilds it)."""
        return {"shingle_words": self.shingle_words, "sample_mod": self.sample_mod, "max_df": self.max_df}

    def to_dict(self) -> dict:
        return asdict(self)
