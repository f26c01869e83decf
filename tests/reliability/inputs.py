"""Short Arabic inputs and a reading helper shared by the ingest and reliability tests."""

from __future__ import annotations

from pathlib import Path

from marsad.ingest import Problem, read_paths

#: two sentences of an ordinary news article
ARABIC = (
    "وصل الزعيم الكوري الشمالي إلى روسيا يوم الثلاثاء في زيارة نادرة. "
    "وقال المتحدث باسم الكرملين إن الزعيمين سيناقشان مسائل حساسة."
)


def read(paths, **kw):
    """(articles, problems) of reading ``paths``."""
    problems: list[Problem] = []
    articles = list(read_paths([str(p) for p in paths], on_problem=problems.append, **kw))
    return articles, problems


def write_inputs(root: Path, articles: dict[str, str]) -> Path:
    """The folder ``root/in`` holding one text file per ``articles`` entry (name → text)."""
    folder = root / "in"
    folder.mkdir(exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
