"""Fixture corpora for the tests of the entities stage's corpus state kept in the store (facility, span,
person-name and bound-word passes): short articles written for each test, each with the mentions a tagger
would have given it, and the rows the passes' outputs are compared by."""

from __future__ import annotations

from collections.abc import Mapping

from marsad.arabic import split_sentences
from marsad.model import Article, Mention, Sentence
from marsad.stages.entities.canonical import RawMention

#: article name → (text, its tagged mentions as (surface, type))
Docs = Mapping[str, tuple[str, list[tuple[str, str]]]]


class FixtureCorpus:
    """Articles made from ``docs``; ``versions`` maps the name of an article's new version to the name of the
    record it replaces (same source, its own id)."""

    def __init__(self, docs: Docs, versions: Mapping[str, str] | None = None) -> None:
        self.docs = docs
        self.versions = dict(versions or {})

    def article(self, name: str) -> Article:
        """The article ``name``: its sentences split as ingestion splits them."""
        text = self.docs[name][0]
        sentences = [Sentence(i, s.start, s.end, s.text) for i, s in enumerate(split_sentences(text))]
        source = self.versions.get(name, name)
        return Article(id=f"id-{name}", text=text, path=f"{source}.txt", source_key=f"{source}.txt",
                       outlet=f"outlet-{source}", sentences=sentences)

    def mentions(self, article: Article, name: str) -> list[RawMention]:
        """The tagged mentions of ``article`` (made from ``name``), each at the first place its surface is."""
        found = []
        for surface, type_ in self.docs[name][1]:
            start = article.text.index(surface)
            sentence = next(s.i for s in article.sentences if s.start <= start < s.end)
            mention = Mention(article.id, sentence, start, start + len(surface), surface, type_)  # type: ignore[arg-type]
            found.append(RawMention(mention, surface, article.outlet, None, True))
        return found

    def corpus(self, names: list[str]) -> tuple[list[Article], list[RawMention]]:
        """The articles ``names`` in that order (a name twice: a repeated record) and their mentions."""
        articles, raw = [], []
        for name in names:
            article = self.article(name)
            articles.append(article)
            raw.extend(self.mentions(article, name))
        return articles, raw


def as_rows(raw: list[RawMention]) -> list[tuple]:
    """Mentions as comparable rows: every field a corpus pass may set."""
    return [(r.mention.to_dict(), r.name, r.tagged, r.role, r.outlet, r.sense, r.confidence) for r in raw]
