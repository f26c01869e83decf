"""Transformer tagger speed and F1 per encoder backend, side by side (issue 16: "a real speed-up at equal F1").

    python benchmarks/encoder.py            # numpy, ONNX Runtime float32, ONNX Runtime int8 on ANERcorp test
    python benchmarks/encoder.py --limit 300

For each backend of :class:`marsad.stages.entities.neural.NeuralTagger` the transformer's word
scores for the ANERcorp test sentences are computed once (batched as in a run) and timed: CPU
seconds of this process (every thread counted, so a backend cannot look faster by using more
cores) and wall seconds; speed is printed as tokens per CPU second and as a ratio to the numpy
backend measured in the same run. Then the default tagger (transformer mixed with the CRF) is
scored with those word scores on ANERcorp test and on the out-of-domain test set (exact spans,
micro F1), and the share of ANERcorp test tokens whose label differs from the numpy backend's.
The ONNX models are built into a temporary cache first, so their one-off build is not timed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

import numpy as np

from _shared import REPO, SHARED
from marsad.stages.entities import neural
from marsad.stages.entities.ner import MIX_WEIGHT, O_BIAS, Tagger, evaluate_sentences, read_conll

TEST = SHARED / "eval" / "anercorp" / "test.txt"
OOD = REPO / "benchmarks" / "data" / "ner_ood_test.txt"


class _Precomputed:
    """A transformer whose word scores were computed (and timed) once for the given sentences."""

    def __init__(self, tagger: neural.NeuralTagger, sentences: list[list[str]]) -> None:
        self.version, self.transitions = tagger.version, tagger.transitions
        cpu, wall = time.process_time(), time.perf_counter()
        scores = tagger.word_scores(sentences)
        self.cpu, self.wall = time.process_time() - cpu, time.perf_counter() - wall
        self._scores = {tuple(s): sc for s, sc in zip(sentences, scores, strict=True)}

    def word_scores(self, sentences):
        return [self._scores[tuple(s)] for s in sentences]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N sentences of each test set")
    args = parser.parse_args()
    for path in (TEST, OOD):
        if not path.exists():
            print(f"missing {path}", file=sys.stderr)
            return 2
    tests = {"ANERcorp test": read_conll(TEST)[: args.limit], "out-of-domain test": read_conll(OOD)[: args.limit]}
    words = [[t for t, _ in s] for data in tests.values() for s in data]
    n_tokens = sum(len(s) for s in tests["ANERcorp test"])
    n_all = sum(map(len, words))
    print(f"ANERcorp test {n_tokens:,} tokens; out-of-domain test {sum(map(len, tests['out-of-domain test'])):,} "
          f"tokens; threads: OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, "
          f"ONNX Runtime 1 intra-op thread; load average {os.getloadavg()[0]:.1f}")
    crf = Tagger()
    rows, reference = [], None
    with tempfile.TemporaryDirectory() as cache:
        os.environ["MARSAD_CACHE"] = cache
        for backend in ("numpy", "onnx", "int8"):  # numpy first: the baseline
            build = time.process_time()
            tagger = neural.NeuralTagger(backend=backend)
            build = time.process_time() - build
            scored = _Precomputed(tagger, words)
            combined = neural.CombinedTagger(scored, crf, MIX_WEIGHT, O_BIAS)
            f1, labels = {}, []
            for name, data in tests.items():
                result, _, _, predicted = evaluate_sentences(data, combined)
                f1[name] = result["micro"]["f1"]
                if name == "ANERcorp test":
                    labels = [lab for sentence in predicted for lab in sentence]
            if reference is None:
                reference = (scored.cpu, labels)
            differ = float(np.mean([a != b for a, b in zip(labels, reference[1], strict=True)]))
            rows.append((backend, build, scored, f1, differ))
            print(f"{backend}: done (load average {os.getloadavg()[0]:.1f})", file=sys.stderr)
    print(f"\n{'backend':<8} {'load s':>7} {'CPU s':>7} {'wall s':>7} {'tokens/CPU s':>13} {'speed-up':>9} "
          f"{'F1 ANERcorp':>12} {'F1 OOD':>7} {'labels differ':>14}")
    for backend, build, scored, f1, differ in rows:
        print(f"{backend:<8} {build:>7.1f} {scored.cpu:>7.1f} {scored.wall:>7.1f} {n_all / scored.cpu:>13,.0f} "
              f"{reference[0] / scored.cpu:>8.2f}x {f1['ANERcorp test']:>12.3f} {f1['out-of-domain test']:>7.3f} "
              f"{differ:>14.4f}")
    print("(tokens/CPU s: the tokens of both sets over the transformer's CPU seconds; speed-up: the numpy "
          "backend's CPU seconds over this one's, same run; load s: building or loading the model, not in CPU s; "
          "labels differ: share of ANERcorp test tokens labelled otherwise than by the numpy backend)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
