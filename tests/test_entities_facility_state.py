"""The facility-name pass's corpus statistics kept in the store (issue 14): per-article facts and their
running sum follow the corpus by its difference (articles added, a new version, one deleted, a repeated
record), equal a whole-corpus computation after every batch on both backends, survive a run killed while
updating them, and the pass decides from them exactly as from the whole corpus (ties between two types
included, which the corpus order breaks)."""

from __future__ import annotations

from collections import Counter

from entity_fixtures import FixtureCorpus, as_rows, killed_at
from marsad.model import Article
from marsad.stages.entities.canonical import RawMention
from marsad.stages.entities.facility_state import FacilityState, MemoryTotals
from marsad.stages.entities.stage import facility_facts, facility_names
from marsad.store import open_store
from marsad.store.sums import unpack_counts

#: article → (text, its mentions as (surface, type)); مطار precedes three places and one person, and «مطار
#: الملك عبدالعزيز الدولي» recurs in two articles: the person mention there is the airport's name
DOCS = {
    "jed": ("وصلت الطائرة إلى مطار جدة أمس.", [("جدة", "LOC")]),
    "ruh": ("هبطت الطائرة في مطار الرياض ثم غادرت.", [("الرياض", "LOC")]),
    "dxb": ("افتتح مطار دبي صالة جديدة.", [("دبي", "LOC")]),
    "kaia": ("وصل الوفد إلى مطار الملك عبدالعزيز الدولي مساء. واستقبله أمير المنطقة.", [("عبدالعزيز", "PER")]),
    "kaia2": ("غادر الرئيس من مطار الملك عبدالعزيز الدولي صباحا.", [("عبدالعزيز", "PER")]),
    "kaia3": ("غادر الرئيس من مطار الملك عبدالعزيز الدولي ظهرا.", [("عبدالعزيز", "PER")]),  # kaia2's new version
    "aramco": ("وقع مطار أرامكو عقدا جديدا.", [("أرامكو", "ORG")]),
    "sabic": ("وقع مطار سابك عقدا آخر.", [("سابك", "ORG")]),
}
FIX = FixtureCorpus(DOCS, {"kaia3": "kaia2"})


def _definition(articles: list[Article], raw: list[RawMention]) -> MemoryTotals:
    """The statistics of the whole corpus: every distinct article's facts summed."""
    by_id: dict[str, Article] = {}
    for a in articles:
        by_id.setdefault(a.id, a)
    return MemoryTotals(facility_facts(a, [r for r in raw if r.mention.article == i]) for i, a in by_id.items())


def _stored_sums(store) -> Counter:
    return Counter({k: int(n) for k, n in store.query("SELECT item, n FROM entity_facility_sums")})


def _sum_of_rows(store) -> Counter:
    total: Counter = Counter()
    for (counts,) in store.query("SELECT counts FROM entity_facility_articles"):
        total.update(unpack_counts(counts))
    return +total


def _stored_names(store) -> dict:
    found: dict = {}
    for kind, head, tag, name in store.query("SELECT kind, head, tag, name FROM entity_facility_names"):
        found.setdefault((kind, head), {}).setdefault(tag, set()).add(name)
    return found


def test_the_statistics_follow_the_corpus_by_its_difference(store_location):
    """Batch after batch, the stored sum equals the whole corpus's (and the sum of the stored rows), the names
    after each head equal the corpus's, only the articles that came, changed or went are computed or taken
    away, and the pass's output equals the one computed from the whole corpus — whose answer changes with it."""
    store = open_store(store_location)
    try:
        state = FacilityState(store)
        steps = [  # corpus, articles computed, rows taken away, the airport's name replaces the person
            (["jed", "ruh", "kaia", "kaia2"], 4, 0, False),  # two places after مطار: no facility word yet
            (["jed", "ruh", "dxb", "kaia", "kaia2"], 1, 0, True),
            (["jed", "ruh", "dxb", "kaia", "kaia2"], 0, 0, True),
            (["jed", "ruh", "dxb", "kaia", "kaia3"], 1, 1, True),  # a new version of kaia2
            # dxb gone; kaia read twice is one article whose mentions are both records' (so computed again)
            (["jed", "ruh", "kaia", "kaia3", "kaia"], 1, 2, False),
        ]
        for names, computed, removed, replaced in steps:
            articles, raw = FIX.corpus(names)
            got = facility_names(articles, raw, state)
            assert (state.computed, state.removed) == (computed, removed)
            assert as_rows(got) == as_rows(facility_names(articles, raw))
            definition = _definition(articles, raw)
            assert _stored_sums(store) == +definition.sums == _sum_of_rows(store)
            assert _stored_names(store) == {k: v for k, v in definition.sets.items()}
            texts = {r.mention.text for r in got}
            assert ("مطار الملك عبدالعزيز الدولي" in texts) == replaced
            assert ("عبدالعزيز" in texts) != replaced
        assert _stored_sums(store)["r\tمطار\tالملك\tعبدالعزيز\tالدولي"] == 2
    finally:
        store.close()


def test_a_run_killed_while_updating_the_sum_leaves_rows_and_sum_as_they_were(store_location):
    """Rows and sum change in one transaction: a failure after the rows were written leaves both as they
    were, and the next run completes the difference."""
    store = open_store(store_location)
    try:
        state = FacilityState(store)
        first = FIX.corpus(["jed", "ruh", "kaia"])
        facility_names(*first, state)
        before = (_stored_sums(store), _stored_names(store))
        second = FIX.corpus(["jed", "dxb", "kaia", "kaia2"])
        with killed_at(store, "INSERT INTO entity_facility_sums"):
            facility_names(*second, state)
        assert (_stored_sums(store), _stored_names(store)) == before
        assert _stored_sums(store) == _sum_of_rows(store) == +_definition(*first).sums
        got = facility_names(*second, state)
        assert (state.computed, state.removed) == (2, 1)
        assert _stored_sums(store) == _sum_of_rows(store) == +_definition(*second).sums
        assert as_rows(got) == as_rows(facility_names(*second))
    finally:
        store.close()


def test_a_tie_between_two_types_is_broken_by_the_corpus_order_as_from_scratch(store_location):
    """مطار before two places and two companies: the whole name takes the type the corpus walk meets first
    after the word. The stored rows keep each fact's position, so when only the order changes (no row is
    computed again) the type follows it as a whole-corpus computation does."""
    store = open_store(store_location)
    try:
        state = FacilityState(store)
        types = []
        for names in (["aramco", "sabic", "jed", "ruh", "kaia", "kaia2"],
                      ["jed", "ruh", "aramco", "sabic", "kaia", "kaia2"],
                      ["kaia", "sabic", "jed", "ruh", "aramco", "kaia2"]):
            articles, raw = FIX.corpus(names)
            got = facility_names(articles, raw, state)
            assert as_rows(got) == as_rows(facility_names(articles, raw))
            types.append({r.mention.type for r in got if r.mention.text == "مطار الملك عبدالعزيز الدولي"})
        assert state.computed == 0
        assert types == [{"ORG"}, {"LOC"}, {"ORG"}]
    finally:
        store.close()
