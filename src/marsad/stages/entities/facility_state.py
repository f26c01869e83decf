"""The facility-name pass's corpus statistics, kept in the store article by article (issue 14).

:func:`facility_names <marsad.stages.entities.stage.facility_names>` decides from what the whole corpus
says around names: how often each word opens, precedes or closes a tagged name (word roles), which
distinct names each head word precedes, in how many articles a candidate sequence recurs. Each article
contributes :class:`FacilityFacts`, a function of its text and of its mentions as the pass receives them
(:func:`~marsad.stages.entities.stage.facility_facts`); the corpus statistics are their sum
(:class:`MemoryTotals`, the definition). :class:`FacilityState` keeps them in the store (migration 5):

- ``entity_facility_articles``: per article, the key of what its facts were made from (code, text and
  sentence bounds, its mentions), its additive counts (packed) and its candidates (JSON);
- ``entity_facility_sums``: the counts' running sum, key by key;
- ``entity_facility_names``: per article, the distinct (head word, type, name) it holds, with the
  position of its first occurrence (distinct names per head are counted by a query; the first position
  keeps the tie between two types as the whole-corpus walk breaks it).

A run brings them to the current corpus by the difference alone: articles whose row is missing or made
from another key (new articles, a new version, mentions changed by an earlier corpus pass, other code)
are computed and added, rows of articles gone or changed are subtracted and deleted, all in one
transaction, so the sum always equals the sum of the stored rows whatever moment a run is killed at.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass, field
from typing import Protocol

from marsad.engine.digest import source_digest
from marsad.model import Article
from marsad.stages.entities.canonical import RawMention
from marsad.store.base import Store
from marsad.store.sums import add_to_sum, chunks, pack_counts, read_sum, rows_to_redo, stored_counts

#: rows per ``IN (…)`` query
#: what an article's facts depend on besides its text and mentions (the scan cache's sources)
_SOURCES = ("stages/entities", "arabic", "knowledge", "store/sums.py")
#: a name fact: (kind — "f" the head word's key, "h" the same with a glued letter off —, head, type, name)
NameFact = tuple[str, str, str, str]


@dataclass
class FacilityCandidate:
    """A person or place mention a facility name may hold, with what the decision needs of its sentence
    (computed from its article alone, so it is stored with the article)."""

    index: int  # the mention's position among its article's raw mentions (in the order the pass got them)
    key: tuple[str, ...]  # the head word's key and the spelling keys after it: the sequence that must recur
    head: str  # word_key of the head word
    noun: str  # the same with a glued و ف ب ك ل off (the namesake rule's word)
    one_title: bool  # exactly one title between the head word and the mention
    royal: bool  # titles between, all royal
    place: bool  # the mention is a place
    named_elsewhere: bool  # a person the article names elsewhere (he is meant)
    goes_on: bool  # the name goes on past the candidate with ل + a definite noun
    glued: bool  # the head word holds a glued letter: the name starts after it
    start: int  # where the name starts otherwise (unless an open word's letter is cut: ``cut_start``)
    cut_start: int  # the start after the head word's first letter (-1: not needed)
    norm: str  # the head word's normal form when an open word's leading letter may be cut, else ""
    end: int
    sentence: int

    def to_row(self) -> list:
        return list(astuple(self))

    @classmethod
    def from_row(cls, row: list) -> FacilityCandidate:
        values = list(row)
        values[1] = tuple(values[1])
        return cls(*values)


@dataclass
class FacilityFacts:
    """One article's part of the pass's corpus statistics."""

    #: additive counts: "b\tWORD\tTYPE" (begins a name of 2+ words), "o\tWORD" (right before a name),
    #: "e\tWORD" (ends a name of 2+ words), "a\tWORD" (a one-word tagged name), "r\tKEY…" (1: the
    #: article holds that candidate sequence)
    counts: Counter[str] = field(default_factory=Counter)
    #: the distinct name facts of the article, each with the position of its first occurrence
    names: dict[NameFact, int] = field(default_factory=dict)
    candidates: list[FacilityCandidate] = field(default_factory=list)


class FacilityTotals(Protocol):
    """The corpus statistics the decision reads (summed over the corpus's articles)."""

    def counts(self, keys: set[str]) -> Mapping[str, int]:
        """The sums of these additive keys (absent: 0)."""
        ...

    def names(self, kind: str, heads: set[str]) -> dict[str, Counter[str]]:
        """Per head word, per type, how many distinct names follow it in the corpus (only those > 0)."""
        ...

    def first_seen(self, head: str, types: Sequence[str]) -> str:
        """Which of ``types`` the corpus walk (articles in corpus order) meets first after ``head`` ("f")."""
        ...


class MemoryTotals:
    """:class:`FacilityTotals` summed from every article's facts, in corpus order (the definition)."""

    def __init__(self, facts: Iterable[FacilityFacts]) -> None:
        self.sums: Counter[str] = Counter()
        self.sets: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(dict)
        for f in facts:
            self.sums.update(f.counts)
            for (kind, head, type_, name), _ in sorted(f.names.items(), key=lambda item: item[1]):
                self.sets[(kind, head)].setdefault(type_, set()).add(name)

    def counts(self, keys: set[str]) -> Mapping[str, int]:
        return {k: self.sums[k] for k in keys if self.sums.get(k)}

    def names(self, kind: str, heads: set[str]) -> dict[str, Counter[str]]:
        return {h: Counter({t: len(n) for t, n in self.sets[(kind, h)].items()})
                for h in heads if (kind, h) in self.sets}

    def first_seen(self, head: str, types: Sequence[str]) -> str:
        return next(t for t in self.sets[("f", head)] if t in types)


class StoredTotals:
    """:class:`FacilityTotals` read from the store's sums and name rows (after :meth:`FacilityState.sync`).
    ``position``: each article's place in the corpus order (for :meth:`first_seen`)."""

    def __init__(self, store: Store, position: Mapping[str, int]) -> None:
        self.store = store
        self.position = position

    def counts(self, keys: set[str]) -> Mapping[str, int]:
        return read_sum(self.store, "entity_facility_sums", "item", keys)

    def names(self, kind: str, heads: set[str]) -> dict[str, Counter[str]]:
        found: dict[str, Counter[str]] = {}
        for chunk in chunks(sorted(heads)):
            marks = ",".join("?" * len(chunk))
            for head, type_, n in self.store.query(
                    "SELECT head, tag, COUNT(DISTINCT name) FROM entity_facility_names"
                    f" WHERE kind = ? AND head IN ({marks}) GROUP BY head, tag", [kind, *chunk]):
                found.setdefault(head, Counter())[type_] = int(n)
        return found

    def first_seen(self, head: str, types: Sequence[str]) -> str:
        marks = ",".join("?" * len(types))
        first: dict[str, tuple[int, int]] = {}
        for type_, article_id, pos in self.store.query(
                "SELECT tag, article_id, MIN(pos) FROM entity_facility_names"
                f" WHERE kind = 'f' AND head = ? AND tag IN ({marks}) GROUP BY tag, article_id", [head, *types]):
            where = (self.position[article_id], int(pos))
            if type_ not in first or where < first[type_]:
                first[type_] = where
        return min(first, key=first.__getitem__)


def mentions_layout(article: Article, mentions: Sequence[RawMention]) -> str:
    """Digest of what an article's part of a corpus pass is made from: its text, sentence bounds and mentions."""
    digest = hashlib.sha1(article.text.encode())
    digest.update(repr([(s.i, s.start, s.end) for s in article.sentences]).encode())
    digest.update(repr([(r.mention.sentence, r.mention.start, r.mention.end, r.mention.type, r.tagged, r.name)
                        for r in mentions]).encode())
    return digest.hexdigest()[:20]


FactsOf = Callable[[Article, list[RawMention]], FacilityFacts]


class FacilityState:
    """The pass's statistics kept in the store (see the module). ``computed`` and ``removed`` say how many
    articles the last :meth:`sync` computed and took away."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.version = source_digest(*_SOURCES)
        self.computed = 0
        self.removed = 0

    def sync(self, articles: dict[str, Article], mentions: Mapping[str, list[RawMention]], facts_of: FactsOf
             ) -> tuple[StoredTotals, dict[str, list[FacilityCandidate]]]:
        """Bring the stored statistics to ``articles`` (by id, in corpus order; ``mentions`` by article):
        the facts of articles with no valid row are computed (``facts_of``) and added, the rows of the
        others subtracted, in one transaction. Returns the totals to read and every article's candidates."""
        want = {i: f"{self.version}:{mentions_layout(a, mentions.get(i, []))}" for i, a in articles.items()}
        _, fresh = rows_to_redo(self.store, "entity_facility_articles", want)
        # computed before the write transaction (the slow part); the plan is made again inside it
        facts = {i: facts_of(articles[i], mentions.get(i, [])) for i in fresh}
        with self.store.transaction():
            stale, fresh = rows_to_redo(self.store, "entity_facility_articles", want)
            delta: Counter[str] = Counter()
            delta.subtract(stored_counts(self.store, "entity_facility_articles", "counts", stale))
            rows, name_rows = [], []
            for i in fresh:
                if i not in facts:
                    facts[i] = facts_of(articles[i], mentions.get(i, []))
                f = facts[i]
                delta.update(f.counts)
                cands = json.dumps([c.to_row() for c in f.candidates], ensure_ascii=False) if f.candidates else ""
                rows.append((i, want[i], pack_counts(f.counts), cands))
                name_rows.extend((*fact, i, pos) for fact, pos in f.names.items())
            gone = [(i,) for i in stale]
            self.store.executemany("DELETE FROM entity_facility_names WHERE article_id = ?", gone)
            self.store.executemany("DELETE FROM entity_facility_articles WHERE article_id = ?", gone)
            self.store.executemany(
                "INSERT INTO entity_facility_articles (article_id, layout, counts, candidates) VALUES (?,?,?,?)", rows)
            self.store.executemany(
                "INSERT INTO entity_facility_names (kind, head, tag, name, article_id, pos) VALUES (?,?,?,?,?,?)",
                name_rows)
            add_to_sum(self.store, "entity_facility_sums", "item", delta)
        self.computed, self.removed = len(fresh), len(stale)
        candidates = {i: f.candidates for i, f in facts.items() if f.candidates}
        for article_id, layout, cands in self.store.query(
                "SELECT article_id, layout, candidates FROM entity_facility_articles WHERE candidates <> ''"):
            if article_id in facts or article_id not in want:
                continue
            if layout != want[article_id]:  # changed by another run since: computed here
                found = facts_of(articles[article_id], mentions.get(article_id, [])).candidates
            else:
                found = [FacilityCandidate.from_row(c) for c in json.loads(cands)]
            if found:
                candidates[article_id] = found
        return StoredTotals(self.store, {i: k for k, i in enumerate(articles)}), candidates
