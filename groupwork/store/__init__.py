"""Storage: SQLite through sqlite-utils, speaking pydantic models.

``Store.open(path)`` opens (creating if needed) a database, applies pending migrations and
returns a ``Store`` whose methods take and return models from ``groupwork.models``.
``Repository`` (``repository.py``) is the typed Protocol of those methods that code above
the store depends on; the SQL lives only in this package.
"""

import sys


def _import_sqlite_utils_without_numpy() -> None:
    """Import sqlite-utils without letting it import numpy (about 50 ms of start-up).

    sqlite-utils imports numpy (and pandas) at import time whenever they are installed, only
    to map their scalar types to column types; groupwork never stores numpy or pandas values.
    numpy is installed for matplotlib, and stays importable for it: the block is lifted as
    soon as sqlite-utils is in. Runs once, before any ``groupwork.store`` module imports it
    (and so before the TUI or a command can draw a chart in another thread).
    """
    if "sqlite_utils" in sys.modules:
        return
    blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # `import name` raises ImportError
    try:
        import sqlite_utils.db  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]


_import_sqlite_utils_without_numpy()

from groupwork.store.repository import Repository  # noqa: E402
from groupwork.store.store import Store  # noqa: E402  (after the import above, on purpose)


def open_store(location, passphrase: str | None = None, *, create: bool = True) -> Store:
    """Open the database at ``location``: the one place that picks the storage engine.

    A ``postgresql://`` URL or libpq connection string (``service=NAME``) opens the agency's
    PostgreSQL database (psycopg is imported only then); anything else is a SQLite file, or
    ``":memory:"``. ``passphrase`` is for an encrypted SQLite file. ``create=False`` (every
    command that does not start a database) refuses a file that does not exist with
    ``MissingDatabase`` instead of creating it.
    """
    from groupwork.paths import is_server_database

    if is_server_database(location):
        from groupwork.store.postgres import PgStore

        return PgStore.open(location)
    return Store.open(location, passphrase, create=create)


__all__ = ["Repository", "Store", "open_store"]
