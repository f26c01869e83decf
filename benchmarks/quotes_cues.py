"""Extend the quotes stage's cue lexicon from the gold annotations (issue 13, sixth round) and measure,
by cross-validation over whole articles of the dev, ``train`` and ``train2`` splits (never a test
split), whether the extension helps.

Candidates come from the annotators' cues: every cue word of a gold statement, normalized by the
Arabic layer. A cue word the lexicon lacks is a candidate *cue* (its written form, with و/ف); a cue
verb of the lexicon that the annotators marked is a candidate *object frame* (all of its listed
forms then take a plain noun-phrase object as what was said, as أكد / نفى do: وأكد الوزير أهمية…).
A candidate is admitted when, on the training articles only, it was marked in at least ``min_articles``
articles and adding it alone to the lexicon gains at least ``min_gain`` speaker+content statements net
(right statements gained minus false statements added, the benchmark's matching). Each fold's
lexicon is learned from the other four folds and scored on the held-out one; the table compares the
rules alone with every admission setting on the same articles.

    python benchmarks/quotes_cues.py            # cross-validation table (stdout), progress on stderr
    python benchmarks/quotes_cues.py --write    # ... and write the admitted entries, learned from
                                                # all training articles with the chosen setting, to
                                                # src/marsad/stages/quotes/cues_learned.tsv
    python benchmarks/quotes_cues.py --nested   # ... and the registered adoption test (issue 13, thirteenth
                                                # round): the setting chosen inside each outer fold on the
                                                # other four only; adopted if the nested F1 gains >= 0.01
                                                # over the rules and is not below them on train + train2;
                                                # with --write, the file is written only then
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import sys
from collections import defaultdict
from pathlib import Path
from typing import ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from marsad.arabic import normalize
from marsad.model import Corpus
from marsad.stages.quotes import lexicon as lx
from marsad.stages.quotes.extract import ArticleQuotes, RoleIndex, _in, _is_cue, collect_roles
from marsad.stages.quotes.stage import find_all
from quotes import DEV_SPLITS, GoldSources, gold_article, load_gold, match, prf, speaker_ok
from quotes import TRAIN_SPLITS as FRESH_SPLITS

#: the dev splits and the fresh training splits (``train``, ``train2``)
TRAIN_SPLITS = (*DEV_SPLITS, *FRESH_SPLITS)
FOLDS = 5
SEED = 20261130
SETTINGS = tuple((a, g) for a in (2, 3) for g in (1, 2, 3))
#: a learned lexicon replaces the typed one only if it gains this much F1 out of fold
MIN_GAIN_F1 = 0.01


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def fold_of(url: str) -> int:
    return int(hashlib.sha1(f"{SEED}:{url}".encode()).hexdigest(), 16) % FOLDS


Entry = tuple[str, str]  # ("cue", form) or ("object", lemma)


def candidates(gold: list[dict]) -> dict[Entry, set[str]]:
    """Every entry the annotators' cues suggest, with the articles that mark it."""
    forms = lx.verb_lemmas()
    lemma_of = {f: lemma for lemma, fs in forms.items() for f in fs}
    out: dict[Entry, set[str]] = defaultdict(set)
    for g in gold:
        for q in g["quotes"]:
            first = q["cue"].split()[0] if q["cue"].split() else ""
            n = normalize(first)
            if not n[:1].isalpha():
                continue
            base = n[1:] if n[:1] in "وف" and n[1:] in lemma_of else n
            if base in lemma_of:
                lemma = lemma_of[base]
                if not forms[lemma] <= lx.OBJECT_VERBS:
                    out[("object", lemma)].add(g["url"])
            elif not _is_cue(n) and not _in(n, lx.PARTICIPLES) and len(base) >= 3:
                out[("cue", base)].add(g["url"])
    return out


_RUNS: dict[tuple[Entry, ...], dict[str, tuple[int, int, int]]] = {}
#: how many runs were checked against the whole-corpus stage (``find_all``) and how many took the fast path
CHECKS = {"checked": 0, "multi": 0, "fast": 0, "whole": 0}


def run(articles: list, gold: list[dict], entries: list[Entry]) -> dict[str, tuple[int, int, int]]:
    """Per article url: (right, predicted, gold) of the rules with ``entries`` added to the lexicon
    (memoized by the entries: the same lexicon gives the same statements)."""
    key = tuple(sorted(entries))
    if key not in _RUNS:
        _RUNS[key] = _Fast.get(articles, gold).run(list(key))
        if CHECKS["checked"] < 2 or (len(key) >= 2 and not CHECKS["multi"]):
            # the fast path must give what the whole stage gives: checked on the base lexicon, the first
            # candidate and the first lexicon of several entries
            assert _RUNS[key] == _run(articles, gold, list(key)), f"fast run differs for {key}"
            CHECKS["checked"] += 1
            CHECKS["multi"] += len(key) >= 2
    return _RUNS[key]


def _counts(gold: dict, pred: list) -> tuple[int, int, int]:
    gq = gold["quotes"]
    return sum(speaker_ok(gq[gi]["speaker"], pred[pi]) for gi, pi in match(gq, pred, 0.5)), len(pred), len(gq)


def _run(articles: list, gold: list[dict], entries: list[Entry]) -> dict[str, tuple[int, int, int]]:
    """The whole stage (``find_all``) over every article with ``entries`` added."""
    with lx.extended(entries):
        quotes = find_all(Corpus(articles=articles))
    by_article: dict[str, list] = defaultdict(list)
    for q in quotes:
        by_article[q.article].append(q)
    return {g["url"]: _counts(g, by_article.get(a.id, [])) for g, a in zip(gold, articles, strict=True)}


class _Recording(RoleIndex):
    """A role index that logs the roles added to it (the statements' run adds some, in article order)."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, str, str]] = []

    def add(self, article: str, role: str, name: str) -> None:
        self.log.append((article, role, name))
        super().add(article, role, name)


class _Fast:
    """The same statements as :func:`_run`, cheaper: each article's finder is built once (sentences,
    tokens, quotation marks and media do not depend on the lexicon) and copied per run. An article whose
    words hold no form the entries add is neither read for roles nor run again: what it adds to the role
    index (roles and people while collecting, roles while finding statements) and its counts are
    replayed from the base run, in article order; its statements depend only on its text, the forms it
    holds and the role index at its turn. If an article read again adds other roles or people than in
    the base run, every article is run (the whole stage, in order)."""

    _cache: ClassVar[dict[int, _Fast]] = {}

    def __init__(self, articles: list, gold: list[dict]) -> None:
        self.gold = gold
        self.templates = [ArticleQuotes(a, RoleIndex(), ()) for a in articles]
        self.words = [" ".join(t.norm for s in f.sentences for t in f.tokens(s)) for f in self.templates]
        self.lexicon = (lx.CUE_VERBS, lx.OBJECT_VERBS)
        roles, finders = self._copies()
        self.collected: list[tuple[list, list]] = []
        for f in finders:
            roles.log = []
            collect_roles(f.article, roles, f.mentions, f)
            self.collected.append((roles.log, list(roles.people.get(f.article.id, []))))
        self.base, self.adds = [], []
        for g, f in zip(gold, finders, strict=True):
            roles.log = []
            self.base.append(_counts(g, f.run()))
            self.adds.append(roles.log)

    @classmethod
    def get(cls, articles: list, gold: list[dict]) -> _Fast:
        if id(gold) not in cls._cache:
            cls._cache[id(gold)] = cls(articles, gold)
        return cls._cache[id(gold)]

    def _copies(self) -> tuple[_Recording, list[ArticleQuotes]]:
        roles = _Recording()
        finders = []
        for t in self.templates:
            f = copy.copy(t)
            f.roles, f.found, f.announced, f.relayed_at = roles, [], [], {}
            finders.append(f)
        return roles, finders

    def run(self, entries: list[Entry]) -> dict[str, tuple[int, int, int]]:
        with lx.extended(entries):
            added = (lx.CUE_VERBS - self.lexicon[0]) | (lx.OBJECT_VERBS - self.lexicon[1])
            out = self._fast(added)
            if out is None:
                CHECKS["whole"] += 1
                roles, finders = self._copies()
                for f in finders:
                    collect_roles(f.article, roles, f.mentions, f)
                out = {g["url"]: _counts(g, f.run()) for g, f in zip(self.gold, finders, strict=True)}
            else:
                CHECKS["fast"] += 1
        return out

    def _fast(self, added: frozenset[str]) -> dict[str, tuple[int, int, int]] | None:
        roles, finders = self._copies()
        touched = [any(w in words for w in added) for words in self.words]
        for n, f in enumerate(finders):
            adds, people = self.collected[n]
            if touched[n]:
                roles.log = []
                collect_roles(f.article, roles, f.mentions, f)
                if roles.log != adds or roles.people.get(f.article.id, []) != people:
                    return None
            else:
                for add in adds:
                    RoleIndex.add(roles, *add)
                if people:
                    roles.people[f.article.id] = list(people)
        out = {}
        for n, (g, f) in enumerate(zip(self.gold, finders, strict=True)):
            if touched[n]:
                roles.log = []
                out[g["url"]] = _counts(g, f.run())
                if roles.log != self.adds[n]:
                    return None
            else:
                for add in self.adds[n]:
                    RoleIndex.add(roles, *add)
                out[g["url"]] = self.base[n]
        return out


def total(res: dict[str, tuple[int, int, int]], urls: set[str]) -> tuple[int, int, int]:
    r = [res[u] for u in urls]
    return sum(x[0] for x in r), sum(x[1] for x in r), sum(x[2] for x in r)


def admitted(
    cands: dict[Entry, set[str]],
    alone: dict[Entry, dict[str, tuple[int, int, int]]],
    base: dict[str, tuple[int, int, int]],
    urls: set[str],
    min_articles: int,
    min_gain: int,
) -> list[Entry]:
    """The entries admitted from the articles ``urls`` only (their marks and their gains)."""
    keep = []
    b_right, b_pred, _ = total(base, urls)
    for e in sorted(cands):
        if len(cands[e] & urls) < min_articles or e not in alone:
            continue
        right, pred, _ = total(alone[e], urls)
        gained = right - b_right
        added_false = (pred - right) - (b_pred - b_right)
        if gained - added_false >= min_gain:
            keep.append(e)
    return keep


def f1_of(res: tuple[int, int, int]) -> float:
    return prf(res[0], res[1], res[0], res[2])[2]


def cross_validate(
    articles: list,
    gold: list[dict],
    cands: dict[Entry, set[str]],
    alone: dict,
    base: dict,
    urls: set[str],
    folds: dict[str, int],
    setting: tuple[int, int],
) -> dict[str, tuple[int, int, int]]:
    """Per url of ``urls``: its counts under the lexicon admitted with ``setting`` from the other folds of ``urls``."""
    out: dict[str, tuple[int, int, int]] = {}
    for k in sorted({folds[u] for u in urls}):
        train_urls = {u for u in urls if folds[u] != k}
        res = run(articles, gold, admitted(cands, alone, base, train_urls, *setting))
        out.update({u: res[u] for u in urls if folds[u] == k})
    return out


def nested(
    articles: list,
    gold: list[dict],
    cands: dict[Entry, set[str]],
    alone: dict,
    base: dict,
    all_urls: set[str],
    folds: dict[str, int],
) -> dict[str, tuple[int, int, int]]:
    """Per url: its counts when its fold's setting was chosen by cross-validation on the other four folds
    only (the best inner F1, the first of ``SETTINGS`` on a tie) and its lexicon admitted from them."""
    out: dict[str, tuple[int, int, int]] = {}
    for k in range(FOLDS):
        inner = {u for u in all_urls if folds[u] != k}
        scores = [
            (f1_of(total(cross_validate(articles, gold, cands, alone, base, inner, folds, st), inner)), st)
            for st in SETTINGS
        ]
        best_f1 = max(f for f, _ in scores)
        best = next(st for f, st in scores if f == best_f1)
        entries = admitted(cands, alone, base, inner, *best)
        res = run(articles, gold, entries)
        out.update({u: res[u] for u in all_urls if folds[u] == k})
        log(f"nested: outer fold {k} chose >= {best[0]} articles, net gain >= {best[1]} ({len(entries)} entries)")
    return out


def per_split(gold: list[dict], learned: dict, base: dict) -> tuple[float, float]:
    """Print each split's out-of-fold figures (and train + train2 pooled) beside the rules alone; returns
    (learned F1, rules F1) on train + train2."""
    fresh = (0.0, 0.0)
    for name, splits in (*((s, (s,)) for s in TRAIN_SPLITS), ("+".join(FRESH_SPLITS), FRESH_SPLITS)):
        urls = {g["url"] for g in gold if g.get("split", "dev") in splits}
        lr, bl = total(learned, urls), total(base, urls)
        pl, rl, fl = prf(lr[0], lr[1], lr[0], lr[2])
        pa, ra, fa = prf(bl[0], bl[1], bl[0], bl[2])
        print(f"  {name:12} learned P {pl:.3f} R {rl:.3f} F1 {fl:.3f} | rules P {pa:.3f} R {ra:.3f} F1 {fa:.3f}")
        fresh = (fl, fa)
    return fresh


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="write cues_learned.tsv from all training articles")
    ap.add_argument("--nested", action="store_true", help="the registered adoption test by nested cross-validation")
    args = ap.parse_args(argv)

    gold = [g for g in load_gold() if g.get("split", "dev") in TRAIN_SPLITS]
    sources = GoldSources(gold)
    articles = [gold_article(g["url"], sources) for g in gold]
    if any(a is None for a in articles):
        raise SystemExit("a gold article can no longer be read")
    all_urls = {g["url"] for g in gold}
    folds = {g["url"]: fold_of(g["url"]) for g in gold}
    with lx.extended([], replace=True):
        cands = candidates(gold)
        log(f"{len(gold)} articles, {sum(len(g['quotes']) for g in gold)} statements, {len(cands)} candidates")
        base = run(articles, gold, [])
        # a candidate marked in fewer articles than the smallest setting asks is never admitted: not run
        least = min(a for a, _ in SETTINGS)
        admissible = [e for e in sorted(cands) if len(cands[e]) >= least]
        log(f"{len(admissible)} candidates marked in >= {least} articles (the others cannot be admitted)")
        alone = {}
        for n, e in enumerate(admissible):
            alone[e] = run(articles, gold, [e])
            if n % 10 == 0:
                log(f"  candidate {n + 1}/{len(admissible)}")

        rows = []
        b = total(base, all_urls)
        rows.append(("rules alone", b))
        best = None
        for a, g in SETTINGS:
            per_fold = []
            for k in range(FOLDS):
                train_urls = {u for u in all_urls if folds[u] != k}
                held = {u for u in all_urls if folds[u] == k}
                entries = admitted(cands, alone, base, train_urls, a, g)
                res = run(articles, gold, entries)
                per_fold.append((total(res, held), len(entries)))
            right = sum(x[0][0] for x in per_fold)
            pred = sum(x[0][1] for x in per_fold)
            gold_n = sum(x[0][2] for x in per_fold)
            sizes = "/".join(str(x[1]) for x in per_fold)
            rows.append(
                (f"learned: >= {a} articles, net gain >= {g} (entries per fold {sizes})", (right, pred, gold_n))
            )
            f1 = prf(right, pred, right, gold_n)[2]
            if best is None or f1 > best[0]:
                best = (f1, a, g)

        print(f"cue lexicon from the gold cues, {FOLDS}-fold cross-validation by article over dev+train")
        print(f"{'':78} {'P':>6} {'R':>6} {'F1':>6}  right/pred/gold")
        for name, (r, p, n) in rows:
            pp, rr, ff = prf(r, p, r, n)
            print(f"{name:78} {pp:6.3f} {rr:6.3f} {ff:6.3f}  {r}/{p}/{n}")
        assert best is not None
        final = admitted(cands, alone, base, all_urls, best[1], best[2])
        b_f1 = prf(b[0], b[1], b[0], b[2])[2]
        print(f"best setting: >= {best[1]} articles, net gain >= {best[2]}: F1 {best[0]:.3f} vs rules {b_f1:.3f}")
        print(
            f"runs: {len(_RUNS)} lexicons; {CHECKS['checked']} checked equal to the whole stage (find_all); "
            f"fast path {CHECKS['fast']}, every article rerun {CHECKS['whole']}"
        )
        print("entries learned from all training articles with it:", ", ".join(f"{k}:{v}" for k, v in final))
        print("each admissible candidate alone on all training articles (in-sample; marked in N articles: net gain):")
        gains = []
        for e in admissible:
            right, pred, _ = total(alone[e], all_urls)
            gains.append((right - b[0] - ((pred - right) - (b[1] - b[0])), e, len(cands[e])))
        for net, e, n in sorted(gains, key=lambda x: (-x[0], x[1])):
            if net or n >= 3:
                print(f"  {e[0]}:{e[1]} ({n}): {net:+d}")
        adopt = best[0] - b_f1 >= MIN_GAIN_F1
        if args.nested:
            learned = nested(articles, gold, cands, alone, base, all_urls, folds)
            nr = total(learned, all_urls)
            pn, rn, fn = prf(nr[0], nr[1], nr[0], nr[2])
            print(
                f"nested cross-validation (setting chosen inside each outer fold): P {pn:.3f} R {rn:.3f} F1 {fn:.3f}"
                f"  {nr[0]}/{nr[1]}/{nr[2]}"
            )
            print("per split, out of fold (nested) against the rules alone:")
            f_fresh, f_fresh_rules = per_split(gold, learned, base)
            adopt = fn - b_f1 >= MIN_GAIN_F1 and f_fresh >= f_fresh_rules
            print(
                f"registered test (nested): gain {fn - b_f1:+.3f} (MIN_GAIN {MIN_GAIN_F1}), train+train2 learned F1 "
                f"{f_fresh:.3f} vs rules {f_fresh_rules:.3f}: {'ADOPT' if adopt else 'do not adopt'}"
            )
    if args.write:
        lines = [f"{k}\t{v}" for k, v in final] if adopt else []
        lx.LEARNED_CUES_PATH.write_text(
            "# written by benchmarks/quotes_cues.py --write (kind<TAB>normalized word); do not edit by hand\n"
            + "".join(line + "\n" for line in lines),
            encoding="utf-8",
        )
        log(f"wrote {len(lines)} entries to {lx.LEARNED_CUES_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
