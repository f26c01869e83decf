"""Ingestion: read inputs, remove site chrome, recover metadata, split sentences.

:func:`read_paths` is the one entry point: it turns files, folders and stdin into
clean :class:`~marsad.model.Article` objects ready for the store, and reports every bad
input through ``on_problem`` (or raises :class:`InputError` in strict mode).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urlparse

from marsad.arabic.normalize import arabic_ratio, normalize
from marsad.arabic.segment import split_sentences
from marsad.ingest.chrome import clean_scraped_text, parse_author_field
from marsad.ingest.identity import article_id, normalized_from_sentences
from marsad.ingest.readers import DEFAULT_LIMITS, InputError, Limits, Problem, RawArticle, read_inputs
from marsad.model import Article, Sentence

__all__ = ["DEFAULT_LIMITS", "InputError", "Limits", "Problem", "build_article", "read_paths"]

#: below this share of Arabic letters a text is reported as "not Arabic" and skipped
MIN_ARABIC_RATIO = 0.5
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO-like timestamp (``2015-07-21 02:51:32``), else None."""
    if not value:
        return None
    m = _ISO_DATE_RE.search(value)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def outlet_from_url(url: str | None) -> str | None:
    """The host of ``url`` without ``www.`` (e.g. ``aawsat.com``), or None."""
    if not url:
        return None
    try:
        host = urlparse(url).hostname or ""
    except ValueError:  # e.g. "http://[::1": not a URL
        return None
    return host.removeprefix("www.") or None


def sentences_of(text: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets and matching keys."""
    spans = split_sentences(text)
    return [Sentence(i, s.start, s.end, s.text, normalize(s.text)) for i, s in enumerate(spans)]


_HTML_ENTITY_RE = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|quot|amp|lt|gt|nbsp|apos|laquo|raquo|hellip);")


def unescape_entities(value: str | None) -> str | None:
    """Decode HTML entities left in scraped fields (``&quot;``, ``&#8220;``); other text is unchanged."""
    if value and _HTML_ENTITY_RE.search(value):
        return html.unescape(value)
    return value


def build_article(raw: RawArticle, published: str | None = None) -> tuple[Article | None, Problem | None]:
    """Clean one raw article; returns (article, None) or (None, problem)."""
    if raw.kind != "html":  # trafilatura already decodes entities
        raw.text = unescape_entities(raw.text) or ""
        raw.title = unescape_entities(raw.title)
        raw.author = unescape_entities(raw.author)
    text, meta = clean_scraped_text(raw.text, title=raw.title)
    if not text.strip():
        message = "no article body left after removing site chrome (only navigation, share or caption lines)"
        return None, Problem(raw.path, message)
    ratio = arabic_ratio(text)
    if ratio < MIN_ARABIC_RATIO:
        return None, Problem(raw.path, f"not Arabic ({ratio:.0%} of its letters are Arabic)")
    author, place, agency = parse_author_field(raw.author)
    outlet = raw.outlet or outlet_from_url(raw.url) or meta.outlet
    sentences = sentences_of(text)
    normalized = normalized_from_sentences([s.norm for s in sentences])
    article = Article(
        id=article_id(text, outlet, normalized),
        text=text,
        path=raw.path,
        title=meta.title,
        url=raw.url,
        outlet=outlet,
        author=author or meta.author,
        published=iso_date(raw.published) or iso_date(published),
        place=place or meta.place,
        agency=agency or meta.agency,
        sentences=sentences,
        source_key=raw.source_key,
    )
    return article, None


def read_paths(
    inputs: Iterable[str],
    published: str | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[Article]:
    """Clean articles from files, folders and ``-`` (stdin).

    ``published`` (``YYYY-MM-DD``) is used for inputs that carry no date. Problems go to
    ``on_problem`` (default: ignored); with ``strict`` the first fatal one raises InputError.
    ``limits`` caps what one input may make marsad read. A failure while cleaning one
    article is reported against that article (file and line) and the others go on.
    """

    def report(problem: Problem) -> None:
        if strict and problem.fatal:
            raise InputError(problem)
        if on_problem is not None:
            on_problem(problem)

    for raw in read_inputs(list(inputs), report, limits):
        try:
            article, problem = build_article(raw, published)
        except Exception as exc:  # one article never stops the batch
            article, problem = None, Problem(raw.path, f"article skipped: {type(exc).__name__}: {exc}")
        if problem is not None:
            report(problem)
            continue
        assert article is not None
        yield article
