"""ThreadsStage: links the stories of one longer affair into a thread, incrementally.

A thread is clustered exactly like a story, one level up: the items are stories (their
centroids, persisted by the stories stage), taken in order of their first day; a story joins
the thread whose centroid it resembles most if the cosine reaches :data:`THREAD_THRESHOLD`
(lower than the story cut: an affair shares vocabulary and names, not the same event) and
the thread would span at most :data:`THREAD_SPAN_DAYS`; the bar rises with the size of the thread
(:data:`THREAD_SIZE_STEP` per doubling), so a newspaper section cannot easily snowball into one
thread. Stories already placed keep their thread; stories merged away or emptied leave it
(recorded in the state's ``log``). Only threads of two or more stories are listed in
``corpus.threads`` and set ``story.thread``.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

import numpy as np
from sklearn.preprocessing import normalize as l2_normalize

from marsad.model import Corpus, Story, Thread
from marsad.pipeline import StageContext
from marsad.stages.stories import STATE_KEY as STORIES_STATE_KEY
from marsad.stages.stories.clustering import Group, day_number, drop_absent_members, single_pass, stack_means

log = logging.getLogger("marsad")

#: cosine (story centroid vs thread centroid) needed to join a thread; chosen on MultiLing 2011 dev
THREAD_THRESHOLD = 0.075
#: a thread covers at most this many days
THREAD_SPAN_DAYS = 14
#: the bar to join a thread rises by this much per doubling of its stories: a big thread must be
#: joined on strong evidence, so a section (sport, markets, the royal court) cannot snowball into one
THREAD_SIZE_STEP = 0.01
STATE_KEY = "state"
STATE_VERSION = 1


def thread_id(founder_story: str) -> str:
    """Stable id of the thread founded by story ``founder_story``."""
    return "t" + hashlib.sha1(founder_story.encode("utf-8")).hexdigest()[:12]


class ThreadsStage:
    """Fills ``corpus.threads`` and ``story.thread`` from the stories' persisted centroids."""

    name = "threads"

    def __init__(self, threshold: float = THREAD_THRESHOLD, span_days: int = THREAD_SPAN_DAYS) -> None:
        self.threshold = threshold
        self.span_days = span_days

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Place stories that have no thread yet; drop stories that no longer exist."""
        story_state = context.store.get_state("stories", STORIES_STATE_KEY) or {"groups": []}
        centroids = {g["id"]: Group.from_state(g) for g in story_state["groups"]}
        state = context.store.get_state(self.name, STATE_KEY) or {}
        if state.get("version") != STATE_VERSION:
            state = {"version": STATE_VERSION, "run": 0, "groups": [], "log": []}
        state["run"] += 1
        groups = [Group.from_state(g) for g in state["groups"]]
        events: list[dict[str, Any]] = []
        groups = update_threads(corpus.stories, centroids, groups, self.threshold, self.span_days,
                                state["run"], events)
        state["log"].extend(events)
        state["groups"] = [g.to_state() for g in groups]
        context.store.set_state(self.name, STATE_KEY, state)
        corpus.threads = build_threads(corpus.stories, groups)


def update_threads(
    stories: list[Story],
    centroids: dict[str, Group],
    groups: list[Group],
    threshold: float,
    span_days: int,
    run: int,
    events: list[dict[str, Any]],
) -> list[Group]:
    """Thread groups brought up to date with ``stories`` (centroids: story id → its Group)."""
    kept = drop_absent_members(groups, {s.id for s in stories}, run, events, "thread", "stories")
    placed = {m for g in kept for m in g.members}
    new = [s for s in stories if s.id not in placed and s.id in centroids and len(centroids[s.id].cols)]
    if not new:
        return kept
    dim = max(centroids[s.id].dim for s in new)
    x = l2_normalize(stack_means([centroids[s.id] for s in new], dim))
    days = [day_number(s.first_seen) for s in new]
    sizes = np.zeros(len(kept) + len(new), dtype=np.float64)
    sizes[:len(kept)] = [len(g.members) for g in kept]

    def size_bar(_item: int, cand: np.ndarray) -> np.ndarray:
        return THREAD_SIZE_STEP * np.log2(np.maximum(sizes[cand], 1))

    def grow(_item: int, group: int) -> None:
        sizes[group] += 1

    result = single_pass(x.astype(np.float32), days, [s.id for s in new], kept, threshold, span_days, thread_id,
                         extra_threshold=size_bar, on_assign=grow)
    log.info("threads run %d: %d new stories placed, %d new threads", run, len(new), result.founded)
    return result.groups


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
