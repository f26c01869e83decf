"""Argument alignment: do two propositions report one event — the same predicate, with the same arguments?

A candidate pair of propositions (:func:`marsad.stages.consolidate.matching.pair_features`) is read as
two events and compared slot by slot (:func:`align_matrix`, columns :data:`ALIGN_FEATURES`):

- the *predicate*: the root keys (:func:`marsad.arabic.roots.root_key`: يوقع، التوقيع → وقع; وصل، وصول
  → وصل) of the proposition's first :data:`PREDICATE_WORDS` content words outside entity mentions,
  auxiliaries skipped (تم التوقيع → وقع; :func:`predicate_roots`) — in verb-first order the verb or
  the verbal noun; ``pred_eq`` when the two predicates share a root, ``pred_in`` when one's predicate
  root is among the other's content roots anywhere (a nominal sentence puts the subject first);
- the *arguments*: canonical entities (entities stage) — Jaccard ``ent_jac`` and ``ent_rare`` (a shared
  entity that few of the story's propositions name: not the story's protagonists); resolved dates
  (timex) — ``date_eq`` / ``date_clash``; numbers as values by unit word — ``num_eq`` / ``num_clash``;
  places of "where" slots — ``place_eq`` / ``place_clash``. A shared predicate root, date, number or
  place counts by how *specific* it is in the story (:func:`_specificity`: its IDF over the story's
  propositions, counted per independent source, over that of a value no other proposition gives): one
  story's facts share its day, its place and its main event, so a value most propositions give says
  little about which fact two of them state;
- *modality*: ``neg`` (one negated, the other not), ``expect`` (one an expectation, the other not);
- the whole: USE cosine ``emb``, the blend's lexical score ``lex``, the IDF-weighted cosine of their
  root keys ``root_cos`` (IDF over the story's propositions, counted per independent source), the
  length ratio ``len`` and the precision guard's ``key`` (shared selective content).

A small logistic regression over these (:class:`~marsad.stages.consolidate.pairmodel.PairModel`) is
fitted on the DEV gold pairs only, and its settings (feature set, regularization, how it decides: in
place of the blend, rescuing pairs the blend leaves under its link, or vetoing pairs it links) chosen
leave-one-story-out over the dev stories, by ``python benchmarks/claims_analysis.py align``. Measured, not
adopted: the nested leave-one-story-out estimate does not beat the blend (docs/consolidate.md, twelfth
session), so the stage does not use it and no model file is shipped.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from marsad.arabic import normalize
from marsad.arabic.roots import root_key
from marsad.arabic.segment import tokenize
from marsad.arabic.stopwords import is_stopword
from marsad.model import Mention
from marsad.stages.consolidate.facts import Proposition

#: the columns of :func:`align_matrix`, in order
ALIGN_FEATURES = ("emb", "lex", "root_cos", "pred_eq", "pred_in", "ent_jac", "ent_rare", "date_eq", "date_clash",
                  "num_eq", "num_clash", "place_eq", "place_clash", "neg", "expect", "len", "key")
#: how many content words open the predicate (the verb, or تم / جرى and the verbal noun after it)
PREDICATE_WORDS = 2
#: words that are never the predicate: auxiliaries and the particles before a verbal noun or a clause
AUXILIARIES = frozenset(normalize(w) for w in (
    "تم", "يتم", "تمت", "جرى", "يجري", "جرت", "كان", "كانت", "يكون", "تكون", "قد", "لقد", "أصبح", "بات", "ظل",
    "يزال", "تزال", "زال", "أن", "إن", "انه", "انها", "أنه", "أنها", "سوف", "المقرر", "مقرر", "المتوقع", "يتوقع"))
#: an entity is rare in a story when at most this share of its propositions (per source) name it
RARE_ENTITY_SHARE = 0.1


def predicate_roots(p: Proposition, mentions: Sequence[Mention] = ()) -> tuple[str, ...]:
    """Root keys of the first :data:`PREDICATE_WORDS` content words of ``p`` outside the entity
    ``mentions`` (article offsets; any order), auxiliaries skipped: the event's predicate in
    verb-first order (لم يتم التوقيع على أي اتفاق → وقع، تفق)."""
    text = p.unit.article.text
    inside = [(m.start, m.end) for m in mentions]
    out: list[str] = []
    for x, y in p.spans:
        for t in tokenize(text[x:y], offset=x):
            if len(out) >= PREDICATE_WORDS:
                return tuple(out)
            if not t.norm[:1].isalpha() or not t.base or is_stopword(t.base) or t.base in AUXILIARIES:
                continue
            if any(a <= t.start < b for a, b in inside):
                continue
            out.append(root_key(t.base))
    return tuple(out)


def _root_keys(p: Proposition) -> frozenset[str]:
    return frozenset(t for t in p.root_terms if not t.startswith("#"))


def _source_weights(props: Sequence[Proposition]) -> list[float]:
    """Each proposition weighs one over the number of the story's articles its source has."""
    articles: dict[str, set[str]] = {}
    for p in props:
        articles.setdefault(p.unit.source, set()).add(p.article)
    return [1.0 / len(articles[p.unit.source]) for p in props]


def _specificity(shared: set | frozenset, df: Counter, top: float) -> float:
    """How specific the most specific shared value is: its IDF over the story's propositions (counted per
    independent source) over the IDF of a value no other proposition gives; 0 when nothing is shared."""
    if not shared:
        return 0.0
    total_df = min(df[v] for v in shared)
    return (math.log(top / (total_df + 1)) + 1.0) / (math.log(top) + 1.0)


def align_matrix(
    props: Sequence[Proposition], pairs: Sequence[tuple[int, int]],
    base: dict[tuple[int, int], tuple[float, float, int]], predicates: Sequence[tuple[str, ...]],
) -> np.ndarray:
    """The :data:`ALIGN_FEATURES` of ``pairs`` (rows in that order). ``base``: per pair the blend's
    (emb, lex, key); ``predicates``: :func:`predicate_roots` of each proposition (by index).

    A shared argument (entity, date, number, place) or predicate counts by how specific it is in the story
    (:func:`_specificity`): one story's facts share its date, place and protagonists, so a value most of its
    propositions give tells nothing about which fact two of them state."""
    out = np.zeros((len(pairs), len(ALIGN_FEATURES)), dtype=np.float64)
    if not pairs:
        return out
    weight = _source_weights(props)
    keys = [_root_keys(p) for p in props]
    nums = [frozenset((u, v) for u, values in p.numbers.items() for v in values) for p in props]
    slots = {"root": keys, "ent": [p.entities for p in props], "date": [p.dates for p in props],
             "num": nums, "place": [p.places for p in props], "pred": [frozenset(x) for x in predicates]}
    df: dict[str, Counter] = {name: Counter() for name in slots}
    for name, values in slots.items():
        for vs, share in zip(values, weight, strict=True):
            for v in vs:
                df[name][v] += share
    total = sum(weight)
    top = total + 1.0
    idf = {k: math.log(top / (v + 1)) + 1.0 for k, v in df["root"].items()}
    norm = [math.sqrt(sum(idf[k] ** 2 for k in ks)) or 1.0 for ks in keys]
    rare_limit = max(1.0, RARE_ENTITY_SHARE * total)
    col = {name: k for k, name in enumerate(ALIGN_FEATURES)}
    for r, (i, j) in enumerate(pairs):
        a, b = props[i], props[j]
        emb, lex, key = base[(i, j)]
        row = out[r]
        row[col["emb"]] = max(emb, 0.0)
        row[col["lex"]] = lex
        row[col["key"]] = key
        shared = keys[i] & keys[j]
        row[col["root_cos"]] = sum(idf[k] ** 2 for k in shared) / (norm[i] * norm[j])
        pa, pb = slots["pred"][i], slots["pred"][j]
        row[col["pred_eq"]] = _specificity(pa & pb, df["pred"], top)
        row[col["pred_in"]] = float(bool(pa & keys[j]) or bool(pb & keys[i]))
        ents = a.entities & b.entities
        row[col["ent_jac"]] = len(ents) / len(a.entities | b.entities) if ents else 0.0
        row[col["ent_rare"]] = float(any(df["ent"][e] <= rare_limit + 1e-9 for e in ents))
        row[col["date_eq"]] = _specificity(a.dates & b.dates, df["date"], top)
        row[col["date_clash"]] = float(bool(a.dates and b.dates and not a.dates & b.dates))
        row[col["num_eq"]] = _specificity(nums[i] & nums[j], df["num"], top)
        units = a.numbers.keys() & b.numbers.keys()
        row[col["num_clash"]] = float(any(not a.numbers[u] & b.numbers[u] for u in units))
        row[col["place_eq"]] = _specificity(a.places & b.places, df["place"], top)
        row[col["place_clash"]] = float(bool(a.places and b.places and not a.places & b.places))
        row[col["neg"]] = float(a.negated != b.negated)
        row[col["expect"]] = float(a.expected != b.expected)
        la, lb = len(a.terms), len(b.terms)
        row[col["len"]] = min(la, lb) / max(la, lb, 1)
    return out
