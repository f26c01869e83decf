"""Quotes under other writing conventions: the dev and train gold articles rewritten as other sources
write Arabic news, scored with the same gold (issue 13, eighth round).

The rules were written on SaudiNewsNet and MultiLing text, which is untokenized and uses the Arabic
comma; much Arabic news reaches a reader otherwise: pre-tokenized corpora (ANERcorp and other NLP
releases: every punctuation mark a token of its own, quotation marks apart from the words, the clitic
of لـ"…" written apart), Latin punctuation (Maghrebi and web text: "," and ";" for ، and ؛), straight
quotation marks instead of «» and “”, one line per story with no paragraph breaks. Statements do not
change with such spelling, so a reading that holds on text nobody tuned on must not change either:
this benchmark measures how much of the dev figure each convention costs. Gold contents and speakers
are matched by their normalized words (``quotes.match``), so the gold needs no remapping.

Only the dev and train splits are loaded (never a test split). Variants:
- ``tokens``: every punctuation mark and quotation mark apart from the words (joined as the benchmark
  joins ANERcorp: no space before . ، : ; ! ? ) , and none after ( ); لـ → ل ـ;
- ``latin``: ، → , and ؛ → ; (the words untouched);
- ``straight``: «» “” → " (the words untouched);
- ``oneline``: paragraph breaks → spaces;
- ``all``: the four together.

    python benchmarks/quotes_robust.py               # every variant, speaker+content per split group
    python benchmarks/quotes_robust.py --quick       # exit 1 when ``all`` loses more than the floor
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from marsad.ingest import build_article
from marsad.ingest.readers import RawArticle
from marsad.model import Article, Corpus, Quote
from marsad.stages.quotes.stage import find_all
from quotes import (
    _NO_SPACE_AFTER,
    _NO_SPACE_BEFORE,
    DEV_SPLITS,
    SPAN_MATCH,
    TRAIN_SPLITS,
    GoldSources,
    gold_article,
    load_gold,
    match,
    prf,
    speaker_ok,
)

#: numbers, words (letters and marks) and single punctuation marks; a tatweel ending a word is its own token
_TOKEN = re.compile(
    r"\d+(?:[.,٫]\d+)*|[^\W_\u0640](?:[^\W_\u0640]|[\u064B-\u065F\u0670]|\u0640(?=[^\W_\u0640]))*|\u0640|[^\w\s]"
)
#: how much speaker+content F1 the ``all`` variant may lose against the text as written (``--quick``)
MAX_F1_LOSS = 0.05


def tokens_apart(text: str) -> str:
    """``text`` as a pre-tokenized corpus writes it: each line's tokens joined by single spaces,
    no space before closing punctuation nor after an opening parenthesis."""
    lines = []
    for line in text.split("\n"):
        joined = " ".join(_TOKEN.findall(line))
        lines.append(_NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", joined)))
    return "\n".join(lines)


def latin_punctuation(text: str) -> str:
    """The Arabic comma and semicolon written as Latin ones."""
    return text.replace("،", ",").replace("؛", ";")


def straight_quotes(text: str) -> str:
    """Guillemets and curly quotation marks written as the straight double quotation mark."""
    return re.sub("[«»“”„]", '"', text)


def one_line(text: str) -> str:
    """Paragraph breaks written as spaces."""
    return re.sub(r"\s*\n\s*", " ", text)


VARIANTS: dict[str, Callable[[str], str]] = {
    "as written": lambda t: t,
    "tokens": tokens_apart,
    "latin": latin_punctuation,
    "straight": straight_quotes,
    "oneline": one_line,
    "all": lambda t: one_line(straight_quotes(latin_punctuation(tokens_apart(t)))),
}


def rewrite(article: Article, how: Callable[[str], str]) -> Article:
    """The article ingested again from its text rewritten by ``how`` (same url)."""
    raw = RawArticle(text=how(article.text), path=article.url or article.id, source_key=article.url or article.id,
                     kind="jsonl", url=article.url)
    rewritten, _ = build_article(raw)
    if rewritten is None:
        raise SystemExit(f"rewritten article could not be read: {article.url}")
    return rewritten


def score(
    gold: list[dict], articles: list[Article], lost: dict[tuple[str, int], str] | None = None
) -> dict[str, tuple[int, int, int]]:
    """(right speaker+content, predicted, gold) per split group ("dev", "train"). With ``lost``, the
    key (url, gold index) of every gold statement found right, with its text, is written into it."""
    quotes = find_all(Corpus(articles=articles))
    by_article: dict[str, list[Quote]] = {}
    for q in quotes:
        by_article.setdefault(q.article, []).append(q)
    out: dict[str, list[int]] = {}
    for g, a in zip(gold, articles, strict=True):
        group = "train" if g["split"] in TRAIN_SPLITS else "dev"
        pred = by_article.get(a.id, [])
        right = 0
        for gi, pi in match(g["quotes"], pred, SPAN_MATCH):
            if speaker_ok(g["quotes"][gi]["speaker"], pred[pi]):
                right += 1
                if lost is not None:
                    lost[(g["url"], gi)] = f"{g['quotes'][gi]['speaker']} | {g['quotes'][gi]['content'][:80]}"
        t = out.setdefault(group, [0, 0, 0])
        t[0] += right
        t[1] += len(pred)
        t[2] += len(g["quotes"])
    return {k: (v[0], v[1], v[2]) for k, v in out.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="only 'all'; exit 1 when F1 falls more than the floor")
    ap.add_argument("--variant", action="append", help="variants to run (default: every one)")
    ap.add_argument("--diff", action="store_true", help="list (stderr) the statements each variant loses or gains")
    args = ap.parse_args(argv)
    gold = [g for g in load_gold() if g.get("split", "dev") in DEV_SPLITS + TRAIN_SPLITS]
    sources = GoldSources(gold)
    written = [gold_article(g["url"], sources) for g in gold]
    if any(a is None for a in written):
        raise SystemExit("a gold article can no longer be read")
    names = args.variant or (["as written", "all"] if args.quick else list(VARIANTS))
    if "as written" not in names:
        names = ["as written", *names]
    print("quotes under other writing conventions (dev and train gold, rewritten); speaker+content")
    print(f"{'variant':12} {'dev P / R / F1':>24} {'train P / R / F1':>24}")
    f1s: dict[str, float] = {}
    found: dict[str, dict[tuple[str, int], str]] = {}
    for name in names:
        articles = [rewrite(a, VARIANTS[name]) for a in written if a is not None]
        found[name] = {}
        tallies = score(gold, articles, found[name])
        cells = []
        total = [0, 0, 0]
        for group in ("dev", "train"):
            right, pred, n_gold = tallies.get(group, (0, 0, 0))
            total = [total[0] + right, total[1] + pred, total[2] + n_gold]
            p, r, f = prf(right, pred, right, n_gold)
            cells.append(f"{p:.3f} / {r:.3f} / {f:.3f}")
        f1s[name] = prf(total[0], total[1], total[0], total[2])[2]
        print(f"{name:12} {cells[0]:>24} {cells[1]:>24}   (all: F1 {f1s[name]:.3f})")
        if args.diff and name != "as written":
            for key in sorted(set(found["as written"]) - set(found[name])):
                print(f"  lost in {name}: {key[0]} #{key[1]}: {found['as written'][key]}", file=sys.stderr)
            for key in sorted(set(found[name]) - set(found["as written"])):
                print(f"  gained in {name}: {key[0]} #{key[1]}: {found[name][key]}", file=sys.stderr)
    if args.quick and "all" in f1s:
        loss = f1s["as written"] - f1s["all"]
        if loss > MAX_F1_LOSS:
            print(f"BELOW FLOOR [robustness]: 'all' loses {loss:.3f} F1 (at most {MAX_F1_LOSS})")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
