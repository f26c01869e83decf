"""The REST API and the pages of `marsad serve` (issue 15), on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from conftest import build_service_store

fastapi_testclient = pytest.importorskip("fastapi.testclient")

from marsad.service.app import MAX_BODY_BYTES, ServiceConfig, create_app  # noqa: E402
from marsad.service.pages import safe_url  # noqa: E402

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def served(store_location):
    ids = build_service_store(store_location)
    app = create_app(ServiceConfig(db=store_location, token=TOKEN, analyze=False))
    with fastapi_testclient.TestClient(app) as client:
        yield client, ids


def test_story_list_filters_and_pagination(served):
    client, _ = served
    page = client.get("/api/stories").json()
    assert page["total"] == 1 and page["items"][0]["id"] == "s1"
    row = page["items"][0]
    # b and c are one copy family: three articles, two independent sources
    assert (row["articles"], row["independent_sources"], row["corroborated_facts"]) == (3, 2, 2)
    assert client.get("/api/stories", params={"min_sources": 3}).json()["total"] == 0
    assert client.get("/api/stories", params={"entity": "بوتين"}).json()["total"] == 0  # no such spelling stored
    assert client.get("/api/stories", params={"entity": "فلاديمير بوتين"}).json()["total"] == 1
    assert client.get("/api/stories", params={"outlet": "واس"}).json()["total"] == 1
    assert client.get("/api/stories", params={"outlet": "الجزيرة"}).json()["total"] == 0
    assert client.get("/api/stories", params={"since": "2023-09-14"}).json()["total"] == 0
    assert client.get("/api/stories", params={"offset": 1}).json()["items"] == []


def test_story_detail_facts_first_with_sources_and_conflicts(served):
    client, (a, b, c) = served
    story = client.get("/api/stories/s1").json()
    assert [f["id"] for f in story["facts"]] == ["f-arrival", "f-place"]
    arrival = story["facts"][0]
    assert {g["outlet"] for g in arrival["by_outlet"]} == {"سبوتنيك", "روسيا اليوم", "واس"}
    cited = {(s["article"], s["sentence"]): s["text"] for g in arrival["by_outlet"] for s in g["sentences"]}
    assert cited[(a, 0)].startswith("وصل الزعيم الكوري الشمالي")
    assert [f["id"] for f in story["conflicts"]] == ["f-place"]
    assert {side["value"] for side in story["conflicts"][0]["conflicts"]} == {"فلاديفوستوك", "فوستوشني"}
    assert story["copy_families"][0]["origin"] == b and story["copy_families"][0]["members"] == [b, c]
    assert story["quotes"][0]["speaker"]["entity"] == "e-kremlin"
    assert [(x["article"], x["sentence"]) for x in story["summary"][0]["citations"]] == [(a, 0)]


def test_articles_entities_outlets_and_search(served):
    client, (a, b, c) = served
    art = client.get(f"/api/articles/{a}").json()
    text = art["text"]
    assert all(text[s["start"]:s["end"]] == s["text"] for s in art["sentences"])
    assert art["story"] == "s1" and art["copy_of"] is None
    assert client.get(f"/api/articles/{c}").json()["copy_of"] == b
    assert client.get("/api/articles", params={"outlet": "واس"}).json()["total"] == 1
    ents = client.get("/api/entities", params={"type": "PER"}).json()["items"]
    assert [e["id"] for e in ents] == ["e-kim", "e-putin"]
    assert client.get("/api/entities", params={"name": "كيم"}).json()["items"][0]["id"] == "e-kim"
    # any spelling, up to transliteration (غ/ج), as search's entity filter
    assert [e["id"] for e in client.get("/api/entities", params={"name": "كيم جونج أون"}).json()["items"]] == ["e-kim"]
    assert client.get("/api/stories", params={"entity": "كيم جونج اون"}).json()["total"] == 1
    kremlin = client.get("/api/entities/e-kremlin").json()
    assert kremlin["quotes"][0]["content"] == "اللقاء سيكون في فلاديفوستوك"
    assert [s["id"] for s in kremlin["story_list"]] == ["s1"]
    outlets = {o["name"]: o for o in client.get("/api/outlets").json()}
    assert outlets["واس"]["copies"] == 1 and outlets["واس"]["copies_from"] == [{"outlet": "روسيا اليوم", "articles": 1}]
    assert outlets["روسيا اليوم"]["first_publications"] == 1
    hits = client.get("/api/search", params={"q": "والكرملين", "kind": "article"}).json()  # with a clitic
    assert [h["article"] for h in hits] == [a]


@pytest.mark.parametrize(("path", "status"), [
    ("/api/stories/nope", 404), ("/api/articles/nope", 404), ("/api/entities/nope", 404),
    ("/api/outlets/nope", 404), ("/api/stories?limit=0", 422), ("/api/stories?limit=5000", 422),
    ("/api/stories?sort=loudest", 422), ("/api/search", 422), ("/api/search?q=x&since=yesterday", 422),
    ("/api/search?q=x&kind=video", 422), ("/api/nothing-here", 404),
])
def test_bad_requests_get_json_errors(served, path, status):
    client, _ = served
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]


def test_submissions_need_the_token_and_a_proper_body(served):
    client, _ = served
    article = {"title": "خبر", "text": "وصل وفد سعودي إلى القاهرة اليوم لبحث التعاون الاقتصادي.", "outlet": "واس"}
    assert client.post("/api/articles", json=article).status_code == 401
    assert client.post("/api/articles", json=article, headers={"Authorization": "Bearer nope"}).status_code == 401
    bad = [
        (dict(content=b"{not json", headers={**AUTH, "Content-Type": "application/json"}), 422, "not valid JSON"),
        (dict(json=["a list"], headers=AUTH), 422, "JSON object"),
        (dict(json={"title": "بلا نص"}, headers=AUTH), 422, "no article text"),
        (dict(json={"text": "English only, no Arabic here at all."}, headers=AUTH), 422, "not Arabic"),
        (dict(content=b"x", headers={**AUTH, "Content-Type": "text/plain"}), 415, "application/json"),
        (dict(content=b"", headers={**AUTH, "Content-Type": "application/json"}), 422, "empty body"),
        (dict(content=b"x" * (MAX_BODY_BYTES + 1), headers={**AUTH, "Content-Type": "application/json"}), 413,
         "larger than"),
    ]
    for kwargs, status, words in bad:
        response = client.post("/api/articles", **kwargs)
        assert response.status_code == status, (kwargs.get("json"), response.text)
        assert words in response.json()["error"]
    accepted = client.post("/api/articles", json=article, headers=AUTH)
    assert accepted.status_code == 202 and accepted.json()["outcome"] == "new"
    again = client.post("/api/articles", json=article, headers=AUTH)
    assert again.status_code == 200 and again.json()["outcome"] == "unchanged"
    assert again.json()["id"] == accepted.json()["id"]


def test_submissions_are_off_without_a_token(store_location):
    build_service_store(store_location)
    app = create_app(ServiceConfig(db=store_location, token=None, analyze=False))
    with fastapi_testclient.TestClient(app) as client:
        response = client.post("/api/articles", json={"text": "نص"}, headers=AUTH)
    assert response.status_code == 403 and "--token" in response.json()["error"]


def test_pages_render_right_to_left_and_escape_outside_text(served):
    client, (a, _, _) = served
    front = client.get("/").text
    assert '<html lang="ar" dir="rtl">' in front and 'href="/stories/s1"' in front
    story = client.get("/stories/s1").text
    for section in ("facts", "conflicts", "summary", "timeline", "quotes", "matrix", "copies"):
        assert f'id="{section}"' in story
    assert story.index('id="facts"') < story.index('id="summary"')  # facts first
    assert f'href="/articles/{a}?s=0#s-0"' in story
    article = client.get(f"/articles/{a}", params={"s": 1}).text
    assert 'class="sentence hl" id="s-1"' in article
    assert client.get("/entities/e-kim").status_code == 200
    assert "<mark>الكرملين</mark>" in client.get("/search", params={"q": "والكرملين"}).text
    assert client.get("/stories/nope").status_code == 404
    assert client.get("/outlets").status_code == 200 and client.get("/outlets/واس").status_code == 200


def test_only_http_links_are_made():
    assert safe_url("https://example.com/a?b=1") == "https://example.com/a?b=1"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,<b>x</b>") is None
    assert safe_url("//evil.example/x") is None
    assert safe_url(None) is None


def test_submitted_titles_are_escaped(store_location):
    build_service_store(store_location)
    app = create_app(ServiceConfig(db=store_location, token=TOKEN, analyze=False))
    with fastapi_testclient.TestClient(app) as client:
        from marsad.store import open_store

        with open_store(store_location) as store:
            corpus = store.load_results()
            corpus.stories[0].title = '<script>alert("x")</script> قمة\u202e'
            store.save_results(corpus)
        page = client.get("/").text
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "\u202e" not in page


def test_an_accepted_article_lands_in_a_story(store_location):
    """The background analysis (the real pipeline, CRF tagger) folds a submitted article in."""
    build_service_store(store_location)
    app = create_app(ServiceConfig(db=store_location, token=TOKEN, options={"ner": "crf"}))
    article = {"title": "كيم يغادر روسيا", "outlet": "الجزيرة", "published": "2023-09-17",
               "text": "غادر الزعيم الكوري الشمالي كيم جونغ أون روسيا يوم الأحد عائدا إلى بيونغ يانغ بالقطار بعد "
                       "زيارة استمرت ستة أيام التقى خلالها الرئيس فلاديمير بوتين."}
    with fastapi_testclient.TestClient(app) as client:
        response = client.post("/api/articles", json=article, headers=AUTH, params={"wait": "true"})
        assert response.status_code == 201, response.text
        answer = response.json()
        assert answer["story"], answer
        story = client.get(f"/api/stories/{answer['story']}").json()
        assert answer["id"] in [x["id"] for x in story["article_list"]]
        status = client.get("/api/status").json()
        assert status["articles"] == 4 and status["analysis_pending"] == 0 and status["analysis_failures"] == 0


def test_results_generation_moves_on_each_save(store_location):
    """The read model reloads when, and only when, an analysis saved results."""
    from marsad.service.snapshot import SnapshotCache, fingerprint
    from marsad.store import open_store

    build_service_store(store_location)
    cache = SnapshotCache(store_location)
    first = cache.get()
    assert cache.get() is first
    with open_store(store_location) as store:
        before = fingerprint(store)
        corpus = store.load_results()
        corpus.stories[0].title = "عنوان جديد"
        store.save_results(corpus)
        assert fingerprint(store) != before
    second = cache.get()
    assert second is not first and second.stories["s1"]["title"] == "عنوان جديد"
