"""The claims gold (benchmarks/data/claims_gold.jsonl): the optional fact spans are well formed."""

from __future__ import annotations

import json
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "claims_gold.jsonl"


def stories() -> list[dict]:
    with GOLD.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_every_span_marks_words_of_a_carrier_sentence_of_its_fact() -> None:
    marked = 0
    for story in stories():
        for fact in story["facts"]:
            for doc, by_sentence in fact.get("spans", {}).items():
                for sentence, pieces in by_sentence.items():
                    assert int(sentence) in fact["carriers"][doc], (fact["id"], doc, sentence)
                    assert pieces, (fact["id"], doc, sentence)
                    for piece in pieces:
                        assert len(piece) == 2 and all(isinstance(w, str) and w.strip() for w in piece), piece
                        marked += 1
    assert marked > 0


def test_spans_are_marked_on_train_and_dev_only() -> None:
    by_split: dict[str, int] = {}
    for story in stories():
        n = sum(len(s) for f in story["facts"] for s in f.get("spans", {}).values())
        by_split[story["split"]] = by_split.get(story["split"], 0) + n
    assert by_split.get("test", 0) == 0
    assert by_split["train"] > 0 and by_split["dev"] > 0


def family_of(story: dict) -> dict[str, str]:
    out = {d: d for d in story["docs"]}
    for members in story.get("families") or []:
        for d in members:
            out[d] = members[0]
    return out


def test_fact_ids_are_unique_and_every_fact_has_two_independent_families() -> None:
    seen: set[str] = set()
    for story in stories():
        family = family_of(story)
        for fact in story["facts"]:
            assert fact["id"] not in seen, fact["id"]
            seen.add(fact["id"])
            assert set(fact["carriers"]) <= set(story["docs"]), fact["id"]
            assert all(idx and idx == sorted(set(idx)) for idx in fact["carriers"].values()), fact["id"]
            assert len({family[d] for d in fact["carriers"]}) >= 2, fact["id"]
    assert len(seen) >= 315


def test_families_are_disjoint_groups_of_the_story_docs() -> None:
    for story in stories():
        members = [d for f in story.get("families") or [] for d in f]
        assert len(members) == len(set(members)) and set(members) <= set(story["docs"]), story["story"]
        if story.get("corpus") != "saudinewsnet":
            assert not story.get("families"), story["story"]


def test_round_test2_lines_are_the_adjudicated_files_with_two_annotators_and_an_adjudicator() -> None:
    folder = GOLD.parent / "claims_gold2_ann"
    test2 = [g for g in stories() if g.get("round") == "test2"]
    assert len(test2) == 16 and sum(g.get("corpus") == "saudinewsnet" for g in test2) == 14
    assert sum(len(g["facts"]) for g in test2) == 158
    for g in test2:
        assert g["split"] == "test"
        assert len(g["annotators"]) == 2 and len(set(g["annotators"])) == 2 and g["adjudicator"]
        for name in g["annotators"]:  # the raw annotations are committed beside the gold
            assert (folder / f"ann_{name}_{g['story']}.jsonl").exists(), (name, g["story"])
        adj = json.loads((folder / f"adj_{g['story']}.jsonl").read_text(encoding="utf-8"))
        assert adj["annotators"] == g["annotators"]
        assert {k: v for k, v in adj.items() if k not in ("annotator", "notes")} == {
            k: v for k, v in g.items() if k != "adjudicator"}, g["story"]
        if g.get("corpus") == "saudinewsnet":
            members = sorted(d for f in g["families"] for d in f)
            assert members == sorted(g["docs"]), g["story"]  # a partition: every doc in exactly one family
        else:
            assert not g.get("families")
        for conflict in g["conflicts"]:
            assert conflict["slot"] in ("when", "where", "how many", "who") and len(conflict["sides"]) >= 2


def test_round_dev2_lines_are_the_families_dev_stories_with_their_adjudicated_facts() -> None:
    folder = GOLD.parent / "claims_dev2_ann"
    families_dev = {
        d["story"]: d for d in map(json.loads, (GOLD.parent / "families_dev.jsonl").open(encoding="utf-8"))
    }
    dev2 = [g for g in stories() if g.get("round") == "dev2"]
    assert len(dev2) == 23 and all(g["split"] == "dev" for g in dev2)
    for g in dev2:
        fam = families_dev[g["story"]]  # the families the two family readers drew alike, taken as given
        assert sorted(map(sorted, fam["families_a"])) == g["families"] == sorted(map(sorted, fam["families_b"]))
        if len(g["families"]) == 1:  # one text: no fact two independent sources state
            assert not g["facts"] and not g["conflicts"] and g["annotators"] == fam["annotators"], g["story"]
            continue
        assert len(set(g["annotators"])) == 2 and g["adjudicator"], g["story"]
        for name in g["annotators"]:
            assert (folder / f"ann_{name}_{g['story']}.jsonl").exists(), (name, g["story"])
        adj = json.loads((folder / f"adj_{g['story']}.jsonl").read_text(encoding="utf-8"))
        assert {k: v for k, v in adj.items() if k not in ("annotator", "notes")} == g, g["story"]
    assert sum(len(g["facts"]) for g in dev2) == 133


def test_round_test3_lines_are_the_adjudicated_files_with_two_annotators_and_an_adjudicator() -> None:
    folder = GOLD.parent / "claims_test3_ann"
    test3 = [g for g in stories() if g.get("round") == "test3"]
    assert len(test3) == 12 and all(g["split"] == "test" and g["corpus"] == "saudinewsnet" for g in test3)
    assert sum(len(g["facts"]) for g in test3) == 111
    for g in test3:
        assert len(set(g["annotators"])) == 2 and g["adjudicator"], g["story"]
        for name in g["annotators"]:
            assert (folder / f"ann_{name}_{g['story']}.jsonl").exists(), (name, g["story"])
        adj = json.loads((folder / f"adj_{g['story']}.jsonl").read_text(encoding="utf-8"))
        assert {k: v for k, v in adj.items() if k not in ("annotator", "notes")} == g, g["story"]
        assert sorted(d for f in g["families"] for d in f) == sorted(g["docs"]), g["story"]
        assert not any(f.get("spans") for f in g["facts"])  # no spans on test
