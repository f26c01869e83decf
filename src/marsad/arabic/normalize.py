"""Orthographic normalization of Arabic text for matching.

This module is the ONE place where marsad decides which characters are "the same" for
matching, hashing, indexing and comparison. Stored article text always keeps the
outlet's own characters; only derived keys go through :func:`normalize`.

What is folded (each rule has a switch in :class:`NormOptions` where a caller may need
to keep the distinction):

- Unicode compatibility forms (presentation forms such as ﻻ, full-width Latin) via NFKC;
- zero-width and bidirectional control characters, soft hyphen, Arabic letter mark;
- diacritics (harakat, tanwin, shadda, sukun, dagger alef, Quranic marks) and tatweel;
- alef forms أ إ آ ٱ → ا; alef maqsura ى → ي; teh marbuta ة → ه (optional);
- Farsi/Urdu letters that leak into Arabic text: ی ي ې → ي, ک → ك, ۀ ە ہ → ه;
- Arabic-Indic and Persian digits → ASCII digits; Arabic decimal/thousands separators;
- all quotation marks → ``"`` (double) or ``'`` (single);
- Latin letters case-folded; runs of white space → one space.

:func:`spelling_key` is the stricter key for matching names against running text: it keeps
hamza on alef (أ إ آ) and alef maqsura (ى) apart from bare ا and ي, because folding them makes
function words collide with names (على = علي, فإن = فان, إلى = الي).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# --- character classes -------------------------------------------------------------

#: Harakat, tanwin, shadda, sukun, small high/low marks, dagger alef, Quranic annotation.
DIACRITICS = (
    "\u0610-\u061a"  # honorific / Quranic small signs
    "\u064b-\u065f"  # tanwin, harakat, shadda, sukun, madda/hamza above/below marks
    "\u0670"  # superscript (dagger) alef
    "\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"  # Quranic marks
)
TATWEEL = "\u0640"
#: Zero-width, bidi embedding/override/isolate controls, BOM, soft hyphen, Arabic letter mark.
INVISIBLES = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u061c"

_STRIP_RE = re.compile(f"[{DIACRITICS}{TATWEEL}{INVISIBLES}]")
_INVISIBLE_RE = re.compile(f"[{INVISIBLES}]")
_SPACE_RE = re.compile(r"\s+")

DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\uff02\u275d\u275e\u301d\u301e"
SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2039\u203a\u2032\u275b\u275c"
#: Every character that opens or closes a quotation in Arabic news text.
QUOTE_CHARS = '"' + DOUBLE_QUOTES + SINGLE_QUOTES.replace("\u2019", "")

_LETTER_MAP: dict[int, str] = {
    # alef forms
    ord("\u0623"): "\u0627",  # أ
    ord("\u0625"): "\u0627",  # إ
    ord("\u0622"): "\u0627",  # آ
    ord("\u0671"): "\u0627",  # ٱ alef wasla
    ord("\u0672"): "\u0627",
    ord("\u0673"): "\u0627",
    # yeh family
    ord("\u0649"): "\u064a",  # ى alef maqsura
    ord("\u06cc"): "\u064a",  # ی Farsi yeh
    ord("\u06d0"): "\u064a",  # ې
    ord("\u06d2"): "\u064a",  # ے yeh barree
    # kaf
    ord("\u06a9"): "\u0643",  # ک keheh
    ord("\u06aa"): "\u0643",
    # heh family
    ord("\u06c0"): "\u0647",  # ۀ
    ord("\u06d5"): "\u0647",  # ە
    ord("\u06c1"): "\u0647",  # ہ
    ord("\u06be"): "\u0647",  # ھ
    # separators
    ord("\u066b"): ".",  # Arabic decimal separator
    ord("\u066c"): ",",  # Arabic thousands separator
}
for _i in range(10):
    _LETTER_MAP[0x0660 + _i] = str(_i)  # Arabic-Indic digits
    _LETTER_MAP[0x06F0 + _i] = str(_i)  # Persian (Extended Arabic-Indic) digits
for _q in DOUBLE_QUOTES:
    _LETTER_MAP[ord(_q)] = '"'
for _q in SINGLE_QUOTES:
    _LETTER_MAP[ord(_q)] = "'"

_TEH_MARBUTA = {ord("\u0629"): "\u0647"}
_HAMZA_ALEFS = (ord("\u0623"), ord("\u0625"), ord("\u0622"))  # أ إ آ
_ALEF_MAQSURA = ord("\u0649")  # ى


@dataclass(frozen=True, slots=True)
class NormOptions:
    """Switches for :func:`normalize`. Defaults are the matching key used everywhere."""

    fold_teh_marbuta: bool = True
    strip_diacritics: bool = True
    casefold: bool = True
    collapse_space: bool = True
    fold_hamza_alef: bool = True  # أ إ آ → ا
    fold_alef_maqsura: bool = True  # ى → ي


DEFAULT = NormOptions()
#: the options of :func:`spelling_key`: everything folded except hamza on alef and alef maqsura
SPELLING = NormOptions(fold_hamza_alef=False, fold_alef_maqsura=False)


@lru_cache(maxsize=16)
def _letter_map(fold_teh_marbuta: bool, fold_hamza_alef: bool, fold_alef_maqsura: bool) -> dict[int, str]:
    table = dict(_LETTER_MAP)
    if fold_teh_marbuta:
        table.update(_TEH_MARBUTA)
    if not fold_hamza_alef:
        for code in _HAMZA_ALEFS:
            del table[code]
    if not fold_alef_maqsura:
        del table[_ALEF_MAQSURA]
    return table


#: strings up to this length (words, short names) are normalized through a memo: the same words
#: recur millions of times in a corpus, and the key of a string never changes
_MEMO_MAX_LEN = 40


def normalize(text: str, options: NormOptions = DEFAULT) -> str:
    """Return the matching key of ``text``; idempotent: normalize(normalize(t)) == normalize(t)."""
    if not text:
        return ""
    if len(text) <= _MEMO_MAX_LEN:
        if options is DEFAULT:
            return _normalize_short(text)
        if options is SPELLING:
            return _spelling_short(text)
    return _normalize(text, options)


@lru_cache(maxsize=1 << 18)
def _normalize_short(text: str) -> str:
    return _normalize(text, DEFAULT)


@lru_cache(maxsize=1 << 17)
def _spelling_short(text: str) -> str:
    return _normalize(text, SPELLING)


def _normalize(text: str, options: NormOptions) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = (_STRIP_RE if options.strip_diacritics else _INVISIBLE_RE).sub("", text)
    text = text.translate(_letter_map(options.fold_teh_marbuta, options.fold_hamza_alef, options.fold_alef_maqsura))
    if options.casefold:
        text = text.casefold()
    if options.collapse_space:
        text = _SPACE_RE.sub(" ", text).strip()
    return text


def spelling_key(text: str) -> str:
    """The matching key of ``text`` that keeps أ إ آ and ى apart from ا and ي (see the module
    docstring); ``normalize(spelling_key(t)) == normalize(t)``, and both keys have the same length."""
    return normalize(text, SPELLING)


def clean_invisibles(text: str) -> str:
    """Remove zero-width and bidi control characters and soft hyphens; keep everything else."""
    return _INVISIBLE_RE.sub("", text)


def normalize_digits(text: str) -> str:
    """Map Arabic-Indic and Persian digits (and ٫ ٬) to ASCII; leave every other character."""
    return text.translate({k: v for k, v in _LETTER_MAP.items() if v in "0123456789.,"})


_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic-script letters, over the first 5,000 characters
    (0.0 when there are no letters)."""
    sample = text[:5000]
    letters = sum(map(str.isalpha, sample))
    if not letters:
        return 0.0
    return len(_ARABIC_LETTER_RE.findall(sample)) / letters


def is_arabic_letter(ch: str) -> bool:
    """True for a letter of the Arabic script (including Farsi/Urdu additions)."""
    return bool(_ARABIC_LETTER_RE.match(ch))
