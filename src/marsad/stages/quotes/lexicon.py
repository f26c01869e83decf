"""Word lists of reported speech in Arabic news (all keys are :func:`marsad.arabic.normalize` forms).

One place for every list the quote rules consult: cue verbs and participles, complementizers,
attribution markers, speaker heads (roles, groups), and the words that end a speaker's name.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from marsad.arabic import normalize


def norm_keys(*words: str) -> frozenset[str]:
    """The matching keys (:func:`marsad.arabic.normalize`) of ``words``."""
    return frozenset(normalize(w) for w in words)


def _with_conjunctions(forms: frozenset[str]) -> frozenset[str]:
    """Forms with and without a leading و / ف (وقال، فقال)."""
    return frozenset(forms | {c + f for f in forms for c in "وف"})


def _past(*stems: str) -> set[str]:
    """Past-tense forms: he, she, they, the two (قال، قالت، قالوا، قالا)."""
    out: set[str] = set()
    for s in stems:
        out |= {s, s + "ت", s + "وا", s + "ا", s + "تا"}
    return out


# --- cue verbs ---------------------------------------------------------------------
#
# Left out on purpose, as the annotation guidelines leave them out (benchmarks/data/README.md):
# opinion and belief (اعتبر، رأى، يعتقد) and pledges (تعهد، وعد): their clause is no statement.

_PAST_STEMS = (
    "رجح",
    "قال",
    "أكد",
    "أوضح",
    "أضاف",
    "تابع",
    "صرح",
    "أعرب",
    "عبر",
    "حذر",
    "أشار",
    "لفت",
    "شدد",
    "كشف",
    "ذكر",
    "أفاد",
    "أعلن",
    "أورد",
    "نقل",
    "نسب",
    "بين",
    "اعترف",
    "أقر",
    "توقع",
    "أبلغ",
    "كتب",
    "تحدث",
    "زعم",
    "نوه",
    "استطرد",
    "ختم",
    "اختتم",
    "وصف",
    "أبدى",
    "أفصح",
    "أردف",
    "استدرك",
    "طمأن",
    "أجاب",
    "علق",
    "روى",
    "أبان",
    "تكهن",
    "خلص",
    "أصر",
    "صاح",
    "جادل",
    "كرر",
    "ألمح",
    "نبه",
    "تساءل",
)

#: the cue verbs' past forms of the third person masculine (قال، تابع، توقع): "he"
PAST_MASCULINE = norm_keys(*_PAST_STEMS)

#: past stem → present stem, for the present tense in its agreement forms (يقول، تقول، يقولون،
#: يقولان، تقولان); a stem ending in ي drops it before the plural ون (يدعي → يدعون). Left out on
#: purpose: present forms that are mostly impersonal or another verb (يعتبر "is considered", تبين
#: "it turned out", يعبر/تعبر "crosses", يدعي = يُدعى "is called" once normalized, يبلغ "amounts to",
#: يكتب، يختم، ينقل
#: is a relay verb listed apart).
_PRESENT_STEMS = {
    "قال": "قول",
    "أكد": "ؤكد",
    "أوضح": "وضح",
    "أضاف": "ضيف",
    "تابع": "تابع",
    "صرح": "صرح",
    "أعرب": "عرب",
    "حذر": "حذر",
    "أشار": "شير",
    "لفت": "لفت",
    "شدد": "شدد",
    "كشف": "كشف",
    "ذكر": "ذكر",
    "أفاد": "فيد",
    "أعلن": "علن",
    "أورد": "ورد",
    "اعترف": "عترف",
    "أقر": "قر",
    "توقع": "توقع",
    "زعم": "زعم",
    "نوه": "نوه",
    "وصف": "صف",
    "أفصح": "فصح",
    "استدرك": "ستدرك",
    "أجاب": "جيب",
    "علق": "علق",
    "روى": "روي",
    "أبان": "بين",
    "تكهن": "تكهن",
    "أصر": "صر",
    "جادل": "جادل",
    "نفى": "نفي",
    "كرر": "كرر",
    "ألمح": "لمح",
    "نبه": "نبه",
    "تساءل": "تساءل",
    "رجح": "رجح",
}


def _present(stems: dict[str, str]) -> set[str]:
    """Present-tense forms of each stem: he, she, they, the two (masc. and fem.)."""
    out: set[str] = set()
    for stem in stems.values():
        plural = stem[:-1] if stem.endswith("ي") else stem
        out |= {"ي" + stem, "ت" + stem, "ي" + plural + "ون", "ي" + stem + "ان", "ت" + stem + "ان"}
    return out


_IRREGULAR = (
    "نفى",
    "نفت",
    "نفوا",
    "ادعى",
    "ادعت",
    # present tense
    "يقول",
    "تقول",
    "يقولون",
    "يؤكد",
    "تؤكد",
    "يؤكدون",
    "يوضح",
    "توضح",
    "يضيف",
    "تضيف",
    "يتابع",
    "تتابع",
    "يصرح",
    "يعرب",
    "يحذر",
    "تحذر",
    "يحذرون",
    "يشير",
    "تشير",
    "يشيرون",
    "يلفت",
    "يشدد",
    "يكشف",
    "تكشف",
    "يذكر",
    "تذكر",
    "يفيد",
    "تفيد",
    "يعلن",
    "تعلن",
    "ينفي",
    "تنفي",
    "ينقل",
    "تنقل",
    "يبين",
    "يعترف",
    "يتوقع",
    "تتوقع",
    "يتوقعون",
    "يزعم",
    "يصف",
    "يصفها",
    "يصفه",
    "وصفها",
    "وصفه",
    "وصفته",
    "يتحدث",
    "يقدر",
    "تقدر",
    "يقدرون",
    "يصر",
    "تصر",
    "يصرون",
    "يضيفون",
    "يتكهن",
    "يجادل",
    "يجادلون",
)
#: cue words that are also prepositions (عبر = via, بين = between): a cue only right before
#: their complement (عبر عن، بين أن)
AMBIGUOUS_CUES = norm_keys("عبر", "بين")
#: estimates (ويقدر عدد…): a cue only with a complement, never the start of a new statement inside
#: a clause
ESTIMATE_VERBS = _with_conjunctions(norm_keys("يقدر", "تقدر", "يقدرون"))
#: verbs that introduce a statement (with their و/ف forms)
#: cue verbs in the past tense (بعد أن كشف is asserted, unlike أن يكشف)
PAST_CUE_VERBS = _with_conjunctions(norm_keys(*_past(*_PAST_STEMS)))
CUE_VERBS = _with_conjunctions(norm_keys(*_past(*_PAST_STEMS), *_IRREGULAR, *_present(_PRESENT_STEMS)))

#: verbs whose dropped subject is the previous speaker (وأضاف: «…», وتابع، وقال إن…)
CONTINUATION_VERBS = _with_conjunctions(
    norm_keys(
        *_past(
            "قال",
            "أضاف",
            "تابع",
            "أكد",
            "أوضح",
            "أشار",
            "لفت",
            "شدد",
            "بين",
            "استطرد",
            "ختم",
            "اختتم",
            "صرح",
            "حذر",
            "أردف",
            "استدرك",
            "نوه",
            "كشف",
            "أعرب",
            "عبر",
            "ذكر",
            "أفاد",
            "نفى",
            "أجاب",
            "أبان",
            "زاد",
        ),
        "نفت",
    )
)

#: verbs followed by عن + what was expressed (أعرب عن قلقه، عبر عن سعادته، أعلن عن مقتل)
ABOUT_VERBS = _with_conjunctions(
    norm_keys(
        *_past("أعرب", "عبر", "أعلن", "كشف", "تحدث"),
        "يتحدث",
        "يعرب",
        *(f"{stem}{end}" for stem in ("معرب", "معبر", "كاشف", "معلن") for end in ("ا", "ة", "ين")),
    )
)
#: verbs that take من + what was warned against (حذر من إصدار…)
WARN_VERBS = _with_conjunctions(norm_keys(*_past("حذر"), "يحذر", "تحذر"))
#: verbs that may take على + what was stressed (أكد على أهمية، شدد على ضرورة)
STRESS_VERBS = _with_conjunctions(norm_keys(*_past("أكد", "شدد"), "يؤكد", "يشدد"))
#: verbs that may take إلى + what was pointed out (أشار إلى أهمية…، مشيرا إلى تزامن…)
POINT_VERBS = _with_conjunctions(
    norm_keys(*_past("أشار"), "يشير", "تشير", *(f"مشير{e}" for e in ("ا", "ة", "ين", "ان", "تين")))
)
#: verbs that may take a plain object as content (أكد تضامن…، نفى وجود…، وصفه بأنه)
OBJECT_VERBS = _with_conjunctions(norm_keys(*_past("أكد", "نفى"), "نفت", "يؤكد"))
#: verbs that relay someone else's words: نقلت رويترز عن بيسكوف قوله…، نسبت الصحيفة إلى مسؤول قوله…
RELAY_VERBS = _with_conjunctions(norm_keys(*_past("نقل", "نسب"), "ينقل", "تنقل"))
#: relay verbs whose source follows إلى and which are cues only with قوله after it (نسب "ascribed")
ASCRIBE_VERBS = _with_conjunctions(norm_keys(*_past("نسب")))
#: "claims" in the present, which normalizes like يُدعى "is called": a cue only with أن ahead
CLAIM_PRESENT = _with_conjunctions(norm_keys("يدعي", "تدعي", "يدعون"))
#: "he added" in a verb that mostly means "increased" (وزاد "…"، وزادت: …): a cue only right before a
#: colon, a quotation or أن, and then a dropped subject
ADDED_VERBS = _with_conjunctions(norm_keys(*_past("زاد")))
#: "showed" (أظهر مسح أن…، تظهر البيانات أن…): a cue only with a survey, study or data as its subject
#: and أن ahead (أظهر اللاعب مستوى… is no statement)
SHOW_VERBS = _with_conjunctions(norm_keys(*_past("أظهر"), "يظهر", "تظهر"))
#: "estimated it" (قدرتها الصحف بنحو 63 مليون يورو، فيما قدرته مجلة "ليكيب" بـ63 مليونا): the verb with the
#: pronoun of what was estimated, then the estimator and the amount behind ب — the annotation guidelines
#: count قدّر (estimated) as reporting a statement (benchmarks/data/README.md)
ESTIMATED_IT = _with_conjunctions(
    norm_keys(*(f + p for f in ("قدر", "قدرت") for p in ("ه", "ها", "هم")), "قدروها", "قدروه")
)
#: what "shows" something in a statement: surveys, studies, data, reports, figures
SURVEY_HEADS = norm_keys(
    "مسح",
    "استطلاع",
    "دراسة",
    "بيانات",
    "إحصاءات",
    "إحصائيات",
    "أرقام",
    "نتائج",
    "تقرير",
    "سجلات",
    "وثائق",
)
#: cue verbs whose "speaker" is the thing described (وصفه البنك بأنه)
DESCRIBE_VERBS = _with_conjunctions(norm_keys("يصفها", "يصفه", "وصفها", "وصفه", "وصفته", "يصف"))

#: accusations (اتهم X Y بـ…): the accused and the charge are what was said
ACCUSE_VERBS = _with_conjunctions(norm_keys(*_past("اتهم"), "يتهم", "تتهم", "يتهمون"))
#: verbs that call something by a name (وصفت الحادث بأنه "…"، دعا الاحتجاز "خرقا"، دعت البحارة "بالمتمردين"):
#: their object comes first, the speaker is the clause's subject
CALL_VERBS = _with_conjunctions(
    norm_keys(*_past("وصف"), "يصف", "تصف", "يصفون", "دعا", "دعت", "دعى", "دعوا", "يدعو", "تدعو")
)
#: participles continuing the clause's speaker (، مشيرا إلى أن…)
PARTICIPLES = _with_conjunctions(
    norm_keys(
        *(
            f"{stem}{end}"
            for stem in (
                "مشير",
                "مؤكد",
                "مضيف",
                "موضح",
                "مبين",
                "لافت",
                "محذر",
                "قائل",
                "معرب",
                "مشدد",
                "منوه",
                "كاشف",
                "معلن",
                "متسائل",
                "مستدرك",
                "مختتم",
                "متوقع",
                "ناف",
                "معترف",
                "مردف",
                "مطمئن",
                "معبر",
                "واصف",
                "مصر",
                "مدعي",
                "مكرر",
                "مفيد",
                "منبه",
                "ملمح",
                "مجيب",
                "معلق",
                "مفصح",
                "مرجح",
                "زاعم",
                "مصرح",
                "مستطرد",
            )
            for end in ("ا", "ة", "ين", "ان", "تين")
        ),
        "نافيا",
        "نافية",
    )
)

# --- complements ---------------------------------------------------------------------

_THAT = (
    "أن",
    "إن",
    "أنه",
    "إنه",
    "أنها",
    "إنها",
    "أنهم",
    "إنهم",
    "أنهما",
    "إنهما",
    "أننا",
    "إننا",
    "أنني",
    "إنني",
    "أني",
    "إني",
    "أنك",
    "أنكم",
    "أنهن",
    "ان",
)
#: complementizers: إن/أن with pronoun suffixes, بأن, لأن is excluded on purpose
THAT = norm_keys(*_THAT, *("ب" + w for w in _THAT))
#: complementizers that carry a pronoun (the pronoun is part of the content: أنه سيتم…)
THAT_WITH_PRONOUN = frozenset(k for k in THAT if k.lstrip("ب") not in {"ان"})
TO = norm_keys("إلى", "الى")  # أشار إلى أن
FROM = norm_keys("من")  # حذر من أن
ABOUT = norm_keys("عن")
ON = norm_keys("على")
SAYING = norm_keys(
    "قوله", "قولها", "قولهم", "القول", "ادعاءه", "ادعاءها", "ادعاءهم", "تأكيده", "تأكيدها", "تصريحه", "تصريحها"
)  # نقلت عن بيسكوف قوله إن، ونقلت عن مدرب آخر ادعاءه بأن
#: "by saying" after a verb: a cue whose speaker is the clause's subject (دافع X بالقول إن…، فأجاب بقوله)
BY_SAYING = norm_keys("بالقول", "بقوله", "بقولها", "بقولهم", "بحجة")

# --- attribution markers (the source follows) ----------------------------------------

#: markers followed directly by the source: بحسب وكالة…، وفقا لصحيفة…، نقلا عن…
SOURCE_MARKERS = norm_keys("بحسب", "حسب", "وفقا", "وفقاً", "وفق", "طبقا", "نقلا", "وبحسب", "ووفقا", "ووفق", "وحسب")
#: markers followed by a verb then the source: حسبما ذكرت…، بحسب ما أوردت…، على ما قال…
SOURCE_VERB_MARKERS = norm_keys("حسبما", "وحسبما", "بحسبما", "كما")
WHAT = norm_keys("ما", "لما")
#: "another" after a role (وصرح دبلوماسي آخر، مسؤولون آخرون): no name follows
ANOTHER = norm_keys("آخر", "أخرى", "آخرون", "آخرين", "آخران", "آخرى")
#: the media at large as a relay (ونقلت وسائل إعلام بريطانية عن…، وسائل الإعلام): the first word, then the second
MEDIA_AT_LARGE = norm_keys("وسائل", "وسائط")
MEDIA_MASS = norm_keys("إعلام", "الإعلام", "الاعلام", "اعلام")
#: "published, broadcast" after ما in an attribution (وفقا لما نشره موقع…، حسب ما بثته القناة): a
#: source follows, though these verbs introduce no statement of their own elsewhere
PUBLISH_VERBS = norm_keys(
    "نشر", "نشرت", "نشره", "نشرته", "نشرها", "نشرتها", "بث", "بثت", "بثه", "بثته", "بثها", "بثتها"
)

# --- speakers -------------------------------------------------------------------------

#: nouns that head a role phrase (المتحدث باسم الكرملين، وزير الخارجية، الخبير بمركز…)
_ROLE_HEADS = (
    # (مع نظيره المصري سامح شكري: the counterpart, named like a role; وقال نظيره: that person)
    "نظيره",
    "نظيرها",
    "نظيرهم",
    "المتحدث",
    "متحدث",
    "المتحدثة",
    "متحدثة",
    "الناطق",
    "ناطق",
    "الناطقة",
    "الرئيس",
    "رئيس",
    "رئيسة",
    "الزعيم",
    "زعيم",
    "وزير",
    "الوزير",
    "وزيرة",
    "نائب",
    "مدير",
    "المدير",
    "مديرة",
    "مسؤول",
    "دبلوماسي",  # (وحسب دبلوماسي أمريكي، فإن…: a diplomat, named by his office like an official)
    "الدبلوماسي",
    "المسؤول",
    "مسئول",
    "المسئول",
    "مسؤولة",
    "السفير",
    "سفير",
    "أمين",
    "الأمين",
    "أمير",
    "الأمير",
    "الملك",
    "ملك",
    "ولي",
    "قائد",
    "القائد",
    "الخبير",
    "خبير",
    "المحلل",
    "محلل",
    "عضو",
    "محافظ",
    "المحافظ",
    "حاكم",
    "الحاكم",
    "المشرف",
    "مشرف",
    "الدكتور",
    "د",
    "المهندس",
    "م",
    "الشيخ",
    "المستشار",
    "مستشار",
    "صاحب",
    "مساعد",
    "وكيل",
    "الوكيل",
    "عميد",
    "مندوب",
    "المندوب",
    "المبعوث",
    "مبعوث",
    "المفوض",
    "المدرب",
    "مدرب",
    "اللاعب",
    "لاعب",
    "النجم",
    "الممثل",
    "الممثلة",
    "الفنان",
    "الفنانة",
    "الكاتب",
    "الأستاذ",
    "أستاذ",
    "البروفيسور",
    "المحامي",
    "محامي",
    "مؤسس",
    "مصدر",
    "المصدر",
    "شاهد",
    "مسعف",
    "الجنرال",
    "اللواء",
    "العقيد",
    "العميد",
    "الفريق",
    "النقيب",
    "المقدم",
    "الرائد",
    "البابا",
    "الإمام",
    "المفتي",
    "مفتي",
    "سمو",
    "معالي",
    "فخامة",
    "سماحة",
    "الباحث",
    "باحث",
    "الأمينة",
    "المؤرخ",
    "مؤرخ",
    "أحد",
    "رئيس الوزراء",
    "مراسل",
    "المراسل",
    "المنسق",
    "منسق",
    "المستشارة",
    "القاضي",
    "قاضي",
    "النائب",
    "السيناتور",
    "الناشط",
    "ناشط",
    "المواطن",
    "مواطن",
    "الطبيب",
    "طبيب",
    "المعلق",
    "الصحفي",
    "صحفي",
    "المغرد",
    # ranks and titles of translated world news
    "الميجر",
    "الكابتن",
    "اللفتنانت",
    "الكولونيل",
    "الأدميرال",
    "المارشال",
    "الرقيب",
    "السير",
    "اللورد",
    "السناتور",
    "الحاكم",
    "العمدة",
    "عمدة",
    "القنصل",
    "قنصل",
    "الشاعر",
    "شاعر",
    "المخرج",
    "مخرج",
    "المؤلف",
    "الرسام",
)


#: women's role words (not generated from the list above: the feminine of many of its nouns is
#: another word once normalized — مؤسسة "institution", محافظة "governorate", سموة = سموه)
_FEMININE_ROLE_HEADS = (
    "الكاتبة",
    "كاتبة",
    "الصحفية",
    "صحفية",
    "الباحثة",
    "باحثة",
    "الطبيبة",
    "طبيبة",
    "المحامية",
    "الخبيرة",
    "خبيرة",
    "المحللة",
    "محللة",
    "المدربة",
    "اللاعبة",
    "لاعبة",
    "الناشطة",
    "ناشطة",
    "الشاعرة",
    "المخرجة",
    "المراسلة",
    "مراسلة",
    "النائبة",
    "السفيرة",
    "سفيرة",
    "عضوة",
    "الرسامة",
)

ROLE_HEADS = norm_keys(*_ROLE_HEADS, *_FEMININE_ROLE_HEADS)
#: honorifics dropped from a role key (سمو أمير منطقة نجران → أمير منطقة نجران)
HONORIFICS = norm_keys(
    "سمو",
    "معالي",
    "فخامة",
    "سماحة",
    "صاحب",
    "السمو",
    "الملكي",
    "الدكتور",
    "المهندس",
    "الشيخ",
    "د",
    "م",
    "الأستاذ",
    "السيد",
    "السيدة",
)
#: plural or collective heads: the speaker is a group and stays one
GROUP_HEADS = norm_keys(
    "مسؤولون",
    "مسؤولين",
    "المسؤولون",
    "المسؤولين",
    "مسئولون",
    "مسئولين",
    "المسئولون",
    "خبراء",
    "الخبراء",
    "مراقبون",
    "المراقبون",
    "مراقبين",
    "محللون",
    "المحللون",
    "محللين",
    "المحللين",
    "مصادر",
    "المصادر",
    "شهود",
    "الشهود",
    "سكان",
    "السكان",
    "ناشطون",
    "نشطاء",
    "الناشطون",
    "دبلوماسيون",
    "دبلوماسيين",
    "مسعفون",
    "أطباء",
    "باحثون",
    "الباحثون",
    "علماء",
    "العلماء",
    "مواطنون",
    "تقارير",
    "التقارير",
    "وسائل",
    "بعض",
    "قادة",
    "زعماء",
    "مقربون",
    "منتقدون",
    "معارضون",
    "مشاركون",
    "صحف",
    "الصحف",
    "الوفد",
    "وفد",
    "المصابون",
    "مسؤولو",
    "ممثلو",
    "ممثلون",
    "عدد",
    "محققون",
    "المحققون",
    "جماعات",
    "أطباء",
    "الأطباء",
    "موظفون",
    "عمال",
    "طلاب",
    "أهالي",
    "الأهالي",
    "نواب",
    "النواب",
    "أعضاء",
    "الدول",
    "دول",
    "الوكالات",
    "وكالات",
    "جهات",
    "الجهات",
    "السلطات",
    "سلطات",
    "الشرطة",
    "الحكومة",
)
#: document-like sources: the speaker is a text (تقرير، بيان، دراسة)
DOCUMENT_HEADS = norm_keys(
    "تقرير",
    "التقرير",
    "بيان",
    "البيان",
    "دراسة",
    "الدراسة",
    "وثيقة",
    "الوثيقة",
    "رسالة",
    "الرسالة",
    "تقارير",
    "التقارير",
    "إحصائية",
    "الإحصائية",
    "مذكرة",
)
#: records and data that state something (issue 13, seventh round: بحسب بيانات الشرطة، وفقا لسجلات…);
#: speakers only in an attribution closed by a comma or فإن
DATA_HEADS = norm_keys(
    "بيانات",
    "البيانات",
    "وثائق",
    "الوثائق",
    "سجلات",
    "السجلات",
    "إحصاءات",
    "الإحصاءات",
    "إحصائيات",
    "الإحصائيات",
    "دراسات",
    "الدراسات",
)
DOCUMENT_HEADS = DOCUMENT_HEADS | DATA_HEADS
#: pronoun-like nouns that point back to an outlet already named (الصحيفة البريطانية، المصدر نفسه)
MEDIA_ANAPHORS = {
    normalize("الصحيفة"): "newspaper",
    normalize("الوكالة"): "agency",
    normalize("الشبكة"): "tv",
    normalize("القناة"): "tv",
    normalize("الموقع"): "site",
    normalize("المصدر"): "any",
    normalize("الجريدة"): "newspaper",
    normalize("المجلة"): "newspaper",
}

#: words inside a name (بن، أبو، آل، عبد…)
NAME_PARTICLES = norm_keys(
    "بن", "ابن", "بنت", "أبو", "ابو", "أبي", "آل", "ال", "عبد", "دي", "دا", "فان", "فون", "لو", "ولد"
)
#: nouns in construct state that open an organization, never a person's name (مجلس الأمن، حملة الحج)
CONSTRUCT_NOUNS = norm_keys(
    "مجلس",
    "وزارة",
    "هيئة",
    "مركز",
    "جامعة",
    "منظمة",
    "وكالة",
    "شركة",
    "بنك",
    "نادي",
    "حزب",
    "لجنة",
    "إدارة",
    "قسم",
    "مكتب",
    "فرع",
    "منطقة",
    "محافظة",
    "مدينة",
    "دولة",
    "مؤسسة",
    "اتحاد",
    "جمعية",
    "قوات",
    "جيش",
    "صحيفة",
    "قناة",
    "وحدة",
    "مستشفى",
    "أمانة",
    "مديرية",
    "بلدية",
    "رئاسة",
    "ديوان",
    "مشروع",
    "مجموعة",
    "معهد",
    "كلية",
    "مجمع",
    "برنامج",
    "حملة",
    "مصلحة",
    "قطاع",
    "شؤون",
    "بعثة",
    "سفارة",
    "قيادة",
    "هيئة",
    "غرفة",
    "صندوق",
    "مجلة",
    "شبكة",
    "موقع",
    "إمارة",
    "ولاية",
    "حكومة",
    "مطار",
    "ميناء",
    "سوق",
    "خادم",
    "الحرمين",
    "مستشاري",
    "مستشار",
    "حرس",
    "أركان",
    "هيئة الأركان",
    "مصادر",
    "شرطة",
    "محكمة",
)
#: words that end a speaker phrase: time words, prepositions of setting, discourse fillers
SPEAKER_STOPS = norm_keys(
    "أمس",
    "اليوم",
    "الليلة",
    "صباح",
    "مساء",
    "يوم",
    "الأسبوع",
    "الشهر",
    "العام",
    "مؤخرا",
    "أيضا",
    "أيضاً",
    "كذلك",
    "بدوره",
    "بدورها",
    "خلال",
    "أمام",
    "حينها",
    "حينذاك",
    "آنذاك",
    "وقتها",
    "يومها",
    "لدى",
    "عبر",
    "قبل",
    "بعد",
    "حين",
    "عندما",
    "بينما",
    "أثناء",
    "ظهر",
    "عصر",
    "فجر",
    "الإثنين",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
    "الماضي",
    "الماضية",
    "الحالي",
    "هذا",
    "هذه",
    "ذلك",
    "مجددا",
    "مرارا",
    "اليوم",
    "غدا",
    "حاليا",
    "الثلاثاء،",
    "قد",
    "لقد",
    "فقد",
    "إذ",
    "حيث",
    "إلا",
    "لكن",
    "فيما",
    "بشأن",
    "حول",
    "ردا",
    "تعليقا",
    "خلاله",
    "فيه",
    "فيها",
    "له",
    "لها",
    "لهم",
    "لنا",
    "كما",
    "مضيفا",
    "رسميا",
    "سابقا",
    "لاحقا",
    "صراحة",
    "علنا",
    "أيضًا",
)
#: nouns of the speech situation after في (في تصريح، في مقطع فيديو، في بيان)
SETTING_NOUNS = norm_keys(
    # a lecture's or seminar's paper and intervention (وأوضح المحاضر في ورقته أن…; issue 13, tenth round)
    "ورقة",
    "محاضرة",
    "مداخلة",
    "ندوة",
    "تصريح",
    "تصريحات",
    "تصريحه",
    "تصريحاته",
    "بيان",
    "بيانه",
    "مقطع",
    "مقابلة",
    "مقابلته",
    "حديث",
    "حديثه",
    "مؤتمر",
    "كلمة",
    "كلمته",
    "حوار",
    "اتصال",
    "لقاء",
    "تغريدة",
    "تغريدات",
    "حسابه",
    "رسالة",
    "سجل",
    "خطاب",
    "خطابه",
    "ندوة",
    "تقرير",
    "مداخلة",
    "منشور",
    "تدوينة",
    "جلسة",
    "ختام",
    "افتتاح",
    "معرض",
    "حفل",
    "تعليق",
    "تعليقه",
    "رده",
    "ردها",
    "ظل",
    # the days of the week, a time after the verb or the speaker (حذرت الأحد من…، وقال X الخميس إن…)
    "السبت",
    "الأحد",
    "الاثنين",
    "الإثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
)
#: addressees after ل (للصحفيين، لوسائل إعلام روسية): never part of the speaker
ADDRESSEES = norm_keys(
    "الصحفيين",
    "صحفيين",
    "الصحافيين",
    "وسائل",
    "الصحافة",
    "التلفزيون",
    "الإذاعة",
    "المراسلين",
    "المشاركين",
    "الحضور",
    "الصحيفة",
    "وكالة",
    "صحيفة",
    "قناة",
    "شبكة",
    "موقع",
    "تلفزيون",
    "إذاعة",
    "مجلة",
    "جريدة",
)


# --- entries learned from the gold annotations (issue 13, sixth round) --------------------------
#
# ``benchmarks/quotes_cues.py --write`` admits, by cross-validation over the dev and train articles,
# cue words the annotators marked and the lexicon lacks ("cue") and cue verbs that take a plain
# noun-phrase object as what was said ("object"); the file holds what it admitted (possibly nothing).

LEARNED_CUES_PATH = Path(__file__).with_name("cues_learned.tsv")
_TYPED = {"CUE_VERBS": CUE_VERBS, "OBJECT_VERBS": OBJECT_VERBS}


def verb_lemmas() -> dict[str, frozenset[str]]:
    """Every cue verb of the past-stem list → its normalized past and present forms (no و/ف)."""
    out = {}
    for stem in _PAST_STEMS:
        forms = set(_past(stem))
        if stem in _PRESENT_STEMS:
            forms |= _present({stem: _PRESENT_STEMS[stem]})
        out[normalize(stem)] = norm_keys(*forms)
    return out


def _apply(entries: Sequence[tuple[str, str]], cue_verbs: frozenset[str], object_verbs: frozenset[str]) -> None:
    global CUE_VERBS, OBJECT_VERBS
    lemmas = verb_lemmas()
    cues, objects = set(cue_verbs), set(object_verbs)
    for kind, word in entries:
        if kind == "cue":
            cues |= _with_conjunctions(frozenset({word}))
        elif kind == "object" and word in lemmas:
            objects |= _with_conjunctions(lemmas[word])
    CUE_VERBS, OBJECT_VERBS = frozenset(cues), frozenset(objects)


def read_learned(path: Path = LEARNED_CUES_PATH) -> list[tuple[str, str]]:
    """The learned entries of ``path`` (kind, normalized word), none if the file is missing."""
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, word = line.split("\t")[:2]
            rows.append((kind.strip(), word.strip()))
    return rows


@contextmanager
def extended(entries: Sequence[tuple[str, str]], replace: bool = False) -> Iterator[None]:
    """Within the block, the lexicon holds ``entries`` besides what it holds now (with ``replace``:
    besides the typed lists only, without the learned file). Restored on exit."""
    saved = (CUE_VERBS, OBJECT_VERBS)
    start = (_TYPED["CUE_VERBS"], _TYPED["OBJECT_VERBS"]) if replace else saved
    _apply(entries, *start)
    try:
        yield
    finally:
        _restore(*saved)


def _restore(cue_verbs: frozenset[str], object_verbs: frozenset[str]) -> None:
    global CUE_VERBS, OBJECT_VERBS
    CUE_VERBS, OBJECT_VERBS = cue_verbs, object_verbs


_apply(read_learned(), CUE_VERBS, OBJECT_VERBS)
