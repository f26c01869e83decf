"""Choose the articles of the quotes DEV8 split (issue 13, ninth round): reproducible, blind to the system.

``test_unseen`` is world news of other countries' outlets and agency copy (ANERcorp: Al Jazeera,
Al-Raya, Al-Rai, Al-Ahram, AFP/Reuters; the Omani Al-Watan). Its sources stay untouched, so this dev
split takes the nearest text no split used: the **world news from news agencies** that SaudiNewsNet's
general outlets carry — articles that name a foreign news agency (رويترز، فرانس برس، أسوشيتد برس، د ب
أ، أ ف ب، وكالات، الألمانية، الفرنسية) — written by the agencies' Arabic desks rather than by the Saudi
papers' own reporters. Articles of 300–1,800 characters, none in any other quotes gold file, matching
the first gold set's reporting-word expression; sorted, shuffled with a fixed seed, taken in that
order with at most ``PER_OUTLET`` per outlet (so no one outlet fills the split), the first ``SIZE``.
Nothing here reads the quotes stage's output.

    python benchmarks/data/select_quotes_dev8.py    # prints: dev8<TAB>outlet<TAB>url
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[3] / "shared"
SAUDI = SHARED / "corpus" / "saudinewsnet" / "articles.jsonl.gz"
#: the expression the first gold set was sampled with (benchmarks/data/README.md)
REPORTING = re.compile('قال|أكد|أوضح|أضاف|صرح|أشار|حذر|أعرب|وفقا|بحسب|نقلت|أفاد|«|“|"')
#: a foreign news agency named in the text: the article is (or relays) agency copy
AGENCY = re.compile(
    r"رويترز|فرانس برس|أسوشيتد برس|اسوشيتد برس|الأسوشيتد|\(د ب أ\)|\(أ ف ب\)|\(ا ف ب\)|\(وكالات\)"
    r"|وكالة الأنباء الألمانية|وكالة الصحافة الفرنسية"
)
#: the two sports outlets (their own dev splits, dev3-dev6)
SPORTS = {"arreyadi", "arriyadiyah"}
MIN_CHARS, MAX_CHARS = 300, 1800
SEED = 20261202
SIZE = 30
PER_OUTLET = 4


def gold_urls() -> set[str]:
    """Urls already in a quotes gold file other than this split's own."""
    return {
        json.loads(line)["url"]
        for path in sorted(DATA.glob("quotes_gold*.jsonl"))
        if path.name != "quotes_gold_dev8.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }


def select() -> list[tuple[str, str]]:
    """``(outlet, url)`` of the split's articles, in the seeded order (annotated from the first on)."""
    taken = gold_urls()
    pool: dict[str, tuple[str, str]] = {}
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["url"] in taken or rec["source"] in SPORTS:
                continue
            pool.setdefault(rec["url"], (rec["source"], rec["content"]))
    candidates = sorted(
        u
        for u, (_, t) in pool.items()
        if MIN_CHARS <= len(t) <= MAX_CHARS and REPORTING.search(t) and AGENCY.search(t)
    )
    random.Random(SEED).shuffle(candidates)
    chosen: list[tuple[str, str]] = []
    per_outlet: Counter[str] = Counter()
    for url in candidates:
        outlet = pool[url][0]
        if per_outlet[outlet] >= PER_OUTLET:
            continue
        per_outlet[outlet] += 1
        chosen.append((outlet, url))
        if len(chosen) == SIZE:
            break
    return chosen


if __name__ == "__main__":
    for outlet, url in select():
        print(f"dev8\t{outlet}\t{url}")
