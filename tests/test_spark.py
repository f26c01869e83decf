"""The Spark engine (issue 16): per-article work on Apache Spark (local[2], a real JVM) gives the same
results as the local engine; a failing article is reported and the rest goes on; missing pyspark or
Java is named. One Spark session for the whole module (starting the JVM costs seconds)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import analyze_counting
from marsad import pipeline
from marsad.api import ingest, load_corpus
from marsad.model import Article
from marsad.pipeline import StageContext, run_stages
from marsad.store import open_store

MASTER = "local[2]"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def spark():
    """The engine's Spark session on local[2]; skipped only where pyspark is not installed (CI installs
    it: there the tests fail instead). Records where the JVM's standard output went."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        message = "pyspark is not installed (pip install -e '.[spark]'): the Spark engine cannot be tested"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must run these tests")
        pytest.skip(message)
    from marsad.engine import spark as engine
    from marsad.engine.processes import descendants

    engine.stop()
    before = {d.pid for d in descendants()}
    stdout, stderr = os.fstat(1), os.fstat(2)
    session = engine.session(MASTER)
    jvms = [d for d in descendants() if d.pid not in before and d.name == "java"]
    jvm_stdout = [os.stat(f"/proc/{d.pid}/fd/1") for d in jvms]
    yield {"session": session, "stdout": stdout, "stderr": stderr, "jvm_stdout": jvm_stdout}
    engine.stop()


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def test_the_jvm_writes_to_standard_error_not_standard_output(spark):
    assert spark["session"].sparkContext.master == MASTER
    assert len(spark["jvm_stdout"]) == 1  # the one JVM this module started
    assert not _same_file(spark["stdout"], spark["stderr"])
    assert _same_file(spark["jvm_stdout"][0], spark["stderr"])


def test_seeds_give_the_same_report_on_spark_as_on_the_local_engine(spark, tmp_path, seeds_dir):
    folder = tmp_path / "seeds"
    shutil.copytree(seeds_dir, folder)
    local, computed_local = analyze_counting(folder, tmp_path, "local", {"workers": 1})
    on_spark, computed_spark = analyze_counting(folder, tmp_path, "spark", {"engine": "spark", "spark_master": MASTER})
    assert computed_local.get("entities") == 0  # one local process: the stages computed everything themselves
    assert computed_spark["entities"] == 5 and computed_spark["timex"] == 5  # on Spark: all five, ahead
    assert on_spark == local


SNIPPETS = {
    "a.txt": "قال وزير الخارجية إن المحادثات ستستأنف في الرياض يوم الأحد المقبل.",
    "b.txt": "افتتح أمير المنطقة معرضا للكتاب في جدة أمس بحضور عدد من الناشرين.",
    "c.txt": "هذا الخبر فيه عطل مقصود: دالة الاختبار تفشل عليه وحده.",
    "d.txt": "أعلنت الهيئة العامة للإحصاء أن معدل التضخم بلغ اثنين في المئة خلال الربع الأول.",
}


class LettersStage:
    """A stage of this test: per article, its letter count, computed by the engine ahead of ``run``;
    the work raises on the article with «عطل» in it."""

    name = "letters_test"

    def article_work(self, corpus, context):
        def letters(article: Article) -> dict:
            if "عطل" in article.text:
                raise ValueError("this article breaks the test's work on purpose")
            return {"letters": sum(ch.isalpha() for ch in article.text), "pid": os.getpid()}

        return list(corpus.articles), letters

    def run(self, corpus, context) -> None:
        self.found = {a.path: context.store.get_annotation(self.name, a.id) for a in corpus.articles}


@pytest.mark.parametrize("engine", ["spark", "local"])
def test_a_failing_article_is_reported_and_the_others_are_computed(spark, tmp_path, caplog, monkeypatch, engine):
    monkeypatch.setattr(pipeline, "MIN_PARALLEL", 1)  # the local engine forks even for four articles
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in SNIPPETS.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = open_store(tmp_path / "t.db")
    try:
        ingest([str(folder)], store, show_progress=False)
        corpus = load_corpus(store)
        context = StageContext(store=store, options={"engine": engine, "spark_master": MASTER, "workers": 2},
                               show_progress=False)
        stage = LettersStage()
        with caplog.at_level(logging.WARNING, logger="marsad"):
            run_stages(corpus, context, [stage])
    finally:
        store.close()
    bad = next(a for a in corpus.articles if a.path.endswith("c.txt"))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert bad.id in warnings[0] and "ValueError" in warnings[0] and engine in warnings[0]
    found = {Path(path).name: value for path, value in stage.found.items()}
    assert found["c.txt"] is None  # nothing stored for it: left to the stage
    for name in ("a.txt", "b.txt", "d.txt"):
        assert found[name]["letters"] == sum(ch.isalpha() for ch in SNIPPETS[name])
        assert found[name]["pid"] != os.getpid()  # computed by a worker process, not here


def _cli(args: list[str], env: dict[str, str], prelude: str = "") -> subprocess.CompletedProcess:
    code = f"import sys\n{prelude}\nfrom marsad.cli import main\nsys.exit(main({args!r}))"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)


def _env(**changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_HOME", "PYSPARK_PYTHON")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO / "src"), env.get("PYTHONPATH", "")) if p)
    env.update(changes)
    return env


def test_without_java_the_spark_engine_says_so_before_reading_anything(tmp_path, seeds_dir):
    pytest.importorskip("pyspark", reason="without pyspark the engine names pyspark, not Java")
    db = tmp_path / "m.db"
    done = _cli(["analyze", str(seeds_dir), "--db", str(db), "--out", str(tmp_path / "r"), "--engine", "spark"],
                _env(PATH=""))
    assert done.returncode == 1
    assert "needs Java 17 or newer" in done.stderr and "no java is on PATH" in done.stderr
    assert not db.exists()


def test_without_pyspark_the_spark_engine_says_how_to_install_it(tmp_path, seeds_dir):
    db = tmp_path / "m.db"
    done = _cli(["analyze", str(seeds_dir), "--db", str(db), "--out", str(tmp_path / "r"), "--engine=spark=local[2]"],
                _env(), prelude="sys.modules['pyspark'] = None  # as if it were not installed")
    assert done.returncode == 1
    assert "needs pyspark" in done.stderr and "marsad[spark]" in done.stderr
    assert not db.exists()


def test_the_engine_option_reads_local_spark_and_spark_with_a_master():
    import argparse

    from marsad.cli import _engine

    assert _engine("local") == ("local", None)
    assert _engine("spark") == ("spark", None)
    assert _engine("spark=local[2]") == ("spark", "local[2]")
    assert _engine("spark=spark://head:7077") == ("spark", "spark://head:7077")
    for wrong in ("gpu", "local=local[2]", "spark="):
        with pytest.raises(argparse.ArgumentTypeError):
            _engine(wrong)
