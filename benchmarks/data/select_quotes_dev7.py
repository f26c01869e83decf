"""Choose the articles of ``dev7`` (issue 13, fourth round): reproducible, blind to the system.

The general SaudiNewsNet outlets again (the only news source in ``../shared`` that neither the test
split ``test_unseen`` nor the sports/MultiLing dev splits own), but a stretch of them no split drew
from: articles of 1,400–2,600 characters (``dev``/``dev2``/``test`` took 300–1,400), whose text
matches the reporting-word expression of the first gold set, none already in a gold file; sorted,
shuffled with a fixed seed, the first ``SIZE``. Nothing here reads the quotes stage's output.

    python benchmarks/data/select_quotes_dev7.py    # prints: dev7<TAB>url
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
SPORTS_OUTLETS = ("arreyadi", "arriyadiyah")
MIN_CHARS, MAX_CHARS = 1400, 2600
SEED = 20261130
SIZE = 18


def gold_urls() -> set[str]:
    """Urls already in a quotes gold file."""
    return {
        json.loads(line)["url"]
        for path in sorted(DATA.glob("quotes_gold*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }


def select() -> list[str]:
    """The ``SIZE`` urls of dev7, in the seeded order."""
    taken = gold_urls()
    pool: dict[str, str] = {}
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("source") in SPORTS_OUTLETS or rec["url"] in taken:
                continue
            pool.setdefault(rec["url"], rec["content"])
    candidates = sorted(u for u, t in pool.items() if MIN_CHARS <= len(t) <= MAX_CHARS and REPORTING.search(t))
    random.Random(SEED).shuffle(candidates)
    return candidates[:SIZE]


if __name__ == "__main__":
    for url in select():
        print(f"dev7\t{url}")
