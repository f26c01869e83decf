from marsad.arabic.normalize import NormOptions, arabic_ratio, clean_invisibles, normalize, normalize_digits


def test_alef_forms_fold_to_bare_alef():
    assert normalize("أحمد إبراهيم آمال ٱلله") == "احمد ابراهيم امال الله"


def test_alef_maqsura_and_farsi_letters():
    assert normalize("مصطفى") == "مصطفي"
    assert normalize("كینزال") == normalize("كينزال")  # Farsi yeh
    assert normalize("ڪتاب") == "كتاب" or normalize("کتاب") == "كتاب"


def test_teh_marbuta_is_optional():
    assert normalize("مدينة") == "مدينه"
    assert normalize("مدينة", NormOptions(fold_teh_marbuta=False)) == "مدينة"


def test_diacritics_and_tatweel_removed():
    assert normalize("مُحَمَّدٌ") == "محمد"
    assert normalize("الســـلام") == "السلام"
    assert normalize("السُّبل") == "السبل"


def test_digits_become_ascii():
    assert normalize("١٦/٩/٢٠٢٣") == "16/9/2023"
    assert normalize("۱۲۳") == "123"
    assert normalize_digits("٣٫٥") == "3.5"


def test_quotation_marks_unified():
    assert normalize("«حساس» “حساس” „x“") == '"حساس" "حساس" "x"'


def test_invisible_and_bidi_controls_removed():
    text = "بوتين\u200f \u200bكيم\u202b\ufeff"
    assert normalize(text) == "بوتين كيم"
    assert clean_invisibles("a\u200cb") == "ab"


def test_presentation_forms_and_case():
    assert normalize("ﻻ") == "لا"
    assert normalize("MiG-31") == "mig-31"


def test_idempotent():
    for text in ["أُعلن «الاتفاق» في ١٩٩١", "كینزال\u200f", "  مسافات   كثيرة  "]:
        assert normalize(normalize(text)) == normalize(text)


def test_arabic_ratio():
    assert arabic_ratio("هذا نص عربي") == 1.0
    assert arabic_ratio("This is English") == 0.0
    assert arabic_ratio("123 !!") == 0.0


def test_spelling_key_keeps_hamza_and_alef_maqsura_apart() -> None:
    from marsad.arabic.normalize import spelling_key

    assert spelling_key("على") != spelling_key("علي") and normalize("على") == normalize("علي")
    assert spelling_key("فإنّ") == "فإن" != spelling_key("فان")
    assert spelling_key("مدينةٌ") == normalize("مدينة")  # diacritics and teh marbuta fold as usual
    for text in ("على إلى أحمد آمال", "ﻛﺎﻧﺖ مصطفى"):
        assert normalize(spelling_key(text)) == normalize(text) and len(spelling_key(text)) == len(normalize(text))


def test_function_words_are_told_from_names() -> None:
    from marsad.arabic.stopwords import is_function_word

    assert all(is_function_word(w) for w in ("على", "وعلى", "فإن", "إلى", "الى", "كانت", "وكانت", "بأن", "التي"))
    assert not any(is_function_word(w) for w in ("علي", "صالح", "فيينا", "لبنان", "بوتين", "مدينة", "الإمام"))
