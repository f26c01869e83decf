"""Render a report at any scale: report.json streamed to disk, a paginated front page, and
only the pages whose data changed.

What is written, for a source of data (:mod:`marsad.report.source`):

- ``report.json``, one item at a time: the same document as ``json.dumps(report)``, each item of its
  lists on a line of its own;
- ``report.html`` (and ``index.html``), the front page: the first page of each section (stories
  and threads, duplicate families, entities, articles), with links to the further pages
  ``report-<section>-<k>.html`` when a section holds more than :class:`PageSizes` allows;
- ``stories/<id>.html``, one page per story.

Every page is keyed by a hash of the data it shows (with the templates' digest): a page whose key
equals the one recorded in the previous report's manifest (:data:`MANIFEST`) is not rendered
again but hard-linked from the previous report folder (its bytes, inode and mtime unchanged); a
story that no longer exists has no key, so its page is not carried over. A story page receives
only its own data (its articles, entities, quotes, thread), never the whole report, so rendering
it costs the same in a 5-article and a 30k-article corpus.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from marsad.report.source import CHUNK, SECTIONS, ReportSource

#: the file in a report folder recording each page's key (relative path → hash)
MANIFEST = ".marsad-pages.json"


@dataclass(frozen=True)
class PageSizes:
    """How much one page of each front-page section holds."""

    articles: int = 200
    duplicates: int = 100
    entities: int = 500
    threads: int = 60
    stories: int = 300  # stories outside threads


@dataclass
class RenderStats:
    """What one report run did with its pages."""

    rendered: int = 0  # rendered and written
    reused: int = 0  # unchanged: linked from the previous report, not rendered
    removed: int = 0  # pages of the previous report not in this one


def page_file(section: str, number: int) -> str:
    """The file holding page ``number`` of a front-page section."""
    return "report.html" if number == 1 else f"report-{section}-{number}.html"


@lru_cache(maxsize=1)
def templates_digest() -> str:
    """A hash of every template file shipped with the package (a changed template changes every key)."""
    digest = hashlib.blake2b(digest_size=16)

    def walk(folder: Any, prefix: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}/")
            else:
                digest.update(f"{prefix}{entry.name}\0".encode())
                digest.update(entry.read_bytes())
                digest.update(b"\0")

    walk(resources.files("marsad.report").joinpath("templates"), "")
    return digest.hexdigest()


def page_key(template: str, context: dict[str, Any]) -> str:
    """The hash of what a page shows: its template (and all templates) and its data."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{templates_digest()}\0{template}\0".encode())
    digest.update(json.dumps(context, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    return digest.hexdigest()


def render_page(template: str, context: dict[str, Any]) -> str:
    """The HTML of ``template`` with ``context``."""
    from marsad.report.writer import _environment

    return _environment().get_template(template).render(**context)


class PageSink:
    """Receives the pages of one report; keeps the key of each."""

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}
        self.stats = RenderStats()

    def page(self, relative: str, template: str, context: dict[str, Any]) -> None:
        """Add the page ``relative`` (rendering it unless it can be reused)."""
        key = page_key(template, context)
        self.keys[relative] = key
        if not self._reuse(relative, key):
            self._write(relative, render_page(template, context))
            self.stats.rendered += 1
        else:
            self.stats.reused += 1

    def _reuse(self, relative: str, key: str) -> bool:
        return False

    def _write(self, relative: str, html: str) -> None:
        raise NotImplementedError


class MemorySink(PageSink):
    """Pages kept in a dict (relative path → HTML); ``index.html`` repeats ``report.html``."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: dict[str, str] = {}

    def _write(self, relative: str, html: str) -> None:
        self.pages[relative] = html
        if relative == "report.html":
            self.pages["index.html"] = html


class FolderSink(PageSink):
    """Pages written into ``folder``; a page whose key is the one ``previous`` (a report folder)
    recorded is hard-linked from it (copied where links are refused) instead of rendered."""

    def __init__(self, folder: Path, previous: Path | None) -> None:
        super().__init__()
        self.folder = folder
        self.previous = previous
        self.previous_keys = read_manifest(previous) if previous is not None else {}

    def _reuse(self, relative: str, key: str) -> bool:
        if self.previous is None or self.previous_keys.get(relative) != key:
            return False
        names = [relative, "index.html"] if relative == "report.html" else [relative]
        try:
            for name in names:
                target = self.folder / name
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(self.previous / name, target)
                except OSError:
                    target.write_bytes((self.previous / name).read_bytes())
        except OSError:
            return False
        return True

    def _write(self, relative: str, html: str) -> None:
        names = [relative, "index.html"] if relative == "report.html" else [relative]
        for name in names:
            _write_file(self.folder / name, html)

    def finish(self) -> None:
        """Record the keys in the folder and count the previous report's pages not carried over."""
        (self.folder / MANIFEST).write_text(json.dumps({"format": 1, "pages": self.keys}, sort_keys=True, indent=0),
                                            encoding="utf-8")
        self.stats.removed = len(set(self.previous_keys) - set(self.keys))


def _write_file(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:  # mode 0666 & ~umask, like any file the user writes
        fh.write(content)


def read_manifest(folder: Path) -> dict[str, str]:
    """The page keys a report folder recorded ({} when it has none or it cannot be read)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        pages = data.get("pages", {}) if data.get("format") == 1 else {}
        return {str(k): str(v) for k, v in pages.items()}
    except (OSError, ValueError, AttributeError):
        return {}


# --- what the pages need to know about the whole report ---------------------------------

_SLIM_STORY = ("id", "title", "articles", "outlets", "first_seen", "last_seen", "history", "thread")


@dataclass
class _Index:
    """The small, corpus-wide facts pages need, gathered while report.json is written."""

    sizes: PageSizes
    version: str
    threads: list[dict[str, Any]]
    article_number: dict[str, int] = field(default_factory=dict)  # id → position in the report
    slim_articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    outlets: set[str] = field(default_factory=set)
    entity_names: dict[str, str] = field(default_factory=dict)
    stories: list[dict[str, Any]] = field(default_factory=list)  # slim, in report order
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))

    def add(self, section: str, item: dict[str, Any]) -> None:
        self.counts[section] += 1
        if section == "articles":
            self.article_number[item["id"]] = len(self.article_number)
            first = item["sentences"][:1]
            self.slim_articles[item["id"]] = {
                "title": item["title"], "outlet": item["outlet"], "path": item["path"],
                "published": item["published"], "sentences": [{"text": s["text"]} for s in first]}
            if item["outlet"] is not None:
                self.outlets.add(item["outlet"].lower() if isinstance(item["outlet"], str) else item["outlet"])
        elif section == "entities":
            self.entity_names[item["id"]] = item["name"]
        elif section == "stories":
            self.stories.append({k: item.get(k) for k in _SLIM_STORY})

    def article_file(self, article_id: str) -> str:
        """The front-page file that shows ``article_id`` (report.html for unknown ids)."""
        number = self.article_number.get(article_id)
        return page_file("articles", 1 if number is None else number // self.sizes.articles + 1)

    def __post_init__(self) -> None:
        self._threads = {t["id"]: (i, t) for i, t in enumerate(self.threads)}

    def thread(self, thread_id: str | None) -> dict[str, Any] | None:
        """The thread ``thread_id`` (None when there is none)."""
        found = self._threads.get(thread_id) if thread_id else None
        return found[1] if found else None

    def thread_file(self, thread_id: str) -> str:
        """The front-page file that shows the thread ``thread_id``."""
        i = self._threads[thread_id][0]
        return page_file("stories", i // self.sizes.threads + 1)


def _strings(value: Any, out: set[str]) -> None:
    """Every string inside ``value`` (dict values, list items), added to ``out``."""
    if isinstance(value, str):
        out.add(value)
    elif isinstance(value, dict):
        for v in value.values():
            _strings(v, out)
    elif isinstance(value, list):
        for v in value:
            _strings(v, out)


def story_context(story: dict[str, Any], quotes: list[dict[str, Any]], index: _Index) -> dict[str, Any]:
    """What a story page shows: the story, the quotes of its articles, and of the rest of the
    report only what the story names (its articles' titles, outlets, dates and first
    sentences; its entities' names; its thread)."""
    named: set[str] = set()
    _strings(story, named)
    _strings(quotes, named)
    articles = {a: index.slim_articles[a] for a in sorted(named) if a in index.slim_articles}
    entity_ids = [*story.get("entities", []), *(q["speaker"].get("entity") for q in quotes)]
    entities = {e: {"name": index.entity_names[e]} for e in entity_ids if e in index.entity_names}
    thread = index.thread(story.get("thread"))
    return {
        "r": {"marsad_version": index.version, "quotes": quotes},
        "story": story,
        "articles": articles,
        "entities": entities,
        "threads": {thread["id"]: thread} if thread else {},
        "article_pages": {a: index.article_file(a) for a in articles},
        "thread_page": index.thread_file(thread["id"]) if thread else "report.html",
    }


# --- report.json, streamed ------------------------------------------------------------------

def _json_item(item: Any) -> str:
    """``item`` on one line (the C encoder: ``indent`` would make json use its pure-Python one,
    which took most of a report's time)."""
    return "  " + json.dumps(item, ensure_ascii=False)


class _JsonWriter:
    """Writes report.json as the sections stream by."""

    def __init__(self, fh: TextIO | None, version: str) -> None:
        self.fh = fh
        if fh is not None:
            fh.write("{\n \"marsad_version\": " + json.dumps(version, ensure_ascii=False))
        self.first = True

    def start(self, section: str) -> None:
        if self.fh is not None:
            self.fh.write(f",\n {json.dumps(section)}: ")
        self.first = True

    def item(self, item: dict[str, Any]) -> None:
        if self.fh is not None:
            self.fh.write("[\n" if self.first else ",\n")
            self.fh.write(_json_item(item))
        self.first = False

    def end(self) -> None:
        if self.fh is not None:
            self.fh.write("[]" if self.first else "\n ]")

    def close(self) -> None:
        if self.fh is not None:
            self.fh.write("\n}")


# --- the whole report --------------------------------------------------------------------

def render_report(source: ReportSource, sink: PageSink, sizes: PageSizes | None = None,
                  json_out: TextIO | None = None) -> None:
    """Write report.json to ``json_out`` (when given) and every page to ``sink``."""
    sizes = sizes or PageSizes()
    with source.reading():
        index = _Index(sizes=sizes, version=source.version, threads=list(source.iter_section("threads")))
        out = _JsonWriter(json_out, source.version)
        waiting: list[dict[str, Any]] = []  # stories whose pages wait for their chunk's quotes
        for section in SECTIONS:
            out.start(section)
            for item in source.iter_section(section):
                index.add(section, item)
                out.item(item)
                if section == "stories":
                    waiting.append(item)
                    if len(waiting) >= CHUNK:
                        _story_pages(source, sink, index, waiting)
                        waiting = []
            out.end()
            if section == "stories":
                _story_pages(source, sink, index, waiting)
        out.close()
        _front_pages(source, sink, index)


def _story_pages(source: ReportSource, sink: PageSink, index: _Index, stories: list[dict[str, Any]]) -> None:
    """The pages of ``stories`` (their quotes read together)."""
    by_article: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for i, q in enumerate(source.quotes_of({a for s in stories for a in s["articles"]})):
        by_article.setdefault(q["article"], []).append((i, q))
    for story in stories:
        own = [q for _, q in sorted(iq for a in set(story["articles"]) for iq in by_article.get(a, []))]
        sink.page(f"stories/{story['id']}.html", "story.html", story_context(story, own, index))


def _pages_of(items: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """``items`` cut into lists of ``size`` (at least one list, maybe empty)."""
    page: list[dict[str, Any]] = []
    yielded = False
    for item in items:
        page.append(item)
        if len(page) == size:
            yield page
            yielded = True
            page = []
    if page or not yielded:
        yield page


def _front_pages(source: ReportSource, sink: PageSink, index: _Index) -> None:
    """The front page (the first page of every section) and the further pages of each section."""
    sizes = index.sizes
    standalone = [s for s in index.stories if not s["thread"]]
    by_id = {s["id"]: s for s in index.stories}
    counts = {
        "articles": index.counts["articles"], "outlets": len(index.outlets), "stories": index.counts["stories"],
        "duplicate_groups": index.counts["duplicate_groups"], "entities": index.counts["entities"],
        "threads": len(index.threads), "standalone": len(standalone),
    }
    pages = {
        "stories": max(1, math.ceil(len(index.threads) / sizes.threads), math.ceil(len(standalone) / sizes.stories)),
        "duplicates": max(1, math.ceil(counts["duplicate_groups"] / sizes.duplicates)),
        "entities": max(1, math.ceil(counts["entities"] / sizes.entities)),
        "articles": max(1, math.ceil(counts["articles"] / sizes.articles)),
    }
    base = {"r": {"marsad_version": index.version}}
    front: dict[str, Any] = {**base, "counts": counts, "pages": pages, "current": 1}

    def section_page(section: str, number: int, data: dict[str, Any], section_counts: dict[str, int]) -> None:
        if number == 1:
            front.update(data)
            return
        # a later page links back, and forward when it is not the last: it needs no more than that
        context = {**base, **data, "section": section, "current": number, "counts": section_counts,
                   "pages": {section: min(pages[section], number + 1)}}
        sink.page(page_file(section, number), "section.html", context)

    for number in range(1, pages["stories"] + 1):
        threads = index.threads[(number - 1) * sizes.threads:number * sizes.threads]
        lone = standalone[(number - 1) * sizes.stories:number * sizes.stories]
        stories = {sid: by_id[sid] for t in threads for sid in t["stories"] if sid in by_id}
        section_page("stories", number, {"page_threads": threads, "page_standalone": lone, "stories": stories},
                     {"threads": counts["threads"], "standalone": counts["standalone"]})

    for number, groups in enumerate(_pages_of(source.iter_section("duplicate_groups"), sizes.duplicates), 1):
        ids = [a for g in groups for a in [g["origin"], *g["members"], *(m["article"] for m in g["shared"])]]
        articles = source.articles(ids)
        at = {a: index.article_file(a) for a in articles}
        if number == 1:  # the front page shows the first page of articles itself
            at = {a: f for a, f in at.items() if f != "report.html"}
        section_page("duplicates", number, {"page_groups": groups, "articles": articles, "article_at": at},
                     {"duplicate_groups": counts["duplicate_groups"]})

    for number, entities in enumerate(_pages_of(source.iter_section("entities"), sizes.entities), 1):
        section_page("entities", number, {"page_entities": entities, "entities_offset": (number - 1) * sizes.entities},
                     {})

    for number, articles in enumerate(_pages_of(source.iter_section("articles"), sizes.articles), 1):
        section_page("articles", number, {"page_articles": articles, "articles_offset": (number - 1) * sizes.articles},
                     {})

    sink.page("report.html", "report.html", front)
