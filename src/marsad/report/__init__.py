"""Reports: report.json (the data, schema in ``schema.json``) and the right-to-left HTML pages."""

from marsad.report.writer import build_report, write_report

__all__ = ["build_report", "write_report"]
