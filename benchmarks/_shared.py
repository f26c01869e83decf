"""Where the shared data lies for benchmarks (../shared beside the checkout; never copied)."""

from __future__ import annotations

import gzip
import itertools
import re
import resource
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAUDI = SHARED / "corpus" / "saudinewsnet" / "articles.jsonl.gz"
_URL_RE = re.compile(r"https?://[^\s\"'<>|]+")


def urls_in(text: str) -> set[str]:
    """The article URLs written in ``text`` (a gold file, a sources list), trailing punctuation left off."""
    return {u.rstrip(".,);") for u in _URL_RE.findall(text)}


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def saudi_source(folder: Path, limit: int | None) -> Path:
    """SaudiNewsNet as a JSONL.gz path: the whole file, or its first ``limit`` lines copied into ``folder``."""
    if not limit:
        return SAUDI
    subset = folder / "subset.jsonl.gz"
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh, gzip.open(subset, "wt", encoding="utf-8") as out:
        out.writelines(itertools.islice(fh, limit))
    return subset
