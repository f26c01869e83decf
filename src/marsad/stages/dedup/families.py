"""Verification of candidate pairs and grouping of verified pairs into families.

A pair is verified by exact measures on the two articles: the containment of the smaller
article's shingles in the larger one, and the share of its distinctive words the larger
one also carries. A family is a connected set of verified pairs, cut so that every member
is itself verified against the family's origin (no chains of copies of copies of ...).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from marsad.arabic.clitics import lexicon
from marsad.arabic.keys import word_key_hashes, word_keys
from marsad.ingest.identity import content_hash
from marsad.model import Article, DuplicateGroup, DuplicateMember
from marsad.stages.dedup.params import DedupParams
from marsad.stages.dedup.shingles import overlap, text_features
from marsad.unionfind import UnionFind


def normalized_text(article: Article) -> str:
    """The article's matching key, from its sentences' keys when they are there."""
    from marsad.arabic.normalize import normalize

    if article.sentences:
        return " ".join(s.norm or normalize(s.text) for s in article.sentences)
    return normalize(article.text)


@dataclass(slots=True)
class Features:
    """What verification needs of one article."""

    id: str
    shingles: np.ndarray
    distinctive: np.ndarray  # sorted hashes of its distinctive words
    exact_key: str
    length: int  # characters of normalized text: "fullest" means longest
    published: str | None


@lru_cache(maxsize=4)
def common_words(rare_frequency: int) -> np.ndarray:
    """Sorted 64-bit hashes of the lexicon's words seen at least ``rare_frequency`` times:
    every other word (names, figures, rare terms) is distinctive."""
    words = [w for w, count in lexicon().items() if count >= rare_frequency]
    hashes, counts = word_key_hashes(words)
    return np.unique(hashes[np.repeat(counts == 1, counts)])


def features_of(articles: Sequence[Article], params: DedupParams) -> list[Features]:
    """Features of several articles (shingles and word hashes computed in one batch)."""
    texts = [normalized_text(a) for a in articles]
    shingles, distinctive = text_features(texts, params.shingle_words, common_words(params.rare_frequency))
    return [
        Features(a.id, s, d, content_hash(t, t), len(t), a.published)
        for a, t, s, d in zip(articles, texts, shingles, distinctive, strict=True)
    ]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Exact measures of one pair (a, b)."""

    a: str
    b: str
    shared: int  # shingles in common
    size_a: int
    size_b: int
    distinctive: float  # share of the smaller one's distinctive words found in the other
    exact: bool

    @property
    def containment(self) -> float:
        """Share of the smaller article's shingles found in the larger one."""
        if self.exact:
            return 1.0
        small = min(self.size_a, self.size_b)
        return self.shared / small if small else 0.0

    @property
    def coverage_of_larger(self) -> float:
        """Share of the larger article's shingles found in the smaller one."""
        if self.exact:
            return 1.0
        large = max(self.size_a, self.size_b)
        return self.shared / large if large else 0.0

    def share_of(self, article_id: str) -> float:
        """Share of ``article_id``'s shingles found in the other article."""
        if self.exact:
            return 1.0
        size = self.size_a if article_id == self.a else self.size_b
        return self.shared / size if size else 0.0

    def accepted(self, params: DedupParams) -> bool:
        """True when the two are one piece of reporting."""
        if self.exact:
            return True
        if min(self.size_a, self.size_b) < params.min_shingles:
            return False
        return self.containment >= params.min_containment and self.distinctive >= params.min_distinctive

    def to_json(self) -> list:
        return [self.a, self.b, self.shared, self.size_a, self.size_b, round(self.distinctive, 4), self.exact]

    @classmethod
    def from_json(cls, row: list) -> Evidence:
        a, b, shared, size_a, size_b, distinctive, exact = row
        return cls(a, b, int(shared), int(size_a), int(size_b), float(distinctive), bool(exact))


def measure(x: Features, y: Features) -> Evidence:
    """Exact evidence for a pair (the smaller article's distinctive words looked up in the larger)."""
    exact = x.exact_key == y.exact_key
    small, large = (x, y) if len(x.shingles) <= len(y.shingles) else (y, x)
    distinct = small.distinctive
    share = overlap(distinct, large.distinctive) / len(distinct) if len(distinct) else 1.0
    return Evidence(x.id, y.id, overlap(x.shingles, y.shingles), len(x.shingles), len(y.shingles), share, exact)


# --- families ----------------------------------------------------------------------------


def pick_origin(members: Iterable[str], meta: Callable[[str], tuple[str | None, int]]) -> str:
    """The earliest published member (ties: the fullest); with no dates at all, the fullest.

    ``meta(id)`` gives (published ISO date or None, text length)."""
    members = list(members)
    dated = [m for m in members if meta(m)[0]]
    pool = dated or members
    return min(pool, key=lambda m: (meta(m)[0] or "", -meta(m)[1], m))


def _components(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    sets = UnionFind(nodes)
    for a, b in edges:
        if a in sets and b in sets:
            sets.union(a, b)
    return [sorted(g) for g in sets.groups().values() if len(g) > 1]


@dataclass(slots=True)
class Family:
    """A verified family before sentence alignment."""

    origin: str
    members: list[tuple[str, Evidence]]  # non-origin members with their evidence vs origin


def build_families(
    edges: dict[tuple[str, str], Evidence],
    meta: Callable[[str], tuple[str | None, int]],
    evidence: Callable[[str, str], Evidence],
    prefetch: Callable[[list[str]], None],
    params: DedupParams,
) -> list[Family]:
    """Families from accepted pairs (keyed by sorted id pair): each member verified directly
    against its origin. ``prefetch(ids)`` is called with the articles whose features a
    component's verification will need (members with no stored pair to the origin)."""
    accepted = [(e.a, e.b) for e in edges.values() if e.accepted(params)]
    nodes = sorted({x for pair in accepted for x in pair})
    queue = _components(nodes, accepted)
    families: list[Family] = []
    while queue:
        component = queue.pop()
        origin = pick_origin(component, meta)
        unpaired = [x for x in component if x != origin and (min(x, origin), max(x, origin)) not in edges]
        if unpaired:
            prefetch([origin, *unpaired])
        members: list[tuple[str, Evidence]] = []
        rest: list[str] = []
        for x in component:
            if x == origin:
                continue
            ev = evidence(x, origin)
            if ev.accepted(params):
                members.append((x, ev))
            else:
                rest.append(x)
        if members:
            families.append(Family(origin, members))
        if len(rest) > 1:
            rest_set = set(rest)
            queue.extend(_components(rest, [p for p in accepted if p[0] in rest_set and p[1] in rest_set]))
    families.sort(key=lambda f: f.origin)
    return families


def relation(member: str, ev: Evidence, params: DedupParams) -> str:
    """How ``member`` stands to the origin: exact | near | contained (inside the origin)
    | contains (the origin is inside it: a longer, later version)."""
    if ev.exact:
        return "exact"
    if ev.coverage_of_larger >= params.near_coverage:
        return "near"
    member_size = ev.size_a if member == ev.a else ev.size_b
    other_size = ev.size_b if member == ev.a else ev.size_a
    return "contained" if member_size <= other_size else "contains"


def align_sentences(member: Article, origin: Article, params: DedupParams) -> tuple[list[int], list[int]]:
    """(member sentences not in the origin, origin sentences not in the member), by index.

    Two sentences match when rapidfuzz's ratio reaches ``sentence_ratio`` (an edited or
    re-translated sentence), or when one of at least ``partial_min_chars`` characters has
    ``sentence_partial`` % of its words inside the other (a sentence split or merged).
    """
    a = [s.norm or s.text for s in member.sentences]
    b = [s.norm or s.text for s in origin.sentences]
    if not a or not b:
        return list(range(len(a))), list(range(len(b)))
    match = process.cdist(a, b, scorer=fuzz.ratio, score_cutoff=params.sentence_ratio, workers=1) > 0
    words_a = [set(word_keys(x)) if len(x) >= params.partial_min_chars else set() for x in a]
    words_b = [set(word_keys(x)) if len(x) >= params.partial_min_chars else set() for x in b]
    need = params.sentence_partial / 100
    for i in np.flatnonzero(~match.any(axis=1)):
        wa = words_a[i]
        for j, wb in enumerate(words_b):
            if wa and wb and len(wa & wb) >= need * min(len(wa), len(wb)):
                match[i, j] = True
    for j in np.flatnonzero(~match.any(axis=0)):
        wb = words_b[j]
        for i, wa in enumerate(words_a):
            if wa and wb and len(wa & wb) >= need * min(len(wa), len(wb)):
                match[i, j] = True
    added = [int(i) for i in np.flatnonzero(~match.any(axis=1))]
    dropped = [int(j) for j in np.flatnonzero(~match.any(axis=0))]
    return added, dropped


def group_id(members: Iterable[str]) -> str:
    """Stable id of a family: hash of its sorted member ids."""
    return "dup-" + hashlib.sha1(",".join(sorted(members)).encode("ascii")).hexdigest()[:12]


def to_group(
    family: Family,
    alignment: Callable[[str, str], tuple[list[int], list[int]]],
    published: Callable[[str], str | None],
    params: DedupParams,
) -> DuplicateGroup:
    """The report form of a family, members ordered origin first, then by date and id."""
    others = sorted(family.members, key=lambda m: (published(m[0]) or "9999", m[0]))
    shared: list[DuplicateMember] = []
    relations: list[str] = []
    for member, ev in others:
        added, dropped = alignment(member, family.origin)
        rel = relation(member, ev, params)
        relations.append(rel)
        shared.append(
            DuplicateMember(
                article=member,
                similarity=round(ev.share_of(member), 4),
                added_sentences=added,
                dropped_sentences=dropped,
                coverage=round(ev.share_of(family.origin), 4),
                relation=rel,
            )
        )
    if all(r == "exact" for r in relations):
        kind = "exact"
    elif any(r in ("contained", "contains") for r in relations):
        kind = "contained"
    else:
        kind = "near"
    members = [family.origin] + [m for m, _ in others]
    score = min(ev.containment for _, ev in others)
    return DuplicateGroup(
        id=group_id(members), kind=kind, members=members, origin=family.origin, score=round(score, 4), shared=shared
    )
