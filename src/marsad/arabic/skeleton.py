"""Name skeletons: one key for the spellings outlets give a transliterated name.

Arabic outlets write foreign names in several ways: كيم جونغ أون / كيم جونج أون / كيم جونغ-أون,
بيونغ يانغ / بيونج يانج / بيونجيانج, ديمتري / دميتري, فوستوشني / فوستوتشني / فوستوتشنى.
:func:`skeleton` folds those differences on top of :func:`marsad.arabic.normalize`
(alef forms, ى/ي, ة/ه, diacritics, Farsi letters):

- the letters Arabic uses for a Latin "g" — غ ج ق (and گ) — become one symbol;
- تش (Latin "ch") becomes ش; ث → ت, ذ → د, ظ → ض (loose transliterations);
- hyphens and spaces go: بيونغ يانغ and بيونجيانج get the same key;
- the long-vowel letters ا و ي and hamza seats are dropped except as the first letter, so the
  place of a vowel (ديمتري / دميتري) does not matter — but a word of one or two letters (يو in
  كيم يو جونغ, لي) keeps them, so كيم يو جونغ and كيم جونغ stay apart;
- a doubled letter counts once.

A skeleton is a matching KEY, never shown to a reader; it trades precision for recall, so
callers combine it with the entity type and context (see ``marsad.stages.entities.canonical``):
dropping vowels makes اليمن = ألمانيا, سوريا = سويسرا, الأهلي = الهلال.

:func:`name_fold` is the stricter key: the same consonant folds and separators removed, but every
vowel letter kept (بيونغ يانغ = بيونجيانج, شويغو = شويجو; اليمن ≠ ألمانيا, ديمتري ≠ دميتري).
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.arabic.normalize import normalize

G = "G"  # the symbol for غ/ج/ق/گ
_FOLD = str.maketrans({"غ": G, "ج": G, "ق": G, "گ": G, "ث": "ت", "ذ": "د", "ظ": "ض", "ؤ": "و", "ئ": "ي", "ء": "ا"})
_SEPARATORS_RE = re.compile(r"[\s\-\u2010-\u2015_.·'\"]+")
_VOWELS = set("اوي")
SHORT_WORD = 2


def skeleton(name: str) -> str:
    """The transliteration-insensitive key of a name (any number of words)."""
    out: list[str] = []
    for word in _SEPARATORS_RE.split(normalize(name)):
        word = word.replace("تش", "ش").translate(_FOLD)
        short = len(word) <= SHORT_WORD  # a syllable such as يو or لي keeps its vowels
        for ch in word:
            if out and ch in _VOWELS and not short:
                continue
            if out and ch == out[-1]:
                continue
            out.append(ch)
    return "".join(out)


def word_skeletons(name: str) -> list[str]:
    """Skeletons of each word of a name (hyphens split words: جونغ-أون → جونغ، أون)."""
    return [s for s in (skeleton(w) for w in _SEPARATORS_RE.split(normalize(name))) if s]


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    """One word's fold (memoized: a pure function of the word, asked for the same names again and again)."""
    word = word.replace("تش", "ش").translate(_FOLD)
    return "".join(ch for i, ch in enumerate(word) if i == 0 or ch != word[i - 1])


def name_fold(name: str) -> str:
    """The key of a name that folds only transliteration consonants (غ ج ق گ, تش/ش, ث ذ ظ, hamza
    seats), separators and doubled letters, keeping its vowel letters (and :func:`normalize`'s folds)."""
    return "".join(word_folds(name))


def word_folds(name: str) -> list[str]:
    """:func:`name_fold` of each word of a name (hyphens split words)."""
    return [f for f in (_fold_word(w) for w in _SEPARATORS_RE.split(normalize(name))) if f]
