"""A token-level sequence tagger (CRF, python-crfsuite) for speaker / cue / content spans, trained on
the dev, ``train`` and ``train2`` splits and tried as a candidate generator beside the quotes rules
(issue 13, sixth round). 5-fold cross-validation by article (never a test split): the tagger is trained on four
folds and tags the fifth; its statements whose content the rules do not already cover are added to the
rules' statements, and the union is scored like ``benchmarks/quotes.py`` (speaker+content).

Labels come from the gold: the content found in the article's text (within one sentence), the cue
word nearest before it, the speaker's words nearest the cue in the same sentence (when written there).

    python benchmarks/quotes_crf.py            # cross-validation table (5 trainings)
    python benchmarks/quotes_crf.py --nested   # ... and the registered adoption test (issue 13, thirteenth
                                               # round): the merge variant chosen inside each outer fold on
                                               # the other four only (10 more trainings, one per pair of
                                               # folds left out); adopted if the nested F1 gains >= 0.01
                                               # over the rules and is not below them on train + train2
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pycrfsuite

from marsad.arabic import normalize
from marsad.arabic.clitics import frequency
from marsad.model import Quote, Speaker
from marsad.stages.quotes import lexicon as lx
from marsad.stages.quotes.extract import PREPOSITIONS, ArticleQuotes, RoleIndex, _in, _is_cue, collect_roles
from quotes import DEV_SPLITS, GoldSources, gold_article, load_gold, match, prf, speaker_ok
from quotes import TRAIN_SPLITS as FRESH_SPLITS

#: the dev splits and the fresh training splits (``train``, ``train2``)
TRAIN_SPLITS = (*DEV_SPLITS, *FRESH_SPLITS)
#: a component replaces the default only if it gains this much F1 (as ``quotes_learn.py``)
MIN_GAIN = 0.01
FOLDS = 5
SEED = 20261130
MIN_CONTENT_TOKENS = 3
C1, C2, ITERATIONS = 0.05, 0.01, 300


def fold_of(url: str) -> int:
    return int(hashlib.sha1(f"{SEED}:{url}".encode()).hexdigest(), 16) % FOLDS


def word_class(norm: str) -> str:
    if not norm[:1].isalpha():
        return "P:" + norm if len(norm) == 1 else "NUM"
    if _is_cue(norm):
        return "CUE"
    if _in(norm, lx.PARTICIPLES):
        return "PART"
    if _in(norm, lx.THAT):
        return "THAT"
    if _in(norm, PREPOSITIONS):
        return "PREP"
    if _in(norm, lx.ROLE_HEADS):
        return "ROLE"
    if _in(norm, lx.GROUP_HEADS):
        return "GROUP"
    if _in(norm, lx.SOURCE_MARKERS):
        return "SRC"
    return "W"


def freq_bin(norm: str) -> str:
    f = frequency(norm)
    return "0" if f == 0 else "1" if f < 5 else "2" if f < 50 else "3" if f < 500 else "4"


def token_features(toks: list, i: int) -> list[str]:
    t = toks[i]
    n = t.norm
    f = ["bias", f"w={n}", f"b={t.base or n}", f"c={word_class(n)}", f"fq={freq_bin(t.base or n)}"]
    f.append(f"al={(t.base or n).startswith('ال')}")
    f.append(f"pfx={'+'.join(t.prefixes)}")
    f.append(f"suf2={n[-2:]}")
    for d in (-3, -2, -1, 1, 2, 3):
        j = i + d
        if 0 <= j < len(toks):
            u = toks[j].norm
            f.append(f"c[{d}]={word_class(u)}")
            if abs(d) == 1:
                f.append(f"w[{d}]={u}")
                f.append(f"fq[{d}]={freq_bin(toks[j].base or u)}")
        else:
            f.append(f"c[{d}]=EDGE")
    # the nearest cue before / after within the sentence
    before = next((i - j for j in range(i - 1, -1, -1) if word_class(toks[j].norm) in ("CUE", "PART")), None)
    f.append(f"cue_before={min(before, 9) if before is not None else 'none'}")
    pos = i / max(1, len(toks) - 1)
    f.append(f"pos={int(pos * 4)}")
    return f


def _run_of(toks: list, words: list[str], lo: int, hi: int, near: int) -> tuple[int, int] | None:
    best = None
    for a in range(lo, hi - len(words) + 1):
        found = all(toks[a + m].norm == w or toks[a + m].base == w for m, w in enumerate(words))
        if found and (best is None or abs(a - near) < abs(best[0] - near)):
            best = (a, a + len(words))
    return best


def labels_of(finder: ArticleQuotes, gold: dict) -> dict[int, list[str]]:
    """Per sentence index: one label per token (O, CUE, B-SPK/I-SPK, B-CON/I-CON)."""
    text = finder.text
    out: dict[int, list[str]] = {s.i: ["O"] * len(finder.tokens(s)) for s in finder.sentences}
    for q in gold["quotes"]:
        content = q["content"].strip()
        at = text.find(content)
        if at < 0:
            at = text.find(content[:30])
        if at < 0:
            continue
        end = at + len(content)
        s = next((s for s in finder.sentences if s.start <= at < s.end), None)
        if s is None:
            continue
        toks = finder.tokens(s)
        lab = out[s.i]
        idx = [k for k, t in enumerate(toks) if at <= t.start < min(end, s.end)]
        if not idx:
            continue
        c0 = idx[0]
        cue_words = [normalize(w) for w in q["cue"].split() if normalize(w)[:1].isalpha()]
        cue_at = None
        if cue_words:
            cands = [k for k, t in enumerate(toks) if t.norm == cue_words[0] and (k < c0 or k > idx[-1])]
            if cands:
                cue_at = min(cands, key=lambda k: abs(k - c0))
        for m, k in enumerate(idx):
            lab[k] = "B-CON" if m == 0 else "I-CON"
        if cue_at is not None:
            lab[cue_at] = "CUE"
            sp_words = [normalize(w) for w in q["speaker"].split() if normalize(w)[:1].isalpha()]
            if sp_words:
                run = _run_of(toks, sp_words, 0, len(toks), cue_at)
                if run is None and len(sp_words) > 1:
                    run = _run_of(toks, sp_words[-1:], 0, len(toks), cue_at)
                if run is not None and not any(lab[k] != "O" for k in range(*run)):
                    for k in range(*run):
                        lab[k] = "B-SPK" if k == run[0] else "I-SPK"
    return out


def spans(tags: list[str], kind: str) -> list[tuple[int, int]]:
    out, start = [], None
    for k, t in enumerate([*tags, "O"]):
        if t == f"B-{kind}" or (t == f"I-{kind}" and start is None):
            if start is not None:
                out.append((start, k))
            start = k
        elif t != f"I-{kind}":
            if start is not None:
                out.append((start, k))
            start = None
    return out


def tagged_quotes(finder: ArticleQuotes, tags: dict[int, list[str]]) -> list[Quote]:
    """The tagger's statements: each content span with the speaker span nearest it in the sentence
    (else the previous statement's speaker)."""
    text = finder.text
    out: list[Quote] = []
    last: Speaker | None = None
    for s in finder.sentences:
        toks = finder.tokens(s)
        tg = tags[s.i]
        sps = spans(tg, "SPK")
        for a, b in spans(tg, "CON"):
            if b - a < MIN_CONTENT_TOKENS:
                continue
            near = min(sps, key=lambda r: abs(r[0] - a)) if sps else None
            if near is not None:
                sp = Speaker(text[toks[near[0]].start : toks[near[1] - 1].end], kind="person")
            elif last is not None:
                sp = Speaker(last.text, kind="previous")
            else:
                continue
            last = sp
            cue = next((toks[k].text for k in range(a - 1, -1, -1) if tg[k] == "CUE"), "")
            start, end = toks[a].start, toks[b - 1].end
            out.append(
                Quote(f"crf-{start}", finder.article.id, s.i, sp, cue, text[start:end], False, start, end, start, end)
            )
    return out


def _rules_speaker(q: Quote, rule_quotes: list[Quote]) -> Quote:
    """A tagged statement whose speaker the tagger took from no span of its sentence speaks with the
    speaker of the rules' statement before it (their speakers are resolved), when there is one."""
    if q.speaker.kind != "previous":
        return q
    before = [r for r in rule_quotes if r.content_start < q.content_start]
    return replace(q, speaker=max(before, key=lambda r: r.content_start).speaker) if before else q


def span_score(gold: dict, pred: list[Quote]) -> int:
    return len(match(gold["quotes"], pred, 0.5))


def score(gold: dict, pred: list[Quote]) -> tuple[int, int, int]:
    gq = gold["quotes"]
    return sum(speaker_ok(gq[gi]["speaker"], pred[pi]) for gi, pi in match(gq, pred, 0.5)), len(pred), len(gq)


VARIANTS = ("rules + tagger's uncovered statements", "rules + uncovered with a tagged cue, rules' speaker")


def merged(variant: str, rule_quotes: list[Quote], tagged: list[Quote]) -> list[Quote]:
    """The rules' statements with the tagger's that no rule statement's content overlaps (all of them, or
    only those with a tagged cue, speaking with the rules' speaker before them when the tagger took none)."""
    covered = [(q.content_start, q.content_end) for q in rule_quotes]
    extra = [q for q in tagged if not any(a < q.content_end and q.content_start < b for a, b in covered)]
    if variant == VARIANTS[0]:
        return rule_quotes + extra
    return rule_quotes + [_rules_speaker(q, rule_quotes) for q in extra if q.cue]


def total(gold: list[dict], preds: list[list[Quote]], idx: list[int]) -> tuple[int, int, int]:
    res = [score(gold[n], preds[n]) for n in idx]
    return sum(x[0] for x in res), sum(x[1] for x in res), sum(x[2] for x in res)


def f1_of(res: tuple[int, int, int]) -> float:
    return prf(res[0], res[1], res[0], res[2])[2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nested", action="store_true", help="the registered adoption test by nested cross-validation")
    args = ap.parse_args(argv)
    gold = [g for g in load_gold() if g.get("split", "dev") in TRAIN_SPLITS]
    sources = GoldSources(gold)
    articles = [gold_article(g["url"], sources) for g in gold]
    roles = RoleIndex()
    finders = [ArticleQuotes(a, roles, ()) for a in articles]
    for f in finders:
        collect_roles(f.article, roles, f.mentions, f)
    rules = [f.run() for f in finders]
    data = []
    for g, f in zip(gold, finders, strict=True):
        labs = labels_of(f, g)
        sents = [
            (s.i, [token_features(f.tokens(s), k) for k in range(len(f.tokens(s)))], labs[s.i]) for s in f.sentences
        ]
        data.append((fold_of(g["url"]), sents))
    n_con = sum(lab == "B-CON" for _, ss in data for _, _, ls in ss for lab in ls)
    n_spk = sum(lab == "B-SPK" for _, ss in data for _, _, ls in ss for lab in ls)
    n_gold = sum(len(g["quotes"]) for g in gold)
    print(f"{len(gold)} articles, {n_gold} statements; labelled in the text: {n_con} contents, {n_spk} speakers")
    taggers: dict[frozenset[int], pycrfsuite.Tagger] = {}
    cache: dict[tuple[int, frozenset[int]], list[Quote]] = {}
    with tempfile.TemporaryDirectory() as tmp:

        def tagged_for(n: int, excluded: frozenset[int]) -> list[Quote]:
            """Article ``n`` tagged by a model trained on the folds not in ``excluded`` (trained once)."""
            if excluded not in taggers:
                tr = pycrfsuite.Trainer(verbose=False)
                for fold, sents in data:
                    if fold not in excluded:
                        for _, x, y in sents:
                            if x:
                                tr.append(x, y)
                tr.set_params({"c1": C1, "c2": C2, "max_iterations": ITERATIONS, "feature.possible_transitions": True})
                path = f"{tmp}/f{'-'.join(map(str, sorted(excluded)))}.crfsuite"
                tr.train(path)
                taggers[excluded] = pycrfsuite.Tagger()
                taggers[excluded].open(path)
                print(f"trained without folds {sorted(excluded)}", file=sys.stderr, flush=True)
            if (n, excluded) not in cache:
                tags = {si: (taggers[excluded].tag(x) if x else []) for si, x, _ in data[n][1]}
                cache[(n, excluded)] = tagged_quotes(finders[n], tags)
            return cache[(n, excluded)]

        everyone = list(range(len(gold)))
        tagged = [tagged_for(n, frozenset({data[n][0]})) for n in everyone]
        spans_right = sum(span_score(g, t) for g, t in zip(gold, tagged, strict=True))
        print(f"tagger's content spans (Dice >= 0.5, any speaker): {spans_right} right of {sum(map(len, tagged))}")
        rows: dict[str, list[list[Quote]]] = {
            "rules alone": rules,
            "tagger alone": tagged,
            **{v: [merged(v, r, t) for r, t in zip(rules, tagged, strict=True)] for v in VARIANTS},
        }
        print("speaker+content, 5-fold CV by article over dev+train+train2:")
        for name, preds in rows.items():
            right, pred, n = total(gold, preds, everyone)
            p, r, f1 = prf(right, pred, right, n)
            print(f"  {name:52} P {p:.3f} R {r:.3f} F1 {f1:.3f}  ({right}/{pred}/{n})")
        if args.nested:
            chosen: list[list[Quote]] = [[] for _ in gold]
            for k in range(FOLDS):
                inner = [n for n in everyone if data[n][0] != k]
                inner_preds = {
                    v: {n: merged(v, rules[n], tagged_for(n, frozenset({k, data[n][0]}))) for n in inner}
                    for v in VARIANTS
                }
                scores = [
                    (f1_of(total(gold, [inner_preds[v].get(n, []) for n in everyone], inner)), v) for v in VARIANTS
                ]
                best = max(scores, key=lambda x: x[0])[0]
                variant = next(v for f, v in scores if f == best)
                for n in everyone:
                    if data[n][0] == k:
                        chosen[n] = merged(variant, rules[n], tagged[n])
                print(f"nested: outer fold {k} chose {variant!r} (inner F1 {best:.3f})", file=sys.stderr, flush=True)
            res = total(gold, chosen, everyone)
            base = total(gold, rules, everyone)
            pn, rn, fn = prf(res[0], res[1], res[0], res[2])
            f_rules = f1_of(base)
            print(
                f"nested cross-validation (variant chosen inside each outer fold): P {pn:.3f} R {rn:.3f} F1 {fn:.3f}"
                f"  {res[0]}/{res[1]}/{res[2]}"
            )
            print("per split, out of fold (nested) against the rules alone:")
            fresh = (0.0, 0.0)
            for name, splits in (*((s, (s,)) for s in TRAIN_SPLITS), ("+".join(FRESH_SPLITS), FRESH_SPLITS)):
                idx = [n for n in everyone if gold[n].get("split", "dev") in splits]
                lr, bl = total(gold, chosen, idx), total(gold, rules, idx)
                pl, rl, fl = prf(lr[0], lr[1], lr[0], lr[2])
                pa, ra, fa = prf(bl[0], bl[1], bl[0], bl[2])
                print(f"  {name:12} tagger P {pl:.3f} R {rl:.3f} F1 {fl:.3f} | rules P {pa:.3f} R {ra:.3f} F1 {fa:.3f}")
                fresh = (fl, fa)
            adopt = fn - f_rules >= MIN_GAIN and fresh[0] >= fresh[1]
            print(
                f"registered test (nested): gain {fn - f_rules:+.3f} (MIN_GAIN {MIN_GAIN}), train+train2 F1 "
                f"{fresh[0]:.3f} vs rules {fresh[1]:.3f}: {'ADOPT' if adopt else 'do not adopt'}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
