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


def test_flipping_an_opt_in_switch_changes_the_story_cache_key(monkeypatch):
    from marsad.ingest import sentences_of
    from marsad.model import Article, Corpus
    from marsad.stages.consolidate import matching, sources
    from marsad.stages.consolidate.stage import story_cache_key

    articles = [
        Article(id=f"a{n}", text=text, path=f"{outlet}.txt", outlet=outlet, published="2024-03-02",
                sentences=sentences_of(text), source_key=f"{outlet}.txt")
        for n, (text, outlet) in enumerate([("افتتح الوزير المستشفى الجديد في جدة اليوم.", "أ"),
                                            ("افتتح وزير الصحة مستشفى جديدا في مدينة جدة.", "ب")])
    ]
    corpus = Corpus(articles=articles)
    base = story_cache_key(articles, corpus, 250, False, {})
    assert story_cache_key(articles, corpus, 250, False, {}) == base
    for module, name in ((matching, "COPY_IN_CLAIMS"), (matching, "ONE_CONFLICT_PER_SLOT"),
                         (sources, "USE_COPIED_SENTENCES"), (sources, "USE_ORDERED_TEXT")):
        with monkeypatch.context() as patch:
            patch.setattr(module, name, not getattr(module, name))
            assert story_cache_key(articles, corpus, 250, False, {}) != base, name


def test_a_retrained_model_file_changes_the_story_cache_key(tmp_path, monkeypatch):
    from marsad.ingest import sentences_of
    from marsad.model import Article, Corpus
    from marsad.stages.consolidate import stage

    text = "افتتح الوزير المستشفى الجديد في جدة اليوم."
    articles = [Article(id="a0", text=text, path="أ.txt", outlet="أ", published="2024-03-02",
                        sentences=sentences_of(text), source_key="أ.txt")]
    corpus = Corpus(articles=articles)
    (tmp_path / "family_model.json").write_text('{"threshold": 0.5}', encoding="utf-8")
    monkeypatch.setattr(stage, "MODEL_FILES_DIR", tmp_path)
    stage.model_files_digest.cache_clear()
    try:
        before = stage.story_cache_key(articles, corpus, 250, False, {})
        (tmp_path / "family_model.json").write_text('{"threshold": 0.6}', encoding="utf-8")
        stage.model_files_digest.cache_clear()
        assert stage.story_cache_key(articles, corpus, 250, False, {}) != before
    finally:
        stage.model_files_digest.cache_clear()
