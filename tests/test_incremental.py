"""Incremental runs (issue 14): a second batch gives what one run over both batches gives, and
only the results that changed are written; on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import json
import os
from pathlib import Path

from marsad.api import analyze
from marsad.store import open_store
from marsad.store.schema import RESULT_TABLES

#: two events, four outlets; one article is an agency copy of another (a duplicate family)
FIRST = {
    "a1.txt": "كيم يصل إلى روسيا\n\nوصل الزعيم الكوري الشمالي كيم جونغ أون إلى روسيا يوم الثلاثاء في زيارة "
              "نادرة. وقال المتحدث باسم الكرملين ديمتري بيسكوف إن الزعيمين سيناقشان مسائل حساسة.",
    "a2.txt": "أمطار غزيرة في جدة\n\nهطلت أمطار غزيرة على مدينة جدة صباح الأربعاء وأغلقت عدة طرق رئيسية. "
              "وقال الدفاع المدني إن فرقه تعاملت مع أكثر من مئة بلاغ.",
}
SECOND = {
    "b1.txt": "الزعيم الكوري في فلاديفوستوك\n\nوصل كيم جونج أون إلى فلاديفوستوك يوم الثلاثاء في زيارة نادرة "
              "إلى روسيا. وقال بيسكوف إن الزعيمين سيناقشان مسائل حساسة.",
    "b2.txt": "كيم يصل إلى روسيا\n\nوصل الزعيم الكوري الشمالي كيم جونغ أون إلى روسيا يوم الثلاثاء في زيارة "
              "نادرة. وقال المتحدث باسم الكرملين ديمتري بيسكوف إن الزعيمين سيناقشان مسائل حساسة. "
              "وأضاف أن الزيارة تستمر يومين.",
    "b3.txt": "جدة تحت المطر\n\nأغلقت أمطار غزيرة عدة طرق رئيسية في جدة صباح الأربعاء. وأعلن الدفاع المدني "
              "أنه تعامل مع أكثر من مئة بلاغ دون إصابات.",
}
OPTIONS = {"ner": "crf", "workers": 1}
#: report.json parts one run and two runs must give alike (stories: see docs/store.md)
PROMISED = ("articles", "duplicate_groups", "entities", "mentions", "quotes", "timerefs")


def _write(folder: Path, articles: dict[str, str]) -> None:
    folder.mkdir(parents=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")


def _analyze(root: Path, inputs: list[str], db: str, out: Path) -> dict:
    here = Path.cwd()
    os.chdir(root)
    try:
        analyze(inputs, db=db, out=out, published="2023-09-12", options=OPTIONS)
    finally:
        os.chdir(here)
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def _tables(location: str) -> dict[str, list[tuple]]:
    store = open_store(location)
    try:
        return {t: sorted(store.query(f"SELECT * FROM {t}"), key=repr) for t in RESULT_TABLES}
    finally:
        store.close()


def _stories_without_history(report: dict) -> list[dict]:
    return [{k: v for k, v in s.items() if k != "history"} for s in report["stories"]]


def test_two_batches_give_what_one_run_gives(tmp_path, store_location):
    """Batch one, then batch two into the same store, equals both batches in one run (a fresh store)."""
    _write(tmp_path / "one", FIRST)
    _write(tmp_path / "two", SECOND)
    _analyze(tmp_path, ["one"], store_location, tmp_path / "r1")
    twice = _analyze(tmp_path, ["two"], store_location, tmp_path / "r2")
    once = _analyze(tmp_path, ["one", "two"], str(tmp_path / "once.db"), tmp_path / "r-once")
    for part in PROMISED:
        assert twice[part] == once[part], part
    # stories: the same on this input (placement order may differ on others; docs/store.md)
    differing = [s for s in _stories_without_history(twice) if s not in _stories_without_history(once)]
    print("stories differing between two batches and one run (id, title):",
          [(s["id"], s["title"]) for s in differing])
    assert len(twice["stories"]) == len(once["stories"])
    assert {frozenset(s["articles"]) for s in twice["stories"]} == {frozenset(s["articles"]) for s in once["stories"]}


def _rewrite_all(store, tables):  # the writer before issue 14's incremental runs: delete all, insert all
    from marsad.store import results

    for table in reversed(RESULT_TABLES):
        store._execute(f"DELETE FROM {table}")
    for table in RESULT_TABLES:
        columns, rows = tables.rows.get(table, ([], []))
        if rows:
            store._executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})",
                               rows)
    return results.WriteCounts(inserted=sum(len(r) for _, r in tables.rows.values()))


def test_results_are_written_as_a_difference(tmp_path, store_location, monkeypatch):
    """Saving the same results again writes nothing; after a second batch the tables written as a
    difference equal those of the same two runs written whole."""
    from marsad.store import results

    _write(tmp_path / "one", FIRST)
    _write(tmp_path / "two", SECOND)
    _analyze(tmp_path, ["one"], store_location, tmp_path / "r1")
    store = open_store(store_location)
    try:
        corpus = store.load_results()
        with store.transaction():
            counts = results.write_results(store, corpus)
        assert (counts.inserted, counts.updated, counts.deleted) == (0, 0, 0)
        assert counts.unchanged > 0
    finally:
        store.close()
    _analyze(tmp_path, ["two"], store_location, tmp_path / "r2")
    whole = str(tmp_path / "whole.db")
    with monkeypatch.context() as patch:
        patch.setattr(results, "_sync", _rewrite_all)
        _analyze(tmp_path, ["one"], whole, tmp_path / "w1")
        _analyze(tmp_path, ["two"], whole, tmp_path / "w2")
    incremental, reference = _tables(store_location), _tables(whole)
    for table in RESULT_TABLES:
        assert incremental[table] == reference[table], table
    assert incremental["stories"] and incremental["mentions"] and incremental["claims"]
