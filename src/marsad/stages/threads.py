"""ThreadsStage: links the stories of one longer affair into a thread, incrementally.

An affair shares actors and places over days or weeks; a newspaper section shares only
vocabulary. So a thread is built one level up from stories, with the same single pass
(:func:`.stories.clustering.single_pass`) but its own evidence and four guards against blobs:

- **thread vectors**: each story's persisted centroid (the combined evidence vector of
  :mod:`.stories.features`) re-weighted block by block with the model's ``thread_weights`` (fitted
  on pairs of stories of the two thread dev sets: same thread or not), and with **generic words
  capped**: a word found in more than :data:`GENERIC_MAX_DF` of background documents (اجتماع،
  مباراة، الدفاع المدني…) does not link threads at all;
- **entity-centred linking**: when a story and a thread both have names, the story may join only
  if it shares one of the thread's *core* names (held by at least :data:`CORE_NAME_SHARE` of its
  stories); otherwise the bar rises by :data:`NO_SHARED_NAME` (a section of the paper shares
  vocabulary, not actors). Dates are not needed for this (many articles have none);
- **cohesion check**: a thread of :data:`COHESION_MIN_STORIES` or more stories in which no actor
  (:data:`COHESION_NAMES`: a person or organization; a shared city alone makes a section of the
  paper) is shared by :func:`cohesion_share` of the stories (a share that grows with the thread's
  size) is split into the groups of stories that do share names, or, when they form one chain, by
  the thread pass again at a raised bar (the piece holding the founding story keeps the thread's id;
  the split is logged);
- **event check** (:data:`EVENT_MIN`): a story must also share *what happened* with the thread's stories —
  lead words other than the words of the persons, organizations and places named — not only who and where;
- **group-average linkage** (:data:`THREAD_LINKAGE`): a story joins the thread with which its *mean*
  similarity over the thread's stories reaches :data:`THREAD_THRESHOLD` (a centroid cosine would let a
  diffuse thread attract more the larger it grows), within :data:`THREAD_SPAN_DAYS` of the thread's
  latest story (:data:`THREAD_TIME_LIMIT`: an affair may run for weeks; the gap is what ends it);
  stories of one day are placed largest first, so a day's main report founds its thread.

Stories already placed keep their thread unless a cohesion split moves them (logged); stories
merged away or emptied leave it (logged). Only threads of two or more stories are listed in
``corpus.threads`` and set ``story.thread``.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections import Counter
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize as l2_normalize

from marsad.model import Corpus, Story, Thread
from marsad.pipeline import StageContext
from marsad.stages.stories import STATE_KEY as STORIES_STATE_KEY
from marsad.stages.stories.clustering import Group, day_number, drop_absent_members, single_pass, stack_means
from marsad.stages.stories.features import BLOCK_OFFSETS, BLOCKS, DIM, EMBED_DIM, story_model
from marsad.stages.stories.vectors import N_FEATURES, idf_columns
from marsad.unionfind import UnionFind

log = logging.getLogger("marsad")

#: mean cosine (thread vectors) of a story with a thread's stories needed to join it; chosen on the two
#: dev sets (MultiLing 2011 dev and the SaudiNewsNet thread dev set: ``benchmarks/stories.py --dev-sweep``)
THREAD_THRESHOLD = 0.16
#: a story joins a thread only within this many days of the thread's latest story
THREAD_SPAN_DAYS = 14
#: words in more than this share of background documents are too generic to link threads
GENERIC_MAX_DF = 0.02
#: a core name of a thread is held by at least this share of its stories
CORE_NAME_SHARE = 0.25
#: threads this large are checked for cohesion
COHESION_MIN_STORIES = 8
#: ... and split unless some name is shared by at least this share of their stories (at that size)
COHESION_SHARE = 0.2
#: the share an actor must reach rises by this much per doubling of a thread beyond COHESION_GROW_FROM
#: stories: a short affair may pass between a few actors, one that gathers dozens of stories is centred
#: on one (a region's or a city's news over weeks is held by the place and by many actors, none central)
COHESION_SHARE_STEP = 0.1
#: ... up to this share
COHESION_SHARE_MAX = 0.5
#: ... counting doublings from this size (below it the share stays COHESION_SHARE: from 8 stories, an affair
#: around a victim or a place — an arson, a status correction — names its actors less often than that)
COHESION_GROW_FROM = 16
#: when a thread that fails the check is one chain of shared actors, it is clustered again with the thread
#: pass at a bar raised by this much (again, until its pieces hold together or are too small to check)
COHESION_RAISE = 0.04
#: bar added when a story and a thread both have names but share no core name: without a shared
#: actor or place a story needs much stronger wording evidence (a tagger miss must not be fatal)
NO_SHARED_NAME = 0.15
#: a story is compared with a thread by its mean similarity to the thread's stories (group average: a
#: thread of stories that share little with each other does not attract more as it grows)
THREAD_LINKAGE = "average"
#: time limits a thread by the gap to its latest story, not by its whole span (an affair may last weeks)
THREAD_TIME_LIMIT = "gap"
#: thread vectors: "blocks" (each evidence block L2-normalized and weighted, as the weights were fitted) or
#: "scaled" (the story centroid re-scaled block by block; used when the weights have no ``actors`` block)
THREAD_VECTORS = "scaled"
#: thread weights to use instead of the model's (None: the model's; set by the benchmark's dev sweep)
WEIGHTS: dict[str, float] | None = None
#: the blocks of a thread vector, in column order (``actors`` last, after the embedding)
THREAD_BLOCKS = (*BLOCKS, "actors")
#: names the entity gate compares: "all" (any name) or "actors" (persons and organizations only)
GATE_NAMES = "all"
#: names the cohesion check counts: "all" or "actors" (persons and organizations other than news
#: outlets, :func:`.stories.features.is_actor`): a thread held together by a city or a country alone is a
#: section of the paper, not an affair (the same on both dev sets; at 31k it cuts the city threads)
COHESION_NAMES = "actors"
#: the "what happened" check (issue 18, fifth session): a story may join a thread only if its mean cosine
#: with the thread's stories over their *event vectors* — lead words that are not words of a person,
#: organization or place the story names (:func:`event_vectors`) — reaches this. Two affairs of one
#: organization (a FIFA election and a prank at a FIFA press conference) or of one city share who and
#: where, not what happened. Chosen on the three dev sets (``benchmarks/stories.py --sweep``); 0 turns it off
EVENT_MIN = 0.06
#: bar added below EVENT_MIN: above any cosine, so such a story never joins
EVENT_BAR = 1.0
#: the blocks the event vectors are made of
EVENT_BLOCKS: tuple[str, ...] = ("lead",)
STATE_KEY = "state"
STATE_VERSION = 6  # 2: thread vectors, name linking and cohesion splits; 3: weights fitted on story pairs,
# group-average linkage, time gap; 4: the cohesion check counts actors; 5: its share grows with size;
# 6: the event check


def thread_id(founder_story: str) -> str:
    """Stable id of the thread founded by story ``founder_story``."""
    return "t" + hashlib.sha1(founder_story.encode("utf-8")).hexdigest()[:12]


def thread_threshold() -> float:
    """The mean similarity a story needs to join a thread (before the name gate)."""
    return THREAD_THRESHOLD


class ThreadsStage:
    """Fills ``corpus.threads`` and ``story.thread`` from the stories' persisted centroids."""

    name = "threads"

    def __init__(self, threshold: float = THREAD_THRESHOLD, span_days: int = THREAD_SPAN_DAYS,
                 linkage: str = THREAD_LINKAGE, time_limit: str = THREAD_TIME_LIMIT) -> None:
        self.threshold = threshold
        self.span_days = span_days
        self.linkage = linkage
        self.time_limit = time_limit

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Place stories that have no thread yet; drop stories that no longer exist; split incoherent threads."""
        story_state = context.store.get_state("stories", STORIES_STATE_KEY) or {"groups": []}
        centroids = {g["id"]: Group.from_state(g) for g in story_state["groups"]}
        state = context.store.get_state(self.name, STATE_KEY) or {}
        if state.get("version") != STATE_VERSION:
            state = {"version": STATE_VERSION, "run": 0, "groups": [], "log": []}
        state["run"] += 1
        groups = [Group.from_state(g) for g in state["groups"]]
        events: list[dict[str, Any]] = []
        groups = update_threads(corpus.stories, centroids, groups, self.threshold, self.span_days,
                                state["run"], events, self.linkage, self.time_limit)
        state["log"].extend(events)
        state["groups"] = [g.to_state() for g in groups]
        context.store.set_state(self.name, STATE_KEY, state)
        corpus.threads = build_threads(corpus.stories, groups)


def _column_scale() -> np.ndarray:
    """Per column of the combined space: factor turning story weights into thread weights, 0 for generic words."""
    model = story_model()
    thread_weights = model.info.get("thread_weights", model.weights)
    scale = np.zeros(DIM, dtype=np.float32)
    generic = generic_columns()
    for name in BLOCKS:
        w_story = model.weights.get(name, 0.0)
        w_thread = float(thread_weights.get(name, 0.0))
        factor = math.sqrt(w_thread / w_story) if w_story > 0 and w_thread > 0 else 0.0
        lo = BLOCK_OFFSETS[name]
        width = EMBED_DIM if name == "embedding" else N_FEATURES
        scale[lo : lo + width] = factor
        if name in ("words", "lead"):
            scale[lo : lo + width][generic] = 0.0
    return scale


def generic_columns() -> np.ndarray:
    """Per hashed word column: True for words in more than :data:`GENERIC_MAX_DF` of background documents."""
    # idf = log((n+1)/(df+1)) + 1, so a df share above GENERIC_MAX_DF means idf below about log(1/share) + 1
    return idf_columns() < math.log(1.0 / GENERIC_MAX_DF) + 1.0


_SCALE: list[np.ndarray] = []


def thread_vectors(centroids: list[Group]) -> sparse.csr_matrix:
    """L2-normalized thread vectors of stories from their persisted centroids."""
    weights = thread_weights()
    if THREAD_VECTORS == "scaled" and "actors" not in weights:
        if not _SCALE:
            _SCALE.append(_column_scale())
        x = stack_means(centroids, DIM).tocsr()
        x.data = x.data * _SCALE[0][x.indices]
        x.eliminate_zeros()
        return l2_normalize(x).astype(np.float32)
    # blocks: each block L2-normalized, times the square root of its thread weight, in its own columns
    blocks = thread_blocks(centroids, split_actors="actors" in weights)
    parts = []
    for name in THREAD_BLOCKS:
        width = EMBED_DIM if name == "embedding" else N_FEATURES
        w = float(weights.get(name, 0.0))
        if name in blocks and w > 0:
            parts.append((blocks[name] * math.sqrt(w)).astype(np.float32))
        else:
            parts.append(sparse.csr_matrix((len(centroids), width), dtype=np.float32))
    x = sparse.hstack(parts, format="csr", dtype=np.float32)
    x.eliminate_zeros()
    return l2_normalize(x).astype(np.float32)


def thread_weights() -> dict[str, float]:
    """The thread weights per block (``actors`` present when actors are a block of their own): the
    model's, unless :data:`WEIGHTS` is set (the benchmark's dev sweep tries refitted ones)."""
    if WEIGHTS is not None:
        return dict(WEIGHTS)
    model = story_model()
    return {k: float(v) for k, v in model.info.get("thread_weights", model.weights).items()}


def thread_blocks(centroids: list[Group], split_actors: bool = True) -> dict[str, sparse.csr_matrix]:
    """Per evidence block, the stories' centroids restricted to that block (generic words dropped as in
    :func:`thread_vectors`), each row L2-normalized: the per-block cosines the thread weights are fitted on.
    With ``split_actors`` the persons and organizations a story names (``actors``, kept by the stories
    stage) are a block of their own and ``names`` keeps the other names (places, things)."""
    x = stack_means(centroids, DIM).tocsr()
    generic = generic_columns()
    out = {}
    for name in BLOCKS:
        lo = BLOCK_OFFSETS[name]
        width = EMBED_DIM if name == "embedding" else N_FEATURES
        block = x[:, lo : lo + width].tocsr()
        if name in ("words", "lead"):
            block.data = block.data * ~generic[block.indices]
            block.eliminate_zeros()
        if name == "names" and split_actors:
            rows = [r for r, g in enumerate(centroids) for _ in g.extra.get("actors", [])]
            cols = [int(c) for g in centroids for c in g.extra.get("actors", [])]
            mask = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=block.shape)
            actors = block.multiply(mask).tocsr()
            out["actors"] = l2_normalize(actors).astype(np.float32)
            block = (block - actors).tocsr()
            block.eliminate_zeros()
        out[name] = l2_normalize(block).astype(np.float32)
    return out


def story_names(centroid: Group) -> set[int]:
    """Hashed name columns present in a story's centroid."""
    lo = BLOCK_OFFSETS["names"]
    cols = centroid.cols[(centroid.cols >= lo) & (centroid.cols < lo + N_FEATURES)]
    return {int(c) for c in cols}


def story_actors(centroid: Group) -> set[int]:
    """Hashed name columns of the persons and organizations a story's articles name (kept by the stories stage)."""
    lo = BLOCK_OFFSETS["names"]
    return {lo + int(c) for c in centroid.extra.get("actors", [])}


def gate_names(centroid: Group) -> set[int]:
    """The names the entity gate compares (:data:`GATE_NAMES`)."""
    return _names_of(centroid, GATE_NAMES)


def cohesion_names(centroid: Group) -> set[int]:
    """The names the cohesion check counts (:data:`COHESION_NAMES`)."""
    return _names_of(centroid, COHESION_NAMES)


def _names_of(centroid: Group, kind: str) -> set[int]:
    # a story stored before the stories stage kept actors has no "actors" key: all its names count
    return story_actors(centroid) if kind == "actors" and "actors" in centroid.extra else story_names(centroid)


class NameGate:
    """Entity-centred linking: per thread, how many of its stories hold each name."""

    def __init__(self, groups: list[Group], centroids: dict[str, Group], new_names: list[set[int]]) -> None:
        self.counts: list[Counter[int]] = []
        self.sizes: list[int] = []
        for g in groups:
            c: Counter[int] = Counter()
            for m in g.members:
                if m in centroids:
                    c.update(gate_names(centroids[m]))
            self.counts.append(c)
            self.sizes.append(len(g.members))
        self.new_names = new_names

    def core(self, group: int) -> set[int]:
        """Names held by at least :data:`CORE_NAME_SHARE` of the thread's stories."""
        need = max(1, math.ceil(CORE_NAME_SHARE * self.sizes[group]))
        return {n for n, c in self.counts[group].items() if c >= need}

    def extra(self, item: int, cand: np.ndarray) -> np.ndarray:
        """:data:`NO_SHARED_NAME` where both sides have names but share no core name, else 0."""
        out = np.zeros(len(cand))
        names = self.new_names[item]
        for k, g in enumerate(cand):
            g = int(g)
            while g >= len(self.sizes):  # a thread founded during this pass
                self.counts.append(Counter())
                self.sizes.append(0)
            core = self.core(g)
            if names and core and not (names & core):
                out[k] = NO_SHARED_NAME
        return out

    def add(self, item: int, group: int) -> None:
        """Record that story ``item`` joined thread ``group``."""
        while group >= len(self.sizes):
            self.counts.append(Counter())
            self.sizes.append(0)
        self.counts[group].update(self.new_names[item])
        self.sizes[group] += 1


def event_vectors(centroids: list[Group]) -> sparse.csr_matrix:
    """Per story, the "what happened" evidence: the :data:`EVENT_BLOCKS` columns of its centroid without
    generic words and without the words of the names its articles name (``name_words``, kept by the
    stories stage; a story stored before has them all), each row L2-normalized."""
    x = stack_means(centroids, DIM).tocsr()
    generic = generic_columns()
    rows = [r for r, g in enumerate(centroids) for _ in g.extra.get("name_words", ())]
    cols = [int(c) for g in centroids for c in g.extra.get("name_words", ())]
    named = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                              shape=(len(centroids), N_FEATURES))
    parts = []
    for name in EVENT_BLOCKS:
        lo = BLOCK_OFFSETS[name]
        block = x[:, lo : lo + N_FEATURES].tocsr()
        block.data = block.data * ~generic[block.indices]
        block = (block - block.multiply(named)).tocsr()
        block.eliminate_zeros()
        parts.append(block.astype(np.float32))
    return l2_normalize(sparse.hstack(parts, format="csr")).astype(np.float32)


class EventGate:
    """Per thread, the sum of its stories' event vectors (column → weight); a story whose mean event cosine
    with a thread's stories is below :data:`EVENT_MIN` faces a bar raised by :data:`EVENT_BAR`."""

    def __init__(self, new: list[Group], groups: list[Group], centroids: dict[str, Group]) -> None:
        self.x = event_vectors(new)
        self.sums: list[dict[int, float]] = []
        self.counts: list[int] = []
        for g in groups:
            members = [centroids[m] for m in g.members if m in centroids]
            summed: dict[int, float] = {}
            if members:
                ev = event_vectors(members).tocoo()
                for c, v in zip(ev.col.tolist(), ev.data.tolist(), strict=True):
                    summed[c] = summed.get(c, 0.0) + v
            self.sums.append(summed)
            self.counts.append(len(members))

    def _row(self, item: int) -> tuple[list[int], list[float]]:
        lo, hi = self.x.indptr[item], self.x.indptr[item + 1]
        return self.x.indices[lo:hi].tolist(), self.x.data[lo:hi].tolist()

    def extra(self, item: int, cand: np.ndarray) -> np.ndarray:
        """:data:`EVENT_BAR` for each candidate thread sharing too few event words, else 0."""
        out = np.zeros(len(cand))
        cols, vals = self._row(item)
        for k, g in enumerate(cand):
            g = int(g)
            if g < len(self.sums) and self.counts[g]:
                summed = self.sums[g]
                shared = sum(v * summed.get(c, 0.0) for c, v in zip(cols, vals, strict=True)) / self.counts[g]
                if shared < EVENT_MIN:
                    out[k] = EVENT_BAR
        return out

    def add(self, item: int, group: int) -> None:
        """Record that story ``item`` joined thread ``group``."""
        while group >= len(self.sums):
            self.sums.append({})
            self.counts.append(0)
        summed = self.sums[group]
        for c, v in zip(*self._row(item), strict=True):
            summed[c] = summed.get(c, 0.0) + v
        self.counts[group] += 1


def update_threads(
    stories: list[Story],
    centroids: dict[str, Group],
    groups: list[Group],
    threshold: float,
    span_days: int,
    run: int,
    events: list[dict[str, Any]],
    linkage: str = "centroid",
    time_limit: str = "span",
) -> list[Group]:
    """Thread groups brought up to date with ``stories`` (centroids: story id → its Group)."""
    kept = drop_absent_members(groups, {s.id for s in stories}, run, events, "thread", "stories")
    placed = {m for g in kept for m in g.members}
    new = [s for s in stories if s.id not in placed and s.id in centroids and len(centroids[s.id].cols)]
    if new:
        x = thread_vectors([centroids[s.id] for s in new])
        days = [day_number(s.first_seen) for s in new]
        gates: list[NameGate | EventGate] = [NameGate(kept, centroids, [gate_names(centroids[s.id]) for s in new])]
        if EVENT_MIN > 0:
            gates.append(EventGate([centroids[s.id] for s in new], kept, centroids))

        def extra(item: int, cand: np.ndarray) -> np.ndarray:
            return np.sum([g.extra(item, cand) for g in gates], axis=0)

        def on_assign(item: int, group: int) -> None:
            for g in gates:
                g.add(item, group)

        result = single_pass(x, days, [s.id for s in new], kept, threshold, span_days, thread_id,
                             extra_threshold=extra, on_assign=on_assign, linkage=linkage,
                             time_limit=time_limit, rank=[-len(s.articles) for s in new])
        log.info("threads run %d: %d new stories placed, %d new threads", run, len(new), result.founded)
        kept = result.groups
    return split_incoherent(kept, centroids, run, events, threshold, span_days)


def cohesion_share(n_stories: int) -> float:
    """The share of a thread's stories some actor must reach for a thread of ``n_stories`` stories:
    :data:`COHESION_SHARE` up to :data:`COHESION_GROW_FROM` stories, :data:`COHESION_SHARE_STEP` more per
    doubling beyond, at most :data:`COHESION_SHARE_MAX` (never below :data:`COHESION_SHARE`)."""
    doublings = math.log2(max(n_stories, COHESION_GROW_FROM) / COHESION_GROW_FROM)
    return max(COHESION_SHARE, min(COHESION_SHARE_MAX, COHESION_SHARE + COHESION_SHARE_STEP * doublings))


def split_incoherent(
    groups: list[Group], centroids: dict[str, Group], run: int, events: list[dict[str, Any]],
    threshold: float = THREAD_THRESHOLD, span_days: int = THREAD_SPAN_DAYS,
) -> list[Group]:
    """The cohesion check: a thread of :data:`COHESION_MIN_STORIES`+ stories where no name reaches
    :func:`cohesion_share` of the stories is cut into groups of stories linked by shared names; a group
    that is still one chain of shared names and still fails is clustered again by the thread pass with a
    bar raised by :data:`COHESION_RAISE` (``threshold``, ``span_days``: the pass's settings), until each
    piece holds together or is below the size checked. The founder's piece keeps the id; each split is logged."""
    out: list[Group] = []
    for g in groups:
        members = [m for m in g.members if m in centroids]
        names = {m: cohesion_names(centroids[m]) for m in members}
        if _coherent(members, names):
            out.append(g)
            continue
        pieces = _cohesive_pieces(members, names, centroids, threshold, span_days)
        if len(pieces) == 1:
            out.append(g)
            continue
        position = {m: k for k, m in enumerate(g.members)}
        pieces = [sorted(p, key=position.__getitem__) for p in pieces]
        pieces.sort(key=lambda p: (g.members[0] not in p, -len(p), p[0]))  # the founder's piece keeps the id
        out.extend(_piece_groups(g, pieces, centroids))
        counted_actors = COHESION_NAMES == "actors" and all("actors" in centroids[m].extra for m in members)
        events.append({"run": run, "op": "split", "thread": g.id,
                       "into": [thread_id(p[0]) if k else g.id for k, p in enumerate(pieces)],
                       "reason": f"no {'actor' if counted_actors else 'name'} shared by "
                                 f"{cohesion_share(len(members)):.0%} of its {len(members)} stories"})
    return out


def _coherent(members: list[str], names: dict[str, set[int]]) -> bool:
    """True when the stories are too few to check or some name is held by :func:`cohesion_share` of them."""
    if len(members) < COHESION_MIN_STORIES:
        return True
    counts = Counter(n for m in members for n in names[m])
    return bool(counts) and max(counts.values()) >= cohesion_share(len(members)) * len(members)


def _cohesive_pieces(members: list[str], names: dict[str, set[int]], centroids: dict[str, Group],
                     threshold: float, span_days: int) -> list[list[str]]:
    """``members`` cut until every piece passes :func:`_coherent`: first by shared names; a piece that is
    one chain of them is clustered again at a bar raised step by step until it comes apart (above any
    cosine, every story stands alone); its pieces are checked in turn, from the bar reached."""
    if _coherent(members, names):
        return [members]
    pieces = _name_components(members, names)
    while len(pieces) == 1:
        threshold += COHESION_RAISE
        if threshold > 1.0:
            return [[m] for m in members]
        pieces = _recluster(members, centroids, threshold, span_days)
    return [q for p in pieces for q in _cohesive_pieces(p, names, centroids, threshold, span_days)]


def _recluster(members: list[str], centroids: dict[str, Group], threshold: float, span_days: int) -> list[list[str]]:
    """The thread pass (group average, time gap, a day's largest stories first) over ``members`` alone."""
    cents = [centroids[m] for m in members]
    result = single_pass(thread_vectors(cents), [c.first for c in cents], members, [], threshold, span_days,
                         thread_id, linkage=THREAD_LINKAGE, time_limit=THREAD_TIME_LIMIT,
                         rank=[-len(c.members) for c in cents])
    return [list(p.members) for p in result.groups if p.members]


def _piece_groups(g: Group, pieces: list[list[str]], centroids: dict[str, Group]) -> list[Group]:
    """Thread groups for the pieces of ``g`` (the first keeps its id, the others are named by their first
    story), each with its mean thread vector and dates."""
    vecs = thread_vectors([centroids[m] for p in pieces for m in p])
    piece_of = np.repeat(np.arange(len(pieces)), [len(p) for p in pieces])
    onehot = sparse.csr_matrix((1.0 / np.array([len(pieces[k]) for k in piece_of], dtype=np.float32),
                                (piece_of, np.arange(len(piece_of)))), shape=(len(pieces), len(piece_of)))
    means = (onehot @ vecs).tocsr()  # each piece's mean, kept sparse (a dense row has 4 million columns)
    means.sort_indices()
    out = []
    for k, piece in enumerate(pieces):
        mean = means[k]
        days = [d for d in (centroids[m].first for m in piece) if d >= 0]
        lasts = [centroids[m].last for m in piece]
        part = Group(g.id if k == 0 else thread_id(piece[0]), list(piece), len(piece),
                     first=min(days) if days else -1, last=max(lasts) if lasts else -1)
        part.set_mean(mean.indices.astype(np.int32), mean.data.astype(np.float32), mean.shape[1])
        out.append(part)
    return out


def _name_components(members: list[str], names: dict[str, set[int]]) -> list[list[str]]:
    """Connected components of stories linked by a shared name (stories without names stand alone)."""
    sets = UnionFind(members)
    holder: dict[int, str] = {}
    for m in members:
        for n in sorted(names[m]):
            if n in holder:
                sets.union(m, holder[n])
            else:
                holder[n] = m
    comps: dict[str, list[str]] = {}
    for m in members:
        comps.setdefault(sets.find(m), []).append(m)
    return list(comps.values())


def build_threads(stories: list[Story], groups: list[Group]) -> list[Thread]:
    """Threads of two or more stories (largest first); sets ``story.thread``."""
    by_id = {s.id: s for s in stories}
    threads = []
    for s in stories:
        s.thread = None
    for g in groups:
        members = [by_id[m] for m in g.members if m in by_id]
        if len(members) < 2:
            continue
        members.sort(key=lambda s: (-len(s.articles), -day_number(s.last_seen), s.id))  # largest, newest first
        lead = members[0]
        for s in members:
            s.thread = g.id
        threads.append(Thread(id=g.id, title=lead.title, stories=[s.id for s in members]))
    threads.sort(key=lambda t: (-sum(len(by_id[s].articles) for s in t.stories), t.id))
    return threads


__all__ = ["THREAD_SPAN_DAYS", "THREAD_THRESHOLD", "ThreadsStage", "thread_id", "thread_threshold"]
