"""The learned pair decision: do two propositions of different articles state one fact?

A logistic regression over features that survive paraphrase (:data:`FEATURES`), trained on the
TRAIN split of the claims gold (``benchmarks/data/claims_gold.jsonl``, stories that are neither
dev nor test) by ``python benchmarks/claims.py --train``, which writes :data:`MODEL_PATH`: the
feature names, the standardization, the coefficients, and the link / merge thresholds chosen on
train by leave-one-story-out. Prediction is plain numpy (no scikit-learn at run time).

Its labels are proposition-level: the gold marks the words of each carrier sentence that state a
fact, and a pair is positive when both propositions overlap one fact's words (``--labels sentence``
gives the older sentence-level labels). It is NOT the default decision: measured on dev it links far
more wrongly than the linear blend (dev 0.591 recall at 0.351 precision against 0.500 at 0.864; with
sentence labels 0.614 / 0.475), and over the dev candidate pairs, labelled by proposition, the blend
ranks better (ROC AUC 0.751 against 0.722; docs/consolidate.md), so
``Weights.learned`` is False and ``benchmarks/claims.py`` prints it as a row of its own. Pass
``model=`` to :func:`~marsad.stages.consolidate.matching.build_fact_claims` (or ``Weights(learned=True)``)
to use it.

Features of a pair ``(a, b)`` (:func:`pair_matrix`; all computed for the candidate pairs at once):

- ``emb``: USE cosine of the two propositions; ``sent``: of their whole sentences;
- ``lex``: stem TF-IDF cosine / containment (:mod:`marsad.similarity`); ``char``: character
  n-gram cosine of light stems;
- ``idf``: IDF-weighted Jaccard of their content terms (Snowball stems of the Arabic layer,
  numbers as ``#value``; IDF over the story's propositions);
- ``contain``: IDF mass of the shorter proposition's terms found in the other's whole sentence,
  over its own mass (a short fact inside a long sentence);
- ``ents``: canonical entities shared (entities stage; 0–3); ``lead``: the first entity of each
  is the same (who acts, in verb-first order — argument alignment without a parser);
- ``value``: a number value shared (ثمانية آلاف = 8 آلاف); ``date``: a resolved date shared;
  ``slot_clash``: a date or a number of one unit word given differently;
- ``pred``: the first content word (the verb, in verb-first order) of one is among the first
  three of the other (light stems);
- ``neg``: one negated, the other not; ``expect``: one an expectation, the other not;
- ``len``: ratio of their numbers of content terms (shorter / longer);
- ``key``: shares key content (a selective word or an anchored date/number);
- ``mutual``: each is the other's most similar proposition (embedding) in the other's article.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

from marsad.stages.consolidate.facts import Proposition
from marsad.stages.consolidate.logistic import LogisticModel

#: the features the model reads, in order
FEATURES = ("emb", "sent", "lex", "char", "idf", "contain", "ents", "lead", "value", "date", "slot_clash",
            "pred", "neg", "expect", "len", "key", "mutual")
#: where the trained model lives (written by ``python benchmarks/claims.py --train``)
MODEL_PATH = Path(__file__).with_name("pair_model.json")
#: the features of the refitted decision (twenty-first session): :data:`FEATURES` and the linear blend's score
#: (:func:`marsad.stages.consolidate.matching.pair_score`), last
LINKS_FEATURES = (*FEATURES, "blend")
#: the refitted decision, fitted on the TRAIN and DEV stories' pairs (``python benchmarks/claims_links.py --write``)
LINKS_MODEL_PATH = Path(__file__).with_name("pair_model_links.json")


@dataclass(frozen=True, slots=True)
class PairModel(LogisticModel):
    """A trained logistic regression over :data:`FEATURES` (:meth:`probability`: P(same fact)) and its
    decision thresholds."""

    link: float  # pairs with probability at least this link
    merge: float  # groups merge when the mean probability over their cross pairs reaches this

    def to_dict(self) -> dict:
        """The JSON form (see :func:`load_model`)."""
        return {**self.linear_dict(), "link": self.link, "merge": self.merge}

    @classmethod
    def from_dict(cls, d: dict) -> PairModel:
        """The model of a :meth:`to_dict` payload."""
        return cls(*cls.linear_fields(d), float(d["link"]), float(d["merge"]))


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> PairModel | None:
    """The trained pair model, or None when the file is missing or reads other features than
    :data:`FEATURES` or :data:`LINKS_FEATURES` (the decision then falls back to the linear blend)."""
    return PairModel.read(path, (FEATURES, LINKS_FEATURES))


def _term_matrix(term_lists: Sequence[Sequence[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    """Binary presence matrix (one row per list) over ``vocab`` (terms outside it ignored)."""
    rows, cols = [], []
    for i, terms in enumerate(term_lists):
        for t in sorted({t for t in terms if t in vocab}):
            rows.append(i)
            cols.append(vocab[t])
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(term_lists), max(len(vocab), 1)))


def _values(p: Proposition) -> frozenset[float]:
    """Every number value the proposition gives (any unit word)."""
    return frozenset(v for values in p.numbers.values() for v in values)


def _pred_match(a: Proposition, b: Proposition) -> bool:
    """The first content word of one is among the first three of the other (light stems)."""
    if not a.words or not b.words:
        return False
    return a.words[0] in b.words[:3] or b.words[0] in a.words[:3]


def pair_matrix(
    props: Sequence[Proposition],
    pairs: Sequence[tuple[int, int]],
    base: dict[tuple[int, int], tuple[float, float, float, int, int, int]],
    emb_matrix: np.ndarray | None,
    sentence_vectors: np.ndarray | None,
    unit_terms: Sequence[Sequence[str]],
) -> np.ndarray:
    """The :data:`FEATURES` of ``pairs`` (rows in ``pairs`` order). ``base``: per pair the
    features :func:`marsad.stages.consolidate.matching.pair_features` already computed
    (emb, lex, char, neg, key, slot); ``emb_matrix``: the propositions' cosine matrix;
    ``sentence_vectors``: L2-normalized vectors of the story's units (by ``unit.index``);
    ``unit_terms``: each unit's content terms."""
    n_pairs = len(pairs)
    out = np.zeros((n_pairs, len(FEATURES)), dtype=np.float64)
    if n_pairs == 0:
        return out
    n = len(props)
    df = Counter(t for p in props for t in set(p.terms))
    vocab = {t: k for k, t in enumerate(sorted(df))}
    idf = np.array([math.log((n + 1) / (df[t] + 1)) + 1.0 for t in sorted(df)]) if df else np.ones(1)
    prop_terms = _term_matrix([p.terms for p in props], vocab)
    weighted = prop_terms @ sparse.diags(idf)
    mass = np.asarray(weighted.sum(axis=1)).ravel()
    unit_matrix = _term_matrix(unit_terms, vocab)
    rows = np.array([i for i, _ in pairs])
    cols = np.array([j for _, j in pairs])
    units_of = np.array([p.unit.index for p in props])
    inter = np.asarray(weighted[rows].multiply(prop_terms[cols]).sum(axis=1)).ravel()
    union = mass[rows] + mass[cols] - inter
    idf_jac = inter / np.maximum(union, 1e-12)
    # containment of the shorter proposition in the other's whole sentence
    in_sent_a = np.asarray(weighted[rows].multiply(unit_matrix[units_of[cols]]).sum(axis=1)).ravel()
    in_sent_b = np.asarray(weighted[cols].multiply(unit_matrix[units_of[rows]]).sum(axis=1)).ravel()
    n_terms = np.array([len(p.terms) for p in props], dtype=np.float64)
    a_shorter = n_terms[rows] <= n_terms[cols]
    contain = np.where(a_shorter, in_sent_a / np.maximum(mass[rows], 1e-12), in_sent_b / np.maximum(mass[cols], 1e-12))
    length = np.minimum(n_terms[rows], n_terms[cols]) / np.maximum(np.maximum(n_terms[rows], n_terms[cols]), 1.0)
    if sentence_vectors is not None:
        sent = np.einsum("ij,ij->i", sentence_vectors[units_of[rows]], sentence_vectors[units_of[cols]]).clip(0.0, 1.0)
    else:
        sent = np.zeros(n_pairs)
    mutual = np.zeros(n_pairs)
    if emb_matrix is not None:
        articles = np.array([p.article for p in props])
        best: dict[tuple[int, str], int] = {}
        for name in sorted(set(articles.tolist())):
            members = np.flatnonzero(articles == name)
            sub = emb_matrix[:, members]
            winners = members[np.argmax(sub, axis=1)]
            for i in range(n):
                best[(i, name)] = int(winners[i])
        mutual = np.array([float(best[(i, props[j].article)] == j and best[(j, props[i].article)] == i)
                           for i, j in pairs])
    values = [_values(p) for p in props]
    col = {name: k for k, name in enumerate(FEATURES)}
    for r, (i, j) in enumerate(pairs):
        a, b = props[i], props[j]
        emb, lex, char, neg, key, slot = base[(i, j)]
        lead_a, lead_b = a.lead_entity, b.lead_entity
        row = out[r]
        row[col["emb"]] = max(emb, 0.0)
        row[col["lex"]] = lex
        row[col["char"]] = char
        row[col["neg"]] = neg
        row[col["key"]] = key
        row[col["slot_clash"]] = float(slot < 0)
        row[col["date"]] = float(bool(a.dates & b.dates))
        row[col["value"]] = float(bool(values[i] & values[j]))
        row[col["ents"]] = float(min(len(a.entities & b.entities), 3))
        row[col["lead"]] = float(lead_a is not None and lead_a == lead_b)
        row[col["pred"]] = float(_pred_match(a, b))
        row[col["expect"]] = float(a.expected != b.expected)
    out[:, col["sent"]] = sent
    out[:, col["idf"]] = idf_jac
    out[:, col["contain"]] = contain
    out[:, col["len"]] = length
    out[:, col["mutual"]] = mutual
    return out
