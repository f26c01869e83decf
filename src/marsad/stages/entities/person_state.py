"""The person-name rule's corpus state, kept in the store article by article (issue 14).

:func:`continue_person_names <marsad.stages.entities.stage.continue_person_names>` grows a person mention by
the words next to it that the corpus uses as person names. Its decisions in an article read, besides the
article itself, two answers per word next to a person mention (:class:`PersonRoles`): is it a **name word**
(how often it lies inside tagged person names, against its occurrences in the whole corpus), and is it a
**given name** (it opens at least as many tagged person names of several words as it closes). The first reads
two running sums (this pass's count of words inside person names, kept here; the corpus word counts,
:class:`~.corpus_state.CorpusWords`), the second counts computed from the mentions (cheap, no tokens).
:class:`PersonState` keeps (migration 7):

- ``entity_person_articles``: per article, the key of what its part was made from (code, text and sentence
  bounds, its mentions), its words inside tagged person names (packed) and its decisions (JSON, '' when it
  changes nothing);
- ``entity_person_sums``: those counts' running sum;
- ``entity_person_reads``: per article, every answer its decisions read;
- ``entity_person_answers``: the answer each of those was read with.

A run computes the articles whose row is missing or stale, subtracts the others' rows, recomputes the stored
answers (a read of the answers and of the two sums for their words: linear in that vocabulary, no tokens) and
decides again the old articles that read an answer that changed, all in one transaction, so the stored
decisions always agree with the stored counts. The stored answers are compared with the current counts rather
than with a difference passed on, so whatever changed the corpus word counts since (their own update, run
first in its own transaction; a run killed between the two) is seen. Without a store the pass computes all of it from
the whole corpus (the definition), through the same :class:`PersonRoles` and decisions.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from marsad.engine.digest import source_digest
from marsad.model import Article
from marsad.stages.entities.canonical import RawMention
from marsad.stages.entities.corpus_state import CorpusWords
from marsad.stages.entities.facility_state import mentions_layout
from marsad.store.base import Store
from marsad.store.sums import add_to_sum, chunks, pack_counts, read_sum, rows_to_redo, stored_counts

#: what an article's part depends on besides its text and mentions
_SOURCES = ("stages/entities", "arabic", "knowledge", "store/sums.py")
#: a word joins the person mention beside it when at least this share of its occurrences in the corpus
#: are inside person names the tagger tagged ...
NAME_WORD_SHARE = 0.6
#: ... and at least this many of them are
NAME_WORD_MIN = 2

#: one article's sentences holding a person mention: (tokens, the mentions that touch a token as (index
#: among the article's mentions, first, stop), in the order the pass got them)
PersonLayout = list[tuple[list, list[tuple[int, int, int]]]]
#: one article's decisions: {"r": [[index, start, end, role, keeps its role], …], "d": [indices dropped]}
PersonDecisions = dict[str, list]
Fetch = Callable[[set[str]], tuple[Mapping[str, int], Mapping[str, int]]]


class PersonRoles:
    """The answers :func:`continue_person_names` reads about words (spelling keys): ``in_person`` (how often a
    word lies inside tagged person names), ``occurrences`` (how often it occurs in the corpus), ``begins`` and
    ``ends`` (how many tagged person names of several words it opens, closes). ``fetch`` (words → their
    ``in_person`` and ``occurrences``) fills the words not loaded yet. While ``reads`` is a set, every answer
    asked for is added to it (``"name\\tWORD"``, ``"given\\tWORD"``)."""

    def __init__(self, in_person: Mapping[str, int], occurrences: Mapping[str, int], begins: Mapping[str, int],
                 ends: Mapping[str, int], fetch: Fetch | None = None) -> None:
        self.in_person: dict[str, int] = dict(in_person)
        self.occurrences: dict[str, int] = dict(occurrences)
        self.begins, self.ends = begins, ends
        self.fetch = fetch
        self.loaded: set[str] = set()
        self.reads: set[str] | None = None

    def load(self, words: Iterable[str]) -> None:
        """Fetch the counts of ``words`` at once (nothing without ``fetch``)."""
        if self.fetch is None:
            return
        todo = set(words) - self.loaded
        if todo:
            inside, occurring = self.fetch(todo)
            self.in_person.update(inside)
            self.occurrences.update(occurring)
            self.loaded |= todo

    def answer(self, predicate: str, word: str) -> bool:
        """One answer, not recorded."""
        if predicate == "name":
            self.load((word,))
            n = self.in_person.get(word, 0)
            return n >= NAME_WORD_MIN and n >= NAME_WORD_SHARE * self.occurrences.get(word, 0)
        if predicate == "given":
            n = self.begins.get(word, 0)
            return n > 0 and n >= self.ends.get(word, 0)
        raise ValueError(predicate)

    def _read(self, predicate: str, word: str) -> bool:
        if self.reads is not None:
            self.reads.add(f"{predicate}\t{word}")
        return self.answer(predicate, word)

    def name_word(self, word: str) -> bool:
        """At least :data:`NAME_WORD_MIN` of the word's uses, and :data:`NAME_WORD_SHARE` of its occurrences,
        are inside tagged person names."""
        return self._read("name", word)

    def given_name(self, word: str) -> bool:
        """The word opens tagged person names of several words, at least as often as it closes them."""
        return self._read("given", word)


Prepare = Callable[[Article, list[RawMention]], PersonLayout]
Count = Callable[[list[RawMention], PersonLayout], Counter[str]]
Decide = Callable[[Article, list[RawMention], PersonLayout, PersonRoles], PersonDecisions]
Words = Callable[[PersonLayout], set[str]]


class PersonState:
    """The pass's state kept in the store (see the module). After :meth:`sync`, ``computed``, ``removed`` and
    ``redecided`` say how many articles were counted, taken away and decided again (an answer changed)."""

    def __init__(self, store: Store, words: CorpusWords) -> None:
        self.store = store
        self.words = words
        self.version = source_digest(*_SOURCES)
        self.computed = 0
        self.removed = 0
        self.redecided = 0

    def sync(self, articles: dict[str, Article], mentions: Mapping[str, list[RawMention]],
             begins: Mapping[str, int], ends: Mapping[str, int],
             prepare: Prepare, count: Count, decide: Decide, words_of: Words) -> dict[str, PersonDecisions]:
        """Bring the stored state to ``articles`` (by id, in corpus order; ``mentions`` by article; ``begins``
        and ``ends`` as :class:`PersonRoles` takes them) and return the decisions of every article that changes
        something. The corpus word counts are brought to ``articles`` first."""
        want = {i: f"{self.version}:{mentions_layout(a, mentions.get(i, []))}" for i, a in articles.items()}
        self.words.sync(list(articles.values()))

        def fetch(words: set[str]) -> tuple[Mapping[str, int], Mapping[str, int]]:
            return (read_sum(self.store, "entity_person_sums", "item", words),
                    read_sum(self.store, "entity_corpus_words", "word", words))

        _, fresh = rows_to_redo(self.store, "entity_person_articles", want)
        # laid out before the write transaction (tokenizing is the slow part); the plan is made again inside it
        layouts = {i: prepare(articles[i], mentions.get(i, [])) for i in fresh}
        with self.store.transaction():
            stale, fresh = rows_to_redo(self.store, "entity_person_articles", want)
            delta: Counter[str] = Counter()
            delta.subtract(stored_counts(self.store, "entity_person_articles", "counts", stale))
            counts: dict[str, Counter[str]] = {}
            for i in fresh:
                if i not in layouts:
                    layouts[i] = prepare(articles[i], mentions.get(i, []))
                counts[i] = count(mentions.get(i, []), layouts[i])
                delta.update(counts[i])
            add_to_sum(self.store, "entity_person_sums", "item", delta)
            roles = PersonRoles({}, {}, begins, ends, fetch)
            # the answers the stored decisions were made with, against the counts now
            answers = {item: bool(a) for item, a in self.store.query("SELECT item, answer FROM entity_person_answers")}
            roles.load({item.split("\t", 1)[1] for item in answers if item.startswith("name\t")})
            flipped = {item for item, a in answers.items() if roles.answer(*item.split("\t", 1)) != a}
            gone = set(stale) | set(fresh)
            affected = sorted(i for i in self._readers(flipped) if i in want and i not in gone)
            for i in affected:
                layouts[i] = prepare(articles[i], mentions.get(i, []))
            roles.load(set().union(*(words_of(layouts[i]) for i in [*fresh, *affected])))
            decided: dict[str, PersonDecisions] = {}
            read_rows, now = [], {}
            for i in [*fresh, *affected]:
                roles.reads = set()
                decided[i] = decide(articles[i], mentions.get(i, []), layouts[i], roles)
                read_rows.extend((item, i) for item in sorted(roles.reads))
                now.update((item, None) for item in roles.reads)
            roles.reads = None
            now.update((item, None) for item in flipped)
            self.store.executemany("DELETE FROM entity_person_reads WHERE article_id = ?",
                                   [(i,) for i in sorted(gone | set(affected))])
            self.store.executemany("DELETE FROM entity_person_articles WHERE article_id = ?", [(i,) for i in stale])
            self.store.executemany(
                "INSERT INTO entity_person_articles (article_id, layout, counts, decisions) VALUES (?,?,?,?)",
                [(i, want[i], pack_counts(counts[i]), _dump(decided[i])) for i in fresh])
            self.store.executemany("UPDATE entity_person_articles SET decisions = ? WHERE article_id = ?",
                                   [(_dump(decided[i]), i) for i in affected])
            self.store.executemany("INSERT INTO entity_person_reads (item, article_id) VALUES (?,?)", read_rows)
            self.store.executemany(
                "INSERT INTO entity_person_answers (item, answer) VALUES (?,?)"
                " ON CONFLICT (item) DO UPDATE SET answer = excluded.answer",
                sorted((item, int(roles.answer(*item.split("\t", 1)))) for item in now))
            found = {i: d for i, d in decided.items() if d["r"] or d["d"]}
            for article_id, layout, decisions in self.store.query(
                    "SELECT article_id, layout, decisions FROM entity_person_articles WHERE decisions <> ''"):
                if article_id in decided or article_id not in want:
                    continue
                if layout != want[article_id]:  # another run wrote it since the plan: decided here
                    found[article_id] = decide(articles[article_id], mentions.get(article_id, []),
                                               prepare(articles[article_id], mentions.get(article_id, [])), roles)
                else:
                    found[article_id] = json.loads(decisions)
        self.computed, self.removed, self.redecided = len(fresh), len(stale), len(affected)
        return found

    def _readers(self, reads: set[str]) -> set[str]:
        """The articles whose stored decisions read one of ``reads``."""
        found: set[str] = set()
        for chunk in chunks(sorted(reads)):
            marks = ",".join("?" * len(chunk))
            found.update(i for (i,) in self.store.query(
                f"SELECT DISTINCT article_id FROM entity_person_reads WHERE item IN ({marks})", list(chunk)))
        return found


def _dump(decisions: PersonDecisions) -> str:
    return json.dumps(decisions, ensure_ascii=False, separators=(",", ":")) if decisions["r"] or decisions["d"] else ""
