"""Fixtures for the PostgreSQL engine live in tests/conftest.py (``pg_server``, ``pg_dsn``,
``pg_store_dsn``): the store tests elsewhere run on PostgreSQL too and need them there."""

from red_team_setup import red_agency, red_agency_temp  # noqa: E402, F401  (the red-team suite)
