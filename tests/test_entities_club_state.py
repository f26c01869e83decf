"""The team rule's state kept in the store (issue 14): the counts of the words before tagged places and
organizations follow the corpus by their difference, each article's decisions are kept with the answers they
read, and an old article is decided again exactly when one of those answers changed (نادي standing before more
organizations than places, or no longer); batch after batch everything equals a whole-corpus computation on both
backends, and a run killed while writing leaves the store as it was."""

from __future__ import annotations

from collections import Counter

import pytest

from entity_fixtures import FixtureCorpus, as_rows, killed_at, pass_definition, stored_state
from marsad.model import Article
from marsad.stages.entities import answer_state
from marsad.stages.entities.canonical import RawMention
from marsad.stages.entities.club_state import ClubRoles, ClubState
from marsad.stages.entities.edges import club_counts, club_decisions, club_layout, type_clubs
from marsad.store import open_store

#: article → (text, its tagged mentions as (surface, type)). «روما الإيطالي» after نادي names the team when the
#: corpus's tagged mentions show نادي before more organizations (o1, o2) than places (c1 itself, l1)
DOCS = {
    "c1": ("وتعادل نادي روما الإيطالي أمس.", [("روما", "LOC")]),
    "o1": ("وتعاقد نادي الهلال مع مدرب جديد.", [("الهلال", "ORG")]),
    "o2": ("وفاز نادي النصر بالكأس.", [("النصر", "ORG")]),
    "l1": ("وزار الوفد نادي جدة البحري.", [("جدة", "LOC")]),
    "l1v": ("وزار الوفد جدة أمس.", [("جدة", "LOC")]),  # l1's new version
}
FIX = FixtureCorpus(DOCS, {"l1v": "l1"})


def _definition(articles: list[Article], raw: list[RawMention]) -> tuple[Counter, dict, dict]:
    """The whole corpus's counts, and every article's decisions and the answers they read."""
    return pass_definition(articles, raw, club_layout, club_counts, club_decisions, ClubRoles)[:3]

def _stored(store) -> tuple:
    return stored_state(store, "entity_club")

def _check_against_definition(store, articles: list[Article], raw: list[RawMention]) -> None:
    counts, decisions, reads = _definition(articles, raw)
    sums, rows, stored_decisions, stored_reads = _stored(store)
    assert sums == rows == counts
    assert stored_decisions == {i: answer_state.dump(d) for i, d in decisions.items()}
    assert stored_reads == {i: r for i, r in reads.items() if r}


def _with_sense(raw: list[RawMention], article_id: str, sense: str) -> list[RawMention]:
    return [RawMention(r.mention, r.name, r.outlet, r.role, r.tagged, sense) if r.mention.article == article_id else r
            for r in raw]


def test_the_state_follows_the_corpus_and_old_articles_are_decided_again_when_an_answer_changes(store_location):
    """Batch after batch: the output equals the whole-corpus computation's, the stored counts, decisions and
    answers read equal the definition's, and only the articles that came, changed or read a changed answer are
    read again."""
    store = open_store(store_location)
    try:
        state = ClubState(store)
        steps = [  # corpus, a sense given to c1's mention, computed, removed, decided again, «روما» is the team
            (["c1", "o1"], None, 2, 0, 0, False),  # نادي before one organization, one place (c1's own)
            (["c1", "o1"], None, 0, 0, 0, False),
            (["c1", "o1", "o2"], None, 1, 0, 1, True),  # two organizations
            (["c1", "o1", "o2", "l1"], None, 1, 0, 1, False),  # two places
            (["c1", "o1", "o2", "l1v"], None, 1, 1, 1, True),  # l1's new version: نادي gone from it
            (["c1", "o1", "o2", "l1v"], "outlet:x", 1, 1, 0, False),  # c1's mention has a sense: no team
            (["c1", "o1", "o2", "l1v"], None, 1, 1, 0, True),
            # c1 read twice (a repeated record): one article, its mentions both records' (two places)
            (["c1", "o2", "l1v", "c1"], None, 1, 2, 0, False),
        ]
        for names, sense, computed, removed, redecided, team in steps:
            articles, raw = FIX.corpus(names)
            if sense is not None:
                raw = _with_sense(raw, "id-c1", sense)
            got = type_clubs(articles, raw, state)
            assert as_rows(got) == as_rows(type_clubs(articles, raw))
            assert (state.computed, state.removed, state.redecided) == (computed, removed, redecided), names
            _check_against_definition(store, articles, raw)
            typed = {(r.mention.type, r.sense) for r in got if r.mention.article == "id-c1"}
            assert (("ORG", "club:روما") in typed) == team, names
    finally:
        store.close()


@pytest.mark.parametrize("last_write", ["INSERT INTO entity_club_sums", "INSERT INTO entity_club_reads"])
def test_a_run_killed_while_writing_leaves_rows_reads_and_sum_as_they_were(store_location, last_write):
    """Counts, decisions, answers read and sum change in one transaction: a failure at any of their writes
    leaves all as they were, and the next run completes the difference."""
    store = open_store(store_location)
    try:
        state = ClubState(store)
        first = FIX.corpus(["c1", "o1"])
        type_clubs(*first, state)
        before = _stored(store)
        second = FIX.corpus(["c1", "o1", "o2"])
        with killed_at(store, last_write):
            type_clubs(*second, state)
        assert _stored(store) == before
        _check_against_definition(store, *first)
        got = type_clubs(*second, state)
        assert (state.computed, state.removed, state.redecided) == (1, 0, 1)
        _check_against_definition(store, *second)
        assert as_rows(got) == as_rows(type_clubs(*second))
        assert any(r.sense == "club:روما" for r in got)
    finally:
        store.close()
