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
