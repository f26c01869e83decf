"""Regular inflection of participles and verbs, in normalized spelling (ة → ه, أ → ا; :func:`marsad.arabic.normalize`).

A participle or adjective (مقرر، متوقع) agrees with its noun in gender, number and definiteness: مقررة، مقررا، المقررة،
المقررين، مقررتان … (:func:`participle_forms`). A regular verb takes suffixes in the past (توقع، توقعت، توقعوا، توقعا،
توقعتا: :func:`past_forms`) and a person prefix in the present (يتوقع، تتوقع، يتوقعون، يتوقعان، تتوقعان، نتوقع، أتوقع:
:func:`present_forms`). Proclitics (و، ف، ب، ل) are not generated: callers match a token's base
(:func:`marsad.arabic.clitics.split_proclitics`) or add them with :func:`with_conjunctions`.
"""

from __future__ import annotations

from collections.abc import Iterable

from marsad.arabic.normalize import normalize

#: a participle's endings (normalized): masculine / feminine, the accusative alif, dual and plural
PARTICIPLE_ENDINGS = ("", "ه", "ا", "ان", "ين", "ون", "تان", "تين", "ات")
#: the past tense's suffixes: he, she, they, the two (masculine, feminine)
PAST_SUFFIXES = ("", "ت", "وا", "ا", "تا")
#: the present tense's person prefix and suffix: he, she, they, the two (masculine, feminine), we, I
PRESENT_AFFIXES = (("ي", ""), ("ت", ""), ("ي", "ون"), ("ي", "ان"), ("ت", "ان"), ("ن", ""), ("ا", ""))
ARTICLE = "ال"


def participle_forms(stem: str, *, definite: bool = True) -> frozenset[str]:
    """The forms of a participle given in its masculine singular (مقرر → مقرر، مقرره، مقررا، المقررين …), with
    the article ال too when ``definite``."""
    base = normalize(stem)
    forms = {base + ending for ending in PARTICIPLE_ENDINGS}
    if definite:  # a definite noun takes no accusative alif (مقررا، المقرر)
        forms |= {ARTICLE + base + ending for ending in PARTICIPLE_ENDINGS if ending != "ا"}
    return frozenset(forms)


def past_forms(stem: str) -> frozenset[str]:
    """The past tense of a verb given as its third person masculine (توقع → توقع، توقعت، توقعوا، توقعا، توقعتا)."""
    base = normalize(stem)
    return frozenset(base + suffix for suffix in PAST_SUFFIXES)


def present_forms(stem: str) -> frozenset[str]:
    """The present tense of a verb given as its present stem without the person prefix (توقع → يتوقع، تتوقع،
    يتوقعون، يتوقعان، تتوقعان، نتوقع، اتوقع; نتظر → ينتظر …)."""
    base = normalize(stem)
    return frozenset(prefix + base + suffix for prefix, suffix in PRESENT_AFFIXES)


def with_conjunctions(forms: Iterable[str]) -> frozenset[str]:
    """``forms`` with and without a leading و / ف (ومن المقرر → والمقرر، فيتوقع)."""
    kept = frozenset(forms)
    return kept | {c + f for f in kept for c in "وف"}
