"""Root keys: one key for the words of one root whatever their derivation (a matching key, never shown).

A paraphrase often keeps the root of its verb and changes its form: «لم يوقع» / «لم يتم التوقيع»,
«وصل» / «وصول» / «الوصول», «أعلن» / «إعلان», «اجتمع» / «اجتماع», «الأقمار الاصطناعية» / «قمر صناعي».
Stems (Snowball, :mod:`marsad.arabic.stem`) keep the derivational letters (توقيع ≠ يوقع), so the
lexical similarity misses these pairs. :func:`root_key` reduces a word to a light root:

1. the word must already be normalized and without proclitics (:attr:`marsad.arabic.segment.Token.base`);
   hamza on a seat (ؤ ئ) is read as the consonant ء;
2. the word as it is, then without one and two inflection suffixes (:data:`SUFFIXES`: plural, dual,
   feminine, nisba, the accusative alif, attached pronouns, past-tense endings), is matched against
   derivational patterns of its length (:data:`PATTERNS`: تفعيل، افتعال، استفعال، مفاعل، فواعل، يفعل …);
   the first form that matches one gives the pattern's radicals, and a form of three letters is its own root;
3. the key folds the weak letters and hamza a derivation changes: a middle ا / ي → و (قال، يقول، القول → قول),
   a last ا / ء → ي (لقاء، التقى، يلتقي → لقي), a first ء → ا (يؤكد، أكد → اكد); a middle ء stays
   (رئيس → رءس, not روس: normalization writes رأس and روسيا with the same letters).

A word no pattern and no suffix reduces to three letters is its own key (names: بوتين، كيم; four-letter
roots: بندقية، بنادق → بندق). The reduction is light and sometimes wrong (يصل keeps its ي; سكوت → سكو); it is
meant for an overlap weighted by how rare each key is in one story, where a wrong key rarely agrees by chance.
"""

from __future__ import annotations

from functools import lru_cache

#: inflection suffixes, longest first (normalized: ة is ه, ى is ي)
SUFFIXES = (
    "تموها", "يات", "يين", "يون", "تما", "تان", "تين", "كما", "هما", "يه", "ات", "ون", "ين", "ان", "وا",
    "ها", "هم", "هن", "نا", "كم", "تم", "تن", "ه", "ت", "ي", "ا",
)
#: derivational patterns by length: ف ع ل (and ق, a fourth radical) mark the root letters; any other
#: letter must be there as written. Earlier patterns win (افتعال before انفعال: انتخاب is ن-خ-ب).
PATTERNS: dict[int, tuple[str, ...]] = {
    4: ("يفعل", "تفعل", "فاعل", "فعيل", "افعل", "فعال", "فعول", "مفعل"),
    5: ("افتعل", "افطعل", "افدعل", "انفعل", "افعال", "تفعيل", "تفاعل", "تفعلل", "مفعول", "مفاعل", "فواعل",
        "فعاءل", "فعلاء", "يفتعل", "مفتعل", "منفعل", "يفاعل", "تفعال", "مفعال", "فعالق", "يفعلل"),
    6: ("افتعال", "افطعال", "افدعال", "انفعال", "استفعل", "يستفعل", "تستفعل", "يتفاعل", "تتفاعل", "متفاعل", "مستفعل",
        "تفاعيل", "مفاعيل", "افعلاء"),
    7: ("استفعال",),
}
#: letters :data:`PATTERNS` write as root letters
RADICALS = "فعلق"
#: the ت of افتعل becomes ط after an emphatic (اصطناع) and د after ز / ذ (ازدياد)
EMPHATICS = "صضطظ"
#: hamza seats read as the consonant ء
HAMZA_SEATS = str.maketrans({"ؤ": "ء", "ئ": "ء"})
#: letters that are weak (long vowels) inside a root
WEAK = "اوي"
#: one-letter proclitics (conjunctions, prepositions, the future س) :func:`root_key` may still find on a word
PROCLITICS = "وفلبس"
#: a form with at most this many letters is taken as a root when no pattern matches
ROOT_LETTERS = 3


def _match(word: str, pattern: str) -> str | None:
    """The radicals of ``word`` under ``pattern`` (same length), or None when a fixed letter differs."""
    out = []
    for ch, p in zip(word, pattern, strict=True):
        if p in RADICALS:
            out.append(ch)
        elif p == "ط":  # the افتعل infix after an emphatic
            if ch != "ط" or out[-1:] == [] or out[-1] not in EMPHATICS:
                return None
        elif p == "د":  # ... after ز / ذ
            if ch != "د" or not out or out[-1] not in "زذ":
                return None
        elif ch != p:
            return None
    return "".join(out)


def _fold(radicals: str) -> str:
    """The key of a root: weak letters and hamza a derivation changes folded (see the module doc)."""
    if len(radicals) != ROOT_LETTERS:
        return radicals.replace("ء", "ا")
    first, middle, last = radicals
    if first == "ء":
        first = "ا"
    if middle in WEAK:
        middle = "و"
    if last in "اء":
        last = "ي"
    return first + middle + last


def _radicals(form: str) -> str | None:
    """The radicals of ``form`` under the first pattern of its length that fits; the form itself when it
    has at most three letters; None otherwise."""
    if len(form) <= ROOT_LETTERS:
        return form
    for pattern in PATTERNS.get(len(form), ()):
        radicals = _match(form, pattern)
        if radicals is not None:
            return radicals
    return None


def _reading(base: str) -> tuple[str, bool, bool]:
    """The radicals of ``base``, whether a pattern or three letters read it, and whether a pattern did."""
    form = base.translate(HAMZA_SEATS)
    if len(form) == ROOT_LETTERS + 1 and form.endswith("ت"):
        form = form[:-1]  # a past tense of three letters (قالت، وقعت) rather than فاعل (ثابت is rarer)
    elif len(form) > ROOT_LETTERS and form.endswith("ه"):
        form = form[:-1]  # the feminine ة (or a pronoun) before any pattern: محطة → محط, not مفعل of حطه
    elif len(form) > ROOT_LETTERS + 1 and form.endswith("ات"):
        form = form[:-2]  # the plural too: محطات → محط, not مفعال of حطت (اثبات, of ثبت, is rarer)
    forms = [form]
    for _ in range(2):
        suffix = next((s for s in SUFFIXES if form.endswith(s) and len(form) - len(s) >= ROOT_LETTERS), None)
        if suffix is None:
            break
        form = form[: -len(suffix)]
        forms.append(form)
    found = [(r, len(f) > ROOT_LETTERS) for f in forms if (r := _radicals(f)) is not None]
    if not found:
        return forms[-1], False, False
    # the first reading of three radicals (صناعي: صنع after the nisba, not a four-letter root صنعي)
    radicals, by_pattern = next((x for x in found if len(x[0]) == ROOT_LETTERS), found[0])
    return radicals, True, by_pattern


@lru_cache(maxsize=200_000)
def root_key(base: str) -> str:
    """The root key of one normalized word without proclitics (see the module doc):
    يوقع، التوقيع، توقيعه → وقع; وصل، وصول، وصلت → وصل; اعلن، اعلان، اعلنت → علن.
    A proclitic the clitic rules left on an unknown word (وتبادل، لمساعدة، ستبرم) comes off when the
    word has no reading with it and a pattern reads it without."""
    if len(base) < ROOT_LETTERS or not base.isalpha() or base.isascii():
        return base
    radicals, read, _ = _reading(base)
    if not read and base[0] in PROCLITICS and len(base) > ROOT_LETTERS + 1:
        shorter, _, by_pattern = _reading(base[1:])
        if by_pattern and len(shorter) == ROOT_LETTERS:  # a pattern, not a leftover (بندقية is no ب + ندق)
            radicals = shorter
    return _fold(radicals)
