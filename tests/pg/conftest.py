"""Fixtures for the PostgreSQL engine: one throwaway server per run, a fresh database per test."""

from __future__ import annotations

import itertools
import os

import pytest
from pg_server import start_test_server

_numbers = itertools.count()


@pytest.fixture(scope="session")
def pg_server():
    """The run's PostgreSQL server (skipped without one, failed in CI: GROUPWORK_REQUIRE_PG=1)."""
    server = start_test_server()
    if server is None:
        if os.environ.get("GROUPWORK_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL server binaries not found, and GROUPWORK_REQUIRE_PG=1")
        pytest.skip("no PostgreSQL server installed")
    yield server
    server.stop()


@pytest.fixture
def pg_dsn(pg_server):
    """A connection string to a new, empty database of this test's own."""
    import psycopg

    name = f"gw_test_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(pg_server.dsn(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield pg_server.dsn(name)
    with psycopg.connect(pg_server.dsn(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
