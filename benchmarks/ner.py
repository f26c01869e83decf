"""NER benchmark: ANERcorp test scores (exact spans, conlleval-style), tagging speed, model size.

    python benchmarks/ner.py              # both shipped models (transformer, CRF), + consistency windows
    python benchmarks/ner.py --quick      # the CI gate: the shipped transformer once; exits 1 below FLOOR
    python benchmarks/ner.py --train crf  # retrain a model from ANERcorp train first (crf: minutes,
                                          # e5: about 20-25 minutes on 2 cores), then score it

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
from marsad.stages.entities import neural
from marsad.stages.entities.ner import MODEL_FILE, Tagger, evaluate, format_scores, read_conll, train

TEST = SHARED / "eval" / "anercorp" / "test.txt"
TRAIN = SHARED / "eval" / "anercorp" / "train.txt"
#: quality gate for --quick: micro F1 of the shipped transformer on ANERcorp test (the issue asks >= 0.75)
FLOOR = 0.75


def _size(kind: str, path: Path | None) -> float:
    if path is not None:
        return path.stat().st_size / 1e6
    name = neural.MODEL_FILE if kind == "e5" else MODEL_FILE
    return len(resources.files("marsad.models").joinpath(name).read_bytes()) / 1e6


def _score(kind: str, path: Path | None, windows: tuple[int, ...], baseline: float, n_tokens: int) -> tuple:
    t0 = time.perf_counter()
    tagger = neural.NeuralTagger(path) if kind == "e5" else Tagger(path)
    loading = time.perf_counter() - t0
    t0 = time.perf_counter()
    scores, *_ = evaluate(TEST, tagger)
    tagging = time.perf_counter() - t0
    label = "transformer (multilingual-e5-small + LoRA)" if kind == "e5" else "CRF"
    print(f"\n== {label}: model {_size(kind, path):.2f} MB, loaded in {loading:.1f}s ==")
    print("each sentence alone:")
    print(format_scores(scores))
    print(f"tagging: {n_tokens / tagging:,.0f} tokens/s ({tagging / baseline:.0f}x the time of normalizing "
          "the same tokens)")
    for window in windows:
        w_scores, *_ = evaluate(TEST, tagger, window=window)
        print(f"with label consistency over {window} consecutive sentences (a stand-in for documents):")
        print(format_scores(w_scores))
    return scores["micro"]["f1"], tagging


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="score the shipped transformer once; gate on FLOOR")
    parser.add_argument("--train", choices=("crf", "e5"), help="retrain this model on ANERcorp train first")
    args = parser.parse_args()
    if not TEST.exists():
        print(f"missing {TEST}", file=sys.stderr)
        return 2
    paths: dict[str, Path | None] = {"e5": None, "crf": None}
    if args.train:
        t0 = time.perf_counter()
        data = read_conll(TRAIN)
        out = Path(tempfile.mkdtemp()) / (neural.MODEL_FILE if args.train == "e5" else MODEL_FILE)
        if args.train == "e5":
            neural.train_neural(data, out, log=lambda line: print(line, file=sys.stderr, flush=True))
        else:
            train(data, out)
        paths[args.train] = out
        print(f"trained {args.train} on {sum(map(len, data))} tokens in {time.perf_counter() - t0:.0f}s")
    sentences = [[t for t, _ in s] for s in read_conll(TEST)]
    n_tokens = sum(map(len, sentences))
    t0 = time.perf_counter()
    for s in sentences:
        [normalize(t) for t in s]
    baseline = time.perf_counter() - t0
    print(f"ANERcorp test: {n_tokens} tokens, {len(sentences)} sentences")
    windows = () if args.quick else (10, 40)
    micro, e5_time = _score("e5", paths["e5"], windows, baseline, n_tokens)
    if not args.quick:
        crf_micro, crf_time = _score("crf", paths["crf"], windows, baseline, n_tokens)
        print(f"\ntransformer vs CRF: micro F1 {micro:.3f} vs {crf_micro:.3f}; "
              f"tagging takes {e5_time / crf_time:.1f}x the CRF's time")
    print(f"micro F1 {micro:.3f} (floor {FLOOR:.2f}: {'pass' if micro >= FLOOR else 'FAIL'})")
    return 0 if micro >= FLOOR else 1


if __name__ == "__main__":
    sys.exit(main())
