"""An inverted index of MOD-m fingerprints that finds candidate copies incrementally.

Postings are two parallel numpy arrays (fingerprint, slot) kept sorted by fingerprint;
each slot is one article. Adding articles merges their postings in (no article already
indexed is touched); removing articles masks their postings out. :meth:`add` returns the
candidate pairs the new articles form with each other and with what was indexed before,
with the number of fingerprints each pair shares. The index serializes to a JSON-able
dict (base64 arrays) for ``store.set_state``.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

FORMAT = 1
#: pairs generated per block when joining fingerprint runs (bounds temporary memory)
PAIR_BLOCK = 1_000_000


def _encode(array: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(array).tobytes()).decode("ascii")


def _decode(text: str, dtype: type) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=dtype).copy()


@dataclass(frozen=True, slots=True)
class Candidates:
    """Candidate pairs as parallel arrays of article ids' slots and shared fingerprint counts."""

    a: np.ndarray
    b: np.ndarray
    shared: np.ndarray


class FingerprintIndex:
    """Fingerprint → articles, with per-article fingerprint counts.

    ``max_df`` trades recall on huge families for speed: a fingerprint carried by more
    than ``max_df`` articles is boilerplate (a dateline, a stock phrase) and proposes no pairs.
    """

    def __init__(self, max_df: int = 64) -> None:
        self.max_df = max_df
        self.ids: list[str] = []
        self.slot_of: dict[str, int] = {}
        self.counts = np.zeros(0, dtype=np.int32)  # fingerprints per slot
        self.alive = np.zeros(0, dtype=bool)
        self.fp = np.zeros(0, dtype=np.uint32)
        self.slot = np.zeros(0, dtype=np.uint32)

    def __len__(self) -> int:
        return len(self.slot_of)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self.slot_of

    def fingerprint_count(self, article_id: str) -> int:
        """How many fingerprints the indexed article has."""
        return int(self.counts[self.slot_of[article_id]])

    def remove(self, article_ids: Iterable[str]) -> int:
        """Forget articles (their postings stop proposing pairs); returns how many were indexed."""
        slots = [self.slot_of.pop(i) for i in article_ids if i in self.slot_of]
        if not slots:
            return 0
        self.alive[slots] = False
        keep = self.alive[self.slot]
        self.fp, self.slot = self.fp[keep], self.slot[keep]
        return len(slots)

    def add(self, article_ids: Sequence[str], prints: Sequence[np.ndarray]) -> Candidates:
        """Index new articles; return the pairs (new×new and new×old) sharing fingerprints."""
        fresh = [(i, p) for i, p in zip(article_ids, prints, strict=True) if i not in self.slot_of]
        first = len(self.ids)
        for offset, (article_id, _) in enumerate(fresh):
            self.ids.append(article_id)
            self.slot_of[article_id] = first + offset
        sizes = np.array([len(p) for _, p in fresh], dtype=np.int64)
        self.counts = np.concatenate([self.counts, sizes.astype(np.int32)])
        self.alive = np.concatenate([self.alive, np.ones(len(fresh), dtype=bool)])
        if not fresh:
            return Candidates(*(np.zeros(0, dtype=np.int64) for _ in range(3)))
        new_fp = np.concatenate([p for _, p in fresh]).astype(np.uint32) if sizes.sum() else np.zeros(0, np.uint32)
        new_slot = np.repeat(np.arange(first, first + len(fresh), dtype=np.uint32), sizes)
        fp = np.concatenate([self.fp, new_fp])
        slot = np.concatenate([self.slot, new_slot])
        order = np.lexsort((slot, fp))
        self.fp, self.slot = fp[order], slot[order]
        return self._pairs(first)

    def _pairs(self, first_new: int) -> Candidates:
        """Pairs within fingerprint runs of 2..max_df postings that involve a slot >= first_new."""
        fp, slot = self.fp, self.slot
        n = len(fp)
        empty = Candidates(*(np.zeros(0, dtype=np.int64) for _ in range(3)))
        if n < 2:
            return empty
        run_start = np.flatnonzero(np.concatenate([[True], fp[1:] != fp[:-1]]))
        run_len = np.diff(np.append(run_start, n))
        has_new = np.maximum.reduceat(slot >= first_new, run_start) if n else np.zeros(0, bool)
        chosen = (run_len >= 2) & (run_len <= self.max_df) & has_new.astype(bool)
        if not chosen.any():
            return empty
        starts, lens = run_start[chosen], run_len[chosen]
        # pair keys, built block by block of runs to bound temporary memory
        block = np.cumsum(lens * (lens - 1) // 2) // PAIR_BLOCK
        bounds = [0, *(np.flatnonzero(np.diff(block)) + 1).tolist(), len(starts)]
        parts = [
            self._run_pairs(starts[lo:hi], lens[lo:hi], first_new)
            for lo, hi in pairwise(bounds)
            if hi > lo
        ]
        keys = np.sort(np.concatenate(parts))
        if not len(keys):
            return empty
        first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        shared = np.diff(np.append(first, len(keys)))
        keys = keys[first]
        distinct = (keys >> 32) != (keys & 0xFFFFFFFF)
        keys, shared = keys[distinct], shared[distinct]
        return Candidates(keys >> 32, keys & 0xFFFFFFFF, shared.astype(np.int64))

    def _run_pairs(self, starts: np.ndarray, lens: np.ndarray, first_new: int) -> np.ndarray:
        """Keys (low slot << 32 | high slot) of the pairs inside the given runs that involve a new slot."""
        slot = self.slot
        # every posting i of a run pairs with the postings after it in the same run
        pos = np.arange(int(lens.sum()), dtype=np.int64) - np.repeat(np.cumsum(lens) - lens, lens)
        members = np.repeat(starts, lens) + pos
        after = np.repeat(lens, lens) - 1 - pos
        left = np.repeat(members, after)
        step = np.arange(int(after.sum()), dtype=np.int64) - np.repeat(np.cumsum(after) - after, after)
        a = slot[left].astype(np.int64)
        b = slot[left + 1 + step].astype(np.int64)
        involve_new = (a >= first_new) | (b >= first_new)
        a, b = a[involve_new], b[involve_new]
        return np.minimum(a, b) * (1 << 32) + np.maximum(a, b)

    # --- persistence -----------------------------------------------------------------

    def to_state(self) -> dict:
        """A JSON-able snapshot (dead slots compacted away)."""
        alive_slots = np.flatnonzero(self.alive)
        remap = np.full(len(self.alive), -1, dtype=np.int64)
        remap[alive_slots] = np.arange(len(alive_slots))
        return {
            "format": FORMAT,
            "max_df": self.max_df,
            "ids": [self.ids[s] for s in alive_slots],
            "counts": _encode(self.counts[alive_slots].astype(np.int32)),
            "fp": _encode(self.fp.astype(np.uint32)),
            "slot": _encode(remap[self.slot].astype(np.uint32)),
        }

    @classmethod
    def from_state(cls, state: dict | None, max_df: int) -> FingerprintIndex:
        """Rebuild from :meth:`to_state` output; an empty index if absent or incompatible."""
        index = cls(max_df)
        if not state or state.get("format") != FORMAT or state.get("max_df") != max_df:
            return index
        index.ids = list(state["ids"])
        index.slot_of = {i: s for s, i in enumerate(index.ids)}
        index.counts = _decode(state["counts"], np.int32)
        index.alive = np.ones(len(index.ids), dtype=bool)
        index.fp = _decode(state["fp"], np.uint32)
        index.slot = _decode(state["slot"], np.uint32)
        return index
