"""Property-based fuzzing of the readers (issue 17): random bytes, encodings, JSON shapes and
sizes. Whatever the input, no exception escapes, every article is well formed, and memory
stays bounded. Deterministic (derandomized) and bounded in examples, so it stays fast."""

from __future__ import annotations

import gzip
import json
import tempfile
import tracemalloc
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.ingest import Problem, read_paths

FUZZ = settings(max_examples=30, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
#: what one read of a fuzzed input may allocate (the caps below bound it far lower)
MEMORY_BOUND = 48_000_000

ARABIC_CHARS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأإؤئةى،؛؟.!«»\"\n0123456789٠١٢٣"
SUFFIXES = (".txt", ".html", ".jsonl", ".jsonl.gz", ".ndjson", "")
FIELDS = ("content", "text", "body", "title", "headline", "source", "outlet", "url", "link", "published",
          "date", "author", "authors", "byline")


def _limits():
    from marsad.ingest import Limits

    return Limits(max_article_bytes=100_000, max_line_bytes=300_000, max_input_bytes=2_000_000)


def _read_file(data: bytes, suffix: str) -> None:
    """Read ``data`` as a file with ``suffix``; assert the reading invariants."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
        problems: list[Problem] = []
        tracemalloc.start()
        try:
            articles = list(read_paths([str(path)], on_problem=problems.append, limits=_limits()))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < MEMORY_BOUND
    for problem in problems:
        assert problem.path.startswith(str(path)) and problem.message
    for article in articles:
        assert article.text.strip() and article.id
        assert len(article.text.encode("utf-8", "surrogatepass")) <= 100_000
        for sentence in article.sentences:
            assert article.text[sentence.start:sentence.end] == sentence.text


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(data, suffix):
    _read_file(data, suffix)


@FUZZ
@given(
    text=st.text(alphabet=st.one_of(st.sampled_from(ARABIC_CHARS), st.characters()), max_size=2000),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"]),
    cut=st.integers(min_value=0, max_value=3),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), max_size=4),
    suffix=st.sampled_from(SUFFIXES),
)
def test_encodings_truncation_and_corruption(text, encoding, cut, flips, suffix):
    data = bytearray(text.encode(encoding, errors="replace"))
    if cut and len(data) > cut:
        del data[-cut:]  # cut mid-character
    for position, value in flips:
        if data:
            data[position % len(data)] = value
    _read_file(bytes(data), suffix)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(ARABIC_CHARS, max_size=300),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
RECORDS = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, max_size=6),
    JSON_VALUES,
)


@FUZZ
@given(
    records=st.lists(RECORDS, max_size=12),
    depth=st.integers(min_value=0, max_value=50_000),
    big=st.integers(min_value=0, max_value=400_000),
    suffix=st.sampled_from([".jsonl", ".jsonl.gz", ".ndjson"]),
)
def test_json_shapes_and_sizes(records, depth, big, suffix):
    from marsad.ingest.readers import _validator, plain_types

    for record in records:  # the fast type check agrees with the JSON Schema
        if isinstance(record, dict):
            assert plain_types(record) == _validator().is_valid(record)
    lines = [json.dumps(r, ensure_ascii=bool(len(records) % 2)) for r in records]
    if depth:
        lines.append("[" * depth + "]" * (depth % 3))  # deeply nested, maybe unclosed
    if big:
        lines.append(json.dumps({"content": "خبر. " * (big // 8)}, ensure_ascii=False))  # around the caps
    _read_file("\n".join(lines).encode("utf-8", "surrogatepass"), suffix)
