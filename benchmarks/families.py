"""Independent sources: marsad's independence keys against families drawn by hand (issue 12).

Which articles of a story are one witness decides what the story page calls corroborated: copies of one
wire text or of one press release, printed by several outlets, must count once. Data sets (never a test
split):

- **families dev** (``benchmarks/data/families_dev.jsonl``, see benchmarks/data/README.md): SaudiNewsNet
  stories of 3–6 outlets, each partitioned into families by two annotators, blind to each other and to any
  system output; the gold is the doc pairs both put in one family (same) or both in two (different); the
  pairs they split on are left out (counted);
- **claims dev / claims train**: the SaudiNewsNet stories of ``claims_gold.jsonl`` of those splits, their
  ``families`` (the data the copy thresholds were tuned on: a check, not the judge).

Each story is written as ``benchmarks/claims.py`` writes it (:func:`claims.story_rows`: content, url,
outlet, day), read by ``marsad.ingest``, run through the dedup stage, and its articles mapped to
:func:`marsad.stages.consolidate.sources.independence_keys` — the keys consolidation counts witnesses by.
Two articles are predicted one family when they share a key. Scored over the pairs of articles of a story
that come from different outlets (two articles of one outlet are one family by rule, both in the gold and in
marsad): pairwise same-family precision, recall and F1, and the share of stories partitioned exactly as the
gold (families dev: a story counts as exact when every gold pair is right, disagreeing pairs aside).

    python benchmarks/families.py                 # every data set, every method of METHODS
    python benchmarks/families.py --errors        # and each wrong pair (dev data only: all of these are)
    python benchmarks/families.py --data claims-dev --method shingles

Methods: ``shingles`` — 4-gram containment only (the method before the nineteenth session); ``passages`` —
and shared passages (``sources.shared_passages``); ``lead`` — and shared passages that begin in both
articles' openings (``passages="lead"``, the second variant); ``sentences`` — ``lead`` and copied sentences
(``sentences=True``, ``sources.copied_sentences``: half of the shorter article's sentences, at least 2, share a
run of 6 words with the other; twentieth session, second registration; measured, not adopted); ``ordered`` —
``lead`` and one text told in the same order (``ordered=True``, ``sources.ordered_pairs``: a monotone alignment of
sentences at lexical similarity >= 0.5 covering 60 % of the shorter article's, at least 2, its first pair in both
leads; twentieth session, fourth registration; measured, not adopted); ``facts`` — ``lead``, then sources joined by
shared facts (``sharedfacts.joined_sources`` over consolidation's default proposition links: at least 60 % of the
shorter source's propositions, at least 2, linked to the other's; the shorter has at least 3; twenty-first session,
"one source by shared facts"); it runs the other helper stages and the embeddings, so it is the slow row.

    python benchmarks/families.py --train         # the learned same-source decision (twenty-first session,
                                                  # familymodel.py): out-of-fold figures, then fit on every dev
                                                  # story and write src/marsad/stages/consolidate/family_model.json
    python benchmarks/families.py --train --errors --oof-out folds.json   # and each wrong pair, each fold's model
    python benchmarks/families.py --train-on train   # the same recipe on the families TRAIN set and the claims
                                                     # train stories only (twenty-first session): dev unseen

``--train`` reads dev data only: the families dev set's agreed pairs and the claims gold's dev and train stories not
in it (MultiLing documents each their own family). Out of fold = leave one story out, the held-out story's threshold
chosen on the other stories' own leave-one-out probabilities (:func:`out_of_fold`); the shipped model is not scored
here (it has seen every story these data sets hold). Measured once and not adopted (docs/consolidate.md). Both
fits leave the pairs with a short article (``familymodel.long_enough``) to the rules. Method ``learned``: ``lead``
plus the shipped model.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from _shared import REPO
from claims import MULTILING, load_jsonl, saudi_articles, story_rows
from marsad.ingest import read_paths
from marsad.model import Article, Corpus
from marsad.similarity import EMBED_MAX_SENTENCES, embeddings_available
from marsad.stages.consolidate.command import HELPER_STAGES, _run_helper_stages
from marsad.stages.consolidate.facts import story_propositions
from marsad.stages.consolidate.familymodel import FEATURES, MODEL_PATH, FamilyModel, long_enough, pair_features
from marsad.stages.consolidate.matching import build_fact_claims
from marsad.stages.consolidate.sources import independence_keys
from marsad.stages.consolidate.stage import story_units, story_vectors
from marsad.unionfind import UnionFind

FAMILIES_DEV = REPO / "benchmarks" / "data" / "families_dev.jsonl"
FAMILIES_TRAIN = REPO / "benchmarks" / "data" / "families_train.jsonl"
CLAIMS_GOLD = REPO / "benchmarks" / "data" / "claims_gold.jsonl"
#: the stage whose families ``independence_keys`` reads (the others do not touch independence)
STAGES = ("marsad.stages.dedup:DedupStage",)

KeyFn = Callable[[list[Article], Corpus], dict[str, str]]
#: shared_fact_keys: the keys already computed, per story (its article ids)
_FACT_KEYS: dict[tuple[str, ...], dict[str, str]] = {}


def shared_fact_keys(articles: list[Article], corpus: Corpus) -> dict[str, str]:
    """The default keys (``lead``) with sources joined by shared facts (``sharedfacts.joined_sources``): the
    story's other helper stages are run (entities, quotes, dates), its propositions linked by the default
    decision as consolidation links them (embeddings when consolidation would use them), then joined."""
    story = tuple(sorted(a.id for a in articles))
    if story not in _FACT_KEYS:
        _run_helper_stages(corpus, None, stages=tuple(s for s in HELPER_STAGES if s not in STAGES))
        base = independence_keys(articles, corpus)
        units = story_units(articles, corpus)
        props = story_propositions(units, corpus)
        unit_vectors = prop_vectors = None
        if (len({u.article.id for u in units}) > 1 and len({u.text_key for u in units}) > 1
                and len(units) <= EMBED_MAX_SENTENCES and embeddings_available()):
            unit_vectors, prop_vectors = story_vectors(units, props)
        joins: dict[str, str] = {}
        build_fact_claims(props, use_embeddings=False, vectors=prop_vectors, sentence_vectors=unit_vectors,
                          joins_out=joins)
        _FACT_KEYS[story] = {a.id: joins.get(base[a.id], base[a.id]) for a in articles}
    return _FACT_KEYS[story]


#: the methods scored: name -> function (articles, corpus) -> independence key per article id
METHODS: dict[str, KeyFn] = {
    "shingles": lambda articles, corpus: independence_keys(articles, corpus, passages=False, sentences=False,
                                                           ordered=False),
    "passages": lambda articles, corpus: independence_keys(articles, corpus, passages=True, sentences=False,
                                                           ordered=False),
    "lead": lambda articles, corpus: independence_keys(articles, corpus, passages="lead", sentences=False,
                                                       ordered=False),
    "sentences": lambda articles, corpus: independence_keys(articles, corpus, passages="lead", sentences=True,
                                                            ordered=False),
    "ordered": lambda articles, corpus: independence_keys(articles, corpus, passages="lead", sentences=False,
                                                          ordered=True),
    "facts": shared_fact_keys,
    "learned": lambda articles, corpus: independence_keys(articles, corpus, passages="lead", sentences=False,
                                                          ordered=False, learned=True),
}


@dataclass
class Story:
    """One story: its gold pairs (doc, doc) -> same family, and the docs' articles after ingest + dedup."""

    name: str
    gold: dict[tuple[str, str], bool]
    outlet: dict[str, str]  # doc -> outlet
    articles: list[Article]
    corpus: Corpus
    doc_of: dict[str, str]  # article id -> doc
    left_out: int = 0  # pairs the annotators disagree on
    group: str = ""  # families dev: the annotator pair (each pair annotated one half of the stories)


def load_sets(which: list[str]) -> dict[str, list[dict]]:
    """The gold lines of each data set asked for."""
    sets: dict[str, list[dict]] = {}
    if "families-dev" in which and FAMILIES_DEV.exists():
        sets["families-dev"] = load_jsonl(FAMILIES_DEV)
    claims = [g for g in load_jsonl(CLAIMS_GOLD) if g.get("corpus") == "saudinewsnet"]
    for split in ("dev", "train"):
        if f"claims-{split}" in which:
            sets[f"claims-{split}"] = [g for g in claims if g["split"] == split]
    return sets


def gold_pairs(line: dict) -> tuple[dict[tuple[str, str], bool], int]:
    """(doc pairs -> same family, pairs left out) of a gold line: the agreed pairs of a families-dev
    line, every pair of a claims line (docs of no listed family are their own)."""
    if "same" in line:
        pairs = {tuple(sorted(p)): True for p in line["same"]}
        pairs.update({tuple(sorted(p)): False for p in line["different"]})
        return pairs, len(line["disagree"])
    family = {doc: k for k, members in enumerate(line.get("families", [])) for doc in members}
    return {(x, y): family.get(x, x) == family.get(y, y)
            for x, y in itertools.combinations(sorted(line["docs"]), 2)}, 0


def prepare(line: dict, saudi: dict[str, dict], folder: Path, topics: dict[str, dict] | None = None) -> Story:
    """Write the story's rows, read them with marsad.ingest and run the dedup stage (``topics``: the
    MultiLing topics, for a MultiLing line — each document its own outlet, as ``claims.py`` writes it)."""
    path = folder / f"{line['story']}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for row in story_rows(line, topics or {}, saudi):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    articles = list(read_paths([str(path)]))
    corpus = Corpus(articles=articles)
    _run_helper_stages(corpus, None, stages=STAGES)
    doc_by_url = {url: doc for doc, url in line.get("urls", {}).items()}
    doc_of = {a.id: doc_by_url.get(a.source_key, a.source_key[:5]) for a in corpus.articles}
    assert sorted(doc_of.values()) == sorted(line["docs"]), (doc_of, line["docs"])
    outlet = {doc_of[a.id]: a.outlet for a in corpus.articles}
    gold, left_out = gold_pairs(line)
    group = "+".join(line.get("annotators", []))
    return Story(line["story"], gold, outlet, list(corpus.articles), corpus, doc_of, left_out, group)


def predicted(story: Story, method: KeyFn) -> dict[tuple[str, str], bool]:
    """Doc pairs -> one independent source under ``method``."""
    keys = method(story.articles, story.corpus)
    key_of = {story.doc_of[a]: k for a, k in keys.items()}
    return {pair: key_of[pair[0]] == key_of[pair[1]] for pair in story.gold}


def score(stories: list[Story], method: KeyFn, errors: bool = False) -> dict[str, float]:
    """Pairwise same-family precision / recall / F1 over cross-outlet gold pairs; exact stories."""
    tp = fp = fn = pairs = exact = 0
    for story in stories:
        guess = predicted(story, method)
        wrong = []
        for pair, same in sorted(story.gold.items()):
            if story.outlet[pair[0]] == story.outlet[pair[1]]:
                continue
            pairs += 1
            tp += same and guess[pair]
            fp += guess[pair] and not same
            fn += same and not guess[pair]
            if same != guess[pair]:
                wrong.append(f"{pair[0]}+{pair[1]} gold {'same' if same else 'different'}")
        exact += not wrong
        if errors and wrong:
            print(f"    {story.name}: " + "; ".join(wrong))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": pairs, "gold_same": tp + fn, "predicted_same": tp + fp, "precision": precision,
            "recall": recall, "f1": f1, "exact": exact / len(stories) if stories else 0.0, "stories": len(stories)}


#: --train: the logistic regression's inverse regularization, seed and class weights
TRAIN_C = 1.0
TRAIN_SEED = 0
#: --train: thresholds tried on the out-of-fold probabilities
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.10, 0.96, 0.05))
#: --train: the threshold is the one of best pairwise F1 (after union-find) over the training stories' pairs among
#: those whose precision there is at most this below the rules' alone (the learned decision may add pairs, not
#: errors; the rules' own precision is below 1 on the claims train stories, whose gold splits some copies)
TRAIN_MAX_PRECISION_LOSS = 0.02


@dataclass
class PairData:
    """One story's article pairs for the learned decision: features, and the keys of the rules alone."""

    story: Story
    pairs: list[tuple[int, int]]  # article indexes i < j
    x: np.ndarray  # FEATURES of each pair
    base: dict[str, str]  # article id -> independence key under the default rules, the learned decision off
    eligible: np.ndarray  # per pair: both articles long enough for the model (familymodel.long_enough)


def pair_data(story: Story) -> PairData:
    """The story's pair features, its rule-only keys and which pairs the model may decide."""
    pairs, x = pair_features(story.articles)
    base = independence_keys(story.articles, story.corpus, learned=False)
    ok = long_enough(story.articles)
    return PairData(story, pairs, x, base, np.array([ok[i] and ok[j] for i, j in pairs], dtype=bool))


def labelled(d: PairData) -> tuple[np.ndarray, np.ndarray]:
    """The rows of ``d`` that are gold pairs of two outlets the model may decide (both articles long enough), and
    their labels (1: one family)."""
    rows, labels = [], []
    for r, (i, j) in enumerate(d.pairs):
        if not d.eligible[r]:
            continue
        a, b = d.story.doc_of[d.story.articles[i].id], d.story.doc_of[d.story.articles[j].id]
        pair = (min(a, b), max(a, b))
        if pair in d.story.gold and d.story.outlet[a] != d.story.outlet[b]:
            rows.append(r)
            labels.append(int(d.story.gold[pair]))
    return d.x[rows], np.array(labels, dtype=np.int64)


def fit(x: np.ndarray, y: np.ndarray, threshold: float) -> FamilyModel:
    """A seeded, standardized, class-balanced logistic regression on labelled pairs."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    lr = LogisticRegression(C=TRAIN_C, class_weight="balanced", max_iter=5000, random_state=TRAIN_SEED)
    lr.fit((x - mean) / scale, y)
    return FamilyModel(FEATURES, mean, scale, lr.coef_[0].copy(), float(lr.intercept_[0]), threshold)


def fit_on(data: Sequence[PairData], threshold: float = 0.5) -> FamilyModel:
    """:func:`fit` on the labelled pairs of ``data``."""
    parts = [labelled(d) for d in data]
    return fit(np.vstack([x for x, _ in parts]), np.concatenate([y for _, y in parts]), threshold)


def closure(d: PairData, prob: np.ndarray, threshold: float) -> dict[tuple[str, str], bool]:
    """Gold doc pairs -> one source: the rule keys joined with the pairs of probability >= ``threshold``
    (union-find, as ``independence_keys`` joins them)."""
    sets = UnionFind(d.base)
    first: dict[str, str] = {}
    for article_id, key in sorted(d.base.items()):
        if key in first:
            sets.union(first[key], article_id)
        else:
            first[key] = article_id
    for (i, j), p, ok in zip(d.pairs, prob, d.eligible, strict=True):
        if ok and p >= threshold:
            sets.union(d.story.articles[i].id, d.story.articles[j].id)
    key_of = {d.story.doc_of[a]: sets.find(a) for a in d.base}
    return {pair: key_of[pair[0]] == key_of[pair[1]] for pair in d.story.gold}


def counts(data: Sequence[PairData], probs: Sequence[np.ndarray], thresholds: Sequence[float]) -> tuple[int, int, int]:
    """(true, false, missed same-family pairs) over the stories' cross-outlet gold pairs."""
    tp = fp = fn = 0
    for d, prob, t in zip(data, probs, thresholds, strict=True):
        guess = closure(d, prob, t)
        for pair, same in d.story.gold.items():
            if d.story.outlet[pair[0]] == d.story.outlet[pair[1]]:
                continue
            tp += same and guess[pair]
            fp += guess[pair] and not same
            fn += same and not guess[pair]
    return tp, fp, fn


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1."""
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def choose_threshold(data: Sequence[PairData], probs: Sequence[np.ndarray],
                     max_precision_loss: float = TRAIN_MAX_PRECISION_LOSS) -> float:
    """The threshold of :data:`THRESHOLDS` of best F1 over the stories' pairs (probabilities out of fold) among
    those whose precision is at most ``max_precision_loss`` (default :data:`TRAIN_MAX_PRECISION_LOSS`) below the rules'
    alone, ties to the higher
    (none: the highest, the rules nearly alone)."""
    floor = prf(*counts(data, [np.zeros(len(d.pairs)) for d in data], [1.1] * len(data)))[0] - max_precision_loss
    scored = [(f1, t) for t in THRESHOLDS for p, _, f1 in [prf(*counts(data, probs, [t] * len(data)))] if p >= floor]
    return max(scored)[1] if scored else THRESHOLDS[-1]


def out_of_fold(data: Sequence[PairData], nested: bool = True,
                max_precision_loss: float = TRAIN_MAX_PRECISION_LOSS) -> tuple[list[np.ndarray], list[FamilyModel]]:
    """Leave-one-story-out: each story's pair probabilities from a model fitted on the other stories, its
    threshold chosen (``nested``) on those stories' own leave-one-out probabilities — no figure of a story
    reads a model or a threshold that saw it."""
    probs, models = [], []
    for k, d in enumerate(data):
        others = [o for m, o in enumerate(data) if m != k]
        threshold = 0.5
        if nested:
            inner = [fit_on([o for n, o in enumerate(others) if n != m]).probability(o.x) for m, o in enumerate(others)]
            threshold = choose_threshold(others, inner, max_precision_loss)
        model = fit_on(others, threshold)
        probs.append(model.probability(d.x))
        models.append(model)
    return probs, models


#: --train-on: the families set and the claims gold splits each choice trains on (never a test line)
TRAIN_SETS = {"dev": (FAMILIES_DEV, ("dev", "train")), "train": (FAMILIES_TRAIN, ("train",))}


def training_lines(on: str) -> list[tuple[str, dict]]:
    """(data set, gold line) of every training story of ``on`` (:data:`TRAIN_SETS`): the families set's stories
    (annotator-agreed pairs), then the claims gold's stories of those splits not in it (their ``families``;
    MultiLing documents each their own) — never a test line."""
    families, splits = TRAIN_SETS[on]
    lines = [(f"families-{on}", line) for line in load_jsonl(families)]
    seen = {line["story"] for _, line in lines}
    for line in load_jsonl(CLAIMS_GOLD):
        if line["split"] in splits and line["story"] not in seen:
            lines.append((f"claims-{line['split']}", line))
    return lines


def training_data(saudi: dict[str, dict], topics: dict[str, dict], folder: Path,
                  on: str = "dev") -> list[tuple[str, PairData]]:
    """(data set, pair data) of every training story of :func:`training_lines`."""
    return [(name, pair_data(prepare(line, saudi, folder, topics))) for name, line in training_lines(on)]


def train_main(oof_out: Path | None, errors: bool, on: str = "dev",
               max_precision_loss: float = TRAIN_MAX_PRECISION_LOSS) -> int:
    """Out-of-fold figures of the learned decision, then fit on every training story of ``on`` (dev: the families
    dev set and the claims dev and train stories; train: the families train set and the claims train stories) and
    write the model."""
    urls = {url for _, line in training_lines(on) for url in line.get("urls", {}).values()}
    saudi = saudi_articles(urls)
    topics = {t["topic_id"]: t for t in load_jsonl(MULTILING)}
    start = time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        named = training_data(saudi, topics, Path(tmp), on)
    data = [d for _, d in named]
    x_all = np.vstack([labelled(d)[0] for d in data])
    y_all = np.concatenate([labelled(d)[1] for d in data])
    print(f"training on {on}: stories {len(data)}, labelled pairs {len(y_all)} ({int(y_all.sum())} one family; "
          f"pairs with a short article left to the rules: {sum(int((~d.eligible).sum()) for d in data)} of "
          f"{sum(len(d.pairs) for d in data)}); features {len(FEATURES)}; "
          f"{time.process_time() - start:.1f} s CPU to prepare")
    probs, models = out_of_fold(data, max_precision_loss=max_precision_loss)
    thresholds = [m.threshold for m in models]
    print("out of fold (leave one story out; each story's threshold chosen on the other stories' own "
          f"leave-one-out probabilities): thresholds {min(thresholds):.2f}-{max(thresholds):.2f}, "
          f"median {float(np.median(thresholds)):.2f}")
    for name in sorted({n for n, _ in named}, key=[n for n, _ in named].index):
        part = [k for k, (n, _) in enumerate(named) if n == name]
        rules = prf(*counts([data[k] for k in part], [np.zeros(len(data[k].pairs)) for k in part], [1.1] * len(part)))
        tp, fp, fn = counts([data[k] for k in part], [probs[k] for k in part], [thresholds[k] for k in part])
        p, r, f1 = prf(tp, fp, fn)
        print(f"  {name:<13} {len(part)} stories: rules (lead) P {rules[0]:.3f} R {rules[1]:.3f} F1 {rules[2]:.3f}; "
              f"learned out of fold P {p:.3f} R {r:.3f} F1 {f1:.3f} (true {tp}, false {fp}, missed {fn})")
        if errors:
            for k in part:
                d = data[k]
                guess = closure(d, probs[k], thresholds[k])
                index = {(d.story.doc_of[d.story.articles[i].id], d.story.doc_of[d.story.articles[j].id]): r_
                         for r_, (i, j) in enumerate(d.pairs)}
                wrong = []
                for pair, same in sorted(d.story.gold.items()):
                    if d.story.outlet[pair[0]] != d.story.outlet[pair[1]] and same != guess[pair]:
                        r_ = index.get(pair, index.get((pair[1], pair[0])))
                        wrong.append(f"{pair[0]}+{pair[1]} gold {'same' if same else 'different'} "
                                     f"(p {probs[k][r_]:.2f}, t {thresholds[k]:.2f})")
                if wrong:
                    print(f"    {d.story.name}: " + "; ".join(wrong))
    all_inner = out_of_fold(data, nested=False)[0]
    threshold = choose_threshold(data, all_inner, max_precision_loss)
    model = fit(x_all, y_all, threshold)
    payload = {**model.to_dict(), "trained_on": [d.story.name for d in data], "pairs": len(y_all),
               "command": f"python benchmarks/families.py --train-on {on}"
               + (f" --max-precision-loss {max_precision_loss:g}" if max_precision_loss != TRAIN_MAX_PRECISION_LOSS
                  else ""),
               "C": TRAIN_C, "seed": TRAIN_SEED, "class_weight": "balanced", "max_precision_loss": max_precision_loss}
    MODEL_PATH.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH.relative_to(REPO)} (threshold {threshold:.2f}, chosen on every story's "
          "leave-one-out probabilities); coefficients: "
          + ", ".join(f"{f} {c:+.2f}" for f, c in zip(FEATURES, model.coef, strict=True)))
    if oof_out is not None:
        folds = {d.story.name: {"keys": sorted({a.source_key for a in d.story.articles}), "model": m.to_dict()}
                 for d, m in zip(data, models, strict=True)}
        oof_out.write_text(json.dumps(folds, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote the out-of-fold models to {oof_out}")
    return 0


def main() -> int:
    """Print the figures of each method on each data set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", nargs="+", default=["families-dev", "claims-dev", "claims-train"],
                        choices=["families-dev", "claims-dev", "claims-train"])
    parser.add_argument("--method", nargs="+", default=list(METHODS), choices=list(METHODS))
    parser.add_argument("--errors", action="store_true", help="print each wrong pair (all data sets here are dev)")
    parser.add_argument("--train", action="store_true",
                        help=f"fit the learned same-source decision on dev data, write {MODEL_PATH.name}")
    parser.add_argument("--train-on", choices=sorted(TRAIN_SETS),
                        help="fit the learned decision on this data (dev: as --train; train: the families train set "
                             f"and the claims train stories only), write {MODEL_PATH.name}")
    parser.add_argument("--max-precision-loss", type=float, default=TRAIN_MAX_PRECISION_LOSS,
                        help="--train/--train-on: the threshold's precision may fall this far below the rules' "
                             f"alone (default {TRAIN_MAX_PRECISION_LOSS})")
    parser.add_argument("--oof-out", help="--train: also write each story's out-of-fold model (JSON) here")
    args = parser.parse_args()
    if args.train or args.train_on:
        return train_main(Path(args.oof_out) if args.oof_out else None, args.errors, args.train_on or "dev",
                          args.max_precision_loss)
    sets = load_sets(args.data)
    urls = {url for lines in sets.values() for line in lines for url in line["urls"].values()}
    saudi = saudi_articles(urls)
    with tempfile.TemporaryDirectory() as tmp:
        for name, lines in sets.items():
            stories = [prepare(line, saudi, Path(tmp)) for line in lines]
            left_out = sum(s.left_out for s in stories)
            note = f", {left_out} pairs the annotators disagree on left out" if "same" in lines[0] else ""
            print(f"{name.upper()}: {len(stories)} stories{note}")
            groups = sorted({s.group for s in stories if s.group})
            for method in args.method:
                start = time.process_time()
                r = score(stories, METHODS[method], errors=args.errors)
                cpu = time.process_time() - start
                print(f"  {method:<10} pairs {r['pairs']} (gold same {r['gold_same']}, predicted same "
                      f"{r['predicted_same']}): precision {r['precision']:.3f} recall {r['recall']:.3f} "
                      f"F1 {r['f1']:.3f}; stories exact {r['exact']:.3f} ({round(r['exact'] * r['stories'])}/"
                      f"{r['stories']}); {cpu:.2f} s CPU")
                for group in groups if len(groups) > 1 else []:
                    g = score([s for s in stories if s.group == group], METHODS[method])
                    print(f"    {group:<8} pairs {g['pairs']} (gold same {g['gold_same']}): precision "
                          f"{g['precision']:.3f} recall {g['recall']:.3f} F1 {g['f1']:.3f}; stories exact "
                          f"{round(g['exact'] * g['stories'])}/{g['stories']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
