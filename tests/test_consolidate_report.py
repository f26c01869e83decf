"""Consolidation in report.json (schema) and on the story page (summary first, claims, matrix)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.ingest import sentences_of
from marsad.ingest.identity import article_id
from marsad.model import Article, Corpus, Story
from marsad.pipeline import StageContext
from marsad.report.writer import build_report, render_pages
from marsad.stages.consolidate import ConsolidateStage
from marsad.store import SQLiteStore

TEXTS = {
    "وكالة أ": "أعلنت الشرطة مقتل 12 شخصا في انفجار سيارة مفخخة وسط بغداد صباح اليوم. "
    "وافتتح وزير الصحة مستشفى جديدا في مدينة البصرة يضم ثلاثمئة سرير لخدمة السكان.",
    "صحيفة ب": "قالت الشرطة إن 15 شخصا قتلوا في انفجار سيارة مفخخة وسط بغداد صباح اليوم. "
    "وافتتح وزير الصحة اليوم مستشفى جديدا في البصرة يضم 300 سرير لخدمة سكان المدينة.",
    "قناة ج": "فاز المنتخب العراقي على نظيره الأردني بهدفين مقابل هدف في مباراة ودية أقيمت في عمان مساء أمس.",
}


@pytest.fixture(scope="module")
def report() -> dict:
    articles = [
        Article(id=article_id(t, o), text=t, path=f"{o}.txt", outlet=o, published="2024-03-02",
                sentences=sentences_of(t), source_key=f"{o}.txt")
        for o, t in TEXTS.items()
    ]
    corpus = Corpus(articles=articles, stories=[Story("s1", "انفجار بغداد", [a.id for a in articles])])
    store = SQLiteStore(":memory:")
    ConsolidateStage().run(corpus, StageContext(store=store, options={"embeddings": False}, show_progress=False))
    store.close()
    return build_report(corpus)


def test_report_json_is_valid_against_the_schema(report: dict) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).resolve().parents[1] / "src/marsad/report/schema.json").read_text())
    jsonschema.validate(json.loads(json.dumps(report, ensure_ascii=False)), schema)
    story = report["stories"][0]
    statuses = {c["status"] for c in story["claims"]}
    assert {"conflict", "corroborated", "single"} <= statuses
    assert all(s["citations"] for s in story["summary"])


def test_story_page_shows_summary_claims_and_matrix(report: dict) -> None:
    page = render_pages(report)["stories/s1.html"]
    first_article = report["stories"][0]["summary"][0]["citations"][0]["article"]
    assert f'href="report.html#article-{first_article}"' in page
    assert page.index('class="story-summary"') < page.index('class="claims-table"')
    assert "روايات متعارضة" in page and "مؤكدة من مصادر مستقلة" in page
    assert 'class="source-matrix"' in page
    # both values of the conflict, with who said which
    assert "12</bdi> عند وكالة أ" in page and "15</bdi> عند صحيفة ب" in page


def test_story_page_lists_facts_first_expandable_and_conflicts_apart(report: dict) -> None:
    page = render_pages(report)["stories/s1.html"]
    facts = page.index("<h3>الوقائع</h3>")
    assert facts < page.index('id="conflicts"') < page.index("وقائع من مصدر واحد")
    corroborated = next(c for c in report["stories"][0]["claims"] if c["status"] == "corroborated")
    assert f"<details><summary>{corroborated['text']}</summary>" in page
    for carrier in corroborated["attributions"]:  # each outlet's own wording, expandable
        assert carrier["text"] in page
    conflicts = page[page.index('id="conflicts"'):page.index("وقائع من مصدر واحد")]
    assert "12</bdi> عند وكالة أ" in conflicts and "15</bdi> عند صحيفة ب" in conflicts


def test_a_place_conflict_is_valid_and_shown_as_where() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    texts = {"وكالة أ": "وتصر بريطانيا على أن البحارة كانوا في المياه الإقليمية العراقية عند احتجازهم أمس.",
             "صحيفة ب": "وتقول طهران إن البحارة كانوا في المياه الإقليمية الإيرانية عند احتجازهم أمس."}
    articles = [Article(id=article_id(t, o), text=t, path=f"{o}.txt", outlet=o, published="2024-03-02",
                        sentences=sentences_of(t), source_key=f"{o}.txt") for o, t in texts.items()]
    corpus = Corpus(articles=articles, stories=[Story("s1", "البحارة", [a.id for a in articles])])
    store = SQLiteStore(":memory:")
    ConsolidateStage().run(corpus, StageContext(store=store, options={"embeddings": False}, show_progress=False))
    store.close()
    report = build_report(corpus)
    schema = json.loads((Path(__file__).resolve().parents[1] / "src/marsad/report/schema.json").read_text())
    jsonschema.validate(json.loads(json.dumps(report, ensure_ascii=False)), schema)
    kinds = {k["kind"] for c in report["stories"][0]["claims"] for k in c["conflicts"]}
    assert kinds == {"place"}
    conflicts = render_pages(report)["stories/s1.html"]
    conflicts = conflicts[conflicts.index('id="conflicts"'):]
    assert "أين" in conflicts and "العراق" in conflicts and "إيران" in conflicts


def test_to_dict_is_what_dataclasses_asdict_gives() -> None:
    import dataclasses

    from marsad.model import Citation, Claim, Entity, asdict

    claim = Claim(id="c1", text="وصل كيم إلى روسيا", sources=["a1", "a2"],
                  sentences=[Citation(article="a1", sentence=2, start=0, end=17), Citation(article="a2", sentence=0)],
                  independent_sources=2, status="corroborated",
                  conflicts=[{"value": "الثلاثاء", "articles": ["a1"], "outlets": ["x"]}])
    entity = Entity(id="e1", name="كيم جونغ أون", type="PER", variants={"كيم": 3}, variant_outlets={"كيم": ["x"]})
    for obj in (claim, entity):
        assert asdict(obj) == dataclasses.asdict(obj)
    copied = asdict(claim)
    copied["conflicts"][0]["articles"].append("a2")  # a copy: the claim itself is untouched
    assert claim.conflicts[0]["articles"] == ["a1"]
    assert claim.sentences[1].to_dict() == {"article": "a2", "sentence": 0}


def test_copies_are_valid_and_shown_beside_the_claim(report: dict) -> None:
    import copy

    jsonschema = pytest.importorskip("jsonschema")
    report = copy.deepcopy(report)
    claim = next(c for c in report["stories"][0]["claims"] if c["status"] == "corroborated")
    assert claim["copies"] == []  # each outlet its own wording: no copies
    claim["copies"] = [{"articles": sorted(claim["sources"])}]
    schema = json.loads((Path(__file__).resolve().parents[1] / "src/marsad/report/schema.json").read_text())
    jsonschema.validate(json.loads(json.dumps(report, ensure_ascii=False)), schema)
    row = render_pages(report)["stories/s1.html"].split(f"<summary>{claim['text']}</summary>", 1)[1]
    assert "الصياغة نفسها، تُحسب مصدرًا واحدًا" in row.split("</tr>", 1)[0]
