"""Fixtures for the PostgreSQL engine live in tests/conftest.py (``pg_server``, ``pg_dsn``,
``pg_store_dsn``): the store tests elsewhere run on PostgreSQL too and need them there."""
