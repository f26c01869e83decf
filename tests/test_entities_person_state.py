"""The person-name rule's state kept in the store (issue 14): per-article counts of words inside tagged person
names and their running sum follow the corpus by its difference, each article's decisions are kept with the
answers they read, and an old article is decided again exactly when one of those answers changed (علي used
outside a name, so it no longer completes «عبدالله صالح»; عبدربه no longer opening a tagged name); batch after
batch everything equals a whole-corpus computation on both backends, and a run killed while writing leaves
the store as it was (the corpus word counts, updated first, are checked against on the next run)."""

from __future__ import annotations

from collections import Counter

import pytest

from entity_fixtures import FixtureCorpus, as_rows, killed_at, pass_definition, stored_state
from marsad.model import Article
from marsad.stages.entities import answer_state
from marsad.stages.entities.canonical import RawMention
from marsad.stages.entities.corpus_state import CorpusWords, corpus_word_occurrences
from marsad.stages.entities.person_state import PersonRoles, PersonState
from marsad.stages.entities.stage import (
    continue_person_names,
    person_counts,
    person_decisions,
    person_layout,
    person_name_bounds,
)
from marsad.store import open_store

#: article → (text, its tagged mentions as (surface, type)). علي lies inside the tagged persons of b and c, so it
#: completes «عبدالله صالح» in a until g uses it outside a name; عبدربه opens «عبدربه منصور هادي» in d, so the
#: tagger's lone «عبدربه» of e joins «منصور هادي» after it
DOCS = {
    "a": ("وقال الرئيس المخلوع علي عبدالله صالح إنه باق في صنعاء.", [("عبدالله صالح", "PER"), ("صنعاء", "LOC")]),
    "b": ("وكتب علي حسن مقالا عن صنعاء.", [("علي حسن", "PER"), ("صنعاء", "LOC")]),
    "c": ("وحضر علي محمد الاجتماع في عدن.", [("علي محمد", "PER"), ("عدن", "LOC")]),
    "d": ("وأكد الرئيس عبدربه منصور هادي الشرعية من عدن.", [("عبدربه منصور هادي", "PER"), ("عدن", "LOC")]),
    "e": ("وأكد الرئيس عبدربه منصور هادي أن الانتصارات مستمرة.", [("عبدربه", "PER"), ("منصور هادي", "PER")]),
    "g": ("وقال علي إن الوضع في صنعاء هادئ.", [("صنعاء", "LOC")]),
    "g2": ("وقال سالم إن الوضع في صنعاء هادئ.", [("صنعاء", "LOC")]),  # g's new version
}
ALI, HADI = "علي عبدالله صالح", "عبدربه منصور هادي"
FIX = FixtureCorpus(DOCS, {"g2": "g"})


def _definition(articles: list[Article], raw: list[RawMention]) -> tuple[Counter, dict, dict, PersonRoles]:
    """The whole corpus's counts, every article's decisions and the answers they read, and the answers."""
    return pass_definition(
        articles, raw, person_layout, person_counts, person_decisions,
        lambda counts: PersonRoles(counts, corpus_word_occurrences(articles, set(counts)), *person_name_bounds(raw)))

def _stored(store) -> tuple:
    answers = {item: bool(a) for item, a in store.query("SELECT item, answer FROM entity_person_answers")}
    return (*stored_state(store, "entity_person"), answers)

def _check_against_definition(store, articles: list[Article], raw: list[RawMention]) -> None:
    counts, decisions, reads, roles = _definition(articles, raw)
    sums, rows, stored_decisions, stored_reads, answers = _stored(store)
    assert sums == rows == counts
    assert stored_decisions == {i: answer_state.dump(d) for i, d in decisions.items()}
    assert stored_reads == {i: r for i, r in reads.items() if r}
    read = set().union(*reads.values())
    assert {item: answers[item] for item in read} == {item: roles.answer(*item.split("\t", 1)) for item in read}


def test_the_state_follows_the_corpus_and_old_articles_are_decided_again_when_an_answer_changes(store_location):
    """Batch after batch: the output equals the whole-corpus computation's, the stored counts, decisions, answers
    read and their values equal the definition's, and only the articles that came, changed or read a changed
    answer are read again."""
    store = open_store(store_location)
    try:
        state = PersonState(store, CorpusWords(store))
        steps = [  # corpus, computed, removed, decided again, «علي عبدالله صالح», «عبدربه منصور هادي»
            (["a", "b", "c", "d", "e"], 5, 0, 0, True, True),
            (["a", "b", "c", "d", "e"], 0, 0, 0, True, True),
            (["a", "b", "c", "d", "e", "g"], 1, 0, 1, False, True),  # علي used outside a name
            (["a", "b", "c", "d", "e", "g2"], 1, 1, 1, True, True),  # a new version without it
            (["a", "b", "c", "e", "g2"], 0, 1, 1, True, False),  # d gone: عبدربه opens no tagged name
            # a read twice (a repeated record): one article whose mentions are both records'
            (["a", "b", "c", "e", "g2", "a"], 1, 1, 0, True, False),
        ]
        for names, computed, removed, redecided, ali, hadi in steps:
            articles, raw = FIX.corpus(names)
            got = continue_person_names(articles, raw, state=state)
            assert as_rows(got) == as_rows(continue_person_names(articles, raw))
            assert (state.computed, state.removed, state.redecided) == (computed, removed, redecided)
            _check_against_definition(store, articles, raw)
            texts = {r.mention.text for r in got}
            assert (ALI in texts, HADI in texts) == (ali, hadi)
    finally:
        store.close()


@pytest.mark.parametrize("last_write", ["INSERT INTO entity_person_sums", "INSERT INTO entity_person_answers"])
def test_a_run_killed_while_writing_leaves_the_state_as_it_was(store_location, last_write):
    """Counts, decisions, answers and sum change in one transaction: a failure at any of their writes leaves all
    as they were; the corpus word counts, updated before in their own transaction, are not rolled back, and the
    next run sees through the stored answers that علي's changed."""
    store = open_store(store_location)
    try:
        state = PersonState(store, CorpusWords(store))
        first = FIX.corpus(["a", "b", "c"])
        continue_person_names(*first, state=state)
        before = _stored(store)
        second = FIX.corpus(["a", "b", "c", "g"])
        with killed_at(store, last_write):
            continue_person_names(*second, state=state)
        assert _stored(store) == before
        _check_against_definition(store, *first)
        got = continue_person_names(*second, state=state)
        assert (state.computed, state.removed, state.redecided) == (1, 0, 1)
        _check_against_definition(store, *second)
        assert as_rows(got) == as_rows(continue_person_names(*second))
        assert ALI not in {r.mention.text for r in got}
    finally:
        store.close()
