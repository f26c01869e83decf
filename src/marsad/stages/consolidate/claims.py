"""Claims: sentences of different articles that state one fact, counted by independent sources.

Sentences are aligned with :class:`marsad.similarity.SentenceSimilarity` (stems, numbers read
as values, USE embeddings when the story is small enough) and grouped by average-linkage
agglomeration: pairs are merged best first; two groups merge only when they hold no article
in common (a claim takes one sentence per article) and the mean score over all their
cross pairs reaches :data:`MERGE_THRESHOLD`. Two sentences that give different dates (time
expressions resolved by the timex stage) or different numbers for one unit word are taken
for two facts unless they score :data:`CONFLICT_LINK_THRESHOLD` or more — then they are one
fact told two ways, a conflict. A claim's status:

- ``conflict``: sentences from different independent sources give different values for the
  same quantity (a number with the same unit word) or different dates for the fact;
- ``corroborated``: at least two independent sources carry it;
- ``single``: one independent source only (copies and one outlet's versions count once).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from marsad.model import Citation, Claim, Corpus, TimeRef
from marsad.similarity import EMBEDDING_WEIGHT, SentenceSimilarity, numbers_of
from marsad.stages.consolidate.sources import Unit

#: pairs scoring at least this are linked (blended score, see marsad.similarity)
LINK_THRESHOLD = 0.5
#: groups merge when the mean score over all their cross pairs reaches this
MERGE_THRESHOLD = 0.42
#: pairs below this are not even scored (lexical cosine / containment prefilter)
PREFILTER = 0.2
#: two sentences that give different dates, or different numbers for one unit word, are
#: aligned only when they score at least this (below it they are taken for two facts)
CONFLICT_LINK_THRESHOLD = 0.6


@dataclass(slots=True)
class ClaimSet:
    """The claims of a story and, for each unit, the claim it belongs to."""

    claims: list[Claim]
    claim_of: dict[int, Claim] = field(default_factory=dict)  # unit index -> claim
    members: dict[str, list[int]] = field(default_factory=dict)  # claim id -> unit indexes
    scores: dict[tuple[int, int], float] = field(default_factory=dict)  # (i < j) unit pair -> similarity
    texts: dict[str, int] = field(default_factory=dict)  # claim id -> distinct texts (copies once, outlet ignored)


def _facts(unit: Unit, dates: dict[tuple[str, int], set[str]]) -> dict[str, set[Any]]:
    """What a sentence pins down: ``date`` → its resolved dates, ``#unit`` → its numbers."""
    facts: dict[str, set[Any]] = defaultdict(set)
    if dates.get(unit.key):
        facts["date"] = set(dates[unit.key])
    for value, unit_word in numbers_of(unit.sentence.text):
        if unit_word:
            facts["#" + unit_word].add(value)
    return facts


def _disagree(a: dict[str, set[Any]], b: dict[str, set[Any]]) -> bool:
    """True when two sentences give different values for a date or a quantity they both give."""
    return any(a[k].isdisjoint(b[k]) for k in a.keys() & b.keys())


def merge_groups(
    groups: dict[int, list[int]], articles: dict[int, set[str]], group_of: dict[int, int], gi: int, gj: int,
) -> None:
    """Fold the smaller of groups ``gi`` and ``gj`` into the larger (ties keep ``gi``), with their
    articles, and point every member at the group it now belongs to."""
    keep, drop = (gi, gj) if len(groups[gi]) >= len(groups[gj]) else (gj, gi)
    groups[keep].extend(groups.pop(drop))
    articles[keep] |= articles.pop(drop)
    for member in groups[keep]:
        group_of[member] = keep


def _cluster(
    units: Sequence[Unit], scores: dict[tuple[int, int], float], facts: dict[int, dict[str, set[Any]]]
) -> list[list[int]]:
    """Average-linkage groups of unit indexes, one unit per article in each group; sentences
    that disagree on a date or number join only above :data:`CONFLICT_LINK_THRESHOLD`."""
    group_of = {u.index: u.index for u in units}
    groups: dict[int, list[int]] = {u.index: [u.index] for u in units}
    articles: dict[int, set[str]] = {u.index: {u.article.id} for u in units}
    by_index = {u.index: u for u in units}
    for (i, j), score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if score < LINK_THRESHOLD:
            break
        gi, gj = group_of[i], group_of[j]
        if gi == gj or articles[gi] & articles[gj]:
            continue
        cross = [scores.get((min(a, b), max(a, b)), 0.0) for a in groups[gi] for b in groups[gj]]
        if sum(cross) / len(cross) < MERGE_THRESHOLD:
            continue
        if any(
            _disagree(facts[a], facts[b]) and scores.get((min(a, b), max(a, b)), 0.0) < CONFLICT_LINK_THRESHOLD
            for a in groups[gi]
            for b in groups[gj]
        ):
            continue
        merge_groups(groups, articles, group_of, gi, gj)
    ordered = [sorted(g, key=lambda m: (by_index[m].article_rank, by_index[m].sentence.i)) for g in groups.values()]
    return sorted(ordered, key=lambda g: g[0])


def _wording(group: list[int], units: Sequence[Unit], scores: dict[tuple[int, int], float]) -> int:
    """The member whose wording stands best for the group: most similar to the others,
    then the shorter one (long sentences carry more than the fact). ``units[m].index == m``."""

    def centrality(m: int) -> float:
        others = [scores.get((min(m, o), max(m, o)), 0.0) for o in group if o != m]
        return sum(others) / len(others) if others else 0.0

    return max(group, key=lambda m: (round(centrality(m), 2), -units[m].words, -m))


def _outlet_label(unit: Unit) -> str:
    """What a reader sees for the source of a unit: the outlet, else the article id."""
    return unit.article.outlet or unit.article.id


def _conflicts(members: list[Unit], dates: dict[tuple[str, int], set[str]]) -> list[dict[str, Any]]:
    """Disagreements between independent sources of one claim: same unit word, different
    number; or different dates. Each: ``{kind, unit, values: [{value, articles, outlets}]}``."""
    found: list[dict[str, Any]] = []
    by_unit: dict[str, dict[Any, list[Unit]]] = defaultdict(lambda: defaultdict(list))
    for u in members:
        for value, unit_word in numbers_of(u.sentence.text):
            if unit_word:
                by_unit[unit_word][value].append(u)
    for unit_word, values in sorted(by_unit.items()):
        _add_conflict(found, "number", unit_word, values)
    by_date: dict[Any, list[Unit]] = defaultdict(list)
    for u in members:
        for value in dates.get(u.key, ()):
            by_date[value].append(u)
    _add_conflict(found, "date", "", by_date)
    return found


def _add_conflict(found: list[dict[str, Any]], kind: str, unit_word: str, values: dict[Any, list[Unit]]) -> None:
    """Record a conflict when two values are each carried by sources the other lacks."""
    if len(values) < 2:
        return
    sources = {v: {u.source for u in us} for v, us in values.items()}
    all_sources = set().union(*sources.values())
    if len(all_sources) < 2:
        return  # one source giving two numbers is not a disagreement between sources
    # a conflict needs sources that carry one value and not the other
    exclusive = [v for v, s in sources.items() if s - set().union(*(o for w, o in sources.items() if w != v))]
    if len(exclusive) < 2:
        return
    found.append(
        {
            "kind": kind,
            "unit": unit_word,
            "values": [
                {
                    "value": v,
                    "articles": sorted({u.article.id for u in values[v]}),
                    "outlets": sorted({_outlet_label(u) for u in values[v]}),
                }
                for v in sorted(values, key=str)
            ],
        }
    )


#: a resolved day (``YYYY-MM-DD``); ``FUTURE_REF`` (قريبا) has ten characters too and is no day
ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def is_day(value: str | None) -> bool:
    """True for a TIMEX value that is one calendar day (``2015-07-21``), not a reference like
    ``FUTURE_REF`` nor a month, week or year."""
    return bool(value) and ISO_DAY.fullmatch(value or "") is not None


def sentence_dates(timerefs: Sequence[TimeRef]) -> dict[tuple[str, int], set[str]]:
    """Resolved calendar dates (``YYYY-MM-DD``) of each (article, sentence)."""
    dates: dict[tuple[str, int], set[str]] = defaultdict(set)
    for ref in timerefs:
        if ref.kind == "date" and not ref.relative and is_day(ref.value):
            dates[(ref.article, ref.sentence)].add(ref.value)
    return dates


def build_claims(
    units: Sequence[Unit],
    corpus: Corpus | None = None,
    use_embeddings: bool | None = None,
    similarity: SentenceSimilarity | None = None,
    dates: dict[tuple[str, int], set[str]] | None = None,
    vectors: np.ndarray | None = None,
) -> ClaimSet:
    """Align ``units`` (sentences of one story, ``units[i].index == i``) into claims with status
    and conflicts. ``dates``: :func:`sentence_dates` of the corpus, when already computed;
    ``vectors``: the units' L2-normalized sentence embeddings when the caller already has them
    (blended with the lexical score as :meth:`SentenceSimilarity.score` does)."""
    if not units:
        return ClaimSet([])
    if similarity is None:
        similarity = SentenceSimilarity([u.sentence.text for u in units],
                                        use_embeddings=False if vectors is not None else use_embeddings,
                                        terms=[u.terms for u in units])
    scores = {
        (i, j): s
        for (i, j), s in similarity.scored_pairs(PREFILTER).items()
        if units[i].article.id != units[j].article.id
    }
    if vectors is not None:
        scores = {
            (i, j): round(EMBEDDING_WEIGHT * min(1.0, max(0.0, float(vectors[i] @ vectors[j])))
                          + (1 - EMBEDDING_WEIGHT) * s, 4)
            for (i, j), s in scores.items()
        }
    if dates is None:
        dates = sentence_dates(corpus.timerefs) if corpus is not None else {}
    facts = {u.index: _facts(u, dates) for u in units}
    claim_set = ClaimSet([], scores=scores)
    for group in _cluster(units, scores, facts):
        members = [units[m] for m in group]
        sources = {u.source for u in members}
        conflicts = _conflicts(members, dates) if len(group) > 1 else []
        status = "conflict" if conflicts else ("corroborated" if len(sources) >= 2 else "single")
        citations = [Citation(u.article.id, u.sentence.i, u.sentence.start, u.sentence.end) for u in members]
        key = "|".join(f"{c.article}:{c.sentence}" for c in citations)
        claim = Claim(
            id="c" + hashlib.sha1(key.encode()).hexdigest()[:12],
            text=units[_wording(group, units, scores)].sentence.text,
            sources=list(dict.fromkeys(u.article.id for u in members)),
            sentences=citations,
            independent_sources=len(sources),
            status=status,
            conflicts=conflicts,
        )
        claim_set.claims.append(claim)
        claim_set.members[claim.id] = list(group)
        claim_set.texts[claim.id] = len({u.text_key or u.source for u in members})
        for m in group:
            claim_set.claim_of[m] = claim
    return claim_set


def rank_claims(claims: list[Claim]) -> list[Claim]:
    """Claims in reading order for a report: the most independent sources first, conflicts
    before others of the same count, then by how many articles carry them (stable otherwise)."""
    order = {"conflict": 0, "corroborated": 1, "single": 2}
    return sorted(claims, key=lambda c: (-c.independent_sources, order[c.status], -len(c.sources)))
