"""SQLite store (the default): one file, WAL journal, versioned schema with migrations.

Safe for two processes: the schema is created or migrated inside one ``BEGIN IMMEDIATE``
transaction, so a second process opening a new file waits and then finds it ready. A
locked, damaged, foreign or newer database raises :class:`StoreError` with a message
for people. Stored results never depend on input order: articles come back in the order
of their paths, and of exact copies (same outlet, same text) the one with the first path
is the one kept, whichever was read first.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from marsad.store.schema import MIGRATIONS, statements
from marsad.store.sql import SQLStore, StoreError, path_order

__all__ = ["MIGRATIONS", "SQLiteStore", "StoreError", "describe_database_error", "path_order"]

#: seconds a process waits for another one's write transaction before giving up
LOCK_TIMEOUT = 30


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



class SQLiteStore(SQLStore):
    """A corpus in one SQLite file (``:memory:`` works for tests)."""

    SCHEMA_VERSION = len(MIGRATIONS)
    dialect = "sqlite"
    BEGIN = "BEGIN IMMEDIATE"

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
                for statement in statements(version, "sqlite"):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {version + 1}")

    # --- statements ---------------------------------------------------------------

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self._db.execute(sql, params)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._db.executemany(sql, rows)

    def close(self) -> None:
        self._db.close()
