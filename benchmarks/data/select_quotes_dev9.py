"""Choose the articles of the quotes DEV9 split (issue 13, tenth round): reproducible, blind to the system.

``test_unseen`` is other countries' news (ANERcorp: Al Jazeera, Al-Raya, Al-Rai, Al-Ahram, Moroccan
and Emirati papers; the Omani Al-Watan). Its sources stay untouched; ``dev8`` took the agencies' world
news in SaudiNewsNet. This split takes the other kind of foreign news the general SaudiNewsNet
outlets carry: **stories datelined in another country** (a foreign city among the first 60
characters: بيروت، القاهرة، بغداد، دمشق، لندن، واشنطن…), written by correspondents or desks
rather than filed by an agency — articles that name no foreign news agency (those are ``dev8``'s
kind). Articles of 300–1,800 characters, none in any other quotes gold file, matching the first gold
set's reporting-word expression; sorted, shuffled with a fixed seed, taken in that order with at most
``PER_OUTLET`` per outlet, the first ``SIZE``. Nothing here reads the quotes stage's output.

    python benchmarks/data/select_quotes_dev9.py    # prints: dev9<TAB>outlet<TAB>url
"""

from __future__ import annotations

import re

from quotes_selection import AGENCY, REPORTING, general_pool, seeded_pick

#: a foreign city that datelines a story (Arab capitals and large cities, world capitals), a whole word
CITY = re.compile(
    r"(?<![\u0621-\u064A])(?:بيروت|القاهرة|بغداد|دمشق|عمّان|الرباط|الدار البيضاء|تونس|الجزائر|صنعاء|عدن|غزة"
    r"|رام الله|القدس|الخرطوم|طرابلس|الكويت|الدوحة|أبوظبي|دبي|المنامة|مسقط|الموصل|حلب|لندن|باريس|واشنطن|نيويورك"
    r"|موسكو|برلين|أنقرة|إسطنبول|طهران|كابل|إسلام آباد|نيودلهي|بكين|طوكيو|بروكسل|جنيف|فيينا|روما)"
    r"(?![\u0621-\u064A])"
)
MIN_CHARS, MAX_CHARS = 300, 1800
DATELINE_CHARS = 60
SEED = 20261203
SIZE = 16
PER_OUTLET = 3


def select() -> list[tuple[str, str]]:
    """``(outlet, url)`` of the split's articles, in the seeded order (annotated from the first on);
    articles naming a foreign agency (``AGENCY``, dev8's kind) are left out."""
    pool = general_pool("quotes_gold_dev9.jsonl")
    candidates = [
        u
        for u, (_, t) in pool.items()
        if MIN_CHARS <= len(t) <= MAX_CHARS
        and REPORTING.search(t)
        and CITY.search(t[:DATELINE_CHARS])
        and not AGENCY.search(t)
    ]
    return seeded_pick(candidates, pool, SEED, SIZE, PER_OUTLET)


if __name__ == "__main__":
    for outlet, url in select():
        print(f"dev9\t{outlet}\t{url}")
