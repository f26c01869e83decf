"""Commands over a stored analysis: ``marsad report`` (and ``search``, ``export``)."""

from __future__ import annotations

import argparse
import sys


def _error(message: str) -> None:
    from marsad.progress import printable

    print(f"marsad: error: {printable(message)}", file=sys.stderr)


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
