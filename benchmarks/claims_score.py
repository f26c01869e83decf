"""The claims benchmark's scoring rules on plain sets (pure Python + numpy; no marsad import).

A *claim* here is the set of (doc, sentence) pairs it cites; a gold fact is its ``carriers``
(``{doc: [sentence, …]}``); ``family(doc)`` names the independent source a doc belongs to. One place for
the rules that ``benchmarks/claims.py`` (marsad's claims against the gold) and
``benchmarks/claims_agreement.py`` (one annotator's facts against another's) both apply:

- a fact is *recalled* when some claim cites carriers of it in ≥ 2 of its families;
- its *source share* is the largest share of its families one claim covers;
- a claim is right (*strict*) when its cited sentences all carry one gold fact and cover ≥ 2 of that
  fact's families; *lenient*: it covers ≥ 2 families of one fact, other cited sentences allowed.

Counts are kept per story so that figures pool over stories and a story-level bootstrap can resample them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

Cited = frozenset[tuple[str, int]] | set[tuple[str, int]]
#: resamples and seed of the story-level bootstrap
BOOTSTRAP_N = 2000
BOOTSTRAP_SEED = 0
#: the counts :func:`story_counts` returns (summed over stories by :func:`totals`)
COUNT_KEYS = ("facts", "recalled", "share", "claims", "strict", "lenient")


def carriers_of(fact: dict) -> set[tuple[str, int]]:
    """(doc, sentence) pairs that carry a gold fact."""
    return {(doc, int(i)) for doc, sentences in fact["carriers"].items() for i in sentences}


def family_map(gold: dict) -> dict[str, str]:
    """doc -> its family's name (the family's first member) for the docs a gold line's ``families`` lists;
    a doc it does not list (MultiLing, or a one-article family the early rounds left out) is its own."""
    out = {d: d for d in gold.get("docs", [])}
    for members in gold.get("families") or []:
        for d in members:
            out[d] = members[0]
    return out


def part_of(gold: dict) -> str:
    """The benchmark part a gold line is scored in: its round for the rounds ``test2``, ``test3`` and ``dev2``
    (kept apart so the first rounds' figures, floors and adoption rules keep their meaning), else its split."""
    return gold["round"] if gold.get("round") in ("test2", "test3", "dev2") else gold["split"]


def story_counts(facts: Sequence[dict], claims: Iterable[Cited], family: Callable[[str], str]) -> dict[str, float]:
    """The benchmark's counts on one story: ``claims`` are the corroborated claims' cited sets."""
    claims = [set(c) for c in claims]
    gold = [(carriers_of(f), {family(d) for d, _ in carriers_of(f)}) for f in facts]
    recalled = 0
    share = 0.0
    for carriers, families in gold:
        best = 0.0
        hit = False
        for cited in claims:
            covered = {family(d) for d, _ in cited & carriers}
            best = max(best, len(covered) / len(families))
            hit = hit or len(covered) >= 2
        recalled += hit
        share += best
    strict = lenient = 0
    for cited in claims:
        ok_strict = ok_lenient = False
        for carriers, _ in gold:
            if len({family(d) for d, _ in cited & carriers}) >= 2:
                ok_lenient = True
                ok_strict = ok_strict or cited <= carriers
        strict += ok_strict
        lenient += ok_lenient
    return {"facts": len(gold), "recalled": recalled, "share": share, "claims": len(claims), "strict": strict,
            "lenient": lenient}


def totals(counts: Iterable[dict[str, float]]) -> dict[str, float]:
    """Pooled figures over stories' counts: facts, recall, share, claims, precision (strict), lenient."""
    s = {k: 0.0 for k in COUNT_KEYS}
    for c in counts:
        for k in COUNT_KEYS:
            s[k] += c[k]
    return {"facts": int(s["facts"]), "recall": s["recalled"] / max(s["facts"], 1),
            "share": s["share"] / max(s["facts"], 1), "claims": int(s["claims"]),
            "precision": s["strict"] / max(s["claims"], 1), "lenient": s["lenient"] / max(s["claims"], 1)}


def bootstrap(rows: Sequence[dict[str, float]], stat: Callable[[dict[str, float]], float], n: int = BOOTSTRAP_N,
              seed: int = BOOTSTRAP_SEED) -> tuple[float, float]:
    """Story-level bootstrap 95 % interval (percentiles) of ``stat`` of the summed per-story ``rows``
    (stories resampled with replacement, ``n`` times, seeded); resamples where ``stat`` is NaN are left out."""
    if not rows:
        return float("nan"), float("nan")
    keys = sorted(rows[0])
    table = np.array([[float(r[k]) for k in keys] for r in rows])
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(n):
        summed = table[rng.integers(0, len(rows), len(rows))].sum(axis=0)
        v = stat(dict(zip(keys, summed.tolist(), strict=True)))
        if v == v:
            values.append(v)
    if not values:
        return float("nan"), float("nan")
    lo, hi = np.percentile(values, [2.5, 97.5])
    return float(lo), float(hi)


def auc(scores: Sequence[float] | np.ndarray, y: Sequence[int] | np.ndarray) -> float:
    """ROC AUC of ``scores`` against binary labels ``y`` (the Mann-Whitney statistic, ties counted half; NaN
    with one class only)."""
    from scipy.stats import rankdata

    y_arr = np.asarray(y, dtype=bool)
    pos, n = int(y_arr.sum()), len(y_arr)
    if pos == 0 or pos == n:
        return float("nan")
    ranks = rankdata(np.asarray(scores, dtype=float))
    return float((ranks[y_arr].sum() - pos * (pos + 1) / 2) / (pos * (n - pos)))


def ratio(num: str, den: str) -> Callable[[dict[str, float]], float]:
    """A statistic for :func:`bootstrap`: ``row[num] / row[den]`` (NaN when the denominator is 0)."""
    return lambda r: r[num] / r[den] if r[den] else float("nan")
