"""Which words open names and which close them, learned from labelled and tagged text.

A name inside a longer name is the commonest span error on real news (الصين of «بحر الصين الجنوبي»,
كوريا of «جامعة كوريا», a lone «جامعة» or «منظمة» before the name it opens). Whether a word belongs to
the name after it is a convention of the annotation (ANERcorp tags «جامعة القاهرة» whole but leaves
«مدينة» and «الرئيس» outside), so it is learned, not listed: for every word (the article kept, other
proclitics off) we count how often it is

- ``begins``: the first word of a name of two or more words, per type;
- ``before``: outside a name, right before one (مدينة الرياض، الرئيس بوتين);
- ``ends``: the last word of a name.

Counts come from two sources added together: ANERcorp train (shipped as ``marsad/models/name_words.tsv.gz``,
``word<TAB>PER<TAB>LOC<TAB>ORG<TAB>MISC<TAB>before<TAB>ends``; rebuilt by ``python -m
marsad.stages.entities.heads ANERCORP_TRAIN``), and, at run time, the tagger's own mentions in the
corpus being read. From them:

- a **head** (:meth:`WordRoles.is_head`) is a word that before a name is nearly always part of it
  (جامعة، حزب، مجلس، بطولة);
- an **open** word (:meth:`WordRoles.is_open`) begins many names and almost never ends one (جامعة، منظمة،
  الملا): a mention that ends with it is not a whole name.
"""

from __future__ import annotations

import gzip
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from marsad.arabic import Token, normalize, tokenize
from marsad.datafiles import packaged_tsv

WORDS_FILE = "name_words.tsv.gz"
TYPES = ("PER", "LOC", "ORG", "MISC")
#: a word must begin at least this many names (ANERcorp and corpus together) to be a head or open
MIN_BEGINS = 10
#: a head stands outside the name it precedes at most this share of its ``begins``
HEAD_OUTSIDE_SHARE = 0.25
#: an open word ends names at most this share of its ``begins``
OPEN_END_SHARE = 0.05
#: a head's own type is used when at least this share of the names it begins have it
TYPE_SHARE = 0.8
#: an organization head takes a place name in when it begins at least this many names ...
PLACE_HEAD_BEGINS = 4
#: ... and at least this share of the times it stands before or at the start of a name it is part of it
PLACE_HEAD_SHARE = 0.25


def word_key(token: Token) -> str:
    """The key a word is counted under: normalized, the article kept, other proclitics off
    (وبجامعة → جامعه, للأمم → الامم)."""
    if not token.prefixes:
        return token.norm
    return ("ال" + token.base) if "ال" in token.prefixes else token.base


def text_key(word: str) -> str:
    """:func:`word_key` of a written word (the first token of ``word``)."""
    tokens = [t for t in tokenize(word) if t.is_word]
    return word_key(tokens[0]) if tokens else normalize(word)


@dataclass
class WordRoles:
    """Counts of the roles words play around names (see the module docstring)."""

    begins: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    before: Counter = field(default_factory=Counter)
    ends: Counter = field(default_factory=Counter)

    def add(self, other: WordRoles) -> WordRoles:
        """A new table with the counts of both."""
        total = WordRoles()
        for table in (self, other):
            for word, types in table.begins.items():
                total.begins[word].update(types)
            total.before.update(table.before)
            total.ends.update(table.ends)
        return total

    def count_sentence(self, keys: Sequence[str], names: Iterable[tuple[int, int, str]],
                       single_ends: bool = True) -> None:
        """Count one sentence: word keys and its names as ``(first, stop, TYPE)`` word indices.
        ``single_ends=False`` counts only names of several words as ``ends`` (a tagger's lone «منظمة»
        is the very error an open word is there to catch, so it is no evidence that names end with it)."""
        for a, b, type_ in names:
            if b - a >= 2:
                self.begins[keys[a]][type_] += 1
            if single_ends or b - a >= 2:
                self.ends[keys[b - 1]] += 1
            if a > 0:
                self.before[keys[a - 1]] += 1

    def n_begins(self, key: str) -> int:
        return sum(self.begins.get(key, Counter()).values())

    def opens_more_without_letter(self, norm: str) -> bool:
        """``norm`` without its first letter opens more names than ``norm`` (بجامعة: جامعة opens them)."""
        return self.n_begins(norm[1:]) > self.n_begins(norm)

    def is_head(self, key: str) -> bool:
        """Before a name, ``key`` is nearly always part of it (جامعة، حزب)."""
        n = self.n_begins(key)
        return n >= MIN_BEGINS and self.before[key] <= HEAD_OUTSIDE_SHARE * n

    def is_open(self, key: str) -> bool:
        """``key`` begins many names and (almost) never ends one (منظمة، جامعة): no name ends with it."""
        n = self.n_begins(key)
        return n >= MIN_BEGINS and self.ends[key] <= OPEN_END_SHARE * n

    def takes_place_in(self, key: str) -> str | None:
        """``"ORG"`` when ``key``, an organization word, makes the place name after it part of a longer
        name (نادي نجران, مصرف اسكتلندا: the club, the bank, not the place), ``"MISC"`` for an event word
        (كأس إيطاليا, بطولة آسيا: the cup, the championship): ``key`` opens at least
        :data:`PLACE_HEAD_BEGINS` names, mostly of that type, and is part of the name in at least
        :data:`PLACE_HEAD_SHARE` of the times it stands before or opens one. Words that mostly stand outside
        the names after them (مدينة، محافظة، حكومة، مطار) take nothing in. Where the name goes on past the
        place (معرض الرياض الدولي للكتاب) the caller leaves it out rather than cut it."""
        n = self.n_begins(key)
        type_ = self.head_type(key)
        if n < PLACE_HEAD_BEGINS or type_ not in ("ORG", "MISC"):
            return None
        return type_ if n >= PLACE_HEAD_SHARE * (n + self.before[key]) else None

    def head_type(self, key: str) -> str | None:
        """The type of the names ``key`` begins when one type holds :data:`TYPE_SHARE` of them."""
        types = self.begins.get(key)
        if not types:
            return None
        type_, n = types.most_common(1)[0]
        return type_ if n >= TYPE_SHARE * sum(types.values()) else None


def learn(sentences: Iterable[Sequence[tuple[str, str]]]) -> WordRoles:
    """Word roles from BIO-labelled sentences (ANERcorp's CoNLL rows as ``(token, label)``)."""
    from marsad.stages.entities.ner import spans

    roles = WordRoles()
    for sentence in sentences:
        keys = []
        for token, _ in sentence:
            words = [t for t in tokenize(token) if t.is_word]
            keys.append(word_key(words[0]) if words else normalize(token))
        roles.count_sentence(keys, spans([label for _, label in sentence]))
    return roles


def write(roles: WordRoles, out: Path) -> int:
    """Write the table (words with any ``begins`` or ``before``, sorted); returns the rows written."""
    words = sorted(w for w in set(roles.begins) | set(roles.before) if roles.n_begins(w) or roles.before[w])
    with gzip.open(out, "wt", encoding="utf-8") as fh:
        for w in words:
            types = roles.begins.get(w, Counter())
            fh.write("\t".join([w, *(str(types[t]) for t in TYPES), str(roles.before[w]), str(roles.ends[w])]) + "\n")
    return len(words)


@lru_cache(maxsize=1)
def shipped_roles() -> WordRoles:
    """The table learned from ANERcorp train (empty when the file is absent)."""
    roles = WordRoles()
    for word, *counts in packaged_tsv("marsad.models", WORDS_FILE):
        numbers = [int(c) for c in counts]
        roles.begins[word] = Counter({t: n for t, n in zip(TYPES, numbers[:4], strict=True) if n})
        roles.before[word] = numbers[4]
        roles.ends[word] = numbers[5]
    return roles


if __name__ == "__main__":  # pragma: no cover - manual rebuild
    from marsad.stages.entities.ner import read_conll

    target = Path(__file__).resolve().parents[2] / "models" / WORDS_FILE
    print(f"{write(learn(read_conll(sys.argv[1])), target)} words -> {target}")
