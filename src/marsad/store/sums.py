"""Corpus statistics kept in the store as per-article rows plus a running sum (issue 14).

A corpus pass whose statistics are a sum over articles keeps, per article, the key of what its row was
made from and its packed counts, and the sum of those counts key by key. A run brings both to the
current corpus by the difference alone: :func:`rows_to_redo` says which stored rows are stale and which
articles must be computed, :func:`stored_counts` reads what the stale rows contributed, and
:func:`add_to_sum` applies the difference. Callers do all of it in one transaction with their own rows,
so the sum always equals the sum of the stored rows, whatever moment a run is killed at
(``stages/entities/corpus_state.py`` and ``stages/entities/facility_state.py`` use it).

Table and column names are the callers' constants, never user input.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from marsad.store.base import Store

#: keys per ``IN (…)`` query
CHUNK = 500


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    """``items`` in consecutive slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def pack_counts(counts: Mapping[str, int]) -> str:
    """Additive counts as one string for the store: a line per key (key, tab, count). A key may hold
    spaces and tabs (the count is after the last tab), never a line break."""
    return "\n".join(f"{k}\t{n}" for k, n in counts.items())


def unpack_counts(text: str) -> Counter[str]:
    """The counts :func:`pack_counts` packed."""
    counts: Counter[str] = Counter()
    for line in text.split("\n") if text else ():
        key, _, n = line.rpartition("\t")
        counts[key] = int(n)
    return counts


def rows_to_redo(store: Store, table: str, want: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """``(stale, fresh)`` for a table of per-article rows keyed ``article_id`` with a ``layout`` key:
    the stored article ids to take away (gone from ``want``, or made from another key), sorted, and the
    ids of ``want`` (article id → key) to compute, in ``want``'s order."""
    stored = dict(store.query(f"SELECT article_id, layout FROM {table}"))
    stale = sorted(i for i, key in stored.items() if want.get(i) != key)
    fresh = [i for i, key in want.items() if stored.get(i) != key]
    return stale, fresh


def stored_counts(store: Store, table: str, column: str, ids: Sequence[str]) -> Counter[str]:
    """The sum of the packed counts in ``column`` of the rows of ``ids`` in ``table``."""
    total: Counter[str] = Counter()
    for chunk in chunks(ids):
        marks = ",".join("?" * len(chunk))
        for (packed,) in store.query(f"SELECT {column} FROM {table} WHERE article_id IN ({marks})", list(chunk)):
            total.update(unpack_counts(packed))
    return total


def add_to_sum(store: Store, table: str, key_column: str, delta: Mapping[str, int]) -> None:
    """Add ``delta`` to the running sum in ``table`` (``key_column``, ``n``); a key whose sum reaches 0
    is deleted, so the table holds exactly the keys with a count."""
    changes = sorted((k, n) for k, n in delta.items() if n)
    store.executemany(
        f"INSERT INTO {table} ({key_column}, n) VALUES (?,?)"
        f" ON CONFLICT ({key_column}) DO UPDATE SET n = {table}.n + excluded.n", changes)
    store.executemany(f"DELETE FROM {table} WHERE {key_column} = ? AND n = 0", [(k,) for k, n in changes if n < 0])


def read_sum(store: Store, table: str, key_column: str, keys: set[str]) -> dict[str, int]:
    """The running sum's count of each of ``keys`` that has one."""
    found: dict[str, int] = {}
    for chunk in chunks(sorted(keys)):
        marks = ",".join("?" * len(chunk))
        for key, n in store.query(f"SELECT {key_column}, n FROM {table} WHERE {key_column} IN ({marks})",
                                  list(chunk)):
            found[key] = int(n)
    return found
