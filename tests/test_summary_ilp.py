"""The summary's coverage program: the folded program keeps the exact optimum, and a
solver's stray print cannot reach standard output."""

from __future__ import annotations

import itertools
import os
import random
from types import SimpleNamespace

from marsad.stages.consolidate.summarize import _fold_concepts, _native_stdout_to_stderr, _solve_ilp


def _instance(seed: int) -> tuple[list[SimpleNamespace], dict, dict, dict, list[list[int]]]:
    rng = random.Random(seed)
    candidates = [SimpleNamespace(index=10 + k, words=rng.randint(5, 30)) for k in range(9)]
    concepts = [("w", str(c)) for c in range(40)]
    weights = {c: rng.choice([0.5, 1.0, 2.0, 3.5]) for c in concepts}
    unit_concepts = {u.index: set(rng.sample(concepts, rng.randint(2, 9))) for u in candidates}
    bonus = {u.index: 0.1 / (1 + k) for k, u in enumerate(candidates)}
    groups = [[0, 3]] if seed % 2 else []
    return candidates, bonus, unit_concepts, weights, groups


def _value(chosen: set[int], candidates, bonus, unit_concepts, weights) -> float:
    covered = set().union(*(unit_concepts[candidates[k].index] for k in chosen)) if chosen else set()
    return sum(bonus[candidates[k].index] for k in chosen) + sum(weights[c] for c in covered)


def test_folded_program_reaches_the_brute_force_optimum() -> None:
    for seed in range(6):
        candidates, bonus, unit_concepts, weights, groups = _instance(seed)
        budget = 60
        best = 0.0
        for r in range(len(candidates) + 1):
            for subset in itertools.combinations(range(len(candidates)), r):
                if sum(candidates[k].words for k in subset) > budget:
                    continue
                if any(sum(m in subset for m in g) > 1 for g in groups):
                    continue
                best = max(best, _value(set(subset), candidates, bonus, unit_concepts, weights))
        picked = _solve_ilp(candidates, bonus, unit_concepts, weights, groups, budget)
        assert picked is not None
        assert sum(candidates[k].words for k in picked) <= budget
        assert abs(_value(set(picked), candidates, bonus, unit_concepts, weights) - best) < 1e-9


def test_fold_gives_single_holder_concepts_to_their_sentence() -> None:
    a, b = SimpleNamespace(index=1, words=3), SimpleNamespace(index=2, words=3)
    only_a, both, both_too = ("w", "a"), ("w", "ab"), ("w", "ab2")
    own, shared, shared_weights = _fold_concepts(
        [a, b], {1: 0.5, 2: 0.25}, {1: {only_a, both, both_too}, 2: {both, both_too}},
        {only_a: 2.0, both: 1.0, both_too: 3.0},
    )
    assert own == [2.5, 0.25]
    assert shared == [(0, 1)] and shared_weights == [4.0]


def test_native_prints_go_to_standard_error(capfd) -> None:
    with _native_stdout_to_stderr():
        os.write(1, b"solver debug line\n")
    os.write(1, b"result\n")
    out, err = capfd.readouterr()
    assert out == "result\n"
    assert "solver debug line" in err
