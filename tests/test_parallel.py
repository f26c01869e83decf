"""Per-article work on several processes (issue 16): the same results whatever the worker count."""

from __future__ import annotations

import os
import shutil

from conftest import analyze_counting
from marsad import pipeline
from marsad.model import Article


def _length(article: Article) -> tuple[str, int, int]:
    return article.id, len(article.text), os.getpid()


def test_map_articles_keeps_order_and_uses_other_processes(monkeypatch):
    monkeypatch.setattr(pipeline, "MIN_PARALLEL", 1)
    monkeypatch.setattr(pipeline, "CHUNK", 3)
    articles = [Article(id=f"a{i}", text="ن" * i, path=f"a{i}.txt") for i in range(20)]
    values = list(pipeline.map_articles(_length, articles, workers=2))
    assert [(i, n) for i, n, _ in values] == [(f"a{i}", i) for i in range(20)]
    assert os.getpid() not in {pid for _, _, pid in values}
    alone = list(pipeline.map_articles(_length, articles, workers=1))
    assert {pid for _, _, pid in alone} == {os.getpid()}


def test_seeds_give_the_same_report_on_one_and_two_processes(tmp_path, seeds_dir, monkeypatch):
    monkeypatch.setattr(pipeline, "MIN_PARALLEL", 1)
    monkeypatch.setattr(pipeline, "CHUNK", 1)
    folder = tmp_path / "seeds"
    shutil.copytree(seeds_dir, folder)
    one, computed_one = analyze_counting(folder, tmp_path, "one", {"workers": 1})
    two, computed_two = analyze_counting(folder, tmp_path, "two", {"workers": 2})
    assert computed_one.get("entities") == 0  # one process: the stage computes everything itself
    assert computed_two["entities"] == 5 and computed_two["timex"] == 5  # two: the workers did
    assert one == two
