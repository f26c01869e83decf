"""The project's gazetteers: names the NER features and the linker consult.

Files live in ``marsad/knowledge/gazetteer/`` (one TSV per kind, ``#`` comments allowed):

- ``countries.tsv``, ``cities.tsv``, ``organizations.tsv``, ``persons.tsv``:
  ``form<TAB>TYPE<TAB>canonical[<TAB>country]`` — every spelling variant is its own line; ``canonical``
  (optional, default = form) names the referent so variants can be merged; ``country`` (cities,
  optional) names the city's country, evidence for telling apart two referents one normalized
  spelling shares (عمّان the city, عمان the country);
- ``titles.tsv``: ``form<TAB>kind`` — role words that precede a name (الرئيس، وزير، المتحدث);
- ``name_parts.tsv``: ``form`` — common first names and name particles (محمد، عبد، بن، أبو).

Media outlets and agencies come from ``marsad/knowledge/media.tsv`` (read only; owned by the
quotes stage) when that file exists: its first column is taken as an ORG form whose canonical
name is the second column (وكالة الأنباء الكورية الشمالية → الوكالة المركزية الكورية).
All keys are :func:`marsad.arabic.normalize` forms. A form spelled as a function word
(:data:`marsad.arabic.stopwords.FUNCTION_WORDS`: كيف "how" is no spelling of Kyiv) is never a name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from marsad.arabic import normalize
from marsad.arabic.normalize import spelling_key
from marsad.arabic.stopwords import FUNCTION_WORDS

NAME_FILES = ("countries.tsv", "cities.tsv", "organizations.tsv", "persons.tsv")
CLITIC_LETTERS = "وفبلك"


@dataclass
class Gazetteer:
    """Normalized multi-word names with their type and canonical form."""

    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # norm -> (TYPE, canonical)
    titles: dict[str, str] = field(default_factory=dict)  # norm -> kind
    name_parts: set[str] = field(default_factory=set)
    max_words: int = 1
    #: norm -> every (TYPE, canonical) the lists give it, in file order (two or more: an ambiguous spelling)
    senses: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: written form (marks kept, as in the file) -> canonical
    spellings: dict[str, str] = field(default_factory=dict)
    #: canonical of a city -> canonical of its country
    countries: dict[str, str] = field(default_factory=dict)
    #: canonical forms of the cities (``cities.tsv``)
    cities: set[str] = field(default_factory=set)

    def add(self, form: str, type_: str, canonical: str | None = None, country: str | None = None) -> None:
        """Register ``form`` (any spelling) as a name of ``type_``; a function word is never one."""
        key = normalize(form)
        if not key or spelling_key(form) in FUNCTION_WORDS:
            return
        sense = (type_, canonical or form)
        self.names.setdefault(key, sense)
        if sense not in self.senses.setdefault(key, []):
            self.senses[key].append(sense)
        self.spellings.setdefault(form, sense[1])
        if country:
            self.countries[sense[1]] = country
        self.max_words = max(self.max_words, key.count(" ") + 1)

    def ambiguous(self, key: str) -> list[tuple[str, str]]:
        """The referents a normalized spelling may name when it may name several, else []."""
        senses = self.senses.get(key, [])
        return senses if len(senses) > 1 else []

    def forms_of(self, canonical: str) -> list[str]:
        """Every normalized form whose (first) referent is ``canonical``, sorted."""
        return sorted(k for k, senses in self.senses.items() if any(c == canonical for _, c in senses))


def _rows(filename: str, package: str = "marsad.knowledge.gazetteer"):
    try:
        ref = resources.files(package).joinpath(filename)
        text = ref.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError, ModuleNotFoundError):
        return
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield [c.strip() for c in line.split("\t")]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer (loaded once)."""
    gaz = Gazetteer()
    for filename in NAME_FILES:
        for row in _rows(filename):
            if len(row) >= 2 and row[1] in ("PER", "LOC", "ORG", "MISC"):
                gaz.add(row[0], row[1], row[2] if len(row) > 2 and row[2] else None,
                        row[3] if len(row) > 3 and row[3] else None)
                if filename == "cities.tsv" and row[1] == "LOC":
                    gaz.cities.add(row[2] if len(row) > 2 and row[2] else row[0])
    for row in _rows("media.tsv", "marsad.knowledge"):
        if row and row[0] and not row[0].lower().startswith(("form", "name", "outlet")):
            gaz.add(row[0], "ORG", row[1] if len(row) > 1 and row[1] else None)
    for row in _rows("titles.tsv"):
        gaz.titles[normalize(row[0])] = row[1] if len(row) > 1 else "title"
    for row in _rows("name_parts.tsv"):
        gaz.name_parts.add(normalize(row[0]))
    return gaz


def first_word_keys(norm: str) -> list[str]:
    """Readings of a normalized word with up to two proclitics removed (وبموسكو → بموسكو, موسكو;
    للأمم → الامم), the word itself first."""
    keys = [norm]
    rest = norm
    for _ in range(2):
        if len(rest) > 3 and rest[0] in CLITIC_LETTERS:
            if rest[0] == "ل" and rest[1] == "ل":
                keys.append("ا" + rest[1:])
            rest = rest[1:]
            keys.append(rest)
        else:
            break
    return keys


def match_spans(norms: list[str], gaz: Gazetteer | None = None) -> list[tuple[int, int, str]]:
    """Longest gazetteer matches over normalized tokens: (start, end, TYPE), non-overlapping.
    The first word of a match may carry proclitics."""
    gaz = gaz or gazetteer()
    spans: list[tuple[int, int, str]] = []
    i = 0
    n = len(norms)
    while i < n:
        found = None
        for length in range(min(gaz.max_words, n - i), 0, -1):
            tail = " ".join(norms[i + 1 : i + length])
            for head in first_word_keys(norms[i]):
                key = head + (" " + tail if tail else "")
                hit = gaz.names.get(key)
                if hit:
                    found = (i, i + length, hit[0])
                    break
            if found:
                break
        if found:
            spans.append(found)
            i = found[1]
        else:
            i += 1
    return spans
