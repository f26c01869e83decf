"""Shared test helpers: where ../shared lies (never copied into the repo), both store backends, and a
run of the whole analysis that counts what the engine computed ahead of each stage."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the checkout")
    return SEEDS


# --- both store backends (issue 14) ----------------------------------------------------------
# MARSAD_TEST_PG_URL names a PostgreSQL server (scripts/postgres.sh start prints one; .ci/run
# starts one). Each test gets a database of its own on it, dropped afterwards. Without the
# variable the PostgreSQL cases are skipped, saying so; in CI (CI=true) they fail instead.

PG_URL_VARIABLE = "MARSAD_TEST_PG_URL"


def _pg_server_url() -> str:
    import os

    url = os.environ.get(PG_URL_VARIABLE)
    if not url:
        message = (f"{PG_URL_VARIABLE} is not set: no PostgreSQL server for the PostgreSQL cases "
                   "(start one with `scripts/postgres.sh start` and export the URL it prints)")
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must run them")
        pytest.skip(message)
    return url


@pytest.fixture
def pg_url(request) -> str:
    """The URL of a fresh, empty PostgreSQL database (dropped after the test)."""
    import re
    import secrets

    import psycopg

    server = _pg_server_url()
    name = "marsad_t_" + re.sub(r"\W", "", request.node.name.lower())[:30] + "_" + secrets.token_hex(3)
    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    yield _with_database(server, name)
    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _with_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` instead of its own."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, tmp_path) -> str:
    """Where a test's store lives, once per backend: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")


# --- a store of hand-made results for the service's tests (issue 15) ---------------------------

SERVICE_DOCS = [
    # (path, outlet, published, title, text)
    ("a.txt", "سبوتنيك", "2023-09-12", "كيم يصل إلى روسيا",
     "وصل الزعيم الكوري الشمالي كيم جونغ أون إلى روسيا يوم الثلاثاء. وقال الكرملين إن اللقاء سيكون في فلاديفوستوك."),
    ("b.txt", "روسيا اليوم", "2023-09-13", "بوتين يستقبل كيم",
     "استقبل الرئيس فلاديمير بوتين الزعيم كيم جونغ أون في قاعدة فوستوشني يوم الأربعاء. ووصل كيم إلى روسيا الثلاثاء."),
    ("c.txt", "واس", "2023-09-13", "بوتين يستقبل كيم",
     "استقبل الرئيس فلاديمير بوتين الزعيم كيم جونغ أون في قاعدة فوستوشني يوم الأربعاء. ووصل كيم إلى روسيا الثلاثاء."
     " وأضافت الوكالة أن الزيارة تستمر أياما."),
]


def build_service_store(location: str):
    """Store three articles and the results a run would give them: one story, two facts (one
    carried by two independent outlets, one a conflict), a copy family, entities, a quote and a
    cited summary and timeline. Returns the article ids."""
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
        TimelineEntry,
    )
    from marsad.store import open_store

    arts = [Article(id=article_id(text, outlet), text=text, path=path, outlet=outlet, published=published,
                    title=title, sentences=sentences_of(text), source_key=path)
            for path, outlet, published, title, text in SERVICE_DOCS]
    a, b, c = arts
    kim = Entity(id="e-kim", name="كيم جونغ أون", type="PER", variants={"كيم جونغ أون": 3, "كيم": 1},
                 mentions=4, articles=[a.id, b.id, c.id])
    putin = Entity(id="e-putin", name="فلاديمير بوتين", type="PER", variants={"فلاديمير بوتين": 2},
                   mentions=2, articles=[b.id, c.id], roles=["الرئيس الروسي"])
    kremlin = Entity(id="e-kremlin", name="الكرملين", type="ORG", variants={"الكرملين": 1}, mentions=1,
                     articles=[a.id])
    mentions = [Mention(article=a.id, sentence=0, start=27, end=39, text="كيم جونغ أون", type="PER", entity="e-kim")]
    quote = Quote(id="q1", article=a.id, sentence=1, speaker=Speaker(text="الكرملين", entity="e-kremlin",
                  name="الكرملين", kind="organization"), cue="قال", content="اللقاء سيكون في فلاديفوستوك",
                  direct=False, start=a.sentences[1].start, end=a.sentences[1].end,
                  content_start=a.sentences[1].start + 20, content_end=a.sentences[1].end - 1)
    arrival = Claim(id="f-arrival", text="وصل كيم جونغ أون إلى روسيا يوم الثلاثاء", sources=[a.id, b.id, c.id],
                    sentences=[Citation(a.id, 0), Citation(b.id, 1), Citation(c.id, 1)], independent_sources=2,
                    status="corroborated")
    place = Claim(id="f-place", text="مكان اللقاء", sources=[a.id, b.id],
                  sentences=[Citation(a.id, 1), Citation(b.id, 0)],
                  independent_sources=2, status="conflict",
                  conflicts=[{"value": "فلاديفوستوك", "articles": [a.id], "outlets": ["سبوتنيك"], "expected": True},
                             {"value": "فوستوشني", "articles": [b.id], "outlets": ["روسيا اليوم"]}])
    family = DuplicateGroup(id="d1", kind="near", members=[b.id, c.id], origin=b.id, score=0.9,
                            shared=[DuplicateMember(article=c.id, similarity=0.9, added_sentences=[2], coverage=1.0,
                                                    relation="contains")])
    story = Story(id="s1", title="قمة كيم وبوتين", articles=[a.id, b.id, c.id],
                  outlets=["روسيا اليوم", "سبوتنيك", "واس"], first_seen="2023-09-12", last_seen="2023-09-13",
                  entities=["e-kim", "e-putin", "e-kremlin"], claims=[arrival, place],
                  summary=[SummarySentence(text="وصل كيم إلى روسيا يوم الثلاثاء.", citations=[Citation(a.id, 0)])],
                  timeline=[TimelineEntry(date="2023-09-12", text="وصول كيم إلى روسيا", citations=[Citation(a.id, 0)])])
    with open_store(location) as store:
        store.add_articles(arts)
        store.index_new_articles()
        store.save_results(Corpus(articles=arts, duplicate_groups=[family], mentions=mentions,
                                  entities=[kim, putin, kremlin], quotes=[quote], stories=[story]))
    return [x.id for x in arts]


# --- engines (issue 16) --------------------------------------------------------------------------


def analyze_counting(folder: Path, tmp: Path, name: str, options: dict) -> tuple[bytes, dict[str, int]]:
    """report.json of the articles in ``folder`` analysed into ``tmp/name`` with ``options`` (CRF NER,
    the seeds' publication day), and per stage how many articles the engine computed ahead of it."""
    import os

    from marsad import pipeline
    from marsad.api import analyze

    here = Path.cwd()
    computed: dict[str, int] = {}
    original = pipeline.prefill_article_caches

    def counting(stage, corpus, context):
        computed[stage.name] = original(stage, corpus, context)
        return computed[stage.name]

    os.chdir(folder.parent)
    try:
        pipeline.prefill_article_caches = counting
        analyze([folder.name], db=str(tmp / f"{name}.db"), out=tmp / name, published="2023-09-13",
                options={"ner": "crf", **options})
    finally:
        pipeline.prefill_article_caches = original
        os.chdir(here)
    return (tmp / name / "report.json").read_bytes(), computed
