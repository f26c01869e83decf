"""Fixture corpora for the tests of the entities stage's corpus state kept in the store (facility, span,
person-name and bound-word passes): short articles written for each test, each with the mentions a tagger
would have given it, and the rows the passes' outputs are compared by."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pytest

from marsad.arabic import split_sentences
from marsad.model import Article, Mention, Sentence
from marsad.stages.entities.canonical import RawMention
from marsad.store.sums import unpack_counts

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


def pass_definition(articles: list[Article], raw: list[RawMention], layout: Callable, count: Callable,
                    decide: Callable, roles_of: Callable[[Counter], Any],
                    derive: Callable[[Counter], Mapping[str, int]] | None = None) -> tuple[Counter, dict, dict, Any]:
    """A stored corpus pass by its definition, from the whole corpus: the counts of every article (each record
    once; plus ``derive``'s counts made from them), the answers' view ``roles_of`` gives over them, and every
    article's decisions with the answers they read."""
    by_id: dict[str, Article] = {}
    for a in articles:
        by_id.setdefault(a.id, a)
    mentions = {i: [r for r in raw if r.mention.article == i] for i in by_id}
    layouts = {i: layout(a, mentions[i]) for i, a in by_id.items()}
    counts: Counter = Counter()
    for i, made in layouts.items():
        counts.update(count(mentions[i], made))
    if derive is not None:
        counts.update(derive(counts))
    roles = roles_of(counts)
    decisions, reads = {}, {}
    for i, made in layouts.items():
        roles.reads = set()
        decisions[i] = decide(by_id[i], mentions[i], made, roles)
        reads[i] = roles.reads
    roles.reads = None
    return +counts, decisions, reads, roles


def stored_state(store: Any, prefix: str) -> tuple[Counter, Counter, dict, dict]:
    """What a pass keeps in ``{prefix}_sums``, ``_articles`` and ``_reads``: the running sum, the sum of the
    articles' rows, each article's decisions (as stored) and the answers each article's decisions read."""
    sums = Counter({k: int(n) for k, n in store.query(f"SELECT item, n FROM {prefix}_sums")})
    rows: Counter = Counter()
    decisions = {}
    for article_id, counts, made in store.query(f"SELECT article_id, counts, decisions FROM {prefix}_articles"):
        rows.update(unpack_counts(counts))
        decisions[article_id] = made
    reads: dict = {}
    for item, article_id in store.query(f"SELECT item, article_id FROM {prefix}_reads"):
        reads.setdefault(article_id, set()).add(item)
    return sums, +rows, decisions, reads


@contextmanager
def killed_at(store: Any, statement: str) -> Iterator[None]:
    """Inside the block the store's first batch write whose SQL starts with ``statement`` raises, as a run killed
    there would stop; the block must end by that error."""
    real = store.executemany

    def failing(sql: str, rows: Any) -> Any:
        if sql.startswith(statement):
            raise RuntimeError("killed")
        return real(sql, rows)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store, "executemany", failing)
        with pytest.raises(RuntimeError, match="killed"):
            yield


def killed_write_leaves(store: Any, statement: str, stored: Callable[[], Any], first: Callable[[], Any],
                        second: Callable[[], Any]) -> None:
    """Run ``first``, then ``second`` killed at its first batch write whose SQL starts with ``statement``
    (:func:`killed_at`): what ``stored`` reads from the store is as ``first`` left it."""
    first()
    before = stored()
    with killed_at(store, statement):
        second()
    assert stored() == before
