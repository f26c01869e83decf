"""Word clusters learned from unlabelled news, used as NER features.

The recipe (``build_clusters``): count directional co-occurrences (left/right, window 2)
of normalized words in SaudiNewsNet, weight them by positive PMI (context counts smoothed
with exponent 0.75), reduce to dense vectors with a truncated SVD, then k-means the
unit-length vectors at several granularities. A word's cluster ids at each granularity
are CRF features: they let a name never seen in the 125k labelled tokens share weights
with names that were (بيسكوف sits with other foreign surnames, تشونغتشينغ with cities).

The map ships as ``marsad/models/clusters.tsv.gz`` (``word<TAB>c1<TAB>c2<TAB>c3``).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

from marsad.arabic import normalize
from marsad.datafiles import packaged_tsv

#: cluster counts, coarse to fine
GRANULARITIES = (64, 256, 1024)
VOCAB_SIZE = 120_000
CONTEXT_SIZE = 20_000
MIN_COUNT = 4
DIMENSIONS = 120
WINDOW = 2
_WORD_RE = re.compile(r"[^\W\d_]+|\d+")
CLUSTER_FILE = "clusters.tsv.gz"


def corpus_sentences(path: Path, limit: int | None = None):
    """Normalized word lists (one per paragraph) from a SaudiNewsNet-style JSONL(.gz)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                return
            record = json.loads(line)
            for para in (record.get("content") or "").split("\n"):
                found = _WORD_RE.findall(normalize(para))
                if found:
                    yield ["0" if w.isdigit() else w for w in found]


def build_clusters(corpus: Path, out: Path, limit: int | None = None, seed: int = 13) -> dict[str, tuple[int, ...]]:
    """Learn the cluster map from ``corpus`` and write it to ``out``; returns the map."""
    import numpy as np
    from scipy import sparse
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD

    t0 = time.time()
    paragraphs = list(corpus_sentences(corpus, limit))
    counts = Counter(w for p in paragraphs for w in p)
    vocab = [w for w, c in counts.most_common(VOCAB_SIZE) if c >= MIN_COUNT]
    index = {w: i for i, w in enumerate(vocab)}
    n_ctx = min(CONTEXT_SIZE, len(vocab))
    print(f"clusters: {sum(counts.values())} tokens, vocab {len(vocab)} ({time.time() - t0:.0f}s)", file=sys.stderr)
    ids = np.concatenate([np.array([index.get(w, -1) for w in p] + [-1] * WINDOW, dtype=np.int32) for p in paragraphs])
    del paragraphs
    rows, cols = [], []
    for d in range(1, WINDOW + 1):
        a, b = ids[:-d], ids[d:]
        # right context of a: b (context id shifted by side and distance)
        keep = (a >= 0) & (b >= 0) & (b < n_ctx)
        rows.append(a[keep])
        cols.append(b[keep] + (2 * (d - 1)) * n_ctx)
        keep = (b >= 0) & (a >= 0) & (a < n_ctx)
        rows.append(b[keep])
        cols.append(a[keep] + (2 * (d - 1) + 1) * n_ctx)
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    del rows, cols, ids
    m = sparse.coo_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=(len(vocab), 2 * WINDOW * n_ctx)).tocsr()
    m.sum_duplicates()
    del r, c
    total = m.sum()
    word_p = np.asarray(m.sum(axis=1)).ravel() / total
    ctx = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    ctx_p = ctx / ctx.sum()
    m = m.tocoo()
    pmi = np.log(m.data / total) - np.log(word_p[m.row]) - np.log(ctx_p[m.col])
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    print(f"clusters: PPMI {ppmi.nnz} cells ({time.time() - t0:.0f}s)", file=sys.stderr)
    vectors = TruncatedSVD(DIMENSIONS, random_state=seed, algorithm="randomized", n_iter=5).fit_transform(ppmi)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    print(f"clusters: SVD done ({time.time() - t0:.0f}s)", file=sys.stderr)
    labels = []
    for k in GRANULARITIES:
        km = MiniBatchKMeans(k, random_state=seed, batch_size=4096, n_init=1, max_iter=50)
        labels.append(km.fit_predict(vectors))
        print(f"clusters: k={k} ({time.time() - t0:.0f}s)", file=sys.stderr)
    mapping = {w: tuple(int(lab[i]) for lab in labels) for i, w in enumerate(vocab)}
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        for w, cl in mapping.items():
            fh.write(w + "\t" + "\t".join(map(str, cl)) + "\n")
    return mapping


@lru_cache(maxsize=1)
def cluster_map() -> dict[str, tuple[str, ...]]:
    """The shipped word → cluster-ids map (empty when the file is absent)."""
    return {word: tuple(ids) for word, *ids in packaged_tsv("marsad.models", CLUSTER_FILE)}


if __name__ == "__main__":  # pragma: no cover - manual rebuild
    src = Path(sys.argv[1])
    dst = Path(sys.argv[2])
    build_clusters(src, dst, int(sys.argv[3]) if len(sys.argv) > 3 else None)
