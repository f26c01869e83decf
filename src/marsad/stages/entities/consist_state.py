"""The corpus consistency decisions' state, kept in the store article by article (issue 14).

:meth:`EntitiesStage.corpus_consistency <marsad.stages.entities.stage.EntitiesStage.corpus_consistency>` finds
every occurrence (a hit, by the corpus scan) of every name the tagger tagged somewhere, and at each hit decides
whether the name is recognised there (and replaces the shorter mentions inside it); a one-word name the corpus
uses mostly untagged loses its mentions. An article's decisions read, besides the article itself (its mentions
and its hits), one answer per name (:class:`ConsistAnswers`, ``k\\tNAME``, NAME its spelling keys spaced): is it
a common word, is it tagged often enough, in at least half of its occurrences, and as which type. Each article
contributes additive counts (:func:`~marsad.stages.entities.stage.consistency_counts`):

- ``v\\tNAME\\tTYPE``: its tagged mentions of NAME as TYPE (the votes);
- ``o\\tNAME``: its occurrences of NAME (the hits, once per record the corpus holds of the article).

:class:`ConsistState` keeps (migration 9):

- ``entity_consist_articles``: per article, the key of what its decisions were made from (code, text and
  sentence bounds, its mentions as the pass receives them, the digest of its hits kept beside its scan rows,
  ``entity_scan_articles.hits``), its counts (packed) and its decisions (JSON: the mentions dropped, the longer
  ones added);
- ``entity_consist_sums``: the counts' running sum;
- ``entity_consist_reads``: per article, every answer its decisions read;
- ``entity_consist_answers``: the value of every answer a stored decision read.

The votes are also counted in memory every run (the names the scan looks for are those of every tagged
mention, and on a tie between types the type met first in the corpus wins, an order no sum keeps); the
occurrences are read from the sum for the names asked about, so the hits of an article are read back only when
its decisions are made again. A run computes the articles whose row is missing or stale (new, changed, mentions
changed by an earlier pass, hits changed by a new name) and subtracts the others' rows; the answers about the
names whose counts changed, and those of names tied between two types, are compared with the stored values,
and only the old articles that read one that changed are decided again. Rows, reads, answers and sum change in
one transaction (:class:`~.answer_state.AnswerState`), so the stored decisions always agree with the stored sum,
whatever moment a run is killed at; a scan written by a run killed before its decisions changes the hits'
digest, so the next run decides those articles again. Without a store the pass computes all of it from the whole
corpus (the definition), through the same :class:`ConsistAnswers` and decisions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

from marsad.engine.digest import source_digest
from marsad.model import Article
from marsad.stages.entities.answer_state import Answers, AnswerState, FetchedCounts
from marsad.stages.entities.canonical import RawMention
from marsad.stages.entities.facility_state import mentions_layout
from marsad.store.base import Store
from marsad.store.sums import chunks, read_sum

#: what an article's part depends on besides its text, mentions and hits
_SOURCES = ("stages/entities", "arabic", "knowledge", "store/sums.py")
MIN_LETTERS = 3  # shorter names (تي، سي، يو) are dropped unless the gazetteer knows them, and never looked for
MIN_CORPUS_VOTES = 2  # tagged occurrences a name needs before it is propagated across articles
#: share of its corpus occurrences the tagger must have tagged before a name is propagated across articles
PROPAGATE_SHARE = 0.5
#: a one-word name seen this often in the corpus but tagged in fewer than COMMON_SHARE of its
#: occurrences is a common word (مدينة، منظمة) and is no name anywhere
COMMON_MIN_OCCURRENCES = 20
COMMON_SHARE = 0.1

Votes = Mapping[tuple[str, ...], Counter]


def name_item(key: tuple[str, ...]) -> str:
    """A name (its spelling keys) as the counts and answers spell it."""
    return " ".join(key)


def looked_for(key: tuple[str, ...]) -> bool:
    """A name long enough to be looked for in the corpus once it is tagged somewhere."""
    return bool(key) and sum(map(len, key)) >= MIN_LETTERS


class ConsistAnswers(FetchedCounts):
    """The answers the consistency decisions read: the votes (``votes``, per name the types it was tagged as,
    counted in corpus order) and the occurrences (``counts``: ``o\\tNAME`` items; ``fetch`` fills the names not
    loaded yet). ``only_a_name`` says whether a one-word name is no common word whatever the corpus counts.
    While ``reads`` is a set, every answer asked for is added to it (``"k\\tNAME"``)."""

    def __init__(self, counts: Mapping[str, int], votes: Votes, only_a_name: Callable[[str], bool],
                 fetch: Callable[[set[str]], Mapping[str, int]] | None = None) -> None:
        super().__init__(counts, fetch)
        self.votes = votes
        self.only_a_name = only_a_name
        self.answered: dict[str, str] = {}

    def items(self, key: str) -> tuple[str, ...]:
        """The count item of one name."""
        return ("o\t" + key,)

    def answer(self, predicate: str, name: str) -> str:
        """One answer, not recorded: ``-`` (not looked for), ``c`` (a common word), ``n`` (too few votes), or
        ``p`` (tagged in at least :data:`PROPAGATE_SHARE` of its occurrences) or ``s`` followed by its type."""
        if predicate != "k":
            raise ValueError(predicate)
        known = self.answered.get(name)
        if known is None:
            known = self.answered[name] = self._answer(name)
        return known

    def _answer(self, name: str) -> str:
        key = tuple(name.split(" ")) if name else ()
        votes = self.votes.get(key)
        if not votes or not looked_for(key):
            return "-"
        self.load((name,))
        occurrences = self.counts.get("o\t" + name, 0)
        total = sum(votes.values())
        share = total / max(occurrences, 1)
        if (len(key) == 1 and occurrences >= COMMON_MIN_OCCURRENCES and share < COMMON_SHARE
                and not self.only_a_name(key[0])):
            return "c"
        if total < MIN_CORPUS_VOTES:
            return "n"
        return ("p" if share >= PROPAGATE_SHARE else "s") + votes.most_common(1)[0][0]

    def of(self, key: tuple[str, ...]) -> str:
        """The answer about the name ``key`` (recorded when it can ever be looked for)."""
        name = name_item(key)
        if self.reads is not None and looked_for(key):
            self.reads.add("k\t" + name)
        return self.answer("k", name)

    def common(self) -> list[tuple[str, int, int]]:
        """The common words among the names answered so far: (name, votes, occurrences)."""
        return [(name, sum(self.votes[(name,)].values()), self.counts.get("o\t" + name, 0))
                for name, a in self.answered.items() if a == "c"]


def tied(votes: Votes) -> set[str]:
    """The answers about names whose most frequent types are tied (the corpus order breaks the tie)."""
    found = set()
    for key, counts in votes.items():
        if len(counts) > 1:
            top = counts.most_common(2)
            if top[0][1] == top[1][1]:
                found.add("k\t" + name_item(key))
    return found


class ConsistState(AnswerState):
    """The decisions' state kept in the store (see the module). ``hits`` gives the digest of an article's hits
    (the scan's) and ``copies`` how many records of it the corpus holds; ``votes`` and ``only_a_name`` are as
    :class:`ConsistAnswers` takes them; all are set by :meth:`prepare_run` before :meth:`sync`."""

    ARTICLES, SUMS, READS = "entity_consist_articles", "entity_consist_sums", "entity_consist_reads"

    def __init__(self, store: Store) -> None:
        super().__init__(store, source_digest(*_SOURCES))
        self.hits: Mapping[str, str] = {}
        self.copies: Mapping[str, int] = {}
        self.votes: Votes = {}
        self.only_a_name: Callable[[str], bool] = bool
        self._candidates: set[str] = set()
        #: the answers' view of the last :meth:`sync`
        self.view: ConsistAnswers | None = None

    def prepare_run(self, hits: Mapping[str, str], copies: Mapping[str, int], votes: Votes,
                    only_a_name: Callable[[str], bool]) -> None:
        """What this run's keys and answers read besides the articles and their mentions."""
        self.hits, self.copies, self.votes, self.only_a_name = hits, copies, votes, only_a_name

    def layout_key(self, article: Article, mentions: list[RawMention]) -> str:
        return f"{mentions_layout(article, mentions)}:{self.hits.get(article.id, '')}:{self.copies.get(article.id, 1)}"

    def _fetch(self, items: set[str]) -> dict[str, int]:
        return read_sum(self.store, self.SUMS, "item", items)

    def answers(self) -> ConsistAnswers:
        self.view = ConsistAnswers({}, self.votes, self.only_a_name, self._fetch)
        return self.view

    def flips_before(self, delta: Counter[str]) -> set[str]:
        self._candidates = {"k\t" + item.split("\t")[1] for item, n in delta.items() if n} | tied(self.votes)
        return set()

    def flips_after(self, answers: Answers) -> set[str]:
        stored: dict[str, str] = {}
        for chunk in chunks(sorted(self._candidates)):
            stored.update(self.store.query(
                f"SELECT item, answer FROM entity_consist_answers WHERE item IN ({','.join('?' * len(chunk))})",
                list(chunk)))
        answers.load(item[2:] for item in stored)
        return {item for item, a in stored.items() if answers.answer("k", item[2:]) != a}

    def keep(self, answers: Answers, items: set[str]) -> None:
        self.store.executemany(
            "INSERT INTO entity_consist_answers (item, answer) VALUES (?,?)"
            " ON CONFLICT (item) DO UPDATE SET answer = excluded.answer",
            sorted((item, answers.answer("k", item[2:])) for item in items))
