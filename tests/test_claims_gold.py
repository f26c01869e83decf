"""The claims gold (benchmarks/data/claims_gold.jsonl): the optional fact spans are well formed."""

from __future__ import annotations

import json
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "claims_gold.jsonl"


def stories() -> list[dict]:
    with GOLD.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_every_span_marks_words_of_a_carrier_sentence_of_its_fact() -> None:
    marked = 0
    for story in stories():
        for fact in story["facts"]:
            for doc, by_sentence in fact.get("spans", {}).items():
                for sentence, pieces in by_sentence.items():
                    assert int(sentence) in fact["carriers"][doc], (fact["id"], doc, sentence)
                    assert pieces, (fact["id"], doc, sentence)
                    for piece in pieces:
                        assert len(piece) == 2 and all(isinstance(w, str) and w.strip() for w in piece), piece
                        marked += 1
    assert marked > 0


def test_spans_are_marked_on_train_and_dev_only() -> None:
    by_split: dict[str, int] = {}
    for story in stories():
        n = sum(len(s) for f in story["facts"] for s in f.get("spans", {}).values())
        by_split[story["split"]] = by_split.get(story["split"], 0) + n
    assert by_split.get("test", 0) == 0
    assert by_split["train"] > 0 and by_split["dev"] > 0
