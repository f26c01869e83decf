"""Report benchmark (issue 14): rendering a stored analysis at scale, and again after a small change.

On a copy of an analysed store (``--db``; the given file is never opened in place), each step
runs in a fresh process and prints its CPU seconds, wall seconds, peak resident memory and what
happened to the pages (rendered / reused / removed):

1. ``full``    — ``marsad report`` into an empty folder;
2. ``again``   — the same, into that folder, nothing changed;
3. ``changed`` — after a small change to the stored results (``--change K``: K stories get a new
   title and one story outside threads is deleted, by SQL on the copy — the results of a few
   stories changed, as when a run brings a few articles), rendered into the same folder;
4. with ``--baseline REV``: the old code (``git archive REV src``) renders the changed store into
   an empty folder, the same way (``marsad.api.report``) — the old writer re-renders everything
   every time, so this is its cost for a full report and for a re-render alike; the ratios of
   steps 1 and 3 to it are printed. ``--baseline-timeout`` stops it (and says so) when it runs longer.

    python benchmarks/report.py --db /work/runs/report/s2000.db --baseline 0336c22
    python benchmarks/report.py --db big.db --change 20          # no baseline (the old code needs GBs)

Timings on a shared machine vary with its load; the load average is printed. Results (stdout)
are what was measured, nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

STEP = r"""
import json, resource, sys, time
from pathlib import Path
db, out, new = sys.argv[1], sys.argv[2], sys.argv[3] == "new"
wall, cpu = time.perf_counter(), time.process_time()
stats = {}
if new:
    from marsad.report.pages import RenderStats
    from marsad.report.writer import write_report_from_store
    from marsad.store import open_store
    counts = RenderStats()
    store = open_store(db)
    try:
        write_report_from_store(store, Path(out), stats=counts)
    finally:
        store.close()
    stats = {"rendered": counts.rendered, "reused": counts.reused, "removed": counts.removed}
else:
    from marsad.api import report
    report(db, out)
print(json.dumps({"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, **stats}))
"""


def run_step(src: Path, db: Path, out: Path, new: bool, timeout: float | None = None) -> dict | None:
    """One rendering in a fresh process with ``src`` first on the path; None when it timed out."""
    env = {**os.environ, "PYTHONPATH": str(src), "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    try:
        done = subprocess.run([sys.executable, "-c", STEP, str(db), str(out), "new" if new else "old"],
                              env=env, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"report.py: the step failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def change_results(db: Path, stories: int) -> str:
    """Give ``stories`` stories (the last ones) a new title and delete one story outside threads,
    in the store's own transaction; returns what was done."""
    sys.path.insert(0, str(REPO / "src"))
    from marsad.store import open_store

    store = open_store(str(db))
    try:
        with store.transaction():
            ids = [r[0] for r in store.query("SELECT id FROM stories ORDER BY ord DESC")][:stories]
            for sid in ids:
                store._execute("UPDATE stories SET title = title || ' (معدلة)' WHERE id = ?", (sid,))
            lone = store.query("SELECT id FROM stories WHERE thread_id IS NULL ORDER BY ord LIMIT 1")
            if lone:
                store._execute("DELETE FROM stories WHERE id = ?", (lone[0][0],))
    finally:
        store.close()
    return f"{len(ids)} story titles changed, {len(lone)} story deleted"


def folder_size(folder: Path) -> tuple[int, float]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="an analysed SQLite store (copied first, never opened in place)")
    parser.add_argument("--work", help="folder for the copy and the reports (default: a temporary one)")
    parser.add_argument("--change", type=int, default=20, metavar="K", help="stories whose title changes (20)")
    parser.add_argument("--baseline", metavar="REV", help="also time the code at this git revision")
    parser.add_argument("--baseline-timeout", type=float, default=3600, metavar="S")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()

    work = Path(args.work or tempfile.mkdtemp(prefix="marsad-report-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "store.db"
    for suffix in ("", "-wal", "-shm"):
        if Path(args.db + suffix).exists():
            shutil.copyfile(args.db + suffix, str(db) + suffix)
    src = REPO / "src"
    out = work / "report"
    shutil.rmtree(out, ignore_errors=True)
    print(f"store: {args.db} ({db.stat().st_size / 2**20:.0f} MiB); load average {os.getloadavg()[0]:.1f}")
    sys.stdout.flush()
    rows = [("full", run_step(src, db, out, True))]
    print(f"  full: {rows[-1]}", file=sys.stderr, flush=True)
    files, mib = folder_size(out)
    rows.append(("again", run_step(src, db, out, True)))
    print(f"  again: {rows[-1]}", file=sys.stderr, flush=True)
    what = change_results(db, args.change)
    rows.append(("changed", run_step(src, db, out, True)))
    print(f"  changed: {rows[-1]}", file=sys.stderr, flush=True)
    baseline = None
    if args.baseline:
        old = work / "baseline-src"
        shutil.rmtree(old, ignore_errors=True)
        old.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.baseline, "src"], capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        started = time.perf_counter()
        baseline = run_step(old / "src", db, work / "baseline-report", False, args.baseline_timeout)
        if baseline is None:
            print(f"baseline {args.baseline}: stopped after {time.perf_counter() - started:.0f} s wall "
                  f"(--baseline-timeout)")
    print(f"report: {files} files, {mib:.1f} MiB; change: {what}")
    print(f"{'step':<10} {'CPU s':>8} {'wall s':>8} {'peak MiB':>9} {'rendered':>9} {'reused':>7} {'removed':>8}"
          + ("   CPU vs old  memory vs old" if baseline else ""))
    for name, r in rows:
        line = (f"{name:<10} {r['cpu']:>8.1f} {r['wall']:>8.1f} {r['rss_mib']:>9.0f} {r['rendered']:>9} "
                f"{r['reused']:>7} {r['removed']:>8}")
        if baseline:
            line += f"   {r['cpu'] / baseline['cpu']:>10.3f}  {r['rss_mib'] / baseline['rss_mib']:>12.3f}"
        print(line)
    if baseline:
        print(f"{'old ' + args.baseline[:8]:<10} {baseline['cpu']:>8.1f} {baseline['wall']:>8.1f} "
              f"{baseline['rss_mib']:>9.0f}   (every page, every time)")
    if not args.keep and not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
