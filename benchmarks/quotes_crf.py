"""A token-level sequence tagger (CRF, python-crfsuite) for speaker / cue / content spans, trained on
the dev and ``train`` splits and tried as a candidate generator beside the quotes rules (issue 13,
sixth round). 5-fold cross-validation by article (never a test split): the tagger is trained on four
folds and tags the fifth; its statements whose content the rules do not already cover are added to the
rules' statements, and the union is scored like ``benchmarks/quotes.py`` (speaker+content).

Labels come from the gold: the content found in the article's text (within one sentence), the cue
word nearest before it, the speaker's words nearest the cue in the same sentence (when written there).

    python benchmarks/quotes_crf.py     # cross-validation table (about 2 minutes of one core)
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from collections import defaultdict
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

TRAIN_SPLITS = (*DEV_SPLITS, "train")
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


def main() -> int:
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
    tagged: list[list[Quote]] = [[] for _ in gold]
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(FOLDS):
            tr = pycrfsuite.Trainer(verbose=False)
            for fold, sents in data:
                if fold != k:
                    for _, x, y in sents:
                        if x:
                            tr.append(x, y)
            tr.set_params({"c1": C1, "c2": C2, "max_iterations": ITERATIONS, "feature.possible_transitions": True})
            path = f"{tmp}/f{k}.crfsuite"
            tr.train(path)
            tagger = pycrfsuite.Tagger()
            tagger.open(path)
            for n, (fold, sents) in enumerate(data):
                if fold == k:
                    tags = {si: (tagger.tag(x) if x else []) for si, x, _ in sents}
                    tagged[n] = tagged_quotes(finders[n], tags)
            print(f"fold {k} done", file=sys.stderr, flush=True)
    spans_right = sum(span_score(g, t) for g, t in zip(gold, tagged, strict=True))
    print(f"tagger's content spans (Dice >= 0.5, any speaker): {spans_right} right of {sum(map(len, tagged))}")
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for g, r, t in zip(gold, rules, tagged, strict=True):
        covered = [(q.content_start, q.content_end) for q in r]
        extra = [q for q in t if not any(a < q.content_end and q.content_start < b for a, b in covered)]
        with_cue = [_rules_speaker(q, r) for q in extra if q.cue]
        for name, pred in (
            ("rules alone", r),
            ("tagger alone", t),
            ("rules + tagger's uncovered statements", r + extra),
            ("rules + uncovered with a tagged cue, rules' speaker", r + with_cue),
        ):
            res = score(g, pred)
            for m in range(3):
                rows[name][m] += res[m]
    print("speaker+content, 5-fold CV by article over dev+train:")
    for name, (right, pred, n) in rows.items():
        p, r, f1 = prf(right, pred, right, n)
        print(f"  {name:40} P {p:.3f} R {r:.3f} F1 {f1:.3f}  ({right}/{pred}/{n})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
