"""Draw the sentences of the out-of-domain NER test set (run once; the labels were then added by hand).

    python benchmarks/data/ner_ood_sample.py > /tmp/ner_ood_sentences.txt

Seeded random choice, independent of any model: 7 sentences from each of 8 SaudiNewsNet outlets
(articles of 2015, not ANERcorp's outlets or years) and 30 from MultiLing 2011 WikiNews (Arabic
translations of English Wikinews, 2005-2010), each 12-40 tokens long, tokenized as ANERcorp is
(punctuation split off word edges, clitics left attached). Output: one sentence per line,
``source<TAB>tokens``.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared"
OUTLETS = ("okaz", "alyaum", "aleqtisadiya", "sabq", "almadina", "alweeam", "arreyadi", "was")
PUNCT = ".,،:;؛!؟?\"'«»“”‘’()[]{}-–—/…"
SEED = 2026


def tokenize(text: str) -> list[str]:
    """ANERcorp-style tokens: whitespace words with punctuation peeled off both edges."""
    tokens: list[str] = []
    for word in text.split():
        lead, trail = [], []
        while word and word[0] in PUNCT:
            lead.append(word[0])
            word = word[1:]
        while word and word[-1] in PUNCT:
            trail.append(word[-1])
            word = word[:-1]
        tokens.extend(lead + ([word] if word else []) + trail[::-1])
    return tokens


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph: split after . ! ؟ followed by a space."""
    return [s.strip() for s in re.split(r"(?<=[.!؟?])\s+", text) if s.strip()]


def pick(candidates: list[list[str]], k: int, rng: random.Random) -> list[list[str]]:
    """``k`` sentences of 12-40 tokens, at most one per text."""
    rng.shuffle(candidates)
    chosen = []
    for sents in candidates:
        ok = [s for s in sents if 12 <= len(s) <= 40]
        if ok:
            chosen.append(rng.choice(ok))
        if len(chosen) == k:
            break
    return chosen


def main() -> int:
    rng = random.Random(SEED)
    by_outlet: dict[str, list[list[list[str]]]] = {o: [] for o in OUTLETS}
    with gzip.open(SHARED / "corpus" / "saudinewsnet" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            if art["source"] in by_outlet:
                by_outlet[art["source"]].append([tokenize(s) for s in sentences(art["content"])[:6]])
    for outlet in OUTLETS:
        for toks in pick(by_outlet[outlet], 7, rng):
            print(f"saudinewsnet:{outlet}\t{' '.join(toks)}")
    docs = []
    for line in (SHARED / "eval" / "multiling2011_ar" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        for doc in json.loads(line)["documents"]:
            docs.append([tokenize(s) for p in doc["paragraphs"][2:] for s in sentences(p)])
    for toks in pick(docs, 30, rng):
        print(f"wikinews\t{' '.join(toks)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
