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
from collections.abc import Iterable, Iterator, Mapping, Sequence

from marsad.arabic import tokenize
from marsad.arabic.normalize import spelling_key
from marsad.engine.digest import source_digest
from marsad.model import Article
from marsad.store.base import Store

#: rows per ``IN (…)`` query
CHUNK = 500
#: what an article's word counts depend on besides its text
_WORD_SOURCES = ("arabic", "stages/entities/corpus_state.py")


def word_counts(article: Article) -> dict[str, int]:
    """How often each spelling key is a word of ``article`` (its whole text tokenized)."""
    return dict(Counter(spelling_key(t.text) for t in tokenize(article.text) if t.is_word))


def pack_word_counts(counts: Mapping[str, int]) -> str:
    """``counts`` as one compact string (a line per word: key, tab, count), for the store. A key may
    hold spaces: NFKC spells some one-character words as several (ﷺ → صلى الله عليه وسلم)."""
    return "\n".join(f"{k}\t{n}" for k, n in counts.items())


def unpack_word_counts(text: str) -> dict[str, int]:
    """The counts :func:`pack_word_counts` packed."""
    counts = {}
    for line in text.split("\n") if text else ():
        key, _, n = line.rpartition("\t")
        counts[key] = int(n)
    return counts


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


def _chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


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
        found: Counter[str] = Counter()
        for chunk in _chunks(sorted(keys)):
            marks = ",".join("?" * len(chunk))
            for word, n in self.store.query(f"SELECT word, n FROM entity_corpus_words WHERE word IN ({marks})",
                                            list(chunk)):
                found[word] = int(n)
        return found

    def _plan(self, want: dict[str, str]) -> tuple[list[str], list[str]]:
        """The stored rows to take away (gone, or of another key) and the article ids to count."""
        stored = dict(self.store.query("SELECT article_id, layout FROM entity_article_words"))
        stale = sorted(i for i, key in stored.items() if want.get(i) != key)
        fresh = [i for i, key in want.items() if stored.get(i) != key]
        return stale, fresh

    def sync(self, articles: Sequence[Article]) -> None:
        """Bring the stored counts to ``articles``: count the articles not counted (new, or changed
        text or code), subtract the rows of the others, in one transaction with the rows themselves."""
        by_id = _distinct(articles)
        want = {i: self.key(a) for i, a in by_id.items()}
        _, fresh = self._plan(want)
        # counted before the write transaction (tokenizing is the slow part); checked again inside it
        counts = {i: word_counts(by_id[i]) for i in fresh}
        with self.store.transaction():
            stale, fresh = self._plan(want)
            delta: Counter[str] = Counter()
            for chunk in _chunks(stale):
                marks = ",".join("?" * len(chunk))
                for _, words in self.store.query(
                        f"SELECT article_id, words FROM entity_article_words WHERE article_id IN ({marks})",
                        list(chunk)):
                    delta.subtract(unpack_word_counts(words))
            rows = []
            for i in fresh:
                found = counts[i] if i in counts else word_counts(by_id[i])
                delta.update(found)
                rows.append((i, want[i], pack_word_counts(found)))
            self.store.executemany("DELETE FROM entity_article_words WHERE article_id = ?", [(i,) for i in stale])
            self.store.executemany("INSERT INTO entity_article_words (article_id, layout, words) VALUES (?,?,?)",
                                   rows)
            changes = sorted((w, n) for w, n in delta.items() if n)
            self.store.executemany(
                "INSERT INTO entity_corpus_words (word, n) VALUES (?,?)"
                " ON CONFLICT (word) DO UPDATE SET n = entity_corpus_words.n + excluded.n", changes)
            self.store.executemany("DELETE FROM entity_corpus_words WHERE word = ? AND n = 0",
                                   [(w,) for w, n in changes if n < 0])
        self.counted, self.removed = len(fresh), len(stale)
