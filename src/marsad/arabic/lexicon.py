"""Build the word-frequency lexicon shipped as ``marsad/arabic/data/lexicon.tsv.gz``.

Rebuild with ``marsad train lexicon ../shared/corpus/saudinewsnet/articles.jsonl.gz``.
Only normalized Arabic words seen at least ``min_count`` times are kept, so the file
stays small; the clitic rules treat every other word as unknown.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from marsad.arabic.normalize import normalize

_ARABIC_WORD_RE = re.compile(r"[\u0621-\u064a]+")


def count_words(texts: Iterable[str]) -> Counter[str]:
    """Frequencies of normalized Arabic words across ``texts``."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_ARABIC_WORD_RE.findall(normalize(text)))
    return counts


def build_lexicon(jsonl_gz: Path, out: Path, min_count: int = 5) -> int:
    """Count words in a JSONL(.gz) corpus (``title`` + ``content``) and write the lexicon.

    Returns the number of words written.
    """
    from marsad.ingest.readers import iter_titles_and_texts

    counts = count_words(f"{title or ''}\n{text}" for title, text in iter_titles_and_texts(jsonl_gz))
    kept = sorted(((w, c) for w, c in counts.items() if c >= min_count), key=lambda x: (-x[1], x[0]))
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(out, "wb", mtime=0) as raw:
        raw.write("".join(f"{w}\t{c}\n" for w, c in kept).encode("utf-8"))
    return len(kept)
