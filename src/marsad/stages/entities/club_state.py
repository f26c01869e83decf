"""The team rule's corpus state, kept in the store article by article (issue 14).

:func:`type_clubs <marsad.stages.entities.edges.type_clubs>` types a city's name followed by a masculine place
adjective as the team it names. Its decisions in an article read, besides the article itself, one answer about
the plain word right before such a name (:class:`ClubRoles`): does the corpus's tagged mentions show it before
more organizations than places (``org\\tWORD``). Each article contributes the counts of the words right before
its tagged place and organization mentions (``h\\tWORD\\tTYPE``). :class:`ClubState` keeps (migration 8):

- ``entity_club_articles``: per article, the key of what its part was made from (code, text and sentence bounds,
  its mentions as the rule receives them, their senses included), its counts (packed) and its decisions (JSON:
  the names that are teams in it);
- ``entity_club_sums``: the counts' running sum;
- ``entity_club_reads``: per article, every answer its decisions read.

A run computes the articles whose row is missing or stale and subtracts the others' rows; the answers about the
words whose counts changed are compared before and after the difference, and only the old articles that read
one that changed are decided again, all in one transaction. Without a store the rule computes all of it from
the whole corpus (the definition), through the same :class:`ClubRoles` and decisions.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from marsad.engine.digest import source_digest
from marsad.model import Article
from marsad.stages.entities.answer_state import AnswerState, FetchedCounts
from marsad.stages.entities.canonical import RawMention
from marsad.stages.entities.facility_state import mentions_layout
from marsad.store.base import Store
from marsad.store.sums import read_sum

#: what an article's part depends on besides its text and mentions
_SOURCES = ("stages/entities", "arabic", "knowledge", "store/sums.py")
#: the types whose mentions' words before are counted (the only ones an answer compares)
COUNTED = ("ORG", "LOC")


def word_items(word: str) -> list[str]:
    """The count items of one word."""
    return [f"h\t{word}\t{t}" for t in COUNTED]


class ClubRoles(FetchedCounts):
    """The answers :func:`~marsad.stages.entities.edges.type_clubs` reads, from the corpus's counts (``counts``,
    items as :func:`word_items`). ``fetch`` (items → their counts) fills the words not loaded yet. While
    ``reads`` is a set, every answer asked for is added to it (``"org\\tWORD"``)."""

    def items(self, key: str) -> Iterable[str]:
        """The count items of one word."""
        return word_items(key)

    def answer(self, predicate: str, word: str) -> bool:
        """One answer, not recorded."""
        if predicate != "org":
            raise ValueError(predicate)
        self.load((word,))
        return self.counts.get(f"h\t{word}\tORG", 0) > self.counts.get(f"h\t{word}\tLOC", 0)

    def stands_before_organizations(self, word: str) -> bool:
        """The corpus's tagged mentions show ``word`` right before more organizations than places."""
        if self.reads is not None:
            self.reads.add(f"org\t{word}")
        return self.answer("org", word)


class ClubState(AnswerState):
    """The rule's state kept in the store (see the module): the changed answers are those about the words whose
    counts the difference changes, compared before and after it."""

    ARTICLES, SUMS, READS = "entity_club_articles", "entity_club_sums", "entity_club_reads"

    def __init__(self, store: Store) -> None:
        super().__init__(store, source_digest(*_SOURCES))

    def layout_key(self, article: Article, mentions: list[RawMention]) -> str:
        senses = hashlib.sha1(repr([r.sense for r in mentions]).encode()).hexdigest()[:12]
        return f"{mentions_layout(article, mentions)}:{senses}"

    def _fetch(self, items: set[str]) -> dict[str, int]:
        return read_sum(self.store, self.SUMS, "item", items)

    def answers(self) -> ClubRoles:
        return ClubRoles({}, self._fetch)

    def flips_before(self, delta: Counter[str]) -> set[str]:
        words = {item.split("\t")[1] for item, n in delta.items() if n}
        before = ClubRoles({}, self._fetch)
        before.load(words)
        after = ClubRoles(Counter(before.counts) + Counter({k: n for k, n in delta.items() if n}))
        return {f"org\t{w}" for w in words if before.answer("org", w) != after.answer("org", w)}
