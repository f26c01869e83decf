"""Each reader and each bad-input case gets one clear problem naming the file; the batch goes on."""

from __future__ import annotations

import gzip
import io
import json
import sys

import pytest

from marsad.ingest import InputError, read_paths
from reliability.inputs import ARABIC, read


def test_plain_text_with_headline(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("كيم يصل إلى روسيا\n\n" + ARABIC, encoding="utf-8")
    (article,), problems = read([f], published="2023-09-12")
    assert problems == []
    assert article.title == "كيم يصل إلى روسيا"
    assert article.text == ARABIC
    assert article.published == "2023-09-12"
    assert len(article.sentences) == 2
    assert article.path == str(f)


def test_folder_is_read_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(ARABIC.replace("روسيا", "الصين"), encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    articles, problems = read([tmp_path])
    assert len(articles) == 2 and problems == []


def test_html_main_text_title_author_date(tmp_path):
    html = f"""<html><head><title>كيم يزور روسيا | الجزيرة نت</title>
    <meta name="author" content="مازن إسلام"><meta property="article:published_time" content="2023-09-13">
    <meta property="og:site_name" content="الجزيرة نت"></head>
    <body><nav><a href="/">الرئيسية</a> <a href="/news">أخبار</a></nav><article><h1>كيم يزور روسيا</h1>
    <p>{ARABIC}</p>
    <p>وأكد بيسكوف للصحفيين أن الزعيمين سيتجاهلان التحذيرات الأميركية بشأن المحادثات الجارية.</p></article>
    <footer>جميع الحقوق محفوظة لموقع الجزيرة</footer></body></html>"""
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    (article,), problems = read([f])
    assert problems == []
    assert article.title == "كيم يزور روسيا"
    assert article.author == "مازن إسلام"
    assert article.published == "2023-09-13"
    assert article.outlet == "الجزيرة نت"
    assert "بيسكوف" in article.text and "الحقوق" not in article.text and "الرئيسية" not in article.text


def test_jsonl_fields_and_synonyms(tmp_path):
    f = tmp_path / "a.jsonl"
    rows = [
        {"source": "aawsat", "url": "http://aawsat.com/1", "date_extracted": "2015-07-21 02:51:32",
         "title": "عنوان", "author": "لندن: رنيم حنوش", "content": ARABIC},
        {"outlet": "سبق", "link": "https://sabq.org/2", "published": "2015-08-01", "body": ARABIC + " إضافة."},
        {"text": ARABIC + " نص ثالث.", "url": "https://www.okaz.com.sa/x"},
    ]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    articles, problems = read([f])
    assert problems == []
    a, b, c = articles
    assert (a.outlet, a.published, a.author, a.place) == ("aawsat", "2015-07-21", "رنيم حنوش", "لندن")
    assert a.title == "عنوان"
    assert a.path == f"{f}:1" and b.path == f"{f}:2"
    assert (b.outlet, b.url, b.published) == ("سبق", "https://sabq.org/2", "2015-08-01")
    assert c.outlet == "okaz.com.sa"


def test_jsonl_gz_and_bad_lines_reported_with_line_numbers(tmp_path):
    f = tmp_path / "a.jsonl.gz"
    lines = [json.dumps({"content": ARABIC}, ensure_ascii=False), '{"content": "نص', json.dumps({"title": "بلا نص"}),
             json.dumps({"content": ARABIC + " ثانية."}, ensure_ascii=False)]
    with gzip.open(f, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    articles, problems = read([f])
    assert len(articles) == 2
    assert [(p.line, p.fatal) for p in problems] == [(2, True), (3, True)]
    assert "invalid JSON" in problems[0].message and "no article text" in problems[1].message
    assert str(f) in str(problems[0])


def test_truncated_gzip_is_reported_and_earlier_lines_kept(tmp_path):
    data = gzip.compress("\n".join(json.dumps({"content": ARABIC + f" رقم {i}."}, ensure_ascii=False)
                                   for i in range(50)).encode())
    f = tmp_path / "cut.jsonl.gz"
    f.write_bytes(data[: len(data) // 2])
    articles, problems = read([f])
    assert len(problems) == 1 and "truncated" in problems[0].message
    assert len(articles) < 50


def test_bad_inputs_each_get_one_clear_problem_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARABIC, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    english = tmp_path / "english.txt"
    english.write_text("This article is written in English and has nothing Arabic in it at all.", encoding="utf-8")
    no_body = tmp_path / "nav.html"
    no_body.write_text("<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    articles, problems = read([empty, binary, english, no_body, missing, good])
    assert len(articles) == 1
    by_file = {p.path: p.message for p in problems}
    assert "empty" in by_file[str(empty)]
    assert "binary" in by_file[str(binary)]
    assert "not Arabic" in by_file[str(english)]
    assert "no article body" in by_file[str(no_body)]
    assert "no such file" in by_file[str(missing)]
    assert len(problems) == 5


def test_windows_1256_is_decoded_and_said(tmp_path):
    f = tmp_path / "legacy.txt"
    f.write_bytes(ARABIC.encode("cp1256"))
    (article,), problems = read([f])
    assert article.text == ARABIC
    assert len(problems) == 1 and not problems[0].fatal and "windows-1256" in problems[0].message


def test_unreadable_path(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text(ARABIC, encoding="utf-8")
    f.chmod(0)
    try:
        articles, problems = read([f])
        if articles:  # running as root: permissions do not apply
            pytest.skip("root can read any file")
        assert "cannot read" in problems[0].message
    finally:
        f.chmod(0o644)


def test_strict_stops_at_first_bad_input(tmp_path):
    empty = tmp_path / "a.txt"
    empty.write_text("", encoding="utf-8")
    good = tmp_path / "b.txt"
    good.write_text(ARABIC, encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.txt: empty"):
        list(read_paths([str(empty), str(good)], strict=True))


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARABIC.encode("utf-8"))))
    (article,), _ = read(["-"])
    assert article.text == ARABIC and article.path == "<stdin>"


def test_html_entities_in_scraped_fields_are_decoded(tmp_path):
    f = tmp_path / "a.jsonl"
    row = {"title": "بيان &quot;الداخلية&quot; &#8220;عاجل&#8221;", "content": ARABIC + " وقال &laquo;نعم&raquo;."}
    f.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    (article,), _ = read([f])
    assert article.title == "بيان \"الداخلية\" “عاجل”"
    assert article.text.endswith("وقال «نعم».")
