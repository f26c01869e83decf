"""Short Arabic inputs and a reading helper shared by the ingest and reliability tests."""

from __future__ import annotations

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
