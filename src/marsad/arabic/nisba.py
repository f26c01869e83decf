"""Nisba (relational) adjectives: كوري، روسي، لبناني، السعودية، الأمريكية.

A nisba adjective is a noun plus the ending ي (feminine ية, plurals يون / يين / يات). Arabic writes
the adjective of a place and, for a few countries, the place itself alike: السعودية is Saudi Arabia
(«زار السعودية») and the adjective "Saudi" (the feminine of السعودي: «السلطات السعودية»). An
adjective agrees with its noun in definiteness and follows it, so a definite nisba right after a
definite noun is an adjective — this module gives the word forms; callers (the entities stage)
supply which places are known. Every function takes normalized words (:func:`marsad.arabic.normalize`:
ة → ه, ى → ي).
"""

from __future__ import annotations

#: nisba endings in normalized spelling (ية → يه), longest first
NISBA_ENDINGS = ("يون", "يين", "يات", "يه", "ي")
ARTICLE = "ال"
MIN_STEM = 3  # letters a nisba stem keeps (كور of كوري، لبنان of لبناني)


def without_article(norm: str) -> str:
    """``norm`` without a leading article ال (proclitics are assumed already off)."""
    return norm[len(ARTICLE):] if norm.startswith(ARTICLE) and len(norm) > len(ARTICLE) + 2 else norm


def is_definite(norm: str) -> bool:
    """True when a word (proclitics off, the article kept) carries the article ال."""
    return norm.startswith(ARTICLE) and len(norm) > len(ARTICLE) + 1


def nisba_stem(norm: str) -> str | None:
    """The noun a nisba-shaped word is built on (السعوديه → سعود، لبناني → لبنان، الكوريين → كور),
    or None when the word has no nisba ending or too short a stem."""
    word = without_article(norm)
    for ending in NISBA_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return None


def place_forms(norm: str) -> tuple[str, ...]:
    """Names of the place a nisba-shaped word may relate to (كوري → كوريا، أمريكي → أمريكا،
    لبناني → لبنان، السعودية → السعودية), empty when the word is not nisba-shaped."""
    stem = nisba_stem(norm)
    if stem is None:
        return ()
    return (stem, stem + "ا", stem + "يا", ARTICLE + stem, ARTICLE + stem + "يه")


def nisba_forms(place: str) -> tuple[str, ...]:
    """The adjective of a place in its usual shapes (الأردن → أردني، الأردنية، الأردنيين …; normalized):
    the place's name without ال, plus ي / يه / يون / يين, bare and with the article; a final ا of the
    name is dropped first (أمريكا → أمريكي)."""
    stem = without_article(place)
    if stem.endswith("ا") and len(stem) > MIN_STEM + 1:
        stem = stem[:-1]
    if " " in stem or len(stem) < MIN_STEM:
        return ()
    shapes = tuple(stem + ending for ending in NISBA_ENDINGS)
    return shapes + tuple(ARTICLE + s for s in shapes)
