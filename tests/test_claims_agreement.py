"""The claims benchmark's pure scoring rules (benchmarks/claims_score.py) and the annotator agreement of the
claims gold round test2 (benchmarks/claims_agreement.py), on small annotations written here."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import claims_agreement as ca
from claims_score import bootstrap, family_map, part_of, ratio, story_counts, totals


def fact(fid: str, carriers: dict[str, list[int]], **flags: bool) -> dict:
    return {"id": fid, "fact": fid, "carriers": carriers, **flags}


def snn(annotator: str, families: list[list[str]], facts: list[dict], conflicts: list[dict] | None = None) -> dict:
    return {"story": "S1", "split": "test", "round": "test2", "corpus": "saudinewsnet",
            "docs": ["okaz", "sabq", "alyaum", "aawsat"], "families": families, "facts": facts,
            "conflicts": conflicts or [], "annotator": annotator}


# --- claims_score: the benchmark's rules ---------------------------------------------------------------

def test_story_counts_counts_families_not_copies() -> None:
    gold = snn("A", [["okaz", "sabq"], ["alyaum"], ["aawsat"]],
               [fact("S1-1", {"okaz": [0], "sabq": [0], "alyaum": [2]}), fact("S1-2", {"okaz": [1], "aawsat": [3]})])
    fam = family_map(gold).__getitem__
    claims = [
        {("okaz", 0), ("sabq", 0)},  # two copies of one wire text: wrong
        {("okaz", 0), ("alyaum", 2)},  # S1-1, right
        {("okaz", 1), ("aawsat", 3), ("alyaum", 5)},  # S1-2 with an extra sentence: lenient only
    ]
    c = story_counts(gold["facts"], claims, fam)
    assert (c["facts"], c["recalled"], c["claims"], c["strict"], c["lenient"]) == (2, 2, 3, 1, 2)
    assert c["share"] == pytest.approx(2 / 2 + 2 / 2)
    t = totals([c, story_counts(gold["facts"], [], fam)])
    assert t["facts"] == 4 and t["recall"] == 0.5 and t["precision"] == pytest.approx(1 / 3)
    assert t["lenient"] == pytest.approx(2 / 3)


def test_family_map_and_parts() -> None:
    assert family_map({"docs": ["M0010", "M0011"]}) == {"M0010": "M0010", "M0011": "M0011"}
    assert family_map({"docs": ["a", "b", "c"], "families": [["b", "c"]]}) == {"a": "a", "b": "b", "c": "b"}
    assert part_of({"split": "test", "round": "test2"}) == "test2"
    assert part_of({"split": "test"}) == "test"
    assert part_of({"split": "dev"}) == "dev"


def test_bootstrap_is_seeded_and_brackets_the_pooled_figure() -> None:
    rows = [{"recalled": r, "facts": 4} for r in (0, 1, 2, 3, 4, 4, 2)]
    lo, hi = bootstrap(rows, ratio("recalled", "facts"), n=500)
    assert (lo, hi) == bootstrap(rows, ratio("recalled", "facts"), n=500)
    assert 0.0 <= lo < 16 / 28 < hi <= 1.0
    same = [{"recalled": 2, "facts": 4}] * 5
    assert bootstrap(same, ratio("recalled", "facts"), n=50) == (0.5, 0.5)
    assert all(math.isnan(x) for x in bootstrap([{"recalled": 0, "facts": 0}], ratio("recalled", "facts"), n=10))


# --- claims_agreement ----------------------------------------------------------------------------------

def test_kappa() -> None:
    assert ca.kappa([1, 1, 0, 0], [1, 0, 0, 0]) == pytest.approx(0.5)
    assert ca.kappa([1, 0, 1, 0], [1, 0, 1, 0]) == pytest.approx(1.0)
    assert math.isnan(ca.kappa([0, 0], [0, 0]))


def test_match_facts_is_one_to_one_and_needs_two_families() -> None:
    fam = {"okaz": "okaz", "sabq": "okaz", "alyaum": "alyaum", "aawsat": "aawsat"}.__getitem__
    fa = [fact("a1", {"okaz": [0], "alyaum": [1]}),
          fact("a2", {"okaz": [0, 4], "alyaum": [1], "aawsat": [2]}),
          fact("a3", {"okaz": [5], "sabq": [5]})]
    fb = [fact("b1", {"okaz": [0], "alyaum": [1], "aawsat": [2]}),
          fact("b2", {"okaz": [5], "sabq": [5], "alyaum": [7]})]
    matched = ca.match_facts(fa, fb, fam)
    # b1 goes to a2 (Jaccard 3/4) rather than a1 (2/3); a3/b2 share only one family's carriers: no match
    assert [(i, j) for i, j, _ in matched] == [(1, 0)]
    assert matched[0][2] == pytest.approx(0.75)
    assert ca.match_facts(fa, fb, fam, min_jaccard=0.8) == []
    assert ca.match_facts([], fb, fam) == []


def test_conflicts_match_crosswise() -> None:
    x = {"slot": "how many", "sides": [{"value": "10", "carriers": {"okaz": [2]}},
                                       {"value": "12", "carriers": {"alyaum": [3]}}]}
    y = {"slot": "how many", "sides": [{"value": "12 جريحا", "carriers": {"alyaum": [3, 4]}},
                                       {"value": "10 جرحى", "carriers": {"okaz": [2], "sabq": [2]}}]}
    z = {"slot": "how many", "sides": [{"value": "10", "carriers": {"okaz": [2]}},
                                       {"value": "11", "carriers": {"okaz": [7]}}]}
    assert ca.conflicts_match(x, y) and ca.conflicts_match(y, x)
    assert not ca.conflicts_match(x, z)
    assert ca.match_conflicts([x, z], [y]) == [(0, 0)]


def test_story_figures_and_pooled() -> None:
    a = snn("A1", [["okaz", "sabq"], ["alyaum"], ["aawsat"]],
            [fact("S1-1", {"okaz": [0], "sabq": [0], "alyaum": [0]}),
             fact("S1-2", {"okaz": [1], "aawsat": [1]}, detail=True),
             fact("S1-3", {"alyaum": [2], "aawsat": [2]})],
            [{"slot": "when", "expectation": True,
              "sides": [{"value": "الثلاثاء (expected)", "carriers": {"okaz": [3]}},
                        {"value": "الأربعاء", "carriers": {"aawsat": [3]}}]}])
    b = snn("B1", [["okaz", "sabq", "alyaum"], ["aawsat"]],
            [fact("S1-1", {"okaz": [0], "alyaum": [0], "aawsat": [0]}),
             fact("S1-2", {"okaz": [1], "aawsat": [1]})],
            [{"slot": "when", "sides": [{"value": "الأربعاء", "carriers": {"aawsat": [3]}},
                                        {"value": "الثلاثاء", "carriers": {"sabq": [3], "okaz": [3]}}]}])
    counts = {"okaz": 4, "sabq": 4, "alyaum": 3, "aawsat": 4}
    s = ca.story_figures(ca.Pair("S1", a, b), counts)
    assert not s["fam_identical"] and (s["families_a"], s["families_b"]) == (3, 2)
    # doc pairs (sorted: aawsat, alyaum, okaz, sabq): A joins okaz+sabq; B joins alyaum, okaz, sabq
    assert s["fam_a"] == [False, False, False, False, False, True]
    assert s["fam_b"] == [False, False, False, True, True, True]
    # S1-1: shared okaz:0 + alyaum:0 cover two of A's families; S1-2 identical; S1-3 unmatched
    assert (s["n_a"], s["n_b"], s["m"], s["identical"]) == (3, 2, 2, 1)
    assert s["jac_sum"] == pytest.approx(0.5 + 1.0)
    assert s["m_strict"] == 2
    # under B's families okaz and alyaum are one source: S1-1's shared carriers are one family
    assert s["m_bpart"] == 1
    # without flagged facts: S1-2 (A's detail) and its match leave A 2, B 1, matched 1
    assert (s["n_a_core"], s["n_b_core"], s["m_core"]) == (2, 1, 1)
    # B's facts as claims against A: B's S1-1 cites aawsat:0, not a carrier of A's S1-1 -> not strict
    assert (s["b_vs_a"]["claims"], s["b_vs_a"]["strict"], s["b_vs_a"]["lenient"], s["b_vs_a"]["recalled"]) == (
        2, 1, 2, 2)
    # A's facts as claims (counted under A's families: 3) against B: A's S1-1 covers one family of B's (wrong),
    # S1-3 no fact of B's; B's S1-1 is not recalled
    assert (s["a_vs_b"]["claims"], s["a_vs_b"]["strict"], s["a_vs_b"]["lenient"], s["a_vs_b"]["recalled"]) == (
        3, 1, 1, 1)
    assert len(s["sent_a"]) == 15 and sum(s["sent_a"]) == 7 and sum(s["sent_b"]) == 5
    assert (s["c_a"], s["c_b"], s["c_m"], s["c_expectation_same"]) == (1, 1, 1, 0)
    r = ca.pooled([s, s])
    assert r["m"] == 4 and ca.f1_of(r) == pytest.approx(8 / 10)
    assert r["fam_identical"] == 0 and r["fam_pairs"] == 12 and r["fam_agree"] == pytest.approx(4 / 6)
    assert r["sentences"] == 30 and "f1_ci" not in r


def test_families_of_a_story_with_one_family_each_and_carriers_outside_the_packet() -> None:
    a = snn("A1", [["okaz", "sabq", "alyaum", "aawsat"]], [])
    b = snn("B1", [["okaz", "sabq", "alyaum", "aawsat"]], [])
    s = ca.story_figures(ca.Pair("S1", a, b), {"okaz": 1, "sabq": 1, "alyaum": 1, "aawsat": 1})
    assert s["fam_identical"] and s["m"] == 0 and math.isnan(ca.f1_of(s))
    c = snn("B1", [["okaz"], ["sabq", "alyaum", "aawsat"]], [fact("S1-1", {"okaz": [9], "sabq": [0]})])
    with pytest.raises(ValueError, match="not sentences of the packet"):
        ca.story_figures(ca.Pair("S1", a, c), {"okaz": 1, "sabq": 1, "alyaum": 1, "aawsat": 1})


def test_packets_files_and_main(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "story_S1.txt").write_text(
        "STORY S1\n[okaz:0] أعلن النادي التعاقد مع المدافع.\n[okaz:1] وقع اللاعب عقدا لموسمين.\n"
        "[sabq:0] تعاقد النادي مع المدافع الغيني.\n[alyaum:0] وقع المدافع عقدا لموسمين.\n"
        "[aawsat:0] انضم المدافع إلى النادي.\n", encoding="utf-8")
    assert ca.packet_counts(tmp_path) == {"S1": {"aawsat": 1, "alyaum": 1, "okaz": 2, "sabq": 1}}
    a = snn("A1", [["okaz"], ["sabq"], ["alyaum"], ["aawsat"]],
            [fact("S1-1", {"okaz": [0], "sabq": [0], "aawsat": [0]}), fact("S1-2", {"okaz": [1], "alyaum": [0]})])
    b = snn("B1", [["okaz"], ["sabq"], ["alyaum"], ["aawsat"]], [fact("S1-1", {"okaz": [0], "sabq": [0]})])
    for g in (a, b):
        (tmp_path / f"ann_{g['annotator']}_S1.jsonl").write_text(json.dumps(g, ensure_ascii=False) + "\n",
                                                                 encoding="utf-8")
    pairs = ca.load_pairs(tmp_path)
    assert [(p.story, p.a["annotator"], p.b["annotator"]) for p in pairs] == [("S1", "A1", "B1")]
    sys.argv = ["claims_agreement.py", "--dir", str(tmp_path), "--packets", str(tmp_path), "--write-counts"]
    assert ca.main() == 0
    sys.argv = ["claims_agreement.py", "--dir", str(tmp_path)]
    assert ca.main() == 0
    out = capsys.readouterr().out
    assert "facts: A 2, B 1, matched 1" in out and "F1 0.667" in out
    assert "identical partitions in 1 of 1 stories" in out
    assert "sentences: 5, carriers A 5, B 2" in out
    (tmp_path / "ann_A1_S1.jsonl").unlink()
    with pytest.raises(ValueError, match="two expected"):
        ca.load_pairs(tmp_path)


def test_the_committed_test2_annotations_load_in_pairs_within_their_packets() -> None:
    folder = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "claims_gold2_ann"
    pairs = ca.load_pairs(folder)
    counts = json.loads((folder / ca.COUNTS_FILE).read_text(encoding="utf-8"))
    assert len(pairs) == 16 and sorted(counts) == sorted(p.story for p in pairs)
    assert sum(p.corpus == "saudinewsnet" for p in pairs) == 14
    for p in pairs:
        assert p.a["docs"] == p.b["docs"] and sorted(counts[p.story]) == sorted(p.a["docs"])
        s = ca.story_figures(p, counts[p.story])  # raises on a carrier outside the packet
        assert s["m"] <= min(s["n_a"], s["n_b"])
