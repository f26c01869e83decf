"""Checkpointed stages: a run killed inside consolidate keeps the stories already done."""

from __future__ import annotations

import pytest

import marsad.stages.consolidate.stage as stage_module
from marsad.model import Article, Corpus, Story
from marsad.pipeline import StageContext
from marsad.stages.consolidate.stage import ConsolidateStage, consolidate
from marsad.store import SQLiteStore


class Killed(BaseException):
    """Stands for SIGKILL: not an Exception, so the per-story guard does not catch it."""


def _article(i: int, text: str) -> Article:
    from marsad.ingest import sentences_of

    return Article(id=f"a{i}", text=text, path=f"p{i}", outlet=f"o{i}.com", published="2023-09-13",
                   sentences=sentences_of(text), source_key=f"k{i}")


def _corpus() -> Corpus:
    texts = [
        "أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في مدينة الرياض بسعة مئتي سرير.",
        "افتتحت وزارة الصحة مستشفى جديدا في الرياض يضم مئتي سرير لخدمة المرضى.",
        "قال وزير النقل إن الطريق السريع بين جدة ومكة سيفتح الشهر المقبل بعد الصيانة.",
        "أكد وزير النقل أن طريق جدة مكة السريع يعاد فتحه الشهر القادم بعد أعمال الصيانة.",
    ]
    corpus = Corpus(articles=[_article(i, t) for i, t in enumerate(texts)])
    corpus.stories = [Story(id="s1", title="مستشفى", articles=["a0", "a1"]),
                      Story(id="s2", title="طريق", articles=["a2", "a3"])]
    return corpus


def test_kill_during_consolidate_keeps_finished_stories(tmp_path, monkeypatch):
    db = tmp_path / "c.db"
    calls: list[int] = []

    def dies_on_second_story(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise Killed()
        return consolidate(*args, **kwargs)

    monkeypatch.setattr(stage_module, "consolidate", dies_on_second_story)
    store = SQLiteStore(db)
    with pytest.raises(Killed):
        ConsolidateStage().run(_corpus(), StageContext(store=store, options={"embeddings": False}))
    store.close()

    store = SQLiteStore(db)
    assert store.get_state("consolidate", "story:s1") is not None, "the finished story was not committed"
    assert store.get_state("consolidate", "story:s2") is None
    # the rerun computes only the story that was in progress
    calls.clear()
    monkeypatch.setattr(stage_module, "consolidate", lambda *a, **k: (calls.append(1), consolidate(*a, **k))[1])
    corpus = _corpus()
    ConsolidateStage().run(corpus, StageContext(store=store, options={"embeddings": False}))
    store.close()
    assert len(calls) == 1
    assert all(s.claims for s in corpus.stories)
