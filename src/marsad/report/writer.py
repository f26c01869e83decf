"""Write report.json (validated shape: ``schema.json``) and the HTML report.

Layout of the output folder::

    report.json          everything, machine-readable
    report.html          the front page (also written as index.html)
    stories/<id>.html    one page per story
"""

from __future__ import annotations

import json
import os
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from marsad.model import Corpus
from marsad.version import __version__

TOP_LEVEL_KEYS = (
    "marsad_version", "articles", "duplicate_groups", "entities", "quotes", "timerefs", "stories", "threads",
)


def build_report(corpus: Corpus) -> dict[str, Any]:
    """The report.json document for ``corpus``."""
    return {
        "marsad_version": __version__,
        "articles": [a.to_dict() for a in corpus.articles],
        "duplicate_groups": [g.to_dict() for g in corpus.duplicate_groups],
        "entities": [e.to_dict() for e in corpus.entities],
        "mentions": [m.to_dict() for m in corpus.mentions],
        "quotes": [q.to_dict() for q in corpus.quotes],
        "timerefs": [t.to_dict() for t in corpus.timerefs],
        "stories": [s.to_dict() for s in corpus.stories],
        "threads": [t.to_dict() for t in corpus.threads],
    }


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of report.json shipped with the package."""
    return json.loads(resources.files("marsad.report").joinpath("schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("marsad.report", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["words"] = lambda text: len((text or "").split())
    return env


def _atomic_write(path: Path, content: str) -> None:
    """Write via a temporary file and rename, so a killed run never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render_pages(report: dict[str, Any]) -> dict[str, str]:
    """Relative path → HTML for the front page and every story page."""
    env = _environment()
    context = {
        "r": report,
        "articles": {a["id"]: a for a in report["articles"]},
        "entities": {e["id"]: e for e in report["entities"]},
        "stories": {s["id"]: s for s in report["stories"]},
        "threads": {t["id"]: t for t in report["threads"]},
    }
    pages = {"report.html": env.get_template("report.html").render(**context)}
    pages["index.html"] = pages["report.html"]
    story_template = env.get_template("story.html")
    for story in report["stories"]:
        pages[f"stories/{story['id']}.html"] = story_template.render(story=story, **context)
    return pages


def write_report(corpus: Corpus, out: Path) -> Path:
    """Write report.json and the HTML pages into ``out``; returns ``out``."""
    report = build_report(corpus)
    _atomic_write(out / "report.json", json.dumps(report, ensure_ascii=False, indent=1))
    for relative, html in render_pages(report).items():
        _atomic_write(out / relative, html)
    return out
