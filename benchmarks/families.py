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
leads; twentieth session, fourth registration; measured, not adopted).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from _shared import REPO
from claims import load_jsonl, saudi_articles, story_rows
from marsad.ingest import read_paths
from marsad.model import Article, Corpus
from marsad.stages.consolidate.command import _run_helper_stages
from marsad.stages.consolidate.sources import independence_keys

FAMILIES_DEV = REPO / "benchmarks" / "data" / "families_dev.jsonl"
CLAIMS_GOLD = REPO / "benchmarks" / "data" / "claims_gold.jsonl"
#: the stage whose families ``independence_keys`` reads (the others do not touch independence)
STAGES = ("marsad.stages.dedup:DedupStage",)

KeyFn = Callable[[list[Article], Corpus], dict[str, str]]
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


def prepare(line: dict, saudi: dict[str, dict], folder: Path) -> Story:
    """Write the story's rows, read them with marsad.ingest and run the dedup stage."""
    path = folder / f"{line['story']}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for row in story_rows(line, {}, saudi):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    articles = list(read_paths([str(path)]))
    corpus = Corpus(articles=articles)
    _run_helper_stages(corpus, None, stages=STAGES)
    doc_by_url = {url: doc for doc, url in line["urls"].items()}
    doc_of = {a.id: doc_by_url[a.source_key] for a in corpus.articles}
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


def main() -> int:
    """Print the figures of each method on each data set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", nargs="+", default=["families-dev", "claims-dev", "claims-train"],
                        choices=["families-dev", "claims-dev", "claims-train"])
    parser.add_argument("--method", nargs="+", default=list(METHODS), choices=list(METHODS))
    parser.add_argument("--errors", action="store_true", help="print each wrong pair (all data sets here are dev)")
    args = parser.parse_args()
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
