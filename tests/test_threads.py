"""Threads stage: stories of one affair linked over days, incrementally, with stable ids."""

from __future__ import annotations

import numpy as np
import pytest

from marsad.model import Corpus
from marsad.pipeline import StageContext
from marsad.report.writer import build_report, render_pages
from marsad.stages.stories import StoriesStage
from marsad.stages.stories.clustering import Group, single_pass
from marsad.stages.stories.features import BLOCK_OFFSETS, DIM
from marsad.stages.threads import (
    COHESION_SHARE,
    COHESION_SHARE_MAX,
    NO_SHARED_NAME,
    NameGate,
    ThreadsStage,
    cohesion_share,
    generic_columns,
    split_incoherent,
    thread_id,
)
from marsad.store import open_store
from test_stories import make, quake, rates

AFTERMATH = (
    "بدء إعادة إعمار أحياء أزمير بعد الزلزال",
    "أعلنت الحكومة التركية خطة لإعادة إعمار المباني التي انهارت في زلزال أزمير قبل أسبوعين، وقالت هيئة الكوارث "
    "إن آلاف العائلات في أزمير ما زالت في مراكز الإيواء بعد الزلزال.",
)


def run(corpus: Corpus, store) -> Corpus:
    context = StageContext(store=store, show_progress=False)
    StoriesStage().run(corpus, context)
    ThreadsStage().run(corpus, context)
    return corpus


def test_stories_of_one_affair_share_a_thread(tmp_path):
    store = open_store(tmp_path / "t.db")
    day1 = [quake(0, "2024-03-01"), quake(1, "2024-03-01"), rates(0, "2024-03-02")]
    later = make(*AFTERMATH, "gamma", "2024-03-14")
    corpus = run(Corpus(articles=[*day1, later]), store)
    assert len(corpus.stories) == 3  # the aftermath is 13 days later: a story of its own
    by_article = {a: s for s in corpus.stories for a in s.articles}
    quake_story, aftermath_story = by_article[day1[0].id], by_article[later.id]
    assert quake_story.id != aftermath_story.id
    assert quake_story.thread is not None and quake_story.thread == aftermath_story.thread
    assert by_article[day1[2].id].thread is None  # the rate decision belongs to no thread
    assert [len(t.stories) for t in corpus.threads] == [2]
    thread = corpus.threads[0]
    assert thread.id == thread_id(quake_story.id) and thread.title == quake_story.title


def test_new_story_joins_the_stored_thread(tmp_path):
    store = open_store(tmp_path / "t.db")
    first = run(Corpus(articles=[quake(0, "2024-03-01"), make(*AFTERMATH, "gamma", "2024-03-07")]), store)
    (thread,) = first.threads
    text = ("ضربت هزة ارتدادية مدينة أزمير التركية بعد أيام من الزلزال، وقالت هيئة الكوارث إن فرق الإنقاذ "
            "لم تسجل انهيار مبان جديدة في أزمير.")
    update = make("هزة ارتدادية جديدة تضرب أزمير", text, "delta", "2024-03-12")
    second = run(Corpus(articles=[*(first.article(a) for s in first.stories for a in s.articles), update]), store)
    (after,) = second.threads
    assert after.id == thread.id and set(thread.stories) < set(after.stories) and len(after.stories) == 3
    assert store.get_state("threads", "state")["run"] == 2


def test_report_pages_list_stories_and_link_articles(tmp_path):
    corpus = run(Corpus(articles=[quake(0, "2024-03-01"), quake(1, "2024-03-01"), rates(0, "2024-03-01"),
                                  make(*AFTERMATH, "gamma", "2024-03-14")]), open_store(":memory:"))
    report = build_report(corpus)
    pages = render_pages(report)
    front = pages["report.html"]
    story = corpus.stories[0]
    assert f'href="stories/{story.id}.html"' in front and story.title in front
    assert f'id="thread-{corpus.threads[0].id}"' in front and "2024-03-01" in front
    page = pages[f"stories/{story.id}.html"]
    for article_id in story.articles:
        assert f'href="report.html#article-{article_id}"' in page
    assert "alpha" in page and "beta" in page


def _story_group(story: str, name_cols: list[int], word_cols: list[int]) -> Group:
    """A stored story centroid holding the given name and word columns (equal weights)."""
    cols = np.array(sorted([BLOCK_OFFSETS["names"] + c for c in name_cols] + word_cols), dtype=np.int32)
    g = Group(story, [f"{story}-a"], 1, first=738000, last=738000)
    g.set_mean(cols, np.full(len(cols), 0.3, dtype=np.float32), DIM)
    return g


def test_story_without_a_shared_name_faces_a_higher_bar():
    thread = Group("t1", ["s1", "s2"], 2)
    centroids = {"s1": _story_group("s1", [11, 12], [5]), "s2": _story_group("s2", [11, 13], [6])}
    n = BLOCK_OFFSETS["names"]
    gate = NameGate([thread], centroids, [{n + 11}, {n + 99}, set()])
    shares, other, nameless = (gate.extra(k, np.array([0]))[0] for k in range(3))
    assert shares == 0.0  # name 11 is held by both stories: no extra bar
    assert other == pytest.approx(NO_SHARED_NAME)  # names, none of the thread's
    assert nameless == 0.0  # no names to judge by: wording decides


def test_thread_whose_stories_share_no_name_is_split_and_logged():
    ids = [f"s{k}" for k in range(8)]
    # two affairs that happened to share vocabulary: stories 0-3 name 1 or 2 (chained), 4-7 name 7
    names = [[1], [1, 2], [2], [2], [7], [7], [7], [7]]
    centroids = {i: _story_group(i, n, [100 + k]) for k, (i, n) in enumerate(zip(ids, names, strict=True))}
    thread = Group("t-old", list(ids), 8)
    events: list = []
    import marsad.stages.threads as threads_module

    share = threads_module.COHESION_SHARE
    try:
        threads_module.COHESION_SHARE = 0.6  # no name is in 60% of the 8 stories
        out = split_incoherent([thread], centroids, 3, events)
    finally:
        threads_module.COHESION_SHARE = share
    assert sorted(sorted(g.members) for g in out) == [ids[:4], ids[4:]]
    assert out[0].id == "t-old" and "s0" in out[0].members  # the founder's piece keeps the id
    assert out[1].id == thread_id("s4")
    assert events == [{"run": 3, "op": "split", "thread": "t-old", "into": ["t-old", thread_id("s4")],
                       "reason": "no name shared by 60% of its 8 stories"}]
    assert split_incoherent([thread], centroids, 3, []) == [thread]  # at the shipped 20% share name 7 is enough


def test_cohesion_counts_actors_not_places(monkeypatch):
    import marsad.stages.threads as threads_module

    ids = [f"s{k}" for k in range(8)]
    # eight stories of one city (place name 1 in all); actors: 20, 21 in stories 0-3 (chained), 30 in 4-7
    actors = [[20], [20, 21], [21], [21], [30], [30], [30], [30]]
    centroids = {}
    for k, (i, acts) in enumerate(zip(ids, actors, strict=True)):
        centroids[i] = _story_group(i, [1, *acts], [100 + k])
        centroids[i].extra["actors"] = list(acts)
    thread = Group("t-city", list(ids), 8)
    monkeypatch.setattr(threads_module, "COHESION_SHARE", 0.6)  # no actor is in 60% of the stories
    monkeypatch.setattr(threads_module, "COHESION_NAMES", "all")
    assert split_incoherent([thread], centroids, 1, []) == [thread]  # the city is in all of them
    monkeypatch.setattr(threads_module, "COHESION_NAMES", "actors")
    events: list = []
    out = split_incoherent([thread], centroids, 1, events)
    assert sorted(sorted(g.members) for g in out) == [ids[:4], ids[4:]]  # split by who acts
    assert events[0]["reason"] == "no actor shared by 60% of its 8 stories"
    for i in ids:  # stories stored before actors were kept: all their names count, so no split
        del centroids[i].extra["actors"]
    assert split_incoherent([thread], centroids, 1, []) == [thread]


def test_cohesion_share_grows_with_thread_size():
    assert cohesion_share(3) == cohesion_share(8) == cohesion_share(16) == pytest.approx(COHESION_SHARE)
    assert cohesion_share(32) == pytest.approx(COHESION_SHARE + 0.1)  # one doubling beyond 16 stories
    assert cohesion_share(64) > cohesion_share(32)
    assert cohesion_share(128) == cohesion_share(1000) == pytest.approx(COHESION_SHARE_MAX)


def test_a_large_thread_chained_by_actors_is_clustered_again_and_split():
    # 32 stories of one region in two bursts of wording (stories 0-15 share two words, 16-31 two others);
    # actors chain them all (story k names actors k and k+1), and one actor is in 4 stories of each burst:
    # 4 of 16 is enough for a thread of 16 (20%), 4 of 32 is not for a thread of 32 (30%), so the thread
    # fails, its actors do not cut it (one chain), and clustering it again parts the two bursts
    words = np.flatnonzero(~generic_columns())[:64:16]  # four word columns that are not generic
    ids = [f"s{k:02d}" for k in range(32)]
    centroids = {}
    for k, i in enumerate(ids):
        shared = list(words[:2]) if k < 16 else list(words[2:])
        actors = [200 + k, 201 + k] + ([500] if k < 4 else [600] if 16 <= k < 20 else [])
        g = _story_group(i, [1, *actors], [*shared, 10_000 + k])
        g.extra["actors"] = actors
        centroids[i] = g
    thread = Group("t-region", list(ids), 32)
    events: list = []
    out = split_incoherent([thread], centroids, 2, events)
    assert sorted(sorted(g.members) for g in out) == [ids[:16], ids[16:]]  # by wording, not one blob
    assert out[0].id == "t-region" and out[1].id == thread_id("s16")
    assert events[0]["reason"] == "no actor shared by 30% of its 32 stories"
    assert split_incoherent(out, centroids, 3, []) == out  # each half holds together: stable on the next run


def test_stories_keep_the_actors_their_articles_name():
    from marsad.stages.stories.vectors import _column

    a = make("ولي العهد يستقبل وزير خارجية روسيا",
             "استقبل ولي العهد في جدة وزير الخارجية الروسي سيرغي لافروف وبحثا الأزمة في سوريا واليمن.", "alpha")
    store = open_store(":memory:")
    StoriesStage().run(Corpus(articles=[a]), StageContext(store=store, show_progress=False))
    (stored,) = store.get_state("stories", "state")["groups"]
    assert _column("@سيرغي لافروف") in stored["actors"]  # a person
    assert _column("@روسيا") not in stored["actors"] and _column("@جده") not in stored["actors"]  # places


def _rows(*rows: list[float]):
    from scipy import sparse
    from sklearn.preprocessing import normalize

    return normalize(sparse.csr_matrix(np.array(rows, dtype=np.float32)))


def test_average_linkage_keeps_a_diffuse_group_from_attracting_more():
    # three items that each share one different word with the fourth: the centroid of the first
    # three points at the fourth (cosine 0.71), but its mean similarity to them is only 0.41
    x = _rows([1, 1, 0, 0, 0, 0], [0, 0, 1, 1, 0, 0], [0, 0, 0, 0, 1, 1], [1, 0, 1, 0, 1, 0])
    days = [738000] * 4
    keys = ["a", "b", "c", "d"]
    group = Group("g", ["a", "b", "c"], 3)
    mean = np.asarray(x[:3].mean(axis=0)).ravel()
    group.set_mean(np.flatnonzero(mean).astype(np.int32), mean[mean > 0].astype(np.float32), 6)
    centroid = single_pass(x[3:], days[3:], keys[3:], [Group("g", ["a", "b", "c"], 3, group.cols, group.vals,
                                                           dim=6)], 0.5, 3, lambda k: "new-" + k)
    average = single_pass(x[3:], days[3:], keys[3:], [group], 0.5, 3, lambda k: "new-" + k, linkage="average")
    assert centroid.labels.tolist() == [0]  # joins the diffuse group by its centroid
    assert average.labels.tolist() == [1]  # founds its own by group average
    assert average.scores[0] == 1.0


def test_gap_time_limit_lets_an_affair_run_past_the_span():
    x = _rows([1, 0], [1, 0.1], [1, 0.2])
    days = [738000, 738010, 738020]  # 10 days apart each: 20 days first to last
    span = single_pass(x, days, ["a", "b", "c"], [], 0.5, 14, lambda k: k)
    gap = single_pass(x, days, ["a", "b", "c"], [], 0.5, 14, lambda k: k, time_limit="gap")
    assert span.labels.tolist() == [0, 0, 1]  # "c" would stretch the group to 20 days
    assert gap.labels.tolist() == [0, 0, 0]  # each came within 14 days of the latest


def test_rank_orders_items_of_one_day():
    x = _rows([1, 0], [1, 0.1])
    founded = single_pass(x, [738000, 738000], ["a", "b"], [], 0.5, 3, lambda k: "g-" + k, rank=[0, -5])
    assert [g.id for g in founded.groups] == ["g-b"]  # the lower rank is placed first and founds the group


def test_stories_keep_the_words_of_the_names_they_name():
    from marsad.stages.stories.vectors import _column

    a = make("حريق في مستودع بجدة",
             "اندلع حريق في مستودع للأخشاب جنوب جدة، وقال الدفاع المدني إن الفرق أخمدت الحريق دون إصابات.", "alpha")
    store = open_store(":memory:")
    StoriesStage().run(Corpus(articles=[a]), StageContext(store=store, show_progress=False))
    (stored,) = store.get_state("stories", "state")["groups"]
    kept = set(stored["name_words"])
    assert _column("جده") in kept and _column("بجده") in kept  # the place, also with a clitic
    assert _column("حريق") not in kept and _column("مستودع") not in kept  # what happened


def test_name_words_leave_out_names_of_events():
    from marsad.stages.stories.features import name_word_columns
    from marsad.stages.stories.vectors import _column

    a = make("تسونامي يضرب سواحل إندونيسيا", "ضرب تسونامي سواحل إندونيسيا وأعلنت السلطات حالة الطوارئ.", "alpha")
    cols = name_word_columns(a, {"@تسونامي": 1.0, "@اندونيسيا": 1.0}, {"تسونامي": "MISC", "اندونيسيا": "LOC"}, [], [])
    assert _column("اندونيسيا") in cols  # where
    assert _column("تسونامي") not in cols  # a MISC name often names the event itself: it stays event evidence


def _event_story(story: str, lead_words: list[int], name_words: list[int]) -> Group:
    """A stored story centroid holding the given ``lead`` columns, some of them words of names."""
    cols = np.array(sorted(BLOCK_OFFSETS["lead"] + c for c in lead_words), dtype=np.int32)
    g = Group(story, [f"{story}-a"], 1, first=738000, last=738000, extra={"name_words": sorted(name_words)})
    g.set_mean(cols, np.full(len(cols), 0.3, dtype=np.float32), DIM)
    return g


def test_event_check_keeps_apart_affairs_that_share_only_names():
    from marsad.stages.threads import EVENT_BAR, EventGate

    words = [int(c) for c in np.flatnonzero(~generic_columns())[:6]]  # six word columns that are not generic
    blatter, fifa, draw, world_cup, dollars, comedian = words
    thread = Group("t1", ["s1", "s2"], 2)
    centroids = {"s1": _event_story("s1", [blatter, fifa, draw, world_cup], [blatter, fifa]),
                 "s2": _event_story("s2", [blatter, draw, world_cup], [blatter])}
    new = [_event_story("n1", [blatter, fifa, draw], [blatter, fifa]),  # the draw again: what happened is shared
           _event_story("n2", [blatter, fifa, dollars, comedian], [blatter, fifa])]  # the prank: only names shared
    gate = EventGate(new, [thread], centroids)
    assert gate.extra(0, np.array([0]))[0] == 0.0
    assert gate.extra(1, np.array([0]))[0] == EVENT_BAR
    gate.add(1, 1)  # the prank founds a thread of its own; a second prank story shares its event words
    assert gate.extra(1, np.array([1]))[0] == 0.0
