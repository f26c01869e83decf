"""What the seeded, system-blind selections of quotes dev splits share (``select_quotes_dev8.py``,
``select_quotes_dev9.py``): the SaudiNewsNet general outlets' articles no quotes gold file holds yet,
the first gold set's reporting-word expression, and a seeded draw with at most so many per outlet.
Nothing here reads the quotes stage's output."""

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
#: a foreign news agency named in the text: the article is (or relays) agency copy (dev8's kind)
AGENCY = re.compile(
    r"رويترز|فرانس برس|أسوشيتد برس|اسوشيتد برس|الأسوشيتد|\(د ب أ\)|\(أ ف ب\)|\(ا ف ب\)|\(وكالات\)"
    r"|وكالة الأنباء الألمانية|وكالة الصحافة الفرنسية"
)
#: the two sports outlets (their own dev splits, dev3-dev6)
SPORTS = {"arreyadi", "arriyadiyah"}


def gold_urls(own: str) -> set[str]:
    """Urls already in a quotes gold file other than ``own`` (the split's own file name)."""
    return {
        json.loads(line)["url"]
        for path in sorted(DATA.glob("quotes_gold*.jsonl"))
        if path.name != own
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }


def general_pool(own: str) -> dict[str, tuple[str, str]]:
    """``url -> (outlet, text)`` of the general outlets' SaudiNewsNet articles in no other gold file
    (the first record of a url kept)."""
    taken = gold_urls(own)
    pool: dict[str, tuple[str, str]] = {}
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["url"] in taken or rec["source"] in SPORTS:
                continue
            pool.setdefault(rec["url"], (rec["source"], rec["content"]))
    return pool


def seeded_pick(candidates: list[str], pool: dict[str, tuple[str, str]], seed: int, size: int,
                per_outlet: int) -> list[tuple[str, str]]:
    """``(outlet, url)``: the sorted candidates shuffled with ``seed``, taken in that order with at most
    ``per_outlet`` per outlet, the first ``size``."""
    order = sorted(candidates)
    random.Random(seed).shuffle(order)
    chosen: list[tuple[str, str]] = []
    taken: Counter[str] = Counter()
    for url in order:
        outlet = pool[url][0]
        if taken[outlet] >= per_outlet:
            continue
        taken[outlet] += 1
        chosen.append((outlet, url))
        if len(chosen) == size:
            break
    return chosen
