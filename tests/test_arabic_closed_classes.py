"""Month names and nisba adjectives of the Arabic layer (marsad.arabic.months, marsad.arabic.nisba)."""

from __future__ import annotations

from marsad.arabic import normalize
from marsad.arabic.months import month_span, reads_as_date
from marsad.arabic.nisba import nisba_forms, nisba_stem, place_forms


def _norms(text: str) -> list[str]:
    return [normalize(w) for w in text.split()]


def test_month_words_read_as_dates_only_in_a_date_context() -> None:
    assert month_span(["كانون", "الثاني"]) and month_span(["نيسان"]) and month_span(["رمضان"])
    assert not month_span(["محمد", "رمضان"]) and not month_span([])
    dated = ["في 13 نيسان", "أبريل ( نيسان ) الماضي", "نيسان / أبريل", "خلال رمضان", "نيسان 2015"]
    for text in dated:
        norms = _norms(text)
        i = norms.index(normalize("نيسان")) if "نيسان" in text else norms.index("رمضان")
        assert reads_as_date(norms, i, i + 1), text
    for text, i in (("سيارة من نوع نيسان", 3), ("حصة نيسان السوقية", 1), ("قال رمضان", 1)):
        assert not reads_as_date(_norms(text), i, i + 1), text


def test_nisba_shapes_and_the_places_they_relate_to() -> None:
    assert nisba_stem(normalize("السعودية")) == "سعود" and nisba_stem("لبناني") == "لبنان"
    assert nisba_stem("كيم") is None
    assert "كوريا" in place_forms("كوري") and normalize("السعودية") in place_forms(normalize("سعودية"))
    assert {"الاردني", "الاردنيه", "اردنيين"} <= set(nisba_forms("الاردن"))
    assert "امريكي" in nisba_forms("امريكا")
