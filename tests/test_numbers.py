"""Arabic number words and digits read as values (marsad.arabic.numbers)."""

import pytest

from marsad.arabic.numbers import find_numbers, number_words, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ثمانية آلاف", 8000),
        ("8 آلاف", 8000),
        ("٨ آلاف", 8000),
        ("8000", 8000),
        ("واحد", 1),
        ("إحدى", 1),
        ("اثنان", 2),
        ("اثنتين", 2),
        ("ثلاث", 3),
        ("عشرة", 10),
        ("ثلاثة عشر", 13),
        ("إحدى عشرة", 11),
        ("اثنا عشر", 12),
        ("عشرون", 20),
        ("تسعين", 90),
        ("خمسة وعشرون", 25),
        ("واحد وتسعين", 91),
        ("واحدًا", 1),  # the accusative, as ثلاثا
        ("مئة", 100),
        ("مائة", 100),
        ("مئتان", 200),
        ("ثلاثمائة", 300),
        ("ثلاث مئة", 300),
        ("مائة وخمسة", 105),
        ("ألف", 1000),
        ("ألفان", 2000),
        ("ألفاً", 1000),
        ("ثلاثة آلاف وخمسمئة", 3500),
        ("عشرة آلاف", 10000),
        ("مئة وخمسون ألفا", 150000),
        ("مئتي ألف", 200000),
        ("ألف وتسعمائة وواحد وتسعين", 1991),
        ("ألفين وخمسة عشر", 2015),
        ("مليون", 1_000_000),
        ("ثلاثة ملايين", 3_000_000),
        ("مليونان وثلاثمائة ألف", 2_300_000),
        ("نصف مليون", 500_000),
        ("1.5 مليون", 1_500_000),
        ("٢٫٥ مليار", 2_500_000_000),
        ("١٢٫٥", 12.5),
        ("12,000", 12000),
        ("وبثمانية آلاف", 8000),
        ("والعشرين", 20),
    ],
)
def test_parse_number_reads_words_and_digits(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    ["", "آلاف", "ملايين", "الأحد", "الاثنين", "الأربعاء", "الخميس", "خمسة خمسة", "نصف",
     "قال الرئيس", "ثلاثة أيام"],
)
def test_parse_number_refuses_non_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_words_and_digits_of_one_figure_agree() -> None:
    assert parse_number("ثمانية آلاف") == parse_number("8 آلاف") == parse_number("٨٠٠٠")


def test_find_numbers_gives_spans_without_clitics() -> None:
    text = "قطع القطار ثمانية آلاف كيلومتر، وبعشرة أيام خلال 18 شهرا"
    found = find_numbers(text)
    assert [(text[s:e], v) for s, e, v in found] == [
        ("ثمانية آلاف", 8000),
        ("عشرة", 10),
        ("18", 18),
    ]


def test_conjunction_that_cannot_continue_a_number_splits_it() -> None:
    text = "بين ثلاثة وخمسة أيام"
    assert [v for _, _, v in find_numbers(text)] == [3, 5]


def test_bare_plural_scale_is_not_a_number() -> None:
    assert find_numbers("خرج آلاف المتظاهرين") == []


def test_ordinals_only_when_asked() -> None:
    assert parse_number("الحادي عشر") is None
    assert parse_number("الحادي عشر", ordinals=True) == 11
    assert parse_number("الخامس والعشرين", ordinals=True) == 25
    assert parse_number("الثالث", ordinals=True) == 3


def test_number_words_are_normalized_forms() -> None:
    vocab = number_words()
    assert "ثمانيه" in vocab and "الاف" in vocab and "مليون" in vocab


def test_percent_words_are_not_hundreds() -> None:
    assert [v for _, _, v in find_numbers("ارتفع 15 بالمائة")] == [15]
    assert [v for _, _, v in find_numbers("ارتفع 15 في المائة")] == [15]
    assert parse_number("مائة") == 100


def test_teen_construct_forms_need_ten() -> None:
    assert find_numbers("أثنى الوزير على الجهود") == []
    assert parse_number("اثني عشر") == 12
