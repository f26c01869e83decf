"""Do the incremental caches change results? (issue 14)

Copies a SQLite store analysed before, runs this code's catch-up on it (an analysis with no new
article, which fills the per-article caches), copies that, deletes the caches of the incremental
path in the copy (``annotations`` of ``quotes``, the entities stage's scan, word-count and facility tables),
adds the same new articles to both and compares every result table row by row. Prints the CPU of
both adds and the tables that differ (none expected).

    python benchmarks/store_identical.py --older-store OLDER.db --new-file NEW.jsonl --out DIR
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
from pathlib import Path

from marsad.api import analyze
from marsad.store import open_store
from marsad.store.schema import RESULT_TABLES

#: the caches of the incremental path (per-article results other stages keep were there before): annotations
#: of these stages, and the tables of the entities stage's corpus state (the scan per sentence, the word counts,
#: the facility-name pass's statistics, the span-completion pass's, the person-name rule's, the bound-word and
#: team rules' and the consistency decisions' counts, decisions and the answers they read)
CACHES = ("quotes",)
CACHE_TABLES = ("entity_scan_sentences", "entity_scan_articles", "entity_article_words", "entity_corpus_words",
                "entity_facility_articles", "entity_facility_sums", "entity_facility_names",
                "entity_span_articles", "entity_span_sums", "entity_span_reads",
                "entity_person_articles", "entity_person_sums", "entity_person_reads", "entity_person_answers",
                "entity_bind_articles", "entity_bind_sums", "entity_bind_reads", "entity_bind_answers",
                "entity_club_articles", "entity_club_sums", "entity_club_reads",
                "entity_consist_articles", "entity_consist_sums", "entity_consist_reads", "entity_consist_answers")


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _tables(location: Path) -> dict[str, list[tuple]]:
    store = open_store(str(location))
    try:
        return {t: sorted(store.query(f"SELECT * FROM {t}"), key=repr) for t in RESULT_TABLES}
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--older-store", type=Path, required=True, help="a SQLite store (not changed: copied)")
    parser.add_argument("--new-file", type=Path, required=True, help="the new articles (JSONL) to add")
    parser.add_argument("--out", type=Path, required=True, help="folder for the two copies")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    options = {"ner": "crf", "workers": args.workers}
    args.out.mkdir(parents=True, exist_ok=True)
    cached, wiped = args.out / "cached.db", args.out / "wiped.db"
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(args.older_store) + suffix)
        if source.exists():
            shutil.copyfile(source, str(cached) + suffix)
    started = _cpu()
    analyze([], db=str(cached), out=None, options=options)
    print(f"catch-up: {_cpu() - started:.1f} s CPU", flush=True)
    con = sqlite3.connect(cached)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copyfile(cached, wiped)
    con = sqlite3.connect(wiped)
    deleted = con.execute(f"DELETE FROM annotations WHERE stage IN ({','.join('?' * len(CACHES))})", CACHES).rowcount
    for table in CACHE_TABLES:
        deleted += con.execute(f"DELETE FROM {table}").rowcount
    con.commit()
    con.close()
    print(f"caches deleted in the copy: {deleted} rows ({', '.join(CACHES + CACHE_TABLES)})", flush=True)
    for location in (cached, wiped):
        started = _cpu()
        analyze([str(args.new_file)], db=str(location), out=None, options=options)
        print(f"add to {location.name}: {_cpu() - started:.1f} s CPU", flush=True)
    left, right = _tables(cached), _tables(wiped)
    differing = [t for t in RESULT_TABLES if left[t] != right[t]]
    print(f"{len(RESULT_TABLES)} result tables, {sum(len(v) for v in left.values())} rows; differing: "
          f"{', '.join(differing) or 'none'}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
