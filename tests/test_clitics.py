import pytest

from marsad.arabic.clitics import after_lam, split_proclitics, strip_proclitics
from marsad.arabic.normalize import normalize


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("كيم", "كيم"),  # not ك + يم
        ("بوتين", "بوتين"),  # not ب + وتين
        ("بيونغ", "بيونغ"),
        ("لندن", "لندن"),
        ("باريس", "باريس"),
        ("وليد", "وليد"),
        ("إلى", "الي"),  # not ال + ي
        ("الله", "الله"),
        ("سيرغي", "سيرغي"),  # a name, not the future prefix
        ("سيلبي", "سيلبي"),  # an unknown name, though يلبي is a verb
    ],
)
def test_names_and_function_words_keep_their_first_letter(word, base):
    assert strip_proclitics(normalize(word)) == base


@pytest.mark.parametrize(
    ("word", "prefixes", "base"),
    [
        ("وبوتين", ("و",), "بوتين"),
        ("لبوتين", ("ل",), "بوتين"),
        ("والرئيس", ("و", "ال"), "رئيس"),
        ("للرئيس", ("ل", "ال"), "رئيس"),
        ("بالرئيس", ("ب", "ال"), "رئيس"),
        ("فالحكومة", ("ف", "ال"), "حكومه"),
        ("كالعادة", ("ك", "ال"), "عاده"),
        ("وكوريا", ("و",), "كوريا"),
        ("وبيسكوف", ("و",), "بيسكوف"),  # unknown name after a conjunction
        ("سيقول", ("س",), "يقول"),
    ],
)
def test_proclitics_are_separated(word, prefixes, base):
    assert split_proclitics(normalize(word)) == (prefixes, base)


@pytest.mark.parametrize(("word", "expected"), [
    ("للجزيرة", "الجزيرة"),  # ل + ال: the article's alef restored
    ("لرويترز", "رويترز"),
    ("لليوم", "اليوم"),
])
def test_after_lam_restores_the_article(word: str, expected: str) -> None:
    assert after_lam(normalize(word)) == normalize(expected)
