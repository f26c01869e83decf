"""Build marsad's own TIMEX3 gold sets (``benchmarks/data/timex_*.jsonl``) from hand annotations.

Two steps, both deterministic:

    python benchmarks/timex_gold.py select      # print the seeded choice of documents per split
    python benchmarks/timex_gold.py build       # timex_<split>.ann (hand-written) → timex_<split>.jsonl

An ``.ann`` file is written by the annotator: one block per document, ``## <doc>`` then one line
per expression in text order, ``surface | TYPE | value`` (``before [surface] after`` when the
surface alone also occurs earlier in another sense). ``build`` only finds each surface in the
document's text (searching on from the previous one) and stores its offsets; it never runs the
recognizer. The texts themselves are not copied: they are read from ``../shared`` at run time.
How the documents were chosen and annotated: ``benchmarks/data/README.md``.
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import SAUDI, SHARED

DATA = Path(__file__).resolve().parent / "data"
MULTILING = SHARED / "eval" / "multiling2011_ar" / "dev.jsonl"
SPLITS = ("dev", "test")
#: seeded sample of SaudiNewsNet per split: (seed, outlets, articles per outlet)
SAUDI_PLAN = {
    "test": (20260101, ("okaz", "alriyadh", "aljazirah", "alyaum", "almadina", "sabq",
                        "alweeam", "3alyoum", "aleqtisadiya", "was"), 2),
    "dev": (20260202, ("aawsat", "alwatan", "okaz", "alriyadh", "sabq", "aljazirah"), 2),
}
#: MultiLing (WikiNews, 2004–2009) topics per split: whole topics, so no story is in both
MULTILING_PLAN = {"test": (20260303, ("M001", "M003"), 4), "dev": (20260404, ("M000",), 4)}
MIN_CHARS, MAX_CHARS = 350, 1300


def multiling_docs() -> dict[str, tuple[str, str]]:
    """MultiLing doc id → (topic, text); the text is the paragraphs joined by newlines."""
    docs = {}
    with MULTILING.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            for d in row["documents"]:
                docs[d["doc_id"]] = (row["topic_id"], "\n".join(d["paragraphs"]))
    return docs


def saudi_records(urls: set[str] | None = None) -> dict[str, dict]:
    """SaudiNewsNet records by url (the first record per url); only ``urls`` when given."""
    out: dict[str, dict] = {}
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            url = row.get("url")
            if url in out or (urls is not None and url not in urls):
                continue
            out[url] = row
    return out


def select() -> dict[str, list[dict]]:
    """The documents of each split (test first; dev excludes test's urls and topics)."""
    records = saudi_records()
    by_outlet: dict[str, list[dict]] = {}
    for url in sorted(records):
        row = records[url]
        n = len(row.get("content") or "")
        if MIN_CHARS <= n <= MAX_CHARS:
            by_outlet.setdefault(row["source"], []).append(row)
    taken: set[str] = set()
    chosen: dict[str, list[dict]] = {}
    ml = multiling_docs()
    for split in ("test", "dev"):
        seed, outlets, per = SAUDI_PLAN[split]
        rng = random.Random(seed)
        docs = []
        for outlet in outlets:
            pool = [r for r in by_outlet.get(outlet, []) if r["url"] not in taken]
            for row in rng.sample(pool, per):
                taken.add(row["url"])
                docs.append({"doc": f"snn-{outlet}-{len(docs):02d}", "source": "saudinewsnet",
                             "url": row["url"], "dct": row["date_extracted"][:10]})
        seed, topics, per = MULTILING_PLAN[split]
        rng = random.Random(seed)
        for topic in topics:
            pool = sorted(d for d, (t, text) in ml.items()
                          if t == topic and MIN_CHARS <= len(text) <= 1600)
            for doc_id in sorted(rng.sample(pool, per)):
                docs.append({"doc": f"ml-{doc_id.split('.')[0]}", "source": "multiling2011",
                             "doc_id": doc_id, "dct": None})
        chosen[split] = docs
    return chosen


def doc_text(doc: dict, saudi: dict[str, dict], ml: dict[str, tuple[str, str]]) -> str:
    """The text a gold document's offsets refer to."""
    if doc["source"] == "saudinewsnet":
        return saudi[doc["url"]]["content"]
    return ml[doc["doc_id"]][1]


def read_ann(path: Path) -> tuple[dict[str, list[tuple[str, str, str]]], dict[str, str]]:
    """``## doc [dct=YYYY-MM-DD]`` blocks of ``surface | TYPE | value`` lines (``#`` comments
    allowed), and the creation days the annotator read from a dateline."""
    blocks: dict[str, list[tuple[str, str, str]]] = {}
    dcts: dict[str, str] = {}
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("## "):
            head = line[3:].split()
            current = head[0]
            blocks[current] = []
            for part in head[1:]:
                if part.startswith("dct="):
                    dcts[current] = part[4:]
        elif line and not line.startswith("#") and current is not None:
            surface, kind, value = (p.strip() for p in line.split("|"))
            blocks[current].append((surface, kind, value))
    return blocks, dcts


def build(split: str) -> int:
    """Write ``timex_<split>.jsonl`` from the selection and ``timex_<split>.ann``."""
    docs = select()[split]
    ann, dcts = read_ann(DATA / f"timex_{split}.ann")
    saudi = saudi_records({d["url"] for d in docs if d["source"] == "saudinewsnet"})
    ml = multiling_docs()
    problems = 0
    with (DATA / f"timex_{split}.jsonl").open("w", encoding="utf-8") as out:
        for doc in docs:
            text = doc_text(doc, saudi, ml)
            if doc["doc"] not in ann:
                print(f"{doc['doc']}: not annotated", file=sys.stderr)
                problems += 1
                continue
            cursor = 0
            tags = []
            for written, kind, value in ann[doc["doc"]]:
                # «context [surface] context»: the brackets mark the tagged part of a longer
                # string, for a surface that also occurs earlier in another sense
                search = written.replace("[", "").replace("]", "")
                found = text.find(search, cursor)
                if found < 0:
                    print(f"{doc['doc']}: {written!r} not found after {cursor}", file=sys.stderr)
                    problems += 1
                    continue
                lead = written.index("[") if "[" in written else 0
                surface = written[lead:].replace("[", "").split("]")[0]
                start = found + lead
                end = start + len(surface)
                tags.append({"start": start, "end": end, "text": surface, "type": kind,
                             "value": value})
                cursor = end
            dct = doc["dct"] or dcts.get(doc["doc"])
            record = {**doc, "dct": dct, "timex": tags}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return problems


def main(argv: list[str]) -> int:
    if argv[:1] == ["select"]:
        saudi = None
        for split, docs in select().items():
            if saudi is None:
                saudi = saudi_records()
            ml = multiling_docs()
            for doc in docs:
                text = doc_text(doc, saudi, ml)
                print(f"=== {split} {doc['doc']} dct={doc['dct']} {doc.get('url', doc.get('doc_id'))}")
                print(text)
        return 0
    if argv[:1] == ["build"]:
        return 1 if sum(build(s) for s in SPLITS if (DATA / f"timex_{s}.ann").exists()) else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
