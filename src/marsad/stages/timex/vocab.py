"""The closed vocabulary of Arabic temporal expressions, in normalized form.

Normalized means what :func:`marsad.arabic.normalize` gives: أ إ آ → ا، ى → ي، ة → ه, no
diacritics. One table per kind of word; the recognizer in :mod:`.recognize` reads them.
"""

from __future__ import annotations

# month names are a closed class of the Arabic layer (one place): read from there
from marsad.arabic.inflect import participle_forms
from marsad.arabic.months import (  # noqa: F401 (re-exported for the recognizer)
    AMBIGUOUS_MONTHS,
    HIJRI_MONTH_EPITHETS,
    HIJRI_MONTH_LEADS,
    HIJRI_MONTHS,
    HIJRI_MONTHS_TWO,
    MONTHS,
    MONTHS_TWO,
)

#: weekday → Python weekday number (Monday = 0)
WEEKDAYS: dict[str, int] = {
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
}

#: Islamic holidays: name → (Hijri month, day) of their first day; ليلة X is the evening before
HOLIDAYS: dict[tuple[str, ...], tuple[int, int]] = {
    ("عيد", "الفطر"): (10, 1), ("عيد", "الاضحي"): (12, 10), ("يوم", "عرفه"): (12, 9),
    ("يوم", "عرفات"): (12, 9), ("المولد", "النبوي"): (3, 12), ("راس", "السنه", "الهجريه"): (1, 1),
    ("يوم", "عاشوراء"): (1, 10), ("عاشوراء",): (1, 10), ("ليله", "القدر"): (9, 27),
}
#: marks after a year or date that say which calendar it is in
HIJRI_MARKS = {"ه", "هـ", "هجري", "هجريه", "للهجره", "الهجري", "الهجريه"}
GREGORIAN_MARKS = {"م", "ميلادي", "ميلاديه", "للميلاد", "الميلادي", "الميلاديه"}

PAST = {"الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "السابق", "السابقه",
        "الاخير", "الاخيره", "الماضيين", "الماضيتين",
        # Tunisian/Algerian الشهر الفارط، Egyptian/Levantine spoken الفايت، المنقضي
        "الفارط", "الفارطه", "الفايت", "الفايته", "المنقضي", "المنقضيه"}
FUTURE = {"المقبل", "المقبله", "القادم", "القادمه", "المقبلين", "القادمين",
          # spoken Levantine/Egyptian/Gulf: الأسبوع الجاي، الجمعة الجاية
          "الجاي", "الجايه"}
#: "later" — relative to the story, not to the publication day: only a vague FUTURE_REF
LATER = {"اللاحقه", "اللاحق"}
#: vague amounts before a plural unit word (بضعة أيام، عدة أشهر)
VAGUE_COUNTS = {"بضع", "بضعه", "عده", "عشرات", "بضعا", "بعض"}
#: a fraction before a unit word (ربع قرن = 25 years)
FRACTIONS = {"ربع": 0.25, "نصف": 0.5}
CURRENT = {"الجاري", "الجاريه", "الحالي", "الحاليه"}
THIS = {"هذا", "هذه"}

#: relative days: word → days from the anchor
DEICTIC_DAYS: dict[str, int] = {
    "اليوم": 0, "امس": -1, "الامس": -1, "البارحه": -1, "غدا": 1, "غد": 1, "الغد": 1,
    # Egyptian and Maghrebi forms quoted in news
    "النهارده": 0, "النهاردا": 0, "امبارح": -1, "مبارح": -1, "البارح": -1,
}
#: "the day before yesterday" (أول أمس، أمس الأول، قبل أمس، أول البارحة) as word sequences
DAY_BEFORE_YESTERDAY: tuple[tuple[str, ...], ...] = (
    ("اول", "امس"), ("اول", "من", "امس"), ("امس", "الاول"), ("الامس", "الاول"),
    ("قبل", "امس"), ("قبل", "الامس"), ("اول", "البارحه"), ("اول", "امبارح"),
)
#: parts of the day (TIMEX3 codes)
PARTS_OF_DAY: dict[str, str] = {
    "صباح": "MO", "صبيحه": "MO", "فجر": "MO", "ظهر": "MI", "ظهيره": "MI", "عصر": "AF",
    "مساء": "EV", "عشيه": "EV", "ليل": "NI", "ليله": "NI", "ضحي": "MO",
}
#: clock words for times of the day without a number: منتصف الليل، منتصف النهار، الظهر
CLOCK_WORDS: dict[tuple[str, ...], str] = {
    ("منتصف", "الليل"): "24:00", ("منتصف", "ليل"): "24:00", ("منتصف", "النهار"): "12:00",
}
#: where in a period: START MID END
PERIOD_MODS: dict[str, str] = {
    "اوائل": "START", "مطلع": "START", "بدايه": "START", "بدء": "START", "مستهل": "START",
    "منتصف": "MID", "اواسط": "MID", "اواخر": "END", "نهايه": "END", "ختام": "END",
    "اخر": "END", "اخير": "END",
}
#: quantity modifiers before a duration
QUANT_MODS: dict[tuple[str, ...], str] = {
    ("اكثر", "من"): "MORE_THAN", ("اقل", "من"): "LESS_THAN", ("نحو",): "APPROX",
    ("حوالي",): "APPROX", ("قرابه",): "APPROX", ("زهاء",): "APPROX", ("ما", "يقارب"): "APPROX",
    ("ما", "يزيد", "عن"): "MORE_THAN", ("ما", "يزيد", "علي"): "MORE_THAN",
}

#: unit words: form → (unit code, count carried by the form; None = plural that needs a number)
UNITS: dict[str, tuple[str, int | None]] = {}
for _code, _one, _two, _plural in (
    ("D", ("يوم", "يوما"), ("يومين", "يومان"), ("ايام",)),
    ("W", ("اسبوع", "اسبوعا"), ("اسبوعين", "اسبوعان"), ("اسابيع",)),
    ("M", ("شهر", "شهرا"), ("شهرين", "شهران"), ("اشهر", "شهور")),
    ("Y", ("عام", "عاما", "سنه", "سنه"), ("عامين", "عامان", "سنتين", "سنتان"),
     ("اعوام", "سنوات", "سنين")),
    ("DE", ("عقد", "عقدا"), ("عقدين", "عقدان"), ("عقود",)),
    ("CE", ("قرن", "قرنا"), ("قرنين", "قرنان"), ("قرون",)),
    ("H", ("ساعه",), ("ساعتين", "ساعتان"), ("ساعات",)),
    ("MIN", ("دقيقه",), ("دقيقتين", "دقيقتان"), ("دقائق",)),
    ("S", ("ثانيه",), ("ثانيتين", "ثانيتان"), ("ثوان", "ثواني", "ثوان")),
):
    for _f in _one:
        UNITS[_f] = (_code, 1)
        UNITS["ال" + _f] = (_code, 1)
    for _f in _two:
        UNITS[_f] = (_code, 2)
        UNITS["ال" + _f] = (_code, 2)
    for _f in _plural:
        UNITS[_f] = (_code, None)
        UNITS["ال" + _f] = (_code, None)
#: unit words that stand alone as a one-unit duration (others are too ambiguous: عام = general,
#: عقد = contract, ساعة = clock)
BARE_UNITS = {"يوم", "يوما", "اسبوع", "اسبوعا", "شهرا", "عاما", "سنه", "قرن", "قرنا", "يومين", "اسبوعين",
              "شهرين", "عامين", "سنتين", "العامين", "السنتين", "قرنين", "ساعتين", "يومان",
              "اسبوعان", "شهران", "عامان", "سنتان", "دقيقتين", "ثانيتين"}
#: plural unit words that stand alone as a vague duration after these words (لمدة أسابيع)
VAGUE_DURATION_LEADS = {"لمده", "خلال", "طوال", "طيله", "استغرق", "يستغرق", "سيستغرق",
                        "تستغرق", "ستستغرق", "استمر", "استمرت", "يستمر", "تستمر", "ربما"}
#: words after a number of units that keep it an amount (بعد أسبوع تقريبا من…)
APPROX_AFTER = {"تقريبا", "فقط", "نحو", "او", "اكثر"}
#: words around "N عاما" that make it a person's age, not a duration (أعمارهم بين 45 و76 عاما);
#: not عمرها (also the age of a thing: وثائق عمرها 4000 عام) nor عمر (also the name Omar)
AGE_WORDS = {"عمره", "عمرهم", "العمر", "اعمار", "اعمارهم", "اعمارهن", "سن", "البالغ", "البالغه",
             "يبلغ", "تبلغ", "عمري", "يناهز", "ناهز", "ربيعا"}

#: words that make a following "N unit" a point in time (with their direction)
BEFORE_WORDS = {"قبل": -1, "منذ": -1}
AFTER_WORDS = {"بعد": 1}

#: TIMEX3 reference words
REFS: dict[tuple[str, ...], str] = {
    ("الان",): "PRESENT_REF", ("حاليا",): "PRESENT_REF", ("حاضرا",): "PRESENT_REF",
    ("هذه", "الايام"): "PRESENT_REF", ("الوقت", "الحالي"): "PRESENT_REF",
    ("الوقت", "الراهن"): "PRESENT_REF", ("المرحله", "الراهنه"): "PRESENT_REF",
    ("مؤخرا",): "PAST_REF", ("سابقا",): "PAST_REF", ("في", "السابق"): "PAST_REF",
    ("الفتره", "الماضيه"): "PAST_REF", ("الفتره", "الاخيره"): "PAST_REF",
    ("الاونه", "الاخيره"): "PAST_REF", ("الماضي", "القريب"): "PAST_REF",
    ("الفتره", "المقبله"): "FUTURE_REF", ("الفتره", "القادمه"): "FUTURE_REF",
    ("المرحله", "المقبله"): "FUTURE_REF", ("المستقبل", "القريب"): "FUTURE_REF",
    ("الفتره", "الحاليه"): "PRESENT_REF",
    ("انذاك",): "PAST_REF", ("حينها",): "PAST_REF", ("حينذاك",): "PAST_REF",
    ("وقتها",): "PAST_REF", ("قريبا",): "FUTURE_REF", ("مستقبلا",): "FUTURE_REF",
    ("لاحقا",): "FUTURE_REF",
}
#: seasons (TIMEX3 codes)
SEASONS: dict[str, str] = {
    "الشتاء": "WI", "شتاء": "WI", "الصيف": "SU", "صيفا": "SU", "صيف": "SU",
    "الخريف": "FA", "خريف": "FA", "الربيع": "SP",
}
#: adjectives and adverbs that mean "every day/week/month/year"
SETS: dict[str, str] = {}
for _value, _forms in (
    ("P1D", ("يوميا", "يومي", "يوميه", "اليومي", "اليوميه")),
    ("P1W", ("اسبوعيا", "اسبوعي", "اسبوعيه", "الاسبوعي", "الاسبوعيه")),
    ("P1M", ("شهريا", "شهري", "شهريه", "الشهري", "الشهريه")),
    ("P1Y", ("سنويا", "سنوي", "سنويه", "السنوي", "السنويه")),
):
    for _f in _forms:
        SETS[_f] = _value
#: words that point back to a day/month/year the text mentioned before (ذلك اليوم، اليوم نفسه)
REFERENCE_DAY = {"ذلك", "تلك", "ذات", "نفس", "نفسه", "ذاته", "نفسها", "ذاتها"}
REFERENCE_NEXT = {"التالي", "التاليه", "الموالي", "المواليه"}
REFERENCE_PREVIOUS = {"السابق", "السابقه"}

#: participles of a plan or an expectation (the masculine singular): every regular form of each marks one
#: (المقرر، المقررة، المقررين …, :func:`marsad.arabic.inflect.participle_forms`); the one list of them, which the
#: claims' plan vocabulary reads too (:mod:`marsad.stages.consolidate.facts`)
PLAN_PARTICIPLES = ("مقرر", "متوقع", "مرتقب", "مزمع", "مفترض")
#: ... منتظر in its masculine singular only («من المنتظر أن»): its other forms are as often the active participle,
#: "waiting" («أسرهم المنتظرة»)
PLAN_PARTICIPLES_SINGULAR = ("منتظر",)
#: future markers that turn a bare weekday or month forward
FUTURE_MARKERS = {"سوف", "يعتزم", "تعتزم", "يتوقع", "يرتقب",
                  "يفتتح", "تفتتح", "تنطلق", "ينطلق", "يغادر", "تقام", "يقام", "تبدا", "يبدا",
                  *(form for stem in PLAN_PARTICIPLES for form in participle_forms(stem)),
                  *PLAN_PARTICIPLES_SINGULAR, *("ال" + w for w in PLAN_PARTICIPLES_SINGULAR)}
#: words that end the look-back for future markers
CLAUSE_BREAKS = {".", "!", "؟", "?", ":", "؛", ";"}


def all_words() -> frozenset[str]:
    """Every normalized word the recognizer looks up (clitics are stripped only towards these)."""
    words: set[str] = set()
    for table in (WEEKDAYS, MONTHS, HIJRI_MONTHS, DEICTIC_DAYS, PARTS_OF_DAY, PERIOD_MODS,
                  UNITS, SEASONS, SETS):
        words.update(table)
    for pair in (*MONTHS_TWO, *HIJRI_MONTHS_TWO, *REFS, *QUANT_MODS, *HOLIDAYS, *CLOCK_WORDS,
                 *DAY_BEFORE_YESTERDAY):
        words.update(pair)
    words.update(HIJRI_MONTH_EPITHETS | HIJRI_MONTH_LEADS | VAGUE_DURATION_LEADS | REFERENCE_DAY
                 | REFERENCE_NEXT | REFERENCE_PREVIOUS)
    words.update(PAST | FUTURE | LATER | set(FRACTIONS) | VAGUE_COUNTS | CURRENT | THIS | HIJRI_MARKS | GREGORIAN_MARKS)
    words.update(BEFORE_WORDS)
    words.update(AFTER_WORDS)
    words.update({"القرن", "قرن", "العقد", "عقد", "شهر", "عام", "العام", "سنه", "السنه", "يوم",
                  "اليوم", "الشهر", "الاسبوع", "من", "كل", "الموافق", "اول", "خلال", "طوال",
                  "لمده", "غضون", "التالي", "الاولي", "الثاني", "النصف", "مره", "مرتين", "مرتان",
                  "مرات", "الربع", "ليله"})
    return frozenset(words)
