"""The broadened TIMEX grammar (issue 13): month families, Hijri dates and holidays, ranges,
durations, sets, deictic days across dialects, clock times, and expressions counted from a
date the text mentioned. Each snippet is written for the test, not taken from a gold set."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.model import Article, Sentence
from marsad.stages.timex import dates, find_timerefs, timerefs_for_article

ANCHOR = date(2015, 8, 6)  # a Thursday; 21 Shawwal 1436


def values(text: str, anchor: date | None = ANCHOR) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in find_timerefs(text, anchor)]


# --- month-name families -----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Maghrebi (Algeria, Tunisia)
        ("في 5 جانفي 2016", "2016-01-05"), ("في 12 فيفري 2014", "2014-02-12"),
        ("يوم 3 أفريل 2014", "2014-04-03"), ("منذ 8 ماي 2013", "2013-05-08"),
        ("في 20 جوان 2014", "2014-06-20"), ("في 5 جويلية 1962", "1962-07-05"),
        ("في 20 أوت 1955", "1955-08-20"),
        # Moroccan
        ("في 30 يوليوز 2015", "2015-07-30"), ("في 14 غشت 2015", "2015-08-14"),
        ("في 4 شتنبر 2015", "2015-09-04"), ("في 6 نونبر 2015", "2015-11-06"),
        ("في 31 دجنبر 2014", "2014-12-31"),
        # Levantine / Iraqi and Egyptian spellings
        ("في 2 كانون الثاني 2015", "2015-01-02"), ("في 9 تشرين الأول 2014", "2014-10-09"),
        ("في 8 آذار 2015", "2015-03-08"), ("في 30 يونية 2013", "2013-06-30"),
        ("في 23 يولية 1952", "1952-07-23"),
    ],
)
def test_month_families(text: str, value: str) -> None:
    assert value in [v for _, v in values(text)]


def test_days_and_years_in_words() -> None:
    assert ("الخامس عشر من جانفي عام ألفين وستة عشر", "2016-01-15") in values(
        "في الخامس عشر من جانفي عام ألفين وستة عشر")
    assert ("اليوم السابع من شهر يوليو", "2015-07-07") in values("في اليوم السابع من شهر يوليو")
    assert ("اليوم الـ 7 من الشهر المقبل", "2015-09-07") in values(
        "تبدأ في اليوم الـ 7 من الشهر المقبل")


# --- Hijri dates and holidays -------------------------------------------------------------------

def test_hijri_day_without_a_year_takes_the_nearest_hijri_year() -> None:
    assert values("تقام العروض في ٢٣ من شوال") == [("٢٣ من شوال", "2015-08-08")]


def test_hijri_month_needs_context_to_be_a_month() -> None:
    assert values("تأثر الطلب بشهر رمضان") == [("شهر رمضان", "H1436-09")]
    assert values("في رمضان المبارك") == [("رمضان المبارك", "H1436-09")]
    assert values("ينتظر الجميع رمضان المقبل") == [("رمضان المقبل", "H1437-09")]
    assert values("قال الممثل محمد رمضان إن") == []
    assert values("حصل الفريق على صفر من النقاط") == []


def test_hijri_year_range_shares_its_mark() -> None:
    assert values("للعام الجامعي 1436-1437 هـ") == [("1436", "H1436"), ("1437 هـ", "H1437")]


def test_holidays() -> None:
    assert values("يصلي المسلمون صلاة عيد الأضحى") == [("عيد الأضحى", "2015-09-23")]
    found = find_timerefs("ارتفعت الأسعار ليلة عيد الفطر المبارك", ANCHOR)
    assert [(t.text, t.value, t.time) for t in found] == [
        ("ليلة عيد الفطر المبارك", "2015-07-16", "NI")]


def test_hijri_conversion_both_ways() -> None:
    assert dates.hijri_of(date(2015, 8, 11)) == (1436, 10, 26)
    assert dates.hijri_year_near(ANCHOR, 9) == 1436
    assert dates.hijri_year_near(ANCHOR, 9, direction=1) == 1437


# --- ranges -------------------------------------------------------------------------------------

def test_ranges_of_days_share_month_and_calendar() -> None:
    assert values("بين 10 و15 مايو 2015") == [("10", "2015-05-10"), ("15 مايو 2015", "2015-05-15")]
    assert values("من 5 إلى 9 ذو الحجة 1436هـ") == [("5", "2015-09-18"),
                                                    ("9 ذو الحجة 1436هـ", "2015-09-22")]


def test_weekday_before_a_range_takes_its_first_day() -> None:
    found = values("تبدأ العروض يوم الخميس المقبل ٢١ إلى ٢٣ من شوال")
    assert found[0] == ("يوم الخميس المقبل ٢١", "2015-08-06")


# --- durations ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("استمر الاجتماع ساعتين و30 دقيقة", "ساعتين و30 دقيقة", "PT2H30M"),
        ("سجل زمنا قدره 13 دقيقة 45 ثانية", "13 دقيقة 45 ثانية", "PT13M45S"),
        ("استمرت الحرب عاما وستة أشهر", "عاما وستة أشهر", "P1Y6M"),
        ("تأخر الموكب 40 ثانية", "40 ثانية", "PT40S"),
        ("قد يستغرق ذلك لمدة أسابيع.", "أسابيع", "PXW"),
    ],
)
def test_durations(text: str, span: str, value: str) -> None:
    assert (span, value) in values(text)


def test_amount_with_approximation_stays_a_duration_from_an_event() -> None:
    assert values("بعد أسبوع تقريبا من الزلزال") == [("أسبوع", "P1W")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "one" after its unit is part of the expression; counted from an event (من) it stays a duration
        ("عاد الوفد بعد يوم واحد من الاجتماع", [("يوم واحد", "P1D")]),
        ("وقع الانفجار بعد يوم واحد.", [("بعد يوم واحد", "2015-08-07")]),
        ("استمر الإضراب شهرا واحدا", [("شهرا واحدا", "P1M")]),
        ("انتهى العقد قبل سنة واحدة", [("قبل سنة واحدة", "2014")]),
    ],
)
def test_postposed_one_after_a_unit(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


def test_ages_are_not_durations_or_decades() -> None:
    assert values("تراوحت أعمارهم ما بين 45 و76 عاما") == []
    assert values("رجل في الثلاثينات من العمر") == []
    assert values("عثر على وثائق عمرها 4000 عام") == [("4000 عام", "P4000Y")]


def test_plural_in_a_construct_is_no_vague_duration() -> None:
    assert values("عاشوا خلال سنوات الحرب") == []


# --- sets ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("يقام السوق كل يوم جمعة", "XXXX-WXX-5"), ("يجتمعون كل خميس", "XXXX-WXX-4"),
        ("يغلق المتحف أيام الجمعة", "XXXX-WXX-5"), ("يتدرب كل صباح", "XXXX-XX-XXTMO"),
        ("تصدر مرتين في الأسبوع", "P1W"), ("يزورها ثلاث مرات سنويا", "P1Y"),
        ("تعقد أسبوعيا", "P1W"), ("كل 3 أشهر", "P3M"),
    ],
)
def test_sets(text: str, value: str) -> None:
    found = find_timerefs(text, ANCHOR)
    assert [(t.kind, t.value) for t in found] == [("set", value)]


def test_every_one_is_not_a_set() -> None:
    assert values("لا يعرف كل أحد ذلك") == []
    assert values("كل اثنين منهم") == []


# --- deictic days across dialects --------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("وصل الفريق يوم أمس", "يوم أمس", "2015-08-05"),
        ("يفتح الباب اعتبارا من يوم غد", "يوم غد", "2015-08-07"),
        ("أصيب اللاعب أمس الأول", "أمس الأول", "2015-08-04"),  # Gulf
        ("أصيب اللاعب يوم أمس الأول", "يوم أمس الأول", "2015-08-04"),
        ("وقع الحادث قبل أمس", "قبل أمس", "2015-08-04"),
        ("قال النهارده إن", "النهارده", "2015-08-06"),  # Egyptian
        ("حصل امبارح بالليل", "امبارح", "2015-08-05"),
        ("قال الوزير اليوم (الخميس) إن", "اليوم (الخميس)", "2015-08-06"),
    ],
)
def test_deictic_days(text: str, span: str, value: str) -> None:
    assert (span, value) in values(text)


# --- clock times --------------------------------------------------------------------------------

def test_clock_times() -> None:
    found = find_timerefs("وصل في 08:26 إلى المحطة", ANCHOR)
    assert [(t.text, t.value, t.time) for t in found] == [("08:26", "2015-08-06", "08:26")]
    found = find_timerefs("تبدأ المباراة الساعة السادسة والنصف مساء", ANCHOR)
    assert [(t.text, t.time) for t in found] == [("الساعة السادسة والنصف مساء", "18:30")]
    found = find_timerefs("في الساعة 15:30 اليوم", ANCHOR)
    assert [(t.value, t.time) for t in found] == [("2015-08-06", "15:30")]
    assert values("انتهت المباراة بنتيجة 2:1") == []


def test_clock_time_takes_the_day_named_in_its_sentence() -> None:
    found = find_timerefs("يبدأ العرض يوم الأحد المقبل الساعة ٥ عصراً", ANCHOR)
    clock = found[-1]
    assert (clock.value, clock.time, clock.mention) == ("2015-08-09", "17:00", True)


def test_midnight() -> None:
    found = find_timerefs("استمر الحفل حتى منتصف الليل", ANCHOR)
    assert [(t.text, t.time) for t in found] == [("منتصف الليل", "24:00")]


# --- quarters, numbers that are not years --------------------------------------------------------

def test_bare_quarters() -> None:
    assert values("نما الاقتصاد في الربع الثاني") == [("الربع الثاني", "2015-Q2")]
    assert values("تراجع في الربع الأخير") == [("الربع الأخير", "2014-Q4")]


def test_phone_numbers_are_not_years() -> None:
    assert values("عن طريق الرقم الموحد 1909") == []


# --- expressions counted from a mentioned date ----------------------------------------------------

def test_reference_to_a_mentioned_date() -> None:
    found = find_timerefs("وصل الوفد في 5 مارس 2010، وفي اليوم التالي التقى الرئيس", ANCHOR)
    assert [(t.text, t.value, t.mention) for t in found] == [
        ("5 مارس 2010", "2010-03-05", False), ("اليوم التالي", "2010-03-06", True)]
    found = find_timerefs("انتخب عام 1990 وفي العام التالي استقال", ANCHOR)
    assert found[-1].value == "1991"
    found = find_timerefs("وقع الهجوم في 7 يوليو 2005 وشوهد في صباح ذلك اليوم", ANCHOR)
    assert (found[-1].text, found[-1].value, found[-1].time) == ("صباح ذلك اليوم", "2005-07-07",
                                                                 "MO")


def test_reference_with_nothing_mentioned_has_no_value() -> None:
    found = find_timerefs("وفي اليوم نفسه عاد", ANCHOR)
    assert [(t.value, t.relative) for t in found] == [(None, True)]


def test_stage_carries_the_mentioned_date_across_sentences() -> None:
    text = "وقع الانفجار في 7 يوليو 2005. وفي اليوم التالي بدأ التحقيق."
    cut = text.index("وفي")
    article = Article(id="a1", path="a1.txt", text=text, published="2015-08-06",
                      sentences=[Sentence(i=0, start=0, end=cut - 1, text=text[:cut - 1]),
                                 Sentence(i=1, start=cut, end=len(text), text=text[cut:])])
    refs = timerefs_for_article(article, ANCHOR)
    nxt = next(r for r in refs if r.text == "اليوم التالي")
    assert (nxt.sentence, nxt.value, nxt.anchor) == (1, "2005-07-08", "mention:2005-07-07")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("تراجعت الأسعار الشهر الفارط", "2015-07"),  # Tunisian
        ("سافر الأسبوع الفايت", "2015-W31"),
        ("يصل الجمعة الجاية", "2015-08-07"),  # Levantine / Egyptian
        ("ولد في 3 كانون تاني 1990", "1990-01-03"),
        ("في 12 ربيع أول 1437هـ", "2015-12-23"),
    ],
)
def test_spoken_and_regional_modifiers(text: str, value: str) -> None:
    assert value in [v for _, v in values(text)]


def test_spaced_numeric_dates() -> None:
    assert values("وقع الحادث بتاريخ 10 / 1 / 1436هـ في الإحساء") == [
        ("10 / 1 / 1436هـ", "2014-11-03")]
    assert values("جولة تفقدية في 11/ 10/ 1436هـ") == [("11/ 10/ 1436هـ", "2015-07-27")]


def test_dual_days_and_family_names_are_not_sets() -> None:
    assert values("على مدى يومي العيد") == []
    assert values("تحت إشراف المدرب سعد الشهري") == []
    assert values("في تقريره الشهري") == [("الشهري", "P1M")]


def test_clock_thirds() -> None:
    found = find_timerefs("في تمام الساعة العاشرة والثلث صباحا", ANCHOR)
    assert [t.time for t in found] == ["10:20"]


def test_weekday_before_a_numeric_date_takes_its_value() -> None:
    assert values("حتى نهاية دوام يوم الأربعاء الموافق 20-10-1436هـ") == [
        ("يوم الأربعاء الموافق 20-10-1436هـ", "2015-08-05")]
    assert values("تستمر حتى يوم الثلاثاء 26 /10 /1436هـ") == [
        ("يوم الثلاثاء 26 /10 /1436هـ", "2015-08-11")]


def test_named_days_and_definite_units_are_not_durations() -> None:
    assert values("سيبدأ يوم 8 /11 /1436هـ") == [("8 /11 /1436هـ", "2015-08-23")]
    assert values("غاب في أول يوم مران") == []
    assert values("فلا أحد اليوم يعير اهتماما") == [("اليوم", "2015-08-06")]
    assert values("منح إجازة لمدة يوم واحد") == [("يوم واحد", "P1D")]  # "one" after its unit is in the span


def test_halves_after_a_unit() -> None:
    assert ("أكثر من ساعة ونصف", "PT1H30M") in values("مارسن الرياضة أكثر من ساعة ونصف أسبوعيا")
    assert ("أربع ساعات ونصف الساعة", "PT4H30M") in values("تركت الجثة أربع ساعات ونصف الساعة")
    assert ("دقيقة ونصف", "PT1M30S") in values("وقف المشاركون دقيقة ونصف صمتا")


def test_age_with_a_clitic_is_an_age() -> None:
    assert values("بدأ ابني الكاراتيه وعمره تسعة أعوام") == []


def test_tense_around_a_bare_weekday() -> None:
    assert values("ومن المتوقع أن ينتهي المؤتمر يوم الجمعة") == [("يوم الجمعة", "2015-08-07")]
    assert values("يوم الجمعة سيكون اليوم الأخير") == [("يوم الجمعة", "2015-08-07")]
    assert values("وصل الوفد يوم الجمعة") == [("يوم الجمعة", "2015-07-31")]


def test_both_is_not_monday() -> None:
    assert values("متنازع عليها أو الاثنين معا") == []


def test_a_calendar_mark_is_its_own_word() -> None:
    assert values("يجب إقرارها بحلول عام 2009 لم تنته") == [("عام 2009", "2009")]


def test_after_minutes_of_an_event_is_no_point() -> None:
    assert values("أقلعت بعد دقائق من مغادرة الرحلة") == []


def test_part_of_a_weekday_before_a_numeric_date() -> None:
    found = find_timerefs("نقل صباح يوم الجمعة 4 / 8 / 1436هـ إلى القطيف", ANCHOR)
    assert [(t.text, t.value, t.time) for t in found] == [
        ("صباح يوم الجمعة 4 / 8 / 1436هـ", "2015-05-22", "MO")]


# --- a day and month without a year ------------------------------------------------------------

JULY = date(2015, 7, 21)  # a Tuesday


def test_a_yearless_day_the_text_dated_before_is_that_day() -> None:
    """«الـ26 من فبراير المقبل … في 26 فبراير»: the second is the first's day, across sentences
    too, though the nearest February to a July anchor is the past one."""
    text = "حددت اللجنة الـ26 من فبراير المقبل موعدا للانتخابات. وجاء في بيانها أن الجمعية تعقد في 26 فبراير."
    cut = text.index("وجاء")
    article = Article(id="a1", path="a1.txt", text=text, published="2015-07-21",
                      sentences=[Sentence(i=0, start=0, end=cut - 1, text=text[:cut - 1]),
                                 Sentence(i=1, start=cut, end=len(text), text=text[cut:])])
    refs = timerefs_for_article(article, JULY)
    assert [(r.sentence, r.value) for r in refs] == [(0, "2016-02-26"), (1, "2016-02-26")]
    # an anniversary named with its year first keeps that year
    assert values("اندلعت ثورة 25 يناير 2011 ثم عادت ذكرى ثورة 25 يناير", JULY) == [
        ("25 يناير 2011", "2011-01-25"), ("25 يناير", "2011-01-25")]
    # alone, the nearest February (unchanged)
    assert values("تعقد الجمعية في 26 فبراير", JULY) == [("26 فبراير", "2015-02-26")]


def test_both_month_names_side_by_side_keep_the_year_and_the_modifier() -> None:
    assert values("ينتخب رئيسا يوم 26 فبراير شباط القادم", JULY) == [
        ("يوم 26 فبراير شباط القادم", "2016-02-26")]
    assert values("تعقد الجمعية في 26 فبراير شباط 2016 في زوريخ", JULY) == [
        ("26 فبراير شباط 2016", "2016-02-26")]


def test_a_stated_weekday_picks_the_year() -> None:
    # 20 July 2015 is a Monday; a future context alone would have sent it to 2016
    assert values("سيبدأ العمل اليوم الاثنين 20 يوليو", JULY) == [("اليوم الاثنين 20 يوليو", "2015-07-20")]
    # 20 February 2015 is a Friday, 2016's a Saturday: the weekday overrides the nearest year
    assert values("وصل الوفد يوم السبت 20 فبراير", JULY) == [("يوم السبت 20 فبراير", "2016-02-20")]


def test_a_plan_for_a_day_just_before_publication_is_this_years() -> None:
    assert values("ومن المقرر أن تجرى الجلسات من 20 يوليو", JULY) == [("20 يوليو", "2015-07-20")]
    # a plan for a day long past in the year is next year's (unchanged)
    assert values("ومن المقرر أن تفتتح القمة في 3 مارس", JULY) == [("3 مارس", "2016-03-03")]


@pytest.mark.parametrize("text", [
    "مباراة كأس السوبر المقررة الأربعاء في لندن",  # the feminine participle after a feminine noun
    "القمة المزمعة الأربعاء بين الزعيمين",
    "الجلسة المفترضة الأربعاء في الرياض",
])
def test_a_future_participle_in_any_form_turns_a_bare_weekday_forward(text: str) -> None:
    anchor = date(2015, 8, 9)  # a Sunday
    assert [v for _, v in values(text, anchor)] == ["2015-08-12"]


def test_a_weekday_after_a_past_event_stays_in_the_past() -> None:
    anchor = date(2015, 8, 9)
    assert [v for _, v in values("أقيمت المباراة الأربعاء في لندن", anchor)] == ["2015-08-05"]


def test_waiting_is_no_plan() -> None:
    anchor = date(2015, 8, 9)  # «المنتظرة» is as often "waiting" as "awaited": only «المنتظر» marks a plan
    assert [v for _, v in values("وصلت الأسر المنتظرة الأربعاء إلى المطار", anchor)] == ["2015-08-05"]
