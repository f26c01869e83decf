"""A learned same-source decision: are two articles of a story one text (one wire text, one release)?

A logistic regression over a few features of an article pair (:data:`FEATURES`), all read from what
:mod:`marsad.stages.consolidate.sources` and :mod:`marsad.similarity` already compute — copied word runs,
shared passages, sentences copied or reworded, their order, the leads, the lengths.
The shipped file (:data:`MODEL_PATH`) is trained on the families TRAIN set and the claims gold's train stories
only (``python benchmarks/families.py --train-on train``; dev stays unseen; ``--train`` fits on the dev data
instead, the first measurement's recipe; never a test line): the feature names, the standardization, the
coefficients and the threshold chosen on out-of-fold predictions (cross-validation grouped by story). Prediction is
plain numpy.

Features of a pair (the *shorter* article is the one with fewer word keys; the *fewer-sentence* one the one with
fewer sentences of ``sources.MIN_WORDS`` word keys or more):

- ``c4_short``: share of the shorter's 4-word shingles found in the other (``sources.COPY_CONTAINMENT``'s measure);
- ``pass_short``: share of the shorter's words inside runs of ``sources.PASSAGE_WORDS`` words found in the other
  (shared passages); ``pass_lead``: a shared passage begins in both leads (``sources._in_lead``);
- ``copy_short`` / ``copy_long``: share of the fewer- / more-sentence article's sentences that share a run of
  ``sources.COPY_RUN_WORDS`` words with the other (copied sentences);
- ``lex5`` / ``lex7``: share of the fewer-sentence article's sentences whose lexical similarity (the blend's
  lexical part) to some sentence of the other is >= 0.5 / >= 0.7;
- ``ordered``: a longest monotone alignment of sentences at lexical >= 0.5, over the fewer-sentence article's
  sentences (one text told in the same order);
- ``lead_sim``: lexical similarity of the two articles' first such sentences;
- ``cosine``: TF-IDF cosine of the whole texts (IDF over the story's articles);
- ``len_ratio``: shorter / longer word count;
- ``speaker_share``: of the article with fewer attributed statements (the quotes stage's, speakers of kind
  ``unknown`` left out), the share whose speaker also speaks in the other (:func:`speakers_of`; 0 when either has
  none) — one issuer's release rewritten with no shared wording;
- ``first_speaker``: 1 when both articles' first attributed statements share a speaker.

Short-article guard (twenty-first session, later): the model decides a pair only when both articles have at least
:data:`MIN_SENTENCES` sentences of ``sources.MIN_WORDS`` word keys or more (:func:`long_enough`); one-line briefs
that tell one event in near words are left to the rules (every share feature of a one-sentence article is 0 or 1).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from marsad.arabic.keys import word_keys
from marsad.arabic.normalize import normalize
from marsad.model import Article
from marsad.similarity import SentenceSimilarity
from marsad.stages.consolidate.logistic import LogisticModel

#: the features the model reads, in order
FEATURES = ("c4_short", "pass_short", "pass_lead", "copy_short", "copy_long", "lex5", "lex7", "ordered", "lead_sim",
            "cosine", "len_ratio", "speaker_share", "first_speaker")
#: the short-article guard: the model decides a pair only when both articles have at least this many sentences of
#: ``sources.MIN_WORDS`` word keys or more
MIN_SENTENCES = 2
#: where the trained model lives (written by ``python benchmarks/families.py --train-on train``)
MODEL_PATH = Path(__file__).with_name("family_model.json")


@dataclass(frozen=True, slots=True)
class FamilyModel(LogisticModel):
    """A trained logistic regression over :data:`FEATURES` (:meth:`probability`: P(one source)) and its
    decision threshold."""

    threshold: float  # pairs with probability at least this are one source

    def to_dict(self) -> dict:
        """The JSON form (see :func:`load_family_model`)."""
        return {**self.linear_dict(), "threshold": self.threshold}

    @classmethod
    def from_dict(cls, d: dict) -> FamilyModel:
        """The model of a :meth:`to_dict` payload."""
        return cls(*cls.linear_fields(d), float(d["threshold"]))


@lru_cache(maxsize=4)
def load_family_model(path: Path = MODEL_PATH) -> FamilyModel | None:
    """The shipped model, or None when the file is missing or reads other features than :data:`FEATURES`."""
    return FamilyModel.read(path, (FEATURES,))


def long_enough(articles: Sequence[Article]) -> list[bool]:
    """Per article: does it have at least :data:`MIN_SENTENCES` sentences of ``sources.MIN_WORDS`` word keys
    (``sources.ordered_sentences``)? The model decides only pairs of two such articles."""
    from marsad.stages.consolidate import sources

    return [len(sources.ordered_sentences(a).texts) >= MIN_SENTENCES for a in articles]


def speakers_of(article: Article) -> list[frozenset[str]]:
    """The speakers of an article's attributed statements, in order: each statement's speaker as its set of keys
    (normalized ``key``, ``name``, ``text``, ``role``; non-empty); speakers of kind ``unknown`` left out."""
    from marsad.stages.quotes.extract import extract_quotes

    out: list[frozenset[str]] = []
    for q in sorted(extract_quotes(article), key=lambda q: (q.start, q.content_start)):
        sp = q.speaker
        if sp.kind == "unknown":
            continue
        keys = frozenset(k for k in (normalize(v) for v in (sp.key, sp.name, sp.text, sp.role) if v) if k)
        if keys:
            out.append(keys)
    return out


def speaker_features(a: Sequence[frozenset[str]], b: Sequence[frozenset[str]]) -> tuple[float, float]:
    """``speaker_share`` and ``first_speaker`` of two articles' statement speakers (:func:`speakers_of`)."""
    if not a or not b:
        return 0.0, 0.0
    few, many = (a, b) if len(a) <= len(b) else (b, a)
    other = frozenset().union(*many)
    share = sum(not s.isdisjoint(other) for s in few) / len(few)
    return float(share), float(not a[0].isdisjoint(b[0]))


def pair_features(articles: Sequence[Article]) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Every pair ``i < j`` of article indexes and its :data:`FEATURES` (one row per pair)."""
    from marsad.stages.consolidate import sources

    pairs = list(itertools.combinations(range(len(articles)), 2))
    out = np.zeros((len(pairs), len(FEATURES)), dtype=np.float64)
    if not pairs:
        return pairs, out
    words = [word_keys(normalize(a.text)) for a in articles]
    shingles = [sources._grams(w, sources.SHINGLE_WORDS) for w in words]
    passages = [sources._grams(w, sources.PASSAGE_WORDS) for w in words]
    units = [sources.ordered_sentences(a, len(words[k])) for k, a in enumerate(articles)]
    runs = [[sources.copy_runs(word_keys(normalize(t))) for t in u.texts] for u in units]
    starts = np.cumsum([0] + [len(u.texts) for u in units])
    texts = [t for u in units for t in u.texts]
    lexical = SentenceSimilarity(texts, use_embeddings=False).lexical_matrix() if texts else np.zeros((0, 0))
    whole = SentenceSimilarity([a.text for a in articles], use_embeddings=False)
    col = {name: k for k, name in enumerate(FEATURES)}
    speakers = [speakers_of(a) for a in articles]
    for r, (i, j) in enumerate(pairs):
        row = out[r]
        s, l_ = (i, j) if len(words[i]) <= len(words[j]) else (j, i)
        shared = len(shingles[i] & shingles[j])
        row[col["c4_short"]] = shared / max(1, len(shingles[s]))
        if passages[i] & passages[j]:
            short_words, short_first = sources._passage_cover(words[s], passages[l_])
            _, long_first = sources._passage_cover(words[l_], passages[s])
            row[col["pass_short"]] = short_words / max(1, len(words[s]))
            row[col["pass_lead"]] = float(sources._in_lead(short_first, len(words[s]))
                                          and sources._in_lead(long_first, len(words[l_])))
        few, many = (i, j) if len(units[i].texts) <= len(units[j].texts) else (j, i)
        if units[few].texts and units[many].texts:
            many_runs = set().union(*runs[many])
            few_runs = set().union(*runs[few])
            row[col["copy_short"]] = np.mean([not r_.isdisjoint(many_runs) for r_ in runs[few]])
            row[col["copy_long"]] = np.mean([not r_.isdisjoint(few_runs) for r_ in runs[many]])
            block = lexical[starts[few]:starts[few + 1], starts[many]:starts[many + 1]]
            best = block.max(axis=1)
            row[col["lex5"]] = float(np.mean(best >= 0.5))
            row[col["lex7"]] = float(np.mean(best >= 0.7))
            row[col["ordered"]] = int(sources.alignment_table(block >= 0.5)[0, 0]) / len(units[few].texts)
            row[col["lead_sim"]] = float(block[0, 0])
        row[col["cosine"]] = whole.lexical(i, j)
        row[col["len_ratio"]] = len(words[s]) / max(1, len(words[l_]))
        row[col["speaker_share"]], row[col["first_speaker"]] = speaker_features(speakers[i], speakers[j])
    return pairs, out


def learned_pairs(articles: Sequence[Article], model: FamilyModel | None = None) -> list[tuple[str, str]]:
    """Pairs of article ids the model calls one source (probability >= its threshold), among pairs of two articles
    :func:`long_enough`; none without a model."""
    model = model or load_family_model()
    if model is None or len(articles) < 2:
        return []
    ok = long_enough(articles)
    if sum(ok) < 2:
        return []
    pairs, x = pair_features(articles)
    p = model.probability(x)
    return [(articles[i].id, articles[j].id) for (i, j), prob in zip(pairs, p, strict=True)
            if ok[i] and ok[j] and prob >= model.threshold]
