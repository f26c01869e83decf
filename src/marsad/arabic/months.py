"""Month names, a closed class: every Gregorian family and the Hijri months, in normalized form.

Normalized means what :func:`marsad.arabic.normalize` gives (أ إ آ → ا، ى → ي، ة → ه, no
diacritics). The temporal-expression grammar (:mod:`marsad.stages.timex`) reads dates with these
tables; the entities stage asks :func:`month_span` and :func:`reads_as_date` whether a tagged name
is in fact a month (نيسان is April in «في 13 نيسان» and the car maker in «سيارة من نوع نيسان»).
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.arabic.numbers import is_number_token

#: one-word month names, every family: Egyptian/Gulf transliterations (يناير… ديسمبر and their
#: spellings), Maghrebi (Algeria/Tunisia جانفي فيفري أفريل ماي جوان جويلية أوت; Morocco يوليوز
#: غشت شتنبر نونبر دجنبر), Syro-Iraqi/Levantine (شباط… أيلول; two-word ones below)
MONTHS: dict[str, int] = {
    "يناير": 1, "جانفي": 1, "جانفييه": 1, "فبراير": 2, "فبرير": 2, "فيفري": 2, "مارس": 3,
    "ابريل": 4, "افريل": 4, "مايو": 5, "ماي": 5, "مايه": 5, "يونيو": 6, "يونيه": 6,
    "جوان": 6, "يوليو": 7, "يوليه": 7, "جويليه": 7, "يوليوز": 7, "اغسطس": 8, "اغسطوس": 8,
    "اوت": 8, "غشت": 8, "سبتمبر": 9, "شتنبر": 9, "سبتمير": 9, "اكتوبر": 10, "نوفمبر": 11,
    "نونبر": 11, "ديسمبر": 12, "دجنبر": 12,
    "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8, "ايلول": 9,
}
#: two-word month names (كانون الثاني، تشرين الأول)
MONTHS_TWO: dict[tuple[str, str], int] = {
    ("كانون", "الثاني"): 1, ("كانون", "الاول"): 12, ("تشرين", "الاول"): 10, ("تشرين", "الثاني"): 11,
    # spoken Levantine without the article (كانون تاني، تشرين أول)
    ("كانون", "ثاني"): 1, ("كانون", "تاني"): 1, ("كانون", "اول"): 12, ("تشرين", "اول"): 10,
    ("تشرين", "ثاني"): 11, ("تشرين", "تاني"): 11,
}
#: month names that are also common words (أب father, مارس practised, ماي): read only
#: with a day, a year, شهر, a pair (آب/أغسطس) or a modifier next to them
AMBIGUOUS_MONTHS = {"اب", "مارس", "ماي", "اذار"}

HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1, "صفر": 2, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
}
HIJRI_MONTHS_TWO: dict[tuple[str, str], int] = {
    ("ربيع", "الاول"): 3, ("ربيع", "الثاني"): 4, ("ربيع", "الاخر"): 4, ("ربيع", "اول"): 3,
    ("ربيع", "ثاني"): 4, ("ربيع", "اخر"): 4, ("جمادي", "اولي"): 5, ("جمادي", "اخره"): 6,
    ("جمادي", "الاولي"): 5, ("جمادي", "الاول"): 5, ("جمادي", "الثانيه"): 6,
    ("جمادي", "الاخره"): 6, ("جمادي", "الاخر"): 6, ("جمادي", "الثاني"): 6,
    ("ذو", "القعده"): 11, ("ذي", "القعده"): 11, ("ذو", "الحجه"): 12, ("ذي", "الحجه"): 12,
}
#: words after a Hijri month name that make it the month, not a person (محمد رمضان) or a word
#: (صفر = zero, محرم = forbidden)
HIJRI_MONTH_EPITHETS = {"المبارك", "الكريم", "المعظم", "الفضيل", "الحرام", "الخير"}
#: words before a bare month name that make it the month (في رمضان، خلال شهر…)
HIJRI_MONTH_LEADS = {"خلال", "طوال", "طيله", "قبل", "بعد", "منذ", "حتي", "مطلع", "اوائل",
                     "اواخر", "نهايه", "بدايه", "منتصف", "اواسط", "مستهل", "ليالي", "ايام",
                     "ليله", "غره", "سلخ"}
#: words after a month name that make it a point in time (أبريل الماضي، نيسان المقبل)
MONTH_FOLLOWERS = {"الماضي", "المنصرم", "الفائت", "السابق", "المقبل", "القادم", "الجاري", "الحالي"}
_LEADS = HIJRI_MONTH_LEADS | {"في", "شهر", "شهري", "الشهر", "من", "الي", "حتي"}
_PUNCT = set("()/-–،,.:؛[]")


def month_span(words: Sequence[str]) -> bool:
    """True when the normalized ``words`` (proclitics off) are month names and nothing else:
    نيسان، كانون الثاني، أبريل نيسان، رمضان."""
    i, n = 0, len(words)
    if n == 0:
        return False
    while i < n:
        if i + 1 < n and (words[i], words[i + 1]) in {**MONTHS_TWO, **HIJRI_MONTHS_TWO}:
            i += 2
        elif words[i] in MONTHS or words[i] in HIJRI_MONTHS:
            i += 1
        else:
            return False
    return True


def reads_as_date(norms: Sequence[str], start: int, end: int) -> bool:
    """True when the month words ``norms[start:end]`` of a sentence (normalized tokens) stand in a
    date: a number right before (a day: 13 نيسان) or right after (a year), another month name beside
    them past brackets or a slash (أبريل (نيسان)، نيسان/أبريل), a lead word before (في، خلال، شهر،
    منذ، مطلع) or a time word after (الماضي، المقبل، المبارك). Without any of these the words may be a
    name (سيارة من نوع نيسان، محمد رمضان)."""

    def word_at(k: int, step: int) -> tuple[int, str]:
        while 0 <= k < len(norms) and norms[k] in _PUNCT:
            k += step
        return k, norms[k] if 0 <= k < len(norms) else ""

    before_k, before = word_at(start - 1, -1)
    after_k, after = word_at(end, 1)
    if start > 0 and is_number_token(norms[start - 1], ordinals=True):
        return True
    if end < len(norms) and is_number_token(norms[end]) and norms[end][:1].isdigit():
        return True
    if month_span([before]) or month_span([after]):
        return True
    if after_k + 1 < len(norms) and month_span(norms[after_k:after_k + 2]):
        return True
    if before_k > 0 and month_span(norms[before_k - 1:before_k + 1]):
        return True
    return before in _LEADS or after in MONTH_FOLLOWERS or after in HIJRI_MONTH_EPITHETS
