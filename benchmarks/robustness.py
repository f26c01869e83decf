"""Hostile and broken input (issue 17): each case with marsad's message, time and peak memory.

Every case is read by ``marsad.ingest.read_paths`` in a fresh process, so its peak resident
memory (VmHWM) is its own, shown with the increase over the memory held after the imports. The
inputs are built here in a temporary folder; the briefs case reads SaudiNewsNet from
../shared (the first 15 words of each article's first paragraph taken as a one-paragraph brief).

    python benchmarks/robustness.py            # full sizes (4 GB bomb, 200 MB .jsonl, 50 MB line)
    python benchmarks/robustness.py --quick    # smaller sizes; exits 1 if a case raised, hung,
                                               # or passed the memory or time bounds (CI gate)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from _shared import REPO, SAUDI

ARABIC = ("وصل الزعيم الكوري الشمالي إلى روسيا يوم الثلاثاء في زيارة نادرة. "
          "وقال المتحدث باسم الكرملين إن الزعيمين سيناقشان مسائل حساسة.")
#: --quick fails when a case takes more memory than this over its imports, or more time
MAX_EXTRA_MIB = 300
MAX_SECONDS = 90
#: a brief: the first words of an article's first paragraph (a short one-paragraph article)
BRIEF_WORDS = 15
#: --quick fails when fewer one-paragraph briefs than this are kept
MIN_BRIEFS_KEPT = 0.95

CHILD = r"""
import json, os, sys, time
from marsad.ingest import read_paths
try:
    from marsad.ingest import Limits
except ImportError:  # a marsad from before the caps (--src)
    Limits = None
spec = json.loads(sys.argv[1])
if spec.get("briefs"):
    import gzip
    from marsad.ingest import build_article
    from marsad.ingest.readers import RawArticle
def status_mib(key):
    # VmRSS now / VmHWM peak of this process (ru_maxrss would carry the parent's peak over exec)
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(key + ":")) / 1024
imports = status_mib("VmRSS")
problems, first, n = [], None, 0
start = time.perf_counter()
if spec.get("briefs"):
    with gzip.open(spec["briefs"], "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= spec["limit"]:
                break
            record = json.loads(line)
            paragraph = next((p.strip() for p in (record.get("content") or "").split("\n") if p.strip()), "")
            paragraph = " ".join(paragraph.split()[:spec["words"]])
            if not paragraph:
                continue
            article, problem = build_article(RawArticle(paragraph, f"brief:{i}", f"brief:{i}", "jsonl"))
            n += article is not None
            if problem is not None:
                problems.append(str(problem))
    spec["total"] = i
else:
    extra = {"limits": Limits(**spec.get("limits", {}))} if Limits else {}
    for article in read_paths(spec["inputs"], on_problem=lambda p: problems.append(str(p)), **extra):
        n += 1
        if first is None:
            first = time.perf_counter() - start
            if spec.get("first_only"):
                break
seconds = time.perf_counter() - start
peak = status_mib("VmHWM")
print(json.dumps({"articles": n, "problems": problems[:3], "n_problems": len(problems), "seconds": seconds,
                  "first": first, "imports_mib": imports, "peak_mib": peak, "total": spec.get("total")}))
"""


@dataclass
class Case:
    """One hostile input: how to build it and how to read it."""

    name: str
    build: Callable[[Path], list[str]]
    limits: dict = field(default_factory=dict)
    first_only: bool = False
    briefs: int = 0


def _write(path: Path, data: bytes) -> list[str]:
    path.write_bytes(data)
    return [str(path)]


def _one_line(path: Path, megabytes: int) -> list[str]:
    """A single line of ``megabytes`` MB of Arabic sentences (written in pieces: the parent stays small)."""
    piece = (ARABIC + " ").encode() * ((1 << 20) // 240)
    with path.open("wb") as fh:
        for _ in range(megabytes):
            fh.write(piece)
    return [str(path)]


def _gz_members(path: Path, chunk: bytes, megabytes: int) -> list[str]:
    member = gzip.compress(chunk * ((1 << 20) // len(chunk)), 9)
    with path.open("wb") as fh:
        for _ in range(megabytes):
            fh.write(member)
    return [str(path)]


def _jsonl(path: Path, megabytes: int) -> list[str]:
    row = json.dumps({"source": "مثال", "content": ARABIC}, ensure_ascii=False).encode() + b"\n"
    with path.open("wb") as fh:
        block = row * ((1 << 20) // len(row))
        for _ in range(megabytes):
            fh.write(block)
    return [str(path)]


def _fifo(path: Path) -> list[str]:
    os.mkfifo(path)
    return [str(path)]


def _loop(folder: Path) -> list[str]:
    root = folder / "loop"
    (root / "a").mkdir(parents=True)
    (root / "a" / "one.txt").write_text(ARABIC, encoding="utf-8")
    (root / "a" / "back").symlink_to(root, target_is_directory=True)
    return [str(root)]


def _names(folder: Path) -> list[str]:
    root = folder / "in[" / "b]"
    root.mkdir(parents=True)
    (root / "x\nmarsad: warning: forged.txt").write_text("", encoding="utf-8")
    return [str(root)]


def _bad_byte(path: Path) -> list[str]:
    rows = [json.dumps({"content": f"{ARABIC} رقم {i}."}, ensure_ascii=False).encode() for i in range(1000)]
    rows[500] = rows[500].replace(b"\xd8\xa7", b"\xd8\xff", 1)
    return _write(path, b"\n".join(rows))


def cases(quick: bool) -> list[Case]:
    """The hostile inputs of issue 17 (smaller with ``quick``)."""
    bomb_mb, big_mb, line_mb = (256, 50, 2) if quick else (4096, 200, 50)
    return [
        Case(f"gzip bomb: .jsonl.gz of {bomb_mb} MB of zeros", lambda d: _gz_members(d / "bomb.jsonl.gz", b"\0",
                                                                                       bomb_mb)),
        Case(f"gzip of {bomb_mb} MB of empty lines", lambda d: _gz_members(d / "lines.jsonl.gz", b"\n", bomb_mb)),
        Case("/dev/zero as input", lambda d: ["/dev/zero"]),
        Case("named pipe with no writer", lambda d: _fifo(d / "pipe.jsonl")),
        Case(f"{line_mb} MB one-line article (default --max-article-bytes)",
             lambda d: _one_line(d / "line.txt", line_mb)),
        Case(f"{line_mb} MB one-line article, cap raised to {line_mb + 10} MB (sentence splitting)",
             lambda d: _one_line(d / "line.txt", line_mb),
             limits={"max_article_bytes": (line_mb + 10) << 20}),
        Case(f"{big_mb} MB plain .jsonl: first article", lambda d: _jsonl(d / "big.jsonl", big_mb), first_only=True),
        Case("one invalid byte on line 501 of a 1,000-line .jsonl", lambda d: _bad_byte(d / "bad.jsonl")),
        Case(".txt cut in the middle of a letter", lambda d: _write(d / "cut.txt", ARABIC.encode()[:-2])),
        Case("url http://[::1 on a JSONL line",
             lambda d: _write(d / "url.jsonl", json.dumps({"content": ARABIC, "url": "http://[::1"}).encode())),
        Case("JSONL line nested 100,000 deep", lambda d: _write(d / "deep.jsonl", b"[" * 100_000)),
        Case("wrong JSON types (content an object, author an object)", lambda d: _write(
            d / "types.jsonl", b"\n".join(json.dumps(r).encode() for r in (
                {"content": {"p": ARABIC}}, {"content": ARABIC, "author": {"x": 1}})))),
        Case("UTF-16 without a byte-order mark", lambda d: _write(d / "u16.txt", ARABIC.encode("utf-16-le"))),
        Case("symbolic link loop in a folder", _loop),
        Case("'[/' and a newline in file names", _names),
        Case(f"one-paragraph briefs (first {BRIEF_WORDS} words of SaudiNewsNet articles)", lambda d: [],
             briefs=1_000 if quick else 20_000),
    ]


def run_case(case: Case, folder: Path, src: Path) -> dict:
    """Build and read one case in a child process (marsad from ``src``); its JSON result (or the failure)."""
    spec = {"inputs": case.build(folder), "limits": case.limits, "first_only": case.first_only}
    if case.briefs:
        spec.update(briefs=str(SAUDI), limit=case.briefs, words=BRIEF_WORDS)
    env = {**os.environ, "PYTHONPATH": str(src)}
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(spec)], capture_output=True, text=True,
                              env=env, timeout=MAX_SECONDS * 10)
    except subprocess.TimeoutExpired:
        return {"failed": f"no result after {MAX_SECONDS * 10} s"}
    if done.returncode != 0:
        return {"failed": (done.stderr.strip().splitlines() or ["?"])[-1],
                "seconds": time.perf_counter() - started}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller inputs; exit 1 past the bounds (CI)")
    parser.add_argument("--only", help="run only the cases whose name contains this text")
    parser.add_argument("--src", type=Path, default=REPO / "src",
                        help="marsad sources to measure (default: this checkout's); to compare with another version")
    args = parser.parse_args()
    bad = []
    with tempfile.TemporaryDirectory(prefix="marsad-robustness-") as tmp:
        for i, case in enumerate(cases(args.quick)):
            if args.only and args.only not in case.name:
                continue
            if case.briefs and not SAUDI.exists():
                print(f"- {case.name}: skipped (no {SAUDI})")
                continue
            folder = Path(tmp) / str(i)
            folder.mkdir()
            result = run_case(case, folder, args.src)
            if "failed" in result:
                print(f"- {case.name}\n    FAILED: {result['failed']}")
                bad.append(case.name)
                continue
            extra = result["peak_mib"] - result["imports_mib"]
            first = f", first article after {result['first']:.2f} s" if result["first"] is not None else ""
            print(f"- {case.name}\n    {result['articles']} articles, {result['n_problems']} problems; "
                  f"{result['seconds']:.2f} s{first}; peak {result['peak_mib']:.0f} MiB "
                  f"(+{extra:.0f} MiB over the imports)")
            if case.briefs:
                kept = result["articles"] / max(1, result["articles"] + result["n_problems"])
                print(f"    kept {kept:.1%} of the briefs")
                if kept < MIN_BRIEFS_KEPT:
                    bad.append(case.name)
            for message in result["problems"]:
                print(f"    message: {message!r}")
            if extra > MAX_EXTRA_MIB or result["seconds"] > MAX_SECONDS:
                bad.append(case.name)
    if bad:
        print(f"\n{len(bad)} case(s) out of bounds (memory +{MAX_EXTRA_MIB} MiB, {MAX_SECONDS} s, briefs kept "
              f">= {MIN_BRIEFS_KEPT:.0%}): {', '.join(bad)}")
    return 1 if (bad and args.quick) else 0


if __name__ == "__main__":
    sys.exit(main())
