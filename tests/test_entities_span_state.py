"""The span-completion pass's state kept in the store (issue 14): per-article word-role counts and their
running sum follow the corpus by its difference, each article's decisions are kept with the word-role
answers they read, and an old article is decided again exactly when one of those answers changed (a word
that starts to take a place in, a word the tagger starts to tag alone); batch after batch everything equals
a whole-corpus computation on both backends, and a run killed while writing leaves the store as it was."""

from __future__ import annotations

from collections import Counter

import pytest

from entity_fixtures import FixtureCorpus, as_rows, killed_at, pass_definition, stored_state
from marsad.model import Article
from marsad.stages.entities import answer_state, span_state
from marsad.stages.entities import stage as st
from marsad.stages.entities.canonical import RawMention
from marsad.stages.entities.span_state import SpanRoles, SpanState
from marsad.stages.entities.stage import complete_spans, span_counts, span_decisions, span_layout
from marsad.store import open_store

#: article → (text, its tagged mentions as (surface, type)). مجمع (no ANERcorp word) opens organization
#: names; once it opens four, it takes the place after it in («مجمع جدة» in «place» becomes the complex);
#: once the tagger tags it alone twice (alone1, alone2), it no longer does
DOCS = {
    "org1": ("زار الوزير مجمع النور أمس.", [("مجمع النور", "ORG")]),
    "org2": ("افتتح الأمير مجمع الهدى اليوم.", [("مجمع الهدى", "ORG")]),
    "org3": ("تبرع رجل أعمال إلى مجمع السلام الخيري.", [("مجمع السلام", "ORG")]),
    "org4": ("أعلن مجمع الفجر نتائجه.", [("مجمع الفجر", "ORG")]),
    "place": ("وصل الوفد إلى مجمع جدة صباحا. وغادر بعد الظهر.", [("جدة", "LOC")]),
    "place2": ("وصل الوفد إلى مجمع جدة مساء.", [("جدة", "LOC")]),  # place's new version
    "alone1": ("قال مجمع إن العمل مستمر.", [("مجمع", "ORG")]),
    "alone2": ("وأكد مجمع أن الموعد ثابت.", [("مجمع", "ORG")]),
    "other": ("التقى الرئيس بوتين في موسكو.", [("بوتين", "PER"), ("موسكو", "LOC")]),
}
WHOLE = "مجمع جدة"
FIX = FixtureCorpus(DOCS, {"place2": "place"})


def _definition(articles: list[Article], raw: list[RawMention]) -> tuple[Counter, dict, dict]:
    """The whole corpus's counts, and every article's decisions and the answers they read."""
    return pass_definition(articles, raw, span_layout, span_counts, span_decisions, SpanRoles)[:3]

def _stored(store) -> tuple[Counter, Counter, dict, dict]:
    return stored_state(store, "entity_span")

def _check_against_definition(store, articles: list[Article], raw: list[RawMention]) -> None:
    counts, decisions, reads = _definition(articles, raw)
    sums, rows, stored_decisions, stored_reads = _stored(store)
    assert sums == rows == counts
    assert stored_decisions == {i: answer_state.dump(d) for i, d in decisions.items()}
    assert stored_reads == {i: r for i, r in reads.items() if r}


def test_the_state_follows_the_corpus_and_old_articles_are_decided_again_when_an_answer_changes(store_location):
    """Batch after batch: the output equals the whole-corpus computation's, the stored counts, decisions and
    answers read equal the definition's, and only the articles that came, changed or read a changed answer are
    read again ("place" when مجمع starts and stops taking the place in)."""
    store = open_store(store_location)
    try:
        state = SpanState(store)
        steps = [  # corpus, computed, removed, decided again, «مجمع جدة» is one mention
            (["org1", "org2", "org3", "place", "other"], 5, 0, 0, False),
            (["org1", "org2", "org3", "place", "other"], 0, 0, 0, False),
            (["org1", "org2", "org3", "place", "other", "org4"], 1, 0, 1, True),  # مجمع opens 4 names
            (["org1", "org2", "org3", "place2", "other", "org4"], 1, 1, 0, True),  # a new version
            (["org1", "org2", "org3", "place2", "other", "org4", "alone1"], 1, 0, 0, True),  # alone once
            (["org1", "org2", "org3", "place2", "other", "org4", "alone1", "alone2"], 1, 0, 1, False),  # twice
            (["org1", "org2", "org3", "place2", "other", "org4", "alone1"], 0, 1, 1, True),  # alone2 gone
            # org4 gone; place2 read twice (a repeated record): one article, its mentions both records'
            (["org1", "org2", "org3", "place2", "other", "alone1", "place2"], 1, 2, 0, False),
        ]
        for names, computed, removed, redecided, whole in steps:
            articles, raw = FIX.corpus(names)
            got = complete_spans(articles, raw, state)
            assert as_rows(got) == as_rows(complete_spans(articles, raw))
            assert (state.computed, state.removed, state.redecided) == (computed, removed, redecided)
            _check_against_definition(store, articles, raw)
            texts = {(r.mention.text, r.mention.type) for r in got}
            assert ((WHOLE, "ORG") in texts) == whole
            assert (("جدة", "LOC") in texts) != whole
    finally:
        store.close()


@pytest.mark.parametrize("last_write", ["INSERT INTO entity_span_sums", "INSERT INTO entity_span_reads"])
def test_a_run_killed_while_writing_leaves_rows_reads_and_sum_as_they_were(store_location, last_write):
    """Counts, decisions, answers read and sum change in one transaction: a failure at any of their writes
    leaves all as they were, and the next run completes the difference."""
    store = open_store(store_location)
    try:
        state = SpanState(store)
        first = FIX.corpus(["org1", "org2", "org3", "place"])
        complete_spans(*first, state)
        before = _stored(store)
        second = FIX.corpus(["org1", "org2", "org3", "place", "org4"])
        with killed_at(store, last_write):
            complete_spans(*second, state)
        assert _stored(store) == before
        _check_against_definition(store, *first)
        got = complete_spans(*second, state)
        assert (state.computed, state.removed, state.redecided) == (1, 0, 1)
        _check_against_definition(store, *second)
        assert as_rows(got) == as_rows(complete_spans(*second))
    finally:
        store.close()


def test_the_letters_an_answer_can_cut_are_those_the_pass_cuts():
    """The «cut» answers a count can move are found through the letters :func:`_open_word_start` cuts."""
    assert set(span_state._LETTERS) == set(st._NON_ARTICLE_CLITICS)
