"""Prepare round ``dev2`` of the claims gold: facts annotated on stories of the families dev set (issue 12).

The families dev set (``families_dev.jsonl``) holds 36 SaudiNewsNet stories drawn by the seeded order of
``select_claims_test2.py`` (the 36 after round test2's 14), each partitioned into families by two blind
readers. This script turns them into claims stories — DEV material: their errors may be read.

- Stories whose two readers drew *identical* partitions only (the families are then taken as given; the
  six stories the readers split on are left out).
- Single-family stories become gold lines at once: one text, so no fact has two independent sources and any
  corroborated claim marsad makes there is wrong by definition (as SNN-kadyrov / SNN-boeing on dev).
- Stories of >= 2 families: the first :data:`ANNOTATE` in the seeded order get an annotation packet (the
  packet ``select_claims_test2.py --stories 50 --packets DIR`` wrote, its copies hint replaced by the given
  families) and a gold stub, for two blind annotators and an adjudicator (guide: ``claims_dev2_ann/GUIDE.md``).

    python benchmarks/data/select_claims_test2.py --stories 50 --out RUN/selection.jsonl --packets RUN/packets
    python benchmarks/data/prepare_claims_dev2.py --selection RUN/selection.jsonl --packets RUN/packets \\
        --out RUN/ann

Writes ``OUT/story_<id>.txt``, ``OUT/gold_stub.jsonl`` (stories to annotate) and ``OUT/gold_single.jsonl``
(the single-family stories' finished gold lines). No system output is computed.

Once the annotators' (``ann_<who>_<id>.jsonl``) and adjudicator's (``adj_<id>.jsonl``) files are in ``OUT/out``:

    python benchmarks/data/prepare_claims_dev2.py --assemble RUN/ann

appends the dev2 lines to ``claims_gold.jsonl`` (the single-family lines, then the adjudicated ones in the
seeded order; an adjudicated line minus ``annotator`` and ``notes``; a single-family line with the family
readers as ``annotators``) and copies the raw files to ``claims_dev2_ann/``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: stories of >= 2 families annotated, taken in the seeded order of the selection
ANNOTATE = 12

HINT = re.compile(r"^Copies hint.*?\n\n", re.S | re.M)


def partition(families: list[list[str]]) -> list[list[str]]:
    """The families as a sorted list of sorted doc lists (order-free comparison)."""
    return sorted(sorted(f) for f in families)


def assemble(folder: Path) -> int:
    """Append the dev2 gold lines to claims_gold.jsonl and copy the raw files beside it."""
    gold_path = HERE / "claims_gold.jsonl"
    have = {json.loads(line)["story"] for line in gold_path.open(encoding="utf-8")}
    family_lines = {d["story"]: d for d in map(json.loads, (HERE / "families_dev.jsonl").open(encoding="utf-8"))}
    single = [json.loads(line) for line in (folder / "gold_single.jsonl").open(encoding="utf-8")]
    stubs = [json.loads(line) for line in (folder / "gold_stub.jsonl").open(encoding="utf-8")]
    raw = HERE / "claims_dev2_ann"
    lines = []
    for line in single:
        lines.append(dict(line, annotators=family_lines[line["story"]]["annotators"], adjudicator=None))
    for stub in stubs:
        adj_path = folder / "out" / f"adj_{stub['story']}.jsonl"
        adj = json.loads(adj_path.read_text(encoding="utf-8"))
        for key in ("story", "split", "round", "corpus", "docs", "urls", "families"):
            if adj[key] != stub[key]:
                raise SystemExit(f"{adj_path}: {key} differs from the stub")
        lines.append({k: v for k, v in adj.items() if k not in ("annotator", "notes")})
        shutil.copy(adj_path, raw / adj_path.name)
        for name in adj["annotators"]:
            ann = folder / "out" / f"ann_{name}_{stub['story']}.jsonl"
            shutil.copy(ann, raw / ann.name)
    clash = sorted(have & {line["story"] for line in lines})
    if clash:
        raise SystemExit(f"already in {gold_path.name}: {clash}")
    with gold_path.open("a", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    facts = sum(len(line["facts"]) for line in lines)
    print(f"appended {len(lines)} dev2 lines ({len(single)} single-family, {len(stubs)} adjudicated; {facts} facts)")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--selection", type=Path, help="select_claims_test2.py --stories 50 --out")
    ap.add_argument("--packets", type=Path, help="its --packets folder")
    ap.add_argument("--out", type=Path, help="folder for the dev2 packets and stubs")
    ap.add_argument("--annotate", type=int, default=ANNOTATE, help="multi-family stories to annotate")
    ap.add_argument("--assemble", type=Path, help="the --out folder, once annotated: append the gold lines")
    args = ap.parse_args()
    if args.assemble:
        return assemble(args.assemble)
    if not (args.selection and args.packets and args.out):
        ap.error("--selection, --packets and --out are required (or --assemble)")

    family_lines = {d["story"]: d for d in map(json.loads, (HERE / "families_dev.jsonl").open(encoding="utf-8"))}
    order = [json.loads(line)["story"] for line in args.selection.open(encoding="utf-8")]
    stubs = {d["story"]: d for d in map(json.loads, (args.packets / "gold_stub.jsonl").open(encoding="utf-8"))}
    args.out.mkdir(parents=True, exist_ok=True)
    single, multi = [], []
    for story in order:
        fam = family_lines.get(story)
        if fam is None or partition(fam["families_a"]) != partition(fam["families_b"]):
            continue
        line = dict(stubs[story], split="dev", round="dev2", families=partition(fam["families_a"]))
        (single if len(line["families"]) == 1 else multi).append(line)
    multi = multi[: args.annotate]
    with (args.out / "gold_single.jsonl").open("w", encoding="utf-8") as fh:
        for line in single:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    with (args.out / "gold_stub.jsonl").open("w", encoding="utf-8") as fh:
        for line in multi:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
            text = (args.packets / f"story_{line['story']}.txt").read_text(encoding="utf-8")
            given = "; ".join(" + ".join(f) for f in line["families"])
            text = text.replace("(split test, round test2)", "(split dev, round dev2)", 1)
            text = HINT.sub(
                "Families (GIVEN — decided by two blind readers who agreed; do not redraw them): " + given + "\n\n",
                text,
                count=1,
            )
            (args.out / f"story_{line['story']}.txt").write_text(text, encoding="utf-8")
    print(f"{len(single)} single-family stories (gold written), {len(multi)} to annotate -> {args.out}")
    for line in multi:
        print(" ", line["story"], "families:", "; ".join(" + ".join(f) for f in line["families"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
