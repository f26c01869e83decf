"""Arabic numbers, in words or digits, read as values.

``ثمانية آلاف``, ``8 آلاف``, ``8000`` and ``٨٠٠٠`` all read 8000, so two outlets that write one
figure differently can be matched.  Two public functions:

- :func:`parse_number` — the value of a text that is one number and nothing else (or ``None``);
- :func:`find_numbers` — every number in a text as ``(start, end, value)`` with offsets into it.

What is read:

- cardinals 0–10 in every written form (واحد/واحدة/أحد/إحدى، اثنان/اثنين/اثنا/اثنتا…، ثلاث/ثلاثة…);
- teens (ثلاثة عشر، إحدى عشرة، اثنا عشر), tens (عشرون/عشرين…), hundreds (مئة/مائة، مئتان/مئتي،
  ثلاثمئة or ثلاث مئة), thousands, millions, billions and their duals and plurals
  (ألف/ألفا/ألفان/ألفي/آلاف، مليون/مليونان/ملايين، مليار/مليارات، بليون، تريليون);
- compounds joined by و in the order Arabic writes them (ألف وتسعمائة وواحد وتسعون = 1991,
  خمسة وعشرون = 25, مئة وخمسون ألفا = 150000); a و that cannot continue the number
  (بين ثلاثة وخمسة) ends it, so that text holds two numbers, not one;
- digits (ASCII, Arabic-Indic, Persian) with decimal and thousands separators, alone or with a
  scale word (8 آلاف = 8000, 1.5 مليون = 1500000, ١٢٫٥ = 12.5, 12,000 = 12000);
- a fraction before a scale (نصف مليون = 500000);
- optionally ordinals (الأول، الثالث، الحادي عشر، الخامس والعشرين): ``ordinals=True``.

What is NOT read: bare plurals without a count (آلاف المتظاهرين، ملايين), vague counts
(عشرات، بضعة), and the weekday names الأحد/الاثنين (they are days, not numbers).

Values are ``int`` when whole, ``float`` otherwise. Proclitics (و ف ب ل ك ال) are allowed in
front of a number word; the reported span starts after them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.arabic.normalize import normalize
from marsad.arabic.segment import tokenize

# --- the closed vocabulary (normalized forms: أإآ→ا، ى→ي، ة→ه, no diacritics) -----------------

_UNITS: dict[str, int] = {
    "صفر": 0,
    "واحد": 1, "واحده": 1, "واحدا": 1, "احد": 1, "احدي": 1,
    "اثنان": 2, "اثنين": 2, "اثنا": 2, "اثني": 2, "اثنتان": 2, "اثنتين": 2, "اثنتا": 2,
    "اثنتي": 2, "ثنتان": 2, "ثنتين": 2,
    "ثلاث": 3, "ثلاثه": 3, "ثلاثا": 3,
    "اربع": 4, "اربعه": 4, "اربعا": 4,
    "خمس": 5, "خمسه": 5, "خمسا": 5,
    "ست": 6, "سته": 6, "ستا": 6,
    "سبع": 7, "سبعه": 7, "سبعا": 7,
    "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "ثمانيا": 8,
    "تسع": 9, "تسعه": 9, "تسعا": 9,
}
_TEN_WORDS = {"عشر": 10, "عشره": 10, "عشرا": 10}
_TENS: dict[str, int] = {}
for _stem, _value in (
    ("عشر", 20), ("ثلاث", 30), ("اربع", 40), ("خمس", 50),
    ("ست", 60), ("سبع", 70), ("ثمان", 80), ("تسع", 90),
):
    _TENS[_stem + "ون"] = _value
    _TENS[_stem + "ين"] = _value
_HUNDRED_WORDS = {"مئه": 100, "مائه": 100, "ماه": 100}
_HUNDREDS: dict[str, int] = {"مئتان": 200, "مئتين": 200, "مئتي": 200, "مائتان": 200,
                             "مائتين": 200, "مائتي": 200}
for _stem, _value in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7),
                      ("ثمان", 8), ("ثماني", 8), ("تسع", 9)):
    for _h in ("مئه", "مائه"):
        _HUNDREDS[_stem + _h] = _value * 100

#: scale words: form → (scale, count carried by the form itself, is a bare plural)
_SCALES: dict[str, tuple[int, int, bool]] = {}
for _forms, _scale in (
    (("الف", "الفا"), 1000),
    (("مليون", "مليونا"), 1_000_000),
    (("مليار", "مليارا", "بليون", "بليونا"), 1_000_000_000),
    (("تريليون", "تريليونا"), 1_000_000_000_000),
):
    for _f in _forms:
        _SCALES[_f] = (_scale, 1, False)
for _forms, _scale in (
    (("الفان", "الفين", "الفي"), 1000),
    (("مليونان", "مليونين", "مليوني"), 1_000_000),
    (("ملياران", "مليارين", "ملياري", "بليونان", "بليونين"), 1_000_000_000),
):
    for _f in _forms:
        _SCALES[_f] = (_scale, 2, False)
for _forms, _scale in (
    (("الاف",), 1000),
    (("ملايين",), 1_000_000),
    (("مليارات", "بلايين"), 1_000_000_000),
    (("تريليونات",), 1_000_000_000_000),
):
    for _f in _forms:
        _SCALES[_f] = (_scale, 1, True)

_FRACTIONS = {"نصف": 0.5, "ربع": 0.25, "ثلث": 1 / 3}

_ORDINALS: dict[str, int] = {}
for _forms, _value in (
    (("اول", "اولي"), 1), (("ثاني", "ثانيه"), 2), (("ثالث", "ثالثه"), 3),
    (("رابع", "رابعه"), 4), (("خامس", "خامسه"), 5), (("سادس", "سادسه"), 6),
    (("سابع", "سابعه"), 7), (("ثامن", "ثامنه"), 8), (("تاسع", "تاسعه"), 9),
    (("عاشر", "عاشره"), 10), (("حادي", "حاديه"), 1),
):
    for _f in _forms:
        _ORDINALS[_f] = _value

#: construct forms that are numbers only before عشر (اثنا عشر); alone, أثنى is "praised"
_TEEN_ONLY = {"اثنا", "اثني", "اثنتا", "اثنتي"}
#: proclitics that make مائة/مئة "percent" (بالمائة)
_PERCENT_PREFIXES = {"بال", "وبال", "فبال"}

#: words that look like numbers with the article but are weekday names
_NOT_NUMBERS = {"الاحد", "الاثنين"}

_PREFIX_RE = re.compile(r"^(?:[وف])?(?:[بلك])?(?:ال)?")


@dataclass(frozen=True, slots=True)
class _Word:
    """One token read as part of a number."""

    kind: str  # unit | ten_word | tens | hundred_word | hundreds | scale | fraction | ordinal | digits
    value: float
    start: int  # offset of the number word itself (after proclitics)
    end: int
    conj: bool  # written with a leading و (joins it to the previous number word)
    plural: bool = False
    scale_count: int = 1
    base: str = ""  # the normalized number word without proclitics


def _lookup(word: str, ordinals: bool) -> tuple[str, float, bool, int] | None:
    """Classify a normalized, clitic-free word: (kind, value, plural, scale_count) or None."""
    if word in _UNITS:
        return ("unit", _UNITS[word], False, 1)
    if word in _TEN_WORDS:
        return ("ten_word", 10, False, 1)
    if word in _TENS:
        return ("tens", _TENS[word], False, 1)
    if word in _HUNDRED_WORDS:
        return ("hundred_word", 100, False, 1)
    if word in _HUNDREDS:
        return ("hundreds", _HUNDREDS[word], False, 1)
    if word in _SCALES:
        scale, count, plural = _SCALES[word]
        return ("scale", scale, plural, count)
    if word in _FRACTIONS:
        return ("fraction", _FRACTIONS[word], False, 1)
    if ordinals and word in _ORDINALS:
        return ("ordinal", _ORDINALS[word], False, 1)
    return None


def _surface_offset(surface: str, n_norm: int) -> int:
    """Index in ``surface`` after its first ``n_norm`` normalized characters."""
    count = 0
    for i, ch in enumerate(surface):
        if count >= n_norm:
            return i
        count += len(normalize(ch)) if not ch.isspace() else 1
    return len(surface)


def _classify(text: str, start: int, end: int, norm: str, ordinals: bool) -> _Word | None:
    """Read one normalized token as a number word, trying it whole, then without proclitics."""
    if norm[0].isdigit():
        value = _digits_value(norm)
        if value is None:
            return None
        return _Word("digits", value, start, end, conj=False)
    if norm in _NOT_NUMBERS:
        return None
    prefix = _PREFIX_RE.match(norm).group()  # type: ignore[union-attr]
    # try the shortest strip first: واحد is a word, not و + احد
    candidates = [(0, norm)]
    for cut in range(1, len(prefix) + 1):
        candidates.append((cut, norm[cut:]))
    if norm.startswith("لل") and len(norm) > 2:  # للعشرين = ل + ال + عشرين
        candidates.append((2, norm[2:]))
    for cut, rest in candidates:
        if len(rest) < 2:
            continue
        found = _lookup(rest, ordinals)
        if found is None:
            continue
        kind, value, plural, count = found
        stripped = norm[:cut]
        surface = text[start:end]
        offset = _surface_offset(surface, cut)
        conj = stripped.startswith(("و", "ف")) and kind != "digits"
        if rest in _HUNDRED_WORDS and stripped in _PERCENT_PREFIXES:
            return None  # بالمائة، في المائة: "percent", not a hundred
        return _Word(kind, value, start + offset, end, conj, plural, count, rest)
    return None


def _digits_value(norm: str) -> float | None:
    """Value of a digit token (``12,000``, ``12.5``, ``1,5``); None if malformed."""
    if "," in norm:
        head, *groups = norm.split(",")
        if all(len(g) == 3 for g in groups) and "." not in "".join(groups[:-1]):
            norm = head + "".join(groups)
        elif len(groups) == 1 and "." not in norm:
            norm = head + "." + groups[0]  # decimal comma
        else:
            return None
    try:
        value = float(norm)
    except ValueError:
        return None
    return int(value) if value.is_integer() and "." not in norm else value


def _tidy(value: float) -> float:
    """Return an int for whole values."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return round(value, 6) if isinstance(value, float) else value


# --- assembling words into numbers ------------------------------------------------------------


class _Builder:
    """Accumulates number words left to right; ``accept`` says whether a word continues it."""

    def __init__(self) -> None:
        self.total = 0.0
        self.current = 0.0
        self.last_scale = float("inf")
        self.last_kind = ""
        self.has_tens = False
        self.first = ""
        self.start = -1
        self.end = -1
        self.words = 0

    @property
    def value(self) -> float:
        return _tidy(self.total + self.current)

    def empty(self) -> bool:
        return self.words == 0

    def accept(self, w: _Word, adjacent: bool, joined: bool) -> bool:
        """Add ``w`` if it continues this number; ``adjacent``: nothing in between,
        ``joined``: a و sits in between (as a clitic of ``w`` or as its own token)."""
        if self.empty():
            return self._start(w)
        last, cur = self.last_kind, self.current
        if w.kind == "scale":
            # ثلاثة آلاف، 8 آلاف، مئة ألف، نصف مليون: a count right before its scale
            if joined or not adjacent or not cur or w.value >= self.last_scale:
                return False
            if w.scale_count != 1:
                return False  # ألفين after a count is not a number
            self.total += cur * w.value
            self.current = 0
            self.last_scale = w.value
            return self._take(w)
        if last in ("digits", "fraction") or w.kind in ("digits", "fraction"):
            return False
        if joined:
            # و continues a number only in the order Arabic writes it
            if last == "scale" and cur == 0:
                return w.value < self.last_scale and self._add(w)
            if w.kind == "tens" and last in ("unit", "ordinal") and 1 <= cur % 100 <= 9 \
                    and not self.has_tens:
                return self._add(w)  # خمسة وعشرون
            if w.kind in ("unit", "ordinal", "tens", "ten_word") and 0 < cur < 1000 \
                    and cur % 100 == 0:
                return self._add(w)
            return False
        if not adjacent:
            return False
        if w.kind == "ten_word" and last in ("unit", "ordinal") and 1 <= cur % 100 <= 9 \
                and not self.has_tens:
            return self._add(w)  # ثلاثة عشر، الحادي عشر
        if w.kind == "hundred_word" and last == "unit" and 3 <= cur <= 9:
            self.current = cur * 100  # ثلاث مئة
            return self._take(w)
        return False

    def _start(self, w: _Word) -> bool:
        self.start = w.start
        self.first = w.base
        if w.kind == "scale":
            if w.plural:
                return False  # آلاف / ملايين without a count is vague
            self.total = w.value * w.scale_count
            self.last_scale = w.value
        else:
            self.current = w.value
            self.has_tens = w.kind in ("tens", "ten_word")
        return self._take(w)

    def _add(self, w: _Word) -> bool:
        if w.kind in ("tens", "ten_word"):
            self.has_tens = True
        self.current += w.value
        return self._take(w)

    def _take(self, w: _Word) -> bool:
        self.last_kind = w.kind
        self.end = w.end
        self.words += 1
        return True


def _finish(builder: _Builder) -> tuple[int, int, float] | None:
    """The number a builder holds, or None when it is only a fraction without a scale."""
    if builder.empty():
        return None
    if builder.words == 1 and (builder.last_kind == "fraction" or builder.first in _TEEN_ONLY):
        return None
    return (builder.start, builder.end, builder.value)


def find_numbers(text: str, ordinals: bool = False) -> list[tuple[int, int, float]]:
    """Every number in ``text`` as ``(start, end, value)``, spans in ``text`` without proclitics.

    ``ordinals=True`` also reads ordinal words (الثالث = 3, الحادي والعشرين = 21).
    """
    results: list[tuple[int, int, float]] = []
    builder = _Builder()
    prev_end = -1  # end of the previous number token
    pending_waw = False  # a standalone و token sits after the previous number token
    previous = ""
    for tok in tokenize(text):
        word = _classify(text, tok.start, tok.end, tok.norm, ordinals) if tok.norm[0].isalnum() \
            else None
        if word is not None and previous == "في" and tok.norm in ("المائه", "المئه"):
            word = None  # في المائة: "percent"
        previous = tok.norm
        if word is None:
            if tok.norm == "و" and not builder.empty() and not pending_waw:
                pending_waw = True
                continue
            done = _finish(builder)
            if done:
                results.append(done)
            builder = _Builder()
            pending_waw = False
            continue
        gap = text[prev_end:tok.start] if prev_end >= 0 else ""
        adjacent = prev_end >= 0 and gap.strip() == "" and not pending_waw
        joined = (word.conj and gap.strip() == "" and not pending_waw) or (
            pending_waw and not word.conj
        )
        if builder.empty() or not builder.accept(word, adjacent, joined):
            if not builder.empty():
                done = _finish(builder)
                if done:
                    results.append(done)
                builder = _Builder()
            if not builder.accept(word, False, False):
                builder = _Builder()
                prev_end = -1
                pending_waw = False
                continue
        prev_end = word.end
        pending_waw = False
    done = _finish(builder)
    if done:
        results.append(done)
    return results


def parse_number(text: str, ordinals: bool = False) -> float | None:
    """The value of ``text`` if it is exactly one number (clitics allowed), else ``None``.

    >>> parse_number("ثمانية آلاف"), parse_number("8 آلاف"), parse_number("ألف وتسعمائة وواحد وتسعين")
    (8000, 8000, 1991)
    """
    text = text.strip()
    if not text:
        return None
    found = find_numbers(text, ordinals=ordinals)
    if len(found) != 1:
        return None
    start, end, value = found[0]
    # everything outside the span may only be proclitics / surrounding space
    before = normalize(text[:start])
    after = text[end:].strip()
    if after or (before and not _PREFIX_RE.fullmatch(before)):
        return None
    return value


def is_number_token(norm: str, ordinals: bool = False) -> bool:
    """True when a NORMALIZED token (clitics allowed) can begin or continue a number."""
    if not norm:
        return False
    if norm[0].isdigit():
        return _digits_value(norm) is not None
    return _classify(norm, 0, len(norm), norm, ordinals) is not None


def number_words() -> frozenset[str]:
    """All normalized cardinal number words this module reads (for callers building patterns)."""
    return frozenset(
        [*_UNITS, *_TEN_WORDS, *_TENS, *_HUNDRED_WORDS, *_HUNDREDS, *_SCALES, *_FRACTIONS]
    )
