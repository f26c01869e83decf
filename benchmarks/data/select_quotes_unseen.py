"""Choose the articles of the quotes test split ``test_unseen`` (issue 13, third round): blind to the system.

Sources no dev split uses (the dev splits drew on all 14 SaudiNewsNet outlets and on MultiLing's WikiNews):
- ANERcorp's train file (``../shared/eval/anercorp/train.txt``: Arabic news of 2002–2006, mostly
  Al Jazeera's site with agency copy, read as running text by ``quotes.anercorp_text``). The corpus
  keeps no article boundaries, so this script draws seeded random positions and prints the text
  after each; the annotator marks by hand the first story that starts after the position (its first
  and last words, ``@anercorp`` lines of ``quotes_test_unseen.ann``), skipping a position where no
  story starts in the window, a story already taken, or one from Asharq Al-Awsat (a SaudiNewsNet
  outlet); ``quotes_ann.py`` turns the marks into ``anercorp:<start>-<end>``;
- the Omani TIMEX corpus (``../shared/eval/timex_ar``: culture pages of the Omani daily Al-Watan):
  every document of at most 4,000 characters, the two exact duplicates (doc8 = doc7, doc19 = doc18)
  left out.
Nothing here reads the quotes stage's output.

    python benchmarks/data/select_quotes_unseen.py > /tmp/windows.txt   # positions and the text after each
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quotes import TIMEX_AR, anercorp_text, timex_ar_article

SEED = 20170301
POSITIONS = 70
WINDOW = 3000
TIMEX_MAX_CHARS = 4000
TIMEX_DUPLICATES = ("doc8", "doc19")


def main() -> int:
    text = anercorp_text()
    positions = sorted(random.Random(SEED).sample(range(len(text) - WINDOW), POSITIONS))
    for pos in positions:
        print(f"=== position {pos}\n{text[pos : pos + WINDOW]}\n")
    for path in sorted(TIMEX_AR.glob("doc*.tml"), key=lambda p: int(p.stem[3:])):
        if path.stem in TIMEX_DUPLICATES:
            continue
        article = timex_ar_article(f"timex_ar:{path.stem}")
        if article is not None and len(article.text) <= TIMEX_MAX_CHARS:
            print(f"=== timex_ar:{path.stem} ({len(article.text)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
