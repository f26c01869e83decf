"""Deduplication: exact copies, near copies, containment, the origin rule, incremental updates."""

from __future__ import annotations

import pytest

from marsad.arabic import normalize, split_sentences
from marsad.ingest.identity import article_id
from marsad.model import Article, Corpus, Sentence
from marsad.pipeline import StageContext
from marsad.stages.dedup import Deduplicator, DedupStage
from marsad.store import SQLiteStore

WIRE = (
    "الرياض - واس: وصل وزير الخارجية الأمريكي إلى مدينة جدة مساء أمس في زيارة رسمية تستغرق يومين "
    "يلتقي خلالها عددا من كبار المسؤولين لبحث العلاقات الثنائية بين البلدين.\n"
    "وأوضح مصدر في الوزارة أن المحادثات ستتناول تطورات الأوضاع في اليمن وسبل دعم الحل السياسي "
    "إضافة إلى التعاون في مجال مكافحة الإرهاب وتمويله.\n"
    "وكان في استقبال الوزير لدى وصوله مطار الملك عبدالعزيز الدولي نائب أمير منطقة مكة المكرمة "
    "وعدد من أعضاء السفارة الأمريكية في الرياض.\n"
    "ومن المقرر أن يعقد الوزير مؤتمرا صحفيا مشتركا ظهر الغد يعلن فيه نتائج المباحثات "
    "والاتفاقيات التي سيتم توقيعها بين الجانبين في مجالات الطاقة والتعليم.\n"
    "وتأتي الزيارة في إطار جولة إقليمية تشمل ثلاث دول خليجية وتستمر أسبوعا كاملا."
)

# a different story on a neighbouring topic: shares stock phrases, not reporting
OTHER = (
    "جدة - واس: استقبل نائب أمير منطقة مكة المكرمة في مكتبه بجدة أمس وفدا من رجال الأعمال "
    "اليابانيين يزور المملكة لبحث فرص الاستثمار في قطاع الصناعات التحويلية.\n"
    "وناقش اللقاء خطط إنشاء مصنع لقطع غيار السيارات في مدينة رابغ بتكلفة تتجاوز مليار ريال "
    "وتوظيف ألفي شاب سعودي خلال السنوات الخمس المقبلة.\n"
    "وأكد رئيس الوفد أن الشركات اليابانية ترى في السوق السعودية فرصا واعدة بعد إطلاق "
    "برامج التحول الاقتصادي وتسهيل إجراءات التراخيص للمستثمرين الأجانب."
)

THIRD = (
    "أعلنت الرئاسة العامة للأرصاد أن درجات الحرارة ستسجل ارتفاعا ملحوظا في المنطقة الشرقية "
    "خلال الأيام الثلاثة المقبلة لتتجاوز خمسين درجة مئوية في الأحساء والدمام.\n"
    "ودعت الرئاسة المواطنين والمقيمين إلى تجنب التعرض المباشر لأشعة الشمس وقت الظهيرة "
    "والإكثار من شرب السوائل ومتابعة النشرات الجوية الصادرة عنها."
)


def make_article(text: str, outlet: str, published: str | None = None, source_key: str | None = None) -> Article:
    """An article as ingestion hands it over: sentences with offsets and matching keys."""
    sentences = [Sentence(i, s.start, s.end, s.text, normalize(s.text)) for i, s in enumerate(split_sentences(text))]
    return Article(
        id=article_id(text, outlet),
        text=text,
        path=f"{outlet}.txt",
        outlet=outlet,
        published=published,
        sentences=sentences,
        source_key=source_key or f"{outlet}/{article_id(text, outlet)}",
    )


def edited(text: str) -> str:
    """An outlet's edit of the wire: new dateline, two words changed, last sentence dropped."""
    lines = text.split("\n")
    out = "\n".join(lines[:-1])
    out = out.replace("الرياض - واس:", "جدة - «الوطن»:").replace("مساء أمس", "ليلة أمس")
    return out.replace("عددا من كبار المسؤولين", "كبار المسؤولين")


def groups_of(articles: list[Article]) -> list:
    return Deduplicator().update(articles)


def test_exact_copies_in_two_outlets_form_an_exact_group_with_the_earlier_as_origin():
    a = make_article(WIRE, "okaz", "2015-07-22")
    b = make_article(WIRE, "alriyadh", "2015-07-21")
    c = make_article(OTHER, "alwatan", "2015-07-21")
    groups = groups_of([a, b, c])
    assert len(groups) == 1
    g = groups[0]
    assert g.kind == "exact"
    assert set(g.members) == {a.id, b.id}
    assert g.origin == b.id  # published a day earlier
    assert g.score == 1.0
    assert g.shared[0].article == a.id
    assert g.shared[0].relation == "exact"
    assert g.shared[0].added_sentences == [] and g.shared[0].dropped_sentences == []


def test_edited_copy_is_near_and_reports_the_dropped_sentence():
    wire = make_article(WIRE, "was", "2015-07-21")
    copy = make_article(edited(WIRE), "alwatan", "2015-07-21")
    groups = groups_of([wire, copy, make_article(OTHER, "okaz"), make_article(THIRD, "alyaum")])
    assert len(groups) == 1
    g = groups[0]
    assert g.kind == "near"
    assert g.origin == wire.id  # same day: the fuller text is the origin
    member = g.shared[0]
    assert member.article == copy.id
    assert member.relation == "near"
    assert 0.5 <= member.similarity < 1.0
    last = len(wire.sentences) - 1
    assert member.dropped_sentences == [last]
    assert member.added_sentences == []  # the changed sentences still align with the origin's


def test_short_version_inside_a_longer_one_is_contained_and_the_earliest_is_origin():
    short = "\n".join(WIRE.split("\n")[:2])
    longer = WIRE + "\n" + OTHER.split("\n", 1)[1]  # the long version adds two more paragraphs
    early = make_article(short, "sabq", "2015-07-20")
    late = make_article(longer, "sabq", "2015-07-21", source_key="sabq/1")
    g = groups_of([late, early])[0]
    assert g.kind == "contained"
    assert g.origin == early.id
    member = g.shared[0]
    assert member.relation == "contains"  # the later version holds the whole origin
    assert member.coverage == 1.0
    assert member.similarity < 0.5
    assert member.dropped_sentences == []
    assert member.added_sentences == list(range(2, len(late.sentences)))


def test_without_dates_the_fullest_member_is_origin():
    short = "\n".join(WIRE.split("\n")[:2])
    a = make_article(short, "3alyoum")
    b = make_article(WIRE, "aawsat")
    g = groups_of([a, b])[0]
    assert g.origin == b.id
    assert g.kind == "contained"
    assert g.shared[0].relation == "contained"
    assert g.shared[0].similarity == pytest.approx(1.0)


def test_articles_on_related_topics_are_not_grouped():
    articles = [make_article(t, o) for t, o in ((WIRE, "was"), (OTHER, "okaz"), (THIRD, "alyaum"))]
    assert groups_of(articles) == []


def test_template_with_other_names_and_figures_is_not_a_copy():
    template = (
        "بعث خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود برقية تهنئة للرئيس {name} رئيس {land} "
        "بمناسبة ذكرى اليوم الوطني لبلاده.\n"
        "وأعرب الملك المفدى باسمه واسم شعب المملكة العربية السعودية وحكومتها عن أجمل التهاني وأطيب التمنيات "
        "بموفور الصحة والسعادة لفخامته ولشعب {people} الشقيق المزيد من التقدم والازدهار.\n"
        "كما بعث ولي العهد برقية مماثلة بالمناسبة نفسها."
    )
    a = make_article(template.format(name="توني تان", land="سنغافورة", people="سنغافورة"), "alriyadh")
    b = make_article(template.format(name="الحسن واتارا", land="كوت ديفوار", people="كوت ديفوار"), "alriyadh")
    assert groups_of([a, b]) == []


def test_text_too_short_for_shingles_groups_only_as_exact_copy():
    a = make_article("عاجل: زلزال", "sabq")
    b = make_article("عاجل: زلزال", "okaz")
    c = make_article("عاجل: إعصار", "alwatan")
    groups = groups_of([a, b, c])
    assert [sorted(g.members) for g in groups] == [sorted([a.id, b.id])]


def test_members_are_all_verified_against_the_origin():
    wire = make_article(WIRE, "was", "2015-07-21")
    copy = make_article(edited(WIRE), "alwatan", "2015-07-22")
    third = make_article(THIRD, "alyaum", "2015-07-22")
    for g in groups_of([wire, copy, third]):
        assert g.origin in g.members
        assert {m.article for m in g.shared} == set(g.members) - {g.origin}
        assert len(set(g.members)) == len(g.members)


# --- incremental ------------------------------------------------------------------------


def run_stage(store: SQLiteStore, articles: list[Article]) -> Corpus:
    corpus = Corpus(articles=list(articles))
    DedupStage().run(corpus, StageContext(store=store, show_progress=False))
    return corpus


def test_new_articles_are_checked_against_the_persisted_index_without_rebuilding():
    store = SQLiteStore(":memory:")
    wire = make_article(WIRE, "was", "2015-07-21")
    other = make_article(OTHER, "okaz", "2015-07-21")
    assert run_stage(store, [wire, other]).duplicate_groups == []

    state = store.get_state("dedup", "engine")
    engine = Deduplicator.from_state(state)
    assert set(engine.index.ids) == {wire.id, other.id}

    copy = make_article(edited(WIRE), "alwatan", "2015-07-22")
    groups = engine.update([wire, other, copy])
    assert engine.last_new == 1  # only the new article was shingled and indexed
    assert [sorted(g.members) for g in groups] == [sorted([wire.id, copy.id])]

    corpus = run_stage(store, [wire, other, copy])
    assert corpus.family_of(copy.id) == wire.id
    assert corpus.family_of(other.id) == other.id


def test_deleted_or_replaced_articles_leave_no_stale_group():
    store = SQLiteStore(":memory:")
    wire = make_article(WIRE, "was", "2015-07-21")
    copy = make_article(edited(WIRE), "alwatan", "2015-07-22", source_key="alwatan/1")
    third = make_article(THIRD, "alyaum", "2015-07-22")
    assert len(run_stage(store, [wire, copy, third]).duplicate_groups) == 1

    # alwatan replaces its copy by a new version that is another story: the old id is gone
    replacement = make_article(OTHER, "alwatan", "2015-07-23", source_key="alwatan/1")
    corpus = run_stage(store, [wire, replacement, third])
    assert corpus.duplicate_groups == []
    engine = Deduplicator.from_state(store.get_state("dedup", "engine"))
    assert copy.id not in engine.index
    assert all(copy.id not in (e.a, e.b) for e in engine.edges.values())

    # the copy comes back (re-ingested), then the wire is deleted: the family forms, then goes
    assert len(run_stage(store, [wire, replacement, third, copy]).duplicate_groups) == 1
    assert run_stage(store, [replacement, third, copy]).duplicate_groups == []


def test_state_survives_a_json_round_trip_and_gives_the_same_groups():
    import json

    articles = [
        make_article(WIRE, "was", "2015-07-21"),
        make_article(edited(WIRE), "alwatan", "2015-07-22"),
        make_article(WIRE, "okaz", "2015-07-23"),
        make_article(OTHER, "alyaum"),
    ]
    engine = Deduplicator()
    first = engine.update(articles)
    restored = Deduplicator.from_state(json.loads(json.dumps(engine.to_state())))
    again = restored.update(articles)
    assert restored.last_new == 0
    assert [g.to_dict() for g in again] == [g.to_dict() for g in first]
    assert len(first) == 1 and len(first[0].members) == 3


def test_front_page_lists_the_family_with_origin_outlets_and_changes():
    from marsad.report.writer import build_report, render_pages

    wire = make_article(WIRE, "was", "2015-07-21")
    copy = make_article(edited(WIRE), "alwatan", "2015-07-22")
    corpus = Corpus(articles=[wire, copy, make_article(OTHER, "okaz")])
    corpus.duplicate_groups = groups_of(corpus.articles)
    html = render_pages(build_report(corpus))["report.html"]
    section = html[html.index('id="duplicates"') :]
    assert f'id="{corpus.duplicate_groups[0].id}"' in section
    assert "الأصل" in section and "was" in section and "alwatan" in section
    assert "2015-07-22" in section
    assert "معدّلة عن الأصل" in section  # the copy's relation, in Arabic
    dropped = wire.sentences[-1].text
    assert "حذفت" in section and dropped[:40] in section
