"""The SQL of docs/store.md answers the questions of issue 14, on SQLite and on PostgreSQL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from marsad.arabic.skeleton import name_fold
from marsad.ingest import sentences_of
from marsad.ingest.identity import article_id
from marsad.model import Article, Corpus, DuplicateGroup, DuplicateMember, Entity, Mention, Quote, Speaker, Story
from marsad.store import open_store

DOC = Path(__file__).resolve().parents[1] / "docs" / "store.md"


def questions() -> dict[str, str]:
    """The ``-- question: NAME`` SQL blocks of docs/store.md."""
    blocks = re.findall(r"```sql\n-- question: (\S+)\n(.*?)```", DOC.read_text("utf-8"), flags=re.S)
    return dict(blocks)


def _article(key: str, outlet: str, published: str, text: str) -> Article:
    return Article(id=article_id(text, outlet), text=text, path=key, outlet=outlet, published=published,
                   sentences=sentences_of(text), source_key=key)


SPA = _article("spa.txt", "واس", "2023-09-12", "غادر كيم العاصمة بيونغ يانغ متوجها إلى روسيا.")
COPY = _article("sabq.txt", "سبق", "2023-09-12", "غادر كيم العاصمة بيونغ يانغ متوجها إلى روسيا أمس.")
RT = _article("rt.txt", "روسيا اليوم", "2023-09-13", "قال بيسكوف إن بيونج يانج شريك مهم.")
SKY = _article("sky.txt", "سكاي نيوز عربية", "2023-09-14", "وصل كيم إلى روسيا في زيارة نادرة.")
OLD = _article("rt-old.txt", "روسيا اليوم", "2023-08-30", "قال ديمتري بيسكوف إن الكرملين لا يعلق.")


def _quote(qid: str, article: Article, speaker: str) -> Quote:
    return Quote(id=qid, article=article.id, sentence=0, speaker=Speaker(text=speaker, entity="e-peskov"),
                 cue="قال", content=article.text[4:], direct=False, start=0, end=len(article.text),
                 content_start=4, content_end=len(article.text))


@pytest.fixture
def store(store_location):
    articles = [SPA, COPY, RT, SKY, OLD]
    corpus = Corpus(
        articles=articles,
        duplicate_groups=[DuplicateGroup(id="d1", kind="contained", members=[SPA.id, COPY.id], origin=SPA.id,
                                         score=0.9, shared=[DuplicateMember(COPY.id, 0.9, relation="contains")])],
        entities=[Entity(id="e-peskov", name="ديمتري بيسكوف", type="PER",
                         variants={"ديمتري بيسكوف": 1, "بيسكوف": 1}, articles=[RT.id, OLD.id]),
                  Entity(id="e-pyongyang", name="بيونغ يانغ", type="LOC",
                         variants={"بيونغ يانغ": 2, "بيونج يانج": 1}, articles=[SPA.id, COPY.id, RT.id])],
        mentions=[Mention(SPA.id, 0, 17, 27, "بيونغ يانغ", "LOC", "e-pyongyang"),
                  Mention(RT.id, 0, 15, 25, "بيونج يانج", "LOC", "e-pyongyang")],
        quotes=[_quote("q-rt", RT, "بيسكوف"), _quote("q-old", OLD, "ديمتري بيسكوف")],
        stories=[Story(id="s1", title="كيم في روسيا", articles=[SPA.id, COPY.id, RT.id, SKY.id]),
                 Story(id="s2", title="مغادرة", articles=[SPA.id, COPY.id])],
    )
    store = open_store(store_location)
    store.add_articles(articles)
    store.index_new_articles()
    store.save_results(corpus)
    yield store
    store.close()


def test_the_document_holds_the_four_questions():
    assert set(questions()) == {"quotes-by-speaker", "stories-three-outlets", "copies-of-outlet",
                                "mentions-any-spelling"}


def test_every_quote_by_peskov_this_month(store):
    rows = store.query(questions()["quotes-by-speaker"], (name_fold("بيسكوف"), "2023-09-01", "2023-10-01"))
    assert rows == [(RT.text[4:], "روسيا اليوم", "2023-09-13")]


def test_stories_carried_by_three_independent_outlets(store):
    assert store.query(questions()["stories-three-outlets"]) == [("s1", "كيم في روسيا", 3)]


def test_articles_that_copy_spa(store):
    rows = store.query(questions()["copies-of-outlet"], ("وكالة الأنباء السعودية",))
    assert rows == [(COPY.id, "سبق", "contains", 0.9)]


def test_everything_mentioning_pyongyang_in_any_spelling(store):
    expected = sorted([SPA.id, RT.id])
    assert store.query(questions()["mentions-any-spelling"], (name_fold("بيونج يانج"),)) == [(i,) for i in expected]
    hits = store.search("بيونج يانج", kinds=("article",))
    assert sorted(h.article for h in hits) == sorted([SPA.id, COPY.id, RT.id])
