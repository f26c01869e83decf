"""Turn hand-written statement notes (``quotes_dev5.ann``) into gold lines of ``quotes_gold_ood.jsonl``.

Each note names the article, the speaker, the cue, a start and an end snippet of the content, direct
(1/0) and the via outlets. This script only finds the snippets in the article text as marsad ingests
it (the first occurrence of the start, then the end after it) and fails on any snippet it cannot find;
it never runs the quotes stage.

    python benchmarks/data/quotes_ann.py benchmarks/data/quotes_dev5.ann dev5   # prints JSON lines
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quotes import multiling_article, read_multiling, read_saudi, to_article


def main(ann: str, split: str) -> int:
    notes: dict[str, list[list[str]]] = {}
    for line in Path(ann).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("|")]
        notes.setdefault(fields[0], [])
        if fields[1:] != ["-"]:
            notes[fields[0]].append(fields[1:])
    saudi = {r["url"]: r for r in read_saudi({k for k in notes if not k.startswith("multiling:")})}
    multiling = read_multiling()
    for key, rows in notes.items():
        article = multiling_article(key, multiling[key]) if key.startswith("multiling:") else to_article(saudi[key])
        assert article is not None, key
        text = article.text
        quotes = []
        for speaker, cue, first, last, direct, *via in rows:
            start = text.find(first)
            end = text.find(last, start)
            if start < 0 or end < 0:
                raise SystemExit(f"not found in {key}: {first!r} … {last!r}")
            quotes.append(
                {
                    "speaker": speaker,
                    "cue": cue,
                    "content": text[start : end + len(last)],
                    "direct": direct == "1",
                    "via": [v.strip() for v in (via[0].split(",") if via and via[0] else [])],
                }
            )
        print(json.dumps({"url": key, "split": split, "quotes": quotes}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
