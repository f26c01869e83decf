"""Export the DEV pairs ``claims.py --cross-grid`` reads, blind, for a second reader (issue 12).

The pairs are those of :func:`claims.read_pair_rows` on the DEV split: cross-family candidate pairs of
propositions that the matcher may link (no negation or slot clash, key content shared) with a blend score
>= ``CROSS_FLOOR`` (0.3) — 358 pairs when this was written. Two files:

- ``--blind``: per pair an ``id``, a neutral story label, and the two propositions (``text``) with their
  sentences (``sentence_text``, ``doc`` key, ``sentence`` index) — no score, no label, no stratum — stories in a
  seeded shuffled order, pairs shuffled within each story, sides swapped at random;
- ``--key``: per ``id`` the gold story, the gold-derived labels (``span``: both propositions state one gold
  fact, overlapping its hand-marked span where there is one — the labels ``--cross-grid`` scores;
  ``sentence``: their sentences carry one gold fact), the blend score and the shipped cross-encoder's
  probability. The key is for the analysis only; the reader of the blind file never sees it.

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 nice -n 10 python benchmarks/claims_dev_pairs.py \\
        --blind /work/runs/s18/dev_pairs_blind.jsonl --key /work/runs/s18/dev_pairs_key.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from claims import GOLD, MULTILING, load_jsonl, pair_data, run_story, saudi_articles
from marsad.similarity import embeddings_available, load_encoder
from marsad.stages.consolidate.crossencoder import default_cross_encoder
from marsad.stages.consolidate.matching import CROSS_FLOOR, Weights, cross_read_pairs, pair_features, pair_score

SEED = 358


def side(run, prop) -> dict:
    """One proposition as the reader sees it: doc key (the outlet, or the MultiLing doc), sentence index,
    the proposition's text and its sentence's text."""
    return {"doc": run.doc_of[prop.article], "sentence": prop.unit.sentence.i, "text": prop.text,
            "sentence_text": prop.unit.sentence.text}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--blind", type=Path, required=True)
    ap.add_argument("--key", type=Path, required=True)
    args = ap.parse_args()
    cpu = time.process_time()
    if embeddings_available():
        load_encoder()
    topics = {t["topic_id"]: t for t in load_jsonl(MULTILING)}
    stories = [g for g in load_jsonl(GOLD) if g["split"] == "dev"]
    saudi = saudi_articles({u for g in stories for u in g.get("urls", {}).values()})
    encoder = default_cross_encoder()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for gold in stories:
            run = run_story(gold, topics, Path(tmp), None, saudi)
            if run.result.prop_vectors is None:  # not embedded (copies of one text): --cross-grid reads none
                continue
            props = run.result.propositions
            pairs, _, span_labels, _ = pair_data(run, "span")
            sentence_labels = dict(zip(pairs, pair_data(run, "sentence")[2].tolist(), strict=True))
            label_of = dict(zip(pairs, span_labels.tolist(), strict=True))
            feats = pair_features(props, use_embeddings=False, vectors=run.result.prop_vectors, residual=False)
            blend = {k: pair_score(f, Weights()) for k, f in feats.items()}
            read = [k for k in cross_read_pairs(feats, blend, Weights(cross="both")) if label_of.get(k, -1) >= 0]
            probs = (encoder.probabilities([(props[i].text, props[j].text) for i, j in read]).tolist()
                     if encoder is not None and read else [None] * len(read))
            for (i, j), p in zip(read, probs, strict=True):
                rows.append({"story": gold["story"], "a": side(run, props[i]), "b": side(run, props[j]),
                             "span": int(label_of[(i, j)]), "sentence": int(sentence_labels[(i, j)]),
                             "blend": float(blend[(i, j)]), "cross": None if p is None else float(p)})
            print(f"{gold['story']}: {len(read)} pairs", file=sys.stderr)
    rng = random.Random(SEED)
    order = sorted({r["story"] for r in rows})
    rng.shuffle(order)
    label = {s: f"story{k + 1:02d}" for k, s in enumerate(order)}
    blind, key = [], []
    for story in order:
        group = [r for r in rows if r["story"] == story]
        rng.shuffle(group)
        for r in group:
            pid = f"dp{len(blind):04d}"
            a, b = (r["a"], r["b"]) if rng.random() < 0.5 else (r["b"], r["a"])
            blind.append({"id": pid, "story": label[story], "a": a, "b": b})
            key.append({"id": pid, "story": story, "story_label": label[story], "span": r["span"],
                        "sentence": r["sentence"], "blend": r["blend"], "cross": r["cross"],
                        "a_text": a["text"], "b_text": b["text"]})
    args.blind.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in blind), encoding="utf-8")
    args.key.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in key), encoding="utf-8")
    print(f"{len(blind)} pairs (blend >= {CROSS_FLOOR}, linkable, across gold families), "
          f"{sum(r['span'] for r in key)} same-fact (span labels); {time.process_time() - cpu:.0f} s CPU; "
          f"-> {args.blind}, {args.key}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
