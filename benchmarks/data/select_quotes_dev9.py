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
#: dev8's expression: a foreign news agency named in the text (excluded here)
AGENCY = re.compile(
    r"رويترز|فرانس برس|أسوشيتد برس|اسوشيتد برس|الأسوشيتد|\(د ب أ\)|\(أ ف ب\)|\(ا ف ب\)|\(وكالات\)"
    r"|وكالة الأنباء الألمانية|وكالة الصحافة الفرنسية"
)
#: a foreign city that datelines a story (Arab capitals and large cities, world capitals), a whole word
CITY = re.compile(
    r"(?<![\u0621-\u064A])(?:بيروت|القاهرة|بغداد|دمشق|عمّان|الرباط|الدار البيضاء|تونس|الجزائر|صنعاء|عدن|غزة"
    r"|رام الله|القدس|الخرطوم|طرابلس|الكويت|الدوحة|أبوظبي|دبي|المنامة|مسقط|الموصل|حلب|لندن|باريس|واشنطن|نيويورك"
    r"|موسكو|برلين|أنقرة|إسطنبول|طهران|كابل|إسلام آباد|نيودلهي|بكين|طوكيو|بروكسل|جنيف|فيينا|روما)"
    r"(?![\u0621-\u064A])"
)
#: the two sports outlets (their own dev splits, dev3-dev6)
SPORTS = {"arreyadi", "arriyadiyah"}
MIN_CHARS, MAX_CHARS = 300, 1800
DATELINE_CHARS = 60
SEED = 20261203
SIZE = 16
PER_OUTLET = 3


def gold_urls() -> set[str]:
    """Urls already in a quotes gold file other than this split's own."""
    return {
        json.loads(line)["url"]
        for path in sorted(DATA.glob("quotes_gold*.jsonl"))
        if path.name != "quotes_gold_dev9.jsonl"
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
        if MIN_CHARS <= len(t) <= MAX_CHARS
        and REPORTING.search(t)
        and CITY.search(t[:DATELINE_CHARS])
        and not AGENCY.search(t)
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
        print(f"dev9\t{outlet}\t{url}")
