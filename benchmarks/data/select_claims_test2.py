"""Select the second round of claims TEST stories (``test2``) for blind double annotation (issue 12).

Seeded and deterministic; one niced core, a few minutes:

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 nice -n 10 \\
        python benchmarks/data/select_claims_test2.py --out /work/runs/s18/claims_gold3/selection.jsonl \\
            --packets /work/runs/s18/claims_gold3

(Round test2 was first drawn with 8 SaudiNewsNet stories, ``--stories 8``; three of them proved single-family
on annotation — no fact two sources state — so it was extended, before any system output, to the first 14 of
the same seeded order: the first 8 unchanged, byte-identical packets and stubs.)

No claim, proposition, pair score or consolidation is computed here: the stories are chosen from
SaudiNewsNet titles and leads, the ingest readers' sentence split and the dedup stage's duplicate
families / 3-shingle containment only (copies of one wire text), so that the gold can be annotated
before any system output on these articles exists. See benchmarks/data/README.md (``claims_gold.jsonl``,
round "test2").

1. **SaudiNewsNet candidates.** The stars of ``select_claims_pairs.py`` (TF-IDF of title + lead, articles of
   different outlets on the same or the next day linked at cosine >= 0.45, greedy stars, one article per
   outlet, at most six; records 30,200–31,029 skipped unread). A candidate is dropped when any of its
   articles, or an article linked to one, is *used*: in a ``claims_gold.jsonl`` story, in a
   ``claims_pairs.jsonl`` pair, or in a story-clustering set (``story_clusters_*.jsonl``); and when any of
   its articles is on the same affair as a used article (title + lead cosine >= :data:`THREAD_COS`, any
   date), so that no test story repeats a thread whose facts a dev, train or pair story already holds.
2. **Shape.** 3 to 6 articles (so >= 3 outlets); at least two *families* (the dedup stage's duplicate
   families joined with pairs of 3-shingle containment >= 0.3, as ``select_claims_pairs.py``), and at
   least two families with an article of >= :data:`MIN_SENTENCES` sentences and a full-text TF-IDF cosine
   >= :data:`EVENT_COS` between them (the same concrete event told at some length, not a shared headline).
3. **Order and reading.** The candidates that pass are taken in one seeded shuffled order; each was read
   (titles and texts) by the engineer, and those listed in :data:`SKIPPED` were left out with the reason
   given there; the first :data:`SNN_STORIES` others are kept, none on the same affair as one kept before.
4. **MultiLing.** Every MultiLing 2011 Arabic topic (M000–M004) is already used by a claims split, so the
   two MultiLing stories are four unused documents of the two TEST topics (:data:`MULTILING`): adding to a
   dev or train topic would put a trained-on event into test.

``--packets`` writes one annotation packet per story (``story_<id>.txt``: each article's doc key, outlet,
date and every sentence with the index ``benchmarks/claims.py`` will see — its own row writer, read by
``marsad.ingest``) and ``gold_stub.jsonl`` (the JSON line of each story without facts).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from select_claims_pairs import families, links, load_records, stars, text_tfidf, tfidf  # noqa: E402

from _shared import REPO  # noqa: E402

DATA = REPO / "benchmarks" / "data"
GOLD = DATA / "claims_gold.jsonl"
PAIRS = DATA / "claims_pairs.jsonl"
CLUSTER_SETS = ("story_clusters_dev.jsonl", "story_clusters_place_dev.jsonl", "story_clusters_test.jsonl")
MULTILING_FILE = REPO.parent / "shared" / "eval" / "multiling2011_ar" / "dev.jsonl"
#: title + lead cosine to a used article at or above which a candidate is on a used affair
THREAD_COS = 0.3
#: sentences (ingest split) an article needs for its family to count as telling the event
MIN_SENTENCES = 4
#: full-text TF-IDF cosine two families' articles need to count as one concrete event
EVENT_COS = 0.25
#: SaudiNewsNet stories kept (8 at first; 14 since the extension, see above)
SNN_STORIES = 14
SEED = 1812
#: candidates read and left out (story id -> why), in the order they came up
SKIPPED: dict[str, str] = {
    "SNN2-08-01-16244": "Al-Hilal's Austrian camp: training reports of two different days and a friendly announced, "
                        "no one event",
    "SNN2-07-25-8458": "the labour ministry's e-visas: 3alyoum and alweeam both relay Al-Madina's report by name, "
                       "so one source",
    "SNN2-07-23-5457": "Eid receptions of two regions' emirates (Al-Baha, Al-Jawf): two events",
    "SNN2-08-03-18116": "Al-Fateh's Tunisian camp: a routine training-session report (the club's release reworded), "
                        "no news event, like the Al-Hilal camp above",
}
#: the two MultiLing stories: (story id, topic, documents, title)
MULTILING = (
    ("M004b", "M004", ("M0044", "M0045", "M0047", "M0048"),
     "UN climate conference in Bali, its last days: the emission-targets dispute and the Bali road map "
     "(12-15 Dec 2007)"),
    ("M001b", "M001", ("M0014", "M0015", "M0017", "M0018"),
     "London 7 July bombings, the aftermath: inquiry campaign, first anniversary, court footage, memorial "
     "(Dec 2005 - Jul 2009)"),
)


def used_urls() -> set[str]:
    """Urls of every article a claims story, a claims pair or a story-clustering set already uses (the claims
    gold's rounds test2, test3 and dev2 — stories of this script's own seeded order, appended later — left
    out, so the draw is reproduced)."""
    out: set[str] = set()
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip() and json.loads(line).get("round") not in ("test2", "test3", "dev2"):
            out.update(json.loads(line).get("urls", {}).values())
    for line in PAIRS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.update((row["a"]["url"], row["b"]["url"]))
    for name in CLUSTER_SETS:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.add(json.loads(line)["url"])
    return out


def read_rows(rows: list[dict], dedup: bool):
    """The rows read by ``marsad.ingest`` as the benchmark reads them (a JSONL file); with ``dedup``
    the dedup stage run on them (in-memory store), so that ``corpus.family_of`` is its families."""
    from marsad.ingest import read_paths
    from marsad.model import Corpus

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "story.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        articles = list(read_paths([str(path)]))
    corpus = Corpus(articles=articles)
    if dedup:
        from marsad.pipeline import StageContext, load_stage
        from marsad.store import SQLiteStore

        store = SQLiteStore(":memory:")
        try:
            store.add_articles(corpus.articles)
            context = StageContext(store=store, options={}, show_progress=False)
            load_stage("marsad.stages.dedup:DedupStage").run(corpus, context)
            corpus.invalidate()
        finally:
            store.close()
    return corpus


def story_shape(rows: list[dict]) -> tuple[dict[str, str], dict[str, int], float]:
    """Url -> family, url -> sentence count, and the best full-text cosine between two families whose
    articles both have >= MIN_SENTENCES sentences (0 when there is no such pair)."""
    corpus = read_rows(rows, dedup=True)
    fam = families(corpus, corpus.articles)
    family = {a.source_key: fam[a.id] for a in corpus.articles}
    sentences = {a.source_key: len(a.sentences) for a in corpus.articles}
    urls = [r["url"] for r in rows if r["url"] in family]
    x = text_tfidf([next(r["text"] for r in rows if r["url"] == u) for u in urls])
    sims = (x @ x.T).toarray()
    best = 0.0
    for i, u in enumerate(urls):
        for j, v in enumerate(urls):
            if j > i and family[u] != family[v] and min(sentences[u], sentences[v]) >= MIN_SENTENCES:
                best = max(best, float(sims[i, j]))
    return family, sentences, best


def doc_keys(rows: list[dict]) -> dict[str, str]:
    """Url -> doc key: the outlet, or outlet-<article number> where one outlet has two articles."""
    count = Counter(r["source"] for r in rows)
    out = {}
    for r in rows:
        tail = [p for p in r["url"].rstrip("/").split("/") if p.isdigit()]
        out[r["url"]] = r["source"] if count[r["source"]] == 1 else f"{r['source']}-{tail[-1] if tail else r['url']}"
    return out


def select_snn(records: list[dict], verbose: bool, wanted: int = SNN_STORIES) -> list[dict]:
    """The SaudiNewsNet stories (see the module doc), as gold stubs with their rows."""
    t0 = time.time()
    used = used_urls()
    banned = {i for i, r in enumerate(records) if r["url"] in used}
    x = tfidf(records)
    graph = links(records, x)
    candidates = stars(records, graph, banned)
    banned_rows = x[sorted(banned)]
    near_used = {i for i, s in enumerate(np.asarray((x @ banned_rows.T).max(axis=1).todense()).ravel())
                 if s >= THREAD_COS}
    print(f"{len(records)} records, {len(banned)} used, {len(near_used)} on a used affair; "
          f"{len(candidates)} candidate stories ({time.time() - t0:.0f}s)", file=sys.stderr)
    pool = [m for m in candidates if 3 <= len(m) <= 6 and not set(m) & near_used]
    print(f"{len(pool)} with 3-6 articles and no article on a used affair", file=sys.stderr)
    rng = random.Random(SEED)
    rng.shuffle(pool)
    kept: list[dict] = []
    kept_members: list[int] = []
    for members in pool:
        if len(kept) >= wanted:
            break
        first = records[members[0]]
        story_id = f"SNN2-{first['day'][5:]}-{first['n']}"
        if kept_members and float((x[members] @ x[kept_members].T).max()) >= THREAD_COS:
            continue  # the same affair as a story kept before
        rows = [{"url": records[m]["url"], "source": records[m]["source"], "text": records[m]["content"],
                 "published": records[m]["day"]} for m in members]
        family, sentences, event = story_shape(rows)
        if any(r["url"] not in family for r in rows):
            continue  # an article the ingest readers dropped (no text, or the text of another row): not 3-6 articles
        n_families = len(set(family.values()))
        if n_families < 2 or event < EVENT_COS:
            continue
        if story_id in SKIPPED:
            print(f"{story_id}: skipped ({SKIPPED[story_id]})", file=sys.stderr)
            continue
        keys = doc_keys(rows)
        groups: dict[str, list[str]] = {}
        for r in rows:
            groups.setdefault(family[r["url"]], []).append(keys[r["url"]])
        kept.append({
            "story": story_id, "split": "test", "round": "test2", "corpus": "saudinewsnet",
            "title": "", "titles": {keys[records[m]["url"]]: records[m]["title"] for m in members},
            "docs": sorted(keys.values()), "urls": {keys[r["url"]]: r["url"] for r in rows},
            "copies_hint": sorted(sorted(g) for g in groups.values()),
            "sentences": {keys[u]: n for u, n in sentences.items()}, "event_cos": round(event, 3),
            "rows": rows,
        })
        kept_members += members
        if verbose:
            print(f"{story_id}: {len(members)} articles, {n_families} families, event cosine {event:.2f}",
                  file=sys.stderr)
            for m in members:
                r = records[m]
                print(f"    {keys[r['url']]:<22} {r['day']} {family[r['url']][-8:]} {r['title'][:90]}", file=sys.stderr)
    return kept


def multiling_stories() -> list[dict]:
    """The two MultiLing stories as gold stubs with their rows (the benchmark's own row writer)."""
    from claims import story_rows

    topics = {json.loads(line)["topic_id"]: json.loads(line)
              for line in MULTILING_FILE.read_text(encoding="utf-8").splitlines() if line.strip()}
    out = []
    for story, topic, docs, title in MULTILING:
        gold = {"story": story, "topic": topic, "split": "test", "round": "test2", "title": title,
                "docs": list(docs)}
        rows = story_rows(gold, topics, {})
        out.append({**gold, "copies_hint": [[d] for d in docs], "rows": rows})
    return out


def write_packet(story: dict, rows: list[dict], folder: Path) -> None:
    """``story_<id>.txt``: every sentence of every article with the index the benchmark will see
    (``rows``: the benchmark's own rows of the story, :func:`claims.story_rows`)."""
    corpus = read_rows(rows, dedup=False)
    key_of = {url: doc for doc, url in story.get("urls", {}).items()}
    lines = [f"STORY {story['story']}  (split test, round test2)", ""]
    if story.get("corpus") == "saudinewsnet" and "copies_hint" in story:
        hint = "; ".join(" + ".join(g) for g in story["copies_hint"])
        lines += ["Copies hint (the dedup stage's families and 3-shingle containment >= 0.3 — lightly edited copies",
                  f"of one wire text; a HINT only, decide families by reading): {hint}", ""]
    else:
        lines += ["MultiLing 2011 (WikiNews): each document is its own family (its own source).", ""]
    for a in corpus.articles:
        doc = key_of.get(a.source_key, a.source_key[:5])
        date = next((r.get("published", "") for r in rows if r["url"] == a.source_key), "")
        lines.append("=" * 78)
        lines.append(f"DOC {doc}   outlet: {a.outlet}   date: {date or 'n/a'}   sentences: {len(a.sentences)}")
        lines.append(f"url: {a.source_key}")
        lines.append("-" * 78)
        lines += [f"[{doc}:{s.i}] {s.text}" for s in a.sentences]
        lines.append("")
    (folder / f"story_{story['story']}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="the selected stories (JSONL, with their rows)")
    ap.add_argument("--packets", type=Path, help="write the annotation packets and gold stubs here")
    ap.add_argument("--verbose", action="store_true", help="list each kept story's articles")
    ap.add_argument("--stories", type=int, default=SNN_STORIES, help="SaudiNewsNet stories to keep (more: to read)")
    args = ap.parse_args()
    stories = select_snn(load_records(), args.verbose, args.stories) + multiling_stories()
    with args.out.open("w", encoding="utf-8") as fh:
        for s in stories:
            fh.write(json.dumps(s, ensure_ascii=False) + "\n")
    if args.packets:
        from claims import saudi_articles, story_rows

        args.packets.mkdir(parents=True, exist_ok=True)
        topics = {json.loads(line)["topic_id"]: json.loads(line)
                  for line in MULTILING_FILE.read_text(encoding="utf-8").splitlines() if line.strip()}
        saudi = saudi_articles({u for s in stories for u in s.get("urls", {}).values()})
        stubs = []
        for s in stories:
            rows = story_rows(s, topics, saudi)
            if s.get("corpus") == "saudinewsnet":  # the benchmark reads what the selection read
                assert sorted(r["text"] for r in rows) == sorted(r["text"] for r in s["rows"]), s["story"]
            write_packet(s, rows, args.packets)
            stub = {k: v for k, v in s.items() if k not in ("rows", "sentences", "event_cos", "copies_hint", "titles")}
            stubs.append({**stub, "families": [], "facts": [], "conflicts": []})
        (args.packets / "gold_stub.jsonl").write_text(
            "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in stubs), encoding="utf-8")
    print(f"{len(stories)} stories -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
