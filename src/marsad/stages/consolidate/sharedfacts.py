"""One source by shared facts: two independent sources whose facts are (nearly) the same facts count once.

An outlet's own report of an event shares a few facts with another outlet's and adds its own (quotes, its
correspondent's details, context); a press release or an agency text rewritten by two outlets shares almost
all of the shorter one's facts, whatever the wording. After consolidation has linked propositions across
articles (:func:`~marsad.stages.consolidate.matching.group_propositions`, the default link decision — no new
link is made here), each pair of independent sources is read off those links: the share of the source with
fewer propositions whose proposition shares a group with one of the other. Two sources are joined when that
share is at least :data:`SHARE`, at least :data:`MIN_LINKED` of its propositions are linked, and it has at
least :data:`MIN_PROPOSITIONS` propositions; joins are transitive (union-find), and claims count witnesses
over the joined sources (:func:`~marsad.stages.consolidate.matching.claim_witnesses`). Twenty-first session,
"one source by shared facts" (docs/consolidate.md); opt-in, :data:`USE_SHARED_FACTS` (off: measured, not landed).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from marsad.stages.consolidate.facts import Proposition
from marsad.unionfind import UnionFind

#: two sources are one when at least this share of the shorter's propositions (the one with fewer) is linked to
#: a proposition of the other — a rewritten release or agency text carries most of the shorter's facts
SHARE = 0.6
#: and at least this many of them are linked (one shared fact is a shared event, not a shared text)
MIN_LINKED = 2
#: and the shorter has at least this many propositions (two one-sentence briefs of one event are not one text)
MIN_PROPOSITIONS = 3
#: whether claims count witnesses over sources joined by shared facts (twenty-first session, docs/consolidate.md).
#: Its registered dev rule held — families dev F1 0.832 -> 0.870 at precision 1.000 (in sample: the setting was
#: chosen there; nested leave-one-story-out 0.836), claims DEV all rounds 0.490 / 0.561 -> 0.490 / 0.671 — but the
#: landing gate did not: with it on, ``claims.py --quick`` fails the TEST2 and TEST3 floors (TEST all rounds 0.483 /
#: 0.585 -> 0.360 / 0.513), so it stays off
USE_SHARED_FACTS = False


def source_coverage(
    props: Sequence[Proposition], groups: Sequence[Sequence[int]],
) -> dict[tuple[str, str], tuple[int, int]]:
    """For each ordered pair of independent sources (S, T) of the story: (propositions of S, those of them whose
    group holds a proposition of T). ``groups``: proposition indexes per linked group (every proposition in one)."""
    group_of = {m: g for g, members in enumerate(groups) for m in members}
    sources_in: dict[int, set[str]] = {}
    for p in props:
        sources_in.setdefault(group_of.get(p.index, -1 - p.index), set()).add(p.unit.source)
    by_source: dict[str, list[Proposition]] = {}
    for p in props:
        by_source.setdefault(p.unit.source, []).append(p)
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for s, t in itertools.permutations(sorted(by_source), 2):
        own = by_source[s]
        linked = sum(t in sources_in[group_of.get(p.index, -1 - p.index)] for p in own)
        out[(s, t)] = (len(own), linked)
    return out


def joined_sources(
    props: Sequence[Proposition], groups: Sequence[Sequence[int]], share: float = SHARE,
    min_linked: int = MIN_LINKED, min_props: int = MIN_PROPOSITIONS,
) -> dict[str, str]:
    """Independent source -> the key it is counted under (the least source key of its joined set), for every
    source of ``props``; a source joined to none maps to itself."""
    coverage = source_coverage(props, groups)
    sources = sorted({p.unit.source for p in props})
    sets = UnionFind(sources)
    for s, t in itertools.combinations(sources, 2):
        (n_s, l_s), (n_t, l_t) = coverage[(s, t)], coverage[(t, s)]
        n, linked = (n_s, l_s) if (n_s, s) <= (n_t, t) else (n_t, l_t)
        if n >= min_props and linked >= min_linked and linked / n >= share:
            sets.union(s, t)
    return sets.roots()
