"""Readers: files, folders and stdin in .txt, .html/.htm, .jsonl and .jsonl.gz.

Every reader yields :class:`RawArticle` records (text still raw) or reports a
:class:`Problem` naming the file (and JSONL line) and what is wrong; one bad input never
stops the others, and one bad JSONL line never stops its file.

Reading is streamed and bounded (:class:`Limits`): JSONL is read line by line, plain text
and HTML files up to ``max_article_bytes``; a line longer than ``max_line_bytes``, a file
that decompresses past ``max_input_bytes`` (or far past its own size: a decompression
bomb), a named pipe or a device each get a clear problem instead of unbounded memory or a
hang.

Decoding rule, per record (a JSONL line; a whole text or HTML file):

- a record that is valid UTF-8 is UTF-8 (a BOM is dropped); a file starting with a UTF-16
  BOM, or whose bytes alternate like UTF-16 (every other byte 0x00 or 0x06), is UTF-16;
- a record that is not valid UTF-8 is windows-1256 (legacy Arabic) only when it is
  consistently so: most of its non-ASCII bytes are not valid UTF-8 (said once per file);
- otherwise it is UTF-8 with a few bad bytes (a damaged or truncated file): those bytes
  become U+FFFD, the record is kept, and the first bad byte is reported with its line and
  byte offset. Nothing ever re-decodes a whole file because of one record.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".ndjson")
_JSONL_GZ = (".jsonl.gz", ".json.gz", ".ndjson.gz")

#: JSONL field names accepted for each article attribute, first match wins.
FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "text": ("content", "text", "body", "article", "article_body", "maintext"),
    "title": ("title", "headline"),
    "outlet": ("source", "outlet", "site", "sitename", "publisher", "source_name"),
    "url": ("url", "link", "permalink"),
    "published": ("published", "date", "date_published", "pubdate", "published_at", "date_extracted"),
    "author": ("author", "byline", "authors", "writer"),
}

#: bytes read at a time from a stream
CHUNK = 1 << 20
#: a compressed input that expands more than this many times is refused as a decompression bomb
#: (Arabic news JSONL compresses 3–10 times)…
MAX_COMPRESSION_RATIO = 100
#: …once it has produced this many bytes
RATIO_CHECK_AFTER = 32 << 20


@dataclass(frozen=True)
class Limits:
    """Caps on what one input may make marsad read (all in bytes; the CLI sets them)."""

    #: largest article: a .txt or .html file, or the text field of a JSONL line
    max_article_bytes: int = 4_000_000
    #: longest JSONL line (JSON escapes can triple an article's size)
    max_line_bytes: int = 16_000_000
    #: most bytes read (after decompression) from one file or from standard input
    max_input_bytes: int = 20_000_000_000


DEFAULT_LIMITS = Limits()


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


class InputTooLarge(Exception):
    """A stream passed one of the :class:`Limits` (the message says which and how to raise it)."""


def _size(n: int) -> str:
    """``n`` bytes for people (``4.0 MB``)."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


# --- decoding ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Decoded:
    """A decoded record: its text, the encoding used, and where its first bad byte was."""

    text: str
    encoding: str  # "utf-8", "windows-1256", "utf-16-le", …
    bad_bytes: int = 0  # bytes replaced with U+FFFD
    first_bad: int | None = None  # byte offset of the first of them, in the record


def decode_record(data: bytes) -> Decoded:
    """Decode one record by the rule in the module docstring (never raises)."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for ch in escaped if "\udc80" <= ch <= "\udcff")
    good = sum(1 for ch in escaped if ch > "\x7f") - bad
    if bad > good:  # consistently not UTF-8: legacy Arabic
        return Decoded(data.decode("cp1256"), "windows-1256")
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8", bad, first_bad)


def sniff_utf16(head: bytes) -> str | None:
    """``utf-16`` (BOM), ``utf-16-le``/``utf-16-be`` (no BOM, recognised by its high bytes:
    0x00 for Latin, 0x06 for Arabic), or None for anything else."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    sample = head[: len(head) // 2 * 2][:8192]
    if len(sample) < 8:
        return None
    pairs = len(sample) // 2
    even, odd = sample[0::2], sample[1::2]

    def high_share(part: bytes) -> float:
        return (part.count(0) + part.count(6)) / pairs

    for encoding, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high_share(high) >= 0.8 and high_share(low) < 0.2:
            try:
                text = sample.decode(encoding)
            except UnicodeDecodeError:
                continue
            controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
            if controls <= len(text) * 0.01:
                return encoding
    return None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_text_file(data: bytes, path: str, report: ProblemSink) -> str | None:
    """Decode a whole text or HTML file (one record); problems name line and byte offset."""
    utf16 = sniff_utf16(data[:8192])
    if utf16:
        text = data.decode(utf16, errors="replace")
        if utf16 != "utf-16":
            report(Problem(path, f"UTF-16 text without a byte-order mark; read as {utf16}", fatal=False))
        return text.lstrip("\ufeff")
    if b"\x00" in data[:8192]:
        report(Problem(path, "binary file (contains NUL bytes); not an article"))
        return None
    decoded = decode_record(data[3:] if data.startswith(codecs.BOM_UTF8) else data)
    if decoded.encoding == "windows-1256":
        report(Problem(path, "not UTF-8 anywhere; decoded as windows-1256 (Arabic)", fatal=False))
    elif decoded.bad_bytes:
        assert decoded.first_bad is not None
        report(Problem(
            path, f"{decoded.bad_bytes} byte(s) not valid UTF-8, the first at byte {decoded.first_bad}; "
            "replaced with U+FFFD, the rest of the file is UTF-8 (kept)",
            line=_line_of(data, decoded.first_bad), fatal=False,
        ))
    return decoded.text


# --- bounded streams --------------------------------------------------------------------


class _Metered:
    """A binary reader that refuses to give more than ``limits.max_input_bytes`` (and, for a
    compressed file, more than :data:`MAX_COMPRESSION_RATIO` times what it read from disk)."""

    def __init__(self, read: Callable[[int], bytes], limits: Limits, compressed: BinaryIO | None = None) -> None:
        self._read = read
        self._limits = limits
        self._compressed = compressed
        self.total = 0

    def read(self, n: int = CHUNK) -> bytes:
        chunk = self._read(n)
        self.total += len(chunk)
        if self.total > self._limits.max_input_bytes:
            raise InputTooLarge(
                f"more than {_size(self._limits.max_input_bytes)} read (--max-input-bytes)"
            )
        if self._compressed is not None and self.total > RATIO_CHECK_AFTER:
            on_disk = max(1, self._compressed.tell())
            if self.total > on_disk * MAX_COMPRESSION_RATIO:
                raise InputTooLarge(
                    f"decompresses to over {MAX_COMPRESSION_RATIO} times its size ({_size(self.total)} from "
                    f"{_size(on_disk)}): a decompression bomb, not news"
                )
        return chunk


class _Transcoder:
    """Reads a UTF-16 stream as UTF-8 bytes (bad sequences become U+FFFD)."""

    def __init__(self, read: Callable[[int], bytes], encoding: str) -> None:
        self._read = read
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")

    def read(self, n: int = CHUNK) -> bytes:
        while True:
            chunk = self._read(n)
            text = self._decoder.decode(chunk, final=not chunk)
            if text or not chunk:
                return text.lstrip("\ufeff").encode("utf-8")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a stream: its number, byte offset, and bytes (None when it was too long)."""

    number: int
    offset: int
    data: bytes | None
    length: int


_NON_EMPTY_RE = re.compile(rb"[^\n]+")


def iter_lines(read: Callable[[int], bytes], max_line_bytes: int) -> Iterator[Line]:
    """Non-empty lines of a binary stream without their ``\\n``, numbered from 1, in memory
    bounded by ``max_line_bytes`` (a longer line is skipped to its end and yielded with
    ``data=None``) and in time linear in the stream (runs of empty lines are skipped in C)."""
    base = 0  # stream offset of chunk[0]
    newlines = 0  # newlines before the current position
    part: bytearray | None = None  # a line that goes on in the next chunk
    part_len = part_number = part_offset = 0
    dropped = False
    while True:
        chunk = read(CHUNK)
        if not chunk:
            break
        pos = 0
        if part is not None:
            nl = chunk.find(b"\n")
            end = len(chunk) if nl == -1 else nl
            part_len += end
            if not dropped and part_len <= max_line_bytes:
                part += chunk[:end]
            else:
                dropped, part = True, bytearray()
            if nl == -1:
                base += len(chunk)
                continue
            yield Line(part_number, part_offset, None if dropped else bytes(part), part_len)
            part = None
            newlines += 1
            pos = nl + 1
        for m in _NON_EMPTY_RE.finditer(chunk, pos):
            start, end = m.span()
            newlines += chunk.count(b"\n", pos, start)
            if end == len(chunk):  # the line may go on in the next chunk
                part_number, part_offset, part_len = newlines + 1, base + start, end - start
                dropped = part_len > max_line_bytes
                part = bytearray() if dropped else bytearray(chunk[start:end])
                pos = end
                break
            length = end - start
            yield Line(newlines + 1, base + start, chunk[start:end] if length <= max_line_bytes else None, length)
            newlines += 1
            pos = end + 1
        else:
            newlines += chunk.count(b"\n", pos)
        base += len(chunk)
    if part is not None:
        yield Line(part_number, part_offset, None if dropped else bytes(part), part_len)


# --- JSONL records ----------------------------------------------------------------------

_TEXT_LIST = {"type": "array", "items": {"type": "string"}}


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """JSON Schema of one JSONL input line: every known field with the types marsad accepts
    (text fields: a string or a list of paragraphs; authors: a string or a list of names;
    others: a string; null everywhere means absent). Other fields are not looked at."""
    kinds = {
        "text": {"anyOf": [{"type": "string"}, _TEXT_LIST, {"type": "null"}]},
        "author": {"anyOf": [{"type": "string"}, _TEXT_LIST, {"type": "null"}]},
    }
    plain = {"type": ["string", "null"]}
    properties = {name: kinds.get(attribute, plain)
                  for attribute, names in FIELD_SYNONYMS.items() for name in names}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "marsad JSONL input line",
        "type": "object",
        "properties": properties,
    }


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(record_schema())


_EXPECTED = {"text": "a string or a list of strings", "author": "a string or a list of strings"}
_JSON_TYPES = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number",
               float: "a number", type(None): "null"}


def _attribute_of(name: str) -> str:
    return next(a for a, names in FIELD_SYNONYMS.items() if name in names)


_LIST_FIELDS = frozenset(FIELD_SYNONYMS["text"] + FIELD_SYNONYMS["author"])
_KNOWN_FIELDS = frozenset(n for names in FIELD_SYNONYMS.values() for n in names)


def plain_types(record: dict[str, Any]) -> bool:
    """True when every known field of ``record`` already has a type :func:`record_schema`
    accepts (the fast path; the schema itself explains what is wrong otherwise)."""
    for name in _KNOWN_FIELDS.intersection(record):
        value = record[name]
        if value is None:
            continue
        if isinstance(value, list):
            if name not in _LIST_FIELDS or not all(isinstance(v, str) for v in value):
                return False
        elif not isinstance(value, str):
            return False
    return True


def validate_record(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, message) for each known field of ``record`` whose type is wrong."""
    if plain_types(record):
        return []
    wrong: list[tuple[str, str]] = []
    for error in _validator().iter_errors(record):
        if not error.path:
            continue
        name = str(error.path[0])
        if any(name == w for w, _ in wrong):
            continue
        value = record.get(name)
        expected = _EXPECTED.get(_attribute_of(name), "a string")
        got = _JSON_TYPES.get(type(value), "that")
        if isinstance(value, list):
            odd = [v for v in value if not isinstance(v, str)][:1]
            got = f"a list holding {_JSON_TYPES.get(type(odd[0]), 'that')}" if odd else "a list"
        wrong.append((name, f"field {name!r} must be {expected}, not {got}"))
    return wrong


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, "", []):
            return value
    return None


def _as_text(value: Any, joiner: str = ", ") -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return joiner.join(str(v) for v in value if v).strip() or None
    return str(value).strip() or None


def checked_url(url: str | None) -> tuple[str | None, str | None]:
    """(url, None) when ``url`` parses (host and port included), else (None, why not)."""
    if not url:
        return None, None
    try:
        parts = urlsplit(url)
        _ = parts.hostname, parts.port
    except ValueError as exc:
        return None, f"url {url[:80]!r} is not a valid URL ({exc}); url ignored"
    return url, None


def parse_record(
    data: bytes, path: str, number: int, offset: int, source_root: str, limits: Limits,
    report: ProblemSink, state: dict[str, Any],
) -> RawArticle | None:
    """The article of one JSONL line, or None (reported) when the line is not one."""
    decoded = decode_record(data)
    if decoded.encoding == "windows-1256" and not state.get("cp1256"):
        state["cp1256"] = True
        report(Problem(path, "not UTF-8; this line (and any later such line) decoded as windows-1256 (Arabic)",
                       line=number, fatal=False))
    elif decoded.bad_bytes:
        at = offset + (decoded.first_bad or 0)
        report(Problem(path, f"{decoded.bad_bytes} byte(s) not valid UTF-8, the first at byte {at} of the file; "
                       "replaced with U+FFFD", line=number, fatal=False))
    line = decoded.text
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        report(Problem(path, f"invalid JSON ({exc.msg} at column {exc.colno})", line=number))
        return None
    except RecursionError:
        report(Problem(path, "invalid JSON (nested too deeply)", line=number))
        return None
    if not isinstance(record, dict):
        report(Problem(path, "JSON line is not an object", line=number))
        return None
    for name, message in validate_record(record):
        attribute = _attribute_of(name)
        others = [n for n in FIELD_SYNONYMS[attribute] if n != name and record.get(n) not in (None, "", [])]
        if attribute == "text" and not others:
            report(Problem(path, f"{message}; no article text", line=number))
            return None
        if attribute != "text":
            report(Problem(path, f"{message}; ignored", line=number, fatal=False))
        record.pop(name)
    text = _as_text(_first(record, FIELD_SYNONYMS["text"]), joiner="\n")
    if not text:
        names = "/".join(FIELD_SYNONYMS["text"][:3])
        report(Problem(path, f"no article text (expected a {names} field)", line=number))
        return None
    size = len(text.encode("utf-8", errors="replace"))
    if size > limits.max_article_bytes:
        report(Problem(path, f"article text of {_size(size)} is larger than --max-article-bytes "
                       f"({_size(limits.max_article_bytes)}); skipped", line=number))
        return None
    url, why = checked_url(_as_text(_first(record, FIELD_SYNONYMS["url"])))
    if why:
        report(Problem(path, why, line=number, fatal=False))
    # a line of standard input or of an HTTP submission ("<stdin>", "<api>") has no lasting place: its
    # key is its content (a line of a file: file:line)
    place = f"{source_root}:{hashlib.sha1(data).hexdigest()[:16]}" if source_root.startswith("<") else \
        f"{source_root}:{number}"
    return RawArticle(
        text=text,
        path=f"{path}:{number}",
        source_key=url or place,
        kind="jsonl",
        title=_as_text(_first(record, FIELD_SYNONYMS["title"])),
        outlet=_as_text(_first(record, FIELD_SYNONYMS["outlet"])),
        url=url,
        published=_as_text(_first(record, FIELD_SYNONYMS["published"])),
        author=_as_text(_first(record, FIELD_SYNONYMS["author"])),
    )


def read_jsonl_stream(
    read: Callable[[int], bytes], path: str, source_root: str, report: ProblemSink, limits: Limits = DEFAULT_LIMITS,
) -> Iterator[RawArticle]:
    """Articles from a JSONL byte stream, line by line; a bad line is reported with its number
    and skipped, and any failure on one line stays on that line."""
    try:
        yield from _jsonl_records(read, path, source_root, report, limits)
    except _STREAM_ERRORS as exc:  # before the first line
        report(Problem(path, _stream_error(exc)))


_STREAM_ERRORS = (InputTooLarge, EOFError, zlib.error, OSError)


def _stream_error(exc: BaseException) -> str:
    """Why a stream stopped, for people."""
    if isinstance(exc, InputTooLarge):
        return str(exc)
    if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)):
        return f"truncated or corrupt compressed file ({exc})"
    return f"read error ({getattr(exc, 'strerror', None) or exc})"


def _jsonl_records(
    read: Callable[[int], bytes], path: str, source_root: str, report: ProblemSink, limits: Limits,
) -> Iterator[RawArticle]:
    head = read(4096)
    pending = [head]

    def replay(n: int) -> bytes:
        return pending.pop() if pending else read(n)

    stream: Callable[[int], bytes] = replay
    utf16 = sniff_utf16(head)
    if utf16:
        stream = _Transcoder(replay, utf16).read
        if utf16 != "utf-16":
            report(Problem(path, f"UTF-16 text without a byte-order mark; read as {utf16}", fatal=False))
    state: dict[str, Any] = {}
    number = 0
    try:
        for line in iter_lines(stream, limits.max_line_bytes):
            number = line.number
            if line.data is None:
                report(Problem(path, f"line of {_size(line.length)} is longer than --max-line-bytes "
                               f"({_size(limits.max_line_bytes)}); skipped", line=number))
                continue
            data = line.data[3:] if number == 1 and line.data.startswith(codecs.BOM_UTF8) else line.data
            try:
                raw = parse_record(data, path, number, line.offset, source_root, limits, report, state)
            except InputError:
                raise
            except Exception as exc:  # one line never stops the file
                report(Problem(path, f"line skipped: {type(exc).__name__}: {exc}", line=number))
                continue
            if raw is not None:
                yield raw
    except _STREAM_ERRORS as exc:  # the lines before were read
        where = f"after line {number}" if number else "before the first article line"
        report(Problem(path, f"{_stream_error(exc)}; stopped {where}"))


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


# --- text and HTML ----------------------------------------------------------------------


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
    url, why = checked_url(data.get("url") or None)
    if why:
        report(Problem(path, why, fatal=False))
    yield RawArticle(
        text=text,
        path=path,
        source_key=url or source_key,
        kind="html",
        title=title,
        outlet=data.get("sitename") or None,
        url=url,
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
    """Dispatch a decoded text or HTML file to its reader (JSONL is streamed: :func:`read_jsonl_stream`)."""
    if not text.strip():
        report(Problem(path, "empty file (no text)"))
        return
    if kind == "html":
        yield from read_html(text, path, source_key, report)
    else:
        yield RawArticle(text=text, path=path, source_key=source_key, kind="text")


def _read_capped(read: Callable[[int], bytes], cap: int) -> bytes | None:
    """Up to ``cap`` bytes of a stream, or None when it holds more."""
    parts: list[bytes] = []
    total = 0
    while total <= cap:
        chunk = read(min(CHUNK, cap + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
    return None


def read_stream(
    read: Callable[[int], bytes], shown: str, source_key: str, kind: str | None, report: ProblemSink, limits: Limits,
) -> Iterator[RawArticle]:
    """Articles of one byte stream of ``kind`` (jsonl, html, text; None: sniffed from its head)."""
    if kind is None:
        head = _read_capped(read, 4096) or b""
        pending = [head]

        def replay(n: int) -> bytes:
            return pending.pop() if pending else read(n)

        utf16 = sniff_utf16(head)
        sample = head.decode(utf16, errors="ignore") if utf16 else head.decode("utf-8", errors="ignore")
        kind = _sniff_kind(sample.lstrip("\ufeff"))
        read = replay
    if kind == "jsonl":
        yield from read_jsonl_stream(read, shown, source_key, report, limits)
        return
    data = _read_capped(read, limits.max_article_bytes)
    if data is None:
        report(Problem(shown, f"larger than --max-article-bytes ({_size(limits.max_article_bytes)}); "
                       "not read (raise the limit to read it)"))
        return
    if not data.strip():
        report(Problem(shown, "empty file (no text)"))
        return
    text = decode_text_file(data, shown, report)
    if text is not None:
        yield from read_text_blob(text, shown, source_key, kind, report)


def _kind_of(name: str) -> str | None:
    if name.endswith((".jsonl", ".ndjson", *_JSONL_GZ)):
        return "jsonl"
    if name.endswith((".html", ".htm")):
        return "html"
    if name.endswith(".txt"):
        return "text"
    return None


_FILE_TYPES = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
               stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def read_file(path: Path, report: ProblemSink, limits: Limits = DEFAULT_LIMITS) -> Iterator[RawArticle]:
    """Articles in one regular file, by suffix (unknown suffixes are sniffed); a pipe or a
    device is refused (it could hang or never end)."""
    shown = str(path)
    name = path.name.lower()
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            what = _FILE_TYPES.get(stat.S_IFMT(mode), "not a regular file")
            report(Problem(shown, f"{what}, not a file; marsad reads files, folders and - (standard input)"))
            return
        source_root = str(path.resolve())
        with path.open("rb") as fh:
            if name.endswith(_JSONL_GZ):
                gz = gzip.GzipFile(fileobj=fh)
                metered = _Metered(gz.read, limits, compressed=fh)
                yield from read_jsonl_stream(metered.read, shown, source_root, report, limits)
                return
            metered = _Metered(fh.read, limits)
            yield from read_stream(metered.read, shown, source_root, _kind_of(name), report, limits)
    except OSError as exc:
        report(Problem(shown, f"cannot read: {exc.strerror or exc}"))


def iter_files(root: Path, report: ProblemSink | None = None) -> Iterator[Path]:
    """Article files under a folder, recursively, in a stable order. Symbolic links to
    folders are followed once; a link loop, a broken link or an unreadable subfolder is
    reported (not silently skipped)."""
    seen: set[tuple[int, int]] = set()

    def say(path: Path, message: str) -> None:
        if report is not None:
            report(Problem(str(path), message, fatal=False))

    def walk(folder: Path) -> Iterator[Path]:
        try:
            info = folder.stat()
            key = (info.st_dev, info.st_ino)
            if key in seen:
                say(folder, "symbolic link loop (this folder was already read); not followed")
                return
            seen.add(key)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            say(folder, f"cannot read folder: {exc.strerror or exc}; skipped")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError as exc:
                say(path, f"cannot read: {exc.strerror or exc}; skipped")
                continue
            if is_dir:
                yield from walk(path)
            elif entry.is_symlink() and not path.exists():
                say(path, "broken symbolic link; skipped")
            elif is_file and entry.name.lower().endswith(SUFFIXES):
                yield path

    yield from walk(root)


def _guarded(items: Iterator[RawArticle], shown: str, report: ProblemSink) -> Iterator[RawArticle]:
    """``items``, with any unexpected failure reported against ``shown`` instead of raised."""
    try:
        yield from items
    except InputError:
        raise
    except Exception as exc:
        report(Problem(shown, f"reading stopped: {type(exc).__name__}: {exc}"))


def read_inputs(inputs: list[str], report: ProblemSink, limits: Limits = DEFAULT_LIMITS) -> Iterator[RawArticle]:
    """Articles from files, folders (recursive) and ``-`` (standard input)."""
    for item in inputs:
        if item == "-":
            metered = _Metered(sys.stdin.buffer.read, limits)
            digest = hashlib.sha1()

            def read_stdin(n: int, metered: _Metered = metered, digest: Any = digest) -> bytes:
                chunk = metered.read(n)
                digest.update(chunk)
                return chunk

            yield from _guarded(_stdin_articles(read_stdin, digest, report, limits), "<stdin>", report)
            continue
        path = Path(item)
        if path.is_dir():
            found = False
            for file in iter_files(path, report):
                found = True
                yield from _guarded(read_file(file, report, limits), str(file), report)
            if not found:
                report(Problem(item, f"folder has no article files ({', '.join(SUFFIXES)})"))
        elif path.exists() or path.is_symlink():
            yield from _guarded(read_file(path, report, limits), item, report)
        else:
            report(Problem(item, "no such file or folder"))


def _stdin_articles(read: Callable[[int], bytes], digest: Any, report: ProblemSink, limits: Limits) -> Iterator[
        RawArticle]:
    """Standard input: JSONL is streamed (its lines keyed ``<stdin>:N``); a single text or HTML
    article is keyed by the hash of its bytes."""
    head = _read_capped(read, 4096) or b""
    pending = [head]

    def replay(n: int) -> bytes:
        return pending.pop() if pending else read(n)

    utf16 = sniff_utf16(head)
    kind = _sniff_kind((head.decode(utf16, errors="ignore") if utf16 else head.decode("utf-8", "ignore"))
                       .lstrip("\ufeff"))
    if kind == "jsonl":
        yield from read_jsonl_stream(replay, "<stdin>", "<stdin>", report, limits)
        return
    articles = list(read_stream(replay, "<stdin>", "<stdin>", kind, report, limits))
    key = "<stdin>:" + digest.hexdigest()[:16]
    for article in articles:
        article.source_key = key if article.source_key == "<stdin>" else article.source_key
        yield article
