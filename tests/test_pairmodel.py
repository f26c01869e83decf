"""The learned pair decision (issue 12): its features, its model file, and linking with it."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest
from tests.test_facts import QUOTES, make_article, with_stages

from marsad.stages.consolidate import matching
from marsad.stages.consolidate.facts import story_propositions
from marsad.stages.consolidate.matching import (
    Weights,
    build_fact_claims,
    learned_features,
    learned_scores,
    pair_features,
    pair_score,
)
from marsad.stages.consolidate.pairmodel import FEATURES, LINKS_FEATURES, LINKS_MODEL_PATH, PairModel, load_model
from marsad.stages.consolidate.stage import opt_in_switches, story_units


def story(*texts: str):
    """Propositions of one article per text (outlets أ، ب، ج …), after the quotes stage."""
    articles = [make_article(text, outlet) for text, outlet in zip(texts, "أبجده", strict=False)]
    corpus = with_stages(articles, QUOTES)
    return story_propositions(story_units(articles, corpus), corpus)


def column(x: np.ndarray, name: str) -> np.ndarray:
    return x[:, FEATURES.index(name)]


def test_features_read_values_entities_and_the_whole_sentence() -> None:
    props = story(
        "وتقع قاعدة فوستوتشني على بعد ثمانية آلاف كيلومتر شرق موسكو.",
        "وتبعد القاعدة نحو 8 آلاف كيلومتر عن العاصمة موسكو.",
    )
    assert len(props) == 2
    a, b = replace(props[0], lead_entity="Q1", entities=frozenset({"Q1", "Q2"})), \
        replace(props[1], lead_entity="Q1", entities=frozenset({"Q1"}))
    features = pair_features([a, b], use_embeddings=False)
    pairs, x = learned_features([a, b], features, None, None)
    assert pairs == [(0, 1)]
    assert column(x, "value")[0] == 1.0  # ثمانية آلاف = 8 آلاف
    assert column(x, "ents")[0] == 1.0 and column(x, "lead")[0] == 1.0
    assert 0.0 < column(x, "idf")[0] < 1.0
    assert column(x, "neg")[0] == 0.0 and column(x, "slot_clash")[0] == 0.0
    assert 0.0 < column(x, "len")[0] <= 1.0


def test_a_negated_fact_against_an_affirmed_one_is_a_feature() -> None:
    props = story("لم يوقع الزعيمان أي اتفاق خلال القمة في الشرق.", "وقع الزعيمان اتفاقا خلال القمة في الشرق.")
    pairs, x = learned_features(props, pair_features(props, use_embeddings=False), None, None)
    assert pairs and column(x, "neg")[0] == 1.0


def test_the_trained_model_file_reads_the_features_and_gives_probabilities() -> None:
    model = load_model()
    assert model is not None and model.features == FEATURES
    assert 0.0 < model.link < 1.0 and model.merge <= model.link
    assert PairModel.from_dict(model.to_dict()).to_dict() == model.to_dict()
    low, high = np.zeros((1, len(FEATURES))), np.zeros((1, len(FEATURES)))
    high[0, FEATURES.index("sent")] = 1.0
    p_low, p_high = model.probability(np.vstack([low, high]))
    assert 0.0 <= p_low < p_high <= 1.0  # closer whole sentences, likelier one fact


def test_links_follow_the_model_and_never_join_a_clash() -> None:
    props = story(
        "قتل خمسة أشخاص في انفجار سيارة مفخخة وسط المدينة.",
        "لقي خمسة أشخاص حتفهم بانفجار سيارة ملغومة في وسط المدينة.",
        "قتل سبعة أشخاص في انفجار سيارة مفخخة وسط المدينة.",
    )
    assert len(props) == 3
    vectors = np.eye(3, 4)
    vectors[1] = vectors[0]  # the paraphrase: one direction for the first two
    unit_vectors = np.array([vectors[p.unit.index] for p in props])
    vectors[2] = vectors[0]  # the third reads the same too, but gives another count
    only_emb = np.zeros(len(FEATURES))
    only_emb[FEATURES.index("emb")] = 10.0
    model = PairModel(FEATURES, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), only_emb, -5.0, 0.5, 0.4)
    claims, _ = build_fact_claims(props, vectors=(vectors, vectors), sentence_vectors=unit_vectors, model=model)
    linked = [c for c in claims if len(c.sources) > 1]
    assert len(linked) == 1
    assert set(linked[0].sources) == {props[0].article, props[1].article}  # five dead, not seven


# --- the refitted decision (twenty-first session): FEATURES and the blend, fitted on TRAIN + DEV pairs ----------


def test_the_refitted_model_file_reads_the_blend_and_links_at_its_cut() -> None:
    model = load_model(LINKS_MODEL_PATH)
    assert model is not None and model.features == LINKS_FEATURES and model.features[-1] == "blend"
    assert model.link == 0.85 and model.merge == 0.75
    low, high = np.zeros((1, len(LINKS_FEATURES))), np.zeros((1, len(LINKS_FEATURES)))
    high[0, LINKS_FEATURES.index("blend")] = 1.0
    p_low, p_high = model.probability(np.vstack([low, high]))
    assert 0.0 <= p_low < p_high <= 1.0  # a higher blend, likelier one fact


def _blend_only_model() -> PairModel:
    coef = np.zeros(len(LINKS_FEATURES))
    coef[LINKS_FEATURES.index("blend")] = 20.0
    return PairModel(LINKS_FEATURES, np.zeros(len(LINKS_FEATURES)), np.ones(len(LINKS_FEATURES)), coef, -10.0,
                     0.85, 0.75)


def _bombing_story():
    props = story(
        "قتل خمسة أشخاص في انفجار سيارة مفخخة وسط المدينة.",
        "لقي خمسة أشخاص حتفهم بانفجار سيارة ملغومة في وسط المدينة.",
        "افتتح الوزير معرضا للكتاب في العاصمة.",
    )
    assert len(props) == 3
    vectors = np.eye(3, 4)
    vectors[1] = vectors[0]  # the paraphrase: one direction for the first two
    unit_vectors = np.array([vectors[p.unit.index] for p in props])
    return props, vectors, unit_vectors


def test_a_model_that_reads_the_blend_gets_the_pairs_linear_score() -> None:
    props, vectors, unit_vectors = _bombing_story()
    features = pair_features(props, vectors=(vectors, vectors), sentence_vectors=unit_vectors)
    scores = learned_scores(props, features, _blend_only_model(), (vectors, vectors), unit_vectors)
    blend = {k: pair_score(f, Weights()) for k, f in features.items()}
    assert set(scores) == set(blend)
    assert scores[(0, 1)] > 0.99 and blend[(0, 1)] > 0.8  # σ(20·blend − 10)
    assert all(scores[k] < 0.5 for k in scores if k != (0, 1))


def test_learned_links_switch_decides_with_the_refitted_model(monkeypatch) -> None:
    props, vectors, unit_vectors = _bombing_story()
    asked: list = []

    def fake_load(path=None):
        asked.append(path)
        return _blend_only_model()

    monkeypatch.setattr(matching, "load_model", fake_load)
    build_fact_claims(props, vectors=(vectors, vectors), sentence_vectors=unit_vectors)
    assert asked == []  # off by default: the blend decides, no model is read
    monkeypatch.setattr(matching, "LEARNED_LINKS", True)
    on, _ = build_fact_claims(props, vectors=(vectors, vectors), sentence_vectors=unit_vectors)
    assert asked == [LINKS_MODEL_PATH]
    linked = [c for c in on if c.independent_sources >= 2]
    assert len(linked) == 1 and set(linked[0].sources) == {props[0].article, props[1].article}
    assert "learned_links" in opt_in_switches() and opt_in_switches()["learned_links"] is True
    asked.clear()
    build_fact_claims(props, vectors=(vectors, vectors), sentence_vectors=unit_vectors,
                      weights=Weights(links=False))
    assert asked == []  # an explicit False wins over the module switch


def test_both_learned_models_share_the_logistic_part(tmp_path) -> None:
    """PairModel and FamilyModel are one LogisticModel (probability, JSON form, reading) plus their thresholds."""
    from marsad.stages.consolidate.familymodel import FEATURES as FAMILY_FEATURES
    from marsad.stages.consolidate.familymodel import FamilyModel, load_family_model
    from marsad.stages.consolidate.logistic import LogisticModel

    k = len(FEATURES)
    pair = PairModel(FEATURES, np.full(k, 1.0), np.full(k, 2.0), np.full(k, 0.5), -1.0, 0.6, 0.4)
    x = np.full((1, k), 3.0)  # standardized: 1.0 per feature
    assert isinstance(pair, LogisticModel)
    assert np.allclose(pair.probability(x), 1.0 / (1.0 + np.exp(-(0.5 * k - 1.0))))
    assert pair.probability(np.zeros((0, k))).shape == (0,)
    payload = pair.to_dict()
    assert list(payload) == ["features", "mean", "scale", "coef", "intercept", "link", "merge"]
    again = PairModel.from_dict(payload)
    assert (again.link, again.merge, again.intercept) == (0.6, 0.4, -1.0) and np.array_equal(again.coef, pair.coef)
    path = tmp_path / "pair.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    assert load_model.__wrapped__(path).to_dict() == PairModel.read(path, (FEATURES,)).to_dict() == payload
    assert load_model.__wrapped__(tmp_path / "missing.json") is None
    family = FamilyModel(FAMILY_FEATURES, np.zeros(len(FAMILY_FEATURES)), np.ones(len(FAMILY_FEATURES)),
                         np.zeros(len(FAMILY_FEATURES)), 0.0, 0.7)
    assert list(family.to_dict())[-1] == "threshold"
    assert family.probability(np.zeros((2, len(FAMILY_FEATURES))))[0] == 0.5
    path.write_text(json.dumps(family.to_dict()), encoding="utf-8")
    assert load_family_model.__wrapped__(path).threshold == 0.7
    path.write_text(json.dumps({**payload, "features": list(FAMILY_FEATURES)}), encoding="utf-8")
    assert load_model.__wrapped__(path) is None  # a pair model file must read the pair features
    path.write_text(json.dumps(family.to_dict()), encoding="utf-8")
    assert load_model.__wrapped__(path) is None  # a family model is not a pair model (no KeyError on "link")
    path.write_text(json.dumps({**payload, "coef": [0.5]}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"pair\.json: .* but coef has 1 values"):
        load_model.__wrapped__(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=r"pair\.json: not a usable model file"):
        load_model.__wrapped__(path)
