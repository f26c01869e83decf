"""SIGKILL at any stage (issue 17): at ingest, inside each stage and while the report is
written. After each kill the database passes its integrity check, the next run completes,
and its report equals the report of a run that was never interrupted."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from marsad.api import analyze
from marsad.pipeline import DEFAULT_STAGES

from .inputs import ARABIC, write_inputs

OPTIONS = {"ner": "crf", "embeddings": False}
ARTICLES = {
    "a.txt": "كيم يصل إلى روسيا\n\n" + ARABIC + " وأضاف أن الزيارة تستمر ثلاثة أيام.",
    "b.txt": "الزعيم الكوري في روسيا\n\nوصل الزعيم الكوري الشمالي كيم جونغ أون إلى روسيا يوم الثلاثاء في زيارة "
             "نادرة. وقال المتحدث باسم الكرملين ديمتري بيسكوف إن الزعيمين سيناقشان مسائل حساسة.",
    "c.txt": "أمطار في الرياض\n\nهطلت أمطار غزيرة على مدينة الرياض مساء الأحد. وقال الدفاع المدني إن الفرق "
             "تعاملت مع عشرات البلاغات دون إصابات.",
}


def _inputs(root: Path) -> Path:
    return write_inputs(root, ARTICLES)


def _run(folder: Path, db: Path, out: Path):
    """The analysis with paths relative to the folder's parent, so reports of two folders compare."""
    here = os.getcwd()
    os.chdir(folder.parent)
    try:
        return analyze([folder.name], db=db.name, out=out.name, published="2023-09-13", options=OPTIONS)
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("baseline")
    _run(_inputs(root), root / "b.db", root / "report")
    return json.loads((root / "report" / "report.json").read_text("utf-8"))


def _killed_run(folder: Path, db: Path, out: Path, where: str) -> None:
    """Run the analysis in a forked child that SIGKILLs itself at ``where``; assert it died so."""
    pid = os.fork()
    if pid == 0:  # the child: never returns
        try:
            _arm(where)
            _run(folder, db, out)
        finally:
            os._exit(3)  # reached only if the kill point was never hit
    deadline = time.time() + 300
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.time() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise AssertionError(f"the run to be killed at {where} hung")
        time.sleep(0.02)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"not killed at {where}"


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _arm(where: str) -> None:
    """Install the kill point in this (child) process."""
    import marsad.api as api
    import marsad.pipeline as pipeline
    import marsad.report.pages as pages
    from marsad.store.sqlite import SQLiteStore

    if where == "ingest":  # after the first batch is committed, before the others
        api.BATCH_SIZE = 1
        real_add = SQLiteStore.add_articles
        SQLiteStore.add_articles = lambda self, batch: (real_add(self, batch), _die())[0]
        return
    if where == "report":  # after two of the report's files are written
        real_write = pages._write_file
        written: list[Path] = []

        def write(path, content):
            real_write(path, content)
            written.append(path)
            if len(written) == 2:
                _die()

        pages._write_file = write
        return
    # a stage: right after its first write to the store, or at its end if it writes nothing
    current: list[str] = []
    for name in ("put_annotation", "set_state"):
        real = getattr(SQLiteStore, name)

        def write(self, *args, _real=real):
            _real(self, *args)
            if current and current[-1] == where:
                _die()

        setattr(SQLiteStore, name, write)
    real_load = pipeline.load_stage

    class Armed:
        def __init__(self, stage):
            self.stage, self.name = stage, stage.name

        def run(self, corpus, context):
            current.append(self.name)
            self.stage.run(corpus, context)
            if self.name == where:
                _die()
            current.pop()

    pipeline.load_stage = lambda spec: Armed(real_load(spec))


def _integrity(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


STAGES = [spec.rpartition(":")[2].removesuffix("Stage").lower() for spec in DEFAULT_STAGES]


@pytest.mark.parametrize("where", ["ingest", *STAGES, "report"])
def test_sigkill_then_rerun_gives_the_uninterrupted_report(tmp_path, baseline, where):
    folder = _inputs(tmp_path)
    db, out = tmp_path / "k.db", tmp_path / "report"
    _killed_run(folder, db, out, where)
    assert _integrity(db) == "ok"
    _run(folder, db, out)
    assert json.loads((out / "report.json").read_text("utf-8")) == baseline
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report.")] == []  # no work folders left


def _two_runs(root: Path, kill_report: bool) -> tuple[dict, dict, dict]:
    """Two articles, then all three (the second run killed while writing its report, then run
    again, when ``kill_report``): the report files after run one, after the kill, at the end."""
    root.mkdir()
    folder = _inputs(root)
    db, out = root / "k.db", root / "report"
    (folder / "c.txt").unlink()
    _run(folder, db, out)
    files = lambda: {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}  # noqa: E731
    before = files()
    _inputs(root)
    if kill_report:
        _killed_run(folder, db, out, "report")
    killed = files()
    _run(folder, db, out)
    return before, killed, files()


def test_sigkill_while_writing_the_report_keeps_the_previous_one_whole(tmp_path):
    before, killed, final = _two_runs(tmp_path / "killed", kill_report=True)
    assert killed == before  # all of the old report, nothing of the new
    _, _, expected = _two_runs(tmp_path / "uninterrupted", kill_report=False)
    assert final == expected
