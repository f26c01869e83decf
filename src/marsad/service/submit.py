"""One article submitted over HTTP, read by the same readers and cleaning as a file: a JSON
object with the fields of a JSONL input line (title, text or content, outlet or source, url,
published, author), or an HTML page."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from marsad.ingest import DEFAULT_LIMITS, Problem, build_article
from marsad.ingest.readers import Limits, parse_record, read_html
from marsad.model import Article

#: where submitted articles say they came from (their path) and the root of their version keys
SOURCE = "<api>"


class SubmissionError(ValueError):
    """The submitted article cannot be taken; the message says what is wrong, for the client."""


def _raise_first(problems: list[Problem]) -> None:
    fatal = [p for p in problems if p.fatal]
    if fatal:
        raise SubmissionError(fatal[0].message)


def article_from_json(record: Any, limits: Limits = DEFAULT_LIMITS) -> tuple[Article, list[str]]:
    """The cleaned article of a JSON object, and warnings (fields ignored, URL dropped).
    Raises :class:`SubmissionError` when it carries no usable Arabic article."""
    if not isinstance(record, dict):
        raise SubmissionError("the body must be a JSON object (one article), e.g. {\"title\": …, \"text\": …}")
    data = json.dumps(record, ensure_ascii=False).encode("utf-8")
    problems: list[Problem] = []
    raw = parse_record(data, SOURCE, 1, 0, SOURCE, limits, problems.append, {})
    _raise_first(problems)
    if raw is None:
        raise SubmissionError("no article in the body")
    raw.path = SOURCE
    return _built(raw, problems)


def article_from_html(html: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Article, list[str]]:
    """The cleaned article of an HTML page (main text and metadata by trafilatura)."""
    if len(html.encode("utf-8", errors="replace")) > limits.max_article_bytes:
        raise SubmissionError(f"the page is larger than {limits.max_article_bytes} bytes")
    problems: list[Problem] = []
    key = f"{SOURCE}:{hashlib.sha1(html.encode('utf-8', errors='replace')).hexdigest()[:16]}"
    raws = list(read_html(html, SOURCE, key, problems.append))
    _raise_first(problems)
    if not raws:
        raise SubmissionError("the page has no article body")
    return _built(raws[0], problems)


def _built(raw, problems: list[Problem]) -> tuple[Article, list[str]]:
    article, problem = build_article(raw)
    if problem is not None or article is None:
        raise SubmissionError(problem.message if problem else "article could not be cleaned")
    return article, [p.message for p in problems if not p.fatal]
