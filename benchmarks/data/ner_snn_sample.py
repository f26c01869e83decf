"""SaudiNewsNet NER training sentences: the draw, and the hand labels turned into CoNLL (issue 13).

    python benchmarks/data/ner_snn_sample.py draw --out DIR          # run once: DIR/batchA.txt, batchB.txt
    python benchmarks/data/ner_snn_sample.py convert --sentences DIR/batchA.txt DIR/batchB.txt \\
        --labels DIR/annA.tsv DIR/annB.tsv --out benchmarks/data
    python benchmarks/data/ner_snn_sample.py draw --round 2 --out DIR2   # DIR2/batchC.txt ... batchF.txt
    python benchmarks/data/ner_snn_sample.py convert --round 2 --sentences DIR2/batch?.txt \\
        --labels DIR2/ann?.tsv --out benchmarks/data                    # ner_snn2_train.txt, ner_snn2_dev.txt

``draw``: a seeded random choice in which no model plays any part. 600 sentences of 12-40 tokens
(tokenized as ANERcorp, ``ner_ood_sample.tokenize``) from SaudiNewsNet records 0-19,999 only (file order;
records from 20,000 on are kept for the entity samples and are never read), at most 2 sentences per
article, the articles taken in turn from every outlet. Excluded: any article used by a gold file of
benchmarks/data (its URL appears in one, or its title is a gold title), and any article with a sentence
sharing 6 consecutive tokens with ``ner_ood_test.txt``. Output lines: ``id<TAB>source<TAB>tokens``;
``draw.tsv`` records each sentence's article (draw index, record number, URL).

Round 2 (2 December 2026, written before it was drawn): 1,200 more sentences, seed 2718, ids snn600-snn1799
in four batches of 300 (C-F), from records 0-2,999 and 10,000-19,999 only (records 3,000-9,999 are kept for
the entity samples 17 and 18, and are never read here), with the round-1 articles excluded too (their URLs
are in ``ner_snn_*_sources.txt``). Its sentences go to ``ner_snn2_train.txt`` / ``ner_snn2_dev.txt``, split
by the same rule over the round's own draw index.

Round 3 (2 December 2026, written before it was drawn; docs/entities.md): 1,200 more sentences made the same
way as round 2 — seed 3141, ids snn1800-snn2999 in four batches of 300 (G-J), the same records, rounds 1 and
2's articles excluded — into ``ner_snn3_train.txt`` / ``ner_snn3_dev.txt``.

Round 4 (2 December 2026, written before it was drawn; docs/entities.md): 1,200 more the same way — seed 1414,
ids snn3000-snn4199 in four batches of 300 (K-N), the same records, rounds 1-3's articles excluded — into
``ner_snn4_train.txt`` / ``ner_snn4_dev.txt``.

``convert``: per sentence, the hand labels ``id<TAB>TYPE<TAB>surface`` (or ``id<TAB>NONE``; an optional
fourth field ``k`` labels only the k-th occurrence of the surface) become BIO tags as ANERcorp train
(B-PERS, I-PERS, B-LOC, ...). A surface is matched as whole tokens; all its occurrences are labelled,
longer surfaces first, and a surface that is not found, overlaps another label, or a sentence without
any label line, stops the conversion. Split, fixed before any figure: the sentences of articles whose
draw index is 0 mod 5 are SNN dev, the others SNN train.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ner_ood_sample import sentences, tokenize

from _shared import urls_in

DATA = Path(__file__).resolve().parent
SHARED = DATA.parents[2] / "shared"
CORPUS = SHARED / "corpus" / "saudinewsnet" / "articles.jsonl.gz"
RECORDS = 20_000  # records 0..19,999 only


@dataclass(frozen=True)
class Round:
    """One draw: its seed, size, records read, first sentence id and batch names."""

    seed: int
    total: int
    records: tuple[range, ...]
    first_id: int
    batches: tuple[str, ...]
    prefix: str  # output files: {prefix}_train.txt, {prefix}_dev.txt
    later: tuple[str, ...] = ()  # files of benchmarks/data added after the draw: not read, so it draws the same
    later_rounds: tuple[str, ...] = ()  # gold lines (JSONL, their "round") added to older files after the draw


#: gold files added after round 3 was drawn (13:42 UTC, 2 December 2026)
_AFTER_ROUND_3 = ("families_train.jsonl",)
#: gold files added after rounds 1 and 2 were drawn (a new file of benchmarks/data joins these tuples and
#: round 3's, or the earlier draws change), and the rounds of gold lines appended to older files since
_AFTER_ROUND_2 = ("entities_sample_17.jsonl", "entities_sample_18.jsonl", "quotes_gold_train2.jsonl",
                  "quotes_train2.ann", "quotes_train2_agreement.ann", "quotes_train2_guide.md",
                  "claims_dev_pairs_labels.jsonl", "families_dev.jsonl", *_AFTER_ROUND_3)
_ROUNDS_AFTER_ROUND_2 = ("test2", "dev2", "test3")  # claims_gold.jsonl
ROUNDS = {
    1: Round(1513, 600, (range(0, RECORDS),), 0, ("A", "B"), "ner_snn", _AFTER_ROUND_2, _ROUNDS_AFTER_ROUND_2),
    2: Round(2718, 1200, (range(0, 3_000), range(10_000, RECORDS)), 600, ("C", "D", "E", "F"), "ner_snn2",
             _AFTER_ROUND_2, _ROUNDS_AFTER_ROUND_2),
    3: Round(3141, 1200, (range(0, 3_000), range(10_000, RECORDS)), 1800, ("G", "H", "I", "J"), "ner_snn3",
             _AFTER_ROUND_3),
    4: Round(1414, 1200, (range(0, 3_000), range(10_000, RECORDS)), 3000, ("K", "L", "M", "N"), "ner_snn4"),
}
PER_ARTICLE = 2
NGRAM = 6
TYPES = ("PERS", "LOC", "ORG", "MISC")
DEV_MOD = 5


def gold_urls_and_titles(earlier: tuple[str, ...] = (), later: tuple[str, ...] = (),
                         later_rounds: tuple[str, ...] = ()) -> tuple[set[str], set[str]]:
    """Every URL in a file of benchmarks/data and every ``title`` of its JSON lines; of the NER files only
    the sources of the ``earlier`` rounds (their prefixes), none of the files ``later`` names and no JSON
    line whose ``round`` is in ``later_rounds``, so a round draws the same after later gold is stored."""
    urls: set[str] = set()
    titles: set[str] = set()
    for path in sorted(DATA.iterdir()):
        if path.suffix not in (".jsonl", ".txt", ".ann", ".md") or path.name in later:
            continue
        sources_of_earlier = any(path.name in (f"{e}_train_sources.txt", f"{e}_dev_sources.txt") for e in earlier)
        if path.name.startswith("ner_snn") and not sources_of_earlier:
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix != ".jsonl":
            urls |= urls_in(text)
            continue
        for line in text.splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                urls |= urls_in(line)
                continue
            if isinstance(row, dict) and row.get("round") in later_rounds:
                continue
            urls |= urls_in(line)
            if isinstance(row, dict) and isinstance(row.get("title"), str):
                titles.add(" ".join(row["title"].split()))
    return urls, titles


def ngrams(tokens: list[str], n: int = NGRAM) -> set[tuple[str, ...]]:
    """The n-grams of consecutive tokens."""
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def ood_ngrams() -> set[tuple[str, ...]]:
    """6-grams of the out-of-domain test sentences."""
    grams: set[tuple[str, ...]] = set()
    for sent in read_conll(DATA / "ner_ood_test.txt"):
        grams |= ngrams([tok for tok, _ in sent])
    return grams


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of a CoNLL file (``token TAG`` lines, blank line between sentences)."""
    sents: list[list[tuple[str, str]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sents[-1]:
                sents.append([])
            continue
        tok, tag = line.rsplit(" ", 1)
        sents[-1].append((tok, tag))
    return [s for s in sents if s]


def draw(out: Path, rnd: Round) -> None:
    """Write the round's batches of 300 sentences (batchA.txt, ...) and draw.tsv to ``out``."""
    urls, titles = gold_urls_and_titles(tuple(r.prefix for r in ROUNDS.values() if r.first_id < rnd.first_id),
                                        rnd.later, rnd.later_rounds)
    ood = ood_ngrams()
    by_outlet: dict[str, list[tuple[int, str, list[list[str]]]]] = {}
    excluded = {"gold": 0, "ood": 0}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for rec, line in enumerate(itertools.islice(fh, RECORDS)):
            if not any(rec in r for r in rnd.records):
                continue
            art = json.loads(line)
            if art["url"] in urls or " ".join(art.get("title", "").split()) in titles:
                excluded["gold"] += 1
                continue
            sents = [tokenize(s) for s in sentences(art.get("content", ""))]
            if any(ngrams(s) & ood for s in sents):
                excluded["ood"] += 1
                continue
            ok = [s for s in sents if 12 <= len(s) <= 40]
            if ok:
                by_outlet.setdefault(art["source"], []).append((rec, art["url"], ok))
    rng = random.Random(rnd.seed)
    outlets = sorted(by_outlet)
    for outlet in outlets:
        rng.shuffle(by_outlet[outlet])
    rows: list[tuple[int, int, str, str, list[str]]] = []  # draw index, record, outlet, url, tokens
    seen: set[tuple[str, ...]] = set()
    position = {o: 0 for o in outlets}
    article_index = 0
    while len(rows) < rnd.total and any(position[o] < len(by_outlet[o]) for o in outlets):
        for outlet in outlets:
            if len(rows) >= rnd.total or position[outlet] >= len(by_outlet[outlet]):
                continue
            rec, url, ok = by_outlet[outlet][position[outlet]]
            position[outlet] += 1
            fresh = [s for s in ok if tuple(s) not in seen]
            if not fresh:
                continue
            picked = rng.sample(fresh, min(PER_ARTICLE, len(fresh), rnd.total - len(rows)))
            picked.sort(key=fresh.index)
            for toks in picked:
                seen.add(tuple(toks))
                rows.append((article_index, rec, outlet, url, toks))
            article_index += 1
    out.mkdir(parents=True, exist_ok=True)
    size = rnd.total // len(rnd.batches)
    # the last batch first (round 1: the second annotator waited for it)
    for k in reversed(range(len(rnd.batches))):
        part, offset = rows[k * size : (k + 1) * size], rnd.first_id + k * size
        lines = [f"snn{offset + i:03d}\tsaudinewsnet:{r[2]}\t{' '.join(r[4])}" for i, r in enumerate(part)]
        write_atomic(out / f"batch{rnd.batches[k]}.txt", "\n".join(lines) + "\n")
    meta = [f"snn{rnd.first_id + i:03d}\t{r[0]}\t{r[1]}\t{r[2]}\t{r[3]}" for i, r in enumerate(rows)]
    write_atomic(out / "draw.tsv", "id\tarticle\trecord\toutlet\turl\n" + "\n".join(meta) + "\n")
    counts: dict[str, int] = {}
    for r in rows:
        counts[r[2]] = counts.get(r[2], 0) + 1
    print(f"{len(rows)} sentences from {article_index} articles; excluded {excluded}; per outlet {counts}")


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary name, then rename (a reader never sees half a file)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def bio(tokens: list[str], labels: list[tuple[str, str, int]], sid: str = "") -> list[str]:
    """BIO tags for ``tokens`` from (TYPE, surface, occurrence or 0 for all); raises ValueError."""
    tags = ["O"] * len(tokens)
    order = sorted(labels, key=lambda lab: -len(lab[1].split()))
    for typ, surface, occ in order:
        if typ not in TYPES:
            raise ValueError(f"{sid}: unknown type {typ!r}")
        words = surface.split()
        n = len(words)
        hits = [i for i in range(len(tokens) - n + 1) if tokens[i : i + n] == words]
        free = [i for i in hits if all(t == "O" for t in tags[i : i + n])]
        if occ:
            if occ > len(hits):
                raise ValueError(f"{sid}: occurrence {occ} of {surface!r} not found")
            chosen = [hits[occ - 1]]
            if chosen[0] not in free:
                raise ValueError(f"{sid}: {surface!r} overlaps another label")
        else:
            chosen = free
        if not chosen:
            why = "overlaps another label" if hits else "not found as whole tokens"
            raise ValueError(f"{sid}: surface {surface!r} {why}")
        for i in chosen:
            tags[i] = f"B-{typ}"
            for j in range(i + 1, i + n):
                tags[j] = f"I-{typ}"
    return tags


def read_labels(path: Path) -> dict[str, list[tuple[str, str, int]]]:
    """The hand labels of one file: sentence id -> [(TYPE, surface, occurrence)] ([] for NONE)."""
    out: dict[str, list[tuple[str, str, int]]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith(("#", "DONE")):  # comments; an annotator's end mark
            continue
        parts = line.rstrip("\n").split("\t")
        sid = parts[0].strip()
        if len(parts) >= 2 and parts[1].strip() == "NONE":
            if out.get(sid):
                raise ValueError(f"{path}:{n}: NONE for {sid}, which has names")
            out[sid] = []
            continue
        if len(parts) not in (3, 4):
            raise ValueError(f"{path}:{n}: expected id<TAB>TYPE<TAB>surface[<TAB>k], got {line!r}")
        occ = int(parts[3]) if len(parts) == 4 and parts[3].strip() else 0
        if sid in out and not out[sid]:
            raise ValueError(f"{path}:{n}: names for {sid}, marked NONE")
        out.setdefault(sid, []).append((parts[1].strip(), " ".join(parts[2].split()), occ))
    return out


def convert(sentence_files: list[Path], label_files: list[Path], out: Path, draw_tsv: Path, rnd: Round) -> None:
    """Write the round's {prefix}_train.txt / {prefix}_dev.txt and their sources files; print counts."""
    sents: dict[str, tuple[str, list[str]]] = {}
    for path in sentence_files:
        for line in path.read_text(encoding="utf-8").splitlines():
            sid, source, text = line.split("\t")
            sents[sid] = (source, text.split())
    labels: dict[str, list[tuple[str, str, int]]] = {}
    for path in label_files:
        for sid, labs in read_labels(path).items():
            if sid in labels:
                raise ValueError(f"{sid} labelled in two files")
            labels[sid] = labs
    missing = sorted(set(sents) - set(labels))
    extra = sorted(set(labels) - set(sents))
    if missing or extra:
        raise ValueError(f"sentences without labels {missing[:10]}... ; labels without sentence {extra[:10]}")
    article: dict[str, int] = {}
    url: dict[str, str] = {}
    for line in draw_tsv.read_text(encoding="utf-8").splitlines()[1:]:
        sid, art, _rec, _outlet, link = line.split("\t")
        article[sid], url[sid] = int(art), link
    splits: dict[str, list[str]] = {"train": [], "dev": []}
    for sid in sorted(sents):
        splits["dev" if article[sid] % DEV_MOD == 0 else "train"].append(sid)
    for split, ids in splits.items():
        conll, sources = [], []
        counts = dict.fromkeys(TYPES, 0)
        ntok = 0
        for sid in ids:
            source, tokens = sents[sid]
            tags = bio(tokens, labels[sid], sid)
            conll.append("\n".join(f"{t} {g}" for t, g in zip(tokens, tags, strict=True)) + "\n")
            sources.append(f"{sid}\t{source}\t{url[sid]}")
            ntok += len(tokens)
            for g in tags:
                if g.startswith("B-"):
                    counts[g[2:]] += 1
        write_atomic(out / f"{rnd.prefix}_{split}.txt", "\n".join(conll))
        write_atomic(out / f"{rnd.prefix}_{split}_sources.txt", "\n".join(sources) + "\n")
        print(f"{split}: {len(ids)} sentences, {ntok} tokens, {sum(counts.values())} names {counts}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--round", type=int, choices=sorted(ROUNDS), default=1)
    c = sub.add_parser("convert")
    c.add_argument("--round", type=int, choices=sorted(ROUNDS), default=1)
    c.add_argument("--sentences", type=Path, nargs="+", required=True)
    c.add_argument("--labels", type=Path, nargs="+", required=True)
    c.add_argument("--draw", type=Path, help="draw.tsv (default: beside the first sentences file)")
    c.add_argument("--out", type=Path, default=DATA)
    args = ap.parse_args(argv)
    if args.cmd == "draw":
        draw(args.out, ROUNDS[args.round])
    else:
        convert(args.sentences, args.labels, args.out, args.draw or args.sentences[0].parent / "draw.tsv",
                ROUNDS[args.round])
    return 0


if __name__ == "__main__":
    sys.exit(main())
