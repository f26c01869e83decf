"""The bound-word rule's state kept in the store (issue 14): per-article counts and their running sum (with the
number of different sentences each name-and-word pair is written in) follow the corpus by its difference, each
article's decisions are kept with the answers they read, and an old article is decided again exactly when one of
those answers changed (a second sentence, a name written alone, the word no longer opening a place name);
batch after batch everything equals a whole-corpus computation on both backends, and a run killed while writing
leaves the store as it was."""

from __future__ import annotations

from collections import Counter

import pytest

from entity_fixtures import FixtureCorpus, as_rows, killed_at, pass_definition, stored_state
from marsad.model import Article
from marsad.stages.entities import answer_state, bind_state
from marsad.stages.entities import stage as st
from marsad.stages.entities.bind_state import BindRoles, BindState, distinct_sentences
from marsad.stages.entities.canonical import RawMention
from marsad.stages.entities.edges import bind_counts, bind_decisions, bind_layout, bind_preceding_words
from marsad.store import open_store

#: article → (text, its tagged mentions as (surface, type)). خور (no ANERcorp word) opens the place «خور فكان»
#: (kf); عجمان is written after it in a1 (whose sentence a1b and a1c repeat word for word) and a2, alone in a3
#: and a3b: «خور عجمان» is one place once it is written so three times in two different sentences, in at least
#: 0.8 of عجمان's mentions, while خور opens a place name
DOCS = {
    "kf": ("وتقع المدينة على خور فكان شرقا.", [("خور فكان", "LOC")]),
    "a1": ("وصلت السفينة إلى خور عجمان أمس.", [("عجمان", "LOC")]),
    "a1b": ("وصلت السفينة إلى خور عجمان أمس.", [("عجمان", "LOC")]),
    "a1c": ("وصلت السفينة إلى خور عجمان أمس.", [("عجمان", "LOC")]),
    "a2": ("ورست السفن في خور عجمان صباحا.", [("عجمان", "LOC")]),
    "a2v": ("ورست السفن في ميناء آخر صباحا.", []),  # a2's new version
    "a3": ("عجمان مدينة على الساحل.", [("عجمان", "LOC")]),
    "a3b": ("عجمان إمارة صغيرة.", [("عجمان", "LOC")]),
}
WHOLE = "خور عجمان"
FIX = FixtureCorpus(DOCS, {"a2v": "a2"})


def _definition(articles: list[Article], raw: list[RawMention]) -> tuple[Counter, dict, dict]:
    """The whole corpus's counts (the different sentences per name and word derived from them), and every
    article's decisions and the answers they read."""
    return pass_definition(articles, raw, bind_layout, bind_counts, bind_decisions, BindRoles,
                           derive=distinct_sentences)[:3]

def _stored(store) -> tuple:
    answers = set(store.query("SELECT item, name, word FROM entity_bind_answers"))
    return (*stored_state(store, "entity_bind"), answers)

def _check_against_definition(store, articles: list[Article], raw: list[RawMention]) -> None:
    counts, decisions, reads = _definition(articles, raw)
    sums, rows, stored_decisions, stored_reads, answers = _stored(store)
    assert sums == rows + distinct_sentences(rows) == counts
    assert stored_decisions == {i: answer_state.dump(d) for i, d in decisions.items()}
    assert stored_reads == {i: r for i, r in reads.items() if r}
    # every name-and-word answer a stored decision read is indexed by its name and its word
    read = {item for r in reads.values() for item in r if item.startswith("bind\t")}
    assert read and read <= {item for item, _, _ in answers}
    assert all(item == f"bind\t{name}\t{word}\t{item.split(chr(9))[3]}" for item, name, word in answers)


def test_the_state_follows_the_corpus_and_old_articles_are_decided_again_when_an_answer_changes(store_location):
    """Batch after batch: the output equals the whole-corpus computation's, the stored counts, decisions and
    answers read equal the definition's, and only the articles that came, changed or read a changed answer are
    read again."""
    store = open_store(store_location)
    try:
        state = BindState(store)
        steps = [  # corpus, computed, removed, decided again, «خور عجمان» is one mention
            (["kf", "a1", "a1b", "a1c"], 4, 0, 0, False),  # three times, one sentence
            (["kf", "a1", "a1b", "a1c"], 0, 0, 0, False),
            (["kf", "a1", "a1b", "a1c", "a2"], 1, 0, 3, True),  # a second sentence
            (["kf", "a1", "a1b", "a1c", "a2v"], 1, 1, 3, False),  # a2's new version: one sentence again
            (["kf", "a1", "a1b", "a1c", "a2", "a3"], 2, 1, 3, True),  # 4 of 5 after خور
            (["kf", "a1", "a1b", "a1c", "a2", "a3", "a3b"], 1, 0, 4, False),  # 4 of 6
            (["kf", "a1", "a1b", "a1c", "a2", "a3"], 0, 1, 4, True),
            (["a1", "a1b", "a1c", "a2", "a3"], 0, 1, 4, False),  # خور opens no place name any more
            # a1 read twice (a repeated record): one article, its mentions both records'
            (["kf", "a1", "a1b", "a1c", "a2", "a3", "a1"], 2, 1, 3, True),
        ]
        for names, computed, removed, redecided, whole in steps:
            articles, raw = FIX.corpus(names)
            got = bind_preceding_words(articles, raw, state)
            assert as_rows(got) == as_rows(bind_preceding_words(articles, raw))
            assert (state.computed, state.removed, state.redecided) == (computed, removed, redecided), names
            _check_against_definition(store, articles, raw)
            texts = {(r.mention.article, r.mention.text, r.mention.type) for r in got}
            assert (("id-a1", WHOLE, "LOC") in texts) == whole, names
            assert (("id-a1", "عجمان", "LOC") in texts) != whole, names
    finally:
        store.close()


@pytest.mark.parametrize("last_write", ["INSERT INTO entity_bind_sums", "INSERT INTO entity_bind_reads",
                                        "INSERT INTO entity_bind_answers"])
def test_a_run_killed_while_writing_leaves_rows_reads_and_sum_as_they_were(store_location, last_write):
    """Counts, decisions, answers read and sum change in one transaction: a failure at any of their writes
    leaves all as they were, and the next run completes the difference."""
    store = open_store(store_location)
    try:
        state = BindState(store)
        first = FIX.corpus(["kf", "a1", "a1b", "a1c"])
        bind_preceding_words(*first, state)
        before = _stored(store)
        second = FIX.corpus(["kf", "a1", "a1b", "a1c", "a2"])
        with killed_at(store, last_write):
            bind_preceding_words(*second, state)
        assert _stored(store) == before
        _check_against_definition(store, *first)
        got = bind_preceding_words(*second, state)
        assert (state.computed, state.removed, state.redecided) == (1, 0, 3)
        _check_against_definition(store, *second)
        assert as_rows(got) == as_rows(bind_preceding_words(*second))
        assert WHOLE in {r.mention.text for r in got}
    finally:
        store.close()


def test_the_letters_an_answer_can_cut_are_those_the_pass_cuts():
    """The «cut» answers a count can move are found through the letters :func:`_open_word_start` cuts."""
    assert set(bind_state._LETTERS) == set(st._NON_ARTICLE_CLITICS)
