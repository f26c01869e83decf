"""Root keys (marsad.arabic.roots): the derivations a paraphrase changes share one key."""

from __future__ import annotations

import pytest

from marsad.arabic import tokenize
from marsad.arabic.roots import root_key


def _keys(text: str) -> list[str]:
    return [root_key(t.base) for t in tokenize(text) if t.norm[0].isalpha()]


@pytest.mark.parametrize("text", [
    "يوقع التوقيع توقيعه وقعت",
    "وصل وصول الوصول وصلت وصلوا",
    "أعلن إعلان أعلنت يعلن الإعلان",
    "اجتمع يجتمع اجتماع الاجتماعات",
    "تبادلا تبادل يتبادلان",
    "استقبل يستقبل استقبال",
    "قال يقول القول",
    "زار يزور زيارة",
    "أكد يؤكد تأكيد",
    "عينوا تعيين يعين",
    "البنادق بندقية",
    "ازداد ازدياد يزيد",  # the افتعل ت as د after ز
])
def test_derivations_of_one_root_share_a_key(text: str) -> None:
    assert len(set(_keys(text))) == 1, _keys(text)


def test_patterns_give_the_radicals() -> None:
    assert _keys("الأقمار الاصطناعية صناعي") == ["قمر", "صنع", "صنع"]  # افعال، افتعال with ط، the nisba off
    assert _keys("انتخاب انسحاب مفاوضات") == ["نخب", "سحب", "فوض"]  # افتعال before انفعال; مفاعل
    assert _keys("لقاء يلتقي") == ["لقي", "لقي"]  # a last hamza / ي folded


def test_different_roots_keep_different_keys() -> None:
    keys = _keys("الرئيس روسيا وصل نقل يوقع الوقت")
    assert len(set(keys)) == len(keys), keys  # رئيس keeps its hamza: not روس


def test_names_and_short_words_pass_through() -> None:
    assert root_key("كيم") == root_key("كيم")
    assert root_key("بيسكوف") == "بيسكوف"
    assert root_key("في") == "في"
    assert root_key("2023") == "2023"


def test_each_pattern_has_the_length_it_is_filed_under() -> None:
    from marsad.arabic.roots import PATTERNS

    assert all(len(p) == n for n, patterns in PATTERNS.items() for p in patterns)


def test_a_proclitic_left_on_an_unknown_word_comes_off() -> None:
    assert root_key("وتبادل") == root_key("تبادل") == "بدل"
    assert root_key("ستبرم") == root_key("ابرام") == "برم"
    assert root_key("واشنطن") == "واشنطن"  # no reading either way: the word stays whole


def test_the_feminine_ending_comes_off_before_the_patterns() -> None:
    assert root_key("محطه") == root_key("محطات") == "محط"  # one key for both, not حطه (مفعل) for one
    assert root_key("حكومه") == root_key("حكم") == "حكم"
