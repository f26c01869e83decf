"""The bound-word rule's corpus state, kept in the store article by article (issue 14).

:func:`bind_preceding_words <marsad.stages.entities.edges.bind_preceding_words>` joins to a name the word the
corpus writes almost only before it («رأس» تنورة). Each article contributes additive counts
(:func:`~marsad.stages.entities.edges.bind_counts`, items):

- ``b\\tWORD\\tTYPE``: tagged names of several words of TYPE whose first word is WORD;
- ``o\\tWORD``: mentions WORD stands right before (outside every mention);
- ``t\\tNAME``: mentions of NAME (its spelling keys, spaced) that are not persons;
- ``a\\tNAME\\tWORD``: those of them right after WORD;
- ``s\\tNAME\\tWORD\\tSENTENCE``: and in which sentence text (a digest: a story repeated word for word counts
  once);

and the sum holds one item more, ``d\\tNAME\\tWORD``: in how many different sentence texts (the ``s`` items
with a count; not a sum over articles, it follows from the ``s`` items' sum: :meth:`BindState.derived`). An
article's decisions read, besides the article itself, two answers (:class:`BindRoles`, which records them):
does NAME, of TYPE, bind WORD before it (``bind\\tNAME\\tWORD\\tTYPE``: the name's counts, the pair's, and
WORD's roles, ANERcorp's and the corpus's), and does a name opened by NORM open after its first letter
(``cut\\tNORM``). :class:`BindState` keeps (migration 8):

- ``entity_bind_articles``: per article, the key of what its part was made from (code, text and sentence
  bounds, its mentions as the pass receives them), its counts (packed) and its decisions (JSON);
- ``entity_bind_sums``: the counts' running sum (and the ``d`` items);
- ``entity_bind_reads``: per article, every answer its decisions read;
- ``entity_bind_answers``: every ``bind`` answer a stored decision ever read, by its NAME and WORD, so the
  answers a changed count can move are found from the count's name or word.

A run computes the articles whose row is missing or stale and subtracts the others' rows; the answers the
difference of the counts can move (those about a NAME or WORD whose counts changed) are compared before and
after it, and only the old articles that read one that changed are decided again. Rows, reads, answers and
sum change in one transaction, so the stored decisions always agree with the stored sum, whatever moment a
run is killed at. Without a store the rule computes all of it from the whole corpus (the definition), through
the same :class:`BindRoles` and decisions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from marsad.engine.digest import source_digest
from marsad.stages.entities.answer_state import AnswerState, FetchedCounts
from marsad.stages.entities.heads import TYPES, shipped_roles
from marsad.store.base import Store
from marsad.store.sums import chunks, read_sum

#: what an article's part depends on besides its text and mentions (the shipped word roles included)
_SOURCES = ("stages/entities", "arabic", "knowledge", "store/sums.py", "models/name_words.tsv.gz")
#: a name's mentions right after one word must be at least this share of all its mentions ...
BOUND_SHARE = 0.8
#: ... and at least this many ...
BOUND_MIN_MENTIONS = 3
#: ... in at least this many different sentences
BOUND_MIN_SENTENCES = 2
#: letters the tokenizer may leave on a word (as :func:`~marsad.stages.entities.stage._open_word_start` cuts)
_LETTERS = ("و", "ف", "ب", "ك", "ل")


def answer_items(answer: str) -> list[str]:
    """The count items one answer (``bind\\t…`` or ``cut\\t…``) reads."""
    kind, _, subject = answer.partition("\t")
    if kind == "bind":
        name, word, _ = subject.split("\t")
        return [f"t\t{name}", f"a\t{name}\t{word}", f"d\t{name}\t{word}", f"o\t{word}",
                *(f"b\t{word}\t{t}" for t in TYPES)]
    if kind == "cut":
        return [f"b\t{w}\t{t}" for w in (subject, subject[1:]) for t in TYPES]
    raise ValueError(answer)


def distinct_sentences(counts: Mapping[str, int]) -> Counter[str]:
    """The ``d`` items of whole counts: per (name, word), how many ``s`` items hold a count."""
    found: Counter[str] = Counter()
    for item, n in counts.items():
        if n > 0 and item.startswith("s\t"):
            found["d\t" + item[2:].rsplit("\t", 1)[0]] += 1
    return found


class BindRoles(FetchedCounts):
    """The answers :func:`~marsad.stages.entities.edges.bind_preceding_words` reads, from the corpus's counts
    (``counts``, items as the module says) and ANERcorp's word roles. ``fetch`` (items → their counts) fills
    the answers not loaded yet; without it an item not in ``counts`` has no count. While ``reads`` is a set,
    every answer asked for is added to it."""

    def __init__(self, counts: Mapping[str, int], fetch: Callable[[set[str]], Mapping[str, int]] | None = None
                 ) -> None:
        super().__init__(counts, fetch)
        self._known: dict[tuple[str, str], bool] = {}

    def items(self, key: str) -> Iterable[str]:
        """The count items one answer needs."""
        return answer_items(key)

    def _begins(self, word: str) -> Counter[str]:
        begins = Counter(shipped_roles().begins.get(word, Counter()))
        for t in TYPES:
            n = self.counts.get(f"b\t{word}\t{t}", 0)
            if n:
                begins[t] += n
        return begins

    def answer(self, kind: str, subject: str) -> bool:
        """One answer, not recorded (each computed once: the counts an answer reads never change once loaded)."""
        known = self._known.get((kind, subject))
        if known is None:
            known = self._known[kind, subject] = self._answer(kind, subject)
        return known

    def _answer(self, kind: str, subject: str) -> bool:
        self.load((f"{kind}\t{subject}",))
        c = self.counts
        if kind == "bind":
            name, word, type_ = subject.split("\t")
            n = c.get(f"a\t{name}\t{word}", 0)
            begins = self._begins(word)
            before = shipped_roles().before.get(word, 0) + c.get(f"o\t{word}", 0)
            # the word itself counts once «before» each of these mentions: what decides is whether, beyond
            # them, it stands outside names more often than it opens one
            return (n >= BOUND_MIN_MENTIONS and n >= BOUND_SHARE * c.get(f"t\t{name}", 0)
                    and c.get(f"d\t{name}\t{word}", 0) >= BOUND_MIN_SENTENCES
                    and bool(begins.get(type_)) and not before - n > sum(begins.values()))
        if kind == "cut":
            return sum(self._begins(subject[1:]).values()) > sum(self._begins(subject).values())
        raise ValueError(kind)

    def _read(self, kind: str, subject: str) -> bool:
        if self.reads is not None:
            self.reads.add(f"{kind}\t{subject}")
        return self.answer(kind, subject)

    def binds(self, name: str, word: str, type_: str) -> bool:
        """The corpus writes ``name`` (of ``type_``) almost only right after ``word``, in several sentences, and
        ``word`` opens names of that type at least as often as it stands outside the names after it."""
        return self._read("bind", f"{name}\t{word}\t{type_}")

    def opens_more_without_letter(self, norm: str) -> bool:
        """``norm`` without its first letter opens more names than ``norm`` (see :class:`.heads.WordRoles`)."""
        return self._read("cut", norm)


def candidate_answers(items: Iterable[str], stored: Callable[[set[str], set[str]], set[str]]) -> set[str]:
    """Every answer a change of these count items can move: the stored ``bind`` answers about a changed name
    or word (``stored(names, words)``), and the ``cut`` answers of a word whose names changed."""
    names: set[str] = set()
    words: set[str] = set()
    cuts: set[str] = set()
    for item in items:
        kind, subject = item.split("\t", 2)[:2]
        if kind in ("t", "a", "d", "s"):
            names.add(subject)
        else:
            words.add(subject)
            if kind == "b":  # the names a word opens: its own «cut» answer and its lettered forms'
                cuts.add(f"cut\t{subject}")
                cuts.update(f"cut\t{letter}{subject}" for letter in _LETTERS)
    return stored(names, words) | cuts


class BindState(AnswerState):
    """The rule's state kept in the store (see the module): the changed answers are found from the counts'
    difference, before it is added to the sum, among the stored answers about the names and words it touches."""

    ARTICLES, SUMS, READS = "entity_bind_articles", "entity_bind_sums", "entity_bind_reads"

    def __init__(self, store: Store) -> None:
        super().__init__(store, source_digest(*_SOURCES))

    def _fetch(self, items: set[str]) -> dict[str, int]:
        return read_sum(self.store, self.SUMS, "item", items)

    def answers(self) -> BindRoles:
        return BindRoles({}, self._fetch)

    def derived(self, delta: Counter[str]) -> Counter[str]:
        changed = {item: n for item, n in delta.items() if n and item.startswith("s\t")}
        stored = self._fetch(set(changed))
        found: Counter[str] = Counter()
        for item, n in changed.items():
            was = stored.get(item, 0)
            pair = "d\t" + item[2:].rsplit("\t", 1)[0]
            found[pair] += (was + n > 0) - (was > 0)
        return found

    def _stored(self, names: set[str], words: set[str]) -> set[str]:
        found: set[str] = set()
        for column, keys in (("name", names), ("word", words)):
            for chunk in chunks(sorted(keys)):
                marks = ",".join("?" * len(chunk))
                found.update(item for (item,) in self.store.query(
                    f"SELECT item FROM entity_bind_answers WHERE {column} IN ({marks})", list(chunk)))
        return found

    def flips_before(self, delta: Counter[str]) -> set[str]:
        changed = {item for item, n in delta.items() if n}
        candidates = candidate_answers(changed, self._stored)
        before = BindRoles({}, self._fetch)
        before.load(candidates)
        # (Counter + drops the items at or below 0: an item at 0 has no count, as in the store)
        after = BindRoles(Counter(before.counts) + Counter({k: n for k, n in delta.items() if n}))
        return {a for a in candidates if before.answer(*a.split("\t", 1)) != after.answer(*a.split("\t", 1))}

    def keep(self, answers: object, items: set[str]) -> None:
        rows = []
        for item in sorted(items):
            if item.startswith("bind\t"):
                name, word, _ = item[5:].split("\t")
                rows.append((item, name, word))
        self.store.executemany("INSERT INTO entity_bind_answers (item, name, word) VALUES (?,?,?)"
                               " ON CONFLICT (item) DO NOTHING", rows)
