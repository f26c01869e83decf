"""Choose the articles of the out-of-domain quotes gold (issue 13): reproducible, blind to the system.

Two sources unlike the SaudiNewsNet outlets of the ``dev``/``dev2``/``test`` splits:
- the two sports outlets of SaudiNewsNet that no earlier split drew from (arreyadi, arriyadiyah);
- MultiLing 2011 Arabic (WikiNews translated into Arabic, 2005–2010, world news).
An article qualifies when its text matches the reporting-word expression of the first gold set (a
cue word or a quotation mark) and its length is within bounds; the sample is seeded and random.
Nothing here reads the quotes stage's output. (What it prints as ``test_ood`` is the split called
``dev6`` since issue 13's third round: it shares its sources with dev3–dev5; see benchmarks/data/README.md.)

    python benchmarks/data/select_quotes_ood.py    # prints: split<TAB>key, test first, then dev3, dev4, dev5
"""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared"
SAUDI = SHARED / "corpus" / "saudinewsnet" / "articles.jsonl.gz"
MULTILING = SHARED / "eval" / "multiling2011_ar" / "dev.jsonl"
#: the expression the first gold set was sampled with (benchmarks/data/README.md)
REPORTING = re.compile('قال|أكد|أوضح|أضاف|صرح|أشار|حذر|أعرب|وفقا|بحسب|نقلت|أفاد|«|“|"')
SPORTS_OUTLETS = ("arreyadi", "arriyadiyah")
SEED_TEST = 20161001
SEED_DEV = 20160901
SEED_DEV4 = 20160801
TEST_SIZES = {"saudi": 22, "multiling": 20}
DEV_SIZES = {"saudi": 10, "multiling": 10}
#: dev4, drawn later from what test and dev3 left (MultiLing: also the longer documents)
DEV4_SIZES = {"saudi": 14, "multiling": 6}
#: dev5 (issue 13, second round), drawn from what dev4 left
SEED_DEV5 = 20160701
DEV5_SIZES = {"saudi": 10, "multiling": 6}


def pools() -> dict[str, list[str]]:
    """Candidate keys per source, sorted: SaudiNewsNet urls and ``multiling:<doc_id>``
    (``multiling_long``: the documents over the length bound, for dev4 only)."""
    saudi: dict[str, str] = {}
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("source") in SPORTS_OUTLETS:
                saudi.setdefault(rec["url"], rec["content"])
    multiling: dict[str, str] = {}
    with MULTILING.open(encoding="utf-8") as fh:
        for line in fh:
            for doc in json.loads(line)["documents"]:
                multiling[f"multiling:{doc['doc_id']}"] = "\n".join(doc["paragraphs"])
    return {
        "saudi": sorted(u for u, t in saudi.items() if 300 <= len(t) <= 2000 and REPORTING.search(t)),
        "multiling": sorted(k for k, t in multiling.items() if len(t) <= 2600 and REPORTING.search(t)),
        "multiling_long": sorted(k for k, t in multiling.items() if len(t) > 2600 and REPORTING.search(t)),
    }


def select() -> list[tuple[str, str]]:
    """(split, key) pairs: the test sample first, then dev3 from what the test left, then dev4."""
    out: list[tuple[str, str]] = []
    candidates = pools()
    leftovers: dict[str, list[str]] = {}
    for source in ("saudi", "multiling"):
        rest = list(candidates[source])
        random.Random(SEED_TEST).shuffle(rest)
        test, rest = rest[: TEST_SIZES[source]], sorted(rest[TEST_SIZES[source] :])
        random.Random(SEED_DEV).shuffle(rest)
        out += [("test_ood", k) for k in test] + [("dev3", k) for k in rest[: DEV_SIZES[source]]]
        leftovers[source] = sorted(rest[DEV_SIZES[source] :])
    leftovers["multiling"] = sorted(leftovers["multiling"] + candidates["multiling_long"])
    for source in ("saudi", "multiling"):
        rest = leftovers[source]
        random.Random(SEED_DEV4).shuffle(rest)
        out += [("dev4", k) for k in rest[: DEV4_SIZES[source]]]
        leftovers[source] = sorted(rest[DEV4_SIZES[source] :])
    for source in ("saudi", "multiling"):
        rest = leftovers[source]
        random.Random(SEED_DEV5).shuffle(rest)
        out += [("dev5", k) for k in rest[: DEV5_SIZES[source]]]
    return out


if __name__ == "__main__":
    for split, key in select():
        print(f"{split}\t{key}")
