"""SQLite store (the default): one file, WAL journal, versioned schema with migrations."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from marsad.arabic.normalize import normalize
from marsad.model import Article, Sentence
from marsad.store.base import AddOutcome, Store

#: Each entry upgrades the schema from version i to i+1. Never edit a released step:
#: append a new one.
MIGRATIONS: list[str] = [
    # 0 -> 1: articles, sentences, stage annotations and state
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        source_key TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        current INTEGER NOT NULL DEFAULT 1,
        path TEXT NOT NULL,
        url TEXT, outlet TEXT, title TEXT, author TEXT, published TEXT,
        place TEXT, agency TEXT,
        text TEXT NOT NULL,
        ingested_at REAL NOT NULL
    );
    CREATE INDEX articles_source ON articles(source_key, version);
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        i INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (article_id, i)
    ) WITHOUT ROWID;
    CREATE TABLE annotations (
        stage TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        value TEXT NOT NULL,
        PRIMARY KEY (stage, article_id)
    ) WITHOUT ROWID;
    CREATE TABLE stage_state (
        stage TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (stage, key)
    ) WITHOUT ROWID;
    """,
]


class SQLiteStore(Store):
    """A corpus in one SQLite file (``:memory:`` works for tests)."""

    SCHEMA_VERSION = len(MIGRATIONS)

    def __init__(self, path: str | Path = "marsad.db") -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self._db.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._depth = 0
        self._migrate()

    # --- schema --------------------------------------------------------------------

    def schema_version(self) -> int:
        """The version the file is at (0 for a new file)."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.schema_version()
        if current > self.SCHEMA_VERSION:
            raise RuntimeError(
                f"{self.path}: database schema v{current} is newer than this marsad "
                f"(v{self.SCHEMA_VERSION}); upgrade marsad"
            )
        for version in range(current, self.SCHEMA_VERSION):
            with self.transaction():
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {version + 1}")

    # --- transactions --------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._depth = 0

    # --- articles ------------------------------------------------------------------

    def add_article(self, article: Article) -> AddOutcome:
        from marsad.ingest.identity import content_hash, normalized_from_sentences

        db = self._db
        with self.transaction():
            if db.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                return "unchanged"
            row = db.execute(
                "SELECT MAX(version) FROM articles WHERE source_key = ?", (article.source_key,)
            ).fetchone()
            previous = row[0] if row and row[0] is not None else 0
            if previous:
                db.execute("UPDATE articles SET current = 0 WHERE source_key = ?", (article.source_key,))
            article.version = previous + 1
            db.execute(
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
            db.executemany(
                'INSERT INTO sentences (article_id, i, start, "end") VALUES (?,?,?,?)',
                [(article.id, s.i, s.start, s.end) for s in article.sentences],
            )
        return "new_version" if previous else "new"

    def iter_articles(self, current_only: bool = True) -> Iterator[Article]:
        where = "WHERE current = 1" if current_only else ""
        rows = self._db.execute(
            "SELECT id, text, path, title, url, outlet, author, published, place, agency,"
            f" source_key, version FROM articles {where} ORDER BY rowid"
        ).fetchall()
        names = ("id", "text", "path", "title", "url", "outlet", "author", "published", "place", "agency",
                 "source_key", "version")
        for row in rows:
            article = Article(**dict(zip(names, row, strict=True)))
            spans = self._db.execute(
                'SELECT i, start, "end" FROM sentences WHERE article_id = ? ORDER BY i', (article.id,)
            ).fetchall()
            text = article.text
            article.sentences = [
                Sentence(i, s, e, text[s:e], normalize(text[s:e])) for i, s, e in spans
            ]
            yield article

    def count_articles(self, current_only: bool = True) -> int:
        where = "WHERE current = 1" if current_only else ""
        return int(self._db.execute(f"SELECT COUNT(*) FROM articles {where}").fetchone()[0])

    def delete_article(self, article_id: str) -> bool:
        with self.transaction():
            row = self._db.execute(
                "SELECT source_key, current FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if not row:
                return False
            self._db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            if row[1]:  # the newest remaining version becomes current again
                self._db.execute(
                    "UPDATE articles SET current = 1 WHERE source_key = ? AND version ="
                    " (SELECT MAX(version) FROM articles WHERE source_key = ?)",
                    (row[0], row[0]),
                )
        return True

    # --- stage data ----------------------------------------------------------------

    def get_annotation(self, stage: str, article_id: str) -> Any | None:
        row = self._db.execute(
            "SELECT value FROM annotations WHERE stage = ? AND article_id = ?", (stage, article_id)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def put_annotation(self, stage: str, article_id: str, value: Any) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO annotations (stage, article_id, value) VALUES (?,?,?)",
                (stage, article_id, json.dumps(value, ensure_ascii=False)),
            )

    def get_state(self, stage: str, key: str) -> Any | None:
        row = self._db.execute(
            "SELECT value FROM stage_state WHERE stage = ? AND key = ?", (stage, key)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def set_state(self, stage: str, key: str, value: Any) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO stage_state (stage, key, value) VALUES (?,?,?)",
                (stage, key, json.dumps(value, ensure_ascii=False)),
            )

    def close(self) -> None:
        self._db.close()
