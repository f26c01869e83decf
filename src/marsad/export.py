"""Exports of the stored results (``marsad export``): articles, quotes, claims or entities as
JSON Lines, CSV or Parquet, one row per record, read straight from the store's tables."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from marsad.store.base import Store

WHAT = ("articles", "quotes", "claims", "entities")
FORMATS = ("jsonl", "csv", "parquet")

_SQL = {
    "articles": (
        "SELECT a.id, a.outlet, a.published, a.title, a.url, a.author, a.place, a.agency, a.version, a.path,"
        " (SELECT MIN(s.story_id) FROM story_articles s WHERE s.article_id = a.id) AS story, a.text"
        " FROM articles a WHERE a.current = 1 ORDER BY a.published, a.id"
    ),
    "quotes": (
        "SELECT q.id, q.article_id AS article, a.outlet, a.published, q.speaker_text AS speaker,"
        " q.speaker_name, q.speaker_entity, e.name AS speaker_entity_name, q.speaker_kind, q.speaker_role,"
        " q.cue, q.direct, q.content, q.sentence, q.start, q.\"end\""
        " FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker_entity"
        " ORDER BY q.ord"
    ),
    "claims": (
        "SELECT c.story_id AS story, c.id, c.text, c.status, c.independent_sources, c.modality,"
        " (SELECT COUNT(*) FROM claim_sources s WHERE s.story_id = c.story_id AND s.claim_ord = c.ord) AS sources"
        " FROM claims c JOIN stories st ON st.id = c.story_id ORDER BY st.ord, c.ord"
    ),
    "entities": (
        "SELECT e.id, e.name, e.type, e.mentions,"
        " (SELECT COUNT(*) FROM entity_articles x WHERE x.entity_id = e.id) AS articles"
        " FROM entities e ORDER BY e.ord"
    ),
}

#: the names of the columns each query above returns
COLUMNS = {
    "articles": ["id", "outlet", "published", "title", "url", "author", "place", "agency", "version", "path",
                 "story", "text"],
    "quotes": ["id", "article", "outlet", "published", "speaker", "speaker_name", "speaker_entity",
               "speaker_entity_name", "speaker_kind", "speaker_role", "cue", "direct", "content", "sentence",
               "start", "end"],
    "claims": ["story", "id", "text", "status", "independent_sources", "modality", "sources"],
    "entities": ["id", "name", "type", "mentions", "articles"],
}

#: list-valued columns added per record (one query each, grouped in Python)
_LISTS = {
    "claims": {
        "articles": "SELECT s.story_id || '/' || c.id, s.article_id FROM claim_sources s JOIN claims c"
                    " ON c.story_id = s.story_id AND c.ord = s.claim_ord ORDER BY s.story_id, s.claim_ord, s.ord",
    },
    "entities": {
        "variants": "SELECT entity_id, spelling FROM entity_variants ORDER BY entity_id, ord",
        "roles": "SELECT entity_id, role FROM entity_roles ORDER BY entity_id, ord",
    },
    "quotes": {
        "via": "SELECT quote_id, outlet FROM quote_via ORDER BY quote_id, ord",
    },
}


def records(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """The stored ``what`` as dicts (lists as lists), in a stable order."""
    cursor_rows = store.query(_SQL[what])
    columns = COLUMNS[what]
    lists: dict[str, dict[str, list[str]]] = {}
    for name, sql in _LISTS.get(what, {}).items():
        grouped: dict[str, list[str]] = {}
        for key, value in store.query(sql):
            grouped.setdefault(key, []).append(value)
        lists[name] = grouped
    for row in cursor_rows:
        record = dict(zip(columns, row, strict=True))
        if "direct" in record:
            record["direct"] = bool(record["direct"])
        key = f"{record['story']}/{record['id']}" if what == "claims" else record["id"]
        for name, grouped in lists.items():
            record[name] = grouped.get(key, [])
        yield record


def export(store: Store, what: str, fmt: str, out: IO[str] | Path | None = None) -> int:
    """Write the stored ``what`` in ``fmt`` to ``out`` (a text stream, a file path, or stdout;
    Parquet needs a path); returns the number of records."""
    rows = list(records(store, what))
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not isinstance(out, Path):
            raise ValueError("--format parquet needs --out FILE")
        table = pa.Table.from_pylist(rows) if rows else pa.table({})
        pq.write_table(table, out)
        return len(rows)
    stream = sys.stdout if out is None else out
    close = False
    if isinstance(stream, Path):
        stream = open(stream, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed below)
        close = True
    try:
        if fmt == "jsonl":
            for row in rows:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            fields = list(rows[0]) if rows else []
            writer = csv.DictWriter(stream, fieldnames=fields)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: "|".join(v) if isinstance(v, list) else v for k, v in row.items()})
    finally:
        if close:
            stream.close()
    return len(rows)
