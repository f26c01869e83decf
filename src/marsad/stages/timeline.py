"""TimelineStage: a dated list of events per story, each event merged across outlets (issue 6).

Runs after the stories stage. For every story:

1. **Anchor what has none.** An article with no publication day had its relative expressions
   left unresolved by the time stage (``relative=True``). Its story's other articles anchor
   it: the LATEST day one of them was published on (an undated article reports the story's
   events, which all lie on or before that day, so "الجمعة" lands on the right Friday while
   the story spans less than a week). Its TimeRefs are re-read against that day and say so
   (``anchor="story:2023-09-16"``); timeline entries resting only on such dates are marked
   ``estimated``. A story with no dated article leaves them relative: no date is invented.
2. **Events.** A sentence carrying a resolved calendar value (day ``2023-09-12``, month
   ``2023-07`` or year ``1991``) is an event on its most precise date.
3. **Merge across outlets.** Sentences on the same date that tell the same thing (shared
   content stems, :data:`MERGE_SIMILARITY`) become one entry citing every sentence; the
   entry's text is the member most like the others (ties: the shortest).

Entries are ordered by date (a year sorts before its months and days), then by how many
articles carry them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from marsad.arabic import stems
from marsad.model import Article, Citation, Corpus, Story, TimelineEntry, TimeRef
from marsad.pipeline import StageContext
from marsad.stages.timex.stage import parse_day, timerefs_for_article

#: minimum overlap coefficient of content stems for two same-day sentences to be one event
MERGE_SIMILARITY = 0.3
#: shortest stem counted as content (drops ال، في and other particles)
MIN_STEM = 3
_CALENDAR_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass
class _Event:
    """Sentences told about one date that say the same thing."""

    date: str
    members: list[tuple[Article, int]] = field(default_factory=list)
    stems: list[set[str]] = field(default_factory=list)


def calendar_value(ref: TimeRef) -> str | None:
    """The day/month/year a TimeRef resolves to, or None (durations, sets, PAST_REF, weeks…)."""
    if ref.kind not in ("date", "time") or ref.relative or not ref.value:
        return None
    return ref.value if _CALENDAR_RE.match(ref.value) else None


def story_anchor(corpus: Corpus, story: Story) -> str | None:
    """The latest publication day among the story's dated articles (None if none is dated)."""
    days = []
    for article_id in story.articles:
        try:
            day = parse_day(corpus.article(article_id).published)
        except KeyError:
            continue
        if day is not None:
            days.append(day)
    return max(days).isoformat() if days else None


class RefIndex:
    """The corpus's TimeRefs by article, keeping the order ``corpus.timerefs`` would have: every ref
    has a position; re-read refs take new positions after all others (what :func:`anchor_on_story`
    did by rebuilding the whole list). Look-ups cost the article's refs, not the corpus's."""

    def __init__(self, refs: list[TimeRef]) -> None:
        self.by_article: dict[str, list[tuple[int, TimeRef]]] = defaultdict(list)
        for pos, ref in enumerate(refs):
            self.by_article[ref.article].append((pos, ref))
        self.next = len(refs)

    def of(self, articles: list[str] | set[str]) -> list[TimeRef]:
        """The refs of ``articles``, in corpus order."""
        found = [pr for a in set(articles) for pr in self.by_article.get(a, ())]
        return [ref for _, ref in sorted(found, key=lambda pr: pr[0])]

    def replace(self, article_id: str, refs: list[TimeRef]) -> None:
        """Drop ``article_id``'s refs; ``refs`` come after everything else."""
        self.by_article[article_id] = [(self.next + k, ref) for k, ref in enumerate(refs)]
        self.next += len(refs)

    def all(self) -> list[TimeRef]:
        """Every ref, in corpus order."""
        return [ref for _, ref in sorted((pr for prs in self.by_article.values() for pr in prs),
                                         key=lambda pr: pr[0])]


def anchor_on_story(corpus: Corpus, story: Story, index: RefIndex | None = None) -> int:
    """Re-read the unanchored articles of ``story`` against its anchor; returns how many. With
    ``index`` the refs are read and replaced there (``corpus.timerefs`` is left to the caller)."""
    anchor = story_anchor(corpus, story)
    if anchor is None:
        return 0
    own = index if index is not None else RefIndex(corpus.timerefs)
    unresolved = {r.article for r in own.of(story.articles) if r.relative}
    if not unresolved:
        return 0
    day = parse_day(anchor)
    for article_id in sorted(unresolved):
        own.replace(article_id, timerefs_for_article(corpus.article(article_id), day, source="story"))
    if index is None:
        corpus.timerefs = own.all()
    return len(unresolved)


def _content(text: str) -> set[str]:
    return {s for s in stems(text) if len(s) >= MIN_STEM and not s.isdigit()}


def _similarity(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _precision(value: str) -> int:
    return len(value)


def build_timeline(corpus: Corpus, story: Story, index: RefIndex | None = None) -> list[TimelineEntry]:
    """The story's events, ordered by date, each merged across the articles that tell it (``index``:
    the corpus's refs by article, to read only the story's own)."""
    members = set(story.articles)
    best_date: dict[tuple[str, int], str] = {}
    estimated: set[tuple[str, int]] = set()
    refs = index.of(members) if index is not None else [r for r in corpus.timerefs if r.article in members]
    for ref in refs:
        value = calendar_value(ref)
        if value is None:
            continue
        key = (ref.article, ref.sentence)
        if key not in best_date or _precision(value) > _precision(best_date[key]):
            best_date[key] = value
            if (ref.anchor or "").startswith("story"):
                estimated.add(key)
            else:
                estimated.discard(key)
    by_date: dict[str, list[_Event]] = defaultdict(list)
    order = {a: i for i, a in enumerate(story.articles)}
    for (article_id, index), value in sorted(best_date.items(),
                                             key=lambda kv: (order[kv[0][0]], kv[0][1])):
        article = corpus.article(article_id)
        sentence = next((s for s in article.sentences if s.i == index), None)
        if sentence is None:
            continue
        content = _content(sentence.text)
        events = by_date[value]
        target = max(events, key=lambda e: max(_similarity(content, s) for s in e.stems),
                     default=None)
        if target is None or max(_similarity(content, s) for s in target.stems) < MERGE_SIMILARITY:
            target = _Event(value)
            events.append(target)
        target.members.append((article, index))
        target.stems.append(content)
    entries: list[tuple[str, int, TimelineEntry]] = []
    for value, events in by_date.items():
        for event in events:
            entry = _entry(event)
            entry.estimated = all((a.id, i) in estimated for a, i in event.members)
            entries.append((value, -len({a.id for a, _ in event.members}), entry))
    entries.sort(key=lambda e: (e[0], e[1]))
    return [e for _, _, e in entries]


def _entry(event: _Event) -> TimelineEntry:
    """One TimelineEntry: the most typical member's text and a citation per member."""
    def centrality(k: int) -> tuple[float, int]:
        others = [_similarity(event.stems[k], s) for n, s in enumerate(event.stems) if n != k]
        text = _sentence(*event.members[k]).text
        return (-(sum(others) / len(others)) if others else 0.0, len(text))

    best = min(range(len(event.members)), key=centrality)
    citations = []
    for article, index in event.members:
        s = _sentence(article, index)
        citations.append(Citation(article.id, index, s.start, s.end))
    return TimelineEntry(date=event.date, text=_sentence(*event.members[best]).text.strip(),
                         citations=citations)


def _sentence(article: Article, index: int):
    return next(s for s in article.sentences if s.i == index)


class TimelineStage:
    """Fills ``story.timeline`` for every story (and anchors articles without a date)."""

    name = "timeline"

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Anchor undated articles on their story, then build each story's timeline. The refs are
        indexed by article once, so each story costs its own refs (it scanned all of the corpus's:
        stories x timerefs, 252 s of the 31k add)."""
        index = RefIndex(corpus.timerefs)
        for story in corpus.stories:
            anchor_on_story(corpus, story, index)
        corpus.timerefs = index.all()
        for story in corpus.stories:
            story.timeline = build_timeline(corpus, story, index)
