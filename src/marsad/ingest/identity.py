"""Article identity: stable ids from normalized content."""

from __future__ import annotations

import hashlib

from marsad.arabic.normalize import normalize


def content_hash(text: str, normalized: str | None = None) -> str:
    """Hash of the normalized text: equal for exact copies, whoever published them.

    Pass ``normalized`` (``normalize(text)``) when it is already known, to save the work.
    """
    norm = normalize(text) if normalized is None else normalized
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


def normalized_from_sentences(norms: list[str]) -> str:
    """``normalize(text)`` rebuilt from the sentences' matching keys (they cover all the text)."""
    return " ".join(n for n in norms if n)


def article_id(text: str, outlet: str | None, normalized: str | None = None) -> str:
    """Stable article id: hash of the outlet and the normalized text.

    The same input read twice gets the same id; the same wire text in two outlets gets
    two ids (two articles), which the deduplication stage then groups as exact copies.
    """
    norm = normalize(text) if normalized is None else normalized
    key = f"{normalize(outlet or '')}\n{norm}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
