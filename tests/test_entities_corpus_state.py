"""The entities stage's corpus state kept in the store (issue 14): the corpus word counts are a running
sum updated by the articles that come and go, the corpus scan is kept per sentence; each run's
results equal those of a run over the whole corpus with nothing stored (the definition), on both
backends, and a run killed while updating the sum leaves it equal to the sum of its rows."""

from __future__ import annotations

from collections import Counter

import pytest

from entity_fixtures import FixtureCorpus, killed_at
from marsad.model import Corpus
from marsad.stages.entities import EntitiesStage
from marsad.stages.entities.corpus_state import CorpusWords, corpus_word_occurrences, word_counts
from marsad.store import open_store
from marsad.store.sums import unpack_counts

#: علي is a given name inside the tagged persons of b and c, so it completes «عبدالله صالح» in a, until g
#: uses it outside a name (then under 0.6 of its occurrences are inside names); عبدربه opens «منصور هادي»
TEXTS = {
    "a": "وقال الرئيس المخلوع علي عبدالله صالح إنه باق في صنعاء.",
    "b": "وكتب علي حسن مقالا عن صنعاء.",
    "c": "وحضر علي محمد الاجتماع في عدن.",
    "d": "وأكد الرئيس عبدربه منصور هادي الشرعية من عدن.",
    "e": "وأكد الرئيس عبدربه منصور هادي أن الانتصارات مستمرة.",
    "f": "وجلس على الكرسي خالد الفهد في صنعاء. ثم غادر خالد الفهد صنعاء.",
    "g": "وقال علي إن الوضع في صنعاء هادئ.",
    "g2": "وقال سالم إن الوضع في صنعاء هادئ.",
    "h": "واستقبل الأمير محمد بن سلمان الرئيس عبدربه منصور هادي في الرياض.",
}

#: per sentence, the first rule whose cue word it holds gives the names the tagger finds
RULES = [
    ("المخلوع", {("عبدالله", "صالح"): "PER"}),
    ("مقالا", {("علي", "حسن"): "PER", ("صنعاء",): "LOC"}),
    ("الاجتماع", {("علي", "محمد"): "PER"}),
    ("الشرعية", {("عبدربه", "منصور", "هادي"): "PER", ("عدن",): "LOC"}),
    ("الانتصارات", {("عبدربه",): "PER", ("منصور", "هادي"): "PER"}),
    ("الكرسي", {("خالد", "الفهد"): "PER", ("صنعاء",): "LOC"}),
    ("غادر", {("صنعاء",): "LOC"}),
    ("واستقبل", {("محمد", "بن", "سلمان"): "PER", ("الرياض",): "LOC"}),
]


class _RuleTagger:
    """Labels per sentence by :data:`RULES` (B-/I- by position in a name)."""

    version = "corpus-state-rules"

    def tag_many(self, sentences: list[list[str]]) -> list[list[str]]:
        out = []
        for tokens in sentences:
            names = next((n for cue, n in RULES if cue in tokens), {})
            labels = ["O"] * len(tokens)
            for words, type_ in names.items():
                for i in range(len(tokens) - len(words) + 1):
                    if tuple(tokens[i : i + len(words)]) == words:
                        labels[i : i + len(words)] = [f"B-{type_}"] + [f"I-{type_}"] * (len(words) - 1)
            out.append(labels)
        return out


#: the articles of TEXTS (no mentions: the tagger above tags them); g2 is a new version of g
FIX = FixtureCorpus({name: (text, []) for name, text in TEXTS.items()}, {"g2": "g"})


def _stored_sum(store) -> Counter:
    return Counter({w: int(n) for w, n in store.query("SELECT word, n FROM entity_corpus_words")})


def _sum_of_rows(store) -> Counter:
    total: Counter = Counter()
    for (words,) in store.query("SELECT words FROM entity_article_words"):
        total.update(unpack_counts(words))
    return total


def _definition(names: list[str]) -> Counter:
    total: Counter = Counter()
    for name in dict.fromkeys(names):
        total.update(word_counts(FIX.article(name)))
    return total


def test_corpus_word_counts_follow_the_corpus_by_its_difference(store_location):
    """After each batch (articles added, one changed, one gone, a repeated record) the stored sum equals
    the counts of the whole corpus, and only the articles that came or went were counted or subtracted."""
    store = open_store(store_location)
    try:
        words = CorpusWords(store)
        steps = [  # corpus, articles counted, rows taken away
            (["a", "b", "c"], 3, 0),
            (["a", "b", "c", "d", "e", "f", "g"], 4, 0),
            (["a", "b", "c", "d", "e", "f", "g"], 0, 0),
            (["a", "b", "c", "d", "e", "f", "g2"], 1, 1),  # g's text changed: a new version
            (["a", "b", "d", "e", "f", "f", "g2"], 0, 1),  # c gone; f read twice counts once
        ]
        for names, counted, removed in steps:
            articles = [FIX.article(n) for n in names]
            keys = set(_definition(names)) | {"غائبة"}
            got = words.occurrences(articles, keys)
            assert (words.counted, words.removed) == (counted, removed)
            assert got == corpus_word_occurrences(articles, keys)
            assert _stored_sum(store) == _definition(names) == _sum_of_rows(store)
        assert _stored_sum(store)["علي"] == 2 and "محمد" not in _stored_sum(store)
    finally:
        store.close()


def test_a_run_killed_while_updating_the_sum_leaves_it_equal_to_its_rows(store_location):
    """The article rows and the sum change in one transaction: a failure after the rows were written
    leaves both as they were, and the next run completes the difference."""
    store = open_store(store_location)
    try:
        words = CorpusWords(store)
        first = [FIX.article(n) for n in ("a", "b", "c")]
        words.sync(first)
        second = [FIX.article(n) for n in ("a", "b", "d", "e")]
        with killed_at(store, "INSERT INTO entity_corpus_words"):
            words.sync(second)
        assert _stored_sum(store) == _sum_of_rows(store) == _definition(["a", "b", "c"])
        words.sync(second)
        assert (words.counted, words.removed) == (2, 1)
        assert _stored_sum(store) == _sum_of_rows(store) == _definition(["a", "b", "d", "e"])
    finally:
        store.close()


def _run(store, names: list[str]) -> tuple[Corpus, EntitiesStage]:
    from marsad.pipeline import StageContext

    corpus = Corpus(articles=[FIX.article(n) for n in names])
    stage = EntitiesStage(tagger=_RuleTagger())  # type: ignore[arg-type]
    context = StageContext(store=store, options={}, show_progress=False) if store is not None else None
    stage.run(corpus, context)
    return corpus, stage


def test_incremental_entities_equal_a_from_scratch_run(store_location):
    """Batch after batch on one store (new articles, a new version of one, one deleted), mentions and
    entities equal those of the whole corpus analysed with nothing stored; the word counts are read
    from the store for the articles counted before, and the rule they feed changes its answer with
    the corpus («علي» completes «عبدالله صالح» until g uses it outside a name)."""
    store = open_store(store_location)
    try:
        store.add_articles([FIX.article(n) for n in "abcdef"])
        steps = [  # corpus, articles whose words are counted in this run, is علي a name word
            ("abcdef", 6, True),
            ("abcdef", 0, True),
            ("abcdefg", 1, False),
            ("abcdef", 0, True),  # g left out again: its row is taken away
        ]
        for names, counted, completed in steps:
            if "g" in names:
                store.add_article(FIX.article("g"))
            corpus, stage = _run(store, list(names))
            reference, _ = _run(None, list(names))
            assert [m.to_dict() for m in corpus.mentions] == [m.to_dict() for m in reference.mentions]
            assert [e.to_dict() for e in corpus.entities] == [e.to_dict() for e in reference.entities]
            assert stage.last_words is not None and stage.last_words.counted == counted
            found = {(m.article, m.text) for m in corpus.mentions}
            assert (("id-a", "علي عبدالله صالح") in found) == completed
            assert ("id-e", "عبدربه منصور هادي") in found
        # a new version of g (no علي in it) and c deleted from the store
        store.add_article(FIX.article("g2"))
        store.delete_article("id-c")
        corpus, stage = _run(store, ["a", "b", "d", "e", "f", "g2"])
        reference, _ = _run(None, ["a", "b", "d", "e", "f", "g2"])
        assert [m.to_dict() for m in corpus.mentions] == [m.to_dict() for m in reference.mentions]
        assert [e.to_dict() for e in corpus.entities] == [e.to_dict() for e in reference.entities]
        assert stage.last_words is not None and (stage.last_words.counted, stage.last_words.removed) == (1, 1)
        assert _stored_sum(store) == _definition(["a", "b", "d", "e", "f", "g2"])
        # the scan cache's rows: one per sentence of each stored article, written by this code
        rows = store.query("SELECT article_id, sentence FROM entity_scan_sentences ORDER BY article_id, sentence")
        assert [(a, int(i)) for a, i in rows] == sorted(
            (f"id-{n}", s.i) for n in ("a", "b", "d", "e", "f", "g", "g2") for s in FIX.article(n).sentences)
    finally:
        store.close()


def _names_state(store) -> dict:
    from marsad.stages.entities.stage import SCAN_STAGE

    state = store.get_state(SCAN_STAGE, "names")
    return {"known": {tuple(k) for k in state["known"]}, "dirty": {tuple(k) for k in state["dirty"]}}


def test_the_scan_checks_only_sentences_a_changed_name_can_touch_even_after_a_killed_run(store_location):
    """The known names of the last complete scan are stored: a run with the same names checks no cached
    sentence, a run with new names checks only sentences holding their first words. A run killed after
    writing rows (before its names were stored) leaves its changed names dirty, so the next run checks
    those sentences again; every run's results equal a from-scratch run's."""
    from marsad.stages.entities.stage import ScanCache

    store = open_store(store_location)
    try:
        store.add_articles([FIX.article(n) for n in "abcdefh"])
        _, stage = _run(store, list("abcdef"))
        first = _names_state(store)
        assert first["known"] and not first["dirty"]
        _, stage = _run(store, list("abcdef"))
        assert (stage.last_scan.scanned, stage.last_scan.checked_sentences) == (0, 0)

        def killed(self, known):
            raise RuntimeError("killed")

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(ScanCache, "finish", killed)
            with pytest.raises(RuntimeError, match="killed"):
                _run(store, list("abcdefh"))
        state = _names_state(store)
        assert state["known"] == first["known"]
        assert ("محمد", "بن", "سلمان") in state["dirty"] and ("الرياض",) in state["dirty"]

        for names in ("abcdef", "abcdefh"):
            corpus, stage = _run(store, list(names))
            reference, _ = _run(None, list(names))
            assert [m.to_dict() for m in corpus.mentions] == [m.to_dict() for m in reference.mentions]
            assert [e.to_dict() for e in corpus.entities] == [e.to_dict() for e in reference.entities]
            # the dirty names' first words (محمد of c, الرئيس ...) are checked again; not every sentence
            cached = sum(len(FIX.article(n).sentences) for n in names if n != "h")
            assert 0 < stage.last_scan.checked_sentences < cached
            assert not _names_state(store)["dirty"]
        _, stage = _run(store, list("abcdefh"))
        assert (stage.last_scan.scanned, stage.last_scan.checked_sentences) == (0, 0)
        assert ("id-h", "محمد بن سلمان") in {(m.article, m.text) for m in corpus.mentions}
    finally:
        store.close()


def test_a_sentence_s_heads_read_back_as_they_were_packed():
    """Heads are packed one per line with the words after them; a word may hold spaces (NFKC spells ﷺ as
    four words) or be empty (the sentence's last word), and the head words are each line's first field."""
    from marsad.stages.entities.stage import _HEAD_WORDS, ScanCache

    heads = {"بوتين": ["", "يزور"], "صلى الله عليه وسلم": ["دعا"], "كيم": ["جونغ"]}
    packed = ScanCache.pack_heads(heads)
    assert ScanCache.unpack_heads(packed) == heads
    assert _HEAD_WORDS.findall(packed) == list(heads)
    assert ScanCache.unpack_heads(ScanCache.pack_heads({})) == {}
