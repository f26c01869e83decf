"""A corpus pass's state kept in the store as per-article counts, decisions and the answers they read (issue 14).

Some corpus passes of the entities stage decide article by article from the article itself and a few answers
about a few words that the whole corpus's counts give (is the word open, a name word, …). :class:`AnswerState`
keeps, per article, the key of what its part was made from, its counts (their running sum by
:mod:`marsad.store.sums`) and its decisions, and, per article, the answers its decisions read (an index from
the answer to the articles). A run computes the articles whose row is missing or stale, subtracts the others'
rows, finds the answers that changed (a subclass says how: :meth:`~AnswerState.flips_before` from the counts'
difference, :meth:`~AnswerState.flips_after` against answers it stored) and decides again only the old
articles that read one of them; rows, answers read and sum are written in one transaction, so the stored
decisions always agree with the stored counts whatever moment a run is killed at. Used by
:class:`~.span_state.SpanState`, :class:`~.person_state.PersonState`, :class:`~.bind_state.BindState`,
:class:`~.club_state.ClubState` and :class:`~.consist_state.ConsistState`.

Table names are the subclasses' constants, never user input.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from marsad.model import Article
from marsad.stages.entities.canonical import RawMention
from marsad.stages.entities.facility_state import mentions_layout
from marsad.store.base import Store
from marsad.store.sums import add_to_sum, chunks, pack_counts, rows_to_redo, stored_counts


class Answers(Protocol):
    """A view of the corpus's answers: ``reads`` (a set while recording), ``load`` (fetch words at once)."""

    reads: set[str] | None

    def load(self, words: Iterable[str]) -> None: ...

    def answer(self, predicate: str, word: str) -> Any: ...


class FetchedCounts:
    """The corpus's counts an answers' view reads (``counts``), the ones not loaded yet fetched at once from a
    store by ``fetch`` (count items → their counts; without it an item not in ``counts`` has no count).
    :meth:`items` says which items one key needs (the key itself by default). While ``reads`` is a set, every
    answer asked for is added to it."""

    def __init__(self, counts: Mapping[str, int], fetch: Callable[[set[str]], Mapping[str, int]] | None = None
                 ) -> None:
        self.counts: dict[str, int] = dict(counts) if fetch is not None else counts  # type: ignore[assignment]
        self.fetch = fetch
        self.loaded: set[str] = set()
        self.reads: set[str] | None = None

    def items(self, key: str) -> Iterable[str]:
        """The count items ``key`` needs."""
        return (key,)

    def load(self, keys: Iterable[str]) -> None:
        """Fetch the counts of ``keys`` at once (a store's; nothing without ``fetch``)."""
        if self.fetch is None:
            return
        todo = set(keys) - self.loaded
        if todo:
            self.counts.update(self.fetch({i for k in todo for i in self.items(k)}))
            self.loaded |= todo


Decisions = dict[str, list]


def decide_whole_corpus(articles: Mapping[str, Article], mentions: Mapping[str, list[RawMention]],
                        layout: Callable[[Article, list[RawMention]], Any],
                        count: Callable[[list[RawMention], Any], Counter[str]],
                        decide: Callable[[Article, list[RawMention], Any, Any], Decisions],
                        answers: Callable[[Counter[str]], Any],
                        derive: Callable[[Counter[str]], Mapping[str, int]] | None = None) -> dict[str, Decisions]:
    """A corpus pass by its definition, without a store: every article's counts summed (plus ``derive``'s counts
    made from the sum), the answers' view ``answers`` builds over them, and every article's decisions read from
    it — what :meth:`AnswerState.sync` keeps equal to, article by article."""
    layouts = {i: layout(a, mentions[i]) for i, a in articles.items() if i in mentions}
    counts: Counter[str] = Counter()
    for i, made in layouts.items():
        counts.update(count(mentions[i], made))
    if derive is not None:
        counts.update(derive(counts))
    view = answers(counts)
    return {i: decide(articles[i], mentions[i], made, view) for i, made in layouts.items()}
Prepare = Callable[[Article, list[RawMention]], Any]
Count = Callable[[list[RawMention], Any], Counter[str]]
Decide = Callable[[Article, list[RawMention], Any, Any], Decisions]
Words = Callable[[Any], set[str]]


class AnswerState:
    """See the module. Subclasses name the tables (``ARTICLES``: article_id, layout, counts, decisions;
    ``SUMS``: item, n; ``READS``: item, article_id) and the code's digest (``version``), and give the answers'
    view (:meth:`answers`). After :meth:`sync`, ``computed``, ``removed`` and ``redecided`` say how many articles
    were computed, taken away and decided again (an answer they read changed)."""

    ARTICLES = SUMS = READS = ""

    def __init__(self, store: Store, version: str) -> None:
        self.store = store
        self.version = version
        self.computed = 0
        self.removed = 0
        self.redecided = 0

    # --- what a subclass gives ---------------------------------------------------------

    def answers(self) -> Answers:
        """The answers under the stored sums (after this run's difference)."""
        raise NotImplementedError

    def layout_key(self, article: Article, mentions: list[RawMention]) -> str:
        """The key of what an article's part is made from (besides the code): its text, sentence bounds and
        mentions (:func:`~.facility_state.mentions_layout`); a subclass whose rule reads more adds it."""
        return mentions_layout(article, mentions)

    def before(self, articles: list[Article]) -> None:
        """Runs before the plan (its own transactions: the corpus word counts)."""

    def derived(self, delta: Counter[str]) -> Counter[str]:
        """What ``delta`` changes in items that are not sums of the articles' counts but follow from the stored
        sum (how many items of a kind hold a count), read before it is added; added to the delta."""
        return Counter()

    def flips_before(self, delta: Counter[str]) -> set[str]:
        """The answers the counts' ``delta`` changes, found before it is added to the sum."""
        return set()

    def flips_after(self, answers: Answers) -> set[str]:
        """The answers that changed, found against the sum with the difference added."""
        return set()

    def keep(self, answers: Answers, items: set[str]) -> None:
        """Store what ``items`` (answers read now, or changed) answer now, if the subclass keeps answers."""

    # --- the run ------------------------------------------------------------------------

    def sync(self, articles: dict[str, Article], mentions: Mapping[str, list[RawMention]],
             prepare: Prepare, count: Count, decide: Decide, words_of: Words) -> dict[str, Decisions]:
        """Bring the stored state to ``articles`` (by id, in corpus order; ``mentions`` by article) and return the
        decisions of every article that changes something (``prepare`` lays an article out, ``count`` gives its
        counts, ``decide`` its decisions given the answers, ``words_of`` the words they may ask about)."""
        want = {i: f"{self.version}:{self.layout_key(a, mentions.get(i, []))}" for i, a in articles.items()}
        self.before(list(articles.values()))
        _, fresh = rows_to_redo(self.store, self.ARTICLES, want)
        # laid out before the write transaction (tokenizing is the slow part); the plan is made again inside it
        layouts = {i: prepare(articles[i], mentions.get(i, [])) for i in fresh}
        with self.store.transaction():
            stale, fresh = rows_to_redo(self.store, self.ARTICLES, want)
            delta: Counter[str] = Counter()
            delta.subtract(stored_counts(self.store, self.ARTICLES, "counts", stale))
            counts: dict[str, Counter[str]] = {}
            for i in fresh:
                if i not in layouts:
                    layouts[i] = prepare(articles[i], mentions.get(i, []))
                counts[i] = count(mentions.get(i, []), layouts[i])
                delta.update(counts[i])
            delta.update(self.derived(delta))
            flipped = self.flips_before(delta)
            add_to_sum(self.store, self.SUMS, "item", delta)
            answers = self.answers()
            flipped |= self.flips_after(answers)
            gone = set(stale) | set(fresh)
            affected = sorted(i for i in self._readers(flipped) if i in want and i not in gone)
            for i in affected:
                layouts[i] = prepare(articles[i], mentions.get(i, []))
            answers.load(set().union(*(words_of(layouts[i]) for i in [*fresh, *affected])))
            decided: dict[str, Decisions] = {}
            read_rows, read = [], set(flipped)
            for i in [*fresh, *affected]:
                answers.reads = set()
                decided[i] = decide(articles[i], mentions.get(i, []), layouts[i], answers)
                read_rows.extend((item, i) for item in sorted(answers.reads))
                read |= answers.reads
            answers.reads = None
            self.store.executemany(f"DELETE FROM {self.READS} WHERE article_id = ?",
                                   [(i,) for i in sorted(gone | set(affected))])
            self.store.executemany(f"DELETE FROM {self.ARTICLES} WHERE article_id = ?", [(i,) for i in stale])
            self.store.executemany(
                f"INSERT INTO {self.ARTICLES} (article_id, layout, counts, decisions) VALUES (?,?,?,?)",
                [(i, want[i], pack_counts(counts[i]), dump(decided[i])) for i in fresh])
            self.store.executemany(f"UPDATE {self.ARTICLES} SET decisions = ? WHERE article_id = ?",
                                   [(dump(decided[i]), i) for i in affected])
            self.store.executemany(f"INSERT INTO {self.READS} (item, article_id) VALUES (?,?)", read_rows)
            self.keep(answers, read)
            found = {i: d for i, d in decided.items() if any(d.values())}
            for article_id, layout, decisions in self.store.query(
                    f"SELECT article_id, layout, decisions FROM {self.ARTICLES} WHERE decisions <> ''"):
                if article_id in decided or article_id not in want:
                    continue
                if layout != want[article_id]:  # another run wrote it since the plan: decided here
                    found[article_id] = decide(articles[article_id], mentions.get(article_id, []),
                                               prepare(articles[article_id], mentions.get(article_id, [])), answers)
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
                f"SELECT DISTINCT article_id FROM {self.READS} WHERE item IN ({marks})", list(chunk)))
        return found


def dump(decisions: Decisions) -> str:
    """An article's decisions as stored: JSON, or '' when they change nothing."""
    return json.dumps(decisions, ensure_ascii=False, separators=(",", ":")) if any(decisions.values()) else ""
