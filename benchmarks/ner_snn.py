"""Does hand-labelled SaudiNewsNet text help the CRF? Dev only: ANERcorp dev and SNN dev (issue 13).

    python benchmarks/ner_snn.py [--dev-dir DIR] [--dev-e5 MODEL]
    python benchmarks/ner_snn.py --round 2 [--dev-dir DIR]    # does round 2 add to round 1?
    python benchmarks/ner_snn.py --round 3 [--dev-dir DIR]    # does round 3 add to rounds 1 and 2?

Two CRFs, both trained on the first 90% of ANERcorp train (``--hold-out 0.1``): BASE on it alone, SNN
on it plus ``benchmarks/data/ner_snn_train.txt`` (``marsad train ner --kind crf --hold-out 0.1
--extra-train benchmarks/data/ner_snn_train.txt``). Both are scored on ANERcorp dev (the last 10% of
train) and on SNN dev (``ner_snn_dev.txt``: the sentences of every fifth drawn article, fixed before any
figure). With ``--dev-dir`` the two models are kept there (``base.crfsuite.gz``, ``snn.crfsuite.gz``)
and reused; with ``--dev-e5`` a transformer trained on the same 90% is scored alone and mixed with each
CRF at the shipped share, for information.

The rule, fixed before any figure: ADOPT (retrain the shipped CRF on all of ANERcorp train + SNN train)
only if SNN dev micro F1 rises by at least 0.02 AND ANERcorp dev micro F1 falls by no more than 0.005.
No test split is read here.

Round 2 (``--round 2``, rule fixed before its labels existed, docs/entities.md): BASE is round 1's recipe
(90% + ``ner_snn_train.txt``), SNN2 adds ``ner_snn2_train.txt``; SNN dev is both rounds' dev sentences;
ADOPT only if SNN dev micro F1 rises by at least 0.01 AND ANERcorp dev falls by no more than 0.005.

Round 3 (``--round 3``, rule fixed before the round was drawn, docs/entities.md): BASE is round 2's recipe (90% +
both earlier SNN train files), SNN3 adds ``ner_snn3_train.txt``; SNN dev is the three rounds' dev sentences; ADOPT
only if SNN dev micro F1 rises by at least 0.01, ANERcorp dev falls by no more than 0.005, AND on SNN dev the mix
of the shipped transformer with SNN3 is not below its mix with BASE by more than 0.005 (the default tagger is the
mix; the shipped transformer never saw SNN dev).

The transformer rules (``--e5-rule MODEL``, fixed before the models were trained, docs/entities.md): MODEL, the
shipped recipe on all of ANERcorp train + the SNN train files of rounds 1..R, replaces the shipped transformer only if
its mix with the shipped CRF (shipped share and O bias) beats the shipped transformer's mix with the same CRF on SNN
dev (the dev sentences of rounds 1..R) by at least ``MIN_E5_GAIN[R]`` micro F1 (round 3: 0.02; round 4: registered
0.01 against a shipped round-3 model, tightened to 0.02 before any round-4 figure, since round 3 was not adopted). Both
transformers alone are printed too. Nothing is trained and no test split is read in this mode.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from marsad.stages.entities import neural
from marsad.stages.entities.ner import (
    DEV_SHARE,
    MIX_WEIGHT,
    O_BIAS,
    Tagger,
    evaluate_sentences,
    read_conll,
    split_dev,
    train,
    training_data,
)
from ner import SNN2_DEV, SNN2_TRAIN, SNN3_DEV, SNN3_TRAIN, SNN4_DEV, SNN4_TRAIN, SNN_DEV, SNN_TRAIN, TRAIN, _table

#: the pre-registered adoption rules (micro F1, dev splits only): round -> least SNN dev gain
MIN_SNN_GAIN = {1: 0.02, 2: 0.01, 3: 0.01}
MAX_ANER_LOSS = 0.005
#: the transformer rules: round -> least gain of the new transformer's mix over the shipped one's, SNN dev
MIN_E5_GAIN = {3: 0.02, 4: 0.02}
#: round 3: the shipped transformer's mix on SNN dev may fall by at most this with the new CRF
MAX_MIX_LOSS = 0.005
#: per round: the SNN train files BASE learns from, the one the new CRF adds, and SNN dev's files
ROUND_FILES = {
    1: ([], SNN_TRAIN, [SNN_DEV]),
    2: ([SNN_TRAIN], SNN2_TRAIN, [SNN_DEV, SNN2_DEV]),
    3: ([SNN_TRAIN, SNN2_TRAIN], SNN3_TRAIN, [SNN_DEV, SNN2_DEV, SNN3_DEV]),
    4: ([SNN_TRAIN, SNN2_TRAIN, SNN3_TRAIN], SNN4_TRAIN, [SNN_DEV, SNN2_DEV, SNN3_DEV, SNN4_DEV]),
}
#: per round: the names of the two dev CRFs' files and rows
ROUND_MODELS = {
    1: (("base.crfsuite.gz", "BASE (90% of ANERcorp train)"), ("snn.crfsuite.gz", "SNN (90% + SNN train)")),
    2: (("snn.crfsuite.gz", "BASE (90% + SNN train, round 1)"),
        ("snn2.crfsuite.gz", "SNN2 (90% + SNN train, rounds 1 and 2)")),
    3: (("snn2.crfsuite.gz", "BASE (90% + SNN train, rounds 1 and 2)"),
        ("snn3.crfsuite.gz", "SNN3 (90% + SNN train, rounds 1, 2 and 3)")),
}


def _model(name: str, data, directory: Path) -> Path:
    """Train a CRF on ``data`` into ``directory/name`` unless it is already there."""
    out = directory / name
    if out.exists():
        print(f"reusing {out}", file=sys.stderr)
        return out
    t0 = time.perf_counter()
    train(data, out)
    print(f"{name}: trained on {sum(map(len, data))} tokens ({len(data)} sentences) in "
          f"{time.perf_counter() - t0:.0f}s", file=sys.stderr)
    return out


def e5_rule(model: Path, rnd: int, dev_files: list[Path]) -> int:
    """The registered transformer rule of round ``rnd``: the new transformer's mix with the shipped CRF against the
    shipped transformer's, on SNN dev (rounds 1..rnd); prints the tables and ADOPT or not."""
    snn_dev = [s for path in dev_files for s in read_conll(path)]
    names = sum(lab.startswith("B-") for s in snn_dev for _, lab in s)
    print(f"SNN dev (rounds 1-{rnd}): {len(snn_dev)} sentences, {sum(map(len, snn_dev))} tokens, {names} names")
    crf = Tagger()
    shipped, new = neural.default_neural_tagger(), neural.NeuralTagger(model)
    micro: dict[str, float] = {}
    for name, e5 in (("shipped transformer", shipped), (f"new transformer ({model.name})", new)):
        for how, tagger in (("mix with the shipped CRF", neural.CombinedTagger(e5, crf, MIX_WEIGHT, O_BIAS)),
                            ("alone", e5)):
            result = evaluate_sentences(snn_dev, tagger)[0]
            micro[f"{name}, {how}"] = result["micro"]["f1"]
            print(f"\n== {name}, {how} (share {MIX_WEIGHT}) ==" if how != "alone" else f"\n== {name}, {how} ==")
            print(_table({"SNN dev": result}))
    before = micro["shipped transformer, mix with the shipped CRF"]
    after = micro[f"new transformer ({model.name}), mix with the shipped CRF"]
    adopt = after - before >= MIN_E5_GAIN[rnd]
    print(f"\nrule (transformer, round {rnd}): mix with the shipped CRF, SNN dev {before:.4f} -> {after:.4f} "
          f"({after - before:+.4f}, needs >= +{MIN_E5_GAIN[rnd]}): {'ADOPT' if adopt else 'do not adopt'}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev-dir", type=Path, metavar="DIR", help="keep (and reuse) the two dev CRFs in DIR")
    parser.add_argument("--dev-e5", type=Path, metavar="MODEL", help="transformer trained with --hold-out 0.1")
    parser.add_argument("--round", type=int, choices=sorted(ROUND_FILES), default=1)
    parser.add_argument("--e5-rule", type=Path, metavar="MODEL",
                        help="the transformer rule: MODEL (all of ANERcorp train + SNN train of rounds 1..R) "
                             "against the shipped transformer, both mixed with the shipped CRF, on SNN dev")
    args = parser.parse_args()
    earlier, new_train, dev_files = ROUND_FILES[args.round]
    if args.e5_rule:
        if args.round not in MIN_E5_GAIN:
            print(f"no transformer rule is registered for round {args.round}", file=sys.stderr)
            return 2
        missing = [p for p in (args.e5_rule, *dev_files) if not p.exists()]
        if missing:
            print(f"missing {missing[0]}", file=sys.stderr)
            return 2
        return e5_rule(args.e5_rule, args.round, dev_files)
    if args.round not in MIN_SNN_GAIN:
        print(f"round {args.round} registers only the transformer rule (--e5-rule MODEL)", file=sys.stderr)
        return 2
    for path in (TRAIN, new_train, *earlier, *dev_files):
        if not path.exists():
            print(f"missing {path}", file=sys.stderr)
            return 2
    base_data, aner_dev = split_dev(read_conll(TRAIN), DEV_SHARE)
    if earlier:
        base_data = training_data(TRAIN, DEV_SHARE, earlier)
    snn_data = training_data(TRAIN, DEV_SHARE, [*earlier, new_train])
    snn_dev = [s for path in dev_files for s in read_conll(path)]
    devs = {"ANERcorp dev": aner_dev, "SNN dev": snn_dev}
    for name, data in {f"new train ({new_train.name})": read_conll(new_train), **devs}.items():
        names = sum(lab.startswith("B-") for s in data for _, lab in s)
        print(f"{name}: {len(data)} sentences, {sum(map(len, data))} tokens, {names} names")
    directory = args.dev_dir or Path(tempfile.mkdtemp())
    directory.mkdir(parents=True, exist_ok=True)
    (base_file, base_row), (new_file, new_row) = ROUND_MODELS[args.round]
    crfs = {base_row: Tagger(_model(base_file, base_data, directory)),
            new_row: Tagger(_model(new_file, snn_data, directory))}
    taggers: dict[str, object] = {f"CRF alone, {k}": v for k, v in crfs.items()}
    if args.dev_e5:
        e5 = neural.NeuralTagger(args.dev_e5)
        if e5.hold_out != DEV_SHARE:
            print(f"{args.dev_e5} does not record --hold-out {DEV_SHARE}", file=sys.stderr)
            return 2
        taggers[f"e5 alone ({args.dev_e5.name})"] = e5
        for k, crf in crfs.items():
            taggers[f"e5+crf (share {MIX_WEIGHT}; {args.dev_e5.name}), {k}"] = neural.CombinedTagger(
                e5, crf, MIX_WEIGHT, O_BIAS)
    micro: dict[str, dict[str, float]] = {}
    for label, tagger in taggers.items():
        results = {name: evaluate_sentences(data, tagger)[0] for name, data in devs.items()}
        micro[label] = {name: r["micro"]["f1"] for name, r in results.items()}
        print(f"\n== {label} ==")
        print(_table(results))
    print("\nmicro F1 (ANERcorp dev | SNN dev):")
    for label, m in micro.items():
        print(f"  {label:<70} {m['ANERcorp dev']:.3f} | {m['SNN dev']:.3f}")
    mixed: dict[str, float] = {}
    if args.round == 3:  # the registered third condition: the default mix on SNN dev (shipped transformer)
        shipped = neural.default_neural_tagger()
        for k, crf in crfs.items():
            result = evaluate_sentences(snn_dev, neural.CombinedTagger(shipped, crf, MIX_WEIGHT, O_BIAS))[0]
            mixed[k] = result["micro"]["f1"]
            print(f"\n== e5+crf (share {MIX_WEIGHT}; the shipped transformer), {k}: SNN dev ==")
            print(_table({"SNN dev": result}))
    base, snn = (micro[f"CRF alone, {k}"] for k in crfs)
    gain = snn["SNN dev"] - base["SNN dev"]
    loss = base["ANERcorp dev"] - snn["ANERcorp dev"]
    adopt = gain >= MIN_SNN_GAIN[args.round] and loss <= MAX_ANER_LOSS
    snn_line = (f"SNN dev {base['SNN dev']:.4f} -> {snn['SNN dev']:.4f} ({gain:+.4f}, "
                f"needs >= +{MIN_SNN_GAIN[args.round]})")
    aner_line = (f"ANERcorp dev {base['ANERcorp dev']:.4f} -> {snn['ANERcorp dev']:.4f} ({-loss:+.4f}, "
                 f"may fall by at most {MAX_ANER_LOSS})")
    if mixed:
        before, after = (mixed[k] for k in crfs)
        adopt = adopt and before - after <= MAX_MIX_LOSS
        aner_line += (f"; mix with the shipped transformer, SNN dev {before:.4f} -> {after:.4f} "
                      f"({after - before:+.4f}, may fall by at most {MAX_MIX_LOSS})")
    print(f"\nrule (round {args.round}): {snn_line}; {aner_line}: {'ADOPT' if adopt else 'do not adopt'}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
