from marsad.arabic.stem import stem, stems


def test_stems_conflate_inflections():
    assert stem("المفاوضات") == stem("مفاوضات")
    assert stem("الصواريخ") == stem("صواريخ")


def test_stems_pass_numbers_and_latin_through():
    assert stems("أطلقت 2 صاروخ MiG") [1:] == ["2", stem("صاروخ"), "mig"]
