"""Arabic full-text search and exports (issue 14), on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import io
import json

import pytest

from marsad.export import export, records
from marsad.ingest import sentences_of
from marsad.ingest.identity import article_id
from marsad.model import Citation, Claim, Corpus, Entity, Quote, Speaker, Story
from marsad.search import highlighted, index_terms, query_words
from marsad.store import open_store

DOCS = [
    ("a.txt", "سبوتنيك", "2023-09-10", "كيم يغادر بيونغ يانغ",
     "غادر الزعيم الكوري الشمالي كيم جونغ أون العاصمة بيونغ يانغ متوجها إلى روسيا بالقطار."),
    ("b.txt", "روسيا اليوم", "2023-09-12", "قمة في فوستوتشني",
     "التقى الرئيس الروسي فلاديمير بوتين الزعيم الكوري في قاعدة فوستوتشني الفضائية. وقال بوتين إن المحادثات مثمرة."),
    ("c.txt", "واس", "2023-09-14", "أمطار على الرياض",
     "هطلت أمطار غزيرة على مدينة الرياض، وأعلن الدفاع المدني رفع درجة الاستعداد."),
]


def _article(path, outlet, published, title, text):
    from marsad.model import Article

    return Article(id=article_id(text, outlet), text=text, path=path, outlet=outlet, published=published,
                   title=title, sentences=sentences_of(text), source_key=path)


@pytest.fixture
def store(store_location):
    store = open_store(store_location)
    articles = [_article(*d) for d in DOCS]
    store.add_articles(articles)
    assert store.index_new_articles() == 3
    assert store.index_new_articles() == 0  # only what is missing
    a, b, _ = articles
    kim = Entity(id="e-kim", name="كيم جونغ أون", type="PER", variants={"كيم جونغ أون": 1}, articles=[a.id])
    putin = Entity(id="e-putin", name="فلاديمير بوتين", type="PER",
                   variants={"فلاديمير بوتين": 1, "بوتين": 1}, articles=[b.id])
    quote = Quote(id="q1", article=b.id, sentence=1, speaker=Speaker(text="بوتين", entity="e-putin",
                  name="فلاديمير بوتين"), cue="قال", content="المحادثات مثمرة", direct=False, start=74, end=104,
                  content_start=89, content_end=104)
    claim = Claim(id="c1", text="التقى بوتين الزعيم الكوري في فوستوتشني", sources=[b.id],
                  sentences=[Citation(b.id, 0)], independent_sources=1, status="single")
    story = Story(id="s1", title="قمة كيم وبوتين", articles=[a.id, b.id], claims=[claim])
    store.save_results(Corpus(articles=articles, entities=[kim, putin], quotes=[quote], stories=[story]))
    yield store
    store.close()


def test_terms_come_from_the_arabic_layer():
    assert {query_words(w)[0][0] for w in ("والرئيس", "الرئيس", "رئيس", "للرئيس")} == {"رييس"}  # one stem
    for one, other in zip(query_words("بيونج يانج"), query_words("بيونغ يانغ"), strict=True):
        assert set(one) & set(other)  # a term in common: the transliteration fold
    assert index_terms("المفاوضات")[0][0] == index_terms("مفاوضات")[0][0]
    assert query_words("في الرياض") == query_words("الرياض")  # function words dropped beside others


@pytest.mark.parametrize("query", ["بيونج يانج", "بيونغ يانغ", "وبيونغ يانج"])
def test_a_spelling_finds_the_others(store, query):
    hits = store.search(query)
    assert hits and hits[0].id == article_id(DOCS[0][4], DOCS[0][1])
    assert "[بيونغ] [يانغ]" in highlighted(hits[0])


def test_clitics_and_letter_variants(store):
    hits = store.search("والرئيس الروسى", kinds=("article",))
    assert [h.outlet for h in hits] == ["روسيا اليوم"]
    assert highlighted(hits[0]).count("[") == 2


def test_filters(store):
    assert {h.outlet for h in store.search("الكوري", kinds=("article",))} == {"سبوتنيك", "روسيا اليوم"}
    assert [h.outlet for h in store.search("الكوري", outlet="سبوتنيك")] == ["سبوتنيك"]
    assert [h.published for h in store.search("الكوري", since="2023-09-11", kinds=("article",))] == ["2023-09-12"]
    assert [h.published for h in store.search("الكوري", until="2023-09-11")] == ["2023-09-10"]
    assert [h.outlet for h in store.search("الكوري", entity="كيم جونج اون")] == ["سبوتنيك"]  # another spelling
    assert store.search("الكوري", entity="لا أحد") == []
    assert {h.kind for h in store.search("فوستوتشني", story="s1")} == {"article", "claim"}
    assert store.search("أمطار", story="s1") == []


def test_quotes_and_claims_are_searched(store):
    assert [(h.kind, h.id) for h in store.search("مثمرة", kinds=("quote",))] == [("quote", "q1")]
    hits = store.search("فوستوشني", kinds=("claim",))  # spelled without ت
    assert [h.id for h in hits] == ["s1/c1"]
    assert hits[0].outlet == "روسيا اليوم"


def test_no_match_and_any_word_fallback(store):
    assert store.search("طائرة") == []
    hits = store.search("أمطار طائرة", kinds=("article",))  # no document has both: any of them
    assert [h.outlet for h in hits] == ["واس"]


def test_deleted_article_leaves_the_index(store):
    victim = article_id(DOCS[2][4], DOCS[2][1])
    assert store.search("أمطار")
    store.delete_article(victim)
    assert store.search("أمطار") == []


def test_exports(store, tmp_path):
    quotes = list(records(store, "quotes"))
    assert quotes[0]["speaker_entity_name"] == "فلاديمير بوتين" and quotes[0]["outlet"] == "روسيا اليوم"
    entities = {e["id"]: e for e in records(store, "entities")}
    assert entities["e-putin"]["variants"] == ["فلاديمير بوتين", "بوتين"]
    stream = io.StringIO()
    assert export(store, "claims", "jsonl", stream) == 1
    assert json.loads(stream.getvalue())["articles"] == [article_id(DOCS[1][4], DOCS[1][1])]
    stream = io.StringIO()
    assert export(store, "articles", "csv", stream) == 3
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert [r["outlet"] for r in rows] == ["سبوتنيك", "روسيا اليوم", "واس"]
    assert rows[0]["story"] == "s1" and rows[2]["story"] == ""
    pq = pytest.importorskip("pyarrow.parquet")
    assert export(store, "entities", "parquet", tmp_path / "e.parquet") == 2
    assert pq.read_table(tmp_path / "e.parquet").column("name").to_pylist() == ["كيم جونغ أون", "فلاديمير بوتين"]


def test_the_commands(store, store_location, capsys, tmp_path):
    from marsad.cli import main

    assert main(["search", "بيونج يانج", "--db", store_location, "--kind", "article", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [h["outlet"] for h in hits] == ["سبوتنيك"] and hits[0]["highlights"]
    assert main(["search", "والرئيس", "--db", store_location, "--outlet", "روسيا اليوم"]) == 0
    assert "[الرئيس]" in capsys.readouterr().out
    assert main(["export", "--db", store_location, "--what", "quotes", "--format", "csv"]) == 0
    assert "المحادثات مثمرة" in capsys.readouterr().out
    assert main(["report", "--db", store_location, "--out", str(tmp_path / "r")]) == 0
    report = json.loads((tmp_path / "r" / "report.json").read_text("utf-8"))
    assert [s["id"] for s in report["stories"]] == ["s1"] and len(report["articles"]) == 3
