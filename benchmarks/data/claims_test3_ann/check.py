"""Format check of a claims annotation line (round test3): keys, doc names, indexes, families, two families per fact."""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def sentence_counts(story: str) -> dict[str, int]:
    text = (HERE / f"story_{story}.txt").read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for doc, idx in re.findall(r"^\[([^:\]]+):(\d+)\]", text, re.M):
        counts[doc] = max(counts.get(doc, 0), int(idx) + 1)
    return counts


def check(path: Path) -> list[str]:
    problems = []
    stubs = {d["story"]: d for d in map(json.loads, (HERE / "gold_stub.jsonl").open(encoding="utf-8"))}
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    if len(lines) != 1:
        return [f"{path}: expected exactly one JSON line, found {len(lines)}"]
    d = json.loads(lines[0])
    stub = stubs.get(d.get("story"))
    if stub is None:
        return [f"{path}: unknown story {d.get('story')!r}"]
    for key in ("split", "round", "corpus", "docs", "urls"):
        if d.get(key) != stub[key]:
            problems.append(f"{key} differs from the stub")
    families = d.get("families") or []
    if sorted(doc for fam in families for doc in fam) != sorted(stub["docs"]):
        return [*problems, "families must list every doc of the story exactly once"]
    family_of = {doc: i for i, fam in enumerate(families) for doc in fam}
    counts = sentence_counts(d["story"])

    def carriers_ok(where: str, carriers: dict) -> set[int]:
        fams = set()
        if not isinstance(carriers, dict) or not carriers:
            problems.append(f"{where}: carriers must be a non-empty object")
            return fams
        for doc, idxs in carriers.items():
            if doc not in counts:
                problems.append(f"{where}: unknown doc {doc!r}")
                continue
            if not idxs or not all(isinstance(i, int) and 0 <= i < counts[doc] for i in idxs):
                problems.append(f"{where}: {doc} indexes {idxs} out of range 0..{counts[doc] - 1}")
            fams.add(family_of[doc])
        return fams

    ids = set()
    for n, fact in enumerate(d.get("facts", [])):
        where = f"fact {fact.get('id', n)}"
        if not fact.get("id") or fact["id"] in ids or not str(fact["id"]).startswith(d["story"] + "-"):
            problems.append(f"{where}: id missing, repeated or not <story>-N")
        ids.add(fact.get("id"))
        if not fact.get("fact"):
            problems.append(f"{where}: no 'fact' text")
        extra = set(fact) - {"id", "fact", "carriers", "detail", "background"}
        if extra:
            problems.append(f"{where}: unknown keys {sorted(extra)}")
        if len(carriers_ok(where, fact.get("carriers"))) < 2:
            problems.append(f"{where}: carriers cover fewer than two families")
    for n, conflict in enumerate(d.get("conflicts", [])):
        where = f"conflict {n}"
        if conflict.get("slot") not in ("when", "where", "how many", "who"):
            problems.append(f"{where}: slot must be when / where / how many / who")
        sides = conflict.get("sides", [])
        if len(sides) < 2:
            problems.append(f"{where}: needs two sides")
        for side in sides:
            if not side.get("value"):
                problems.append(f"{where}: a side without value")
            carriers_ok(where, side.get("carriers"))
    if "annotator" not in d:
        problems.append("no 'annotator'")
    return problems


if __name__ == "__main__":
    bad = 0
    for arg in sys.argv[1:]:
        problems = check(Path(arg))
        for p in problems:
            print(f"{arg}: {p}")
        bad += bool(problems)
        if not problems:
            print(f"{arg}: OK")
    sys.exit(1 if bad else 0)
