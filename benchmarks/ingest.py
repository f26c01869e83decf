"""Ingest throughput: SaudiNewsNet (31,030 articles) → clean → normalize → segment → SQLite.

Prints articles/s and peak memory, and the same for a baseline run in the same process
(JSON parsing + storing the raw text with no cleaning or segmentation), as a ratio.
Target (issue 2): >= 500 articles/s on one core and under 1 GiB.

    python benchmarks/ingest.py            # all 31,030 articles
    python benchmarks/ingest.py --quick    # first 3,000 (CI)
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from _shared import SAUDI, peak_rss_mib, saudi_source
from marsad.api import ingest
from marsad.store import SQLiteStore


def baseline(path: Path, limit: int | None, db: Path) -> tuple[int, float]:
    """Parse JSON lines and insert raw text: the floor any ingestion must pay."""
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE raw (url TEXT, content TEXT)")
    start = time.perf_counter()
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in itertools.islice(fh, limit):
            row = json.loads(line)
            con.execute("INSERT INTO raw VALUES (?, ?)", (row.get("url"), row.get("content")))
            n += 1
    con.commit()
    con.close()
    return n, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="first 3,000 articles only")
    args = parser.parse_args()
    if not SAUDI.exists():
        print(f"missing {SAUDI}", file=sys.stderr)
        return 2
    limit = 3000 if args.quick else None
    with tempfile.TemporaryDirectory() as tmp:
        source = saudi_source(Path(tmp), limit)
        store = SQLiteStore(Path(tmp) / "bench.db")
        start = time.perf_counter()
        counts = ingest([str(source)], store, show_progress=False)
        ours = time.perf_counter() - start
        stored = store.count_articles()
        store.close()
        our_peak = peak_rss_mib()
        n_base, base = baseline(source, None, Path(tmp) / "baseline.db")
    rate = counts.read / ours
    print(f"articles read: {counts.read}  stored: {stored}  problems: {len(counts.problems)}")
    kinds = Counter(p.message.split(" (")[0] for p in counts.problems)
    for kind, n in kinds.most_common():
        print(f"  {n:6d} × {kind}")
    print(f"  (the same outlet and text seen twice is stored once: {counts.read - stored} repeats)")
    print(f"marsad ingest (clean+normalize+segment+store): {ours:.1f} s, {rate:.0f} articles/s, "
          f"peak RSS {our_peak:.0f} MiB")
    print(f"baseline (json + raw insert): {base:.1f} s, {n_base / base:.0f} articles/s")
    print(f"ratio marsad/baseline time: {ours / base:.1f}x")
    ok = rate >= 500 and our_peak < 1024
    print(f"target >= 500 articles/s and < 1024 MiB: {'met' if ok else 'MISSED'} (reported, never asserted)")
    return 0 if stored else 1


if __name__ == "__main__":
    sys.exit(main())
