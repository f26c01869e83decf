"""Index terms of already normalized text, at C speed.

:func:`index_terms` gives the word and number tokens that :func:`marsad.arabic.words` gives
for the same text, but takes text that already went through :func:`marsad.arabic.normalize`
(e.g. ``Sentence.norm``) and does no proclitic analysis, so it runs one ``re.findall`` per
text. Use it where whole articles are turned into bags of words (story clustering, search
statistics); use :func:`~marsad.arabic.tokenize` where offsets or clitics matter.
"""

from __future__ import annotations

import re

#: numbers with decimal/thousands separators, or runs of letters (normalized text has no marks)
_TERM_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")


def index_terms(normalized: str) -> list[str]:
    """Word and number tokens of ``normalized`` text, in order (punctuation dropped)."""
    return _TERM_RE.findall(normalized)
