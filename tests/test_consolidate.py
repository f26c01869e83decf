"""Consolidation: claims counted by independent sources, conflicts, cited summaries."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from marsad.arabic.keys import word_keys
from marsad.arabic.normalize import normalize
from marsad.ingest import read_paths, sentences_of
from marsad.ingest.identity import article_id
from marsad.model import Article, Corpus, DuplicateGroup, Story
from marsad.pipeline import StageContext
from marsad.stages.consolidate import ConsolidateStage, consolidate, matching, sharedfacts
from marsad.stages.consolidate.facts import Proposition
from marsad.stages.consolidate.familymodel import FEATURES as FAMILY_FEATURES
from marsad.stages.consolidate.familymodel import (
    FamilyModel,
    learned_pairs,
    load_family_model,
    long_enough,
    pair_features,
    speaker_features,
    speakers_of,
)
from marsad.stages.consolidate.matching import build_fact_claims
from marsad.stages.consolidate.sharedfacts import joined_sources, source_coverage
from marsad.stages.consolidate.sources import (
    USE_COPIED_SENTENCES,
    USE_LEARNED_FAMILIES,
    USE_ORDERED_TEXT,
    Unit,
    _in_lead,
    copied_pairs,
    copied_sentences,
    copied_wording,
    copy_runs,
    independence_keys,
    ordered_alignment,
    ordered_sentences,
    sentence_runs,
)
from marsad.stages.consolidate.summarize import summary_word_count
from marsad.store import SQLiteStore


def make_article(text: str, outlet: str, published: str | None = "2024-03-02") -> Article:
    return Article(id=article_id(text, outlet), text=text, path=f"{outlet}.txt", outlet=outlet,
                   published=published, sentences=sentences_of(text), source_key=f"{outlet}.txt")


# --- seeds: the issue's done-when -----------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_story() -> tuple[Corpus, dict[str, str]]:
    seeds = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the checkout")
    articles = sorted(read_paths([str(seeds)], published="2023-09-16"), key=lambda a: a.path)
    by_seed = {Path(a.path).name[:3]: a.id for a in articles}
    corpus = Corpus(articles=articles)
    # 002 is an earlier, shorter version of 004: one duplicate family (built here, not by the dedup stage)
    corpus.duplicate_groups.append(
        DuplicateGroup("g1", "contained", [by_seed["002"], by_seed["004"]], by_seed["004"], 0.9))
    corpus.stories.append(Story("s1", "قمة كيم وبوتين", [a.id for a in articles]))
    store = SQLiteStore(":memory:")
    ConsolidateStage().run(corpus, StageContext(store=store, options={"embeddings": False}, show_progress=False))
    store.close()
    return corpus, by_seed


def test_km_claim_is_corroborated_by_two_independent_sources(seeds_story) -> None:
    corpus, seed = seeds_story
    story = corpus.stories[0]
    km = [c for c in story.claims if seed["001"] in c.sources and seed["003"] in c.sources]
    assert len(km) == 1
    claim = km[0]
    texts = [corpus.article(c.article).text[c.start:c.end] for c in claim.sentences]
    assert any("ثمانية آلاف كيلومتر" in t for t in texts)
    assert any("8 آلاف كيلومتر" in t for t in texts)
    assert claim.independent_sources == 2
    assert claim.status == "corroborated"


def test_claims_of_one_duplicate_family_count_once(seeds_story) -> None:
    corpus, seed = seeds_story
    family_only = [c for c in corpus.stories[0].claims if set(c.sources) == {seed["002"], seed["004"]}]
    assert len(family_only) >= 5  # 002's paragraphs reappear in 004
    assert all(c.independent_sources == 1 and c.status != "corroborated" for c in family_only)
    for claim in family_only:  # not corroborated: single, or one side of a conflict with another source
        assert claim.status == "single" or any(
            set(v["articles"]) - {seed["002"], seed["004"]} for k in claim.conflicts for v in k["values"])


def test_every_claim_counts_sources_consistently(seeds_story) -> None:
    corpus, _ = seeds_story
    for claim in corpus.stories[0].claims:
        families = {corpus.family_of(a) for a in claim.sources}
        assert claim.independent_sources == len(families)
        if claim.status == "conflict":  # one side of a contradiction (with another source), whatever its count
            assert any(len({corpus.family_of(x) for v in k["values"] for x in v["articles"]}) >= 2
                       for k in claim.conflicts)
            continue
        assert (claim.status == "single") == (claim.independent_sources == 1)
        assert len(claim.sentences) == len(claim.sources)  # one sentence per article


def test_summary_sentences_are_whole_cited_and_within_budget(seeds_story) -> None:
    corpus, _ = seeds_story
    summary = corpus.stories[0].summary
    assert summary
    assert summary_word_count(summary) <= 250
    for line in summary:
        assert line.citations
        first = line.citations[0]
        article = corpus.article(first.article)
        assert article.text[first.start:first.end] == line.text  # never cut: the whole sentence
        for c in line.citations:
            assert c.article in corpus.stories[0].articles


def test_summary_word_limit_is_respected(seeds_story) -> None:
    corpus, _ = seeds_story
    result = consolidate(corpus.articles, corpus, words=60, use_embeddings=False)
    assert 0 < summary_word_count(result.summary) <= 60


def test_story_to_dict_has_claims_and_summary(seeds_story) -> None:
    corpus, _ = seeds_story
    d = corpus.stories[0].to_dict()
    assert d["summary"][0]["citations"][0]["article"] in d["articles"]
    assert {"id", "text", "sources", "sentences", "independent_sources", "status", "conflicts"} <= set(d["claims"][0])


# --- small self-written stories ---------------------------------------------------------------


def test_conflicting_numbers_are_flagged_with_who_said_which() -> None:
    a = make_article("أعلنت الشرطة مقتل 12 شخصا في انفجار سيارة مفخخة وسط بغداد صباح اليوم.", "وكالة أ")
    b = make_article("قالت الشرطة إن 15 شخصا قتلوا في انفجار سيارة مفخخة وسط بغداد صباح اليوم.", "صحيفة ب")
    result = consolidate([a, b], Corpus(articles=[a, b]), use_embeddings=False)
    assert len(result.conflicts) == 1
    conflict = result.conflicts[0]
    assert conflict["kind"] == "number" and not conflict["expectation"]
    assert {(v["value"], tuple(v["outlets"])) for v in conflict["values"]} == {(12, ("وكالة أ",)), (15, ("صحيفة ب",))}
    for side in conflict["values"]:  # each side cites its sentence and its claim
        assert side["sentences"] and side["claims"]
    in_conflict = [c for c in result.claims if c.conflicts]
    assert {c.sources[0] for c in in_conflict} == {a.id, b.id}
    assert all(c.status == "conflict" for c in in_conflict)


def test_same_number_in_words_and_digits_is_no_conflict() -> None:
    a = make_article("وصل الوفد إلى المدينة التي تبعد ثمانية آلاف كيلومتر عن العاصمة بعد رحلة طويلة.", "أ")
    b = make_article("بعد رحلة طويلة وصل الوفد إلى المدينة الواقعة على بعد 8 آلاف كيلومتر من العاصمة.", "ب")
    result = consolidate([a, b], Corpus(articles=[a, b]), use_embeddings=False)
    claim = next(c for c in result.claims if len(c.sources) == 2)
    assert claim.status == "corroborated" and claim.independent_sources == 2


def test_one_outlet_counts_once() -> None:
    text1 = "افتتح وزير الصحة مستشفى جديدا في مدينة جدة يضم ثلاثمئة سرير لخدمة سكان المنطقة."
    text2 = "افتتح وزير الصحة اليوم مستشفى جديدا في جدة يضم ثلاثمئة سرير لخدمة سكان المنطقة الغربية."
    a, b = make_article(text1, "عكاظ"), make_article(text2, "عكاظ")
    assert len(set(independence_keys([a, b]).values())) == 1
    result = consolidate([a, b], Corpus(articles=[a, b]), use_embeddings=False)
    claim = next(c for c in result.claims if len(c.sources) == 2)
    assert claim.independent_sources == 1 and claim.status == "single"


def test_unrelated_sentences_stay_apart() -> None:
    a = make_article("افتتح وزير الصحة مستشفى جديدا في مدينة جدة يضم ثلاثمئة سرير لخدمة السكان.", "أ")
    b = make_article("فاز المنتخب السعودي على نظيره الياباني بهدفين مقابل هدف في مباراة ودية أمس.", "ب")
    result = consolidate([a, b], Corpus(articles=[a, b]), use_embeddings=False)
    assert all(len(c.sources) == 1 for c in result.claims)


def test_failing_story_does_not_stop_the_stage() -> None:
    a = make_article("افتتح وزير الصحة مستشفى جديدا في مدينة جدة يضم ثلاثمئة سرير لخدمة السكان.", "أ")
    corpus = Corpus(articles=[a], stories=[Story("bad", "x", ["missing-id"]), Story("ok", "y", [a.id])])
    store = SQLiteStore(":memory:")
    ConsolidateStage().run(corpus, StageContext(store=store, options={"embeddings": False}, show_progress=False))
    store.close()
    assert corpus.stories[0].summary == []
    assert corpus.stories[1].summary and corpus.stories[1].summary[0].citations[0].article == a.id


# --- marsad summarize -------------------------------------------------------------------------------


def test_summarize_command_prints_cited_json(tmp_path, capsys) -> None:
    import json

    from marsad.cli import main

    (tmp_path / "a.txt").write_text(
        "وصل الوفد إلى المدينة التي تبعد ثمانية آلاف كيلومتر عن العاصمة بعد رحلة طويلة.\n"
        "وافتتح وزير الصحة مستشفى جديدا في المدينة يضم ثلاثمئة سرير لخدمة السكان.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "بعد رحلة طويلة وصل الوفد إلى المدينة الواقعة على بعد 8 آلاف كيلومتر من العاصمة.\n"
        "فاز المنتخب على نظيره بهدفين مقابل هدف في مباراة ودية أقيمت مساء أمس.", encoding="utf-8")
    assert main(["summarize", str(tmp_path), "--words", "40", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"] and all(s["citations"] for s in out["summary"])
    assert sum(len(s["text"].split()) for s in out["summary"]) <= 40
    ids = {a["id"] for a in out["articles"]}
    assert any(c["status"] == "corroborated" and set(c["sources"]) == ids for c in out["claims"])
    assert main(["summarize", str(tmp_path), "--words", "40"]) == 0
    plain = capsys.readouterr().out.strip().splitlines()
    assert plain == [s["text"] for s in out["summary"]]


def test_summarize_command_without_articles_fails(tmp_path, capsys) -> None:
    from marsad.cli import main

    assert main(["summarize", str(tmp_path)]) == 2


def test_embedding_budget_and_single_article_stories_skip_embeddings(monkeypatch) -> None:
    import marsad.similarity

    def no_embedding(texts, batch=256):
        raise AssertionError("embeddings were computed")

    monkeypatch.setattr(marsad.similarity, "embed", no_embedding)
    monkeypatch.setattr(marsad.similarity, "embeddings_available", lambda: True)
    a = make_article("وصل الوفد إلى المدينة التي تبعد ثمانية آلاف كيلومتر عن العاصمة بعد رحلة طويلة.", "أ")
    b = make_article("بعد رحلة طويلة وصل الوفد إلى المدينة الواقعة على بعد 8 آلاف كيلومتر من العاصمة.", "ب")
    corpus = Corpus(articles=[a, b], stories=[Story("one", "x", [a.id]), Story("two", "y", [a.id, b.id])])
    store = SQLiteStore(":memory:")
    ConsolidateStage().run(corpus, StageContext(store=store, options={"embed_budget": 1}, show_progress=False))
    store.close()
    assert corpus.stories[0].summary and corpus.stories[1].summary
    assert corpus.stories[1].claims[0].status == "corroborated"



def test_a_story_of_copies_of_one_text_is_not_embedded(monkeypatch) -> None:
    import marsad.stages.consolidate.stage as stage

    calls: list[int] = []

    def fake_embed(texts, batch=256):
        calls.append(len(texts))
        vectors = np.ones((len(texts), 4), dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    monkeypatch.setattr(stage, "embed", fake_embed)
    monkeypatch.setattr(stage, "embeddings_available", lambda: True)
    text = ("أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في المدينة بسعة مئتي سرير. وقال الوزير إن المستشفى "
            "سيخدم سكان المنطقة الشرقية كلها. ومن المقرر أن يستقبل المرضى الأسبوع المقبل بعد اكتمال التجهيزات.")
    copies = [make_article(text, "أ"), make_article(text, "ب")]
    result = consolidate(copies)
    assert not calls and result.unit_vectors is None  # one text: words align the copies
    assert any(len(c.sources) == 2 for c in result.claims)  # ... and they are still aligned
    other = make_article("افتتحت الوزارة مستشفى بمئتي سرير في المدينة، وسيستقبل المرضى خلال أسبوع.", "ج")
    result = consolidate([copies[0], other])
    assert calls and result.unit_vectors is not None  # two texts: embedded as before

# --- summaries whatever the outlets ---------------------------------------------------------------


def test_concepts_weigh_by_texts_even_from_one_outlet() -> None:
    from marsad.stages.consolidate.stage import story_units
    from marsad.stages.consolidate.summarize import concept_weights, sentence_concepts

    texts = [
        "افتتح وزير الصحة مستشفى جديدا في مدينة جدة يضم ثلاثمئة سرير لخدمة سكان المنطقة.",
        "وقال مسؤولون إن وزير الصحة افتتح المستشفى بحضور عدد من المسؤولين في مدينة جدة.",
        "فاز المنتخب السعودي على نظيره الياباني بهدفين مقابل هدف في مباراة ودية أمس.",
    ]
    minister, team = min(sentence_concepts("وزير الصحة")), min(sentence_concepts("المنتخب السعودي"))
    one = [make_article(t, "عكاظ") for t in texts]
    for i, a in enumerate(one):
        a.source_key = f"https://okaz.example/{i}"  # three articles the outlet wrote, not versions of one
    many = [make_article(t, f"outlet{i}") for i, t in enumerate(texts)]
    for articles, n_sources in ((one, 1), (many, 3)):
        units = story_units(articles)
        assert len({u.source for u in units}) == n_sources
        weights = concept_weights(units, {u.index: sentence_concepts(u.sentence.text) for u in units})
        assert weights[minister] >= 2  # two distinct texts carry it, whoever published them
        assert weights.get(team, 0.0) < weights[minister]



def test_outlets_printing_one_wire_text_count_once() -> None:
    wire = ("وصل الرئيس رمضان أحمد قاديروف رئيس جمهورية الشيشان إلى جدة صباح اليوم لأداء مناسك العمرة، "
            "وكان في استقباله لدى وصوله مطار الملك عبدالعزيز الدولي وكيل إمارة منطقة مكة المكرمة للشؤون الأمنية.")
    edited = ("واس- جدة: وصل رئيس جمهورية الشيشان رمضان أحمد قاديروف إلى جدة صباح أمس لأداء مناسك العمرة. "
              "وكان في استقباله لدى وصوله مطار الملك عبدالعزيز الدولي وكيل إمارة منطقة مكة المكرمة للشؤون الأمنية، "
              "ووزير الثقافة والإعلام الوزير المرافق.")
    other = ("استقبل وكيل إمارة مكة المكرمة الرئيس الشيشاني قاديروف في مطار جدة، حيث يؤدي العمرة في زيارة "
             "تستمر ثلاثة أيام يلتقي خلالها عددا من المسؤولين السعوديين لبحث العلاقات الثنائية.")
    a, b, c = make_article(wire, "عكاظ"), make_article(edited, "سبق"), make_article(other, "الرياض")
    keys = independence_keys([a, b, c])
    assert keys[a.id] == keys[b.id]  # one wire text, reworded and extended: one witness
    assert keys[c.id] != keys[a.id]  # its own report of the same visit


def test_two_briefs_sharing_a_phrase_are_not_one_text() -> None:
    a = make_article("أعلن الرئيس الروسي وصوله إلى مدينة فلاديفوستوك صباح اليوم لحضور المنتدى الاقتصادي.", "أ")
    b = make_article("وصل الرئيس الصيني إلى مدينة فلاديفوستوك صباح اليوم لحضور المنتدى الاقتصادي الشرقي.", "ب")
    assert copied_pairs([a, b]) == []


# --- shared passages (anywhere: passages=True, measured on the families dev set, not adopted) --------------------

_FIRE_EARLY = ("اندلع حريق كبير في مستودع للأخشاب شمال المدينة مساء أمس وأصيب سبعة وعشرون شخصا بجروح طفيفة. "
               "وقال متحدث باسم الدفاع المدني إن أعمال الإطفاء قد تستمر حتى ظهر اليوم بسبب شدة الرياح. "
               "وأجلت فرق الإنقاذ سكان المنازل المجاورة ونقلت أكثر من ستين شخصا إلى مكان آمن بعيدا عن الدخان. "
               "ولم يعرف بعد سبب الحريق أو حجم الخسائر المادية التي خلفها في المنطقة الصناعية.")
_FIRE_LATER = ("ارتفع عدد المصابين في حريق مستودع الأخشاب إلى ثمانية وثلاثين شخصا بينهم ثلاثة من رجال الإطفاء. "
               "وذكر المتحدث أن أعمال الإطفاء قد تستمر حتى ظهر اليوم بسبب شدة الرياح وصعوبة الوصول إلى قلب المستودع. "
               "وكانت فرق الإنقاذ قد أخلت المنازل القريبة ونقلت أكثر من ستين شخصا إلى مكان آمن بعيدا عن الدخان. "
               "وفتحت الشرطة تحقيقا في الحادث واستدعت صاحب المستودع وعددا من العمال للاستماع إلى أقوالهم.")


def test_successive_dispatches_share_passages() -> None:
    early, later = make_article(_FIRE_EARLY, "اليوم"), make_article(_FIRE_LATER, "الرياض")
    # containment alone misses the later dispatch (copied sentences, 2 of 4, join it: see the last test)
    assert copied_pairs([early, later], passages=False, sentences=False) == []
    assert copied_pairs([early, later], passages=True) == [(early.id, later.id)]
    assert copied_pairs([early, later]) == [(early.id, later.id)]  # the default: passages in the lead
    keys = independence_keys([early, later], passages=True)
    assert keys[early.id] == keys[later.id]


def test_a_long_report_that_reprints_one_short_item_keeps_its_own_source() -> None:
    quoted = "وقال متحدث باسم الدفاع المدني إن أعمال الإطفاء قد تستمر حتى ظهر اليوم بسبب شدة الرياح وصعوبة الوصول."
    short = make_article(_FIRE_EARLY.split(". ")[0] + ". " + quoted + " وأغلقت الشرطة الطرق المؤدية إلى المستودع "
                         "وطلبت من السائقين استخدام الطريق الدائري حتى انتهاء عمليات الإطفاء والتبريد. وقدر "
                         "تجار المنطقة قيمة الأخشاب المخزنة في المستودع بعدة ملايين من الريالات.", "سبق")

    def report(paragraphs: int) -> Article:
        own = " ".join(f"وزار مراسلنا الحي في الساعة {k} وتحدث إلى السكان عن الأضرار التي لحقت بمنازلهم."
                       for k in range(1, paragraphs + 1))
        return make_article(own + " " + quoted, "الوطن")

    assert copied_pairs([short, report(40)], passages=True) == []  # a passage, but 3 % of the long report
    assert len(copied_pairs([short, report(8)], passages=True)) == 1  # the same passage in a short report


def test_a_shared_seven_word_phrase_is_no_passage() -> None:
    a = make_article("استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز وزير الخارجية الفرنسي في قصر السلام "
                     "وبحث معه العلاقات الثنائية وسبل تعزيزها في المجالات الاقتصادية والثقافية.", "أ")
    b = make_article("افتتح خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز مشروع توسعة المطار الجديد بحضور عدد من "
                     "الأمراء والوزراء وكبار المسؤولين في المنطقة الغربية.", "ب")
    assert copied_pairs([a, b], passages=True) == []


# --- shared passages in the lead (second variant, passages="lead", the default; docs/consolidate.md) ---------------

_RELEASE = ("أعلنت أمانة المنطقة الشرقية إغلاق ثمانية مطاعم في الدمام لمخالفتها اشتراطات السلامة الصحية. "
            "وقال المتحدث الرسمي للأمانة إن فرق الرقابة نفذت أكثر من مئتي جولة تفتيشية خلال الأسبوع الماضي "
            "على المطاعم والمقاهي في الأحياء الشمالية. وأضاف أن الأمانة منحت أصحاب المنشآت المخالفة مهلة "
            "أسبوعين لتصحيح أوضاعها قبل فرض الغرامات المالية وإغلاقها نهائيا. وأشار إلى أن المخالفات شملت "
            "تخزين المواد الغذائية في درجات حرارة غير مناسبة وانتهاء الشهادات الصحية لعدد من العاملين. ودعت "
            "الأمانة السكان إلى الإبلاغ عن أي مخالفة عبر الرقم الموحد للبلاغات أو تطبيق الأمانة على الهواتف "
            "الذكية، مؤكدة أن الحملة ستستمر حتى نهاية العام وستشمل محافظات الخبر والقطيف والجبيل.")
_OWN_LEAD = ("اشتكى سكان حي الشاطئ في الدمام من تراجع مستوى النظافة في عدد من المطاعم الشعبية التي يرتادونها "
             "منذ سنوات، وقال أحدهم لمراسلنا إنه وجد الأواني متسخة والأرضيات مبللة في أكثر من مطعم. ورصدت "
             "الصحيفة في جولة مسائية على شارع الخليج ازدحام المقاهي بالزبائن في غياب أي لافتات ترشدهم إلى "
             "مواعيد التفتيش، بينما طالب آخرون بنشر أسماء المنشآت المخالفة على موقع الأمانة حتى يعرفها الجميع "
             "ويتجنبوها، مؤكدين أن الغرامات وحدها لا تكفي لردع المخالفين.")


def test_a_report_reprinting_release_sentences_after_its_own_lead_keeps_its_own_source() -> None:
    release = make_article(_RELEASE, "واس")
    tail = _RELEASE.split(". ")[1] + "."  # the release's second sentence, word for word
    report = make_article(_OWN_LEAD + " " + tail, "الوطن")
    assert copied_pairs([release, report], passages=False) == []
    assert len(copied_pairs([release, report], passages=True)) == 1  # passages anywhere join them
    assert copied_pairs([release, report], passages="lead") == []  # the report's lead is its own
    assert copied_pairs([release, report]) == []  # the default
    keys = independence_keys([release, report], passages="lead")
    assert keys[release.id] != keys[report.id]


def test_successive_dispatches_share_passages_in_their_leads() -> None:
    early, later = make_article(_FIRE_EARLY, "اليوم"), make_article(_FIRE_LATER, "الرياض")
    assert copied_pairs([early, later], passages="lead") == [(early.id, later.id)]
    keys = independence_keys([early, later], passages="lead")
    assert keys[early.id] == keys[later.id]


def test_the_opening_is_a_third_of_the_article_or_its_first_forty_words() -> None:
    assert _in_lead(39, 60) and not _in_lead(40, 60)  # a short article: its first 40 words
    assert _in_lead(99, 300) and not _in_lead(100, 300)  # a long one: its first third


# --- copied wording inside a claim (twentieth session's registration) ----------------------------------------------


def _copied(a: str, b: str) -> bool:
    return copied_wording(word_keys(normalize(a)), word_keys(normalize(b)))


def test_a_verbatim_six_word_run_is_copied_wording() -> None:
    # «أن أعمال الإطفاء ستستمر حتى ظهر»: six words, then each goes its own way
    assert _copied("ذكر المتحدث أن أعمال الإطفاء ستستمر حتى ظهر الغد",
                   "أعلنت الشرطة أن أعمال الإطفاء ستستمر حتى ظهر اليوم")


def test_a_paraphrase_and_a_five_word_run_are_not_copied_wording() -> None:
    assert not _copied("توقع المتحدث أن يسيطر رجال الدفاع المدني على النيران قبل منتصف النهار",
                       "أعلنت الشرطة أن أعمال الإطفاء ستستمر حتى ظهر اليوم")
    # «أن أعمال الإطفاء ستستمر حتى»: five words inside two longer propositions
    assert not _copied("ذكر المتحدث أن أعمال الإطفاء ستستمر حتى المساء بسبب الرياح",
                       "أعلنت الشرطة أن أعمال الإطفاء ستستمر حتى ظهر اليوم")


def test_a_short_proposition_copies_when_the_other_holds_all_of_it() -> None:
    longer = "قال المتحدث إن الإطفاء مستمر حتى الظهر بسبب الرياح"
    assert _copied("الإطفاء مستمر حتى الظهر", longer)  # four words, all inside the other
    assert _copied(longer, "الإطفاء مستمر حتى الظهر")  # either order
    assert not _copied("الإطفاء مستمر حتى المساء", longer)  # three of its four words
    assert not _copied("مستمر حتى الظهر", longer)  # three words: a formula, never a copy


_COPIED = "وأعمال الإطفاء ستستمر حتى ظهر اليوم."


def test_two_outlets_printing_one_sentence_word_for_word_count_once(monkeypatch) -> None:
    a = make_article("اندلع حريق كبير في مستودع للأخشاب شمال المدينة مساء أمس وأصيب سبعة أشخاص بجروح. " + _COPIED,
                     "عكاظ")
    b = make_article("أصيب عدد من العمال في حريق شب داخل منطقة صناعية بعد غروب الشمس بقليل. " + _COPIED,
                     "الوطن")
    keys = independence_keys([a, b])
    assert keys[a.id] != keys[b.id]  # two texts of their own: the families measure keeps them apart

    def claim_of(copies: bool):
        monkeypatch.setattr(matching, "COPY_IN_CLAIMS", copies)
        result = consolidate([a, b], Corpus(articles=[a, b]), use_embeddings=False)
        return next(c for c in result.claims if len(c.sources) == 2)

    off = claim_of(False)
    assert off.independent_sources == 2 and off.status == "corroborated" and off.copies == []
    on = claim_of(True)
    assert on.independent_sources == 1 and on.status == "single"  # one wording, counted once
    assert on.copies == [{"articles": sorted([a.id, b.id])}]
    assert on.to_dict()["copies"] == on.copies


# --- copied sentences (twentieth session, second registration; sentences=True, opt-in until measured) ------------

_CRESCENT = ("أعلنت هيئة الهلال الأحمر السعودي في منطقة مكة المكرمة مباشرة فرقها لحادث تصادم على طريق الساحل. "
             "وقال المتحدث الرسمي إن الفرق الإسعافية نقلت أحد عشر مصابا إلى مستشفى الملك فهد بعد وصولها بدقائق. "
             "وأوضح أن حالة ثلاثة من المصابين حرجة وأن البقية غادروا المستشفى بعد تلقي العلاج اللازم.")


def _crescent_relay(second: str, third: str) -> str:
    """A relay of :data:`_CRESCENT` with its own lead (no run shared) and the two given sentences."""
    lead = "باشرت فرق الهلال الأحمر بمكة حادثا مروريا وقع صباح اليوم على الطريق الساحلي جنوب المدينة."
    return f"{lead} {second} {third}"


def test_a_relay_that_rewords_its_lead_and_copies_the_rest_is_one_source() -> None:
    release = make_article(_CRESCENT, "المدينة")
    relay = make_article(_crescent_relay(
        "وبين متحدث الهيئة أن الفرق الإسعافية نقلت أحد عشر مصابا إلى مستشفيات المدينة لاستكمال العلاج.",
        "وأشار إلى أن حالة ثلاثة من المصابين حرجة فيما غادر الباقون بعد إسعافهم في الموقع."), "الرياض")
    # 2 of 3 sentences share a run of >= 6 words (8 and 6), the lead none
    assert copied_sentences(sentence_runs(release), sentence_runs(relay))
    assert copied_pairs([release, relay], passages=True, sentences=False) == []  # passages miss it (too few words)
    assert copied_pairs([release, relay], sentences=True) == [(release.id, relay.id)]
    keys = independence_keys([release, relay], sentences=True)
    assert keys[release.id] == keys[relay.id]
    assert len(set(independence_keys([release, relay], sentences=False).values())) == 2
    assert copied_pairs([release, relay]) == copied_pairs([release, relay], sentences=USE_COPIED_SENTENCES)


def test_a_five_word_shared_run_is_no_copied_sentence() -> None:
    release = make_article(_CRESCENT, "المدينة")
    relay = make_article(_crescent_relay(  # the runs: «نقلت أحد عشر مصابا إلى», «أن حالة ثلاثة من المصابين»
        "وبين متحدث الهيئة أن الفرق نقلت أحد عشر مصابا إلى مستشفيات المدينة لاستكمال العلاج.",
        "وأشار إلى أن حالة ثلاثة من المصابين خطرة فيما غادر الباقون بعد إسعافهم في الموقع."), "الرياض")
    assert not copied_sentences(sentence_runs(release), sentence_runs(relay))
    assert copied_pairs([release, relay], sentences=True) == []
    assert len(copy_runs(list("abcdefg"))) == 2  # runs are 6 words long


def test_an_own_report_reprinting_two_release_sentences_keeps_its_own_source() -> None:
    release = make_article(_RELEASE, "واس")  # 5 sentences
    first, _, _, fourth, _ = _RELEASE.split(". ")
    own = ("اشتكى سكان حي الشاطئ في الدمام من تراجع مستوى النظافة في عدد من المطاعم الشعبية التي يرتادونها منذ "
           "سنوات. وقال أحدهم لمراسلنا إنه وجد الأواني متسخة والأرضيات مبللة في أكثر من مطعم خلال الأسابيع الأخيرة. "
           "ورصدت الصحيفة في جولة مسائية على شارع الخليج ازدحام المقاهي بالزبائن حتى ساعة متأخرة من الليل. ولم تجد "
           "الصحيفة أي لافتات ترشد الزبائن إلى مواعيد التفتيش أو أرقام تلقي الشكاوى في تلك المحلات. وطالب آخرون "
           "بنشر أسماء المنشآت المخالفة على موقع الأمانة حتى يعرفها الجميع ويتجنبوها. وأكد عدد من أصحاب المطاعم "
           "أنهم يلتزمون بالاشتراطات وأن المخالفات تقتصر على محلات قليلة في الحي.")
    report = make_article(f"{own} {first}. {fourth}.", "الوطن")  # 8 sentences, 2 of them the release's
    assert len(report.sentences) == 8 and len(sentence_runs(release)) == 5
    assert not copied_sentences(sentence_runs(release), sentence_runs(report))  # 2 of the release's 5: under half
    assert copied_pairs([release, report], sentences=True) == []
    keys = independence_keys([release, report], sentences=True)
    assert keys[release.id] != keys[report.id]
    assert len(copied_pairs([release, report], passages=True, sentences=False)) == 1  # passages anywhere would join


def test_copied_sentences_need_two_of_them() -> None:
    one, two = {("a",) * 6}, {("b",) * 6}
    assert not copied_sentences([one], [one, two])  # one copied sentence of one: a quote, not a copy
    assert copied_sentences([one, two], [two, one, {("c",) * 6}])
    five = [one, two, {("c",) * 6}, {("d",) * 6}, {("e",) * 6}]
    assert copied_sentences(five, [one, two])  # the shorter article decides: both its sentences are copied
    assert not copied_sentences(five, [one, two, {("f",) * 6}, {("g",) * 6}, {("h",) * 6}])  # 2 of 5: under half



def test_successive_dispatches_copying_two_of_four_sentences_are_one_source_by_copied_sentences() -> None:
    early, later = make_article(_FIRE_EARLY, "اليوم"), make_article(_FIRE_LATER, "الرياض")
    assert copied_pairs([early, later], passages=False, sentences=True) == [(early.id, later.id)]  # exactly half


# --- one text told in the same order (twentieth session, fourth registration; ordered=True, opt-in) --------------

_HEALTH = ["أعلنت وزارة الصحة السعودية تسجيل خمس إصابات جديدة بفيروس كورونا في مدينة جدة خلال الأيام الثلاثة الماضية.",
           "وأوضحت الوزارة في بيان أن المصابين نقلوا إلى مستشفى الملك عبدالعزيز وأن حالة اثنين منهم مستقرة.",
           "ودعت الوزارة المواطنين والمقيمين إلى غسل اليدين بانتظام وتجنب الأماكن المزدحمة في أوقات الذروة.",
           "وأشارت إلى أن فرق الترصد الوبائي تتابع المخالطين للمصابين في الأحياء التي يسكنونها منذ أسبوعين."]
#: each sentence of _HEALTH lightly reworded (lexical 0.57–0.77 with its own, < 0.25 with the others; no run of
#: 6 words, 1 shared 4-gram)
_HEALTH_REWORDED = [
    "سجلت وزارة الصحة خمس إصابات جديدة بكورونا في جدة على مدى الأيام الثلاثة الأخيرة.",
    "وبينت الوزارة في بيانها أن المصابين أدخلوا مستشفى الملك عبدالعزيز وأن اثنين منهم حالتهما مستقرة.",
    "وطالبت الوزارة المواطنين والمقيمين بغسل اليدين باستمرار وتفادي الأماكن المزدحمة وقت الذروة.",
    "ولفتت إلى أن فرق الرصد الوبائي تتابع مخالطي المصابين في أحيائهم منذ أسبوعين."]
#: an outlet's own report on the same event (no sentence near one of _HEALTH's)
_HEALTH_OWN = ["يعيش سكان حي الصفا في جدة حالة من القلق منذ انتشار أنباء الإصابات الجديدة في المدينة.",
               "وقال عدد منهم لمراسلنا إنهم قرروا إبقاء أطفالهم في البيوت وعدم إرسالهم إلى المدارس هذا الأسبوع.",
               "ورصدت الصحيفة في جولة على الصيدليات نفاد الكمامات والمعقمات من معظمها منذ صباح أمس.",
               "وطالب آخرون بإغلاق الأسواق الشعبية مؤقتا حتى تتضح حقيقة الوضع الصحي في الأحياء المتضررة."]


def test_a_relay_that_rewords_every_sentence_in_the_same_order_is_one_source() -> None:
    release = make_article(" ".join(_HEALTH), "واس")
    relay = make_article(" ".join(_HEALTH_REWORDED), "عكاظ")
    assert copied_pairs([release, relay], passages=True, sentences=True, ordered=False) == []  # no copy rule sees it
    assert copied_pairs([release, relay], ordered=True) == [(release.id, relay.id)]
    keys = independence_keys([release, relay], ordered=True)
    assert keys[release.id] == keys[relay.id]
    assert len(set(independence_keys([release, relay], ordered=False).values())) == 2
    assert copied_pairs([release, relay]) == copied_pairs([release, relay], ordered=USE_ORDERED_TEXT)


def test_the_same_facts_told_in_another_order_are_two_sources() -> None:
    release = make_article(" ".join(_HEALTH), "واس")
    h1, h2, h3, h4 = _HEALTH_REWORDED
    other = make_article(" ".join([h3, h4, h1, h2]), "عكاظ")  # every sentence matches one, in another order
    assert copied_pairs([release, other], ordered=True) == []  # in order: 2 of 4 (1-2 or 3-4), under 60 %
    assert len(set(independence_keys([release, other], ordered=True).values())) == 2


def test_a_report_that_reprints_a_release_after_its_own_lead_is_two_sources() -> None:
    release = make_article(" ".join(_HEALTH), "واس")
    report = make_article(" ".join(_HEALTH_OWN + _HEALTH_REWORDED), "الوطن")  # the release at its end, in order
    assert ordered_sentences(report).in_lead == [True] * 3 + [False] * 5  # 40 words, about 3 sentences
    assert copied_pairs([release, report], ordered=True) == []  # all 4 aligned, but not from the report's lead
    assert len(set(independence_keys([release, report], ordered=True).values())) == 2
    first = make_article(" ".join(_HEALTH_REWORDED + _HEALTH_OWN), "الوطن")  # the release first: a relay, extended
    assert copied_pairs([release, first], ordered=True) == [(release.id, first.id)]


def test_ordered_alignment_counts_the_shorter_article_and_starts_in_both_leads() -> None:
    diagonal = np.eye(4, dtype=bool)
    lead = [True, False, False, False]
    assert ordered_alignment(diagonal, lead, lead)
    assert not ordered_alignment(diagonal, [False] * 4, lead)  # the first pair is not in one lead
    assert not ordered_alignment(diagonal[::-1], [True] * 4, [True] * 4)  # reversed: an alignment of 1
    three = np.zeros((4, 4), dtype=bool)
    three[1, 1] = three[2, 2] = three[3, 3] = True  # 3 of 4 (75 %), from the second sentences on
    assert not ordered_alignment(three, lead, lead)
    assert ordered_alignment(three, [True, True, False, False], [True, True, False, False])
    five = np.zeros((5, 7), dtype=bool)
    five[0, 0] = five[2, 3] = True
    assert not ordered_alignment(five, [True] * 5, [True] * 7)  # 2 of the shorter's 5: under 60 %
    five[4, 6] = True
    assert ordered_alignment(five, [True] * 5, [True] * 7)  # 3 of 5: 60 %
    wide = np.zeros((2, 6), dtype=bool)
    wide[0, 0] = wide[1, 5] = True  # both sentences of the shorter one, in order: 100 % of 2
    assert ordered_alignment(wide, [True, False], [True] + [False] * 5)
    assert not ordered_alignment(wide[:1], [True], [True] + [False] * 5)  # one sentence: fewer than 2
    tie = np.zeros((3, 3), dtype=bool)
    tie[0, 1] = tie[1, 0] = tie[2, 2] = True  # two longest alignments (0-1, 2-2) and (1-0, 2-2)
    assert ordered_alignment(tie, [True, False, False], [False, True, False])  # one of them starts in both leads
    assert not ordered_alignment(tie, [False, False, True], [True, False, False])


# --- a learned same-source decision (twenty-first session; learned=…, opt-in) ------------------------------------


def _cosine_model(threshold: float = 0.5) -> FamilyModel:
    """A hand-set model reading one feature: one source when the whole texts' cosine is above 0.5."""
    k = len(FAMILY_FEATURES)
    coef = np.zeros(k)
    coef[FAMILY_FEATURES.index("cosine")] = 20.0
    return FamilyModel(FAMILY_FEATURES, np.zeros(k), np.ones(k), coef, -10.0, threshold)


def test_pair_features_tell_a_copy_and_a_reworded_relay_from_an_own_report() -> None:
    release = make_article(" ".join(_HEALTH), "واس")
    relay = make_article(" ".join(_HEALTH_REWORDED), "عكاظ")
    own = make_article(" ".join(_HEALTH_OWN), "الوطن")
    copy = make_article(" ".join(_HEALTH), "المدينة")  # word for word
    pairs, x = pair_features([release, relay, own, copy])
    assert pairs == [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    col = FAMILY_FEATURES.index
    assert x[0, col("lex5")] == 1.0 and x[0, col("ordered")] == 1.0  # every sentence reworded, in order
    assert x[0, col("copy_short")] == 0.0 and x[0, col("pass_short")] == 0.0  # no run of 6 or 8 words
    assert x[1, col("lex5")] == 0.0 and x[1, col("ordered")] == 0.0  # the own report: no sentence near one
    assert x[0, col("cosine")] > x[1, col("cosine")]
    assert x[2, col("c4_short")] == 1.0 and x[2, col("copy_short")] == 1.0 and x[2, col("pass_lead")] == 1.0
    assert x[2, col("len_ratio")] == 1.0


def test_the_learned_decision_adds_its_pairs_to_the_rules() -> None:
    release = make_article(" ".join(_HEALTH), "واس")
    relay = make_article(" ".join(_HEALTH_REWORDED), "عكاظ")
    own = make_article(" ".join(_HEALTH_OWN), "الوطن")
    model = _cosine_model()
    assert copied_pairs([release, relay], learned=False) == []
    assert copied_pairs([release, relay], learned=model) == [(release.id, relay.id)]
    keys = independence_keys([release, relay, own], learned=model)
    assert keys[release.id] == keys[relay.id] != keys[own.id]
    assert len(set(independence_keys([release, relay, own], learned=False).values())) == 3
    assert copied_pairs([release, relay], learned=_cosine_model(threshold=1.0)) == []  # under its threshold
    assert copied_pairs([release, relay]) == copied_pairs([release, relay], learned=USE_LEARNED_FAMILIES)


def test_the_learned_decision_leaves_one_line_briefs_to_the_rules() -> None:
    """The short-article guard: the model decides a pair only when both articles have 2 sentences of 6 words."""
    brief = make_article(_HEALTH[0], "واس")  # one sentence
    brief_reworded = make_article(_HEALTH_REWORDED[0], "عكاظ")
    release = make_article(" ".join(_HEALTH), "سبق")
    relay = make_article(" ".join(_HEALTH_REWORDED), "الوطن")
    short_pair = make_article(_HEALTH[0] + " وقالت الوزارة إن الحالات مستقرة.", "المدينة")  # 2nd sentence: 5 words
    assert long_enough([brief, release, short_pair]) == [False, True, False]
    always = _cosine_model(threshold=0.0)  # would join every pair it is asked about
    assert learned_pairs([brief, brief_reworded], always) == []
    assert learned_pairs([release, relay], always) == [(release.id, relay.id)]
    assert learned_pairs([brief, release, relay, short_pair], always) == [(release.id, relay.id)]
    assert copied_pairs([brief, brief_reworded], learned=always) == copied_pairs([brief, brief_reworded], learned=False)


def test_same_issuer_features_read_who_speaks_in_both_articles() -> None:
    """speaker_share / first_speaker: one spokesman's release rewritten with no shared wording."""
    release = make_article("قال المتحدث الرسمي لصحة جازان إن المستشفى استقبل عشرين مصابا. "
                           "وأضاف أن حالتهم مستقرة.", "عكاظ")
    rewrite = make_article("أوضح المتحدث الرسمي لصحة جازان أن عشرين مصابا نقلوا إلى المستشفى وأن حالتهم مستقرة.",
                           "الوطن")
    other = make_article("قال رئيس البلدية إن الطريق سيفتح غدا.", "سبق")
    plain = make_article("انقلبت حافلة على طريق جازان صباح اليوم.", "المدينة")
    assert speakers_of(plain) == []
    assert speaker_features(speakers_of(release), speakers_of(rewrite)) == (1.0, 1.0)
    assert speaker_features(speakers_of(release), speakers_of(other)) == (0.0, 0.0)
    assert speaker_features(speakers_of(release), speakers_of(plain)) == (0.0, 0.0)
    _, x = pair_features([release, rewrite, other])
    col = FAMILY_FEATURES.index
    assert x[0, col("speaker_share")] == 1.0 and x[0, col("first_speaker")] == 1.0
    assert x[1, col("speaker_share")] == 0.0 and x[2, col("first_speaker")] == 0.0


def test_the_shipped_family_model_joins_a_copy_and_not_an_own_report() -> None:
    model = load_family_model()
    assert model is not None and model.features == FAMILY_FEATURES and 0.0 < model.threshold < 1.0
    release = make_article(" ".join(_HEALTH), "واس")
    copy = make_article(" ".join(_HEALTH[:3]), "المدينة")  # the release cut from the bottom
    own = make_article(" ".join(_HEALTH_OWN), "الوطن")
    assert learned_pairs([release, copy, own], model) == [(release.id, copy.id)]
    assert learned_pairs([release], model) == []


# --- one source by shared facts (twenty-first session; sharedfacts.USE_SHARED_FACTS, opt-in until measured) ----------


def _props(sources: list[str]) -> list[Proposition]:
    """One proposition per entry, of a one-sentence unit of the named independence key."""
    out = []
    for i, source in enumerate(sources):
        article = make_article(f"خبر رقم {i} عن افتتاح الجسر الجديد فوق الوادي الكبير.", f"o{i}")
        unit = Unit(i, article, i, article.sentences[0], source, [])
        out.append(Proposition(i, unit, [(0, 5)], article.text, []))
    return out


def test_sources_sharing_most_of_the_shorters_facts_are_joined() -> None:
    props = _props(["a"] * 3 + ["b"] * 5 + ["c"] * 4)
    # a: 2 of its 3 propositions linked to b's (0.67 >= 0.6, 2 linked); c: 1 of 4 linked to b (an event shared)
    groups = [[0, 3], [1, 4], [2], [5, 8], [6], [7], [9], [10], [11]]
    assert source_coverage(props, groups)[("a", "b")] == (3, 2)
    assert source_coverage(props, groups)[("b", "a")] == (5, 2)
    assert source_coverage(props, groups)[("c", "b")] == (4, 1)
    assert joined_sources(props, groups) == {"a": "a", "b": "a", "c": "c"}
    assert joined_sources(props, groups, share=0.7) == {"a": "a", "b": "b", "c": "c"}  # 2 of 3 < 0.7
    assert joined_sources(props, groups, min_props=4) == {"a": "a", "b": "b", "c": "c"}  # a has 3


def test_two_briefs_of_two_facts_each_are_not_joined_by_shared_facts() -> None:
    props = _props(["a", "a", "b", "b"])
    groups = [[0, 2], [1, 3]]  # every fact shared: all of the shorter, but it has 2 propositions (< 3)
    assert joined_sources(props, groups) == {"a": "a", "b": "b"}
    assert joined_sources(props, groups, min_props=2) == {"a": "a", "b": "a"}
    assert joined_sources(props, [[0, 2], [1], [3]], min_props=2) == {"a": "a", "b": "b"}  # 1 linked (< 2)


def test_joins_are_transitive_and_keyed_by_the_least_source() -> None:
    props = _props(["c"] * 3 + ["b"] * 3 + ["a"] * 3)
    groups = [[0, 3], [1, 4], [2], [5, 6], [7], [8]]
    # c~b: 2 of 3; b~a: b's 5 with a's 6 — 1 linked (< 2): a stays apart
    assert joined_sources(props, groups) == {"a": "a", "b": "b", "c": "b"}
    groups = [[0, 3], [1, 4], [2, 7], [5, 6], [8]]  # c~b (2 of 3), b~a (1: 5-6), c~a (1: 2-7)
    assert joined_sources(props, groups) == {"a": "a", "b": "b", "c": "b"}
    groups = [[0, 3, 6], [1, 4, 7], [2], [5], [8]]  # c~b, b~a and c~a: 2 of 3 each — one source, keyed "a"
    assert joined_sources(props, groups) == {"a": "a", "b": "a", "c": "a"}


def test_a_release_rewritten_by_two_outlets_counts_once_and_an_own_report_counts(monkeypatch) -> None:
    release = make_article(" ".join(_HEALTH), "واس")
    relay = make_article(" ".join(_HEALTH_REWORDED), "عكاظ")
    own = make_article(" ".join([_HEALTH_OWN[0], _HEALTH_REWORDED[0], *_HEALTH_OWN[1:]]), "الوطن")
    articles = [release, relay, own]
    keys = independence_keys(articles)
    assert len(set(keys.values())) == 3  # no copy rule joins a reworded relay

    def run(on: bool) -> tuple[dict[str, int], dict[str, str]]:
        monkeypatch.setattr(sharedfacts, "USE_SHARED_FACTS", on)
        result = consolidate(articles, Corpus(articles=articles), use_embeddings=False)
        joins: dict[str, str] = {}
        build_fact_claims(result.propositions, use_embeddings=False, joins_out=joins)
        counts = {c.text: c.independent_sources for c in result.claims if len(c.sources) > 1}
        return counts, joins

    off, joins = run(False)
    # the relay links every fact of the release (4 of 4); the own report one of its 5 (20 %)
    assert joins[keys[release.id]] == joins[keys[relay.id]] != joins[keys[own.id]]
    on, joins_on = run(True)
    assert joins_on == joins and set(on) == set(off)  # the same links, counted again
    assert max(off.values()) == 3 and max(on.values()) == 2  # the five cases: release + relay + own -> 2
    assert all(on[t] == off[t] - 1 for t in off)  # every claim the release and relay share loses one witness
    assert {t for t in on if on[t] >= 2} == {t for t in off if off[t] == 3}  # only the own report corroborates
