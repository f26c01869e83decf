"""marsad (مرصد): reads Arabic news from many outlets and turns it into traceable stories.

Library entry point::

    import marsad
    result = marsad.analyze(["articles/"], db="marsad.db", out="marsad-report")
    for story in result.corpus.stories: ...
"""

from marsad.version import __version__

__all__ = ["__version__", "analyze", "search"]


def analyze(*args, **kwargs):
    """Ingest ``paths`` and run the whole flow; see :func:`marsad.api.analyze`."""
    from marsad.api import analyze as _analyze

    return _analyze(*args, **kwargs)


def search(*args, **kwargs):
    """Full-text search of a store; see :func:`marsad.api.search`."""
    from marsad.api import search as _search

    return _search(*args, **kwargs)
