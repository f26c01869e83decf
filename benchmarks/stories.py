"""Stories and threads: event similarity on labelled pairs, B-cubed on dev and held-out test sets, scale.

Quick (CI, < 2 min; exits 1 when a gate fails):
  - MultiLing 2011 Arabic dev (5 topics x 10 documents; each topic is one thread): B-cubed
    precision/recall/F1 of threads (gate: F1 >= 0.92) and of stories (printed);
  - labelled article pairs (``benchmarks/data/story_pairs.jsonl``, SemEval-2022 Task 8 "overall"
    scale, labelled by hand): Pearson r on train, dev and the held-out test split for the event
    similarity, the old similarity (``stories.vectors.article_vectors``) and a plain TF-IDF cosine,
    each block alone (gate: test r >= 0.75);
  - the SaudiNewsNet thread DEV set (``benchmarks/data/story_clusters_dev.jsonl``, 141 articles
    labelled by hand, looked at while building) and the place DEV set (``story_clusters_place_dev.jsonl``,
    67 articles of one city's week): B-cubed of stories and threads (printed);
  - the held-out SaudiNewsNet story/thread TEST set (``benchmarks/data/story_clusters_test.jsonl``,
    145 articles labelled by hand, never tuned on): B-cubed of stories and threads (gate: threads
    F1 >= 0.90, a regression guard; the issue's target is 0.92);
  - seeds: one story of exactly the 5 seed articles (gate), and still exactly those 5 when
    SaudiNewsNet articles (1,000 in --quick, 3,000 otherwise) are clustered with them, seeds'
    dates removed so that time cannot keep them apart (gate).
Full (default) adds all 31k SaudiNewsNet articles: ingestion, dedup (``--annotate``), stories and
threads, each timed, with peak memory; counts and size distributions; the 10 largest stories, 30
random multi-outlet stories and the 10 largest threads with their top names, for a person to judge;
the threads over 60 stories and whether their stories share a named actor (a person or organization,
not a news outlet, in half their stories; a place is not an actor); and (unless --no-incremental)
adding the newest 1,000 articles to the stories of the other ~29.6k versus clustering all from scratch.

    python benchmarks/stories.py --quick
    python benchmarks/stories.py                    # full, dedup before stories
    python benchmarks/stories.py --scale-only --cache /tmp/stories.npz   # only the 31k run (cache: reruns skip
                                                    # embedding headlines and tagging leads)
    python benchmarks/stories.py --scale-only --limit 8000 --date-order  # the 8,000 earliest articles
    python benchmarks/stories.py --dev              # dev figures only, with the dev set's thread errors listed
    python benchmarks/stories.py --sweep            # the dev-set grids behind the thread settings (the event
                                                    # check on the three dev sets, then the earlier grids)
    python benchmarks/stories.py --train            # refit src/marsad/knowledge/story_model.json (train pairs;
                                                    # thread weights on story pairs of the two dev sets)
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
import json
import math
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.stats import pearsonr
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LinearRegression

from _shared import REPO, SAUDI, SHARED, peak_rss_mib
from marsad.arabic import normalize
from marsad.arabic.keys import word_keys
from marsad.ingest import read_paths, sentences_of
from marsad.ingest.identity import article_id
from marsad.model import Article, Corpus, Story
from marsad.pipeline import StageContext, load_stage
from marsad.stages.stories import STORY_SPAN_DAYS, StoriesStage, story_threshold
from marsad.stages.stories.features import (
    BLOCKS,
    MODEL_FILE,
    article_blocks,
    block_cosines,
    combined_vectors,
    forget_costly_parts,
    is_actor,
    load_costly_parts,
    name_bags,
    name_types,
    remember_costly_parts,
    save_costly_parts,
    story_model,
)
from marsad.stages.stories.metrics import bcubed
from marsad.stages.stories.vectors import article_vectors
from marsad.stages.threads import THREAD_SPAN_DAYS, ThreadsStage, thread_threshold
from marsad.store import open_store

MULTILING = SHARED / "eval" / "multiling2011_ar" / "dev.jsonl"
SEEDS = SHARED / "corpus" / "seeds"
THREAD_F1_FLOOR = 0.92
ANNOTATION_STAGES = {
    "none": [],
    "dedup": ["marsad.stages.dedup:DedupStage"],
    "inputs": ["marsad.stages.dedup:DedupStage", "marsad.stages.entities:EntitiesStage"],
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def multiling_articles() -> tuple[list[Article], dict[str, str]]:
    """MultiLing 2011 dev documents as articles (first paragraph = title, no date) and their topics."""
    articles, gold = [], {}
    with MULTILING.open(encoding="utf-8") as fh:
        for line in fh:
            topic = json.loads(line)
            for doc in topic["documents"]:
                text = "\n".join(doc["paragraphs"])
                a = Article(id=article_id(text, None), text=text, path=doc["doc_id"], title=doc["paragraphs"][0],
                            sentences=sentences_of(text))
                articles.append(a)
                gold[a.id] = topic["topic_id"]
    return articles, gold


PAIRS = REPO / "benchmarks" / "data" / "story_pairs.jsonl"
CLUSTERS_TEST = REPO / "benchmarks" / "data" / "story_clusters_test.jsonl"
CLUSTERS_DEV = REPO / "benchmarks" / "data" / "story_clusters_dev.jsonl"
#: a second dev set: one city's news of one week (every article whose title names Jeddah), where unrelated
#: stories share a place: a thread must not be "Jeddah"
CLUSTERS_PLACE_DEV = REPO / "benchmarks" / "data" / "story_clusters_place_dev.jsonl"
#: CI floors on the held-out test material (regression guards; see docs/stories.md for the targets)
PAIR_R_FLOOR = 0.75
TEST_THREAD_F1_FLOOR = 0.90  # a regression guard under the 0.924 measured (fifth session; the target is
# 0.92; 0.873 before the event check): see docs/stories.md


def saudi_by_url(urls: set[str], tmp: Path) -> dict[str, Article]:
    """The SaudiNewsNet articles with these urls, ingested like any input (dates, outlets, sentences)."""
    path = tmp / f"subset-{hashlib.sha1(''.join(sorted(urls)).encode()).hexdigest()[:8]}.jsonl.gz"
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh, gzip.open(path, "wt", encoding="utf-8") as out:
        for line in fh:
            if json.loads(line)["url"] in urls:
                out.write(line)
    return {a.url: a for a in read_paths([str(path)]) if a.url}


def load_pairs(tmp: Path) -> tuple[list[dict], list[Article], np.ndarray, np.ndarray]:
    """Labelled pairs whose two articles could be read, the distinct articles, and the pairs' row indices."""
    pairs = [json.loads(line) for line in PAIRS.open(encoding="utf-8")]
    urls = {p[k] for p in pairs if p["corpus"] == "saudinewsnet" for k in "ab"}
    saudi = saudi_by_url(urls, tmp)
    multiling = {a.path: a for a in multiling_articles()[0]}

    def article(p: dict, k: str) -> Article | None:
        return saudi.get(p[k]) if p["corpus"] == "saudinewsnet" else multiling.get(p[k])

    kept = [p for p in pairs if article(p, "a") is not None and article(p, "b") is not None]
    if len(kept) < len(pairs):
        log(f"{len(pairs) - len(kept)} pairs skipped: an article was dropped at ingestion")
    articles: list[Article] = []
    row: dict[str, int] = {}
    for p in kept:
        for k in "ab":
            a = article(p, k)
            if a.id not in row:
                row[a.id] = len(articles)
                articles.append(a)
    left = np.array([row[article(p, "a").id] for p in kept])
    right = np.array([row[article(p, "b").id] for p in kept])
    return kept, articles, left, right


#: the story cut lets at most this share of different-event pairs (gold 3-4) through
STORY_CUT_FALSE_LINKS = 0.02


def lowest_safe_cut(scores: np.ndarray, different: np.ndarray, share: float = STORY_CUT_FALSE_LINKS) -> float:
    """The lowest score cut (midpoint between neighbouring scores) at which at most ``share`` of the
    ``different`` pairs score at or above it: as many same-event links as the false links allow."""
    order = np.sort(np.unique(scores[different]))
    allowed = math.floor(share * int(different.sum()))
    # pairs above the cut among the different ones must be <= allowed: cut just above the (allowed+1)-th highest
    if len(order) <= allowed:
        return float(order[0]) if len(order) else 0.0
    top = np.sort(scores[different])[::-1]
    above = top[allowed]  # the highest different-pair score that must stay below the cut
    higher = scores[scores > above]
    nxt = float(higher.min()) if len(higher) else above + 0.01
    return (float(above) + nxt) / 2


def train_model(tmp: Path) -> int:
    """Fit the block weights on the train pairs and write ``marsad/knowledge/story_model.json``."""
    pairs, articles, left, right = load_pairs(tmp)
    train = np.array([p["split"] == "train" for p in pairs])
    overall = np.array([p["overall"] for p in pairs], dtype=float)
    blocks = article_blocks(Corpus(articles=articles), articles)
    cos = block_cosines(blocks, left, right)
    # non-negative least squares on the 4-level scale (4 = very dissimilar): similarity = w . cosines + b
    reg = LinearRegression(positive=True).fit(cos[train], 4.0 - overall[train])
    weights = {b: round(float(w), 4) for b, w in zip(BLOCKS, reg.coef_, strict=True)}
    x = combined_vectors(blocks, weights)
    combined = np.asarray(x[left].multiply(x[right]).sum(axis=1)).ravel()
    cut = lowest_safe_cut(combined[train], overall[train] >= 3)
    # thread evidence: "same thread" on pairs of stories of the two thread dev sets (stories built with the
    # shipped story model, which the fit above reproduces: it is deterministic on the same pairs)
    thread_weights = fit_thread_weights(tmp)
    model = {
        "weights": weights,
        "intercept": round(float(reg.intercept_), 4),
        "story_cut": round(cut, 4),
        "thread_weights": thread_weights,
        "target": "4 - overall (SemEval-2022 Task 8 scale: 1 very similar ... 4 very dissimilar)",
        "trained_on": f"{int(train.sum())} train pairs of benchmarks/data/story_pairs.jsonl; thread weights on "
                      "story pairs of MultiLing 2011 dev and benchmarks/data/story_clusters_dev.jsonl",
        "command": "python benchmarks/stories.py --train",
    }
    out = REPO / "src" / "marsad" / "knowledge" / MODEL_FILE
    out.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}: weights {weights}, story cut {cut:.4f}, thread weights {thread_weights}")
    return 0


def plain_tfidf_cosines(articles: list[Article], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Baseline: scikit-learn TF-IDF over normalized words (IDF fitted on the pairs' articles)."""
    vec = TfidfVectorizer(analyzer=lambda text: word_keys(normalize(text)), sublinear_tf=True)
    x = vec.fit_transform([f"{a.title or ''}\n{a.text}" for a in articles])
    return np.asarray(x[left].multiply(x[right]).sum(axis=1)).ravel()


def pair_report(tmp: Path) -> dict[str, float]:
    """Pearson r with the gold (negated: 1 = very similar) on dev and test pairs, for the model and baselines."""
    pairs, articles, left, right = load_pairs(tmp)
    overall = np.array([p["overall"] for p in pairs], dtype=float)
    corpus = Corpus(articles=articles)
    blocks = article_blocks(corpus, articles)
    x = combined_vectors(blocks, story_model().weights)
    systems = {
        "event similarity (combined vector cosine)": np.asarray(x[left].multiply(x[right]).sum(axis=1)).ravel(),
        "old similarity (stories.vectors.article_vectors)": _cosines(article_vectors(corpus, articles), left, right),
        "plain TF-IDF cosine": plain_tfidf_cosines(articles, left, right),
    }
    cos = block_cosines(blocks, left, right)
    for b, name in enumerate(BLOCKS):
        systems[f"  block alone: {name}"] = cos[:, b]
    results: dict[str, float] = {}
    print("\nlabelled article pairs (benchmarks/data/story_pairs.jsonl; gold 1 = very similar .. 4 = very dissimilar):")
    for split in ("train", "dev", "test"):
        mask = np.array([p["split"] == split for p in pairs])
        counts = Counter(int(v) for v in overall[mask])
        print(f"  {split}: {int(mask.sum())} pairs, gold counts {dict(sorted(counts.items()))}")
    print(f"  {'Pearson r with the gold':48s} {'train':>6s} {'dev':>6s} {'test':>6s}")
    for name, scores in systems.items():
        cells = []
        for split in ("train", "dev", "test"):
            mask = np.array([p["split"] == split for p in pairs])
            r = float(pearsonr(scores[mask], -overall[mask])[0])
            results[f"{name}/{split}"] = r
            cells.append(f"{r:6.3f}")
        print(f"  {name:48s} " + " ".join(cells))
    test = np.array([p["split"] == "test" for p in pairs])
    same = overall <= 1
    cut = story_threshold()
    pred = systems["event similarity (combined vector cosine)"] >= cut
    tp = int((pred & same & test).sum())
    precision = tp / max(int((pred & test).sum()), 1)
    print(f"  test pairs, same event (gold 1) vs not at the story cut {cut:.3f}: precision {precision:.3f} "
          f"recall {tp / max((same & test).sum(), 1):.3f}; unrelated pairs (gold 4) above the cut: "
          f"{int((pred & test & (overall == 4)).sum())} of {int((test & (overall == 4)).sum())}")
    return results


def _cosines(x, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return np.asarray(x[left].multiply(x[right]).sum(axis=1)).ravel()


def clusters_eval(tmp: Path, path: Path, heading: str, floor: float | None = None,
                  show_errors: bool = False) -> float:
    """Stories and threads on a SaudiNewsNet set labelled by hand; returns threads' B-cubed F1."""
    gold_rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    saudi = saudi_by_url({g["url"] for g in gold_rows}, tmp)
    gold_story, gold_thread, articles = {}, {}, []
    for g in gold_rows:
        a = saudi.get(g["url"])
        if a is None or a.id in gold_story:
            continue
        articles.append(a)
        gold_story[a.id], gold_thread[a.id] = g["story"], g["thread"]
    corpus = Corpus(articles=articles)
    store_path = str(tmp / f"eval-{path.stem}.db")
    run_stories(corpus, store_path)
    story, thread = labels(corpus)
    sp, sr, sf = bcubed(story, gold_story)
    tp, tr, tf = bcubed(thread, gold_thread)
    print(f"\n{heading} ({path.relative_to(REPO)}): "
          f"{len(articles)} articles, {len(set(gold_story.values()))} gold stories, {len(set(gold_thread.values()))} "
          f"gold threads -> {len(corpus.stories)} stories, {len(corpus.threads)} threads")
    print(f"  stories B-cubed P {sp:.3f} R {sr:.3f} F1 {sf:.3f}")
    print(f"  threads B-cubed P {tp:.3f} R {tr:.3f} F1 {tf:.3f}" + (f"  (floor {floor})" if floor is not None else ""))
    if show_errors:
        print_thread_errors(corpus, thread, gold_thread, gold_story)
        print_gold_thread_cosines(corpus, store_path, gold_thread)
    return tf


def print_thread_errors(corpus: Corpus, thread: dict[str, str], gold_thread: dict[str, str],
                        gold_story: dict[str, str]) -> None:
    """For error analysis (dev only): each system thread holding several gold threads, and each gold
    thread spread over several system threads, with the gold stories and titles."""
    titles = {a.id: (a.title or "")[:70] for a in corpus.articles}
    by_sys: dict[str, list[str]] = {}
    for a, t in sorted(thread.items()):
        by_sys.setdefault(t, []).append(a)
    by_gold: dict[str, list[str]] = {}
    for a, t in sorted(gold_thread.items()):
        by_gold.setdefault(t, []).append(a)
    print("  merged (one system thread, several gold threads):")
    for t, members in sorted(by_sys.items()):
        golds = Counter(gold_thread[a] for a in members)
        if len(golds) > 1:
            print(f"    {t}: {dict(golds)}")
            for a in members:
                print(f"      {gold_story[a]:40s} {titles[a]}")
    print("  split (one gold thread, several system threads):")
    for g, members in sorted(by_gold.items()):
        parts = Counter(thread[a] for a in members)
        if len(parts) > 1:
            print(f"    {g}: {len(parts)} pieces {sorted(parts.values(), reverse=True)}")
            for t, _ in parts.most_common():
                print(f"      [{t}] " + " | ".join(sorted({gold_story[a].split('/')[-1] for a in members
                                                             if thread[a] == t})))


def print_gold_thread_cosines(corpus: Corpus, store_path: str, gold_thread: dict[str, str]) -> None:
    """For error analysis (dev only): the mean thread-vector cosine between the stories of each pair of gold
    threads that the system merged somewhere (diagonal: within one gold thread)."""
    from marsad.stages.stories import STATE_KEY as STORIES_KEY
    from marsad.stages.stories.clustering import Group
    from marsad.stages.threads import thread_vectors

    store = open_store(store_path)
    state = store.get_state("stories", STORIES_KEY)
    store.close()
    centroids = {g["id"]: Group.from_state(g) for g in state["groups"]}
    stories = [s for s in corpus.stories if s.id in centroids]
    x = thread_vectors([centroids[s.id] for s in stories])
    sim = (x @ x.T).toarray()
    gold_of = [Counter(gold_thread[a] for a in s.articles).most_common(1)[0][0] for s in stories]
    merged: set[str] = set()
    for t in {s.thread for s in stories if s.thread}:
        golds = {g for s, g in zip(stories, gold_of, strict=True) if s.thread == t}
        if len(golds) > 1:
            merged |= golds
    if not merged:
        return
    names = sorted(merged)
    print("  mean thread-vector cosine between stories of the gold threads merged above (row x column):")
    print("  " + " " * 22 + " ".join(f"{n[:12]:>12s}" for n in names))
    for a in names:
        cells = []
        for b in names:
            vals = [sim[i, j] for i, ga in enumerate(gold_of) if ga == a for j, gb in enumerate(gold_of)
                    if gb == b and i != j]
            cells.append(f"{np.mean(vals):12.3f}" if vals else f"{'-':>12s}")
        print(f"  {a[:22]:22s}" + " ".join(cells))


def run_stories(corpus: Corpus, store_path: str = ":memory:") -> tuple[float, float]:
    """Run stories then threads on ``corpus`` with a store at ``store_path``; returns their seconds."""
    store = open_store(store_path)
    context = StageContext(store=store, show_progress=False)
    t0 = time.perf_counter()
    StoriesStage().run(corpus, context)
    corpus.invalidate()
    t1 = time.perf_counter()
    ThreadsStage().run(corpus, context)
    t2 = time.perf_counter()
    store.close()
    return t1 - t0, t2 - t1


def labels(corpus: Corpus) -> tuple[dict[str, str], dict[str, str]]:
    """article → story id, article → thread id (a story outside any thread is its own thread)."""
    story = {a: s.id for s in corpus.stories for a in s.articles}
    thread = {a: (s.thread or s.id) for s in corpus.stories for a in s.articles}
    return story, thread


def multiling_gate() -> bool:
    articles, gold = multiling_articles()
    corpus = Corpus(articles=articles)
    run_stories(corpus)
    story, thread = labels(corpus)
    sp, sr, sf = bcubed(story, gold)
    tp, tr, tf = bcubed(thread, gold)
    print(f"MultiLing 2011 dev: {len(articles)} documents, {len(set(gold.values()))} topics -> "
          f"{len(corpus.stories)} stories, {len(corpus.threads)} threads")
    print(f"  stories B-cubed P {sp:.3f} R {sr:.3f} F1 {sf:.3f}")
    print(f"  threads B-cubed P {tp:.3f} R {tr:.3f} F1 {tf:.3f}  (floor {THREAD_F1_FLOOR})")
    return tf >= THREAD_F1_FLOOR


def dev_thread_sets(tmp: Path) -> list[tuple[str, Corpus, object, dict[str, str]]]:
    """The two thread dev sets with their stories built: (name, corpus, store, article → gold thread)."""
    ml_articles, ml_gold = multiling_articles()
    rows = [json.loads(line) for line in CLUSTERS_DEV.open(encoding="utf-8")]
    saudi = saudi_by_url({g["url"] for g in rows}, tmp)
    dev_articles, dev_gold = [], {}
    for g in rows:
        a = saudi.get(g["url"])
        if a is not None and a.id not in dev_gold:
            dev_articles.append(a)
            dev_gold[a.id] = g["thread"]
    out = []
    for name, arts, gold in (("MultiLing dev", ml_articles, ml_gold), ("SaudiNewsNet dev", dev_articles, dev_gold)):
        corpus = Corpus(articles=list(arts))
        store = open_store(":memory:")
        StoriesStage().run(corpus, StageContext(store=store, show_progress=False))
        corpus.invalidate()
        out.append((name, corpus, store, gold))
    return out


def thread_pair_cosines(corpus: Corpus, store, gold: dict[str, str],
                        split_actors: bool = False) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Per pair of stories: the per-block cosines of their centroids (generic words dropped; with
    ``split_actors`` persons and organizations as an ``actors`` block of their own), whether their
    articles' gold thread (the majority one) is the same, and the block names."""
    from marsad.stages.stories import STATE_KEY as STORIES_KEY
    from marsad.stages.stories.clustering import Group
    from marsad.stages.threads import thread_blocks

    state = store.get_state("stories", STORIES_KEY)
    centroids = {g["id"]: Group.from_state(g) for g in state["groups"]}
    stories = [s for s in corpus.stories if s.id in centroids]
    blocks = thread_blocks([centroids[s.id] for s in stories], split_actors=split_actors)
    names = tuple(b for b in (*BLOCKS, "actors") if b in blocks)
    gold_of = [Counter(gold[a] for a in s.articles).most_common(1)[0][0] for s in stories]
    left, right = np.triu_indices(len(stories), k=1)
    cos = np.zeros((len(left), len(names)))
    for b, name in enumerate(names):
        x = blocks[name]
        cos[:, b] = np.asarray(x[left].multiply(x[right]).sum(axis=1)).ravel()
    same = np.array([gold_of[i] == gold_of[j] for i, j in zip(left, right, strict=True)])
    return np.clip(cos, 0.0, 1.0), same, names


def fit_thread_weights(tmp: Path, split_actors: bool = False, sets=None) -> dict[str, float]:
    """Thread weights: non-negative least squares of "same thread" on the per-block cosines of story
    pairs of both dev sets; prints each set's ROC AUC when fitted on the other set only."""
    from sklearn.metrics import roc_auc_score

    sets = sets if sets is not None else dev_thread_sets(tmp)
    pairs = [(name, *thread_pair_cosines(corpus, store, gold, split_actors)) for name, corpus, store, gold in sets]
    names = pairs[0][3]
    for k, (name, cos, same, _) in enumerate(pairs):
        other = [s for j, s in enumerate(pairs) if j != k]
        reg = LinearRegression(positive=True).fit(np.vstack([o[1] for o in other]),
                                                  np.concatenate([o[2] for o in other]).astype(float))
        print(f"  thread weights fitted on the other dev set only -> {name}: story-pair ROC AUC "
              f"{roc_auc_score(same, cos @ reg.coef_):.3f}")
    reg = LinearRegression(positive=True).fit(np.vstack([c for _, c, _, _ in pairs]),
                                              np.concatenate([y for _, _, y, _ in pairs]).astype(float))
    total = float(reg.coef_.sum()) or 1.0
    return {b: round(float(w) / total, 4) for b, w in zip(names, reg.coef_, strict=True)}


def place_dev_set(tmp: Path) -> tuple[str, Corpus, object, dict[str, str]]:
    """The place dev set with its stories built, as :func:`dev_thread_sets` gives the other two."""
    rows = [json.loads(line) for line in CLUSTERS_PLACE_DEV.open(encoding="utf-8")]
    saudi = saudi_by_url({g["url"] for g in rows}, tmp)
    articles, gold = [], {}
    for g in rows:
        a = saudi.get(g["url"])
        if a is not None and a.id not in gold:
            articles.append(a)
            gold[a.id] = g["thread"]
    corpus = Corpus(articles=articles)
    store = open_store(":memory:")
    StoriesStage().run(corpus, StageContext(store=store, show_progress=False))
    corpus.invalidate()
    return "place dev", corpus, store, gold


def _sweep_row(sets, label: str, cuts: list[float], **settings) -> None:
    """One row of the dev grid: threads B-cubed F1 on each dev set at each threshold (with three sets, their
    mean in brackets), with the threads module's settings (``GATE_NAMES``, ``COHESION_NAMES``,
    ``THREAD_VECTORS``, ``WEIGHTS``, ``EVENT_MIN``) set for it."""
    import marsad.stages.threads as threads_module

    saved = {k: getattr(threads_module, k) for k in settings}
    cells = []
    try:
        for k, v in settings.items():
            setattr(threads_module, k, v)
        for cut in cuts:
            f1 = []
            for _name, corpus, store, gold in sets:
                store.set_state("threads", "state", {})
                ThreadsStage(threshold=cut).run(corpus, StageContext(store=store, show_progress=False))
                f1.append(bcubed(labels(corpus)[1], gold)[2])
            cells.append("/".join(f"{f:.3f}" for f in f1) + (f" ({np.mean(f1):.3f})" if len(f1) > 2 else ""))
    finally:
        for k, v in saved.items():
            setattr(threads_module, k, v)
    print(f"  {label:30s} " + " ".join(cells))


def dev_sweep() -> None:
    """The evidence for the thread settings: threads B-cubed F1 on both dev sets over linkage, time
    limit and threshold, then over which names the entity gate and the cohesion check count and over
    thread vectors with persons and organizations as a block of their own — these without the event check,
    as they were chosen —, then on all three dev sets over the event check's bar (nothing from the test sets)."""
    import marsad.stages.threads as threads_module

    remember_costly_parts()
    with tempfile.TemporaryDirectory() as tmp_name:
        sets = dev_thread_sets(Path(tmp_name))
        place = place_dev_set(Path(tmp_name))
    cuts = [0.08, 0.10, 0.12, 0.14, 0.16, 0.18, 0.20, 0.22]
    print("event check (fifth session) by its bar, on MultiLing dev / SaudiNewsNet dev / place dev (mean), "
          "average linkage, gap")
    print("  EVENT_MIN                      " + " ".join(f"{t:>25.2f}" for t in cuts))
    for bar in (0.0, 0.04, 0.05, 0.06, 0.07, 0.08):
        _sweep_row([*sets, place], f"{bar:.2f}" + (" (off)" if not bar else ""), cuts, EVENT_MIN=bar)
    print("\nthe tables below are without the event check (EVENT_MIN 0), as the settings they chose were chosen\n")
    shipped_event_min = threads_module.EVENT_MIN
    threads_module.EVENT_MIN = 0.0
    try:
        _earlier_sweeps(sets, cuts)
    finally:
        threads_module.EVENT_MIN = shipped_event_min


def _earlier_sweeps(sets, cuts: list[float]) -> None:
    """The grids of the second to fourth sessions (two dev sets)."""
    print("threads B-cubed F1 on the dev sets (MultiLing dev / SaudiNewsNet dev) by linkage, time limit, threshold")
    print("  linkage  time  " + " ".join(f"{t:>11.2f}" for t in cuts))
    for linkage in ("centroid", "average"):
        for time_limit in ("span", "gap"):
            cells = []
            for cut in cuts:
                f1 = []
                for _name, corpus, store, gold in sets:
                    store.set_state("threads", "state", {})
                    ThreadsStage(threshold=cut, linkage=linkage, time_limit=time_limit).run(
                        corpus, StageContext(store=store, show_progress=False))
                    f1.append(bcubed(labels(corpus)[1], gold)[2])
                cells.append(f"{f1[0]:.3f}/{f1[1]:.3f}")
            print(f"  {linkage:8s} {time_limit:5s} " + " ".join(cells))
    print("\nthe same (average linkage, gap) by the names the entity gate / the cohesion check count "
          "(all names, or actors: persons and organizations)")
    print("  gate / cohesion                " + " ".join(f"{t:>11.2f}" for t in cuts))
    for gate in ("all", "actors"):
        for cohesion in ("all", "actors"):
            _sweep_row(sets, f"{gate} / {cohesion}", cuts, GATE_NAMES=gate, COHESION_NAMES=cohesion)
    print("\nthread vectors built block by block, weights refitted (story pairs of both dev sets):")
    for split in (False, True):
        weights = fit_thread_weights(Path("."), split_actors=split, sets=sets)
        print(f"  {'persons and organizations as their own block' if split else 'the five blocks'}: weights {weights}")
        _sweep_row(sets, "blocks" + (" + actors" if split else ""), cuts, THREAD_VECTORS="blocks", WEIGHTS=weights)


def saudi_subset(limit: int | None, tmp: Path, date_order: bool = False) -> Path:
    """SaudiNewsNet, or its first ``limit`` lines (in file order — grouped by outlet —, or with
    ``date_order`` the ``limit`` earliest by extraction date, then url) as a temporary file."""
    if not limit:
        return SAUDI
    path = tmp / f"saudi-{limit}{'-dated' if date_order else ''}.jsonl.gz"
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh, gzip.open(path, "wt", encoding="utf-8") as out:
        if date_order:
            lines = sorted(fh, key=lambda line: (json.loads(line).get("date_extracted") or "", json.loads(line)["url"]))
            out.writelines(lines[:limit])
        else:
            out.writelines(itertools.islice(fh, limit))
    return path


def seeds_gate(saudi: list[Article]) -> bool:
    seeds = list(read_paths([str(SEEDS)], published="2023-09-13"))
    corpus = Corpus(articles=list(seeds))
    run_stories(corpus)
    seed_ids = {a.id for a in seeds}
    alone = [len(s.articles) for s in corpus.stories]
    ok_alone = alone == [5]
    print(f"seeds alone: {len(corpus.stories)} stories, sizes {alone}  ({'ok' if ok_alone else 'FAIL'}: want one of 5)")
    undated = [replace(a, published=None) for a in seeds]
    mixed = Corpus(articles=undated + saudi)
    run_stories(mixed)
    holding = [s for s in mixed.stories if seed_ids & set(s.articles)]
    sizes = [(len(seed_ids & set(s.articles)), len(s.articles)) for s in holding]
    ok_mixed = len(holding) == 1 and sizes[0] == (5, 5)
    print(f"seeds (dates removed) + {len(saudi)} SaudiNewsNet articles: seed stories (seeds, all) {sizes}  "
          f"({'ok' if ok_mixed else 'FAIL'}: want [(5, 5)])")
    return ok_alone and ok_mixed


def distribution(sizes: list[int]) -> str:
    bins = [(1, 1), (2, 2), (3, 5), (6, 10), (11, 20), (21, 50), (51, 100), (101, 10**9)]
    parts = []
    for lo, hi in bins:
        n = sum(lo <= s <= hi for s in sizes)
        label = str(lo) if lo == hi else (f"{lo}+" if hi >= 10**9 else f"{lo}-{hi}")
        parts.append(f"{label}: {n}")
    return ", ".join(parts)


def show_story(s: Story) -> str:
    return (f"  [{len(s.articles):3d} articles, {len(s.outlets):2d} outlets, {s.first_seen} → {s.last_seen}] "
            f"{s.title[:110]}\n      outlets: {', '.join(s.outlets)}")


#: the issue's rule: no thread over this many stories unless its stories share a named actor
BIG_THREAD = 60
#: "share a named actor": one person or organization (tagged in leads, listed in the gazetteer, or linked
#: by the entities stage) named in this share of the thread's stories; a place is not an actor
SHARED_ACTOR_SHARE = 0.5


def thread_names(thread, stories: dict[str, Story], articles: dict[str, Article]) -> list[tuple[str, str, float]]:
    """Names of a thread's stories (lead names, gazetteer names and linked entities; generic ones dropped)
    with their type (PER, ORG, LOC, MISC; "" unknown) and the share of its stories naming them, most shared first."""
    members = [stories[sid] for sid in thread.stories]
    arts = [articles[a] for s in members for a in s.articles if a in articles]
    sub = Corpus(articles=arts)
    bags = dict(zip([a.id for a in arts], name_bags(sub, arts), strict=True))
    types = dict(zip([a.id for a in arts], name_types(sub, arts), strict=True))
    counts: Counter[str] = Counter()
    votes: dict[str, Counter[str]] = {}
    for s in members:
        names = set()
        for a in s.articles:
            for k, w in bags.get(a, {}).items():
                if w > 0:
                    names.add(k[1:])
                    votes.setdefault(k[1:], Counter())[types[a].get(k[1:], "")] += 1
        counts.update(names)
    type_of = {n: min(v.items(), key=lambda tc: (-tc[1], tc[0]))[0] for n, v in votes.items()}
    return [(n, type_of.get(n, ""), c / len(members))
            for n, c in sorted(counts.items(), key=lambda nc: (-nc[1], nc[0]))]


def shared_actor(top: list[tuple[str, str, float]]) -> tuple[str, str, float] | None:
    """The most shared person or organization (not a news outlet: :func:`is_actor`) if it is named in
    :data:`SHARED_ACTOR_SHARE` of the stories."""
    return next((t for t in top if is_actor(t[0], t[1]) and t[2] >= SHARED_ACTOR_SHARE), None)


def full(args: argparse.Namespace, tmp: Path, ingest_articles: list[Article], ingest_seconds: float) -> None:
    remember_costly_parts()  # the incremental comparison clusters the same articles again
    if args.cache and Path(args.cache).exists():
        log(f"cache: {load_costly_parts(args.cache)} articles' embeddings and names read from {args.cache} "
            "(stage times below then leave out computing them)")
    articles = ingest_articles
    corpus = Corpus(articles=list(articles))
    print(f"parameters: story cut {story_threshold()}, story span {STORY_SPAN_DAYS} days; thread threshold "
          f"{thread_threshold()} (mean similarity), a thread ends {THREAD_SPAN_DAYS} days after its latest story; "
          f"thread weights {story_model().info.get('thread_weights')}")
    print(f"\nSaudiNewsNet: {len(articles)} articles ingested in {ingest_seconds:.1f} s "
          f"(baseline for the ratios below); peak memory so far {peak_rss_mib():.0f} MiB")
    store_path = str(tmp / "full.db")
    store = open_store(store_path)
    t0 = time.perf_counter()
    for i in range(0, len(articles), 500):
        store.add_articles(articles[i:i + 500])
    print(f"  stored in SQLite: {time.perf_counter() - t0:.1f} s")
    context = StageContext(store=store, show_progress=False)
    for spec in ANNOTATION_STAGES[args.annotate]:
        stage = load_stage(spec)
        t0 = time.perf_counter()
        try:
            stage.run(corpus, context)
            corpus.invalidate()
            print(f"  stage {stage.name}: {time.perf_counter() - t0:.1f} s")
        except Exception as exc:  # a stage still being built must not hide the stories figures
            print(f"  stage {stage.name}: FAILED after {time.perf_counter() - t0:.1f} s ({type(exc).__name__}: {exc})")
    print(f"  inputs: {len(corpus.duplicate_groups)} duplicate groups, {len(corpus.entities)} entities, "
          f"{len(corpus.mentions)} mentions")
    store.close()
    t_st, t_th = run_stories(corpus, store_path)
    if args.cache:
        log(f"cache: {save_costly_parts(args.cache)} articles' embeddings and names written to {args.cache}")
    print(f"  stage stories: {t_st:.1f} s ({t_st / ingest_seconds:.2f} x ingestion); "
          f"stage threads: {t_th:.1f} s ({t_th / ingest_seconds:.2f} x ingestion); "
          f"stories+threads {t_st + t_th:.1f} s; peak memory {peak_rss_mib():.0f} MiB")
    sizes = [len(s.articles) for s in corpus.stories]
    multi = [s for s in corpus.stories if len(s.outlets) >= 2]
    print(f"\nstories: {len(corpus.stories)} ({sum(x >= 2 for x in sizes)} of 2+ articles, {len(multi)} multi-outlet, "
          f"{sum(sizes) - len(sizes)} articles joined a story founded by another); largest {max(sizes)}")
    print(f"  size distribution (articles): {distribution(sizes)}")
    tsizes = [len(t.stories) for t in corpus.threads]
    tarts = [sum(len(s.articles) for s in corpus.stories if s.thread == t.id) for t in corpus.threads]
    print(f"threads (2+ stories): {len(corpus.threads)}, holding {sum(tsizes)} stories / {sum(tarts)} articles")
    print(f"  size distribution (stories): {distribution(tsizes)}")
    print(f"  size distribution (articles): {distribution(tarts)}")
    print("\nthe 10 largest stories:")
    for s in corpus.stories[:10]:
        print(show_story(s))
    print("\n30 random multi-outlet stories (seed 7):")
    for s in random.Random(7).sample(multi, min(30, len(multi))):
        print(show_story(s))
    stories = {s.id: s for s in corpus.stories}
    by_id = {a.id: a for a in corpus.articles}
    print("\nthe 10 largest threads (stories, articles; top names with the share of its stories naming them; "
          "its 4 largest stories):")
    for t, n_art in list(zip(corpus.threads, tarts, strict=True))[:10]:
        top = thread_names(t, stories, by_id)
        print(f"  [{len(t.stories)} stories, {n_art} articles] {t.title[:100]}")
        print("      names: " + ", ".join(f"{name} ({type_ or '?'}) {share:.0%}" for name, type_, share in top[:6]))
        for sid in t.stories[:4]:
            s = stories[sid]
            print(f"      - [{len(s.articles)}] {s.first_seen} {s.title[:90]}")
    big = [t for t in corpus.threads if len(t.stories) > BIG_THREAD]
    print(f"\nthreads over {BIG_THREAD} stories: {len(big)}; of them whose stories share a named actor (one person "
          f"or organization in >= {SHARED_ACTOR_SHARE:.0%} of their stories): "
          f"{sum(shared_actor(thread_names(t, stories, by_id)) is not None for t in big)}")
    for t in big:
        top = thread_names(t, stories, by_id)
        actor = shared_actor(top)
        arts = [by_id[a] for sid in t.stories for a in stories[sid].articles if a in by_id]
        days = sorted(a.published[:10] for a in arts if a.published)
        where = (f"{len({a.outlet for a in arts})} outlets, "
                 + (f"{days[0]} → {days[-1]}" if days else "no dates"))
        if actor is not None:
            print(f"  [{len(t.stories)} stories; {where}] {actor[0]} ({actor[1]}) in {actor[2]:.0%}: {t.title[:90]}")
        else:
            print(f"  NO SHARED ACTOR [{len(t.stories)} stories; {where}]: {t.title[:90]}; most shared names: "
                  + ", ".join(f"{name} ({type_ or '?'}) {share:.0%}" for name, type_, share in top[:3]))
    store = open_store(store_path)
    state = store.get_state("threads", "state") or {}
    store.close()
    splits = [e for e in state.get("log", []) if e["op"] == "split"]
    print(f"cohesion splits: {len(splits)} threads cut into {sum(len(e['into']) for e in splits)} pieces "
          f"(threads of {min((int(e['reason'].split()[-2]) for e in splits), default=0)}"
          f"–{max((int(e['reason'].split()[-2]) for e in splits), default=0)} stories)")

    if args.no_incremental:
        print(f"peak memory {peak_rss_mib():.0f} MiB")
        return
    # incremental: the newest 1,000 articles added to the stories of the others
    ordered = sorted(articles, key=lambda a: (a.published or "", a.id))
    old, new = ordered[:-1000], ordered[-1000:]
    inc_path = str(tmp / "incremental.db")
    base = Corpus(articles=list(old), duplicate_groups=corpus.duplicate_groups, mentions=corpus.mentions)
    t_base_st, t_base_th = run_stories(base, inc_path)
    forget_costly_parts([a.id for a in new])  # the new articles' embeddings and names are computed afresh
    grown = Corpus(articles=list(old) + list(new), duplicate_groups=corpus.duplicate_groups,
                   mentions=corpus.mentions)
    t_inc_st, t_inc_th = run_stories(grown, inc_path)
    scratch = t_st + t_th
    inc = t_inc_st + t_inc_th
    before = {a for s in base.stories for a in s.articles}
    joined = sum(1 for s in grown.stories for a in s.articles if a not in before and
                 any(b in before for b in s.articles))
    p, r, f = bcubed(labels(grown)[0], labels(corpus)[0])
    print(f"\nincremental: {len(old)} articles clustered first ({t_base_st + t_base_th:.1f} s, their embeddings and "
          f"names remembered from the run above), then the newest "
          f"{len(new)} added: {inc:.2f} s (stories {t_inc_st:.2f} s, threads {t_inc_th:.2f} s) vs "
          f"{scratch:.1f} s from scratch for all {len(articles)} = {inc / scratch:.3f} x")
    print(f"  {joined} of the {len(new)} new articles joined stories that existed before; "
          f"stories after the add vs from scratch: B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"peak memory {peak_rss_mib():.0f} MiB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="the quality gates only (MultiLing, seeds)")
    parser.add_argument("--annotate", choices=sorted(ANNOTATION_STAGES), default="dedup",
                        help="annotation stages run before stories on SaudiNewsNet (default: dedup; 'inputs' adds the "
                             "entities stage, too slow for 31k articles: the names block tags leads itself)")
    parser.add_argument("--limit", type=int, help="only the first N SaudiNewsNet articles (full mode; file order "
                        "is by outlet, see --date-order)")
    parser.add_argument("--date-order", action="store_true", help="with --limit: the N earliest articles by date")
    parser.add_argument("--scale-only", action="store_true",
                        help="only the SaudiNewsNet run at scale (skips the quality gates that --quick measures)")
    parser.add_argument("--cache", help="full mode: read/write the costly parts (headline embeddings, lead names) "
                        "here, so a second run over the same articles skips computing them (its times are then "
                        "not the stage's full cost)")
    parser.add_argument("--no-incremental", action="store_true",
                        help="full mode: leave out adding the newest 1,000 articles to the stories of the others")
    parser.add_argument("--dev", action="store_true",
                        help="only the development figures (MultiLing, the SaudiNewsNet thread dev set with its "
                             "errors listed); nothing from the test sets")
    parser.add_argument("--errors", action="store_true", help="list the thread errors on the dev set")
    parser.add_argument("--sweep", action="store_true",
                        help="only print the thread settings grids on the dev sets (MultiLing, SaudiNewsNet dev, "
                             "place dev)")
    parser.add_argument("--train", action="store_true",
                        help="fit the block weights on the train pairs and write marsad/knowledge/story_model.json")
    args = parser.parse_args()
    if args.sweep:
        dev_sweep()
        return 0
    if args.dev:
        multiling_gate()
        with tempfile.TemporaryDirectory() as tmp_name:
            clusters_eval(Path(tmp_name), CLUSTERS_DEV, "SaudiNewsNet thread DEV set (looked at while building)",
                          show_errors=True)
            clusters_eval(Path(tmp_name), CLUSTERS_PLACE_DEV, "SaudiNewsNet place DEV set (one city, one week)",
                          show_errors=True)
        return 0
    if args.train:
        with tempfile.TemporaryDirectory() as tmp_name:
            return train_model(Path(tmp_name))
    for needed in (MULTILING, SEEDS, SAUDI):
        if not needed.exists():
            print(f"missing {needed}", file=sys.stderr)
            return 2
    if args.scale_only:
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            log("reading SaudiNewsNet…")
            t0 = time.perf_counter()
            saudi = list(read_paths([str(saudi_subset(args.limit, tmp, args.date_order))]))
            full(args, tmp, saudi, time.perf_counter() - t0)
        return 0
    model = story_model()
    print(f"parameters: story cut {story_threshold()} (combined cosine; model weights {model.weights}), story span "
          f"{STORY_SPAN_DAYS} days; thread threshold {thread_threshold()} (mean similarity), a thread ends "
          f"{THREAD_SPAN_DAYS} days after its latest story")
    ok = multiling_gate()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        results = pair_report(tmp)
        pair_ok = results["event similarity (combined vector cosine)/test"] >= PAIR_R_FLOOR
        print(f"  gate: event similarity r on test pairs >= {PAIR_R_FLOOR}: {'ok' if pair_ok else 'FAIL'}")
        clusters_eval(tmp, CLUSTERS_DEV, "SaudiNewsNet thread DEV set (looked at while building)",
                      show_errors=args.errors)
        clusters_eval(tmp, CLUSTERS_PLACE_DEV, "SaudiNewsNet place DEV set (one city, one week)",
                      show_errors=args.errors)
        test_ok = clusters_eval(tmp, CLUSTERS_TEST, "held-out SaudiNewsNet TEST set (never tuned on)",
                                TEST_THREAD_F1_FLOOR) >= TEST_THREAD_F1_FLOOR
        ok = ok and pair_ok and test_ok
        # the haystack for the seeds: 1,000 SaudiNewsNet articles in --quick (CI time), 3,000 otherwise
        mix = 1000 if args.quick else 3000
        limit = mix if args.quick else args.limit
        log("reading SaudiNewsNet…")
        t0 = time.perf_counter()
        saudi = list(read_paths([str(saudi_subset(limit, tmp, args.date_order and not args.quick))]))
        ingest_seconds = time.perf_counter() - t0
        ok = seeds_gate(saudi[:mix]) and ok
        if not args.quick:
            full(args, tmp, saudi, ingest_seconds)
    print("quality gates: " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
