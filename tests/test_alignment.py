"""Argument alignment of two propositions (stages/consolidate/alignment.py): predicate and arguments."""

from __future__ import annotations

from marsad.arabic.roots import root_key
from marsad.ingest import sentences_of
from marsad.ingest.identity import article_id
from marsad.model import Article, Corpus, Mention
from marsad.pipeline import StageContext, load_stage
from marsad.stages.consolidate.alignment import ALIGN_FEATURES, align_matrix, predicate_roots
from marsad.stages.consolidate.facts import story_propositions
from marsad.stages.consolidate.stage import story_units
from marsad.store import SQLiteStore

STAGES = ("marsad.stages.quotes:QuotesStage", "marsad.stages.timex:TimexStage")


def _propositions(*texts: tuple[str, str]):
    """The propositions of a story of ``(outlet, text)`` articles, after the quotes and timex stages."""
    articles = [Article(id=article_id(text, outlet), text=text, path=f"{outlet}.txt", outlet=outlet,
                        published="2023-09-16", sentences=sentences_of(text), source_key=f"{outlet}.txt")
                for outlet, text in texts]
    corpus = Corpus(articles=articles)
    store = SQLiteStore(":memory:")
    for spec in STAGES:
        load_stage(spec).run(corpus, StageContext(store=store, options={}, show_progress=False))
    store.close()
    return story_propositions(story_units(articles, corpus), corpus)


def _row(props, i: int, j: int, predicates) -> dict[str, float]:
    pair = (min(i, j), max(i, j))
    x = align_matrix(props, [pair], {pair: (0.5, 0.2, 1)}, predicates)
    return dict(zip(ALIGN_FEATURES, x[0].tolist(), strict=True))


def test_the_predicate_is_the_root_of_the_verb_or_of_the_verbal_noun_after_an_auxiliary() -> None:
    props = _propositions(
        ("وكالة أ", "وقال الكرملين إنه لم يُوقع أي اتفاق خلال الزيارة."),
        ("وكالة ب", "وأكد الكرملين أنه لم يتم التوقيع على أي اتفاقية خلال زيارة الزعيم."),
        ("وكالة ج", "ووصل القطار المدرع إلى المحطة الحدودية صباح الثلاثاء."),
    )
    signed, signing, arrival = (next(p for p in props if w in p.text) for w in ("يُوقع", "التوقيع", "القطار"))
    assert predicate_roots(signed)[0] == "وقع"
    assert predicate_roots(signing)[0] == "وقع"  # تم skipped: the verbal noun is the predicate
    assert predicate_roots(arrival)[0] == "وصل"
    predicates = [predicate_roots(p) for p in props]
    same = _row(props, signed.index, signing.index, predicates)
    assert same["pred_eq"] > 0.0 and same["pred_in"] == 1.0 and same["neg"] == 0.0  # both negated: they agree
    other = _row(props, signed.index, arrival.index, predicates)
    assert other["pred_eq"] == 0.0 and other["pred_in"] == 0.0 and other["neg"] == 1.0


def test_an_entity_mention_is_an_argument_not_the_predicate() -> None:
    props = _propositions(("وكالة أ", "بوتين استقبل الزعيم الكوري في قاعدة فوستوتشني."))
    p = props[0]
    start = p.unit.article.text.index("بوتين")
    mention = Mention(article=p.article, sentence=0, start=start, end=start + len("بوتين"), text="بوتين",
                      type="PER", entity="putin")
    assert predicate_roots(p) == (root_key("بوتين"), "قبل")  # without mentions: the first content words
    assert predicate_roots(p, [mention])[0] == "قبل"  # استقبل: the verb after the named agent


def test_dates_and_counts_agree_or_clash_and_a_value_the_story_repeats_weighs_less() -> None:
    props = _propositions(
        ("وكالة أ", "وأطلق الجيش 3 صواريخ باليستية يوم 12 سبتمبر 2023 باتجاه البحر."),
        ("وكالة ب", "وقال الجيش إنه أطلق ثلاثة صواريخ باليستية يوم 12 سبتمبر 2023."),
        ("وكالة ج", "وأطلق الجيش 5 صواريخ باليستية يوم 14 سبتمبر 2023 باتجاه البحر."),
        ("وكالة د", "واجتمع وزير الدفاع بالسفير الروسي يوم 12 سبتمبر 2023 في العاصمة."),
    )
    three, words, five = (next(p for p in props if w in p.text) for w in ("3 صواريخ", "ثلاثة", "5 صواريخ"))
    predicates = [predicate_roots(p) for p in props]
    same = _row(props, three.index, words.index, predicates)
    assert same["num_eq"] > 0.0 and same["num_clash"] == 0.0 and same["date_eq"] > 0.0
    # 12 September is also the day of another fact (the meeting): the shared count says more than the date
    assert same["num_eq"] > same["date_eq"]
    clash = _row(props, three.index, five.index, predicates)
    assert clash["num_clash"] == 1.0 and clash["num_eq"] == 0.0 and clash["date_clash"] == 1.0
