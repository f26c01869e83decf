"""Rules that find statements in one article: who said what, with which cue, through which media.

Constructions handled (each with a test in ``tests/test_quotes.py``):

- cue verb, then speaker, then complement: ``وقال بيسكوف إن…``، ``أوضح X، أن…``، ``وقال X: «…»``،
  ``أعرب X عن قلقه``، ``أشار X إلى أن…``، ``حذر X من أن…``، ``نقلت رويترز عن X قوله إن…``;
- subject before the verb: ``وكان بوتين أعلن أن…``، ``فإن الرئيس الروسي أوضح أن…``;
- quote first: ``«…»، قال سيلبي`` and ``…، على ما قال بوتين``;
- participles that continue the clause's speaker: ``، مشيرا إلى أن…``، ``قائلا: "…"``;
- dropped subjects (``وأضاف: «…»``، ``وتابع``) resolved to the previous speaker;
- attributions to a source: ``بحسب وكالة تاس``، ``وفقا لصحيفة الغارديان``، ``حسبما ذكرت…`` — a
  statement whose speaker is the outlet, or, when they close another speaker's words, a ``via``.

A quotation mark alone never makes a quote: titles and names in quotes (``"ميغ-31"``) are left alone.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from marsad.arabic import base_words, normalize, split_sentences, tokenize
from marsad.arabic.clitics import after_lam, after_lam_text, frequency, glued_proclitic
from marsad.arabic.segment import Token
from marsad.knowledge.media import MediaMention, find_media, is_media_noun, told_bare_outlet
from marsad.model import Article, Mention, Quote, Sentence, Speaker
from marsad.stages.entities.gazetteer import gazetteer, match_spans
from marsad.stages.quotes import lexicon as lx

#: longest speaker phrase (tokens) between a cue and its complement
MAX_SPEAKER_TOKENS = 22
#: longest stretch (tokens) between the end of the speaker and the complement (في مقطع فيديو نشر…)
MAX_FRAME_TOKENS = 14

OPEN_MARKS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d", '"': '"\u201d', "\u201d": "\u201d"}
PREPOSITIONS = lx.norm_keys("في", "من", "عن", "على", "إلى", "مع", "ب", "ل", "منذ", "حتى", "نحو", "ضد", "دون")
PUNCT_SKIP = {"،", ",", "؛", ";", "-", "\u2013", "\u2014"}
DASHES = {"-", "\u2013", "\u2014"}
#: corpus frequency from which a word that is no known name part reads as a common word, not a name
COMMON_WORD = 1000
#: honorifics with a pronoun (وقال سماحته، وأكد سموه): the previous speaker
#: "in his/her/their name" (المتحدث باسمها): part of a role, never a name
_IN_ITS_NAME = lx.norm_keys("باسمه", "باسمها", "باسمهم", "باسمهما")
#: words that open a frame or an aside after a speaker written as a bare personal name
NAME_FRAME_WORDS = lx.norm_keys(
    "في", "خلال", "أثناء", "اثناء", "عبر", "لدى", "وهو", "وهي", "بعدما", "عندما", "حينما", "قبلما"
)
PRONOUN_HONORIFICS = lx.norm_keys("سماحته", "سموه", "معاليه", "فخامته", "سعادته", "جلالته")
#: the titles each honorific pronoun stands for (سموه: a prince; معاليه: a minister…), as words of the
#: phrase that names the person (صاحب السمو الملكي الأمير فيصل، معالي وزير الصحة، خادم الحرمين الملك)
HONORIFIC_TITLES: dict[str, frozenset[str]] = {
    honorific: lx.norm_keys(*titles)
    for honorific, titles in (
        ("سموه", ("الأمير", "الأميرة", "أمير", "السمو", "سمو", "العهد")),
        ("جلالته", ("الملك", "الملكة", "ملك", "العاهل", "جلالة")),
        ("فخامته", ("الرئيس", "رئيس", "فخامة")),
        ("معاليه", ("الوزير", "وزير", "معالي")),
        ("سماحته", ("الشيخ", "شيخ", "المفتي", "مفتي", "سماحة", "الإمام", "المرجع")),
        ("سعادته", ("السفير", "سفير", "سعادة")),
    )
    for honorific in lx.norm_keys(honorific)
}
#: ranks and academic titles that may stand before a bare surname (العميد العتيبي، الدكتور الربيعة)
RANKS = lx.norm_keys(
    "العميد", "اللواء", "العقيد", "الفريق", "المقدم", "الرائد", "النقيب", "الدكتور", "المهندس", "الشيخ"
)
#: titles that precede a name (العميد عبدالله العتيبي، الأمير فيصل)
TITLES = lx.norm_keys(
    "العميد",
    "اللواء",
    "العقيد",
    "الفريق",
    "المقدم",
    "الرائد",
    "النقيب",
    "الدكتور",
    "الشيخ",
    "المهندس",
    "الأستاذ",
    "السيد",
    "السيدة",
    "الأمير",
    "الملك",
    "الرئيس",
    "المستشار",
    "الميجر",
    "الكابتن",
    "اللفتنانت",
    "الكولونيل",
    "السير",
    "اللورد",
    "الدكتورة",
    "الأستاذة",
    "الشيخة",
    "الأميرة",
    "المهندسة",
    "الملكة",
)
#: nouns that name what follows in quotation marks (تحت عنوان: “…”، بشعار "…")
TITLE_NOUNS = lx.norm_keys(
    "عنوان",
    "بعنوان",
    "اسم",
    "باسم",
    "شعار",
    "بشعار",
    "وسم",
    "هاشتاق",
    # works and events named in quotation marks (برنامج "بيت القصيد"، مسلسل «…»، مهرجان "…")
    *(
        f"{article}{noun}"
        for noun in (
            *("برنامج", "مسلسل", "فيلم", "كتاب", "رواية", "ديوان"),
            *("قصيدة", "أغنية", "مهرجان", "معرض", "حملة", "مبادرة"),
        )
        for article in ("", "ال")
    ),
)
#: conjunctions that make a following أن temporal (بعد أن، قبل أن، منذ أن): no complement of the cue
TEMPORAL_BEFORE_THAT = lx.norm_keys("بعد", "وبعد", "قبل", "وقبل", "منذ", "ومنذ", "حتى", "إلى", "الى")
#: words that make a following أن concessive, not reported speech (رغم أنه، بالرغم من أن)
CONCESSIVE = lx.norm_keys("رغم", "برغم", "بالرغم", "ورغم")
#: participles that close a statement without being one (، سائلا الله…، داعيا…، متمنيا…)
CLOSING_PARTICIPLES = lx.norm_keys(
    *(
        f"{w}{e}"
        for w in ("سائل", "داعي", "متمني", "مطالب", "راجي", "شاكر", "مثمن", "مشيد", "معتبر", "متعهد", "واعد")
        for e in ("ا", "ة", "ين")
    )
)
#: a pronoun after a cue pointing back to an event (أصدرت بيانا قالت فيه، عقد مؤتمرا أعرب خلاله عن…):
#: the speaker is the subject of that clause
RESUMPTIVES = lx.norm_keys("فيه", "فيها", "خلاله", "خلالها", "عبره", "عبرها", "بموجبه")
#: a preposition with the pronoun of a relative ما after a verb of saying (حسب ما أفاد به، وفق ما صرح به)
RESUMPTIVE_OBJECTS = lx.norm_keys("به", "بها", "عنه", "عنها")
DEMONSTRATIVES = lx.norm_keys("هذا", "هذه", "ذلك", "تلك", "هؤلاء", "هذان", "هاتان")
#: words that open a frame of time or occasion, never a speaker (وقال خلال اجتماعه…، وأكد عقب اللقاء…)
#: times that open a frame between commas after a speaker (، مساء اليوم الثلاثاء،)
FRAME_TIMES = lx.norm_keys("مساء", "صباح", "ظهر", "عصر", "فجر", "ليلة", "يوم", "أمس", "اليوم", "الليلة")
#: roles that take العام as their adjective (المدعي العام، النائب العام، الأمين العام)
GENERAL_ROLES = lx.norm_keys("المدعي", "النائب", "المفتش", "القائد", "المراقب", "المنسق", "الأمين", "المدير")
#: العام الماضي / المقبل: "last year", a time, not a role's adjective
#: أبدى "showed" (a feeling): a statement when its object carries the speaker's pronoun (أبدى ارتياحه)
SHOW_VERBS = lx.norm_keys("أبدى", "وأبدى", "أبدت", "وأبدت", "يبدي", "تبدي")
#: interviews in question-and-answer form: a paragraph's leading marker (• ●● * - ـ س: ج:), the
#: longest question a marker alone makes, the shortest answer counted, how many answered questions
#: make an interview, and the words of interviewing before the first question
_QA_MARKER = re.compile(r"^(?:[-–—ـ*•●>]+|[سج]\s*[:/])\s*")
QA_MAX_QUESTION = 300
QA_CUE = "(سؤال)"
QA_MIN_ANSWER = 30
QA_MIN_ANSWERS = 3
_INTERVIEW_WORD = re.compile(r"حوار|حاور|أجرته|أجرتها|أجراه|أجرت معه|التقته|التقتها|لقاء خاص")
#: how often a word beginning with ال must be written with the article as well (الالتزام) for its
#: ال to be its own letters rather than the article
ARTICLE_OWN_MIN = 10
#: آن as written with its madda: its token key in the quotes stage (never the complementizer أن/إن)
MADDA_AN = "آن"
#: the participle of وصف in its five forms (واصفا المحاولات بالبائسة: a name given to an object)
DESCRIBING_PARTICIPLES = lx.norm_keys(*("واصف" + end for end in ("ا", "ة", "ين", "ان", "تين")))
YEAR_ADJECTIVES = lx.norm_keys("الماضي", "المقبل", "الجاري", "الحالي", "القادم", "المنصرم", "السابق")
#: "it happened before that" (وسبق لـ X أن قال…): X said it earlier
SABAQA = lx.norm_keys("سبق", "وسبق", "فسبق")
#: a conjunction carrying the subject's pronoun before a verb (لكنها نفت…، إلا أنه أكد…): the subject is
#: the one spoken of before
PRONOUN_OPENERS = lx.norm_keys("لكنه", "لكنها", "ولكنه", "ولكنها", "أنه", "انه", "أنها", "انها")
#: the credit words of agency photos in running text, written in brackets (الفرنسية)، (أ ف ب)
CREDIT_WORDS = lx.norm_keys(
    "الفرنسية", "الألمانية", "الأوروبية", "رويترز", "وكالات", "أ", "ف", "ب", "د", "أرشيف", "الجزيرة", "أسوشيتد", "برس"
)
#: an anonymous speaker's request not to be named (طلب عدم الكشف عن اسمه، رفض الكشف عن هويته)
ANONYMITY_VERBS = lx.norm_keys(
    "طلب", "طلبت", "طلبوا", "رفض", "رفضت", "رفضوا", "فضل", "فضلت", "فضلوا", "اشترط", "اشترطت", "اشترطوا"
)
ANONYMITY_NAMES = lx.norm_keys("اسمه", "اسمها", "اسمهم", "اسميهما", "هويته", "هويتها", "هويتهم", "أسمائهم", "اسمائهم")
#: movements and parties whose one-word name follows them (حركة حماس، حزب الليكود، جماعة الإخوان)
PARTY_HEADS = lx.norm_keys("حركة", "حزب", "جماعة", "جبهة", "تنظيم", "تيار", "كتلة", "ائتلاف", "منظمة")
WEEKDAYS = lx.norm_keys("السبت", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة")
#: verbs of publishing after a survey or data (بيانات نشرت الخميس، أرقام صدرت اليوم)
SURVEY_PUBLISHED = lx.norm_keys("نشرت", "نشر", "صدرت", "صدر", "أعلنت", "أعلن", "الصادرة", "الصادر")
FRAME_OPENERS = lx.norm_keys("خلال", "أثناء", "اثناء", "عقب", "إثر", "اثر", "لدى", "قبيل", "بعيد")
#: negations before إلا أن make it "only" (لا يسعنا إلا أن…), not "but"
NEGATIONS = lx.norm_keys("لا", "لم", "لن", "ما", "ليس", "ليست", "غير")
#: تم / يتم before a verbal noun or verb: a passive (تم كشف النقاب، يتم الإعلان), no speaker
PASSIVE_AUX = lx.norm_keys("تم", "وتم", "يتم", "ويتم", "سيتم", "وسيتم")
#: من جهته، من جانبه: "for his part", before a clause
SIDE_WORDS = lx.norm_keys("جهته", "جهتها", "جانبه", "جانبها", "ناحيته", "ناحيتها", "جهتهم", "جانبهم", "ناحيتهم")
#: "the latter" as a subject: the person named last before it
LATTER = lx.norm_keys("الأخير", "الأخيرة", "الاخير", "الاخيرة")
#: periods a past verb is dated by (أعلن الأسبوع الماضي), no speaker
PERIODS = lx.norm_keys("الأسبوع", "الاسبوع", "الشهر", "العام", "السنة", "الصيف", "الشتاء")
#: "the former" (the first of two named before)
FORMER = lx.norm_keys("الأول", "الأولى", "الاول", "الاولى")
#: words that open a clause whose subject comes before its verb (…، لكن تقارير متضاربة قالت إن)
#: name particles that govern the next word (بن X، أبو X، آل X; عبد written apart: عبد الفتاح)
GOVERNING_NAME_PARTICLES = lx.norm_keys("بن", "ابن", "بنت", "أبو", "آل", "عبد")
#: second halves of compound given names written apart (صلاح الدين، سيف الإسلام، فتح الله)
COMPOUND_NAME_SECONDS = lx.norm_keys("الدين", "الإسلام", "الله")
#: last words of a connective that opens a clause (من جهة أخرى، إلى ذلك، في غضون ذلك، في المقابل)
CONNECTIVE_TAILS = lx.norm_keys(
    "أخرى", "ثانية", "ذلك", "المقابل", "الأثناء", "جهته", "جهتها", "جانبه", "جانبها"
)
CLAUSE_OPENERS = lx.norm_keys("و", "لكن", "ولكن", "بينما", "فيما", "حيث", "ثم", "إذ", "كما", "بل", "أما")
#: openers of a contrasting clause, which may hold a statement of its own (…، بينما أفاد آخرون أنه…)
CONTRAST_OPENERS = lx.norm_keys("بينما", "فيما", "وبينما", "وفيما", "حين", "وحين")
#: words that hand the turn to another speaker (…، وبدوره أكد X أن…؛ …، ومن جهته قال…)
TURN_OPENERS = lx.norm_keys("بدوره", "بدورها", "وبدوره", "وبدورها", "ومن", "من")
#: وجاء في البيان: «…» / وجاء في التقرير أن…: the document or outlet after في is the speaker
CAME_IN = lx.norm_keys("جاء", "وجاء", "ورد", "وورد")
#: a second verb of saying right after the cue (وتابع يقول، وأضاف قائلا): the same statement
SERIAL_SAYING = lx.norm_keys("يقول", "تقول", "يقولون", "قائلا", "قائلة", "قائلين", "قائلاً")
#: verbs of expecting: «كما توقع البعض» is "as some expected", not a statement quoted first
EXPECT_CUES = ("توقع", "توقعت", "توقعوا", "يتوقع", "تتوقع", "يتوقعون", "رجح", "رجحت")
RELATIVES = lx.norm_keys("التي", "الذي", "الذين", "اللذان", "اللتان", "اللواتي")
#: words before a cue that make it part of a relative clause (فكل ما قال، من قال)
RELATIVE_BEFORE_CUE = lx.norm_keys("ما", "من", "مما", "عما", "الذي", "التي", "الذين", "لما", "اللي", "واللي", "إللي")


# --- quotation regions -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Region:
    """A quotation: ``open`` is the opening mark's offset, ``close`` the closing mark's (or the
    paragraph end when the quotation never closes)."""

    open: int
    close: int
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


def _closed_in_next_paragraph(text: str, after: int, closers: str) -> int | None:
    """Offset of the mark that closes, in the next paragraph, a quotation left open at the end of the
    one before (a statement that goes on over a paragraph break): the next paragraph must hold a
    closing mark before any other quotation mark and before the narrator speaks again. None if not."""
    nl = text.find("\n", after)
    if nl < 0:
        return None
    end = text.find("\n", nl + 1)
    end = len(text) if end < 0 else end
    first = text[nl + 1 : end].split(maxsplit=1)
    if not first or (normalize(first[0])[:1] in "وف" and normalize(first[0]) in lx.CUE_VERBS):
        return None  # وأضاف "…": the narrator opens the next paragraph
    for k in range(nl + 1, end):
        ch = text[k]
        if ch in closers and (ch != '"' or not text[k - 1].isspace()):
            if _narration_resumes(text, nl + 1, k) is not None:
                return None
            return k
        if ch in OPEN_MARKS or ch in "\u00bb\u201d":
            return None
    return None


_CLOSING_PUNCT = ".،,:;؛!?؟)]"
#: a sentence end inside a paragraph: a terminator before a space or the paragraph's end (no decimal point)
_SENTENCE_END = re.compile(r"(?<!\d)[.!?؟…]+(?=\s|$)")
#: sentences an unclosed quotation may run over before the paragraph ends; past that, the paragraph
#: is no bound (a story written on one line) and the quotation ends with its own sentence
UNCLOSED_MAX_SENTENCES = 3


def _straight_can_open(paragraph: str, i: int) -> bool:
    """False when the straight quotation mark at ``i`` can only be a closing one: the next visible
    character ends a clause (``… تدخلا " .``, ``"،``) or the paragraph."""
    rest = paragraph[i + 1 :].lstrip(" ")
    return bool(rest) and rest[0] not in _CLOSING_PUNCT


_LAST_WORD = re.compile(r"([\u0621-\u064A]+)\s*$")


def _straight_can_close(paragraph: str, i: int) -> bool:
    """False when the straight quotation mark at ``i`` can only be an opening one: it follows a colon
    (``قال : "``) or a verb of saying (``وقال "``, ``قائلا "``)."""
    before = paragraph[max(0, i - 30) : i].rstrip(" ")
    if before.endswith(":"):
        return False
    m = _LAST_WORD.search(before)
    return not (m and (_is_cue(normalize(m.group(1))) or normalize(m.group(1)) in lx.PARTICIPLES))


def _unclosed_end(paragraph: str, i: int) -> int:
    """Where a quotation opened at ``i`` and never closed ends: the paragraph's end, unless more than
    :data:`UNCLOSED_MAX_SENTENCES` sentences follow in the paragraph — then its own sentence's end."""
    end = len(paragraph.rstrip())
    ends = [m.end() for m in _SENTENCE_END.finditer(paragraph, i + 1) if m.end() < end]
    if len(ends) >= UNCLOSED_MAX_SENTENCES:
        return ends[0] - 1
    return end


def quote_regions(text: str) -> list[Region]:
    """Quotations of ``text``, paired within each paragraph; one left open at a paragraph's end
    closes in the next paragraph when that paragraph holds its closing mark (a quotation over a
    paragraph break), otherwise it runs to the paragraph end (to its sentence's end in a long one).
    A straight mark that can only open (or only close) by its spacing is not paired the other way:
    a stray mark does not turn every later quotation of a long paragraph inside out."""
    regions: list[Region] = []
    pos = 0
    resume = 0  # text offset where pairing goes on after a quotation that crossed a paragraph break
    for paragraph in text.split("\n"):
        i, n = max(0, resume - pos), len(paragraph)
        while i < n:
            ch = paragraph[i]
            if ch in OPEN_MARKS and (
                ch != "\u201d"
                or (i + 1 < n and paragraph[i + 1].isalpha())
                or paragraph[:i].rstrip().endswith((":", "\u0640"))  # قالت : ” سوف…، ل ـ ” الوئام ”
            ):
                if ch == '"' and not _straight_can_open(paragraph, i):
                    i += 1
                    continue
                closers = OPEN_MARKS[ch] if ch != '"' else '"\u201d'
                j = next((k for k in range(i + 1, n) if paragraph[k] in closers), -1)
                stop = _narration_resumes(paragraph, i + 1, n if j == -1 else j)
                if stop is not None and j == -1:
                    stop = min(stop, _unclosed_end(paragraph, i))
                if stop is not None:
                    # «… للفروسية . وأبان أن…»: the mark was never closed; the narrator's next sentence
                    # (a conjunction and a cue verb) ends it
                    regions.append(Region(pos + i, pos + stop, False))
                    i = stop + 1
                    continue
                if j != -1 and paragraph[j] == '"' and not _straight_can_close(paragraph, j):
                    # the next mark opens another quotation: this one was never closed
                    end = min(_unclosed_end(paragraph[:j], i), j)
                    regions.append(Region(pos + i, pos + end, False))
                    i = j
                    continue
                if j == -1:
                    close = _closed_in_next_paragraph(text, pos + i + 1, closers)
                    if close is not None:
                        regions.append(Region(pos + i, close, True))
                        resume = close + 1
                        break
                    end = _unclosed_end(paragraph, i)
                    regions.append(Region(pos + i, pos + end, False))
                    if end >= len(paragraph.rstrip()):
                        break
                    i = end + 1
                    continue
                regions.append(Region(pos + i, pos + j, True))
                i = j + 1
                continue
            i += 1
        pos += n + 1
    return regions


_SENTENCE_THEN_WORD = re.compile(r"[.!?؟]\s+([\u0621-\u064A\u0640]+)")


def _narration_resumes(paragraph: str, start: int, end: int) -> int | None:
    """Offset of the sentence end inside ``paragraph[start:end]`` after which the narrator speaks
    again — the next sentence opens with و/ف and a cue verb of the third person (وأبان، وأضاف،
    فقال): reported speech does not go on that way, so an open quotation ended there."""
    for m in _SENTENCE_THEN_WORD.finditer(paragraph, start, end):
        word = normalize(m.group(1))
        if word[:1] in "وف" and word in lx.CUE_VERBS:
            return m.start()
    return None


# --- small predicates ---------------------------------------------------------------------------


def _agreement(verb: str) -> str:
    """What a cue verb says of its subject (normalized form): "f" (she, or a body: قالت، تقول،
    مضيفه), "p" (they: قالوا، يقولون، مضيفين), "m" (he: قال، يقول، مضيفا), or "" when unsure."""
    v = verb[1:] if verb[:1] in "وف" and len(verb) > 3 else verb
    if not v or (not _is_cue(v) and not _in(v, lx.PARTICIPLES)):
        return ""
    if v in lx.PAST_MASCULINE:
        return "m"
    if v.endswith(("وا", "ون", "ين")):
        return "p"
    if _in(v, lx.PARTICIPLES):
        return "f" if v.endswith("ه") else "m" if v.endswith("ا") else ""
    if v.endswith("ت") or v.startswith("ت"):
        return "f"
    return "m" if v.startswith("ي") else ""


def _candidate_agreement(c: _Candidate) -> str:
    """The agreement of a found statement's speaker, read from the verb that introduced it — not
    from a relay verb, whose subject is the outlet (نقلت الصحيفة عن المدرب)."""
    return "" if _in(c.cue.norm, lx.RELAY_VERBS) or c.via else _agreement(c.cue.norm)



def _in(norm: str, keys: frozenset[str] | set[str]) -> bool:
    """``norm`` or ``norm`` without a leading و/ف is in ``keys``."""
    return norm in keys or (len(norm) > 3 and norm[0] in "وف" and norm[1:] in keys)


def _governed_preposition(cue_norm: str, norm: str) -> bool:
    """True if ``norm`` is the preposition that introduces what the cue verb says (حذر من، أعرب
    عن، أشار إلى، أكد على)."""
    return (
        (norm in lx.FROM and _in(cue_norm, lx.WARN_VERBS))
        or (norm in lx.ABOUT and _in(cue_norm, lx.ABOUT_VERBS))
        or (norm in lx.TO and _in(cue_norm, lx.POINT_VERBS))
        or (norm in lx.ON and _in(cue_norm, lx.STRESS_VERBS))
    )


def _is_preposition(t: Token) -> bool:
    """A preposition (في، على…), also behind و/ف (ومع، وفي: too short for :func:`_in`), not the name
    علي that normalizes like على."""
    n = t.norm
    if len(n) == 3 and n[0] in "وف" and n[1:] in PREPOSITIONS:
        return True
    return _in(n, PREPOSITIONS) and not (n == "علي" and t.text.endswith("ي"))


def _without_pronoun(norm: str) -> str:
    """``norm`` without an attached pronoun (أمامكم → أمام، خلاله → خلال), when something is left."""
    for suffix in ("كم", "هم", "ها", "نا", "ك"):  # (not ه: a normalized ة looks the same)
        if norm.endswith(suffix) and len(norm) - len(suffix) >= 3:
            return norm[: -len(suffix)]
    return norm


def _feminine_title(toks: list[Token], k: int) -> bool:
    """True if ``toks[k]`` is a definite feminine word that describes a person named after it
    (المصرية، الروائية، السيدة), not the complement of a construct (وزير الخارجية: الخارجية
    belongs to وزير; مدير الشركة السعودية): it opens a conjunct (و) or follows no role or title
    noun, itself or through the feminine words before it (الروائية الهندية)."""
    if k < 0 or not _is_word(toks[k]):
        return False
    n = toks[k].norm
    core = _without_conjunction(n)
    if not (_has_article(core) and core.endswith("ه")):
        return False
    prev = toks[k - 1] if k > 0 else None
    if n != core or prev is None or not _is_word(prev):
        return True
    if _has_article(prev.norm):
        return _feminine_title(toks, k - 1)  # الروائية الهندية X, not الشركة السعودية X (مدير الشركة)
    return not (_in(_head(prev.norm), lx.ROLE_HEADS) or prev.norm in TITLE_NOUNS or _setting(prev.norm))


def _without_conjunction(norm: str) -> str:
    """``norm`` without a leading و/ف (وإلى → إلى)."""
    return norm[1:] if norm[:1] in "وف" and len(norm) > 2 else norm


def _is_cue(norm: str) -> bool:
    """A cue verb, also with an object pronoun (بحسب ما أكده، حسبما ذكرته، كما أوردها)."""
    if _in(norm, lx.CUE_VERBS):
        return True
    for suffix in ("ته", "ها", "ه", "هم"):
        if norm.endswith(suffix) and len(norm) - len(suffix) >= 3 and _in(norm[: -len(suffix)], lx.CUE_VERBS):
            return True
    return False


def _is_word(t: Token) -> bool:
    return t.norm[:1].isalpha()


#: function words whose normalized form starts like the article (إلى → الي، إلا، الذي)
_NOT_DEFINITE = lx.norm_keys("إلى", "الى", "إلا", "الا", "الذي", "التي", "الذين", "اللذان", "اللتان", "الآن")


def _has_article(norm: str) -> bool:
    """True if ``norm`` carries the article ال (behind و/ف/ب/ل, or لل) — not a word that begins with
    ال itself, which the corpus also writes with the article (التزام → الالتزام، إلغاء → الالغاء،
    ألمانية → الالمانيه: verbal nouns of forms VIII and IV and words in أل)."""
    if norm in _NOT_DEFINITE:
        return False
    bare = norm[1:] if len(norm) > 4 and norm[0] in "وفبل" and norm[1:3] == "ال" else norm
    if bare.startswith("ال") and frequency("ال" + bare) >= ARTICLE_OWN_MIN:
        return False
    return bare.startswith("ال") or norm.startswith("لل")


def _media_noun_kind(norm: str) -> str:
    """The kind of outlet a media noun names (قناة → tv, صحيفة → newspaper; "site" when the noun says
    nothing), from the normalized noun as written (لقناة، والصحيفة)."""
    noun = _head(norm)
    kind = lx.MEDIA_ANAPHORS.get(noun if noun.startswith("ال") else "ال" + noun, "site")
    return "site" if kind == "any" else kind


def _head(norm: str) -> str:
    """A phrase's first word without a leading ل/ب/و (لتقارير → تقارير، للصحيفة → الصحيفة)."""
    if norm.startswith("لل") and len(norm) > 4:
        return "ال" + norm[2:]
    rest = norm[1:]
    if (
        len(norm) > 3
        and norm[0] in "لبوف"
        and (
            rest.startswith("ال")
            or is_media_noun(rest)
            or any(rest in keys for keys in (lx.ROLE_HEADS, lx.GROUP_HEADS, lx.DOCUMENT_HEADS, lx.CONSTRUCT_NOUNS))
        )
    ):
        return rest
    return norm


def _setting(norm: str) -> bool:
    """A noun of the speech situation, also with ال or a pronoun (لقائه، المؤتمر، حديثه، تصريحاته)."""
    forms = {norm, norm[1:] if norm[:1] in "وب" else norm}
    forms |= {f[2:] for f in forms if f.startswith("ال") and len(f) > 4}
    forms |= {f[: -len(suf)] for f in forms for suf in ("ه", "ها", "هم") if f.endswith(suf) and len(f) - len(suf) >= 3}
    forms |= {f[:-1] + e for f in forms if f.endswith("ت") for e in ("ة", "ه")}  # كلمته → كلمة (كلمه normalized)
    forms |= {f[:-1] + "ء" for f in forms if f.endswith("ئ")}  # لقائه → لقاء
    return any(_in(f, lx.SETTING_NOUNS) for f in forms)


#: nouns of necessity and importance, what a speaker points to or stresses (إلى أهمية، على ضرورة)
_POINTED_NOUNS = lx.norm_keys("أهمية", "ضرورة", "أن")


def _abstract_noun(norm: str) -> bool:
    """A noun that states something rather than names a thing, after أشار إلى: a verbal noun of the
    forms تفاعل/تفعّل (توسع، تزامن، تراجع، تحسن) or أهمية، ضرورة — not a document or a group
    (أشار إلى أحدث تقرير، إلى الجهود: "referred to")."""
    return norm in _POINTED_NOUNS or (norm.startswith("ت") and len(norm) in {4, 5} and not norm.endswith(("ات", "ه")))


def _pronoun_noun(norm: str) -> bool:
    """True for a common noun carrying a pronoun (مسؤوليته، قلقه، موقفها), not a name in ه (جوزيه،
    عبدالله): the noun without the pronoun, its ت back to ة, is a word the corpus writes with ال."""
    for suffix in ("هما", "هم", "ها", "ه"):
        if norm.endswith(suffix) and len(norm) - len(suffix) >= 3:
            bare = norm[: -len(suffix)]
            bare = bare[:-1] + "ه" if bare.endswith("ت") else bare
            return _takes_article(bare)
    return False


def _behind_preposition(t: Token) -> bool:
    """A word behind the clitic preposition ل/ب/ك (لكرة، بالنادي): a prepositional phrase. A word the
    tokenizer left whole counts when it can be read so (:func:`glued_proclitic`, ``possible``): the
    likelier reading would keep لكرة of «مدير الفريق الأول لكرة القدم» whole (the idiom is commoner
    than كرة) and lose the role's speaker."""
    return bool(t.prefixes and t.prefixes[-1] in ("ل", "ب", "ك")) or (
        glued_proclitic(t.norm, "لبك", possible=True) is not None
    )


def _possessive(t: Token) -> bool:
    """A common noun carrying a possessive pronoun as written (بلاده، حكومتها) — not a word in ة, which
    normalizes to ه (منطقة، شرطة)."""
    return not t.text.endswith("ة") and _pronoun_noun(t.norm)


def _org_head(norm: str) -> bool:
    """A word that opens an organization's name: مجلس، لجنة — also with ال (الاتحاد، الحكومة)."""
    head = _head(norm)
    if _in(head, lx.CONSTRUCT_NOUNS) or _in(head, PARTY_HEADS):
        return True  # (حركة حماس، حزب الوفد: a movement or party)
    return head.startswith("ال") and len(head) > 4 and (
        _in(head[2:], lx.CONSTRUCT_NOUNS) or _in(head[2:], PARTY_HEADS)
    )


#: events a body holds, in which it speaks (عقدت اللجنة اجتماعا أكدت خلاله…)
EVENT_NOUNS = lx.norm_keys("اجتماع", "مؤتمر", "لقاء", "جلسة", "ندوة", "حفل", "ورشة")


def _event_noun(norm: str) -> bool:
    """A noun of the speech situation or an event, also as an indefinite accusative (بيانا، اجتماعا)."""
    bare = norm[:-1] if norm.endswith("ا") and len(norm) > 3 else norm
    return _setting(norm) or _setting(bare) or _in(bare, EVENT_NOUNS)


def _hamza_verb(t: Token) -> bool:
    """True if ``t`` is written with a hamza on its first alif (وألقى، ألغت، وألمح): a verb of form IV,
    which normalizes like a word with the article (والقي) but has none."""
    text = t.text[1:] if t.text[:1] in "وف" and len(t.text) > 3 else t.text
    return text.startswith(("أل", "إل"))


def _takes_article(norm: str) -> bool:
    """True for a word the corpus often writes with ال: a common noun, not a name (مجلس، حملة)."""
    with_article = frequency("ال" + norm)
    return with_article >= max(30, 0.2 * frequency(norm))


_LATIN_OR_DIGIT = re.compile(r"^[0-9]")


def _nameish(t: Token, nxt: Token | None, strict: bool = False, prev: Token | None = None) -> bool:
    """Could ``t`` start or continue a personal name (heuristic used when NER gave no mentions)?
    ``strict`` also rejects words that read as future verbs (سيقدم) — but سيلبي is a name."""
    n = t.norm
    if not _is_word(t) or len(n) < 2 or _has_article(n) or _LATIN_OR_DIGIT.match(n):
        return False
    if strict and n[:2] in {"سي", "ست", "سن"} and len(n) > 4 and frequency(n[1:]) >= 10:
        return False  # a future verb (سيقدم), not a name (سيرغي)
    if "\u064b" in t.text or (n.endswith(("ات", "يه")) and len(n) > 4):
        return False  # an indefinite accusative (نخبًا) or a feminine plural (اتهامات): not a name
    if n == "علي" and t.text.endswith("ي"):
        return True  # the name علي, not the preposition على (both normalize to علي)
    if _is_preposition(t):
        return False  # ومع، وفي: a preposition behind و
    for keys in (
        lx.ROLE_HEADS,
        lx.GROUP_HEADS,
        lx.CONSTRUCT_NOUNS,
        lx.SPEAKER_STOPS,
        lx.DOCUMENT_HEADS,
        PREPOSITIONS,
        lx.THAT,
        lx.CUE_VERBS,
        lx.PARTICIPLES,
        lx.SOURCE_MARKERS,
        lx.SOURCE_VERB_MARKERS,
        lx.HONORIFICS,
    ):
        if _in(n, keys):
            return False
    if is_media_noun(n) or n in {
        "باسم",
        "واحد",
        "احد",
        "بعض",
        "كل",
        "جميع",
        "الذي",
        "التي",
        "وهو",
        "وهي",
        "ما",
        "هو",
        "هي",
        "هم",
        "هما",
        "نحن",
        "انا",
        "انت",
        "انه",
        "انها",
        "لي",
        "نفسه",
        "ذاته",
        "نفسها",
        "ذاتها",
    }:
        return False
    if n[:1] in "بلو" and len(n) > 3 and (_has_article(n[1:]) or n[1:] in lx.CONSTRUCT_NOUNS or n[1:] in lx.ROLE_HEADS):
        return False
    if t.prefixes and t.prefixes[-1] in ("ل", "ب", "ك"):
        return False  # لصوامع، بمركز: a prepositional phrase
    if n[:1] in "لب" and len(n) > 3 and frequency(n[1:]) >= 200:
        return False  # لكرة القدم، بنادي: a preposition on a common word (not ليلى، لطفي)
    if frequency("ال" + n) >= max(30, frequency(n)):
        return False  # سيارة، حملة: written with ال more often than without, a common noun
    if (
        n[:1] == "و"
        and len(n) > 4
        and frequency(n[1:]) > max(100, frequency(n))
        and frequency("ال" + n[1:]) >= 30
        and n[1:] not in gazetteer().name_parts
    ):
        return False  # وإخراج: و before a common noun (not وليد، وائل)
    if len(n) > 3 and n.endswith("ا") and _takes_article(n[:-1]):
        return False  # بيانا، نخبا: an indefinite accusative noun, not a name
    if _possessive(t):
        return False  # حرص بلاده، التزام حكومته: a common noun with a possessive pronoun, not a name
    after_definite = prev is not None and _is_word(prev) and _has_article(prev.norm)
    # a common noun in construct (حملة الحج، مجلس الأمن); after a definite noun (مدير الشرطة سامي
    # الحربي) a bare word cannot be its genitive, so it starts a name
    return after_definite or not (nxt is not None and _is_word(nxt) and _has_article(nxt.norm) and _takes_article(n))


# --- the extractor ------------------------------------------------------------------------------


@dataclass
class _Candidate:
    sentence: int
    cue: Token
    speaker: Speaker | None
    speaker_span: tuple[int, int] | None
    content_start: int
    content_end: int
    direct: bool
    via: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0


@dataclass
class RoleIndex:
    """Role phrase (base words, honorifics dropped) → the name written next to it, per article and
    for the whole corpus; used to resolve المتحدث باسم الكرملين → بيسكوف."""

    by_article: dict[str, dict[tuple[str, ...], str]] = field(default_factory=dict)
    corpus: dict[tuple[str, ...], dict[str, int]] = field(default_factory=dict)
    #: article → (start, end, name) of every person written with a role (for participles)
    people: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)

    def add(self, article: str, role: str, name: str) -> None:
        key = role_key(role)
        if not key or not name:
            return
        self.by_article.setdefault(article, {}).setdefault(key, name)
        counts = self.corpus.setdefault(key, {})
        counts[name] = counts.get(name, 0) + 1

    def resolve(self, article: str, role: str) -> str | None:
        """The name the article (else the corpus, when it is unambiguous) gives to ``role``."""
        key = role_key(role)
        if not key:
            return None
        local = self.by_article.get(article, {})
        if key in local:
            return local[key]
        # المفتي → مفتي عام المملكة…، ملك المغرب → ملك المغرب الشقيق: the one person of the article
        # whose role starts with these words
        names = _one_person({n for k, n in local.items() if k[: len(key)] == key})
        if len(names) == 1:
            return names.pop()
        # المدرب السابق لمنتخب انجلترا، المدرب الهلالي → the one person of the article introduced with
        # the same head word (المدرب ستيف مكلارين)
        anonymous = {base_words(w)[0] for w in ("مصدر", "المصدر", "مسؤول", "المسؤول") if base_words(w)}
        names = _one_person({n for k, n in local.items() if k and k[0] == key[0]})
        if len(names) == 1 and len(key) > 1 and key[0] not in anonymous:
            return names.pop()
        counts = self.corpus.get(key)
        if not counts or (len(key) == 1 and sum(counts.values()) < 2):
            return None  # a bare head (الكاتب) named once elsewhere is no agreement (a credit line)
        # spellings of one person share a surname (ديمتري / دميتري بيسكوف): vote per surname
        groups: dict[str, int] = {}
        for name, n in counts.items():
            surname = normalize(name.split()[-1])
            groups[surname] = groups.get(surname, 0) + n
        ranked = sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        best = [kv for kv in counts.items() if normalize(kv[0].split()[-1]) == ranked[0][0]]
        return sorted(best, key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


def _one_person(names: set[str]) -> set[str]:
    """``names`` with the spellings of one person merged: a name whose words all occur in another
    (ريجيكامب in «ريجيكامب وجاهز», a name run that took one word too many) stands for both."""
    keys = {n: set(normalize(n).split()) for n in names}
    return {n for n in names if not any(o != n and keys[o] < keys[n] for o in names)}


def _name_part(norm: str) -> bool:
    """True if the gazetteer lists ``norm`` as a part of personal names (محمد، عبدالله)."""
    return norm in gazetteer().name_parts


def role_key(role: str) -> tuple[str, ...]:
    """Matching key of a role phrase: base words without honorifics (سمو أمير منطقة نجران → أمير منطقه نجران)."""
    words = [w for w in base_words(role) if w and w not in {"،", ","}]
    honorific_bases = {base_words(h)[0] if base_words(h) else h for h in lx.HONORIFICS}
    return tuple(w for w in words if w not in honorific_bases)


#: markers that open the items of a list written one per line (- • ● *)
LIST_MARKERS = "-–—•●*"

class ArticleQuotes:
    """Finds the statements of one article. ``mentions`` (from the entities stage) are optional."""

    def __init__(self, article: Article, roles: RoleIndex, mentions: Sequence[Mention] = ()) -> None:
        self.article = article
        self.text = article.text
        self.roles = roles
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.sentences: list[Sentence] = article.sentences or [
            Sentence(i, s.start, s.end, s.text) for i, s in enumerate(split_sentences(article.text))
        ]
        self.regions = quote_regions(self.text)
        self.close_at = {r.close: r for r in self.regions if r.closed}
        self.open_at = {r.open: r for r in self.regions}
        self._tokens: dict[int, list[Token]] = {}
        self.media = self._with_quoted_outlets(find_media(self.text))
        self.found: list[_Candidate] = []
        #: speakers a cue named without words of their own (صرح الوزير X، واضاف "…"): (offset, speaker)
        self.announced: list[tuple[int, Speaker]] = []
        #: sentence → (offset of the cue, channel) of an attribution that opens it (وفقا لـ X أعلن Y أن…)
        self.relayed_at: dict[int, tuple[int, str]] = {}
        self._tokens: dict[int, list[Token]] = {}

    # -- helpers ---------------------------------------------------------------------------

    def tokens(self, s: Sentence) -> list[Token]:
        """Tokens of sentence ``s`` (offsets into the article text), computed once."""
        cached = self._tokens.get(s.i)
        if cached is None:
            # آن written with its madda (the name Anne, "time") is never the complementizer أن/إن it
            # normalizes to: its key is kept as written, a key no normalized word has
            cached = self._tokens[s.i] = [
                replace(t, norm=MADDA_AN, base=MADDA_AN) if t.text == MADDA_AN else t
                for t in tokenize(s.text, s.start)
            ]
        return cached

    def _with_quoted_outlets(self, media: list[MediaMention]) -> list[MediaMention]:
        """Add outlets the gazetteer does not know, written in quotes after a media noun (لموقع
        «تي إم زد»، موقع «باز فيد»): their canonical name is the quoted name as written."""
        extra: list[MediaMention] = []
        for r in self.regions:
            if not r.closed:
                continue
            inner = self.text[r.open + 1 : r.close].strip()
            # a gazetteer form that covers only the start of the quoted name (مجلة "فرانس فوتبول": not
            # فرانس برس's short form) gives way to the quoted name
            partial = [
                m for m in media if r.open < m.name_start < r.close and self.text[m.end : r.close].strip(' "”»')
            ]
            if partial and len(inner.split()) <= 4:
                media = [m for m in media if m not in partial]
            if not inner or len(inner.split()) > 4 or any(m.start <= r.open + 1 < m.end for m in media):
                continue
            lo = max(0, r.open - 30)
            words = [t for t in tokenize(self.text[lo : r.open], lo) if _is_word(t)]
            if not words or not is_media_noun(words[-1].norm) or self.text[words[-1].end : r.open].strip(" \u0640"):
                continue
            kind = _media_noun_kind(words[-1].norm)
            extra.append(
                MediaMention(
                    words[-1].start,
                    r.close + 1,
                    self.text[words[-1].start : r.close + 1],
                    inner,
                    kind,
                    r.open + 1,
                )
            )
        extra += self._bracketed_outlets(media + extra)
        extra += self._told_bare_outlets(media + extra)
        extra += self._told_outlets(media + extra)
        return sorted([*media, *extra], key=lambda m: m.start)

    def _told_bare_outlets(self, media: list[MediaMention]) -> list[MediaMention]:
        """Outlets whose name is a common word, told the words behind ل right before the complement
        (وقال شهود عيان للجزيرة إن…، وأكد مصدر للرياض أن…): the gazetteer lists them only behind a
        media noun. Of two outlets with that name, the one the article names in full elsewhere."""
        out: list[MediaMention] = []
        for s in self.sentences:
            toks = self.tokens(s)
            for k in range(1, len(toks) - 1):
                t = toks[k]
                if any(m.start <= t.start < m.end for m in media):
                    continue
                with_ = t.norm == "مع" and (_setting(toks[k - 1].norm) or toks[k - 1].norm in lx.norm_keys("هاتفي"))
                if with_:
                    # في اتصال هاتفي مع الجزيرة إن…، في مقابلة مع الرياض: an interview with the outlet
                    bare = told_bare_outlet(["ل" + toks[k + 1].norm, *(u.norm for u in toks[k + 2 : k + 5])])
                    if bare is not None:
                        k += 1
                        t = toks[k]
                elif t.norm.startswith("ل"):
                    bare = told_bare_outlet([u.norm for u in toks[k : k + 4]])
                else:
                    continue
                if bare is None or k + bare[2] >= len(toks):
                    continue
                after = [u for u in toks[k + bare[2] : k + bare[2] + 2] if u.norm not in PUNCT_SKIP]
                if not after or not (
                    _in(after[0].norm, lx.THAT) or after[0].norm == ":" or after[0].start in self.open_at
                ):
                    continue
                canonical, kind = bare[0], bare[1]
                word = t.norm if with_ else after_lam(t.norm)
                named = [m for m in media if normalize(m.text).split()[-1] == word]
                if named:
                    canonical, kind = named[0].canonical, named[0].kind  # صحيفة الجزيرة … للجزيرة
                last = toks[k + bare[2] - 1]
                name_start = t.start if with_ else t.start + 1
                out.append(MediaMention(t.start, last.end, self.text[t.start : last.end], canonical, kind, name_start))
        return out

    def _bracketed_outlets(self, media: list[MediaMention]) -> list[MediaMention]:
        """Outlets the gazetteer does not know, written in brackets right after a media noun (قناة
        (الحرة)، شبكة (إن.بي.سي.)): one to four words; the canonical name is the bracket's words."""
        out: list[MediaMention] = []
        for s in self.sentences:
            toks = self.tokens(s)
            for k in range(1, len(toks) - 1):
                if toks[k].norm != "(" or not is_media_noun(toks[k - 1].norm):
                    continue
                gloss = self._bracket_gloss(toks, k, len(toks))
                if gloss is None or any(m.start <= toks[k + 1].start < m.end for m in media):
                    continue
                close = toks[gloss[0] - 1]
                name = self.text[toks[k].end : close.start].strip()
                noun = toks[k - 1]
                out.append(
                    MediaMention(noun.start, close.end, self.text[noun.start : close.end], name,
                                 _media_noun_kind(noun.norm), toks[k].end)
                )
        return out

    def _affiliation_at(self, offset: int) -> bool:
        """True if the outlet at ``offset`` says where someone works (الكاتب في صحيفة الرياض، مراسل
        الجزيرة): a role word right before it, or before the في in front of it."""
        if self._told_at(offset):
            return False
        words = normalize(self.text[max(0, offset - 40) : offset]).split()
        if words and words[-1] == "في":
            words = words[:-1]
        return bool(words) and _in(_head(words[-1]), lx.ROLE_HEADS)

    def _told_at(self, offset: int) -> bool:
        """True if the outlet at ``offset`` is behind ل (told to: لصحيفة، لـ"اليوم") or مع (an
        interview with)."""
        before = self.text[max(0, offset - 4) : offset].rstrip(' "«“\u0640')
        word = self.text[offset : offset + 1]
        return word == "ل" or before.endswith(("ل", "لـ")) or self.text[max(0, offset - 4) : offset].strip() == "مع"

    def _told_outlets(self, media: list[MediaMention]) -> list[MediaMention]:
        """Outlets the gazetteer does not know, named bare after ل + a media noun (وقال لصحيفة
        كرونيكل "…"، لموقع يونايتد على الإنترنت): one to three words with no article, up to a mark,
        a preposition or a complementizer; the canonical name is the words as written."""
        out: list[MediaMention] = []
        for s in self.sentences:
            toks = self.tokens(s)
            for k, t in enumerate(toks):
                n = t.norm
                if not (n[:1] == "ل" and len(n) > 3 and is_media_noun(n[1:])) or any(
                    m.start <= t.start < m.end for m in media
                ):
                    continue
                words: list[Token] = []
                for u in toks[k + 1 : k + 4]:
                    un = u.norm
                    if (
                        not _is_word(u)
                        or _has_article(un)
                        or _is_preposition(u)
                        or _in(un, lx.THAT)
                        or _in(un, lx.SPEAKER_STOPS)
                        or _is_cue(un)
                        or u.start in self.open_at
                        or frequency(un) >= 300
                    ):
                        break
                    words.append(u)
                if not words:
                    continue
                name = self.text[words[0].start : words[-1].end]
                text = self.text[t.start : words[-1].end]
                out.append(MediaMention(t.start, words[-1].end, text, name, "site", words[0].start))
        return out

    def _inside_quote(self, offset: int) -> bool:
        return any(r.open < offset < r.close for r in self.regions)

    def _media_in(self, start: int, end: int) -> list[MediaMention]:
        return [m for m in self.media if start <= m.name_start < end]

    def _span_text(self, start: int, end: int) -> str:
        return self.text[start:end].strip(" ،,:؛;-\u2013")

    def _last_speaker(self, before: int, cue: str = "") -> Speaker | None:
        """Who a dropped subject (وأضاف، وقال) stands for: the speaker of the last statement — unless a
        person was named as a clause's subject since (…، ولكن وزير الدفاع ديس براون يرى… . وقال) —
        else, with no statement before, the person the last sentences are about. With the ``cue``
        verb's agreement known (وأضافت: she; وأضافوا: they), the last statement whose speaker agrees
        with it, within the last three sentences, comes before one that does not."""
        last = next((c for c in reversed(self.found) if c.content_start < before and c.speaker is not None), None)
        wanted = _agreement(cue)
        if last is not None and wanted and _candidate_agreement(last) not in {"", wanted}:
            agreeing = next(
                (
                    c
                    for c in reversed(self.found)
                    if c.content_start < before
                    and c.speaker is not None
                    and c.sentence >= last.sentence - 3
                    and _candidate_agreement(c) == wanted
                ),
                None,
            )
            if agreeing is not None:
                return agreeing.speaker
        sentence = next((x for x in self.sentences if x.start <= before < max(x.end, x.start + 1)), None)
        window_start = sentence.start if sentence is not None else before
        if sentence is not None:
            earlier = [x for x in self.sentences if x.i in {sentence.i - 1, sentence.i - 2}]
            window_start = min([window_start, *(x.start for x in earlier)])
        since = max(last.end, window_start) if last is not None else window_start
        named = [p for p in self.roles.people.get(self.article.id, []) if since <= p[0] and p[1] <= before]
        named = [p for p in named if self._opens_clause(p[0]) and self._name_evidence(p[2])]
        announced = [a for a in self.announced if since <= a[0] <= before]
        if wanted == "p":
            named, announced = [], []  # وأشاروا: a plural verb is not the one person named last
        if announced and (not named or announced[-1][0] >= named[-1][1]):
            return announced[-1][1]
        if named:
            return Speaker(named[-1][2], kind="person", name=named[-1][2])
        if sentence is not None and sentence.start >= since:
            # استند الفنان فايز المالكي على…، وقال: «…»: the subject of the sentence's first verb
            toks = self.tokens(sentence)
            cue = next((k for k, t in enumerate(toks) if t.start >= before), len(toks))
            subject = self._clause_subject(toks, cue, plural=wanted == "p") if cue > 2 else None
            if subject is not None and (subject.name or subject.kind in {"source", "organization", "group"}):
                return subject  # (…، وكان موقع X قد نشر تقريرا…، وأشار فيه إلى…: the site)
        if sentence is not None and wanted in {"", "m"}:
            # أكد مفوض الشرطة X الهجمات. وقال "…" / ونسب رئيس الوزراء X الهجوم إلى… . وقال أمام…:
            # a sentence opening with the dropped-subject verb goes on with the subject of the
            # sentence before, when no statement was made since and that subject is a named person
            toks = self.tokens(sentence)
            opening = [t for t in toks if t.start < before and t.norm not in PUNCT_SKIP]
            prev = next((x for x in self.sentences if x.i == sentence.i - 1), None)
            if not opening and prev is not None and prev.start >= since:
                ptoks = self.tokens(prev)
                subject = self._clause_subject(ptoks, len(ptoks)) if len(ptoks) > 3 else None
                if subject is not None and subject.kind == "role" and not subject.name:
                    # مفوض الشرطة في ولاية بورنو X: the role's holder, the one person the sentence names
                    people = {p[2] for p in self.roles.people.get(self.article.id, []) if prev.start <= p[0] < prev.end}
                    if len(people) == 1:
                        name = next(iter(people))
                        subject = Speaker(name, kind="person", name=name, role=subject.text)
                if subject is not None and subject.kind == "person" and subject.name:
                    return subject
        if last is not None:
            if {wanted, _candidate_agreement(last)} == {"m", "f"} and not (
                wanted == "f" and self._named_as_woman(last.speaker)
            ):
                # ذكرت أن… after وأكد المقداد: a verb of the other gender is not his — unless the article
                # names the speaker as a woman (المصرية شيرين أبو النجا… وقال… وأشارت). Only gender: a
                # verb before its subject is singular for a plural one (عبر عدد من الزوار… وأشاروا)
                return None
            return last.speaker
        for x in sorted((x for x in self.sentences if window_start <= x.start < before), key=lambda x: -x.i):
            subject = self._sentence_subject(x)
            if subject is not None:
                return subject
        return None

    def _named_as_woman(self, speaker: Speaker) -> bool:
        """True if the article writes the speaker's name right after a feminine definite word (المصرية
        شيرين أبو النجا، الروائية…، السيدة…): her verbs may still be masculine where she is named."""
        name = speaker.name or speaker.text
        if not name or speaker.kind != "person":
            return False
        at = self.text.find(name)
        while at >= 0:
            before = tokenize(self.text[max(0, at - 40) : at])
            last = len(before) - 1
            given_name_between = last >= 0 and _is_word(before[last]) and not _has_article(before[last].norm)
            if _feminine_title(before, last) or (given_name_between and _feminine_title(before, last - 1)):
                return True  # المصرية شيرين أبو النجا: the given name may stand between
            at = self.text.find(name, at + 1)
        return False

    def _honorific_person(self, honorific: str, before: int) -> Speaker | None:
        """The person an honorific pronoun (سموه، معاليه، فخامته…) stands for: the last person named
        before ``before`` with a title of that rank in the phrase that names them (وبين سموه after
        استقبل صاحب السمو الملكي الأمير فيصل… ومدير الأمن العام عثمان…: the prince). None if no one."""
        titles = HONORIFIC_TITLES.get(honorific)
        if not titles:
            return None
        first_start: dict[tuple[int, str], int] = {}
        for start, end, name in self.roles.people.get(self.article.id, []):
            if end <= before:
                first_start[(end, name)] = min(start, first_start.get((end, name), start))
        for (end, name), start in sorted(first_start.items(), key=lambda kv: -kv[0][0]):
            lead = [t for t in tokenize(self.text[max(0, start - 30) : start]) if _is_word(t)]
            if lead and (_is_preposition(lead[-1]) or _without_conjunction(lead[-1].norm) in PREPOSITIONS):
                continue  # وإلى صاحب السمو الملكي الأمير…: congratulated, not the one who speaks
            phrase = self.text[max(0, start - 30) : end - len(name)]
            if any(t.norm in titles for t in tokenize(phrase)):
                return Speaker(name, kind="person", name=name)
        return None

    def _latter(self, before: int) -> Speaker | None:
        """The person named last before ``before`` (a role written with the name, a statement's
        named speaker, or an NER person), for الأخير "the latter"; None if no one was named."""
        named: list[tuple[int, str]] = [
            (end, name) for _start, end, name in self.roles.people.get(self.article.id, []) if end <= before
        ]
        named += [
            (c.speaker_span[1], c.speaker.name)
            for c in self.found
            if c.speaker is not None and c.speaker.name and c.speaker_span is not None and c.speaker_span[1] <= before
        ]
        named += [(m.end, m.text) for m in self.mentions if m.type == "PER" and m.end <= before]
        sentence = next((x for x in self.sentences if x.start <= before < max(x.end, x.start + 1)), None)
        if sentence is not None:
            toks = [t for t in self.tokens(sentence) if t.end <= before]
            p = 0
            while p < len(toks):  # names written in the sentence so far (نظيره الفرنسي جان مارك، وأكد الأخير)
                run = self._name_run(toks[p:], strict=True)
                if run is None:
                    break
                first, last = toks[p + run[0]], toks[p + run[1] - 1]
                name = self.text[first.start : last.end]
                if run[1] - run[0] >= 2 and self._name_evidence(name):
                    named.append((last.end, name))
                p += run[1]
        if not named:
            return None
        name = max(named)[1]
        return Speaker(name, kind="person", name=name)

    def _name_evidence(self, name: str) -> bool:
        """True if a name found by shape alone is likely a name: its first word is a known given
        name or rare in the corpus, or the gazetteer lists it (not حرص ومتابعة)."""
        words = normalize(name).split()
        if not words:
            return False
        if any(start == 0 for start, _end, _type in match_spans(words)):
            return True
        return words[0] in gazetteer().name_parts or frequency(words[0]) < 30

    def _opens_clause(self, offset: int) -> bool:
        """True if at most one word (a verb: تلقى، رفع) stands between ``offset`` and the start of
        its sentence, a punctuation mark or a clause opener (ولكن وزير الدفاع…)."""
        sentence = next((x for x in self.sentences if x.start <= offset < max(x.end, x.start + 1)), None)
        if sentence is None:
            return False
        before = [t for t in self.tokens(sentence) if t.end <= offset]
        words: list[Token] = []
        for t in reversed(before):
            if t.norm in PUNCT_SKIP or t.norm in {".", "؛", ":"} or t.norm in CLAUSE_OPENERS:
                break
            words.append(t)
        return len(words) <= 1 and not any(_in(t.norm, PREPOSITIONS) for t in words)

    def _sentence_subject(self, sentence: Sentence) -> Speaker | None:
        """A person whose name opens the sentence (راسموسن عمل أفضل مما توقعه البعض.)."""
        toks = [t for t in self.tokens(sentence) if t.norm not in PUNCT_SKIP]
        if len(toks) < 3 or toks[0].start in self.open_at:
            return None
        if toks[0].norm in DEMONSTRATIVES:
            return None
        run = self._name_run(toks[:5], strict=True)
        if run is None or run[0] != 0 or run[1] >= len(toks):
            return None
        if frequency(toks[0].norm) >= 30 or normalize(self.text).split().count(toks[0].norm) < 2:
            return None  # أدانت، رحب، سبق: a common word (a verb, a byline); a name recurs and is rare
        end = run[1]
        while end > 1 and frequency(toks[end - 1].norm) >= 300 and frequency(toks[0].norm) < 30:
            end -= 1  # راسموسن عمل…: a rare name, then a common word (its verb)
        run = (0, end)
        if self._place_or_body(toks[0].start, toks[run[1] - 1].end):
            return None
        name = self.text[toks[0].start : toks[run[1] - 1].end]
        return Speaker(name, kind="person", name=name)

    # -- speakers --------------------------------------------------------------------------

    def _name_run(self, toks: list[Token], strict: bool = False) -> tuple[int, int] | None:
        """Token range of the personal name inside a speaker phrase (NER mentions first)."""
        if not toks:
            return None
        lo, hi = toks[0].start, toks[-1].end
        for m in self.mentions:
            if m.type == "PER" and lo <= m.start and m.end <= hi:
                first = next(i for i, t in enumerate(toks) if t.end > m.start)
                last = max(i for i, t in enumerate(toks) if t.start < m.end)
                return first, last + 1
        for start, end, kind in match_spans([t.norm for t in toks]):
            if kind == "PER" and end - start >= 2 and _in(toks[start].norm, lx.THAT):
                return start, end  # بان كي مون: a listed person whose first word reads as بأن
        in_relative = False
        place_until = -1  # a place named after a preposition runs on (في لوس أنجلوس): no person
        for i, t in enumerate(toks):
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if i <= place_until:
                if _nameish(t, nxt, strict) and i + 1 < len(toks):
                    place_until = i + 1
                continue
            if t.norm in RELATIVES:
                in_relative = True  # التي تعرضت لحادث…: a relative clause until the next comma
                continue
            if in_relative and (t.norm in PUNCT_SKIP or _in(t.norm, lx.SPEAKER_STOPS)):
                in_relative = False
            if in_relative or t.norm in lx.ANOTHER or not _nameish(t, nxt, strict, toks[i - 1] if i > 0 else None):
                continue  # (دبلوماسي آخر: "another", no name)
            if i > 0 and (_in(_head(toks[i - 1].norm), lx.CONSTRUCT_NOUNS) or is_media_noun(toks[i - 1].norm)):
                continue  # منطقة نجران، جامعة كورنيل: the noun's genitive, not a person
            if i > 0 and _in(_head(toks[i - 1].norm), PARTY_HEADS):
                continue  # الناطق باسم حركة حماس سامي أبو زهري: the movement's name, then the person's
            prev_norm = toks[i - 1].norm if i > 0 else ""
            if prev_norm[:1] in "لب" and len(prev_norm) > 3 and frequency(prev_norm[1:]) >= 200:
                continue  # لمنتخب إنجلترا، بنادي الهلال: the genitive of a prepositional phrase
            prev = toks[i - 1].norm if i > 0 else ""
            each_of = i > 1 and prev in lx.FROM and toks[i - 2].norm in lx.norm_keys("كل", "وكل")  # كل من X و Y
            if (prev in PREPOSITIONS and not each_of) or prev.startswith("باسم") or t.norm in _IN_ITS_NAME:
                place_until = i + 1 if prev in PREPOSITIONS else place_until
                continue  # متحدث باسم الجيش في بغداد، المتحدث باسمها: the object of a preposition, not a person
            if prev and _in(prev, lx.ROLE_HEADS) and not _has_article(prev) and prev not in lx.HONORIFICS:
                continue  # قائد قوة، مدير مكتب: an indefinite role head governs the next word
            if any(m.start <= t.start < m.end for m in self.media):
                continue
            j = i + 1
            while j < len(toks):
                u = toks[j]
                after = toks[j + 1] if j + 1 < len(toks) else None
                # (عبد الفتاح السيسي، الملك عبد الله الثاني: عبد written apart governs the next word)
                after_particle = _in(toks[j - 1].norm, GOVERNING_NAME_PARTICLES) and _is_word(u)
                if after_particle or _in(u.norm, lx.NAME_PARTICLES) or _nameish(u, after):
                    j += 1
                elif (
                    _in(u.norm, COMPOUND_NAME_SECONDS)
                    and _is_word(toks[j - 1])
                    and not _has_article(toks[j - 1].norm)
                ):
                    j += 1  # صلاح الدين دمرداش، سيف الإسلام، فتح الله غولن: a compound given name goes on
                elif (
                    _is_word(u)
                    and _has_article(u.norm)
                    and not any(
                        _in(u.norm, keys)
                        for keys in (lx.ROLE_HEADS, lx.GROUP_HEADS, lx.SPEAKER_STOPS, lx.DOCUMENT_HEADS)
                    )
                    and (after is None or not _is_word(after) or not _has_article(after.norm))
                ):
                    j += 1  # a surname with ال (خالد الحامد), only at the end of the run
                    break
                else:
                    break
            return i, j
        return None

    def _make_speaker(self, toks: list[Token]) -> Speaker | None:
        """Classify a speaker phrase: person (with name), role, group, source or organization."""
        cut = next(
            (
                m
                for m in range(1, len(toks))
                if (toks[m].norm in NAME_FRAME_WORDS or toks[m].norm in PUNCT_SKIP)
                and self._ends_with_name(toks, 0, m, len(toks))
            ),
            None,
        )
        if cut is not None:
            toks = toks[:cut]  # وقال العيسى في محاضرة…، وأوضح العيسى وهو متخصص…: a name takes no modifier
        toks = [t for t in toks if t.norm not in PUNCT_SKIP or t is not toks[0]]
        while toks and not _is_word(toks[-1]) and toks[-1].norm not in {")", '"'}:
            toks.pop()
        while toks and not _is_word(toks[0]):
            toks.pop(0)
        if not toks:
            return None
        start, end = toks[0].start, toks[-1].end
        text = self.text[start:end]
        # (an outlet whose mention starts at a clitic the phrase has shed: وفقا لرويترز → رويترز)
        media = self._media_in(start, end) or [m for m in self.media if m.start <= start < m.end]
        head = _head(toks[0].norm)
        if head != toks[0].norm and toks[0].norm[:1] in "لب":  # وفقا لتقارير → تقارير
            start = toks[0].start + 1
            while start < end and self.text[start] in "\u0640 ":
                start += 1
            text = self.text[start:end]
            if toks[0].norm.startswith("لل"):  # وفقا للخطة → الخطة: the article's alef, dropped after ل, restored
                text = after_lam_text(self.text[toks[0].start:end], toks[0].norm)
        if media and (media[0].start <= start + 1 or is_media_noun(head)):
            return Speaker(text, kind="source", name=media[0].canonical)
        if _in(head, lx.DOCUMENT_HEADS):
            return Speaker(text, kind="source")
        same_source = self._same_source(toks, start)
        if same_source is not None:
            return same_source
        anaphor = self._media_anaphor(toks, start)
        if anaphor is not None:
            return Speaker(text, kind="source", name=anaphor or None)
        if _in(head, lx.GROUP_HEADS):
            return Speaker(text, kind="group", name=media[0].canonical if media else None)
        if _org_head(head) or is_media_noun(head):
            return Speaker(text, kind="organization")  # مجلس الأمن، الاتحاد الإكوادوري
        known = self._known_person(toks, start)
        if known is not None:
            return Speaker(text, kind="person", name=known)  # وقال المالكي… after الفنان فايز المالكي
        run = self._name_run(toks)
        role_toks = toks if run is None else [t for k, t in enumerate(toks) if not run[0] <= k < run[1]]
        role = self._span_text(role_toks[0].start, role_toks[-1].end) if role_toks else None
        if (
            run is None
            and len(toks) == 2
            and toks[0].norm in RANKS
            and _has_article(toks[1].norm)
            and not any(
                _in(toks[1].norm, keys)
                for keys in (lx.ROLE_HEADS, lx.GROUP_HEADS, lx.CONSTRUCT_NOUNS, lx.SPEAKER_STOPS)
            )
        ):
            run = (1, 2)  # العميد العتيبي، الدكتور الربيعة: a title and a surname
        if (
            run is not None
            and run[1] == len(toks) - 1
            and run[1] - run[0] <= 2
            and not self.mentions
            and _is_word(toks[-1])
            and not _has_article(toks[-1].norm)
            and not any(
                _in(toks[-1].norm, keys)
                for keys in (lx.ROLE_HEADS, lx.GROUP_HEADS, lx.SPEAKER_STOPS, lx.CONSTRUCT_NOUNS, lx.DOCUMENT_HEADS)
            )
            and not _is_preposition(toks[-1])
            and not is_media_noun(toks[-1].norm)
            and toks[-1].norm[:1] not in "لب"
            and toks[-1].norm not in RELATIVES | RELATIVE_BEFORE_CUE | DEMONSTRATIVES
            and not (toks[-1].norm.endswith("ي") and _takes_article(toks[-1].norm))  # (صياد عراقي: a nisba)
        ):
            run = (run[0], run[1] + 1)  # وزير الإعلام ناصر جودة: the word ending the phrase after a name is its surname
        if run is not None and self._place_or_body(toks[run[0]].start, toks[run[1] - 1].end):
            return Speaker(text, kind="organization")  # وكانت واشنطن أعربت: a government, not a person
        if run is not None:
            name = self.text[toks[run[0]].start : toks[run[1] - 1].end]
            if role and run[0] > 0:
                self.roles.add(self.article.id, self.text[toks[0].start : toks[run[0] - 1].end], name)
            return Speaker(text, kind="person", name=name, role=role or None)
        if _in(head, lx.ROLE_HEADS) or any(_in(t.norm, lx.ROLE_HEADS) for t in toks[:2]):
            resolved = self.roles.resolve(self.article.id, text)
            return Speaker(text, kind="role" if resolved is None else "person", name=resolved, role=text)
        return Speaker(text, kind="organization")

    def _known_person(self, toks: list[Token], before: int) -> str | None:
        """The full name of a person named earlier in the article (with a role, or as a speaker)
        whose last word is the one-word phrase ``toks`` (السليمان → محمد السليمان)."""
        words = [t for t in toks if _is_word(t)]
        if len(words) != 1 or len(words[0].norm) < 3:
            return None
        key = words[0].norm
        names = [p[2] for p in self.roles.people.get(self.article.id, []) if p[1] <= before]
        names += [c.speaker.name for c in self.found if c.speaker and c.speaker.kind == "person" and c.speaker.name]
        for name in reversed(names):
            parts = name.split()
            if len(parts) > 1 and normalize(parts[-1]) == key:
                return name
        if len(key) >= 4 and frequency(key) < 30:
            # ريجي after ريجيكامب: a rare word that only shortens a name of the article
            for name in reversed(names):
                if any(len(w) > len(key) and w.startswith(key) for w in normalize(name).split()):
                    return name
        return None

    def _person_phrase(self, toks: list[Token]) -> bool:
        """True if the phrase reads as a person: it starts with the name, or only role words,
        titles and their genitives come before the name (المدرب الهولندي فان جال)."""
        run = self._name_run(toks)
        if run is None:
            return False
        if run[0] == 0:
            return True
        lead = toks[0].norm
        return _in(_head(lead), lx.ROLE_HEADS) or lead in TITLES or _in(lead, lx.HONORIFICS)

    def _speakerish(self, toks: list[Token]) -> bool:
        """False when the phrase after a cue cannot be who spoke: it opens with a preposition or a
        common word behind ل/ب (حذرت بطريقة…، واصفا إياه بالفاشل، قال لدورية…), with a bracket, or
        with an adverb carrying a pronoun (أمامكم) — an adverbial or an addressee."""
        words = [t for t in toks if t.norm not in {'"', "«", "»", "“", "”"}]
        if not words:
            return False
        first = words[0]  # (وقال "النجار": a name in quotation marks is still the speaker)
        n = first.norm
        if not _is_word(first):
            return False
        if self._media_in(first.start, first.end + 1):
            return True
        if _is_preposition(first):
            return False
        if n[:1] in "لب" and len(n) > 3 and (frequency(n[1:]) >= 30 or _head(n) != n):
            return False
        if len(words) >= 2 and _possessive(words[1]) and self._objectish(words, 0):
            return False  # وأكد حرص بلاده على…: a noun in construct with a possessive, the object
        bare = _without_pronoun(n)
        return bare == n or not (_in(bare, lx.SPEAKER_STOPS) or bare in PREPOSITIONS)  # (أمامكم)

    def _plausible_speaker(self, toks: list[Token]) -> bool:
        """False for a long phrase with nothing of a speaker in it (no role, group, document, title or
        outlet): the object of a verb (أكدت الفحوصات عدم تمكنه من…), not who spoke."""
        if len(toks) <= 8:
            return True
        if self._media_in(toks[0].start, toks[-1].end):
            return True
        run = self._name_run(toks[:6])
        if run is not None and run[0] == 0 and run[1] < len(toks):
            after = toks[run[1]]
            if after.norm in PUNCT_SKIP or _in(_head(after.norm), lx.ROLE_HEADS):
                return True  # وليد الحسين، مدير عام فرع الهيئة العامة…
        if any(t.norm in TITLES or t.norm in lx.HONORIFICS for t in toks):
            return True  # أستاذ طب وجراحة العيون … الدكتور عبد الله العتيبي
        keys = (lx.ROLE_HEADS, lx.GROUP_HEADS, lx.DOCUMENT_HEADS, lx.HONORIFICS, TITLES)
        return any(_in(_head(t.norm), k) for t in toks[:2] for k in keys)

    def _named(self, toks: list[Token]) -> bool:
        """True if ``toks`` open with a name the evidence supports, not just the shape of a word: a
        place, organization or person of the gazetteer (إيران، الاتحاد الأوروبي), an NER mention, a
        person already named in the article, or a person's name whose first word is a known given
        name or too rare in the corpus to be a common word (راسموسن، دوبريانسكي)."""
        titled = False
        if toks and len(toks) > 1:
            lead = toks[0].norm[1:] if toks[0].norm[:1] in "وف" else toks[0].norm
            if lead in TITLES or lead in lx.HONORIFICS:
                toks, titled = toks[1:], True  # والسيدة نورث، اللورد تريسمان
        if not toks:
            return False
        if any(m.start <= toks[0].start < m.end for m in self.mentions):
            return True
        norms = [t.norm for t in toks[:4]]
        if any(start == 0 for start, _end, _type in match_spans(norms)):
            return True
        run = self._name_run(toks[:6], strict=True)
        if run is None or run[0] != 0:
            return False
        words = [t.norm for t in toks[run[0] : run[1]]]
        known = {normalize(w) for c in self.found if c.speaker and c.speaker.name for w in c.speaker.name.split()}
        known |= {normalize(w) for p in self.roles.people.get(self.article.id, []) for w in p[2].split()}
        first = words[0]
        return titled or first in known or first in gazetteer().name_parts or frequency(first) < 30

    def _named_or_titled(self, toks: list[Token]) -> bool:
        """A name with evidence (:meth:`_named`) or a phrase opened by a role, title or group word."""
        head = _head(toks[0].norm)
        return self._named(toks) or any(_in(head, k) for k in (lx.ROLE_HEADS, lx.GROUP_HEADS)) or toks[0].norm in TITLES

    def _no_subject_after(self, toks: list[Token]) -> bool:
        """True if the phrase after a cue cannot be its subject: nothing, a prepositional frame (في
        منهجية…، على الموقع), a demonstrative (هذا) or a long phrase with nothing of a speaker."""
        if not toks:
            return True
        lead = toks[0].norm
        return _is_preposition(toks[0]) or lead in DEMONSTRATIVES or not self._plausible_speaker(toks)

    def _subject_at_clause_start(self, toks: list[Token], i: int) -> tuple[Speaker | None, tuple[int, int] | None]:
        """The subject before cue ``i`` when the clause opens with it (SVO): ايران تقول إن…، السلطات
        الإسبانية قالت إن…، لكن تقارير متضاربة قالت إن…. The cue has no و/ف, the subject at most 8
        words after the sentence start, a comma or a clause opener, and it reads as a speaker."""
        cue = toks[i].norm
        if cue[:1] in "وف" and cue[1:] in lx.CUE_VERBS:
            return None, None  # وقال / فيقول: a new clause with a dropped subject
        if i >= 2 and toks[i - 1].norm in {"،", ","}:
            return self._apposed_subject(toks, i - 1)
        # X قد أعربوا عن…: قد between a noun phrase and the verb marks the phrase as its subject
        qad = i >= 2 and toks[i - 1].norm in lx.norm_keys("قد", "لقد")
        end = i - 1 if qad else i
        reach = 12 if qad else 9
        start = end - 1
        while start >= 0 and end - start <= reach:
            n = toks[start].norm
            if n in PUNCT_SKIP or n in {".", "؛", ":", "!", "؟"} or n in CLAUSE_OPENERS:
                break
            start -= 1
        if start >= 0 and end - start > reach:
            return None, None
        subj = toks[start + 1 : end]
        if subj and subj[0].norm in RELATIVES and start >= 1 and toks[start].norm in {"،", ","}:
            # بولا دوبريانسكي، التي ترأس الوفد في بالي تقول إن…: the relative clause describes the
            # subject before its comma
            return self._subject_before_relative(toks, start)
        if not subj or len(subj) > reach - 1:
            return None, None
        for t in subj:
            n = t.norm
            if (
                _in(n, lx.THAT)
                or _is_cue(n)
                or _in(n, lx.PARTICIPLES)
                or t.start in self.open_at
                or n in {'"', "(", ")"}
                or _LATIN_OR_DIGIT.match(n)
                or n in RELATIVES
                or n in RELATIVE_BEFORE_CUE
            ):
                return None, None
        first = subj[0].norm
        head = _head(first)
        if first.startswith(("لكن", "ولكن")) or not (
            _org_head(first)
            or any(_in(head, keys) for keys in (lx.GROUP_HEADS, lx.DOCUMENT_HEADS, lx.ROLE_HEADS))
            or self._media_in(subj[0].start, subj[0].end + 1)
            or self._named(subj)
            or (qad and _is_word(subj[0]))
            or (_has_article(first) and len(subj) <= 4 and self._complement_follows(toks, i + 1, len(toks), reach=3))
        ):
            return None, None  # (البحرية الملكية تصر على أنهم…: a definite subject right before the verb)
        bare = first[1:] if first[:1] in "وف" else first
        if _is_preposition(subj[0]) or bare in PREPOSITIONS or first in DEMONSTRATIVES:
            return None, None  # وعن الإحصائية قال…: a topic phrase, not the subject
        if (
            first[:1] in "وف"
            and not bare.startswith("ال")
            and not _org_head(bare)
            and not any(_in(bare, keys) for keys in (lx.GROUP_HEADS, lx.ROLE_HEADS, lx.DOCUMENT_HEADS))
        ):
            return None, None  # وأصدرت الممثلة…: the clause opens with a verb
        return self._make_speaker(subj), (subj[0].start, subj[-1].end)

    def _subject_before_relative(
        self, toks: list[Token], comma: int
    ) -> tuple[Speaker | None, tuple[int, int] | None]:
        """The name (or role and name) that opens the clause and ends at ``comma``, before a relative
        clause that runs up to the cue."""
        start = comma - 1
        while start >= 0 and comma - start <= 8:
            n = toks[start].norm
            if n in PUNCT_SKIP or n in {".", "؛", ":", "!", "؟"} or n in CLAUSE_OPENERS:
                break
            start -= 1
        phrase = toks[start + 1 : comma]
        if not phrase or (start >= 0 and comma - start > 8) or _is_cue(phrase[0].norm):
            return None, None
        if not (self._named(phrase) or self._person_phrase(phrase)):
            return None, None
        run = self._name_run(phrase)
        if run is None or run[1] != len(phrase):
            return None, None  # (the phrase must end with the name the relative clause describes)
        return self._make_speaker(phrase), (phrase[0].start, phrase[-1].end)

    def _apposed_subject(self, toks: list[Token], comma: int) -> tuple[Speaker | None, tuple[int, int] | None]:
        """X ، role ، verb (توني بلير ، رئيس وزراء المملكة المتحدة ، دعى…): the name opening the
        clause with the role set off by commas before the verb."""
        inner = comma - 1
        while inner >= 0 and comma - inner <= 9 and toks[inner].norm not in {"،", ",", ".", "؛", ":"}:
            inner -= 1
        if inner < 1 or toks[inner].norm not in {"،", ","}:
            return None, None
        role = toks[inner + 1 : comma]
        if role and not (_in(_head(role[0].norm), lx.ROLE_HEADS) or role[0].norm in TITLES):
            # رئيس أمانة الاتفاقية ، إيفو دي بوير ، أكد…: the role first, the name set off by commas
            run = self._name_run(role, strict=True)
            ends = run is not None and (run[0] == 0 or run[1] == len(role))
            if not ends or len(role) > 4 or not all(_is_word(u) for u in role):
                return None, None  # (a name set off by commas; the role before it is the evidence)
            lead = inner - 1
            while lead >= 0 and inner - lead <= 8 and toks[lead].norm not in PUNCT_SKIP | {".", "؛", ":"}:
                if toks[lead].norm in CLAUSE_OPENERS or _in(toks[lead].norm, lx.THAT):
                    break
                lead -= 1
            before = toks[lead + 1 : inner]
            if not before or not _in(_head(before[0].norm), lx.ROLE_HEADS):
                return None, None
            phrase = toks[lead + 1 : comma]
            speaker = self._make_speaker(phrase)
            if speaker is not None:
                speaker = Speaker(speaker.text, kind="person", name=self._span_text(role[0].start, role[-1].end))
            return speaker, (phrase[0].start, phrase[-1].end)
        if not role:
            return None, None
        start = inner - 1
        while start >= 0 and inner - start <= 5:
            n = toks[start].norm
            if n in PUNCT_SKIP or n in {".", "؛", ":"} or n in CLAUSE_OPENERS:
                break
            start -= 1
        name = toks[start + 1 : inner]
        run = self._name_run(name, strict=True)
        if not name or run is None or run != (0, len(name)):
            return None, None
        phrase = toks[start + 1 : comma]
        speaker = self._make_speaker(phrase)
        return speaker, (phrase[0].start, phrase[-1].end)

    def _place_or_body(self, start: int, end: int) -> bool:
        """True if an NER mention typed LOC or ORG covers ``start:end`` (no PER mention does)."""
        covering = [m for m in self.mentions if m.start <= start and end <= m.end]
        return bool(covering) and all(m.type in {"LOC", "ORG"} for m in covering)

    def _same_source(self, toks: list[Token], start: int) -> Speaker | None:
        """المصدر نفسه / نفس المصدر / المصدر ذاته after a source who is a person (أفاد مصدر قضائي…):
        that speaker, when no outlet was named after him."""
        norms = [_head(t.norm) for t in toks if _is_word(t)]
        if len(norms) != 2 or "مصدر" not in {n.removeprefix("ال") for n in norms}:
            return None
        if not ({"نفسه", "ذاته"} & set(norms) or norms[0] == "نفس"):
            return None
        chain: list[_Candidate] = []  # the last run of statements whose speaker is a source (مصدر…)
        for c in reversed(self.found):
            if c.speaker is None or c.content_start >= start:
                continue
            words = normalize(c.speaker.text).split()
            if words and words[0].removeprefix("ال") == "مصدر":
                chain.append(c)
            elif chain:
                break
        if not chain or any(
            chain[0].start < m.start < start and not any(f.content_start <= m.start < f.content_end for f in self.found)
            for m in self.media
        ):
            return None  # an outlet named since (not inside someone's words): the anaphor may be it
        sp = max((c.speaker for c in chain if c.speaker is not None), key=lambda x: len(x.text))
        return Speaker(sp.text, kind=sp.kind, name=sp.name, role=sp.role, key=sp.key)  # the fullest phrase

    def _media_anaphor(self, toks: list[Token], start: int) -> str | None:
        """الصحيفة البريطانية / الوكالة / المصدر نفسه → the last outlet of that kind named before
        ("" when it is an anaphor whose outlet is unknown, None when it is not an anaphor)."""
        kind = lx.MEDIA_ANAPHORS.get(_head(toks[0].norm))
        if kind is None or len(toks) > 3:
            return None
        if kind == "any" and not any(t.norm in {"نفسه", "ذاته"} for t in toks):
            return None
        for m in reversed(self.media):
            if m.end <= start and (kind == "any" or m.kind == kind):
                return m.canonical
        for c in reversed(self.found):
            if c.speaker is not None and c.speaker.kind == "source" and c.content_start < start:
                return c.speaker.name or ""
        return ""

    def _link(self, speaker: Speaker, span: tuple[int, int] | None) -> None:
        """Fill ``speaker.entity`` from an NER mention inside the speaker phrase: a PER mention for a
        person, an ORG (or LOC) mention for an organization or source. A role resolved to a name
        written elsewhere is linked later by the name's spelling (:mod:`.stage`)."""
        if span is None or speaker.entity is not None:
            return
        kinds = ("PER",) if speaker.kind in {"person", "role"} else ("ORG", "LOC")
        for kind in kinds:
            for m in self.mentions:
                if m.type == kind and m.entity and span[0] <= m.start and m.end <= span[1]:
                    if kind == "PER" and speaker.name and normalize(m.text) not in normalize(speaker.name):
                        continue
                    speaker.entity = m.entity
                    return

    # -- parsing after a cue -------------------------------------------------------------------

    def _skip_frames(self, toks: list[Token], j: int, limit: int) -> tuple[int, list[str]]:
        """Skip addressees, times and settings before a speaker (أكد لـ"عين اليوم" مدير…)."""
        via: list[str] = []
        while j < limit:
            t = toks[j]
            n = t.norm
            media = [
                m for m in self.media if m.start <= t.start < m.end or (m.name_start >= t.start and m.start <= t.end)
            ]
            aside = self._dash_aside(toks, j, limit)
            if aside is not None:
                # وأضاف -خلال لقائه مسؤولين في المدية- "…": an aside between dashes is no speaker;
                # an outlet it names behind ل was told the words (-في تصريح للجزيرة نت-)
                via += [m.canonical for m in self._media_in(t.end, toks[aside - 1].start) if self._told_at(m.start)]
                j = aside
            elif n in PUNCT_SKIP:
                j += 1
            elif n.startswith("ل") and media and media[0].start <= t.start + 1:
                via.append(media[0].canonical)
                j = self._index_after(toks, media[0].end, j)
            elif n in {"ل", "لـ"} and j + 1 < limit and toks[j + 1].start in self.open_at:
                r = self.open_at[toks[j + 1].start]
                quoted = [m for m in self.media if r.open <= m.name_start <= r.close]
                if not quoted:
                    break
                via.append(quoted[0].canonical)  # وقالت لـ"اليوم" مصادر
                j = self._index_after(toks, r.close + 1, j)
            elif (n in {"ل", "لـ"} and j + 1 < limit) or (
                n.startswith("ل") and (n[1:] in lx.ADDRESSEES or n[2:] in lx.ADDRESSEES or n in lx.ADDRESSEES)
            ):
                j += 1
            elif (
                _in(n, lx.norm_keys("أمام"))
                and j + 1 < limit
                and (toks[j + 1].norm in lx.ADDRESSEES or _in(toks[j + 1].norm, lx.ADDRESSEES))
            ):
                j += 2  # وقال أمام الصحافيين…: the audience, not the speaker
            elif _in(n, lx.SPEAKER_STOPS) or _in(_without_pronoun(n), lx.SPEAKER_STOPS):
                j += 2 if _in(n, lx.norm_keys("يوم", "صباح", "مساء", "ظهر", "عصر", "فجر")) else 1
            elif n == "ذات" and j + 1 < limit and toks[j + 1].norm in lx.norm_keys("يوم", "مرة", "ليلة", "صباح"):
                j += 2  # اعترفت ذات يوم: "one day", a time
            else:
                break
        return j, via

    @staticmethod
    def _dash_aside(toks: list[Token], j: int, limit: int) -> int | None:
        """Index after an aside set off by two dashes that opens at ``j`` (وأضاف -خلال لقائه…- أن،
        قال - في تصريح للجزيرة نت - إن), or None: the aside opens with a preposition, a time or
        setting, or a relative (not a name: وقال - محمد- أحد الباعة), and its closing dash comes
        within 25 tokens, before any sentence end or colon."""
        if toks[j].norm not in DASHES or j + 1 >= limit:
            return None
        first = toks[j + 1]
        if not (
            _is_preposition(first)
            or _in(first.norm, lx.SPEAKER_STOPS)
            or first.norm in FRAME_OPENERS
            or first.norm in RELATIVES
        ):
            return None
        for m in range(j + 2, min(limit, j + 26)):
            n = toks[m].norm
            if n in {".", ":", "؟", "!", "؛"}:
                return None
            if n in DASHES:
                return m + 1
        return None

    def _without_lam(self, t: Token) -> Token:
        """``t`` without its preposition ل (لكارمان → كارمان), or ``t`` when the rest is a known word
        class that _head already handles or too short."""
        rest = t.norm[1:]
        if len(rest) < 3 or _head(t.norm) != t.norm:
            return t
        start = t.start + 1
        while start < t.end and self.text[start] in "\u0640 ":
            start += 1
        return Token(self.text[start : t.end], start, t.end, rest, (), rest)

    @staticmethod
    def _index_after(toks: list[Token], offset: int, j: int) -> int:
        while j < len(toks) and toks[j].start < offset:
            j += 1
        return j

    def _credit_at(self, toks: list[Token], k: int) -> bool:
        """True if the bracket opened at ``k`` holds only a news agency's credit — a photo caption's
        (الفرنسية)، (رويترز)، (أ ف ب)، (الأوروبية)، (وكالات) — and text goes on after it."""
        close = next((m for m in range(k + 1, min(len(toks), k + 6)) if toks[m].norm == ")"), None)
        if close is None or close == k + 1:
            return False
        inner = [u for u in toks[k + 1 : close] if _is_word(u)]
        if not inner or len(inner) != close - k - 1:
            return False
        if all(u.norm in CREDIT_WORDS for u in inner):
            return True
        return any(m.start <= inner[0].start and inner[-1].end <= m.end and m.kind == "agency" for m in self.media)

    @staticmethod
    def _anonymity_aside(toks: list[Token], k: int) -> int | None:
        """Index after an aside at ``k`` in which the speaker asks not to be named (مسؤول طلب عدم الكشف
        عن اسمه، دبلوماسي رفض الكشف عن هويته، مصدر فضل عدم ذكر اسمه): a verb of asking or refusing,
        then up to five words ending with اسمه/هويته — a relative clause with no relative pronoun."""
        if k >= len(toks) or toks[k].norm not in ANONYMITY_VERBS:
            return None
        for m in range(k + 1, min(len(toks), k + 7)):
            if toks[m].norm in ANONYMITY_NAMES:
                return m + 1
            if not _is_word(toks[m]):
                return None
        return None

    @staticmethod
    def _bracket_gloss(toks: list[Token], k: int, limit: int) -> tuple[int, bool] | None:
        """A short bracket opened at ``k`` that glosses the word before it — (index after its ``)``,
        whether it holds an abbreviation): 1–4 words, no complementizer, cue or quotation inside, and
        words going on after it. (إف. بي. أي.)، (WHO)، (قنا)، (62 عاما): the abbreviation is one with
        dots between letters of at most three characters, or Latin letters."""
        close = next((m for m in range(k + 1, min(limit, k + 12)) if toks[m].norm in {")", "("}), None)
        if close is None or toks[close].norm != ")" or close + 1 >= limit:
            return None
        inner = toks[k + 1 : close]
        wordish = [u for u in inner if _is_word(u) or u.norm[:1].isdigit()]
        if not 1 <= len(wordish) <= 4 or len(inner) - len(wordish) > len(wordish) + 1:
            return None
        dotted = any(u.norm == "." for u in inner) and all(len(u.text) <= 3 for u in wordish)
        latin = all(u.text.isascii() and u.text.isalpha() for u in wordish)
        if any(
            (_in(u.norm, lx.THAT) and not dotted) or _in(u.norm, lx.CUE_VERBS) or u.norm in OPEN_MARKS for u in inner
        ):
            return None  # (سي.إن.إن): the إن of a letter name, not a complementizer
        return close + 1, dotted or latin

    def _short_quoted(self, toks: list[Token], k: int, limit: int, need_complement: bool) -> int | None:
        """Index after a quoted name that belongs to a speaker phrase (وكالة "تاس"، صحيفة "فاينانشال
        تايمز" البريطانية، إن…), or None when the quotation is the statement itself."""
        r = self.open_at.get(toks[k].start)
        if r is None or not r.closed:
            return None
        inner = self.text[r.open + 1 : r.close]
        if len(inner.split()) > 4 or not inner.strip():
            return None
        after = self._index_after(toks, r.close + 1, k)
        if not need_complement or any(r.open <= m.name_start <= r.close for m in self.media):
            return after
        for u in toks[after : after + 8]:
            if _in(u.norm, lx.THAT) or u.norm == ":" or u.start in self.open_at or u.norm in lx.ABOUT:
                return after
            if u.norm in {".", "؟", "!"}:
                break
        return None

    def _speaker_end(self, toks: list[Token], j: int, limit: int, cue_norm: str, source: bool = False) -> int:
        """Index after the speaker phrase that starts at ``j`` (``source``: after an attribution
        marker, where the phrase ends at the first comma)."""
        k = j
        while k < limit and k - j < MAX_SPEAKER_TOKENS:
            t = toks[k]
            n = t.norm
            nxt = toks[k + 1] if k + 1 < limit else None
            if t.start in self.open_at:
                after = self._short_quoted(toks, k, limit, need_complement=not source)
                if after is None:
                    break
                k = after
                continue
            if source and n in PUNCT_SKIP:
                break
            if n == "(" and k > j and any(m.start <= toks[k - 1].start < m.end for m in self.media):
                close = next((m for m in range(k + 1, min(limit, k + 5)) if toks[m].norm == ")"), None)
                if close is not None:
                    k = close + 1  # وكالة الأنباء الفلسطينية (وفا) عن…: the outlet's short name in brackets
                    continue
            if n == "(" and k > j:
                gloss = self._bracket_gloss(toks, k, limit)
                if gloss is not None and (
                    gloss[1]
                    or (is_media_noun(toks[k - 1].norm) and any(k < i < gloss[0] and m.start <= toks[i].start < m.end
                                                                for i in range(k, gloss[0]) for m in self.media))
                ):
                    k = gloss[0]  # مكتب التحقيقات (إف. بي. أي.) إن…، ونقلت شبكة (إن.بي.سي.) عن…: a name's short form
                    continue
            if (
                n == "."
                and k > j
                and nxt is not None
                and toks[k - 1].end == t.start
                and t.end == nxt.start
                and len(toks[k - 1].text) <= 3
                and len(nxt.text) <= 3
                and _is_word(toks[k - 1])
                and _is_word(nxt)
            ):
                k += 1  # وقالت بي.إم.آي للبحوث إن…: the dots of an abbreviated name
                continue
            if n in {":", ".", "؟", "!", "(", "؛"} or n == '"':
                break
            if (_in(n, lx.THAT) and not self._listed_name_at(toks, k)) or _in(n, lx.CUE_VERBS):
                break
            if _in(n, lx.PARTICIPLES) or _in(n, lx.SOURCE_MARKERS):
                break
            if k > j and _in(n, lx.SOURCE_VERB_MARKERS) and n not in lx.norm_keys("كما"):
                break  # وأكد المتحدث، حسبما نقلت عنه قناة الجزيرة، أن…
            if k > j and self._anonymity_aside(toks, k) is not None:
                break  # وقال دبلوماسي رفض الكشف عن هويته إن…
            if k > j and _in(n, lx.SPEAKER_STOPS) and not (
                n in lx.norm_keys("العام")
                and (_in(_head(toks[k - 1].norm), lx.ROLE_HEADS) or toks[k - 1].norm in GENERAL_ROLES)
                and not (nxt is not None and nxt.norm in YEAR_ADJECTIVES)
            ):
                break  # (not the adjective of a role: الأمين العام، المدعي العام، المدير العام)
            if k > j and n in lx.SAYING:
                break  # نقلت عن مدرب آخر اسمه كورنيل دينو ادعاءه بأن…
            if k > j and "\u064b" in t.text:
                break  # ووجه وزير التعليم تعميماً…: an indefinite accusative is the verb's object
            if n in lx.TO and nxt is not None and _in(nxt.norm, lx.THAT):
                break
            if (n in lx.FROM or n in lx.ON or n in lx.ABOUT) and nxt is not None and _in(nxt.norm, lx.THAT):
                break  # ذكرت الأسترالية على أن…، كشف المدرب عن أن…
            if n in lx.BY_SAYING:
                break  # فأجاب بقوله "…"
            if n in lx.ABOUT and (_in(cue_norm, lx.ABOUT_VERBS) or _in(cue_norm, lx.RELAY_VERBS)):
                break
            if n in lx.TO and k > j and _in(cue_norm, lx.POINT_VERBS) and not self._that_ahead(toks, k + 1, limit):
                break  # أشار الكاتب إلى تزامن…، وأشارت التاروتي إلى إقامة…: the speaker ends at إلى
            if n in lx.TO and k > j and _in(cue_norm, lx.ASCRIBE_VERBS):
                break  # نسبت الصحيفة إلى مسؤول قوله…
            if (
                n in lx.ON
                and not t.text.endswith("ي")
                and _in(cue_norm, lx.STRESS_VERBS)
                and k > j
                and not self._that_ahead(toks, k + 1, limit)
            ):
                break  # أكد الوزير على أهمية… (but أكد القائمون على الشركة بأنهم…: أن is the complement)
            if n in lx.FROM and _in(cue_norm, lx.WARN_VERBS) and k > j:
                break
            if n in CONCESSIVE:
                break
            if k > j and n in lx.FROM and nxt is not None and nxt.norm in SIDE_WORDS:
                break  # وعبر أهالي الضحايا من جانبهم عن…: "for their part" closes the speaker
            if k > j and n in lx.ADDRESSEES and _in(cue_norm, lx.norm_keys("أبلغ", "ابلغ", "أخبر", "اخبر")):
                break  # وأبلغ الوزير X الصحفيين أن…: the addressee, the verb's object, follows the speaker
            if n == "في" and nxt is not None and _setting(nxt.norm):
                break  # …المالكي في لقائه مع…، ريجي في المؤتمر الخاص
            if _setting(n) and not _has_article(n) and (k > j or n.endswith(("ه", "ها", "هم"))):
                break  # واختتم المدرب حديثه بقوله، وختم تصريحاته: the object of the verb, not its subject
            if (
                k > j
                and n in lx.norm_keys("على", "عبر", "في")
                and nxt is not None
                and (is_media_noun(nxt.norm) or any(m.start == nxt.start for m in self.media))
            ):
                break  # ذكرت إيران على الإذاعة الإيرانية أن…: the channel, not the speaker
            if k > j and n in lx.norm_keys("والتي", "واللتي", "والذي", "واللذي", "والذين"):
                break  # وقالت الوكالة واللتي دعت…: a new clause about the speaker
            if (
                k > j
                and n.startswith("ل")
                and (
                    n[1:] in lx.ADDRESSEES
                    or n[2:] in lx.ADDRESSEES
                    or (n in {"ل", "لـ"})
                    or any(m.start <= t.start < m.end and m.start == t.start for m in self.media)
                )
            ):
                break
            if (
                k > j
                and n in PUNCT_SKIP
                and nxt is not None
                and (
                    _in(nxt.norm, lx.THAT)
                    or nxt.norm == "في"
                    or _in(nxt.norm, lx.SPEAKER_STOPS)
                    or nxt.norm in RELATIVES
                )
            ):
                break  # (…، الذي يتنافس لفريق برودير: a relative clause after a comma describes the speaker)
            k += 1
        return k

    def _ends_with_name(self, toks: list[Token], j: int, k: int, limit: int) -> bool:
        """True if the speaker phrase ``toks[j:k]`` is complete before token ``k``: it ends with a
        personal name (a name run reaching its end, read as a person, or one word that ends a name
        met earlier in the article), so a frame word or a comma at ``k`` starts no part of it —
        unless, after a comma, an apposition follows (a role, a title, a definite word or another name)."""
        phrase = toks[j:k]
        run = self._name_run(phrase, strict=True)
        named = (run is not None and run[1] == len(phrase) and self._person_phrase(phrase)) or (
            self._known_person(phrase, toks[j].start) is not None
        )
        if not named:
            return False
        if toks[k].norm not in PUNCT_SKIP:
            return True
        nxt = toks[k + 1] if k + 1 < limit else None
        if nxt is None or not _is_word(nxt):
            return False
        after = toks[k + 2] if k + 2 < limit else None
        return not (
            _in(_head(nxt.norm), lx.ROLE_HEADS)
            or nxt.norm in TITLES
            or _in(nxt.norm, lx.HONORIFICS)
            or _nameish(nxt, after, True)
            or nxt.norm in RELATIVES
            or _has_article(nxt.norm)  # فون شتيتن، المنتمي إلى لجنة…: a definite apposition
        )

    @staticmethod
    def _listed_name_at(toks: list[Token], k: int) -> bool:
        """True if a person the gazetteer lists starts at token ``k`` (بان كي مون, not بأن)."""
        spans = match_spans([t.norm for t in toks[k : k + 4]])
        return any(start == 0 and kind == "PER" and end >= 2 for start, end, kind in spans)

    def _that_ahead(self, toks: list[Token], k: int, limit: int) -> bool:
        """True if إن/أن comes within 10 tokens after ``k`` with no punctuation or verb of saying before it."""
        for u in toks[k : min(limit, k + 10)]:
            if _in(u.norm, lx.THAT):
                return True
            if u.norm in PUNCT_SKIP or u.norm in {".", ":", "؛"} or u.start in self.open_at:
                return False
            if _in(u.norm, lx.CUE_VERBS):
                return False
        return False

    def _name_before_complement(self, toks: list[Token], k: int, after: int, limit: int) -> bool:
        """True if the quotation opened at token ``k`` (ending before ``after``) is a short name inside the
        frame: at most three words with no sentence mark, after a word of the clause (not a colon), and
        the clause's complementizer إن/أن follows it within ten tokens — frames and commas allowed, no
        other cue, participle, colon or quotation before it (the words said come after the name)."""
        r = self.open_at[toks[k].start]
        inner = self.text[r.open + 1 : r.close]
        if not r.closed or len(inner.split()) > 3 or any(c in inner for c in ".؟!:"):
            return False
        if k == 0 or not _is_word(toks[k - 1]):
            return False
        for u in toks[after : min(limit, after + 10)]:
            if _in(u.norm, lx.THAT):
                return True
            if u.norm in {".", "؟", "!", ":", "؛"} or u.start in self.open_at:
                return False
            if _in(u.norm, lx.CUE_VERBS) or _in(u.norm, lx.PARTICIPLES) or _in(u.norm, lx.SOURCE_MARKERS):
                return False
        return False

    def _complement(self, toks: list[Token], k: int, limit: int, cue_norm: str) -> tuple[str, int] | None:
        """Find the complement after ``k``: ('that'|'colon'|'quote'|'about'|'on', token index)."""
        first = k
        stop = min(limit, k + MAX_FRAME_TOKENS)
        while k < stop:
            t = toks[k]
            n = t.norm
            nxt = toks[k + 1] if k + 1 < limit else None
            if n in PUNCT_SKIP and nxt is not None and nxt.norm in RELATIVES:
                # وقال المتحدث، الذي طلب عدم ذكر اسمه، إن…: a relative clause about the speaker, up
                # to its closing comma, is skipped (its words are no cue and no quotation)
                close = next((m for m in range(k + 2, min(limit, k + 16)) if toks[m].norm in PUNCT_SKIP), None)
                if close is not None:
                    stop = min(limit, max(stop, close + 1 + MAX_FRAME_TOKENS // 2))
                    k = close + 1
                    continue
            aside = self._anonymity_aside(toks, k)
            if aside is not None:
                k = aside  # مسؤول طلب عدم الكشف عن اسمه بأن…: the aside is skipped
                continue
            marker = k + 1 if n in {"،", ","} else k if k > 0 and toks[k - 1].norm in {"،", ","} else None
            if (
                marker is not None
                and marker < limit
                and (_in(toks[marker].norm, lx.SOURCE_MARKERS) or _in(toks[marker].norm, lx.SOURCE_VERB_MARKERS))
                and toks[marker].norm not in lx.norm_keys("كما")
            ):
                # وقال X، بحسب ما نقلت عنه وكالة الأناضول، إن…: an attribution between commas names the
                # channel (its outlet goes to via); the complement follows its closing comma
                ends = {"،", ",", ".", ":", "؛"}
                close = next((m for m in range(marker + 1, min(limit, marker + 17)) if toks[m].norm in ends), None)
                if (
                    close is not None
                    and toks[close].norm in {"،", ","}
                    and not any(_in(u.norm, lx.THAT) for u in toks[marker + 1 : close])
                    and close + 1 < limit
                    and _in(toks[close + 1].norm, lx.THAT)
                ):
                    return "that", close + 1
            if n in {"،", ","} and nxt is not None and (
                _is_preposition(nxt) or nxt.norm in FRAME_TIMES or nxt.norm[:1].isdigit()
            ):
                # وقال المصدر، في اتصال هاتفي مع "سبوتنيك"، مساء اليوم الثلاثاء، 07 نوفمبر، 2017، إن…:
                # settings and times between commas; each one that closes with a comma, holding no
                # verb of saying, widens the reach for the complement
                close = next(
                    (m for m in range(k + 2, min(limit, k + 20)) if toks[m].norm in {"،", ",", ".", ":"}), None
                )
                if (
                    close is not None
                    and toks[close].norm in {"،", ","}
                    and not any(_in(u.norm, lx.CUE_VERBS) or _in(u.norm, lx.THAT) for u in toks[k + 1 : close])
                ):
                    stop = min(limit, max(stop, close + 1 + MAX_FRAME_TOKENS // 2))
            if t.start in self.open_at and (n == '"' or t.text in OPEN_MARKS):
                after = self._short_quoted(toks, k, limit, need_complement=True)
                named_thing = k > 0 and (
                    toks[k - 1].norm[:1] == "ل" or is_media_noun(toks[k - 1].norm) or toks[k - 1].norm in {"ل", "لـ"}
                )
                ahead = [u for u in toks[after:limit] if u.norm not in PUNCT_SKIP][:3] if after else []
                announced = any(u.norm == ":" or _in(u.norm, lx.THAT) or u.start in self.open_at for u in ahead)
                if after is not None and (
                    any(m.start <= t.end and m.end >= t.end for m in self.media) or (named_thing and announced)
                ):
                    k = after  # لـ”عين اليوم” أن…، لبرنامج "صدى الملاعب" :"…": a quoted name, the complement follows
                    continue
                titled = self._short_quoted(toks, k, limit, need_complement=False)
                before = next((u for u in reversed(toks[max(0, k - 2) : k]) if u.norm not in {":", "،", ","}), None)
                r = self.open_at[t.start]
                title_words = len(self.text[r.open + 1 : r.close].split())
                if before is not None and before.norm in TITLE_NOUNS and r.closed and title_words <= 12:
                    titled = self._index_after(toks, r.close + 1, k)  # (a title may run longer than a name)
                inner_words = normalize(self.text[r.open + 1 : r.close]).split()
                says_that = bool(inner_words) and _in(inner_words[0], lx.THAT)  # في بيان «إن…»: the words
                if after is not None and not says_that and self._name_before_complement(toks, k, after, limit):
                    # في تصريح عبر "تويتر" إن…، للاتحاد الدولي «فيفا» في زيوريخ، أنه…: a name; the
                    # complement it announces is within reach
                    k, stop = after, max(stop, min(limit, after + 11))
                    continue
                if titled is not None and before is not None and not says_that and (
                    (_is_preposition(before) and before.norm not in lx.norm_keys("ب", "ل", "ك"))
                    or _setting(before.norm)
                    or before.norm in TITLE_NOUNS
                ):
                    k = titled  # خلال جلسات النقاش في “منتدى أصيلة”، تحت عنوان: “…”: a name, not the words
                    continue
                return "quote", k
            if n == ":" and not (k > 0 and toks[k - 1].norm in TITLE_NOUNS):
                return "colon", k  # (not تحت عنوان: “…”, a title follows)
            if n == "(" and self._paren_quote(toks, k) is not None:
                return "paren", k  # وقال كيري في القاهرة (لا شك… أكثر أماناً).
            if n == "(" and k > 0 and _is_word(toks[k - 1]):
                close = next((m for m in range(k + 1, min(stop + 12, limit)) if toks[m].norm == ")"), None)
                if close is not None and close + 1 < limit and toks[k + 1].norm in RELATIVES:
                    k = close + 1  # وقال صياد عراقي (الذي طلب عدم ذكر اسمه) أنه…: an aside, skipped
                    continue
                gloss = self._bracket_gloss(toks, k, limit)
                if gloss is not None:
                    k = gloss[0]  # (إف. بي. أي.) إن…: a short gloss, its dots end nothing
                    continue
            if _in(n, lx.THAT):
                if k > 0 and (
                    toks[k - 1].norm in CONCESSIVE
                    or (toks[k - 1].norm in lx.FROM and k > 1 and toks[k - 2].norm in CONCESSIVE)
                ):
                    return None
                if k > 0 and n in lx.norm_keys("أن", "ان") and toks[k - 1].norm in TEMPORAL_BEFORE_THAT:
                    k += 1  # …، بعد أن جرى تداولها: "after", not what was said
                    continue
                return "that", k
            if (n in lx.TO or n in lx.FROM or n in lx.ON or n in lx.ABOUT) and nxt and _in(nxt.norm, lx.THAT):
                return "that", k + 1  # أشار إلى أن، حذر من أن، أكد على أن، كشف عن أن
            if n in lx.ABOUT and _in(cue_norm, lx.ABOUT_VERBS):
                return "about", k
            if n in lx.FROM and _in(cue_norm, lx.WARN_VERBS) and k + 1 < limit and _is_word(toks[k + 1]):
                return "warn", k  # وحذر من إصدار الفتاوى…
            if (
                n in lx.TO
                and _in(cue_norm, lx.POINT_VERBS)
                and nxt is not None
                and _abstract_noun(nxt.norm)
                and not self._that_ahead(toks, k + 1, limit)
            ):
                return "on", k  # وأشار إلى توسع التدريب…: what was pointed out (not أشار إلى التقرير)
            if n in lx.ON and (
                _in(cue_norm, lx.STRESS_VERBS)
                or _in(cue_norm, lx.norm_keys("مؤكدا", "مؤكدة", "مؤكدين", "مشددا", "مشددة"))
            ):
                return "on", k
            if n in {".", "؟", "!"} or _in(n, lx.PARTICIPLES):
                return None
            if _in(n, lx.CUE_VERBS) and n not in lx.AMBIGUOUS_CUES:
                return None
            if n in lx.norm_keys("والتي", "واللتي", "والذي", "واللذي", "والذين") and not any(
                _in(u.norm, lx.THAT) for u in toks[k + 1 : stop]
            ):
                return None  # وقالت الوكالة واللتي دعت البحارة "…": a new clause, not the complement
            k += 1
        setting = first < limit and (toks[first].norm in lx.norm_keys("في") or toks[first].norm in FRAME_OPENERS)
        if k == stop < limit and setting and not any(u.norm[:1] == "و" for u in toks[first:k]):
            # وشدد في مؤتمر صحفي مشترك عقده في جدة أمس مع نظيره المصري سامح شكري، على أن…: a setting
            # (في، خلال…) that fills the reach, holds no conjunction and is closed by a comma, the
            # complement right after the comma
            m = k + 1 if toks[k].norm in {"،", ","} else k if toks[k - 1].norm in {"،", ","} else None
            if m is not None and m < limit and _in(toks[m].norm, lx.THAT):
                return "that", m
            prepositions = lx.ON | lx.TO | lx.FROM | lx.ABOUT
            if m is not None and m + 1 < limit and toks[m].norm in prepositions and _in(toks[m + 1].norm, lx.THAT):
                return "that", m + 1
        return None

    def _clause_end(
        self, toks: list[Token], k: int, limit: int, sentence_end: int, short: bool = False, noun: bool = False
    ) -> int:
        """Character end of a content clause starting at token ``k``: the sentence end, or a comma
        before a participle, an attribution or a new statement (``short``: the first comma; ``noun``:
        a noun phrase, which also ends before رغم)."""
        ends_at_concessive = noun
        depth_end = -1
        for i in range(k, limit):
            t = toks[i]
            if t.start in self.open_at:
                depth_end = self.open_at[t.start].close
            if t.start <= depth_end:
                continue
            n = t.norm
            nxt = toks[i + 1] if i + 1 < limit else None
            run = i + 1
            while n == "." and run < limit and toks[run].norm == ".":
                run += 1  # الدواء.. وتكون: a run of dots ends the sentence like one
            if run > i + 1 and toks[i - 1].norm != "." and run < limit and toks[run].start > toks[run - 1].end:
                nxt = toks[run]  # (but الآسيوي..أنا, with no space, is an ellipsis inside the words)
            if (
                n in {".", "؟", "!"}
                and i > k
                and nxt is not None
                and _is_word(nxt)
                and "\u0621" <= nxt.norm[:1] <= "\u064a"  # (an Arabic word: not riyahdedu.org)
                and (
                    (len(toks[i - 1].norm) >= 3 and _is_word(toks[i - 1]))
                    or (toks[i - 1].norm in {")", '"', "»"} and run > i + 1)  # (على حد وصفها).. وجاء
                )
            ):
                return t.start  # …جانبي الطريق.لا توجد تقارير: a sentence end the splitter missed
            if n == "(" and i > k and self._credit_at(toks, i):
                return t.start  # …لن تتراجع (الفرنسية) وكان بوش…: a photo credit ends a caption, and the words
            if n in PUNCT_SKIP or n in {"؛"}:
                if short:
                    return t.start
                if nxt is not None and (
                    _in(nxt.norm, lx.PARTICIPLES)
                    or _in(nxt.norm, CLOSING_PARTICIPLES)
                    or _in(nxt.norm, lx.SOURCE_MARKERS)
                    or _in(nxt.norm, lx.SOURCE_VERB_MARKERS)
                    or nxt.norm in {"على", "وفق", "وفقا"}
                    or (_in(nxt.norm, lx.CUE_VERBS) and nxt.norm[:1] in "وف" and not _in(nxt.norm, lx.ESTIMATE_VERBS))
                    or (
                        nxt.norm in lx.norm_keys("لكن", "ولكن")
                        and i + 2 < limit
                        and any(p[0] == toks[i + 2].start for p in self.roles.people.get(self.article.id, []))
                    )
                    or (
                        (nxt.norm in CONTRAST_OPENERS or _in(nxt.norm, TURN_OPENERS))
                        and any(_in(u.norm, lx.CUE_VERBS) for u in toks[i + 2 : i + 6])
                        and self._complement_follows(toks, i + 2, limit, reach=12)
                    )
                    # …، فيما قدرته مجلة "ليكيب" بـ63 مليونا: another's estimate
                    or (nxt.norm in CONTRAST_OPENERS and i + 2 < limit and toks[i + 2].norm in lx.ESTIMATED_IT)
                ):
                    return t.start  # …، بينما أفاد آخرون أنه…: a new statement
            elif (
                _in(n, lx.PARTICIPLES)
                and i > k
                and nxt is not None
                and (_in(nxt.norm, lx.THAT) or (nxt.norm in lx.TO and i + 2 < limit and _in(toks[i + 2].norm, lx.THAT)))
            ):
                return toks[i - 1].end  # … الحجازية مشيرا أن…
            elif (
                i > k + 2
                and n in lx.norm_keys("وعن", "وحول", "وبشأن", "وبخصوص")
                and any(_in(u.norm, lx.CUE_VERBS) for u in toks[i + 1 : i + 14])
            ):
                return toks[i - 1].end  # …، وعن انخفاض مستوى المحترف قال المدرب: a new topic, a new statement
            elif (
                n in CAME_IN
                and i > k + 2
                and nxt is not None
                and nxt.norm in RESUMPTIVES
                and self._complement_follows(toks, i + 2, limit, reach=2)
            ):
                # …مسلسل كلام الناس حيث أرسل عسيري بيانا جاء فيه: a new text is quoted; the content
                # ends at the clause that introduces it
                boundaries = CLAUSE_OPENERS | PUNCT_SKIP
                back = next((m for m in range(i - 1, max(k, i - 8), -1) if toks[m].norm in boundaries), None)
                return toks[back - 1].end if back is not None and back > k else toks[i - 1].end
            elif _in(n, CLOSING_PARTICIPLES) and i > k + 1:
                return toks[i - 1].end  # …إنه مل المناكفات الفنية مطالباً زميله…
            elif n in lx.BY_SAYING and i > k:
                return toks[i - 1].end  # …لن تفاوض على الإفراج بقولها إنه…
            elif (
                i > k + 2
                and n[:1] in "وف"
                and _in(n, lx.CUE_VERBS)
                and not _in(n, lx.ESTIMATE_VERBS)
                and self._complement_follows(toks, i + 1, limit)
            ):
                return toks[i - 1].end  # …إعادة صياغة وذكر الاتحاد الأوروبي أنه…: a new statement
            elif (
                n in lx.norm_keys("لكنه", "لكنها", "لكنهم", "ولكنه", "ولكنها", "ولكنهم")
                and i > k
                and any(_in(u.norm, lx.CUE_VERBS) for u in toks[i + 1 : i + 3])
            ):
                return toks[i - 1].end  # …معارضة بلاده الحدود العليا لكنه قال إن…: his next statement
            elif (
                n in lx.norm_keys("إلا", "الا", "غير")
                and i > k
                and nxt is not None
                and nxt.norm in lx.norm_keys("أنه", "انه", "أنها", "انها")
                and i + 2 < limit
                and _in(toks[i + 2].norm, lx.CUE_VERBS)
            ):
                return toks[i - 1].end  # …ستدعم السوق، إلا أنه أكد أن…: his next statement
            elif (
                n in lx.norm_keys("إلا", "الا")
                and i > k + 2
                and nxt is not None
                and nxt.norm in lx.norm_keys("أن", "ان")  # (إلا أنه توفي: the same subject goes on)
                and not any(u.norm in NEGATIONS for u in toks[k:i])
            ):
                return toks[i - 1].end  # …مهتم بضم اللاعب إلا أن المدرب رفض: the narrator's "but" (not لا… إلا أن)
            elif (n in CONCESSIVE or n in lx.norm_keys("إلا", "لكن", "ولكن")) and i > k and ends_at_concessive:
                return toks[i - 1].end  # عبر عن سعادته بهذا الرد رغم أنه… / …إلا أن الفحوصات…
            elif (short or noun) and (_in(n, lx.CUE_VERBS) and n[:1] in "وف") and i > k:
                return toks[i - 1].end  # عبر عن اعتزازه بهذا الإنجاز وقال: «…»
        return sentence_end

    def _complement_follows(self, toks: list[Token], k: int, limit: int, reach: int = 8) -> bool:
        """True if إن/أن or a colon comes within ``reach`` tokens after ``k``, before any punctuation,
        or a quotation opens right at ``k`` (وقال "…")."""
        for u in toks[k : min(limit, k + reach)]:
            if _in(u.norm, lx.THAT) or u.norm == ":":
                return True
            if u.start in self.open_at:
                return u is toks[k] and self.open_at[u.start].closed
            if u.norm in PUNCT_SKIP or u.norm in {".", "؛", "؟", "!"}:
                return False
        return False

    # -- main -------------------------------------------------------------------------------

    def run(self) -> list[Quote]:
        for s in self.sentences:
            self._sentence(s, self.tokens(s))
        self._interview()
        return [self._quote(c) for c in self._dedupe()]

    # -- interviews in question-and-answer form ----------------------------------------------

    def _qa_lines(self) -> list[tuple[int, int, bool]]:
        """The article's paragraphs as ``(start, end, is_question)``, empty lines and lines of
        punctuation only left out. A question is a paragraph ending with ؟ — or, when the questions
        share a leading marker (•، *، -، ●), any paragraph opened by that marker (- أعانكم الله…)."""
        lines: list[tuple[int, int, str]] = []
        at = 0
        for line in self.text.split("\n"):
            start, end = at, at + len(line)
            at = end + 1
            stripped = line.strip()
            if not any(ch.isalpha() for ch in stripped):
                continue
            lead = _QA_MARKER.match(stripped)
            marker = lead.group(0).strip() if lead else ""
            lines.append((start + line.index(stripped[0]), start + len(line.rstrip()), marker))
        asks = [(a, b, m) for a, b, m in lines if self.text[a:b].rstrip(" .").endswith(("؟", "?"))]
        markers = [m for _a, _b, m in asks]
        marker = max(set(markers), key=markers.count) if markers else ""
        shared = bool(marker) and markers.count(marker) * 3 >= len(markers) * 2
        return [(a, b, (a, b, m) in asks or (shared and m == marker and len(self.text[a:b]) <= QA_MAX_QUESTION))
                for a, b, m in lines]

    def _subheading(self, start: int, end: int) -> bool:
        """A short paragraph (six words at most) that ends with no sentence mark: a heading."""
        line = self.text[start:end].strip()
        return len(line.split()) <= 6 and not line.endswith((".", "!", "؟", "?", "…"))

    def _interview(self) -> None:
        """A question-and-answer interview (حوار…، أجرته معه…): each answer is the interviewee's
        statement, direct, with the interviewing outlet as ``via``. An interview needs at least three
        questions each followed by an answer of some length, a word of interviewing before the first
        question, and an interviewee: the person the introduction's statements quote most, or a name
        set off by commas after a role or a definite word (هو الفنان السوري اللاجئ، رياض نواف الراضي،)."""
        lines = self._qa_lines()
        blocks: list[tuple[int, int, int]] = []  # (question's end, answer's start, answer's end)
        for n, (_a, b, question) in enumerate(lines):
            if not question:
                continue
            answer = list(itertools.takewhile(lambda x: not x[2], lines[n + 1 :]))
            while len(answer) > 1 and self._subheading(*answer[-1][:2]):
                answer.pop()  # (…المشروعات.⏎نقص الأيدي العاملة⏎- سؤال: the next part's heading)
            if answer:
                blocks.append((b, answer[0][0], answer[-1][1]))
        blocks = [x for x in blocks if x[2] - x[1] >= QA_MIN_ANSWER]
        if len(blocks) < QA_MIN_ANSWERS:
            return
        first_question = next(a for a, _b, question in lines if question)
        intro = self.text[:first_question]
        word = _INTERVIEW_WORD.search(intro)
        if word is None:
            return
        speaker = self._interviewee(first_question)
        if speaker is None:
            return
        media = [m for m in self.media if abs(m.start - word.start()) <= 60 and m.start < first_question]
        via = [media[0].canonical] if media else []
        inside = [(a, b) for _q, a, b in blocks]
        self.found = [c for c in self.found if not any(a <= c.content_start and c.content_end <= b for a, b in inside)]
        for q_end, a, b in blocks:
            start = a + len(_QA_MARKER.match(self.text[a:b]).group(0)) if _QA_MARKER.match(self.text[a:b]) else a
            cue = Token(QA_CUE, q_end - 1, q_end, QA_CUE)  # (the question the answer follows)
            sentence = next((x.i for x in self.sentences if x.start <= start < x.end), self.sentences[-1].i)
            self._attach_or_add(_Candidate(sentence, cue, speaker, None, start, b, True, list(via)))

    def _full_name(self, speaker: Speaker, min_words: int = 2) -> bool:
        """A person's name fit to stand for an interview's subject: every word could be a name's (no
        possessive, no function word, no role), and ``min_words`` words at least."""
        words = tokenize(speaker.name or "")
        if len(words) < min_words:
            return False
        return all(
            _nameish(t, None) or _in(t.norm, lx.NAME_PARTICLES) or _has_article(t.norm) for t in words
        ) and not any(_possessive(t) for t in words)

    def _interviewee(self, before: int) -> Speaker | None:
        """Who an interview's introduction (the text before offset ``before``) presents: the person its
        statements quote most, else a name of two to four words set off by commas after a role or a
        definite word."""
        quoted = [c for c in self.found if c.content_start < before and c.speaker and c.speaker.kind == "person"]
        # the person quoted in the sentence that names the interview (وقال اليافعي في حوار مع "الوطن" إن…)
        asked = [c.speaker for c in quoted if _INTERVIEW_WORD.search(self.sentences[c.sentence].text) and c.speaker]
        if asked and self._full_name(asked[-1], min_words=1):
            last = normalize((asked[-1].name or "").split()[-1])
            fuller = [c.speaker for c in quoted if c.speaker and normalize((c.speaker.name or "-").split()[-1]) == last]
            return max(fuller, key=lambda p: len(p.name or ""))
        people = [c.speaker for c in quoted if c.speaker and self._full_name(c.speaker)]
        if people:
            # the person quoted most (by the last word of the name: البدين, فيصل البدين), by the fullest form
            last = [normalize((p.name or "").split()[-1]) for p in people]
            top = max(last, key=last.count)
            return max((p for p, w in zip(people, last, strict=True) if w == top), key=lambda p: len(p.name or ""))
        for s in self.sentences:
            if s.start >= before:
                break
            toks = self.tokens(s)
            commas = [k for k, t in enumerate(toks) if t.norm in {"،", ","}]
            for c1, c2 in itertools.pairwise(commas):
                seg, prev = toks[c1 + 1 : c2], toks[c1 - 1] if c1 > 0 else None
                if not 2 <= len(seg) <= 4 or prev is None:
                    continue
                if not (_has_article(prev.norm) or _in(prev.norm, lx.ROLE_HEADS)):
                    continue
                # (a role or title in the words before the comma: هو الفنان السوري اللاجئ، not بهدوئه المعتاد،)
                titled = any(_in(_head(t.norm), lx.ROLE_HEADS) or t.norm in TITLES for t in toks[max(0, c1 - 4) : c1])
                run = self._name_run(seg)
                if (
                    titled
                    and run is not None
                    and run[0] <= 1
                    and run[1] >= len(seg) - 1
                    and all(_is_word(t) and not _is_preposition(t) for t in seg)
                    and not _in(_head(seg[-1].norm), lx.ROLE_HEADS)
                ):
                    # (رياض نواف الراضي، سامي فؤاد حداد: the apposition is the name, a given name or a
                    # surname that is also a common word included)
                    name = self.text[seg[0].start : seg[-1].end]
                    return Speaker(name, kind="person", name=name)
        return None

    def _sentence(self, s: Sentence, toks: list[Token]) -> None:
        limit = len(toks)
        self._quote_goes_on(s, toks)
        for i, t in enumerate(toks):
            if self._inside_quote(t.start):
                continue
            n = t.norm
            if _in(n, lx.SOURCE_MARKERS):
                self._attribution(s, toks, i, i + 1)
            elif (
                _in(n, lx.SOURCE_VERB_MARKERS)
                and n not in lx.norm_keys("كما")
                and i + 1 < limit
                and (_is_cue(toks[i + 1].norm) or self._shows_survey(toks, i + 1))
            ):
                self._attribution(s, toks, i, i + 2)
            elif (
                n in lx.WHAT
                and i > 0
                and toks[i - 1].norm in lx.norm_keys("بحسب", "وفق", "وفقا", "حسب", "على", "كما")
                and i + 1 < limit
                and _in(toks[i + 1].norm, lx.CUE_VERBS)
            ):
                continue  # handled with the marker (بحسب ما) or as quote-first (على ما قال)
            elif _in(n, lx.CALL_VERBS) and self._describe(s, toks, i):
                continue
            elif _in(n, lx.ACCUSE_VERBS):
                self._accuse(s, toks, i)
            elif _in(n, lx.CUE_VERBS):
                if (
                    i > 0
                    and toks[i - 1].norm in lx.WHAT
                    and i > 1
                    and toks[i - 2].norm in lx.norm_keys("بحسب", "وفق", "وفقا", "حسب")
                ):
                    continue
                if (
                    i > 0
                    and _in(toks[i - 1].norm, lx.SOURCE_VERB_MARKERS)
                    and toks[i - 1].norm not in lx.norm_keys("كما")
                ):
                    continue
                if i > 0 and _is_preposition(toks[i - 1]) and toks[i - 1].norm not in lx.WHAT:
                    continue  # في نقل وتطوير…: after a preposition the word is a noun, not a verb
                if any(
                    (aside := self._anonymity_aside(toks, m)) is not None and m < i < aside
                    for m in range(max(0, i - 3), i)
                ):
                    continue  # فضل عدم ذكر اسمه: a verbal noun inside the request not to be named
                opening = next((m for m in range(i - 1, max(-1, i - 8), -1) if toks[m].norm in {"(", ")"}), None)
                if (
                    opening is not None
                    and toks[opening].norm == "("
                    and opening + 1 < i
                    and toks[opening + 1].norm in RELATIVES
                ):
                    continue  # (الذي طلب عدم ذكر اسمه): a cue inside an aside about the speaker
                antecedent = self._antecedent(toks, i)
                if antecedent is not None:
                    self._verb(s, toks, i, antecedent)  # …، محمد علي حسيني الذي أضاف أن…
                    continue
                prev_norm = toks[i - 1].norm if i > 0 else ""
                if prev_norm[:1] in "وف" and len(prev_norm) == 3 and prev_norm[1:] in RELATIVE_BEFORE_CUE:
                    prev_norm = prev_norm[1:]  # فما، ومن: too short for _in
                if (
                    i > 0
                    and _in(prev_norm, RELATIVE_BEFORE_CUE)
                    and not (prev_norm in lx.WHAT and i > 1 and toks[i - 2].norm in lx.norm_keys("على", "كما"))
                    and not (prev_norm in RELATIVES and self._own_subject_after(toks, i))
                ):
                    continue  # فكل ما قال، من يقول، فما أُعلن يعني: a relative clause, not a statement
                letter = 2 if t.text[:1] in "وف" and len(t.text) > 3 else 1
                if len(t.text) > letter and t.text[letter] == "\u064f":
                    continue  # أُعلن، ذُكر: a passive (the first letter carries a damma), no speaker
                earlier = self._said_earlier(toks, i)
                if earlier is not None:
                    self._verb(s, toks, i, earlier)  # وسبق لصحيفة «X» أن أشارت إلى أن…: X said it before
                    continue
                if (
                    i > 0
                    and toks[i - 1].norm in lx.norm_keys("أن", "ان", "لم", "لن", "لا", "ولم", "ولا", "ولن")
                    and not (
                        toks[i - 1].norm in lx.norm_keys("أن", "ان")
                        and i > 1
                        and toks[i - 2].norm in lx.norm_keys("بعد", "وبعد", "منذ")
                        and _in(n, lx.PAST_CUE_VERBS)
                    )
                ):
                    continue  # لم يؤكدوا، أن يقول: negated or not asserted (بعد أن كشف is asserted)
                self._verb(s, toks, i)
            elif _in(n, lx.PARTICIPLES) or (
                n in lx.BY_SAYING and i > 0 and (_is_word(toks[i - 1]) or toks[i - 1].norm in {"،", ","})
            ):
                self._participle(s, toks, i)  # (…، بحجة أن…: the clause's subject too)
            elif n in CAME_IN and i + 2 < limit and (toks[i + 1].norm == "في" or toks[i + 1].norm in RESUMPTIVES):
                self._came_in(s, toks, i)
            elif (
                n in lx.CLAIM_PRESENT
                and not t.text.endswith("ى")  # (تدعى روث بيكر: "called", with its alif maqsura)
                and self._that_ahead(toks, i + 1, limit)
                and not any(u.norm in lx.norm_keys("إلا", "الا") for u in toks[i + 1 : i + 8])
                and not (i > 0 and (_is_preposition(toks[i - 1]) or toks[i - 1].norm in RELATIVE_BEFORE_CUE))
            ):
                self._verb(s, toks, i)  # وتدعي إيران أن…، شخص يدعي أنه… (not ويدعى X: "is called")
            elif (
                n in lx.ADDED_VERBS
                and i + 1 < limit
                and (toks[i + 1].norm == ":" or toks[i + 1].start in self.open_at or _in(toks[i + 1].norm, lx.THAT))
            ):
                self._verb(s, toks, i)  # وزاد "…": "he added", the previous speaker
            elif (
                n in lx.SHOW_VERBS
                and i + 1 < limit
                and _in(_head(toks[i + 1].norm), lx.SURVEY_HEADS)
                and self._that_ahead(toks, i + 1, limit)
                and not (i > 0 and toks[i - 1].norm in RELATIVE_BEFORE_CUE)
            ):
                self._verb(s, toks, i)  # وأظهر مسح لرويترز أن…: the survey's statement
            elif (
                n in lx.ESTIMATED_IT
                and not t.text.endswith("ة")  # (قدرة "ability", which normalizes like قدره)
                and not (i > 0 and toks[i - 1].norm in RELATIVE_BEFORE_CUE)
            ):
                self._estimate(s, toks, i)  # ولكن قدرتها وسائل الإعلام بنحو 44 مليون جنيه
            elif (
                self._shows_survey(toks, i)
                and n in lx.SHOW_VERBS
                and (i == 0 or toks[i - 1].norm in PUNCT_SKIP | {".", ":"} or n[:1] in "وف")
                and not self._that_ahead(toks, i + 1, limit)
            ):
                self._survey_object(s, toks, i)  # وأظهر مسح رسمي يوم السبت توقف النمو…

    def _quote_goes_on(self, s: Sentence, toks: list[Token]) -> None:
        """A sentence that is only a quotation, right after a direct quote, is the same speaker's
        (قال سيلبي: “…”. “…”)."""
        if not toks or toks[0].start not in self.open_at or not self.found:
            return
        prev = self.found[-1]
        r = self.open_at[toks[0].start]
        if not prev.direct or prev.sentence != s.i - 1 or self.text[r.close + 1 : s.end].strip(" .،,") != "":
            return
        between = self.text[max(prev.content_end, prev.end) : r.open]
        if between.strip(' .،,"”»\n') != "" and not self._apposition_only(between):
            return  # (between: the closing mark, or the cue and speaker of a quote-first «…»، قال X.)
        cand = _Candidate(s.i, prev.cue, prev.speaker, None, r.open + 1, r.close, True, list(prev.via))
        cand.start, cand.end = r.open, r.close + 1
        self._attach_or_add(cand)

    def _apposition_only(self, between: str) -> bool:
        """True if ``between`` (after a quote-first statement's speaker, before the next quotation) only
        describes that speaker (، أستاذ مشارك في جامعة ولاية بنسلفانيا .): opened by a comma, no cue,
        no quotation mark, no second sentence."""
        stripped = between.strip(" \n")
        if not stripped.startswith(("،", ",")) or any(ch in stripped for ch in '"«»“”:'):
            return False
        body = stripped.rstrip(" .")
        if any(ch in body for ch in ".؟!؛\n"):
            return False
        return not any(_in(t.norm, lx.CUE_VERBS) or _in(t.norm, lx.PARTICIPLES) for t in tokenize(body))

    def _quote_first(self, toks: list[Token], i: int) -> tuple[str, int, int] | None:
        """A statement ending right before cue ``i``: ('direct', start, end) for «…»، قال X, or
        ('indirect', …) for …، على ما قال X / …، كما قال X."""
        k = i - 1
        connector = False
        while k >= 0 and (toks[k].norm in PUNCT_SKIP or toks[k].norm in lx.norm_keys("كما", "ما", "على")):
            connector = connector or toks[k].norm in lx.norm_keys("كما", "ما")
            k -= 1
        if k < 0:
            return None
        t = toks[k]
        if t.start in self.close_at:
            r = self.close_at[t.start]
            return "direct", r.open + 1, r.close
        if connector and k < i - 1 and not _in(toks[i].norm, lx.norm_keys(*EXPECT_CUES)):
            sentence_start = toks[0].start
            done = [c.end for c in self.found if c.content_start >= sentence_start and c.end <= t.end]
            start = max([sentence_start, *done])
            return "indirect", start, t.end
        return None

    def _inside_found(self, s: Sentence, offset: int) -> bool:
        """True if ``offset`` lies inside the content of a statement already found in sentence ``s``."""
        return any(c.sentence == s.i and c.content_start <= offset < c.content_end for c in self.found)

    def _group_antecedent(self, toks: list[Token], k: int) -> tuple[Speaker, tuple[int, int]] | None:
        """The group a plural relative at ``k`` refers to: the nearest group noun before it (a group
        head such as المسؤولون، خبراء, or a definite sound plural: المحتجون، اللاعبين) within the clause,
        with the words that follow it up to the relative."""
        for m in range(k - 1, max(-1, k - 8), -1):
            n = toks[m].norm
            if n in PUNCT_SKIP or n in {".", ":", "؛"} or _in(n, lx.CUE_VERBS):
                return None
            plural = _has_article(n) and n.endswith(("ون", "ين", "ات")) and len(n) > 6
            if _in(_head(n), lx.GROUP_HEADS) or plural:
                phrase = toks[m:k]
                speaker = self._make_speaker(phrase)
                if speaker is None:
                    return None
                return speaker, (phrase[0].start, phrase[-1].end)
        return None

    def _previous_subject(self, s: Sentence, cue_norm: str) -> Speaker | None:
        """The subject of the sentence before ``s`` when it opens with its verb and that verb agrees with
        ``cue_norm`` (وأحجمت وزارة الدفاع عن التعليق. وكانت اعترفت بأنه…): a body, role, group or person
        the story is about, for a كان + verb with no subject of its own. None when a statement was made
        in that sentence (the last speaker then stands)."""
        prev = next((x for x in self.sentences if x.i == s.i - 1), None)
        if prev is None or any(c.sentence == prev.i for c in self.found):
            return None
        toks = self.tokens(prev)
        if len(toks) < 3 or not _is_word(toks[0]) or (_has_article(toks[0].norm) and not _hamza_verb(toks[0])):
            return None
        wanted = _agreement(cue_norm)
        verb = toks[0].norm[1:] if toks[0].norm[:1] in "وف" else toks[0].norm
        feminine = verb.endswith("ت") or (verb.startswith("ت") and len(verb) >= 4)
        if wanted not in {"m", "f"} or feminine != (wanted == "f"):
            return None
        end = self._speaker_end(toks, 1, len(toks), "")
        phrase = toks[1:end]
        cut = next((m for m, u in enumerate(phrase) if m > 0 and (_is_preposition(u) or u.norm == "(")), None)
        phrase = phrase[:cut] if cut is not None else phrase  # (عن التعليق: the verb's complement)
        if not phrase or len(phrase) > 8 or not self._reads_as_speaker(phrase):
            return None
        return self._make_speaker(phrase)

    def _said_earlier(self, toks: list[Token], i: int) -> tuple[Speaker, tuple[int, int]] | None:
        """سبق لـ X أن + past cue ``i`` (وسبق لصحيفة «أوستادو» أن أشارت…، كما سبق للوزير أن أكد…): X
        said it earlier — an asserted statement, X its speaker (the object of ل)."""
        if i < 3 or toks[i - 1].norm not in lx.norm_keys("أن", "ان") or not _in(toks[i].norm, lx.PAST_CUE_VERBS):
            return None
        m = next((m for m in range(i - 2, max(-1, i - 12), -1) if toks[m].norm in SABAQA), None)
        if m is None or not toks[m + 1].norm.startswith("ل") or m + 1 >= i - 1:
            return None
        phrase = [self._without_lam(toks[m + 1]), *toks[m + 2 : i - 1]]
        if any(u.norm in {".", "؛", ":"} or _in(u.norm, lx.CUE_VERBS) for u in phrase):
            return None
        speaker = self._make_speaker(phrase)
        if speaker is None:
            return None
        return speaker, (phrase[0].start, phrase[-1].end)

    @staticmethod
    def _own_subject_after(toks: list[Token], i: int) -> bool:
        """True if cue ``i`` after a relative pronoun has a subject of its own right after it — a group,
        document or outlet (الذي أشارت تقارير إلى أنه…، التي ذكرت مصادر أن…): the relative is its
        object, and the clause is a statement of that subject."""
        return i + 1 < len(toks) and (
            any(_in(_head(toks[i + 1].norm), keys) for keys in (lx.GROUP_HEADS, lx.DOCUMENT_HEADS))
            or is_media_noun(toks[i + 1].norm)
        )

    def _antecedent(self, toks: list[Token], i: int) -> tuple[Speaker, tuple[int, int]] | None:
        """The person a relative pronoun before cue ``i`` refers to (…، محمد علي حسيني الذي أضاف أيضا
        أن…؛ المعلق قدري حسن، الذي عاد وعبر…): a name ending right before الذي/التي."""
        k = i - 1
        if k >= 0 and toks[k].norm in lx.norm_keys("عاد", "ثم"):
            k -= 1  # الذي عاد وعبر
        if k >= 1 and toks[k].norm in lx.norm_keys("الذين", "والذين") and toks[k - 1].norm not in PUNCT_SKIP:
            return self._group_antecedent(toks, k)  # الجماعات المدافعة عن البيئة الذين يقولون إن…
        if k >= 1 and toks[k].norm in lx.norm_keys("الذين") and toks[k - 1].norm in {"،", ","}:
            # عدد المصطافين الذين لم يتمكنوا من إيجاد سكن، الذين عبروا عن…: a second relative clause after
            # a comma goes back to the first one's antecedent
            first = next(
                (m for m in range(k - 2, max(0, k - 16), -1) if toks[m].norm in lx.norm_keys("الذين")), None
            )
            if first is not None and first >= 1 and toks[first - 1].norm not in PUNCT_SKIP and not any(
                u.norm in {".", "؛", ":"} or _in(u.norm, lx.CUE_VERBS) for u in toks[first:k]
            ):
                return self._group_antecedent(toks, first)
        if k < 1 or toks[k].norm not in lx.norm_keys("الذي", "التي", "والذي", "والتي"):
            return None
        if self._own_subject_after(toks, i):
            return None  # X، الذي أشارت تقارير إلى أنه…: the clause has a subject of its own
        end = k - 1
        if toks[end].norm in {"،", ","}:
            if toks[k].norm[:1] == "و":
                return None  # …في ديفون، والذي كشف…: after a comma والذي goes back to an earlier noun
            end -= 1
        start = end
        while start >= 0 and end - start < 8 and toks[start].norm not in PUNCT_SKIP | {".", "؛", ":"}:
            start -= 1
        phrase: list[Token] = []
        run = None
        for first in range(start + 1, end + 1):  # the longest phrase whose name ends at the relative
            phrase = toks[first : end + 1]
            run = self._name_run(phrase, strict=True)
            if run is not None and (
                run[1] == len(phrase) or (run[1] - run[0] >= 2 and run[1] == len(phrase) - 1)
            ):
                break  # (محمد علي حسيني: the run may miss a last word the corpus also writes with ال)
            run = None
        if run is None or not phrase:
            return None
        name_toks = phrase[run[0] :]
        titled = any(_in(_head(t.norm), lx.ROLE_HEADS) or t.norm in TITLES for t in phrase[: run[0]])
        if not self._named(name_toks) and not titled:
            return None  # وفي الوقت الذي قال فيه…: not a name (لرئيس النادي كريستيان بيك الذي: a role names it)
        speaker = self._make_speaker(name_toks)
        if speaker is None or speaker.kind != "person":
            return None
        return speaker, (name_toks[0].start, name_toks[-1].end)

    def _verb(
        self, s: Sentence, toks: list[Token], i: int, antecedent: tuple[Speaker, tuple[int, int]] | None = None
    ) -> None:
        limit = len(toks)
        cue = toks[i]
        cue_norm = cue.norm
        if self._inside_found(s, cue.start):
            return  # reported speech inside reported speech (X قال إن Y يشير إلى…)
        if (i > 0 and toks[i - 1].norm in PASSIVE_AUX) or (i + 1 < len(toks) and toks[i + 1].norm == "النقاب"):
            return  # وقد تم كشف النقاب عن نصب…: a passive, an unveiling — no one speaks
        if _in(cue_norm, lx.AMBIGUOUS_CUES):
            ahead: list[str] = []
            for u in toks[i + 1 : i + 9]:  # the speaker may come between: وعبر مدرب الإكوادور رينالدو عن
                if u.norm in PUNCT_SKIP or u.norm in {".", ":"} or _in(u.norm, lx.THAT):
                    ahead.append(u.norm)
                    break
                ahead.append(u.norm)
            bare = cue_norm[1:] if cue_norm[:1] in "وف" and cue_norm[1:] in lx.AMBIGUOUS_CUES else cue_norm
            # وبين الحوشان أن…: a person (named before, or with a name's evidence) between بين and أن
            named_between = (
                bare == "بين"
                and 2 <= len(ahead) <= 6
                and _in(ahead[-1], lx.THAT)
                and not any(n[:1] == "و" or n in PUNCT_SKIP for n in ahead[1:-1])
                and (
                    self._known_person(toks[i + 1 : i + len(ahead)], cue.start) is not None
                    or toks[i + 1].norm in TITLES
                    or toks[i + 1].norm in PRONOUN_HONORIFICS  # وبين سموه أن…
                    or _in(_head(toks[i + 1].norm), lx.ROLE_HEADS)
                )
            )
            if not ahead or not (_in(ahead[0], lx.THAT) or (bare == "عبر" and "عن" in ahead) or named_between):
                return
            between = toks[i + 1 : i + 1 + ahead.index("عن")] if "عن" in ahead else []
            if len(between) > 2 and not (_has_article(between[0].norm) or self._named_or_titled(between)):
                return  # عبر نشر التفاهة…: the preposition "through", not "expressed"
        # subject before the verb (وكان البيت الأبيض قد حذر…): what follows the verb is its object,
        # unless a speaker phrase follows it (…، حيث تقول بعض الجماعات: …)
        before, before_span = self._subject_before(toks, i)
        j, via = self._skip_frames(toks, i + 1, limit)
        if j < limit and j == i + 1 and _in(toks[j].norm, SERIAL_SAYING):
            j, more = self._skip_frames(toks, j + 1, limit)  # وتابع يقول إنه…، ومضى قائلا: one statement
            via += more
        k = self._speaker_end(toks, j, limit, cue_norm)
        if before is not None and (
            k == j
            or (i > 0 and toks[i - 1].norm in lx.norm_keys("قد", "لقد"))
            # وكان X قال في وقت سابق أن…: a frame follows the verb, not a subject
            or (_is_preposition(toks[j]) and self._complement_follows(toks, j, limit))
            # وكانت الأمم المتحدة حذرت من…، وكان الوزير أعرب عن…: the preposition the verb governs
            or _governed_preposition(cue_norm, toks[j].norm)
        ):
            k = j
        else:
            before = None
        if antecedent is not None:
            before, before_span = antecedent
            k = j
        resumptive = i + 1 < limit and toks[i + 1].norm in RESUMPTIVES
        q = i - 1 if i > 0 and toks[i - 1].norm in lx.norm_keys("قد", "وقد", "فقد", "لقد") else i
        clause_initial = (
            q == 0
            or cue_norm[:1] in "وف"
            or (q < i and toks[q].norm[:1] in "وف")  # وقد أجاب على سؤال آخر أنه…
            or toks[q - 1].norm in PUNCT_SKIP | {".", "؛", ":"}
            or toks[q - 1].norm in CLAUSE_OPENERS
            or self._after_connective(toks, q)
        )
        if (
            before is None
            and not resumptive
            and cue_norm[:1] not in "وف"
            and i >= 2
            and toks[i - 1].norm in {"،", ","}
            and (k == j or _is_preposition(toks[j]) or self._no_subject_after(toks[j:k]))
        ):
            # رئيس أمانة الاتفاقية ، إيفو دي بوير ، أكد من البداية أن…: a bare verb after a comma has
            # its subject before it, set off by commas
            before, before_span = self._apposed_subject(toks, i - 1)
            if before is not None:
                k = j
        if before is None and not resumptive and clause_initial and k > j and _is_preposition(toks[j]):
            k = j  # وقال في … : a frame, the subject was dropped
        elif (
            before is None
            and not resumptive
            and clause_initial
            and k > j > i + 1
            and toks[j - 1].norm in FRAME_OPENERS
            and self._complement_follows(toks, j, limit, reach=12)
        ):
            k = j  # وقال خلال اجتماعه بالجهاز الفني ان…: the frame's noun, the subject was dropped
        elif before is None and not resumptive and not clause_initial and self._no_subject_after(toks[j:k]):
            # X تقول إن… / X قالت في بيان إن…: the subject stands at the clause's start (translated
            # and sports news); what follows the verb is a frame or its object
            before, before_span = self._subject_at_clause_start(toks, i)
            if before is not None:
                k = j
            elif k > j and (not self._plausible_speaker(toks[j:k]) or toks[j].norm in DEMONSTRATIVES):
                return  # أكدت الفحوصات عدم تمكنه…، يرى هذا على أنه: an object, no speaker
            elif k > j and _is_preposition(toks[j]):
                k = j  # ذكروا على الموقع: no subject after the verb (a continuation, if any)
        speaker_toks = toks[j:k]
        honorific: Speaker | None = None
        if len(speaker_toks) == 1 and speaker_toks[0].norm in PRONOUN_HONORIFICS:
            honorific = self._honorific_person(speaker_toks[0].norm, cue.start)
            speaker_toks = []  # وقال سماحته: the person the title names, else the previous speaker
        if before is None and speaker_toks and not self._speakerish(speaker_toks):
            speaker_toks, k = [], j  # حذرت بطريقة أعذر من أنذر…: no one is named after the verb
        relayed_by: list[str] = []
        if k + 1 < limit and toks[k].norm in lx.norm_keys("نقلا") and toks[k + 1].norm in lx.ABOUT:
            # وذكر موقع «باز فيد»، نقلا عن مسؤول تنفيذي، أن…: the site relays the official's words
            relayed_by = [m.canonical for m in self._media_in(toks[j].start, toks[k].start)] if k > j else []
            j2 = k + 2
            k = self._speaker_end(toks, j2, limit, "قال")
            speaker_toks = toks[j2:k]
        ascribed = _in(cue_norm, lx.ASCRIBE_VERBS)
        if ascribed and not (
            k + 1 < limit
            and toks[k].norm in lx.TO
            and any(u.norm in lx.SAYING for u in toks[k + 1 : min(limit, k + MAX_SPEAKER_TOKENS)])
        ):
            return  # نسبت الشرطة الحادث إلى…: "ascribed", no words relayed
        relay_from = k < limit and (toks[k].norm in lx.ABOUT or (ascribed and toks[k].norm in lx.TO))
        if _in(cue_norm, lx.RELAY_VERBS) and relay_from:
            relayed_by = [m.canonical for m in self._media_in(toks[j].start, toks[k].start)] if k > j else []
            # ونقلت وسائل إعلام بريطانية عن…: the media at large, as written
            media_at_large = k - j >= 2 and toks[j].norm in lx.MEDIA_AT_LARGE and toks[j + 1].norm in lx.MEDIA_MASS
            if not relayed_by and k > j and (is_media_noun(toks[j].norm) or media_at_large) and k - j <= 4:
                # ونقلت الصحيفة عن…: the outlet named before; ونقل التلفزيون الرسمي عن…: as written
                anaphor = self._media_anaphor(toks[j:k], toks[j].start)
                whole = _has_article(toks[j].norm) or media_at_large
                named = toks[j + 1 : k] if k - j >= 2 and not whole else toks[j:k]
                relayed_by = [anaphor or self._span_text(named[0].start, named[-1].end)]  # (صحيفة X → X)
            j2 = k + 1
            k = self._speaker_end(toks, j2, limit, "قال")
            speaker_toks = toks[j2:k]
            while k < limit and (toks[k].norm in lx.SAYING or toks[k].norm in PUNCT_SKIP):
                k += 1
        if (
            resumptive
            and before is None
            and _in(cue_norm, lx.OBJECT_VERBS)
            and self._objectish(toks, i + 2)
            and not self._that_ahead(toks, i + 2, limit)
            and self._plain_object(s, toks, i, j, k, before, before_span, via)
        ):
            return  # ألقى X كلمة أكد فيها أهمية الحفاظ على…: what was affirmed follows the resumptive
        comp = self._complement(toks, k, limit, cue_norm)
        if (
            comp is None
            and _in(cue_norm, lx.OBJECT_VERBS)
            and self._quote_first(toks, i) is None
            and self._plain_object(s, toks, i, j, k, before, before_span, via)
        ):
            return
        if comp is None and before is None and _in(cue_norm, SHOW_VERBS) and k - j >= 3:
            m = self._object_after_speaker(toks[j:k], possessive=True)
            if m is not None:
                self._add_object(s, toks, cue, toks[j : j + m], j + m, via)  # وأبدى X عدم ارتياحه للقرار
                return
        if comp is None:
            before_count = len(self.found)
            self._verb_after_statement(s, toks, i)
            if len(self.found) == before_count and k > j and before is None:
                speaker = self._make_speaker(toks[j:k])
                if speaker is not None and speaker.kind == "person" and self._named_or_titled(toks[j:k]):
                    self.announced.append((toks[k - 1].end, speaker))  # صرح وزير الخارجية اللورد تريسمان ، واضاف
            return
        kind, c = comp
        if (
            kind == "about"
            and before is None
            and len(speaker_toks) >= 2
            and c == k
            and speaker_toks[-1].text.endswith(("ه", "ها", "هم", "هما"))
            and not speaker_toks[-1].text.endswith("ة")
            and not self._named(speaker_toks[-1:])
            and _pronoun_noun(speaker_toks[-1].norm)
        ):
            # وأعلن تنظيم القاعدة مسؤوليته عن الهجمات: a noun with the subject's pronoun is the
            # object, and what was said starts with it
            speaker_toks = speaker_toks[:-1]
            k -= 1
            c = k - 1
        if kind == "on" and before is None and len(speaker_toks) >= 2 and _in(cue_norm, lx.STRESS_VERBS):
            m = self._object_after_speaker(speaker_toks)
            if m is not None:
                # وأكد كارتر حرص بلاده على تعزيز…: the على belongs to the object the speaker phrase ran into
                self._add_object(s, toks, cue, speaker_toks[:m], toks.index(speaker_toks[m]), via)
                return
        weak_complement = kind not in {"that", "colon", "quote", "paren"}
        if before is None and k - j > 8 and weak_complement and not self._plausible_speaker(toks[j:k]):
            return  # وأكدت الفحوصات عدم تمكن اللاعب من… على…: an object runs into a stray على
        if kind == "warn" and len(speaker_toks) > 3 and not any(_in(t.norm, lx.ROLE_HEADS) for t in speaker_toks):
            return  # وحذر البيت الأبيض كوريا الشمالية من إبرام…: speaker and object cannot be told apart
        speaker: Speaker | None = None
        span = None
        if before is not None:
            speaker, span = before, before_span
        elif speaker_toks:
            speaker = self._make_speaker(speaker_toks)
            span = (speaker_toks[0].start, speaker_toks[-1].end)
            if len(speaker_toks) == 1 and speaker_toks[0].norm in LATTER:
                speaker = self._latter(cue.start) or speaker  # بعد أن أعلن الأخير عن…: the person named last
        if speaker is None and resumptive:
            speaker = self._event_speaker(toks, i)  # وأصدرت مور بيانا قالت فيه: «…»، أعرب خلاله عن
        if speaker is None and honorific is not None:
            speaker = honorific
        kana_before = q > 0 and toks[q - 1].norm in lx.norm_keys("كان", "كانت", "وكان", "وكانت", "فكان", "فكانت")
        if speaker is None and kana_before and k == j and q - 1 == 0:
            speaker = self._previous_subject(s, cue_norm)  # وأحجمت الوزارة عن التعليق. وكانت اعترفت بأنه…
        if speaker is None and (_in(cue_norm, lx.CONTINUATION_VERBS) or (kana_before and k == j)):
            speaker = self._last_speaker(cue.start, cue_norm)
        if speaker is None and q > 1 and toks[q - 1].norm in lx.norm_keys("حيث", "وحيث", "إذ") and k == j:
            # واجتمع أحمدي نجاد مع المعتقلين في مؤتمر صحفي حيث أعلن أن…: the clause after حيث goes on
            # with the subject of the sentence's first verb
            speaker = self._clause_subject(toks, q - 1)
        if speaker is None:
            return
        if speaker.name is None and speaker.kind in {"role", "organization"} and span is not None and c > k:
            # صاحب الحملة… فجر الخميس خليفة خلفان إن: the name comes after a time phrase
            frame = [u for u in toks[k:c] if u.norm not in PUNCT_SKIP]
            run = self._name_run(frame)
            if run is not None and run[1] == len(frame) and _in(frame[0].norm, lx.SPEAKER_STOPS):
                name = self.text[frame[run[0]].start : frame[run[1] - 1].end]
                speaker = Speaker(self.text[span[0] : frame[-1].end], kind="person", name=name, role=speaker.text)
                span = (span[0], frame[-1].end)
        frame_media = [
            m.canonical
            for m in self._media_in(cue.end, toks[c].start)
            # (not an outlet inside the speaker phrase that only says where he works: الكاتب في صحيفة الرياض)
            if not (span is not None and span[0] <= m.start < span[1] and not self._told_at(m.start))
            and not self._affiliation_at(m.start)
        ]
        if speaker.kind == "source" and speaker.name in frame_media:
            frame_media.remove(speaker.name)
        via = relayed_by + via + [v for v in frame_media if v not in via]
        # وفي تصريح للجزيرة نت قال X إن…: an outlet told the words in a frame that opens the clause
        back = max([0, *(m + 1 for m in range(max(0, i - 9), i) if toks[m].norm in {".", "؛", ";", ":"})])
        if before is None and i - back <= 9 and not any(_is_cue(u.norm) for u in toks[back:i]):
            for m in self._media_in(toks[back].start, cue.start):
                if self._told_at(m.start) and m.canonical not in via and m.canonical != speaker.name:
                    via.append(m.canonical)
        content = self._content(toks, c, kind, limit, s.end)
        if content is None:
            return
        cstart, cend, direct = content
        outlet_like = (speaker.kind == "source" and speaker.name is not None) or (
            speaker.kind == "organization" and len(speaker.text.split()) == 1
        )
        if kind == "that" and not direct and outlet_like:
            inner = self._relayed(s, toks, cstart, cend, speaker, via)
            if inner is not None:
                self._attach_or_add(inner)  # أبلغت الأسترالية أن موقعا… صرح بأن…: the site's words, via the paper
                return
        self._attach_or_add(_Candidate(s.i, cue, speaker, span, cstart, cend, direct, via))

    @staticmethod
    def _after_connective(toks: list[Token], q: int) -> bool:
        """True if a discourse connective that opens the sentence or a clause ends right before ``q``
        (من جهة أخرى قال…، إلى ذلك أكد…، في غضون ذلك قالت…، وفي المقابل أوضح…): what follows
        starts a clause."""
        if q < 2 or toks[q - 1].norm not in CONNECTIVE_TAILS:
            return False
        for p in (q - 2, q - 3):
            if p >= 0 and _is_preposition(toks[p]):
                return p == 0 or toks[p - 1].norm in PUNCT_SKIP | {".", "؛", ":"} or toks[p - 1].norm in CLAUSE_OPENERS
        return False

    def _accuse(self, s: Sentence, toks: list[Token], i: int) -> None:
        """اتهم حسن عسيري زميله المالكي باستنساخ…، اتهمت الصين الأمانة بفتح…: the accuser is the named
        subject (after the verb, or before it), the statement is the accused with the charge (بـ…)."""
        limit = len(toks)
        if self._inside_found(s, toks[i].start) or (i > 0 and toks[i - 1].norm in lx.norm_keys("لم", "لا", "لن")):
            return
        before, before_span = (None, None)
        if i > 0 and not _in(toks[i - 1].norm, lx.SPEAKER_STOPS):  # (عندما اتهم X: the subject follows)
            before, before_span = self._subject_before(toks, i)
        j, via = self._skip_frames(toks, i + 1, limit)
        if before is not None:
            speaker, span, o = before, before_span, j
        else:
            window = toks[j : j + 6]
            run = self._name_run(window, strict=True)
            places = [m for m in match_spans([t.norm for t in window]) if m[0] == 0 and m[2] in {"LOC", "ORG"}]
            if places and (run is None or run[0] != 0):
                run = (0, places[0][1])  # اتهمت الصين الأمانة بـ…: a country or a body
            elif run is None or not self._person_phrase(window[: run[1]]) or not self._named(window[run[0] : run[1]]):
                return
            o = j + run[1]
            speaker = self._make_speaker(toks[j:o])
            span = (toks[j].start, toks[o - 1].end)
        if speaker is None or o >= limit or not _is_word(toks[o]):
            return
        charge = None
        for m in range(o + 1, min(limit, o + 8)):
            u = toks[m]
            if u.norm in PUNCT_SKIP or u.norm in {".", "؛", ":"}:
                break
            if u.norm[:1] == "ب" and len(u.norm) > 3 and not _in(u.norm, lx.THAT):
                charge = m
                break
        if charge is None:
            return
        end = self._clause_end(toks, o, limit, s.end, noun=True)
        self._attach_or_add(_Candidate(s.i, toks[i], speaker, span, toks[o].start, end, False, via))

    def _came_in(self, s: Sentence, toks: list[Token], i: int) -> None:
        """وجاء في البيان: «…»، وجاء في خبر الوكالة: (…)، ورد في التقرير أن…: the words of a document
        or an outlet, which is the speaker."""
        limit = len(toks)
        if toks[i + 1].norm in RESUMPTIVES:
            # أرسل عسيري بيانا صحفيا جاء فيه: «…»: the sender of the text that was just named
            comp = self._complement(toks, i + 2, limit, "قال")
            opener = max([0, *(m + 1 for m in range(i) if toks[m].norm in CLAUSE_OPENERS | PUNCT_SKIP)])
            clause = toks[opener : i + 1]
            speaker = self._clause_subject(clause, len(clause) - 1) if len(clause) > 2 else None
            if comp is None or comp[0] not in {"colon", "quote", "that"} or speaker is None:
                return
            content = self._content(toks, comp[1], comp[0], limit, s.end)
            if content is not None:
                self._attach_or_add(_Candidate(s.i, toks[i], speaker, None, content[0], content[1], content[2]))
            return
        j = i + 2
        k = self._speaker_end(toks, j, limit, "قال")
        if k == j or k - j > 8:
            return
        comp = self._complement(toks, k, limit, "قال")
        if comp is None or comp[0] not in {"that", "colon", "quote", "paren"}:
            return
        phrase = toks[j:k]
        heads = [_head(t.norm) for t in phrase[:2]]
        if not (
            any(_in(h, lx.DOCUMENT_HEADS) or is_media_noun(h) for h in heads)
            or self._media_in(phrase[0].start, phrase[-1].end)
            or self._media_anaphor(phrase, phrase[0].start) is not None
        ):
            return  # وجاء في المرتبة الثانية…: not a text that says something
        speaker = self._make_speaker(phrase)
        if speaker is not None and not (speaker.kind == "source" and speaker.name):
            for m in range(1, len(phrase)):
                inner = self._make_speaker(phrase[m:])
                if inner is not None and inner.kind == "source" and inner.name:
                    speaker = Speaker(speaker.text, kind="source", name=inner.name)  # خبر الوكالة → the agency
                    break
        content = self._content(toks, comp[1], comp[0], limit, s.end)
        if speaker is None or content is None:
            return
        self._attach_or_add(
            _Candidate(s.i, toks[i], speaker, (phrase[0].start, phrase[-1].end), content[0], content[1], content[2])
        )

    def _add_object(
        self, s: Sentence, toks: list[Token], cue: Token, phrase: list[Token], o: int, via: list[str]
    ) -> None:
        """A statement of the speaker ``phrase`` whose words are the noun phrase at token ``o`` to the
        clause's end."""
        speaker = self._make_speaker(phrase)
        if speaker is None:
            return
        end = self._clause_end(toks, o, len(toks), s.end, noun=True)
        media = [m.canonical for m in self._media_in(cue.end, toks[o].start)]
        span = (phrase[0].start, phrase[-1].end)
        self._attach_or_add(
            _Candidate(s.i, cue, speaker, span, toks[o].start, end, False, via + [v for v in media if v not in via])
        )

    def _objectish(self, toks: list[Token], o: int) -> bool:
        """True if token ``o`` can open a noun phrase that is what was affirmed or denied (تضامن
        دولة…، جاهزية فريقه، عقد اجتماع، وجود…): an indefinite common word in construct with what
        follows — not a name, a role, a title, a preposition or a verb."""
        if o + 1 >= len(toks):
            return False
        t = toks[o]
        n = t.norm
        if not _is_word(t) or not _is_word(toks[o + 1]) or _has_article(n) or n[:1].isdigit():
            return False
        if _is_preposition(t) or n in DEMONSTRATIVES or n in PRONOUN_HONORIFICS or _in(n, lx.THAT):
            return False
        if any(_in(_head(n), keys) for keys in (lx.ROLE_HEADS, lx.GROUP_HEADS, lx.HONORIFICS, TITLES)):
            return False
        if _in(n, lx.CUE_VERBS) or _in(n, lx.PARTICIPLES) or _in(n, lx.SPEAKER_STOPS):
            return False
        if any(m.start <= t.start < m.end for m in self.mentions):
            return False
        return frequency(n) >= 30 and n not in gazetteer().name_parts

    def _object_after_speaker(self, phrase: list[Token], possessive: bool = False) -> int | None:
        """Index in ``phrase`` (the words between a cue and its complement) where what was affirmed
        starts when the speaker phrase ran into it: a speaker — a name run ending there (with evidence,
        or of two words or more), or a role, title, group or body phrase ending with a definite word —
        then an indefinite common noun in construct with a definite word, a possessive or a listed
        place (وأكد كارتر حرص بلاده على…، وأكد الوزير عادل الجبير حرص المملكة على…، وأبدى الأمين العام
        عدم ارتياحه). ``possessive``: the object must carry the speaker's pronoun (أبدى ارتياحه)."""
        for m in range(1, len(phrase) - 1):
            nxt = phrase[m + 1]
            if not self._objectish(phrase, m) or _is_preposition(nxt) or _behind_preposition(phrase[m]):
                continue  # (مدير الفريق الأول لكرة القدم: a prepositional phrase of the role, no object)
            # أهمية مشروع قناة السويس: a construct chain of indefinite nouns closed by a definite word
            c = m + 1
            while c < min(len(phrase) - 1, m + 4) and self._objectish(phrase, c):
                c += 1
            chain = c > m + 1 and c < len(phrase) and _has_article(phrase[c].norm)
            strong = _has_article(nxt.norm) or _possessive(nxt) or any(a == 0 for a, _b, _t in match_spans([nxt.norm]))
            if not (strong or chain):
                continue
            if possessive and not (_possessive(phrase[m]) or _possessive(nxt)):
                continue
            head = phrase[:m]
            if not self._speakerish(head) or any(not _is_word(t) for t in head) or head[-1].norm in TITLES:
                continue  # (وزير التعليم الدكتور عزام الدخيّل: a title is followed by a name, no object)
            run = self._name_run(head)
            if run is not None and run[1] == m and (strong or run[1] - run[0] >= 2):
                # (after a chain the name has two words: إيهاب مميش أهمية مشروع…, not إيهاب + مميش أهمية…)
                name = head[run[0] :]
                own = _possessive(phrase[m]) or _possessive(nxt)  # (حرص بلاده: the object names its speaker)
                if run[0] == 0 and (m >= 2 or own or self._named(name) or self._known_person(name, name[0].start)):
                    return m
                if run[0] > 0 and (_in(_head(head[0].norm), lx.ROLE_HEADS) or head[0].norm in TITLES):
                    return m  # الوزير عادل الجبير حرص…: a role, then the name
            lead = _head(head[0].norm)
            if (
                run is None
                and _has_article(head[-1].norm)
                and (any(_in(lead, k) for k in (lx.ROLE_HEADS, lx.GROUP_HEADS)) or _org_head(head[0].norm))
            ):
                return m  # الأمين العام عدم ارتياحه، الوزارة حرص…
        return None

    def _plain_object(
        self,
        s: Sentence,
        toks: list[Token],
        i: int,
        j: int,
        k: int,
        before: Speaker | None,
        before_span: tuple[int, int] | None,
        via: list[str],
    ) -> bool:
        """أكد / نفى with a noun phrase for what was affirmed (no أن, no colon): وأكد تضامن دولة…
        (the previous speaker), أكد فيه عقد اجتماع (the event's speaker), وأكد دونيس خلال المؤتمر…،
        جاهزية فريقه (the speaker, a frame, a comma, the object), X أكد وجود…. True if added."""
        limit = len(toks)
        cue = toks[i]
        speaker: Speaker | None = None
        span: tuple[int, int] | None = None
        o: int | None = None
        if i + 1 < limit and toks[i + 1].norm in RESUMPTIVES:
            if self._objectish(toks, i + 2):
                o, speaker = i + 2, self._event_speaker(toks, i)
        elif before is not None:
            if self._objectish(toks, j):
                o, speaker, span = j, before, before_span
        elif (
            (cue.norm[:1] in "وف" or (i > 0 and toks[i - 1].norm in PRONOUN_OPENERS))
            and self._objectish(toks, j)
            and self._known_person(toks[j : j + 1], cue.start) is None  # (وأكد شكري التزام…: a person named before)
        ):
            o, speaker = j, self._last_speaker(cue.start, cue.norm)  # (لكنها نفت نشرها النص: the last speaker)
        elif (
            k > j
            and self._named_or_titled(toks[j:k])
            and (
                k >= limit
                or _is_preposition(toks[k])
                or toks[k].norm in PUNCT_SKIP
                or _in(toks[k].norm, lx.SPEAKER_STOPS)
            )
        ):
            for m in range(k, min(limit - 1, k + MAX_FRAME_TOKENS)):
                u = toks[m]
                if u.norm in {".", "؛", ":", "؟", "!"} or _in(u.norm, lx.CUE_VERBS) or _in(u.norm, lx.PARTICIPLES):
                    break
                if u.norm in {"،", ","} and self._objectish(toks, m + 1):
                    o = m + 1
                    speaker = self._make_speaker(toks[j:k])
                    span = (toks[j].start, toks[k - 1].end)
                    break
        if o is None and before is None and k > j:
            # ونفى المتحدث وجود خلافات، وأكد الوزير أهمية التعاون: the speaker phrase ends at a definite
            # word and what was affirmed follows it without a comma (the phrase-end rules ran into it)
            for m in range(j + 1, min(k + 1, limit - 1)):
                phrase = toks[j:m]
                run = self._name_run(phrase) if m - j >= 2 else None
                # (ونفى المتحدث باسم البيت الأبيض سكوت ماكليلان وجود…: a role, then a name ending the phrase)
                role_and_name = (
                    run is not None
                    and run[0] > 0
                    and run[1] == len(phrase)
                    and _in(_head(phrase[0].norm), lx.ROLE_HEADS)
                )
                # (وأكد سامح شكري التزام مصر…، وأكد شكري التزام…: a name with evidence, or the last word of
                # a person named before, is the whole phrase)
                whole_name = (run == (0, len(phrase)) and self._named(phrase)) or (
                    len(phrase) == 1 and self._known_person(phrase, phrase[0].start) is not None
                )
                if (
                    # (كما أكد مسؤول آخر وجود…: "another" closes an indefinite speaker phrase)
                    (_has_article(toks[m - 1].norm) or role_and_name or whole_name or toks[m - 1].norm in lx.ANOTHER)
                    and not any(  # لاعب المنتخب وسام حمدان: a role and its name, written together
                        p[0] <= toks[m].start < p[1] for p in self.roles.people.get(self.article.id, [])
                    )
                    and self._objectish(toks, m)
                    and self._speakerish(phrase)
                    and (
                        self._named_or_titled(phrase)
                        or any(_in(_head(phrase[0].norm), keys) for keys in (lx.ROLE_HEADS, lx.GROUP_HEADS))
                        or _org_head(phrase[0].norm)
                    )
                ):
                    o, speaker, span = m, self._make_speaker(phrase), (phrase[0].start, phrase[-1].end)
                    break
        if o is None or speaker is None:
            return False
        end = self._clause_end(toks, o, limit, s.end, noun=True)
        media = [m.canonical for m in self._media_in(cue.end, toks[o].start)]
        self._attach_or_add(
            _Candidate(s.i, cue, speaker, span, toks[o].start, end, False, via + [v for v in media if v not in via])
        )
        return True

    def _relayed(
        self, s: Sentence, toks: list[Token], cstart: int, cend: int, outlet: Speaker, via: list[str]
    ) -> _Candidate | None:
        """The statement an outlet reports (X reported that Y said that Z): Y's words with X as a
        ``via`` — when the reported clause opens with a speaker phrase, a cue and its complement."""
        first = next((k for k, t in enumerate(toks) if t.start >= cstart), None)
        if first is None:
            return None
        for v in range(first + 1, min(len(toks), first + 16)):
            t = toks[v]
            if t.start >= cend or t.norm in {".", "؛"}:
                return None
            if self._inside_quote(t.start) or not _in(t.norm, lx.CUE_VERBS) or t.norm[:1] in "وف":
                continue
            phrase = [u for u in toks[first:v] if u.norm not in PUNCT_SKIP]
            if not phrase or not self._reads_as_speaker(phrase):
                return None
            if len(phrase) > 8 and not is_media_noun(phrase[0].norm) and not self._plausible_speaker(phrase):
                return None
            comp = self._complement(toks, v + 1, len(toks), t.norm)
            if comp is None or comp[0] not in {"that", "colon", "quote"}:
                return None
            content = self._content(toks, comp[1], comp[0], len(toks), s.end)
            speaker = self._make_speaker(phrase)
            if content is None or speaker is None:
                return None
            channel = outlet.name or outlet.text
            return _Candidate(
                s.i,
                t,
                speaker,
                (phrase[0].start, phrase[-1].end),
                content[0],
                content[1],
                content[2],
                [channel, *(x for x in via if x != channel)],
            )
        return None

    def _reads_as_speaker(self, phrase: list[Token]) -> bool:
        """A phrase that can be a speaker: a person, or headed by a role, group, document, organization
        or outlet word (موقع على شبكة الإنترنت…، المتحدث باسم…، مصادر…)."""
        head = _head(phrase[0].norm)
        return (
            self._person_phrase(phrase)
            or _org_head(phrase[0].norm)
            or is_media_noun(phrase[0].norm)
            or any(_in(head, keys) for keys in (lx.ROLE_HEADS, lx.GROUP_HEADS, lx.DOCUMENT_HEADS))
        )

    def _describe(self, s: Sentence, toks: list[Token], i: int) -> bool:
        """وصفت الحادث بأنه "عمل استفزازي"، دعا الاحتجاز "خرقا واضحا"، دعت البحارة "بالمتمردين": a
        statement of the clause's subject (or the last speaker) calling its object by a name. True
        if the construction was found (a statement is then added when a speaker is known)."""
        limit = len(toks)
        if self._inside_found(s, toks[i].start) or i + 2 >= limit:
            return False
        b = None
        for k in range(i + 2, min(limit, i + 16)):
            t = toks[k]
            quoted = t.start in self.open_at or (k > 0 and toks[k - 1].start in self.open_at)
            mark = k if t.start in self.open_at else k - 1
            told = mark > 0 and (toks[mark - 1].norm in {"ل", "لـ"} or is_media_noun(toks[mark - 1].norm))
            by_name = (
                _in(toks[i].norm, lx.DESCRIBE_VERBS | lx.norm_keys("وصف", "وصفت", "وصفوا"))
                and k > i + 1
                and t.norm.startswith("بال")
                and len(t.norm) > 5
            )
            if (t.norm[:1] == "ب" and t.norm[1:] in lx.THAT) or (quoted and k > i + 1 and not told) or by_name:
                b = k  # (ووصف الوزير الاجتماع بالمثمر: وصف + object + بالـ, a name given without بأنه)
                break
            if t.norm in {".", "؛", ":"} or _in(t.norm, lx.THAT) or (t.norm in PUNCT_SKIP and k < i + 7):
                break
        calls = not _in(toks[i].norm, lx.norm_keys("وصف", "وصفت", "وصفوا", "يصف", "تصف", "يصفون"))
        if b is None or any(u.norm in lx.TO for u in toks[i + 1 : (min(limit, b + 12) if calls else b)]):
            return False  # (ودعا X إلى «…»، وتدعو الأنشودة "…" الى اللجوء: a call, not a name given)
        speaker, span = self._subject_at_clause_start(toks, i)
        first = i + 1
        if speaker is None:
            # ودعا رئيس الوزراء البريطاني توني بلير احتجاز البحارة بأنه…: the subject follows the verb,
            # a role and a name (or a name), then the object
            phrase = toks[i + 1 : b]
            run = self._name_run(phrase)
            if (
                run is not None
                and 0 < run[1] < len(phrase)
                and (run[0] == 0 or _in(_head(phrase[0].norm), lx.ROLE_HEADS) or phrase[0].norm in TITLES)
                and self._named_or_titled(phrase[: run[1]])
                and _is_word(phrase[run[1]])
            ):
                subject = phrase[: run[1]]
                speaker, span = self._make_speaker(subject), (subject[0].start, subject[-1].end)
                first = i + 1 + run[1]
            elif (
                run is None
                and 2 <= len(phrase) <= 6
                and all(_is_word(u) for u in phrase)
                and (
                    any(_in(_head(phrase[0].norm), keys) for keys in (lx.ROLE_HEADS, lx.GROUP_HEADS))
                    or _org_head(phrase[0].norm)
                )
                and _has_article(phrase[-1].norm)
            ):
                # ووصف الوزير القرار بأنه…، ووصفت وزارة الخارجية الفرنسية الهجوم بأنه…: a role or group
                # subject, then the object — its last definite noun (with an adjective in ي/ية before ب)
                o = len(phrase) - 1
                if o >= 2 and phrase[o].norm.endswith(("ي", "يه")) and _has_article(phrase[o - 1].norm):
                    o -= 1
                subject = phrase[:o]
                speaker, span = self._make_speaker(subject), (subject[0].start, subject[-1].end)
                first = i + 1 + o
        if speaker is None and b > i + 7:
            return False
        if speaker is None:
            speaker, span = self._last_speaker(toks[i].start), None
        if speaker is None:
            return True
        start = toks[first].start
        end = self._clause_end(toks, first, limit, s.end, noun=True)
        self._attach_or_add(_Candidate(s.i, toks[i], speaker, span, start, end, False, []))
        return True

    def _verb_after_statement(self, s: Sentence, toks: list[Token], i: int) -> None:
        """A cue with no complement after it closes the statement before it: «…»، قال سيلبي /
        …، على ما قال بوتين / …، كما قال X."""
        limit = len(toks)
        cue = toks[i]
        first = self._quote_first(toks, i)
        if first is None:
            return
        mode, cstart, cend = first
        j, via = self._skip_frames(toks, i + 1, limit)
        k = self._speaker_end(toks, j, limit, cue.norm)
        speaker_toks = toks[j:k]
        speaker = self._make_speaker(speaker_toks) if speaker_toks else None
        span = (speaker_toks[0].start, speaker_toks[-1].end) if speaker_toks else None
        if speaker is None and _in(cue.norm, lx.CONTINUATION_VERBS):
            speaker = self._last_speaker(cstart, cue.norm)
        if speaker is None:
            return
        end = toks[min(k, limit - 1)].end
        via += [m.canonical for m in self._media_in(cue.end, end) if m.canonical != speaker.name]
        # the statement may already be known (قال بوتين إن…، على ما قال…): then this only adds via
        cstart, cend = self._trim(cstart, cend)
        for c in self.found:
            if c.content_start == cstart and c.content_end == cend:
                c.via.extend(v for v in via if v not in c.via)
                if c.speaker_span is None and span is not None and speaker_toks:
                    # واضاف "…"، وقال المتحدث X: the speaker named after the quotation, not the last one
                    c.speaker, c.speaker_span = speaker, span
                    c.end = max(c.end, span[1])
                return
        self._attach_or_add(_Candidate(s.i, cue, speaker, span, cstart, cend, mode == "direct", via))

    def _paren_quote(self, toks: list[Token], k: int) -> tuple[int, int] | None:
        """(start, end) inside parentheses opened at token ``k`` when they hold words said (≥ 5
        words, closing at the end of the sentence), not an aside such as (62 عاما)."""
        close = next((i for i in range(k + 1, len(toks)) if toks[i].norm == ")"), None)
        if close is None or close - k - 1 < 5:
            return None
        if [t for t in toks[close + 1 :] if t.norm not in {".", "،", ","}]:
            return None
        return toks[k].end, toks[close].start

    def _paren_over_sentences(self, open_offset: int) -> tuple[int, int] | None:
        """(start, end) inside parentheses opened at ``open_offset`` after a colon that close later in
        the same paragraph, past sentence ends (وجاء في خبر الوكالة:(… . …)): ≥ 5 words, nothing
        nested, and the closing one ends a sentence or the paragraph."""
        para_end = self.text.find("\n", open_offset)
        para_end = len(self.text) if para_end == -1 else para_end
        close = self.text.find(")", open_offset + 1, para_end)
        if close == -1:
            return None
        inner = self.text[open_offset + 1 : close]
        if "(" in inner or len(inner.split()) < 5:
            return None
        after = self.text[close + 1 : para_end].lstrip()
        if after and after[0] not in ".،,؛":
            return None
        return open_offset + 1, close

    def _content(
        self, toks: list[Token], c: int, kind: str, limit: int, sentence_end: int
    ) -> tuple[int, int, bool] | None:
        """Content span after complement ``c`` of ``kind``: (start, end, direct)."""
        if kind == "paren":
            inner = self._paren_quote(toks, c)
            return None if inner is None else (inner[0], inner[1], True)
        if kind == "colon" and c + 1 < limit and toks[c + 1].start in self.open_at:
            kind, c = "quote", c + 1
        if kind == "colon" and c + 1 < limit and toks[c + 1].norm == "(":
            inner = self._paren_quote(toks, c + 1) or self._paren_over_sentences(toks[c + 1].start)
            if inner is not None:
                return inner[0], inner[1], True  # وقال: (أنا مو فاضي…).
        if kind == "quote":
            r = self.open_at[toks[c].start]
            return r.open + 1, r.close, True
        if kind == "that":
            t = toks[c]
            start_tok = c if _in(t.norm, lx.THAT_WITH_PRONOUN) and not t.norm.endswith("ن") else c + 1
            if start_tok >= limit:
                return None
            end = self._clause_end(toks, start_tok, limit, sentence_end)
            start = toks[start_tok].start
            if start_tok == c and t.norm[:1] == "ب":
                start += 1
            if start_tok == c and c + 1 < limit and toks[c + 1].start in self.open_at:
                start_tok = c + 1  # قائلا إنه «…»: the quotation is the content
            paren = self._paren_quote(toks, start_tok) if toks[start_tok].norm == "(" else None
            if paren is not None:
                return paren[0], paren[1], True
            if toks[start_tok].start in self.open_at:
                r = self.open_at[toks[start_tok].start]
                if r.close + 1 >= end - 1 or self.text[r.close + 1 : end].strip(' .،,"”»') == "":
                    return r.open + 1, r.close, True
            return start, end, False
        if kind == "warn":
            kind = "about"
        if kind == "colon" and c + 1 >= limit:
            # والسيدة نورث تقول :\n"…"; وتابع:\n- … \n- …: the paragraph (or the list) after the line's colon
            return self._quote_after(toks[c].end) or self._paragraph_after(toks[c].end)
        if kind in {"about", "on", "colon"}:
            if c + 1 >= limit:
                return None
            end = self._clause_end(toks, c + 1, limit, sentence_end, noun=kind != "colon")
            start = toks[c + 1].start
            if kind == "colon":
                return start, end, False
            return start, end, False
        return None

    def _paragraph_after(self, offset: int) -> tuple[int, int, bool] | None:
        """The run of list items after a colon that ends its line (وتابع:\n- …\n- …): the words
        announced, indirect."""
        text = self.text
        k = offset
        while k < len(text) and text[k] in " \t\u200f":
            k += 1
        if k >= len(text) or text[k] != "\n":
            return None
        while k < len(text) and text[k] in " \t\n\u200f":
            k += 1
        if k >= len(text):
            return None
        listed = text[k] in LIST_MARKERS
        if not listed:
            return None  # (a plain paragraph after a colon is as often a poem's line or a story's dialogue)

        def line_end(at: int) -> int:
            e = text.find("\n", at)
            return len(text) if e < 0 else e

        end = line_end(k)
        while listed:
            m = end
            while m < len(text) and text[m] in " \t\n\u200f":
                m += 1
            if m >= len(text) or text[m] not in LIST_MARKERS:
                break
            end = line_end(m)
        start = k
        while start < end and (text[start] in LIST_MARKERS or text[start] in " \t"):
            start += 1
        while end > start and text[end - 1] in " \t\u200f":
            end -= 1
        if len(text[start:end].split()) < 4:
            return None
        return start, end, False

    def _quote_after(self, offset: int) -> tuple[int, int, bool] | None:
        """The quotation opening right after ``offset`` (only spaces or a new line between): the
        words announced by a colon that ends its sentence."""
        k = offset
        while k < len(self.text) and self.text[k] in " \t\n\u200f":
            k += 1
        r = self.open_at.get(k)
        if r is None or not r.closed:
            return None
        return r.open + 1, r.close, True

    def _subject_before(self, toks: list[Token], i: int) -> tuple[Speaker | None, tuple[int, int] | None]:
        """Subject written before the cue: وكان بوتين أعلن، فإن الرئيس الروسي أوضح، لكن X صرّح."""
        openers = lx.norm_keys(
            "كان", "كانت", "وكان", "وكانت", "فكان", "فإن", "لكن", "ولكن", "بينما", "فيما", "أما", "وأما"
        )
        k = i - 1
        while k >= 0 and toks[k].norm in lx.norm_keys("قد", "لقد"):
            k -= 1
        comma = k >= 0 and toks[k].norm in {"،", ","}
        if comma:
            k -= 1
        if k < 0 or not _is_word(toks[k]):
            return None, None
        j = k
        while j >= 0 and i - j <= 10 and toks[j].norm not in openers and toks[j].norm not in {".", "؛"}:
            j -= 1
        if j < 0 or toks[j].norm not in openers or j >= k:
            return None, None
        if any(_in(t.norm, lx.THAT) or _in(t.norm, lx.CUE_VERBS) or t.norm in lx.WHAT for t in toks[j + 1 : k + 1]):
            return None, None  # …إذا كان يمكن توضيح ما قصده فأجاب: no subject
        subj = [t for t in toks[j + 1 : k + 1] if not (_in(t.norm, lx.SPEAKER_STOPS) and t is not toks[j + 1])]
        subj = self._trim_times(subj)
        if not subj:
            return None, None
        if comma and not (_in(subj[0].norm, lx.ROLE_HEADS) or _nameish(subj[0], subj[1] if len(subj) > 1 else None)):
            return None, None  # …عما إذا كان هو وكيم سيناقشان الأسلحة، قال بوتين: not a subject
        return self._make_speaker(subj), (subj[0].start, subj[-1].end)

    @staticmethod
    def _trim_times(toks: list[Token]) -> list[Token]:
        out: list[Token] = []
        for t in toks:
            if out and (_in(t.norm, lx.SPEAKER_STOPS) or t.norm in PUNCT_SKIP):
                break
            out.append(t)
        return out

    def _participle(self, s: Sentence, toks: list[Token], i: int) -> None:
        limit = len(toks)
        cue = toks[i]
        comp = self._complement(toks, i + 1, limit, cue.norm)
        if comp is None:
            # مؤكدين وقوف الجميع…: a plain object right after the participle; واصفا المحاولات بالبائسة،
            # واصفين رحلتهم ب «…»: an object and the name it is given after ب (as ووصف الاجتماع بالمثمر)
            if (
                not (_in(cue.norm, lx.norm_keys("مؤكدا", "مؤكدة", "مؤكدين")) or self._named_by(toks, i))
                or i + 1 >= limit
                or not _is_word(toks[i + 1])
                or _is_preposition(toks[i + 1])
            ):
                return  # (مؤكدا في لقاء…: a frame, not the object)
            comp = ("on", i)
        kind, c = comp
        opens_clause = i == 0 or not _is_word(toks[i - 1]) or cue.norm[:1] == "و"
        # قائلا / بالقول say nothing else: they need no comma before them (وأشاد بالمعسكر قائلا: «…»)
        says = _in(cue.norm, lx.norm_keys("قائلا", "قائلة", "قائلين")) or cue.norm in lx.BY_SAYING
        if not opens_clause and not says and not (kind == "that" and c - i <= 2):
            return
        if c - i > 10 and not (i + 1 < limit and _is_preposition(toks[i + 1]) and kind == "that"):
            return  # مضيفه على دعوته: a noun that looks like a participle, not a cue (but مؤكدا في لقاء… بأن)
        # the speaker: the statement before in this sentence, else the subject of its first verb
        speaker: Speaker | None = None
        went_on: _Candidate | None = None  # the statement the participle goes on from
        for cand in reversed(self.found):
            if cand.sentence == s.i and cand.content_start < cue.start:
                speaker = cand.speaker
                went_on = cand
                # …، ورحب الأمين العام بان كي مون بالاتفاق، قائلا: a person named as a clause's
                # subject after that statement is the one who goes on speaking
                named = [
                    p
                    for p in self.roles.people.get(self.article.id, [])
                    if cand.end <= p[0] and p[1] <= cue.start and self._opens_clause(p[0])
                ]
                if named and cand.content_end <= named[-1][0]:
                    speaker = Speaker(named[-1][2], kind="person", name=named[-1][2])
                    went_on = None
                break
        if speaker is None:
            # an earlier speaker named again in this sentence (الميمان الذي بدوره ثمّن…، مؤكدا)
            clause_start = max([s.start, *(t.end for t in toks[:i] if t.norm in {"؛", ";"})])
            said = normalize(self.text[clause_start : cue.start]).split()
            for cand in reversed(self.found):
                sp = cand.speaker
                last = normalize(sp.name.split()[-1]) if sp is not None and sp.name else ""
                if len(last) > 2 and last in said:
                    speaker = sp
                    break
        if speaker is None:
            # المهندسة الشابة سارة العمري رأت…، مؤكدة: a clause opening with its subject (SVO)
            speaker = self._clause_topic(toks, i, verb_first=False) or self._clause_subject(toks, i)
        if speaker is None:
            # سعى وزير الخارجية الأمريكي جون كيري…، مؤكدا أنه: the person the clause named with a role
            named = [
                p
                for p in self.roles.people.get(self.article.id, [])
                if s.start <= p[0] and p[1] <= cue.start and self._role_agrees(p[0], cue.norm)
            ]
            if named:
                speaker = Speaker(named[-1][2], kind="person", name=named[-1][2])
        if speaker is None and i == 0 and s.i > 0:
            # واصلت أسر الصيادين مطالبتها… . مؤكدة أن…: a participle opening a sentence goes on from the
            # clause of the sentence before (its subject, when the verb agrees)
            before_toks = self.tokens(self.sentences[s.i - 1])
            while before_toks and before_toks[-1].norm in {".", "!", "؟"}:
                before_toks = before_toks[:-1]
            # (…، بينما واصلت أسر الصيادين…: the clause after the last contrast opener)
            opener = [k for k, u in enumerate(before_toks) if u.norm in CONTRAST_OPENERS]
            before_toks = before_toks[opener[-1] + 1 :] if opener else before_toks
            if before_toks and not any(c.sentence == s.i - 1 for c in self.found):
                speaker = self._clause_topic([*before_toks, cue], len(before_toks))
        if speaker is None and self.found and self.found[-1].sentence >= s.i - 2:
            speaker = self.found[-1].speaker
            went_on = self.found[-1]
        if speaker is None:
            speaker = self._clause_topic(toks, i)
        if speaker is None:
            return
        via = [m.canonical for m in self._media_in(cue.end, toks[c].start)]
        if went_on is not None and went_on.speaker is speaker:
            # وقال مسؤول لوكالة الصحافة الفرنسية: «…»، مشيرا إلى أن…: the words go on to the outlet
            # they were told to (an outlet that relayed them, بحسب/نقلت, is not carried over)
            told = [
                m.canonical
                for m in self._media_in(went_on.cue.start, went_on.content_start)
                if self._told_at(m.start) and m.canonical in went_on.via
            ]
            via += [v for v in told if v not in via]
        content = self._content(toks, c, kind, limit, s.end)
        if content is None:
            return
        self._attach_or_add(_Candidate(s.i, cue, speaker, None, content[0], content[1], content[2], via))

    def _named_by(self, toks: list[Token], i: int) -> bool:
        """True if the participle at ``i`` is واصفا (its five forms) and an object of one to four words
        is given a name after ب: بالـ + a word, or ب before a quotation (واصفا إياه بالفاشل is none: a
        pronoun object, the name is of someone already quoted)."""
        if not _in(toks[i].norm, DESCRIBING_PARTICIPLES) or i + 1 >= len(toks) or toks[i + 1].norm in {"اياه", "اياها"}:
            return False
        for m in range(i + 2, min(len(toks), i + 6)):
            u = toks[m]
            if not _is_word(u) and u.norm not in {"ب", "بـ"}:
                return False
            if (u.norm.startswith("بال") and len(u.norm) > 5) or (
                u.norm in {"ب", "بـ"} and m + 1 < len(toks) and toks[m + 1].start in self.open_at
            ):
                return True
        return False

    def _role_agrees(self, role_start: int, participle: str) -> bool:
        """False when the role word written before a person (الفنان محمد عبده) and the participle
        (مشيرة) disagree in gender: a feminine role ends in ة, a masculine one does not."""
        wanted = _agreement(participle)
        first = normalize(self.text[role_start : role_start + 40]).split()[:1]
        if wanted not in {"m", "f"} or not first:
            return True
        return first[0].endswith("ه") == (wanted == "f")

    def _clause_topic(self, toks: list[Token], i: int, verb_first: bool = True) -> Speaker | None:
        """The subject of a clause whose verb is no cue, for participle ``i`` that goes on from it:
        a definite noun phrase opening the clause before its verb (الرسامة الهنوف النزاوي رأت أن…،
        مؤكدة) or right after it (وعرضت الصفحة…، كاشفة؛ رشحت وكالة الأنباء الفرنسية…، مشيرة). The
        verb must agree with the participle (she: a verb in ت; he: none; they: وا/ون), so an object
        or a fronted frame is not taken for who spoke."""
        wanted = _agreement(toks[i].norm)
        if wanted not in {"m", "f"}:
            return None
        start = max([0, *(k + 1 for k in range(i) if toks[k].norm in {"؛", ";", ".", ":"})])
        if start < i and toks[start].norm in lx.norm_keys("و", "ثم", "كما", "وقد", "قد", "فقد", "لقد"):
            start += 1
        if any(t.norm in CONTRAST_OPENERS or t.norm in lx.norm_keys("إذ", "حيث", "بينما") for t in toks[start:i]):
            return None  # …، إذ يصل…، في حين يكشف…، قائلا: another clause stands between

        def agrees(verb: Token) -> bool:
            v = verb.norm[1:] if verb.norm[:1] in "وف" and len(verb.norm) > 3 else verb.norm
            if len(v) < 3 or not _is_word(verb) or _has_article(v) or _is_preposition(verb) or v.endswith(("وا", "ون")):
                return False
            if _in(v, lx.SPEAKER_STOPS) or v in lx.WHAT or v in RELATIVES or _in(v, lx.THAT):
                return False
            feminine = v.endswith("ت") or (v.startswith("ت") and len(v) >= 4)
            return feminine if wanted == "f" else not feminine and not _takes_article(v)

        def definite_run(k: int) -> list[Token]:
            run: list[Token] = []
            while k < i and len(run) < 4:
                u = toks[k]
                if not _is_word(u) or not _has_article(u.norm) or _in(u.norm, lx.SPEAKER_STOPS):
                    break
                run.append(u)
                k += 1
            return run

        # subject first: الرسامة الهنوف النزاوي رأت أن… (a definite head, then maybe a name)
        front = definite_run(start)
        if front:
            for v in range(start + len(front), min(i, start + 8)):
                u = toks[v]
                if not _is_word(u) or _is_preposition(u) or u.norm in RELATIVES:
                    break
                if agrees(u) and (v + 1 == i or not _has_article(toks[v + 1].norm) or v == start + len(front)):
                    if v > start + len(front) and not self._named_or_titled(toks[start:v]):
                        run = self._name_run(toks[start:v])
                        if run is None or run[1] != v - start:
                            break
                    return self._make_speaker(toks[start:v])
        # verb first: وعرضت الصفحة…، رشحت وكالة الأنباء الفرنسية…
        if verb_first and start + 1 < i and agrees(toks[start]) and not _in(toks[start].norm, lx.CUE_VERBS):
            media = self._media_in(toks[start + 1].start, toks[min(i - 1, start + 5)].end)
            if media and media[0].start <= toks[start + 1].end:
                end = next((k for k in range(start + 1, i) if toks[k].end >= media[0].end), start + 1)
                return self._make_speaker(toks[start + 1 : end + 1])
            after = definite_run(start + 1)
            if after and not _in(after[0].norm, lx.GROUP_HEADS | lx.ROLE_HEADS):
                return self._make_speaker(after[:2])
            # واصلت أسر الصيادين مطالبتها…، مؤكدة: an indefinite noun in construct with a definite one
            genitive = definite_run(start + 2) if start + 2 < i else []
            if genitive and self._objectish(toks, start + 1) and not _possessive(toks[start + 1]):
                return self._make_speaker(toks[start + 1 : start + 2 + min(2, len(genitive))])
        return None

    def _event_speaker(self, toks: list[Token], i: int) -> Speaker | None:
        """Who speaks in the event a resumptive pronoun after cue ``i`` points to: the person the
        event came from (تلقى … اتصالا هاتفيا من الملك محمد السادس ملك المغرب أعرب خلاله عن…), else
        the subject of the clause (أصدرت مور بيانا قالت فيه، عقد الوزير مؤتمرا أعرب خلاله)."""
        start = max([0, *(k + 1 for k in range(i) if toks[k].norm in {"؛", ";", "."})])
        for k in range(i - 1, start, -1):
            if toks[k].norm in lx.FROM:
                phrase = [t for t in toks[k + 1 : i] if t.norm not in PUNCT_SKIP]
                if phrase and self._person_phrase(phrase):
                    return self._make_speaker(phrase)
                break
        subject = self._clause_subject(toks, i)
        if subject is None and start + 2 < i and _is_word(toks[start]):
            # وأصدرت الوزارة بيانا قالت فيه…: a body as the subject of the clause's first verb
            end = self._speaker_end(toks, start + 1, i, "")
            sub = toks[start + 1 : end]
            event = next((m for m, u in enumerate(sub) if m > 0 and _event_noun(u.norm)), None)
            sub = sub[:event] if event is not None else sub  # (بيانا، اجتماعا: the event, the verb's object)
            if sub and len(sub) <= 6 and (_org_head(sub[0].norm) or _in(_head(sub[0].norm), lx.GROUP_HEADS)):
                subject = self._make_speaker(sub)
        return subject

    def _clause_subject(self, toks: list[Token], i: int, plural: bool = False) -> Speaker | None:
        """Subject of the clause's first verb (ورفع كيم نخبا…، واعدا → كيم), by its name; with
        ``plural`` (the cue is وقالوا، مؤكدين) also a definite sound plural (وطالب المحتجون…)."""
        start = max([0, *(k + 1 for k in range(i) if toks[k].norm in {"؛", ";", "."})])
        particles = lx.norm_keys("قد", "وقد", "فقد", "لقد", "ثم", "كما", "وكان", "وكانت", "كان", "كانت")
        kana = lx.norm_keys("وكان", "وكانت", "كان", "كانت", "فكان", "فكانت")
        if (
            start + 2 < i
            and toks[start].norm in lx.norm_keys("من", "ومن")
            and toks[start + 1].norm in SIDE_WORDS
        ):
            start += 2  # من جهته أثنى الحكم الدولي نبيل الشمردل…، واضاف: the clause follows من جهته
            if toks[start].norm in PUNCT_SKIP:
                start += 1
        first = toks[start] if start < i else None
        if first is not None and (_is_preposition(first) or _in(_head(first.norm), lx.SPEAKER_STOPS)):
            # وخلال الزيارة، قدم الوفد…: a fronted frame up to its comma, then the clause
            comma = next((m for m in range(start + 1, min(i, start + 7)) if toks[m].norm in {"،", ","}), None)
            if comma is not None:
                start = comma + 1
        for k in range(start, min(i, start + 4)):
            if (
                k > start
                and all(_has_article(t.norm) and not _hamza_verb(t) for t in toks[start:k])
                and not any(t.norm in TITLES or _in(t.norm, lx.ROLE_HEADS) for t in toks[start:k])
            ):
                return None  # المهندسة الشابة سارة العمري رأت: the clause opens with its subject
            if toks[k].norm in kana and k + 1 < i:
                # وكان رئيس المؤتمر وزير البيئة قد رفض الطلب، مشيرا: the subject stands before قد
                q = next((m for m in range(k + 2, min(i, k + 12)) if toks[m].norm in lx.norm_keys("قد", "لقد")), None)
                phrase = toks[k + 1 : q] if q is not None else []
                words = [t for t in phrase if t.norm not in {"(", ")"}]
                if words and all(_is_word(t) for t in words) and self._reads_as_speaker(words):
                    return self._make_speaker(phrase)  # (وكان موقع شبكة (أن تي في) الألمانية قد نشر…)
            if toks[k].norm in particles:
                continue
            if (
                _is_word(toks[k])
                and (not _has_article(toks[k].norm) or _hamza_verb(toks[k]))
                and not _in(toks[k].norm, PREPOSITIONS)
            ):
                end = self._speaker_end(toks, k + 1, i, "")
                sub = toks[k + 1 : end]
                cut = next((m for m, u in enumerate(sub) if m > 1 and _is_preposition(u)), None)
                if cut is not None:
                    sub = sub[:cut]  # علق رئيس الاتحاد… على قرعة البطولة، قائلا: the subject ends at the verb's frame
                run = self._name_run(sub)
                plural_head = plural and sub and sub[0].norm.endswith("ون") and len(sub[0].norm) > 5
                if plural_head and _has_article(sub[0].norm):
                    run = None  # وطالب المحتجون بإقالة الحكومة، وقالوا: the plural is the subject
                group_head = sub and (_in(_head(sub[0].norm), lx.GROUP_HEADS) or plural_head)
                if run is None and sub and _has_article(sub[0].norm) and group_head:
                    # قدم الوفد الزائر الورود…، مؤكدين: a group; its definite adjectives follow it
                    phrase = [sub[0]]
                    for u in sub[1:3]:
                        if not _has_article(u.norm) or not _is_word(u):
                            break
                        phrase.append(u)
                    return self._make_speaker(phrase[:2])
                short_enough = len(sub) <= (6 if cut is None else 8)
                if run is None and sub and _in(_head(sub[0].norm), lx.ROLE_HEADS) and short_enough:
                    return self._make_speaker(sub)  # ووجه وزير التعليم تعميما…: a role, resolved to its name
                titled = sub and (
                    _in(sub[0].norm, lx.ROLE_HEADS | TITLES)
                    # الحكم الدولي نبيل الشمردل: definite words describing the person, then the name
                    or (run is not None and 0 < run[0] <= 4 and all(_has_article(u.norm) for u in sub[: run[0]]))
                )
                if run is None or (run[0] != 0 and not titled):
                    return None
                if run[0] == 0 and not self._named(sub[: run[1]]):
                    return None  # ونوه بما ناله السوق…: no name
                return self._make_speaker(sub[: run[1]])
        return None

    def _estimate(self, s: Sentence, toks: list[Token], i: int) -> None:
        """قدرتها الصحف بنحو 63 مليون يورو، فيما قدرته مجلة "ليكيب" الأحد الماضي بـ63 مليون يورو: the
        estimator (an outlet, a group, a role, a document or a named person) and the amount it gave,
        from ب to the clause's end."""
        limit = len(toks)
        j = i + 1
        k = j
        while k < limit and k - j < 8 and not (
            toks[k].norm[:1] == "ب" and (toks[k].norm in lx.norm_keys("بنحو", "ب", "بـ", "بحوالي", "بما")
                                         or toks[k].norm[1:2].isdigit() or toks[k].norm[1:].lstrip("ـ")[:1].isdigit())
        ):
            if toks[k].norm in {".", "؛", ":"} or _in(toks[k].norm, lx.CUE_VERBS):
                return
            k += 1
        if k >= limit or k == j or toks[k].norm[:1] != "ب":
            return
        phrase = toks[j:k]
        cut = next((m for m, u in enumerate(phrase) if u.norm in FRAME_TIMES or u.norm in WEEKDAYS), None)
        if cut is not None:
            phrase = phrase[:cut]  # مجلة "ليكيب" الأحد الماضي: a time ends the estimator
        while phrase and not _is_word(phrase[-1]) and phrase[-1].norm not in {'"', "»", "”"}:
            phrase.pop()
        if not phrase or not self._reads_as_speaker(phrase):
            return
        speaker = self._make_speaker(phrase)
        if speaker is None:
            return
        end = self._clause_end(toks, k, limit, s.end, short=True)
        cstart, cend = self._trim(toks[k].start, end)
        if cend - cstart < 4:
            return
        self._attach_or_add(
            _Candidate(s.i, toks[i], speaker, (phrase[0].start, phrase[-1].end), cstart, cend, False, [])
        )

    def _survey_object(self, s: Sentence, toks: list[Token], i: int) -> None:
        """أظهر مسح رسمي يوم السبت توقف النمو…، وأظهرت بيانات نشرت الخميس نمو الاقتصاد…: the survey or
        data that "showed" a noun phrase states it. The subject is its head and what describes it —
        adjectives in ي/ية, an outlet behind ل, a time, a verb of publishing; what was shown is the
        common word in construct that follows (no name, role or preposition)."""
        limit = len(toks)
        j = k = i + 1
        k += 1
        while k < limit and k - j <= 5:
            t = toks[k]
            n = t.norm
            if any(m.start <= t.start < m.end for m in self.media) and (n[:1] == "ل" or k > j + 1):
                k += 1  # مسح لرويترز
            elif n in FRAME_TIMES or n in WEEKDAYS:
                k += 1  # يوم السبت، الخميس
            elif n in SURVEY_PUBLISHED and k + 1 < limit:
                k += 1  # نشرت، صدرت
            elif _is_word(t) and not _has_article(n) and n.endswith(("ي", "يه")) and k == j + 1:
                k += 1  # مسح رسمي، بيانات حكومية
            elif _is_word(t) and _has_article(n) and n.endswith(("ي", "يه")) and k == j + 1 and n != "التي":
                k += 1  # البيانات الرسمية
            else:
                break
        if k >= limit or not self._objectish(toks, k) or any(m.start <= toks[k].start < m.end for m in self.media):
            return  # (وأظهر مسح رويترز تانكان…: an outlet's name is part of the survey, not what it showed)
        end = self._clause_end(toks, k, limit, s.end, noun=True)
        subject = [u for u in toks[j:k] if u.norm not in FRAME_TIMES and u.norm not in WEEKDAYS]
        while subject and subject[-1].norm in SURVEY_PUBLISHED:
            subject.pop()
        speaker = Speaker(self.text[subject[0].start : subject[-1].end], kind="source")
        media = [m.canonical for m in self._media_in(subject[0].start, subject[-1].end)]
        self._attach_or_add(
            _Candidate(s.i, toks[i], speaker, (subject[0].start, subject[-1].end), toks[k].start, end, False, media)
        )

    @staticmethod
    def _shows_survey(toks: list[Token], j: int) -> bool:
        """True if token ``j`` is "showed" (أظهر، أظهرته، تظهر) with a survey, study or data after it as
        its subject (أظهر مسح، أظهرته إحصاءات رسمية)."""
        if j + 1 >= len(toks):
            return False
        n = toks[j].norm
        verb = n in lx.SHOW_VERBS or n[:-1] in lx.SHOW_VERBS or n[:-2] in lx.SHOW_VERBS  # (أظهرته، أظهرتها)
        return verb and _in(_head(toks[j + 1].norm), lx.SURVEY_HEADS)

    def _attribution(self, s: Sentence, toks: list[Token], i: int, j: int) -> None:
        """بحسب / وفقا لـ / حسبما ذكرت / نقلا عن + source: a via of the statement it closes, or a
        statement of its own whose speaker is the source."""
        limit = len(toks)
        marker = toks[i]
        what = False
        while j < limit and (
            toks[j].norm in lx.WHAT
            or toks[j].norm in lx.ABOUT
            or _is_cue(toks[j].norm)
            or (what and toks[j].norm in lx.PUBLISH_VERBS)
            or self._shows_survey(toks, j)  # حسبما أظهر مسح لرويترز: the survey or data is the source
        ):
            what = what or toks[j].norm in lx.WHAT
            j += 1
        if j >= limit:
            return
        if what and not (
            _is_cue(toks[j - 1].norm) or toks[j - 1].norm in lx.PUBLISH_VERBS or self._shows_survey(toks, j - 1)
        ):
            return  # وفق ما خطط له: according to a plan, not to a source
        said = _is_cue(toks[j - 1].norm)  # حسب ما قال X: a cue verb vouches for a speaker
        if what and toks[j].norm in RESUMPTIVE_OBJECTS and j + 1 < limit:
            j += 1  # حسب ما أفاد به الوزير: the pronoun goes back to ما; the source follows it
        k = self._speaker_end(toks, j, limit, "", source=True)
        k = min(k, j + 10)
        if k == j + 1 and k < limit and self._shows_survey(toks, j - 1) and toks[k].norm[:1] == "ل":
            outlet = next((m for m in self.media if m.start <= toks[k].start < m.end), None)
            if outlet is not None:
                k = self._index_after(toks, outlet.end, k)  # حسبما أظهر مسح لرويترز: whose survey
        relative = next(
            (m for m in range(j + 1, k) if toks[m].norm in RELATIVES and m + 1 < limit and _is_cue(toks[m + 1].norm)),
            None,
        )
        if relative is not None:
            k = relative  # …، بحسب حاكم المنطقة X الذي أضاف إن…: the source ends at the relative; it goes on
        opens_clause = i == 0 or toks[i - 1].norm in PUNCT_SKIP | {".", ":"}
        then = self._then_that(toks, j, limit, bare=opens_clause)
        if then is not None:
            k = then  # وبحسب المصادر فإن اللجنة…: the source ends where فإن opens what it says
            while k > j and toks[k - 1].norm in PUNCT_SKIP:
                k -= 1
        src_toks = toks[j:k]
        if src_toks and src_toks[0].norm[:1] == "ل" and not _has_article(src_toks[0].norm):
            src_toks = [self._without_lam(src_toks[0]), *src_toks[1:]]  # وفقا لكارمان → كارمان
        if (
            then is None
            and src_toks
            and k < limit
            and toks[k].norm in PUNCT_SKIP
            and _in(_head(src_toks[0].norm), lx.ROLE_HEADS)
        ):
            # وفقا لوزير الخارجية الإيراني ، منوشهر متقي ، المجندة…: the name in apposition to the
            # role belongs to the source; what follows the second comma is what was said
            close = next((m for m in range(k + 2, min(limit, k + 7)) if toks[m].norm in PUNCT_SKIP), None)
            if close is not None and self._name_run(toks[k + 1 : close], strict=True) == (0, close - k - 1):
                src_toks = [*src_toks, *toks[k:close]]
                k = close
        nxt = next((u for u in toks[k : k + 3] if u.norm not in PUNCT_SKIP), None)
        if then is None and nxt is not None and _in(nxt.norm, lx.THAT):
            return  # وذكر موقع…، نقلا عن مسؤول، أن…: the relay of the verb's statement
        if nxt is not None and _in(nxt.norm, lx.CUE_VERBS) and nxt.norm[:1] not in "وف" and k > j:
            # وفقا لبيان صادر عن منظمة السلام الأخضر أعلن الوزير أن…: the source relays the statement
            # the verb makes next; it is that statement's via
            media = self._media_in(toks[j].start, toks[k - 1].end)
            issuer = next((m for m in range(j + 1, k - 1) if toks[m].norm in lx.ABOUT), None)
            first = j if issuer is None else issuer + 1  # بيان صادر عن منظمة السلام الأخضر → the organization
            channel = media[0].canonical if media else self._span_text(toks[first].start, toks[k - 1].end)
            self.relayed_at[s.i] = (nxt.start, channel)
            return
        if not src_toks:
            return
        speaker = self._make_speaker(src_toks)
        if speaker is None:
            return
        if self._shows_survey(toks, j - 1) and speaker.kind != "source":
            speaker = Speaker(speaker.text, kind="source")  # مسح لرويترز: the survey, whoever ran it
        # (بحسب ما ذكر الأول / الأخير: an anaphor, unresolved; حسبما أعلن الأسبوع الماضي: a time, no one)
        ordinal = src_toks[0].norm in LATTER | FORMER | PERIODS | WEEKDAYS or _in(src_toks[0].norm, FRAME_TIMES)
        if speaker.kind == "organization" and not _org_head(src_toks[0].norm) and (not said or ordinal):
            # حسب النظام الجديد، وفقا للمتطلبات: "according to" a rule, not a source (but حسب ما أعلن
            # البيت الأبيض: a verb of saying vouches for its subject)
            return
        if _in(_head(src_toks[0].norm), lx.DATA_HEADS) and not self._shows_survey(toks, j - 1):
            closed = then is not None or (k < limit and toks[k].norm in PUNCT_SKIP)
            if not closed or not opens_clause or any(_in(u.norm, lx.CUE_VERBS) for u in toks[k:]):
                return  # وبحسب بيانات الشرطة، …: data speak only in a phrase opening the clause, closed
                # by a comma or فإن, and not when another speaker's verb follows (…، من جهته قال الوزير)
        if speaker.kind == "person" and not (
            self._person_phrase(src_toks) and (said or self._named_or_titled(src_toks))
        ):
            return  # بحسب نظام فيفا القائم على منح…، وفقا للوائحه: a common noun, not a person
        src_span = (src_toks[0].start, src_toks[-1].end)
        media = self._media_in(src_span[0], src_span[1])
        canonical = speaker.name if speaker.kind == "source" else (media[0].canonical if media else None)
        if then is not None:
            # the clause فإن opens is what the source says (its pronoun is part of it: فإنه سيتم → إنه…)
            that = toks[then]
            end = self._clause_end(toks, then + 1, limit, s.end)
            fa = that.norm[:1] == "ف" and that.norm[1:] in lx.THAT
            bare = that.norm[1:] if fa else that.norm
            first = that.start + int(fa) if bare in lx.THAT_WITH_PRONOUN else that.end
            cstart, cend = self._trim(first, end)
            direct = False
            r = self.open_at.get(cstart)
            if r is not None and r.closed and self.text[r.close + 1 : cend].strip(' ،,."”»') == "":
                cstart, cend, direct = r.open + 1, r.close, True  # وحسب X، فإن «…»: his words
            if cend - cstart >= 8:
                cand = _Candidate(s.i, marker, speaker, src_span, cstart, cend, direct, [])
                cand.start, cand.end = marker.start, cend
                self._attach_or_add(cand)
            return
        # the statement it closes
        before = [c for c in self.found if c.sentence in {s.i, s.i - 1} and c.content_end <= marker.start + 1]
        if (
            before
            and self.text[before[-1].content_end : marker.start].strip(' ،,."”»') == ""
            and before[-1].speaker is not None
            and before[-1].speaker.kind != "source"
        ):
            if canonical and canonical not in before[-1].via:
                before[-1].via.append(canonical)
                before[-1].end = max(before[-1].end, src_span[1])
            return
        sentence_start = toks[0].start
        done = [c.end for c in self.found if c.sentence == s.i and c.end <= marker.start]
        cstart = max([sentence_start, *done])
        head = self.text[cstart : marker.start].strip(" ،,.")
        tail_start = src_toks[-1].end
        tail = self.text[tail_start : s.end].strip(' ،,."”»')
        if head and (not tail or len(head.split()) >= 4):
            # …عن التشكيلة النهائية بحسب ما أكده الاتحاد أمس بعد أن تعرض…: the clause it qualifies
            cend = marker.start
            sentence = s.i
        elif head and tail:
            cend = s.end
            sentence = s.i
        elif tail:
            cstart, cend, sentence = tail_start, s.end, s.i
        else:
            prev = [p for p in self.sentences if p.i == s.i - 1]
            if not prev:
                return
            cstart, cend, sentence = prev[0].start, prev[0].end, prev[0].i
        cstart, cend = self._trim(cstart, cend)
        if cend - cstart < 8:
            return
        direct = False
        r = self.open_at.get(cstart)
        if r is not None and r.closed and self.text[r.close + 1 : cend].strip(' ،,."”»') == "":
            cstart, cend, direct = r.open + 1, r.close, True  # "…"، حسب ما قال X: his words
        cue_tok = marker
        cand = _Candidate(sentence, cue_tok, speaker, src_span, cstart, cend, direct, [])
        cand.start, cand.end = min(cstart, marker.start), max(cend, src_span[1])
        self._attach_or_add(cand)

    @staticmethod
    def _then_that(toks: list[Token], j: int, limit: int, bare: bool = False) -> int | None:
        """Index of the فإن that follows an attribution's source at the clause's start (وبحسب
        المصادر فإن…، ووفقا للبيان فإنه…), or None: a source of at most ten words, no sentence
        punctuation, no cue verb between — and not the name فان after a title (المدرب فان باستن).
        With ``bare`` (the marker opens the clause) أنه/أنها will do (ووفقا لما ذكره البيان أنه…)."""
        for m in range(j + 1, min(limit, j + 11)):
            n = toks[m].norm
            if n in {".", ":", "؟", "!", "؛"} or _in(n, lx.CUE_VERBS):
                return None
            if bare and n in lx.THAT_WITH_PRONOUN and not n.startswith("ب"):
                return m  # (a bare إن could be a name's: سي إن إن; أن, the complement of a verb between)
            if n[:1] == "ف" and n[1:] in lx.THAT and not n[1:].startswith("ب"):
                if _in(_head(toks[m - 1].norm), TITLES) or _in(_head(toks[m - 1].norm), lx.ROLE_HEADS):
                    continue
                after = toks[m + 1] if m + 1 < limit else None
                if (
                    n == "فان"
                    and after is not None
                    and _nameish(toks[m - 1], toks[m])
                    and _nameish(after, toks[m + 2] if m + 2 < limit else None)
                ):
                    continue  # لويس فان غال: the name, between two name words
                return m
        return None

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.text[start] in " \t\n،,:؛;-":
            start += 1
        while end > start and self.text[end - 1] in " \t\n،,:؛;-":
            end -= 1
        return start, end

    def _attach_or_add(self, cand: _Candidate) -> None:
        cand.content_start, cand.content_end = self._trim(cand.content_start, cand.content_end)
        if cand.content_end <= cand.content_start:
            return
        relayed = self.relayed_at.get(cand.sentence)
        if relayed is not None and relayed[0] == cand.cue.start and relayed[1] not in cand.via:
            cand.via.append(relayed[1])
        if cand.speaker is not None:
            self._link(cand.speaker, cand.speaker_span)  # in place: continuations share the object
        if cand.speaker is not None and cand.speaker.kind != "source" and cand.speaker_span is not None:
            # an outlet in the speaker phrase of a person is the channel (شاهد من وكالة رويترز)
            for m in self._media_in(*cand.speaker_span):
                if m.canonical not in cand.via and m.canonical != cand.speaker.name:
                    cand.via.append(m.canonical)
        if not cand.start and not cand.end:
            lo = [cand.cue.start, cand.content_start]
            hi = [cand.cue.end, cand.content_end]
            if cand.speaker_span:
                lo.append(cand.speaker_span[0])
                hi.append(cand.speaker_span[1])
            cand.start, cand.end = min(lo), max(hi)
        if (
            cand.direct
            and cand.content_end < len(self.text)
            and self.text[cand.content_end : cand.content_end + 1] in '"”»'
        ):
            cand.end = max(cand.end, cand.content_end + 1)
        self.found.append(cand)

    def _dedupe(self) -> list[_Candidate]:
        seen: set[tuple[int, int]] = set()
        out: list[_Candidate] = []
        for c in sorted(self.found, key=lambda c: (c.content_start, -c.content_end)):
            key = (c.content_start, c.content_end)
            if key in seen:
                continue
            seen.add(key)
            out.append(c)
        return out

    def _quote(self, c: _Candidate) -> Quote:
        assert c.speaker is not None
        speaker = Speaker(c.speaker.text, c.speaker.entity, c.speaker.kind, c.speaker.name, c.speaker.role)
        content = self.text[c.content_start : c.content_end]
        digest = hashlib.sha1(f"{self.article.id}:{c.content_start}:{c.content_end}".encode()).hexdigest()[:12]
        return Quote(
            id=f"q-{digest}",
            article=self.article.id,
            sentence=c.sentence,
            speaker=speaker,
            cue=c.cue.text,
            content=content,
            direct=c.direct,
            start=c.start,
            end=c.end,
            content_start=c.content_start,
            content_end=c.content_end,
            via=list(dict.fromkeys(c.via)),
        )


def collect_roles(
    article: Article, roles: RoleIndex, mentions: Sequence[Mention] = (), finder: ArticleQuotes | None = None
) -> None:
    """Record every 'role، name' pair written in ``article`` (الزعيم الكوري الشمالي، كيم جونغ أون;
    المتحدث باسم الكرملين ديمتري بيسكوف). The role phrase is its head with definite words, باسم
    and construct nouns; the name follows it directly and ends before punctuation or a function word."""
    finder = finder if finder is not None else ArticleQuotes(article, roles, mentions)
    function_words = PREPOSITIONS | lx.THAT | lx.norm_keys("و", "الذي", "التي", "الذين", "وهو", "وهي")
    for s in finder.sentences:
        toks = finder.tokens(s)
        for i, t in enumerate(toks):
            if not _in(t.norm, lx.ROLE_HEADS) or _in(t.norm, lx.GROUP_HEADS) or finder._inside_quote(t.start):
                continue
            k = i + 1
            while k < len(toks) and k - i < 14 and not _in(toks[k].norm, TITLES):
                u, prev = toks[k], toks[k - 1]
                head = _head(u.norm)
                genitive = _is_word(prev) and not _has_article(prev.norm) and prev.norm != "باسم"
                if (
                    _has_article(u.norm)
                    or (_in(u.norm, lx.ROLE_HEADS) and u.norm[:1] not in "وف")
                    or u.norm == "باسم"
                    or _in(head, lx.CONSTRUCT_NOUNS)
                    or (u.norm[:1] in "بل" and _has_article(head))
                    or (genitive and _is_word(u) and not _in(u.norm, PREPOSITIONS))
                    or (
                        u.norm == "في"
                        and k + 1 < len(toks)
                        and _has_article(toks[k + 1].norm)
                        and not _setting(toks[k + 1].norm)
                    )  # رئيس لجنة الشؤون الخارجية في المجلس الوطني… محمد سيد المحدثين: a place in the role
                ):
                    k += 1
                else:
                    break
            role = article.text[t.start : toks[k - 1].end]
            # name then role: الملك محمد السادس ملك المغرب، الأمير جلوي بن عبدالعزيز أمير منطقة نجران
            if i > 0 and k - i >= 2 and _is_word(toks[i - 1]):
                before = toks[max(0, i - 6) : i]
                run = finder._name_run(before, strict=True)
                opener = False
                cut = max(
                    (
                        m
                        for m, u in enumerate(before)
                        if u.norm in CLAUSE_OPENERS | PUNCT_SKIP | {".", ":"} or _in(u.norm, lx.CUE_VERBS)
                    ),
                    default=None,
                )
                if cut is not None or i <= 6:
                    # لكن فاروق جليك وزير العمل…، قال أحمد داود أوغلو رئيس الوزراء…: a full name (two
                    # words or more) right after a clause opener or a verb of saying, then its role
                    first = 0 if cut is None else cut + 1
                    tail = before[first:]
                    own = finder._name_run(tail, strict=True) if len(tail) >= 2 else None
                    # (evidence that it is a name, not a verb and its particle: وقد استطاع الكابتن…)
                    surname_rare = bool(tail) and frequency(tail[-1].norm) < 300
                    if own is not None and own == (0, len(tail)) and (finder._named(tail) or surname_rare):
                        run, opener = (first, len(before)), True
                if (
                    run is not None
                    and run[1] == len(before)
                    and (
                        (run[0] > 0 and _in(before[run[0] - 1].norm, lx.ROLE_HEADS | lx.HONORIFICS))
                        or opener
                    )
                ):
                    roles.add(article.id, role, article.text[before[run[0]].start : before[-1].end])
            comma = k < len(toks) and toks[k].norm in {"،", ","}
            n0 = k + 1 if comma else k
            while n0 < len(toks) and toks[n0].norm in TITLES | lx.HONORIFICS:
                n0 += 1  # قائد القوة العميد عبدالله العتيبي
            titled = n0 > (k + 1 if comma else k)  # قائد القوة العميد عبدالله العتيبي: a rank announces a name
            window = toks[n0 : n0 + 6]
            run = finder._name_run(window, strict=True)
            if run is None and titled:
                # read with the rank before it: after a definite word a bare word starts a name
                ranked = finder._name_run(toks[n0 - 1 : n0 + 6])
                run = (0, ranked[1] - 1) if ranked is not None and ranked[0] == 1 else None
            if run is None or run[0] != 0:
                continue
            first = window[0].norm
            if (
                frequency(first) >= COMMON_WORD
                and not _name_part(first)
                and not _has_article(first)
                and not ArticleQuotes._listed_name_at(toks, n0)  # بان كي مون
            ):
                continue  # المتحدث وجود خلافات، مصدر أمني وقع: a common word (an object, a verb), not a name
            after = window[run[1]] if run[1] < len(window) else None
            if (
                run[1] - run[0] == 1
                and after is not None
                and _is_word(after)
                and not (
                    _in(after.norm, function_words)
                    or _in(after.norm, lx.CUE_VERBS)
                    or _in(after.norm, lx.SPEAKER_STOPS)
                )
            ):
                continue
            if not comma and run[1] - run[0] < 2 and not mentions:
                continue  # one unknown word after a role is too often a verb (الزعيم الكوري وصل)
            end = run[1]
            while (
                end - run[0] > 1
                and frequency(window[end - 1].norm) >= 300
                and not _has_article(window[end - 1].norm)
                and not _name_part(window[end - 1].norm)
            ):
                end -= 1  # وزير الدفاع ديس براون يرى: a common word after the name is its verb (not المالكي)
            run = (run[0], end)
            name = article.text[window[run[0]].start : window[run[1] - 1].end]
            roles.add(article.id, role, name)
            roles.people.setdefault(article.id, []).append((t.start, window[run[1] - 1].end, name))


def extract_quotes(article: Article, roles: RoleIndex | None = None, mentions: Sequence[Mention] = ()) -> list[Quote]:
    """Statements of one article. ``roles`` lets a role resolve to a name given elsewhere in the corpus."""
    roles = roles if roles is not None else RoleIndex()
    finder = ArticleQuotes(article, roles, mentions)
    collect_roles(article, roles, mentions, finder)
    return finder.run()
