"""Choose the articles of the quotes TRAIN2 split (issue 13, thirteenth round): reproducible, blind to the system.

A larger training split for the learned components of the quotes stage (the scorer, the cue lexicon,
the CRF candidate generator; the registration is in ``docs/quotes.md``, "A larger training split").
Drawn as ``select_quotes_train.py`` drew ``train``: SaudiNewsNet only (the held-out ``test_unseen``
draws on ANERcorp and the Omani TIMEX corpus; ``test``'s articles are left out by url), and:

- no url of any file of ``benchmarks/data`` as it stood at the draw (``FROZEN_FILES``: every quotes
  gold file, test splits included, and the entities, NER, TIMEX, claims and story files), nor an
  article holding a sentence of the out-of-domain NER test set (no url there: its first eight tokens);
- no record in ``EXCLUDED_RECORDS`` (0-based lines of ``articles.jsonl.gz``; a url such a record holds
  is left out everywhere): the records where earlier rounds computed or read the quotes stage's
  output, and those the lead reserved;
- 300–1,600 characters with at least two matches of the first gold set's reporting-word expression;
- sorted, shuffled with ``SEED``, the first ``SIZE``. Nothing here reads the quotes stage's output.

``--batches DIR`` also writes the annotators' batch files (``DIR/batches/batch_NN.txt``: each article
as marsad ingests it, title apart, then the text ``quotes_ann.py`` reads) and ``DIR/AGREEMENT.md`` (the
30 articles of batches 01–03 repeated, blind, in batch 13). ``--check N FILE`` checks an annotator's
``.ann`` file for batch N: every article present, seven fields, every snippet found. ``--assemble DIR``
(phase 2) joins the annotators' files ``DIR/ann/batch_NN.ann`` into ``quotes_train2.ann`` (batches
01–12 and batch 13's fresh articles; each batch headed by its annotator) and
``quotes_train2_agreement.ann`` (batch 13's second annotation of the 30 repeated articles, kept apart:
their gold is the first annotation).

    python benchmarks/data/select_quotes_train2.py                 # prints: train2<TAB>n<TAB>outlet<TAB>record<TAB>url
    python benchmarks/data/select_quotes_train2.py --batches /work/runs/s17/quotes
    python benchmarks/data/select_quotes_train2.py --check 1 /work/runs/s17/quotes/ann/batch_01.ann
    python benchmarks/data/select_quotes_train2.py --assemble /work/runs/s17/quotes
    python benchmarks/data/select_quotes_train2.py --agreement      # batch 13's repeats against batches 01–03
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

from ner_ood_sample import tokenize
from quotes_selection import REPORTING, SAUDI

DATA = Path(__file__).resolve().parent
#: the data files whose articles are left out, as ``benchmarks/data`` stood at the draw (frozen, so that
#: files added later — this split's own among them — do not change the draw)
FROZEN_FILES = (
    "claims_gold.jsonl", "claims_pairs.jsonl", "entities_agreement_11.jsonl", "entities_sample.jsonl",
    "entities_sample_2.jsonl", "entities_sample_3.jsonl", "entities_sample_4.jsonl", "entities_sample_5.jsonl",
    "entities_sample_6.jsonl", "entities_sample_7.jsonl", "entities_sample_8.jsonl", "entities_sample_9.jsonl",
    "entities_sample_10.jsonl", "entities_sample_11.jsonl", "entities_sample_12.jsonl",
    "entities_sample_13.jsonl", "entities_sample_14.jsonl", "entities_sample_15.jsonl",
    "entities_sample_16.jsonl", "entities_sample_17.jsonl", "entities_sample_18.jsonl",
    "ner_ood_sources.txt", "ner_ood_test.txt", "ner_snn2_agreeD_on_C.tsv", "ner_snn2_annC.tsv",
    "ner_snn2_annD.tsv", "ner_snn2_annE.tsv", "ner_snn2_annF.tsv", "ner_snn2_dev.txt",
    "ner_snn2_dev_sources.txt", "ner_snn2_train.txt", "ner_snn2_train_sources.txt", "ner_snn_annA.tsv",
    "ner_snn_annB.tsv", "ner_snn_dev.txt", "ner_snn_dev_sources.txt", "ner_snn_train.txt",
    "ner_snn_train_sources.txt", "quotes_dev10.ann", "quotes_dev11.ann", "quotes_dev5.ann", "quotes_dev7.ann",
    "quotes_dev8.ann", "quotes_dev9.ann", "quotes_gold.jsonl", "quotes_gold_dev10.jsonl",
    "quotes_gold_dev11.jsonl", "quotes_gold_dev7.jsonl", "quotes_gold_dev8.jsonl", "quotes_gold_dev9.jsonl",
    "quotes_gold_ood.jsonl", "quotes_gold_train.jsonl", "quotes_gold_unseen.jsonl", "quotes_test_unseen.ann",
    "quotes_train.ann", "story_clusters_dev.jsonl", "story_clusters_place_dev.jsonl",
    "story_clusters_test.jsonl", "story_pairs.jsonl", "timex_dev.ann", "timex_dev.jsonl", "timex_test.ann",
    "timex_test.jsonl",
)
#: 0-based record ranges left out (inclusive): 0–2,999 (the benchmark's throughput run), 1,000–2,499
#: (eighth and ninth rounds), 3,000–9,999 (reserved by the lead; tenth and eleventh rounds read
#: 3,000–8,499), 10,000–12,999 (twelfth round), 30,200–31,029 (reserved by the lead)
EXCLUDED_RECORDS = ((0, 12999), (30200, 31029))
MIN_CHARS, MAX_CHARS = 300, 1600
MIN_REPORTING = 2
SEED, SIZE = 20261207, 620
#: batches 01–12 hold articles 1–600 of the seeded order, 50 each; batch 13 the 20 left and the repeats
BATCH, MAIN = 50, 600
#: the agreement check: this many articles from each of batches 01–03, drawn with this seed
AGREE_SEED, AGREE_FROM, AGREE_PER = 20261208, (1, 2, 3), 10
_URL = re.compile(r"https?://[^\s\"|]+")
#: where the annotators write their files (named in the batch headers)
ANN_DIR = "/work/runs/s17/quotes/ann"
#: who annotated each batch (seven AI annotator agents, one letter each; batch 13 did none of 01–03)
ANNOTATORS = {b: "AABBCCDDEEFFG"[b - 1] for b in range(1, 14)}
#: the files ``--assemble`` writes
TRAIN2_ANN, AGREEMENT_ANN = DATA / "quotes_train2.ann", DATA / "quotes_train2_agreement.ann"


def _strings(value: Any) -> list[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def data_urls() -> set[str]:
    """Every url any frozen data file names (JSON values, or url-shaped words of text files)."""
    urls: set[str] = set()
    for name in FROZEN_FILES:
        text = (DATA / name).read_text(encoding="utf-8")
        if name.endswith(".jsonl"):
            for line in text.splitlines():
                if line.strip():
                    urls.update(s for s in _strings(json.loads(line)) if s.startswith("http"))
        else:
            urls.update(u.rstrip(",;)") for u in _URL.findall(text))
    return urls


def ner_ood_keys() -> list[str]:
    """The first eight tokens of every SaudiNewsNet sentence of the out-of-domain NER test set."""
    sources = (DATA / "ner_ood_sources.txt").read_text(encoding="utf-8").splitlines()
    blocks = [b for b in (DATA / "ner_ood_test.txt").read_text(encoding="utf-8").split("\n\n") if b.strip()]
    keys = []
    for source, block in zip(sources, blocks, strict=True):
        if source.startswith("saudinewsnet:"):
            tokens = [line.split()[0] for line in block.splitlines() if line.strip()]
            keys.append(" ".join(tokens[:8]))
    return keys


def _excluded(i: int) -> bool:
    return any(lo <= i <= hi for lo, hi in EXCLUDED_RECORDS)


def select() -> list[tuple[str, int, str]]:
    """``(outlet, record, url)`` of the split's ``SIZE`` articles in the seeded order."""
    taken = data_urls()
    keys = ner_ood_keys()
    pool: dict[str, tuple[str, int, str]] = {}
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            rec = json.loads(line)
            url = rec["url"]
            if _excluded(i):
                taken.add(url)
                continue
            pool.setdefault(url, (rec["source"], i, rec["content"]))
    candidates = []
    for url, (_, _, text) in pool.items():
        if url in taken or not MIN_CHARS <= len(text) <= MAX_CHARS:
            continue
        if len(REPORTING.findall(text)) < MIN_REPORTING:
            continue
        joined = " ".join(tokenize(text))
        if any(k in joined for k in keys):
            continue
        candidates.append(url)
    candidates.sort()
    random.Random(SEED).shuffle(candidates)
    return [(pool[u][0], pool[u][1], u) for u in candidates[:SIZE]]


def batches(chosen: list[tuple[str, int, str]]) -> tuple[dict[int, list[int]], list[int]]:
    """Batch number -> positions (0-based in the seeded order), and the positions repeated in batch 13."""
    out = {b + 1: list(range(b * BATCH, (b + 1) * BATCH)) for b in range(MAIN // BATCH)}
    rng = random.Random(AGREE_SEED)
    repeats = [p for b in AGREE_FROM for p in sorted(rng.sample(out[b], AGREE_PER))]
    last = list(range(MAIN, len(chosen))) + repeats
    rng.shuffle(last)
    out[MAIN // BATCH + 1] = last
    return out, repeats


def _articles(urls: set[str]) -> dict[str, Any]:
    """The articles as marsad ingests them (the quotes benchmark's reader; ingestion only)."""
    sys.path.insert(0, str(DATA.parent))
    from quotes import read_saudi, to_article

    return {r["url"]: to_article(r) for r in read_saudi(urls)}


def write_batches(root: Path, chosen: list[tuple[str, int, str]]) -> None:
    plan, repeats = batches(chosen)
    articles = _articles({u for _, _, u in chosen})
    (root / "batches").mkdir(parents=True, exist_ok=True)
    for b, positions in plan.items():
        out = root / "batches" / f"batch_{b:02d}.txt"
        lines = [
            f"# marsad quotes annotation, split train2 (issue 13), batch {b:02d}: {len(positions)} articles",
            "# Read the guidelines first: /work/runs/s17/quotes/GUIDE.md",
            f"# Write your annotations to: {ANN_DIR}/batch_{b:02d}.ann",
            "# One line per statement:",
            "#   key | speaker | cue | content starts with | content ends with | direct (1/0) | via",
            "# An article with no statement: key | -      (every article of this batch must appear at least once)",
            "# Copy snippets from the TEXT block only (never from the TITLE line); the key is the KEY line.",
            "# Check your file: cd /work/main && /work/venv/bin/python benchmarks/data/select_quotes_train2.py"
            f" --check {b} {ANN_DIR}/batch_{b:02d}.ann",
            "",
        ]
        for n, p in enumerate(positions, 1):
            outlet, _, url = chosen[p]
            article = articles[url]
            lines += [
                f"======== ARTICLE {n}/{len(positions)} ========",
                f"KEY: {url}",
                f"OUTLET: {outlet}",
                f"TITLE (not part of the text): {article.title or ''}",
                "TEXT:",
                article.text,
                f"======== END OF ARTICLE {n}/{len(positions)} ========",
                "",
            ]
        out.write_text("\n".join(lines), encoding="utf-8")
    rows = [
        "# Agreement check of train2 (issue 13, thirteenth round) — NOT for annotators' eyes",
        "",
        f"Batch {MAIN // BATCH + 1:02d} repeats these {len(repeats)} articles (drawn with seed {AGREE_SEED},"
        f" {AGREE_PER} from each of batches {', '.join(f'{b:02d}' for b in AGREE_FROM)}), shuffled among"
        f" the {len(chosen) - MAIN} fresh articles {MAIN + 1}–{len(chosen)} of the seeded order.",
        f"Batch {MAIN // BATCH + 1:02d} must go to an annotator who did none of batches"
        f" {', '.join(f'{b:02d}' for b in AGREE_FROM)} and must not be told which articles are repeated.",
        "The gold of these articles is the first annotation (their batch 01–03); the second is for the"
        " agreement figure only (registered in docs/quotes.md).",
        "",
        "| first batch | position in seeded order | outlet | url |",
        "|---|---|---|---|",
    ]
    for p in repeats:
        outlet, _, url = chosen[p]
        rows.append(f"| {p // BATCH + 1:02d} | {p + 1} | {outlet} | {url} |")
    (root / "AGREEMENT.md").write_text("\n".join(rows) + "\n", encoding="utf-8")


def check(batch: int, ann: Path) -> int:
    """Problems of an annotator's file for ``batch`` (printed); exit status 1 when there are any."""
    chosen = select()
    plan, _ = batches(chosen)
    keys = [chosen[p][2] for p in plan[batch]]
    articles = _articles(set(keys))
    problems: list[str] = []
    seen: set[str] = set()
    for n, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("|")]
        key = fields[0]
        if key not in articles:
            problems.append(f"line {n}: key not in batch {batch:02d}: {key[:80]}")
            continue
        seen.add(key)
        if fields[1:] == ["-"]:
            continue
        if len(fields) != 7:
            problems.append(f"line {n}: {len(fields)} fields, not 7 (key | speaker | cue | start | end | direct | via)")
            continue
        _, speaker, cue, first, last, direct, _ = fields
        text = articles[key].text
        start = text.find(first) if first else -1
        end = text.find(last, start) if start >= 0 and last else -1
        if not speaker or not cue:
            problems.append(f"line {n}: empty speaker or cue")
        if direct not in ("0", "1"):
            problems.append(f"line {n}: direct must be 1 or 0, not {direct!r}")
        if start < 0:
            problems.append(f"line {n}: start snippet not found in the TEXT: {first!r}")
        elif end < 0:
            problems.append(f"line {n}: end snippet not found after the start: {last!r}")
    for key in keys:
        if key not in seen:
            problems.append(f"article missing (write `key | -` if it holds no statement): {key}")
    for p in problems:
        print(p)
    print(f"batch {batch:02d}: {len(seen)}/{len(keys)} articles, {len(problems)} problem(s)")
    return 1 if problems else 0


def _owners(lines: list[str], keys: set[str]) -> list[str]:
    """The article each non-blank line of an annotator's file belongs to: a data line its key; a comment
    the article it names (its label before the first colon ends with a word of exactly one key: ``aleqt
    980174``, ``alriyadh/1070784``, ``al-jazirah ms5``), else the next data line's (the last one's at the
    end of the file); ``""`` for a comment before the first data line that names no article (the file's head)."""
    data = [line.split("|", 1)[0].strip() if not line.startswith("#") else "" for line in lines]
    owners = []
    for n, line in enumerate(lines):
        if data[n]:
            owners.append(data[n])
            continue
        label = line.lstrip("# ").split(":", 1)[0].replace("/", " ").split()
        named = [k for k in keys if label and len(label[-1]) >= 3 and label[-1] in k]
        if len(named) == 1:
            owners.append(named[0])
            continue
        before = next((k for k in reversed(data[:n]) if k), "")
        after = next((k for k in data[n + 1 :] if k), before)
        owners.append(after if before else "")
    return owners


def assemble(root: Path) -> int:
    """Write ``TRAIN2_ANN`` and ``AGREEMENT_ANN`` from the annotators' files ``root/ann/batch_NN.ann``."""
    chosen = select()
    plan, repeats = batches(chosen)
    repeated = {chosen[p][2] for p in repeats}
    head = [
        "# train2 (issue 13, thirteenth round): statements written by hand, blind, before the quotes stage ran on",
        "# these articles (benchmarks/data/select_quotes_train2.py; registration and guide: docs/quotes.md,",
        "# benchmarks/data/quotes_train2_guide.md). Assembled by `select_quotes_train2.py --assemble`; each batch",
        "# is headed by its annotator; the annotators' own # notes are kept as they wrote them.",
        "# key | speaker | cue | content starts with | content ends with | direct (1/0) | via (comma-separated)",
        "# (an article with no statement: key | -; cue `(يتابع)`: a continuation with no cue word in the text)",
    ]
    train, agree = list(head), [
        "# train2 agreement (issue 13, thirteenth round): batch 13's second, blind annotation of the 30 articles",
        "# of batches 01–03 it repeated (annotator G, not told which). Not gold: the gold of these articles is",
        "# the first annotation in quotes_train2.ann; this file only measures agreement.",
    ]
    for b, positions in sorted(plan.items()):
        keys = {chosen[p][2] for p in positions}
        lines = [x for x in (root / "ann" / f"batch_{b:02d}.ann").read_text(encoding="utf-8").splitlines() if x.strip()]
        owners = _owners(lines, keys)
        found = {k for k, x in zip(owners, lines, strict=True) if not x.startswith("#")}
        if found != keys:
            raise SystemExit(f"batch {b:02d}: keys differ from the plan ({len(found ^ keys)} differ)")
        title = f"# ---- batch {b:02d}, annotator {ANNOTATORS[b]} ----"
        train.append(title)
        if b == max(plan):
            agree.append(title)
        for key, line in zip(owners, lines, strict=True):
            if b == max(plan) and (key in repeated or not key):
                agree.append(line)
            if not (b == max(plan) and key in repeated):
                train.append(line)
    TRAIN2_ANN.write_text("\n".join(train) + "\n", encoding="utf-8")
    AGREEMENT_ANN.write_text("\n".join(agree) + "\n", encoding="utf-8")
    print(f"wrote {TRAIN2_ANN.name} ({len(chosen)} articles) and {AGREEMENT_ANN.name} ({len(repeated)} articles)")
    return 0


def agreement() -> int:
    """Batch 13's second annotation of the 30 repeated articles against their first (the gold), with the
    quotes benchmark's matching: P/R/F1 of speaker+content and of content alone, and the articles where
    the two disagree on whether any statement exists."""
    sys.path.insert(0, str(DATA.parent))
    from quotes_ann import gold_lines

    from marsad.model import Quote, Speaker
    from quotes import match, prf, speaker_ok

    second = {g["url"]: g["quotes"] for g in gold_lines(str(AGREEMENT_ANN), "agreement")}
    first = {g["url"]: g["quotes"] for g in gold_lines(str(TRAIN2_ANN), "train2") if g["url"] in second}
    both = content = n_first = n_second = exists = 0
    for url in sorted(second):
        gq = first[url]
        pred = [
            Quote(f"a{n}", url, 0, Speaker(q["speaker"]), q["cue"], q["content"], q["direct"], 0, 0, 0, 0, q["via"])
            for n, q in enumerate(second[url])
        ]
        pairs = match(gq, pred, 0.5)
        content += len(pairs)
        both += sum(speaker_ok(gq[gi]["speaker"], pred[pi]) for gi, pi in pairs)
        n_first += len(gq)
        n_second += len(pred)
        exists += bool(gq) != bool(pred)
    print(f"agreement on {len(second)} articles: first annotation {n_first} statements, second {n_second}")
    for name, right in (("speaker+content", both), ("content only", content)):
        p, r, f1 = prf(right, n_second, right, n_first)
        print(f"  {name:16} P {p:.3f} R {r:.3f} F1 {f1:.3f}  ({right} matched)")
    print(f"  articles disagreeing on whether any statement exists: {exists}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--batches", type=Path, help="write DIR/batches/batch_NN.txt and DIR/AGREEMENT.md")
    ap.add_argument("--check", nargs=2, metavar=("N", "FILE"), help="check an annotator's .ann file for batch N")
    ap.add_argument("--assemble", type=Path, help="join DIR/ann/batch_NN.ann into quotes_train2(_agreement).ann")
    ap.add_argument("--agreement", action="store_true", help="batch 13's repeats against their first annotation")
    args = ap.parse_args(argv)
    if args.agreement:
        return agreement()
    if args.check:
        return check(int(args.check[0]), Path(args.check[1]))
    if args.assemble:
        return assemble(args.assemble)
    chosen = select()
    if args.batches:
        write_batches(args.batches, chosen)
    for n, (outlet, rec, url) in enumerate(chosen, 1):
        print(f"train2\t{n}\t{outlet}\t{rec}\t{url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
