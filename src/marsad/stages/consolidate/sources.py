"""Which articles count as independent sources, and the units (sentences) consolidation reads."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.arabic.keys import word_keys
from marsad.arabic.normalize import normalize
from marsad.model import Article, Corpus, Sentence

#: sentences with fewer content terms than this are neither claims nor summary material
MIN_CONTENT_TERMS = 4
#: and fewer words than this (headlines, captions, bylines)
MIN_WORDS = 6
#: one article carries another's text when this share of the shorter one's word shingles
#: is in the longer one. Measured on SaudiNewsNet stories of the claims DEV set: one SPA or
#: AFP text reworded and extended by outlets 0.31–0.96, Reuters copies 0.77–1.0; separate
#: WikiNews articles of one MultiLing topic (M000, M002, M003), one of which copies two
#: sentences of another: ≤ 0.21
COPY_CONTAINMENT = 0.3
#: words per shingle
SHINGLE_WORDS = 4
#: and they share at least this many shingles (two one-sentence briefs that share a phrase
#: are not one text)
COPY_MIN_SHARED = 12
#: shingles found in more articles than this are boilerplate, not evidence of copying
COPY_MAX_POSTINGS = 50


def _shingles(text: str) -> set[tuple[str, ...]]:
    """The article's word :data:`SHINGLE_WORDS`-grams (normalized words)."""
    words = word_keys(normalize(text))
    return {tuple(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def copied_pairs(articles: Sequence[Article]) -> list[tuple[str, str]]:
    """Pairs of article ids where one carries the other's text: at least
    :data:`COPY_CONTAINMENT` of the shorter one's word shingles are in the longer one (a wire
    text two outlets print, lightly edited, cut or merged into fewer sentences — which a
    near-duplicate test on the whole texts can miss when their lengths differ), sharing at
    least :data:`COPY_MIN_SHARED` shingles."""
    shingles = [_shingles(a.text) for a in articles]
    postings: dict[tuple[str, ...], list[int]] = {}
    for i, grams in enumerate(shingles):
        for gram in grams:
            postings.setdefault(gram, []).append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for ids in postings.values():
        if 1 < len(ids) <= COPY_MAX_POSTINGS:
            shared.update(itertools.combinations(ids, 2))
    pairs = []
    for (i, j), count in sorted(shared.items()):
        smaller = min(len(shingles[i]), len(shingles[j]))
        if count >= COPY_MIN_SHARED and count >= COPY_CONTAINMENT * smaller:
            pairs.append((articles[i].id, articles[j].id))
    return pairs


def independence_keys(
    articles: Sequence[Article], corpus: Corpus | None = None, by_outlet: bool = True
) -> dict[str, str]:
    """Map each article id to the key of its independent source.

    Articles share a key when they are in one duplicate family (``corpus.family_of``),
    carry one text (:func:`copied_pairs`), come from one outlet (only when ``by_outlet``),
    or are versions of one source (same ``source_key``): such articles count once when
    corroboration is counted. With
    ``by_outlet=False`` the keys tell *texts* apart instead of witnesses: copies and
    versions share a key, two articles an outlet wrote itself do not (summaries weigh
    content by how many distinct texts repeat it, whoever published them).
    """
    parent: dict[str, str] = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for a, b in copied_pairs(articles):
        union(a, b)
    first_by: dict[str, str] = {}
    for article in articles:
        keys = []
        if corpus is not None:
            keys.append("family:" + corpus.family_of(article.id))
        if article.outlet and by_outlet:
            keys.append("outlet:" + normalize(article.outlet))
        if article.source_key:
            keys.append("source:" + article.source_key)
        for key in keys:
            if key in first_by:
                union(first_by[key], article.id)
            else:
                first_by[key] = article.id
    return {a.id: find(a.id) for a in articles}


@dataclass(slots=True)
class Unit:
    """One sentence of one article, as consolidation sees it."""

    index: int  # position in the story's unit list
    article: Article
    article_rank: int  # order of the article in the story (by publication, then input order)
    sentence: Sentence
    source: str  # independence key
    terms: list[str]
    text_key: str = ""  # copy/version key (outlet ignored): distinct texts, see independence_keys

    @property
    def key(self) -> tuple[str, int]:
        """(article id, sentence index): what citations point at."""
        return (self.article.id, self.sentence.i)

    @property
    def words(self) -> int:
        """Number of white-space separated words."""
        return len(self.sentence.text.split())
