"""Persistence behind one interface: :class:`Store`; :func:`open_store` picks the backend."""

from __future__ import annotations

from pathlib import Path

from marsad.store.base import Store
from marsad.store.sqlite import SQLiteStore, StoreError, describe_database_error


def open_store(location: str | Path) -> Store:
    """Open the store at ``location``: a file path (SQLite) or ``:memory:``.

    A ``postgresql://`` URL is reserved for the PostgreSQL backend (not built yet).
    """
    text = str(location)
    if text.startswith(("postgres://", "postgresql://")):
        raise NotImplementedError("the PostgreSQL store is not built yet; use a SQLite path")
    return SQLiteStore(text)


__all__ = ["SQLiteStore", "Store", "StoreError", "describe_database_error", "open_store"]
