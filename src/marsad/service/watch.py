"""``marsad watch``: follow RSS/Atom feeds, sitemaps, folders and JSONL drops; store each new
article, fold it into its story (the same analysis as ``marsad analyze``), and raise alerts.

Polite by construction: one request at a time, at least :data:`HOST_DELAY` seconds between two
requests to one host, conditional GETs (ETag / Last-Modified, remembered in the store), a timeout
and a size cap on every response, and a failing source retried with exponential back-off while
the others go on. What a source has already given (entry links, file sizes) is kept in the store
(``stage_state`` of stage ``watch``), so a restarted watcher does not fetch it again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

from marsad.arabic.normalize import normalize
from marsad.ingest import Problem, build_article, read_paths
from marsad.ingest.readers import RawArticle, checked_url, read_html
from marsad.model import Article
from marsad.store import Store
from marsad.version import __version__

log = logging.getLogger("marsad")

USER_AGENT = f"marsad/{__version__} (Arabic news observatory; +https://github.com/marsad)"
#: seconds between two requests to one host
HOST_DELAY = 1.0
#: seconds before a request gives up
TIMEOUT = 20.0
#: largest response read (a feed, a sitemap or a page)
MAX_BYTES = 5_000_000
#: attempts per request within one cycle, with back-off between them
ATTEMPTS = 3
#: longest back-off of a failing source, in cycles skipped (2, 4, 8… up to this)
MAX_SKIP = 16
#: entry links remembered per source (older ones are forgotten)
SEEN_LIMIT = 5000
STATE = "watch"


class FetchError(Exception):
    """A request failed for good (after retries); the message says why."""


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str]


class Fetcher:
    """HTTP GET with a per-host delay, retries with back-off, a timeout and a size cap."""

    def __init__(self, delay: float = HOST_DELAY, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
                 attempts: int = ATTEMPTS, sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay, self.timeout, self.max_bytes, self.attempts, self.sleep = delay, timeout, max_bytes, attempts, sleep
        self._last: dict[str, float] = {}

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        wait = self._last.get(host, -1e9) + self.delay - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last[host] = time.monotonic()

    def get(self, url: str, etag: str | None = None, modified: str | None = None) -> Response:
        """The response to GET ``url`` (304 when the conditional headers say nothing changed)."""
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        problem = "no attempt"
        for attempt in range(self.attempts):
            if attempt:
                self.sleep(min(30.0, 0.5 * 2 ** attempt))
            self._wait_for_host(url)
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=self.timeout) as r:
                    body = r.read(self.max_bytes + 1)
                    if len(body) > self.max_bytes:
                        raise FetchError(f"{url}: response larger than {self.max_bytes} bytes; not read")
                    return Response(r.status, body, {k.lower(): v for k, v in r.headers.items()})
            except urllib.error.HTTPError as exc:
                if exc.code == 304:
                    return Response(304, b"", {k.lower(): v for k, v in exc.headers.items()})
                problem = f"HTTP {exc.code} {exc.reason}"
                if exc.code < 500 and exc.code != 429:
                    break  # the client's fault: retrying will not help
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                problem = "timed out" if isinstance(reason, TimeoutError) or "timed out" in str(reason) else str(reason)
        raise FetchError(f"{url}: {problem} (after {attempt + 1} attempt(s))")


@dataclass
class Item:
    """One entry of a feed or sitemap: where its page is, and what the feed says of it."""

    url: str
    title: str | None = None
    published: str | None = None
    text: str | None = None  # the feed's own full text (content:encoded), if any
    outlet: str | None = None


def feed_items(body: bytes, source: str) -> tuple[list[Item], str | None]:
    """The entries of an RSS/Atom feed or an XML sitemap, and a problem (broken XML, no entries)."""
    head = body[:2000].lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return sitemap_items(body, source)
    import feedparser

    parsed = feedparser.parse(body)
    outlet = (parsed.feed.get("title") or "").strip() or None
    items = []
    for e in parsed.entries:
        url, _ = checked_url(e.get("link"))
        if not url:
            continue
        content = e.get("content") or []
        text = content[0].get("value") if content else None
        items.append(Item(url=url, title=e.get("title"), published=e.get("published") or e.get("updated"),
                          text=text, outlet=outlet))
    problem = None
    if parsed.bozo:
        why = parsed.get("bozo_exception")
        problem = f"broken feed ({why}); {len(items)} entries recovered"
    elif not items:
        problem = "no entries with a link"
    return items, problem


def sitemap_items(body: bytes, source: str) -> tuple[list[Item], str | None]:
    """The pages of a sitemap (``<url><loc>``, with news:title and publication dates when given)."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        return [], f"broken sitemap XML ({exc})"
    items = []
    for node in root.iter():
        if not node.tag.endswith("}url") and node.tag != "url":
            continue
        fields = {child.tag.rsplit("}", 1)[-1]: (child.text or "").strip() for child in node.iter()}
        url, _ = checked_url(fields.get("loc"))
        if url:
            items.append(Item(url=url, title=fields.get("title") or None,
                              published=fields.get("publication_date") or fields.get("lastmod") or None))
    return items, None if items else "sitemap lists no page"


@dataclass
class CycleReport:
    """What one pass over the sources did."""

    new_articles: list[Article] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    not_modified: int = 0
    skipped_sources: int = 0
    first_seen: dict[str, float] = field(default_factory=dict)  # article id -> when its item was first seen


class Watcher:
    """Polls ``sources`` (URLs of feeds or sitemaps, folders, JSONL files) into the store."""

    def __init__(self, store: Store, sources: Iterable[str], fetcher: Fetcher | None = None,
                 on_problem: Callable[[str], None] | None = None) -> None:
        self.store = store
        self.sources = list(dict.fromkeys(sources))
        self.fetcher = fetcher or Fetcher()
        self.on_problem = on_problem or (lambda message: log.warning("%s", message))

    def _state(self, source: str) -> dict[str, Any]:
        return self.store.get_state(STATE, source) or {}

    def cycle(self) -> CycleReport:
        """One pass over every source; a failing source is reported and backed off, never fatal."""
        report = CycleReport()
        for source in self.sources:
            state = self._state(source)
            if state.get("skip", 0) > 0:  # backing off after failures
                state["skip"] -= 1
                self.store.set_state(STATE, source, state)
                report.skipped_sources += 1
                continue
            try:
                if urlsplit(source).scheme in ("http", "https"):
                    self._poll_feed(source, state, report)
                else:
                    self._poll_path(source, state, report)
                state["failures"] = 0
            except FetchError as exc:
                state["failures"] = state.get("failures", 0) + 1
                state["skip"] = min(MAX_SKIP, 2 ** state["failures"] - 1) - 1 if state["failures"] > 1 else 0
                self._problem(report, f"{exc}; retried in a later cycle")
            self.store.set_state(STATE, source, state)
        return report

    def _problem(self, report: CycleReport, message: str) -> None:
        report.problems.append(message)
        self.on_problem(message)

    def _poll_feed(self, source: str, state: dict[str, Any], report: CycleReport) -> None:
        response = self.fetcher.get(source, state.get("etag"), state.get("modified"))
        if response.status == 304:
            report.not_modified += 1
            return
        state["etag"] = response.headers.get("etag")
        state["modified"] = response.headers.get("last-modified") or formatdate(usegmt=True)
        items, problem = feed_items(response.body, source)
        if problem:
            self._problem(report, f"{source}: {problem}")
        seen = list(state.get("seen", []))
        known = set(seen)
        for item in items:
            key = hashlib.sha1(item.url.encode()).hexdigest()[:16]
            if key in known:
                continue
            seen_at = time.time()
            article = self._article(item)
            if article is None:
                continue  # reported; tried again next cycle
            known.add(key)
            seen.append(key)
            if self.store.add_articles([article])[0] != "unchanged":
                report.new_articles.append(article)
                report.first_seen[article.id] = seen_at
        state["seen"] = seen[-SEEN_LIMIT:]

    def _article(self, item: Item) -> Article | None:
        problems: list[Problem] = []
        raws: list[RawArticle] = []
        if item.text and len(item.text) > 200:
            raws = list(read_html(f"<html><body><article>{item.text}</article></body></html>", item.url, item.url,
                                  problems.append))
        if not raws:
            try:
                page = self.fetcher.get(item.url)
            except FetchError as exc:
                self.on_problem(f"{exc}; tried again next cycle")
                return None
            html = page.body.decode(_charset(page.headers.get("content-type")) or "utf-8", errors="replace")
            raws = list(read_html(html, item.url, item.url, problems.append))
        if not raws:
            self.on_problem(f"{item.url}: {problems[0].message if problems else 'no article body'}")
            return None
        raw = raws[0]
        raw.url, raw.source_key = raw.url or item.url, item.url
        raw.title = item.title or raw.title
        raw.published = item.published or raw.published
        raw.outlet = raw.outlet or item.outlet
        article, problem = build_article(raw)
        if problem is not None:
            self.on_problem(str(problem))
        return article

    def _poll_path(self, source: str, state: dict[str, Any], report: CycleReport) -> None:
        path = Path(source)
        if not path.exists():
            raise FetchError(f"{source}: no such file or folder")
        files = sorted(p for p in ([path] if path.is_file() else path.rglob("*")) if p.is_file())
        sizes = state.get("sizes", {})
        now = {}
        for p in files:
            st = p.stat()
            now[str(p)] = [st.st_size, st.st_mtime_ns]
        changed = [name for name, size in now.items() if sizes.get(name) != size]
        if not changed:
            return
        for article in read_paths(changed, on_problem=lambda p: self._problem(report, str(p))):
            if self.store.add_articles([article])[0] != "unchanged":
                report.new_articles.append(article)
                report.first_seen[article.id] = time.time()
        state["sizes"] = {**sizes, **{name: now[name] for name in changed}}


def _charset(content_type: str | None) -> str | None:
    if not content_type or "charset=" not in content_type:
        return None
    return content_type.split("charset=", 1)[1].split(";")[0].strip().strip('"') or None


# --- alerts --------------------------------------------------------------------------------

def story_alerts(before: dict[str, int], stories: list[dict[str, Any]], terms: list[str],
                 entity_names: dict[str, list[str]], jump: int = 1) -> list[dict[str, Any]]:
    """Alerts for stories that match a watched term (in the title or an entity's spelling) and are
    new, or whose independent sources grew by ``jump`` or more since ``before`` (story id -> sources)."""
    keys = [(t, normalize(t)) for t in terms if t.strip()]
    alerts = []
    for s in stories:
        haystack = [normalize(s["title"] or "")] + [normalize(n) for e in s["entities"]
                                                     for n in entity_names.get(e["id"], [e["name"]])]
        matched = sorted({t for t, k in keys if any(k in h for h in haystack)})
        if not matched:
            continue
        old = before.get(s["id"])
        if old is None:
            kind = "new story"
        elif s["independent_sources"] - old >= jump:
            kind = "sources up"
        else:
            continue
        alerts.append({"kind": kind, "story": s["id"], "title": s["title"], "terms": matched,
                       "independent_sources": s["independent_sources"], "previous_sources": old})
    return alerts


def remember_alerts(store: Store, alerts: list[dict[str, Any]], keep: int = 500) -> None:
    """Append ``alerts`` (stamped with the time) to the store's alert log that the API serves."""
    if not alerts:
        return
    log_ = store.get_state(STATE, "alerts") or []
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    log_.extend({**a, "at": stamp} for a in alerts)
    store.set_state(STATE, "alerts", log_[-keep:])


def alert_line(alert: dict[str, Any]) -> str:
    return json.dumps(alert, ensure_ascii=False, sort_keys=True)


# --- the loop ------------------------------------------------------------------------------

def watch(db: str, sources: list[str], *, interval: float = 300.0, cycles: int | None = None,
          terms: Iterable[str] = (), options: dict[str, Any] | None = None, fetcher: Fetcher | None = None,
          emit: Callable[[str], None] = print, on_problem: Callable[[str], None] | None = None,
          sleep: Callable[[float], None] = time.sleep) -> int:
    """Poll ``sources`` every ``interval`` seconds (``cycles`` times, or until interrupted); after
    a cycle that stored new articles, analyse the store and ``emit`` one JSON line per new article
    (its story and the seconds from its item being seen to its story showing it) and per alert.
    Returns the number of new articles."""
    from marsad.api import analyze
    from marsad.service.snapshot import build_snapshot
    from marsad.store import open_store

    terms = [t for t in terms if t.strip()]
    total = 0
    done = 0
    with open_store(db) as store:
        watcher = Watcher(store, sources, fetcher, on_problem)
        while cycles is None or done < cycles:
            report = watcher.cycle()
            done += 1
            if report.new_articles:
                total += len(report.new_articles)
                before = {r["id"]: r["independent_sources"] for r in build_snapshot(store).story_list}
                store.index_new_articles()
                analyze([], db=db, out=None, options=options)
                snap = build_snapshot(store)
                shown = time.time()
                for article in report.new_articles:
                    story = snap.story_of.get(article.id)
                    emit(alert_line({"event": "article", "id": article.id, "title": article.title,
                                     "outlet": article.outlet, "story": story,
                                     "story_title": snap.stories[story]["title"] if story else None,
                                     "seconds_to_story": round(shown - report.first_seen[article.id], 2)}))
                names = {e["id"]: [e["name"], *e["variants"]] for e in snap.report["entities"]}
                alerts = story_alerts(before, snap.story_list, terms, names) if terms else []
                for alert in alerts:
                    emit(alert_line({"event": "alert", **alert}))
                remember_alerts(store, alerts)
            if cycles is not None and done >= cycles:
                break
            sleep(interval)
    return total


def cmd_watch(args) -> int:
    """``marsad watch``: see :func:`watch`."""
    import sys

    from marsad.store import StoreError

    sources = list(args.sources)
    if args.sources_file:
        try:
            lines = Path(args.sources_file).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            print(f"marsad: error: {args.sources_file}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        sources += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not sources:
        print("marsad: error: nothing to watch: give feed or sitemap URLs, folders or JSONL files "
              "(or --sources FILE)", file=sys.stderr)
        return 2
    terms = list(args.alert or [])
    if args.alerts_file:
        terms += [t.strip() for t in Path(args.alerts_file).read_text(encoding="utf-8").splitlines() if t.strip()]

    def problem(message: str) -> None:
        print(f"marsad: warning: {message}", file=sys.stderr, flush=True)

    try:
        watch(args.db, sources, interval=args.interval, cycles=1 if args.once else None, terms=terms,
              options={"ner": args.ner}, fetcher=Fetcher(delay=args.host_delay, timeout=args.timeout),
              emit=lambda line: print(line, flush=True), on_problem=problem)
    except StoreError as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("marsad: stopped; what was stored is kept", file=sys.stderr)
        return 130
    return 0


def add_watch_parser(sub) -> None:
    """Add ``watch`` to the ``marsad`` command."""
    import argparse

    from marsad.cli import DB_HELP

    p = sub.add_parser(
        "watch", help="follow feeds, sitemaps, folders and JSONL drops; fold new articles into their stories",
        description="Poll RSS/Atom feeds and sitemaps (http/https URLs), folders and JSONL files every --interval "
        "seconds. New articles are stored and analysed, and one JSON line per new article (its story, and the "
        "seconds from its feed item being seen to its story showing it) is written to standard output, plus one "
        "per alert: a new story, or a story whose independent sources grew, that matches a watched term. "
        "Problems (a feed that times out, broken XML) go to standard error; the source is retried later with "
        "back-off and the others go on.",
        epilog="example:\n  marsad watch https://www.spa.gov.sa/rss.xml drops/ --db news.db --alert بيونغ\\ يانغ\n"
        "  marsad serve --db news.db      # in another terminal: the pages and the API over the same store",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("sources", nargs="*", metavar="SOURCE", help="feed or sitemap URL, folder, or JSONL file")
    p.add_argument("--sources", dest="sources_file", metavar="FILE", help="more sources, one per line (# comments)")
    p.add_argument("--db", default="marsad.db", help=DB_HELP)
    p.add_argument("--interval", type=float, default=300.0, help="seconds between two passes (default: 300)")
    p.add_argument("--once", action="store_true", help="one pass, then stop")
    p.add_argument("--alert", action="append", metavar="TERM", help="watched name or term (repeatable)")
    p.add_argument("--alerts", dest="alerts_file", metavar="FILE", help="watched terms, one per line")
    p.add_argument("--host-delay", type=float, default=HOST_DELAY, help=f"seconds between two requests to one host "
                   f"(default: {HOST_DELAY})")
    p.add_argument("--timeout", type=float, default=TIMEOUT, help=f"seconds before a request gives up "
                   f"(default: {TIMEOUT:g})")
    p.add_argument("--ner", choices=("e5+crf", "e5", "crf"), help="NER model of the analysis")
    p.set_defaults(func=cmd_watch)
