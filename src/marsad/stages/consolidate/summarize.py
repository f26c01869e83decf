"""Extractive multi-document summary: cover the most corroborated content in N words, cited.

Concepts are the word bigrams of a sentence (normalized words as the outlet wrote them,
pairs of two function words left out). A concept weighs the number of distinct *texts*
whose sentences contain it — copies and versions count once, but two articles one outlet
wrote count twice: redundancy across articles says what matters whether or not they share
an outlet (most SaudiNewsNet stories do) — plus :data:`INDEPENDENCE_BONUS` per independent
source beyond the first (independence is a bonus, not the backbone); concepts carried by
too few texts weigh nothing. The summary maximizes the total weight of the concepts it
covers within the word budget — the concept-coverage integer program of Gillick & Favre
(2009), solved by scipy's HiGHS MILP within a node budget (:data:`ILP_NODE_LIMIT`, never a
wall-clock limit, so results do not depend on machine load; greedy gain-per-word when the
story is too large or no solution is found) — plus a small bonus per sentence for an early
place in its article and for the texts that carry its claim.
Least redundancy: at most one sentence per claim, and no two sentences whose similarity
reaches :data:`REDUNDANCY_THRESHOLD`. Whole sentences only, at most ``words`` words.

The chosen sentences are put in reading order (:func:`reading_order`). Each summary
sentence cites its own sentence first, then every other sentence of its claim (all the
articles that carry it).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from itertools import pairwise

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from marsad.arabic.segment import tokenize
from marsad.arabic.stopwords import is_stopword
from marsad.model import Citation, SummarySentence
from marsad.stages.consolidate.claims import ClaimSet
from marsad.stages.consolidate.sources import MIN_CONTENT_TERMS, MIN_WORDS, Unit

log = logging.getLogger("marsad")

#: one redirection of file descriptor 1 at a time (threads of a server may summarize at once)
_STDOUT_LOCK = threading.Lock()

#: default summary length in words
DEFAULT_WORDS = 250
#: concepts carried by fewer distinct texts than this weigh nothing; the floor drops to
#: 2 for stories of 3–5 texts and 1 below that
MIN_CONCEPT_SOURCES = 3
#: concept weight added per independent source beyond the first that carries the concept
INDEPENDENCE_BONUS = 0.25
#: weight added per source that has the concept in its first LEAD_SENTENCES sentences
#: (off: on MultiLing 2011 it did not help once sentence positions got a bonus)
LEAD_BONUS = 0.0
LEAD_SENTENCES = 5
#: objective bonus of the i-th body sentence of an article (i from 0): POSITION_BONUS / (1 + i)
POSITION_BONUS = 1.0
#: objective bonus of a sentence per distinct text beyond the first that carries its claim
CLAIM_BONUS = 2.0
#: two sentences this similar are never both in a summary (even when not one claim)
REDUNDANCY_THRESHOLD = 0.4
#: longest sentence a summary takes (words): longer ones are run-ons or merged paragraphs
MAX_SENTENCE_WORDS = 100
#: a sentence starting with one of these is the tail of a badly split sentence
FRAGMENT_STARTS = "\u060c\u061b,.;:)]\u00bb\u201d"
#: a sentence date counts for ordering only this many days before its article's publication
DATE_WINDOW_DAYS = 60
#: above this many candidate sentences the greedy solver is used instead of the exact one
ILP_MAX_SENTENCES = 1500
#: branch-and-bound nodes the exact solver may explore before its best solution so far is
#: used (a count, not seconds: the result never depends on machine load)
ILP_NODE_LIMIT = 5000

Concept = tuple[str, str]


def sentence_concepts(text: str) -> set[Concept]:
    """The concepts of a sentence: bigrams of its normalized words, except function-word pairs."""
    tokens = [t for t in tokenize(text) if t.norm[0].isalnum()]
    return {
        (a.norm, b.norm) for a, b in pairwise(tokens) if not (is_stopword(a.base) and is_stopword(b.base))
    }


def _eligible(unit: Unit) -> bool:
    """True for sentences a summary may take: long enough, not a run-on, not a fragment
    (starting with punctuation)."""
    if not (len(unit.terms) >= MIN_CONTENT_TERMS and MIN_WORDS <= unit.words <= MAX_SENTENCE_WORDS):
        return False
    return unit.sentence.text[0] not in FRAGMENT_STARTS


def concept_weights(units: Sequence[Unit], unit_concepts: dict[int, set[Concept]]) -> dict[Concept, float]:
    """Weight of each concept (see the module doc); concepts under the source floor are dropped."""
    texts_of: dict[Concept, set[str]] = {}
    sources_of: dict[Concept, set[str]] = {}
    lead_of: dict[Concept, set[str]] = {}
    for u in units:
        for c in sorted(unit_concepts[u.index]):  # sorted: set order varies between processes
            texts_of.setdefault(c, set()).add(u.text_key or u.source)
            sources_of.setdefault(c, set()).add(u.source)
            if u.sentence.i < LEAD_SENTENCES:
                lead_of.setdefault(c, set()).add(u.text_key or u.source)
    n_texts = len({u.text_key or u.source for u in units})
    floor = MIN_CONCEPT_SOURCES if n_texts >= 6 else (2 if n_texts >= 3 else 1)
    return {
        c: len(t) + INDEPENDENCE_BONUS * (len(sources_of[c]) - 1) + LEAD_BONUS * len(lead_of.get(c, ()))
        for c, t in sorted(texts_of.items())
        if len(t) >= floor
    }


def _event_date(unit: Unit, dates: dict[tuple[str, int], set[str]]) -> str | None:
    """The earliest date of the sentence's own time expressions that falls within
    :data:`DATE_WINDOW_DAYS` before its article's publication (older dates are background)."""
    published = unit.article.published
    if not published:
        return None
    try:
        pub = date.fromisoformat(published)
        close = [d for d in sorted(dates.get(unit.key, ()))
                 if 0 <= (pub - date.fromisoformat(d)).days <= DATE_WINDOW_DAYS]
    except ValueError:
        return None
    return close[0] if close else None


def reading_order(chosen: Sequence[Unit], dates: dict[tuple[str, int], set[str]]) -> list[Unit]:
    """Chosen sentences in reading order. A sentence's date is its own event date, else the
    last event date of an earlier sentence of its article (the narrative goes on), else the
    article's first event date, else its publication date; ties keep story and article order."""
    by_article: dict[str, list[Unit]] = {}
    for u in chosen:
        by_article.setdefault(u.article.id, []).append(u)
    keys: dict[int, tuple[str, int, int]] = {}
    for members in by_article.values():
        members.sort(key=lambda u: u.sentence.i)
        article = members[0].article
        own = [_event_date(u, dates) for u in members]
        first = next((d for d in own if d), None) or article.published or ""
        current = first
        for u, d in zip(members, own, strict=True):
            current = d or current
            keys[u.index] = (current, u.article_rank, u.sentence.i)
    return sorted(chosen, key=lambda u: keys[u.index])


def _exclusive_groups(candidates: Sequence[Unit], claim_set: ClaimSet | None) -> list[list[int]]:
    """Candidate positions that may not be chosen together: one claim, or one same text."""
    groups: dict[str, list[int]] = {}
    for k, u in enumerate(candidates):
        claim = claim_set.claim_of.get(u.index) if claim_set else None
        key = f"claim:{claim.id}" if claim is not None else f"text:{u.sentence.norm or u.sentence.text}"
        groups.setdefault(key, []).append(k)
        if claim is not None:
            groups.setdefault(f"text:{u.sentence.norm or u.sentence.text}", []).append(k)
    pairs: list[list[int]] = []
    if claim_set is not None and REDUNDANCY_THRESHOLD < 1.0:
        position = {u.index: k for k, u in enumerate(candidates)}
        pairs = [
            [position[i], position[j]]
            for (i, j), score in claim_set.scores.items()
            if score >= REDUNDANCY_THRESHOLD and i in position and j in position
        ]
    return [g for g in groups.values() if len(g) > 1] + pairs


def sentence_bonus(candidates: Sequence[Unit], claim_set: ClaimSet | None) -> dict[int, float]:
    """Each candidate's own value besides its concepts: early body position (news puts its
    facts first) and how many distinct texts carry its claim (outlet ignored, copies once)."""
    rank = body_ranks(candidates)
    bonus = {}
    for u in candidates:
        claim = claim_set.claim_of.get(u.index) if claim_set else None
        corroboration = (claim_set.texts.get(claim.id, 1) - 1) if claim is not None and claim_set else 0
        bonus[u.index] = POSITION_BONUS / (1 + rank[u.index]) + CLAIM_BONUS * corroboration
    return bonus


def body_ranks(candidates: Sequence[Unit]) -> dict[int, int]:
    """Position of each candidate among its article's candidates (0 = first body sentence:
    titles, datelines and captions before it do not count)."""
    seen: dict[str, int] = {}
    ranks: dict[int, int] = {}
    for u in sorted(candidates, key=lambda u: (u.article.id, u.sentence.i)):
        ranks[u.index] = seen.get(u.article.id, 0)
        seen[u.article.id] = ranks[u.index] + 1
    return ranks


def _fold_concepts(
    candidates: Sequence[Unit],
    bonus: dict[int, float],
    unit_concepts: dict[int, set[Concept]],
    weights: dict[Concept, float],
) -> tuple[list[float], list[tuple[int, ...]], list[float]]:
    """The coverage program made smaller without changing its optimum: each candidate's own
    value (its bonus plus the weight of every concept only it holds), and the concepts held by
    two or more candidates grouped by their holders (positions), each group with its summed
    weight. A concept only one sentence holds is covered exactly when that sentence is chosen,
    and concepts with the same holders are covered together, so one variable serves each group.
    """
    own = [bonus[u.index] for u in candidates]
    holders: dict[Concept, list[int]] = {}
    for k, u in enumerate(candidates):
        for c in unit_concepts[u.index]:
            if c in weights:
                holders.setdefault(c, []).append(k)
    shared: dict[tuple[int, ...], float] = {}
    for c, weight in weights.items():  # insertion order: the same sums run after run
        held = tuple(sorted(set(holders.get(c, ()))))
        if len(held) == 1:
            own[held[0]] += weight
        elif held:
            shared[held] = shared.get(held, 0.0) + weight
    groups = sorted(shared)
    return own, groups, [shared[g] for g in groups]


@contextmanager
def _native_stdout_to_stderr() -> Iterator[None]:
    """Send what native code prints to file descriptor 1 to standard error meanwhile: HiGHS
    1.12 (scipy 1.17) sometimes prints a debug line, and standard output carries results."""
    with _STDOUT_LOCK:
        if sys.stdout is not None:
            sys.stdout.flush()
        try:
            saved = os.dup(1)
        except OSError:  # no file descriptor 1: nothing to protect
            yield
            return
        try:
            os.dup2(2, 1)
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


def _solve_ilp(
    candidates: Sequence[Unit],
    bonus: dict[int, float],
    unit_concepts: dict[int, set[Concept]],
    weights: dict[Concept, float],
    groups: list[list[int]],
    words: int,
) -> list[int] | None:
    """Exact concept coverage: positions of the chosen candidates, or None if unsolved."""
    ns = len(candidates)
    if ns == 0 or not weights:
        return None
    own, shared, shared_weights = _fold_concepts(candidates, bonus, unit_concepts, weights)
    nc = len(shared)
    rows = [k for g, held in enumerate(shared) for k in held]
    cols = [g for g, held in enumerate(shared) for _ in held]
    occurs = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(ns, nc))
    objective = -np.concatenate([np.array(own), np.array(shared_weights)])
    lengths = sparse.csr_matrix(np.array([[u.words for u in candidates]], dtype=float))
    constraints = [
        LinearConstraint(sparse.hstack([lengths, sparse.csr_matrix((1, nc))]), -np.inf, words),
    ]
    if nc:  # a shared concept counts only if a chosen sentence holds it
        constraints.append(LinearConstraint(sparse.hstack([-occurs.T, sparse.identity(nc)]), -np.inf, 0))
    if groups:
        g_rows = [g for g, members in enumerate(groups) for _ in members]
        g_cols = [m for members in groups for m in members]
        exclusive = sparse.csr_matrix((np.ones(len(g_rows)), (g_rows, g_cols)), shape=(len(groups), ns + nc))
        constraints.append(LinearConstraint(exclusive, -np.inf, 1))
    with _native_stdout_to_stderr():
        result = milp(objective, constraints=constraints, integrality=np.ones(ns + nc), bounds=Bounds(0, 1),
                      options={"node_limit": ILP_NODE_LIMIT})
    if result.x is None:
        log.info("summary: exact solver gave no solution (%s); using greedy", result.message)
        return None
    return [i for i in range(ns) if result.x[i] > 0.5]


def _solve_greedy(
    candidates: Sequence[Unit],
    bonus: dict[int, float],
    unit_concepts: dict[int, set[Concept]],
    weights: dict[Concept, float],
    groups: list[list[int]],
    words: int,
) -> list[int]:
    """Greedy concept coverage by gain per word (a constant-factor approximation)."""
    blocked_by: dict[int, set[int]] = {}
    for members in groups:
        for m in members:
            blocked_by.setdefault(m, set()).update(x for x in members if x != m)
    covered: set[Concept] = set()
    chosen: list[int] = []
    blocked: set[int] = set()
    budget = words
    while True:
        best, best_ratio = -1, 0.0
        for k, u in enumerate(candidates):
            if k in blocked or k in chosen or u.words > budget:
                continue
            gain = sum(weights.get(c, 0.0) for c in sorted(unit_concepts[u.index] - covered))
            gain += bonus[u.index]
            if gain / u.words > best_ratio:
                best, best_ratio = k, gain / u.words
        if best < 0:
            return chosen
        chosen.append(best)
        budget -= candidates[best].words
        covered |= unit_concepts[candidates[best].index]
        blocked |= blocked_by.get(best, set())


def summarize_units(
    units: Sequence[Unit],
    claim_set: ClaimSet | None = None,
    words: int = DEFAULT_WORDS,
    dates: dict[tuple[str, int], set[str]] | None = None,
) -> list[SummarySentence]:
    """A summary of at most ``words`` words from ``units``, every sentence cited."""
    dates = dates or {}
    unit_concepts = {u.index: sentence_concepts(u.sentence.text) for u in units}
    weights = concept_weights(units, unit_concepts)
    candidates = [u for u in units if _eligible(u) and u.words <= words]
    bonus = sentence_bonus(candidates, claim_set)
    groups = _exclusive_groups(candidates, claim_set)
    picked = None
    if len(candidates) <= ILP_MAX_SENTENCES:
        picked = _solve_ilp(candidates, bonus, unit_concepts, weights, groups, words)
    if picked is None:
        picked = _solve_greedy(candidates, bonus, unit_concepts, weights, groups, words)
    chosen = reading_order([candidates[k] for k in picked], dates)
    return [SummarySentence(u.sentence.text, _citations(u, claim_set)) for u in chosen]


def _citations(unit: Unit, claim_set: ClaimSet | None) -> list[Citation]:
    """The sentence itself first, then every other sentence of its claim."""
    own = Citation(unit.article.id, unit.sentence.i, unit.sentence.start, unit.sentence.end)
    if claim_set is None or unit.index not in claim_set.claim_of:
        return [own]
    claim = claim_set.claim_of[unit.index]
    others = [c for c in claim.sentences if (c.article, c.sentence) != (own.article, own.sentence)]
    return [own, *others]


def summary_word_count(summary: Sequence[SummarySentence]) -> int:
    """Words in a summary (white-space separated)."""
    return sum(len(s.text.split()) for s in summary)
