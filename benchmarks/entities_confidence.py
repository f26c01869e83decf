"""Choose the entities stage's confidence guard on the judged dev mentions (issue 19).

Runs the entities stage over SaudiNewsNet records ``[--start, --start + --limit)`` with the tagger's
labels and label probabilities read from ``--labels`` (the cache of ``entities_corpus.py``; tagged when
missing), up to the corpus rules, without the guard. Each judged mention of the samples drawn from that
range (``benchmarks/data/entities_sample*.jsonl``) that this run still produces (same article, offsets,
type and entity name) gets its own confidence (:func:`marsad.stages.entities.stage.span_confidence`)
and its entity's mean confidence. Printed, per pair of floors (mention, entity): how many judged
mentions the guard keeps, their precision, the errors it removes by class, the correct ones it loses,
and the share of all the run's mentions it drops.

    python benchmarks/entities_confidence.py --start 22000 --limit 600 --labels L

Only dev samples belong here (1–7 are dev since the eighth session, 8 since the ninth); a test sample is scored by
``entities_corpus.py`` once the guard is fixed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from entities_corpus import DATA, SAMPLE_GLOB, cached, read_articles
from marsad.stages.entities import EntitiesStage
from marsad.stages.entities.canonical import link
from marsad.stages.entities.ner import load_tagger
from marsad.stages.entities.stage import entity_confidence

MENTION_GRID = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
ENTITY_GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def judged_rows(start: int, limit: int) -> list[dict]:
    """The judged mentions of every sample drawn from records ``start .. start+limit-1``."""
    rows = []
    for path in sorted(DATA.glob(SAMPLE_GLOB)):
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        run = lines[0].get("run", {})
        if (run.get("start"), run.get("limit")) == (start, limit):
            rows += [dict(item, sample=path.name) for item in lines[1:] if item["correct"] is not None]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--start", type=int, required=True)
    parser.add_argument("--limit", type=int, required=True)
    parser.add_argument("--labels", type=Path, required=True, help="label + probability cache (gzip JSONL)")
    parser.add_argument("--out", type=Path, help="also write one JSON line per judged mention found")
    args = parser.parse_args()
    articles = read_articles(args.start, args.limit)
    tagger = cached(load_tagger(None), args.labels)
    stage = EntitiesStage(tagger=tagger)
    raw = []
    for article in articles:
        raw.extend(stage.article_mentions(article, tagger))
    raw = stage.corpus_rules(articles, raw)
    of_entity = entity_confidence(raw)
    saved = [(r.mention.type, r.mention.entity) for r in raw]
    names = {e.id: e.name for e in link(raw)}
    entity_of = {id(r): r.mention.entity for r in raw}
    confidences: dict[str | None, list[float]] = {}
    for r in raw:
        if r.confidence is not None:
            confidences.setdefault(r.mention.entity, []).append(r.confidence)
    found = {(r.mention.article, r.mention.start, r.mention.end): r for r in raw}
    judged = judged_rows(args.start, args.limit)
    items = []
    for item in judged:
        r = found.get((item["article"], item["start"], item["end"]))
        if r is None or r.mention.type != item["type"] or names.get(r.mention.entity or "") != item["entity"]:
            continue
        items.append({**item, "own": r.confidence, "agg": of_entity.get(id(r)),
                      "entity_confidences": confidences.get(entity_of[id(r)], [])})
    for r, (type_, entity) in zip(raw, saved, strict=True):
        r.mention.type, r.mention.entity = type_, entity  # type: ignore[assignment]
    print(f"records {args.start}..{args.start + args.limit - 1}: {len(articles)} articles, {len(raw)} mentions "
          f"({sum(r.confidence is None for r in raw)} without a confidence of their own); judged mentions of "
          f"this range {len(judged)}, still produced {len(items)} "
          f"({sum(i['correct'] for i in items)} correct); {tagger.new} sentences newly tagged")
    if args.out:
        with args.out.open("w", encoding="utf-8") as fh:
            for item in items:
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    all_conf = [(r.confidence, of_entity.get(id(r))) for r in raw]
    all_support = [(r.confidence, confidences.get(entity_of[id(r)], [])) for r in raw]
    print("mention floor, entity floor: judged kept, precision | errors removed by class | correct lost | "
          "share of the run's mentions dropped")
    for mf in MENTION_GRID:
        for ef in ENTITY_GRID if mf > 0 else (1.01,):
            def dropped(own: float | None, agg: float | None, mf: float = mf, ef: float = ef) -> bool:
                return own is not None and own < mf and (agg or 0.0) < ef
            kept = [i for i in items if not dropped(i["own"], i["agg"])]
            removed = Counter(i["error"] for i in items if dropped(i["own"], i["agg"]) and not i["correct"])
            lost = sum(1 for i in items if dropped(i["own"], i["agg"]) and i["correct"])
            good = sum(i["correct"] for i in kept)
            share = sum(dropped(o, a) for o, a in all_conf) / max(len(all_conf), 1)
            print(f"{mf:.2f} {ef:.2f}: {len(kept):4d} {good / max(len(kept), 1):.3f} | "
                  f"{', '.join(f'{k} {n}' for k, n in sorted(removed.items())) or '-':<45} | {lost:3d} | {share:.3f}")
    print("variant: a doubtful mention stays when its entity has at least K mentions at or over the floor")
    for mf in MENTION_GRID[1:]:
        for k_sure in (1, 2, 3, 99):
            def dropped_k(own: float | None, confs: list[float], mf: float = mf, k_sure: int = k_sure) -> bool:
                return own is not None and own < mf and sum(c >= mf for c in confs) < k_sure
            kept = [i for i in items if not dropped_k(i["own"], i["entity_confidences"])]
            removed = Counter(i["error"] for i in items if not i["correct"]
                              and dropped_k(i["own"], i["entity_confidences"]))
            lost = sum(1 for i in items if i["correct"] and dropped_k(i["own"], i["entity_confidences"]))
            good = sum(i["correct"] for i in kept)
            share = sum(dropped_k(o, c) for o, c in all_support) / max(len(all_support), 1)
            print(f"{mf:.2f} K={k_sure:<2d}: {len(kept):4d} {good / max(len(kept), 1):.3f} | "
                  f"{', '.join(f'{k} {n}' for k, n in sorted(removed.items())) or '-':<45} | {lost:3d} | {share:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
