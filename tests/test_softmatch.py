"""The soft lexical match of claims: stem vectors learnt from text, soft alignment of two propositions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from marsad.arabic.normalize import normalize
from marsad.arabic.stem import stem
from marsad.stages.consolidate import softmatch
from marsad.stages.consolidate.matching import PairFeatures, Weights, pair_score, soft_vectors_for
from marsad.stages.consolidate.softmatch import (
    BOUNDARY,
    NUMBER,
    WordVectors,
    save_vectors,
    soft_scores,
    stream,
    train_word_vectors,
)

# two verbs that stand in one another's place (اعتقلت / احتجزت) and two that do not (زرعت / حصدت), each in
# sentences of its own
CORPUS = (
    ["اعتقلت الشرطة المتهم في المدينة أمس.", "احتجزت الشرطة المتهم في المدينة أمس.",
     "اعتقلت القوات الرجل عند الحدود.", "احتجزت القوات الرجل عند الحدود."] * 30
    + ["زرع الفلاح القمح في الحقل الكبير.", "حصد المزارع الشعير من البستان الصغير."] * 30
)


def key(word: str) -> str:
    return stem(normalize(word))


def test_stream_keeps_stems_marks_function_words_numbers_and_sentence_ends() -> None:
    tokens = list(stream("اعتقلت الشرطة 3 رجال في المدينة. وعادت"))
    assert tokens[0] == key("اعتقلت") and NUMBER in tokens and "~في" in tokens
    assert tokens.index(BOUNDARY) < tokens.index(key("وعادت")) and tokens[-1] == BOUNDARY


def test_words_in_the_same_contexts_get_close_vectors_and_training_is_deterministic() -> None:
    words, vectors, counts = train_word_vectors(CORPUS, vocab=40, contexts=60, dims=4)
    wv = WordVectors(words, vectors)
    assert counts[key("اعتقلت")] == 60
    assert wv.similarity(key("اعتقلت"), key("احتجزت")) > 0.9
    assert wv.similarity(key("اعتقلت"), key("زرع")) < wv.similarity(key("اعتقلت"), key("احتجزت")) - 0.3
    assert wv.similarity(key("اعتقلت"), "غير_موجودة") == 0.0
    again = train_word_vectors(CORPUS, vocab=40, contexts=60, dims=4, chunk=7)  # cut at other sentence ends
    assert again[0] == words and np.array_equal(again[1], vectors)


def test_vector_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "v.npz"
    save_vectors(path, ["احتجز", "اعتقل"], np.array([[1, 0], [0.6, 0.8]], dtype=np.float16), {"seed": 0})
    wv = WordVectors.load(path)
    assert wv.words == ["احتجز", "اعتقل"] and wv.meta == {"seed": 0}
    assert wv.similarity("احتجز", "اعتقل") == pytest.approx(0.6, abs=1e-3)
    assert wv.neighbours("احتجز", 1)[0][0] == "اعتقل"


def test_soft_alignment_credits_substitutes_above_the_floor_only() -> None:
    wv = WordVectors(["احتجز", "اعتقل", "بحار", "زرع"],
                     np.array([[1, 0, 0], [0.8, 0.6, 0], [0, 0, 1], [0.3, 0.95, 0]], dtype=np.float32))
    terms = [["احتجز", "بحار"], ["اعتقل", "بحار"], ["زرع", "بحار"], ["احتجز", "بحار"], ["#15"], ["#16"]]
    pairs = [(0, 1), (0, 2), (0, 3), (4, 5)]
    loose = soft_scores(terms, pairs, wv, floor=0.5)
    strict = soft_scores(terms, pairs, wv, floor=0.9)
    assert loose[(0, 3)] == 1.0  # the same terms
    assert strict[(0, 1)] < loose[(0, 1)] < 1.0  # احتجز ≈ اعتقل at cosine 0.8: credited above the floor only
    assert loose[(0, 2)] == strict[(0, 2)] < loose[(0, 1)]  # cosine 0.3: under the floor, only بحار matches
    assert loose[(4, 5)] == 0.0  # numbers match only themselves


def test_soft_match_enters_the_lexical_part_only_when_asked() -> None:
    f = PairFeatures(emb=0.5, lex=0.2, char=0.0, ent=0.0, slot=0, neg=0, key=1, soft=0.7)
    plain = pair_score(f, Weights())
    assert plain == pytest.approx(0.8 * 0.5 + 0.2 * 0.2)  # off by default: the blend as shipped
    assert pair_score(f, Weights(soft="max")) == pytest.approx(0.8 * 0.5 + 0.2 * 0.7)
    assert pair_score(f._replace(soft=0.1), Weights(soft="max")) == pytest.approx(plain)
    assert pair_score(f._replace(soft=0.1), Weights(soft="replace")) == pytest.approx(0.8 * 0.5 + 0.2 * 0.1)
    assert pair_score(f._replace(soft=-1.0), Weights(soft="max")) == pytest.approx(plain)  # not computed
    assert soft_vectors_for(Weights()) is None


def test_a_soft_mode_without_its_vector_file_is_an_error(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(softmatch, "VECTORS_PATH", tmp_path / "absent.npz")
    softmatch.default_vectors.cache_clear()
    try:
        with pytest.raises(ValueError, match="word vectors"):
            soft_vectors_for(Weights(soft="max"))
        with pytest.raises(ValueError, match="mode"):
            soft_vectors_for(Weights(soft="sideways"))
    finally:
        softmatch.default_vectors.cache_clear()
