"""Shared test helpers: where ../shared lies (never copied into the repo)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the checkout")
    return SEEDS


# --- both store backends (issue 14) ----------------------------------------------------------
# MARSAD_TEST_PG_URL names a PostgreSQL server (scripts/postgres.sh start prints one; .ci/run
# starts one). Each test gets a database of its own on it, dropped afterwards. Without the
# variable the PostgreSQL cases are skipped, saying so; in CI (CI=true) they fail instead.

PG_URL_VARIABLE = "MARSAD_TEST_PG_URL"


def _pg_server_url() -> str:
    import os

    url = os.environ.get(PG_URL_VARIABLE)
    if not url:
        message = (f"{PG_URL_VARIABLE} is not set: no PostgreSQL server for the PostgreSQL cases "
                   "(start one with `scripts/postgres.sh start` and export the URL it prints)")
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must run them")
        pytest.skip(message)
    return url


@pytest.fixture
def pg_url(request) -> str:
    """The URL of a fresh, empty PostgreSQL database (dropped after the test)."""
    import re
    import secrets

    import psycopg

    server = _pg_server_url()
    name = "marsad_t_" + re.sub(r"\W", "", request.node.name.lower())[:30] + "_" + secrets.token_hex(3)
    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    yield _with_database(server, name)
    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _with_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` instead of its own."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, tmp_path) -> str:
    """Where a test's store lives, once per backend: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")
