"""SQLite store (the default): one file, WAL journal, versioned schema with migrations.

Safe for two processes: the schema is created or migrated inside one ``BEGIN IMMEDIATE``
transaction, so a second process opening a new file waits and then finds it ready. A
locked, damaged, foreign or newer database raises :class:`StoreError` with a message
for people. Stored results never depend on input order: articles come back in the order
of their paths, and of exact copies (same outlet, same text) the one with the first path
is the one kept, whichever was read first.
"""

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

#: seconds a process waits for another one's write transaction before giving up
LOCK_TIMEOUT = 30


class StoreError(RuntimeError):
    """The database cannot be used; the message says why and what to do."""


def describe_database_error(path: str, exc: BaseException) -> str:
    """A message for people about an SQLite error on the database at ``path``."""
    text = str(exc)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return (f"{path}: the database is locked by another process (waited {LOCK_TIMEOUT} s); "
                "run again when the other marsad run has finished")
    if any(k in lowered for k in ("not a database", "malformed", "disk image", "file is encrypted")):
        return (f"{path}: not a marsad database, or a damaged one ({text}); "
                "restore it from a backup or choose another --db")
    if "readonly" in lowered or "unable to open" in lowered:
        return f"{path}: cannot write the database ({text})"
    return f"{path}: database error ({text})"


def path_order(path: str) -> tuple[tuple[str, ...], int]:
    """Sort key of an article path: its folder parts, then the JSONL line as a number
    (``a.jsonl:10`` after ``a.jsonl:9``)."""
    head, _, tail = path.rpartition(":")
    if head and tail.isdigit():
        return Path(head).parts, int(tail)
    return Path(path).parts, 0

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
        self._depth = 0
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=LOCK_TIMEOUT)
        try:
            self._db.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self._enable_wal()
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(describe_database_error(self.path, exc)) from exc
        except StoreError:
            self._db.close()
            raise

    def _enable_wal(self) -> None:
        """Switch the file to the WAL journal. SQLite answers "locked" at once, without its busy
        wait, while another process switches the same new file, so retry for up to LOCK_TIMEOUT s."""
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                self._db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    # --- schema --------------------------------------------------------------------

    def schema_version(self) -> int:
        """The version the file is at (0 for a new file)."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _check_version(self, current: int) -> None:
        if current > self.SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: database schema v{current} is newer than this marsad "
                f"(v{self.SCHEMA_VERSION}); upgrade marsad"
            )

    def _migrate(self) -> None:
        """Bring the schema up to date. The version is read again inside the write
        transaction, so two processes never both create the tables."""
        self._check_version(self.schema_version())
        if self.schema_version() == self.SCHEMA_VERSION:
            return
        with self.transaction():
            current = self.schema_version()
            self._check_version(current)
            if current == 0 and self._db.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'articles'"
            ).fetchone():
                raise StoreError(f"{self.path}: an SQLite database, but not marsad's (it has its own "
                                 "'articles' table); choose another --db")
            for version in range(current, self.SCHEMA_VERSION):
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
            stored = db.execute("SELECT source_key, path FROM articles WHERE id = ?", (article.id,)).fetchone()
            if stored:
                if (path_order(article.path), article.source_key) < (path_order(stored[1]), stored[0]):
                    self._keep_first_copy(article, stored[0])
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

    def _keep_first_copy(self, article: Article, stored_key: str) -> None:
        """Of two exact copies (same id), keep the one with the first path, so the stored
        copy never depends on reading order. A copy already in a version chain stays."""
        db = self._db
        if stored_key != article.source_key:
            chained = db.execute(
                "SELECT COUNT(*) FROM articles WHERE source_key IN (?, ?)", (stored_key, article.source_key)
            ).fetchone()[0]
            if chained > 1:
                return
        old_text = db.execute("SELECT text FROM articles WHERE id = ?", (article.id,)).fetchone()[0]
        db.execute(
            "UPDATE articles SET source_key = ?, path = ?, url = ?, outlet = ?, title = ?, author = ?,"
            " published = ?, place = ?, agency = ?, text = ? WHERE id = ?",
            (article.source_key, article.path, article.url, article.outlet, article.title, article.author,
             article.published, article.place, article.agency, article.text, article.id),
        )
        if old_text != article.text:  # offsets changed: sentences anew, cached annotations dropped
            db.execute("DELETE FROM sentences WHERE article_id = ?", (article.id,))
            db.execute("DELETE FROM annotations WHERE article_id = ?", (article.id,))
            db.executemany(
                'INSERT INTO sentences (article_id, i, start, "end") VALUES (?,?,?,?)',
                [(article.id, s.i, s.start, s.end) for s in article.sentences],
            )

    def iter_articles(self, current_only: bool = True) -> Iterator[Article]:
        """Stored articles in the order of their paths (then source key, version), so the
        corpus is the same whatever order the inputs were read in."""
        where = "WHERE current = 1" if current_only else ""
        rows = self._db.execute(
            "SELECT id, text, path, title, url, outlet, author, published, place, agency,"
            f" source_key, version FROM articles {where}"
        ).fetchall()
        rows.sort(key=lambda r: (path_order(r[2]), r[10], r[11], r[0]))
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
