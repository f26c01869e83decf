"""Consolidation results are cached per story: an unchanged story is reused, byte for byte."""

from __future__ import annotations

from marsad.api import analyze
from marsad.store import SQLiteStore


def test_second_run_reuses_identical_claims_and_summary(tmp_path, seeds_dir, monkeypatch):
    db = tmp_path / "c.db"
    first = analyze([str(seeds_dir)], db=db, out=None, published="2023-09-13")
    store = SQLiteStore(db)
    (story,) = first.corpus.stories
    cached = store.get_state("consolidate", f"story:{story.id}")
    store.close()
    assert cached is not None and cached["claims"] and cached["summary"]
    import marsad.stages.consolidate.stage as stage_module

    def must_not_recompute(*args, **kwargs):
        raise AssertionError("an unchanged story was consolidated again")

    monkeypatch.setattr(stage_module, "consolidate", must_not_recompute)
    second = analyze([str(seeds_dir)], db=db, out=None)
    (again,) = second.corpus.stories
    assert [c.to_dict() for c in again.claims] == [c.to_dict() for c in story.claims]
    assert [s.to_dict() for s in again.summary] == [s.to_dict() for s in story.summary]
