"""Article vectors for story clustering: TF-IDF on normalized words (+ canonical entities).

Vectors are *stateless*: the same article always gets the same vector, whatever else is in
the corpus. Terms are hashed into :data:`N_FEATURES` columns (sklearn's murmur hash) and
weighted by an IDF read from a shipped background table of document frequencies
(``marsad/knowledge/story_df.tsv.gz``, built from SaudiNewsNet by :func:`build_df_table`);
a word the table never saw gets the IDF of a word seen once. So a five-article corpus gets
the same good weights as a large one, and centroids persisted by earlier runs stay comparable
with vectors of new articles.
"""

from __future__ import annotations

import gzip
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize as l2_normalize
from sklearn.utils import murmurhash3_32

from marsad.arabic import normalize
from marsad.arabic.keys import word_keys as index_terms
from marsad.model import Article, Corpus

#: hashed vocabulary size; collisions at 2**20 touch well under 1% of a 300k-word vocabulary
N_FEATURES = 2**20
#: words in more than this share of background documents carry no topic (في، من، قال…): dropped
MAX_DF = 0.2
#: weight of the canonical-entity block against the word block (cosines mix as (1-w)·words + w·entities)
ENTITY_WEIGHT = 0.25
#: an article keeps only its strongest terms (bounds the cost of the similarity products for long
#: articles; at 100 the long seed articles fell apart into 4 + 1, at 200 they stay one story)
ARTICLE_TERMS = 200
#: the title is counted this many extra times (a headline names the event)
TITLE_REPEAT = 1
DF_TABLE = "story_df.tsv.gz"


def article_terms(article: Article) -> list[str]:
    """Normalized words (2+ characters) of the title and body of ``article``."""
    if article.sentences and article.sentences[0].norm:
        body = " ".join(s.norm for s in article.sentences)
    else:
        body = normalize(article.text)
    title = normalize(article.title) if article.title else ""
    terms = index_terms(body)
    if title:
        terms = index_terms(title) * (1 + TITLE_REPEAT) + terms
    return [t for t in terms if len(t) > 1]


def _column(term: str) -> int:
    return abs(murmurhash3_32(term, seed=0)) % N_FEATURES


@lru_cache(maxsize=1)
def idf_columns() -> np.ndarray:
    """IDF of every hashed column (float32): background IDF, 0 for too-common words, rare-word IDF elsewhere."""
    text = resources.files("marsad.knowledge").joinpath(DF_TABLE).read_bytes()
    lines = gzip.decompress(text).decode("utf-8").splitlines()
    n_docs = int(lines[0].split("\t")[1])
    rare = math.log((n_docs + 1) / 2) + 1.0
    idf = np.full(N_FEATURES, rare, dtype=np.float32)
    for line in lines[1:]:
        term, df_text = line.split("\t")
        df = int(df_text)
        col = _column(term)
        value = 0.0 if df > MAX_DF * n_docs else math.log((n_docs + 1) / (df + 1)) + 1.0
        idf[col] = min(idf[col], value)  # a collision keeps the commoner word's weight
    return idf


@lru_cache(maxsize=1)
def _hasher() -> HashingVectorizer:
    return HashingVectorizer(
        n_features=N_FEATURES, analyzer=_identity, alternate_sign=False, norm=None, dtype=np.float32
    )


def _identity(terms: list[str]) -> list[str]:
    return terms


def word_vectors(term_lists: Sequence[list[str]]) -> sparse.csr_matrix:
    """L2-normalized sublinear TF-IDF rows for bags of terms."""
    x = _hasher().transform(term_lists).tocsr()
    x.data = 1.0 + np.log(x.data)
    x = x.multiply(idf_columns()).tocsr()
    x.eliminate_zeros()
    return l2_normalize(keep_top(x, ARTICLE_TERMS)).astype(np.float32)


def keep_top(x: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    """``x`` with only the ``keep`` largest weights of each row."""
    lengths = np.diff(x.indptr)
    if lengths.max(initial=0) <= keep:
        return x
    data = x.data.copy()
    for r in np.flatnonzero(lengths > keep):
        p0, p1 = x.indptr[r], x.indptr[r + 1]
        row = data[p0:p1]
        row[np.argpartition(-row, keep)[keep:]] = 0.0
    out = sparse.csr_matrix((data, x.indices, x.indptr), shape=x.shape)
    out.eliminate_zeros()
    return out


def entity_vectors(corpus: Corpus, article_ids: Sequence[str]) -> sparse.csr_matrix:
    """L2-normalized rows of canonical entity ids (log counts x log inverse article frequency).

    Empty rows when the corpus has no linked mentions (the entities stage did not run)."""
    by_article: dict[str, Counter[str]] = {}
    for m in corpus.mentions:
        if m.entity:
            by_article.setdefault(m.article, Counter())[m.entity] += 1
    n = max(len(corpus.articles), 1)
    spread = Counter(e for bag in by_article.values() for e in bag)
    rows, cols, vals = [], [], []
    for row, aid in enumerate(article_ids):
        for entity, count in by_article.get(aid, {}).items():
            rows.append(row)
            cols.append(_column("@" + entity))
            vals.append((1.0 + math.log(count)) * (math.log((n + 1) / (spread[entity] + 1)) + 1.0))
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(article_ids), N_FEATURES), dtype=np.float32)
    return l2_normalize(x).astype(np.float32)


def article_vectors(corpus: Corpus, articles: Sequence[Article]) -> sparse.csr_matrix:
    """Rows for ``articles``: words and entities mixed by :data:`ENTITY_WEIGHT`, L2-normalized."""
    words = word_vectors([article_terms(a) for a in articles])
    ents = entity_vectors(corpus, [a.id for a in articles])
    if ents.nnz == 0:
        return words
    mixed = words * math.sqrt(1 - ENTITY_WEIGHT) + ents * math.sqrt(ENTITY_WEIGHT)
    return l2_normalize(mixed.tocsr()).astype(np.float32)


def build_df_table(records: Iterable[tuple[str | None, str]], out: Path, min_df: int = 2) -> int:
    """Write the background document-frequency table from (title, text) pairs; returns its size."""
    df: Counter[str] = Counter()
    n_docs = 0
    for title, text in records:
        n_docs += 1
        df.update({t for t in index_terms(normalize(f"{title or ''}\n{text}")) if len(t) > 1})
    kept = sorted(((t, c) for t, c in df.items() if c >= min_df), key=lambda tc: (-tc[1], tc[0]))
    out.parent.mkdir(parents=True, exist_ok=True)
    body = "\n".join([f"#documents\t{n_docs}", *(f"{t}\t{c}" for t, c in kept)]) + "\n"
    out.write_bytes(gzip.compress(body.encode("utf-8"), mtime=0))
    return len(kept)


def train_command(args: Any) -> int:
    """``marsad train story-idf [CORPUS]``: rebuild the background table from a JSONL(.gz) corpus."""
    from marsad.ingest.readers import iter_titles_and_texts

    out = Path(args.out) if getattr(args, "out", None) else Path(__file__).parents[2] / "knowledge" / DF_TABLE
    n = build_df_table(iter_titles_and_texts(Path(args.corpus)), out, min_df=getattr(args, "min_df", None) or 3)
    print(f"wrote {n} terms to {out}")
    return 0
