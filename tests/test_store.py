"""SQLite store: schema versions, identity, versions, and consistency after SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from marsad.ingest import read_paths
from marsad.ingest.identity import article_id
from marsad.model import Article
from marsad.store import SQLiteStore
from marsad.store.sqlite import MIGRATIONS

TEXT = "وصل الزعيم الكوري الشمالي إلى روسيا. وقال الكرملين إن القمة مهمة."


def make(text=TEXT, key="a.txt", outlet=None):
    from marsad.ingest import sentences_of

    return Article(id=article_id(text, outlet), text=text, path=key, outlet=outlet,
                   sentences=sentences_of(text), source_key=key)


def test_new_file_is_migrated_to_current_schema(tmp_path):
    store = SQLiteStore(tmp_path / "m.db")
    assert store.schema_version() == len(MIGRATIONS) == SQLiteStore.SCHEMA_VERSION
    store.close()
    # reopening does not re-run migrations
    store = SQLiteStore(tmp_path / "m.db")
    assert store.schema_version() == SQLiteStore.SCHEMA_VERSION
    store.close()


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "future.db"
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SQLiteStore.SCHEMA_VERSION + 5}")
    con.close()
    try:
        SQLiteStore(db)
    except RuntimeError as exc:
        assert "newer than this marsad" in str(exc)
    else:
        raise AssertionError("a newer schema must be refused")


def test_same_article_twice_adds_nothing_and_sentences_round_trip():
    store = SQLiteStore(":memory:")
    assert store.add_article(make()) == "new"
    assert store.add_article(make()) == "unchanged"
    (loaded,) = store.iter_articles()
    assert loaded.text == TEXT
    expected = ["وصل الزعيم الكوري الشمالي إلى روسيا.", "وقال الكرملين إن القمة مهمة."]
    assert [s.text for s in loaded.sentences] == expected
    assert loaded.sentences[0].norm.startswith("وصل الزعيم")


def test_changed_article_becomes_a_new_version():
    store = SQLiteStore(":memory:")
    store.add_article(make())
    assert store.add_article(make(TEXT + " وأضاف أن الزيارة تاريخية.")) == "new_version"
    assert store.count_articles() == 1 and store.count_articles(current_only=False) == 2
    (current,) = store.iter_articles()
    assert current.version == 2 and "تاريخية" in current.text
    assert store.delete_article(current.id)
    (back,) = store.iter_articles()
    assert back.version == 1


def test_stage_state_and_annotations_are_json():
    store = SQLiteStore(":memory:")
    art = make()
    store.add_article(art)
    store.set_state("dedup", "index", {"bands": [1, 2], "name": "بوتين"})
    store.put_annotation("quotes", art.id, [{"speaker": "بيسكوف"}])
    assert store.get_state("dedup", "index") == {"bands": [1, 2], "name": "بوتين"}
    assert store.get_annotation("quotes", art.id) == [{"speaker": "بيسكوف"}]
    assert store.get_state("dedup", "missing") is None
    store.delete_article(art.id)
    assert store.get_annotation("quotes", art.id) is None


def test_failed_transaction_leaves_nothing():
    store = SQLiteStore(":memory:")
    try:
        with store.transaction():
            store.add_article(make())
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert store.count_articles() == 0


INGEST_SCRIPT = """
import sys
from marsad.api import ingest
from marsad.store import open_store
store = open_store(sys.argv[1])
ingest([sys.argv[2]], store, show_progress=False)
store.close()
"""


def test_sigkill_mid_batch_leaves_a_consistent_store_and_the_next_run_completes(tmp_path):
    n = 3000
    src = tmp_path / "many.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(n):
            row = {"url": f"https://example.org/{i}", "source": "مثال",
                   "content": f"{TEXT} وهذا هو الخبر رقم {i} عن القمة بين الزعيمين في الشرق الأقصى."}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    db = tmp_path / "k.db"
    proc = subprocess.Popen([sys.executable, "-c", INGEST_SCRIPT, str(db), str(src)])
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                con = sqlite3.connect(db, timeout=1)
                stored = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                con.close()
            except sqlite3.OperationalError:
                continue
            if stored > 0:
                break
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    articles = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    orphans = con.execute(
        "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)"
    ).fetchone()[0]
    con.close()
    assert 0 < articles <= n and orphans == 0
    # the next run completes the work without duplicating anything
    subprocess.run([sys.executable, "-c", INGEST_SCRIPT, str(db), str(src)], check=True)
    store = SQLiteStore(db)
    assert store.count_articles() == n
    assert len({a.id for a in read_paths([str(src)])}) == n
    store.close()


def test_id_from_sentences_equals_id_from_text(seeds_dir):
    for article in read_paths([str(seeds_dir)]):
        assert article.id == article_id(article.text, article.outlet)
