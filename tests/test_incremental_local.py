"""Incremental runs touch only what new articles can change (issue 14): the quotes stage reads
again only the articles whose cache no longer holds, the timeline reads each story's own time
expressions; results stay those of a run with no cache."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.ingest import sentences_of
from marsad.model import Article, Corpus, Story, TimeRef
from marsad.stages import timeline
from marsad.stages.quotes import stage as quotes_stage
from marsad.stages.quotes.stage import find_all
from marsad.store import open_store

#: A leaves the Kremlin's spokesman unnamed; B and C name him (so A's speaker resolves to him
#: once they are in the corpus); D is about something else
TEXTS = {
    "a": "وقال المتحدث باسم الكرملين إن الزعيمين سيناقشان مسائل حساسة.",
    "b": "وقال المتحدث باسم الكرملين ديمتري بيسكوف إن الزيارة تستمر يومين.",
    "c": "وأعلن المتحدث باسم الكرملين ديمتري بيسكوف أن اللقاء انتهى.",
    "d": "وقال مدير الدفاع المدني سامي الحربي إن الفرق تعاملت مع مئة بلاغ.",
}


def _article(name: str) -> Article:
    text = TEXTS[name]
    return Article(id=f"id-{name}", text=text, path=f"{name}.txt", source_key=f"{name}.txt",
                   sentences=sentences_of(text))


def _speakers(quotes) -> list[tuple[str, str, str | None]]:
    return [(q.article, q.speaker.kind, q.speaker.name) for q in quotes]


def test_quotes_cache_reads_only_new_and_affected_articles(store_location):
    """A second batch reads the new articles and the one old article whose role a new article names;
    the unaffected old article comes from the cache; a third run reads nothing; every run's
    statements equal those found with no cache at all."""
    store = open_store(store_location)
    try:
        first, second = [_article("a"), _article("d")], [_article("b"), _article("c")]
        store.add_articles(first + second)
        got = find_all(Corpus(articles=first), store=store)
        assert quotes_stage.last_counts == quotes_stage.CacheCounts(cached=0, computed=2, invalidated=0)
        assert _speakers(got) == _speakers(find_all(Corpus(articles=first)))
        assert ("id-a", "role", None) in _speakers(got)

        both = first + second
        got = find_all(Corpus(articles=both), store=store)
        # b and c are new; a is read again (its role now resolves to بيسكوف); d is not
        assert quotes_stage.last_counts == quotes_stage.CacheCounts(cached=1, computed=3, invalidated=1)
        uncached = find_all(Corpus(articles=both))
        assert [q.to_dict() for q in got] == [q.to_dict() for q in uncached]
        assert ("id-a", "person", "ديمتري بيسكوف") in _speakers(got)

        again = find_all(Corpus(articles=both), store=store)
        assert quotes_stage.last_counts == quotes_stage.CacheCounts(cached=4, computed=0, invalidated=0)
        assert [q.to_dict() for q in again] == [q.to_dict() for q in uncached]
    finally:
        store.close()


def test_quotes_cache_is_redone_when_mentions_change(store_location):
    """An article's cached statements are keyed by its mentions: other mentions, another reading."""
    from marsad.model import Mention

    store = open_store(store_location)
    try:
        article = _article("d")
        store.add_articles([article])
        find_all(Corpus(articles=[article]), store=store)
        start = article.text.index("سامي")
        mention = Mention(article.id, 0, start, start + len("سامي الحربي"), "سامي الحربي", "PER", "e-1")
        corpus = Corpus(articles=[article], mentions=[mention])
        got = find_all(corpus, store=store)
        assert quotes_stage.last_counts.computed == 1 and quotes_stage.last_counts.cached == 0
        assert [q.to_dict() for q in got] == [q.to_dict() for q in find_all(corpus)]
        assert got[0].speaker.entity == "e-1"
    finally:
        store.close()


def _old_anchor_and_build(corpus: Corpus) -> tuple[list[TimeRef], list[list]]:
    """The timeline stage as it was: every story scanned all of the corpus's time expressions."""
    from marsad.stages.timex.stage import parse_day, timerefs_for_article

    for story in corpus.stories:
        anchor = timeline.story_anchor(corpus, story)
        if anchor is None:
            continue
        unresolved = {r.article for r in corpus.timerefs if r.relative and r.article in story.articles}
        if not unresolved:
            continue
        kept = [r for r in corpus.timerefs if r.article not in unresolved]
        for article_id in sorted(unresolved):
            kept.extend(timerefs_for_article(corpus.article(article_id), parse_day(anchor), source="story"))
        corpus.timerefs = kept
    return corpus.timerefs, [timeline.build_timeline(corpus, s) for s in corpus.stories]


def _timeline_corpus() -> Corpus:
    from marsad.stages.timex.stage import timerefs_for_article

    texts = [("2023-09-12", "وصل كيم إلى روسيا يوم الثلاثاء 12 سبتمبر 2023. وسيغادر يوم الجمعة."),
             (None, "قال الكرملين إن كيم سيغادر يوم الجمعة. وكان وصل الثلاثاء."),
             ("2023-09-14", "غادر الوفد يوم الخميس. وفي عام 2019 التقى الزعيمان."),
             (None, "أعلنت الوزارة يوم الأحد نتائج الاجتماع.")]
    articles = []
    for i, (published, text) in enumerate(texts):
        articles.append(Article(id=f"t{i}", text=text, path=f"t{i}.txt", published=published,
                                sentences=sentences_of(text)))
    corpus = Corpus(articles=articles)
    for a in articles:
        corpus.timerefs.extend(timerefs_for_article(a, date.fromisoformat(a.published) if a.published else None))
    corpus.stories = [Story(id="s1", title="", articles=["t0", "t1"]), Story(id="s2", title="", articles=["t2", "t3"])]
    return corpus


def test_timeline_reads_each_storys_own_refs_and_gives_what_the_scan_gave():
    """The indexed timeline stage leaves the same time expressions, in the same order, and the same
    timelines as the stage that scanned every expression for every story."""
    reference = _timeline_corpus()
    refs, timelines = _old_anchor_and_build(reference)
    assert any((r.anchor or "").startswith("story") for r in refs)  # the fixture does anchor on stories
    corpus = _timeline_corpus()
    timeline.TimelineStage().run(corpus, None)  # type: ignore[arg-type]
    assert [r.to_dict() for r in corpus.timerefs] == [r.to_dict() for r in refs]
    assert [s.timeline for s in corpus.stories] == timelines
    assert any(s.timeline for s in corpus.stories)


def test_ref_index_reads_only_the_articles_asked():
    """``RefIndex.of`` returns the refs of the articles asked, in corpus order, and nothing else."""
    corpus = _timeline_corpus()
    index = timeline.RefIndex(corpus.timerefs)
    got = index.of(["t2"])
    assert got and all(r.article == "t2" for r in got)
    assert got == [r for r in corpus.timerefs if r.article == "t2"]


# --- entities: the corpus scan reads only the articles whose possible names changed -------------

ENTITY_TEXTS = {
    "k1": "وصل الزعيم الكوري الشمالي كيم جونغ أون إلى روسيا. وقال كيم جونغ أون إن الزيارة مهمة.",
    "k2": "التقى الرئيس فلاديمير بوتين الزعيم كيم جونغ أون في فلاديفوستوك. وأكد بوتين أهمية اللقاء.",
    "r1": "هطلت أمطار غزيرة على مدينة جدة وأغلقت عدة طرق. وقال الدفاع المدني إن فرقه تعاملت مع البلاغات.",
    "n1": "وصل الرئيس فلاديمير بوتين إلى بكين. واستقبل الرئيس شي جين بينغ الرئيس بوتين في القصر.",
    "n2": "قال الرئيس شي جين بينغ إن العلاقات مع روسيا قوية. وأضاف شي جين بينغ أن التعاون يتسع.",
}


def _entity_article(name: str) -> Article:
    text = ENTITY_TEXTS[name]
    return Article(id=f"id-{name}", text=text, path=f"{name}.txt", source_key=f"{name}.txt",
                   sentences=sentences_of(text), outlet=f"outlet-{name}")


def _run_entities(store, names: list[str]):
    from marsad.pipeline import StageContext
    from marsad.stages.entities import EntitiesStage

    corpus = Corpus(articles=[_entity_article(n) for n in names])
    stage = EntitiesStage()
    stage.run(corpus, StageContext(store=store, options={"ner": "crf"}, show_progress=False))
    return corpus, stage.last_scan


def test_entities_scan_cache_rescans_only_articles_a_new_name_can_touch(store_location, tmp_path):
    """After a first batch, a second batch scans its own articles and only those old articles that
    hold a word a newly known name begins with; a third run scans nothing. Mentions and entities
    equal those of a run with no cache (a fresh store)."""
    store = open_store(store_location)
    try:
        old, new = ["k1", "k2", "r1"], ["n1", "n2"]
        store.add_articles([_entity_article(n) for n in old + new])
        _, scan = _run_entities(store, old)
        assert (scan.scanned, scan.reused) == (3, 0)
        corpus, scan = _run_entities(store, old + new)
        # the new articles are scanned; r1 (rain in Jeddah) holds none of the new names' first words
        # (شي، بكين ...) and is read from the cache; k2 (بوتين، الرئيس) may be scanned again
        assert scan.scanned + scan.reused == 5
        assert {"id-n1", "id-n2"} <= set(scan.scanned_ids)
        assert "id-r1" not in scan.scanned_ids
        new_sentences = sum(len(_entity_article(n).sentences) for n in new)
        assert scan.scanned_sentences >= new_sentences
        print("scanned again:", scan.scanned_ids, scan.scanned_sentences, "sentences;", new_sentences, "new")
        fresh = open_store(str(tmp_path / "fresh.db"))
        try:
            fresh.add_articles([_entity_article(n) for n in old + new])
            reference, _ = _run_entities(fresh, old + new)
        finally:
            fresh.close()
        assert [m.to_dict() for m in corpus.mentions] == [m.to_dict() for m in reference.mentions]
        assert [e.to_dict() for e in corpus.entities] == [e.to_dict() for e in reference.entities]
        assert corpus.mentions
        from marsad.stages.entities import corpus_state

        counted = []

        def counting(article):
            counted.append(article.id)
            return real(article)

        real = corpus_state.word_counts
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(corpus_state, "word_counts", counting)
            again, scan = _run_entities(store, old + new)
        assert (scan.scanned, scan.reused, scan.scanned_sentences) == (0, 5, 0)
        assert scan.checked_sentences == 0  # the known names did not change: no digest computed
        assert counted == []  # the corpus word counts came from the store's running sum
        assert [m.to_dict() for m in again.mentions] == [m.to_dict() for m in reference.mentions]
    finally:
        store.close()


def test_word_counts_survive_the_scan_cache_when_a_word_spells_several():
    """NFKC spells the one-character word ﷺ as four words; the cache's packed counts keep its key
    whole (a 31k run crashed reading them back when keys were joined by spaces)."""
    from marsad.stages.entities.corpus_state import word_counts
    from marsad.store.sums import pack_counts, unpack_counts

    article = _entity_article("k1")
    article.text = "قال الشيخ محمد العريفي إن النبي ﷺ دعا إلى الرحمة."
    counts = word_counts(article)
    assert any(" " in key for key in counts)
    assert unpack_counts(pack_counts(counts)) == counts
    assert unpack_counts(pack_counts({})) == {}


def test_entities_scan_cache_reads_back_words_that_spell_several(store_location):
    """A second run reads every article's word counts from the cache, the one with ﷺ included."""
    ENTITY_TEXTS["p1"] = "قال الشيخ محمد العريفي إن النبي ﷺ دعا إلى الرحمة. وأضاف محمد العريفي أن الرحمة واجبة."
    store = open_store(store_location)
    try:
        names = ["k1", "p1"]
        store.add_articles([_entity_article(n) for n in names])
        first, _ = _run_entities(store, names)
        again, scan = _run_entities(store, names)
        assert scan.reused == 2
        assert [m.to_dict() for m in again.mentions] == [m.to_dict() for m in first.mentions]
    finally:
        del ENTITY_TEXTS["p1"]
        store.close()
