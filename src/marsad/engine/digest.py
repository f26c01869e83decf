"""Digests of source files: per-article caches are keyed by the code that computed them."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]  # src/marsad


@cache
def source_digest(*parts: str) -> str:
    """A digest of the files under ``parts`` (paths relative to the ``marsad`` package: files or
    folders, every file in a folder but byte-code): it changes when one of them does."""
    digest = hashlib.sha1()
    for part in parts:
        path = _ROOT / part
        files = sorted(f for f in path.rglob("*") if f.is_file() and "__pycache__" not in f.parts) \
            if path.is_dir() else [path]
        for f in files:
            digest.update(str(f.relative_to(_ROOT)).encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()[:16]
