"""ConsolidateStage: each story's claims (with independent-source counts) and cited summary."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from marsad.model import Article, Citation, Claim, Corpus, SummarySentence
from marsad.pipeline import StageContext
from marsad.similarity import EMBED_MAX_SENTENCES, content_terms, embed, embeddings_available
from marsad.stages.consolidate import matching, sharedfacts, sources
from marsad.stages.consolidate.claims import ClaimSet, build_claims, rank_claims, sentence_dates
from marsad.stages.consolidate.facts import ArticleAnnotations, Proposition, annotations_by_article, story_propositions
from marsad.stages.consolidate.matching import (
    STATEMENTS,
    W_RES,
    Vectors,
    Weights,
    build_fact_claims,
    residual_texts,
    statement_texts,
)
from marsad.stages.consolidate.sources import MIN_CONTENT_TERMS, Unit, independence_keys
from marsad.stages.consolidate.summarize import DEFAULT_WORDS, summarize_units

log = logging.getLogger("marsad")

#: single-source claims kept per story in the report (the rest stay in the articles)
MAX_SINGLE_CLAIMS = 150
#: sentences one run may embed over all stories (~30–100 sentences/s on 2 cores)
EMBED_BUDGET = 10_000
#: bump when claims or summaries change for the same input, so cached results are recomputed
CACHE_VERSION = 7


def opt_in_switches() -> dict[str, object]:
    """The module switches that change a story's claims or conflicts for the same input (copy rules, conflict
    rule): part of the cache key, so flipping one recomputes the stories instead of serving stale results."""
    return {
        "copies": matching.COPY_IN_CLAIMS,
        "one_conflict": matching.ONE_CONFLICT_PER_SLOT,
        "measured_slots": matching.MEASURED_SLOTS,
        "measured_slots_general": matching.MEASURED_SLOTS_GENERAL,
        "aligned_clashes_and_plans": matching.ALIGNED_CLASHES_AND_PLANS,
        "passages": sources.USE_PASSAGES,
        "copied_sentences": sources.USE_COPIED_SENTENCES,
        "ordered_text": sources.USE_ORDERED_TEXT,
        "learned_families": sources.USE_LEARNED_FAMILIES,
        "learned_links": matching.LEARNED_LINKS,
        "shared_facts": sharedfacts.USE_SHARED_FACTS,
    }


#: the learned decisions' files a story's claims may read (the package's JSON models); their contents join the cache key
MODEL_FILES_DIR = Path(__file__).parent


@lru_cache(maxsize=1)
def model_files_digest() -> str:
    """A digest of the learned decisions' files (every ``*.json`` beside this module: the pair, links, family and
    combine models), so that a retrained model file recomputes cached stories even where no switch changed."""
    digest = hashlib.sha1()
    for path in sorted(MODEL_FILES_DIR.glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def story_cache_key(
    articles: Sequence[Article], corpus: Corpus, words: int, embeddings: bool | None,
    dates: dict[tuple[str, int], set[str]],
    dates_by_article: dict[str, list[tuple[int, set[str]]]] | None = None,
) -> str:
    """What a story's consolidation depends on: its articles (content, outlet, date, duplicate
    family), the dates found in their sentences, the summary length, the embedding choice, the opt-in
    switches of sources and matching that change claims for the same input (:func:`opt_in_switches`) and the
    contents of the learned decisions' files (:func:`model_files_digest`).
    ``dates_by_article``: ``dates`` grouped by article (:func:`group_dates_by_article`), when the
    caller keys many stories."""
    ids = {a.id for a in articles}
    if dates_by_article is None:
        story_dates = sorted([k[0], k[1], sorted(v)] for k, v in dates.items() if k[0] in ids)
    else:
        story_dates = sorted([a, i, sorted(v)] for a in ids for i, v in dates_by_article.get(a, ()))
    payload = {
        "v": CACHE_VERSION,
        "switches": opt_in_switches(),
        "models": model_files_digest(),
        "words": words,
        "embeddings": embeddings,
        "articles": [[a.id, a.outlet, a.published, corpus.family_of(a.id)] for a in articles],
        "dates": story_dates,
    }
    return hashlib.sha1(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def group_dates_by_article(dates: dict[tuple[str, int], set[str]]) -> dict[str, list[tuple[int, set[str]]]]:
    """``dates`` (keyed by article and sentence) grouped by article."""
    grouped: dict[str, list[tuple[int, set[str]]]] = {}
    for (article_id, sentence), values in dates.items():
        grouped.setdefault(article_id, []).append((sentence, values))
    return grouped


def _claim_from_dict(d: dict) -> Claim:
    return Claim(**{**d, "sentences": [Citation(**c) for c in d["sentences"]]})


def _summary_from_dict(d: dict) -> SummarySentence:
    return SummarySentence(d["text"], [Citation(**c) for c in d["citations"]])


@dataclass(slots=True)
class Consolidation:
    """What consolidation found for one story: atomic-fact claims, the story's conflicts,
    the cited summary, and (for the summary and the old benchmark method) the sentence
    alignment ``claim_set``."""

    claims: list[Claim]
    summary: list[SummarySentence]
    claim_set: ClaimSet
    units: list[Unit]
    conflicts: list[dict] = field(default_factory=list)
    propositions: list[Proposition] = field(default_factory=list)
    # embeddings of the units and of the propositions (None without embeddings): what the
    # pair decision read, kept for the benchmark's training and error listing
    unit_vectors: np.ndarray | None = None
    prop_vectors: Vectors | None = None
    # embeddings of the propositions' «speaker: content» (a zero row when not a statement; None
    # without embeddings or when the matcher does not compare statements)
    statement_vectors: np.ndarray | None = None


def story_units(articles: Sequence[Article], corpus: Corpus | None = None) -> list[Unit]:
    """The sentences of ``articles`` worth aligning, in story order (publication date, then
    input order), with their independence keys and content terms."""
    keys = independence_keys(articles, corpus)
    text_keys = independence_keys(articles, corpus, by_outlet=False)
    ordered = sorted(enumerate(articles), key=lambda ia: (ia[1].published or "", ia[0]))
    units: list[Unit] = []
    for rank, (_, article) in enumerate(ordered):
        for sentence in article.sentences:
            terms = content_terms(sentence.text)
            if len(terms) < MIN_CONTENT_TERMS:
                continue
            units.append(Unit(len(units), article, rank, sentence, keys[article.id], terms, text_keys[article.id]))
    return units


def _embedding_key(text: str) -> str:
    """What decides that two texts get one embedding: the text without surrounding space and
    punctuation (a proposition that is its whole sentence shares the sentence's vector)."""
    return text.strip(" \t\n.،,؛;:!؟?-–—")


def story_vectors(
    units: Sequence[Unit], propositions: Sequence[Proposition], residual: bool = W_RES > 0
) -> tuple[np.ndarray, Vectors]:
    """Sentence embeddings of ``units``, and the propositions'
    :data:`~marsad.stages.consolidate.matching.Vectors` (text, residual text), each distinct
    text encoded once (copies, and propositions that are a whole sentence, reuse one vector).
    Residual texts are embedded only when ``residual`` (the matcher weighs them, ``W_RES > 0``);
    otherwise their rows repeat the propositions' own."""
    n_units, n_props = len(units), len(propositions)
    keys = ([_embedding_key(u.sentence.text) for u in units] + [_embedding_key(p.text) for p in propositions]
            + [_embedding_key(t) for t in (residual_texts(propositions) if residual else
                                             [p.text for p in propositions])])
    distinct = list(dict.fromkeys(keys))
    row = {k: i for i, k in enumerate(distinct)}
    vectors = embed(distinct)[[row[k] for k in keys]]
    return vectors[:n_units], (vectors[n_units:n_units + n_props], vectors[n_units + n_props:])


def statement_vectors(propositions: Sequence[Proposition]) -> np.ndarray | None:
    """Embeddings of :func:`~marsad.stages.consolidate.matching.statement_texts` (L2-normalized rows;
    a zero row for a proposition that is no attributed statement), or None when there is none."""
    texts = statement_texts(propositions)
    wanted = sorted({t for t in texts if t is not None})
    if not wanted:
        return None
    vectors = embed(wanted)
    row = {t: k for k, t in enumerate(wanted)}
    out = np.zeros((len(texts), vectors.shape[1]), dtype=vectors.dtype)
    for k, t in enumerate(texts):
        if t is not None:
            out[k] = vectors[row[t]]
    return out


def consolidate(
    articles: Sequence[Article],
    corpus: Corpus | None = None,
    words: int = DEFAULT_WORDS,
    use_embeddings: bool | None = None,
    dates: dict[tuple[str, int], set[str]] | None = None,
    annotations: ArticleAnnotations | None = None,
    weights: Weights | None = None,
) -> Consolidation:
    """Claims and a ``words``-word cited summary of ``articles`` taken as one story.

    ``dates``: :func:`~marsad.stages.consolidate.claims.sentence_dates` of the corpus, and
    ``annotations``: :func:`~marsad.stages.consolidate.facts.annotations_by_article` of it, when
    the caller consolidates many stories (computed here otherwise). ``weights``: the fact matcher's
    decision (:class:`~marsad.stages.consolidate.matching.Weights`; default: the calibrated one).
    """
    units = story_units(articles, corpus)
    if dates is None:
        dates = sentence_dates(corpus.timerefs) if corpus is not None else {}
    if len({u.article.id for u in units}) < 2:
        use_embeddings = False  # nothing to align across articles
    elif use_embeddings is None and len({u.text_key for u in units}) < 2:
        # every article is one text (copies, versions): words align copies, and no claim can be
        # corroborated inside one text, so the embeddings (most of the stage's CPU) are not computed
        use_embeddings = False
    propositions = story_propositions(units, corpus, annotations)
    unit_vectors = prop_vectors = statements = None
    if use_embeddings is True or (use_embeddings is None and len(units) <= EMBED_MAX_SENTENCES
                                  and embeddings_available()):
        unit_vectors, prop_vectors = story_vectors(units, propositions)
        statements = statement_vectors(propositions) if STATEMENTS else None
    claim_set = build_claims(units, corpus, use_embeddings=False, dates=dates, vectors=unit_vectors)
    summary = summarize_units(units, claim_set, words=words, dates=dates)
    fact_claims, conflicts = build_fact_claims(propositions, use_embeddings=False, vectors=prop_vectors,
                                               sentence_vectors=unit_vectors, statement_vectors=statements,
                                               weights=weights)
    ranked = rank_claims(fact_claims)
    singles = [c for c in ranked if c.status == "single"]
    kept = [c for c in ranked if c.status != "single"] + singles[:MAX_SINGLE_CLAIMS]
    return Consolidation(kept, summary, claim_set, units, conflicts, propositions, unit_vectors, prop_vectors,
                         statements)


class ConsolidateStage:
    """Fills ``story.claims`` and ``story.summary`` for every story of the corpus.

    Options read from ``context.options``: ``summary_words`` (default 250); ``embeddings``
    (None = automatic — not for a story of one article or of copies of one text —, False =
    lexical similarity only); ``embed_budget`` (default
    :data:`EMBED_BUDGET`): sentences a run may embed in all — stories past it (in corpus
    order) are aligned lexically, so a run over a large corpus stays within minutes.
    """

    name = "consolidate"

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Consolidate each story; a story that fails is logged and left without claims."""
        words = int(context.options.get("summary_words") or DEFAULT_WORDS)
        use_embeddings = context.options.get("embeddings")
        budget = int(context.options.get("embed_budget") or EMBED_BUDGET)
        dates = sentence_dates(corpus.timerefs)
        dates_by_article = group_dates_by_article(dates)
        annotations = annotations_by_article(corpus)  # once, not a corpus scan per story
        embedded = 0
        computed = 0
        reused = 0
        for story in corpus.stories:
            try:
                articles = [corpus.article(a) for a in story.articles]
                key = story_cache_key(articles, corpus, words, use_embeddings, dates, dates_by_article)
                cached = context.store.get_state(self.name, f"story:{story.id}")
                if cached and cached.get("key") == key:
                    story.claims = [_claim_from_dict(c) for c in cached["claims"]]
                    story.summary = [_summary_from_dict(s) for s in cached["summary"]]
                    reused += 1
                    continue
                story_embeddings = use_embeddings
                planned = 0
                if use_embeddings is None and len(articles) > 1:
                    planned = min(sum(len(a.sentences) for a in articles), EMBED_MAX_SENTENCES)
                    if embedded + planned > budget:
                        story_embeddings = False
                result = consolidate(articles, corpus, words=words, use_embeddings=story_embeddings, dates=dates,
                                     annotations=annotations)
                if result.unit_vectors is not None:
                    embedded += planned  # a story of one text is not embedded and spends no budget
            except Exception:  # one bad story must not kill the batch
                log.exception("consolidate: story %s failed; left without claims and summary", story.id)
                continue
            story.claims = result.claims
            story.summary = result.summary
            # checkpoint: each story is committed as soon as it is computed, so a run killed
            # here loses at most the story in progress and a rerun reuses all the others
            context.store.set_state(self.name, f"story:{story.id}", {
                "key": key,
                "claims": [c.to_dict() for c in result.claims],
                "summary": [s.to_dict() for s in result.summary],
            })
            computed += 1
        log.info("consolidate: %d stories computed, %d unchanged stories reused", computed, reused)
        if use_embeddings is None and embedded >= budget:
            log.info("consolidate: embedding budget of %d sentences reached; later stories aligned lexically", budget)
