"""The news-media gazetteer (``media.tsv``): agencies, newspapers, TV channels and sites.

:func:`find_media` finds outlet names in a text and gives each its canonical name and kind, so
ريا نوفوستي / نوفوستي, فرانس برس / فرانس بريس / أ ف ب, or وكالة الأنباء المركزية الكورية / الوكالة
الكورية الشمالية للأنباء all come out as one outlet. Matching is word by word on
:func:`marsad.arabic.normalize` keys, so quotation marks and the dots of ``سي. إن. إن`` do not matter.

A name that is also a common word (اليوم, الرياض, الجزيرة...) is listed only behind its media
noun (صحيفة اليوم); the bare name is accepted when it stands inside quotation marks right after a
clitic or a media noun (لـ"اليوم", صحيفة "الرياض").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.arabic import normalize, tokenize
from marsad.arabic.clitics import after_lam

#: nouns that introduce an outlet (normalized): وكالة رويترز، صحيفة الغارديان، شبكة سي إن إن
MEDIA_NOUNS = {
    normalize(w)
    for w in (
        "وكالة",
        "وكالات",
        "صحيفة",
        "صحف",
        "جريدة",
        "قناة",
        "شبكة",
        "موقع",
        "تلفزيون",
        "التلفزيون",
        "مجلة",
        "إذاعة",
        "راديو",
        "محطة",
        "وكالة الأنباء",
        "وكالة أنباء",
        "الوكالة",
        "الصحيفة",
        "الشبكة",
        "القناة",
        "المجلة",
        "الإذاعة",
        "الموقع",
        "الجريدة",
        "أنباء",
        "الأنباء",
        "للأنباء",
    )
}
_CLITICS = "وفبلك"


@dataclass(frozen=True, slots=True)
class Outlet:
    """One spelling of an outlet: its words (normalized), canonical name, kind and country."""

    form: str
    canonical: str
    kind: str  # agency | newspaper | tv | site | radio
    country: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MediaMention:
    """An outlet named in a text; ``start``/``end`` cover the name (and its media noun if any)."""

    start: int
    end: int
    text: str
    canonical: str
    kind: str
    name_start: int  # where the outlet's own name begins (after وكالة, صحيفة...)


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    """Every line of ``media.tsv`` (comments skipped)."""
    text = resources.files("marsad.knowledge").joinpath("media.tsv").read_text(encoding="utf-8")
    rows: list[Outlet] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        form, canonical = cols[0], cols[1] if len(cols) > 1 else cols[0]
        kind = cols[2] if len(cols) > 2 else "site"
        country = cols[3] if len(cols) > 3 else ""
        words = tuple(_word_keys(form))
        if words:
            rows.append(Outlet(form, canonical, kind, country, words))
    return tuple(rows)


def _word_keys(text: str) -> list[str]:
    return [t.norm for t in tokenize(text) if t.norm[0].isalnum()]


@lru_cache(maxsize=1)
def _index() -> dict[str, list[Outlet]]:
    """First word → outlets starting with it, longest first; also the bare names of noun-led forms."""
    index: dict[str, list[Outlet]] = {}
    for o in outlets():
        index.setdefault(o.words[0], []).append(o)
    for entries in index.values():
        entries.sort(key=lambda o: -len(o.words))
    return index


@lru_cache(maxsize=1)
def _quoted_index() -> dict[str, list[Outlet]]:
    """Bare names of forms written behind a media noun (صحيفة اليوم → اليوم), usable in quotes."""
    index: dict[str, list[Outlet]] = {}
    for o in outlets():
        if len(o.words) > 1 and o.words[0] in MEDIA_NOUNS:
            bare = Outlet(o.form, o.canonical, o.kind, o.country, o.words[1:])
            index.setdefault(bare.words[0], []).append(bare)
    for entries in index.values():
        entries.sort(key=lambda o: -len(o.words))
    return index


def canonical_names() -> set[str]:
    """All canonical outlet names."""
    return {o.canonical for o in outlets()}


def _readings(norm: str) -> list[str]:
    """The word and its readings without up to two proclitics (للغارديان → لغارديان, الغارديان)."""
    out = [norm]
    if norm.startswith("لل") and len(norm) > 4:
        out.append("ال" + norm[2:])
    rest = norm
    for _ in range(2):
        if len(rest) > 3 and rest[0] in _CLITICS:
            rest = rest[1:]
            out.append(rest)
    return out


def is_media_noun(norm: str) -> bool:
    """True for a normalized word that introduces an outlet (وكالة، لصحيفة، والقناة...)."""
    return any(r in MEDIA_NOUNS for r in _readings(norm))


def find_media(text: str, offset: int = 0) -> list[MediaMention]:
    """Outlets named in ``text`` (offsets ``+ offset``), longest match first, left to right."""
    tokens = tokenize(text, offset)
    words = [(i, t) for i, t in enumerate(tokens) if t.norm[0].isalnum()]
    index, quoted = _index(), _quoted_index()
    found: list[MediaMention] = []

    def best_at(k: int) -> tuple[Outlet, int] | None:
        best: tuple[Outlet, int] | None = None
        first_i, first = words[k]
        for reading in _readings(first.norm):
            candidates = list(index.get(reading, ()))
            opened = first_i > 0 and (
                tokens[first_i - 1].norm in ('"', "'")
                # لـ(عكاظ): a name in brackets right after the clitic of "told to"
                or (tokens[first_i - 1].norm == "(" and first_i > 1 and tokens[first_i - 2].norm == "ل")
            )
            if opened or (k > 0 and is_media_noun(words[k - 1][1].norm)):
                candidates += quoted.get(reading, [])
            for o in candidates:
                n = len(o.words)
                if k + n > len(words):
                    continue
                if all(words[k + j][1].norm == o.words[j] for j in range(1, n)) and (best is None or n > best[1]):
                    best = (o, n)
        return best

    k = 0
    while k < len(words):
        best = best_at(k)
        if best is not None and is_media_noun(best[0].words[0]) and k + 1 < len(words):
            # وكالة فرانس برس: "فرانس برس" beats the truncated form "وكالة فرانس"
            nxt = best_at(k + 1)
            if nxt is not None and k + 1 + nxt[1] > k + best[1]:
                k += 1
                best = nxt
        if best is None:
            k += 1
            continue
        outlet, n = best
        first = words[k][1]
        start, end = first.start, words[k + n - 1][1].end
        name_start = start
        # extend left over a media noun (وكالة الأنباء الروسية "ريا نوفوستي" keeps its own name start)
        j = k - 1
        while j >= 0 and is_media_noun(words[j][1].norm) and k - j <= 2:
            start = words[j][1].start
            j -= 1
        if end < offset + len(text) and text[end - offset : end - offset + 1] in '"\u201d\u00bb':
            end += 1
        found.append(
            MediaMention(start, end, text[start - offset : end - offset], outlet.canonical, outlet.kind, name_start)
        )
        k += n
    return found


def told_bare_outlet(norms: list[str]) -> tuple[str, str, int] | None:
    """An outlet whose name is a common word (الجزيرة، الرياض، اليوم، الحياة), written bare behind the
    clitic ل of "told to" (للجزيرة، للرياض، لليوم): ``(canonical, kind, words)`` when ``norms`` (normalized
    words) start with it, else None. Whether it is an outlet there is for the caller to judge (a
    complementizer right after it: وقال شهود عيان للجزيرة إن…)."""
    if not norms or not norms[0].startswith("ل") or len(norms[0]) < 4:
        return None
    first = after_lam(norms[0])
    best: tuple[str, str, int] | None = None
    for o in _quoted_index().get(first, ()):
        n = len(o.words)
        if n <= len(norms) and all(norms[j] == o.words[j] for j in range(1, n)) and (best is None or n > best[2]):
            best = (o.canonical, o.kind, n)
    return best
