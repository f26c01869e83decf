"""Scale benchmark (issue 16): time per stage and peak memory as SaudiNewsNet grows.

For each size N (the first N records of SaudiNewsNet in file order) a fresh process analyses
them into a fresh SQLite store and reports, per step (ingest, index, load, each stage, save,
report): wall seconds, CPU seconds of the main process and of its worker processes, and the
peak resident memory. Then the growth exponent of each step between consecutive sizes
(``log(cpu2/cpu1) / log(n2/n1)``; n·log n between 1k and 4k is ≈ 1.13): a step above
:data:`SUPERLINEAR` is named as growing faster than n·log n. With ``--add K`` the next K records
are then added to the largest store and timed the same way (an incremental run).

With ``--engine spark`` every size is run twice, on the local engine (``--workers`` forked processes)
and on the Spark engine (``--spark-master``, default local[2]), and the Spark/local ratio of each
step's wall and CPU time is printed; starting Spark is timed as a step of its own ("spark start").
CPU counts every process involved: the main one, its forked workers, Spark's JVM and its Python
workers (read from /proc while they live). ``--stages`` runs only some stages (e.g. the two whose
per-article work the engine computes: ``--stages entities,timex``); the others are then not run.

    python benchmarks/scale.py --sizes 1000,4000 --ner crf
    python benchmarks/scale.py --sizes 250,1000 --ner crf --engine spark --stages entities,timex
    python benchmarks/scale.py --sizes 1000,4000,16000 --ner crf --add 1000 --workers 2
    python benchmarks/scale.py --quick      # 50 and 100 articles, --ner crf: a smoke run of the benchmark itself

Timings on a shared machine vary with its load; the load average is printed with each run.
Results (stdout) are what was measured, nothing else.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _shared import SAUDI

#: a step growing faster than this exponent is named (n·log n between 1k and 4k is ≈ 1.13)
SUPERLINEAR = 1.25


def write_records(start: int, count: int, path: Path) -> Path:
    """SaudiNewsNet records ``start`` … ``start+count-1`` (file order) as a JSONL file."""
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh, open(path, "w", encoding="utf-8") as out:
        out.writelines(itertools.islice(fh, start, start + count))
    return path


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of every process below it (finished or live)."""
    from marsad.engine.processes import children_cpu

    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime, children_cpu()


def _peak() -> tuple[float, float]:
    """Peak RSS (MiB) of this process and of its largest other process: a finished child, or a live
    Python process below it (Spark's Python workers); Spark's JVM is counted apart (:func:`_jvm_peak`)."""
    from marsad.engine.processes import descendants

    live = [d.peak_mib for d in descendants() if d.name != "java"]
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            max([resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, *live]))


def _jvm_peak() -> float:
    """Peak RSS (MiB) of the largest live JVM below this process (Spark's driver JVM), 0 without one."""
    from marsad.engine.processes import descendants

    return max([d.peak_mib for d in descendants() if d.name == "java"], default=0.0)


class Steps:
    """Wall/CPU/peak memory of named steps, in order."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def run(self, name: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        wall0, (cpu0, ch0) = time.perf_counter(), _cpu()
        value = function(*args, **kwargs)
        cpu1, ch1 = _cpu()
        self.rows.append({"step": name, "wall": time.perf_counter() - wall0, "cpu": cpu1 - cpu0,
                          "cpu_workers": ch1 - ch0, "peak_mib": _peak()[0]})
        return value


def chosen_stages(names: str | None) -> list[str] | None:
    """The stage specs of :data:`marsad.pipeline.DEFAULT_STAGES` named in ``names`` (comma-separated,
    e.g. ``entities,timex``), in the pipeline's order; None: all of them."""
    from marsad.pipeline import DEFAULT_STAGES

    if not names:
        return None
    wanted = set(names.split(","))
    known = {spec: spec.split(":")[0].rsplit(".", 1)[1] for spec in DEFAULT_STAGES}  # module name: the stage
    specs = [spec for spec, name in known.items() if name in wanted]
    if len(specs) != len(wanted):
        raise SystemExit(f"--stages {names}: the stages are {', '.join(known.values())}")
    return specs


def one_run(inputs: list[str], db: str, args: argparse.Namespace, report_dir: str) -> dict:
    """Analyse ``inputs`` into ``db`` step by step (what :func:`marsad.api.analyze` does) on
    ``args.engine``, with ``args.ner``, ``args.workers`` and the stages of ``args.stages``."""
    from marsad.api import ingest, load_corpus
    from marsad.pipeline import StageContext, load_stage, run_stages
    from marsad.report import write_report
    from marsad.store import open_store

    steps = Steps()
    load0 = os.getloadavg()[0]
    store = open_store(db)
    counts = steps.run("ingest", ingest, inputs, store, show_progress=False)
    steps.run("index", store.index_new_articles)
    corpus = steps.run("load", load_corpus, store)
    options = {"ner": args.ner, "workers": args.workers, "engine": args.engine}
    if args.engine == "spark":
        from marsad.engine.spark import session

        options["spark_master"] = args.spark_master
        steps.run("spark start", session, args.spark_master)
    context = StageContext(store=store, options=options, show_progress=False)
    specs = chosen_stages(args.stages)
    run_stages(corpus, context, None if specs is None else [load_stage(s) for s in specs])
    steps.rows += [{"step": t.stage, "wall": t.wall, "cpu": t.cpu, "cpu_workers": t.cpu_workers,
                    "peak_mib": t.peak_rss_mib} for t in context.timings]
    steps.run("save", store.save_results, corpus)
    steps.run("report", lambda: write_report(store.load_results(), Path(report_dir)))
    store.close()
    own, child = _peak()
    return {"engine": args.engine, "jvm_peak_mib": _jvm_peak(),
            "articles": len(corpus.articles), "new": counts.new, "stories": len(corpus.stories),
            "sentences": sum(len(a.sentences) for a in corpus.articles),
            "characters": sum(len(a.text) for a in corpus.articles),
            "entities": len(corpus.entities), "families": len(corpus.duplicate_groups),
            "steps": steps.rows, "peak_mib": own, "peak_worker_mib": child,
            "load_before": load0, "load_after": os.getloadavg()[0], "db_mib": _db_size(db)}


def _db_size(db: str) -> float:
    return sum(p.stat().st_size for p in Path(db).parent.glob(Path(db).name + "*")) / 2**20


def child(args: argparse.Namespace) -> None:
    """One measured run in this (fresh) process; prints its JSON on stdout."""
    folder = Path(args.folder)
    inputs = [str(write_records(0, args.child, folder / "base.jsonl"))]
    result = {"size": args.child, "full": one_run(inputs, str(folder / "m.db"), args, str(folder / "report"))}
    print(json.dumps(result))


def incremental(args: argparse.Namespace) -> None:
    folder = Path(args.incremental)
    print(json.dumps(one_run(args.inputs, str(folder / "m.db"), args, str(folder / "report"))))


def _passed_on(args: argparse.Namespace, engine: str) -> list[str]:
    """The options a measured child process runs with."""
    return ["--ner", args.ner, "--workers", str(args.workers), "--engine", engine, "--spark-master",
            args.spark_master, *(["--stages", args.stages] if args.stages else [])]


def measure(size: int, args: argparse.Namespace, add: int, engine: str = "local") -> dict:
    with tempfile.TemporaryDirectory(prefix="marsad-scale-") as tmp:
        command = [sys.executable, __file__, "--child", str(size), "--folder", tmp, *_passed_on(args, engine)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            sys.stderr.write(done.stderr)
            raise SystemExit(f"the run on {size} articles failed")
        result = json.loads(done.stdout)
        if add:
            # the incremental run in a new process, as a user's next run would be; started from this
            # small process (Linux keeps a process's peak memory across exec: started from the child,
            # it would report the child's peak)
            more = [str(write_records(size, add, Path(tmp) / "added.jsonl"))]
            result["add"] = json.loads(subprocess.run(
                [sys.executable, __file__, "--incremental", tmp, *_passed_on(args, engine), *more],
                check=True, capture_output=True, text=True).stdout)
        return result


def total(run: dict, key: str = "cpu") -> float:
    return sum(r[key] for r in run["steps"])


def print_run(label: str, run: dict) -> None:
    print(f"\n{label}: {run['articles']} articles ({run['new']} new; {run['sentences']} sentences, "
          f"{run['characters'] / 1e6:.2f} M characters), {run['families']} duplicate families, "
          f"{run['entities']} entities, {run['stories']} stories; database {run['db_mib']:.1f} MiB; "
          f"load average {run['load_before']:.1f} → {run['load_after']:.1f}")
    print(f"  {'step':<12} {'wall s':>8} {'CPU s':>8} {'workers':>8} {'peak MiB':>9}")
    for r in run["steps"]:
        print(f"  {r['step']:<12} {r['wall']:8.1f} {r['cpu']:8.1f} {r['cpu_workers']:8.1f} {r['peak_mib']:9.0f}")
    jvm = f", Spark's JVM {run['jvm_peak_mib']:.0f} MiB" if run.get("jvm_peak_mib") else ""
    print(f"  {'all':<12} {total(run, 'wall'):8.1f} {total(run):8.1f} {total(run, 'cpu_workers'):8.1f} "
          f"{run['peak_mib']:9.0f}   (largest worker {run['peak_worker_mib']:.0f} MiB{jvm})")


def print_ratio(size: int, local: dict, spark: dict, master: str) -> None:
    """Per step, wall and CPU (all processes) of the Spark run against the local run, and their ratio."""
    print(f"\n{size} records, Spark {master} / local engine (CPU: main + workers + Spark's JVM and Python workers)")
    print(f"  {'step':<12} {'local wall':>10} {'spark wall':>10} {'ratio':>6} {'local CPU':>10} {'spark CPU':>10} "
          f"{'ratio':>6}")
    rows = {r["step"]: r for r in local["steps"]}
    both = [(r["step"], rows.get(r["step"]), r) for r in spark["steps"]]
    for name, a, b in [*both, ("all", None, None)]:
        if name == "all":
            lw, sw = total(local, "wall"), total(spark, "wall")
            lc, sc = total(local) + total(local, "cpu_workers"), total(spark) + total(spark, "cpu_workers")
        else:
            lw, sw = (a["wall"] if a else 0.0), b["wall"]
            lc, sc = (a["cpu"] + a["cpu_workers"] if a else 0.0), b["cpu"] + b["cpu_workers"]
        print(f"  {name:<12} {lw:10.1f} {sw:10.1f} {_ratio(lw, sw)} {lc:10.1f} {sc:10.1f} {_ratio(lc, sc)}")
    print(f"  peak memory: main process {local['peak_mib']:.0f} → {spark['peak_mib']:.0f} MiB, largest worker "
          f"{local['peak_worker_mib']:.0f} → {spark['peak_worker_mib']:.0f} MiB, "
          f"Spark's JVM {spark['jvm_peak_mib']:.0f} MiB")


def _ratio(local: float, spark: float) -> str:
    return f"{spark / local:6.2f}" if local > 0.05 else f"{'-':>6}"


def exponents(results: list[dict], size: str = "articles") -> list[tuple[str, list[float]]]:
    """Per step, the growth exponent of its CPU time (main + workers) between consecutive sizes,
    the size counted in ``size`` (articles, or sentences: prefixes of a corpus differ in length)."""
    out = []
    for k, row in enumerate(results[0]["full"]["steps"]):
        name = row["step"]
        values = []
        for a, b in itertools.pairwise(results):
            ca = a["full"]["steps"][k]["cpu"] + a["full"]["steps"][k]["cpu_workers"]
            cb = b["full"]["steps"][k]["cpu"] + b["full"]["steps"][k]["cpu_workers"]
            na, nb = a["full"][size], b["full"][size]
            values.append(math.log(max(cb, 1e-3) / max(ca, 1e-3)) / math.log(nb / na))
        out.append((name, values))
    return out


def volume(sizes: list[int]) -> None:
    """Articles, sentences and characters of each prefix, as ingestion reads them (no analysis)."""
    from marsad.ingest import read_paths

    with tempfile.TemporaryDirectory(prefix="marsad-scale-") as tmp:
        for size in sizes:
            path = write_records(0, size, Path(tmp) / f"{size}.jsonl")
            articles = list(read_paths([str(path)]))
            print(f"  first {size} records: {len(articles)} articles read, "
                  f"{sum(len(a.sentences) for a in articles)} sentences, "
                  f"{sum(len(a.text) for a in articles) / 1e6:.2f} M characters")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,4000", help="comma-separated article counts")
    parser.add_argument("--ner", default="e5+crf", help="NER model (default: the default configuration)")
    parser.add_argument("--workers", type=int, default=0, help="processes for per-article work (0: all cores)")
    parser.add_argument("--engine", choices=("local", "spark"), default="local",
                        help="spark: each size on the local engine and on Spark, with their ratio")
    parser.add_argument("--spark-master", default="local[2]", help="Spark master for --engine spark (local[2])")
    parser.add_argument("--stages", help="only these stages, comma-separated (e.g. entities,timex); default all")
    parser.add_argument("--add", type=int, default=0, help="then add the next K records to the largest store")
    parser.add_argument("--volume", action="store_true", help="only print the text volume of each size")
    parser.add_argument("--json", help="also write the measurements to this file (after each size)")
    parser.add_argument("--quick", action="store_true", help="50 and 100 articles, --ner crf (a smoke run)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--incremental", help=argparse.SUPPRESS)
    parser.add_argument("inputs", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    if args.incremental:
        return incremental(args)
    if args.quick:
        args.sizes, args.ner = "50,100", "crf"
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.volume:
        return volume(sizes)
    print(f"scale benchmark: SaudiNewsNet first {sizes} records, --ner {args.ner}, workers "
          f"{args.workers or 'all cores'} (this machine: {os.cpu_count()} cores)"
          + (f", engines local and Spark {args.spark_master}" if args.engine == "spark" else "")
          + (f", stages {args.stages} only" if args.stages else ""))
    results, on_spark = [], []
    for i, size in enumerate(sizes):
        add = args.add if i == len(sizes) - 1 else 0
        print(f"[{time.strftime('%H:%M:%S')}] {size} articles… (load average {os.getloadavg()[0]:.1f})",
              file=sys.stderr, flush=True)
        results.append(measure(size, args, add))
        print_run(f"{size} records" + (", local engine" if args.engine == "spark" else ""), results[-1]["full"])
        if args.engine == "spark":
            print(f"[{time.strftime('%H:%M:%S')}] {size} articles on Spark {args.spark_master}… (load average "
                  f"{os.getloadavg()[0]:.1f})", file=sys.stderr, flush=True)
            on_spark.append(measure(size, args, add, "spark"))
            print_run(f"{size} records, Spark {args.spark_master}", on_spark[-1]["full"])
            print_ratio(size, results[-1]["full"], on_spark[-1]["full"], args.spark_master)
        if args.json:
            Path(args.json).write_text(json.dumps({"local": results, "spark": on_spark}, indent=1), encoding="utf-8")
        sys.stdout.flush()
    if len(results) > 1:
        for size in ("articles", "sentences"):
            print(f"\ngrowth exponent of CPU time (main + workers) per step against {size}, between consecutive "
                  f"sizes ({', '.join(str(r['full'][size]) for r in results)} {size}); > {SUPERLINEAR} is named as "
                  "faster than n·log n (n·log n from 1k to 4k ≈ 1.13)")
            for name, values in exponents(results, size):
                flag = "  <- faster than n·log n" if max(values) > SUPERLINEAR else ""
                print(f"  {name:<12} " + " ".join(f"{v:5.2f}" for v in values) + flag)
    if args.add:
        for label, runs in (("", results), (f" (Spark {args.spark_master})", on_spark)):
            if not runs:
                continue
            add, full = runs[-1]["add"], runs[-1]["full"]
            print_run(f"adding the next {args.add} records to the {sizes[-1]}-record store{label}", add)
            print(f"  incremental run / full run: wall {total(add, 'wall') / total(full, 'wall'):.2f}, "
                  f"CPU {(total(add) + total(add, 'cpu_workers')) / (total(full) + total(full, 'cpu_workers')):.2f}")


if __name__ == "__main__":
    main()
