"""Agreement of the two blind annotations of the claims gold round ``test2`` (issue 12).

Reads the annotators' files only (``ann_<annotator>_<story>.jsonl``, one JSON line each, the format of
``claims_gold.jsonl`` plus ``annotator``) — never marsad output — and, for the sentence-level figure, the
number of sentences of each article (from the packets ``story_<id>.txt`` with ``--packets``, else from
``sentence_counts.json`` beside the annotations, which ``--write-counts`` writes from the packets). Per story,
pooled over all stories and per part (SaudiNewsNet, MultiLing); the annotator whose name sorts first is A:

- **families** (SaudiNewsNet): every pair of docs of a story, same family or not under A and under B: %
  agreement, Cohen's κ, stories with identical partitions;
- **facts**, a fact being its carrier set C = {(doc, sentence)}: a fact of A and one of B *match* when their
  shared carriers cover ≥ 2 families (A's partition for the headline, B's reported too); one-to-one, the
  assignment maximising the total Jaccard of C (``scipy.optimize.linear_sum_assignment``); m matched of |A|
  and |B|: fact F1 = 2m / (|A| + |B|), B-against-A recall m/|A| and precision m/|B|; for matched facts the
  mean Jaccard and the share with identical carriers; the same with a strict match (Jaccard ≥ 0.5);
- **the benchmark's own view** (a human ceiling): each annotation scored as if it were marsad's claims (a
  claim = a fact's carrier set) against the other as gold, with ``claims.py``'s rules
  (:func:`claims_score.story_counts`): fact recall, strict and lenient precision, both directions;
- **sentences**: over every sentence of the packets, carrier of some fact or not, A vs B: Cohen's κ;
- **conflicts**: one of A matches one of B when two sides of one overlap two sides of the other crosswise
  (the benchmark's rule); agreement on ``expectation`` among the matched;
- **flags**: fact F1 with and without the facts flagged ``detail`` / ``background`` (by either annotator);
- **uncertainty**: story-level bootstrap 95 % intervals (seeded) of the fact F1 and the ceiling precision.

The same figures are printed again over the stories whose families the two drew alike (a story one reads as
one family and the other as two weighs on every fact figure: all of one side's facts go unmatched).

    python benchmarks/claims_agreement.py                          # the committed files (claims_gold2_ann/)
    python benchmarks/claims_agreement.py --dir /work/runs/s18/claims_gold2 --packets /work/runs/s18/claims_gold2
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from claims_score import BOOTSTRAP_N, BOOTSTRAP_SEED, bootstrap, carriers_of, family_map, story_counts

HERE = Path(__file__).resolve().parent
ANN_DIR = HERE / "data" / "claims_gold2_ann"
COUNTS_FILE = "sentence_counts.json"
#: Jaccard of the carrier sets a strict match needs
STRICT_JACCARD = 0.5
#: flags whose facts the "without flagged facts" figure leaves out
FLAGS = ("detail", "background")
#: pooled blocks with fewer stories print no bootstrap interval
MIN_BOOTSTRAP_STORIES = 5
_PACKET_LINE = re.compile(r"^\[([^\]:]+):(\d+)\] ")

Carriers = set[tuple[str, int]]


@dataclass
class Pair:
    """The two annotations of one story (A: the annotator whose name sorts first)."""

    story: str
    a: dict
    b: dict

    @property
    def corpus(self) -> str:
        return self.a.get("corpus", "multiling")


def load_pairs(folder: Path) -> list[Pair]:
    """The stories of ``folder`` with their two annotations (``ann_*.jsonl``); a story with another number of
    annotation files is an error."""
    by_story: dict[str, list[dict]] = {}
    for path in sorted(folder.glob("ann_*.jsonl")):
        lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        if len(lines) != 1:
            raise ValueError(f"{path}: {len(lines)} lines, one expected")
        g = json.loads(lines[0])
        g.setdefault("annotator", path.stem.split("_")[1])
        by_story.setdefault(g["story"], []).append(g)
    pairs = []
    for story, gs in sorted(by_story.items()):
        if len(gs) != 2 or gs[0]["annotator"] == gs[1]["annotator"]:
            raise ValueError(f"{story}: {len(gs)} annotations by {[g['annotator'] for g in gs]}, two expected")
        a, b = sorted(gs, key=lambda g: g["annotator"])
        pairs.append(Pair(story, a, b))
    return pairs


def packet_counts(folder: Path) -> dict[str, dict[str, int]]:
    """{story: {doc: number of sentences}} from the packets ``story_<id>.txt`` of ``folder`` (indexes must
    run 0..n-1)."""
    out: dict[str, dict[str, int]] = {}
    for path in sorted(folder.glob("story_*.txt")):
        seen: dict[str, list[int]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            m = _PACKET_LINE.match(line)
            if m:
                seen.setdefault(m.group(1), []).append(int(m.group(2)))
        for doc, idx in seen.items():
            if idx != list(range(len(idx))):
                raise ValueError(f"{path}: {doc}'s sentence indexes do not run 0..n-1")
        out[path.stem.removeprefix("story_")] = {doc: len(idx) for doc, idx in sorted(seen.items())}
    return out


def kappa(x: Sequence[bool], y: Sequence[bool]) -> float:
    """Cohen's κ of two binary labelings (NaN when chance agreement is 1: one class only)."""
    x_arr, y_arr = np.asarray(x, dtype=bool), np.asarray(y, dtype=bool)
    if len(x_arr) == 0:
        return float("nan")
    po = float(np.mean(x_arr == y_arr))
    px, py = float(x_arr.mean()), float(y_arr.mean())
    pe = px * py + (1 - px) * (1 - py)
    return (po - pe) / (1 - pe) if pe < 1 - 1e-12 else float("nan")


def same_family_labels(g: dict) -> list[bool]:
    """For every pair of the story's docs (sorted), whether the annotation puts them in one family."""
    fam = family_map(g)
    return [fam[x] == fam[y] for x, y in itertools.combinations(sorted(g["docs"]), 2)]


def partition(g: dict) -> frozenset[frozenset[str]]:
    """The annotation's families as a set of sets (every doc in one; MultiLing: one doc each)."""
    fam = family_map(g)
    groups: dict[str, set[str]] = {}
    for d in g["docs"]:
        groups.setdefault(fam[d], set()).add(d)
    return frozenset(frozenset(v) for v in groups.values())


def jaccard(x: Carriers, y: Carriers) -> float:
    """|x ∩ y| / |x ∪ y|."""
    return len(x & y) / max(len(x | y), 1)


def match_facts(fa: Sequence[dict], fb: Sequence[dict], family: Callable[[str], str],
                min_jaccard: float = 0.0) -> list[tuple[int, int, float]]:
    """One-to-one matching of A's facts to B's: a pair may match when their shared carriers cover ≥ 2
    families (``family``) and their Jaccard is ≥ ``min_jaccard``; the assignment maximises the total
    Jaccard. (index in ``fa``, index in ``fb``, Jaccard) per matched pair."""
    if not fa or not fb:
        return []
    ca, cb = [carriers_of(f) for f in fa], [carriers_of(f) for f in fb]
    w = np.zeros((len(fa), len(fb)))
    for i, x in enumerate(ca):
        for j, y in enumerate(cb):
            if len({family(d) for d, _ in x & y}) >= 2:
                jac = jaccard(x, y)
                if jac >= min_jaccard:
                    w[i, j] = jac
    rows, cols = linear_sum_assignment(-w)
    return [(int(i), int(j), float(w[i, j])) for i, j in zip(rows, cols, strict=True) if w[i, j] > 0]


def conflicts_match(x: dict, y: dict) -> bool:
    """Two conflicts match when two sides of one overlap two sides of the other crosswise (the benchmark's
    rule, for conflicts of any number of sides)."""
    xs = [carriers_of(s) for s in x.get("sides", [])]
    ys = [carriers_of(s) for s in y.get("sides", [])]
    return any(xs[i] & ys[k] and xs[j] & ys[m]
               for i, j in itertools.permutations(range(len(xs)), 2)
               for k, m in itertools.permutations(range(len(ys)), 2))


def match_conflicts(ca: Sequence[dict], cb: Sequence[dict]) -> list[tuple[int, int]]:
    """One-to-one matching of A's conflicts to B's (maximum number of matching pairs)."""
    if not ca or not cb:
        return []
    w = np.array([[1.0 if conflicts_match(x, y) else 0.0 for y in cb] for x in ca])
    rows, cols = linear_sum_assignment(-w)
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if w[i, j] > 0]


def flagged(fact: dict) -> bool:
    """Is the fact flagged ``detail`` or ``background``?"""
    return any(fact.get(k) for k in FLAGS)


def corroborated_sets(g: dict) -> list[Carriers]:
    """An annotation's facts as the benchmark's claims: carrier sets counting ≥ 2 of its own families."""
    fam = family_map(g)
    return [c for c in (carriers_of(f) for f in g["facts"]) if len({fam[d] for d, _ in c}) >= 2]


def story_figures(p: Pair, counts: dict[str, int] | None) -> dict:
    """Every count of one story (summed over stories for the pooled figures)."""
    a, b = p.a, p.b
    fam_a, fam_b = family_map(a), family_map(b)
    fa, fb = a["facts"], b["facts"]
    out: dict = {"story": p.story, "corpus": p.corpus, "n_a": len(fa), "n_b": len(fb)}
    if p.corpus == "saudinewsnet":
        out["fam_a"], out["fam_b"] = same_family_labels(a), same_family_labels(b)
        out["fam_identical"] = partition(a) == partition(b)
        out["families_a"], out["families_b"] = len(partition(a)), len(partition(b))
    matched = match_facts(fa, fb, fam_a.__getitem__)
    out["m"] = len(matched)
    out["m_bpart"] = len(match_facts(fa, fb, fam_b.__getitem__))
    out["jac_sum"] = sum(j for *_, j in matched)
    out["identical"] = sum(carriers_of(fa[i]) == carriers_of(fb[k]) for i, k, _ in matched)
    out["m_strict"] = len(match_facts(fa, fb, fam_a.__getitem__, STRICT_JACCARD))
    # without the facts flagged detail/background by their annotator, or matched to one flagged by the other
    drop_a = {i for i, f in enumerate(fa) if flagged(f)} | {i for i, k, _ in matched if flagged(fb[k])}
    drop_b = {k for k, f in enumerate(fb) if flagged(f)} | {k for i, k, _ in matched if flagged(fa[i])}
    out["n_a_core"], out["n_b_core"] = len(fa) - len(drop_a), len(fb) - len(drop_b)
    out["m_core"] = sum(i not in drop_a and k not in drop_b for i, k, _ in matched)
    out["flagged_a"] = sum(flagged(f) for f in fa)
    out["flagged_b"] = sum(flagged(f) for f in fb)
    # the benchmark's view: each annotation's facts as claims against the other as gold
    out["b_vs_a"] = story_counts(fa, corroborated_sets(b), fam_a.__getitem__)
    out["a_vs_b"] = story_counts(fb, corroborated_sets(a), fam_b.__getitem__)
    if counts is not None:
        sentences = [(d, i) for d in sorted(counts) for i in range(counts[d])]
        in_a = set().union(*(carriers_of(f) for f in fa)) if fa else set()
        in_b = set().union(*(carriers_of(f) for f in fb)) if fb else set()
        unknown = (in_a | in_b) - set(sentences)
        if unknown:
            raise ValueError(f"{p.story}: carriers {sorted(unknown)[:3]} are not sentences of the packet")
        out["sent_a"] = [s in in_a for s in sentences]
        out["sent_b"] = [s in in_b for s in sentences]
    ca, cb = a.get("conflicts", []), b.get("conflicts", [])
    cm = match_conflicts(ca, cb)
    out["c_a"], out["c_b"], out["c_m"] = len(ca), len(cb), len(cm)
    out["c_expectation_same"] = sum(bool(ca[i].get("expectation")) == bool(cb[k].get("expectation")) for i, k in cm)
    out["c_expectation_a"] = sum(bool(c.get("expectation")) for c in ca)
    out["c_expectation_b"] = sum(bool(c.get("expectation")) for c in cb)
    return out


def _div(x: float, y: float) -> float:
    return x / y if y else float("nan")


def f1_of(r: dict, m: str = "m", na: str = "n_a", nb: str = "n_b") -> float:
    """Fact agreement F1 = 2m / (|A| + |B|)."""
    return _div(2 * r[m], r[na] + r[nb])


def _bootstrap_rows(stories: Sequence[dict]) -> list[dict[str, float]]:
    """The per-story numbers the bootstrap resamples."""
    return [{"m": s["m"], "n_a": s["n_a"], "n_b": s["n_b"], "strict_ba": s["b_vs_a"]["strict"],
             "claims_ba": s["b_vs_a"]["claims"], "strict_ab": s["a_vs_b"]["strict"],
             "claims_ab": s["a_vs_b"]["claims"]} for s in stories]


def pooled(stories: Sequence[dict]) -> dict:
    """The pooled figures over some stories' :func:`story_figures` (sums, κ over all items, intervals)."""
    keys = ("n_a", "n_b", "m", "m_bpart", "jac_sum", "identical", "m_strict", "n_a_core", "n_b_core", "m_core",
            "flagged_a", "flagged_b", "c_a", "c_b", "c_m", "c_expectation_same", "c_expectation_a", "c_expectation_b")
    r: dict = {k: sum(s[k] for s in stories) for k in keys}
    r["stories"] = len(stories)
    for side in ("b_vs_a", "a_vs_b"):
        r[side] = {k: sum(s[side][k] for s in stories) for k in stories[0][side]}
    snn = [s for s in stories if "fam_a" in s]
    if snn:
        fa = [x for s in snn for x in s["fam_a"]]
        fb = [x for s in snn for x in s["fam_b"]]
        r["fam_pairs"] = len(fa)
        r["fam_agree"] = float(np.mean(np.array(fa) == np.array(fb)))
        r["fam_kappa"] = kappa(fa, fb)
        r["fam_identical"] = sum(s["fam_identical"] for s in snn)
        r["fam_stories"] = len(snn)
    if all("sent_a" in s for s in stories):
        sa = [x for s in stories for x in s["sent_a"]]
        sb = [x for s in stories for x in s["sent_b"]]
        r["sentences"], r["sent_carrier_a"], r["sent_carrier_b"] = len(sa), sum(sa), sum(sb)
        r["sent_agree"] = float(np.mean(np.array(sa) == np.array(sb)))
        r["sent_kappa"] = kappa(sa, sb)
    if len(stories) >= MIN_BOOTSTRAP_STORIES:
        rows = _bootstrap_rows(stories)
        r["f1_ci"] = bootstrap(rows, f1_of)
        r["p_ba_ci"] = bootstrap(rows, lambda x: _div(x["strict_ba"], x["claims_ba"]))
        r["p_ab_ci"] = bootstrap(rows, lambda x: _div(x["strict_ab"], x["claims_ab"]))
    return r


def ceiling(c: dict) -> tuple[float, float, float]:
    """(fact recall, strict precision, lenient precision) of summed :func:`claims_score.story_counts`."""
    return _div(c["recalled"], c["facts"]), _div(c["strict"], c["claims"]), _div(c["lenient"], c["claims"])


def _ci(r: dict, key: str) -> str:
    lo, hi = r.get(key, (float("nan"), float("nan")))
    return f" [{lo:.2f}, {hi:.2f}]" if key in r else ""


def print_story(s: dict, a: str, b: str) -> None:
    """One line per story."""
    fam = ""
    if "fam_a" in s:
        agree = np.mean(np.array(s["fam_a"]) == np.array(s["fam_b"])) if s["fam_a"] else float("nan")
        fam = (f"families {s['families_a']}/{s['families_b']} "
               f"{'identical' if s['fam_identical'] else f'differ (doc pairs agree {agree:.0%})'}; ")
    rb, pb, _ = ceiling(s["b_vs_a"])
    ra, pa, _ = ceiling(s["a_vs_b"])
    sent = f"; sentences κ {kappa(s['sent_a'], s['sent_b']):.2f}" if "sent_a" in s else ""
    print(f"{s['story']:<17} {fam}facts {a} {s['n_a']} {b} {s['n_b']} matched {s['m']} F1 {f1_of(s):.2f} "
          f"(strict {s['m_strict']}, {b}'s families {s['m_bpart']}); ceiling {b}-vs-{a} R {rb:.2f} P {pb:.2f}, "
          f"{a}-vs-{b} R {ra:.2f} P {pa:.2f}{sent}; conflicts {s['c_m']} of {s['c_a']}/{s['c_b']}")


def print_pooled(label: str, r: dict) -> None:
    """A pooled block."""
    print(f"{label} ({r['stories']} stories)")
    if "fam_pairs" in r:
        print(f"  families: {r['fam_pairs']} doc pairs, agreement {r['fam_agree']:.3f}, Cohen's κ "
              f"{r['fam_kappa']:.3f}; identical partitions in {r['fam_identical']} of {r['fam_stories']} stories")
    print(f"  facts: A {r['n_a']}, B {r['n_b']}, matched {r['m']} (shared carriers in ≥ 2 of A's families): F1 "
          f"{f1_of(r):.3f}{_ci(r, 'f1_ci')}, B-against-A recall {_div(r['m'], r['n_a']):.3f} precision "
          f"{_div(r['m'], r['n_b']):.3f}")
    print(f"    matched facts: mean carrier Jaccard {_div(r['jac_sum'], r['m']):.3f}, identical carriers "
          f"{_div(r['identical'], r['m']):.3f}; B's families for the match: {r['m_bpart']} matched, F1 "
          f"{f1_of(r, 'm_bpart'):.3f}; strict match (Jaccard ≥ {STRICT_JACCARD}): {r['m_strict']} matched, F1 "
          f"{f1_of(r, 'm_strict'):.3f}")
    print(f"    without facts flagged {'/'.join(FLAGS)} (A {r['flagged_a']}, B {r['flagged_b']} flagged; by either): "
          f"A {r['n_a_core']}, B {r['n_b_core']}, matched {r['m_core']}, F1 "
          f"{f1_of(r, 'm_core', 'n_a_core', 'n_b_core'):.3f}")
    rb, pb, lb = ceiling(r["b_vs_a"])
    ra, pa, la = ceiling(r["a_vs_b"])
    print(f"  the benchmark's view (a human ceiling): B's facts as claims, A as gold: recall {rb:.3f}, precision "
          f"{pb:.3f}{_ci(r, 'p_ba_ci')} (lenient {lb:.3f}); A's as claims, B as gold: recall {ra:.3f}, precision "
          f"{pa:.3f}{_ci(r, 'p_ab_ci')} (lenient {la:.3f})")
    if "sentences" in r:
        print(f"  sentences: {r['sentences']}, carriers A {r['sent_carrier_a']}, B {r['sent_carrier_b']}; agreement "
              f"{r['sent_agree']:.3f}, Cohen's κ {r['sent_kappa']:.3f}")
    print(f"  conflicts: A {r['c_a']}, B {r['c_b']}, matched {r['c_m']}; expectation flag A {r['c_expectation_a']}, "
          f"B {r['c_expectation_b']}, the same on {r['c_expectation_same']} of the {r['c_m']} matched")
    if "f1_ci" in r:
        print(f"  (intervals: story-level bootstrap 95 %, {BOOTSTRAP_N} resamples, seed {BOOTSTRAP_SEED}; "
              f"with {r['stories']} stories they are wide)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=ANN_DIR, help="the folder of the ann_*.jsonl files")
    ap.add_argument("--packets", type=Path, help=f"read sentence counts from the packets here (else {COUNTS_FILE})")
    ap.add_argument("--write-counts", action="store_true",
                    help=f"write {COUNTS_FILE} into --dir from the --packets, for the stories annotated in --dir "
                    "(no agreement printed)")
    args = ap.parse_args()
    if args.write_counts:
        if not args.packets:
            ap.error("--write-counts needs --packets")
        annotated = {p.story for p in load_pairs(args.dir)}
        counts = {k: v for k, v in packet_counts(args.packets).items() if k in annotated}
        (args.dir / COUNTS_FILE).write_text(json.dumps(counts, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                            encoding="utf-8")
        print(f"wrote {args.dir / COUNTS_FILE} ({len(counts)} stories)")
        return 0
    pairs = load_pairs(args.dir)
    if not pairs:
        print(f"no ann_*.jsonl in {args.dir}", file=sys.stderr)
        return 2
    counts_path = args.dir / COUNTS_FILE
    if args.packets:
        counts = packet_counts(args.packets)
    elif counts_path.exists():
        counts = json.loads(counts_path.read_text(encoding="utf-8"))
    else:
        counts = {}
    stories = [story_figures(p, counts.get(p.story)) for p in pairs]
    names = sorted({(p.a["annotator"], p.b["annotator"]) for p in pairs})
    print(f"{len(pairs)} stories, annotator pairs (A, B): {', '.join(f'{a}/{b}' for a, b in names)}")
    for p, s in zip(pairs, stories, strict=True):
        print_story(s, p.a["annotator"], p.b["annotator"])
    print_pooled("ALL", pooled(stories))
    for corpus in ("saudinewsnet", "multiling"):
        part = [s for s in stories if s["corpus"] == corpus]
        if part:
            print_pooled(f"{corpus} part", pooled(part))
    same = [s for s in stories if s.get("fam_identical", True)]
    if 0 < len(same) < len(stories):
        print_pooled("stories whose families A and B drew alike (MultiLing included)", pooled(same))
    return 0


if __name__ == "__main__":
    sys.exit(main())
