"""NER benchmark: ANERcorp test scores (exact spans, conlleval-style), tagging speed, model size.

    python benchmarks/ner.py            # shipped model on ANERcorp test (+ consistency windows)
    python benchmarks/ner.py --quick    # the CI gate: shipped model, exits 1 below the floor
    python benchmarks/ner.py --train    # retrain from ANERcorp train first (minutes), then score

Data: ANERcorp (Benajiba et al.), CAMeL Lab split, in ../shared/eval/anercorp (CC BY-SA 4.0).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

from _shared import SHARED
from marsad.arabic import normalize
from marsad.stages.entities.ner import (
    MODEL_FILE,
    Tagger,
    evaluate,
    format_scores,
    read_conll,
    train,
)

TEST = SHARED / "eval" / "anercorp" / "test.txt"
TRAIN = SHARED / "eval" / "anercorp" / "train.txt"
#: quality gate for --quick: micro F1 of the shipped model on ANERcorp test
FLOOR = 0.70  # the shipped model measures 0.704; the issue target 0.75 is not reached yet


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="score the shipped model once; gate on FLOOR")
    parser.add_argument("--train", action="store_true", help="retrain on ANERcorp train before scoring")
    args = parser.parse_args()
    if not TEST.exists():
        print(f"missing {TEST}", file=sys.stderr)
        return 2
    model_ref = resources.files("marsad.models").joinpath(MODEL_FILE)
    model_path: Path | None = None
    if args.train:
        model_path = Path(tempfile.mkdtemp()) / MODEL_FILE
        t0 = time.perf_counter()
        data = read_conll(TRAIN)
        train(data, model_path)
        print(f"trained on {sum(map(len, data))} tokens in {time.perf_counter() - t0:.0f}s")
    size = (model_path.stat().st_size if model_path else len(model_ref.read_bytes())) / 1e6
    tagger = Tagger(model_path)
    sentences = [[t for t, _ in s] for s in read_conll(TEST)]
    n_tokens = sum(map(len, sentences))

    t0 = time.perf_counter()
    for s in sentences:
        [normalize(t) for t in s]
    baseline = time.perf_counter() - t0
    t0 = time.perf_counter()
    scores, *_ = evaluate(TEST, tagger)
    tagging = time.perf_counter() - t0
    print(f"ANERcorp test: {n_tokens} tokens, {len(sentences)} sentences; model {size:.2f} MB (gzip)")
    print("each sentence alone:")
    print(format_scores(scores))
    print(f"tagging: {n_tokens / tagging:,.0f} tokens/s "
          f"({tagging / baseline:.0f}x the time of normalizing the same tokens)")
    micro = scores["micro"]["f1"]
    if not args.quick:
        for window in (10, 40):
            w_scores, *_ = evaluate(TEST, tagger, window=window)
            print(f"with label consistency over {window} consecutive sentences (a stand-in for documents):")
            print(format_scores(w_scores))
    print(f"micro F1 {micro:.3f} (floor {FLOOR:.2f}: {'pass' if micro >= FLOOR else 'FAIL'})")
    return 0 if micro >= FLOOR else 1


if __name__ == "__main__":
    sys.exit(main())
