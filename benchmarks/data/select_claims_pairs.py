"""Select cross-outlet proposition pairs of SaudiNewsNet stories for hand annotation (issue 12).

Seeded and deterministic; one niced core, a few minutes:

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 nice -n 5 \\
        python benchmarks/data/select_claims_pairs.py --out /tmp/claims_pairs_candidates.jsonl

Steps (see benchmarks/data/README.md, ``claims_pairs.jsonl``):

1. **Stories.** Every SaudiNewsNet record (``../shared/corpus/saudinewsnet``; the first record of each
   url) except records 30,200–31,029 (file order; a reserved test sample: skipped before parsing)
   gets a TF-IDF vector of the content terms (:func:`marsad.similarity.content_terms`) of its title and
   lead. Articles of different outlets published the same or an adjacent day whose cosine is at least
   :data:`LINK` are linked; stories are stars grown greedily around the article with the most links
   (one article per outlet, the closest first, at most :data:`MAX_ARTICLES`). A story any of whose
   articles — or of the articles linked to them — is in ``claims_gold.jsonl`` is dropped.
2. **Independence.** Each story is run through the path of ``marsad summarize``
   (:func:`marsad.stages.consolidate.command.summarize_inputs`: ingest, dedup, entities (CRF tagger),
   quotes, timex, consolidation — no embeddings). Articles of one duplicate family of the dedup stage,
   or whose 3-shingle containment (the dedup stage's :func:`measure`) is at least
   :data:`COPY_CONTAINMENT` (lightly edited wire copies the stage keeps apart), form one *family*; a
   story needs two families.
3. **Pairs.** Propositions are the consolidation's own (:func:`story_propositions`, the units the
   matcher scores). Candidate pairs join propositions of two different families of one story; near-
   identical texts (term Jaccard >= :data:`MAX_JACCARD`) are left out. Per story, seeded, up to
   :data:`PER_STORY` pairs (:data:`STRATA`): ``close`` (the pairs ranked highest by term Jaccard +
   :data:`CLOSE_KEY_WEIGHT` per shared entity, date or number value: likely the same fact), ``keys``
   (random pairs that share an entity, a number or a date: same people or place, often another fact),
   ``overlap`` (random pairs with term Jaccard in [:data:`MIN_OVERLAP`, :data:`MAX_JACCARD`) and no
   shared key), ``random`` (any cross-family pair of the story).

The output carries no score, only the stratum; the file the annotator reads is written without it
(``--blind``) and in a seeded shuffled order within each story.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from scipy import sparse

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from _shared import REPO, SAUDI  # noqa: E402
from marsad.similarity import content_terms  # noqa: E402

GOLD = REPO / "benchmarks" / "data" / "claims_gold.jsonl"
#: records of the reserved test sample (file order, inclusive): never parsed
RESERVED = (30_200, 31_029)
#: characters of the content taken as the lead
LEAD_CHARS = 400
#: cosine of title+lead TF-IDF vectors that links two articles of one story
LINK = 0.45
#: articles per story at most (one per outlet)
MAX_ARTICLES = 6
#: 3-shingle containment at or above which two articles count as copies of one text
COPY_CONTAINMENT = 0.3
#: stories to keep, pairs per story at most, and the share of each stratum
STORIES = 60
STRATA = (("close", 8), ("keys", 7), ("overlap", 5), ("random", 5))
PER_STORY = sum(quota for _, quota in STRATA)
#: term-Jaccard band of the overlap stratum; pairs at or above MAX_JACCARD are copies
MIN_OVERLAP = 0.15
MAX_JACCARD = 0.7
SEED = 12
#: weight of one shared entity/date/number in the "close" stratum's ranking (term Jaccard + this * shared)
CLOSE_KEY_WEIGHT = 0.1


def load_records() -> list[dict]:
    """SaudiNewsNet records with content (first record of each url), reserved records skipped unread."""
    out: list[dict] = []
    seen: set[str] = set()
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if RESERVED[0] <= n <= RESERVED[1]:
                continue
            r = json.loads(line)
            if not r.get("content") or r["url"] in seen:
                continue
            seen.add(r["url"])
            out.append({"n": n, "url": r["url"], "source": r["source"], "day": r["date_extracted"][:10],
                        "title": r.get("title") or "", "content": r["content"]})
    return out


def text_tfidf(texts: list[str]) -> sparse.csr_matrix:
    """L2-normalized TF-IDF rows of the content terms of each text (IDF over ``texts``)."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, text in enumerate(texts):
        for term, c in Counter(content_terms(text)).items():
            rows.append(i)
            cols.append(vocab.setdefault(term, len(vocab)))
            vals.append(float(c))
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(vocab)))
    df = np.bincount(x.indices, minlength=len(vocab))
    x = x @ sparse.diags(np.log((1 + len(texts)) / (1 + df)) + 1.0)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    return sparse.diags(1.0 / np.maximum(norms, 1e-9)) @ x


def tfidf(records: list[dict]) -> sparse.csr_matrix:
    """L2-normalized TF-IDF rows of the content terms of each record's title and lead."""
    return text_tfidf([r["title"] + " . " + r["content"][:LEAD_CHARS] for r in records])


def links(records: list[dict], x: sparse.csr_matrix) -> dict[int, dict[int, float]]:
    """Cosine >= LINK between articles of different outlets on the same or adjacent day."""
    from datetime import date

    day_no = np.array([date.fromisoformat(r["day"]).toordinal() for r in records])
    by_day: dict[int, list[int]] = defaultdict(list)
    for i, d in enumerate(day_no):
        by_day[int(d)].append(i)
    out: dict[int, dict[int, float]] = defaultdict(dict)
    for d in sorted(by_day):
        left = by_day[d]
        right = [j for e in (d, d + 1) for j in by_day.get(e, [])]
        sims = (x[left] @ x[right].T).tocoo()
        for a, b, v in zip(sims.row, sims.col, sims.data, strict=True):
            i, j = left[a], right[b]
            if i < j and v >= LINK and records[i]["source"] != records[j]["source"]:
                out[i][j] = out[j][i] = float(v)
    return out


def stars(records: list[dict], graph: dict[int, dict[int, float]], banned: set[int]) -> list[list[int]]:
    """Stories: stars around the article with the most links, greedily (ties by record order)."""
    used: set[int] = set()
    stories: list[list[int]] = []
    for centre in sorted(graph, key=lambda i: (-len(graph[i]), records[i]["n"])):
        if centre in used:
            continue
        members = [centre]
        outlets = {records[centre]["source"]}
        for j in sorted(graph[centre], key=lambda j: (-graph[centre][j], records[j]["n"])):
            if j in used or records[j]["source"] in outlets or len(members) >= MAX_ARTICLES:
                continue
            members.append(j)
            outlets.add(records[j]["source"])
        touched = set(members) | {k for m in members for k in graph[m]}
        used.update(members)
        if len(members) >= 2 and not touched & banned:
            stories.append(sorted(members, key=lambda i: records[i]["n"]))
    return stories


def families(corpus, articles) -> dict[str, str]:
    """Article id -> family: the dedup stage's duplicate families, joined with pairs whose
    3-shingle containment is at least COPY_CONTAINMENT."""
    from marsad.stages.dedup.families import features_of, measure
    from marsad.stages.dedup.params import DedupParams

    parent = {a.id: a.id for a in articles}

    def find(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    def join(a: str, b: str) -> None:
        ra, rb = sorted((find(a), find(b)))
        parent[rb] = ra

    for a in articles:
        origin = corpus.family_of(a.id)
        if origin in parent:
            join(a.id, origin)
    feats = features_of(articles, DedupParams())
    for i, x in enumerate(feats):
        for y in feats[i + 1:]:
            if measure(x, y).containment >= COPY_CONTAINMENT:
                join(x.id, y.id)
    return {a.id: find(a.id) for a in articles}


def jaccard(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / max(len(sa | sb), 1)


def shared_keys(p, q) -> int:
    """How many entities, dates and number values they share."""
    pn = {v for vs in p.numbers.values() for v in vs}
    qn = {v for vs in q.numbers.values() for v in vs}
    return len(p.entities & q.entities) + len(p.dates & q.dates) + len(pn & qn)


def story_pairs(story_id: str, rows: list[dict], rng: random.Random) -> list[dict]:
    """Run one story through ``marsad summarize``'s path and draw its candidate pairs."""
    from marsad.stages.consolidate.command import summarize_inputs

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{story_id}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        found = summarize_inputs([str(path)], use_embeddings=False, ner="crf")
    if found is None:
        return []
    corpus, result = found
    fam = families(corpus, corpus.articles)
    if len(set(fam.values())) < 2:
        return []
    by_id = {a.id: a for a in corpus.articles}
    props = result.propositions
    strata: dict[str, list[tuple[int, int]]] = {"close": [], "keys": [], "overlap": [], "random": []}
    closeness: dict[tuple[int, int], float] = {}
    for i, p in enumerate(props):
        for j in range(i + 1, len(props)):
            q = props[j]
            if fam[p.article] == fam[q.article]:
                continue
            jac = jaccard(p.terms, q.terms)
            if jac >= MAX_JACCARD:
                continue
            shared = shared_keys(p, q)
            strata["random"].append((i, j))
            if shared:
                strata["keys"].append((i, j))
            elif jac >= MIN_OVERLAP:
                strata["overlap"].append((i, j))
            if shared or jac >= MIN_OVERLAP:
                strata["close"].append((i, j))
                closeness[(i, j)] = jac + CLOSE_KEY_WEIGHT * shared
    chosen: list[tuple[int, int, str]] = []
    taken: set[tuple[int, int]] = set()
    for name, quota in STRATA:
        pool = [pq for pq in strata[name] if pq not in taken]
        rng.shuffle(pool)
        if name == "close":  # the lexically closest pairs, ties in seeded order
            pool.sort(key=lambda pq: -closeness[pq])
        for pq in pool[:quota]:
            taken.add(pq)
            chosen.append((*pq, name))
    out = []
    for i, j, name in sorted(chosen):
        sides = []
        for p in (props[i], props[j]):
            art = by_id[p.article]
            sides.append({"url": art.source_key, "outlet": art.outlet, "sentence": p.unit.sentence.i,
                          "text": p.text, "sentence_text": p.unit.sentence.text})
        if rng.random() < 0.5:  # which side is "a" says nothing
            sides.reverse()
        out.append({"story": story_id, "stratum": name, "a": sides[0], "b": sides[1]})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="candidate pairs (JSONL)")
    ap.add_argument("--blind", type=Path, help="the same pairs without their stratum, shuffled within each story")
    ap.add_argument("--stories", type=int, default=STORIES)
    args = ap.parse_args()
    t0 = time.time()
    records = load_records()
    # the gold as it was when the pairs were drawn: rounds test2's and dev2's lines came later (they were chosen to
    # avoid the pairs' articles) and would shift this seeded draw
    gold_urls = {u for line in GOLD.read_text(encoding="utf-8").splitlines()
                 if line.strip() and json.loads(line).get("round") not in ("test2", "test3", "dev2")
                 for u in json.loads(line).get("urls", {}).values()}
    banned = {i for i, r in enumerate(records) if r["url"] in gold_urls}
    print(f"{len(records)} records read ({len(banned)} in claims_gold) in {time.time() - t0:.0f}s", file=sys.stderr)
    graph = links(records, tfidf(records))
    candidates = stars(records, graph, banned)
    print(f"{len(candidates)} candidate stories in {time.time() - t0:.0f}s", file=sys.stderr)
    rng = random.Random(SEED)
    order = list(range(len(candidates)))
    rng.shuffle(order)
    pairs: list[dict] = []
    kept = 0
    for k in order:
        if kept >= args.stories:
            break
        members = candidates[k]
        first = records[members[0]]
        story_id = f"SNNP-{first['day'][5:]}-{first['n']}"
        rows = [{"url": records[m]["url"], "source": records[m]["source"], "text": records[m]["content"],
                 "published": records[m]["day"]} for m in members]
        got = story_pairs(story_id, rows, random.Random(f"{SEED}-{story_id}"))
        if not got:
            continue
        kept += 1
        pairs.extend(got)
        print(f"{story_id}: {len(members)} articles, {len(got)} pairs ({time.time() - t0:.0f}s)", file=sys.stderr)
    with args.out.open("w", encoding="utf-8") as fh:
        for n, p in enumerate(pairs):
            fh.write(json.dumps({"id": f"cp{n:04d}", **p}, ensure_ascii=False) + "\n")
    if args.blind:
        rows = [{"id": f"cp{n:04d}", **{k: v for k, v in p.items() if k != "stratum"}} for n, p in enumerate(pairs)]
        by_story: dict[str, list[dict]] = defaultdict(list)
        for row in rows:
            by_story[row["story"]].append(row)
        with args.blind.open("w", encoding="utf-8") as fh:
            for story in dict.fromkeys(r["story"] for r in rows):
                group = by_story[story]
                random.Random(f"{SEED}-blind-{story}").shuffle(group)
                for row in group:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{kept} stories, {len(pairs)} pairs -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
