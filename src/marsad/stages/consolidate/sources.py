"""Which articles count as independent sources, and the units (sentences) consolidation reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from marsad.arabic.normalize import normalize
from marsad.model import Article, Corpus, Sentence

#: sentences with fewer content terms than this are neither claims nor summary material
MIN_CONTENT_TERMS = 4
#: and fewer words than this (headlines, captions, bylines)
MIN_WORDS = 6


def independence_keys(
    articles: Sequence[Article], corpus: Corpus | None = None, by_outlet: bool = True
) -> dict[str, str]:
    """Map each article id to the key of its independent source.

    Articles share a key when they are in one duplicate family (``corpus.family_of``),
    come from one outlet (only when ``by_outlet``), or are versions of one source (same
    ``source_key``): such articles count once when corroboration is counted. With
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
