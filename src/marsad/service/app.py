"""The FastAPI application of ``marsad serve``: a JSON API under ``/api`` (OpenAPI at ``/docs``)
and server-rendered pages, both read from the same :class:`~marsad.service.snapshot.Snapshot`.

Errors are JSON objects ``{"error": message}`` with a 4xx status for anything a client sent
wrong; a 5xx means a fault of marsad. ``POST /api/articles`` needs ``Authorization: Bearer
TOKEN`` (the operator's ``--token`` / ``MARSAD_TOKEN``); without a configured token
submissions are refused.
"""

from __future__ import annotations

import hmac
import json
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad.ingest import DEFAULT_LIMITS
from marsad.service.pages import Pages
from marsad.service.snapshot import Snapshot, SnapshotCache
from marsad.service.submit import SubmissionError, article_from_html, article_from_json
from marsad.service.worker import AnalysisWorker
from marsad.store import open_store
from marsad.version import __version__

#: largest request body accepted by POST /api/articles (an article's own cap plus JSON escapes)
MAX_BODY_BYTES = DEFAULT_LIMITS.max_article_bytes * 2
#: most items one page of a list may hold
MAX_LIMIT = 200
#: longest time POST /api/articles?wait=true waits for the analysis
MAX_WAIT_SECONDS = 300.0


class ErrorBody(BaseModel):
    """What every error response holds."""

    error: str


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    reasons = {401: "missing or wrong bearer token", 403: "submissions are disabled", 404: "no such record",
               413: "body too large", 415: "unsupported content type", 422: "invalid request or article"}
    return {status: {"model": ErrorBody, "description": reasons[status]} for status in statuses}


#: the error statuses of the read endpoints
READ_ERRORS = _errors(404, 422)


class ApiError(Exception):
    """A request that cannot be served: the status and what the client should know."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class ServiceConfig:
    """What ``marsad serve`` was started with."""

    db: str
    token: str | None = None
    options: dict[str, Any] | None = None
    analyze: bool = True  # run the background analysis after accepted articles


def _page(items: list, limit: int, offset: int) -> dict[str, Any]:
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset:offset + limit]}


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, description="items skipped (pagination)")]


def filter_stories(snap: Snapshot, since: str | None = None, outlet: str | None = None, entity: str | None = None,
                   min_sources: int = 0, thread: str | None = None, sort: str = "recent") -> list[dict[str, Any]]:
    """Story rows matching the filters, newest first (``sort="recent"``) or fastest growing first."""
    rows = snap.story_list
    if since:
        rows = [r for r in rows if (r["last_seen"] or "") >= since]
    if outlet:
        rows = [r for r in rows if outlet in r["outlets"]]
    if entity:
        wanted = set(snap.find_entities(entity)) | ({entity} if entity in snap.entities else set())
        rows = [r for r in rows if wanted & {e["id"] for e in r["entities"]}]
    if min_sources:
        rows = [r for r in rows if r["independent_sources"] >= min_sources]
    if thread:
        rows = [r for r in rows if r["thread"] == thread]
    if sort == "growth":
        rows = sorted(rows, key=lambda r: (-r["growth"], -r["articles"], r["id"]))
    return rows


def create_app(config: ServiceConfig) -> FastAPI:
    """The application over the store at ``config.db`` (SQLite file or PostgreSQL URL)."""
    cache = SnapshotCache(config.db)
    worker = AnalysisWorker(config.db, config.options) if config.analyze else None
    with open_store(config.db):  # create or migrate it now, and fail early on a bad --db
        pass

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if worker is not None:
            worker.start()
        yield
        if worker is not None:
            worker.stop(timeout=MAX_WAIT_SECONDS)

    app = FastAPI(
        title="marsad", version=__version__, lifespan=lifespan,
        description="Arabic news from many outlets as stories: facts with their independent sources, conflicts, "
        "cited summaries, timelines, who said what, who copied whom.",
    )
    app.state.cache, app.state.worker, app.state.config = cache, worker, config
    pages = Pages()

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"error": exc.message}, status_code=exc.status)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()]
        return JSONResponse({"error": "invalid request: " + "; ".join(problems)}, status_code=422)

    def snap() -> Snapshot:
        return cache.get()

    def story_or_404(story_id: str) -> dict[str, Any]:
        detail = snap().story_detail(story_id)
        if detail is None:
            raise ApiError(404, f"no story {story_id!r}")
        return detail

    # --- JSON API ----------------------------------------------------------------------

    @app.get("/api/stories", responses=READ_ERRORS,
             tags=["stories"], summary="current stories, filtered and paginated")
    def api_stories(since: Annotated[str | None, Query(description="last article on or after (YYYY-MM-DD)")] = None,
                    outlet: str | None = None,
                    entity: Annotated[str | None, Query(description="entity id or any spelling of its name")] = None,
                    min_sources: Annotated[int, Query(ge=0, description="least independent sources")] = 0,
                    thread: str | None = None,
                    sort: Annotated[str, Query(pattern="^(recent|growth)$")] = "recent",
                    limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return _page(filter_stories(snap(), since, outlet, entity, min_sources, thread, sort), limit, offset)

    @app.get("/api/stories/{story_id}", responses=READ_ERRORS,
             tags=["stories"],
             summary="one story: facts with sources, conflicts, summary, timeline, quotes, articles, copies")
    def api_story(story_id: str) -> dict[str, Any]:
        return story_or_404(story_id)

    @app.get("/api/articles", responses=READ_ERRORS,
             tags=["articles"], summary="stored articles of the last analysis")
    def api_articles(outlet: str | None = None, story: str | None = None,
                     limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        s = snap()
        rows = [s.article_row(a) for a in s.articles]
        if outlet:
            rows = [r for r in rows if r["outlet"] == outlet]
        if story:
            rows = [r for r in rows if r["story"] == story]
        return _page(rows, limit, offset)

    @app.get("/api/articles/{article_id}", responses=READ_ERRORS,
             tags=["articles"], summary="one article with its sentence offsets")
    def api_article(article_id: str) -> dict[str, Any]:
        detail = snap().article_detail(article_id)
        if detail is None:
            raise ApiError(404, f"no article {article_id!r} in the last analysis")
        return detail

    @app.get("/api/entities", responses=READ_ERRORS,
             tags=["entities"], summary="people, places and organizations, most mentioned first")
    def api_entities(type: Annotated[str | None, Query(pattern="^(PER|LOC|ORG|MISC)$")] = None,
                     name: Annotated[str | None, Query(description="any spelling of the name")] = None,
                     limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        s = snap()
        ids = set(s.find_entities(name)) if name else None
        rows = [s.entity_row(e) for e in s.report["entities"]
                if (type is None or e["type"] == type) and (ids is None or e["id"] in ids)]
        rows.sort(key=lambda r: (-r["mentions"], r["id"]))
        return _page(rows, limit, offset)

    @app.get("/api/entities/{entity_id}", responses=READ_ERRORS,
             tags=["entities"],
             summary="one entity: spellings, roles, quotes, stories")
    def api_entity(entity_id: str) -> dict[str, Any]:
        detail = snap().entity_detail(entity_id)
        if detail is None:
            raise ApiError(404, f"no entity {entity_id!r}")
        return detail

    @app.get("/api/outlets", responses=READ_ERRORS,
             tags=["outlets"], summary="outlets: volume, first publications, copies, whom they copy")
    def api_outlets() -> list[dict[str, Any]]:
        return list(snap().outlets.values())

    @app.get("/api/outlets/{name}", responses=READ_ERRORS,
             tags=["outlets"], summary="one outlet")
    def api_outlet(name: str) -> dict[str, Any]:
        row = snap().outlets.get(name)
        if row is None:
            raise ApiError(404, f"no outlet {name!r}")
        return row

    @app.get("/api/search", responses=READ_ERRORS,
             tags=["search"], summary="full-text search in any spelling")
    def api_search(q: Annotated[str, Query(min_length=1, max_length=500, description="words to find")],
                   outlet: str | None = None,
                   since: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
                   until: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
                   entity: str | None = None, story: str | None = None,
                   kind: Annotated[list[Literal["article", "quote", "claim"]] | None,
                                   Query(description="what to search (repeatable)")] = None,
                   limit: Limit = 20) -> list[dict[str, Any]]:
        kinds = tuple(kind or ("article", "quote", "claim"))
        unknown = sorted(set(kinds) - {"article", "quote", "claim"})
        if unknown:
            raise ApiError(422, f"unknown kind {unknown[0]!r}: use article, quote or claim")
        with open_store(config.db) as store:
            hits = store.search(q, outlet=outlet, since=since, until=until, entity=entity, story=story,
                                kinds=kinds, limit=limit)
        return [h.to_dict() for h in hits]

    @app.get("/api/status", responses=READ_ERRORS,
             tags=["service"], summary="what the service holds and whether an analysis is pending")
    def api_status() -> dict[str, Any]:
        s = snap()
        return {"marsad_version": __version__, "articles": len(s.articles), "stories": len(s.stories),
                "analysis_pending": worker.pending if worker else 0,
                "analysis_failures": worker.failures if worker else 0,
                "last_error": worker.last_error if worker else None}

    @app.get("/api/alerts", responses=READ_ERRORS,
             tags=["service"], summary="alerts raised by `marsad watch` (newest last)")
    def api_alerts(limit: Limit = 50) -> list[dict[str, Any]]:
        with open_store(config.db) as store:
            alerts = store.get_state("watch", "alerts") or []
        return alerts[-limit:]

    @app.get("/alerts.rss", tags=["service"], summary="the same alerts as an RSS feed",
             response_class=Response, responses={200: {"content": {"application/rss+xml": {}}}, **READ_ERRORS})
    def rss_alerts(request: Request) -> Response:
        from xml.sax.saxutils import escape

        with open_store(config.db) as store:
            alerts = store.get_state("watch", "alerts") or []
        base = str(request.base_url).rstrip("/")
        items = "".join(
            f"<item><title>{escape(a['kind'])}: {escape(a['title'] or '')}</title>"
            f"<link>{escape(base)}/stories/{escape(a['story'])}</link>"
            f"<guid isPermaLink=\"false\">{escape(a['story'])}-{escape(a.get('at', ''))}-{escape(a['kind'])}</guid>"
            f"<description>{escape('، '.join(a['terms']))} · {a['independent_sources']}</description></item>"
            for a in reversed(alerts[-50:]))
        xml = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>marsad alerts</title>'
               f"<link>{escape(base)}/</link><description>stories matching the watch list</description>"
               f"<language>ar</language>{items}</channel></rss>")
        return Response(xml, media_type="application/rss+xml")

    @app.post("/api/articles", tags=["articles"], status_code=202,
              responses={200: {"description": "already stored"}, 201: {"description": "stored and in its story"},
                         **_errors(401, 403, 413, 415, 422)},
              summary="submit one article (JSON object of a JSONL input line, or an HTML page); bearer token",
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"type": "object", "properties": {
                      "title": {"type": "string"}, "text": {"type": "string"}, "content": {"type": "string"},
                      "outlet": {"type": "string"}, "source": {"type": "string"}, "url": {"type": "string"},
                      "published": {"type": "string"}, "author": {"type": "string"}}}},
                  "text/html": {"schema": {"type": "string"}}}}})
    async def api_submit(request: Request,
                         wait: Annotated[bool, Query(description="answer once the article is in its story")] = False,
                         ) -> JSONResponse:
        _check_token(request, config.token)
        body = await _read_body(request)
        kind = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        try:
            if kind == "application/json":
                try:
                    record = json.loads(body.decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise SubmissionError(f"the body is not valid JSON ({exc})") from None
                article, warnings = article_from_json(record)
            elif kind in ("text/html", "application/xhtml+xml"):
                article, warnings = article_from_html(body.decode("utf-8", errors="replace"))
            else:
                raise ApiError(415, "send application/json (an article object) or text/html (a page)")
        except SubmissionError as exc:
            raise ApiError(422, str(exc)) from None
        with open_store(config.db) as store:
            outcome = store.add_articles([article])[0]
            store.index_new_articles()
        ticket = worker.request() if worker is not None and outcome != "unchanged" else None
        answer: dict[str, Any] = {"id": article.id, "outcome": outcome, "warnings": warnings, "story": None}
        status = 202
        if wait and worker is not None and ticket is not None:
            import anyio

            finished = await anyio.to_thread.run_sync(worker.wait, ticket, MAX_WAIT_SECONDS)
            if finished:
                answer["story"] = cache.get(fresh=True).story_of.get(article.id)
                status = 201
        elif outcome == "unchanged":
            answer["story"] = cache.get(fresh=True).story_of.get(article.id)
            status = 200
        return JSONResponse(answer, status_code=status)

    # --- pages -------------------------------------------------------------------------

    def html(name: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(pages.render(name, **context))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page_front(since: str | None = None, outlet: str | None = None, entity: str | None = None,
                   min_sources: int = 0, sort: str = "recent") -> HTMLResponse:
        s = snap()
        sort = sort if sort in ("recent", "growth") else "recent"
        rows = filter_stories(s, since, outlet, entity, max(0, min_sources), None, sort)
        return html("front.html", s=s, stories=rows[:MAX_LIMIT], total=len(rows), sort=sort,
                    filters={"since": since, "outlet": outlet, "entity": entity, "min_sources": min_sources})

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_story(story_id: str) -> HTMLResponse:
        s = snap()
        detail = s.story_detail(story_id)
        if detail is None:
            return HTMLResponse(pages.render("missing.html", what="القصة", key=story_id), status_code=404)
        return html("story_page.html", s=s, story=detail)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_article(article_id: str, s_: Annotated[int | None, Query(alias="s")] = None) -> HTMLResponse:
        snap_ = snap()
        detail = snap_.article_detail(article_id)
        if detail is None:
            return HTMLResponse(pages.render("missing.html", what="المقال", key=article_id), status_code=404)
        return html("article_page.html", s=snap_, article=detail, highlight=s_)

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_entity(entity_id: str) -> HTMLResponse:
        s = snap()
        detail = s.entity_detail(entity_id)
        if detail is None:
            return HTMLResponse(pages.render("missing.html", what="الكيان", key=entity_id), status_code=404)
        return html("entity_page.html", s=s, entity=detail)

    @app.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
    def page_outlets() -> HTMLResponse:
        s = snap()
        return html("outlets_page.html", s=s, outlets=list(s.outlets.values()))

    @app.get("/outlets/{name}", response_class=HTMLResponse, include_in_schema=False)
    def page_outlet(name: str) -> HTMLResponse:
        s = snap()
        row = s.outlets.get(name)
        if row is None:
            return HTMLResponse(pages.render("missing.html", what="المنفذ", key=name), status_code=404)
        return html("outlet_page.html", s=s, outlet=row,
                    articles=[s.article_row(a["id"]) for a in s.report["articles"] if (a["outlet"] or "?") == name])

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def page_search(q: str = "", outlet: str | None = None, since: str | None = None, until: str | None = None,
                    entity: str | None = None) -> HTMLResponse:
        hits: list = []
        problem = None
        if q.strip():
            try:
                with open_store(config.db) as store:
                    hits = store.search(q[:500], outlet=outlet or None, since=since or None, until=until or None,
                                        entity=entity or None, limit=50)
            except ValueError as exc:
                problem = str(exc)
        return html("search_page.html", s=snap(), q=q, hits=hits, problem=problem,
                    filters={"outlet": outlet, "since": since, "until": until, "entity": entity})

    return app


def _check_token(request: Request, token: str | None) -> None:
    if not token:
        raise ApiError(403, "submissions are disabled: start `marsad serve` with --token or MARSAD_TOKEN")
    given = request.headers.get("authorization") or ""
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not value:
        raise ApiError(401, "missing bearer token: send the header 'Authorization: Bearer TOKEN'")
    if not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise ApiError(401, "wrong token")


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise ApiError(413, f"body of {declared} bytes is larger than the limit of {MAX_BODY_BYTES} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise ApiError(413, f"body larger than the limit of {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    if not size:
        raise ApiError(422, "empty body: send one article")
    return b"".join(chunks)
