"""Persistence behind one interface: :class:`Store`; :func:`open_store` picks the backend."""

from __future__ import annotations

from pathlib import Path

from marsad.store.base import Store
from marsad.store.sqlite import SQLiteStore, StoreError, describe_database_error


def is_postgres_url(location: str | Path) -> bool:
    """True when ``location`` names a PostgreSQL database rather than an SQLite file."""
    return str(location).startswith(("postgres://", "postgresql://"))


def open_store(location: str | Path) -> Store:
    """Open the store at ``location``: a ``postgresql://`` URL (PostgreSQL, psycopg 3), or a file
    path or ``:memory:`` (SQLite)."""
    text = str(location)
    if is_postgres_url(text):
        from marsad.store.postgres import PostgresStore

        return PostgresStore(text)
    return SQLiteStore(text)


__all__ = ["SQLiteStore", "Store", "StoreError", "describe_database_error", "is_postgres_url", "open_store"]
