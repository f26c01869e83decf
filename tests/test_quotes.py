"""Quotes stage: each construction on short snippets written for these tests, and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.arabic import normalize
from marsad.ingest import read_paths, sentences_of
from marsad.knowledge.media import find_media
from marsad.model import Article, Corpus, Entity, Mention, Quote
from marsad.pipeline import StageContext
from marsad.stages.quotes import QuotesStage, extract_quotes
from marsad.stages.quotes.extract import RoleIndex, collect_roles, quote_regions
from marsad.stages.quotes.stage import find_all


def article(text: str, aid: str = "a1") -> Article:
    return Article(id=aid, text=text, path=f"{aid}.txt", sentences=sentences_of(text))


def quotes_of(text: str) -> list[Quote]:
    return extract_quotes(article(text))


def only(text: str) -> Quote:
    found = quotes_of(text)
    assert len(found) == 1, [(q.speaker.text, q.content) for q in found]
    return found[0]


def who(q: Quote) -> str:
    return q.speaker.name or q.speaker.text


# --- indirect speech: cue, speaker, complement -------------------------------------------


def test_said_that_gives_speaker_cue_and_content() -> None:
    q = only("وقال وزير المالية خالد العمري إن الموازنة ستعلن الشهر المقبل.")
    assert q.speaker.name == "خالد العمري"
    assert q.speaker.kind == "person"
    assert q.speaker.role == "وزير المالية"
    assert q.cue == "وقال"
    assert q.content == "الموازنة ستعلن الشهر المقبل."
    assert q.direct is False
    assert q.speaker.entity is None


@pytest.mark.parametrize(
    ("text", "cue", "content_start"),
    [
        ("وأكد مدير الشرطة سامي الحربي أن الطريق سيفتح غدا.", "وأكد", "الطريق"),
        ("أوضح الباحث ماهر الزين، أن النتائج أولية.", "أوضح", "النتائج"),
        ("وأشار المتحدث باسم الهيئة ناصر البدر إلى أن الموسم بدأ مبكرا.", "وأشار", "الموسم"),
        ("وحذر الطبيب عادل الشمري من أن الحر سيشتد هذا الأسبوع.", "وحذر", "الحر"),
        ("صرّح المدرب فهد الغامدي بأن الفريق جاهز للمباراة.", "صرّح", "الفريق"),
        ("ولفت المحلل ياسر الراشد إلى أن السوق تجاوزت الأزمة.", "ولفت", "السوق"),
    ],
)
def test_cue_verbs_with_complementizers(text: str, cue: str, content_start: str) -> None:
    q = only(text)
    assert q.cue == cue
    assert q.content.startswith(content_start)
    assert q.speaker.kind == "person"


def test_expressed_about_takes_the_object_as_content() -> None:
    q = only("وأعرب السفير منصور العتيبي عن قلقه من تأخر المفاوضات.")
    assert q.speaker.name == "منصور العتيبي"
    assert q.content.startswith("قلقه")


def test_setting_and_addressee_are_not_part_of_the_speaker() -> None:
    q = only("وقال المتحدث باسم الوزارة، ماجد السالم، في مؤتمر صحفي أمس، إن الخطة جاهزة.")
    assert q.speaker.name == "ماجد السالم"
    assert "مؤتمر" not in q.speaker.text
    assert q.content == "الخطة جاهزة."


# --- direct speech ---------------------------------------------------------------------------


def test_colon_and_guillemets_give_a_direct_quote() -> None:
    q = only("وقال رئيس النادي سعد المالكي: «سنعود أقوى في الموسم المقبل».")
    assert q.direct is True
    assert q.content == "سنعود أقوى في الموسم المقبل"
    assert q.speaker.name == "سعد المالكي"


@pytest.mark.parametrize("marks", ["“”", '""', "«»"])
def test_three_kinds_of_quotation_marks(marks: str) -> None:
    q = only(f"وقال اللاعب حمد الدوسري: {marks[0]}الفوز للجمهور{marks[1]}.")
    assert q.direct and q.content == "الفوز للجمهور"


def test_quote_first_order() -> None:
    q = only("«لا نخطط لأي زيادة في الأسعار»، قال مدير الشركة عمر الفاسي.")
    assert q.direct is True
    assert q.content == "لا نخطط لأي زيادة في الأسعار"
    assert q.speaker.name == "عمر الفاسي"


def test_quote_first_with_kama_qala() -> None:
    q = only("وتعد هذه خطوة مهمة، “لذا فإن الاتفاق يفتح بابا جديدا”، كما قال الخبير طارق النمر.")
    assert q.content == "لذا فإن الاتفاق يفتح بابا جديدا"
    assert q.speaker.name == "طارق النمر"


def test_indirect_quote_first_ala_ma_qala() -> None:
    q = only("ولم يوقع أي اتفاق بين الجانبين، على ما قال الناطق باسم الوزارة أحمد الزهراني.")
    assert q.content == "ولم يوقع أي اتفاق بين الجانبين"
    assert q.speaker.name == "أحمد الزهراني"
    assert q.direct is False


def test_wrote_in_the_guest_book() -> None:
    q = only("وكتب الرئيس في سجل الزوار: “إن هذه المدينة ستبقى في القلب”.")
    assert q.cue == "وكتب"
    assert q.direct and q.content.startswith("إن هذه المدينة")


def test_a_quotation_that_goes_on_in_the_next_sentence() -> None:
    found = quotes_of("قال المهندس علي القرني: “العمل يسير كما خطط له”. “سننتهي قبل الصيف.”")
    assert [q.content for q in found] == ["العمل يسير كما خطط له", "سننتهي قبل الصيف."]
    assert {who(q) for q in found} == {"علي القرني"}


# --- speakers: continuations, participles, roles, groups, subjects before the verb ----------


def test_pronoun_continuation_takes_the_previous_speaker() -> None:
    text = (
        "وقال المدير العام هشام البنا إن الأرباح ارتفعت.\n"
        "وأضاف: “سنوزع جزءا منها على المساهمين”.\n"
        "وتابع أن الخطة مستمرة."
    )
    found = quotes_of(text)
    assert len(found) == 3
    assert [who(q) for q in found] == ["هشام البنا"] * 3
    assert [q.cue for q in found] == ["وقال", "وأضاف", "وتابع"]
    assert found[1].direct and not found[2].direct


def test_participle_continues_the_clause_speaker() -> None:
    found = quotes_of("وأكد المحافظ زياد العلي أن المشروع اكتمل، مشيرا إلى أن افتتاحه سيكون قريبا.")
    assert [q.cue for q in found] == ["وأكد", "مشيرا"]
    assert found[0].content == "المشروع اكتمل"
    assert found[1].content == "افتتاحه سيكون قريبا."
    assert who(found[1]) == "زياد العلي"


def test_role_resolves_to_the_person_the_story_names() -> None:
    text = (
        "وقال المتحدث باسم الكرملين، ديمتري بيسكوف، إن الزيارة مهمة.\n"
        "وقال المتحدث باسم الكرملين لوسائل إعلام روسية إن الزعيمين سيناقشان مسائل حساسة."
    )
    found = quotes_of(text)
    assert len(found) == 2
    assert found[1].speaker.text == "المتحدث باسم الكرملين"
    assert found[1].speaker.name == "ديمتري بيسكوف"
    assert found[1].speaker.role == "المتحدث باسم الكرملين"


def test_role_resolves_across_articles_of_the_corpus() -> None:
    first = article("وصل الزعيم الكوري الشمالي، كيم جونغ أون، إلى روسيا.", "a1")
    second = article("وأكد الزعيم الكوري الشمالي أن التقارب أولوية.", "a2")
    roles = RoleIndex()
    collect_roles(first, roles)
    (q,) = extract_quotes(second, roles)
    assert q.speaker.name == "كيم جونغ أون"


def test_unresolved_role_stays_a_role() -> None:
    q = only("وقال وزير الخارجية إن المحادثات ستستأنف.")
    assert q.speaker.kind == "role"
    assert q.speaker.name is None
    assert q.speaker.text == "وزير الخارجية"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("ويقول مراقبون إن الأسعار ستنخفض.", "مراقبون"),
        ("وقال مسؤولون أمريكيون إن الاجتماع لم يحسم شيئا.", "مسؤولون أمريكيون"),
        ("ويتوقع بعض المحللين أن السوق ستتعافى.", "بعض المحللين"),
        ("وأكد شهود عيان أن الانفجار وقع فجرا.", "شهود عيان"),
    ],
)
def test_groups_are_kept_as_groups(text: str, speaker: str) -> None:
    q = only(text)
    assert q.speaker.kind == "group"
    assert q.speaker.text == speaker
    assert q.speaker.name is None


def test_subject_before_the_verb() -> None:
    q = only("وكان الرئيس الفرنسي إيمانويل ماكرون أعلن أن القمة ستعقد في باريس.")
    assert q.speaker.name == "إيمانويل ماكرون"
    assert q.content.startswith("القمة")


def test_passive_believed_has_no_speaker() -> None:
    assert quotes_of("ويُعتقد أن الوفد يضم وزير الخارجية.") == []


@pytest.mark.parametrize(
    "text",
    [
        "واعتبر المحلل ياسر الراشد أن السوق تجاوزت الأزمة.",
        "وزار الوزير المصنع، معتبرا أن الوقت حان للتغيير.",
        "وتعهد الرئيس سالم العامري بأن الإصلاحات ستستمر.",
        "وافتتح الوزير المعرض، متعهدا بأن الدعم سيتواصل.",
    ],
)
def test_opinion_and_pledge_verbs_report_no_statement(text: str) -> None:
    """The guidelines leave out opinion (اعتبر) and pledges (تعهد، وعد): no statement."""
    assert quotes_of(text) == []


# --- attributions and the relay chain ------------------------------------------------------


def test_attribution_to_an_agency_is_a_statement_of_the_agency() -> None:
    q = only("ووصل الوفد إلى العاصمة صباح اليوم، بحسب وكالة “تاس”.")
    assert q.speaker.kind == "source"
    assert q.speaker.name == "تاس"
    assert q.content == "ووصل الوفد إلى العاصمة صباح اليوم"
    assert q.via == []


def test_according_to_a_newspaper_and_its_anaphor() -> None:
    text = (
        "ويعقد الاجتماع مساء الثلاثاء، وفقا لصحيفة “الغارديان” البريطانية.\n"
        "ويأتي الاجتماع، بحسب الصحيفة البريطانية، وسط مخاوف في الغرب."
    )
    found = quotes_of(text)
    assert [q.speaker.name for q in found] == ["الغارديان", "الغارديان"]


def test_attribution_in_its_own_sentence_covers_the_sentence_before() -> None:
    q = only('وتريد الحكومة خفض العجز هذا العام. حسبما ذكرت وكالة "فرانس برس".')
    assert q.speaker.name == "فرانس برس"
    assert q.content == "وتريد الحكومة خفض العجز هذا العام."


def test_agency_closing_a_persons_words_is_the_via() -> None:
    q = only("وقال الرئيس إن الحوار مستمر، حسبما ذكرت وكالة أنباء ريا نوفوستي الرسمية.")
    assert who(q) == "الرئيس"
    assert q.via == ["ريا نوفوستي"]
    assert q.content == "الحوار مستمر"


def test_relay_verb_with_an_quoted_speaker() -> None:
    q = only("ونقلت رويترز عن المتحدث باسم الجيش يوسف الحسن قوله إن القوات انسحبت.")
    assert q.speaker.name == "يوسف الحسن"
    assert q.via == ["رويترز"]
    assert q.content == "القوات انسحبت."


def test_outlet_as_speaker_and_addressee_as_via() -> None:
    found = quotes_of(
        "وأفادت وكالة الأنباء الروسية “ريا نوفوستي”، بأن القطار وصل.\n"
        "وقال مسؤول تركي لوكالة فرانس برس إن التحقيق مستمر."
    )
    assert found[0].speaker.kind == "source" and found[0].speaker.name == "ريا نوفوستي"
    assert found[1].via == ["فرانس برس"]
    assert found[1].speaker.text == "مسؤول تركي"


def test_media_gazetteer_spellings() -> None:
    cases = {
        'نقلت شبكة "سي. إن. إن" الأمريكية': "سي إن إن",
        "بحسب ما أوردت الوكالة الكورية الشمالية للأنباء": "الوكالة المركزية الكورية",
        "قالت وكالة الأنباء المركزية الكورية الشمالية": "الوكالة المركزية الكورية",
        "ذكرت صحيفة الجارديان": "الغارديان",
        "وكالة فرانس بريس": "فرانس برس",
        "لصحيفة فايننشال تايمز": "فاينانشال تايمز",
    }
    for text, canonical in cases.items():
        assert [m.canonical for m in find_media(text)] == [canonical], text


def test_common_words_are_outlets_only_behind_a_media_noun_or_in_quotes() -> None:
    assert find_media("وصل الوفد اليوم إلى الرياض") == []
    assert find_media("افتتح سوق عكاظ، ووصل الوزير إلى روسيا اليوم في اليوم السابع من الزيارة") == []
    assert [m.canonical for m in find_media("وقال لـ«عكاظ» إن")] == ["عكاظ"]
    assert [m.canonical for m in find_media('وقالت لـ"اليوم" مصادر مطلعة')] == ["اليوم"]
    assert [m.canonical for m in find_media("نشرت صحيفة الرياض")] == ["الرياض"]


# --- things that look like quotes and are not --------------------------------------------


def test_titles_and_names_in_quotes_are_not_quotes() -> None:
    text = (
        'وعرض الوزير على الضيف مقاتلة من طراز "ميغ-31" مجهزة بصواريخ "كينجال".\n'
        "وشاركت الممثلة في مسلسل «حارة اليهود» الذي عرض في رمضان.\n"
        '"كيم" يتفقد أسلحة روسية.. وتكهنات حول اتفاق'
    )
    assert quotes_of(text) == []


def test_quoted_words_inside_indirect_speech_stay_indirect() -> None:
    q = only("وقال بوتين إن هناك “إمكانات” للتعاون العسكري.")
    assert q.direct is False
    assert q.content == "هناك “إمكانات” للتعاون العسكري."


def test_preposition_lookalikes_are_not_cues() -> None:
    assert quotes_of("وصل الوفد عبر مطار الملك خالد بين الساعة الثالثة والرابعة.") == []
    assert quotes_of("فكل ما قال فهو فيه.") == []


def test_quote_regions_pair_marks_and_run_unclosed_ones_to_the_paragraph_end() -> None:
    text = 'قال: «أ ب» ثم "ج"\nوأضاف "د هـ'
    regions = quote_regions(text)
    assert [(text[r.open], text[r.inner[0] : r.inner[1]], r.closed) for r in regions] == [
        ("«", "أ ب", True),
        ('"', "ج", True),
        ('"', "د هـ", False),
    ]


# --- offsets, report form, entity links, stage -------------------------------------------


def test_offsets_point_into_the_article_text() -> None:
    text = "مقدمة قصيرة.\nوقال المهندس علي القرني: “العمل يسير”، مؤكدا أن الموعد ثابت."
    a = article(text)
    for q in extract_quotes(a):
        assert text[q.content_start : q.content_end] == q.content
        assert q.start <= q.content_start <= q.content_end <= q.end
        s = a.sentences[q.sentence]
        assert s.start <= q.content_start < s.end
        d = q.to_dict()
        assert set(d) >= {"id", "article", "sentence", "speaker", "cue", "content", "direct", "via", "start", "end"}
        assert set(d["speaker"]) >= {"text", "entity"}


def test_speaker_links_to_the_entity_of_a_mention() -> None:
    text = "وقال المتحدث باسم الكرملين دميتري بيسكوف إن الزيارة مهمة."
    start = text.index("دميتري")
    a = article(text)
    corpus = Corpus(
        articles=[a],
        mentions=[Mention("a1", 0, start, start + len("دميتري بيسكوف"), "دميتري بيسكوف", "PER", "e-peskov")],
        entities=[Entity("e-peskov", "ديمتري بيسكوف", "PER", {"دميتري بيسكوف": 1})],
    )
    (q,) = find_all(corpus)
    assert q.speaker.entity == "e-peskov"
    assert q.speaker.name == "دميتري بيسكوف"


def test_speaker_links_by_spelling_when_no_mention_covers_it() -> None:
    a = article("وقال بيسكوف إن الزيارة مهمة.")
    corpus = Corpus(articles=[a], entities=[Entity("e-1", "ديمتري بيسكوف", "PER", {"بيسكوف": 2})])
    (q,) = find_all(corpus)
    assert q.speaker.entity == "e-1"


def test_stage_fills_corpus_quotes(tmp_path: Path) -> None:
    from marsad.store.sqlite import SQLiteStore

    corpus = Corpus(articles=[article("وقال المدير سامي الحربي إن العمل بدأ.")])
    store = SQLiteStore(tmp_path / "m.db")
    QuotesStage().run(corpus, StageContext(store=store, show_progress=False))
    assert [q.content for q in corpus.quotes] == ["العمل بدأ."]


# --- the seeds (issue 5, done when) ---------------------------------------------------------


def _said_by(quotes: list[Quote], surname: str) -> list[Quote]:
    key = normalize(surname)
    return [q for q in quotes if key in normalize(q.speaker.name or q.speaker.text).split()]


def test_seed_statements(seeds_dir: Path) -> None:
    corpus = Corpus(articles=list(read_paths([str(seeds_dir)])))
    assert len(corpus.articles) == 5
    quotes = find_all(corpus)
    peskov = _said_by(quotes, "بيسكوف")
    assert len(peskov) >= 4
    sensitive = [q for q in peskov if "حساسة" in q.content and q.speaker.text == "المتحدث باسم الكرملين"]
    assert sensitive, "the 'sensitive matters' statement, speaker written only as the role"
    assert len(_said_by(quotes, "بوتين")) >= 3
    assert len(_said_by(quotes, "كيم")) >= 3
    assert _said_by(quotes, "مادن")
    selby = _said_by(quotes, "سيلبي")
    assert len(selby) >= 2
    quote_first = [q for q in selby if q.content_start <= q.start + 1]  # the words come before the cue
    assert quote_first, "Selby's quote-first statement"
    assert _said_by(quotes, "كيربي")
    assert _said_by(quotes, "ميلر")
    putin_via = {v for q in _said_by(quotes, "بوتين") for v in q.via}
    assert {"ريا نوفوستي", "رويترز"} <= putin_via
    sources = {q.speaker.name for q in quotes if q.speaker.kind == "source"}
    assert {"تاس", "فرانس برس", "الغارديان"} <= sources
    for q in quotes:
        a = corpus.article(q.article)
        assert a.text[q.content_start : q.content_end] == q.content


# --- the "who said what" section --------------------------------------------------------------


def test_story_quotes_partial_groups_by_speaker_and_cites_articles() -> None:
    from marsad.report.writer import _environment

    text = (
        "وقال المتحدث باسم الكرملين، ديمتري بيسكوف، إن الزيارة مهمة.\n"
        "وقال المتحدث باسم الكرملين لوسائل إعلام روسية إن الزعيمين سيناقشان مسائل حساسة.\n"
        "وقال بوتين إن الحوار مستمر، حسبما ذكرت وكالة ريا نوفوستي."
    )
    a = article(text, "a1")
    a.outlet = "example.com"
    quotes = find_all(Corpus(articles=[a]))
    report = {"quotes": [q.to_dict() for q in quotes]}
    story = {"id": "s1", "articles": ["a1"]}
    html = (
        _environment()
        .get_template("partials/story_quotes.html")
        .render(r=report, story=story, articles={"a1": a.to_dict()}, entities={}, stories={"s1": story})
    )
    assert html.count('class="speaker"') == 2  # بيسكوف (twice, once by role only) and بوتين
    assert "ديمتري بيسكوف" in html
    assert "report.html#s-a1-1" in html
    assert "ريا نوفوستي" in html and "←" in html
    empty = (
        _environment()
        .get_template("partials/story_quotes.html")
        .render(r={"quotes": []}, story=story, articles={}, entities={}, stories={})
    )
    assert "لا توجد تصريحات" in empty


# --- constructions found on SaudiNewsNet ------------------------------------------------------


def test_parentheses_used_as_quotation_marks() -> None:
    q = only("وقال الوزير نبيل الحمد في المؤتمر (لا شك في أن الاتفاق سيجعل المنطقة أكثر أمانا).")
    assert q.direct is True
    assert q.content == "لا شك في أن الاتفاق سيجعل المنطقة أكثر أمانا"


def test_an_aside_in_parentheses_is_not_a_quote() -> None:
    q = only("وقال اللاعب زيكو (62 عاما) إن الترشح خطوة أولى.")
    assert q.content == "الترشح خطوة أولى."
    assert q.direct is False


def test_honorific_pronoun_continues_the_speaker() -> None:
    text = "أكد المفتي العام الشيخ صالح الراشد أن الحوار مهم.\nوقال سماحته: إن الشباب أمانة."
    found = quotes_of(text)
    assert [who(q) for q in found] == ["صالح الراشد", "صالح الراشد"]


def test_subject_fronted_with_amma() -> None:
    q = only("أما المنتجون فيقولون، إن الأبحاث تثبت سلامة المحاصيل.")
    assert q.speaker.text == "المنتجون"
    assert q.content.startswith("الأبحاث")


def test_relay_with_naqlan_an() -> None:
    q = only("وذكر موقع «باز فيد» الإخباري، نقلا عن مسؤول تنفيذي في الشركة، أن المتاجر ستطلق قريبا.")
    assert q.speaker.text.startswith("مسؤول تنفيذي")
    assert q.via == ["باز فيد"]  # an outlet the gazetteer does not list keeps the name the article gives


def test_told_to_a_quoted_outlet() -> None:
    q = only('وقالت لـ"اليوم" مصادر مطلعة: إن هناك نية للتوسع.')
    assert q.speaker.text == "مصادر مطلعة"
    assert q.speaker.kind == "group"
    assert q.via == ["اليوم"]


def test_concessive_that_is_not_reported_speech() -> None:
    q = only("وعبر اللاعب فهد المولد عن سعادته بهذا الرد رغم أنه انطوى على شروط.")
    assert q.content == "سعادته بهذا الرد"
    assert quotes_of("وأعلن استقالته بعد أيام رغم أنه لم يتهم بشيء.") == []


def test_participle_after_a_role_named_subject() -> None:
    q = only("سعى وزير الخارجية الأمريكي جون كيري أمس إلى طمأنة المنطقة، مؤكدا أن الاتفاق سيجعلها أكثر أمانا.")
    assert who(q) == "جون كيري"
    assert q.cue == "مؤكدا"


def test_said_in_a_statement_she_issued() -> None:
    found = quotes_of("وقالت الشرطة إن التحقيق مستمر.\nوأصدرت الممثلة سارة مور بيانا قالت فيه: «أشعر بصدمة تامة».")
    assert who(found[1]) == "سارة مور"
    assert found[1].direct


def test_odd_inputs_never_break_and_offsets_hold(seeds_dir: Path) -> None:
    texts = ["", "«", "قال", "وقال: «", "“”", "وقال بوتين إن", "بحسب", "، بحسب وكالة", "(((", "قال: (ا ب ج د هـ و)"]
    for path in sorted(seeds_dir.glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        texts += [body[i : i + 300] for i in range(0, len(body), 977)]  # cuts through words and quotes
    for i, text in enumerate(texts):
        a = article(text, f"x{i}")
        for q in extract_quotes(a):
            assert text[q.content_start : q.content_end] == q.content
            assert q.content.strip()
            assert 0 <= q.start <= q.content_start <= q.content_end <= q.end <= len(text)


# --- issue 13: constructions of other outlets (sports pages, translated world news) ----------------


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        ("السلطات الإسبانية قالت إن الطريق أغلق بعد الانفجار.", "السلطات الإسبانية", "group"),
        ("لا توجد إصابات، لكن تقارير متضاربة قالت إن الدراجين مروا قبل الانفجار.", "تقارير متضاربة", None),
        ("اليابان تقول إن اقتراحها مجرد بداية للمحادثات.", "اليابان", None),
        ("الاتحاد الأوروبي يقول إن تحديد الأهداف الآن ضروري.", "الاتحاد الأوروبي", "organization"),
    ],
)
def test_subject_before_the_verb_at_the_clause_start(text: str, speaker: str, kind: str | None) -> None:
    q = only(text)
    assert q.speaker.text == speaker
    if kind is not None:
        assert q.speaker.kind == kind


def test_a_verb_opening_the_sentence_is_no_subject() -> None:
    found = quotes_of("وأصدرت الممثلة سارة مور بيانا قالت فيه: «أشعر بصدمة تامة».")
    assert [who(q) for q in found] == ["سارة مور"]


def test_resumptive_event_speaks_for_the_caller() -> None:
    q = only("تلقى الوزير اتصالا هاتفيا من الرئيس ماكي سال رئيس السنغال أعرب خلاله عن تضامن بلاده مع المملكة.")
    assert who(q) == "ماكي سال"
    assert q.content.startswith("تضامن بلاده")


def test_resumptive_event_of_the_clause_subject() -> None:
    q = only("وعقد المدرب خالد العلي مؤتمرا صحفيا أكد فيه أن الفريق جاهز للمباراة.")
    assert who(q) == "خالد العلي"


def test_attribution_with_an_object_pronoun_qualifies_the_clause_before() -> None:
    q = only("استبعد اللاعب من القائمة النهائية للمنتخب بحسب ما أكده الاتحاد البرازيلي لكرة القدم أمس بعد إصابته.")
    assert q.speaker.text == "الاتحاد البرازيلي لكرة القدم"
    assert q.speaker.kind == "organization"
    assert q.content == "استبعد اللاعب من القائمة النهائية للمنتخب"


def test_according_to_a_rule_is_no_attribution() -> None:
    assert quotes_of("يدفع الاتحاد الدولي المبلغ يوميا بحسب نظام فيفا القائم على منح الأندية حصة عن كل لاعب.") == []


def test_expressed_with_the_speaker_between_verb_and_about() -> None:
    q = only("وعبر مدرب الفريق البرتغالي جوزيه عن سعادته بالفوز.")
    assert q.content == "سعادته بالفوز."
    assert "جوزيه" in q.speaker.text


def test_saying_participle_needs_no_comma() -> None:
    q = only("وأشاد المدرب سامي الجابر بأداء فريقه قائلا: «قدمنا مباراة كبيرة».")
    assert who(q) == "سامي الجابر"
    assert q.direct and q.content == "قدمنا مباراة كبيرة"


def test_by_saying_is_a_cue_of_the_clause_subject() -> None:
    q = only("ودافع اللاعب فهد المولد عن نفسه بالقول إنها أدوية مسموح بها.")
    assert who(q) == "فهد المولد"
    assert q.content == "إنها أدوية مسموح بها."


def test_answered_by_saying_is_no_speaker() -> None:
    found = quotes_of("قال الوزير خالد الفالح إن الخطة جاهزة. وسئل عن الموعد فأجاب بقوله: «قريبا جدا».")
    assert [(who(q), q.content) for q in found] == [("خالد الفالح", "الخطة جاهزة."), ("خالد الفالح", "قريبا جدا")]


def test_speaker_named_after_the_quotation_overrides_the_last_one() -> None:
    found = quotes_of(
        'وذكرت إيران أن البحارة بخير. واضاف "إنهم في صحة جيدة تماما"، وقال المتحدث باسم الخارجية حسن قاسمي.'
    )
    assert who(found[1]) == "حسن قاسمي"
    assert found[1].content == "إنهم في صحة جيدة تماما"


def test_quotation_goes_on_after_quote_first() -> None:
    found = quotes_of('"أعترف بخطأ إداري"، قال راسموسن. "لكنني هادئ جدا."')
    assert [(who(q), q.content) for q in found] == [("راسموسن", "أعترف بخطأ إداري"), ("راسموسن", "لكنني هادئ جدا.")]


def test_dropped_subject_is_the_person_named_since_the_last_statement() -> None:
    found = quotes_of(
        "وقال الخبير سامي العلي إن السوق مستقرة. لكن وزير المالية محمد الجدعان لا يوافق على ذلك. وقال إن العجز سينخفض."
    )
    assert [who(q) for q in found] == ["سامي العلي", "محمد الجدعان"]


def test_dropped_subject_without_a_statement_before() -> None:
    q = only("رفع رئيس الاتحاد الأمير عبدالله بن فهد التهنئة للفارس. وأكد أن الإنجاز غير مستغرب.")
    assert who(q) == "عبدالله بن فهد"


def test_dropped_subject_is_the_person_the_sentence_before_opens_with() -> None:
    q = only("حافظ الدنماركي راسموسن على الصدارة. راسموسن عمل بشكل رائع في المرحلة. وقال بعد ذلك: «كان يوما جيدا».")
    assert who(q) == "راسموسن"
    assert q.content == "كان يوما جيدا"


@pytest.mark.parametrize(
    "text",
    [
        "ويعتقد بعض المحللين أن السوق ستتعافى.",  # belief, not a statement
        "ويرى الخبراء أن الأسعار مرتفعة.",
        # the object of a verb, not its speaker
        "وأكدت الفحوصات عدم تمكن اللاعب من مشاركة زملائه في البطولة ضمن المجموعة الخامسة على الإطلاق.",
    ],
)
def test_no_statement(text: str) -> None:
    assert quotes_of(text) == []


def test_a_preposition_on_a_common_word_is_no_name() -> None:
    q = only("وقال الاتحاد الدولي لكرة القدم إن الانتخابات ستعقد في فبراير.")
    assert q.speaker.kind == "organization"
    assert q.speaker.name is None


def test_expressed_noun_phrase_ends_before_a_new_cue() -> None:
    found = quotes_of("وعبر اللاعب ماجد القارح عن سعادته بالتكريم وقال: «شيء رائع».")
    assert [(who(q), q.content) for q in found] == [("ماجد القارح", "سعادته بالتكريم"), ("ماجد القارح", "شيء رائع")]


def test_an_outlet_relays_another_speaker() -> None:
    q = only("وذكرت صحيفة الغارديان أن موقع الحكومة الإلكتروني ذكر أن البحارة قد يحاكمون.")
    assert q.speaker.text == "موقع الحكومة الإلكتروني"
    assert q.content == "البحارة قد يحاكمون."
    assert q.via == ["الغارديان"]


def test_setting_and_object_end_the_speaker() -> None:
    found = quotes_of("وقال المالكي في لقائه مع المذيع إنه مل الخلافات. واختتم المدرب حديثه بقوله: يجب أن نركز.")
    assert [q.speaker.text for q in found] == ["المالكي", "المدرب"]


def test_quoted_programme_name_is_not_the_quotation() -> None:
    q = only('وقال السليمان في تصريحات لبرنامج "صدى الملاعب" :"الموسم سيكون مختلفا تماما".')
    assert q.content == "الموسم سيكون مختلفا تماما"


def test_a_bare_surname_names_the_person_met_before() -> None:
    found = quotes_of("استند الفنان خالد المالكي إلى ظهور زميله. وقال المالكي إنه مل الخلافات.")
    assert found[-1].speaker.name == "خالد المالكي"


def test_colon_then_parentheses_is_direct() -> None:
    q = only("وقال الفنان فايز المالكي: (أنا لست متفرغا لهذه الخلافات أبدا).")
    assert q.direct and q.content == "أنا لست متفرغا لهذه الخلافات أبدا"


def test_a_new_statement_ends_the_clause_before_it() -> None:
    found = quotes_of("ذكرت الهند أن الفقرة تحتاج إلى صياغة وذكر الاتحاد الأوروبي أنه يتفق مع التغييرات.")
    assert [(q.speaker.text, q.content) for q in found] == [
        ("الهند", "الفقرة تحتاج إلى صياغة"),
        ("الاتحاد الأوروبي", "أنه يتفق مع التغييرات."),
    ]


def test_clause_ends_before_by_saying_and_closing_participles() -> None:
    found = quotes_of("وتقول بريطانيا إنها لن تفاوض بقولها إنه لن تكون هناك مساومة.")
    assert [q.content for q in found] == ["إنها لن تفاوض", "إنه لن تكون هناك مساومة."]
    q = only("وقال الفنان فايز المالكي إنه مل الخلافات مطالبا زميله بالانشغال بأعماله.")
    assert q.content == "إنه مل الخلافات"


@pytest.mark.parametrize(
    "text",
    [
        "ولم يؤكد المسؤولون أن البحارة سيفرج عنهم.",
        "فلا يمكن لأحد أن يقول إن التحقيق مضيعة للوقت.",
    ],
)
def test_negated_or_unasserted_cue_is_no_statement(text: str) -> None:
    assert quotes_of(text) == []


def test_calling_something_by_a_name() -> None:
    found = quotes_of('وقال القنصل الإيراني إن الجنود حاصروا المكتب. ووصف الحادث بأنه "عمل استفزازي".')
    assert found[1].speaker.text == "القنصل الإيراني"
    assert found[1].content.startswith("الحادث بأنه")


def test_subject_with_a_role_set_off_by_commas() -> None:
    q = only('توني بلير ، رئيس وزراء المملكة المتحدة ، دعا الاحتجاز "خطأ غير مبرر".')
    assert who(q) == "توني بلير"


def test_colon_ending_a_sentence_announces_the_next_quotation() -> None:
    q = only('والسيدة نورث تقول :\n"نحن نخاطر بركوب القطارات كل يوم".')
    assert q.direct and q.content == "نحن نخاطر بركوب القطارات كل يوم"
    assert "نورث" in q.speaker.text


def test_a_new_topic_ends_the_statement_before_it() -> None:
    found = quotes_of("وقال المدرب ريجيكامب: أتأمل الفوز غدا، وعن مستوى نيفيز قال المدرب: نيفيز لاعب مهم.")
    assert [q.content for q in found] == ["أتأمل الفوز غدا", "نيفيز لاعب مهم."]


def test_translated_ranks_open_a_speaker() -> None:
    q = only('"لم تطلق أعيرة نارية في الهواء"، قال الميجر ديفيد جيل المتحدث باسم القوات البريطانية في البصرة.')
    assert "ديفيد جيل" in q.speaker.text


def test_relative_clause_speaks_for_its_antecedent() -> None:
    q = only("وحضر المؤتمر المتحدث باسم الخارجية، محمد علي حسيني الذي أضاف أيضا أن البحارة بخير.")
    assert q.speaker.text == "محمد علي حسيني"


def test_expressing_participle_takes_about() -> None:
    found = quotes_of("وأكد الروائي عبده خال على التمازج بين الثقافتين، معبرا عن سعادته بترجمة روايته.")
    assert [q.content for q in found] == ["التمازج بين الثقافتين", "سعادته بترجمة روايته."]


def test_speaker_announced_without_words_of_their_own() -> None:
    found = quotes_of(
        "وقال رئيس الوزراء توني بلير إن الوضع خطير. وفي بيان صحفي صرح وزير الخارجية اللورد تريسمان ، "
        'واضاف "ينبغي الإفراج عنهم فورا".'
    )
    assert who(found[-1]) == "اللورد تريسمان" or "تريسمان" in found[-1].speaker.text
    assert found[-1].content == "ينبغي الإفراج عنهم فورا"


def test_a_role_with_other_modifiers_resolves_to_the_one_person_with_that_head() -> None:
    found = quotes_of(
        "كشف المدرب ستيف مكلارين أن المهاجم يحتاج إلى جراحة. "
        'وقال المدرب السابق لمنتخب إنجلترا "الطاقم الفني قام بعمل عظيم".'
    )
    assert found[-1].speaker.name == "ستيف مكلارين"


def test_an_anonymous_source_is_never_resolved_by_its_head() -> None:
    found = quotes_of("وقال المصدر المسؤول سالم العلي إن الاجتماع انتهى. وأكد المصدر الخاص أن القرار قريب.")
    assert found[-1].speaker.name is None


# --- issue 13: general mechanisms found by the error analysis of the dev splits -------------------


def test_present_tense_cues_in_their_agreement_forms() -> None:
    found = quotes_of("المسؤولون يكررون أن الطريق آمن. وتنفي الحكومة أنها أوقفت إحصاء الخسائر.")
    assert [q.cue for q in found] == ["يكررون", "وتنفي"]
    assert found[0].speaker.text == "المسؤولون"
    assert quotes_of("ويبلغ طول الجسر ثلاثة كيلومترات بحسب المخطط أن يكتمل قريبا.") == []  # يبلغ: amounts to


def test_new_participles_continue_the_speaker() -> None:
    found = quotes_of("وقال الوزير سالم الحربي إن المشروع تأخر، مصرا على أن التمويل كاف.")
    assert [q.content for q in found] == ["المشروع تأخر", "التمويل كاف."]
    assert {q.speaker.name for q in found} == {"سالم الحربي"}


def test_an_open_quotation_ends_where_the_narrator_resumes() -> None:
    found = quotes_of(
        'وقال الفارس سامي الخالدي: " الحمد لله على هذا الإنجاز . وأبان أن البطولة صعبة , '
        'مؤكداً أن حصانه "دومينو" قفز جيدا.'
    )
    assert [q.content for q in found] == [
        "الحمد لله على هذا الإنجاز",
        "البطولة صعبة",
        'حصانه "دومينو" قفز جيدا.',
    ]


def test_quote_regions_close_an_unclosed_mark_before_a_cue_of_the_narrator() -> None:
    text = 'قال: " نحن جاهزون . وأضاف أن "الفريق" قوي.'
    regions = quote_regions(text)
    assert text[regions[0].open + 1 : regions[0].close].strip() == "نحن جاهزون ."[:-2]
    assert [text[r.open + 1 : r.close] for r in regions[1:]] == ["الفريق"]


def test_a_sentence_end_the_splitter_missed_ends_the_content() -> None:
    found = quotes_of("وقالت الشرطة إن العبوات وضعت على الطريق.لا توجد تقارير عن إصابات.")
    assert found[0].content == "العبوات وضعت على الطريق"


def test_a_contrasting_clause_holds_a_statement_of_its_own() -> None:
    found = quotes_of("وقالت تقارير إن الدراجين مروا قبل الانفجار، بينما أفاد آخرون أنه وقع قبل مرورهم.")
    assert [(q.speaker.text, q.content) for q in found] == [
        ("تقارير", "الدراجين مروا قبل الانفجار"),
        ("آخرون", "أنه وقع قبل مرورهم."),
    ]


def test_affirmed_noun_phrase_without_a_complementizer() -> None:
    found = quotes_of(
        "واتصل الشيخ عبدالله بن زايد بنظيره السعودي. وأكد تضامن دولة الإمارات مع المملكة في مواجهة الإرهاب."
    )
    assert found[-1].content == "تضامن دولة الإمارات مع المملكة في مواجهة الإرهاب."
    assert "عبدالله بن زايد" in (found[-1].speaker.name or "")


def test_affirmed_noun_phrase_after_the_speaker_and_a_frame() -> None:
    q = only("وأكد المدرب جورجيوس دونيس خلال المؤتمر الصحفي للمباراة ، جاهزية فريقه للفوز باللقاء.")
    assert q.content == "جاهزية فريقه للفوز باللقاء."
    assert q.speaker.name == "جورجيوس دونيس"


def test_an_indefinite_accusative_is_the_object_not_the_speaker() -> None:
    found = quotes_of("ووجه وزير التعليم تعميماً إلى مديري التعليم، أكد فيه عقد اجتماع بعد غد.")
    assert found[0].content == "عقد اجتماع بعد غد."
    assert "تعميم" not in found[0].speaker.text


def test_revealed_about_that_after_baad_an() -> None:
    q = only("غاب المهاجم بعد أن كشف المدرب ستيف مكلارين عن أن مهاجم الفريق يحتاج إلى جراحة.")
    assert q.speaker.name == "ستيف مكلارين"
    assert q.content == "مهاجم الفريق يحتاج إلى جراحة."


def test_ala_inside_the_speaker_phrase_when_an_comes_after() -> None:
    q = only("أكد القائمون على شركة الصدف بأنهم سخروا كل الإمكانات لتصوير المسلسل.")
    assert q.speaker.text == "القائمون على شركة الصدف"
    assert q.content == "أنهم سخروا كل الإمكانات لتصوير المسلسل."


def test_a_turn_opener_after_a_comma_ends_the_previous_content() -> None:
    found = quotes_of(
        "واختتم المدرب حديثه بقوله: يجب أن نركز على الكرات الثابتة، وبدوره أكد لاعب الوسط حمد الحمد "
        "أن المباراة مفترق طرق."
    )
    assert [q.content for q in found] == ["يجب أن نركز على الكرات الثابتة", "المباراة مفترق طرق."]
    assert found[-1].speaker.name == "حمد الحمد"


def test_a_role_resolves_over_two_spellings_of_one_person() -> None:
    roles = RoleIndex()
    roles.add("a", "المدرب", "ريجيكامب وجاهز")
    roles.add("a", "المدرب الروماني", "ريجيكامب")
    assert roles.resolve("a", "المدرب الهلالي") == "ريجيكامب"


def test_a_shortened_name_is_the_person_met_before() -> None:
    found = quotes_of(
        "شدد المدرب الروماني ريجيكامب على أهمية المباراة، وقال ريجي في المؤتمر: أتأمل الفوز غدا."
    )
    assert found[-1].speaker.name == "ريجيكامب"


def test_participle_subject_before_qad() -> None:
    q = only("وكان رئيس المؤتمر وزير البيئة الإندونيسي قد رفض الطلب مشيرا إلى أن الاقتراح متوازن.")
    assert q.speaker.text == "رئيس المؤتمر وزير البيئة الإندونيسي"


def test_participle_after_a_fronted_frame_takes_the_group_subject() -> None:
    q = only("وخلال الزيارة ، قدم الوفد الزائر الورود للمصابين، مؤكدين وقوف الجميع مع القيادة.")
    assert q.speaker.text.startswith("الوفد الزائر")
    assert q.content == "وقوف الجميع مع القيادة."


def test_a_named_subject_after_but_ends_the_report_and_takes_the_next_dropped_subject() -> None:
    found = quotes_of(
        "وخلص تقرير هول إلى أن الخطأ لم يكن خطأ فرد واحد، ولكن وزير الدفاع البريطاني ديس براون يرى هذا "
        "مسؤوليته وحده. وقال إن الموظفين لن يسمح لهم ببيع رواياتهم."
    )
    assert found[0].content == "الخطأ لم يكن خطأ فرد واحد"
    assert found[-1].speaker.name == "ديس براون"


def test_dropped_subject_is_the_sentence_verb_subject() -> None:
    q = only("استند الفنان فايز المالكي على ظهور زميله في برنامج تلفزيوني، وقال: (أنا لست متفرغا لهذه المهاترات أبدا).")
    assert q.speaker.name == "فايز المالكي"
    assert q.content == "أنا لست متفرغا لهذه المهاترات أبدا"


def test_came_in_a_document_or_an_outlet() -> None:
    found = quotes_of('وأصدرت الوزارة بيانا. وجاء في البيان: "إن الأسعار ستبقى كما هي".')
    assert found[-1].speaker.text == "البيان"
    assert found[-1].direct


def test_came_in_is_not_a_statement_without_a_text() -> None:
    assert quotes_of("وجاء في المرتبة الثانية الفريق الأهلي: بعد فوزه أمس.") == []


def test_by_pretext_after_a_comma() -> None:
    q = only("رفضت الحكومة البريطانية دعوات لإجراء تحقيق علني، بحجة أن مثل هذا التحقيق سيكون مكلفا.")
    assert q.speaker.text.startswith("الحكومة البريطانية")


def test_a_quotation_after_an_attribution_goes_on_after_the_speakers_apposition() -> None:
    found = quotes_of(
        '"الزلزال استمر عشر دقائق ،" حسب ما قال تشارلز عمون ، أستاذ في جامعة ولاية بنسلفانيا . '
        '"على الصعيد العالمي ، هذا الزلزال كان كبيرا جدا."'
    )
    assert [q.direct for q in found] == [True, True]
    assert {q.speaker.name for q in found} == {"تشارلز عمون"}


def test_accusation_names_the_accused_and_the_charge() -> None:
    q = only("وفي المؤتمر اتهمت الصين أمانة الاتفاقية بفتح الجلسة عمدا.")
    assert q.speaker.text == "الصين"
    assert q.content == "أمانة الاتفاقية بفتح الجلسة عمدا."


def test_a_negated_accusation_is_no_statement() -> None:
    assert quotes_of("ولم يتهم الوزير أحدا بالتقصير.") == []


# --- issue 13, second round: mechanisms found on dev5 ---------------------------------------------


def test_a_cue_after_a_preposition_is_a_noun() -> None:
    assert quotes_of("وكان هناك توافق على ضرورة الإسراع في نقل وتطوير \"التقنيات النظيفة\" للدول.") == []


def test_qad_before_the_verb_marks_the_subject() -> None:
    q = only("أطراف عديدة ومراقبون كثيرون قد أعربوا عن أملهم في أن تشمل الخريطة موعدا نهائيا.")
    assert q.speaker.text == "أطراف عديدة ومراقبون كثيرون"
    assert q.content.startswith("أملهم في أن")


def test_wa_qad_keeps_a_dropped_subject() -> None:
    found = quotes_of("قال الوزير سالم الحربي إن الوضع جيد. وقد أجاب على سؤال آخر أنه يشعر بخيبة أمل.")
    assert found[-1].speaker.name == "سالم الحربي"
    assert found[-1].content == "أنه يشعر بخيبة أمل."


def test_serial_verbs_of_saying_make_one_statement() -> None:
    found = quotes_of('قال الأمين العام سالم الحربي إن الاتفاق جيد. وتابع يقول إنه "خطوة أولى مهمة".')
    assert found[-1].speaker.name == "سالم الحربي"
    assert "خطوة أولى مهمة" in found[-1].content


def test_as_some_expected_is_not_a_statement() -> None:
    assert quotes_of("لم يغضب اللاعب من استبداله كما توقع البعض، بل جلس يشجع زملاءه.") == []


def test_an_adverbial_after_the_cue_is_not_the_speaker() -> None:
    assert quotes_of("ـ حذرت بطريقة واضحة من مغبة قرار التعاقد مع المدرب الجديد.") == []
    assert quotes_of("ـ في مقال سابق اعترفت ذات يوم بأن حدسي توقع انتكاسة الفريق.") == []


def test_an_attribution_opening_the_clause_is_the_via_of_the_statement() -> None:
    q = only(
        "وفقا لبيان صحفي صادر عن منظمة السلام الأخضر أعلن وزير البيئة الألماني زيجمار جابريل أن الاتحاد "
        "لن يشارك في الاجتماع."
    )
    assert "زيجمار جابريل" in q.speaker.text
    assert q.via == ["منظمة السلام الأخضر"]


def test_a_listed_person_whose_name_reads_as_bi_anna() -> None:
    q = only("ورحب الأمين العام للأمم المتحدة بان كي مون بالاتفاق، مشيرا إلى أنه تم التوصل إلى المعايير الثلاثة.")
    assert q.speaker.name == "بان كي مون"


def test_a_relative_clause_of_a_person_named_by_a_role() -> None:
    found = quotes_of(
        "نشر الموقع تصريحاً لرئيس نادي كوتبوس كريستيان بيك الذي أعلن عن تفاجئه من الحديث الدائر، "
        "وأكد أنه لم يشعر بشيء."
    )
    assert [q.speaker.name for q in found] == ["كريستيان بيك", "كريستيان بيك"]


def test_a_claim_noun_ends_the_relayed_speaker() -> None:
    q = only("ونقلت الصحيفة عن مدرب آخر اسمه كورنيل دينو ادعاءه بأن اللاعب تلقى مبلغا كبيرا.")
    assert q.speaker.text.endswith("كورنيل دينو")
    assert q.content == "اللاعب تلقى مبلغا كبيرا."


def test_a_dropped_subject_is_the_site_that_published_the_report() -> None:
    q = only(
        "وكان موقع شبكة (أن تي في) الألمانية قد نشر تقريراً عن الفضيحة، وأشار في تقريره إلى أن اللاعب "
        "باع مباراة."
    )
    assert q.speaker.text.startswith("موقع شبكة")
    assert q.content == "اللاعب باع مباراة."


# --- issue 13, third round: grammar found on the dev splits ------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("وبحسب المصادر فإن اللجنة ستجتمع الأسبوع المقبل.", "المصادر", "اللجنة ستجتمع الأسبوع المقبل."),
        ("وحسب مصادر مطلعة، فإنه سيتم تأجيل الاجتماع.", "مصادر مطلعة", "إنه سيتم تأجيل الاجتماع."),
    ],
)
def test_an_attribution_then_fa_inna_gives_the_source_and_the_clause(text: str, speaker: str, content: str) -> None:
    q = only(text)
    assert q.speaker.text == speaker
    assert q.content == content


def test_a_run_of_dots_ends_the_content_but_not_an_ellipsis_inside_words() -> None:
    q = only("وبحسب المصادر فإن اللجنة سألت اللاعب عن الدواء.. وتكون الفريق من ثلاثة أعضاء.")
    assert q.content == "اللجنة سألت اللاعب عن الدواء"
    q = only("وقال المدرب إن الفوز مهم..أنا أعرف الخصم جيدا.")
    assert q.content.endswith("أنا أعرف الخصم جيدا.")


def test_a_quotation_goes_on_over_a_paragraph_break() -> None:
    q = only('وقال رئيس النادي: "لقد عملنا بجد طوال الموسم.\nونحن فخورون بما حققه اللاعبون".')
    assert q.direct
    assert q.content == "لقد عملنا بجد طوال الموسم.\nونحن فخورون بما حققه اللاعبون"


def test_a_quotation_left_open_does_not_swallow_the_next_paragraph_of_narration() -> None:
    found = quotes_of('وقال رئيس النادي: "لقد عملنا بجد طوال الموسم.\nوأضاف "الفريق جاهز".')
    assert [q.content for q in found] == ["لقد عملنا بجد طوال الموسم.", "الفريق جاهز"]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("ونفى المتحدث وجود أي خلافات داخل الحكومة.", "المتحدث", "وجود أي خلافات داخل الحكومة."),
        ("وأكد الوزير أهمية التعاون بين البلدين.", "الوزير", "أهمية التعاون بين البلدين."),
    ],
)
def test_what_was_affirmed_or_denied_follows_the_speaker_without_a_comma(text: str, speaker: str, content: str) -> None:
    q = only(text)
    assert q.speaker.text == speaker
    assert q.speaker.name is None  # the object is not a name the role stands for
    assert q.content == content


def test_a_role_and_its_name_are_not_split_as_speaker_and_object() -> None:
    q = only('أكد لاعب المنتخب وسام حمدان جدارة "الأخضر" بالصدارة وقال إنهم جاهزون.')
    assert "وسام حمدان" in q.speaker.text


def test_a_statement_ends_where_lakinnahu_opens_the_speakers_next_one() -> None:
    found = quotes_of(
        "أكد هارلي واتسون من وفد الولايات المتحدة معارضة بلاده الحدود العليا للانبعاثات لكنه قال إن بلاده ستكون مرنة."
    )
    assert [q.content for q in found] == ["معارضة بلاده الحدود العليا للانبعاثات", "بلاده ستكون مرنة."]


def test_a_dropped_subject_agrees_with_its_verb() -> None:
    found = quotes_of(
        "قالت وزيرة الصحة هند السعدي إن الحملة ستبدأ الأحد. وأعلن مدير المستشفى علي حسن أن الأسرّة "
        "متوفرة. وأضافت في بيان أن اللقاحات وصلت. وأضاف أن الأطباء مستعدون."
    )
    assert [who(q) for q in found][2:] == ["وزيرة الصحة هند السعدي", "علي حسن"]


def test_a_subject_before_kana_keeps_the_verb_when_a_frame_follows_it() -> None:
    q = only("وكان مدير عام النادي ادريانو غالياني قال في وقت سابق أن الصفقة أنجزت.")
    assert q.speaker.name == "ادريانو غالياني"
    assert q.content == "الصفقة أنجزت."


def test_a_plural_verb_takes_the_plural_subject_of_its_sentence() -> None:
    q = only("وطالب المحتجون بإقالة الحكومة، وقالوا إنهم سيواصلون الاعتصام.")
    assert q.speaker.text == "المحتجون"
    assert q.content == "إنهم سيواصلون الاعتصام."


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("ووفقا لما نشره موقع الصحيفة، فإنه تم تأجيل المباراة.", "موقع الصحيفة", "إنه تم تأجيل المباراة."),
        ('ووفقا لما ذكره البيان انه "يجب وضع القضية في مكانها".', "البيان", 'انه "يجب وضع القضية في مكانها".'),
    ],
)
def test_an_attribution_by_what_was_published_or_said_then_anna(text: str, speaker: str, content: str) -> None:
    q = only(text)
    assert q.speaker.text == speaker
    assert q.content == content


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وقدم رئيس النادي شكره لرئيس الاتحاد ابراهيم البلوي بعد أن أعلن الأخير عن دعمه للفريق.", "ابراهيم البلوي"),
        ("والتقى الوزير خالد السالم نظيره الفرنسي جان مارك، وأكد الأخير أن بلاده تدعم المبادرة.", "جان مارك"),
    ],
)
def test_the_latter_is_the_person_named_last(text: str, name: str) -> None:
    assert only(text).speaker.name == name


def test_a_dropped_subject_after_min_jihatihi_and_a_described_name() -> None:
    q = only(
        "من جهته أثنى الحكم الدولي نبيل الشمردل على مستوى الحكام في الدورة، "
        'واضاف " الاتحاد حريص على اقامة دورة دولية للحكام ".'
    )
    assert q.speaker.name == "نبيل الشمردل"
    assert q.direct


def test_a_frame_of_occasion_after_the_verb_leaves_the_subject_dropped() -> None:
    found = quotes_of(
        "وطالب رئيس البعثة بتال العتيبي من جميع اللاعبين بمضاعفة الجهد وقال خلال اجتماعه بالجهاز الفني ان "
        "المباراة صعبة."
    )
    assert [(q.speaker.name, q.content) for q in found] == [("بتال العتيبي", "المباراة صعبة.")]


def test_a_content_ends_where_the_speaker_goes_on_in_quotation_marks() -> None:
    found = quotes_of('أكد المدرب جورج ايفانوف ان المنتخب قادر على الفوز وقال " ان المباراة مهمة لكلا الفريقين ".')
    assert [q.content for q in found] == ["المنتخب قادر على الفوز", "ان المباراة مهمة لكلا الفريقين"]


@pytest.mark.parametrize(
    "text",
    ["وقد تم كشف النقاب عن نصب تذكاري لضحايا التفجيرات.", "ويتم الإعلان عن التفاصيل لاحقا."],
)
def test_a_passive_or_an_unveiling_is_no_statement(text: str) -> None:
    assert quotes_of(text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("وذكرت تقارير أن النادي مهتم بضم اللاعب إلا أن المدرب رفض الفكرة.", "النادي مهتم بضم اللاعب"),
        ("وقال الوزير إنه لا يسعنا إلا أن نشكر الجميع.", "إنه لا يسعنا إلا أن نشكر الجميع."),
    ],
)
def test_illa_anna_ends_a_content_unless_a_negation_makes_it_only(text: str, content: str) -> None:
    assert only(text).content == content


def test_fan_inside_a_name_is_not_fa_inna() -> None:
    q = only("وبحسب مدرب يونايتد الهولندي لويس فان غال، فإن اللاعب سيرحل.")
    assert q.speaker.name == "لويس فان غال"
    assert q.content == "اللاعب سيرحل."


def test_inna_inside_an_outlet_name_opens_no_statement() -> None:
    q = only("وحسب موقع «سي إن إن بالعربية»، قامت الشركة بتقديم ميزة جديدة للمديرين.")
    assert q.content == "قامت الشركة بتقديم ميزة جديدة للمديرين."


def test_illa_annahu_goes_on_with_the_same_subject() -> None:
    q = only("وقال الطبيب إن المريض كان ينوي العلاج إلا أنه توفي قبل البدء فيه.")
    assert q.content.endswith("إلا أنه توفي قبل البدء فيه.")


def test_a_role_resolves_to_the_name_a_rank_announces_later() -> None:
    found = quotes_of("وقال مدير الشرطة إن التحقيقات مستمرة. وأوضح مدير الشرطة العقيد سالم المري أن المتهمين اعترفوا.")
    assert [q.speaker.name for q in found] == ["سالم المري", "سالم المري"]


def test_a_participle_after_a_clause_whose_subject_ends_at_its_frame() -> None:
    q = only('علق رئيس الاتحاد السعودي لكرة اليد تركي الخليوي على قرعة البطولة قائلاً : "المجموعة هي الأصعب".')
    assert q.speaker.text.startswith("رئيس الاتحاد السعودي لكرة اليد")
    assert q.content == "المجموعة هي الأصعب"


def test_an_aside_in_parentheses_after_the_speaker_is_skipped() -> None:
    q = only("وقال صياد عراقي (الذي طلب عدم ذكر اسمه) أنه شهد الواقعة في الميناء.")
    assert q.speaker.text == "صياد عراقي"
    assert q.content == "أنه شهد الواقعة في الميناء."


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وكان المدرب قد التقى اللاعبين الذين أكدوا أنهم جاهزون للمباراة.", "اللاعبين"),
        ("واستهدفت الحملة الجماعات المدافعة عن البيئة الذين يقولون انهم فشلوا.", "الجماعات المدافعة عن البيئة"),
    ],
)
def test_a_plural_relative_refers_to_the_group_before_it(text: str, speaker: str) -> None:
    assert only(text).speaker.text == speaker


def test_a_plural_relative_without_a_cue_is_no_statement_of_the_group() -> None:
    q = only("وقال رئيس البلدية إن السكان الذين تضرروا سيحصلون على تعويضات.")
    assert q.speaker.text == "رئيس البلدية"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the subject opens the clause, its verb is no cue
        ("المهندسة الشابة سارة العمري رأت أن التصميم فن، مؤكدة أنها بدأت الرسم صغيرة.", "سارة العمري"),
        # the verb opens the clause, its definite subject follows (a document, an outlet)
        ("وعرضت الصفحة صورا للجهاز الجديد، كاشفة أنه سيصدر بلونين.", "الصفحة"),
        ("رشحت وكالة رويترز الفريق للفوز باللقب، مشيرة إلى أنه الأقوى.", "رويترز"),
    ],
)
def test_participle_after_a_clause_whose_verb_is_no_cue(text: str, speaker: str) -> None:
    q = only(text)
    assert speaker in q.speaker.text
    assert q.cue in {"مؤكدة", "كاشفة", "مشيرة"}


def test_participle_takes_no_object_of_the_verb_after_a_statement() -> None:
    """ودعا المرشحين…، مبينا: after a statement the participle goes on with its speaker, not the object."""
    found = quotes_of("وقال المدير سالم الحربي إن النتائج ظهرت. ودعا المرشحين لمراجعة الجامعة، مبينا أن الموعد قريب.")
    assert [who(q) for q in found] == ["سالم الحربي", "سالم الحربي"]


def test_participle_agrees_in_gender_with_the_person_named_before_it() -> None:
    """A feminine participle does not go on from a man named with a masculine role in its clause."""
    text = (
        "قالت الرسامة نورة الزهراني إن الرسم موهبة. وتعمل ليلا ويشاركها صوت الفنان محمد عبده، "
        "مشيرة إلى أنها تسلم اللوحات خلال يومين."
    )
    assert [who(q) for q in quotes_of(text)] == ["نورة الزهراني", "نورة الزهراني"]


def test_ascribed_to_with_his_saying_is_a_relay() -> None:
    q = only("ونسبت وكالة رويترز إلى مصادر دبلوماسية قولها إن المحادثات فشلت.")
    assert q.speaker.text == "مصادر دبلوماسية"
    assert q.via == ["رويترز"]
    assert quotes_of("ونسبت الشرطة الحادث إلى مجهولين بعد أن فروا من المكان.") == []


def test_zada_is_added_only_before_a_quotation_colon_or_that() -> None:
    found = quotes_of('وقال المدير سالم الحربي إن اللجنة مستقلة. وزاد "اللائحة تعطي اللجنة الحق في المعاقبة".')
    assert [(q.cue, who(q)) for q in found] == [("وقال", "سالم الحربي"), ("وزاد", "سالم الحربي")]
    assert quotes_of("وزاد عدد القتلى إلى خمسين بعد أن انهار المبنى.") == []


def test_bayyana_with_the_speaker_before_that() -> None:
    text = "وأوضح وكيل الوزارة مشوح الحوشان أن الجمعيات أربع. وبين الحوشان أن الجمعيات تقدم خدمات كثيرة."
    assert [who(q) for q in quotes_of(text)] == ["مشوح الحوشان", "مشوح الحوشان"]
    assert quotes_of("وقارن بين السعودية أن تكون الأولى.") == []


def test_claiming_participle_ends_the_content_before_it() -> None:
    found = quotes_of("وقال الابن سامي الحربي إن والده متوفى، زاعما أنه يشك في حدوث شبهة جنائية.")
    assert [q.cue for q in found] == ["وقال", "زاعما"]
    assert found[0].content == "والده متوفى"


def test_pointed_to_a_verbal_noun_is_a_statement_but_not_to_a_thing() -> None:
    q = only("وأشار الكاتب سامي الحربي إلى تزامن القرار مع التقارير الصادرة حول الاشتباكات.")
    assert q.content.startswith("تزامن القرار")
    assert who(q) == "سامي الحربي"
    assert quotes_of("لكنه أشار إلى أحدث تقرير صادر عن هيئة دولية من العلماء.") == []
    assert quotes_of("كما أشارت السيدة نورث إلى عدد من بعض الناجين.") == []


def test_a_role_head_alone_named_once_in_another_article_stays_a_role() -> None:
    first = article("كتابة الكاتب علاء حمزة وإخراج سامي العلي.", "a1")
    second = article("وأشار الكاتب إلى تزامن القرار مع التقارير.", "a2")
    roles = RoleIndex()
    collect_roles(first, roles)
    (q,) = extract_quotes(second, roles)
    assert q.speaker.kind == "role" and q.speaker.name is None


def test_a_quoted_title_after_a_preposition_or_a_title_noun_is_no_statement() -> None:
    text = (
        "وأشار الكاتب سامي الحربي في “منتدى أصيلة”، تحت عنوان: “الإعلام العربي اليوم”، "
        "إلى أن التأثير يختلف."
    )
    (q,) = quotes_of(text)
    assert q.content.startswith("التأثير يختلف")
    q = only('وقال المحلل ياسر الزعاترة في تغريدة على "تويتر": "الوصول خطوة مهمة".')
    assert q.content == "الوصول خطوة مهمة"


def test_a_passive_cue_with_a_damma_is_no_statement() -> None:
    assert quotes_of("فما أُعلن يعني أنه ما زال هناك خطر.") == []
    assert quotes_of("وذُكر أن الاجتماع تأجل.") == []


def test_an_outlet_the_gazetteer_lacks_told_after_a_media_noun_is_the_via() -> None:
    q = only('وقال المدرب ستيف مكلارين لصحيفة كرونيكل "أعتقد أن ركبة اللاعب تؤلمه".')
    assert q.via == ["كرونيكل"]


def test_the_outlet_a_speaker_works_for_is_no_via() -> None:
    q = only("قال أمجد المنيف، الكاتب في صحيفة الرياض، إنه لا زال هناك مشكلة.")
    assert q.via == []
    assert only("وقال المدير سالم الحربي لصحيفة الرياض إن الخطة جاهزة.").via == ["الرياض"]


def test_agency_names_in_their_arabic_descriptive_form() -> None:
    q = only("ونقلت وكالة الصحافة الفرنسية عن مسؤول في الشرطة قوله إن الهجوم وقع قرب السوق.")
    assert q.via == ["فرانس برس"]
    q = only("وذكرت وكالة الأنباء الألمانية أن الاجتماع تأجل.")
    assert (q.speaker.kind, q.speaker.name) == ("source", "الوكالة الألمانية")


def test_a_run_of_dots_after_a_bracket_ends_the_content() -> None:
    q = only("ورشحت وكالة رويترز الفريق، مشيرة إلى أنه حقق فوزا كبيرا(على حد وصفها).. وجاء في الخبر أن الفريق قوي")
    assert q.content == "أنه حقق فوزا كبيرا(على حد وصفها)"


def test_feminine_role_words_head_a_role() -> None:
    q = only("وأوضحت الكاتبة العمانية أن الرواية تتناول قضايا المرأة.")
    assert q.speaker.kind == "role"


def test_a_relative_clause_after_the_speaker_is_skipped() -> None:
    q = only("وقال المتحدث، الذي طلب عدم ذكر اسمه، إن الاجتماع تأجل.")
    assert (q.speaker.text, q.content) == ("المتحدث", "الاجتماع تأجل.")
    q = only('"أنا عاجز عن الكلام"، قال الدراج ديفيد ميلار من بريطانيا، الذي يتنافس لفريق برودير.')
    assert q.speaker.name == "ديفيد ميلار"


def test_an_after_that_clause_is_no_complement() -> None:
    assert quotes_of("وبعبارة أوضح حتى لا تبقى الوحدات بلا سكان بعد أن صرفت عليها مبالغ طائلة.") == []


def test_claims_in_the_present_only_with_that() -> None:
    q = only("وتدعي إيران أن القوات البريطانية كانت في المياه الإيرانية.")
    assert q.content.startswith("القوات البريطانية")
    assert quotes_of("وبث شريط لأحد المفجرين ويدعى شهزاد تنوير، على قناة الجزيرة.") == []
    assert quotes_of("ورزق بولدين من زوجة تدعى روث بيكر إلا أن الطلاق وقع أيضا.") == []


def test_called_with_the_subject_after_the_verb() -> None:
    q = only('ودعا رئيس الوزراء البريطاني توني بلير احتجاز البحارة بأنه "خطأ وغير قانوني".')
    assert q.speaker.name == "توني بلير"
    assert q.content.startswith("احتجاز البحارة بأنه")
    assert quotes_of("ودعا مصدر عسكري في تصريح لـ«الشرق الأوسط»، إلى «الاستفادة من الصراع».") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a relative clause between the subject and its bare verb
        ("جون كيري، الذي يرأس الوفد الأمريكي في المؤتمر يقول إن واشنطن ملتزمة بالاتفاق.", "جون كيري"),
        # the role first, the name set off by commas, then the bare verb
        ("في حين أن رئيس أمانة الاتفاقية ، إيفو دي بوير ، أكد من البداية أن الأهداف لن تتحقق.", "إيفو دي بوير"),
    ],
)
def test_subject_set_off_before_a_bare_verb(text: str, name: str) -> None:
    assert who(only(text)) == name


def test_a_cue_after_haythu_goes_on_with_the_sentence_subject() -> None:
    q = only("وزار الوزير سالم الحربي المصنع حيث أكد أن الإنتاج سيرتفع.")
    assert "سالم" in who(q)
    assert quotes_of("وتقع المدينة على الساحل حيث أكد أن السياحة ستزدهر.") == []


def test_described_with_bi_and_a_definite_noun() -> None:
    found = quotes_of("وقال الوزير سالم الحربي إن الاجتماع انتهى. ووصف الاجتماع بالمثمر.")
    assert [(q.cue, q.content) for q in found][-1] == ("ووصف", "الاجتماع بالمثمر.")
    assert who(found[-1]) == "سالم الحربي"


def test_a_work_or_event_named_in_quotation_marks_is_no_statement() -> None:
    q = only('وقال المخرج سالم الحربي في برنامج "بيت القصيد"، إن درويش ترك فراغا في حياته.')
    assert q.content.startswith("درويش ترك فراغا")


def test_a_call_with_ila_after_a_quoted_name_is_no_statement() -> None:
    assert quotes_of('وتدعو الأنشودة الجديدة "أحسن الظن" في كلماتها الى اللجوء الى الله دائما.') == []


def test_a_frame_after_the_participle_is_no_object() -> None:
    found = quotes_of("وقال الشاعر سالم الحربي إن القصيدة جاهزة، مؤكدا في اللقاء نفسه بأن الديوان سيصدر قريبا.")
    assert [q.content for q in found][-1] == "الديوان سيصدر قريبا."


def test_claimed_responsibility_starts_with_the_object() -> None:
    q = only("وأعلنت الحركة مسؤوليتها عن العملية في بيان.")
    assert (q.speaker.text, q.content[:20]) == ("الحركة", "مسؤوليتها عن العملية")
    assert only("وأعلنت الجماعة عن تأسيس فرع جديد.").speaker.text == "الجماعة"
    assert only("وأعرب الأمير عبدالله عن سعادته.").speaker.text == "الأمير عبدالله"


def test_a_common_word_ending_the_phrase_after_a_given_name_is_the_surname() -> None:
    """Without NER, ناصر جودة was cut to ناصر (جودة is also "quality")."""
    q = only("وقال وزير الإعلام ناصر جودة إن الحكومة ستعقد اجتماعا غدا.")
    assert q.speaker.name == "ناصر جودة"
    assert only("وقال صياد عراقي إنه شهد الواقعة.").speaker.name != "صياد عراقي"


def test_an_outlet_in_brackets_after_the_clitic_of_told_to() -> None:
    assert only("وقال المدير سالم الحربي لـ(عكاظ) إن المشروع سينتهي قريبا.").via == ["عكاظ"]
    assert only("وأوضحت الكاتبة في حديثها لـ(اليوم) أن الرواية تتناول قضايا المرأة.").via == ["اليوم"]


def test_an_outlets_short_name_in_brackets_before_the_relay() -> None:
    q = only("ونقلت وكالة الأنباء الفلسطينية (وفا) عن مصادر أمنية قولها إن الاشتباكات توقفت.")
    assert (q.speaker.text, q.via) == ("مصادر أمنية", ["وفا"])


def test_denied_right_after_a_role_and_a_name() -> None:
    q = only("ونفى المتحدث باسم البيت الأبيض سكوت ماكليلان وجود أي خطط لسحب القوات.")
    assert (q.speaker.name, q.content) == ("سكوت ماكليلان", "وجود أي خطط لسحب القوات.")


def test_an_outlet_told_in_a_frame_opening_the_clause_is_the_via() -> None:
    q = only("وفي حديث لصحيفة الرياض أكد الوزير سالم الحربي أن المشروع سينتهي.")
    assert q.via == ["الرياض"]


def test_learned_lexicon_entries_extend_the_lexicon_inside_the_block_only() -> None:
    from marsad.stages.quotes import lexicon as lx

    text = "وعلمت الصحيفة أن الوزارة ستعلن القرار غدا."
    assert normalize("علمت") not in lx.CUE_VERBS
    before = find_all(Corpus(articles=[article(text)]))
    with lx.extended([("cue", normalize("علمت")), ("object", normalize("أعلن"))]):
        assert normalize("وعلمت") in lx.CUE_VERBS and normalize("أعلنت") in lx.OBJECT_VERBS
        inside = find_all(Corpus(articles=[article(text)]))
    assert normalize("علمت") not in lx.CUE_VERBS and normalize("أعلنت") not in lx.OBJECT_VERBS
    assert not before
    assert [q.content.rstrip(".") for q in inside] == ["الوزارة ستعلن القرار غدا"]


def test_a_personal_name_takes_no_frame_into_the_speaker_phrase() -> None:
    """Issue 13, seventh round: a speaker written as a name ends before في/خلال/وهو (a name takes
    no modifier), and the one word that ends a name met earlier resolves to it."""
    found = quotes_of(
        "أكد المحامي صالح بن عبدالله الحربي أن القضية معقدة. "
        "وقال الحربي في محاضرة بغرفة الرياض إن الأخطاء ليست مبررة."
    )
    assert (found[-1].speaker.text, found[-1].speaker.name) == ("الحربي", "صالح بن عبدالله الحربي")
    assert only("وأوضح خالد العتيبي وهو متخصص في القانون أن التعويض حق.").speaker.text == "خالد العتيبي"
    # a definite apposition after the comma stays (it describes the speaker, the verb's frame is later)
    q = only("وقال الطبيب سامي الحربي، المنتمي إلى المستشفى العام، إن الحالة مستقرة.")
    assert q.speaker.name == "سامي الحربي"


def test_a_role_with_a_place_before_the_name_resolves_later() -> None:
    found = quotes_of(
        "دعا رئيس لجنة الشؤون الخارجية في المجلس الوطني خالد العتيبي إلى الهدوء. "
        "وأضاف رئيس لجنة الشؤون الخارجية أن الوضع خطير."
    )
    assert [(q.speaker.name, q.content) for q in found] == [("خالد العتيبي", "الوضع خطير.")]


def test_according_to_a_role_and_the_name_in_apposition() -> None:
    q = only("وفقا لوزير الخارجية الإيراني ، منوشهر متقي ، المجندة سيتم اخلاء سبيلها قريبا.")
    assert (q.speaker.name, q.content) == ("منوشهر متقي", "المجندة سيتم اخلاء سبيلها قريبا.")


def test_according_to_data_opening_the_clause_with_a_comma() -> None:
    q = only("وبحسب بيانات الشرطة الألمانية، تمكن قائد الطائرة من إنقاذ نفسه.")
    assert (q.speaker.text, q.content) == ("بيانات الشرطة الألمانية", "تمكن قائد الطائرة من إنقاذ نفسه.")
    assert quotes_of("وبحسب النظام الجديد، يحق للطالب التسجيل في الفصل الصيفي.") == []
    # data without the comma that closes them, or with another speaker's verb after, say nothing
    assert quotes_of("وبحسب بيانات الشرطة تمكن قائد الطائرة من إنقاذ نفسه.") == []


def test_for_their_part_and_the_addressee_close_the_speaker_phrase() -> None:
    q = only("وعبر أهالي الضحايا من جانبهم عن شكرهم للحكومة.")
    assert (q.speaker.text, q.content) == ("أهالي الضحايا", "شكرهم للحكومة.")
    q = only("وأبلغ الوزير سالم العامري الصحفيين ان الميزانية جاهزة.")
    assert (q.speaker.text, q.speaker.name) == ("الوزير سالم العامري", "سالم العامري")


def test_the_object_of_a_preposition_in_a_role_is_no_name() -> None:
    """متحدث باسم الجيش في بغداد: بغداد is where, not who; المتحدث باسمها names nobody."""
    assert only("وقال متحدث باسم الجيش الأمريكي في بغداد ان ثلاثة جنود قتلوا.").speaker.name is None
    q = only("وقال المتحدث باسمها الرائد سعيد المري ان المشتبه به فر.")
    assert q.speaker.name == "سعيد المري"


# --- writing conventions of other sources (issue 13, eighth round) -------------------------------


def test_a_stray_mark_in_a_long_paragraph_does_not_swallow_the_story() -> None:
    # a story on one line (a pre-tokenized corpus): the stray mark after ونحن never closes; the
    # quotation it opens ends with its sentence, and the narrator's later statements are found
    text = (
        'وقال المدرب إن الفوز مهم ونحن " على ثقة كبيرة بالفريق. وبدأ التدريب أمس. وشارك اللاعبون كلهم. '
        "وحضر الإداريون التدريب. ثم أكد رئيس النادي خالد العمري أن الفريق جاهز للمباراة."
    )
    regions = quote_regions(text)
    assert [(r.closed, text[r.open + 1 : r.close].strip()) for r in regions] == [
        (False, "على ثقة كبيرة بالفريق")
    ]
    found = quotes_of(text)
    assert [(who(q), q.content) for q in found if "جاهز" in q.content] == [
        ("خالد العمري", "الفريق جاهز للمباراة.")
    ]


def test_straight_marks_after_a_colon_or_before_a_full_stop_are_read_by_their_side() -> None:
    # tokenized text: the mark before " ." can only close, the mark after a colon or a cue verb can
    # only open — an unpaired one before them does not turn the later quotations inside out
    text = 'وذكر " أن المباراة صعبة . ثم قال المدرب : " سنفوز " .'
    regions = quote_regions(text)
    assert [text[r.open + 1 : r.close].strip() for r in regions if r.closed] == ["سنفوز"]
    text = 'قال عباس إن " العرب حريصون على السلام " . وقال " نحن لا نطلب تدخلا " .'
    regions = quote_regions(text)
    assert [text[r.open + 1 : r.close].strip() for r in regions] == ["العرب حريصون على السلام", "نحن لا نطلب تدخلا"]


def test_a_clitic_written_apart_before_a_quoted_outlet() -> None:
    # ل ـ ” الوئام ”: the curly mark after the tatweel opens the outlet's name (ANERcorp writes ل ـ apart)
    q = only("وأوضح ل ـ ” الوئام ” المتحدث الرسمي للهيئة مساعد العنزي بأن الفرقة قامت بالإنعاش.")
    assert q.speaker.text.endswith("مساعد العنزي")
    assert q.via == ["الوئام"]
    assert q.content.startswith("الفرقة قامت")


def test_a_dropped_subject_of_the_other_gender_is_not_the_last_speaker() -> None:
    # وأضافت (she) cannot go on from what العمري (he) said; with no woman or body before, no speaker
    found = quotes_of("وقال الوزير خالد العمري إن الاجتماع كان مثمرا. وأضافت أن الاتفاق سيوقع غدا.")
    assert [(who(q), q.content) for q in found] == [("خالد العمري", "الاجتماع كان مثمرا.")]
    # a plural verb after a verb that stood before its plural subject (singular in form) goes on
    found = quotes_of("وعبر عدد من الزوار عن سعادتهم بالفعاليات وأشاروا إلى أنهم تمتعوا بتنوعها.")
    assert [q.content for q in found][-1] == "أنهم تمتعوا بتنوعها."


def test_an_honorific_pronoun_stands_for_the_person_of_that_rank() -> None:
    # سموه (His Highness) is the prince named with الأمير, not the director named after him; the prince
    # congratulated after إلى is no speaker
    text = (
        "استقبل صاحب السمو الملكي الأمير فيصل بن خالد بن عبدالعزيز في مكتبه أمس، مدير الأمن العام الفريق "
        "عثمان بن ناصر المحرج، ورفع التهنئة إلى صاحب السمو الملكي الأمير محمد بن نايف. "
        "وبين سموه أن رجال الأمن هم صمام الأمان."
    )
    found = quotes_of(text)
    assert [(who(q), q.content) for q in found] == [("فيصل بن خالد بن عبدالعزيز", "رجال الأمن هم صمام الأمان.")]


def test_the_pronoun_of_ma_after_the_verb_is_not_the_source() -> None:
    q = only("قتل ثلاثة أشخاص في انفجار السيارة المفخخة، حسب ما أفاد به الناطق باسم الشرطة خالد العمري.")
    assert q.speaker.text == "الناطق باسم الشرطة خالد العمري"
    assert q.content == "قتل ثلاثة أشخاص في انفجار السيارة المفخخة"


def test_an_aside_between_dashes_is_no_speaker() -> None:
    found = quotes_of(
        "وقال الوزير خالد العمري إن الاجتماع كان مثمرا. "
        'وأضاف -خلال لقائه مسؤولين في المدينة- "لا تستمعوا للمشككين".'
    )
    assert [(who(q), q.content) for q in found][-1] == ("خالد العمري", "لا تستمعوا للمشككين")
    # a name between dashes is the speaker, not an aside
    q = only("وقال - محمد- أحد الباعة في محل بيع العطور إن الأسعار ارتفعت.")
    assert "محمد" in q.speaker.text


def test_a_woman_named_as_such_keeps_her_feminine_verbs_after_masculine_ones() -> None:
    # the writer used masculine verbs for her (وقال), then a feminine one (وأشارت): المصرية names a woman
    text = (
        "شاركت المصرية شيرين أبو النجا في الندوة. وقال أبو النجا إن القضية لا حل لها. "
        "وأشارت إلى أن الكتابة النسوية ظهرت متأخرة."
    )
    assert [who(q) for q in quotes_of(text)] == ["أبو النجا", "أبو النجا"]


def test_settings_and_times_between_commas_before_the_complement() -> None:
    q = only(
        'وقال المصدر، في اتصال هاتفي مع "الوطن"، مساء اليوم الثلاثاء، 07 نوفمبر/تشرين الثاني، 2017، '
        "إن الحديث عن إصابة الرئيس يأتي في إطار الحرب النفسية."
    )
    assert q.speaker.text == "المصدر"
    assert q.content.startswith("الحديث عن إصابة الرئيس")


def test_the_speech_the_verb_closes_is_its_object_not_its_subject() -> None:
    found = quotes_of('وقال المدرب خالد العمري إن الفريق جاهز. وختم تصريحاته: "نحتاج وقتا لتصحيح الأخطاء".')
    assert [(who(q), q.content) for q in found][-1] == ("خالد العمري", "نحتاج وقتا لتصحيح الأخطاء")


# --- issue 13, ninth round: agency copy of world news (dev8) -------------------------------


def test_abd_written_apart_governs_the_next_word_of_a_name() -> None:
    q = only("وقال الرئيس المصري عبد الفتاح السيسي إن الحكومة ستواصل الإصلاحات.")
    assert q.speaker.name == "عبد الفتاح السيسي"
    q = only("وقال العاهل الأردني الملك عبد الله الثاني إن الأردن يدعم الحل.")
    assert q.speaker.name == "عبد الله الثاني"


def test_a_compound_given_name_written_apart_goes_on() -> None:
    q = only("وقال زعيم الحزب صلاح الدين دمرداش إن الحكومة تلاحقه.")
    assert q.speaker.name == "صلاح الدين دمرداش"


def test_an_audience_after_amam_is_no_speaker() -> None:
    found = quotes_of(
        "وقال وزير الخارجية خالد العمري إن الاجتماع كان مثمرا. وقال أمام الصحافيين في الرياض «سنواصل العمل»."
    )
    assert [(who(q), q.content) for q in found][-1] == ("خالد العمري", "سنواصل العمل")


def test_a_weekday_after_the_verb_is_a_time_not_the_speaker() -> None:
    q = only("وكانت الأمم المتحدة حذرت الأحد من ارتفاع حصيلة ضحايا الفيضانات في البلاد.")
    assert q.speaker.text == "الأمم المتحدة"
    assert q.content.startswith("ارتفاع حصيلة")


def test_subject_before_the_verb_with_the_preposition_the_verb_governs() -> None:
    q = only("وكانت الأمم المتحدة حذرت من ارتفاع حصيلة ضحايا الفيضانات في البلاد.")
    assert q.speaker.text == "الأمم المتحدة"
    assert q.content.startswith("ارتفاع حصيلة")


def test_an_attribution_to_an_outlet_behind_lam_after_its_sentence() -> None:
    q = only("وتراجع خام برنت 18 في المئة في يوليو مسجلا أكبر هبوط شهري منذ 2008.وفقا لرويترز.")
    assert q.speaker.kind == "source"
    assert q.speaker.name == "رويترز"
    assert q.content.startswith("وتراجع خام برنت")


def test_a_connective_opening_the_sentence_makes_the_verb_clause_initial() -> None:
    q = only(
        "من جهة أخرى قال صلاح الدين دمرداش زعيم حزب الشعوب الديمقراطي المؤيد للأكراد أمس: "
        "إن الهدف من العمليات العسكرية هو منع وحدة أراضي الأكراد."
    )
    assert q.speaker.name == "صلاح الدين دمرداش"
    assert "الهدف من العمليات" in q.content


def test_a_full_name_then_its_role_lets_the_role_resolve_to_it() -> None:
    text = (
        "قال وزير العمل التركي اليوم الجمعة إن اللاجئين لن يحصلوا على تصاريح عمل خاصة. "
        "لكن فاروق جليك وزير العمل والضمان الاجتماعي التركي قال لرويترز إنه لا توجد خطط لذلك."
    )
    assert [who(q) for q in quotes_of(text)] == ["فاروق جليك", "فاروق جليك"]
    # a verb and its particle before a role are no name
    text = "وقد استطاع الكابتن المحيسن جذب الجمهور، وقد أكد الكابتن المحيسن أنه سيمضي قدما في عروضه."
    assert all("استطاع" not in who(q) for q in quotes_of(text))


def test_a_survey_or_data_that_shows_with_an_complement_is_a_statement() -> None:
    q = only("وأظهرت بيانات رسمية أن صادرات النفط الخام انخفضت في مايو إلى 6.9 مليون برميل يوميا.")
    assert q.speaker.text == "بيانات رسمية"
    assert q.content.startswith("صادرات النفط")
    assert quotes_of("وأظهر اللاعب أن مستواه تحسن كثيرا في المباراة.") == []


def test_the_dots_of_an_abbreviated_name_stay_in_the_speaker() -> None:
    q = only("وقالت بي.إم.آي للبحوث إن صعود الدولار وضعف الاقتصاد الصيني سيبقيان الضغوط على السوق.")
    assert q.speaker.text == "بي.إم.آي للبحوث"
    assert q.content.startswith("صعود الدولار")


def test_an_attribution_source_ends_at_a_relative_that_goes_on_speaking() -> None:
    found = quotes_of(
        "وتشير حصيلة الهجوم إلى سقوط 30 قتيلا على الأقل ونحو 100 جريح بحسب حاكم المنطقة عبدالله جيفتشي "
        "الذي أضاف إن نحو 20 جريحا ما زالوا في حالة حرجة."
    )
    assert [(q.cue, who(q)) for q in found] == [("بحسب", "عبدالله جيفتشي"), ("أضاف", "عبدالله جيفتشي")]
    assert found[0].content.startswith("وتشير حصيلة الهجوم")
    assert found[0].via == [] and found[1].via == []


# --- issue 13, tenth round: stories datelined abroad (dev9), agency copy (dev8) -------------------


def test_a_short_bracket_glossing_the_speaker_is_skipped() -> None:
    q = only("قال مكتب التحقيقات الاتحادي الأميركي (إف. بي. أي.) إن كمانا أثريا عاد إلى أسرة مالكه.")
    assert q.speaker.text.startswith("مكتب التحقيقات الاتحادي الأميركي")
    assert q.content.startswith("كمانا أثريا")
    q = only("وقالت منظمة الصحة العالمية (WHO) إن الوباء انحسر في المنطقة.")
    assert q.content.startswith("الوباء انحسر")


def test_an_outlet_in_brackets_after_a_media_noun_relays() -> None:
    q = only("ونقلت شبكة (إن.بي.سي.) عن مسؤولين أمريكيين قولهم إن الاختراق مصدره روسيا.")
    assert q.speaker.text == "مسؤولين أمريكيين"
    assert q.via == ["إن بي سي"]
    q = only("وقال الوزير لصحيفة (الحياة) إن الحكومة ستستقيل قريبا.")
    assert q.via == ["الحياة"]


def test_a_survey_that_showed_in_an_attribution_is_the_source() -> None:
    q = only("وتراجعت مبيعات المنازل الجديدة في يونيو، حسبما أظهرت بيانات حكومية.")
    assert (q.speaker.text, q.speaker.kind) == ("بيانات حكومية", "source")
    assert q.content.startswith("وتراجعت مبيعات")
    q = only("وارتفع الإنتاج في يوليو إلى أعلى مستوى منذ عقود حسبما أظهر مسح لرويترز.")
    assert q.speaker.text == "مسح لرويترز"
    assert quotes_of("وفاز الفريق بالمباراة حسبما أظهر اللاعب من مستوى.") == []


def test_a_survey_that_showed_a_noun_phrase_is_a_statement() -> None:
    q = only("وأظهر مسح رسمي يوم السبت توقف النمو في شركات قطاع الصناعات التحويلية بالصين.")
    assert q.speaker.text == "مسح رسمي"
    assert q.content.startswith("توقف النمو")
    q = only("وأظهر مسح لرويترز ارتفاع إنتاج أوبك في يوليو.")
    assert q.via == ["رويترز"]
    assert quotes_of("وأظهر اللاعب مستوى رائعا في المباراة.") == []


def test_a_participle_keeps_the_outlet_its_statement_was_told_to() -> None:
    found = quotes_of(
        "وقال مسؤول في الشرطة لوكالة الصحافة الفرنسية: «لم يقدرا الظرف كما يجب»، مشيرا إلى أن نتائج التشريح لم تصدر."
    )
    assert [q.via for q in found] == [["فرانس برس"], ["فرانس برس"]]
    # an outlet that relayed the words (حسبما ذكرت) is not carried over
    found = quotes_of("وقال المتحدث إن الوضع هادئ، حسبما ذكرت رويترز، مشيرا إلى أن الشرطة انتشرت.")
    assert found[-1].via == []


def test_an_attribution_between_commas_after_the_speaker_is_the_channel() -> None:
    q = only(
        "وقال جاوش اوغلو، بحسب ما نقلت عنه وكالة الاناضول التركية الرسمية، ان الطائرات الاميركية بدأت بالوصول."
    )
    assert who(q) == "جاوش اوغلو"
    assert q.via == ["الأناضول"]
    assert q.content.startswith("الطائرات")
    q = only("وأكد المتحدث، حسبما نقلت عنه قناة الجزيرة، أن المفاوضات مستمرة.")
    assert q.speaker.text == "المتحدث" and q.speaker.name is None
    assert q.content.startswith("المفاوضات")


def test_the_same_source_goes_back_to_a_person_source() -> None:
    found = quotes_of(
        "أفاد مصدر قضائي في أبوظبي أنه تم طرد مواطنة أسترالية. وأوضح المصدر أن المرأة نشرت صورة على موقع "
        '"فيسبوك". لكن التحقيق خلص إلى اتهامها وطردها، بحسب المصدر نفسه.'
    )
    assert found[-1].speaker.text == "مصدر قضائي في أبوظبي"
    # after an outlet, المصدر نفسه is that outlet
    found = quotes_of("وذكرت وكالة رويترز أن الانفجار وقع فجرا. وقال المصدر نفسه إن عشرة قتلوا.")
    assert found[-1].speaker.name == "رويترز"


def test_a_relative_clause_with_a_subject_of_its_own_is_that_subjects_statement() -> None:
    found = quotes_of(
        "لم يلحق اللاعب بالرحلة بحسب ما أكد مدرب يونايتد لويس فان جال، الذي أشارت تقارير إلى أنه أعلم "
        "لاعبيه بانتقاله."
    )
    assert [q.speaker.text for q in found] == ["مدرب يونايتد لويس فان جال", "تقارير"]
    q = only("وهذا هو القرار الذي ذكرت مصادر أنه سيصدر غدا.")
    assert q.speaker.text == "مصادر"


def test_an_estimate_with_the_pronoun_of_what_was_estimated() -> None:
    q = only("ولم يكشف النادي عن قيمة الصفقة، ولكن قدرتها وسائل الإعلام بنحو 44 مليون جنيه إسترليني.")
    assert q.speaker.text == "وسائل الإعلام"
    assert q.content.startswith("بنحو 44 مليون")
    found = quotes_of(
        'وتحدثت الصحيفة عن أن العرض يبلغ 65 مليون يورو، فيما قدرته مجلة "ليكيب" الأحد الماضي بـ63 مليون يورو.'
    )
    assert [q.content for q in found] == ["العرض يبلغ 65 مليون يورو", "بـ63 مليون يورو."]
    assert found[1].speaker.name == "ليكيب"
    assert quotes_of("وقدره الطبيب بعناية ثم غادر العيادة.") == []


def test_an_outlet_named_by_a_common_word_behind_lam_before_the_complement() -> None:
    q = only("وقال شهود عيان للجزيرة إن القوات توغلت في المخيم.")
    assert q.speaker.text == "شهود عيان"
    assert q.via == ["الجزيرة (قناة)"]
    # of two outlets with that name, the one the article names in full
    found = quotes_of("وقال رئيس التحرير إن صحيفة الجزيرة تحتفل بعيدها. وأكد مدير التوزيع للجزيرة أن التوزيع ارتفع.")
    assert found[-1].via == ["الجزيرة"]
    assert quotes_of("وسافر الوفد إلى الرياض أن يلتقي المسؤولين.") == []


def test_a_movement_is_an_organization_and_its_name_is_not_the_persons() -> None:
    q = only("وقال الناطق باسم حركة حماس سامي أبو زهري إن الحركة لن تعترف بالقرار.")
    assert q.speaker.name == "سامي أبو زهري"
    q = only("وقالت حركة حماس إن الهدنة انتهت.")
    assert q.speaker.kind == "organization"


def test_a_request_not_to_be_named_ends_the_speaker() -> None:
    q = only("وصرح مسؤول في الوزارة طلب عدم الكشف عن اسمه بأن المفاوضات متعثرة.")
    assert (q.speaker.text, q.speaker.name) == ("مسؤول في الوزارة", None)
    assert q.content.startswith("المفاوضات")
    q = only("وقال مصدر أمني فضل عدم ذكر اسمه لوكالة فرانس برس إن خمسة قتلوا.")
    assert q.speaker.text == "مصدر أمني"
    assert q.via == ["فرانس برس"]


def test_a_quotation_opening_with_that_after_a_document_noun_is_the_words() -> None:
    q = only("وقال البيت الأبيض في بيان «إن الرئيس يدعم الاتفاق».")
    assert q.speaker.text == "البيت الأبيض"
    assert "الرئيس يدعم الاتفاق" in q.content


def test_describing_with_a_role_or_body_as_subject() -> None:
    q = only('ووصف الوزير القرار بأنه "غير مقبول".')
    assert q.speaker.text == "الوزير"
    assert q.content.startswith("القرار")
    q = only("ووصفت وزارة الخارجية الفرنسية الهجوم الإرهابي بأنه عمل جبان.")
    assert q.speaker.text == "وزارة الخارجية الفرنسية"
    assert q.content.startswith("الهجوم الإرهابي")


def test_an_agency_photo_credit_in_running_text_ends_the_words() -> None:
    found = quotes_of("وقال الرئيس الأميركي جورج بوش إن بلاده لن تتراجع (الفرنسية) وكان بوش قد حذر من أن الحرب ستطول.")
    assert [q.content for q in found] == ["بلاده لن تتراجع", "الحرب ستطول."]
    # an aside that is no credit does not
    q = only("وقال المتحدث إن الشرطة اعتقلت رجلا (62 عاما) في المدينة.")
    assert q.content.endswith("في المدينة.")


def test_general_after_a_role_is_its_adjective_not_a_year() -> None:
    q = only("وقال الأمين العام للجامعة العربية عمرو موسى في القاهرة إن القمة ستعقد.")
    assert q.speaker.name == "عمرو موسى"
    q = only("وقال الوزير العام الماضي إن الخطة ستنفذ.")
    assert q.speaker.text == "الوزير"


def test_a_body_speaks_in_the_event_it_holds() -> None:
    q = only("وألقى الدكتور سالم الهاشمي كلمة أكد فيها أهمية الحفاظ على التراث العماني.")
    assert who(q) == "سالم الهاشمي"
    assert q.content.startswith("أهمية الحفاظ")
    q = only("وأصدرت الوزارة بيانا قالت فيه إن الامتحانات ستجرى في موعدها.")
    assert q.speaker.text == "الوزارة"
    q = only("وعقدت اللجنة اجتماعا أكدت خلاله ضرورة الإسراع في التنفيذ.")
    assert q.speaker.text == "اللجنة"


def test_a_lectures_paper_is_a_setting_not_part_of_the_speaker() -> None:
    q = only("وأوضح المحاضر في ورقته أن الشعر الشعبي يعكس هوية المجتمع.")
    assert q.speaker.text == "المحاضر"


def test_a_relaying_outlet_the_gazetteer_lacks_is_the_via_as_written() -> None:
    q = only("ونقل التلفزيون الرسمي عن الرئيس قوله إن البلاد تمر بمرحلة صعبة.")
    assert q.speaker.text == "الرئيس"
    assert q.via == ["التلفزيون الرسمي"]
    found = quotes_of('وذكرت صحيفة "الخبر" أن الوزارة ألغت القرار. ونقلت الصحيفة عن مصادر قولها إن السبب أمني.')
    assert found[-1].via == ["الخبر"]
    q = only("وقال عضو البرلمان في اتصال هاتفي مع الجزيرة إن الجلسة تأجلت.")
    assert q.via == ["الجزيرة (قناة)"]


def test_a_pronoun_carried_by_a_conjunction_is_the_last_speaker() -> None:
    found = quotes_of("وقال الوزير خالد العمري إن الحكومة ستدعم السوق، إلا أنه أكد أن الدعم مؤقت.")
    assert [(who(q), q.content) for q in found] == [
        ("خالد العمري", "الحكومة ستدعم السوق"),
        ("خالد العمري", "الدعم مؤقت."),
    ]
    found = quotes_of("وأقرت جودي ماغي بأنها نشرت الصورة، لكنها نفت نشرها النص.")
    assert [q.content for q in found] == ["أنها نشرت الصورة", "نشرها النص."]


def test_said_earlier_with_sabaqa_is_asserted() -> None:
    q = only(
        "وسبق لصحيفة «أوستادو» البرازيلية أن أشارت، عبر موقعها على الإنترنت، إلى أن المباراة ألغيت بسبب الفساد."
    )
    assert q.speaker.name == "أوستادو"
    assert q.content.startswith("المباراة ألغيت")
    assert quotes_of("ولم يسبق له أن قال ذلك.") == []


def test_a_gazetteer_short_form_inside_a_longer_quoted_name_gives_way() -> None:
    found = quotes_of(
        'وسبق لمجلة "فرانس فوتبول" الفرنسية أن كشفت عن موافقة النادي على العرض. '
        "وتحدثت الصحيفة عن أن العرض يبلغ 65 مليون يورو."
    )
    assert [q.speaker.name for q in found] == ["فرانس فوتبول", "فرانس فوتبول"]
    q = only('وقال الوزير لوكالة "فرانس برس" إن الوضع هادئ.')
    assert q.via == ["فرانس برس"]


def test_kana_with_a_dropped_subject_goes_back_to_the_previous_sentences_subject() -> None:
    found = quotes_of(
        "وقال مسؤولون إن الاختراق خطير. وأحجمت وزارة الدفاع الأمريكية عن التعليق. "
        "وكانت اعترفت في 28 يوليو بأنه تم إيقاف الشبكات غير السرية."
    )
    assert [q.speaker.text for q in found] == ["مسؤولون", "وزارة الدفاع الأمريكية"]
    # a verb that does not agree leaves the last speaker
    found = quotes_of("وقال الوزير إن الخطة جاهزة. وكان قد أكد أن التمويل متوفر.")
    assert [q.speaker.text for q in found] == ["الوزير", "الوزير"]


# --- issue 13, eleventh round: long reported speech of the outlets read least, interviews (dev10) ----------


def test_a_short_quoted_name_before_the_complement_is_no_statement() -> None:
    q = only('وقال الوزير في تصريح عبر "تويتر" إن الطريق سيفتح غدا.')
    assert (q.speaker.text, q.content) == ("الوزير", "الطريق سيفتح غدا.")
    q = only("أكد المدرب بعد اجتماع لجنة الاتحاد الدولي لكرة القدم «فيفا» في زيوريخ، أنه لن يترشح.")
    assert q.content.startswith("أنه لن يترشح")
    q = only("قال تقرير لـ«مكتب الدراسات» عن أنشطة السوق، إن المبيعات تراجعت في الربع الثاني.")
    assert q.content.startswith("المبيعات تراجعت")
    # a short quotation with no complement after it is still the words (وقال الرئيس: "لا")
    found = quotes_of('وقال الرئيس: "لا"، مؤكدا أن الفريق جاهز.')
    assert [q.content for q in found] == ["لا", "الفريق جاهز."]


def test_anne_written_with_its_madda_is_no_complementizer() -> None:
    found = quotes_of(
        "وقالت المتحدثة سارة براون إن القانون أقر. "
        "وقالت آن لينينجر وهي عضو في مجلس النواب بأن البيع سيحد من السوق السوداء."
    )
    assert [q.speaker.name for q in found] == ["سارة براون", "آن لينينجر"]
    assert found[1].content.startswith("البيع سيحد")


def test_a_participle_of_describing_gives_an_object_its_name() -> None:
    found = quotes_of("وقال العقيد سالم الحربي إن المحاولات فشلت، واصفا هذه المحاولات بالبائسة.")
    assert [q.cue for q in found] == ["وقال", "واصفا"]
    assert found[1].content.startswith("هذه المحاولات بالبائسة")
    assert found[1].speaker.name == "سالم الحربي"
    # with a pronoun object (واصفا إياه بالفاشل) the participle names no new statement
    assert [q.cue for q in quotes_of("وقال الوزير إن المشروع تأخر، واصفا إياه بالفاشل.")] == ["وقال"]


def test_a_noun_with_a_possessive_is_no_speaker() -> None:
    found = quotes_of("وقال وزير الخارجية إن الزيارة مهمة. وأكد حرص بلاده على تدعيم العلاقة.")
    assert [q.speaker.text for q in found] == ["وزير الخارجية", "وزير الخارجية"]
    # a word in ة normalizes like a pronoun in ه, and stays a name's or a body's word
    q = only("كشفت إمارة منطقة مكة المكرمة عن القبض على المتهم.")
    assert q.speaker.text == "إمارة منطقة مكة المكرمة"


def test_the_speaker_phrase_that_ran_into_the_object_is_split() -> None:
    q = only("وأكد الوزير عادل الجبير حرص المملكة على التعاون مع الأشقاء.")
    assert (q.speaker.name, q.content) == ("عادل الجبير", "حرص المملكة على التعاون مع الأشقاء.")
    q = only("أكد كارتر حرص بلاده على تعزيز السلام في المنطقة.")
    assert (q.speaker.text, q.content) == ("كارتر", "حرص بلاده على تعزيز السلام في المنطقة.")
    q = only("وأبدى الأمين العام للأمم المتحدة بان كي مون عدم ارتياحه للقرار.")
    assert q.speaker.name == "بان كي مون" and q.content.startswith("عدم ارتياحه")
    # a title is followed by its name, a role's prepositional phrase is no object
    q = only("أكد وزير التعليم الدكتور عزام الدخيل في اجتماعه أمس، على بدء الدراسة في موعدها.")
    assert q.speaker.name == "عزام الدخيل" and q.content.startswith("بدء الدراسة")
    assert quotes_of("وأبدى اللاعب مستوى رائعا في المباراة.") == []


_INTERVIEW = (
    "هو الكاتب المصري، سامي فؤاد حداد، يعود بروايته الجديدة في هذا الحوار الذي أجرته معه صحيفة «عكاظ».\n"
    "- ما جديدك هذه الأيام؟\n"
    "أعمل على رواية جديدة عن القاهرة في الخمسينيات، وأتمنى أن تصدر قريبا.\n"
    "- متى بدأت الكتابة؟\n"
    "بدأت الكتابة في سن مبكرة، حين كنت طالبا في المدرسة الثانوية.\n"
    "- ما رأيك في النقد اليوم؟\n"
    "النقد غائب عن المشهد، ولا يتابع ما يصدر من أعمال كثيرة.\n"
    "ولا أظن أن الحال سيتغير قريبا.\n"
)


def test_each_answer_of_an_interview_is_the_interviewees_statement() -> None:
    found = quotes_of(_INTERVIEW)
    assert [q.speaker.name for q in found] == ["سامي فؤاد حداد"] * 3
    assert found[0].content == "أعمل على رواية جديدة عن القاهرة في الخمسينيات، وأتمنى أن تصدر قريبا."
    assert found[2].content.endswith("سيتغير قريبا.")  # an answer over two paragraphs
    assert all(q.direct and q.via == ["عكاظ"] and q.cue == "(سؤال)" for q in found)


def test_questions_without_an_interview_are_no_statements() -> None:
    column = _INTERVIEW.replace("في هذا الحوار الذي أجرته معه صحيفة «عكاظ»", "في هذا المقال")
    assert quotes_of(column) == []
    # two answered questions are no interview
    assert quotes_of(_INTERVIEW.split("- ما رأيك")[0]) == []


def test_a_participle_goes_on_from_an_indefinite_construct_subject() -> None:
    found = quotes_of(
        "تبدأ اليوم محاكمة الصيادين المحتجزين، بينما واصلت أسر الصيادين مطالبتها للسلطات بالتدخل. "
        "مؤكدة أن مصدر دخلها يعتمد على الصيد. مشيرة إلى أن القوارب كانت في طريقها إلى إريتريا."
    )
    assert [(q.speaker.text, q.cue) for q in found] == [("أسر الصيادين", "مؤكدة"), ("أسر الصيادين", "مشيرة")]
    q = only("واصلت أسر الصيادين مطالبتها بالإفراج عن ذويهم، مؤكدة أن مصدر دخلها يعتمد على الصيد.")
    assert q.speaker.text == "أسر الصيادين"
    # a verb that does not agree with the participle names no subject for it
    assert quotes_of("واصل أهالي القرية مطالبتهم بالطريق. مؤكدة أن الطريق ضروري.") == []


def test_a_second_relative_clause_goes_back_to_the_first_ones_antecedent() -> None:
    found = quotes_of(
        "وسادت حالة من عدم الرضا لدى المصطافين الذين لم يجدوا سكنا، الذين عبروا عن امتعاضهم من التنظيم، "
        "مشيرين إلى أن الزوار باتوا على الكورنيش."
    )
    assert [(q.speaker.text, q.cue) for q in found] == [("المصطافين", "عبروا"), ("المصطافين", "مشيرين")]


def test_a_setting_that_fills_the_reach_then_a_comma_and_the_complement() -> None:
    found = quotes_of(
        "وأوضح الوزير أن الرياض على علم بالاجتماعات. وشدد في مؤتمر صحفي مشترك عقده في جدة أمس مع نظيره "
        "المصري سامح شكري، على أن مواقف المملكة ثابتة تجاه اليمن."
    )
    assert [q.content for q in found] == ["الرياض على علم بالاجتماعات.", "مواقف المملكة ثابتة تجاه اليمن."]
    # a frame holding another clause (و…) does not reach over it
    found = quotes_of(
        "وقال ذوو المريض إن حالته حرجة، مشيرين إلى إمكانية التواصل عبر الرقم الموحد للمستشفى وجاء في التقرير "
        "الصادر عن مستشفى رفحاء المركزي، أن المريض منوم."
    )
    assert [q.speaker.text for q in found][-1].startswith("التقرير")


def test_a_counterpart_is_named_like_a_role_and_its_surname_speaks_later() -> None:
    found = quotes_of(
        "وعقد الوزير مؤتمرا صحفيا مع نظيره المصري سامح شكري في جدة. "
        "وأكد شكري التزام مصر في التحالف العربي، مشيراً إلى أن الاستقبال كان للبحث عن حل."
    )
    assert [(q.speaker.name, q.cue) for q in found] == [("سامح شكري", "وأكد"), ("سامح شكري", "مشيراً")]
    assert found[0].content.startswith("التزام مصر")


def test_a_word_whose_own_letters_begin_with_al_is_no_definite_word() -> None:
    # التزام (form VIII) is written with the article too (الالتزام): an object, not the speaker's adjective
    q = only("وأكد الوزير التزام المملكة بالاتفاق.")
    assert (q.speaker.text, q.content) == ("الوزير", "التزام المملكة بالاتفاق.")


def test_an_attribution_with_a_verb_of_saying_vouches_for_a_body() -> None:
    q = only("وارتفعت الأسعار في يوليو، حسبما ذكر البيت الأبيض.")
    assert (q.speaker.text, q.content) == ("البيت الأبيض", "وارتفعت الأسعار في يوليو")
    # "according to" a rule is still no source, nor an unresolved "the former"
    assert quotes_of("ويحق للاعب الانتقال، وفق النظام الجديد.") == []
    assert quotes_of("وانتقل اللاعب إلى النادي، بحسب ما ذكر الأول.") == []
    assert quotes_of("وتأتي الخطوة بعد بيع الصحيفة، حسبما أعلن الاسبوع الماضي.") == []


# --- issue 13, twelfth round: short news items of the outlets read least (dev11) -----------------------


def test_a_construct_chain_object_ends_a_role_and_two_word_name() -> None:
    # أهمية مشروع قناة السويس: three indefinite nouns closed by a definite word are what was affirmed
    q = only("وأكد رئيس الهيئة الفريق إيهاب مميش أهمية مشروع قناة السويس في تنمية الاقتصاد وأثره على التجارة.")
    assert q.speaker.name == "إيهاب مميش"
    assert q.content.startswith("أهمية مشروع قناة السويس")
    # a one-word name after a rank is not cut on a chain alone
    q = only("وأكد مدير الشرطة اللواء سعيد أهمية خطة تطوير الطرق على حركة المرور.")
    assert not q.speaker.text.endswith("اللواء سعيد")


def test_an_attribution_closed_by_fa_inna_and_a_quotation_is_direct() -> None:
    found = quotes_of(
        "وحسب دبلوماسي أمريكي، فإن «الوزير سيحاول الإجابة على كل الأسئلة»، وأشار إلى أن الوزير سيبحث النزاع."
    )
    assert [(q.speaker.text, q.direct) for q in found] == [("دبلوماسي أمريكي", True), ("دبلوماسي أمريكي", False)]
    assert found[0].content == "الوزير سيحاول الإجابة على كل الأسئلة"


def test_the_media_at_large_relay_a_quotation() -> None:
    q = only('ونقلت وسائل إعلام بريطانية عن المدرب قوله: "سيلعب بشكل جيد هناك".')
    assert q.via == ["وسائل إعلام بريطانية"]
    q = only('ونقلت وسائل الإعلام عن المدرب قوله: "سيلعب بشكل جيد هناك".')
    assert q.via == ["وسائل الإعلام"]


def test_another_after_a_role_is_no_name() -> None:
    found = quotes_of('وقال دبلوماسي في المجلس "لن نتوصل الى تفاهم". وصرح دبلوماسي آخر "لا مساومة في الأمر".')
    assert len(found) == 2
    assert all(q.speaker.name != "آخر" for q in found)


def test_another_closes_an_indefinite_speaker_before_a_plain_object() -> None:
    q = only("كما أكد مسؤول آخر وجود خلافات بين الطرفين.")
    assert (q.speaker.text, q.content) == ("مسؤول آخر", "وجود خلافات بين الطرفين.")


def test_a_plural_verb_is_not_the_one_person_named_last() -> None:
    # the cable's addressee is named last; وأشاروا is the senders', not his
    found = quotes_of(
        "وأبرق أمس عدد من العلماء، أمير منطقة عسير الأمير فيصل بن خالد، استنكارا للجريمة.\n"
        'وأشاروا في البرقية، التي حصلت الصحيفة على نصها، إلى "ما حدث من إجرام في المسجد".'
    )
    assert all(q.speaker.name != "فيصل بن خالد" for q in found)
    # a singular verb still goes on with him
    q = only("واستقبل أمير منطقة عسير الأمير فيصل بن خالد الوفد. وأكد أن المنطقة آمنة.")
    assert q.speaker.name == "فيصل بن خالد"


def test_a_colon_ending_its_line_announces_the_list_that_follows() -> None:
    found = quotes_of(
        "وقال رئيس اللجنة: الأندية التي قدمت الحوالات هي التعاون والشباب. وتابع:\n"
        "- الأندية التي عليها شكاوى هي نجران والوحدة.\n"
        "- تم استلام عشر شهادات دولية خاصة باللاعبين.\n"
        "وكان النادي قد تعاقد مع لاعب."
    )
    assert [q.cue for q in found] == ["وقال", "وتابع"]
    assert found[1].content.startswith("الأندية التي عليها شكاوى")
    assert found[1].content.endswith("خاصة باللاعبين.")
    # a plain line after the colon (a poem's, a story's) is not taken
    assert quotes_of("يقول الشاعر:\nيالله أنا من جود حسناك طالبك\nوانتهت القصيدة.") == []
