"""Deduplication: exact copies, near copies (edited versions) and containment (a shorter
article inside a longer one), grouped into families with their origin.

How it works (details and calibration in ``docs/dedup.md``): articles' normalized text is
cut into 3-word shingles; a MOD-4 sample of them is indexed; articles sharing enough
sampled shingles are verified exactly (shingle containment and shared distinctive words);
verified pairs are grouped into families whose every member is checked against the
family's origin (earliest published, else fullest); each member's added and dropped
sentences come from a sentence alignment with the origin.
"""

from marsad.stages.dedup.params import DedupParams
from marsad.stages.dedup.stage import Deduplicator, DedupStage

__all__ = ["DedupParams", "DedupStage", "Deduplicator"]
