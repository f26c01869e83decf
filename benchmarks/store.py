"""Store benchmark (issue 14): SaudiNewsNet into SQLite and PostgreSQL.

Prints, per backend:
- full analysis time (``--ner crf``) of the N articles, and the database size;
- the time to add the newest K articles to a store holding the N-K older ones, vs the full run;
- search latency (p50/p99 over 200 queries of two title words);
- search quality: 100 queries made from an article's title respelled (alef/yeh/teh marbuta
  variants, attached و/ال), the share whose article is in the top 10, with plain FTS5 over the
  raw text (no normalization) as the baseline in the same run.

Nothing is tuned on the queries: they are drawn with ``--seed`` (1 for the figures reported;
seed 0 was the one looked at while building).

    python benchmarks/store.py --limit 2000            # analysis of 2,000 articles, search over 10,000
    python benchmarks/store.py --search-articles 0     # the analysis part only
    python benchmarks/store.py --quick                 # CI gate: search quality only, 2,000 articles
    python benchmarks/store.py --limit 31030 --search-articles 31030   # the whole corpus (hours on 2 cores)

PostgreSQL: MARSAD_TEST_PG_URL (a server URL; databases are created on it), else a server is
started with scripts/postgres.sh in a temporary folder and stopped at the end.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import REPO, SAUDI, peak_rss_mib
from marsad.api import analyze, ingest
from marsad.store import open_store

QUALITY_FLOOR = 0.95  # issue 14 target: the respelled title's article in the top 10
TOP = 10


def read_subset(limit: int) -> list[dict]:
    """The first ``limit`` SaudiNewsNet records (file order), each with its line number."""
    out = []
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(itertools.islice(fh, limit)):
            record = json.loads(line)
            record["_line"] = i
            out.append(record)
    return out


def write_jsonl(records: list[dict], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps({k: v for k, v in r.items() if k != "_line"}, ensure_ascii=False) + "\n")
    return path


# --- PostgreSQL ---------------------------------------------------------------------------------

class Postgres:
    """A PostgreSQL server URL: MARSAD_TEST_PG_URL, or one started for this run."""

    def __init__(self) -> None:
        self.started: str | None = None
        self.url = os.environ.get("MARSAD_TEST_PG_URL")
        if not self.url:
            self.started = tempfile.mkdtemp(prefix="marsad-bench-pg-", dir="/tmp")
            self.url = subprocess.run([str(REPO / "scripts" / "postgres.sh"), "start", self.started], check=True,
                                      capture_output=True, text=True).stdout.strip()

    def database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            con.execute(f'CREATE DATABASE "{name}"')
        return self.url.rsplit("/", 1)[0] + "/" + name

    def drop(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def size(self, name: str) -> int:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as con:
            return int(con.execute("SELECT pg_database_size(%s)", (name,)).fetchone()[0])

    def stop(self) -> None:
        if self.started:
            subprocess.run([str(REPO / "scripts" / "postgres.sh"), "stop", self.started], check=False)
            subprocess.run(["rm", "-rf", self.started], check=False)


# --- queries -------------------------------------------------------------------------------------

_WORD = re.compile(r"[\u0621-\u064a]+")


def respell(title: str, rng: random.Random) -> str | None:
    """``title`` in another spelling a reader might type: alef hamza forms, final yeh/alef maqsura,
    teh marbuta/heh, an attached و or a dropped/added ال. None when no word can change."""
    words = _WORD.findall(title)
    if len(words) < 3:
        return None

    def variants(w: str) -> list[str]:
        out = []
        if w[0] in "أإآ":
            out.append("ا" + w[1:])
        elif w[0] == "ا" and len(w) > 3 and not w.startswith("ال"):
            out.append("أ" + w[1:])
        if w.endswith("ة"):
            out.append(w[:-1] + "ه")
        if w.endswith("ي") and len(w) > 3:
            out.append(w[:-1] + "ى")
        if w.endswith("ى"):
            out.append(w[:-1] + "ي")
        if w.startswith("ال") and len(w) > 4:
            out.append("و" + w)
        if len(w) > 3 and not w.startswith(("و", "ال")):
            out.append("و" + w)
        return out

    changed, out = 0, []
    for w in words:
        options = variants(w)
        if options and rng.random() < 0.6:
            out.append(rng.choice(options))
            changed += 1
        else:
            out.append(w)
    return " ".join(out) if changed else None


def make_queries(titles: dict[str, str], n: int, seed: int) -> list[tuple[str, str, str]]:
    """``n`` (article id, title, respelled query) drawn with ``seed``; titles that several articles
    share are left out (the target would be ambiguous)."""
    counts: dict[str, int] = {}
    for t in titles.values():
        counts[t] = counts.get(t, 0) + 1
    rng = random.Random(seed)
    ids = sorted(i for i, t in titles.items() if t and counts[t] == 1)
    rng.shuffle(ids)
    out = []
    for i in ids:
        q = respell(titles[i], rng)
        if q:
            out.append((i, titles[i], q))
        if len(out) == n:
            break
    return out


class RawFts:
    """The baseline: FTS5 (unicode61) over the raw title and text, no Arabic processing; the same
    query semantics as marsad's (all words, else any)."""

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE raw USING fts5(id UNINDEXED, body, tokenize = 'unicode61')")
        self.db.executemany("INSERT INTO raw (id, body) VALUES (?, ?)", [(i, f"{t}\n{x}") for i, t, x in rows])

    def search(self, query: str, limit: int) -> list[str]:
        words = [f'"{w}"' for w in _WORD.findall(query)]
        for joiner in (" AND ", " OR "):
            rows = self.db.execute("SELECT id FROM raw WHERE raw MATCH ? ORDER BY bm25(raw) LIMIT ?",
                                   (joiner.join(words), limit)).fetchall()
            if rows:
                return [r[0] for r in rows]
        return []


def search_quality(location: str, records: list[dict], queries_n: int, seed: int, tmp: Path,
                   baseline: bool) -> dict:
    """Ingest ``records`` into the store at ``location`` (no analysis), index them, and score the
    respelled-title queries against it (and against the raw-FTS5 baseline)."""
    store = open_store(location)
    started = time.perf_counter()
    ingest([str(write_jsonl(records, tmp / "search.jsonl"))], store, show_progress=False)
    ingested = time.perf_counter() - started
    started = time.perf_counter()
    store.index_new_articles()
    indexed = time.perf_counter() - started
    rows = store.query("SELECT id, title, text FROM articles WHERE current = 1 ORDER BY id")
    titles = {i: (t or "") for i, t, _ in rows}
    queries = make_queries(titles, queries_n, seed)
    found = 0
    misses = []
    for target, title, query in queries:
        hits = [h.id for h in store.search(query, kinds=("article",), limit=TOP, snippets=False)]
        if target in hits:
            found += 1
        else:
            misses.append((title, query))
    result = {"articles": len(rows), "queries": len(queries), "ours": found / max(1, len(queries)),
              "ingest_s": ingested, "index_s": indexed, "misses": misses[:5]}
    if baseline:
        raw = RawFts(rows)
        result["raw_fts5"] = sum(1 for target, _, q in queries if target in raw.search(q, TOP)) / max(1, len(queries))
    store.close()
    return result


def latency(location: str, n: int, seed: int) -> dict:
    """p50/p99 of ``n`` searches of two title words (drawn with ``seed``) on the store at ``location``."""
    store = open_store(location)
    titles = [t for (t,) in store.query("SELECT title FROM articles WHERE title IS NOT NULL ORDER BY id")]
    rng = random.Random(seed)
    times = []
    for _ in range(n):
        words = _WORD.findall(rng.choice(titles)) or ["السعودية"]
        query = " ".join(rng.sample(words, min(2, len(words))))
        started = time.perf_counter()
        store.search(query, limit=TOP)
        times.append(time.perf_counter() - started)
    store.close()
    times.sort()
    return {"p50_ms": 1000 * statistics.median(times), "p99_ms": 1000 * times[min(len(times) - 1, int(0.99 * n))]}


def _cpu_seconds() -> float:
    """CPU seconds of this process and of its finished children (the forked NER workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed_analysis(inputs: list[Path], location: str, workers: int | None) -> tuple[float, float]:
    """Wall and CPU seconds (this process and its workers; a PostgreSQL server's own CPU is not
    counted) of one ``marsad analyze --ner crf`` of ``inputs`` into ``location``."""
    started, cpu = time.perf_counter(), _cpu_seconds()
    options: dict = {"ner": "crf"}
    if workers:
        options["workers"] = workers
    analyze([str(p) for p in inputs], db=location, out=None, options=options)
    return time.perf_counter() - started, _cpu_seconds() - cpu


def database_size(backend: str, location: str, pg: Postgres | None, name: str) -> int:
    """Bytes on disk of the store (SQLite: after folding the write-ahead log into the file)."""
    if backend == "sqlite":
        con = sqlite3.connect(location)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        return Path(location).stat().st_size
    return pg.size(name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=2000, help="articles analysed (default 2,000; 31,030 = all)")
    parser.add_argument("--new", type=int, help="newest articles added incrementally (default: min(1000, limit/10))")
    parser.add_argument("--search-articles", type=int, default=10000, help="articles in the search-quality index")
    parser.add_argument("--queries", type=int, default=100, help="respelled-title queries (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="query draw (1 = the reported figures)")
    parser.add_argument("--backends", default="sqlite,postgresql", help="comma-separated (default: both)")
    parser.add_argument("--no-analysis", action="store_true", help="search quality only")
    parser.add_argument("--two-step", action="store_true",
                        help="skip the from-scratch run of all N: analyse the N-K older from scratch, then add the "
                             "newest K (halves the time of a 31k measurement; the ratio is then to the older run)")
    parser.add_argument("--older-store", type=Path,
                        help="a SQLite store holding the older articles, analysed before (e.g. by another code): "
                             "a copy of it is made and only the add of --new-file is timed")
    parser.add_argument("--new-file", type=Path, help="with --older-store: the newest articles (JSONL) to add")
    parser.add_argument("--older-cpu", type=float,
                        help="with --older-store: CPU seconds of the from-scratch run that made it (the ratio's base)")
    parser.add_argument("--no-catch-up", action="store_true",
                        help="with --older-store: add at once (the add then also fills this code's caches for "
                             "every stored article)")
    parser.add_argument("--older-code", default="another code",
                        help="with --older-store: which code made it (printed with the figures)")
    parser.add_argument("--workers", type=int, help="NER worker processes (default: the machine's cores)")
    parser.add_argument("--keep", type=Path, help="keep the SQLite stores in this folder (default: a temporary one)")
    parser.add_argument("--log", action="store_true", help="log each stage's timing to standard error")
    parser.add_argument("--quick", action="store_true",
                        help=f"CI gate: search quality on 2,000 articles, SQLite; exit 1 below {QUALITY_FLOOR}")
    args = parser.parse_args()
    if not SAUDI.exists():
        print(f"missing {SAUDI}", file=sys.stderr)
        return 2
    if args.log:
        import logging

        logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(name)s %(message)s")
    if args.quick:
        args.search_articles, args.no_analysis, args.backends = 2000, True, "sqlite"
    if args.older_store:
        return add_to_older(args)
    backends = args.backends.split(",")
    pg = Postgres() if "postgresql" in backends else None
    failed = False
    try:
        with tempfile.TemporaryDirectory(prefix="marsad-bench-store-") as tmpdir:
            tmp = Path(tmpdir)
            if args.search_articles > 0:
                print(f"search quality: {args.queries} respelled titles (seed {args.seed}), "
                      f"top {TOP}, over the first {args.search_articles} SaudiNewsNet articles")
            records = read_subset(args.search_articles) if args.search_articles > 0 else []
            for i, backend in enumerate(backends if records else []):
                location = str(tmp / "search.db") if backend == "sqlite" else pg.database("bench_search")
                q = search_quality(location, records, args.queries, args.seed, tmp, baseline=i == 0)
                line = (f"  {backend:<10} ours {q['ours']:.2f} ({q['queries']} queries, {q['articles']} articles;"
                        f" ingest {q['ingest_s']:.0f} s, index {q['index_s']:.0f} s)")
                if "raw_fts5" in q:
                    line += f"   plain FTS5 on raw text {q['raw_fts5']:.2f}"
                print(line, flush=True)
                for title, query in q["misses"]:
                    print(f"    missed: {title!r} as {query!r}", file=sys.stderr)
                failed |= q["ours"] < QUALITY_FLOOR
                if backend == "postgresql":
                    pg.drop("bench_search")
            if not args.no_analysis:
                run_analysis(args, backends, pg, tmp)
    finally:
        if pg:
            pg.stop()
    print(f"peak memory {peak_rss_mib():.0f} MiB")
    if failed:
        print(f"FAIL: search quality below {QUALITY_FLOOR}", file=sys.stderr)
        return 1
    return 0


def add_to_older(args: argparse.Namespace) -> int:
    """Time adding ``--new-file`` to a copy of ``--older-store`` (SQLite), against ``--older-cpu``."""
    import shutil

    if not args.new_file or not args.older_cpu:
        print("--older-store needs --new-file and --older-cpu", file=sys.stderr)
        return 2
    folder = args.keep or Path(tempfile.mkdtemp(prefix="marsad-bench-add-", dir="/tmp"))
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "added.db"
    for suffix in ("", "-wal", "-shm"):  # the store and its write-ahead log, as they are
        source = Path(str(args.older_store) + suffix)
        if source.exists():
            shutil.copyfile(source, str(copy) + suffix)
    con = sqlite3.connect(copy)  # not open_store: its migrations belong to the timed add
    before = con.execute("SELECT COUNT(*) FROM articles WHERE current = 1").fetchone()[0]
    con.close()
    with open(args.new_file, encoding="utf-8") as fh:
        new = sum(1 for line in fh if line.strip())
    print(f"add to an older store: {args.older_store} ({before} stored articles; analysed from scratch by "
          f"{args.older_code}, {args.older_cpu:.0f} s CPU, measured separately), copied to {copy}; "
          f"the {new} records of {args.new_file} added with this code (--ner crf; the time includes "
          f"opening the store, so any migration of an older schema)", flush=True)
    if not args.no_catch_up:
        # caches this code keeps that the older code did not (and rules changed since) are filled by an
        # analysis with no new article: a one-time cost of upgrading the code, printed apart from the add
        wall, cpu = timed_analysis([], str(copy), args.workers)
        print(f"  sqlite     catch-up (this code's first analysis of the stored articles, no new one; one-time): "
              f"{wall:.0f} s wall, {cpu:.0f} s CPU", flush=True)
    wall, cpu = timed_analysis([args.new_file], str(copy), args.workers)
    size = database_size("sqlite", str(copy), None, "")
    print(f"  sqlite     the newest {new} added: {wall:.0f} s wall, {cpu:.0f} s CPU = {cpu / args.older_cpu:.3f} of "
          f"the older run's CPU ({args.older_cpu:.0f} s); database after the add {size / 2**20:.1f} MiB", flush=True)
    print(f"peak memory {peak_rss_mib():.0f} MiB")
    if not args.keep:
        shutil.rmtree(folder)
    return 0


def run_analysis(args: argparse.Namespace, backends: list[str], pg: Postgres | None, tmp: Path) -> None:
    new = args.new or max(1, min(1000, args.limit // 10))
    records = read_subset(args.limit)
    records.sort(key=lambda r: (r.get("date_extracted") or "", r["_line"]))
    old_file = write_jsonl(records[:-new], tmp / "old.jsonl")
    new_file = write_jsonl(records[-new:], tmp / "new.jsonl")
    folder = args.keep or tmp
    folder.mkdir(parents=True, exist_ok=True)
    older = len(records) - new
    print(f"analysis (--ner crf): {len(records)} articles; incremental: the newest {new} added to the "
          f"{older} older ones" + ("; no from-scratch run of all (--two-step)" if args.two_step else ""))
    for backend in backends:
        if backend == "sqlite":
            full_db, inc_db = str(folder / "full.db"), str(folder / "inc.db")
        else:
            full_db, inc_db = pg.database("bench_full"), pg.database("bench_inc")
        line = f"  {backend:<10}"
        if not args.two_step:
            full = timed_analysis([old_file, new_file], full_db, args.workers)
            size = database_size(backend, full_db, pg, "bench_full")
            line += f" full run {full[0]:.0f} s wall, {full[1]:.0f} s CPU; database {size / 2**20:.1f} MiB;"
        base = timed_analysis([old_file], inc_db, args.workers)
        print(f"  {backend:<10} the {older} older from scratch: {base[0]:.0f} s wall, {base[1]:.0f} s CPU",
              flush=True)
        added = timed_analysis([new_file], inc_db, args.workers)
        reference = base if args.two_step else full
        line += (f" the {older} older: {base[0]:.0f} s wall, {base[1]:.0f} s CPU; then the newest {new}:"
                 f" {added[0]:.0f} s wall, {added[1]:.0f} s CPU = {added[1] / reference[1]:.2f} of the "
                 f"{'older' if args.two_step else 'full'} run's CPU")
        if args.two_step:
            size = database_size(backend, inc_db, pg, "bench_inc")
            line += f"; database after both steps {size / 2**20:.1f} MiB"
        lat = latency(inc_db if args.two_step else full_db, 200, args.seed)
        line += f"; search p50 {lat['p50_ms']:.1f} ms, p99 {lat['p99_ms']:.1f} ms (200 queries)"
        print(line, flush=True)
        if backend == "postgresql" and not args.keep:
            pg.drop("bench_full")
            pg.drop("bench_inc")


if __name__ == "__main__":
    sys.exit(main())
