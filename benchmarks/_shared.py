"""Where the shared data lies for benchmarks (../shared beside the checkout; never copied)."""

from __future__ import annotations

import resource
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAUDI = SHARED / "corpus" / "saudinewsnet" / "articles.jsonl.gz"


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
