"""The entities stage's corpus word counts, kept in the store as a sum updated article by article.

:func:`continue_person_names <marsad.stages.entities.stage.continue_person_names>` asks how often some
words occur in the whole corpus. The definition is :func:`corpus_word_occurrences`: every article's
text tokenized and counted (:func:`word_counts`). :class:`CorpusWords` gives the same numbers from two
tables (``store/schema.py``, migration 4): ``entity_article_words`` holds each counted article's word
counts (packed) under a key of its text and of the code that counted them, and ``entity_corpus_words``
their sum, word by word. A run brings the sum to the current corpus by the difference alone: the
articles whose row is missing or made from another text or code are counted and added, the rows of
articles no longer in the corpus (or counted from an older text) are subtracted and deleted. Rows and
sum change in one transaction, so the sum always equals the sum of the stored rows, whatever moment a
run is killed at; the next run then completes the difference.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence

from marsad.arabic import tokenize
from marsad.arabic.normalize import spelling_key
from marsad.engine.digest import source_digest
from marsad.model import Article
from marsad.store.base import Store
from marsad.store.sums import add_to_sum, pack_counts, read_sum, rows_to_redo, stored_counts

#: what an article's word counts depend on besides its text
_WORD_SOURCES = ("arabic", "stages/entities/corpus_state.py", "store/sums.py")


def word_counts(article: Article) -> dict[str, int]:
    """How often each spelling key is a word of ``article`` (its whole text tokenized)."""
    return dict(Counter(spelling_key(t.text) for t in tokenize(article.text) if t.is_word))


def _distinct(articles: Iterable[Article]) -> dict[str, Article]:
    """The articles by id, an id read twice (a repeated record) kept once (the first)."""
    found: dict[str, Article] = {}
    for article in articles:
        found.setdefault(article.id, article)
    return found


def corpus_word_occurrences(articles: Sequence[Article], keys: set[str]) -> Counter[str]:
    """How often each of ``keys`` occurs in the corpus: the sum of :func:`word_counts` over the distinct
    articles (the definition :class:`CorpusWords` keeps in the store)."""
    occurrences: Counter[str] = Counter()
    for article in _distinct(articles).values():
        for k, n in word_counts(article).items():
            if k in keys:
                occurrences[k] += n
    return occurrences


class CorpusWords:
    """:func:`corpus_word_occurrences` read from the store's corpus word counts (see the module).
    ``counted`` and ``removed`` say how many articles the last :meth:`sync` added and took away."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.version = source_digest(*_WORD_SOURCES)
        self.counted = 0
        self.removed = 0

    def key(self, article: Article) -> str:
        """What an article's stored counts must have been made from: its text and this code."""
        return f"{self.version}:{hashlib.sha1(article.text.encode()).hexdigest()[:16]}"

    def occurrences(self, articles: Sequence[Article], keys: set[str]) -> Counter[str]:
        """:func:`corpus_word_occurrences` of ``articles`` (after :meth:`sync`, from the stored sum)."""
        self.sync(articles)
        return Counter(read_sum(self.store, "entity_corpus_words", "word", keys))

    def sync(self, articles: Sequence[Article]) -> None:
        """Bring the stored counts to ``articles``: count the articles not counted (new, or changed
        text or code), subtract the rows of the others, in one transaction with the rows themselves."""
        by_id = _distinct(articles)
        want = {i: self.key(a) for i, a in by_id.items()}
        _, fresh = rows_to_redo(self.store, "entity_article_words", want)
        # counted before the write transaction (tokenizing is the slow part); checked again inside it
        counts = {i: word_counts(by_id[i]) for i in fresh}
        with self.store.transaction():
            stale, fresh = rows_to_redo(self.store, "entity_article_words", want)
            delta: Counter[str] = Counter()
            delta.subtract(stored_counts(self.store, "entity_article_words", "words", stale))
            rows = []
            for i in fresh:
                found = counts[i] if i in counts else word_counts(by_id[i])
                delta.update(found)
                rows.append((i, want[i], pack_counts(found)))
            self.store.executemany("DELETE FROM entity_article_words WHERE article_id = ?", [(i,) for i in stale])
            self.store.executemany("INSERT INTO entity_article_words (article_id, layout, words) VALUES (?,?,?)",
                                   rows)
            add_to_sum(self.store, "entity_corpus_words", "word", delta)
        self.counted, self.removed = len(fresh), len(stale)
