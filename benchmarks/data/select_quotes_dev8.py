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

from quotes_selection import AGENCY, REPORTING, general_pool, seeded_pick

MIN_CHARS, MAX_CHARS = 300, 1800
SEED = 20261202
SIZE = 30
PER_OUTLET = 4


def select() -> list[tuple[str, str]]:
    """``(outlet, url)`` of the split's articles, in the seeded order (annotated from the first on)."""
    pool = general_pool("quotes_gold_dev8.jsonl")
    candidates = [
        u
        for u, (_, t) in pool.items()
        if MIN_CHARS <= len(t) <= MAX_CHARS and REPORTING.search(t) and AGENCY.search(t)
    ]
    return seeded_pick(candidates, pool, SEED, SIZE, PER_OUTLET)


if __name__ == "__main__":
    for outlet, url in select():
        print(f"dev8\t{outlet}\t{url}")
