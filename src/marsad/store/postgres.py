"""PostgreSQL store: the same schema and migrations as SQLite (``schema.py``), over psycopg 3.

Selected by a ``postgresql://`` (or ``postgres://``) URL. Several processes may share one
database: every write transaction first takes one advisory lock, so writers run one after
the other as they do on SQLite (``BEGIN IMMEDIATE``), and readers never wait. The schema
version lives in the table ``marsad_schema``; migrations run under the same lock, inside
the transaction that records the new version, so a run killed during a migration leaves
the old schema whole (PostgreSQL's DDL is transactional).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from marsad.store.schema import MIGRATIONS, statements
from marsad.store.sql import SQLStore, StoreError

#: the advisory lock every marsad write transaction takes (an arbitrary constant: "marsad" in ASCII)
WRITE_LOCK = 0x6D61727361640

_PLACEHOLDER = re.compile(r"\?")


def _pg_sql(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (our SQL has no literal ``?`` or ``%``)."""
    return _PLACEHOLDER.sub("%s", sql)


def redact(url: str) -> str:
    """``url`` without its password, for messages."""
    return re.sub(r"://([^:/@]+):[^@/]*@", r"://\1:***@", url)


class PostgresStore(SQLStore):
    """A corpus in a PostgreSQL database."""

    SCHEMA_VERSION = len(MIGRATIONS)
    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        import psycopg

        self.path = redact(url)
        self._depth = 0
        try:
            self._db = psycopg.connect(url, autocommit=True, connect_timeout=30)
        except psycopg.Error as exc:
            raise StoreError(f"{self.path}: cannot connect to PostgreSQL ({str(exc).strip()})") from exc
        try:
            self._migrate()
        except psycopg.Error as exc:
            self._db.close()
            raise StoreError(f"{self.path}: database error ({str(exc).strip()})") from exc
        except StoreError:
            self._db.close()
            raise

    # --- schema --------------------------------------------------------------------

    def schema_version(self) -> int:
        """The version the database is at (0 for a new database)."""
        if self._db.execute("SELECT to_regclass('marsad_schema')").fetchone()[0] is None:
            return 0
        row = self._db.execute("SELECT version FROM marsad_schema").fetchone()
        return int(row[0]) if row else 0

    def _check_version(self, current: int) -> None:
        if current > self.SCHEMA_VERSION:
            raise StoreError(f"{self.path}: database schema v{current} is newer than this marsad "
                             f"(v{self.SCHEMA_VERSION}); upgrade marsad")

    def _migrate(self) -> None:
        self._check_version(self.schema_version())
        if self.schema_version() == self.SCHEMA_VERSION:
            return
        with self.transaction():
            current = self.schema_version()
            self._check_version(current)
            if current == 0:
                if self._db.execute("SELECT to_regclass('articles')").fetchone()[0] is not None:
                    raise StoreError(f"{self.path}: a PostgreSQL database, but not marsad's (it has its own "
                                     "'articles' table); choose another database")
                self._db.execute("CREATE TABLE marsad_schema (version INTEGER NOT NULL)")
                self._db.execute("INSERT INTO marsad_schema (version) VALUES (0)")
            for version in range(current, self.SCHEMA_VERSION):
                for statement in statements(version, "postgresql"):
                    self._db.execute(statement)
                self._db.execute("UPDATE marsad_schema SET version = %s", (version + 1,))

    # --- statements ---------------------------------------------------------------

    def _on_begin(self) -> None:
        self._db.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._db.execute(_pg_sql(sql), tuple(params) if params else None)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._db.cursor() as cur:
                cur.executemany(_pg_sql(sql), rows)

    def close(self) -> None:
        self._db.close()
