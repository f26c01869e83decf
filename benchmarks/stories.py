"""Stories and threads: quality gates on MultiLing 2011 and the seeds, scale on SaudiNewsNet.

Quick (CI, < 2 min; exits 1 when a gate fails):
  - MultiLing 2011 Arabic dev (5 topics x 10 documents; each topic is one thread): B-cubed
    precision/recall/F1 of threads (gate: F1 >= 0.92) and of stories (printed);
  - seeds: one story of exactly the 5 seed articles (gate), and still exactly those 5 when
    3,000 SaudiNewsNet articles are clustered with them, seeds' dates removed so that time
    cannot keep them apart (gate).
Full (default) adds all 31k SaudiNewsNet articles: ingestion, the annotation stages stories
read (dedup, entities; ``--annotate``), stories and threads, each timed, with peak memory;
counts and size distributions; the 10 largest stories, 30 random multi-outlet stories and the
largest threads (titles, outlets, dates) for a person to judge; and adding the newest 1,000
articles to the stories of the other ~29.6k versus clustering all from scratch.

    python benchmarks/stories.py --quick
    python benchmarks/stories.py --annotate dedup   # full, dedup before stories (~7 min on 2 cores)
    python benchmarks/stories.py                    # full, dedup + entities (entities alone took > 17 min)
    python benchmarks/stories.py --sweep            # the MultiLing threshold grid behind the parameters
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from _shared import SAUDI, SHARED, peak_rss_mib
from marsad.ingest import read_paths, sentences_of
from marsad.ingest.identity import article_id
from marsad.model import Article, Corpus, Story
from marsad.pipeline import StageContext, load_stage
from marsad.stages.stories import STORY_SPAN_DAYS, STORY_THRESHOLD, StoriesStage
from marsad.stages.stories.metrics import bcubed
from marsad.stages.threads import THREAD_SPAN_DAYS, THREAD_THRESHOLD, ThreadsStage
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


def multiling_sweep() -> None:
    """The evidence for the fixed thresholds: MultiLing B-cubed F1 over a grid (stories x threads)."""
    articles, gold = multiling_articles()
    thread_cuts = [0.05, 0.06, 0.07, 0.075, 0.08, 0.09, 0.10, 0.12]
    print("MultiLing sweep: threads B-cubed F1 (stories F1) by story threshold (rows) and thread threshold (columns)")
    print("  story\\thread " + " ".join(f"{t:>6.3f}" for t in thread_cuts))
    for story_cut in [0.20, 0.25, 0.30, 0.35, 0.40]:
        cells = []
        for thread_cut in thread_cuts:
            corpus = Corpus(articles=list(articles))
            context = StageContext(store=open_store(":memory:"), show_progress=False)
            StoriesStage(threshold=story_cut).run(corpus, context)
            ThreadsStage(threshold=thread_cut).run(corpus, context)
            story, thread = labels(corpus)
            cells.append(f"{bcubed(thread, gold)[2]:6.3f}")
        print(f"  {story_cut:5.2f} ({bcubed(story, gold)[2]:.3f}) " + " ".join(cells))


def saudi_subset(limit: int | None, tmp: Path) -> Path:
    """SaudiNewsNet, or its first ``limit`` lines as a temporary file."""
    if not limit:
        return SAUDI
    path = tmp / f"saudi-{limit}.jsonl.gz"
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh, gzip.open(path, "wt", encoding="utf-8") as out:
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


def full(args: argparse.Namespace, tmp: Path, ingest_articles: list[Article], ingest_seconds: float) -> None:
    articles = ingest_articles
    corpus = Corpus(articles=list(articles))
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
    print("\nthe 8 largest threads (title, stories, articles; its 4 largest stories):")
    stories = {s.id: s for s in corpus.stories}
    for t, n_art in list(zip(corpus.threads, tarts, strict=True))[:8]:
        print(f"  [{len(t.stories)} stories, {n_art} articles] {t.title[:100]}")
        for sid in t.stories[:4]:
            s = stories[sid]
            print(f"      - [{len(s.articles)}] {s.first_seen} {s.title[:90]}")

    # incremental: the newest 1,000 articles added to the stories of the others
    ordered = sorted(articles, key=lambda a: (a.published or "", a.id))
    old, new = ordered[:-1000], ordered[-1000:]
    inc_path = str(tmp / "incremental.db")
    base = Corpus(articles=list(old), duplicate_groups=corpus.duplicate_groups, mentions=corpus.mentions)
    t_base_st, t_base_th = run_stories(base, inc_path)
    grown = Corpus(articles=list(old) + list(new), duplicate_groups=corpus.duplicate_groups,
                   mentions=corpus.mentions)
    t_inc_st, t_inc_th = run_stories(grown, inc_path)
    scratch = t_st + t_th
    inc = t_inc_st + t_inc_th
    before = {a for s in base.stories for a in s.articles}
    joined = sum(1 for s in grown.stories for a in s.articles if a not in before and
                 any(b in before for b in s.articles))
    p, r, f = bcubed(labels(grown)[0], labels(corpus)[0])
    print(f"\nincremental: {len(old)} articles clustered first ({t_base_st + t_base_th:.1f} s), then the newest "
          f"{len(new)} added: {inc:.2f} s (stories {t_inc_st:.2f} s, threads {t_inc_th:.2f} s) vs "
          f"{scratch:.1f} s from scratch for all {len(articles)} = {inc / scratch:.3f} x")
    print(f"  {joined} of the {len(new)} new articles joined stories that existed before; "
          f"stories after the add vs from scratch: B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"peak memory {peak_rss_mib():.0f} MiB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="the quality gates only (MultiLing, seeds)")
    parser.add_argument("--annotate", choices=sorted(ANNOTATION_STAGES), default="inputs",
                        help="annotation stages run before stories on SaudiNewsNet (default: dedup and entities)")
    parser.add_argument("--limit", type=int, help="only the first N SaudiNewsNet articles (full mode)")
    parser.add_argument("--sweep", action="store_true", help="only print the MultiLing threshold sweep")
    args = parser.parse_args()
    if args.sweep:
        multiling_sweep()
        return 0
    for needed in (MULTILING, SEEDS, SAUDI):
        if not needed.exists():
            print(f"missing {needed}", file=sys.stderr)
            return 2
    print(f"parameters: story threshold {STORY_THRESHOLD}, story span {STORY_SPAN_DAYS} days; "
          f"thread threshold {THREAD_THRESHOLD}, thread span {THREAD_SPAN_DAYS} days")
    ok = multiling_gate()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        limit = 3000 if args.quick else args.limit
        log("reading SaudiNewsNet…")
        t0 = time.perf_counter()
        saudi = list(read_paths([str(saudi_subset(limit, tmp))]))
        ingest_seconds = time.perf_counter() - t0
        ok = seeds_gate(saudi[:3000]) and ok
        if not args.quick:
            full(args, tmp, saudi, ingest_seconds)
    print("quality gates: " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
