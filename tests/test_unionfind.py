"""The shared union-find: joins transitively, names each set by its least item whatever the union order."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.unionfind import UnionFind


def _components(items: list[int], edges: list[tuple[int, int]]) -> dict[int, frozenset[int]]:
    """Reference: each item -> its connected component (graph search, no union-find)."""
    neighbours: dict[int, set[int]] = {i: set() for i in items}
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    out: dict[int, frozenset[int]] = {}
    for start in items:
        if start in out:
            continue
        seen, todo = {start}, [start]
        while todo:
            for n in neighbours[todo.pop()]:
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        for m in seen:
            out[m] = frozenset(seen)
    return out


def test_singletons_are_their_own_root() -> None:
    uf = UnionFind(["خبر", "بيان"])
    assert uf.find("خبر") == "خبر"
    assert uf.find("بيان") == "بيان"
    assert not uf.connected("خبر", "بيان")
    assert uf.roots() == {"خبر": "خبر", "بيان": "بيان"}


def test_union_is_transitive_and_root_is_least() -> None:
    uf = UnionFind(["d", "c", "b", "a", "e"])
    assert uf.union("d", "c") is True
    assert uf.union("b", "a") is True
    assert uf.union("c", "b") is True
    assert uf.union("a", "d") is False  # already one set
    assert {uf.find(x) for x in "abcd"} == {"a"}
    assert uf.find("e") == "e"
    assert uf.connected("d", "a")
    assert not uf.connected("d", "e")


def test_root_is_least_whatever_the_union_order() -> None:
    # the order "a" joins in must not matter: the root is min, not the first seen nor the larger set
    for pairs in ([("z", "y"), ("y", "x"), ("x", "a")], [("x", "a"), ("z", "y"), ("y", "x")],
                  [("a", "z"), ("y", "x"), ("z", "y")]):
        uf = UnionFind("zyxa")
        for p, q in pairs:
            uf.union(p, q)
        assert uf.roots() == {"z": "a", "y": "a", "x": "a", "a": "a"}


def test_groups_keep_insertion_order() -> None:
    uf = UnionFind(["s3", "s1", "s4", "s2"])
    uf.union("s4", "s3")
    uf.union("s2", "s1")
    assert uf.groups() == {"s3": ["s3", "s4"], "s1": ["s1", "s2"]}
    assert list(uf) == ["s3", "s1", "s4", "s2"]
    assert len(uf) == 4


def test_add_is_idempotent_and_unknown_items_raise() -> None:
    uf = UnionFind(["b"])
    uf.add("a")
    uf.union("a", "b")
    uf.add("b")  # already held: stays joined
    assert uf.find("b") == "a"
    assert "a" in uf and "c" not in uf
    with pytest.raises(KeyError):
        uf.find("c")


def test_large_chain_seeded() -> None:
    rng = random.Random(7)
    items = list(range(500))
    edges = [(i, i + 1) for i in range(499)]
    rng.shuffle(edges)
    uf = UnionFind(items)
    for a, b in edges:
        uf.union(a, b)
    assert set(uf.roots().values()) == {0}
    assert uf.groups() == {0: items}


@given(st.integers(min_value=1, max_value=30).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=60))))
def test_matches_connected_components(case: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = case
    items = list(range(n))
    uf = UnionFind(items)
    for a, b in edges:
        uf.union(a, b)
    reference = _components(items, edges)
    for i in items:
        assert uf.find(i) == min(reference[i])
        assert set(uf.groups()[uf.find(i)]) == reference[i]
