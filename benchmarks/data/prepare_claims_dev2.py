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
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: stories of >= 2 families annotated, taken in the seeded order of the selection
ANNOTATE = 12

HINT = re.compile(r"^Copies hint.*?\n\n", re.S | re.M)


def partition(families: list[list[str]]) -> list[list[str]]:
    """The families as a sorted list of sorted doc lists (order-free comparison)."""
    return sorted(sorted(f) for f in families)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--selection", type=Path, required=True, help="select_claims_test2.py --stories 50 --out")
    ap.add_argument("--packets", type=Path, required=True, help="its --packets folder")
    ap.add_argument("--out", type=Path, required=True, help="folder for the dev2 packets and stubs")
    ap.add_argument("--annotate", type=int, default=ANNOTATE, help="multi-family stories to annotate")
    args = ap.parse_args()

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
