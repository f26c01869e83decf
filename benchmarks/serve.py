"""Load test of `marsad serve` on loopback (issue 15): concurrent clients mixing page and API reads
with token-guarded article submissions, against a real server process (uvicorn) over a store.

    python benchmarks/serve.py                     # 50 clients × 30 s; SQLite
    python benchmarks/serve.py --db postgresql://… # the same on a PostgreSQL database (emptied first)
    python benchmarks/serve.py --quick             # CI gate: 8 clients × 6 s; exits 1 on any 5xx or lost write

The store starts with the five seed articles (../shared/corpus/seeds) analysed with the CRF tagger;
submissions are SaudiNewsNet articles (../shared/corpus/saudinewsnet, records 0…), one per write.
Prints requests, p50/p99 latency per kind (and as a ratio to GET /api/status, the cheapest route,
measured in the same run), status counts, and checks afterwards that every accepted article is in
the store and in a story once the background analysis is done ("no lost writes").
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

from _shared import SAUDI, SHARED

SEEDS = SHARED / "corpus" / "seeds"
TOKEN = "bench-token"
WRITE_SHARE = 0.1
READ_KINDS = ("front page", "story page", "stories API", "story API", "search API", "entity API")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _submissions(n: int) -> list[dict]:
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in itertools.islice(fh, n)]
    return [{k: r[k] for k in ("title", "content", "source", "url", "date_extracted") if r.get(k)} for r in records]


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--db", help="PostgreSQL URL of an empty database (default: a new SQLite file)")
    ap.add_argument("--quick", action="store_true", help="8 clients × 6 s; exit 1 on a 5xx or a lost write")
    args = ap.parse_args()
    if args.quick:
        args.clients, args.seconds = 8, 6.0
    work = Path(tempfile.mkdtemp(prefix="marsad-serve-bench-"))
    db = args.db or str(work / "serve.db")
    env = {**os.environ, "MARSAD_TOKEN": TOKEN}
    cli = [sys.executable, "-m", "marsad.cli"]
    t0 = time.perf_counter()
    subprocess.run([*cli, "analyze", str(SEEDS), "--db", db, "--out", str(work / "report"), "--ner", "crf", "-q",
                    "--published", "2023-09-13"], check=True, stdout=subprocess.DEVNULL, env=env)
    print(f"store: {db} (seeds analysed in {time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    port = _port()
    server = subprocess.Popen([*cli, "serve", "--db", db, "--port", str(port), "--ner", "crf"], env=env,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/status", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                print("server did not start", file=sys.stderr)
                return 1
            time.sleep(0.2)
        return run_load(base, args)
    finally:
        server.terminate()
        server.wait(30)


def run_load(base: str, args: argparse.Namespace) -> int:
    story_ids = [s["id"] for s in httpx.get(base + "/api/stories").json()["items"]]
    entity_ids = [e["id"] for e in httpx.get(base + "/api/entities", params={"limit": 20}).json()["items"]]
    queries = ["بوتين", "بيونج يانج", "الزعيم الكوري", "فوستوشني", "الرياض", "وزير الخارجية"]
    pending = _submissions(int(args.clients * args.seconds * WRITE_SHARE) + 50)
    lock = threading.Lock()
    latencies: dict[str, list[float]] = defaultdict(list)
    statuses: Counter[tuple[str, int]] = Counter()
    accepted: list[str] = []
    errors: Counter[str] = Counter()
    stop_at = time.monotonic() + args.seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=60) as http:
            while time.monotonic() < stop_at:
                roll = rng.random()
                kind, method, url, body = "status", "GET", "/api/status", None
                if roll < WRITE_SHARE:
                    with lock:
                        body = pending.pop() if pending else None
                    if body is not None:
                        kind, method, url = "submit", "POST", "/api/articles"
                elif roll < 0.2:
                    kind, url = "status", "/api/status"
                else:
                    kind = rng.choice(READ_KINDS)
                    sid = rng.choice(story_ids) if story_ids else "none"
                    url = {"front page": "/", "story page": f"/stories/{sid}", "stories API": "/api/stories",
                           "story API": f"/api/stories/{sid}",
                           "search API": "/api/search?q=" + rng.choice(queries),
                           "entity API": f"/api/entities/{rng.choice(entity_ids) if entity_ids else 'none'}"}[kind]
                started = time.perf_counter()
                try:
                    if method == "POST":
                        r = http.post(url, json=body, headers={"Authorization": f"Bearer {TOKEN}"})
                    else:
                        r = http.get(url)
                except httpx.TransportError as exc:
                    with lock:
                        errors[type(exc).__name__] += 1
                    continue
                took = time.perf_counter() - started
                with lock:
                    latencies[kind].append(took)
                    statuses[(kind, r.status_code)] += 1
                    if method == "POST" and r.status_code in (200, 201, 202):
                        accepted.append(r.json()["id"])

    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    total = sum(len(v) for v in latencies.values())
    print(f"load: {args.clients} clients × {args.seconds:g} s on {base} — {total} requests in {wall:.1f} s "
          f"({total / wall:.1f}/s)")
    baseline = statistics.median(latencies["status"]) if latencies["status"] else float("nan")
    print(f"{'kind':<12} {'n':>6} {'p50 ms':>9} {'p99 ms':>9} {'p50/status':>11}")
    for kind in ("status", *READ_KINDS, "submit"):
        values = latencies.get(kind, [])
        if values:
            p50 = _percentile(values, 0.5)
            print(f"{kind:<12} {len(values):>6} {p50 * 1000:>9.1f} {_percentile(values, 0.99) * 1000:>9.1f} "
                  f"{p50 / baseline:>11.1f}")
    server_errors = sum(n for (kind, code), n in statuses.items() if code >= 500)
    client_errors = sum(n for (kind, code), n in statuses.items() if 400 <= code < 500)
    by_code: Counter[int] = Counter()
    for (_, code), n in statuses.items():
        by_code[code] += n
    print(f"statuses: {dict(sorted(by_code.items()))}; "
          f"5xx: {server_errors}; 4xx: {client_errors}; connection errors: {dict(errors) or 0}")

    # no lost writes: wait for the background analysis, then look every accepted article up
    t0 = time.perf_counter()
    while httpx.get(base + "/api/status", timeout=60).json()["analysis_pending"]:
        time.sleep(0.5)
    settled = time.perf_counter() - t0
    lost, storyless = [], []
    for aid in sorted(set(accepted)):
        r = httpx.get(f"{base}/api/articles/{aid}", timeout=60)
        if r.status_code != 200:
            lost.append(aid)
        elif not r.json()["story"]:
            storyless.append(aid)
    print(f"writes: {len(set(accepted))} articles accepted; analysis settled {settled:.1f} s after the load; "
          f"missing from the store: {len(lost)}; not in a story: {len(storyless)}")
    ok = server_errors == 0 and not lost and not storyless and not errors
    print("PASS" if ok else "FAIL: 5xx, connection errors or lost writes")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
