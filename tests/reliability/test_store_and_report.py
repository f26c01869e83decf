"""Two runs at once, damaged databases, the report written as a whole, order-independent
results and bidi-safe pages (issue 17)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import marsad
from marsad.cli import main
from marsad.ingest import sentences_of
from marsad.model import Article, Corpus, Story

from .inputs import ARABIC

#: the marsad under test (its subprocesses import the same one)
SRC = Path(marsad.__file__).resolve().parents[1]

OPEN_AT_ONCE = """
import os, sys, time
from marsad.ingest import sentences_of
from marsad.model import Article
from marsad.store import SQLiteStore
while not os.path.exists(sys.argv[2]):
    time.sleep(0.001)
store = SQLiteStore(sys.argv[1])
text = "خبر رقم " + sys.argv[3] + " عن القمة."
store.add_article(Article(id="a" + sys.argv[3], text=text, path=sys.argv[3], sentences=sentences_of(text),
                          source_key=sys.argv[3]))
store.close()
"""


def test_processes_opening_a_new_database_at_once_all_succeed(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    for attempt in range(3):
        db, go = tmp_path / f"new{attempt}.db", tmp_path / f"go{attempt}"
        procs = [subprocess.Popen([sys.executable, "-c", OPEN_AT_ONCE, str(db), str(go), str(i)], env=env,
                                  stderr=subprocess.PIPE, text=True) for i in range(5)]
        time.sleep(1.5)  # all five are waiting at the start line
        go.touch()
        errors = [p.communicate(timeout=120)[1] for p in procs]
        assert [p.returncode for p in procs] == [0] * 5, errors
        con = sqlite3.connect(db)
        assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 5
        con.close()


def _analyze(capsys, *args: str) -> tuple[int, str]:
    code = main(["analyze", *args, "-q", "--ner", "crf"])
    return code, capsys.readouterr().err


@pytest.fixture
def article_file(tmp_path) -> Path:
    f = tmp_path / "a.txt"
    f.write_text(ARABIC, encoding="utf-8")
    return f


def test_damaged_database_gives_a_message_not_a_traceback(tmp_path, capsys, article_file):
    db = tmp_path / "junk.db"
    db.write_bytes(b"this is not a database at all" * 200)
    code, err = _analyze(capsys, str(article_file), "--db", str(db), "--out", str(tmp_path / "r"))
    assert code == 1 and "not a marsad database, or a damaged one" in err and "Traceback" not in err


def test_truncated_database_gives_a_message_not_a_traceback(tmp_path, capsys, article_file):
    db = tmp_path / "cut.db"
    from marsad.store import SQLiteStore

    store = SQLiteStore(db)
    for i in range(300):
        text = f"{ARABIC} الخبر رقم {i}."
        store.add_article(Article(id=f"a{i}", text=text, path=f"p{i}", sentences=sentences_of(text),
                                  source_key=f"k{i}"))
    store.close()
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    code, err = _analyze(capsys, str(article_file), "--db", str(db), "--out", str(tmp_path / "r"))
    assert code == 1 and "damaged" in err and "Traceback" not in err


def test_newer_database_gives_a_message(tmp_path, capsys, article_file):
    db = tmp_path / "future.db"
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    con.close()
    code, err = _analyze(capsys, str(article_file), "--db", str(db), "--out", str(tmp_path / "r"))
    assert code == 1 and "newer than this marsad" in err


def test_locked_database_gives_a_message(tmp_path, capsys, article_file, monkeypatch):
    import marsad.store.sqlite as sqlite_module

    db = tmp_path / "busy.db"
    sqlite_module.SQLiteStore(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(sqlite_module, "LOCK_TIMEOUT", 0.2)
    try:
        code, err = _analyze(capsys, str(article_file), "--db", str(db), "--out", str(tmp_path / "r"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1 and "locked by another process" in err and "Traceback" not in err


# --- order never changes results -------------------------------------------------------

def test_the_same_input_in_two_orders_gives_the_same_report(tmp_path, monkeypatch):
    from marsad.api import analyze

    wire = f"{ARABIC} وأضاف أن القمة تعقد في فلاديفوستوك."
    rows_a = [{"source": "وكالة", "url": "https://a.example/1", "content": wire},
              {"source": "صحيفة", "url": "https://a.example/2", "content": ARABIC}]
    rows_b = [{"source": "وكالة", "url": "https://b.example/9", "content": wire},  # exact copy of a.jsonl:1
              {"source": "مجلة", "url": "https://b.example/8", "content": ARABIC.replace("روسيا", "موسكو")}]
    monkeypatch.chdir(tmp_path)
    for name, rows in (("a.jsonl", rows_a), ("b.jsonl", rows_b)):
        Path(name).write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    reports = []
    for order in (["a.jsonl", "b.jsonl"], ["b.jsonl", "a.jsonl"]):
        out = "-".join(order)
        analyze(order, db=f"{out}.db", out=out, options={"ner": "crf", "embeddings": False})
        reports.append(json.loads((Path(out) / "report.json").read_text("utf-8")))
    assert reports[0] == reports[1]
    urls = [a["url"] for a in reports[0]["articles"]]
    assert "https://a.example/1" in urls and "https://b.example/9" not in urls  # the copy at the first path


# --- the report folder is replaced as a whole -------------------------------------------

def _corpus(stories: int, outlet: str = "الجزيرة") -> Corpus:
    articles = []
    for i in range(stories):
        text = f"{ARABIC} الخبر رقم {i}."
        articles.append(Article(id=f"a{i}", text=text, path=f"p{i}", outlet=outlet, title=f"عنوان {i}",
                                sentences=sentences_of(text), source_key=f"k{i}"))
    return Corpus(articles=articles, stories=[Story(f"s{i}", f"قصة {i}", [f"a{i}"]) for i in range(stories)])


def test_stale_story_pages_are_removed_and_modes_are_normal(tmp_path):
    from marsad.report.writer import write_report

    out = tmp_path / "report"
    old_mask = os.umask(0o022)
    try:
        write_report(_corpus(3), out)
        assert (out / "stories" / "s2.html").exists()
        write_report(_corpus(1), out)
    finally:
        os.umask(old_mask)
    assert sorted(p.name for p in (out / "stories").iterdir()) == ["s0.html"]
    assert {oct(p.stat().st_mode & 0o777) for p in out.rglob("*") if p.is_file()} == {"0o644"}
    assert {oct(p.stat().st_mode & 0o777) for p in [out, out / "stories"]} == {"0o755"}
    assert [p.name for p in tmp_path.iterdir()] == ["report"]  # no temporary files beside it


def test_a_failed_report_leaves_the_previous_one_and_no_temporary_files(tmp_path, monkeypatch):
    import marsad.report.pages as pages
    import marsad.report.writer as writer

    out = tmp_path / "report"
    writer.write_report(_corpus(2), out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(template, context):
        raise RuntimeError("template failed")

    monkeypatch.setattr(pages, "render_page", broken)
    with pytest.raises(RuntimeError):
        writer.write_report(_corpus(3), out)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


def test_a_folder_that_is_not_a_report_is_never_replaced(tmp_path):
    from marsad.report.writer import ReportError, write_report

    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.txt").write_text("مسودة", encoding="utf-8")
    with pytest.raises(ReportError, match="not a marsad report folder"):
        write_report(_corpus(1), out)
    assert [p.name for p in out.iterdir()] == ["thesis.txt"]


# --- bidi -------------------------------------------------------------------------------

def test_bidi_overrides_cannot_spoof_the_report(tmp_path):
    from marsad.report.writer import build_report, render_pages

    corpus = _corpus(1, outlet="\u202eanirazaj-la")
    corpus.articles[0].title = "عاجل \u202e\u2067تحذير\u2069"
    corpus.stories[0].title = "\u202dقصة"
    pages = render_pages(build_report(corpus))
    for html in pages.values():
        assert not any(ch in html for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    front = pages["report.html"]
    assert "<bdi>anirazaj-la</bdi>" in front
    assert "<bdi>عاجل تحذير</bdi>" in front
