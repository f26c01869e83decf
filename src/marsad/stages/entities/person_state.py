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

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from marsad.engine.digest import source_digest
from marsad.model import Article
from marsad.stages.entities.answer_state import Answers, AnswerState
from marsad.stages.entities.canonical import RawMention
from marsad.stages.entities.corpus_state import CorpusWords
from marsad.store.base import Store
from marsad.store.sums import read_sum

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


class PersonState(AnswerState):
    """The pass's state kept in the store (see the module): the answers the stored decisions were read with are
    kept too and checked against the current counts every run."""

    ARTICLES, SUMS, READS = "entity_person_articles", "entity_person_sums", "entity_person_reads"

    def __init__(self, store: Store, words: CorpusWords) -> None:
        super().__init__(store, source_digest(*_SOURCES))
        self.words = words
        self.bounds: tuple[Mapping[str, int], Mapping[str, int]] = ({}, {})

    def sync(self, articles: dict[str, Article], mentions: Mapping[str, list[RawMention]],  # type: ignore[override]
             begins: Mapping[str, int], ends: Mapping[str, int], *args: Any) -> dict[str, PersonDecisions]:
        """:meth:`AnswerState.sync`, ``begins`` and ``ends`` as :class:`PersonRoles` takes them."""
        self.bounds = (begins, ends)
        return super().sync(articles, mentions, *args)

    def before(self, articles: list[Article]) -> None:
        self.words.sync(articles)

    def _fetch(self, words: set[str]) -> tuple[Mapping[str, int], Mapping[str, int]]:
        return (read_sum(self.store, self.SUMS, "item", words),
                read_sum(self.store, "entity_corpus_words", "word", words))

    def answers(self) -> PersonRoles:
        return PersonRoles({}, {}, *self.bounds, self._fetch)

    def flips_after(self, answers: Answers) -> set[str]:
        stored = {item: bool(a) for item, a in self.store.query("SELECT item, answer FROM entity_person_answers")}
        answers.load({item.split("\t", 1)[1] for item in stored if item.startswith("name\t")})
        return {item for item, a in stored.items() if answers.answer(*item.split("\t", 1)) != a}

    def keep(self, answers: Answers, items: set[str]) -> None:
        self.store.executemany(
            "INSERT INTO entity_person_answers (item, answer) VALUES (?,?)"
            " ON CONFLICT (item) DO UPDATE SET answer = excluded.answer",
            sorted((item, int(answers.answer(*item.split("\t", 1)))) for item in items))
