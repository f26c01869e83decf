"""What a confidence cut on the mixed tagger's names costs and buys (issue 19, idea (c); issue 13).

Each name the default tagger (e5+crf, shares :data:`marsad.stages.entities.ner.MIX_WEIGHT`) finds gets a
confidence: the mean, over its words, of the mixed probability of the label the Viterbi pass chose. A
name is *supported* when the same words (spelling keys) are found as a name elsewhere in the same text
collection (ANERcorp marks no documents, so the split is the collection, as the corpus is for the
entities stage). Printed, per threshold ``t``: micro P/R/F1 when names under ``t`` are dropped, and when
only unsupported names under ``t`` are dropped.

    python benchmarks/ner_confidence.py --dev-e5 M --dev-crf C          # dev only: choose here
    python benchmarks/ner_confidence.py --test --threshold T [T ...]    # shipped models, test

Dev is the last tenth of ANERcorp train scored by models trained on the first 90% (``marsad train ner
--hold-out 0.1``); ``--test`` reads ANERcorp test with the shipped models and prints only the
thresholds given (named on dev), beside no cut.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from _shared import SHARED
from marsad.arabic.normalize import spelling_key
from marsad.stages.entities import neural
from marsad.stages.entities.ner import DEV_SHARE, MIX_WEIGHT, Tagger, read_conll, score, spans, split_dev
from marsad.stages.entities.stage import ENTITY_FLOOR, MENTION_FLOOR, span_confidence

TRAIN = SHARED / "eval" / "anercorp" / "train.txt"
TEST = SHARED / "eval" / "anercorp" / "test.txt"
GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


def mixed_scores(e5: neural.NeuralTagger, crf: Tagger, words: list[list[str]]) -> list[np.ndarray]:
    """Per sentence, the mixed label probabilities [words, labels] (the default tagger's mix)."""
    mix = neural.mix_vector(MIX_WEIGHT)
    out = []
    for w, logp in zip(words, e5.word_scores(words), strict=True):
        _, marginals = crf.marginals(w)
        p_crf = np.array([[m.get(lab, 0.0) for lab in neural.LABELS] for m in marginals], dtype=np.float32)
        out.append(mix * np.exp(logp) + (1.0 - mix) * p_crf)
    return out


def named(words: list[list[str]], probs: list[np.ndarray], transitions) -> list[tuple[list[str], list]]:
    """Per sentence: the decoded labels and the names as (first, stop, TYPE, confidence, key)."""
    result = []
    for w, p in zip(words, probs, strict=True):
        best = neural.viterbi(np.log(p + 1e-9), transitions) if len(w) else []
        labels = [neural.LABELS[i] for i in best]
        names = [(a, b, t, float(np.mean([p[k, best[k]] for k in range(a, b)])),
                  tuple(spelling_key(x) for x in w[a:b])) for a, b, t in spans(labels)]
        result.append((labels, names))
    return result


def guard(words: list[list[str]], probs: list[np.ndarray], decoded: list[tuple[list[str], list]],
          mention_floor: float, entity_floor: float) -> list[list[str]]:
    """Labels after the entities stage's confidence guard: a name whose own confidence
    (:func:`marsad.stages.entities.stage.span_confidence`) is under ``mention_floor`` is set to O unless
    the mean confidence of all the names of the split with the same words, whatever their type (the
    stand-in for a corpus entity: ANERcorp has no entity links), reaches ``entity_floor``."""
    own = [[span_confidence(p, a, b, t) for a, b, t, *_ in names] for p, (_, names) in zip(probs, decoded,
                                                                                          strict=True)]
    groups: dict[tuple, list[float]] = {}
    for confs, (_, names) in zip(own, decoded, strict=True):
        for conf, (*_, key) in zip(confs, names, strict=True):
            groups.setdefault(key, []).append(conf)
    out = []
    for confs, (labels, names) in zip(own, decoded, strict=True):
        labels = list(labels)
        for conf, (a, b, _, _, key) in zip(confs, names, strict=True):
            if conf < mention_floor and float(np.mean(groups[key])) < entity_floor:
                labels[a:b] = ["O"] * (b - a)
        out.append(labels)
    return out


def cut(decoded: list[tuple[list[str], list]], threshold: float, keep_supported: bool) -> list[list[str]]:
    """Labels with the names under ``threshold`` set to O (unless supported, with ``keep_supported``)."""
    found = Counter(key for _, names in decoded for *_, key in names)
    out = []
    for labels, names in decoded:
        labels = list(labels)
        for a, b, _, conf, key in names:
            if conf < threshold and not (keep_supported and found[key] >= 2):
                labels[a:b] = ["O"] * (b - a)
        out.append(labels)
    return out


def line(name: str, sc: dict) -> str:
    m = sc["micro"]
    return f"{name:<34} P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}  ORG {sc['ORG']['f1']:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev-e5", type=Path, metavar="MODEL")
    parser.add_argument("--dev-crf", type=Path, metavar="MODEL")
    parser.add_argument("--test", action="store_true", help="shipped models on ANERcorp test, --threshold only")
    parser.add_argument("--threshold", type=float, nargs="+", help="with --test: the thresholds named on dev")
    parser.add_argument("--guard", type=float, nargs=2, metavar=("MENTION", "ENTITY"), action="append",
                        help="also score the entities stage's guard with these floors (default: the stage's "
                             f"{MENTION_FLOOR:g} {ENTITY_FLOOR:g}); repeatable")
    args = parser.parse_args()
    if args.test:
        if args.threshold is None:
            parser.error("--test needs --threshold (chosen on dev)")
        sentences = read_conll(TEST)
        e5, crf, split = neural.default_neural_tagger(), Tagger(), "ANERcorp test"
        grid: tuple[float, ...] = tuple(args.threshold)
    else:
        if args.dev_e5 is None or args.dev_crf is None:
            parser.error("dev needs --dev-e5 and --dev-crf (models trained with --hold-out 0.1)")
        _, sentences = split_dev(read_conll(TRAIN))
        e5, crf, split = neural.NeuralTagger(args.dev_e5), Tagger(args.dev_crf), "dev (last 10% of train)"
        if e5.hold_out != DEV_SHARE:
            print(f"{args.dev_e5} was not trained with --hold-out 0.1", file=sys.stderr)
            return 2
        grid = GRID
    words = [[t for t, _ in s] for s in sentences]
    gold = [[lab for _, lab in s] for s in sentences]
    probs = mixed_scores(e5, crf, words)
    decoded = named(words, probs, e5.transitions)
    n_names = sum(len(names) for _, names in decoded)
    print(f"{split}: {len(sentences)} sentences, {sum(map(len, words))} tokens, {n_names} names found")
    print(line("no cut", score(gold, [labels for labels, _ in decoded])))
    for t in grid:
        print(line(f"cut under {t:g}", score(gold, cut(decoded, t, False))))
        print(line(f"cut under {t:g} unless supported", score(gold, cut(decoded, t, True))))
    for mf, ef in args.guard or [(MENTION_FLOOR, ENTITY_FLOOR)]:
        print(line(f"stage guard {mf:g} / entity {ef:g}", score(gold, guard(words, probs, decoded, mf, ef))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
