"""What both SQL backends share: articles, stage data and results, in portable SQL.

The subclasses (:class:`~marsad.store.sqlite.SQLiteStore`,
:class:`~marsad.store.postgres.PostgresStore`) only open the connection, run transactions
and migrations their own way, and translate the ``?`` placeholders used here.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from marsad.arabic.normalize import normalize
from marsad.model import Article, Corpus, Sentence
from marsad.store.base import AddOutcome, Store
from marsad.store.schema import Dialect


class StoreError(RuntimeError):
    """The database cannot be used; the message says why and what to do."""


def path_order(path: str) -> tuple[tuple[str, ...], int]:
    """Sort key of an article path: its folder parts, then the JSONL line as a number
    (``a.jsonl:10`` after ``a.jsonl:9``)."""
    head, _, tail = path.rpartition(":")
    if head and tail.isdigit():
        return Path(head).parts, int(tail)
    return Path(path).parts, 0


ARTICLE_COLUMNS = ("id", "text", "path", "title", "url", "outlet", "author", "published", "place", "agency",
                   "source_key", "version")


class SQLStore(Store):
    """Store logic in SQL that SQLite and PostgreSQL both run."""

    dialect: Dialect
    #: the statement that opens a write transaction
    BEGIN = "BEGIN"
    _db: Any
    _depth: int

    # --- transactions -----------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside land together or not at all; nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._db.execute(self.BEGIN)
        self._depth = 1
        try:
            self._on_begin()
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._depth = 0

    def _on_begin(self) -> None:
        """Runs first in every outermost transaction (PostgreSQL takes its writers' lock here)."""

    # --- what a backend provides ------------------------------------------------------

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement (``?`` placeholders); returns a cursor."""
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for every row."""
        raise NotImplementedError

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return [tuple(r) for r in self._execute(sql, params).fetchall()]

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        row = self._execute(sql, params).fetchone()
        return tuple(row) if row is not None else None

    # --- articles ------------------------------------------------------------------

    def add_article(self, article: Article) -> AddOutcome:
        from marsad.ingest.identity import content_hash, normalized_from_sentences

        with self.transaction():
            stored = self._one("SELECT source_key, path FROM articles WHERE id = ?", (article.id,))
            if stored:
                if (path_order(article.path), article.source_key) < (path_order(stored[1]), stored[0]):
                    self._keep_first_copy(article, stored[0])
                return "unchanged"
            row = self._one("SELECT MAX(version) FROM articles WHERE source_key = ?", (article.source_key,))
            previous = row[0] if row and row[0] is not None else 0
            if previous:
                self._execute("UPDATE articles SET current = 0 WHERE source_key = ?", (article.source_key,))
            article.version = previous + 1
            self._execute(
                "INSERT INTO articles (id, content_hash, source_key, version, current, path, url,"
                " outlet, title, author, published, place, agency, text, ingested_at)"
                " VALUES (?,?,?,?,1,?,?,?,?,?,?,?,?,?,?)",
                (
                    article.id,
                    content_hash(article.text, normalized_from_sentences([s.norm for s in article.sentences]))
                    if article.sentences and all(s.norm for s in article.sentences)
                    else content_hash(article.text),
                    article.source_key, article.version,
                    article.path, article.url, article.outlet, article.title, article.author,
                    article.published, article.place, article.agency, article.text, time.time(),
                ),
            )
            self._executemany(
                'INSERT INTO sentences (article_id, i, start, "end") VALUES (?,?,?,?)',
                [(article.id, s.i, s.start, s.end) for s in article.sentences],
            )
        return "new_version" if previous else "new"

    def _article_removed(self, article_id: str) -> None:
        """``article_id`` is gone or its text changed: its search entry goes (the next
        :func:`marsad.search.index_new_articles` indexes it again); inside the transaction."""
        from marsad.search import remove_docs

        remove_docs(self, "article_id = ? AND kind = 'article'", (article_id,))

    def _keep_first_copy(self, article: Article, stored_key: str) -> None:
        """Of two exact copies (same id), keep the one with the first path, so the stored
        copy never depends on reading order. A copy already in a version chain stays."""
        if stored_key != article.source_key:
            chained = self._one(
                "SELECT COUNT(*) FROM articles WHERE source_key IN (?, ?)", (stored_key, article.source_key)
            )[0]
            if chained > 1:
                return
        old_text = self._one("SELECT text FROM articles WHERE id = ?", (article.id,))[0]
        self._execute(
            "UPDATE articles SET source_key = ?, path = ?, url = ?, outlet = ?, title = ?, author = ?,"
            " published = ?, place = ?, agency = ?, text = ? WHERE id = ?",
            (article.source_key, article.path, article.url, article.outlet, article.title, article.author,
             article.published, article.place, article.agency, article.text, article.id),
        )
        self._article_removed(article.id)
        if old_text != article.text:  # offsets changed: sentences anew, cached annotations dropped
            self._execute("DELETE FROM sentences WHERE article_id = ?", (article.id,))
            self._execute("DELETE FROM annotations WHERE article_id = ?", (article.id,))
            self._executemany(
                'INSERT INTO sentences (article_id, i, start, "end") VALUES (?,?,?,?)',
                [(article.id, s.i, s.start, s.end) for s in article.sentences],
            )

    def _articles_from_rows(self, rows: list[tuple]) -> Iterator[Article]:
        """Articles of ``rows`` with their sentences (read 500 articles per query, not one by one)."""
        for start in range(0, len(rows), 500):
            chunk = rows[start:start + 500]
            marks = ",".join("?" * len(chunk))
            spans: dict[str, list[tuple[int, int, int]]] = {}
            for article_id, i, s, e in self._all(
                    f'SELECT article_id, i, start, "end" FROM sentences WHERE article_id IN ({marks})'
                    " ORDER BY article_id, i", [r[0] for r in chunk]):
                spans.setdefault(article_id, []).append((i, s, e))
            for row in chunk:
                article = Article(**dict(zip(ARTICLE_COLUMNS, row, strict=True)))
                text = article.text
                article.sentences = [Sentence(i, s, e, text[s:e], normalize(text[s:e]))
                                     for i, s, e in spans.get(article.id, [])]
                yield article

    def iter_articles(self, current_only: bool = True) -> Iterator[Article]:
        """Stored articles in the order of their paths (then source key, version), so the
        corpus is the same whatever order the inputs were read in."""
        where = "WHERE current = 1" if current_only else ""
        rows = self._all(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles {where}")
        rows.sort(key=lambda r: (path_order(r[2]), r[10], r[11], r[0]))
        yield from self._articles_from_rows(rows)

    def get_articles(self, article_ids: Sequence[str]) -> list[Article]:
        """The stored articles with these ids (any version), in the order asked; unknown ids are left out."""
        found: dict[str, Article] = {}
        for start in range(0, len(article_ids), 500):
            chunk = list(article_ids[start:start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._all(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id IN ({marks})", chunk)
            found.update((a.id, a) for a in self._articles_from_rows(rows))
        return [found[i] for i in article_ids if i in found]

    def count_articles(self, current_only: bool = True) -> int:
        where = "WHERE current = 1" if current_only else ""
        return int(self._one(f"SELECT COUNT(*) FROM articles {where}")[0])

    def delete_article(self, article_id: str) -> bool:
        with self.transaction():
            row = self._one("SELECT source_key, current FROM articles WHERE id = ?", (article_id,))
            if not row:
                return False
            self._article_removed(article_id)
            self._execute("DELETE FROM articles WHERE id = ?", (article_id,))
            if row[1]:  # the newest remaining version becomes current again
                self._execute(
                    "UPDATE articles SET current = 1 WHERE source_key = ? AND version ="
                    " (SELECT MAX(version) FROM articles WHERE source_key = ?)",
                    (row[0], row[0]),
                )
        return True

    # --- stage data ----------------------------------------------------------------

    def get_annotation(self, stage: str, article_id: str) -> Any | None:
        row = self._one("SELECT value FROM annotations WHERE stage = ? AND article_id = ?", (stage, article_id))
        return json.loads(row[0]) if row else None

    def get_annotations(self, stage: str, article_ids: Sequence[str]) -> dict[str, Any]:
        """What ``stage`` cached for each of ``article_ids`` (500 per query), by article id; ids
        with nothing cached are absent."""
        found: dict[str, Any] = {}
        ids = list(dict.fromkeys(article_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for article_id, value in self._all(
                    f"SELECT article_id, value FROM annotations WHERE stage = ? AND article_id IN ({marks})",
                    [stage, *chunk]):
                found[article_id] = json.loads(value)
        return found

    def put_annotation(self, stage: str, article_id: str, value: Any) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO annotations (stage, article_id, value) VALUES (?,?,?)"
                " ON CONFLICT (stage, article_id) DO UPDATE SET value = excluded.value",
                (stage, article_id, json.dumps(value, ensure_ascii=False)),
            )

    def get_state(self, stage: str, key: str) -> Any | None:
        row = self._one("SELECT value FROM stage_state WHERE stage = ? AND key = ?", (stage, key))
        return json.loads(row[0]) if row else None

    def set_state(self, stage: str, key: str, value: Any) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO stage_state (stage, key, value) VALUES (?,?,?)"
                " ON CONFLICT (stage, key) DO UPDATE SET value = excluded.value",
                (stage, key, json.dumps(value, ensure_ascii=False)),
            )

    # --- results -------------------------------------------------------------------

    def save_results(self, corpus: Corpus) -> None:
        """Replace the stored results by those of ``corpus``, in one transaction."""
        from marsad.store.results import write_results

        with self.transaction():
            write_results(self, corpus)
            # a counter readers compare to know the results changed (one row, cheap to read)
            self.set_state("results", "generation", int(self.get_state("results", "generation") or 0) + 1)

    def load_results(self) -> Corpus:
        """The corpus as stored: the articles of the last analysis and every result table."""
        from marsad.store.results import read_results

        return read_results(self)

    def index_new_articles(self) -> int:
        """Add the articles not yet in the full-text index to it; returns how many."""
        from marsad.search import index_new_articles

        return index_new_articles(self)

    def search(self, query: str, **filters: Any) -> list:
        """Full-text search (see :func:`marsad.search.search_store`)."""
        from marsad.search import search_store

        return search_store(self, query, **filters)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Rows of a read-only SQL query with ``?`` placeholders (for docs, exports, search)."""
        return self._all(sql, params)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one writing statement with ``?`` placeholders (inside the caller's transaction, if any)."""
        with self.transaction():
            self._execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one writing statement for every row (inside the caller's transaction, if any)."""
        if rows:
            with self.transaction():
                self._executemany(sql, rows)
