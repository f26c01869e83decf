"""Prepare round ``test3`` of the claims gold: 12 fresh TEST stories of the seeded order (issue 12).

Round test2 took the first 14 SaudiNewsNet stories of ``select_claims_test2.py``'s seeded order and the families
dev set (round dev2 of the claims gold) the next 36; round test3 takes the next 12 — stories nobody has read,
annotated blind (two annotators drawing families and facts by reading, an adjudicator) exactly as test2 was, with
test2's copies hint in the packet. No system output is computed.

    python benchmarks/data/select_claims_test2.py --stories 62 --out RUN/selection.jsonl --packets RUN/packets
    python benchmarks/data/prepare_claims_test3.py --selection RUN/selection.jsonl --packets RUN/packets --out RUN/ann
    # ... annotation and adjudication into RUN/ann/out ...
    python benchmarks/data/prepare_claims_test3.py --assemble RUN/ann

The first 50 SaudiNewsNet stories of ``--stories 62`` are those of ``--stories 50`` (checked when preparing); the
assembly appends each adjudicated line minus ``annotator`` and ``notes`` to ``claims_gold.jsonl`` and copies the
raw files to ``claims_test3_ann/``.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: SaudiNewsNet stories of the seeded order already taken: round test2 (14) and the families dev set (36)
TAKEN = 50
#: stories of this round
STORIES = 12


def prepare(selection: Path, packets: Path, out: Path) -> int:
    """Packets and stubs of the 12 stories after the first :data:`TAKEN` of the seeded order."""
    snn = [d for d in map(json.loads, selection.open(encoding="utf-8")) if d.get("corpus") == "saudinewsnet"]
    families_dev = {json.loads(line)["story"] for line in (HERE / "families_dev.jsonl").open(encoding="utf-8")}
    gold = {json.loads(line)["story"] for line in (HERE / "claims_gold.jsonl").open(encoding="utf-8")}
    taken = {d["story"] for d in snn[:TAKEN]}
    if not families_dev <= taken or not (taken - families_dev) <= gold:
        raise SystemExit("the first 50 stories are not test2's 14 and the families dev set's 36")
    stubs = {d["story"]: d for d in map(json.loads, (packets / "gold_stub.jsonl").open(encoding="utf-8"))}
    out.mkdir(parents=True, exist_ok=True)
    with (out / "gold_stub.jsonl").open("w", encoding="utf-8") as fh:
        for d in snn[TAKEN : TAKEN + STORIES]:
            stub = dict(stubs[d["story"]], round="test3")
            fh.write(json.dumps(stub, ensure_ascii=False) + "\n")
            text = (packets / f"story_{d['story']}.txt").read_text(encoding="utf-8")
            text = text.replace("(split test, round test2)", "(split test, round test3)", 1)
            (out / f"story_{d['story']}.txt").write_text(text, encoding="utf-8")
            print(d["story"], "copies hint:", "; ".join(" + ".join(g) for g in d["copies_hint"]))
    return 0


def assemble(folder: Path) -> int:
    """Append the adjudicated test3 lines to claims_gold.jsonl and copy the raw files beside it."""
    gold_path = HERE / "claims_gold.jsonl"
    have = {json.loads(line)["story"] for line in gold_path.open(encoding="utf-8")}
    raw = HERE / "claims_test3_ann"
    raw.mkdir(exist_ok=True)
    lines = []
    for stub in map(json.loads, (folder / "gold_stub.jsonl").open(encoding="utf-8")):
        adj_path = folder / "out" / f"adj_{stub['story']}.jsonl"
        adj = json.loads(adj_path.read_text(encoding="utf-8"))
        for key in ("story", "split", "round", "corpus", "docs", "urls"):
            if adj[key] != stub[key]:
                raise SystemExit(f"{adj_path}: {key} differs from the stub")
        if sorted(d for f in adj["families"] for d in f) != sorted(adj["docs"]):
            raise SystemExit(f"{adj_path}: families do not partition the docs")
        lines.append({k: v for k, v in adj.items() if k not in ("annotator", "notes")})
        shutil.copy(adj_path, raw / adj_path.name)
        for name in adj["annotators"]:
            shutil.copy(folder / "out" / f"ann_{name}_{stub['story']}.jsonl", raw)
    if have & {line["story"] for line in lines}:
        raise SystemExit(f"already in {gold_path.name}: {sorted(have & {line['story'] for line in lines})}")
    with gold_path.open("a", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"appended {len(lines)} test3 lines ({sum(len(line['facts']) for line in lines)} facts)")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--selection", type=Path, help="select_claims_test2.py --stories 62 --out")
    ap.add_argument("--packets", type=Path, help="its --packets folder")
    ap.add_argument("--out", type=Path, help="folder for the test3 packets and stubs")
    ap.add_argument("--assemble", type=Path, help="the --out folder, once annotated: append the gold lines")
    args = ap.parse_args()
    if args.assemble:
        return assemble(args.assemble)
    if not (args.selection and args.packets and args.out):
        ap.error("--selection, --packets and --out are required (or --assemble)")
    return prepare(args.selection, args.packets, args.out)


if __name__ == "__main__":
    raise SystemExit(main())
