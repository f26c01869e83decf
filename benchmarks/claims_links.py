"""The links decision refitted on the TRAIN and DEV stories' pairs, cross-fitted by story (issue 12, DEV only).

The twenty-first session's registration (docs/consolidate.md): the learned pair decision's logistic regression
over :data:`~marsad.stages.consolidate.pairmodel.FEATURES` plus the linear blend's score (``blend``;
:data:`~marsad.stages.consolidate.pairmodel.LINKS_FEATURES`), fitted on every labelled cross-family candidate pair
of the TRAIN and DEV stories of ``benchmarks/data/claims_gold.jsonl`` (labels as ``claims.py --train``: span
labels where the gold marks spans, else sentence labels), linked at probability :data:`LINK` (merge
:data:`LINK` − ``claims.MERGE_GAP``), never across a clash.

    python benchmarks/claims_links.py                   # DEV figures, cross-fitted by story: each dev story's
                                                        # pairs scored by the model fitted on TRAIN and the other
                                                        # dev stories; the shipped blend beside it
    python benchmarks/claims_links.py --gold-families   # the same with the gold's families as the independent
                                                        # sources of the dev stories (a diagnostic: what the
                                                        # decision does once families are right)
    python benchmarks/claims_links.py --write           # fit on TRAIN + all DEV (marsad's families), write
                                                        # src/marsad/stages/consolidate/pair_model_links.json

Never reads a test story.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

import claims
from _shared import REPO
from claims_score import BOOTSTRAP_N, BOOTSTRAP_SEED, bootstrap, part_of, ratio, totals
from marsad.model import Claim
from marsad.similarity import load_encoder
from marsad.stages.consolidate import stage
from marsad.stages.consolidate.matching import Weights, build_fact_claims, pair_score
from marsad.stages.consolidate.pairmodel import LINKS_FEATURES, LINKS_MODEL_PATH, PairModel

#: the registered probability cut (twenty-first session; chosen on the exploratory cross-fitted curve)
LINK = 0.85
#: the logistic regression's inverse regularization strength and seed
C = 1.0
SEED = 0


def gold_family_keys(stories: list[dict]):
    """An ``independence_keys`` that gives each article of ``stories`` its gold family (a DEV diagnostic)."""
    family: dict[str, str] = {}
    for g in stories:
        urls = g.get("urls", {})
        for members in g.get("families", []):
            for doc in members:
                family[urls.get(doc, doc)] = f"gold:{g['story']}:{members[0]}"
        for doc in g["docs"]:
            family.setdefault(urls.get(doc, doc), f"gold:{g['story']}:{doc}")
    original = stage.independence_keys

    def keys(articles, corpus=None, by_outlet=True, **kw):
        found = original(articles, corpus, by_outlet, **kw)
        if not by_outlet:
            return found
        out = {}
        for a in articles:
            fam = family.get(a.source_key) or family.get(a.source_key[:5])
            if fam is None:
                raise SystemExit(f"no gold family for {a.source_key}")
            out[a.id] = fam
        return out

    return keys


def rows(run: claims.StoryRun) -> tuple[np.ndarray, np.ndarray, dict] | None:
    """The run's candidate pairs as :data:`LINKS_FEATURES` rows, their labels (-1: one gold family) and the
    features the matcher needs; None when the story was not embedded (the blend decides there)."""
    if run.result.prop_vectors is None:
        return None
    pairs, x, y, extra = claims.pair_data(run, "span")
    blend = np.array([pair_score(extra["features"][k], Weights()) for k in pairs])
    return np.column_stack([x, blend]) if len(pairs) else np.zeros((0, len(LINKS_FEATURES))), y, extra


def fit(data: list[tuple[np.ndarray, np.ndarray]], link: float = LINK) -> PairModel:
    """A seeded, standardized, class-balanced logistic regression on the labelled rows of ``data``."""
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([d[0] for d in data])
    y = np.concatenate([d[1] for d in data])
    x, y = x[y >= 0], y[y >= 0]
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, random_state=SEED)
    lr.fit((x - mean) / scale, y)
    return PairModel(LINKS_FEATURES, mean, scale, lr.coef_[0].copy(), float(lr.intercept_[0]), link,
                     round(link - claims.MERGE_GAP, 2))


def print_part(label: str, runs: list[claims.StoryRun], decided: dict[int, list[Claim]]) -> None:
    """Recall, share, claims, strict precision (95 % story-level bootstrap intervals) and lenient of the shipped
    blend and of the refitted decision on ``runs``."""
    print(f"{label} ({len(runs)} stories, {sum(len(r.gold['facts']) for r in runs)} gold facts)")
    print(f"  {'method':<28} {'recall':>7} {'(95 % interval)':>15} {'share':>7} {'claims':>7} {'precision':>9} "
          f"{'(95 % interval)':>15} {'lenient':>8}")
    for name, get in (("atomic facts (blend)", lambda r: r.result.claims),
                      (f"refitted decision {LINK:g}", lambda r: decided[id(r)])):
        counts = claims.story_scores(runs, get)
        s = totals(counts)
        r_lo, r_hi = bootstrap(counts, ratio("recalled", "facts"))
        p_lo, p_hi = bootstrap(counts, ratio("strict", "claims"))
        print(f"  {name:<28} {s['recall']:7.3f} {f'[{r_lo:.2f}, {r_hi:.2f}]':>15} {s['share']:7.3f} "
              f"{s['claims']:7d} {s['precision']:9.3f} {f'[{p_lo:.2f}, {p_hi:.2f}]':>15} {s['lenient']:8.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold-families", action="store_true",
                        help="the dev stories' independent sources are the gold's families (diagnostic)")
    parser.add_argument("--write", action="store_true", help=f"fit on TRAIN + DEV and write {LINKS_MODEL_PATH.name}")
    args = parser.parse_args()
    if args.write and args.gold_families:
        parser.error("--write fits on marsad's own families (what the stage sees), not the gold's")
    load_encoder()
    topics = {t["topic_id"]: t for t in claims.load_jsonl(claims.MULTILING)}
    gold = claims.load_jsonl(claims.GOLD)
    train = [g for g in gold if g["split"] == "train"]
    dev = [g for g in gold if g["split"] == "dev"]
    urls = {u for g in train + dev if g.get("corpus") == "saudinewsnet" for u in g["urls"].values()}
    saudi = claims.saudi_articles(urls)
    with tempfile.TemporaryDirectory() as tmp:
        train_runs = [claims.run_story(g, topics, Path(tmp), None, saudi) for g in train]
        if args.gold_families:
            stage.independence_keys = gold_family_keys(dev)
        dev_runs = [claims.run_story(g, topics, Path(tmp), None, saudi) for g in dev]
    train_rows = [r for r in (rows(run) for run in train_runs) if r is not None]
    dev_rows = {id(run): rows(run) for run in dev_runs}
    known = [d for d in dev_rows.values() if d is not None]
    print(f"pairs: TRAIN {sum(int((d[1] >= 0).sum()) for d in train_rows)} labelled "
          f"({sum(int((d[1] == 1).sum()) for d in train_rows)} same-fact), DEV "
          f"{sum(int((d[1] >= 0).sum()) for d in known)} ({sum(int((d[1] == 1).sum()) for d in known)}); "
          f"families: {'gold' if args.gold_families else 'marsad'}")
    if args.write:
        model = fit([(d[0], d[1]) for d in train_rows + known])
        payload = {**model.to_dict(), "trained_on": [g["story"] for g in train + dev],
                   "command": "python benchmarks/claims_links.py --write", "labels": "span (sentence where none)",
                   "C": C, "seed": SEED, "class_weight": "balanced"}
        LINKS_MODEL_PATH.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {LINKS_MODEL_PATH.relative_to(REPO)}")
        return 0
    decided: dict[int, list[Claim]] = {}
    for run in dev_runs:
        data = dev_rows[id(run)]
        if data is None:
            decided[id(run)] = run.result.claims
            continue
        others = [(d[0], d[1]) for d in train_rows] + [
            (d[0], d[1]) for k, d in dev_rows.items() if k != id(run) and d is not None]
        model = fit(others)
        result = run.result
        decided[id(run)] = build_fact_claims(result.propositions, features=data[2]["features"],
                                             vectors=result.prop_vectors, sentence_vectors=result.unit_vectors,
                                             model=model)[0]
    parts = {p: [r for r in dev_runs if part_of(r.gold) == p] for p in ("dev", "dev2")}
    print_part("DEV (first rounds)", parts["dev"], decided)
    print_part("DEV2", parts["dev2"], decided)
    print_part("DEV, all rounds", dev_runs, decided)
    print(f"  (cross-fitted by story: each dev story scored by the model fitted on TRAIN and the other dev stories; "
          f"intervals: {BOOTSTRAP_N} story resamples, seed {BOOTSTRAP_SEED})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
