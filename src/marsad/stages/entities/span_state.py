"""The span-completion pass's corpus state, kept in the store article by article (issue 14).

:func:`complete_spans <marsad.stages.entities.stage.complete_spans>` reads the roles words play around the
tagged names of the whole corpus (:mod:`.heads`: how often a word opens a name of each type, stands right
before one, closes one; how often it is a one-word name), added to ANERcorp's. Each article contributes
additive counts (:func:`~marsad.stages.entities.stage.span_counts`), and each article's decisions depend
only on its own text and mentions and on a few answers about a few words: is the word open, a head, of which
type, does it take a place in, does it open place names, is it seldom a name alone, does it open more names
without its first letter (:class:`SpanRoles`, which records every answer a decision asks for).
:class:`SpanState` keeps them in the store (migration 6):

- ``entity_span_articles``: per article, the key of what its part was made from (code, text and sentence
  bounds, its mentions as the pass receives them), its counts (packed) and its decisions (JSON: only those
  that change a mention, and the mentions no token holds; '' when there are none);
- ``entity_span_sums``: the counts' running sum, item by item;
- ``entity_span_reads``: per article, every answer its decisions read (``"open\\tجامعه"``).

A run computes the articles whose row is missing or stale and subtracts the others' rows; the answers the
difference of the counts changes (compared word by word before and after it) name, through
``entity_span_reads``, the old articles whose decisions must be made again — only those are read (tokenized)
again. Rows, reads and sum change in one transaction, so the stored decisions always agree with the stored
sum, whatever moment a run is killed at. Without a store the pass computes all of it from the whole corpus
(the definition); both go through the same :class:`SpanRoles` and the same decisions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from marsad.engine.digest import source_digest
from marsad.stages.entities.answer_state import AnswerState, FetchedCounts
from marsad.stages.entities.heads import TYPES, WordRoles, shipped_roles
from marsad.store.base import Store
from marsad.store.sums import read_sum

#: what an article's part depends on besides its text and mentions (the shipped word roles included)
_SOURCES = ("stages/entities", "arabic", "knowledge", "store/sums.py", "models/name_words.tsv.gz")
#: a one-word name at most this many times in the corpus: a word may take the place after it in
MAX_ALONE_HEAD = 1
#: letters the tokenizer may leave on a word (as :func:`~marsad.stages.entities.stage._open_word_start` cuts)
_LETTERS = ("و", "ف", "ب", "ك", "ل")
#: the answers a decision may read about a word
PREDICATES = ("open", "head", "type", "place", "loc", "alone", "cut")


def word_items(word: str) -> list[str]:
    """The count items of one word (see :func:`~marsad.stages.entities.stage.span_counts`)."""
    return [*(f"b\t{word}\t{t}" for t in TYPES), f"o\t{word}", f"e\t{word}", f"a\t{word}"]


def item_word(item: str) -> str:
    """The word a count item is about."""
    return item.split("\t")[1]


class SpanRoles(FetchedCounts):
    """The word-role answers :func:`complete_spans` reads: ANERcorp's counts plus the corpus's (``counts``,
    items as :func:`word_items`). ``fetch`` (words → their items' counts) fills the words not loaded yet;
    without it a word not in ``counts`` has no corpus count. While ``reads`` is a set, every answer asked
    for is added to it (``"PREDICATE\\tWORD"``)."""

    def __init__(self, counts: Mapping[str, int], fetch: Callable[[set[str]], Mapping[str, int]] | None = None
                 ) -> None:
        super().__init__(counts, fetch)
        self._roles: dict[str, WordRoles] = {}

    def _of(self, word: str) -> WordRoles:
        """A table holding only ``word``'s counts, ANERcorp's and the corpus's together."""
        roles = self._roles.get(word)
        if roles is None:
            if self.fetch is not None and word not in self.loaded:
                self.load((word,))
            shipped = shipped_roles()
            roles = WordRoles()
            begins = Counter(shipped.begins.get(word, Counter()))
            for t in TYPES:
                n = self.counts.get(f"b\t{word}\t{t}", 0)
                if n:
                    begins[t] += n
            if begins:
                roles.begins[word] = begins
            roles.before[word] = shipped.before.get(word, 0) + self.counts.get(f"o\t{word}", 0)
            roles.ends[word] = shipped.ends.get(word, 0) + self.counts.get(f"e\t{word}", 0)
            self._roles[word] = roles
        return roles

    def answer(self, predicate: str, word: str) -> Any:
        """One answer, not recorded."""
        if predicate == "alone":
            if self.fetch is not None and word not in self.loaded:
                self.load((word,))
            return self.counts.get(f"a\t{word}", 0) <= MAX_ALONE_HEAD
        if predicate == "cut":  # a name opened by the word opens after its first letter (بجامعة)
            return self._of(word[1:]).n_begins(word[1:]) > self._of(word).n_begins(word)
        roles = self._of(word)
        if predicate == "open":
            return roles.is_open(word)
        if predicate == "head":
            return roles.is_head(word)
        if predicate == "type":
            return roles.head_type(word)
        if predicate == "place":
            return roles.takes_place_in(word)
        if predicate == "loc":
            return bool(roles.begins.get(word, Counter()).get("LOC"))
        raise ValueError(predicate)

    def _read(self, predicate: str, word: str) -> Any:
        if self.reads is not None:
            self.reads.add(f"{predicate}\t{word}")
        return self.answer(predicate, word)

    def is_open(self, word: str) -> bool:
        return self._read("open", word)

    def is_head(self, word: str) -> bool:
        return self._read("head", word)

    def head_type(self, word: str) -> str | None:
        return self._read("type", word)

    def takes_place_in(self, word: str) -> str | None:
        return self._read("place", word)

    def opens_places(self, word: str) -> bool:
        """The word opens place names (ANERcorp's or the corpus's)."""
        return self._read("loc", word)

    def seldom_alone(self, word: str) -> bool:
        """The tagger tags the word as a one-word name at most :data:`MAX_ALONE_HEAD` times in the corpus."""
        return self._read("alone", word)

    def opens_more_without_letter(self, norm: str) -> bool:
        """``norm`` without its first letter opens more names than ``norm`` (see :class:`.heads.WordRoles`)."""
        return self._read("cut", norm)


def changed_answers(before: SpanRoles, after: SpanRoles, items: Iterable[str]) -> set[str]:
    """The answers (``"PREDICATE\\tWORD"``) that differ between ``before`` and ``after`` among those the
    changed count ``items`` can move; both must hold the counts of :func:`answer_words` of the items."""
    flipped = set()
    for read in candidate_reads(items):
        predicate, word = read.split("\t", 1)
        if before.answer(predicate, word) != after.answer(predicate, word):
            flipped.add(read)
    return flipped


def candidate_reads(items: Iterable[str]) -> set[str]:
    """Every answer a change of these count items can move."""
    reads: set[str] = set()
    for item in items:
        word = item_word(item)
        reads.update(f"{p}\t{word}" for p in PREDICATES if p != "cut")
        if item.startswith("b\t"):  # the names a word opens: its own «cut» answer and its lettered forms'
            reads.add(f"cut\t{word}")
            reads.update(f"cut\t{letter}{word}" for letter in _LETTERS)
    return reads


def answer_words(items: Iterable[str]) -> set[str]:
    """The words whose counts :func:`changed_answers` needs for these items."""
    words: set[str] = set()
    for read in candidate_reads(items):
        word = read.split("\t", 1)[1]
        words.add(word)
        if read.startswith("cut\t"):
            words.add(word[1:])
    return words


#: one article's sentences as the pass lays them out: (sentences, mentions no token holds), each sentence
#: (its tokens, their keys, its placed mentions as (index among the article's mentions, first, stop))
Layout = tuple[list[tuple[list, list[str], list[tuple[int, int, int]]]], list[int]]
#: one article's decisions: {"e": [[parts, kind, start, end, type, role], …], "u": [unplaced indices]}
Decisions = dict[str, list]


def layout_words(layout: Layout) -> set[str]:
    """The words a decision over ``layout`` may ask about (for one fetch): the keys and forms of the tokens
    of each placed mention and the one before it."""
    words: set[str] = set()
    for tokens, keys, placed in layout[0]:
        for _, a, b in placed:
            for i in range(max(a - 1, 0), min(b + 1, len(tokens))):
                norm = tokens[i].norm
                words.update((keys[i], norm, norm[1:]))
    return words


class SpanState(AnswerState):
    """The pass's state kept in the store (see the module): the changed answers are found from the counts'
    difference alone, word by word, before it is added to the sum."""

    ARTICLES, SUMS, READS = "entity_span_articles", "entity_span_sums", "entity_span_reads"

    def __init__(self, store: Store) -> None:
        super().__init__(store, source_digest(*_SOURCES))

    def _fetch(self, words: set[str]) -> dict[str, int]:
        return read_sum(self.store, self.SUMS, "item", {i for w in words for i in word_items(w)})

    def answers(self) -> SpanRoles:
        return SpanRoles({}, self._fetch)

    def flips_before(self, delta: Counter[str]) -> set[str]:
        changed = {item for item, n in delta.items() if n}
        before = SpanRoles(self._fetch(answer_words(changed)))
        # (Counter + drops the items at or below 0: an item at 0 has no count, as in the store)
        after = SpanRoles(Counter(before.counts) + Counter({k: n for k, n in delta.items() if n}))
        return changed_answers(before, after, changed)
