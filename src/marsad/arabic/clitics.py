"""Proclitic separation (و ف ب ل ك س ال) that does not eat the first letter of names.

A leading letter is only a clitic if taking it off leaves a word that is more common
on its own than the whole form. Word frequencies come from the lexicon shipped in
``marsad/arabic/data/lexicon.tsv.gz`` (built by ``marsad train lexicon`` from
SaudiNewsNet); words the lexicon does not know fall back to conservative rules:

- ``ال`` comes off when at least three letters remain (الرئيس → ال + رئيس);
- ``و``/``ف`` come off when at least three letters remain and the word is unknown;
- ``ب``/``ك``/``ل`` come off only before an article (بالرئيس، للرئيس) or a known word;
- ``س`` (future) comes off only when the lexicon knows both the whole form and, far better,
  the verb it leaves (an unknown سي… word is more often a foreign name: سيلبي).

So كيم stays كيم (يم is too short) and بوتين stays بوتين (the lexicon knows بوتين far
better than وتين), while وبوتين → و + بوتين and لبوتين → ل + بوتين.

A word :func:`split_proclitics` left whole may still carry a glued letter that its margin
(:data:`PREFERENCE`) was too cautious to take off (بمستشفى: مستشفى is 3.8 times as common);
:func:`glued_proclitic` is the one test of that, for the callers that ask it.
All functions take NORMALIZED words (see :mod:`marsad.arabic.normalize`).
"""

from __future__ import annotations

from functools import lru_cache

from marsad.datafiles import packaged_tsv

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ك", "ل")
FUTURE = "س"
ARTICLE = "ال"
MIN_BASE = 3  # letters that must remain after removing clitics from an unknown word
#: a split is taken when the base is this many times more frequent than the whole form
PREFERENCE = 2.0
#: a word the lexicon has seen fewer times is no evidence for a reading
KNOWN = 3
#: a base seen this often is common enough on its own that a preposition glued to it is a possible
#: reading (:func:`glued_proclitic` with ``possible``; the floor the quotes rules were tuned with)
COMMON = 30


@lru_cache(maxsize=1)
def lexicon() -> dict[str, int]:
    """Word → corpus frequency from the shipped lexicon (empty if it was not built)."""
    return {row[0]: int(row[1]) for row in packaged_tsv("marsad.arabic", "data/lexicon.tsv.gz") if len(row) > 1}


def frequency(word: str) -> int:
    """Corpus frequency of a normalized word (0 when unknown)."""
    return lexicon().get(word, 0)


def _better(base: str, whole: str, ratio: float = PREFERENCE) -> bool:
    """True if ``base`` is the likelier reading than ``whole`` per the lexicon."""
    return frequency(base) >= max(KNOWN, ratio * frequency(whole))


def _better_after_preposition(base: str, whole: str) -> bool:
    """Stricter test for ب ك ل: names such as بيونغ or words such as بلدينا are common
    enough on their own that only a rare whole form (or an overwhelming base) splits."""
    whole_count = frequency(whole)
    return _better(base, whole) and (whole_count < 10 or _better(base, whole, 8.0))


def glued_proclitic(word: str, letters: str = "وفبكل", *, possible: bool = False) -> str | None:
    """The proclitic letter glued to a word left whole (one of ``letters``), or None.

    By default the reading letter + base must be the likelier one: the lexicon sees the base at
    least as often as the whole form, and at least :data:`KNOWN` times (:func:`_better` with ratio 1,
    the tokenizer's own test without its margin :data:`PREFERENCE`): بمستشفى → ب (مستشفى 1,701
    against 442), وحي → و (حي 1,064 against 243); فيصل, كمال, لكرة, بفضل stay whole (the whole form
    is the commoner: a name, an idiom). The lexicon alone cannot tell a name whose rest is a commoner
    word (بيونغ → ب, ليلى → ل).

    ``possible=True`` asks less, for callers whose context already points to a preposition (a role
    in a speaker phrase, «X الله»): the reading only has to be plausible — a base of at least
    :data:`MIN_BASE` letters that is a common word on its own (seen at least :data:`COMMON` times),
    however common the whole: لكرة → ل, بفضل → ب; not بناء or لبنان (ناء, بنان are rare words).

    Words of fewer than :data:`MIN_BASE` letters are never split. ``word`` is normalized; which
    letters count (conjunctions, prepositions) is the caller's choice.

    >>> glued_proclitic("بمستشفي"), glued_proclitic("لكره"), glued_proclitic("لكره", "لبك", possible=True)
    ('ب', None, 'ل')
    """
    if len(word) < MIN_BASE or word[0] not in letters:
        return None
    base = word[1:]
    if possible:
        return word[0] if len(base) >= MIN_BASE and frequency(base) >= COMMON else None
    return word[0] if _better(base, word, 1.0) else None


def _strip_article(word: str) -> tuple[tuple[str, ...], str]:
    if word.startswith(ARTICLE) and len(word) - 2 >= MIN_BASE:
        return (ARTICLE,), word[2:]
    return (), word


@lru_cache(maxsize=1 << 18)  # pure for a given lexicon; words recur millions of times in a corpus
def split_proclitics(word: str) -> tuple[tuple[str, ...], str]:
    """Split a normalized word into (proclitics, base); never returns an empty base.

    >>> split_proclitics("والرئيس")
    (('و', 'ال'), 'رئيس')
    """
    prefixes: list[str] = []
    rest = word
    # 1. conjunction و / ف
    if len(rest) > MIN_BASE and rest[0] in CONJUNCTIONS:
        cand = rest[1:]
        known_whole = frequency(rest)
        if cand.startswith(ARTICLE) or _better(cand, rest) or (
            known_whole < 3 and len(cand) >= MIN_BASE and cand[0] not in CONJUNCTIONS
        ):
            prefixes.append(rest[0])
            rest = cand
    # 2. preposition ب ك ل, or future س
    if len(rest) > MIN_BASE - 1 and rest[0] in PREPOSITIONS:
        cand = rest[1:]
        if rest[0] == "ل" and cand.startswith("ل") and len(cand) > MIN_BASE:
            # للرئيس = ل + ال + رئيس (the alef of the article is dropped in writing)
            prefixes.extend(["ل", ARTICLE])
            return tuple(prefixes), cand[1:]
        if (cand.startswith(ARTICLE) and len(cand) - 2 >= MIN_BASE - 1) or (
            len(cand) >= MIN_BASE and _better_after_preposition(cand, rest)
        ):
            prefixes.append(rest[0])
            rest = cand
    elif rest[:1] == FUTURE and len(rest) > MIN_BASE and rest[1] in "يتنا":
        cand = rest[1:]
        # only attested words: an unknown سي… word is more often a foreign name (سيلبي) than a verb
        if frequency(rest) >= 3 and _better(cand, rest) and frequency(cand) >= 5:
            prefixes.append(FUTURE)
            rest = cand
    # 3. article
    art, rest = _strip_article(rest)
    prefixes.extend(art)
    return tuple(prefixes), rest


def _lam_lam_reading(word: str) -> int:
    """Which word «لل» + X is written for, by the lexicon: 0 the article before X (للخطة → الخطة), 1 a word that
    begins with ل (للبنان → لبنان), 2 the article before such a word (للجنة → اللجنة); ties go to the article."""
    readings = (ARTICLE + word[2:], word[1:], ARTICLE + word[1:])
    return max(range(3), key=lambda k: (frequency(readings[k]), -k))


def after_lam(word: str) -> str:
    """The word a leading ل (to, for) is written on, its article's alef restored where the article is there:
    للجزيرة → الجزيرة, لرويترز → رويترز, للبنان → لبنان, للجنة → اللجنة (the likeliest reading by the lexicon).
    ``word`` is normalized and starts with ل; whether that ل is a clitic is the caller's call."""
    if not word.startswith("لل"):
        return word[1:]
    return (ARTICLE + word[2:], word[1:], ARTICLE + word[1:])[_lam_lam_reading(word)]


def after_lam_text(text: str, word: str) -> str:
    """:func:`after_lam` on written ``text`` (as it appears, starting with the ل) whose first word normalizes to
    ``word``: the same reading, the alef or the article written back (للخطة الجديدة → الخطة الجديدة)."""
    if not word.startswith("لل"):
        return text[1:]
    return ("ا" + text[1:], text[1:], "ال" + text[1:])[_lam_lam_reading(word)]


def strip_proclitics(word: str) -> str:
    """The base of a normalized word without its proclitics."""
    return split_proclitics(word)[1]
