"""Which exceptions come from a database driver (sqlite3, sqlcipher3, psycopg).

The doors turn any such error the store did not already word into one clear line; they ask
here rather than name the drivers themselves (only the store knows which it uses). No driver is
imported: the check reads the exception's classes.
"""

from __future__ import annotations

DRIVER_MODULES = ("sqlite3", "sqlcipher3.dbapi2", "psycopg")
"""The modules whose DB-API ``Error`` class every driver error derives from."""


def is_driver_error(exc: BaseException) -> bool:
    """True when ``exc`` is a DB-API error of one of the drivers groupwork uses."""
    return any(
        cls.__name__ == "Error" and cls.__module__ in DRIVER_MODULES for cls in type(exc).__mro__
    )
