"""Context profiles: how often a word appears where names of each kind appear, in unlabelled news.

Most person names in a test set were never seen in the 125k labelled training tokens, but
many occur in SaudiNewsNet's 9M words right after a title (الأمير، الدكتور، الوزير), a speech
verb (قال، وأكد), or a known given name; places after مدينة، محافظة، العاصمة; organizations
after شركة، جامعة، وزارة. For every word we count the share of its occurrences in each kind of
context and ship the bucketed shares (``marsad/models/profiles.tsv.gz``:
``word<TAB>per<TAB>loc<TAB>org<TAB>title_adj<TAB>after_name``, buckets 0–4; ``title_adj`` is
"after a title and a nisba adjective" (الرئيس الأمريكي X), ``after_name`` "after a word that is
itself often after a title", i.e. a likely given name — which finds family names). The CRF reads
them as features, so an unseen name inherits what the wider corpus says about it — without touching the labelled data.
"""

from __future__ import annotations

import gzip
import sys
import time
from collections import Counter
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from marsad.arabic import normalize
from marsad.datafiles import packaged_tsv
from marsad.stages.entities.clusters import corpus_sentences

PROFILE_FILE = "profiles.tsv.gz"
MIN_COUNT = 3
#: share thresholds of the buckets 1..4 (0 = never in such a context)
BUCKETS = (0.0, 0.02, 0.08, 0.25)

_PER_CUES = [
    "الرئيس", "الملك", "الامير", "الشيخ", "السيد", "السيده", "الدكتور", "المهندس", "الاستاذ",
    "الوزير", "وزير", "الزعيم", "اللاعب", "المدرب", "الفنان", "الفنانه", "الكاتب", "الشاعر",
    "الامام", "المستشار", "السفير", "اللواء", "العميد", "العقيد", "الفريق", "المتحدث", "الناطق",
    "قال", "وقال", "اكد", "واكد", "اوضح", "واوضح", "اضاف", "واضاف", "اشار", "واشار", "صرح",
    "وصرح", "بن", "ابن", "ابو", "بنت", "المواطن", "الطفل", "الشاب", "الزميل", "سمو", "معالي",
]
_LOC_CUES = [
    "مدينه", "بمدينه", "محافظه", "بمحافظه", "منطقه", "بمنطقه", "العاصمه", "عاصمه", "ولايه",
    "بولايه", "بلده", "قريه", "جزيره", "اقليم", "دوله", "لدوله", "حي", "بحي", "شمال", "جنوب",
    "شرق", "غرب", "وسط", "سفير", "سفاره", "في", "الي", "الى",
]
_ORG_CUES = [
    "شركه", "لشركه", "جامعه", "وزاره", "هيئه", "مؤسسه", "بنك", "نادي", "حزب", "حركه", "منظمه",
    "جمعيه", "مجلس", "وكاله", "صحيفه", "قناه", "مصرف", "فريق", "اتحاد", "جماعه", "تنظيم",
]
CUES = {kind: {normalize(w) for w in words} for kind, words in
        (("per", _PER_CUES), ("loc", _LOC_CUES), ("org", _ORG_CUES))}


def _bucket(share: float) -> int:
    return sum(share > t for t in BUCKETS)


def build_profiles(corpus: Path, out: Path, limit: int | None = None) -> int:
    """Count context shares over ``corpus`` and write the bucketed profile file; returns rows."""
    t0 = time.time()
    total: Counter[str] = Counter()
    hits = {kind: Counter() for kind in (*CUES, "title_adj")}
    paragraphs = list(corpus_sentences(corpus, limit))
    per_cues = CUES["per"]
    for words in paragraphs:
        prev2 = prev = ""
        for w in words:
            total[w] += 1
            for kind, cues in CUES.items():
                if prev in cues:
                    hits[kind][w] += 1
            if prev2 in per_cues and prev.startswith("ال") and prev.endswith("ي"):
                hits["title_adj"][w] += 1  # الرئيس الأمريكي X
            prev2, prev = prev, w
    # second round: words right after a likely given name (a word often after a title)
    given = {w for w, n in total.items() if n >= 20 and hits["per"][w] / n > BUCKETS[3] and w not in per_cues}
    after_name: Counter[str] = Counter()
    for words in paragraphs:
        for prev, w in pairwise(words):
            if prev in given:
                after_name[w] += 1
    hits["after_name"] = after_name
    kinds = list(hits)
    rows = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        for w, n in total.most_common():
            if n < MIN_COUNT:
                break
            b = [_bucket(hits[k][w] / n) for k in kinds]
            if any(b):
                fh.write(w + "\t" + "\t".join(map(str, b)) + "\n")
                rows += 1
    print(f"profiles: {rows} words ({time.time() - t0:.0f}s)", file=sys.stderr)
    return rows


@lru_cache(maxsize=1)
def profile_map() -> dict[str, tuple[str, ...]]:
    """The shipped word → (per, loc, org, title_adj, after_name) bucket map (empty when absent)."""
    return {word: tuple(buckets) for word, *buckets in packaged_tsv("marsad.models", PROFILE_FILE)}


if __name__ == "__main__":  # pragma: no cover - manual rebuild
    build_profiles(Path(sys.argv[1]), Path(sys.argv[2]))
