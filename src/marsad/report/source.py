"""Where a report's data comes from, one piece at a time.

:class:`ReportSource` hands the writer each part of report.json as a stream of dicts (the
``to_dict`` of the model objects), plus the few look-ups the pages need (some articles in full,
the quotes of some articles). Two sources:

- :class:`DictSource`: a report.json document already in memory (a corpus just analysed);
- :class:`StoreSource`: the results tables of a store, read in chunks of rows or keys inside one
  read transaction, so a report of a 30k-article store never holds every story,
  mention or article at once, and never mixes two analyses.

Both give the same dicts: ``StoreSource`` reads the model objects with the store's own
:class:`~marsad.store.results.ResultsReader` (which :func:`~marsad.store.results.read_results`
uses too) and hands out their ``to_dict`` (tested: equal report.json on the seeds).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from marsad.store.results import CHUNK, ResultsReader
from marsad.version import __version__

if TYPE_CHECKING:
    from marsad.store.sql import SQLStore

#: the parts of report.json, in the order they are written
SECTIONS = ("articles", "duplicate_groups", "entities", "mentions", "quotes", "timerefs", "stories", "threads")


class ReportSource:
    """The data of one report, streamed; see the module docstring."""

    version: str = __version__

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Everything read inside sees one state of the data."""
        yield

    def iter_section(self, name: str) -> Iterator[dict[str, Any]]:
        """The items of report.json's list ``name`` (one of :data:`SECTIONS`), in order."""
        raise NotImplementedError

    def articles(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Full article dicts (with sentences) of these ids; unknown ids are left out."""
        raise NotImplementedError

    def quotes_of(self, article_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The quotes whose article is one of ``article_ids``, in report order."""
        raise NotImplementedError


class DictSource(ReportSource):
    """A report.json document in memory."""

    def __init__(self, report: dict[str, Any]) -> None:
        self.report = report
        self.version = report["marsad_version"]
        self._articles = {a["id"]: a for a in report["articles"]}
        self._quotes: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
        for i, q in enumerate(report["quotes"]):
            self._quotes[q["article"]].append((i, q))

    def iter_section(self, name: str) -> Iterator[dict[str, Any]]:
        return iter(self.report[name])

    def articles(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        return {i: self._articles[i] for i in article_ids if i in self._articles}

    def quotes_of(self, article_ids: Iterable[str]) -> list[dict[str, Any]]:
        found = [iq for aid in set(article_ids) for iq in self._quotes.get(aid, [])]
        return [q for _, q in sorted(found, key=lambda iq: iq[0])]


class StoreSource(ReportSource):
    """The results tables of a store (SQLite or PostgreSQL), read a chunk at a time."""

    def __init__(self, store: SQLStore) -> None:
        self.store = store
        self.reader = ResultsReader(store)

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction (a snapshot: a run saving results meanwhile is not seen, and
        is not blocked)."""
        with self.reader.snapshot():
            yield

    def iter_section(self, name: str) -> Iterator[dict[str, Any]]:
        if name == "articles":
            return self._iter_articles()
        return (item.to_dict() for item in getattr(self.reader, name)())

    def _iter_articles(self) -> Iterator[dict[str, Any]]:
        order = self.reader.article_order()
        for start in range(0, len(order), CHUNK):
            for article in self.store.get_articles(order[start:start + CHUNK]):
                yield article.to_dict()

    def articles(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        wanted = list(dict.fromkeys(article_ids))
        return {a.id: a.to_dict() for a in self.store.get_articles(wanted)}

    def quotes_of(self, article_ids: Iterable[str]) -> list[dict[str, Any]]:
        return [q.to_dict() for q in self.reader.quotes_of(article_ids)]
