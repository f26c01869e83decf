"""Readers: files, folders and stdin in .txt, .html/.htm, .jsonl and .jsonl.gz.

Every reader yields :class:`RawArticle` records (text still raw) or reports a
:class:`Problem` naming the file (and JSONL line) and what is wrong; one bad input never
stops the others.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".ndjson")

#: JSONL field names accepted for each article attribute, first match wins.
FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "text": ("content", "text", "body", "article", "article_body", "maintext"),
    "title": ("title", "headline"),
    "outlet": ("source", "outlet", "site", "sitename", "publisher", "source_name"),
    "url": ("url", "link", "permalink"),
    "published": ("published", "date", "date_published", "pubdate", "published_at", "date_extracted"),
    "author": ("author", "byline", "authors", "writer"),
}


@dataclass
class Problem:
    """A bad input: which file (and line), what is wrong. ``fatal`` problems skip the item."""

    path: str
    message: str
    line: int | None = None
    fatal: bool = True

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass
class RawArticle:
    """One article as read, before cleaning."""

    text: str
    path: str  # where it was read from (file, or file:line for JSONL)
    source_key: str  # URL or absolute path (+ line) that identifies versions of this article
    kind: str  # "text" (scraped plain text, chrome still in it), "html" (already extracted), "jsonl"
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


ProblemSink = Callable[[Problem], None]


class InputError(Exception):
    """Raised instead of reporting when reading in strict mode."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def decode_bytes(data: bytes, path: str, report: ProblemSink) -> str | None:
    """Decode file bytes: UTF-8 (with or without BOM), else windows-1256 (said so), else a problem."""
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 files have NULs too; accept them only with a BOM
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return data.decode("utf-16")
        report(Problem(path, "binary file (contains NUL bytes); not an article"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        report(Problem(path, "not UTF-8; decoded as windows-1256 (Arabic)", fatal=False))
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        report(Problem(path, "cannot decode: not UTF-8, not windows-1256, no text encoding detected"))
        return None
    report(Problem(path, f"not UTF-8; decoded as {best.encoding}", fatal=False))
    return str(best)


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, "", []):
            return value
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v)
    return str(value).strip() or None


def read_jsonl_lines(lines: Iterator[str], path: str, source_root: str, report: ProblemSink) -> Iterator[RawArticle]:
    """Articles from JSONL lines; a bad line is reported with its number and skipped."""
    number = 0
    try:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                report(Problem(path, f"invalid JSON ({exc.msg} at column {exc.colno})", line=number))
                continue
            if not isinstance(record, dict):
                report(Problem(path, "JSON line is not an object", line=number))
                continue
            text = _as_text(_first(record, FIELD_SYNONYMS["text"]))
            if not text:
                names = "/".join(FIELD_SYNONYMS["text"][:3])
                report(Problem(path, f"no article text (expected a {names} field)", line=number))
                continue
            url = _as_text(_first(record, FIELD_SYNONYMS["url"]))
            yield RawArticle(
                text=text,
                path=f"{path}:{number}",
                source_key=url or f"{source_root}:{number}",
                kind="jsonl",
                title=_as_text(_first(record, FIELD_SYNONYMS["title"])),
                outlet=_as_text(_first(record, FIELD_SYNONYMS["outlet"])),
                url=url,
                published=_as_text(_first(record, FIELD_SYNONYMS["published"])),
                author=_as_text(_first(record, FIELD_SYNONYMS["author"])),
            )
    except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as exc:
        report(Problem(path, f"truncated or corrupt compressed file after line {number} ({exc})"))
    except UnicodeDecodeError as exc:
        report(Problem(path, f"not UTF-8 text after line {number} ({exc.reason})"))


def iter_titles_and_texts(path: Path) -> Iterator[tuple[str | None, str]]:
    """(title, text) of each record of a JSONL(.gz) corpus, for building lexicons and tables;
    bad lines are skipped silently (this is raw counting, not ingestion)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                yield _as_text(_first(record, FIELD_SYNONYMS["title"])), _as_text(
                    _first(record, FIELD_SYNONYMS["text"])
                ) or ""


def read_html(html: str, path: str, source_key: str, report: ProblemSink) -> Iterator[RawArticle]:
    """The main text and metadata of an HTML page (trafilatura); a page without a body is a problem."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = (data.get("text") or "").strip()
    if not text:
        report(Problem(path, "HTML page has no article body (trafilatura found no main text)"))
        return
    title = data.get("title")
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        text = "\n".join(lines[1:])
    yield RawArticle(
        text=text,
        path=path,
        source_key=data.get("url") or source_key,
        kind="html",
        title=title,
        outlet=data.get("sitename") or None,
        url=data.get("url") or None,
        published=data.get("date") or None,
        author=data.get("author") or None,
    )


def _sniff_kind(text: str) -> str:
    head = text.lstrip()[:1000].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<meta")):
        return "html"
    return "text"


def read_text_blob(text: str, path: str, source_key: str, kind: str, report: ProblemSink) -> Iterator[RawArticle]:
    """Dispatch decoded text to the reader for ``kind`` (text, html or jsonl)."""
    if not text.strip():
        report(Problem(path, "empty file (no text)"))
        return
    if kind == "jsonl":
        yield from read_jsonl_lines(iter(text.splitlines()), path, source_key, report)
    elif kind == "html":
        yield from read_html(text, path, source_key, report)
    else:
        yield RawArticle(text=text, path=path, source_key=source_key, kind="text")


def read_file(path: Path, report: ProblemSink) -> Iterator[RawArticle]:
    """Articles in one file, by suffix (unknown suffixes are sniffed)."""
    shown = str(path)
    source_root = str(path.resolve())
    name = path.name.lower()
    try:
        if name.endswith((".jsonl.gz", ".json.gz", ".ndjson.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                yield from read_jsonl_lines(fh, shown, source_root, report)
            return
        if name.endswith((".jsonl", ".ndjson")):
            with path.open("rb") as fh:
                data = fh.read()
            text = decode_bytes(data, shown, report)
            if text is not None:
                yield from read_text_blob(text, shown, source_root, "jsonl", report)
            return
        data = path.read_bytes()
    except OSError as exc:
        report(Problem(shown, f"cannot read: {exc.strerror or exc}"))
        return
    if not data.strip():
        report(Problem(shown, "empty file (no text)"))
        return
    text = decode_bytes(data, shown, report)
    if text is None:
        return
    kind = "html" if name.endswith((".html", ".htm")) else "text" if name.endswith(".txt") else _sniff_kind(text)
    yield from read_text_blob(text, shown, source_root, kind, report)


def iter_files(root: Path) -> Iterator[Path]:
    """Article files under a folder, recursively, in a stable order."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.name.startswith("."):
            continue
        if path.name.lower().endswith(SUFFIXES):
            yield path


def read_inputs(inputs: list[str], report: ProblemSink) -> Iterator[RawArticle]:
    """Articles from files, folders (recursive) and ``-`` (standard input)."""
    for item in inputs:
        if item == "-":
            data = sys.stdin.buffer.read()
            text = decode_bytes(data, "<stdin>", report)
            if text is not None:
                key = "<stdin>:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
                yield from read_text_blob(text, "<stdin>", key, _sniff_kind(text), report)
            continue
        path = Path(item)
        if path.is_dir():
            found = False
            for file in iter_files(path):
                found = True
                yield from read_file(file, report)
            if not found:
                report(Problem(item, f"folder has no article files ({', '.join(SUFFIXES)})"))
        elif path.exists():
            yield from read_file(path, report)
        else:
            report(Problem(item, "no such file or folder"))
