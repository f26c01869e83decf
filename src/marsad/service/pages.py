"""Server-rendered pages: Jinja2 templates of this package, with the report's stylesheet, the
report's escaping rules (autoescape, bidi controls removed) and links that only ever point to
http(s) addresses."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from marsad.report.writer import strip_bidi_controls
from marsad.version import __version__

TYPE_NAMES = {"PER": "شخص", "LOC": "مكان", "ORG": "منظمة", "MISC": "أخرى"}


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http or https address, else None (never a javascript: or data: link)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


class Pages:
    """Renders the service's pages."""

    def __init__(self) -> None:
        self.env = Environment(
            loader=ChoiceLoader([PackageLoader("marsad.service", "templates"),
                                 PackageLoader("marsad.report", "templates")]),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=strip_bidi_controls,
        )
        self.env.filters["safe_url"] = safe_url
        self.env.filters["q"] = lambda value: quote(str(value), safe="")
        self.env.globals.update(version=__version__, type_names=TYPE_NAMES)

    def render(self, name: str, **context: Any) -> str:
        """The page ``name`` rendered with ``context``."""
        return self.env.get_template(name).render(**context)
