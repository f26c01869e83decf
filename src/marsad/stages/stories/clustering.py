"""Incremental single-pass clustering with group-average similarity and a time limit.

The one algorithm behind stories (articles → stories) and threads (stories → threads).
Items are taken in time order; each joins the group whose centroid is most similar
(cosine of the item with the *mean* of the group's vectors, i.e. average similarity to
all members, which does not chain the way single-link does), if that similarity reaches
``threshold`` and the group would still span at most ``span_days``; otherwise it founds a
new group. Groups from earlier runs come back as :class:`Group` objects carrying their
persisted (truncated) mean vector, so new items join them without re-clustering anything.

Cost: one sparse product of each chunk of items with the items of the preceding
``span_days`` (dense chunk rows), then one ``bincount`` per item; no Python loop over groups.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from scipy import sparse

#: a persisted centroid keeps only its strongest sparse terms (enough for cosine ranking)
CENTROID_TERMS = 200
#: columns from here on (the dense sentence-embedding block of :mod:`.features`) are always kept whole
DENSE_FROM = 4 * 2**20
#: how many dense columns there are from DENSE_FROM on (the 512 of the sentence embedding)
DENSE_WIDTH = 512
_CHUNK = 512
UNKNOWN_DAY = -1


def day_number(iso: str | None) -> int:
    """Proleptic ordinal of an ISO date (``YYYY-MM-DD...``), or :data:`UNKNOWN_DAY`."""
    if not iso:
        return UNKNOWN_DAY
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return UNKNOWN_DAY


@dataclass
class Group:
    """A cluster: its members (keys), how many vectors it averages, its mean vector and its dates.

    The mean is kept sparse and truncated to its :data:`CENTROID_TERMS` strongest sparse weights
    plus its dense embedding columns (``cols`` sorted, ``vals``), which is what is persisted and
    compared with new items."""

    id: str
    members: list[str]
    n: int
    cols: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    vals: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    first: int = UNKNOWN_DAY
    last: int = UNKNOWN_DAY
    extra: dict[str, Any] = field(default_factory=dict)
    dim: int = 0

    @property
    def mean(self) -> sparse.csr_matrix:
        """The (truncated) mean as a 1 x dim CSR row."""
        return sparse.csr_matrix(
            (self.vals, self.cols, np.array([0, len(self.cols)])), shape=(1, max(self.dim, 1)), dtype=np.float32
        )

    def set_mean(self, cols: np.ndarray, vals: np.ndarray, dim: int) -> None:
        """Keep the :data:`CENTROID_TERMS` largest sparse weights of a mean, and all its dense columns."""
        dense = cols >= DENSE_FROM
        if int((~dense).sum()) > CENTROID_TERMS:
            sparse_at = np.flatnonzero(~dense)
            top = sparse_at[np.argpartition(-vals[sparse_at], CENTROID_TERMS)[:CENTROID_TERMS]]
            keep = np.concatenate([top, np.flatnonzero(dense)])
            cols, vals = cols[keep], vals[keep]
        order = np.argsort(cols)
        self.cols = cols[order].astype(np.int32)
        self.vals = vals[order].astype(np.float32)
        self.dim = dim

    def to_state(self) -> dict[str, Any]:
        """JSON form: the mean vector as base64 column (int32) and weight (float16) arrays."""
        return {
            "id": self.id,
            "members": self.members,
            "n": self.n,
            "first": self.first,
            "last": self.last,
            "dim": self.dim,
            "cols": base64.b64encode(self.cols.astype(np.int32).tobytes()).decode("ascii"),
            "vals": base64.b64encode(self.vals.astype(np.float16).tobytes()).decode("ascii"),
            **self.extra,
        }

    @classmethod
    def from_state(cls, d: dict[str, Any]) -> Group:
        """Inverse of :meth:`to_state`."""
        cols = np.frombuffer(base64.b64decode(d["cols"]), dtype=np.int32).copy()
        vals = np.frombuffer(base64.b64decode(d["vals"]), dtype=np.float16).astype(np.float32)
        known = {"id", "members", "n", "first", "last", "dim", "cols", "vals"}
        return cls(d["id"], list(d["members"]), d["n"], cols, vals, d["first"], d["last"],
                   {k: v for k, v in d.items() if k not in known}, d["dim"])


_SINGULAR = {"articles": "article", "stories": "story"}


def drop_absent_members(
    groups: Sequence[Group], present: set[str], run: int, events: list[dict[str, Any]], level: str, members: str
) -> list[Group]:
    """Remove members no longer in ``present`` (deleted, or replaced by a new version) from stored
    groups; empty groups retire. Each change is appended to ``events`` (``level``: "story" or
    "thread"; ``members``: what they hold, "articles" or "stories"), so nothing changes silently."""
    kept: list[Group] = []
    for g in groups:
        gone = [m for m in g.members if m not in present]
        if gone:
            g.members = [m for m in g.members if m in present]
            g.n = max(1, g.n - len(gone))
            events.append({"run": run, "op": "remove", level: g.id, members: gone})
        if g.members:
            kept.append(g)
        else:
            events.append({"run": run, "op": "retire", level: g.id, "reason": f"no {_SINGULAR[members]} left"})
    return kept


def stack_means(groups: Sequence[Group], dim: int) -> sparse.csr_matrix:
    """The groups' means as rows of one CSR matrix."""
    indptr = np.zeros(len(groups) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(g.cols) for g in groups])
    cols = np.concatenate([g.cols for g in groups]) if groups else np.zeros(0, dtype=np.int32)
    vals = np.concatenate([g.vals for g in groups]) if groups else np.zeros(0, dtype=np.float32)
    return sparse.csr_matrix((vals, cols, indptr), shape=(len(groups), dim), dtype=np.float32)


@dataclass
class PassResult:
    """Where each item went: ``labels[i]`` indexes ``groups``; ``scores[i]`` its similarity (1 for founders)."""

    groups: list[Group]
    labels: np.ndarray
    scores: np.ndarray
    founded: int  # groups[founded_from:] are new
    founded_from: int


def single_pass(
    x: sparse.csr_matrix,
    days: Sequence[int],
    keys: Sequence[str],
    groups: list[Group],
    threshold: float,
    span_days: int,
    new_id: Callable[[str], str],
    extra_threshold: Callable[[int, np.ndarray], np.ndarray] | None = None,
    on_assign: Callable[[int, int], None] | None = None,
    linkage: str = "centroid",
    time_limit: str = "span",
    rank: Sequence[float] | None = None,
) -> PassResult:
    """Assign the rows of ``x`` (L2-normalized) to ``groups`` or new groups, in time order.

    ``days`` are day numbers (:data:`UNKNOWN_DAY` = no constraint); ``keys`` name the items
    (members of groups); ``new_id(founder_key)`` names a new group. ``extra_threshold(i, candidates)``
    may raise the bar for item ``i`` (a row of ``x``) per candidate group index (a non-negative
    array added to ``threshold``; asked only about groups that reach ``threshold``);
    ``on_assign(i, group_index)`` hears of each placement, in processing order. The groups passed
    in are extended in place: their members, ``n``, dates and ``mean`` are updated.

    ``linkage``: ``"centroid"`` scores an item by its cosine with the group's mean vector;
    ``"average"`` by its mean cosine with the group's members (the dot with the mean vector,
    not divided by the mean's norm), so a diffuse group — members that share little with each
    other — does not attract more items as it grows. ``time_limit``: ``"span"`` keeps a group
    within ``span_days`` from its first to its last item; ``"gap"`` lets it go on as long as each
    item comes within ``span_days`` of the group's latest (an affair may last for weeks).
    ``rank`` orders items of one day (lowest first; then by key): e.g. larger stories first, so
    that the main report of a day's event founds its thread rather than a side story.
    """
    if linkage not in ("centroid", "average") or time_limit not in ("span", "gap"):
        raise ValueError(f"unknown linkage {linkage!r} or time limit {time_limit!r}")
    n = x.shape[0]
    days_arr = np.asarray(days, dtype=np.int64)
    rank_arr = np.zeros(n) if rank is None else np.asarray(rank, dtype=np.float64)
    order = np.lexsort((np.asarray(keys, dtype=object).astype(str), rank_arr, days_arr))
    xo = x[order]
    do = days_arr[order]
    n_unknown = int(np.searchsorted(do, UNKNOWN_DAY, side="right"))
    k0 = len(groups)
    # dot of each item with each old group's SUM vector (n_g * mean)
    cap = k0 + n
    sq = np.zeros(cap, dtype=np.float64)  # squared norm of each group's SUM vector
    first = np.full(cap, UNKNOWN_DAY, dtype=np.int64)
    last = np.full(cap, UNKNOWN_DAY, dtype=np.int64)
    count = np.zeros(cap, dtype=np.float64)  # items each group averages
    base = None
    if k0:
        means = stack_means(groups, x.shape[1])
        sizes = np.array([g.n for g in groups], dtype=np.float64)
        base = (xo @ means.T).tocsr()  # item . old group mean
        sq[:k0] = sizes**2 * np.asarray(means.multiply(means).sum(axis=1)).ravel()
        count[:k0] = sizes
        first[:k0] = [g.first for g in groups]
        last[:k0] = [g.last for g in groups]
    k = k0
    labels_o = np.full(n, -1, dtype=np.int64)
    scores_o = np.zeros(n, dtype=np.float64)
    self_sq = np.asarray(xo.multiply(xo).sum(axis=1)).ravel()
    # the dense embedding columns are multiplied as a dense array (BLAS), the rest as sparse rows:
    # a sparse product over 512 filled columns per row is what made the pass slow at scale
    xs, xd = _split_dense(xo)

    for c0 in range(0, n, _CHUNK):
        c1 = min(c0 + _CHUNK, n)
        lo_day = do[c0] if do[c0] != UNKNOWN_DAY else do[min(c0 + n_unknown, n - 1)]
        if time_limit == "span":  # a group's members all lie within the span: only items of the window count
            start = max(n_unknown, int(np.searchsorted(do, lo_day - span_days, side="left")))
            cols = np.r_[0:n_unknown, start:c1] if start > n_unknown else np.arange(c1)
        elif do[c0] == UNKNOWN_DAY:  # undated items of this chunk may join any group
            cols = np.arange(c1)
        else:  # "gap": only items of groups still open (latest item within span_days of this chunk's first day);
            # a closed group cannot be joined by a later item, so leaving its items out changes no score
            open_groups = (last[:k] == UNKNOWN_DAY) | (last[:k] >= lo_day - span_days)
            cols = np.r_[np.flatnonzero(open_groups[labels_o[:c0]]), c0:c1]
        sims = (xs[c0:c1] @ xs[cols].T).toarray()
        if xd is not None:
            sims += xd[c0:c1] @ xd[cols].T
        for r in range(c1 - c0):
            i = c0 + r
            upto = int(np.searchsorted(cols, i))  # columns of items processed before i
            dots = np.bincount(labels_o[cols[:upto]] + 1, weights=sims[r, :upto], minlength=k + 1)[1:].astype(float)
            if base is not None:
                row = base[i]
                dots[row.indices] += row.data * sizes[row.indices]
            cand = np.flatnonzero(dots > 0)
            best, best_score = -1, 0.0
            if len(cand):
                if linkage == "average":
                    score = dots[cand] / np.maximum(count[cand], 1.0)
                else:
                    score = dots[cand] / np.sqrt(np.maximum(sq[cand], 1e-12))
                d = do[i]
                if d != UNKNOWN_DAY:
                    f, la = first[cand], last[cand]
                    if time_limit == "gap":  # items come in time order: the distance to the latest member
                        near = (la == UNKNOWN_DAY) | (np.abs(d - la) <= span_days)
                        score = np.where(near, score, 0.0)
                    else:
                        lo = np.where(f == UNKNOWN_DAY, d, np.minimum(f, d))
                        hi = np.where(la == UNKNOWN_DAY, d, np.maximum(la, d))
                        score = np.where(hi - lo <= span_days, score, 0.0)
                reach = score >= threshold  # the extra bar only raises it: ask it only where the plain bar is met
                cand, score = cand[reach], score[reach]
                if len(cand):
                    need = np.full(len(cand), threshold)
                    if extra_threshold is not None:
                        need = need + extra_threshold(int(order[i]), cand)
                    ok = score >= need
                    if ok.any():
                        j = int(np.argmax(np.where(ok, score, -1.0)))
                        best, best_score = int(cand[j]), float(score[j])
            d = int(do[i])
            if best >= 0:
                sq[best] += 2 * dots[best] + self_sq[i]
                count[best] += 1
                if d != UNKNOWN_DAY:
                    first[best] = d if first[best] == UNKNOWN_DAY else min(first[best], d)
                    last[best] = max(last[best], d)
            else:
                best, best_score = k, 1.0
                sq[k] = self_sq[i]
                count[k] = 1
                first[k] = last[k] = d
                k += 1
            labels_o[i] = best
            scores_o[i] = best_score
            if on_assign is not None:
                on_assign(int(order[i]), best)

    labels = np.empty(n, dtype=np.int64)
    labels[order] = labels_o
    scores = np.empty(n, dtype=np.float64)
    scores[order] = scores_o
    # extend/create groups and update their means in bulk: mean = (old n * old mean + new rows) / new n
    new_groups: list[Group] = []
    k_total = k
    for g in range(k0, k_total):
        founder = int(order[np.flatnonzero(labels_o == g)[0]])
        new_groups.append(Group(new_id(keys[founder]), [], 0, first=int(first[g]), last=int(last[g])))
    all_groups = groups + new_groups
    added = np.bincount(labels, minlength=k_total)
    old_n = np.array([g.n for g in all_groups], dtype=np.float32)
    totals = _label_sums(x, labels, k_total)
    if k0:
        old = sparse.diags(old_n) @ stack_means(all_groups, x.shape[1])
        totals = totals + old
    totals = (sparse.diags(1.0 / np.maximum(old_n + added, 1)) @ totals).tocsr()
    totals.sort_indices()
    members_of: list[list[int]] = [[] for _ in range(k_total)]
    for r in np.argsort(labels, kind="stable"):
        members_of[labels[r]].append(int(r))
    for g_index, group in enumerate(all_groups):
        rows = members_of[g_index]
        if not rows:
            continue
        group.members.extend(keys[r] for r in rows)
        group.n += len(rows)
        p0, p1 = totals.indptr[g_index], totals.indptr[g_index + 1]
        group.set_mean(totals.indices[p0:p1].copy(), totals.data[p0:p1].copy(), x.shape[1])
        group.first, group.last = int(first[g_index]), int(last[g_index])
    return PassResult(all_groups, labels, scores, k_total - k0, k0)


def _split_dense(x: sparse.csr_matrix) -> tuple[sparse.csr_matrix, np.ndarray | None]:
    """``x`` without its dense embedding columns (those zeroed), and those columns as a dense array
    (None when ``x`` has none)."""
    if x.shape[1] <= DENSE_FROM:
        return x, None
    hi = min(x.shape[1], DENSE_FROM + DENSE_WIDTH)
    dense = x[:, DENSE_FROM:hi].toarray()
    if not dense.any():
        return x, None
    keep = x.tocoo()
    outside = (keep.col < DENSE_FROM) | (keep.col >= hi)
    rest = sparse.csr_matrix((keep.data[outside], (keep.row[outside], keep.col[outside])), shape=x.shape,
                             dtype=x.dtype)
    return rest, dense


def _label_sums(x: sparse.csr_matrix, labels: np.ndarray, k: int) -> sparse.csr_matrix:
    """Row ``g`` = sum of the rows of ``x`` labelled ``g``."""
    onehot = sparse.csr_matrix(
        (np.ones(len(labels), dtype=np.float32), (labels, np.arange(len(labels)))), shape=(k, len(labels))
    )
    return (onehot @ x).tocsr()
