"""The learned mention filter against the confidence guard, leave one judged sample out (issue 19).

For each dev range given (``--range START LIMIT LABELS``: SaudiNewsNet records and the default tagger's cache of
labels and probabilities, as ``entities_corpus.py --labels`` writes it), runs the entities stage up to the corpus
rules, and finds the judged mentions of the samples drawn from that range (``benchmarks/data/entities_sample*.jsonl``,
default tagger) that the current code still produces after the guard and linking (same article, offsets, type
and entity name). Each range is one fold: a logistic regression
(:func:`marsad.stages.entities.mention_filter.fit`) is fit on the other folds' judged mentions and scores every
mention of the held-out run. Printed, per threshold: the pooled held-out precision of the judged mentions kept,
the judged right mentions lost, the errors removed by class, and the pooled share of the runs' mentions dropped
(the guard's floor and the filter, of the mentions before the floor); then the guard alone on the same mentions,
and the decision by the criterion fixed before any result (``docs/entities.md``, fourteenth session): the
highest pooled held-out precision among thresholds dropping at most 15% of the mentions, adopted only if it
beats the guard by at least 0.02; and the weights of the model fit on all the judged mentions.

The features (:data:`FEATURES`) follow the judged errors' classes: the tagger's doubt (its confidence, whether a
corpus rule made the span), common words (one definite word, how often the lexicon sees the word and its bare
form), names inside longer names or cut (a word that opens names right before, an adjective or ``ل`` + a
definite noun right after, another mention touching it), types (the share of the name key's corpus mentions
with this type, the gazetteer), and the name's standing in the corpus read (its mentions and articles, their
mean confidence, the share at or over the floor). The model is an L2 logistic regression on standardized
features fit by Newton's method (deterministic). It did not meet its criterion (``docs/entities.md``,
fourteenth session), so the stage does not use it: this script is the record of the measurement.

    python benchmarks/entities_filter.py --range 25000 600 L25 --range 26000 600 L26 ... [--cache DIR]

Only dev samples belong here; the test samples (15, 16) are drawn by ``entities_corpus.py`` afterwards.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from entities_corpus import DATA, SAMPLE_GLOB, cached, read_articles
from marsad.arabic import Token, normalize
from marsad.arabic.clitics import frequency
from marsad.model import Article
from marsad.stages.entities import EntitiesStage
from marsad.stages.entities.canonical import RawMention, link, name_key
from marsad.stages.entities.gazetteer import gazetteer
from marsad.stages.entities.heads import shipped_roles, word_key
from marsad.stages.entities.ner import load_tagger
from marsad.stages.entities.stage import MENTION_FLOOR, sentence_tokens

THRESHOLDS = tuple(round(0.30 + 0.05 * k, 2) for k in range(13))  # 0.30 .. 0.90
MAX_DROPPED = 0.15
MIN_GAIN = 0.02
C = 1.0
_CLITICS = ("و", "ف", "ب", "ك", "ل")
_QUOTES = set("«»\"“”'‘’")

#: the features, in the order of the model's weights
FEATURES = (
    "confidence",  # the tagger's mean probability of the type over the words (0 when a rule made the span)
    "rule_made",  # a corpus rule made or changed the span (no confidence of its own)
    "propagated",  # label consistency, not the tagger, found it
    "per", "loc", "org",  # the type (MISC is the base)
    "words",  # words in the name (capped at 4)
    "definite_one_word",  # one word with the article: common nouns (الكورنيش، المترو) look like this
    "log_frequency",  # lexicon frequency of the rarest word of the name (log)
    "bare_over_definite",  # one definite word: log frequency of the bare form minus that of the definite one
    "gazetteer_same_type",  # the gazetteer knows the name with this type
    "name_parts_only",  # every word is a given name or particle of the gazetteer
    "key_log_mentions", "key_log_articles",  # the name key's mentions and articles in the corpus read (log)
    "key_mean_confidence",  # mean confidence of the name key's mentions that carry one
    "key_share_sure",  # share of the name key's mentions at or over the floor (or made by a rule)
    "key_type_share",  # share of the name key's mentions with this mention's type
    "head_before",  # the word right before opens names of several words (log of ANERcorp's count)
    "head_before_inside",  # ... and is nearly always part of them (heads.WordRoles.is_head)
    "mention_before", "mention_after",  # another mention touches this one (only a space between)
    "adjective_after",  # a definite relational adjective right after (الدولي، السعودية)
    "lam_definite_after",  # ل + a definite noun right after (a name going on: «… للدراسات»)
    "glued_letter",  # the first word starts with و ف ب ك ل the lexicon knows better without
    "quoted",  # a quotation mark right before the mention
    "title_before",  # a title of the gazetteer right before (الرئيس، الأمير)
)


def _log(n: float) -> float:
    return math.log1p(max(n, 0.0))


def _token_range(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    a = next((i for i, t in enumerate(tokens) if t.end > start), len(tokens))
    b = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i].start < end), a - 1) + 1
    return a, max(a, b)


def _word_before(tokens: list[Token], a: int) -> Token | None:
    return tokens[a - 1] if a > 0 and tokens[a - 1].is_word else None


def _word_after(tokens: list[Token], b: int) -> Token | None:
    return tokens[b] if b < len(tokens) and tokens[b].is_word else None


def _relational_adjective(token: Token | None) -> bool:
    return token is not None and "ال" in token.prefixes and token.base.endswith(("ي", "يه"))


def _lam_definite(token: Token | None) -> bool:
    return token is not None and (token.norm.startswith("لل") or ("ل" in token.prefixes and "ال" in token.prefixes))


def _glued(token: Token) -> bool:
    norm = token.norm
    return not token.prefixes and len(norm) >= 3 and norm[0] in _CLITICS and frequency(norm[1:]) > frequency(norm)


def _sentence_tokens(article: Article, sentence: int, memo: dict) -> list[Token]:
    key = (article.id, sentence)
    if key not in memo:
        memo[key] = sentence_tokens(article, article.sentences[sentence])
    return memo[key]


def mention_features(articles: list[Article], raw: list[RawMention], floor: float = 0.5) -> np.ndarray:
    """One row of :data:`FEATURES` per mention of ``raw`` (the corpus's mentions after the corpus rules)."""
    gaz = gazetteer()
    roles = shipped_roles()
    by_id = {a.id: a for a in articles}
    keys = [name_key(r.name, r.sense) for r in raw]
    group: dict[str, list[RawMention]] = defaultdict(list)
    for r, key in zip(raw, keys, strict=True):
        group[key].append(r)
    stats: dict[str, tuple[float, float, float, float, Counter]] = {}
    for key, members in group.items():
        confs = [m.confidence for m in members if m.confidence is not None]
        stats[key] = (_log(len(members)), _log(len({m.mention.article for m in members})),
                      float(np.mean(confs)) if confs else 1.0,
                      sum(m.confidence is None or m.confidence >= floor for m in members) / len(members),
                      Counter(m.mention.type for m in members))
    spans: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for r in raw:
        spans[(r.mention.article, r.mention.sentence)].append((r.mention.start, r.mention.end))
    memo: dict = {}
    rows = []
    for r, key in zip(raw, keys, strict=True):
        m = r.mention
        article = by_id[m.article]
        tokens = _sentence_tokens(article, m.sentence, memo)
        a, b = _token_range(tokens, m.start, m.end)
        words = [normalize(w) for w in r.name.split() if any(ch.isalpha() for ch in w)] or [normalize(r.name)]
        norm = " ".join(words)
        one_definite = len(words) == 1 and words[0].startswith("ال") and len(words[0]) > 3
        bare = _log(frequency(words[0][2:])) - _log(frequency(words[0])) if one_definite else 0.0
        known = gaz.names.get(norm)
        log_n, log_articles, key_conf, share_sure, types = stats[key]
        before, after = _word_before(tokens, a), _word_after(tokens, b)
        begins = roles.n_begins(word_key(before)) if before is not None else 0
        text = article.text
        others = [s for s in spans[(m.article, m.sentence)] if s != (m.start, m.end)]
        gap_before = [s for s in others if s[1] <= m.start and text[s[1]:m.start].strip() == ""]
        gap_after = [s for s in others if s[0] >= m.end and text[m.end:s[0]].strip() == ""]
        previous = text[max(0, m.start - 2):m.start].strip()
        rows.append([
            r.confidence if r.confidence is not None else 0.0,
            float(r.confidence is None),
            float(not r.tagged),
            float(m.type == "PER"), float(m.type == "LOC"), float(m.type == "ORG"),
            float(min(len(words), 4)),
            float(one_definite),
            min(_log(frequency(w)) for w in words),
            bare,
            float(known is not None and known[0] == m.type),
            float(all(w in gaz.name_parts for w in words)),
            log_n, log_articles, key_conf, share_sure,
            types[m.type] / max(sum(types.values()), 1),
            _log(begins),
            float(before is not None and roles.is_head(word_key(before))),
            float(bool(gap_before)), float(bool(gap_after)),
            float(_relational_adjective(after)),
            float(_lam_definite(after)),
            float(a < len(tokens) and _glued(tokens[a])),
            float(bool(previous) and previous[-1] in _QUOTES),
            float(before is not None and normalize(before.text) in gaz.titles),
        ])
    return np.asarray(rows, dtype=np.float64).reshape(len(raw), len(FEATURES))


class MentionFilter:
    """A fitted logistic regression over :data:`FEATURES` (standardized) and the threshold under which a
    mention is dropped."""

    def __init__(self, mean: list[float], scale: list[float], coef: list[float], intercept: float,
                 threshold: float, features: tuple[str, ...] = FEATURES) -> None:
        if tuple(features) != FEATURES:
            raise ValueError("mention filter: the model's features are not this code's")
        self.mean, self.scale = np.asarray(mean, dtype=np.float64), np.asarray(scale, dtype=np.float64)
        self.coef, self.intercept, self.threshold = np.asarray(coef, dtype=np.float64), float(intercept), threshold

    def scores(self, x: np.ndarray) -> np.ndarray:
        """P(right) per row of features."""
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


def fit(x: np.ndarray, y: np.ndarray, c: float = 1.0, threshold: float = 0.5) -> MentionFilter:
    """An L2 logistic regression (inverse strength ``c``) on standardized features, fit by Newton's method
    (deterministic, no solver options)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], 1.0 / c)
    penalty[-1] = 0.0  # the intercept is not penalized
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return MentionFilter(mean.tolist(), scale.tolist(), w[:-1].tolist(), float(w[-1]), threshold)




def judged_rows(start: int, limit: int) -> tuple[str, list[dict]]:
    """The sample drawn by the default tagger from records ``start .. start+limit-1``, and its judged rows."""
    for path in sorted(DATA.glob(SAMPLE_GLOB)):
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        run = lines[0].get("run", {})
        if (run.get("start"), run.get("limit"), run.get("ner")) == (start, limit, "default"):
            return path.name, [item for item in lines[1:] if item["correct"] is not None]
    return "", []


def stage_run(start: int, limit: int, labels: Path, cache: Path | None) -> tuple[list, list]:
    """The range's articles and its mentions after the corpus rules (before the guard)."""
    path = cache / f"raw_{start}_{limit}.pkl" if cache else None
    if path is not None and path.exists():
        with path.open("rb") as fh:
            data = pickle.load(fh)
        return data["articles"], data["raw"]
    articles = read_articles(start, limit)
    tagger = cached(load_tagger(None), labels)
    stage = EntitiesStage(tagger=tagger)
    raw = []
    for article in articles:
        raw.extend(stage.article_mentions(article, tagger))
    raw = stage.corpus_rules(articles, raw)
    if path is not None:
        with path.open("wb") as fh:
            pickle.dump({"articles": articles, "raw": raw}, fh)
    return articles, raw


def fold(start: int, limit: int, labels: Path, cache: Path | None) -> dict | None:
    """One range: features of every mention, the floor's decision, and the judged mentions found."""
    sample, judged = judged_rows(start, limit)
    if not judged:
        return None
    articles, raw = stage_run(start, limit, labels, cache)
    sure = np.array([r.confidence is None or r.confidence >= MENTION_FLOOR for r in raw])
    guarded = [r for r, s in zip(raw, sure, strict=True) if s]
    saved = [(r.mention.type, r.mention.entity) for r in raw]
    names = {e.id: e.name for e in link(guarded)}
    index = {(r.mention.article, r.mention.start, r.mention.end): i for i, r in enumerate(raw) if sure[i]}
    found, y, kinds = [], [], []
    for item in judged:
        i = index.get((item["article"], item["start"], item["end"]))
        if i is None or raw[i].mention.type != item["type"] or names.get(raw[i].mention.entity or "") != item["entity"]:
            continue
        found.append(i)
        y.append(1.0 if item["correct"] else 0.0)
        kinds.append(item.get("error") or "")
    for r, (type_, entity) in zip(raw, saved, strict=True):
        r.mention.type, r.mention.entity = type_, entity  # type: ignore[assignment]
    x = mention_features(articles, raw, MENTION_FLOOR)
    print(f"{sample}: records {start}..{start + limit - 1}, {len(articles)} articles, {len(raw)} mentions before "
          f"the floor, {int((~sure).sum())} under it; judged {len(judged)}, still produced {len(found)} "
          f"({int(sum(y))} right)")
    return {"sample": sample, "x": x, "sure": sure, "found": np.array(found, dtype=int), "y": np.array(y),
            "kinds": kinds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--range", nargs=3, action="append", metavar=("START", "LIMIT", "LABELS"), required=True)
    parser.add_argument("--cache", type=Path, help="keep each range's mentions here (pickle, outside the repo)")
    args = parser.parse_args()
    folds = [f for start, limit, labels in args.range
             if (f := fold(int(start), int(limit), Path(labels), args.cache)) is not None]
    print(f"folds: {len(folds)} ({', '.join(f['sample'] for f in folds)})")
    scores = []
    for k, held in enumerate(folds):
        train = [f for j, f in enumerate(folds) if j != k]
        model = fit(np.vstack([f["x"][f["found"]] for f in train]), np.concatenate([f["y"] for f in train]), C)
        scores.append(model.scores(held["x"]))
    total = sum(len(f["sure"]) for f in folds)
    floor_dropped = sum(int((~f["sure"]).sum()) for f in folds)
    n_judged = sum(len(f["y"]) for f in folds)
    right = sum(int(f["y"].sum()) for f in folds)
    guard_p = right / max(n_judged, 1)
    print(f"\nguard alone (floor {MENTION_FLOOR}): judged kept {n_judged}, precision {guard_p:.3f} "
          f"({right}/{n_judged}), "
          f"right lost 0 (every judged mention here is one the guard keeps), mentions dropped "
          f"{floor_dropped}/{total} = {floor_dropped / total:.3f}")
    print("\nfilter (floor + P(right) >= t), leave one sample out: t | judged kept, precision | right lost | "
          "errors removed by class | share of the mentions dropped")
    results = []
    for t in THRESHOLDS:
        kept = good = lost = dropped = 0
        removed: Counter[str] = Counter()
        for f, s in zip(folds, scores, strict=True):
            keep = f["sure"] & (s >= t)
            dropped += int((~keep).sum())
            for i, y, kind in zip(f["found"], f["y"], f["kinds"], strict=True):
                if keep[i]:
                    kept += 1
                    good += int(y)
                elif y:
                    lost += 1
                else:
                    removed[kind or "other"] += 1
        p, share = good / max(kept, 1), dropped / total
        results.append((t, p, share, lost))
        print(f"{t:.2f}: {kept:4d} {p:.3f} | {lost:3d} | "
              f"{', '.join(f'{k} {n}' for k, n in sorted(removed.items())) or '-':<40} | {share:.3f}")
    allowed = [r for r in results if r[2] <= MAX_DROPPED]
    best = max(allowed, key=lambda r: (r[1], -r[0])) if allowed else None
    if best is None:
        print("\nno threshold drops at most 15% of the mentions: the guard stays")
        return 0
    t, p, share, lost = best
    adopted = p >= guard_p + MIN_GAIN
    print(f"\ncriterion: best threshold within {MAX_DROPPED:.0%} dropped: t = {t:.2f}, held-out precision {p:.3f} "
          f"(guard {guard_p:.3f}, gain {p - guard_p:+.3f}, needed +{MIN_GAIN}), {share:.3f} of the mentions "
          f"dropped (guard {floor_dropped / total:.3f}), {lost} judged right mentions lost (guard 0): "
          f"{'ADOPTED' if adopted else 'not adopted, the guard stays'}")
    print("per held-out sample at that threshold: guard right/kept -> filter right/kept, mentions dropped")
    for f, s in zip(folds, scores, strict=True):
        keep = f["sure"] & (s >= t)
        kept_y = f["y"][keep[f["found"]]]
        print(f"  {f['sample']:26s} {int(f['y'].sum())}/{len(f['y'])} = {f['y'].mean():.3f} -> "
              f"{int(kept_y.sum())}/{len(kept_y)} = {kept_y.mean():.3f}, dropped {(~f['sure']).mean():.3f} -> "
              f"{(~keep).mean():.3f}")
    model = fit(np.vstack([f["x"][f["found"]] for f in folds]), np.concatenate([f["y"] for f in folds]), C, t)
    print("\nweights of the model fit on all the judged mentions (standardized features):")
    for name, w in sorted(zip(FEATURES, model.coef, strict=True), key=lambda p: -abs(p[1])):
        print(f"  {name:22s} {w:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
