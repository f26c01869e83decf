"""Build ``families_dev.jsonl`` from the two blind family annotations of each story (issue 12).

Reads the selection (``selection.jsonl``: per story its docs and urls; only the stories listed in
``stories.txt``) and the annotators' files (``fam_<annotator>.jsonl``: one line per story with ``families``,
``close``, ``evidence``), copies the annotators' files into ``families_dev_ann/`` and writes one line per story:
``story``, ``split`` ("dev"), ``corpus``, ``docs``, ``urls``, ``annotators`` (A, B: the name that sorts first
is A), ``families_a`` / ``families_b``, ``close`` (either annotator marked the story a close call), and the
gold: ``same`` / ``different`` (doc pairs both annotators put in one family / in two), ``disagree`` (the pairs
they split on, left out of the scores). Prints the agreement: pairwise % agreement, Cohen's κ over every doc
pair of every story, and the stories with identical partitions. Never reads marsad output.

    python benchmarks/data/build_families_dev.py --dir /work/runs/s18/fam
    python benchmarks/data/build_families_dev.py --dir /work/runs/s20/famtrain/fam --split train

``--split train`` writes ``families_train.jsonl`` and ``families_train_ann/`` instead, with ``"split": "train"``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "families_dev.jsonl"
ANN_DIR = HERE / "families_dev_ann"


def kappa(x: list[bool], y: list[bool]) -> float:
    """Cohen's κ of two binary labelings (NaN when chance agreement is 1)."""
    n = len(x)
    observed = sum(a == b for a, b in zip(x, y, strict=True)) / n
    px, py = sum(x) / n, sum(y) / n
    chance = px * py + (1 - px) * (1 - py)
    return float("nan") if chance == 1 else (observed - chance) / (1 - chance)


def family_of(families: list[list[str]]) -> dict[str, int]:
    """Doc -> index of its family."""
    return {doc: k for k, members in enumerate(families) for doc in members}


def build(folder: Path, split: str = "dev") -> list[dict]:
    """The gold lines of the stories of ``folder`` whose two annotations are both present."""
    wanted = folder.joinpath("stories.txt").read_text(encoding="utf-8").split()
    selection = {}
    with folder.joinpath("selection.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["story"] in wanted:
                selection[row["story"]] = row
    annotations: dict[str, dict[str, dict]] = {}
    for path in sorted(folder.glob("fam_*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    ann = json.loads(line)
                    annotations.setdefault(ann["story"], {})[ann["annotator"]] = ann
    lines = []
    for story in wanted:
        anns = annotations.get(story, {})
        if len(anns) != 2:
            print(f"{story}: {len(anns)} annotation(s), left out", file=sys.stderr)
            continue
        (name_a, a), (name_b, b) = sorted(anns.items())
        docs = sorted(selection[story]["docs"])
        for ann in (a, b):
            assert sorted(d for f in ann["families"] for d in f) == docs, (story, ann["annotator"])
        fa, fb = family_of(a["families"]), family_of(b["families"])
        same, different, disagree = [], [], []
        for x, y in itertools.combinations(docs, 2):
            in_a, in_b = fa[x] == fa[y], fb[x] == fb[y]
            (disagree if in_a != in_b else same if in_a else different).append([x, y])
        lines.append({
            "story": story, "split": split, "corpus": "saudinewsnet", "docs": docs,
            "urls": {d: selection[story]["urls"][d] for d in docs}, "annotators": [name_a, name_b],
            "families_a": [sorted(f) for f in a["families"]], "families_b": [sorted(f) for f in b["families"]],
            "close": bool(a.get("close") or b.get("close")),
            "same": same, "different": different, "disagree": disagree,
        })
    return lines


def agreement(lines: list[dict]) -> str:
    """Pairwise agreement, Cohen's κ and identical partitions, as one line."""
    la: list[bool] = []
    lb: list[bool] = []
    identical = 0
    for line in lines:
        fa, fb = family_of(line["families_a"]), family_of(line["families_b"])
        pairs = list(itertools.combinations(line["docs"], 2))
        la += [fa[x] == fa[y] for x, y in pairs]
        lb += [fb[x] == fb[y] for x, y in pairs]
        identical += not line["disagree"]
    agree = sum(x == y for x, y in zip(la, lb, strict=True))
    return (f"{len(lines)} stories, {len(la)} doc pairs (same family: A {sum(la)}, B {sum(lb)}); agreement "
            f"{agree / len(la):.3f}, Cohen's κ {kappa(la, lb):.3f}; identical partitions in {identical} of "
            f"{len(lines)} stories; gold pairs {agree} (same {sum(len(x['same']) for x in lines)}, different "
            f"{sum(len(x['different']) for x in lines)}), {len(la) - agree} disagreeing pairs left out")


def main() -> int:
    """Build, print the agreement, write (unless --dry-run)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, required=True, help="the annotation folder (selection, fam_*.jsonl)")
    parser.add_argument("--dry-run", action="store_true", help="print the agreement, write nothing")
    parser.add_argument("--split", choices=("dev", "train"), default="dev",
                        help="dev: families_dev.jsonl (the default); train: families_train.jsonl")
    args = parser.parse_args()
    lines = build(args.dir, args.split)
    print(agreement(lines))
    if not args.dry_run:
        out, ann_dir = (OUT, ANN_DIR) if args.split == "dev" else (HERE / "families_train.jsonl",
                                                                   HERE / "families_train_ann")
        with out.open("w", encoding="utf-8") as fh:
            for line in lines:
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        ann_dir.mkdir(exist_ok=True)
        for path in sorted(args.dir.glob("fam_*.jsonl")):
            shutil.copyfile(path, ann_dir / path.name)
        shutil.copyfile(args.dir / "FAMILY_GUIDE.md", ann_dir / "FAMILY_GUIDE.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
