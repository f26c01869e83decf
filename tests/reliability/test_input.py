"""Hostile and broken input (issue 17, "Why"): each case is read per item, reported with its
file and line, and never loses or mangles the rest."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

import marsad
import marsad.arabic.segment as segment

from .inputs import ARABIC, read

#: the marsad under test (its subprocesses import the same one)
SRC = Path(marsad.__file__).resolve().parents[1]


def jsonl(rows) -> bytes:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("utf-8")


def rows(n=5):
    return [{"content": f"{ARABIC} وهذا الخبر رقم {i}.", "url": f"https://example.org/{i}"} for i in range(n)]


# --- decoding: one bad byte never re-decodes a whole file -------------------------------

def test_one_invalid_byte_in_jsonl_spoils_only_its_line(tmp_path):
    data = jsonl(rows())
    lines = data.split(b"\n")
    lines[2] = lines[2].replace(b"\xd8\xa7", b"\xd8\xff", 1)  # one broken letter on line 3
    f = tmp_path / "a.jsonl"
    broken = b"\n".join(lines)
    f.write_bytes(broken)
    articles, problems = read([f])
    assert len(articles) == 5
    assert "الزعيم" in articles[0].text and "\ufffd" not in articles[0].text  # not mojibake
    assert "\ufffd" in articles[2].text
    (problem,) = problems
    assert problem.line == 3 and not problem.fatal
    bad_at = broken.index(b"\xd8\xff")
    assert f"byte {bad_at} of the file" in problem.message
    assert "windows-1256" not in problem.message


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_one_invalid_byte_in_a_text_or_html_file_is_reported_with_line_and_offset(tmp_path, suffix):
    body = f"<html><body><article><p>{ARABIC}</p>\n<p>{ARABIC}</p></article></body></html>" if suffix == ".html" \
        else f"عنوان الخبر\n\n{ARABIC}\n{ARABIC}"
    data = body.encode("utf-8")
    second = data.index(b"\n", data.index("الكرملين".encode())) + 1
    broken = data[:second + 2] + b"\xff" + data[second + 2:]
    f = tmp_path / f"a{suffix}"
    f.write_bytes(broken)
    (article,), problems = read([f])
    assert "الكوري الشمالي" in article.text  # UTF-8, not mojibake
    bad = [p for p in problems if "not valid UTF-8" in p.message]
    assert len(bad) == 1 and bad[0].line == broken[:second].count(b"\n") + 1
    assert f"byte {second + 2}" in bad[0].message


def test_file_cut_mid_character_keeps_its_text(tmp_path):
    data = ARABIC.encode("utf-8")[:-2]  # without the full stop and the last letter's second byte
    f = tmp_path / "cut.txt"
    f.write_bytes(data)
    (article,), problems = read([f])
    assert article.text.startswith("وصل الزعيم الكوري")
    assert len(problems) == 1 and "windows-1256" not in problems[0].message and not problems[0].fatal


def test_windows_1256_only_when_consistently_so(tmp_path):
    f = tmp_path / "legacy.txt"
    f.write_bytes(ARABIC.encode("cp1256"))
    (article,), problems = read([f])
    assert article.text == ARABIC and "windows-1256" in problems[0].message


def test_invalid_byte_in_jsonl_gz_keeps_the_rest_and_names_the_right_line(tmp_path):
    lines = jsonl(rows(6)).split(b"\n")
    lines[1] = lines[1].replace(b"\xd8\xa7", b"\xd8\xff", 1)
    f = tmp_path / "a.jsonl.gz"
    f.write_bytes(gzip.compress(b"\n".join(lines)))
    articles, problems = read([f])
    assert len(articles) == 6
    assert [p.line for p in problems] == [2]


def test_utf16_without_bom_is_recognised(tmp_path):
    f = tmp_path / "u16.txt"
    f.write_bytes(ARABIC.encode("utf-16-le"))
    (article,), problems = read([f])
    assert article.text == ARABIC
    assert all("binary" not in p.message for p in problems)
    from marsad.ingest.readers import sniff_utf16

    assert sniff_utf16(ARABIC.encode("utf-16-be")) == "utf-16-be"
    assert sniff_utf16(ARABIC.encode("utf-8")) is None


# --- one bad item never stops the run ---------------------------------------------------

def test_unparseable_url_is_reported_and_the_article_kept(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_bytes(jsonl([{"content": ARABIC, "url": "http://[::1"}, *rows(2)]))
    articles, problems = read([f])
    assert len(articles) == 3 and articles[0].url is None
    assert problems[0].line == 1 and "not a valid URL" in problems[0].message


def test_deeply_nested_line_is_reported_and_the_file_goes_on(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_bytes(b"[" * 100_000 + b"\n" + jsonl(rows(2)))
    articles, problems = read([f])
    assert len(articles) == 2
    assert problems[0].line == 1 and "nested too deeply" in problems[0].message


def test_a_failing_article_is_named_and_the_articles_already_read_are_stored(tmp_path, monkeypatch):
    import marsad.ingest as ingest_module
    from marsad.api import ingest
    from marsad.store import SQLiteStore

    real = ingest_module.build_article

    def fails_on_line_3(raw, published=None):
        if raw.path.endswith(":3"):
            raise ValueError("boom")
        return real(raw, published)

    monkeypatch.setattr(ingest_module, "build_article", fails_on_line_3)
    f = tmp_path / "a.jsonl"
    f.write_bytes(jsonl(rows(5)))
    store = SQLiteStore(tmp_path / "s.db")
    counts = ingest([str(f)], store, show_progress=False)
    assert store.count_articles() == 4 and counts.read == 4
    (problem,) = counts.problems
    assert problem.path == f"{f}:3" and "boom" in problem.message
    store.close()


# --- wrong JSON types -------------------------------------------------------------------

def test_wrong_field_types_are_rejected_not_stored_as_repr(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_bytes(jsonl([
        {"content": {"p": ARABIC}},
        {"content": ARABIC, "author": {"x": 1}, "title": ["a", "b"]},
        {"content": [ARABIC, ARABIC.replace("روسيا", "الصين")], "author": ["رنيم حنوش"]},
    ]))
    articles, problems = read([f])
    assert len(articles) == 2
    first, second = articles
    assert first.author is None and first.title is None and "{" not in first.text
    assert second.text.count("\n") == 1 and second.author == "رنيم حنوش"
    fatal = [p for p in problems if p.fatal]
    assert [p.line for p in fatal] == [1]
    assert "'content' must be a string or a list of strings, not an object" in fatal[0].message
    line2 = [p.message for p in problems if p.line == 2]
    assert any("'author' must be a string or a list of strings, not an object" in m for m in line2)
    assert any("'title' must be a string, not a list" in m for m in line2)


# --- short articles are news ------------------------------------------------------------

def test_one_paragraph_briefs_are_kept(tmp_path):
    brief = "أعلنت وزارة الصحة السعودية افتتاح مستشفى جديد في الرياض بسعة مئتي سرير"
    (tmp_path / "brief.txt").write_text(brief, encoding="utf-8")
    (tmp_path / "b.jsonl").write_bytes(jsonl([{"content": brief + " اليوم"}, {"title": brief, "content": brief}]))
    articles, problems = read([tmp_path / "brief.txt", tmp_path / "b.jsonl"])
    assert problems == []
    assert [a.text for a in articles] == [brief, brief + " اليوم", brief]
    # a lone short headline-like fragment is still not an article
    (tmp_path / "nav.txt").write_text("الرئيسية أخبار", encoding="utf-8")
    assert read([tmp_path / "nav.txt"])[0] == []


# --- caps: bounded memory and time, a clear message -------------------------------------

def test_gzip_bomb_is_stopped_with_a_message(tmp_path):
    member = gzip.compress(b"\0" * (1 << 20), 9)
    f = tmp_path / "bomb.jsonl.gz"
    f.write_bytes(member * 64)  # 64 MB of zeros from ~66 KB
    tracemalloc.start()
    articles, problems = read([f])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert articles == [] and len(problems) == 1 and "decompression bomb" in problems[0].message
    assert peak < 40_000_000


def test_total_decompressed_size_cap(tmp_path):
    from marsad.ingest import Limits

    f = tmp_path / "big.jsonl.gz"
    f.write_bytes(gzip.compress(jsonl(rows(200))))
    articles, problems = read([f], limits=Limits(max_input_bytes=20_000))
    assert 0 < len(articles) < 200
    assert "--max-input-bytes" in problems[-1].message and "stopped after line" in problems[-1].message


def test_giant_line_and_giant_article_are_skipped_with_a_message(tmp_path):
    from marsad.ingest import Limits

    f = tmp_path / "a.jsonl"
    huge = json.dumps({"content": ARABIC * 2000}, ensure_ascii=False).encode()
    f.write_bytes(huge + b"\n" + jsonl(rows(2)))
    articles, problems = read([f], limits=Limits(max_line_bytes=100_000))
    assert len(articles) == 2 and problems[0].line == 1 and "--max-line-bytes" in problems[0].message
    articles, problems = read([f], limits=Limits(max_article_bytes=100_000))
    assert len(articles) == 2 and "--max-article-bytes" in problems[0].message
    t = tmp_path / "huge.txt"
    t.write_text(ARABIC * 2000, encoding="utf-8")
    articles, problems = read([t], limits=Limits(max_article_bytes=100_000))
    assert articles == [] and "--max-article-bytes" in problems[0].message


def test_dev_zero_and_named_pipes_are_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    script = ("import sys; from marsad.ingest import read_paths; ps = []; "
              "list(read_paths(sys.argv[1:], on_problem=ps.append)); print('\\n'.join(map(str, ps)))")
    result = subprocess.run([sys.executable, "-c", script, "/dev/zero", str(fifo)], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "PYTHONPATH": str(SRC)})
    assert result.returncode == 0, result.stderr
    assert "/dev/zero: a character device, not a file" in result.stdout
    assert f"{fifo}: a named pipe, not a file" in result.stdout


def test_a_large_jsonl_is_streamed_not_read_whole(tmp_path):
    f = tmp_path / "big.jsonl"
    f.write_bytes(jsonl(rows(1)) + b"\n" + b"\n".join([jsonl(rows(1))] * 60_000))  # ~25 MB
    assert f.stat().st_size > 15_000_000
    from marsad.ingest import read_paths

    tracemalloc.start()
    first = next(iter(read_paths([str(f)])))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert first.text.startswith("وصل") and peak < 12_000_000


def test_sentence_splitting_never_copies_the_paragraph_before_a_full_stop(monkeypatch):
    seen: list[int] = []
    real = segment._is_abbreviation

    def spy(before):
        seen.append(len(before))
        return real(before)

    monkeypatch.setattr(segment, "_is_abbreviation", spy)
    paragraph = " ".join(["جملة قصيرة."] * 5_000)
    spans = segment.split_sentences(paragraph)
    assert len(spans) == 5_000 and max(seen) <= 4
    # unclosed quotation marks are searched for once, not once per mark
    calls = []

    class Spy(str):
        def find(self, *a):
            calls.append(a)
            return str.find(self, *a)

    segment._quote_regions(Spy("«" * 3_000 + "»" * 0), 0)
    assert len(calls) <= 1


# --- names in messages ------------------------------------------------------------------

def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(SRC)})


def test_names_cannot_crash_or_forge_warning_lines(tmp_path):
    folder = tmp_path / "in[/b]"
    folder.mkdir(parents=True)
    (folder / "x\nmarsad: warning: forged.txt").write_text("", encoding="utf-8")
    (folder / "[b].txt").write_text("", encoding="utf-8")
    result = _cli("analyze", str(folder), "--db", str(tmp_path / "x.db"), "--out", str(tmp_path / "r"), "-q",
                  cwd=tmp_path)
    assert result.returncode == 2, result.stderr  # nothing read, but no crash
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert not any(line.startswith("marsad: warning: forged") for line in lines)
    assert any("x\\nmarsad: warning: forged.txt" in line for line in lines)
    assert any("in[/b]/[b].txt: empty file" in line for line in lines)


# --- folders ----------------------------------------------------------------------------

def test_symlink_loops_and_unreadable_folders_are_reported(tmp_path, monkeypatch):
    root = tmp_path / "news"
    (root / "a").mkdir(parents=True)
    (root / "a" / "one.txt").write_text(ARABIC, encoding="utf-8")
    (root / "a" / "back").symlink_to(root, target_is_directory=True)
    (root / "locked").mkdir()
    (root / "dead.txt").symlink_to(tmp_path / "missing.txt")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    articles, problems = read([root])
    assert len(articles) == 1
    messages = {Path(p.path).name: p.message for p in problems}
    assert "loop" in messages["back"]
    assert "Permission denied" in messages["locked"]
    assert "broken symbolic link" in messages["dead.txt"]


def test_jsonl_on_standard_input_is_streamed_and_keyed_by_content(monkeypatch):
    import io

    from marsad.ingest import read_paths

    data = jsonl([{"content": ARABIC}, {"content": ARABIC + " ثانية."}])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    first, second = read_paths(["-"])
    assert first.path == "<stdin>:1" and second.path == "<stdin>:2"
    assert first.source_key.startswith("<stdin>:") and first.source_key != "<stdin>:1"
