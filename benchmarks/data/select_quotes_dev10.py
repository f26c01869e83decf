"""Choose the articles of the quotes DEV10 split (issue 13, eleventh round): reproducible, blind to the system.

The rules read `dev8` (agency copy) and `dev9` (stories datelined abroad) and now score high on them,
while `test_unseen` (other countries' news) stays far below: what they lose on is unfamiliar writing.
This split takes SaudiNewsNet text the dev splits have read least, in two kinds the notes name weak:

- **long reported speech in the outlets least read**: the five general outlets with the fewest
  articles in the dev and train splits for their size (``LEAST``: aawsat 14 of 2,947 records, okaz 15
  of 2,846, almadina 16 of 2,252, sabq 12 of 1,411, was/SPA 6 of 369), articles of 600–2,000
  characters with a paragraph of at least 400 characters holding at least two reporting words of the
  first set's expression (statements told at length in one paragraph: officials' and press-release
  copy) — ``SIZE_LONG`` of them, at most ``PER_OUTLET`` per outlet;
- **interviews in question-and-answer form** (any general outlet): the word حوار among the first 600
  characters, at least three lines ending with a question mark, at most 3,000 characters —
  ``SIZE_QA`` of them. (The first draft asked only for the question lines and drew two opinion
  columns of rhetorical questions; it was narrowed before any article was annotated.)

None already in a quotes gold file (the selection module knows every gold url, the test splits'
among them), matching the first set's reporting-word expression; each kind sorted, shuffled with
its own seed, taken in that order. Nothing here reads the quotes stage's output.

    python benchmarks/data/select_quotes_dev10.py    # prints: dev10<TAB>kind<TAB>outlet<TAB>url
"""

from __future__ import annotations

import re

from quotes_selection import REPORTING, general_pool, seeded_pick

LEAST = ("aawsat", "okaz", "almadina", "sabq", "was")
MIN_CHARS, MAX_CHARS = 600, 2000
LONG_PARAGRAPH = 400
QA_MAX_CHARS = 3000
QA_QUESTIONS = 3
QA_WORD, QA_WORD_CHARS = "حوار", 600
SEED_LONG, SEED_QA = 20261204, 20261205
SIZE_LONG, SIZE_QA = 14, 2
PER_OUTLET = 3
_QUESTION_LINE = re.compile(r"؟\s*(?:\n|$)")


def _long_speech(text: str) -> bool:
    """A paragraph of ``LONG_PARAGRAPH`` characters or more with two reporting words or more."""
    return any(len(p) >= LONG_PARAGRAPH and len(REPORTING.findall(p)) >= 2 for p in text.split("\n"))


def select() -> list[tuple[str, str, str]]:
    """``(kind, outlet, url)`` of the split's articles: the long-speech kind, then the interviews, each in
    its seeded order (annotated from the first on)."""
    pool = general_pool("quotes_gold_dev10.jsonl")
    long_speech = [
        u
        for u, (outlet, t) in pool.items()
        if outlet in LEAST and MIN_CHARS <= len(t) <= MAX_CHARS and REPORTING.search(t) and _long_speech(t)
    ]
    interviews = [
        u
        for u, (_, t) in pool.items()
        if len(t) <= QA_MAX_CHARS
        and REPORTING.search(t)
        and QA_WORD in t[:QA_WORD_CHARS]
        and len(_QUESTION_LINE.findall(t)) >= QA_QUESTIONS
    ]
    chosen = [("long", o, u) for o, u in seeded_pick(long_speech, pool, SEED_LONG, SIZE_LONG, PER_OUTLET)]
    chosen += [("qa", o, u) for o, u in seeded_pick(interviews, pool, SEED_QA, SIZE_QA, SIZE_QA)]
    return chosen


if __name__ == "__main__":
    for kind, outlet, url in select():
        print(f"dev10\t{kind}\t{outlet}\t{url}")
