"""The store interface: SQLite and PostgreSQL implement the same calls.

A store keeps articles (every version), their sentences, per-article annotations that
stages cache, per-stage state (indexes such as the duplicate index) and the results of the
last analysis in relational tables (docs/store.md). All writes go through transactions, so
a run killed at any point leaves a consistent store.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Literal

from marsad.model import Article, Corpus

AddOutcome = Literal["new", "unchanged", "new_version"]


class Store(ABC):
    """Persistent corpus: articles, stage annotations and stage state."""

    #: schema version this code writes; older stores are migrated on open
    SCHEMA_VERSION: int

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """Group writes: all of them land, or none (also on SIGKILL)."""

    @abstractmethod
    def add_article(self, article: Article) -> AddOutcome:
        """Store ``article``; an already stored id is ``unchanged``; the same source key
        with different content becomes a ``new_version`` and the old one stops being current."""

    def add_articles(self, articles: Iterable[Article]) -> list[AddOutcome]:
        """Store several articles in one transaction."""
        with self.transaction():
            return [self.add_article(a) for a in articles]

    @abstractmethod
    def iter_articles(self, current_only: bool = True) -> Iterator[Article]:
        """Stored articles with their sentences, in the order of their paths (never of reading)."""

    @abstractmethod
    def count_articles(self, current_only: bool = True) -> int:
        """How many articles are stored."""

    @abstractmethod
    def delete_article(self, article_id: str) -> bool:
        """Remove an article and everything stages stored about it; True if it existed."""

    @abstractmethod
    def get_annotation(self, stage: str, article_id: str) -> Any | None:
        """What ``stage`` cached for one article (JSON value), or None."""

    def get_annotations(self, stage: str, article_ids: Sequence[str]) -> dict[str, Any]:
        """What ``stage`` cached for each of ``article_ids``, by article id (ids with nothing cached
        absent); stores read them in batches."""
        found = {}
        for article_id in article_ids:
            value = self.get_annotation(stage, article_id)
            if value is not None:
                found[article_id] = value
        return found

    @abstractmethod
    def put_annotation(self, stage: str, article_id: str, value: Any) -> None:
        """Cache a JSON value for one article under ``stage``."""

    @abstractmethod
    def get_state(self, stage: str, key: str) -> Any | None:
        """A stage's persisted JSON state under ``key``, or None."""

    @abstractmethod
    def set_state(self, stage: str, key: str, value: Any) -> None:
        """Persist a stage's JSON state under ``key`` (replaces the old value)."""

    @abstractmethod
    def get_articles(self, article_ids: Sequence[str]) -> list[Article]:
        """The stored articles with these ids, in the order asked (unknown ids left out)."""

    @abstractmethod
    def save_results(self, corpus: Corpus) -> None:
        """Store what the stages found in ``corpus`` (replacing the previous results), in one transaction."""

    @abstractmethod
    def load_results(self) -> Corpus:
        """The corpus of the last stored analysis, rebuilt from the results tables."""

    @abstractmethod
    def index_new_articles(self) -> int:
        """Add stored articles missing from the full-text index to it (in batches of transactions)."""

    @abstractmethod
    def search(self, query: str, **filters: Any) -> list:
        """Full-text search over articles, quotes and claims (:func:`marsad.search.search_store`)."""

    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Rows of a read-only SQL query (``?`` placeholders on every backend)."""

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one writing SQL statement (``?`` placeholders), e.g. on a stage's own cache tables."""

    @abstractmethod
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one writing SQL statement for every row of ``rows``."""

    @abstractmethod
    def close(self) -> None:
        """Flush and release the store."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def annotations_of(store: Any, stage: str, article_ids: Sequence[str]) -> dict[str, Any]:
    """``store.get_annotations`` when the store has it (every :class:`Store`), else one
    ``get_annotation`` per article (the light stores tests hand to a stage)."""
    if hasattr(store, "get_annotations"):
        return store.get_annotations(stage, article_ids)
    return Store.get_annotations(store, stage, article_ids)
