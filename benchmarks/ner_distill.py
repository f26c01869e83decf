"""The CRF taught by the mixed tagger on unlabelled SaudiNewsNet sentences (issue 13; docs/entities.md, session 18).

    python benchmarks/ner_distill.py draw --out POOL.txt                         # the pool, no model involved
    python benchmarks/ner_distill.py label --pool POOL.txt --out POOL.conll [--e5 M --crf C]
    marsad train ner --kind crf [--hold-out 0.1] --extra-train benchmarks/data/ner_snn_train.txt \\
        benchmarks/data/ner_snn2_train.txt POOL.conll --out MODEL

``draw``: 3,000 sentences of 8-40 tokens (tokenized as ANERcorp) from SaudiNewsNet records 10,000-19,999, seed
1818, at most 2 per article. Excluded: the articles of every gold file of benchmarks/data (both hand-labelled
SaudiNewsNet rounds included), every article with a sentence sharing 6 consecutive tokens with the out-of-domain
test, every sentence sharing 6 consecutive tokens with an SNN dev sentence. Records 3,000-9,999 and from 20,000 on
(the entity samples') are not read. Lines: ``record<TAB>tokens``. The pool and its labels are derived from the
corpus: keep them outside the repository.

``label``: the mixed tagger (the shipped pair, or ``--e5``/``--crf`` for the dev pair) at the shipped share; a
sentence is kept when it holds at least one name and every word's decoded label has a mixed probability >= 0.5.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent / "data"))
from ner_ood_sample import sentences, tokenize
from ner_snn_sample import CORPUS, DATA, gold_urls_and_titles, ngrams, ood_ngrams
from ner_snn_sample import read_conll as read_gold

RECORDS = range(10_000, 20_000)
#: gold stored after the pool was drawn (commit 7d27403): not read, so the pool draws the same (a gold file added
#: to benchmarks/data later joins this tuple)
LATER_FILES = ("claims_dev_pairs_labels.jsonl", "families_dev.jsonl", "families_train.jsonl")
LATER_ROUNDS = ("test2", "dev2", "test3")  # claims_gold.jsonl
SEED = 1818
TOTAL = 3_000
PER_ARTICLE = 2
MIN_TOKENS, MAX_TOKENS = 8, 40
MIN_PROB = 0.5
SNN_DEV_FILES = ("ner_snn_dev.txt", "ner_snn2_dev.txt")


def draw(out: Path) -> None:
    """Write the pool (``record<TAB>tokens`` lines)."""
    urls, titles = gold_urls_and_titles(("ner_snn", "ner_snn2"), LATER_FILES, LATER_ROUNDS)
    banned = ood_ngrams()
    dev_grams: set[tuple[str, ...]] = set()
    for name in SNN_DEV_FILES:
        for sent in read_gold(DATA / name):
            dev_grams |= ngrams([tok for tok, _ in sent])
    articles: list[tuple[int, list[list[str]]]] = []
    excluded = {"gold": 0, "ood": 0, "dev sentence": 0}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for rec, line in enumerate(itertools.islice(fh, RECORDS.stop)):
            if rec not in RECORDS:
                continue
            art = json.loads(line)
            if art["url"] in urls or " ".join(art.get("title", "").split()) in titles:
                excluded["gold"] += 1
                continue
            sents = [tokenize(s) for s in sentences(art.get("content", ""))]
            if any(ngrams(s) & banned for s in sents):
                excluded["ood"] += 1
                continue
            ok = []
            for s in sents:
                if MIN_TOKENS <= len(s) <= MAX_TOKENS:
                    if ngrams(s) & dev_grams:
                        excluded["dev sentence"] += 1
                    else:
                        ok.append(s)
            if ok:
                articles.append((rec, ok))
    rng = random.Random(SEED)
    rng.shuffle(articles)
    rows: list[tuple[int, list[str]]] = []
    seen: set[tuple[str, ...]] = set()
    for rec, ok in articles:
        fresh = [s for s in ok if tuple(s) not in seen]
        for toks in rng.sample(fresh, min(PER_ARTICLE, len(fresh), TOTAL - len(rows))):
            seen.add(tuple(toks))
            rows.append((rec, toks))
        if len(rows) >= TOTAL:
            break
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(f"{rec}\t{' '.join(toks)}\n" for rec, toks in rows), encoding="utf-8")
    print(f"{len(rows)} sentences, {sum(len(t) for _, t in rows)} tokens; excluded {excluded}")


def keep(labels: list[str], probs: np.ndarray, min_prob: float = MIN_PROB) -> bool:
    """A pseudo-labelled sentence is kept when it names something and no word's label is a minority choice."""
    from marsad.stages.entities.neural import LABELS

    if all(lab == "O" for lab in labels):
        return False
    chosen = probs[np.arange(len(labels)), [LABELS.index(lab) for lab in labels]]
    return bool((chosen >= min_prob).all())


def label(pool: Path, out: Path, e5: Path | None, crf: Path | None) -> None:
    """Tag the pool with the mixed tagger and write the kept sentences as CoNLL."""
    from marsad.stages.entities.ner import MIX_WEIGHT, O_BIAS, Tagger
    from marsad.stages.entities.neural import CombinedTagger, NeuralTagger

    tagger = CombinedTagger(NeuralTagger(e5), Tagger(crf), MIX_WEIGHT, O_BIAS)
    words = [line.split("\t", 1)[1].split() for line in pool.read_text(encoding="utf-8").splitlines() if line]
    kept = []
    for toks, (labels, probs) in zip(words, tagger.scored_many(words), strict=True):
        if keep(labels, probs):
            kept.append("".join(f"{t} {lab}\n" for t, lab in zip(toks, labels, strict=True)))
    out.write_text("\n".join(kept), encoding="utf-8")
    print(f"kept {len(kept)} of {len(words)} sentences ({sum(k.count(chr(10)) for k in kept)} tokens); tagger "
          f"{tagger.version}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("draw")
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("label")
    p.add_argument("--pool", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--e5", type=Path, help="transformer (default: the shipped one)")
    p.add_argument("--crf", type=Path, help="CRF (default: the shipped one)")
    args = parser.parse_args()
    if args.cmd == "draw":
        draw(args.out)
    else:
        label(args.pool, args.out, args.e5, args.crf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
