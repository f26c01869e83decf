"""Choose, on DEV only, how the mixed tagger (e5+crf) weighs its two models per entity type, and a bias
against O in its Viterbi pass.

    python benchmarks/ner_mix.py --dev-e5 M [--dev-crf C]

``M`` is a transformer trained on the first 90% of ANERcorp train (``marsad train ner --hold-out 0.1
--out M``); ``C`` a CRF trained on the same 90% (``marsad train ner --kind crf --hold-out 0.1 --out C``;
trained here when not given). Both score the dev split (the last 10% of train), which neither saw.

Per word, the mix is ``w[t] * p_e5 + (1 - w[t]) * p_crf`` for the labels of type ``t`` (B-t, I-t) and
``w[O]`` for O; ``log p(O)`` is then lowered by ``bias`` before the BIO-constrained Viterbi pass. The
weights are chosen by coordinate ascent over a coarse grid (each parameter in turn, others held, two
rounds; ties keep the earlier value, so the shipped setting wins a tie), from the shipped setting
(``ner.MIX_WEIGHT``, ``ner.O_BIAS``). The
test files are not read.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from _shared import SHARED
from marsad.stages.entities import neural
from marsad.stages.entities.ner import DEV_SHARE, MIX_WEIGHT, O_BIAS, TYPES, Tagger, read_conll, score, split_dev, train

TRAIN = SHARED / "eval" / "anercorp" / "train.txt"
WEIGHT_GRID = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
BIAS_GRID = (-0.5, 0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0)
PARAMS = ("O", *TYPES, "bias")


def label_groups() -> dict[str, list[int]]:
    """Label indices of :data:`neural.LABELS` per type (O is its own group)."""
    groups: dict[str, list[int]] = {"O": []}
    for i, lab in enumerate(neural.LABELS):
        groups.setdefault("O" if lab == "O" else lab[2:], []).append(i)
    return groups


def evaluate(setting: dict[str, float], e5: list[np.ndarray], crf: list[np.ndarray], gold: list[list[str]],
             transitions) -> dict:
    """Dev scores of one mix setting."""
    weights = neural.mix_vector(setting)
    predicted = []
    for p_e5, p_crf in zip(e5, crf, strict=True):
        mixed = np.log(weights * p_e5 + (1.0 - weights) * p_crf + 1e-9)
        mixed[:, 0] -= setting["bias"]
        predicted.append([neural.LABELS[i] for i in neural.viterbi(mixed, transitions)])
    return score(gold, predicted)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev-e5", type=Path, required=True, metavar="MODEL")
    parser.add_argument("--dev-crf", type=Path, metavar="MODEL")
    args = parser.parse_args()
    train_data, dev = split_dev(read_conll(TRAIN))
    words = [[t for t, _ in s] for s in dev]
    gold = [[lab for _, lab in s] for s in dev]
    model = neural.NeuralTagger(args.dev_e5)
    if model.hold_out != DEV_SHARE:
        print(f"{args.dev_e5} was not trained with --hold-out 0.1", file=sys.stderr)
        return 2
    crf_path = args.dev_crf
    if crf_path is None:
        crf_path = Path(tempfile.mkdtemp()) / "dev.ner.crfsuite.gz"
        train(train_data, crf_path)
    crf = Tagger(crf_path)
    t0 = time.perf_counter()
    e5 = [np.exp(s) for s in model.word_scores(words)]
    crf_p = []
    for s in words:
        _, marginals = crf.marginals(s)
        crf_p.append(np.array([[m.get(lab, 0.0) for lab in neural.LABELS] for m in marginals], dtype=np.float32))
    print(f"dev: {len(dev)} sentences, {sum(map(len, dev))} tokens; scored in {time.perf_counter() - t0:.0f}s "
          f"(e5 {model.pooling} pooling, {args.dev_e5.name}; CRF {crf_path.name})", file=sys.stderr)

    def f1(setting: dict[str, float]) -> float:
        return evaluate(setting, e5, crf_p, gold, model.transitions)["micro"]["f1"]

    for alone, w in (("CRF alone", 0.0), ("e5 alone", 1.0)):
        sc = evaluate({**dict.fromkeys(PARAMS[:-1], w), "bias": 0.0}, e5, crf_p, gold, model.transitions)
        print(f"{alone:<28} dev micro F1 {sc['micro']['f1']:.3f} "
              + " ".join(f"{t} {sc[t]['f1']:.3f}" for t in TYPES))
    shares = MIX_WEIGHT if isinstance(MIX_WEIGHT, dict) else dict.fromkeys(PARAMS[:-1], MIX_WEIGHT)
    setting = {**shares, "bias": O_BIAS}
    start = evaluate(setting, e5, crf_p, gold, model.transitions)
    print(f"{'shipped mix setting':<28} dev micro P {start['micro']['precision']:.3f} "
          f"R {start['micro']['recall']:.3f} F1 {start['micro']['f1']:.3f} "
          + " ".join(f"{t} {start[t]['f1']:.3f}" for t in TYPES))
    best = f1(setting)
    for round_ in (1, 2):
        for param in PARAMS:
            grid = BIAS_GRID if param == "bias" else WEIGHT_GRID
            row = []
            for value in grid:
                trial = {**setting, param: value}
                value_f1 = f1(trial)
                row.append(f"{value:g}:{value_f1:.3f}")
                if value_f1 > best + 1e-9:
                    best, setting = value_f1, trial
            print(f"round {round_} {param:<5} " + " ".join(row) + f"  -> {setting[param]:g}")
    final = evaluate(setting, e5, crf_p, gold, model.transitions)
    print(f"{'chosen on dev':<28} dev micro P {final['micro']['precision']:.3f} R {final['micro']['recall']:.3f} "
          f"F1 {final['micro']['f1']:.3f} " + " ".join(f"{t} {final[t]['f1']:.3f}" for t in TYPES))
    print("setting: " + ", ".join(f"{k} {v:g}" for k, v in setting.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
