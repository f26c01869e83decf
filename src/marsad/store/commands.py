"""Commands over a stored analysis: ``marsad report``, ``marsad search``, ``marsad export``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from marsad.store import Store


def _error(message: str) -> None:
    from marsad.progress import printable

    print(f"marsad: error: {printable(message)}", file=sys.stderr)


def _open(db: str) -> Store | None:
    """The store at ``db``, or None after printing why it cannot be opened."""
    from marsad.store import StoreError, open_store

    try:
        return open_store(db)
    except StoreError as exc:
        _error(str(exc))
        return None


def cmd_report(args: argparse.Namespace) -> int:
    """Write report.json and report.html from the stored results."""
    from marsad.api import report
    from marsad.report.writer import ReportError
    from marsad.store import StoreError

    try:
        out = report(args.db, args.out)
    except (StoreError, ReportError) as exc:
        _error(str(exc))
        return 1
    print(f"report: {out / 'report.html'}")
    print(f"data:   {out / 'report.json'}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Print the best matches of a full-text search of the store."""
    from marsad.search import highlighted, hits_json

    kinds = tuple(args.kind) if args.kind else ("article", "quote", "claim")
    store = _open(args.db)
    if store is None:
        return 1
    try:
        hits = store.search(args.query, outlet=args.outlet, since=args.since, until=args.until,
                            entity=args.entity, story=args.story, kinds=kinds, limit=args.limit)
    finally:
        store.close()
    if args.json:
        print(hits_json(hits))
        return 0
    for rank, hit in enumerate(hits, 1):
        where = " · ".join(x for x in (hit.outlet, hit.published, hit.title) if x)
        print(f"{rank:>3}. [{hit.kind}] {hit.id}  {where}  (score {hit.score:.3f})")
        print(f"     {highlighted(hit)}")
    if not hits:
        print("no match", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write stored articles, quotes, claims or entities as JSONL, CSV or Parquet."""
    from pathlib import Path

    from marsad.export import export

    if args.format == "parquet" and not args.out:
        _error("--format parquet needs --out FILE")
        return 2
    store = _open(args.db)
    if store is None:
        return 1
    try:
        n = export(store, args.what, args.format, Path(args.out) if args.out else None)
    finally:
        store.close()
    print(f"exported {n} {args.what}" + (f" to {args.out}" if args.out else ""), file=sys.stderr)
    return 0


def add_store_parsers(sub: argparse._SubParsersAction) -> None:
    """Add ``report`` (and the other commands over a store) to the ``marsad`` command."""
    from marsad.cli import DB_HELP

    p = sub.add_parser(
        "report", help="write the report again from the stored results",
        description="Render report.json and report.html from the results stored by the last `marsad analyze` "
        "into the database (no analysis is run).",
    )
    p.add_argument("--db", default="marsad.db", help=DB_HELP)
    p.add_argument("--out", default="marsad-report", help="report folder (default: ./marsad-report/)")
    p.set_defaults(func=cmd_report)

    from marsad.cli import _iso_date

    p = sub.add_parser(
        "search", help="full-text search of stored articles, quotes and claims, in any spelling",
        description="Search the stored articles, quotes and claims. Words match whatever their spelling "
        "(alef, yeh, teh marbuta, hamza, diacritics), their attached و ف ب ل ك ال, their endings (stems) and "
        "transliteration variants (بيونغ يانغ = بيونج يانج). Results are ranked; matched words are shown in [ ].",
    )
    p.add_argument("query", help="words to find (all of them; when no document has all, any of them)")
    p.add_argument("--db", default="marsad.db", help=DB_HELP)
    p.add_argument("--outlet", help="only articles of this outlet")
    p.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD", help="published on or after this day")
    p.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD", help="published on or before this day")
    p.add_argument("--entity", help="only articles that mention this person, place or organization (any spelling)")
    p.add_argument("--story", help="only this story (its id in report.json)")
    p.add_argument("--kind", action="append", choices=("article", "quote", "claim"),
                   help="what to search (repeatable; default: all three)")
    p.add_argument("--limit", type=int, default=20, help="most results shown (default: 20)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.set_defaults(func=cmd_search)

    from marsad.export import FORMATS, WHAT

    p = sub.add_parser(
        "export", help="write stored articles, quotes, claims or entities as JSONL, CSV or Parquet",
        description="Export one kind of stored result, one row per record, to standard output or --out.",
    )
    p.add_argument("--db", default="marsad.db", help=DB_HELP)
    p.add_argument("--format", choices=FORMATS, default="jsonl", help="jsonl (default), csv or parquet")
    p.add_argument("--what", choices=WHAT, required=True, help="which records")
    p.add_argument("--out", help="output file (default: standard output; required for parquet)")
    p.set_defaults(func=cmd_export)
