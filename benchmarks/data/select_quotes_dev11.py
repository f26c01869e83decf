"""Choose the articles of the quotes DEV11 split (issue 13, twelfth round): reproducible, blind to the system.

After the eleventh round the outlets with the fewest dev and train articles for their size are
aawsat (17 of 2,947 records), alriyadh (29 of 4,852), okaz (18 of 2,846), alwatan (18 of 2,279) and
aljazirah (30 of 3,690) (``LEAST``; counted over the dev and train splits' urls only). Earlier splits
drew long articles (dev7, dev10) and agency or foreign copy (dev8, dev9); this one takes the **short
everyday news item** of those outlets — 400–1,100 characters with at least two words of the first
set's reporting-word expression — and only from SaudiNewsNet records ``FIRST``–``LAST`` (a record
range no earlier round read for its rules: they read 5,500–10,499, and this round reads 10,500–12,499).

None already in a quotes gold file (the selection module knows every gold url, the test splits'
among them); sorted, shuffled with ``SEED``, taken in that order with at most ``PER_OUTLET`` per
outlet, the first ``SIZE``. Nothing here reads the quotes stage's output.

    python benchmarks/data/select_quotes_dev11.py    # prints: dev11<TAB>outlet<TAB>record<TAB>url
"""

from __future__ import annotations

import gzip
import json

from quotes_selection import REPORTING, SAUDI, gold_urls, seeded_pick

LEAST = ("aawsat", "alriyadh", "okaz", "alwatan", "aljazirah")
FIRST, LAST = 13000, 28999
MIN_CHARS, MAX_CHARS = 400, 1100
MIN_REPORTING = 2
SEED, SIZE, PER_OUTLET = 20261206, 16, 4


def select() -> list[tuple[str, int, str]]:
    """``(outlet, record, url)`` of the split's articles in their seeded order (annotated from the first on)."""
    taken = gold_urls("quotes_gold_dev11.jsonl")
    pool: dict[str, tuple[str, str]] = {}
    record: dict[str, int] = {}
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < FIRST or i > LAST:
                continue
            rec = json.loads(line)
            if rec["url"] in taken or rec["source"] not in LEAST or rec["url"] in pool:
                continue
            pool[rec["url"]] = (rec["source"], rec["content"])
            record[rec["url"]] = i
    candidates = [
        u
        for u, (_, t) in pool.items()
        if MIN_CHARS <= len(t) <= MAX_CHARS and len(REPORTING.findall(t)) >= MIN_REPORTING
    ]
    return [(o, record[u], u) for o, u in seeded_pick(candidates, pool, SEED, SIZE, PER_OUTLET)]


if __name__ == "__main__":
    for outlet, rec, url in select():
        print(f"dev11\t{outlet}\t{rec}\t{url}")
