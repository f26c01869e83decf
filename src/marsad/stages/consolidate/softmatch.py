"""Soft lexical matching of two propositions through word vectors learnt from news text (issue 12, s18).

The lexical part of the claims blend counts only *identical* content stems, so a paraphrase that names one
thing with another word (احتجاز / اعتقال، الإفراج / إطلاق سراح) shares nothing there. This module learns
which stems stand for one another from unlabelled news and lets such pairs count, in the spirit of the soft
cosine and of BERTScore's greedy matching:

- **Word vectors** (:func:`train_word_vectors`): every content stem of a corpus (:func:`stream`: Snowball stems
  of non-function words as :func:`marsad.similarity.content_terms` reads them; function words kept as
  *contexts* only, numbers as one ``#`` context) is counted against the tokens within :data:`WINDOW` of it
  (weight 1/distance, inside one sentence): a small window, so that a stem's neighbours are the words that can
  stand in its place rather than the words of its topic. Then PPMI (context counts smoothed by
  :data:`CDS`), a truncated SVD (ARPACK, seeded start vector), rows ``U·√S`` L2-normalized, kept as float16 for
  the :data:`VOCAB` most frequent stems. Numpy and scipy only; deterministic.
- **Soft alignment** (:func:`soft_scores`): each content term of one proposition is matched to its most similar
  term of the other — 1 when identical, else the cosine of their vectors when it reaches ``floor``, else 0 (a
  number matches only itself) — weighted by the term's IDF over the story's propositions; ``P`` and ``R`` are
  the two directions' weighted means and the score mirrors the lexical one: ``max(F1(P, R), 0.8 · support ·
  max(P, R))`` (:data:`marsad.similarity.CONTAINMENT_WEIGHT`, support as for containment).

How the score enters the decision (``Weights.soft``) and what it measured: docs/consolidate.md (eighteenth
session). The vector file is built by ``python scripts/train_wordvectors.py`` from SaudiNewsNet without the
articles of the claims gold stories and of the later test selections.
"""

from __future__ import annotations

import gzip
import json
import math
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

from marsad.arabic.segment import tokenize
from marsad.arabic.stem import stem
from marsad.arabic.stopwords import is_stopword
from marsad.similarity import CONTAINMENT_MIN_TERMS, CONTAINMENT_WEIGHT

#: where :func:`default_vectors` looks for the vector file (not shipped unless adopted; see the module doc)
VECTORS_PATH = Path(__file__).parents[2] / "models" / "wordvectors.npz"
#: context window (tokens each side, weight 1/distance); function words count as positions
WINDOW = 3
#: stems kept (most frequent first)
VOCAB = 24_000
#: contexts kept (stems and function words, most frequent first)
CONTEXTS = 30_000
#: dimensions of the truncated SVD
DIMS = 80
#: context distribution smoothing of PPMI (Levy, Goldberg & Dagan 2015)
CDS = 0.75
#: seed of the SVD's start vector
SEED = 0
#: a sentence boundary in :func:`stream` (no window crosses it)
BOUNDARY = ""
#: the context token that stands for any number
NUMBER = "#"
#: sentence-ending punctuation: a window stops there
_ENDS = frozenset(".!?\u061f\u2026;\u061b")


def stream(text: str) -> Iterator[str]:
    """The tokens of ``text`` the vectors are learnt over: content stems as :func:`marsad.similarity.content_terms`
    reads them (``stem`` of the normalized word), ``~`` + a function word (a context only), :data:`NUMBER` for a
    number, and :data:`BOUNDARY` at a paragraph or sentence end; other punctuation is skipped."""
    for para in text.split("\n"):
        for tok in tokenize(para):
            first = tok.norm[0]
            if first.isdigit():
                yield NUMBER
            elif not first.isalnum():
                if any(ch in _ENDS for ch in tok.norm):
                    yield BOUNDARY
            elif is_stopword(tok.base):
                yield "~" + tok.base
            else:
                yield stem(tok.norm)
        yield BOUNDARY


def train_word_vectors(texts: Iterable[str], vocab: int = VOCAB, contexts: int = CONTEXTS, dims: int = DIMS,
                       window: int = WINDOW, seed: int = SEED, chunk: int = 2_000_000
                       ) -> tuple[list[str], np.ndarray, dict[str, int]]:
    """Word vectors of the content stems of ``texts`` (see the module doc): (stems, float16 matrix with one
    L2-normalized row per stem, counts). Deterministic: ties in frequency break by the stem's spelling."""
    index: dict[str, int] = {}
    ids = array("i")
    for text in texts:
        for tok in stream(text):
            if tok == BOUNDARY:
                ids.append(-2)
                continue
            k = index.get(tok)
            if k is None:
                k = index[tok] = len(index)
            ids.append(k)
    seq = np.frombuffer(ids, dtype=np.int32).astype(np.int64)
    names = sorted(index, key=index.__getitem__)
    counts = np.bincount(seq[seq >= 0], minlength=len(names))
    order = sorted(range(len(names)), key=lambda k: (-counts[k], names[k]))
    stems = [k for k in order if not (names[k].startswith("~") or names[k] == NUMBER)][:vocab]
    ctxs = order[:contexts]
    target_of = np.full(len(names), -1, dtype=np.int64)
    target_of[stems] = np.arange(len(stems))
    context_of = np.full(len(names), -1, dtype=np.int64)
    context_of[ctxs] = np.arange(len(ctxs))
    total = sparse.csr_matrix((len(stems), len(ctxs)), dtype=np.float64)
    bounds = np.flatnonzero(seq == -2)
    start = 0
    while start < len(seq):
        # cut at a boundary: no window crosses one, so the chunks' counts add up exactly
        after = bounds[bounds >= start + chunk]
        stop = int(after[0]) + 1 if len(after) else len(seq)
        total = total + _cooccurrence(seq[start:stop], target_of, context_of, len(stems), len(ctxs), window)
        start = stop
    vectors = _svd_vectors(total.tocsr(), dims, seed)
    words = [names[k] for k in stems]
    return words, vectors, {w: int(counts[k]) for w, k in zip(words, stems, strict=True)}


def _cooccurrence(tokens: np.ndarray, target_of: np.ndarray, context_of: np.ndarray, n_targets: int,
                  n_contexts: int, window: int) -> sparse.csr_matrix:
    """Counts of (target, context) within ``window`` (weight 1/distance) inside one sentence of a token id
    sequence (-2 a boundary); ``target_of`` / ``context_of`` map a token id to its row / column (-1: none)."""
    real = np.maximum(tokens, 0)
    targets = np.where(tokens >= 0, target_of[real], -1)
    ctx = np.where(tokens >= 0, context_of[real], -1)
    sentence = np.cumsum(tokens == -2)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    for d in range(1, window + 1):
        for t_ids, c_ids, same in ((targets[:-d], ctx[d:], sentence[:-d] == sentence[d:]),
                                   (targets[d:], ctx[:-d], sentence[d:] == sentence[:-d])):
            keep = same & (t_ids >= 0) & (c_ids >= 0)
            rows.append(t_ids[keep])
            cols.append(c_ids[keep])
            vals.append(np.full(int(keep.sum()), 1.0 / d))
    return sparse.coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                             shape=(n_targets, n_contexts)).tocsr()


def _svd_vectors(counts: sparse.csr_matrix, dims: int, seed: int) -> np.ndarray:
    """PPMI of a (target x context) count matrix with smoothed context counts, truncated SVD, rows U·√S,
    L2-normalized, float16. The sign of each component is fixed (largest absolute loading positive)."""
    from scipy.sparse.linalg import svds

    counts = counts.tocsr()
    total = counts.sum()
    row = np.asarray(counts.sum(axis=1)).ravel()
    col = np.asarray(counts.sum(axis=0)).ravel() ** CDS
    col_p = col / col.sum()
    coo = counts.tocoo()
    pmi = np.log(coo.data * 1.0 / total) - np.log(row[coo.row] / total) - np.log(col_p[coo.col])
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=counts.shape)
    k = min(dims, min(ppmi.shape) - 1)
    v0 = np.random.default_rng(seed).standard_normal(min(ppmi.shape))
    u, s, _ = svds(ppmi, k=k, v0=v0)
    order = np.argsort(-s)
    u, s = u[:, order], s[order]
    signs = np.sign(u[np.abs(u).argmax(axis=0), np.arange(u.shape[1])])
    u = u * np.where(signs == 0, 1.0, signs)
    vectors = u * np.sqrt(s)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-9)).astype(np.float16)


def save_vectors(path: Path, words: Sequence[str], vectors: np.ndarray, meta: dict) -> None:
    """Write the vector file: the stems (newline-joined, UTF-8), the float16 matrix and a JSON note."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        np.savez_compressed(fh, words=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
                            vectors=vectors.astype(np.float16),
                            meta=np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8))


class WordVectors:
    """Stem vectors loaded from a file written by :func:`save_vectors` (rows L2-normalized)."""

    def __init__(self, words: Sequence[str], vectors: np.ndarray, meta: dict | None = None) -> None:
        self.words = list(words)
        self.index = {w: k for k, w in enumerate(self.words)}
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.meta = meta or {}

    @classmethod
    def load(cls, path: Path) -> WordVectors:
        with np.load(path, allow_pickle=False) as data:
            words = bytes(data["words"]).decode("utf-8").split("\n")
            meta = json.loads(bytes(data["meta"]).decode("utf-8")) if "meta" in data else {}
            return cls(words, data["vectors"], meta)

    def similarity(self, a: str, b: str) -> float:
        """Cosine of two stems' vectors (1 for one stem, 0 when either is unknown)."""
        if a == b:
            return 1.0
        i, j = self.index.get(a), self.index.get(b)
        if i is None or j is None:
            return 0.0
        return float(self.vectors[i] @ self.vectors[j])

    def neighbours(self, word: str, k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` stems closest to ``word`` (not itself)."""
        i = self.index.get(word)
        if i is None:
            return []
        sims = self.vectors @ self.vectors[i]
        sims[i] = -2.0
        best = np.argsort(-sims, kind="stable")[:k]
        return [(self.words[j], round(float(sims[j]), 3)) for j in best]


@lru_cache(maxsize=1)
def default_vectors() -> WordVectors | None:
    """The vectors at :data:`VECTORS_PATH`, or None when the file is absent (the score is then unavailable)."""
    return WordVectors.load(VECTORS_PATH) if VECTORS_PATH.exists() else None


def soft_scores(terms: Sequence[Sequence[str]], pairs: Iterable[tuple[int, int]], vectors: WordVectors,
                floor: float) -> dict[tuple[int, int], float]:
    """The soft-alignment score (module doc) of each pair ``(i, j)`` of term lists ``terms`` (a story's
    propositions' content terms), IDF over those lists; rounded to 4 decimals."""
    n = len(terms)
    sets = [sorted(set(ts)) for ts in terms]
    df = Counter(t for ts in sets for t in ts)
    idf = {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}
    vocab = sorted(df)
    col = {t: k for k, t in enumerate(vocab)}
    known = [t for t in vocab if not t.startswith("#") and t in vectors.index]
    sim = np.eye(len(vocab), dtype=np.float32)
    if known:
        rows = np.array([col[t] for t in known])
        emb = vectors.vectors[[vectors.index[t] for t in known]]
        block = emb @ emb.T
        block[block < floor] = 0.0
        np.fill_diagonal(block, 1.0)
        sim[np.ix_(rows, rows)] = np.maximum(sim[np.ix_(rows, rows)], block)
    ids = [np.array([col[t] for t in ts], dtype=np.int64) for ts in sets]
    weights = [np.array([idf[t] for t in ts]) for ts in sets]
    out: dict[tuple[int, int], float] = {}
    for i, j in pairs:
        if not len(ids[i]) or not len(ids[j]):
            out[(i, j)] = 0.0
            continue
        block = sim[np.ix_(ids[i], ids[j])]
        p = float(weights[i] @ block.max(axis=1) / weights[i].sum())
        r = float(weights[j] @ block.max(axis=0) / weights[j].sum())
        f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
        support = min(1.0, min(len(terms[i]), len(terms[j])) / CONTAINMENT_MIN_TERMS)
        out[(i, j)] = round(max(f1, CONTAINMENT_WEIGHT * support * max(p, r)), 4)
    return out


def read_corpus(path: Path, exclude: set[str]) -> Iterator[str]:
    """The texts (title and content) of a SaudiNewsNet-style JSONL(.gz) file, without the records whose url is
    in ``exclude``, in file order."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            if record.get("url") in exclude:
                continue
            yield "\n".join(part for part in (record.get("title") or "", record.get("content") or "") if part)
