from marsad.arabic.segment import split_sentences, tokenize


def texts(text):
    return [s.text for s in split_sentences(text)]


def test_offsets_point_into_text():
    text = "وصل كيم إلى روسيا. والتقى بوتين!\nوقال بيسكوف إن اللقاء مهم؟"
    for span in split_sentences(text):
        assert text[span.start:span.end] == span.text
    assert texts(text) == ["وصل كيم إلى روسيا.", "والتقى بوتين!", "وقال بيسكوف إن اللقاء مهم؟"]


def test_no_split_at_arabic_comma_or_semicolon():
    assert len(split_sentences("وصل كيم، الثلاثاء، إلى روسيا؛ والتقى بوتين.")) == 1


def test_no_split_at_decimal_point():
    assert texts("بلغ النمو 3.5 في المئة هذا العام. وارتفع التضخم.") == [
        "بلغ النمو 3.5 في المئة هذا العام.",
        "وارتفع التضخم.",
    ]


def test_no_split_at_abbreviations():
    assert len(split_sentences("التقى د. محمد بالوفد. ثم غادر.")) == 2
    assert len(split_sentences("القاذفات \"تي. يو160\" و\"تي. يو-95\" الروسية.")) == 1
    assert len(split_sentences("وفق ما ذكرته شبكة سي. إن. إن الأمريكية.")) == 1
    assert len(split_sentences("اغتيل الرئيس جون إف. كينيدي عام 1963.")) == 1


def test_a_two_letter_word_that_is_no_letter_name_ends_its_sentence():
    assert texts("وقال إن الحادث لا علاقة له. وأضاف أن التحقيق مستمر.") == [
        "وقال إن الحادث لا علاقة له.", "وأضاف أن التحقيق مستمر."]
    assert len(split_sentences("تعرفت السلطات على مشتبه به. وتابع في مؤتمر صحفي.")) == 2


def test_no_split_inside_quotation():
    text = "وقال: «الأمر طبيعي. ولا داعي للقلق». ثم غادر."
    assert texts(text) == ["وقال: «الأمر طبيعي. ولا داعي للقلق».", "ثم غادر."]
    text = "وأضاف “من الواضح أن بلدينا يتعاونان. وهذا أمر طبيعي تماما”. وانتهى."
    assert len(split_sentences(text)) == 2


def test_closing_quote_stays_with_its_sentence():
    assert texts("قال سيلبي: “يعتمد الأمر على القذائف.” وغادر.") == ["قال سيلبي: “يعتمد الأمر على القذائف.”", "وغادر."]


def test_a_quotation_ending_its_sentence_ends_it_with_a_space_before_the_closing_mark():
    # pre-tokenized text (ANERcorp-style) writes a space between the final mark and the closing quote
    text = 'وتابع " ندعو الجميع إلى التوحد . " وأظهرت لقطات تلفزيونية جثثا . '
    assert texts(text) == ['وتابع " ندعو الجميع إلى التوحد . "', "وأظهرت لقطات تلفزيونية جثثا ."]
    # as it already did without the space; and a quotation without a final mark does not end its sentence
    assert len(texts("وتابع «ندعو الجميع إلى التوحد.» وأظهرت لقطات جثثا.")) == 2
    assert len(texts('وقال " لن نتراجع " ثم غادر القاعة .')) == 1


def test_headline_dots_do_not_split():
    assert len(split_sentences("\"كيم\" يتفقد أسلحة روسية.. وتكهنات حول اتفاق")) == 1


def test_paragraphs_always_split():
    assert len(split_sentences("استعراض للقوة\nوصل الزعيم إلى المدينة.")) == 2


def test_tokens_keep_offsets_and_clitics():
    text = "وقال لبوتين: والرئيس كيم"
    tokens = tokenize(text)
    for t in tokens:
        assert text[t.start:t.end] == t.text
    by_text = {t.text: t for t in tokens}
    assert by_text["لبوتين"].base == "بوتين" and by_text["لبوتين"].prefixes == ("ل",)
    assert by_text["والرئيس"].base == "رئيس" and by_text["والرئيس"].prefixes == ("و", "ال")
    assert by_text["كيم"].base == "كيم"
    assert [t.text for t in tokens if not t.is_word] == [":"]


def test_numbers_are_single_tokens():
    assert [t.norm for t in tokenize("ارتفع 3.5 و١٢٣٫٥ و 1,000")] == ["ارتفع", "3.5", "و", "123.5", "و", "1,000"]


def test_no_split_at_the_last_dot_of_an_abbreviation_in_brackets():
    assert len(split_sentences("ونقلت شبكة (إن.بي.سي.) عن مسؤولين قولهم إن الاختراق مصدره روسيا.")) == 1
    assert len(split_sentences("قال مكتب التحقيقات (إف. بي. أي.) إن الكمان عاد إلى أسرته.")) == 1
    # a bracket that holds words, not letters, still ends its sentence
    assert len(split_sentences("ذهب الوفد إلى السوق (ثم عاد.) وبعدها نام الجميع.")) == 2
