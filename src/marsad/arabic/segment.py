"""Sentence splitting and tokenization with character offsets into the original text.

Rules (Arabic news):
- a paragraph break (newline) always ends a sentence;
- ``.`` ``!`` ``?`` ``؟`` ``…`` end a sentence when followed by white space or a closing
  quotation mark, except after a decimal point (3.5), an abbreviation — one letter (د. ، م.), two Latin
  letters (U.S.), or the Arabic name of a Latin letter (تي. يو، جون إف. كينيدي) — or a run of dots inside a
  headline (..), or the last dot of an abbreviated name in brackets ((إن.بي.سي.)، (إف. بي. أي.)); a
  two-letter Arabic word that is no letter name ends its sentence («لا علاقة له.»);
- ``،`` and ``؛`` never end a sentence;
- no split inside a quotation that closes within the same paragraph; a quotation whose words end with
  a sentence mark ends its sentence at its closing mark, also with a space before it (``. "``, as
  pre-tokenized text writes it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.arabic.clitics import split_proclitics
from marsad.arabic.normalize import normalize

OPENING_QUOTES = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d", "\u2039": "\u203a"}
CLOSING_QUOTES = set(OPENING_QUOTES.values()) | {'"'}


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence as offsets into its paragraph-bearing text: ``text[start:end]``."""

    start: int
    end: int
    text: str


_OPENERS_RE = re.compile('["\u201c\u00ab\u201e\u2039]')
_TERMINATOR_RUN_RE = re.compile(r"[.!?\u061f\u2026]+[\u201d\u00bb\u203a\")\]]*")


def _quote_regions(paragraph: str, offset: int) -> list[tuple[int, int]]:
    """Offsets (absolute) of quotations that open and close inside ``paragraph``."""
    regions: list[tuple[int, int]] = []
    resume = 0
    unclosed: set[str] = set()  # closers absent after some point: never searched for again (linear time)
    for m in _OPENERS_RE.finditer(paragraph):
        i = m.start()
        if i < resume:
            continue
        ch = paragraph[i]
        closer = OPENING_QUOTES.get(ch, '"')
        j = -1 if closer in unclosed else paragraph.find(closer, i + 1)
        if j == -1:
            unclosed.add(closer)
        else:
            regions.append((offset + i, offset + j))
            resume = j + 1
    return regions


_TERMINATORS = ".!?\u061f\u2026"
_ABBREV_RE = re.compile(r"(?:^|[\s(\"«“])([^\W\d_]{1,2})$")


#: Latin letters as Arabic writes them (بي بي سي، جون إف. كينيدي، تي. يو-95): two-letter words that are
#: abbreviations before a dot, where other two-letter words (به، له، ما، هو) end a sentence
LETTER_NAMES = frozenset({
    "اي", "إي", "بي", "سي", "دي", "اف", "إف", "جي", "آي", "كي", "ال", "إل", "ام", "إم", "ان", "إن",
    "او", "أو", "ار", "آر", "اس", "إس", "تي", "يو", "في", "زد", "ثي", "ذي",
})


def _is_abbreviation(before: str) -> bool:
    """True if the text ending right before a dot ends in an abbreviation: one letter (د. م.), two
    Latin letters (U.S.), or the Arabic name of a Latin letter (تي. إف.)."""
    match = _ABBREV_RE.search(before[-4:] if len(before) > 4 else before)
    if match is None:
        return False
    word = match.group(1)
    return len(word) == 1 or word.isascii() or word in LETTER_NAMES


#: a bracket this short (in words) that closes right after a dot holds an abbreviated name, not a sentence
SHORT_BRACKET_WORDS = 4
_DOTTED_LETTERS_RE = re.compile(r"(?:^|[\s(])(?:[^\W\d_]{1,3}\.\s?)+[^\W\d_]{1,3}$")


def _short_bracket(paragraph: str, dot: int) -> bool:
    """True if the dot at ``dot``, right before a closing bracket, ends an abbreviated name in a short
    bracket: (إن.بي.سي.)، (إف. بي. أي.)، (د.ب.أ.) — letters of at most three characters joined by dots."""
    opening = paragraph.rfind("(", max(0, dot - 40), dot)
    if opening == -1 or ")" in paragraph[opening:dot]:
        return False
    inner = paragraph[opening + 1 : dot]
    return len(inner.split()) <= SHORT_BRACKET_WORDS and _DOTTED_LETTERS_RE.search(inner) is not None


def _inside(regions: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    """True if ``a < position < b`` for one of the sorted, disjoint ``regions`` (binary search)."""
    k = bisect_right(starts, position - 1) - 1
    return k >= 0 and regions[k][0] < position < regions[k][1]


def split_sentences(text: str) -> list[Span]:
    """Split ``text`` into sentences; offsets index ``text`` and spans are stripped of space.
    Runs in time linear in ``len(text)``."""
    spans: list[Span] = []
    pos = 0
    for paragraph in text.split("\n"):
        p_start = pos
        pos += len(paragraph) + 1
        if not paragraph.strip():
            continue
        regions = _quote_regions(paragraph, p_start) if _OPENERS_RE.search(paragraph) else []
        starts = [a for a, _ in regions]
        cuts: list[int] = []
        n = len(paragraph)
        for m in _TERMINATOR_RUN_RE.finditer(paragraph):
            i, end = m.start(), m.end()
            marks = m.group().rstrip("\u201d\u00bb\u203a\")]")
            ch = marks[0]
            absolute = p_start + end - 1  # the closing quote, when one follows the mark
            if end < n and not paragraph[end].isspace():
                continue
            if regions and _inside(regions, starts, absolute):
                continue
            if ch == "." and len(marks) == 1:
                if i > 0 and i + 1 < n and paragraph[i - 1].isdigit() and paragraph[i + 1].isdigit():
                    continue  # decimal point
                if _is_abbreviation(paragraph[max(0, i - 4):i]):
                    continue
                if m.group()[1:2] == ")" and _short_bracket(paragraph, i):
                    continue  # شبكة (إن.بي.سي.) عن…، مكتب التحقيقات (إف. بي. أي.) إن…: a name's last dot
            if marks == "..":  # headline pause
                continue
            cuts.append(end)
        for a, b in regions:
            # a quotation whose words end with a sentence mark and a space before the closing mark
            # (…بلادنا . " وأظهرت…: tokens written apart) ends its sentence at the closing mark, as
            # …بلادنا.” وأظهرت… does
            close = b - p_start
            inner = paragraph[a - p_start + 1 : close]
            if inner == inner.rstrip() or not inner.strip() or inner.rstrip()[-1] not in _TERMINATORS:
                continue
            if close + 1 < n and paragraph[close + 1].isspace():
                cuts.append(close + 1)
        cuts = sorted(set(cuts))
        last = 0
        for cut in [*cuts, n]:
            piece = paragraph[last:cut]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                start = p_start + last + lead
                spans.append(Span(start, start + len(stripped), stripped))
            last = cut
    return spans


# --- tokens --------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"\d+(?:[.,\u066b\u066c]\d+)*"  # numbers with decimal / thousands separators
    r"|[\u0660-\u0669\u06f0-\u06f9]+(?:[\u066b\u066c.,][\u0660-\u0669\u06f0-\u06f9]+)*"
    r"|[^\W\d_](?:[^\W\d_]|[\u064b-\u065f\u0670\u0640])*"  # words (letters, marks, tatweel)
    r"|[^\w\s]",  # any other single non-space character: punctuation
    re.UNICODE,
)


@dataclass(frozen=True, slots=True)
class Token:
    """A word, number or punctuation mark with its offsets in the original text.

    ``norm`` is the matching key; ``prefixes`` the separated proclitics (normalized)
    and ``base`` the normalized word without them.
    """

    text: str
    start: int
    end: int
    norm: str
    prefixes: tuple[str, ...] = field(default=())
    base: str = ""

    @property
    def is_word(self) -> bool:
        """True for tokens that contain a letter."""
        return self.text.isalpha() or any(ch.isalpha() for ch in self.text)  # the first: one C call


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokenize ``text`` into words, numbers and punctuation; offsets are ``+ offset``.

    Words carry their proclitic analysis (``prefixes``/``base``); nothing is removed
    from the surface ``text`` so spans always point at what the outlet wrote.
    A new list every call (tokens are immutable; recently tokenized sentences are memoized,
    as stages tokenize the same sentence several times).
    """
    return list(_tokenize(text, offset))


@lru_cache(maxsize=1 << 16)
def _analysis(surface: str) -> tuple[str, tuple[str, ...], str]:
    """``(norm, prefixes, base)`` of one token's surface: a pure function of it, so memoized per word
    (the frequent words of a corpus are analysed once, not once per sentence they occur in)."""
    norm = normalize(surface)
    prefixes: tuple[str, ...] = ()
    base = norm
    if norm and norm[0].isalpha():
        prefixes, base = split_proclitics(norm)
    return norm, prefixes, base


@lru_cache(maxsize=4096)
def _tokenize(text: str, offset: int) -> tuple[Token, ...]:
    tokens: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        surface = m.group()
        norm, prefixes, base = _analysis(surface)
        if not norm:
            continue
        tokens.append(Token(surface, m.start() + offset, m.end() + offset, norm, prefixes, base))
    return tuple(tokens)


def words(text: str) -> list[str]:
    """Normalized word and number tokens of ``text`` (no punctuation), clitics kept attached."""
    return [t.norm for t in tokenize(text) if t.norm[0].isalnum()]


def base_words(text: str) -> list[str]:
    """Normalized words with proclitics (و ف ب ل ك س ال) removed; numbers kept."""
    return [t.base for t in tokenize(text) if t.norm[0].isalnum()]
