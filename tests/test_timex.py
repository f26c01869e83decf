"""Arabic temporal expressions: recognition, normalization, anchoring (marsad.stages.timex)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marsad.stages.timex import dates, find_timerefs

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
ANCHOR = date(2023, 9, 16)  # a Saturday


def values(text: str, anchor: date | None = ANCHOR) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in find_timerefs(text, anchor)]


def only(text: str, anchor: date | None = ANCHOR):
    found = find_timerefs(text, anchor)
    assert len(found) == 1, found
    return found[0]


def seed_text(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the checkout")
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


# --- the seeds (issue 6 done-when) -------------------------------------------------------------

def test_seed_000_tuesday_is_publication_day() -> None:
    found = values(seed_text("000"), date(2023, 9, 12))
    assert ("الثلاثاء", "2023-09-12") in found


def test_seed_002_wednesday_july_and_1991() -> None:
    found = values(seed_text("002"), date(2023, 9, 13))
    assert ("الأربعاء", "2023-09-13") in found
    assert ("تموز/يوليو", "2023-07") in found
    assert ("عام 1991", "1991") in found
    assert ("عام 2019", "2019") in found  # منذ عام 2019 is a year, not "a year ago"


def test_seed_003_saturday_morning_and_past_weekdays() -> None:
    found = find_timerefs(seed_text("003"), date(2023, 9, 16))
    by_text = {(t.text, t.value) for t in found}
    assert ("صباح اليوم السبت", "2023-09-16") in by_text
    assert ("الأربعاء الماضي", "2023-09-13") in by_text
    assert ("الجمعة الماضي", "2023-09-15") in by_text
    morning = next(t for t in found if t.text == "صباح اليوم السبت")
    assert morning.kind == "time" and morning.time == "MO"


def test_seed_offsets_point_at_the_text() -> None:
    text = seed_text("004")
    for t in find_timerefs(text, date(2023, 9, 13)):
        assert text[t.start:t.end] == t.text


# --- weekdays ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("وصل الرئيس السبت إلى القاهرة", "2023-09-16"),  # the anchor day itself
        ("وصل الرئيس الخميس إلى القاهرة", "2023-09-14"),  # past tense: on or before
        ("التقى الوزير يوم الأحد نظيره", "2023-09-10"),
        ("وصل الأربعاء الماضي", "2023-09-13"),
        ("وصل السبت الماضي", "2023-09-09"),  # الماضي: strictly before
        ("يزور الأحد المقبل", "2023-09-17"),
        ("يصل السبت القادم", "2023-09-23"),
        ("سيزور موسكو الخميس", "2023-09-21"),  # future verb: forward
        ("ومن المقرر أن يلتقي الطرفان الاثنين", "2023-09-18"),
    ],
)
def test_weekdays(text: str, value: str) -> None:
    assert only(text).value == value


def test_weekday_with_date_takes_the_date() -> None:
    t = only("الثلاثاء 12 سبتمبر 2023")
    assert (t.text, t.value) == ("الثلاثاء 12 سبتمبر 2023", "2023-09-12")


# --- deictic days and parts of the day ---------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value", "time"),
    [
        ("قال اليوم", "2023-09-16", None),
        ("قال أمس", "2023-09-15", None),
        ("قال بالأمس", "2023-09-15", None),
        ("يصل غدا", "2023-09-17", None),
        ("وقع أول أمس", "2023-09-14", None),
        ("يصل بعد غد", "2023-09-18", None),
        ("مساء أمس", "2023-09-15", "EV"),
        ("صباح اليوم", "2023-09-16", "MO"),
        ("بعد ظهر الثلاثاء", "2023-09-12", "AF"),
        ("ليلة الجمعة", "2023-09-15", "NI"),
        ("أمس الجمعة", "2023-09-15", None),
    ],
)
def test_deictic_days(text: str, value: str, time: str | None) -> None:
    t = only(text)
    assert (t.value, t.time) == (value, time)


def test_today_as_a_noun_is_not_today() -> None:
    assert values("احتفل العالم باليوم العالمي للمرأة") == []
    # «the next day» counts from a date the text mentioned; with none before it, no value
    assert values("في اليوم التالي عاد") == [("اليوم التالي", None)]
    assert values("ندعو إلى غد أفضل") == []


# --- months, years, absolute dates -------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("في 16 سبتمبر 2023", "2023-09-16"),
        ("في ١٦/٩/٢٠٢٣", "2023-09-16"),
        ("في 2023-09-16", "2023-09-16"),
        ("في أيلول/سبتمبر 2023", "2023-09"),
        ("في يوليو/تموز", "2023-07"),
        ("في كانون الثاني 2024", "2024-01"),
        ("في تشرين الأول الماضي", "2022-10"),
        ("في آذار الماضي", "2023-03"),
        ("في شهر مارس المقبل", "2024-03"),
        ("في أغسطس الماضي", "2023-08"),
        ("الحادي عشر من سبتمبر 2001", "2001-09-11"),
        ("في 5 من الشهر الماضي", "2023-08-05"),
        ("في 20 من الشهر الجاري", "2023-09-20"),
        ("سبتمبر من العام الماضي", "2022-09"),
        ("عام 1991", "1991"),
        ("العام 1917", "1917"),
        ("في 2003م", "2003"),
        ("عام ألفين وعشرين", "2020"),
        ("العام الماضي", "2022"),
        ("العام المقبل", "2024"),
        ("هذا العام", "2023"),
        ("الشهر الماضي", "2023-08"),
        ("الشهر الجاري", "2023-09"),
        ("الأسبوع الماضي", "2023-W36"),
        ("السبعينيات", "197"),
        ("ثمانينيات القرن الماضي", "198"),
        ("القرن العشرين", "19"),
        ("القرن التاسع عشر", "18"),
        ("القرن الحادي والعشرين", "20"),
        ("القرن الماضي", "19"),
        ("النصف الأول من العام الماضي", "2022-H1"),
        ("في الصيف الماضي", "2023-SU"),
        ("شتاء 2015", "2015-WI"),
    ],
)
def test_dates(text: str, value: str) -> None:
    assert only(text).value == value


def test_ambiguous_month_words_need_context() -> None:
    assert values("مارس الرئيس ضغوطا") == []
    assert values("قال الأب") == []
    assert values("في مارس 2020") == [("مارس 2020", "2020-03")]


def test_period_mods() -> None:
    assert (only("مطلع العام المقبل").value, only("مطلع العام المقبل").mod) == ("2024", "START")
    assert only("أواخر القرن التاسع عشر").mod == "END"


# --- relative units and durations --------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("منذ ثلاثة أيام", "2023-09-13", "date"),
        ("منذ 3 أيام", "2023-09-13", "date"),
        ("قبل أسبوعين", "2023-09-02", "date"),
        ("قبل ثلاثة أشهر", "2023-06", "date"),
        ("قبل خمسة وتسعين عاما", "1928", "date"),
        ("بعد أسبوع", "2023-09-23", "date"),
        ("خلال 18 شهرا", "P18M", "duration"),
        ("استمرت أربع سنوات", "P4Y", "duration"),
        ("ثمانية وسبعين عاما", "P78Y", "duration"),
        ("لمدة يومين", "P2D", "duration"),
        ("24 ساعة", "PT24H", "duration"),
        ("نصف ساعة", "PT30M", "duration"),
        ("ربع قرن", "P25Y", "duration"),
        ("اثني عشر قرنا", "P12CE", "duration"),
        ("بضعة أيام", "PXD", "duration"),
        ("منذ سنوات", "PAST_REF", "date"),
        ("في الأيام الماضية", "PAST_REF", "date"),
        ("السنوات الخمس الماضية", "P5Y", "duration"),
        ("يوميا", "P1D", "set"),
        ("كل عامين", "P2Y", "set"),
        ("الآن", "PRESENT_REF", "date"),
        ("حاليا", "PRESENT_REF", "date"),
        ("مؤخرا", "PAST_REF", "date"),
    ],
)
def test_units(text: str, value: str, kind: str) -> None:
    t = only(text)
    assert (t.value, t.kind) == (value, kind)


def test_duration_span_leaves_out_the_preposition() -> None:
    assert only("خلال 18 شهرا من القتال").text == "18 شهرا"
    # بعد ... من is relative to an event, not to the publication day: a duration
    t = only("بعد يوم من وصوله")
    assert (t.text, t.value, t.kind) == ("يوم", "P1D", "duration")


def test_quantity_mods() -> None:
    t = only("أقل من عشر سنوات")
    assert (t.text, t.value, t.mod) == ("أقل من عشر سنوات", "P10Y", "LESS_THAN")


# --- clock times, Hijri dates ------------------------------------------------------------------

def test_clock_times() -> None:
    t = only("تبدأ الساعة العاشرة صباحا")
    assert (t.kind, t.time) == ("time", "10:00")
    assert only("الساعة 10:30 مساء").time == "22:30"


def test_hijri_dates() -> None:
    assert only("في 15 رمضان 1444هـ").value == "2023-04-06"
    assert only("في 1/3/1445 هـ").value == "2023-09-16"
    assert only("عام 1444هـ").value == "H1444"


# --- anchoring ---------------------------------------------------------------------------------

def test_without_anchor_relative_values_stay_relative() -> None:
    found = find_timerefs("وصل الثلاثاء، وأمس وفي 16 سبتمبر 2023 وعام 1991 وتموز", None)
    by_text = {t.text: t for t in found}
    for word in ("الثلاثاء", "أمس", "تموز"):
        assert by_text[word].value is None and by_text[word].relative
        assert by_text[word].anchor is None
    assert by_text["16 سبتمبر 2023"].value == "2023-09-16"
    assert not by_text["16 سبتمبر 2023"].relative
    assert by_text["عام 1991"].value == "1991"


def test_anchor_is_kept() -> None:
    assert only("قال أمس").anchor == "2023-09-16"
    assert only("عام 1991").anchor is None


def test_impossible_dates_are_not_invented() -> None:
    assert values("في 31 فبراير 2023") == [("31 فبراير 2023", None)]


def test_date_helpers() -> None:
    assert dates.weekday_before(date(2023, 9, 16), 5) == date(2023, 9, 9)
    assert dates.weekday_on_or_before(date(2023, 9, 16), 5) == date(2023, 9, 16)
    assert dates.weekday_after(date(2023, 9, 16), 5) == date(2023, 9, 23)
    assert dates.add_months(date(2023, 1, 31), -1) == (2022, 12)
    assert dates.period(18, "M") == "P18M"
    assert dates.period(24, "H") == "PT24H"


@pytest.mark.parametrize(
    ("text", "value", "time"),
    [
        ("الساعة التاسعة من صباح اليوم", "2023-09-16", "09:00"),
        ("الساعة الثامنة من مساء أمس", "2023-09-15", "20:00"),
    ],
)
def test_clock_on_a_day(text: str, value: str, time: str) -> None:
    t = only(text)
    assert (t.value, t.time, t.kind) == (value, time, "time")


def test_quarters_and_halves_of_years() -> None:
    t = only("في الربع الأول من العام الجاري")
    assert (t.value, t.mod) == ("2023-Q1", None)
    assert only("النصف الأول من 2015").value == "2015-H1"
    t = only("النصف الثاني من القرن العشرين")
    assert (t.value, t.mod) == ("19", "END")


def test_ranges_and_pairs_of_days_share_the_month() -> None:
    assert values("من 1 إلى 5 أغسطس 2015") == [("1", "2015-08-01"), ("5 أغسطس 2015", "2015-08-05")]
    assert values("يومي 10 و11 أبريل 2016") == [("10", "2016-04-10"), ("11 أبريل 2016", "2016-04-11")]


def test_weekday_before_a_hijri_date_takes_the_date() -> None:
    t = find_timerefs("يوم الأحد 15 شوال 1436هـ الموافق 2 أغسطس 2015م", ANCHOR)
    assert [(x.text, x.value) for x in t] == [("يوم الأحد 15 شوال 1436هـ", "2015-07-31"),
                                              ("2 أغسطس 2015م", "2015-08-02")]


def test_numeric_dates_day_first_unless_impossible() -> None:
    assert only("في 12/9/2023").value == "2023-09-12"
    assert only("في 12/13/2023").value == "2023-12-13"
    assert only("في ١٢٫٣٫٢٠٢٣").value == "2023-03-12"
