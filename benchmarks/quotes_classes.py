"""Quotes error classes: what the scorer counts as a miss, a false alarm or a wrong speaker, by the
construction of Arabic attribution it falls under (issue 13, seventh round). Dev and train splits only
(the test splits are never loaded), grouped as "dev" (dev..dev8: the rules were written from them) and
"train" (no rule written from it before the seventh round, whose rules read its errors too), and the
speaker+content F1 of ``--folds`` folds of train (every n-th article) for the spread of one figure.

A missed statement is "not a candidate" when no predicted content overlaps it at all, else a content
span error. Not-a-candidate statements are classed by what stands around the gold content in its
sentence (first class that applies): a nominal attribution frame (وفقا لـ، بحسب، نقلا عن، في تصريح،
في بيان، جاء في…), a passive cue (أُعلن، أفيد، ذُكر), the cue after the content (speaker last), a colon
or quotation mark right before the content, a continuation whose speaker is not written in the
sentence (وأضاف أن… / وتابع: …), words over several sentences, a plain object (no أن/إن/colon), a verb
not in the lexicon, and the rest (cue known, complementizer present). Wrong speakers: a relay chain
(the gold statement has a ``via`` or the cue holds نقل/عن), a pronoun or dropped subject resolved to
another person, a title or role not resolved to its name, a speaker phrase that ran past the name
into a frame (في/خلال/وهو…), and any other phrase. False alarms: near a gold content (a boundary) or
with no statement in gold, by the kind of cue.

    python benchmarks/quotes_classes.py            # counts per class, dev vs train
    python benchmarks/quotes_classes.py --folds 5  # also speaker+content F1 on train, per fold
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from marsad.arabic import base_words, normalize, split_sentences
from marsad.model import Corpus, Quote
from marsad.stages.quotes import lexicon as lx
from marsad.stages.quotes.stage import find_all
from quotes import (
    DEV_SPLITS,
    TRAIN_SPLITS,
    UNREAD_SPLITS,
    GoldSources,
    dice,
    gold_article,
    load_gold,
    match,
    speaker_ok,
)

NOMINAL_FRAME = re.compile(
    r"(وفق|حسب|نقلا عن|في تصريح|في تصريحات|في بيان|في حديث|في مقابلة|في كلمة|في رسالة|في لقاء|جاء في|ورد في)"
)
PASSIVE = re.compile(r"(^|\s)[وف]?[أيت]ُ\S*|(^|\s)[وف]?(افيد|أفيد|ذكر ان)")
RELAY = re.compile(r"نقل|عن")
FRAME_AFTER_NAME = re.compile(r"\s(في|خلال|عبر|أثناء|اثناء|لدى|وهو|وهي|الذي|التي)\s")


def _words(s: str) -> list[str]:
    return [normalize(w) for w in re.findall(r"[\u0621-\u064A]+", s)]


def _known_cue(w: str) -> bool:
    keys = (lx.CUE_VERBS, lx.PARTICIPLES, lx.SOURCE_MARKERS, lx.SOURCE_VERB_MARKERS, lx.BY_SAYING)
    return any(w in k or (w[:1] in "وف" and w[1:] in k) for k in keys)


def missed_class(gold: dict, pred: list[Quote], text: str) -> str:
    """The construction a missed gold statement falls under (see the module's docstring)."""
    at = text.find(gold["content"])
    end = at + len(gold["content"])
    if at >= 0 and any(p.content_start < end and at < p.content_end for p in pred):
        return "span: content overlaps a prediction (Dice < 0.5)"
    if at < 0:
        return "not a candidate: content not found verbatim"
    sents = split_sentences(text)
    first = next((s for s in sents if s.start <= at < s.end), None)
    last = next((s for s in sents if s.start < end <= s.end), first)
    if first is None:
        return "not a candidate: other"
    lead, tail = text[first.start : at], text[end : (last or first).end]
    cue_words = _words(gold["cue"])
    lead_n, tail_n = " ".join(_words(lead)), " ".join(_words(tail))
    if NOMINAL_FRAME.search(lead) or NOMINAL_FRAME.search(tail) or NOMINAL_FRAME.search(gold["cue"]):
        return "not a candidate: nominal frame (وفق/حسب/نقلا عن/في تصريح/في بيان/جاء في)"
    if PASSIVE.search(lead[-40:]):
        return "not a candidate: passive cue (أُعلن/أفيد)"
    in_lead = any(w in lead_n for w in cue_words)
    if cue_words and any(w in tail_n for w in cue_words) and not in_lead:
        return "not a candidate: speaker after the content"
    if first is not last:
        return "not a candidate: words over several sentences"
    if not in_lead:
        return "not a candidate: cue in another sentence (continuation over sentences)"
    speaker_words = set(base_words(gold["speaker"]))
    if speaker_words and not speaker_words & set(base_words(lead)):
        return "not a candidate: continuation, speaker not written in the sentence (وأضاف/وتابع)"
    if re.search(r"[:«“\"]\s*$", lead):
        return "not a candidate: colon or quotation mark before the words"
    if not any(_known_cue(w) for w in cue_words):
        return "not a candidate: verb or cue not in the lexicon"
    if not re.search(r"(ان|انه|انها|انهم|ب?انه?|:|عن|على|من|الى|إلى)\s*$", normalize(lead[-14:])):
        return "not a candidate: plain object (no أن/إن/colon)"
    return "not a candidate: cue known, complementizer present, not parsed"


def speaker_class(gold: dict, q: Quote, text: str) -> str:
    """Why a matched statement got the wrong speaker (see the module's docstring)."""
    gw = set(base_words(gold["speaker"]))
    if gold.get("via") or (q.via and not speaker_ok(gold["speaker"], q)) or RELAY.search(q.cue):
        return "speaker: relay chain (via / نقل عن)"
    sp = q.speaker.text
    if gw & set(base_words(sp)) and FRAME_AFTER_NAME.search(f" {sp} "):
        return "speaker: phrase ran past the name into a frame (في/خلال/وهو)"
    if q.speaker.kind in {"role", "organization", "group"} and not q.speaker.name:
        return "speaker: title or role not resolved to its name"
    cue_at = text.rfind(q.cue, 0, q.content_start + 1) if q.cue else -1
    written_at_cue = cue_at >= 0 and sp and sp in text[cue_at : q.content_start + 1]
    if not written_at_cue:
        return "speaker: pronoun or dropped subject resolved to another person"
    return "speaker: wrong phrase taken as the speaker"


def false_class(q: Quote, gold: list[dict]) -> str:
    """A predicted statement with no gold statement (see the module's docstring)."""
    if any(dice(g["content"], q.content) > 0.2 for g in gold):
        return "false: near a gold content (boundary)"
    cue = _words(q.cue)
    if q.speaker.kind == "source":
        return "false: attribution (outlet as speaker)"
    if any(w in lx.PARTICIPLES or w[1:] in lx.PARTICIPLES for w in cue):
        return "false: participle"
    if q.direct:
        return "false: quotation (a title, a name, someone else's words)"
    return "false: cue verb (no statement in gold)"


class _Shown:
    """Counts classes; prints (stderr) the errors of classes starting with ``show``."""

    def __init__(self, counts: Counter, show: str, text: str, url: str) -> None:
        self.counts, self.show, self.text, self.url = counts, show, text, url

    def add(self, label: str, gold: dict | None, q: Quote | None) -> None:
        self.counts[label] += 1
        if not self.show or not label.startswith(self.show):
            return
        lines = [f"[{label}] {self.url}"]
        if gold is not None:
            lines.append(f"  gold {gold['speaker']!r} {gold['cue']!r}: {gold['content'][:100]!r}")
            at = self.text.find(gold["content"])
            if at >= 0:
                lines.append("  | " + self.text[max(0, at - 160) : at + 40].replace("\n", " / "))
        if q is not None:
            lines.append(f"  pred {q.speaker.text!r}/{q.speaker.name!r} {q.cue!r}: {q.content[:100]!r}")
            if gold is None:
                lines.append("  | " + self.text[max(0, q.start - 80) : q.content_start + 40].replace("\n", " / "))
        print("\n".join(lines), file=sys.stderr)


def run(folds: int, show: str = "", read_folds: frozenset[int] = frozenset()) -> None:
    gold = [g for g in load_gold() if g.get("split") in DEV_SPLITS + TRAIN_SPLITS]
    sources = GoldSources(gold)
    articles = [gold_article(g["url"], sources) for g in gold]
    quotes = find_all(Corpus(articles=[a for a in articles if a is not None]))
    by_article: dict[str, list[Quote]] = {}
    for q in quotes:
        by_article.setdefault(q.article, []).append(q)
    counts: dict[str, Counter] = {"dev": Counter(), "train": Counter()}
    fold_tally = [[0, 0, 0] for _ in range(folds)]
    train_i = 0
    for g, article in zip(gold, articles, strict=True):
        if article is None:
            continue
        group = "train" if g["split"] in TRAIN_SPLITS else "dev"
        fold = train_i % folds if group == "train" and folds else -1
        readable = (group == "dev" or fold + 1 in read_folds) and g["split"] not in UNREAD_SPLITS
        c = _Shown(counts[group], show if readable else "", article.text, g["url"])
        pred = by_article.get(article.id, [])
        gq = g["quotes"]
        pairs = match(gq, pred, 0.5)
        both = 0
        for gi, pi in pairs:
            if speaker_ok(gq[gi]["speaker"], pred[pi]):
                both += 1
            else:
                c.add(speaker_class(gq[gi], pred[pi], article.text), gq[gi], pred[pi])
        matched_g, matched_p = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
        for gi, q in enumerate(gq):
            if gi not in matched_g:
                c.add(missed_class(q, pred, article.text), q, None)
        for pi, q in enumerate(pred):
            if pi not in matched_p:
                c.add(false_class(q, gq), None, q)
        c.counts["= gold"] += len(gq)
        c.counts["= predicted"] += len(pred)
        c.counts["= right (speaker+content)"] += both
        if group == "train" and folds:
            t = fold_tally[fold]
            t[0] += both
            t[1] += len(pred)
            t[2] += len(gq)
            train_i += 1
    labels = sorted(set(counts["dev"]) | set(counts["train"]))
    width = max(len(label) for label in labels)
    print(f"{'class':{width}}  {'dev1-8':>7}  {'train':>7}")
    for label in labels:
        print(f"{label:{width}}  {counts['dev'][label]:>7}  {counts['train'][label]:>7}")
    for group in ("dev", "train"):
        c = counts[group]
        p = c["= right (speaker+content)"] / max(1, c["= predicted"])
        r = c["= right (speaker+content)"] / max(1, c["= gold"])
        print(f"{group}: speaker+content P {p:.3f} R {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.3f}")
    if folds:
        f1s = []
        for i, (tp, n_pred, n_gold) in enumerate(fold_tally):
            p, r = tp / max(1, n_pred), tp / max(1, n_gold)
            f1s.append(2 * p * r / max(1e-9, p + r))
            print(f"train fold {i + 1} (every {folds}th article): P {p:.3f} R {r:.3f} F1 {f1s[-1]:.3f}")
        mean = sum(f1s) / len(f1s)
        sd = (sum((f - mean) ** 2 for f in f1s) / max(1, len(f1s) - 1)) ** 0.5
        print(f"train folds: F1 mean {mean:.3f} sd {sd:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5, help="train folds for the per-fold F1 (0: none)")
    ap.add_argument("--show", default="", help="print the errors of classes starting with this (stderr)")
    ap.add_argument(
        "--read-folds",
        default="1,2,3,4,5",
        help="train folds whose errors --show may print (all by default: the seventh round read them all)",
    )
    args = ap.parse_args(argv)
    read = frozenset(int(x) for x in args.read_folds.split(",") if x)
    run(args.folds, args.show, read)
    return 0


if __name__ == "__main__":
    sys.exit(main())
