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
        --blind benchmarks/out/dev_pairs_blind.jsonl --key benchmarks/out/dev_pairs_key.jsonl

``--score`` reads the key and the reader's labels (``{id, label, note}`` per pair) only — no marsad — and prints
how the reader's labels agree with the gold-derived ones (confusion, % agreement, Cohen's κ; per story and
pooled), the ROC AUC of the blend and of the cross-encoder against the span labels, the reader's labels and the
pairs where both agree, with a story-level bootstrap interval of the difference (reader − span), and the
disagreements counted by the reader's note (``--list``: each one, with its texts):

    python benchmarks/claims_dev_pairs.py --score --key benchmarks/out/dev_pairs_key.jsonl \\
        --labels benchmarks/data/claims_dev_pairs_labels.jsonl [--list]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from claims_agreement import kappa
from claims_score import BOOTSTRAP_N, BOOTSTRAP_SEED, auc, part_of

SEED = 358
#: the reader's note words the disagreements are counted by (first that the note contains; else "other")
NOTE_KINDS = ("conflict", "close", "fragment")


def side(run, prop) -> dict:
    """One proposition as the reader sees it: doc key (the outlet, or the MultiLing doc), sentence index,
    the proposition's text and its sentence's text."""
    return {"doc": run.doc_of[prop.article], "sentence": prop.unit.sentence.i, "text": prop.text,
            "sentence_text": prop.unit.sentence.text}


def read_jsonl(path: Path) -> list[dict]:
    """The JSON objects of a JSONL file."""
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def joined(key: Path, labels: Path) -> list[dict]:
    """The key's rows with the reader's ``label`` and ``note`` (every id once in each file)."""
    by_id = {r["id"]: r for r in read_jsonl(labels)}
    rows = read_jsonl(key)
    if sorted(by_id) != sorted(r["id"] for r in rows):
        raise ValueError("the labels and the key do not hold the same pair ids")
    return [{**r, "reader": int(by_id[r["id"]]["label"]), "note": by_id[r["id"]].get("note", "")} for r in rows]


def note_kind(note: str) -> str:
    """The first of :data:`NOTE_KINDS` the reader's note contains, else "other" ("none" when empty)."""
    low = note.lower()
    return next((k for k in NOTE_KINDS if k in low), "other" if low.strip() else "none")


def agreement_line(rows: list[dict], gold: str) -> str:
    """Confusion (gold 1 / reader 1, 1/0, 0/1, 0/0), % agreement and κ of the reader against ``gold`` labels."""
    g = [r[gold] for r in rows]
    h = [r["reader"] for r in rows]
    cells = [sum(a == x and b == y for a, b in zip(g, h, strict=True)) for x, y in ((1, 1), (1, 0), (0, 1), (0, 0))]
    agree = (cells[0] + cells[3]) / max(len(rows), 1)
    return (f"{gold} 1/1 {cells[0]}, 1/0 {cells[1]}, 0/1 {cells[2]}, 0/0 {cells[3]}; agreement {agree:.3f}, "
            f"κ {kappa([bool(x) for x in g], [bool(x) for x in h]):.3f}")


def score_labels(rows: list[dict], show: bool = False) -> None:
    """Print the reader-vs-gold-derived label diagnostic (see the module doc)."""
    stories = sorted({r["story"] for r in rows})
    print(f"{len(rows)} pairs, {len(stories)} stories; reader 1: {sum(r['reader'] for r in rows)}, span 1: "
          f"{sum(r['span'] for r in rows)}, sentence 1: {sum(r['sentence'] for r in rows)}")
    print("agreement (gold-derived label / reader's label):")
    for story in stories:
        part = [r for r in rows if r["story"] == story]
        print(f"  {story:<20} {len(part):4d} pairs; {agreement_line(part, 'span')}; {agreement_line(part, 'sentence')}")
    print(f"  {'pooled':<20} {len(rows):4d} pairs; {agreement_line(rows, 'span')}; {agreement_line(rows, 'sentence')}")
    both = [r for r in rows if r["span"] == r["reader"]]
    print("ROC AUC (blend, cross-encoder):")
    for name, subset, label in (("span labels", rows, "span"), ("sentence labels", rows, "sentence"),
                                ("the reader's labels", rows, "reader"),
                                (f"pairs where span and reader agree ({len(both)})", both, "span")):
        y = [r[label] for r in subset]
        print(f"  against {name}: blend {auc([r['blend'] for r in subset], y):.3f}, cross-encoder "
              f"{auc([r['cross'] for r in subset], y):.3f} ({sum(y)} of {len(y)} positive)")
    # story-level bootstrap of AUC(reader) - AUC(span), per scorer
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    groups = [[r for r in rows if r["story"] == s] for s in stories]
    diffs: dict[str, list[float]] = {"blend": [], "cross": []}
    for _ in range(BOOTSTRAP_N):
        sample = [r for k in rng.integers(0, len(groups), len(groups)) for r in groups[k]]
        for scorer in diffs:
            x = [r[scorer] for r in sample]
            d = auc(x, [r["reader"] for r in sample]) - auc(x, [r["span"] for r in sample])
            if d == d:
                diffs[scorer].append(d)
    for scorer, values in diffs.items():
        point = (auc([r[scorer] for r in rows], [r["reader"] for r in rows])
                 - auc([r[scorer] for r in rows], [r["span"] for r in rows]))
        lo, hi = np.percentile(values, [2.5, 97.5])
        print(f"  {scorer}: AUC against the reader's labels minus against the span labels {point:+.3f} "
              f"(story-level bootstrap 95 % [{lo:+.3f}, {hi:+.3f}], {BOOTSTRAP_N} resamples of {len(groups)} stories)")
    print("disagreements by the reader's note:")
    for gold, reader, what in ((1, 0, "span 1 / reader 0"), (0, 1, "span 0 / reader 1")):
        part = [r for r in rows if r["span"] == gold and r["reader"] == reader]
        kinds: dict[str, int] = {}
        for r in part:
            kinds[note_kind(r["note"])] = kinds.get(note_kind(r["note"]), 0) + 1
        sentence_same = sum(r["sentence"] == reader for r in part)
        print(f"  {what}: {len(part)} (the sentence labels side with the reader on {sentence_same}); notes: "
              + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))))
        if show:
            for r in part:
                print(f"    {r['id']} {r['story']} sentence {r['sentence']} blend {r['blend']:.3f} cross "
                      f"{r['cross']:.3f} note {r['note']!r}\n      a: {r['a_text']}\n      b: {r['b_text']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--blind", type=Path)
    ap.add_argument("--key", type=Path, required=True)
    ap.add_argument("--score", action="store_true", help="score the reader's --labels against the --key")
    ap.add_argument("--labels", type=Path, help="--score: the reader's labels")
    ap.add_argument("--list", action="store_true", help="--score: print every disagreement")
    args = ap.parse_args()
    if args.score:
        if not args.labels:
            ap.error("--score needs --labels")
        score_labels(joined(args.key, args.labels), args.list)
        return 0
    if not args.blind:
        ap.error("--blind is needed to export")
    return export(args.blind, args.key)


def export(blind_path: Path, key_path: Path) -> int:
    """Write the blind pair file and its key (see the module doc)."""
    from claims import GOLD, MULTILING, load_jsonl, pair_data, run_story, saudi_articles
    from marsad.similarity import embeddings_available, load_encoder
    from marsad.stages.consolidate.crossencoder import default_cross_encoder
    from marsad.stages.consolidate.matching import CROSS_FLOOR, Weights, cross_read_pairs, pair_features, pair_score

    cpu = time.process_time()
    if embeddings_available():
        load_encoder()
    topics = {t["topic_id"]: t for t in load_jsonl(MULTILING)}
    stories = [g for g in load_jsonl(GOLD) if part_of(g) == "dev"]  # the first rounds' DEV (not round dev2)
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
    blind_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in blind), encoding="utf-8")
    key_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in key), encoding="utf-8")
    print(f"{len(blind)} pairs (blend >= {CROSS_FLOOR}, linkable, across gold families), "
          f"{sum(r['span'] for r in key)} same-fact (span labels); {time.process_time() - cpu:.0f} s CPU; "
          f"-> {blind_path}, {key_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
