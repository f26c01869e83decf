"""The DEV pair diagnostic of benchmarks/claims_dev_pairs.py --score (a reader's labels against the gold-derived
ones), on a few pairs written here; and the rank ROC AUC it uses."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import claims_dev_pairs as dp
from claims_score import auc


def test_rank_auc_matches_sklearn_with_ties() -> None:
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(3)
    scores = np.round(rng.random(60), 1)  # many ties
    y = (rng.random(60) < 0.4).astype(int)
    assert auc(scores, y) == pytest.approx(roc_auc_score(y, scores))
    assert np.isnan(auc([0.1, 0.2], [1, 1]))


def key_row(pid: str, story: str, span: int, sentence: int, blend: float, cross: float) -> dict:
    return {"id": pid, "story": story, "span": span, "sentence": sentence, "blend": blend, "cross": cross,
            "a_text": "أعلن النادي التعاقد مع المدافع", "b_text": "تعاقد النادي مع المدافع الغيني"}


def test_score_joins_by_id_and_prints_agreement_auc_and_disagreements(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = [key_row("dp0000", "S1", 1, 1, 0.9, 0.8), key_row("dp0001", "S1", 0, 0, 0.2, 0.1),
           key_row("dp0002", "S1", 1, 1, 0.5, 0.3), key_row("dp0003", "S2", 0, 1, 0.6, 0.7),
           key_row("dp0004", "S2", 0, 0, 0.4, 0.2), key_row("dp0005", "S2", 1, 1, 0.7, 0.6)]
    labels = [{"id": "dp0003", "label": 1, "note": "conflict: 10 vs 12"}, {"id": "dp0000", "label": 1, "note": ""},
              {"id": "dp0001", "label": 0, "note": ""}, {"id": "dp0002", "label": 0, "note": "close"},
              {"id": "dp0004", "label": 0, "note": "fragment"}, {"id": "dp0005", "label": 1, "note": ""}]
    (tmp_path / "key.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in key), "utf-8")
    (tmp_path / "labels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in labels), "utf-8")
    rows = dp.joined(tmp_path / "key.jsonl", tmp_path / "labels.jsonl")
    assert [r["reader"] for r in rows] == [1, 0, 0, 1, 0, 1]
    assert dp.agreement_line(rows, "span").startswith("span 1/1 2, 1/0 1, 0/1 1, 0/0 2; agreement 0.667")
    assert dp.note_kind("Conflict: Iraqi vs Iranian waters; close") == "conflict"
    assert dp.note_kind("only the date shared") == "other" and dp.note_kind("") == "none"
    dp.score_labels(rows, show=True)
    out = capsys.readouterr().out
    # blend against the span labels: positives 0.9, 0.5, 0.7 vs negatives 0.2, 0.6, 0.4 -> 8 of 9 orderings
    assert f"against span labels: blend {8 / 9:.3f}" in out
    assert "span 1 / reader 0: 1 (the sentence labels side with the reader on 0); notes: close 1" in out
    assert "span 0 / reader 1: 1 (the sentence labels side with the reader on 1); notes: conflict 1" in out
    assert "dp0002 S1" in out
    (tmp_path / "labels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in labels[:-1]), "utf-8")
    with pytest.raises(ValueError, match="same pair ids"):
        dp.joined(tmp_path / "key.jsonl", tmp_path / "labels.jsonl")
