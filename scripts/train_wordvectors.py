"""Learn the stem vectors of the claims soft match (``marsad.stages.consolidate.softmatch``) from SaudiNewsNet.

    OPENBLAS_NUM_THREADS=1 nice -n 10 python scripts/train_wordvectors.py \
        --exclude benchmarks/data/claims_gold.jsonl /work/runs/s18/claims_gold2/selection.jsonl ... \
        --out /work/runs/s18/softmatch/wordvectors.npz

Every article whose url any ``--exclude`` JSONL file lists (its records' ``urls`` values) is left out: the claims
gold stories of every split and the later test selections, so that no scored story's text is in the vectors.
Seeded and deterministic (one BLAS thread); prints the CPU time and a few neighbours.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from marsad.stages.consolidate.softmatch import (
    CONTEXTS,
    DIMS,
    SEED,
    VECTORS_PATH,
    VOCAB,
    WINDOW,
    WordVectors,
    read_corpus,
    save_vectors,
    train_word_vectors,
)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "saudinewsnet" / "articles.jsonl.gz"
#: stems whose neighbours are printed (general news words, not chosen from any gold story)
SHOW = ("اعتقال", "الإفراج", "اجتماع", "انتخاب", "هجوم", "ارتفاع", "وزير", "قال")


def excluded_urls(files: list[Path]) -> set[str]:
    """Every url listed under ``urls`` in the records of ``files``."""
    urls: set[str] = set()
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                urls |= set(json.loads(line).get("urls", {}).values())
    return urls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--exclude", type=Path, nargs="*", default=[REPO / "benchmarks" / "data" / "claims_gold.jsonl"])
    parser.add_argument("--out", type=Path, default=VECTORS_PATH)
    parser.add_argument("--vocab", type=int, default=VOCAB)
    parser.add_argument("--contexts", type=int, default=CONTEXTS)
    parser.add_argument("--dims", type=int, default=DIMS)
    parser.add_argument("--window", type=int, default=WINDOW)
    args = parser.parse_args()
    start = time.process_time()
    exclude = excluded_urls(args.exclude)
    kept = 0

    def texts():
        nonlocal kept
        for text in read_corpus(args.corpus, exclude):
            kept += 1
            yield text

    words, vectors, counts = train_word_vectors(texts(), vocab=args.vocab, contexts=args.contexts, dims=args.dims,
                                                window=args.window, seed=SEED)
    cpu = time.process_time() - start
    meta = {"corpus": args.corpus.name, "articles": kept, "excluded_urls": len(exclude),
            "exclude_files": [p.name for p in args.exclude], "vocab": len(words), "dims": int(vectors.shape[1]),
            "window": args.window, "contexts": args.contexts, "seed": SEED,
            "command": "python scripts/train_wordvectors.py " + " ".join(sys.argv[1:])}
    save_vectors(args.out, words, vectors, meta)
    print(f"{kept} articles ({len(exclude)} urls excluded), {len(words)} stems x {vectors.shape[1]} dims, "
          f"least frequent kept {min(counts.values())}; {cpu:.0f} s CPU -> {args.out} "
          f"({args.out.stat().st_size / 1e6:.2f} MB)")
    wv = WordVectors(words, vectors)
    from marsad.arabic.normalize import normalize
    from marsad.arabic.stem import stem

    for word in SHOW:
        key = stem(normalize(word))
        print(f"  {word} ({key}): " + ", ".join(f"{w} {s:.2f}" for w, s in wv.neighbours(key, 8)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
