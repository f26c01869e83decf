"""Light stemming for search and lexical similarity (Snowball Arabic via PyStemmer)."""

from __future__ import annotations

from functools import lru_cache

import Stemmer

from marsad.arabic.clitics import strip_proclitics
from marsad.arabic.segment import tokenize


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("arabic")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball Arabic stem of one normalized word (numbers and Latin words pass through).

    Proclitics are removed by our own rules first (Snowball strips them inconsistently:
    المفاوضات and مفاوضات would get different stems).
    """
    if not word or not word[0].isalpha() or word.isascii():
        return word
    base = strip_proclitics(word)
    return _stemmer().stemWord(base) or base


def stems(text: str) -> list[str]:
    """Stems of the word and number tokens of ``text``, in order."""
    return [stem(t.norm) for t in tokenize(text) if t.norm[0].isalnum()]


#: suffixes :func:`light_stem` removes (longest first): plural, dual, feminine, nisba and
#: attached pronouns
LIGHT_SUFFIXES = ("يين", "يات", "تين", "تان", "ات", "ون", "ين", "ان", "يه", "ها", "هم", "هن", "كم", "نا", "ه", "ي")
#: a light stem keeps at least this many letters
LIGHT_MIN_LETTERS = 3


@lru_cache(maxsize=200_000)
def light_stem(base: str) -> str:
    """A word without one inflectional suffix (``base``: a normalized word whose proclitics are
    already off, e.g. :attr:`marsad.arabic.segment.Token.base`): اصطناعيه → اصطناع,
    البريطانيين → بريطان. Lighter than :func:`stem` (which also strips letters that belong to
    the word, بوتين → وتين): for matching words across paraphrases by their character n-grams."""
    if not base or not base[0].isalpha() or base.isascii():
        return base
    if base.endswith("ا") and len(base) > LIGHT_MIN_LETTERS and not base.endswith(("اا", "وا")):
        # the indefinite accusative: قتيلا → قتيل، انتحاريا → انتحاري (→ انتحار below); a name in
        # ـيا goes with its nisba adjective, which a match may well want (روسيا / الروسي → روس)
        base = base[:-1]
    for suffix in LIGHT_SUFFIXES:
        if base.endswith(suffix) and len(base) - len(suffix) >= LIGHT_MIN_LETTERS:
            return base[: -len(suffix)]
    return base
