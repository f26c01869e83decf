"""Reading the data files shipped inside the package (lexicon, model features, gazetteers)."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from importlib import resources


def packaged_tsv(package: str, name: str) -> Iterator[list[str]]:
    """Rows (tab-split fields) of a TSV file shipped in ``package``; ``.gz`` files are
    decompressed. Yields nothing when the file is absent (a model not built yet)."""
    try:
        data = resources.files(package).joinpath(name).read_bytes()
    except (FileNotFoundError, OSError, ModuleNotFoundError):
        return
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    for line in io.StringIO(data.decode("utf-8")):
        line = line.rstrip("\n")
        if line:
            yield line.split("\t")
