"""Corroborated facts: marsad's atomic-fact claims vs a hand-annotated gold set, old method alongside.

Gold (``benchmarks/data/claims_gold.jsonl``, see benchmarks/data/README.md): stories of 4
MultiLing 2011 Arabic articles each (``../shared/eval/multiling2011_ar/dev.jsonl``) and
SaudiNewsNet stories carried by several outlets (``../shared/corpus/saudinewsnet``, read by
url; outlets that print one wire text form one *family*); per fact stated by at least two
independent families, the sentences of each article that carry it. Stories are split into
``dev`` (weights calibrated and errors looked at) and ``test`` (scored only). Recall and
precision count families (a MultiLing document is its own family). The test lines of round
``test2`` (ten stories, each annotated blind by two annotators and adjudicated) are scored as their
own part, TEST2, so that the first rounds' TEST figures and ``--quick`` floors keep their meaning;
"TEST, all rounds" pools both, with a story-level bootstrap 95 % interval on recall and precision. Likewise the
dev lines of round ``dev2`` (stories of the families dev set, facts annotated blind by two annotators and
adjudicated; nineteenth session) are printed as DEV2 after DEV, then "DEV, all rounds"; ``--calibrate`` and
``--cross-grid`` read the first rounds' DEV only. Round ``test3`` (twelve fresh SaudiNewsNet stories, annotated as test2
was; twentieth session) is printed as TEST3 and pooled into "TEST, all rounds".
The scoring rules are :mod:`claims_score`'s (shared with ``benchmarks/claims_agreement.py``, which
scores the two annotators of round test2 against each other — the human ceiling).

Each story is written as a JSONL file (each document its own outlet) and run through the
path of ``marsad summarize`` (ingest readers; dedup, timex and quotes stages; consolidation).
Figures, per split:

- **fact recall**: share of gold facts for which some claim counting ≥ 2 independent sources
  cites carrier sentences of ≥ 2 of the fact's articles;
- **source share**: per fact, the largest share of its articles one such claim covers
  (averaged over facts);
- **precision**: share of the claims counting ≥ 2 independent sources whose cited sentences
  all carry one gold fact, covering ≥ 2 of its articles (strict); *lenient*: ≥ 2 of its
  articles, other cited sentences allowed;
- **conflicts**: conflicts found, and those whose two sides cite the two sides of a gold
  conflict.

The same figures for the OLD method — whole sentences aligned to whole sentences
(:func:`marsad.stages.consolidate.claims.build_claims`) — are printed in the same run. Then
the time to consolidate a 10-article story (CPU seconds of this process, i.e. on one core,
and wall seconds; the embedding model is loaded before).

    python benchmarks/claims.py               # figures on dev and test, old vs new, speed
    python benchmarks/claims.py --quick       # CI gate: exits 1 below the floors (test split and its MultiLing part;
                                              # TEST2 printed, and guarded by FLOORS["test2"] once it holds one)
    python benchmarks/claims.py --calibrate   # grid over the decision's weights on DEV only
    python benchmarks/claims.py --dev         # the DEV split only (errors are looked at there)
    python benchmarks/claims.py --train       # fit the learned pair decision on the TRAIN stories only,
                                              # write src/marsad/stages/consolidate/pair_model.json
    python benchmarks/claims.py --train --labels sentence   # the same with the older sentence labels
    python benchmarks/claims.py --train-cross # fine-tune the cross-encoder pair scorer on the TRAIN stories
                                              # (+ benchmarks/data/claims_pairs.jsonl), write
                                              # src/marsad/models/claims_cross.e5.npz (torch, one thread)
    python benchmarks/claims.py --cross-grid  # DEV only: the cross-encoder's modes x thresholds, the choice,
                                              # its leave-one-story-out estimate and the adoption rule
    python benchmarks/claims.py --train-combine  # fit the "combine" mode's logistic regression (blend, cross-
                                              # encoder P) on the TRAIN stories' pairs, write cross_combine.json
    python benchmarks/claims.py --cross-grid --cross-modes combine   # DEV only: that mode's thresholds
                                              # (the default run prints its row for DEV only: not adopted)

``--train`` labels every candidate pair of propositions of two different gold families of a TRAIN
story: 1 when both state one gold fact, 0 otherwise (the gold lists every fact two families state, so
a cross-family pair that shares none states no common fact); pairs within one family (copies) are left
out. A proposition states a fact when its sentence carries the fact and, where the gold marks the
words of that sentence that state it (``spans``), it overlaps them (:func:`states`); so the other
propositions of a many-fact sentence are negatives (same topic, different fact). ``--labels sentence``
labels by sentences alone (the fifth session's labels). The default run also prints, for DEV, how the
blend, the embedding cosine and the learned model rank the cross-family candidate pairs (ROC AUC) under
both labellings. It fits a seeded logistic regression on :data:`FEATURES`, chooses the
link threshold by leave-one-story-out on train (each train story's claims built with the model fitted
on the others; best recall at strict precision >= 0.85, else best F1), then fits on all train stories.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from _shared import REPO, SAUDI, SHARED
from claims_score import BOOTSTRAP_N, BOOTSTRAP_SEED, bootstrap, carriers_of, part_of, ratio, story_counts, totals
from marsad.model import Claim, Mention, Sentence
from marsad.similarity import embeddings_available, load_encoder
from marsad.stages.consolidate import consolidate
from marsad.stages.consolidate.command import summarize_inputs
from marsad.stages.consolidate.crossencoder import MODEL_FILE as CROSS_FILE
from marsad.stages.consolidate.crossencoder import CrossEncoder, default_cross_encoder, model_path, train_cross
from marsad.stages.consolidate.matching import (
    COMBINE_LINK,
    COMBINE_PATH,
    CROSS_CHOSEN,
    CROSS_FLOOR,
    CROSS_LINK,
    CROSS_MODES,
    Weights,
    build_fact_claims,
    combine_score,
    cross_read_pairs,
    fit_combiner,
    learned_features,
    load_combiner,
    pair_features,
    pair_score,
)
from marsad.stages.consolidate.pairmodel import FEATURES, MODEL_PATH, PairModel, load_model

MULTILING = SHARED / "eval" / "multiling2011_ar" / "dev.jsonl"
GOLD = REPO / "benchmarks" / "data" / "claims_gold.jsonl"
#: --quick fails when fact recall or strict precision of a test part falls below these:
#: regression guards just under what the parts hold since the ninth session (MultiLing test
#: 0.312 / 0.571; the first rounds' test split 0.419 / 0.727) and, for round test2, under what its one
#: scoring printed (eighteenth session: 0.437 / 0.379, each rounded down to the 0.05 below; tightened to
#: 0.40 / 0.55 after shared passages in the lead became the default and it printed 0.437 / 0.569), and for round
#: test3 under what its one scoring printed (twentieth session: 0.568 / 0.568, rounded down to the 0.05 below) —
#: NOT the issue's targets — recall 0.70 at precision 0.85 — which are not met, and not a tuning
FLOORS = {"multiling": (0.30, 0.50), "test": (0.40, 0.70), "test2": (0.40, 0.55), "test3": (0.55, 0.55)}
#: link thresholds --train tries (merge = link - MERGE_GAP)
TRAIN_LINKS = tuple(round(0.3 + 0.05 * k, 2) for k in range(13))
#: average linkage: groups merge at a mean probability this far under the link threshold
MERGE_GAP = 0.1
#: the logistic regression's inverse regularization strength and seed
TRAIN_C = 1.0
TRAIN_SEED = 0
#: features left out of the fit (their coefficient is 0)
TRAIN_DROP: tuple[str, ...] = ()
#: settings --calibrate prints (best first)
CALIBRATE_TOP = 12
#: hand-annotated proposition pairs the cross-encoder also trains on (when present)
PAIRS = REPO / "benchmarks" / "data" / "claims_pairs.jsonl"
#: the cross-encoder's thresholds --cross-grid tries (with each of CROSS_MODES but "combine")
CROSS_GRID_LINKS = (0.5, 0.6, 0.7, 0.8, 0.9)
#: the "combine" mode's link thresholds (merge 0.1 under; registered before any dev figure, sixteenth session)
COMBINE_GRID_LINKS = tuple(round(0.3 + 0.05 * k, 2) for k in range(13))
#: the modes --cross-grid tries unless --cross-modes says otherwise (the fourteenth session's grid)
CROSS_GRID_MODES = ("replace", "rescue", "veto", "both")
#: the cross-encoder's training recipe (fixed before any dev figure; never tuned on dev)
CROSS_TRAIN = {"epochs": 3, "rank": 8, "lr": 3e-4, "batch_size": 16, "seed": 13}
#: torch threads for --train-cross (on the shared machine one thread is far faster than two: neural.py)
CROSS_THREADS = 1
#: adoption rule (written before measuring): the cross-encoder becomes the default only when its chosen
#: setting raises DEV fact recall by at least this over the blend, at strict precision >= 0.85
CROSS_MIN_GAIN = 0.05


@dataclass
class StoryRun:
    """One gold story run through marsad: gold, doc id of each article, and the results."""

    gold: dict
    doc_of: dict[str, str]  # article id -> gold doc id (M0020, or an outlet name)
    result: object  # Consolidation
    learned: list[Claim] | None = None  # claims under the learned pair decision (when trained)
    cross: list[Claim] | None = None  # claims with the cross-encoder in its chosen mode (when trained)
    combine: list[Claim] | None = None  # claims with the "combine" mode at COMBINE_LINK (when fitted)
    sentences: dict[tuple[str, int], Sentence] = field(default_factory=dict)  # (doc, i) -> sentence
    mentions: list[Mention] = field(default_factory=list)  # the entities stage's (claims_analysis.py)

    def family(self, doc: str) -> str:
        """The independent source a gold doc belongs to: its family in the gold's ``families``
        (articles of one wire text), else the doc itself."""
        for members in self.gold.get("families", []):
            if doc in members:
                return members[0]
        return doc


def load_jsonl(path: Path) -> list[dict]:
    """The JSON objects of a JSONL file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def saudi_articles(urls: set[str]) -> dict[str, dict]:
    """The SaudiNewsNet records with the given urls (one pass over the shared file)."""
    found: dict[str, dict] = {}
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record.get("url") in urls:
                found[record["url"]] = record
    return found


def story_rows(gold: dict, topics: dict[str, dict], saudi: dict[str, dict]) -> list[dict]:
    """The story's documents as JSONL rows: a MultiLing document with its doc id as url and
    outlet, paragraphs joined by new lines; a SaudiNewsNet article with its url, outlet,
    content and publication day (its title is left out, as when the gold was annotated)."""
    if gold.get("corpus") == "saudinewsnet":
        records = [saudi[url] for _, url in sorted(gold["urls"].items())]
        return [{"url": r["url"], "source": r["source"], "text": r["content"], "published": r["date_extracted"][:10]}
                for r in records]
    rows = []
    for doc in topics[gold.get("topic", gold["story"])]["documents"]:
        if doc["doc_id"][:5] in gold["docs"]:
            text = "\n".join(p.strip() for p in doc["paragraphs"] if p.strip())
            rows.append({"url": doc["doc_id"], "source": doc["doc_id"], "text": text})
    return rows


def run_story(
    gold: dict, topics: dict[str, dict], folder: Path, use_embeddings: bool | None,
    saudi: dict[str, dict] | None = None,
) -> StoryRun:
    """Write the story's documents as JSONL (one outlet each) and consolidate them the way
    ``marsad summarize`` does."""
    path = folder / f"{gold['story']}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for row in story_rows(gold, topics, saudi or {}):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    found = summarize_inputs([str(path)], use_embeddings=use_embeddings)
    assert found is not None
    corpus, result = found
    doc_by_url = {url: doc for doc, url in gold.get("urls", {}).items()}
    doc_of = {a.id: doc_by_url.get(a.source_key, a.source_key[:5]) for a in corpus.articles}
    assert sorted(doc_of.values()) == sorted(gold["docs"]), (doc_of, gold["docs"])
    sentences = {(doc_of[a.id], s.i): s for a in corpus.articles for s in a.sentences}
    return StoryRun(gold, doc_of, result, sentences=sentences, mentions=list(corpus.mentions))


def cited(claim: Claim, doc_of: dict[str, str]) -> set[tuple[str, int]]:
    """(doc, sentence) pairs a claim cites."""
    return {(doc_of[c.article], c.sentence) for c in claim.sentences}


def story_scores(runs: list[StoryRun], claims_of) -> list[dict[str, float]]:
    """Per story of ``runs``, the benchmark's counts (:func:`claims_score.story_counts`: facts recalled,
    source share, claims judged, strict / lenient right) of the claims ``claims_of(run)`` gives that count
    ≥ 2 independent sources."""
    return [story_counts(run.gold["facts"],
                         [cited(c, run.doc_of) for c in claims_of(run) if c.independent_sources >= 2], run.family)
            for run in runs]


def score(runs: list[StoryRun], claims_of) -> dict[str, float]:
    """Fact recall, source share, strict/lenient precision over ``runs`` (pooled over their stories);
    ``claims_of(run)`` gives the claims to score."""
    return totals(story_scores(runs, claims_of))


def conflict_figures(runs: list[StoryRun]) -> tuple[int, int, int]:
    """(conflicts found, those matching a gold conflict on both sides, gold conflicts)."""
    found = matched = gold_total = 0
    for run in runs:
        gold_total += len(run.gold.get("conflicts", []))
        for record in run.result.conflicts:
            found += 1
            sides = [{(run.doc_of[s["article"]], s["sentence"]) for s in v["sentences"]} for v in record["values"]]
            for g in run.gold.get("conflicts", []):
                gsides = [carriers_of(side) for side in g["sides"]]
                if len(sides) >= 2 and any(
                    sides[0] & a and sides[1] & b for a, b in itertools.permutations(gsides, 2)
                ):
                    matched += 1
                    break
    return found, matched, gold_total


def print_errors(runs: list[StoryRun]) -> None:
    """Missed gold facts and wrong corroborated claims (to stderr; for the DEV split only)."""
    for run in runs:
        corroborated = [c for c in run.result.claims if c.independent_sources >= 2]
        for fact in run.gold["facts"]:
            carriers = carriers_of(fact)
            if not any(len({run.family(d) for d, _ in cited(c, run.doc_of) & carriers}) >= 2 for c in corroborated):
                print(f"MISSED {fact['id']}: {fact['fact']}", file=sys.stderr)
        for claim in corroborated:
            sentences = cited(claim, run.doc_of)
            if not any(sentences <= carriers_of(f) and len({run.family(d) for d, _ in sentences}) >= 2
                       for f in run.gold["facts"]):
                print(f"WRONG {sorted(sentences)} {claim.text[:100]}", file=sys.stderr)
                for a in claim.attributions:
                    print(f"      {run.doc_of[a['article']]}:{a['sentence']} {a['text'][:120]}", file=sys.stderr)


def print_figures(label: str, runs: list[StoryRun], interval: bool = False) -> dict[str, float]:
    """Print new vs old figures for ``runs``; returns the new method's. ``interval``: a story-level bootstrap
    95 % interval (:func:`claims_score.bootstrap`) beside recall and precision."""
    getters = [("atomic facts (new)", lambda r: r.result.claims),
               ("sentence alignment (old)", lambda r: r.result.claim_set.claims)]
    if all(r.learned is not None for r in runs):
        getters.insert(1, ("learned pair decision", lambda r: r.learned))
    if all(r.cross is not None for r in runs):
        getters.insert(1, (f"cross-encoder {CROSS_CHOSEN} {CROSS_LINK:g}", lambda r: r.cross))
    if all(r.combine is not None for r in runs):
        getters.insert(1, (f"combine {COMBINE_LINK:g}", lambda r: r.combine))
    counts = {name: story_scores(runs, get) for name, get in getters}
    rows = [(name, totals(counts[name])) for name, _ in getters]
    new = rows[0][1]
    found, matched, gold_conflicts = conflict_figures(runs)
    stories = ", ".join(r.gold["story"] for r in runs)
    print(f"{label} ({stories}: {new['facts']} gold facts, {gold_conflicts} gold conflicts)")
    if not interval:
        print(f"  {'method':<22} {'recall':>7} {'share':>7} {'claims':>7} {'precision':>9} {'lenient':>8}")
        for name, s in rows:
            print(f"  {name:<22} {s['recall']:7.3f} {s['share']:7.3f} {s['claims']:7d} "
                  f"{s['precision']:9.3f} {s['lenient']:8.3f}")
    else:
        print(f"  {'method':<22} {'recall':>7} {'(95 % interval)':>15} {'share':>7} {'claims':>7} {'precision':>9} "
              f"{'(95 % interval)':>15} {'lenient':>8}")
        for name, s in rows:
            r_lo, r_hi = bootstrap(counts[name], ratio("recalled", "facts"))
            p_lo, p_hi = bootstrap(counts[name], ratio("strict", "claims"))
            print(f"  {name:<22} {s['recall']:7.3f} {f'[{r_lo:.2f}, {r_hi:.2f}]':>15} {s['share']:7.3f} "
                  f"{s['claims']:7d} {s['precision']:9.3f} {f'[{p_lo:.2f}, {p_hi:.2f}]':>15} {s['lenient']:8.3f}")
        print(f"  (intervals: story-level bootstrap, {len(runs)} stories resampled {BOOTSTRAP_N} times, seed "
              f"{BOOTSTRAP_SEED}; wide with this few stories)")
    print(f"  conflicts found (new): {found}, matching a gold conflict: {matched} of {gold_conflicts}")
    return new


#: the grid --calibrate searches: embedding weight, residual share, character n-grams, key
#: guard, entity weight, link threshold (merge = link − 0.08)
GRID = {
    "w_emb": (0.7, 0.8, 0.9), "w_res": (0.0, 0.15, 0.3), "w_char": (0.0, 1.0), "key_guard": (False, True),
    "w_ent": (0.0, 0.1), "link": (0.44, 0.48, 0.52, 0.56, 0.6),
}
#: strict precision a setting must reach on dev to be ranked by recall
CALIBRATE_PRECISION = 0.85


def grid_settings() -> list[Weights]:
    """Every setting of :data:`GRID`, in a fixed order."""
    keys = sorted(GRID)
    return [Weights(**dict(zip(keys, values, strict=True)), merge=round(dict(zip(keys, values, strict=True))["link"]
                    - 0.08, 2)) for values in itertools.product(*(GRID[k] for k in keys))]


def _rank(s: dict[str, float]) -> tuple:
    """Sort key of a setting's figures: precision ≥ :data:`CALIBRATE_PRECISION` first, then
    recall, then F1."""
    f1 = 2 * s["recall"] * s["precision"] / max(s["recall"] + s["precision"], 1e-9)
    ok = s["precision"] >= CALIBRATE_PRECISION
    return (ok, s["recall"] if ok else f1, f1)


def calibrate(runs: list[StoryRun], use_embeddings: bool | None) -> None:
    """Grid over the decision's weights (:data:`GRID`) on the given (DEV) runs: prints the best
    settings (recall among those with strict precision ≥ :data:`CALIBRATE_PRECISION`, else F1),
    then a leave-one-story-out estimate of choosing that way (each dev story scored with the
    setting chosen on the others)."""
    cached = {id(run): (run.result.propositions, pair_features(run.result.propositions, use_embeddings))
              for run in runs}
    claims_by: dict[tuple[int, int], list[Claim]] = {}

    def claims_of_setting(k: int, w: Weights):
        def claims_of(run: StoryRun) -> list[Claim]:
            key = (k, id(run))
            if key not in claims_by:
                props, features = cached[id(run)]
                claims_by[key] = build_fact_claims(props, weights=w, features=features)[0]
            return claims_by[key]
        return claims_of

    settings = grid_settings()
    rows = [(k, w, score(runs, claims_of_setting(k, w))) for k, w in enumerate(settings)]
    rows.sort(key=lambda r: _rank(r[2]), reverse=True)
    for _, w, s in rows[:CALIBRATE_TOP]:
        print(f"w_emb={w.w_emb} w_res={w.w_res} w_char={w.w_char} key_guard={w.key_guard} w_ent={w.w_ent} "
              f"link={w.link}: recall {s['recall']:.3f} precision {s['precision']:.3f} lenient {s['lenient']:.3f}"
              f"{'' if s['precision'] >= CALIBRATE_PRECISION else ' (precision < 0.85)'}")
    chosen: dict[int, tuple[int, Weights]] = {}
    for held in runs:
        others = [r for r in runs if r is not held]
        best = max(((k, w) for k, w in enumerate(settings)),
                   key=lambda kw: (_rank(score(others, claims_of_setting(*kw))), -kw[0]))
        chosen[id(held)] = best
        print(f"leave out {held.gold['story']}: chosen on the others w_emb={best[1].w_emb} w_res={best[1].w_res} "
              f"w_char={best[1].w_char} key_guard={best[1].key_guard} w_ent={best[1].w_ent} link={best[1].link}")
    loso = score(runs, lambda run: claims_of_setting(*chosen[id(run)])(run))
    print(f"leave-one-story-out (each dev story scored with the setting chosen on the others): recall "
          f"{loso['recall']:.3f} precision {loso['precision']:.3f} lenient {loso['lenient']:.3f}")


#: how --train labels a pair: "span" (each proposition overlaps the hand-marked span of one fact in
#: its sentence, where the gold marks one; else its sentence carries the fact) or "sentence" (their
#: sentences carry one fact: the fifth session's labels, kept to compare)
LABELS = ("span", "sentence")
#: a proposition states a fact whose span is marked in its sentence when the overlap of their
#: characters is at least this share of the shorter of the two
SPAN_OVERLAP = 0.5


def gold_spans(run: StoryRun, fact: dict) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """Per carrier (doc, sentence) of ``fact`` that the gold marks a span in: the article-text
    character ranges of its pieces (``[first words, last words]``: from the first occurrence of the
    first words to the first occurrence of the last words after it). A carrier without a span is
    absent (the fact is read as filling its sentence)."""
    out: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for doc, by_sentence in fact.get("spans", {}).items():
        for i, pieces in by_sentence.items():
            sentence = run.sentences[(doc, int(i))]
            ranges = []
            for first, last in pieces:
                a = sentence.text.find(first)
                b = sentence.text.find(last, a)
                if a < 0 or b < 0:
                    raise ValueError(f"{fact['id']}: span {first!r} … {last!r} not in {doc}:{i}")
                ranges.append((sentence.start + a, sentence.start + b + len(last)))
            out[(doc, int(i))] = ranges
    return out


def _overlap_share(spans: list[tuple[int, int]], ranges: list[tuple[int, int]]) -> float:
    """Characters shared by two sets of ranges, over the length of the shorter set."""
    shared = sum(max(0, min(y, d) - max(x, c)) for x, y in spans for c, d in ranges)
    shorter = min(sum(y - x for x, y in spans), sum(d - c for c, d in ranges))
    return shared / max(shorter, 1)


def states(run: StoryRun, prop, fact: dict, spans: dict[tuple[str, int], list[tuple[int, int]]],
           labels: str = "span") -> bool:
    """Does proposition ``prop`` state gold ``fact``? Its sentence must carry the fact; with span
    labels, where the gold marks the fact's span in that sentence, the proposition must overlap it
    (:data:`SPAN_OVERLAP`)."""
    key = (run.doc_of[prop.article], prop.unit.sentence.i)
    if key not in carriers_of(fact):
        return False
    if labels == "sentence" or key not in spans:
        return True
    return _overlap_share(prop.spans, spans[key]) >= SPAN_OVERLAP


def pair_data(run: StoryRun, labels: str = "span") -> tuple[list[tuple[int, int]], np.ndarray, np.ndarray, dict]:
    """Candidate pairs of a run's propositions, their feature rows, and their labels (1 both
    state one gold fact — see :func:`states` — 0 not, -1 unknown: both in one gold family);
    ``extra``: what the matcher needs to rebuild claims (features, vectors)."""
    result = run.result
    props = result.propositions
    features = pair_features(props, vectors=result.prop_vectors, residual=False,
                             sentence_vectors=result.unit_vectors)
    pairs, x = learned_features(props, features, result.prop_vectors, result.unit_vectors)
    facts = run.gold["facts"]
    spans = [gold_spans(run, f) for f in facts]
    stated = {p.index: frozenset(k for k, f in enumerate(facts) if states(run, p, f, spans[k], labels))
              for p in props}
    labels_out = np.full(len(pairs), -1, dtype=np.int64)
    for k, (i, j) in enumerate(pairs):
        a, b = props[i], props[j]
        if run.family(run.doc_of[a.article]) == run.family(run.doc_of[b.article]):
            continue
        labels_out[k] = int(bool(stated[a.index] & stated[b.index]))
    return pairs, x, labels_out, {"features": features}


def pair_ranking(runs: list[StoryRun], model: PairModel | None) -> None:
    """Print how well the linear blend, the embedding cosine and the learned model rank the
    cross-family candidate pairs of ``runs`` (ROC AUC), with the span labels (:func:`states`) and
    the sentence labels (only the DEV split carries spans)."""
    rows: dict[str, list[np.ndarray]] = {"span": [], "sentence": [], "blend": [], "emb": [], "learned": []}
    for run in runs:
        if run.result.prop_vectors is None:  # not embedded (copies of one text): no learned decision
            continue
        pairs, x, span_labels, _ = pair_data(run, "span")
        rows["span"].append(span_labels)
        rows["sentence"].append(pair_data(run, "sentence")[2])
        blend = pair_features(run.result.propositions, vectors=run.result.prop_vectors,
                              sentence_vectors=run.result.unit_vectors)
        rows["blend"].append(np.array([pair_score(blend[p], Weights()) if p in blend else 0.0 for p in pairs]))
        rows["emb"].append(x[:, FEATURES.index("emb")])
        rows["learned"].append(model.probability(x) if model is not None else np.zeros(len(pairs)))
    if not rows["span"]:
        return
    got = {k: np.concatenate(v) for k, v in rows.items()}
    for labels in ("span", "sentence"):
        y = got[labels]
        known = y >= 0
        names = ("blend", "emb", "learned") if model is not None else ("blend", "emb")
        print(f"  pairs, {labels} labels: {int(known.sum())} across families, {int(y[known].sum())} same-fact; "
              "ROC AUC " + ", ".join(f"{n} {roc_auc(got[n][known], y[known]):.3f}" for n in names))


def fit_model(x: np.ndarray, y: np.ndarray, link: float) -> PairModel:
    """A seeded, standardized logistic regression on labelled rows, as a :class:`PairModel`."""
    from sklearn.linear_model import LogisticRegression

    x = x.copy()
    for name in TRAIN_DROP:
        x[:, FEATURES.index(name)] = 0.0
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    lr = LogisticRegression(C=TRAIN_C, class_weight="balanced", max_iter=2000, random_state=TRAIN_SEED)
    lr.fit((x - mean) / scale, y)
    coef = lr.coef_[0].copy()
    coef[[FEATURES.index(name) for name in TRAIN_DROP]] = 0.0
    return PairModel(FEATURES, mean, scale, coef, float(lr.intercept_[0]), link,
                     round(link - MERGE_GAP, 2))


def roc_auc(scores: np.ndarray, y: np.ndarray) -> float:
    """Area under the ROC curve (ties count half)."""
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, scores)) if 0 < y.sum() < len(y) else float("nan")


def train(runs: list[StoryRun], labels: str = "span") -> PairModel:
    """Fit the pair model on the TRAIN runs (see the module doc), print what was measured, and
    return it with its link threshold chosen by leave-one-story-out."""
    data = {id(run): pair_data(run, labels) for run in runs}
    xs = np.vstack([d[1] for d in data.values()])
    ys = np.concatenate([d[2] for d in data.values()])
    known = ys >= 0
    stories = ", ".join(r.gold["story"] for r in runs)
    print(f"TRAIN, {labels} labels ({stories}: {sum(len(r.gold['facts']) for r in runs)} gold facts): "
          f"{len(ys)} candidate pairs, {int(known.sum())} across families, {int(ys[known].sum())} same-fact")
    print("  ROC AUC of each feature over the cross-family pairs: " + ", ".join(
        f"{name} {roc_auc(xs[known, k], ys[known]):.3f}" for k, name in enumerate(FEATURES)))
    # leave one story out: probabilities of each story from the model fitted on the others
    fold_models = {}
    held_probs = []
    held_labels = []
    for held in runs:
        others = [data[id(r)] for r in runs if r is not held]
        x = np.vstack([d[1] for d in others])
        y = np.concatenate([d[2] for d in others])
        fold_models[id(held)] = fit_model(x[y >= 0], y[y >= 0], 0.5)
        _, hx, hy, _ = data[id(held)]
        held_probs.append(fold_models[id(held)].probability(hx[hy >= 0]))
        held_labels.append(hy[hy >= 0])
    held_auc = roc_auc(np.concatenate(held_probs), np.concatenate(held_labels))
    print(f"  leave-one-story-out ROC AUC of the model: {held_auc:.3f}"
          f" (embedding cosine alone {roc_auc(xs[known, 0], ys[known]):.3f})")
    rows = []
    for link in TRAIN_LINKS:
        def claims_of(run: StoryRun, link: float = link) -> list[Claim]:
            fold = fold_models[id(run)]
            model = PairModel(fold.features, fold.mean, fold.scale, fold.coef, fold.intercept, link,
                              round(link - MERGE_GAP, 2))
            return build_fact_claims(run.result.propositions, features=data[id(run)][3]["features"],
                                     vectors=run.result.prop_vectors, sentence_vectors=run.result.unit_vectors,
                                     model=model)[0]
        s = score(runs, claims_of)
        rows.append((link, s))
        print(f"  link {link:.2f} (merge {link - MERGE_GAP:.2f}), leave-one-story-out on train: "
              f"recall {s['recall']:.3f} precision {s['precision']:.3f} lenient {s['lenient']:.3f} "
              f"({s['claims']} claims)")
    link, best = max(rows, key=lambda r: (_rank(r[1]), r[0]))
    print(f"  chosen link {link:.2f}: train leave-one-story-out recall {best['recall']:.3f} at precision "
          f"{best['precision']:.3f}")
    model = fit_model(xs[known], ys[known], link)
    coefficients = ", ".join(f"{n} {c:+.2f}" for n, c in zip(FEATURES, model.coef, strict=True))
    print(f"  coefficients (standardized): {coefficients}, intercept {model.intercept:+.2f}")
    return model


def time_story(topics: dict[str, dict], use_embeddings: bool | None, weights: Weights | None = None,
               label: str = "") -> None:
    """Print the CPU and wall time to consolidate a 10-article MultiLing topic (``weights``: the matcher's)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from summarize import topic_articles

    articles = topic_articles(topics["M000"])
    cpu, wall = time.process_time(), time.perf_counter()
    result = consolidate(articles, use_embeddings=use_embeddings, weights=weights)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    sentences = sum(len(a.sentences) for a in articles)
    print(f"speed{label}: 10-article story (M000, {sentences} sentences, {len(result.propositions)} propositions): "
          f"{cpu:.2f} s CPU (one core's work), {wall:.2f} s wall; target < 2 s")


def cross_examples(runs: list[StoryRun]) -> list[tuple[str, str, int]]:
    """Training pairs for the cross-encoder from gold runs: the cross-family candidate pairs of
    propositions labelled as ``--train`` labels them (:func:`pair_data`, span labels)."""
    out = []
    for run in runs:
        pairs, _, labels, _ = pair_data(run, "span")
        props = run.result.propositions
        out += [(props[i].text, props[j].text, int(y)) for (i, j), y in zip(pairs, labels, strict=True) if y >= 0]
    return out


def pair_file_examples(path: Path = PAIRS, limit: int = 0) -> list[tuple[str, str, int]]:
    """The hand-annotated proposition pairs of ``path`` (none when it is missing; its first ``limit``
    lines when > 0 — the file grows by appended batches): (text a, text b, label)."""
    if not path.exists():
        return []
    rows = load_jsonl(path)
    return [(r["a"]["text"], r["b"]["text"], int(r["label"])) for r in rows[: limit or None]]


def cross_train(runs: list[StoryRun], pairs: Path = PAIRS, limit: int = 0, out: Path | None = None) -> None:
    """Fine-tune the cross-encoder on the TRAIN runs' pairs and the annotated pair file; write the model."""
    examples = cross_examples(runs)
    extra = pair_file_examples(pairs, limit)
    stories = ", ".join(r.gold["story"] for r in runs)
    print(f"TRAIN ({stories}): {len(examples)} cross-family candidate pairs, {sum(y for *_, y in examples)} "
          f"same-fact; {pairs.name}: {len(extra)} pairs, {sum(y for *_, y in extra)} same-fact")
    out = out or model_path()
    cpu, wall = time.process_time(), time.perf_counter()
    train_cross(examples + extra, out, **CROSS_TRAIN, threads=CROSS_THREADS,
                log=lambda s: print(s, file=sys.stderr, flush=True))
    print(f"trained in {time.perf_counter() - wall:.0f} s wall, {time.process_time() - cpu:.0f} s CPU "
          f"({CROSS_THREADS} thread); wrote {out} ({out.stat().st_size} bytes)")


def cross_claims(run: StoryRun, w: Weights, encoder: CrossEncoder, features: dict) -> list[Claim]:
    """A run's claims with the cross-encoder entering the decision as ``w`` says (the stage's path)."""
    if run.result.prop_vectors is None:  # not embedded (copies of one text): the stage keeps the blend
        return run.result.claims
    claims, _ = build_fact_claims(run.result.propositions, use_embeddings=False, vectors=run.result.prop_vectors,
                                  weights=w, features=features, cross_encoder=encoder)
    return claims


def read_pair_rows(runs: list[StoryRun], encoder: CrossEncoder, features: dict | None = None
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs the "both" and "combine" modes read (linkable, blend >= :data:`CROSS_FLOOR`) across gold
    families of ``runs`` (embedded stories only), span labels: (blend scores, cross-encoder P, labels)."""
    read_blend: list[float] = []
    read_cross: list[float] = []
    read_y: list[int] = []
    for r in runs:
        if r.result.prop_vectors is None:
            continue
        pairs, _, labels, _ = pair_data(r, "span")
        label_of = dict(zip(pairs, labels.tolist(), strict=True))
        feats = features[id(r)] if features is not None else pair_features(
            r.result.propositions, use_embeddings=False, vectors=r.result.prop_vectors, residual=False)
        blend_scores = {k: pair_score(f, Weights()) for k, f in feats.items()}
        read = [k for k in cross_read_pairs(feats, blend_scores, Weights(cross="both")) if label_of.get(k, -1) >= 0]
        props = r.result.propositions
        read_blend += [blend_scores[k] for k in read]
        read_cross += encoder.probabilities([(props[i].text, props[j].text) for i, j in read]).tolist()
        read_y += [label_of[k] for k in read]
    return np.array(read_blend), np.array(read_cross), np.array(read_y)


def combine_train(runs: list[StoryRun], model: Path | None = None, out: Path = COMBINE_PATH) -> None:
    """Fit the "combine" mode's logistic regression (blend, cross-encoder P) on the TRAIN runs' pairs the mode
    reads (span labels; :func:`fit_model`'s recipe: seeded, standardized, class-balanced, C 1) and write its
    coefficients in raw units to ``out``."""
    encoder = CrossEncoder(model) if model else default_cross_encoder()
    if encoder is None:
        print(f"no {CROSS_FILE}: run --train-cross first", file=sys.stderr)
        return
    rb, rc, y = read_pair_rows(runs, encoder)
    coef, std = fit_combiner(rb, rc, y, c=TRAIN_C, seed=TRAIN_SEED)
    combined = np.array([combine_score(b, p, coef) for b, p in zip(rb, rc, strict=True)])
    stories = ", ".join(r.gold["story"] for r in runs)
    print(f"TRAIN ({stories}): pairs read (blend >= {CROSS_FLOOR}, linkable, across gold families): {len(y)}, "
          f"{int(y.sum())} same-fact; ROC AUC blend {roc_auc(rb, y):.3f}, cross-encoder {roc_auc(rc, y):.3f} "
          f"(in-sample: it was trained on these pairs), combined {roc_auc(combined, y):.3f}")
    print(f"  coefficients (standardized): blend {std[1]:+.3f}, cross-encoder {std[2]:+.3f}, intercept "
          f"{std[0]:+.3f}; raw: z = {coef[0]:+.3f} {coef[1]:+.3f}*blend {coef[2]:+.3f}*P")
    name = (model or model_path()).name
    payload = {"intercept": coef[0], "blend": coef[1], "cross": coef[2], "cross_model": name,
               "trained_on": [r.gold["story"] for r in runs], "pairs": len(y), "same_fact": int(y.sum()),
               "command": "python benchmarks/claims.py --train-combine" + (f" --cross-model {model}" if model else ""),
               "C": TRAIN_C, "seed": TRAIN_SEED, "class_weight": "balanced"}
    out.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")


def cross_grid(runs: list[StoryRun], model: Path | None = None, modes: tuple[str, ...] = CROSS_GRID_MODES,
               combiner: Path | None = None) -> None:
    """DEV only: how the cross-encoder (``model``, default the shipped one) ranks the pairs it reads, every
    mode x threshold, the best (recall at precision >= 0.85, else F1), a leave-one-story-out estimate of
    choosing that way, and the adoption rule. "combine" reads its coefficients from ``combiner`` (default the
    shipped :data:`COMBINE_PATH`)."""
    encoder = CrossEncoder(model) if model else default_cross_encoder()
    if encoder is None:
        print(f"no {CROSS_FILE}: run --train-cross first", file=sys.stderr)
        return
    coef = load_combiner(combiner or COMBINE_PATH) if "combine" in modes else None
    if "combine" in modes and coef is None:
        print(f"no {combiner or COMBINE_PATH}: run --train-combine first", file=sys.stderr)
        return
    features = {id(r): pair_features(r.result.propositions, use_embeddings=False, vectors=r.result.prop_vectors,
                                     residual=False) for r in runs}
    blend = score(runs, lambda r: build_fact_claims(r.result.propositions, use_embeddings=False,
                                                    vectors=r.result.prop_vectors, features=features[id(r)])[0])
    stage = score(runs, lambda r: r.result.claims)
    print(f"blend (the stage's claims): recall {stage['recall']:.3f} precision {stage['precision']:.3f} "
          f"lenient {stage['lenient']:.3f} ({stage['claims']} claims); rebuilt here {blend['recall']:.3f} / "
          f"{blend['precision']:.3f} ({blend['claims']} claims)")
    # how the scorer ranks the pairs it reads (the "both" mode's: the band and the linked pairs), span labels
    rb, rc, y = read_pair_rows(runs, encoder, features)
    band = rb < Weights().link
    line = (f"pairs read (blend >= {CROSS_FLOOR}, linkable, across gold families): {len(y)}, {int(y.sum())} "
            f"same-fact; ROC AUC blend {roc_auc(rb, y):.3f}, cross-encoder {roc_auc(rc, y):.3f}")
    if coef is not None:
        rm = np.array([combine_score(b, p, coef) for b, p in zip(rb, rc, strict=True)])
        line += f", combined {roc_auc(rm, y):.3f}"
    line += (f"; in the band ({int(band.sum())} pairs, {int(y[band].sum())} same-fact): blend "
             f"{roc_auc(rb[band], y[band]):.3f}, cross-encoder {roc_auc(rc[band], y[band]):.3f}")
    if coef is not None:
        line += f", combined {roc_auc(rm[band], y[band]):.3f}"
        print(f"combine coefficients ({combiner or COMBINE_PATH}): z = {coef[0]:+.3f} {coef[1]:+.3f}*blend "
              f"{coef[2]:+.3f}*P")
    print(line)
    settings = [(mode, t) for mode in modes for t in (COMBINE_GRID_LINKS if mode == "combine" else CROSS_GRID_LINKS)]
    per_story: dict[tuple[str, float], dict[int, list[Claim]]] = {}
    figures = {}
    for mode, t in settings:
        w = Weights(cross=mode, cross_link=t, cross_coef=coef if mode == "combine" else None)
        per_story[(mode, t)] = {id(r): cross_claims(r, w, encoder, features[id(r)]) for r in runs}
        s = figures[(mode, t)] = score(runs, lambda r, m=mode, t=t: per_story[(m, t)][id(r)])
        print(f"  {mode:<8} {t:.2f}: recall {s['recall']:.3f} precision {s['precision']:.3f} "
              f"lenient {s['lenient']:.3f} ({s['claims']} claims)")
    best = max(settings, key=lambda k: (_rank(figures[k]), -settings.index(k)))
    s = figures[best]
    print(f"chosen on dev: {best[0]} {best[1]:.2f}: recall {s['recall']:.3f} precision {s['precision']:.3f}")
    chosen = {}
    for held in runs:
        others = [r for r in runs if r is not held]
        fold = {k: score(others, lambda r, k=k: per_story[k][id(r)]) for k in settings}
        chosen[id(held)] = max(settings, key=lambda k: (_rank(fold[k]), -settings.index(k)))
    loso = score(runs, lambda r: per_story[chosen[id(r)]][id(r)])
    print(f"leave-one-story-out (each dev story scored with the setting chosen on the others): recall "
          f"{loso['recall']:.3f} precision {loso['precision']:.3f} lenient {loso['lenient']:.3f} "
          f"({loso['claims']} claims); settings chosen: "
          + ", ".join(f"{r.gold['story']} {chosen[id(r)][0]} {chosen[id(r)][1]:.2f}" for r in runs))
    gain = s["precision"] >= CALIBRATE_PRECISION and s["recall"] >= stage["recall"] + CROSS_MIN_GAIN - 1e-9
    holds = loso["precision"] >= CALIBRATE_PRECISION and loso["recall"] >= stage["recall"] - 1e-9
    print(f"adoption rule: (1) dev choice recall >= blend + {CROSS_MIN_GAIN} at precision >= {CALIBRATE_PRECISION}: "
          f"{'yes' if gain else 'no'}; (2) leave-one-story-out recall >= blend's {stage['recall']:.3f} at precision "
          f">= {CALIBRATE_PRECISION}: {'yes' if holds else 'no'} -> "
          + ("met: the default" if gain and holds else "NOT met: opt-in only"))
    print(f"cross-encoder pairs scored: {len(encoder._cache)} distinct (text, text) pairs over the dev stories")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="test split only, no timing; exit 1 below the floors")
    parser.add_argument("--calibrate", action="store_true", help="grid over the weights on the DEV split")
    parser.add_argument("--no-embeddings", action="store_true", help="lexical similarity only")
    parser.add_argument("--labels", choices=LABELS, default="span",
                        help="--train: label pairs by the gold's fact spans (default) or by whole sentences")
    parser.add_argument("--dev", action="store_true", help="the DEV split only (errors looked at there)")
    parser.add_argument("--train", action="store_true",
                        help=f"fit the learned pair decision on the TRAIN split and write {MODEL_PATH.name}")
    parser.add_argument("--train-cross", action="store_true",
                        help=f"fine-tune the cross-encoder on the TRAIN split (+ {PAIRS.name}), write {CROSS_FILE}")
    parser.add_argument("--pairs", default=str(PAIRS), help="--train-cross: the annotated pair file")
    parser.add_argument("--pairs-limit", type=int, default=0,
                        help="--train-cross: only the first N lines of the pair file (0: all)")
    parser.add_argument("--cross-out", help="--train-cross: write the model here (default: the shipped file)")
    parser.add_argument("--cross-model", help="--cross-grid: this model file instead of the shipped one")
    parser.add_argument("--cross-grid", action="store_true",
                        help="DEV only: the cross-encoder's modes x thresholds and the adoption rule")
    parser.add_argument("--cross-modes", default=",".join(CROSS_GRID_MODES),
                        help=f"--cross-grid: the modes to try, comma-separated (of {', '.join(CROSS_MODES)})")
    parser.add_argument("--train-combine", action="store_true",
                        help=f"fit the combine mode on the TRAIN split's pairs, write {COMBINE_PATH.name}")
    parser.add_argument("--combine-model", help="--train-combine: write here; --cross-grid: read from here "
                        f"(default {COMBINE_PATH.name})")
    parser.add_argument("--gold", default=str(GOLD), help="the gold file (default: benchmarks/data/claims_gold.jsonl)")
    args = parser.parse_args()
    if not MULTILING.exists():
        print(f"missing {MULTILING}", file=sys.stderr)
        return 2
    use_embeddings = False if args.no_embeddings else None
    if use_embeddings is None and embeddings_available():
        load_encoder()
    topics = {t["topic_id"]: t for t in load_jsonl(MULTILING)}
    gold = load_jsonl(Path(args.gold))
    wanted = {"dev"} if args.calibrate or args.dev or args.cross_grid else ({"test"} if args.quick else {"dev", "test"})
    if args.train or args.train_cross or args.train_combine:
        wanted = {"train"}
    stories = [g for g in gold if g["split"] in wanted]
    saudi_urls = {url for g in stories if g.get("corpus") == "saudinewsnet" for url in g["urls"].values()}
    saudi = saudi_articles(saudi_urls) if saudi_urls else {}
    # keyed by part: the round-test2 lines apart from the first rounds' test lines (whose figures and
    # floors stay as they were)
    runs: dict[str, list[StoryRun]] = {"dev": [], "dev2": [], "test": [], "test2": [], "test3": [], "train": []}
    with tempfile.TemporaryDirectory() as tmp:
        for story in stories:
            runs[part_of(story)].append(run_story(story, topics, Path(tmp), use_embeddings, saudi))
    if args.train_cross:
        cross_train(runs["train"], Path(args.pairs), args.pairs_limit, Path(args.cross_out) if args.cross_out else None)
        return 0
    if args.train_combine:
        combine_train(runs["train"], Path(args.cross_model) if args.cross_model else None,
                      Path(args.combine_model) if args.combine_model else COMBINE_PATH)
        return 0
    if args.cross_grid:
        modes = tuple(m for m in args.cross_modes.split(",") if m)
        unknown = [m for m in modes if m not in CROSS_MODES]
        if unknown:
            parser.error(f"unknown --cross-modes {unknown} (choose from {', '.join(CROSS_MODES)})")
        cross_grid(runs["dev"], Path(args.cross_model) if args.cross_model else None, modes,
                   Path(args.combine_model) if args.combine_model else None)
        return 0
    if args.train:
        model = train(runs["train"], args.labels)
        command = "python benchmarks/claims.py --train" + ("" if args.labels == "span" else f" --labels {args.labels}")
        payload = {**model.to_dict(), "trained_on": [r.gold["story"] for r in runs["train"]], "command": command,
                   "labels": args.labels, "C": TRAIN_C, "seed": TRAIN_SEED, "class_weight": "balanced"}
        MODEL_PATH.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH.relative_to(REPO)}")
        return 0
    if args.calibrate:
        print_errors(runs["dev"])
        calibrate(runs["dev"], use_embeddings)
        return 0
    model = load_model()
    if model is not None and not args.no_embeddings:
        for run in runs["dev"] + runs["dev2"] + runs["test"] + runs["test2"] + runs["test3"]:
            # a story consolidation did not embed (copies of one text) keeps the lexical decision
            run.learned = run.result.claims if run.result.prop_vectors is None else build_fact_claims(
                run.result.propositions, vectors=run.result.prop_vectors, sentence_vectors=run.result.unit_vectors,
                model=model)[0]
    # the opt-in cross-encoder's row (not in the CI gate, which scores the default decision only)
    encoder = default_cross_encoder() if CROSS_CHOSEN and not args.no_embeddings and not args.quick else None
    if encoder is not None:
        chosen = Weights(cross=CROSS_CHOSEN, cross_link=CROSS_LINK)
        for run in runs["dev"] + runs["dev2"] + runs["test"] + runs["test2"] + runs["test3"]:
            features = pair_features(run.result.propositions, use_embeddings=False, vectors=run.result.prop_vectors,
                                     residual=False)
            run.cross = cross_claims(run, chosen, encoder, features)
            if COMBINE_PATH.exists() and run.gold["split"] == "dev":  # not adopted: never scored on test
                run.combine = cross_claims(run, Weights(cross="combine", cross_link=COMBINE_LINK), encoder, features)
    figures = {}
    for split in ("dev", "test"):
        if runs[split]:
            figures[split] = print_figures(split.upper(), runs[split])
            if split == "dev" and not args.no_embeddings:
                pair_ranking(runs["dev"], model)
        if split == "dev" and runs["dev2"]:
            figures["dev2"] = print_figures(f"DEV2 (round dev2: {len(runs['dev2'])} stories of the families dev set, "
                                            "two blind annotators, adjudicated)", runs["dev2"], interval=True)
            if runs["dev"]:
                figures["dev-all"] = print_figures(f"DEV, all rounds ({len(runs['dev']) + len(runs['dev2'])} stories)",
                                                   runs["dev"] + runs["dev2"], interval=True)
    parts = {corpus: [r for r in runs["test"] if r.gold.get("corpus", "multiling") == corpus]
             for corpus in ("multiling", "saudinewsnet")}
    if all(parts.values()):
        for corpus, part in parts.items():
            figures[corpus] = print_figures(f"TEST, {corpus} part", part)
    if runs["test2"]:
        figures["test2"] = print_figures(f"TEST2 (round test2: {len(runs['test2'])} stories, two blind annotators, "
                                         "adjudicated)", runs["test2"], interval=True)
        for corpus in ("multiling", "saudinewsnet"):
            part = [r for r in runs["test2"] if r.gold.get("corpus", "multiling") == corpus]
            if part:
                figures[f"test2-{corpus}"] = print_figures(f"TEST2, {corpus} part", part)
    if runs["test3"]:
        figures["test3"] = print_figures(f"TEST3 (round test3: {len(runs['test3'])} stories, two blind annotators, "
                                         "adjudicated; twentieth session)", runs["test3"], interval=True)
    if runs["test"] and (runs["test2"] or runs["test3"]):
        pooled = runs["test"] + runs["test2"] + runs["test3"]
        figures["all"] = print_figures(f"TEST, all rounds ({len(pooled)} stories)", pooled, interval=True)
    if not args.quick:
        time_story(topics, use_embeddings)
        if encoder is not None:
            time_story(topics, use_embeddings, Weights(cross=CROSS_CHOSEN, cross_link=CROSS_LINK),
                       f", cross-encoder {CROSS_CHOSEN} {CROSS_LINK:g}")
            if COMBINE_PATH.exists():
                time_story(topics, use_embeddings, Weights(cross="combine", cross_link=COMBINE_LINK),
                           f", cross-encoder combine {COMBINE_LINK:g}")
    # the targets are the whole test split's: every round there is
    pooled_runs = runs["test"] + runs["test2"] + runs["test3"] if "all" in figures else runs["test"]
    whole = figures["all"] if "all" in figures else figures.get("test")
    which = "all rounds, " if "all" in figures else ""
    if whole is not None:
        print(f"test ({which}{len(pooled_runs)} stories, {whole['facts']} facts, {whole['claims']} claims): "
              "corroborated-fact recall "
              f"{whole['recall']:.3f} at precision {whole['precision']:.3f} (targets: recall >= 0.70 at precision "
              ">= 0.85)")
    failed = False
    for name, (floor_recall, floor_precision) in FLOORS.items():
        got = figures.get(name)
        if args.quick and got is not None and (got["recall"] < floor_recall or got["precision"] < floor_precision):
            print(f"FAIL: {name} recall {got['recall']:.3f} / precision {got['precision']:.3f} below the floors "
                  f"{floor_recall} / {floor_precision}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
