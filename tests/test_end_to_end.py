"""End to end: the seeds through the CLI, as the README's quick start runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from marsad.report.writer import schema

CHROME = ["مشاركة :", "post-title", "الموقع الرسمي", "القاهرة الإخبارية - مازن إسلام", "تنص على."]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], cwd=cwd, capture_output=True, text=True)


def test_seeds_analyze_twice(tmp_path, seeds_dir):
    first = run_cli("analyze", str(seeds_dir), "--published", "2023-09-13", "-q", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "read 5 articles (5 new" in first.stdout
    report = json.loads((tmp_path / "marsad-report" / "report.json").read_text("utf-8"))
    jsonschema.validate(report, schema())
    assert len(report["articles"]) == 5
    for article in report["articles"]:
        text = article["text"]
        for junk in CHROME:
            assert junk not in text, (article["path"], junk)
        assert article["sentences"], article["path"]
        for s in article["sentences"]:
            assert text[s["start"]:s["end"]] == s["text"]
    # every body paragraph of the seeds is kept (checked on a distinctive phrase of each)
    joined = "\n".join(a["text"] for a in report["articles"])
    for phrase in ["استعراض للقوة", "الغرب ينتصر", "ويُعتقد أن الوفد يضم وزير خارجيته", "وعرضت موسكو أيضًا",
                   "قال سيلبي", "تقع المنشأة النائية للغاية"]:
        assert phrase in joined, phrase
    cairo = next(a for a in report["articles"] if a["outlet"] == "القاهرة الاخبارية")
    assert cairo["author"] == "مازن إسلام" and cairo["title"].startswith('"كيم" يتفقد')
    html = (tmp_path / "marsad-report" / "report.html").read_text("utf-8")
    assert '<html lang="ar" dir="rtl">' in html and "كيم" in html

    second = run_cli("analyze", str(seeds_dir), "-q", cwd=tmp_path)
    assert second.returncode == 0 and "0 new" in second.stdout and "5 already stored" in second.stdout
    report = json.loads((tmp_path / "marsad-report" / "report.json").read_text("utf-8"))
    assert len(report["articles"]) == 5


def test_no_article_read_exits_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run_cli("analyze", str(empty), "--db", str(tmp_path / "x.db"), "--out", str(tmp_path / "r"), cwd=tmp_path)
    assert result.returncode == 2
    assert "empty.txt: empty file" in result.stderr
    assert result.stdout.startswith("read 0 articles")


def test_strict_exits_2_at_first_bad_input(tmp_path, seeds_dir):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run_cli("analyze", str(empty), str(seeds_dir), "--strict", "--db", str(tmp_path / "x.db"), cwd=tmp_path)
    assert result.returncode == 2 and "--strict" in result.stderr


def test_help_teaches(tmp_path):
    result = run_cli("analyze", "--help", cwd=tmp_path)
    assert result.returncode == 0 and "--published" in result.stdout and "examples:" in result.stdout


def test_python_dash_m_marsad_is_the_same_command_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "marsad", "analyze", "--help"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0 and "--published" in result.stdout


def test_unknown_encoder_backend_is_refused_before_any_work(tmp_path, seeds_dir, monkeypatch):
    monkeypatch.setenv("MARSAD_ENCODER", "fp16")
    result = run_cli("analyze", str(seeds_dir), "--db", str(tmp_path / "x.db"), cwd=tmp_path)
    assert result.returncode == 2
    assert "MARSAD_ENCODER=fp16" in result.stderr and "onnx, int8, numpy" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x.db").exists()
