"""Arabic-aware ROUGE: identical texts score 1, normalization, clipping, pooled references."""

from __future__ import annotations

import pytest

from marsad.eval.rouge import ngrams, rouge_n, rouge_tokens

TEXT = "التقى الرئيسان في فوستوتشني على بعد ثمانية آلاف كيلومتر شرق موسكو."


@pytest.mark.parametrize("n", [1, 2])
def test_identical_arabic_texts_score_one(n: int) -> None:
    score = rouge_n(TEXT, [TEXT], n=n)
    assert (score.recall, score.precision, score.f) == (1.0, 1.0, 1.0)


def test_tokens_are_normalized_arabic_words() -> None:
    assert rouge_tokens("أكّد الرئيسُ، ٢٠٢٣!") == ["اكد", "الرئيس", "2023"]
    # spelling variants that normalization folds match fully
    assert rouge_n("إلى مدينة", ["الى مدينه"], n=2).recall == 1.0


def test_disjoint_texts_score_zero() -> None:
    score = rouge_n("ذهب الولد إلى المدرسة", ["هطلت أمطار غزيرة على المدينة"], n=1)
    assert score.recall == 0.0 and score.f == 0.0


def test_partial_overlap_recall_precision() -> None:
    # peer: 4 words, reference: 6 words, 3 shared unigrams
    score = rouge_n("وصل الرئيس إلى موسكو", ["وصل الرئيس إلى العاصمة الروسية صباحا"], n=1)
    assert score.recall == pytest.approx(3 / 6)
    assert score.precision == pytest.approx(3 / 4)
    assert score.f == pytest.approx(2 * 0.5 * 0.75 / 1.25)


def test_counts_are_clipped() -> None:
    # the peer repeats a word; the reference has it once: one hit only
    score = rouge_n("موسكو موسكو موسكو", ["موسكو عاصمة روسيا"], n=1)
    assert score.recall == pytest.approx(1 / 3)
    assert score.precision == pytest.approx(1 / 3)


def test_references_are_pooled() -> None:
    # hits 2 of 2 in the first reference, 0 of 2 in the second: pooled recall 2/4
    score = rouge_n("قمة نادرة", ["قمة نادرة", "لقاء تاريخي"], n=1)
    assert score.recall == pytest.approx(0.5)
    assert score.precision == pytest.approx(2 / (2 * 2))


def test_max_words_truncates() -> None:
    assert rouge_n("قمة نادرة في روسيا", ["قمة نادرة"], n=1, max_words=2).precision == 1.0


def test_bigrams() -> None:
    assert ngrams(["a", "b", "a", "b"], 2) == {("a", "b"): 2, ("b", "a"): 1}
