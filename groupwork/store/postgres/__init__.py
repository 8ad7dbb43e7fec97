"""The agency's shared database on PostgreSQL (psycopg 3): the second storage engine.

Imported only when a ``postgresql://`` URL or libpq connection string is opened
(``groupwork.store.open_store``), so SQLite, the default, needs neither psycopg nor a server.
``connection`` opens (safe defaults, clear failures), ``schema`` migrates, ``store`` is the
``Repository``; ``agency`` creates the roles and row-level security of a shared database.
"""

from groupwork.store.postgres.store import PgStore

__all__ = ["PgStore"]
