"""Both store backends (issue 14): the same schema, articles, stage data and results tables on
SQLite and on a real PostgreSQL server; identical reports; consistent after SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from marsad.api import analyze, report
from marsad.ingest import sentences_of
from marsad.ingest.identity import article_id
from marsad.model import (
    Article,
    Citation,
    Claim,
    Corpus,
    DuplicateGroup,
    DuplicateMember,
    Entity,
    Mention,
    Quote,
    Speaker,
    Story,
    SummarySentence,
    Thread,
    TimelineEntry,
    TimeRef,
)
from marsad.report.writer import build_report
from marsad.store import StoreError, open_store
from marsad.store.schema import MIGRATIONS, RESULT_TABLES
from reliability.inputs import write_inputs

TEXT_A = "وصل الزعيم الكوري الشمالي كيم جونغ أون إلى روسيا. وقال بيسكوف إن القمة مهمة."
TEXT_B = "وصل كيم جونج أون إلى فلاديفوستوك صباح الثلاثاء. وقال الكرملين إن الزيارة تستمر يومين."


def make(text: str, key: str, outlet: str | None = None) -> Article:
    return Article(id=article_id(text, outlet), text=text, path=key, outlet=outlet, published="2023-09-12",
                   sentences=sentences_of(text), source_key=key)


def test_schema_is_created_once_and_reopening_keeps_it(store_location):
    store = open_store(store_location)
    assert store.schema_version() == len(MIGRATIONS) == store.SCHEMA_VERSION
    for table in RESULT_TABLES:
        assert store.query(f"SELECT COUNT(*) FROM {table}") == [(0,)]
    store.close()
    store = open_store(store_location)
    assert store.schema_version() == store.SCHEMA_VERSION
    store.close()


def test_postgres_refuses_a_newer_schema_and_a_foreign_database(pg_url):
    import psycopg

    open_store(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("UPDATE marsad_schema SET version = 99")
    with pytest.raises(StoreError, match="newer than this marsad"):
        open_store(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("DROP SCHEMA public CASCADE")
        con.execute("CREATE SCHEMA public")
        con.execute("CREATE TABLE articles (x INTEGER)")
    with pytest.raises(StoreError, match="not marsad's"):
        open_store(pg_url)


def test_articles_versions_and_stage_data_round_trip(store_location):
    store = open_store(store_location)
    first = make(TEXT_A, "a.txt", "سبوتنيك")
    assert store.add_article(first) == "new"
    assert store.add_article(make(TEXT_A, "a.txt", "سبوتنيك")) == "unchanged"
    assert store.add_article(make(TEXT_A + " وأضاف أن الزيارة نادرة.", "a.txt", "سبوتنيك")) == "new_version"
    assert store.add_article(make(TEXT_B, "b.txt", "روسيا اليوم")) == "new"
    assert store.count_articles() == 2 and store.count_articles(current_only=False) == 3
    loaded = list(store.iter_articles())
    assert [a.path for a in loaded] == ["a.txt", "b.txt"] and loaded[0].version == 2
    assert loaded[1].sentences[0].text == "وصل كيم جونج أون إلى فلاديفوستوك صباح الثلاثاء."
    assert [a.id for a in store.get_articles([loaded[1].id, "nope", first.id])] == [loaded[1].id, first.id]
    store.put_annotation("entities", first.id, {"mentions": [["كيم", 1.5]]})
    store.put_annotation("entities", first.id, {"mentions": []})
    store.set_state("stories", "state", {"groups": [1, 2], "name": "قمة"})
    assert store.get_annotation("entities", first.id) == {"mentions": []}
    assert store.get_state("stories", "state") == {"groups": [1, 2], "name": "قمة"}
    assert store.get_state("stories", "missing") is None
    assert store.delete_article(loaded[0].id)
    assert [a.version for a in store.iter_articles()] == [1, 1]  # the first version is current again
    store.close()


def test_a_failed_transaction_leaves_nothing(store_location):
    store = open_store(store_location)
    with pytest.raises(RuntimeError), store.transaction():
        store.add_article(make(TEXT_A, "a.txt"))
        raise RuntimeError("stop")
    assert store.count_articles() == 0
    store.close()


def full_corpus() -> Corpus:
    """A corpus with one of every result, written by hand (the values matter, not their sense)."""
    a, b = make(TEXT_A, "a.txt", "سبوتنيك"), make(TEXT_B, "b.txt", "روسيا اليوم")
    kim = Entity(id="e1", name="كيم جونغ أون", type="PER", variants={"كيم جونغ أون": 2, "كيم جونج أون": 1},
                 variant_outlets={"كيم جونج أون": ["روسيا اليوم"], "كيم جونغ أون": ["سبوتنيك", "روسيا اليوم"]},
                 roles=["الزعيم الكوري الشمالي"], mentions=3, articles=[a.id, b.id])
    quote = Quote(id="q1", article=a.id, sentence=1, speaker=Speaker(text="بيسكوف", entity="e2", kind="person",
                  name="ديمتري بيسكوف", key="e2"), cue="قال", content="القمة مهمة", direct=False, start=52,
                  end=77, content_start=66, content_end=76, via=["سبوتنيك"])
    claim = Claim(id="c1", text="وصل كيم إلى روسيا", sources=[a.id, b.id],
                  sentences=[Citation(a.id, 0, 0, 20), Citation(b.id, 0)], independent_sources=2,
                  status="conflict", conflicts=[{"id": "x1", "kind": "date", "unit": "", "values": [
                      {"value": "2023-09-12", "articles": [a.id], "outlets": ["سبوتنيك"]},
                      {"value": 2.5, "articles": [b.id], "outlets": ["روسيا اليوم"]}]}],
                  attributions=[{"article": a.id, "sentence": 0, "outlet": "سبوتنيك", "text": "وصل",
                                 "via": ["تاس"], "expected": True}],
                  relayed=[{"via": "تاس", "articles": [a.id, b.id]}], modality="expected",
                  copies=[{"articles": [a.id, b.id]}])
    story = Story(id="s1", title="كيم في روسيا", articles=[b.id, a.id], outlets=["روسيا اليوم", "سبوتنيك"],
                  first_seen="2023-09-12", last_seen="2023-09-13", entities=["e1"], thread="t1",
                  history=[{"run": 2, "op": "merge", "from": ["s9"]}],
                  timeline=[TimelineEntry("2023-09-12", "وصل كيم", [Citation(b.id, 0, 0, 10)], estimated=True)],
                  claims=[claim], summary=[SummarySentence("وصل كيم إلى روسيا.", [Citation(a.id, 0)])])
    return Corpus(
        articles=[b, a],
        duplicate_groups=[DuplicateGroup(id="d1", kind="near", members=[a.id, b.id], origin=a.id, score=0.8125,
                                         shared=[DuplicateMember(b.id, 0.1 + 0.2, [1], [0, 1], 0.3, "near")])],
        mentions=[Mention(a.id, 0, 27, 39, "كيم جونغ أون", "PER", "e1"), Mention(b.id, 0, 4, 16, "كيم جونج أون",
                                                                          "PER", None)],
        entities=[kim], quotes=[quote],
        timerefs=[TimeRef(b.id, 0, "صباح الثلاثاء", 30, 43, "2023-09-12", anchor="published:2023-09-12",
                          time="MO"), TimeRef(a.id, 1, "يومين", 0, 5, "P2D", kind="duration", relative=True)],
        stories=[story], threads=[Thread(id="t1", title="كيم في روسيا", stories=["s1"])],
    )


def test_results_round_trip_through_the_tables(store_location):
    corpus = full_corpus()
    store = open_store(store_location)
    store.add_articles(corpus.articles)
    store.save_results(corpus)
    store.save_results(corpus)  # replacing gives the same
    loaded = store.load_results()
    assert json.dumps(build_report(loaded), ensure_ascii=False) == json.dumps(build_report(corpus),
                                                                              ensure_ascii=False)
    assert store.query("SELECT name, articles, first_publications, copies FROM outlets ORDER BY name") == [
        ("روسيا اليوم", 1, 0, 1), ("سبوتنيك", 1, 1, 0)]
    a, b = (x.id for x in sorted(corpus.articles, key=lambda x: x.path))
    assert loaded.stories[0].claims[0].copies == [{"articles": [a, b]}]  # a claim's copies, stored like its relays
    assert len(store.query("SELECT body FROM claim_copies")) == 1
    store.close()


def test_a_failed_save_keeps_the_previous_results(store_location, monkeypatch):

    corpus = full_corpus()
    store = open_store(store_location)
    store.add_articles(corpus.articles)
    store.save_results(corpus)
    real = store._executemany
    written: list[str] = []

    def failing(sql, rows):  # dies half-way: after other tables' rows went, before the claims'
        if " claims " in f"{sql} ":
            raise RuntimeError("killed")
        written.append(sql)
        real(sql, rows)

    monkeypatch.setattr(store, "_executemany", failing)
    with pytest.raises(RuntimeError):
        store.save_results(Corpus(articles=corpus.articles))
    assert written  # some rows had been deleted before the failure
    assert build_report(store.load_results()) == build_report(corpus)
    store.close()


# --- the seeds and SIGKILL, on both backends --------------------------------------------------

OPTIONS = {"ner": "crf", "embeddings": False}


def _analyze(folder: Path, db: str, out: Path):
    """Paths relative to the folder's parent, so that reports of two runs compare."""
    here = os.getcwd()
    os.chdir(folder.parent)
    try:
        return analyze([folder.name], db=db, out=out, published="2023-09-13", options=OPTIONS)
    finally:
        os.chdir(here)


def test_seeds_give_the_same_report_on_both_backends(tmp_path, seeds_dir, pg_url):
    """The seeds analysed into SQLite and into PostgreSQL: identical report.json (and HTML), and
    `marsad report` renders the same file again from each store."""
    import shutil

    folder = tmp_path / "seeds"
    shutil.copytree(seeds_dir, folder)
    files = {}
    for name, db in (("sqlite", str(tmp_path / "s.db")), ("postgresql", pg_url)):
        out = tmp_path / f"report-{name}"
        _analyze(folder, db, out)
        files[name] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
        again = tmp_path / f"again-{name}"
        report(db, again)
        assert (again / "report.json").read_bytes() == files[name][Path("report.json")]
    assert files["sqlite"] == files["postgresql"]
    data = json.loads(files["postgresql"][Path("report.json")])
    assert len(data["articles"]) == 5 and data["stories"] and data["quotes"] and data["entities"]


ARTICLES = {
    "a.txt": "كيم يصل إلى روسيا\n\nوصل الزعيم الكوري الشمالي إلى روسيا يوم الثلاثاء في زيارة نادرة. "
             "وقال المتحدث باسم الكرملين إن الزعيمين سيناقشان مسائل حساسة.",
    "b.txt": "الزعيم الكوري في روسيا\n\nوصل الزعيم الكوري الشمالي كيم جونغ أون إلى روسيا يوم الثلاثاء في زيارة "
             "نادرة. وقال المتحدث باسم الكرملين ديمتري بيسكوف إن الزعيمين سيناقشان مسائل حساسة.",
}


def _inputs(root: Path) -> Path:
    return write_inputs(root, ARTICLES)


def _killed(folder: Path, db: str, out: Path, where: str) -> None:
    """Run the analysis in a forked child that SIGKILLs itself at ``where``."""
    pid = os.fork()
    if pid == 0:
        try:
            _arm(where)
            _analyze(folder, db, out)
        finally:
            os._exit(3)
    deadline = time.time() + 300
    while not (done := os.waitpid(pid, os.WNOHANG))[0]:
        if time.time() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise AssertionError(f"the run to be killed at {where} hung")
        time.sleep(0.02)
    status = done[1]
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"not killed at {where}"


def _arm(where: str) -> None:
    """Install the kill point in this (child) process."""
    from marsad.store.sql import SQLStore

    die = lambda: os.kill(os.getpid(), signal.SIGKILL)  # noqa: E731
    if where == "ingest":  # after the first article's transaction
        import marsad.api as api

        api.BATCH_SIZE = 1
        real_add = SQLStore.add_articles
        SQLStore.add_articles = lambda self, batch: (real_add(self, batch), die())[0]
    elif where == "stage":  # after the stories stage stored its state
        real_set = SQLStore.set_state
        SQLStore.set_state = lambda self, stage, key, value: (
            real_set(self, stage, key, value), die() if stage == "stories" else None)[0]
    elif where == "results":  # half-way through writing the results tables (after the stories' rows)
        from marsad.store.postgres import PostgresStore
        from marsad.store.sqlite import SQLiteStore

        for backend in (SQLiteStore, PostgresStore):
            def executemany(self, sql, rows, real=backend._executemany):
                real(self, sql, rows)
                if sql.startswith("INSERT INTO stories "):
                    die()

            backend._executemany = executemany


@pytest.mark.parametrize("where", ["ingest", "stage", "results"])
def test_sigkill_then_rerun_gives_the_uninterrupted_report(tmp_path, store_location, where):
    folder = _inputs(tmp_path)
    _analyze(folder, str(tmp_path / "baseline.db"), tmp_path / "baseline")
    baseline = (tmp_path / "baseline" / "report.json").read_bytes()
    out = tmp_path / "report"
    _killed(folder, store_location, out, where)
    store = open_store(store_location)  # consistent: opens, and what was committed is whole
    for a in store.iter_articles():
        assert a.sentences and a.text[a.sentences[0].start:a.sentences[0].end] == a.sentences[0].text
    stories = store.query("SELECT COUNT(*) FROM stories")[0][0]
    linked = store.query("SELECT COUNT(DISTINCT story_id) FROM story_articles")[0][0]
    assert stories == linked  # never a story without its articles (no half-written results)
    store.close()
    _analyze(folder, store_location, out)
    assert (out / "report.json").read_bytes() == baseline
