"""``marsad serve`` (and ``marsad watch``): the commands of the running observatory."""

from __future__ import annotations

import argparse
import os
import sys


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the API and the pages over the store at ``--db`` until interrupted."""
    import uvicorn

    from marsad.service.app import ServiceConfig, create_app
    from marsad.store import StoreError

    token = args.token or os.environ.get("MARSAD_TOKEN") or None
    try:
        app = create_app(ServiceConfig(db=args.db, token=token, options={"ner": args.ner}))
    except StoreError as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return 1
    where = f"http://{args.host}:{args.port}"
    print(f"marsad: serving {where}/ (pages) and {where}/docs (API); submissions "
          f"{'need the bearer token' if token else 'are off (no --token)'}", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def add_service_parsers(sub: argparse._SubParsersAction) -> None:
    """Add ``serve`` to the ``marsad`` command."""
    from marsad.cli import DB_HELP

    p = sub.add_parser(
        "serve", help="serve the stories as a web site and a REST API (OpenAPI at /docs)",
        description="Serve the results stored in --db: pages for people (stories with their facts and sources, "
        "entities, outlets, search, articles with the cited sentence highlighted) and a JSON API under /api "
        "(documented at /docs). With a token, POST /api/articles takes new articles (JSON or HTML) and folds "
        "them into their stories in the background.",
        epilog="example:\n  marsad analyze ../shared/corpus/seeds --db news.db\n"
        "  MARSAD_TOKEN=s3cret marsad serve --db news.db --port 8000\n"
        "  curl -H 'Authorization: Bearer s3cret' -H 'Content-Type: application/json' \\\n"
        "       -d '{\"title\": \"…\", \"text\": \"…\", \"outlet\": \"…\"}' http://127.0.0.1:8000/api/articles",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--db", default="marsad.db", help=DB_HELP)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--token", help="bearer token that POST /api/articles requires (default: $MARSAD_TOKEN; "
                   "without one, submissions are refused)")
    p.add_argument("--ner", choices=("e5+crf", "e5", "crf"), help="NER model of the background analysis")
    p.set_defaults(func=cmd_serve)

    from marsad.service.watch import add_watch_parser

    add_watch_parser(sub)
