"""ConsolidateStage: each story's claims (with independent-source counts) and cited summary."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.model import Article, Claim, Corpus, SummarySentence
from marsad.pipeline import StageContext
from marsad.similarity import content_terms
from marsad.stages.consolidate.claims import ClaimSet, build_claims, rank_claims, sentence_dates
from marsad.stages.consolidate.sources import MIN_CONTENT_TERMS, Unit, independence_keys
from marsad.stages.consolidate.summarize import DEFAULT_WORDS, summarize_units

log = logging.getLogger("marsad")

#: single-source claims kept per story in the report (the rest stay in the articles)
MAX_SINGLE_CLAIMS = 150


@dataclass(slots=True)
class Consolidation:
    """What consolidation found for one story."""

    claims: list[Claim]
    summary: list[SummarySentence]
    claim_set: ClaimSet
    units: list[Unit]


def story_units(articles: Sequence[Article], corpus: Corpus | None = None) -> list[Unit]:
    """The sentences of ``articles`` worth aligning, in story order (publication date, then
    input order), with their independence keys and content terms."""
    keys = independence_keys(articles, corpus)
    ordered = sorted(enumerate(articles), key=lambda ia: (ia[1].published or "", ia[0]))
    units: list[Unit] = []
    for rank, (_, article) in enumerate(ordered):
        for sentence in article.sentences:
            terms = content_terms(sentence.text)
            if len(terms) < MIN_CONTENT_TERMS:
                continue
            units.append(Unit(len(units), article, rank, sentence, keys[article.id], terms))
    return units


def consolidate(
    articles: Sequence[Article],
    corpus: Corpus | None = None,
    words: int = DEFAULT_WORDS,
    use_embeddings: bool | None = None,
) -> Consolidation:
    """Claims and a ``words``-word cited summary of ``articles`` taken as one story."""
    units = story_units(articles, corpus)
    claim_set = build_claims(units, corpus, use_embeddings=use_embeddings)
    dates = sentence_dates(corpus.timerefs) if corpus is not None else {}
    summary = summarize_units(units, claim_set, words=words, dates=dates)
    ranked = rank_claims(claim_set.claims)
    singles = [c for c in ranked if c.status == "single"]
    kept = [c for c in ranked if c.status != "single"] + singles[:MAX_SINGLE_CLAIMS]
    return Consolidation(kept, summary, claim_set, units)


class ConsolidateStage:
    """Fills ``story.claims`` and ``story.summary`` for every story of the corpus.

    Options read from ``context.options``: ``summary_words`` (default 250) and
    ``embeddings`` (None = automatic, False = lexical similarity only).
    """

    name = "consolidate"

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Consolidate each story; a story that fails is logged and left without claims."""
        words = int(context.options.get("summary_words") or DEFAULT_WORDS)
        use_embeddings = context.options.get("embeddings")
        for story in corpus.stories:
            try:
                articles = [corpus.article(a) for a in story.articles]
                result = consolidate(articles, corpus, words=words, use_embeddings=use_embeddings)
            except Exception:  # one bad story must not kill the batch
                log.exception("consolidate: story %s failed; left without claims and summary", story.id)
                continue
            story.claims = result.claims
            story.summary = result.summary
