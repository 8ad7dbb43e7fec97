"""The agency's server as the commands reach it: one door, so every command that needs the
server (``agency``, ``push``/``pull``, ``agency verify-audit``) refuses a laptop file the same way."""

from __future__ import annotations

from groupwork.errors import GroupworkError
from groupwork.i18n import _


def open_agency_store(location):
    """The agency database at ``location``; ``GroupworkError`` when it names no server."""
    from groupwork.paths import is_server_database

    if not is_server_database(location):
        raise GroupworkError(
            _(
                "An agency database is on a PostgreSQL server: give its address as "
                "postgresql://HOST/DATABASE or service=NAME (not {location})."
            ).format(location=location)
        )
    from groupwork.store import open_store

    return open_store(location)
