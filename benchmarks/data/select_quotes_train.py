"""Choose the articles of the quotes TRAIN split (issue 13, fifth round): reproducible, blind to the system.

The learned scorer of the quotes stage (``marsad.stages.quotes.learned``) trains on the dev splits and
on this split. Its articles come from SaudiNewsNet (all 14 outlets, general and sports), the only news
source in ``../shared`` that the held-out ``test_unseen`` does not use (it draws on ANERcorp and the
Omani TIMEX corpus), and none is in any quotes gold file: articles of 300–1,400 characters whose text
matches the reporting-word expression of the first gold set; sorted, shuffled with a fixed seed, the
first ``SIZE``. Nothing here reads the quotes stage's output.

    python benchmarks/data/select_quotes_train.py    # prints: train<TAB>url
"""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[3] / "shared"
SAUDI = SHARED / "corpus" / "saudinewsnet" / "articles.jsonl.gz"
#: the expression the first gold set was sampled with (benchmarks/data/README.md)
REPORTING = re.compile('قال|أكد|أوضح|أضاف|صرح|أشار|حذر|أعرب|وفقا|بحسب|نقلت|أفاد|«|“|"')
MIN_CHARS, MAX_CHARS = 300, 1400
SEED = 20261201
#: annotated in two batches: the first 80, then 40 more (the seeded order keeps the first 80 first)
SIZE = 120


def gold_urls() -> set[str]:
    """Urls already in a quotes gold file other than this split's own."""
    return {
        json.loads(line)["url"]
        for path in sorted(DATA.glob("quotes_gold*.jsonl"))
        if path.name != "quotes_gold_train.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }


def select() -> list[str]:
    """The ``SIZE`` urls of the train split, in the seeded order (annotated from the first on)."""
    taken = gold_urls()
    pool: dict[str, str] = {}
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["url"] in taken:
                continue
            pool.setdefault(rec["url"], rec["content"])
    candidates = sorted(u for u, t in pool.items() if MIN_CHARS <= len(t) <= MAX_CHARS and REPORTING.search(t))
    random.Random(SEED).shuffle(candidates)
    return candidates[:SIZE]


if __name__ == "__main__":
    for url in select():
        print(f"train\t{url}")
