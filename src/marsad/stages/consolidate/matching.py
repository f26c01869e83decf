"""Facts across articles: propositions that state one fact, grouped into claims, with conflicts.

Every pair of propositions from different articles is scored (:func:`pair_features`):

- ``emb``: cosine of their USE v3 embeddings (when embeddings are on);
- ``lex``: max(TF-IDF cosine, 0.8 × containment) over content terms — stems and numbers as
  values (see :mod:`marsad.similarity`);
- ``ent``: overlap of their entity keys (canonical entities when the entities stage ran);
- ``slot``: +1 when they give the same date or the same number for one unit word, −1 when
  they give different ones, 0 otherwise;
- ``neg``: 1 when one is negated and the other not.

The decision is the linear score ``W_EMB·emb + (1 − W_EMB)·lex + W_ENT·ent + W_SLOT·max(slot, 0)``
against :data:`LINK_THRESHOLD`; the weights and threshold are calibrated on the DEV part of
our gold set (``python benchmarks/claims.py --calibrate``), never on the seed story. Pairs
with a negation mismatch or a slot disagreement never link. Linked pairs are grouped by
average linkage (one proposition per article per claim, mean score over all cross pairs
≥ :data:`MERGE_THRESHOLD`).

Counting: a claim's independent sources are its distinct *witnesses*: the article's
independent source (duplicate families, one outlet, versions count once), except that a
proposition relayed from a named agency or outlet (بحسب وكالة تاس، قالت ريا نوفوستي إن)
counts that agency — two outlets relaying one TASS line are one witness; ``relayed`` says so.

Conflicts: two propositions of different witnesses that score at least
:data:`CONFLICT_THRESHOLD` yet fill one slot differently (date; number with one unit word)
are a conflict, each side cited. When one side is an expectation or plan (من المقرر،
يتوقع أن) and the other a reported outcome, the conflict is marked ``expectation`` rather
than a plain contradiction (and does not turn the claims' status to ``conflict``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from marsad.model import Citation, Claim
from marsad.similarity import SentenceSimilarity, embed, embeddings_available
from marsad.stages.consolidate.claims import merge_groups
from marsad.stages.consolidate.facts import Proposition

#: weight of the embedding cosine against the lexical score (calibrated on gold dev)
W_EMB = 0.8
#: weight of entity overlap (calibrated on gold dev)
W_ENT = 0.1
#: bonus when two propositions give the same date or number (calibrated on gold dev)
W_SLOT = 0.1
#: pairs scoring at least this are linked (calibrated on gold dev)
LINK_THRESHOLD = 0.52
#: groups merge when the mean score over all their cross pairs reaches this
MERGE_THRESHOLD = 0.44
#: two propositions this similar that fill one slot differently are a conflict
CONFLICT_THRESHOLD = 0.3
#: a slot's two values conflict only when the words around them share this many stems
SLOT_SHARED_WORDS = 2
#: lexical pairs under this are not scored unless their embeddings are close
LEX_FLOOR = 0.15
#: embedding pairs under this are not scored unless they share terms
EMB_FLOOR = 0.55


@dataclass(slots=True)
class Weights:
    """The linear decision's parameters (see the module doc)."""

    w_emb: float = W_EMB
    w_ent: float = W_ENT
    w_slot: float = W_SLOT
    link: float = LINK_THRESHOLD
    merge: float = MERGE_THRESHOLD
    conflict: float = CONFLICT_THRESHOLD


def slot_agreement(a: Proposition, b: Proposition) -> int:
    """+1 when ``a`` and ``b`` share a date or a number value for one unit word, −1 when they
    give only different ones for a slot both fill, 0 when they fill no common slot."""
    agree = disagree = False
    if a.dates and b.dates:
        if a.dates & b.dates:
            agree = True
        else:
            disagree = True
    for unit in a.numbers.keys() & b.numbers.keys():
        if a.numbers[unit] & b.numbers[unit]:
            agree = True
        else:
            disagree = True
    if disagree:
        return -1
    return 1 if agree else 0


def _vectors(props: Sequence[Proposition], use_embeddings: bool | None) -> np.ndarray | None:
    """L2-normalized embeddings of the propositions, or None when off."""
    if use_embeddings is False or not props or (use_embeddings is None and not embeddings_available()):
        return None
    return embed([p.text for p in props])


def pair_features(
    props: Sequence[Proposition], use_embeddings: bool | None = None
) -> dict[tuple[int, int], tuple[float, float, float, int, int]]:
    """``(i, j) → (emb, lex, ent, slot, neg)`` for propositions ``i < j`` of different articles
    that share selective terms or have close embeddings."""
    n = len(props)
    if n < 2:
        return {}
    lexical = SentenceSimilarity([p.text for p in props], use_embeddings=False, terms=[p.terms for p in props])
    lex = lexical.scored_pairs(LEX_FLOOR)
    vectors = _vectors(props, use_embeddings)
    pairs = set(lex)
    emb_matrix = None
    if vectors is not None:
        emb_matrix = np.clip(vectors @ vectors.T, 0.0, 1.0)
        rows, cols = np.nonzero(np.triu(emb_matrix >= EMB_FLOOR, k=1))
        pairs |= {(int(i), int(j)) for i, j in zip(rows, cols, strict=True)}
    out: dict[tuple[int, int], tuple[float, float, float, int, int]] = {}
    for i, j in sorted(pairs):
        a, b = props[i], props[j]
        if a.article == b.article:
            continue
        emb = round(float(emb_matrix[i, j]), 4) if emb_matrix is not None else -1.0
        ents = len(a.entities & b.entities) / len(a.entities | b.entities) if a.entities and b.entities else 0.0
        out[(i, j)] = (emb, lex.get((i, j), 0.0), round(ents, 4), slot_agreement(a, b), int(a.negated != b.negated))
    return out


def pair_score(features: tuple[float, float, float, int, int], w: Weights) -> float:
    """The linear score of one pair (lexical alone when there is no embedding)."""
    emb, lex, ent, slot, _ = features
    base = lex if emb < 0 else w.w_emb * emb + (1 - w.w_emb) * lex
    return base + w.w_ent * ent + w.w_slot * max(slot, 0)


def group_propositions(
    props: Sequence[Proposition], features: dict[tuple[int, int], tuple[float, float, float, int, int]], w: Weights
) -> tuple[list[list[int]], dict[tuple[int, int], float]]:
    """Average-linkage groups of proposition indexes (one per article per group) and the
    pair scores used."""
    scores = {k: pair_score(f, w) for k, f in features.items()}
    blocked = {k for k, f in features.items() if f[3] < 0 or f[4]}
    group_of = {p.index: p.index for p in props}
    groups: dict[int, list[int]] = {p.index: [p.index] for p in props}
    articles: dict[int, set[str]] = {p.index: {p.article} for p in props}
    for (i, j), score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if score < w.link:
            break
        if (i, j) in blocked:
            continue
        gi, gj = group_of[i], group_of[j]
        if gi == gj or articles[gi] & articles[gj]:
            continue
        cross = [(min(a, b), max(a, b)) for a in groups[gi] for b in groups[gj]]
        if any(c in blocked for c in cross):
            continue
        if sum(scores.get(c, 0.0) for c in cross) / len(cross) < w.merge:
            continue
        merge_groups(groups, articles, group_of, gi, gj)
    ordered = [sorted(g, key=lambda m: (props[m].unit.article_rank, props[m].unit.sentence.i, m))
               for g in groups.values()]
    return sorted(ordered, key=lambda g: g[0]), scores


def _outlet(p: Proposition) -> str:
    """What a reader sees for the source of a proposition: the outlet, else the article id."""
    return p.unit.article.outlet or p.unit.article.id


def _citation(p: Proposition) -> Citation:
    s = p.unit.sentence
    return Citation(p.article, s.i, s.start, s.end)


def claim_witnesses(members: Sequence[Proposition]) -> set[str]:
    """The distinct witnesses of a claim: each independent source once, except that sources
    whose every proposition in the claim relays one named agency count as that agency."""
    by_source: dict[str, set[str]] = {}
    for p in members:
        by_source.setdefault(p.unit.source, set()).add(p.witness)
    witnesses = set()
    for source, relays in by_source.items():
        only = next(iter(relays)) if len(relays) == 1 else source
        witnesses.add(only)
    return witnesses


def _claim_of(group: list[int], props: Sequence[Proposition], scores: dict[tuple[int, int], float]) -> Claim:
    """A claim from one group of propositions."""
    members = [props[m] for m in group]

    def centrality(m: int) -> float:
        others = [scores.get((min(m, o), max(m, o)), 0.0) for o in group if o != m]
        return sum(others) / len(others) if others else 0.0

    best = max(group, key=lambda m: (round(centrality(m), 2), -len(props[m].text.split()), -m))
    witnesses = claim_witnesses(members)
    citations = list({(c.article, c.sentence): c for c in (_citation(p) for p in members)}.values())
    key = "|".join(f"{p.article}:{p.unit.sentence.i}:{p.spans[0][0]}" for p in members)
    relayed: dict[str, list[str]] = {}
    for p in members:
        if p.relay:
            relayed.setdefault(p.relay, []).append(p.article)
    expected = sum(p.expected for p in members)
    return Claim(
        id="f" + hashlib.sha1(key.encode()).hexdigest()[:12],
        text=props[best].text,
        sources=list(dict.fromkeys(p.article for p in members)),
        sentences=citations,
        independent_sources=len(witnesses),
        status="corroborated" if len(witnesses) >= 2 else "single",
        conflicts=[],
        attributions=[
            {
                "article": p.article, "sentence": p.unit.sentence.i, "outlet": _outlet(p), "text": p.text,
                **({"speaker": p.attribution["speaker"], "speaker_kind": p.attribution["kind"],
                    "via": p.attribution["via"]} if p.attribution else {}),
                **({"relay": p.relay} if p.relay else {}),
                **({"expected": True} if p.expected else {}),
            }
            for p in members
        ],
        relayed=[{"via": name, "articles": sorted(set(ids))} for name, ids in sorted(relayed.items())],
        modality="expected" if expected * 2 > len(members) else "reported",
    )


def _conflict_values(kind: str, unit: str, sides: list[tuple[Any, Proposition, Claim]]) -> dict[str, Any]:
    """One conflict record: each value with the articles, outlets, sentences and claim carrying it."""
    values: dict[Any, list[tuple[Proposition, Claim]]] = {}
    for value, p, claim in sides:
        values.setdefault(value, []).append((p, claim))
    return {
        "kind": kind,
        "unit": unit,
        "expectation": False,
        "values": [
            {
                "value": v,
                "articles": sorted({p.article for p, _ in items}),
                "outlets": sorted({_outlet(p) for p, _ in items}),
                "sentences": [_citation(p).to_dict() for p, _ in items],
                "claims": sorted({c.id for _, c in items}),
                "modality": "expected" if all(p.expected for p, _ in items) else "reported",
            }
            for v, items in sorted(values.items(), key=lambda kv: str(kv[0]))
        ],
    }


def conflicting_slots(a: Proposition, b: Proposition) -> list[tuple[str, str, Any, Any]]:
    """Slots ``a`` and ``b`` fill with different values about the same thing: ``(kind, unit,
    value of a, value of b)`` for a date or a number of one unit word whose contexts (the
    content words around it: what it dates or counts) share :data:`SLOT_SHARED_WORDS` stems."""
    found = []
    for ka, ca in sorted(a.slot_context.items(), key=str):
        for kb, cb in sorted(b.slot_context.items(), key=str):
            if ka[:2] != kb[:2] or ka[2] == kb[2] or len(ca & cb) < SLOT_SHARED_WORDS:
                continue
            values_a = a.dates if ka[0] == "date" else a.numbers.get(ka[1], frozenset())
            values_b = b.dates if kb[0] == "date" else b.numbers.get(kb[1], frozenset())
            if ka[2] in values_b or kb[2] in values_a:
                continue  # both give both values somewhere: no disagreement
            found.append((ka[0], ka[1], ka[2], kb[2]))
    return found[:1]


def find_conflicts(
    props: Sequence[Proposition],
    features: dict[tuple[int, int], tuple[float, float, float, int, int]],
    scores: dict[tuple[int, int], float],
    claim_of: dict[int, Claim],
    w: Weights,
) -> list[dict[str, Any]]:
    """Conflicts between propositions of different witnesses (see the module doc), each
    recorded once, with an ``id`` and the claims on each side."""
    sides: dict[tuple[str, str, frozenset], list[tuple[Any, Proposition, Claim]]] = {}
    for (i, j), f in sorted(features.items()):
        if f[3] >= 0 or scores[(i, j)] < w.conflict:
            continue
        a, b = props[i], props[j]
        if a.witness == b.witness or a.unit.source == b.unit.source:
            continue
        for kind, unit, va, vb in conflicting_slots(a, b):
            key = (kind, unit, frozenset((va, vb)))
            side = sides.setdefault(key, [])
            for item in ((va, a, claim_of[i]), (vb, b, claim_of[j])):
                if all(item[1] is not p for _, p, _ in side):
                    side.append(item)
    found = []
    for (kind, unit, _), items in sorted(sides.items(), key=lambda kv: str(kv[0])):
        record = _conflict_values(kind, unit, items)
        modalities = {v["modality"] for v in record["values"]}
        record["expectation"] = len(modalities) > 1
        claims = sorted({c.id for _, _, c in items})
        record["id"] = "k" + hashlib.sha1(f"{kind}|{unit}|{'|'.join(claims)}".encode()).hexdigest()[:12]
        found.append(record)
    return found


def build_fact_claims(
    props: Sequence[Proposition], use_embeddings: bool | None = None, weights: Weights | None = None,
    features: dict[tuple[int, int], tuple[float, float, float, int, int]] | None = None,
) -> tuple[list[Claim], list[dict[str, Any]]]:
    """Claims (atomic facts counted by independent witnesses) and the story's conflicts.
    A claim in a plain (non-expectation) conflict gets status ``conflict`` and the record."""
    w = weights or Weights()
    if features is None:
        features = pair_features(props, use_embeddings)
    groups, scores = group_propositions(props, features, w)
    claims: list[Claim] = []
    claim_of: dict[int, Claim] = {}
    for group in groups:
        claim = _claim_of(group, props, scores)
        claims.append(claim)
        for m in group:
            claim_of[m] = claim
    conflicts = find_conflicts(props, features, scores, claim_of, w)
    by_id = {c.id: c for c in claims}
    for record in conflicts:
        for cid in sorted({c for v in record["values"] for c in v["claims"]}):
            claim = by_id[cid]
            claim.conflicts.append(record)
            if not record["expectation"]:
                claim.status = "conflict"
    return claims, conflicts
