"""The data model: one vocabulary for the whole code base.

Every stage reads and adds to a :class:`Corpus`. Offsets (``start``/``end``) are always
character offsets into :attr:`Article.text`, so every annotation points back at the
sentence it came from. ``to_dict`` gives the report.json form of each object
(documented by ``marsad/report/schema.json``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any, Literal

EntityType = Literal["PER", "ORG", "LOC", "MISC"]

_IMMUTABLE = (str, int, float, bool, type(None))


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def asdict(obj: Any) -> Any:
    """What :func:`dataclasses.asdict` gives (dataclasses as dicts, lists, tuples and dicts
    rebuilt, other values copied), several times faster: strings, numbers and None are shared
    rather than deep-copied, since they cannot change."""
    if isinstance(obj, _IMMUTABLE):
        return obj
    if is_dataclass(obj) and not isinstance(obj, type):
        return {name: asdict(getattr(obj, name)) for name in _field_names(type(obj))}
    if isinstance(obj, list):
        return [asdict(v) for v in obj]
    if isinstance(obj, tuple) and not hasattr(obj, "_fields"):
        return tuple(asdict(v) for v in obj)
    if isinstance(obj, dict):
        return {asdict(k): asdict(v) for k, v in obj.items()}
    return copy.deepcopy(obj)


@dataclass(slots=True)
class Sentence:
    """One sentence of an article: ``article.text[start:end] == text``."""

    i: int
    start: int
    end: int
    text: str
    norm: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"i": self.i, "start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Article:
    """A cleaned article. ``id`` is the hash of its normalized content (see ingest.identity)."""

    id: str
    text: str
    path: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None when unknown
    place: str | None = None  # from a dateline (الرياض - واس)
    agency: str | None = None  # agency named in a dateline or byline
    sentences: list[Sentence] = field(default_factory=list)
    source_key: str = ""  # URL or path (path:line for JSONL) that identifies versions
    version: int = 1

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing character ``offset``, if any."""
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "author": self.author,
            "published": self.published,
            "place": self.place,
            "agency": self.agency,
            "version": self.version,
            "text": self.text,
            "sentences": [s.to_dict() for s in self.sentences],
        }


@dataclass(slots=True)
class Citation:
    """A pointer to the sentence a statement came from."""

    article: str
    sentence: int
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(slots=True)
class Mention:
    """A typed span of an article that names an entity."""

    article: str
    sentence: int
    start: int
    end: int
    text: str
    type: EntityType
    entity: str | None = None  # canonical Entity.id once linked

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Entity:
    """One real person, place, organization or thing, whatever the spelling."""

    id: str
    name: str  # the most frequent full form
    type: EntityType
    variants: dict[str, int] = field(default_factory=dict)  # surface -> count
    variant_outlets: dict[str, list[str]] = field(default_factory=dict)  # surface -> outlets
    roles: list[str] = field(default_factory=list)
    mentions: int = 0
    articles: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Speaker:
    """Who a quote is attributed to; ``kind`` is person | role | group | source | organization | unknown.

    ``text`` is the speaker as written at the quote (for وأضاف, the previous speaker's); ``name`` the
    person's name when known (a role resolved to the name the story gives it), or for a source the
    canonical outlet; ``role`` the role phrase (المتحدث باسم الكرملين); ``key`` groups one speaker's
    statements across spellings (the entity id when linked).
    """

    text: str
    entity: str | None = None
    kind: str = "person"
    name: str | None = None
    role: str | None = None
    key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Quote:
    """A statement: who said what, through which media (``via``: outlet ← agency ← speaker)."""

    id: str
    article: str
    sentence: int
    speaker: Speaker
    cue: str
    content: str
    direct: bool
    start: int  # offsets of the whole statement in the article text
    end: int
    content_start: int
    content_end: int
    via: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["speaker"] = self.speaker.to_dict()
        return d


@dataclass(slots=True)
class TimeRef:
    """A temporal expression with its normalized value and what anchored it."""

    article: str
    sentence: int
    text: str
    start: int
    end: int
    value: str | None  # ISO date/month/year, ISO period (P18M), or None if unresolved
    kind: Literal["date", "duration", "set", "time"] = "date"
    anchor: str | None = None  # e.g. "published:2023-09-12"; None for absolute values
    relative: bool = False  # True when the value could not be anchored and stays relative
    time: str | None = None  # part of day (MO AF EV NI) or clock time (10:00) on top of value
    mod: str | None = None  # TIMEX3 mod: START MID END MORE_THAN LESS_THAN APPROX

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def timex_value(self) -> str | None:
        """The value in TIMEX3 form: ``value`` plus ``T`` + part of day/clock (2023-09-16TMO)."""
        if self.time is None:
            return self.value
        return f"{self.value or 'XXXX-XX-XX'}T{self.time}"


@dataclass(slots=True)
class DuplicateMember:
    """What one member of a duplicate family shares with the family's origin."""

    article: str
    similarity: float  # share of the member's shingles found in the origin (containment)
    added_sentences: list[int] = field(default_factory=list)  # member sentences not in origin
    dropped_sentences: list[int] = field(default_factory=list)  # origin sentences not in member
    coverage: float = 0.0  # share of the origin's shingles found in the member
    relation: str = "near"  # exact | near | contained (inside the origin) | contains (origin inside it)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class DuplicateGroup:
    """Copies of one piece of reporting: exact | near | contained, with its origin."""

    id: str
    kind: Literal["exact", "near", "contained"]
    members: list[str]
    origin: str
    score: float
    shared: list[DuplicateMember] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["shared"] = [m.to_dict() for m in self.shared]
        return d


@dataclass(slots=True)
class TimelineEntry:
    """One dated event of a story, merged across outlets."""

    date: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    estimated: bool = False  # True when every date behind it was anchored on the story, not the article

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "text": self.text, "citations": [c.to_dict() for c in self.citations],
                "estimated": self.estimated}


@dataclass(slots=True)
class Claim:
    """One fact, the sentences that carry it, and how many independent sources do."""

    id: str
    text: str
    sources: list[str]  # article ids
    sentences: list[Citation]
    independent_sources: int
    status: Literal["corroborated", "single", "conflict"]
    conflicts: list[dict[str, Any]] = field(default_factory=list)  # {value, articles, outlets}
    # per carrying proposition: {article, sentence, outlet, text, speaker?, via?, relay?, expected?}
    attributions: list[dict[str, Any]] = field(default_factory=list)
    relayed: list[dict[str, Any]] = field(default_factory=list)  # {via: agency, articles}: counted once
    modality: Literal["reported", "expected"] = "reported"
    # {articles}: articles whose witnesses print one wording of it (copied runs of words), counted once
    copies: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["sentences"] = [c.to_dict() for c in self.sentences]
        return d


@dataclass(slots=True)
class SummarySentence:
    """A summary line and the sentences (in every article) that carry its claim."""

    text: str
    citations: list[Citation]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "citations": [c.to_dict() for c in self.citations]}


@dataclass(slots=True)
class Story:
    """Articles about one event."""

    id: str
    title: str
    articles: list[str]
    outlets: list[str] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    entities: list[str] = field(default_factory=list)  # top canonical entity ids
    thread: str | None = None
    history: list[dict[str, Any]] = field(default_factory=list)  # merges/removals that changed it
    timeline: list[TimelineEntry] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "articles": self.articles,
            "outlets": self.outlets,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "entities": self.entities,
            "thread": self.thread,
            "history": self.history,
            "timeline": [t.to_dict() for t in self.timeline],
            "claims": [c.to_dict() for c in self.claims],
            "summary": [s.to_dict() for s in self.summary],
        }


@dataclass(slots=True)
class Thread:
    """Stories of one longer affair."""

    id: str
    title: str
    stories: list[str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Corpus:
    """Everything known about a set of articles; stages read it and add to it."""

    articles: list[Article] = field(default_factory=list)
    duplicate_groups: list[DuplicateGroup] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timerefs: list[TimeRef] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    threads: list[Thread] = field(default_factory=list)

    def article(self, article_id: str) -> Article:
        """The article with ``article_id`` (KeyError if absent)."""
        index = self.__dict__.get("_index")
        if index is None or len(index) != len(self.articles):
            index = {a.id: a for a in self.articles}
            self.__dict__["_index"] = index
        return index[article_id]

    def family_of(self, article_id: str) -> str:
        """The id that stands for ``article_id``'s duplicate family (its origin, or itself)."""
        fam = self.__dict__.get("_families")
        if fam is None:
            fam = {m: g.origin for g in self.duplicate_groups for m in g.members}
            self.__dict__["_families"] = fam
        return fam.get(article_id, article_id)

    def invalidate(self) -> None:
        """Forget cached look-ups after a stage replaced articles or duplicate groups."""
        self.__dict__.pop("_index", None)
        self.__dict__.pop("_families", None)
