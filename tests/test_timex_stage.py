"""TimexStage: TimeRefs per article in the corpus, stored for incremental runs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marsad.arabic import split_sentences
from marsad.model import Article, Corpus, Sentence
from marsad.pipeline import StageContext
from marsad.stages.timex import TimexStage, timerefs_for_article
from marsad.stages.timex.recognize import stated_weekday
from marsad.store import open_store

TEXT = "وصل الرئيس إلى موسكو الثلاثاء. وكان قد زارها في عام 1991 ثم في أيلول/سبتمبر 2023."


def make_article(published: str | None) -> Article:
    sentences = [Sentence(i, s.start, s.end, s.text) for i, s in enumerate(split_sentences(TEXT))]
    return Article(id="a1", text=TEXT, path="a1.txt", published=published, sentences=sentences)


def test_stage_fills_timerefs_with_sentences_offsets_and_anchor(tmp_path) -> None:
    with open_store(tmp_path / "m.db") as store:
        corpus = Corpus(articles=[make_article("2023-09-13")])
        store.add_article(corpus.articles[0])
        TimexStage().run(corpus, StageContext(store=store, show_progress=False))
    refs = {r.text: r for r in corpus.timerefs}
    assert set(refs) == {"الثلاثاء", "عام 1991", "أيلول/سبتمبر 2023"}
    tuesday = refs["الثلاثاء"]
    assert tuesday.value == "2023-09-12" and tuesday.anchor == "published:2023-09-13"
    assert tuesday.sentence == 0 and refs["عام 1991"].sentence == 1
    for r in corpus.timerefs:
        assert TEXT[r.start:r.end] == r.text
    assert refs["عام 1991"].anchor is None and refs["عام 1991"].value == "1991"


def test_stage_uses_published_option_and_recomputes_when_the_anchor_changes(tmp_path,
                                                                           monkeypatch) -> None:
    with open_store(tmp_path / "m.db") as store:
        corpus = Corpus(articles=[make_article(None)])
        store.add_article(corpus.articles[0])
        TimexStage().run(corpus, StageContext(store=store, show_progress=False))
        assert {r.text: r.value for r in corpus.timerefs}["الثلاثاء"] is None
        assert {r.text: r.relative for r in corpus.timerefs}["الثلاثاء"]
        TimexStage().run(corpus, StageContext(store=store, options={"published": "2023-09-16"},
                                              show_progress=False))
        assert {r.text: r.value for r in corpus.timerefs}["الثلاثاء"] == "2023-09-12"
        stored = store.get_annotation("timex", "a1")
        assert stored["key"]["anchor"] == "2023-09-16" and len(stored["refs"]) == 3
        # a second run reads the stored annotation (the rules are not run) and gives the same refs
        def fail(*args, **kwargs):
            raise AssertionError("recomputed although stored")

        monkeypatch.setattr("marsad.stages.timex.stage.timerefs_for_article", fail)
        again = Corpus(articles=[make_article(None)])
        TimexStage().run(again, StageContext(store=store, options={"published": "2023-09-16"},
                                             show_progress=False))
        assert again.timerefs == corpus.timerefs


def test_article_stating_its_weekday_corrects_a_batch_date() -> None:
    text = "وصل الزعيم صباح اليوم السبت. وكان قد التقى الرئيس الأربعاء الماضي."
    sentences = [Sentence(i, s.start, s.end, s.text) for i, s in enumerate(split_sentences(text))]
    art = Article(id="b", text=text, path="b.txt", published="2023-09-13", sentences=sentences)
    refs = {r.text: r for r in timerefs_for_article(art, date(2023, 9, 13))}
    assert refs["صباح اليوم السبت"].value == "2023-09-16"
    assert refs["الأربعاء الماضي"].value == "2023-09-13"
    assert refs["الأربعاء الماضي"].anchor == "published+text:2023-09-16"
    # an article whose date agrees with its text keeps the plain source
    refs = {r.text: r for r in timerefs_for_article(art, date(2023, 9, 16))}
    assert refs["الأربعاء الماضي"].anchor == "published:2023-09-16"


def test_seed_003_read_with_a_wrong_batch_date_is_corrected_by_its_own_weekday() -> None:
    seeds = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the checkout")
    text = next(seeds.glob("003_*.txt")).read_text(encoding="utf-8")
    art = Article(id="c", text=text, path="003.txt", published="2023-09-13",
                  sentences=[Sentence(i, s.start, s.end, s.text)
                             for i, s in enumerate(split_sentences(text))])
    refs = timerefs_for_article(art, date(2023, 9, 13))
    values = {(r.text, r.value) for r in refs}
    assert ("صباح اليوم السبت", "2023-09-16") in values
    assert ("الأربعاء الماضي", "2023-09-13") in values
    assert ("الجمعة الماضي", "2023-09-15") in values


@pytest.mark.parametrize(("text", "weekday"), [
    ("قال الوزير صباح اليوم الجمعة إن الاجتماع انتهى. وأضاف أن الوفد غادر.", 4),
    ("وصل الوفد أمس الخميس. وقال المتحدث اليوم إن المحادثات مستمرة.", 4),
    ("وقال المتحدث اليوم إن المحادثات مستمرة.", None),  # a today word, no weekday
    ("انتهى الاجتماع اليوم السبت. ووصل الوفد أمس الخميس.", None),  # the two disagree (Sat vs Fri)
    ("عقد الاجتماع يوم الاثنين الماضي.", None),  # a weekday, no today word
])
def test_stated_weekday_reads_only_the_sentences_that_state_it(text: str, weekday: int | None) -> None:
    assert stated_weekday(text) == weekday


def test_stated_weekday_from_tomorrow_without_a_today_word_elsewhere() -> None:
    # «غد الأربعاء»: tomorrow is Wednesday, so the article appeared on a Tuesday
    assert stated_weekday("تقيم الوزارة حفلا صباح يوم غد الأربعاء في مبناها.") == 1
