"""Story timelines: events merged across outlets, undated articles anchored on their story."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.arabic import split_sentences
from marsad.model import Article, Corpus, Sentence, Story
from marsad.pipeline import StageContext
from marsad.stages.timeline import TimelineStage, build_timeline, story_anchor
from marsad.stages.timex import TimexStage

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def article(article_id: str, text: str, published: str | None, outlet: str) -> Article:
    sentences = [Sentence(i, s.start, s.end, s.text) for i, s in enumerate(split_sentences(text))]
    return Article(id=article_id, text=text, path=f"{article_id}.txt", outlet=outlet,
                   published=published, sentences=sentences)


def run(articles: list[Article], options: dict | None = None) -> Corpus:
    corpus = Corpus(articles=articles)
    context = StageContext(store=None, options=options or {}, show_progress=False)  # type: ignore[arg-type]
    TimexStage().run(corpus, context)
    corpus.stories = [Story(id="s1", title="قمة", articles=[a.id for a in articles])]
    TimelineStage().run(corpus, context)
    return corpus


A = ("التقى الرئيس الروسي والزعيم الكوري في ميناء فضائي الأربعاء وبحثا التعاون العسكري. "
     "وكان الزعيم قد وصل إلى روسيا بالقطار الثلاثاء.")
B = ("بحث الرئيس الروسي والزعيم الكوري التعاون العسكري خلال لقائهما في ميناء فضائي الأربعاء. "
     "وانهار الاتحاد السوفياتي في عام 1991.")
C = "وزار الزعيم مصنعا للطائرات الجمعة. والتقى الزعيم الكوري الرئيس الروسي في ميناء فضائي الأربعاء."


def test_same_event_from_two_outlets_is_one_entry_citing_both() -> None:
    corpus = run([article("a", A, "2023-09-13", "وكالة أ"), article("b", B, "2023-09-13", "وكالة ب")])
    timeline = corpus.stories[0].timeline
    meeting = [e for e in timeline if e.date == "2023-09-13"]
    assert len(meeting) == 1
    assert {c.article for c in meeting[0].citations} == {"a", "b"}
    assert [e.date for e in timeline] == ["1991", "2023-09-12", "2023-09-13"]
    for entry in timeline:
        cited = {corpus.article(c.article).text[c.start:c.end].strip() for c in entry.citations}
        assert entry.text in cited  # the entry's text is one of the sentences it cites


def test_different_events_on_one_day_stay_apart() -> None:
    text = ("التقى الرئيس الروسي والزعيم الكوري الأربعاء. "
            "وسقطت أمطار غزيرة على العاصمة اليابانية الأربعاء فأغلقت المدارس.")
    corpus = run([article("a", text, "2023-09-13", "أ")])
    assert len([e for e in corpus.stories[0].timeline if e.date == "2023-09-13"]) == 2


def test_undated_article_is_anchored_on_its_story_and_marked() -> None:
    dated = article("a", A, "2023-09-13", "أ")
    undated = article("c", C, None, "ج")
    later = article("d", "وصل الزعيم إلى فلاديفوستوك صباح اليوم السبت.", "2023-09-16", "د")
    corpus = run([dated, undated, later])
    refs = {(r.article, r.text): r for r in corpus.timerefs}
    friday = refs[("c", "الجمعة")]
    assert friday.value == "2023-09-15" and friday.anchor == "story:2023-09-16"
    assert not friday.relative
    entries = {e.date: e for e in corpus.stories[0].timeline}
    assert entries["2023-09-15"].estimated
    assert not entries["2023-09-16"].estimated
    # the undated article's meeting sentence joins the dated articles' entry
    assert {c.article for c in entries["2023-09-13"].citations} == {"a", "c"}
    assert not entries["2023-09-13"].estimated


def test_story_without_any_date_invents_nothing() -> None:
    corpus = run([article("c", C, None, "ج")])
    assert all(r.value is None and r.relative for r in corpus.timerefs)
    assert corpus.stories[0].timeline == []
    assert story_anchor(corpus, corpus.stories[0]) is None


def test_published_option_anchors_articles_without_a_date() -> None:
    corpus = run([article("c", C, None, "ج")], options={"published": "2023-09-16"})
    assert {r.text: r.value for r in corpus.timerefs}["الجمعة"] == "2023-09-15"
    assert all((r.anchor or "").startswith("published:") for r in corpus.timerefs)


def test_timeline_serializes() -> None:
    corpus = run([article("a", A, "2023-09-13", "أ")])
    d = corpus.stories[0].to_dict()["timeline"][0]
    assert set(d) == {"date", "text", "citations", "estimated"}
    assert d["citations"][0]["article"] == "a"


def test_seed_story_timeline() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the checkout")
    published = {"000": "2023-09-12", "001": None, "002": "2023-09-13", "003": "2023-09-16",
                 "004": "2023-09-13"}
    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        articles.append(article(path.stem, path.read_text(encoding="utf-8"),
                                published[path.name[:3]], path.name[:3]))
    corpus = run(articles)
    timeline = corpus.stories[0].timeline
    dates = [e.date for e in timeline]
    assert dates == sorted(dates)
    for day in ("2023-09-12", "2023-09-13", "2023-09-16", "1991"):
        assert day in dates
    # the summit (Wednesday) is told by several outlets and merged
    summit = max((e for e in timeline if e.date == "2023-09-13"), key=lambda e: len(e.citations))
    assert len({c.article for c in summit.citations}) >= 2
    # 002 and 004 both date Shoigu's joining to the Tuesday announcement and 1991
    ussr = next(e for e in timeline if e.date == "1991")
    assert {c.article[:3] for c in ussr.citations} == {"002", "004"}
    build = build_timeline(corpus, corpus.stories[0])
    assert [e.date for e in build] == dates
