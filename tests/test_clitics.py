import pytest

from marsad.arabic import clitics
from marsad.arabic.clitics import after_lam, glued_proclitic, split_proclitics, strip_proclitics
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
    ("للبنان", "لبنان"),  # a word that begins with ل: no article
    ("للجنة", "اللجنة"),  # the article before such a word (ل + اللجنة)
])
def test_after_lam_restores_the_article(word: str, expected: str) -> None:
    assert after_lam(normalize(word)) == normalize(expected)


def test_after_lam_text_writes_the_reading_back() -> None:
    from marsad.arabic.clitics import after_lam_text

    assert after_lam_text("للخطة الجديدة", normalize("للخطة")) == "الخطة الجديدة"
    assert after_lam_text("للجنة العليا", normalize("للجنة")) == "اللجنة العليا"
    assert after_lam_text("للبنان", normalize("للبنان")) == "لبنان"
    assert after_lam_text("لرويترز", normalize("لرويترز")) == "رويترز"


def test_a_source_after_according_to_keeps_its_article() -> None:
    from marsad.ingest import sentences_of
    from marsad.model import Article
    from marsad.stages.quotes.extract import extract_quotes

    text = "ووفقا للمتحدث باسم الوزارة فإن العمل سيبدأ قريبا."
    article = Article(id="a", text=text, path="x.txt", outlet="x", published="2024-01-01",
                      sentences=sentences_of(text), source_key="x.txt")
    (quote,) = extract_quotes(article)
    assert quote.speaker.text == "المتحدث باسم الوزارة"


@pytest.mark.parametrize(
    ("word", "letter"),
    [
        ("بمستشفى", "ب"),  # مستشفى far commoner than بمستشفى: left whole by the tokenizer, still glued
        ("وحي", "و"),  # a two-letter base
        ("بتبوك", "ب"),
        ("فيصل", None),  # a name commoner than the verb يصل
        ("كمال", None),  # a name commoner than مال
        ("لكرة", None),  # the idiom لكرة القدم is commoner than كرة: the lexicon keeps it whole
        ("بفضل", None),  # likewise بفضل against فضل
        ("كانت", None),
        ("لندن", None),  # unknown remainder
    ],
)
def test_glued_proclitic_on_the_shipped_lexicon(word: str, letter: str | None) -> None:
    assert glued_proclitic(normalize(word)) == letter


def test_glued_proclitic_criterion(monkeypatch: pytest.MonkeyPatch) -> None:
    """The base must be seen at least as often as the whole form, and at least 3 times."""
    counts = {"بسلام": 5, "سلام": 5, "بكلام": 9, "كلام": 4, "بنهر": 0, "نهر": 2, "لحي": 1, "حي": 3}
    monkeypatch.setattr(clitics, "lexicon", lambda: counts)
    assert glued_proclitic("بسلام") == "ب"  # a tie reads as ب + base
    assert glued_proclitic("بكلام") is None  # the whole form is commoner
    assert glued_proclitic("بنهر") is None  # a base seen twice is no evidence
    assert glued_proclitic("لحي") == "ل"
    assert glued_proclitic("لحي", letters="بك") is None  # the caller chooses the letters
    assert glued_proclitic("بي") is None  # fewer than three letters


def test_glued_proclitic_when_only_possible(monkeypatch: pytest.MonkeyPatch) -> None:
    """``possible``: a base of three letters or more seen at least 30 times, however common the whole."""
    counts = {"بكلام": 90, "كلام": 30, "بنهر": 0, "نهر": 29, "لحي": 1, "حي": 30}
    monkeypatch.setattr(clitics, "lexicon", lambda: counts)
    assert glued_proclitic("بكلام", possible=True) == "ب"
    assert glued_proclitic("بكلام") is None  # not the likelier reading
    assert glued_proclitic("بنهر", possible=True) is None  # a base seen 29 times
    assert glued_proclitic("لحي", possible=True) is None  # a two-letter base: only the likelier reading
    assert glued_proclitic("لحي") == "ل"
    assert glued_proclitic("بكلام", letters="لك", possible=True) is None


@pytest.mark.parametrize(
    ("word", "letter"),
    [("لكرة", "ل"), ("بفضل", "ب"), ("بمستشفى", "ب"), ("لندن", None), ("كيم", None), ("بناء", None),
     ("لبنان", None)],
)
def test_glued_proclitic_possible_on_the_shipped_lexicon(word: str, letter: str | None) -> None:
    assert glued_proclitic(normalize(word), "لبك", possible=True) == letter
