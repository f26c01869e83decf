"""Disjoint sets (union-find) with a deterministic root: each set is named by its least item.

Consolidation, dedup and threads all join items transitively (articles that share a family, an outlet or a
copied text; sources joined by shared facts; witnesses joined by copied wording; stories linked by a name) and
several of them use the name of a joined set as a key that reaches the output (independence keys, witness keys).
One rule for all of them: the root of a set is its **least item** (``min``), so a set's name depends only on
which items it holds — never on the order of the unions or on path compression.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from typing import Any, Generic, Protocol, TypeVar


class _Ordered(Hashable, Protocol):
    """What the items need: hashable and ordered by ``<``."""

    def __lt__(self, other: Any, /) -> bool: ...


T = TypeVar("T", bound=_Ordered)


class UnionFind(Generic[T]):
    """Disjoint sets over hashable, ordered items; a set's root is its least item.

    >>> uf = UnionFind(["b", "c", "a"])
    >>> uf.union("c", "b"), uf.union("b", "a"), uf.union("a", "c")
    (True, True, False)
    >>> uf.find("c")
    'a'
    """

    __slots__ = ("_parent",)

    def __init__(self, items: Iterable[T] = ()) -> None:
        """Every item of ``items`` in a set of its own (insertion order is kept for :meth:`groups`)."""
        self._parent: dict[T, T] = {}
        for item in items:
            self.add(item)

    def add(self, item: T) -> None:
        """Put ``item`` in a set of its own, unless it is already held."""
        self._parent.setdefault(item, item)

    def __contains__(self, item: object) -> bool:
        return item in self._parent

    def __len__(self) -> int:
        return len(self._parent)

    def __iter__(self) -> Iterator[T]:
        """The items, in insertion order."""
        return iter(self._parent)

    def find(self, item: T) -> T:
        """The root (least item) of ``item``'s set; ``KeyError`` when ``item`` was never added."""
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]  # path halving
            item = parent[item]
        return item

    def union(self, a: T, b: T) -> bool:
        """Join the sets of ``a`` and ``b`` under the lesser root; True when they were apart."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self._parent[rb] = ra
        return True

    def connected(self, a: T, b: T) -> bool:
        """Whether ``a`` and ``b`` are in one set."""
        return self.find(a) == self.find(b)

    def roots(self) -> dict[T, T]:
        """Each item -> its root, in insertion order."""
        return {item: self.find(item) for item in self._parent}

    def groups(self) -> dict[T, list[T]]:
        """Root -> the items of its set, both in insertion order (of each set's first item, of the items)."""
        out: dict[T, list[T]] = {}
        for item in self._parent:
            out.setdefault(self.find(item), []).append(item)
        return out
