"""What the PostgreSQL server says, as ``GroupworkError``s in the person's language.

A refused row (row-level security) is "not yours"; a broken constraint is a record that does not
fit; a server that went away is ``ConnectionLost`` (the recorder keeps the event and journals
it); any other connection failure is a ``StorageError`` saying nothing was saved.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from groupwork.errors import ConnectionLost, GroupworkError, NotYoursError, StorageError
from groupwork.i18n import _
from groupwork.store.postgres.connection import first_line


@contextmanager
def _errors() -> Iterator[None]:
    """Turn what the server says into ``GroupworkError``s in the person's language."""
    import psycopg
    from psycopg import errors as pg

    try:
        yield
    except pg.InsufficientPrivilege as exc:
        raise NotYoursError(
            _(
                "The agency database refused this: it is not one of your groups, or your role "
                "may not change it. Nothing was changed. ({error})"
            ).format(error=first_line(str(exc)))
        ) from exc
    except psycopg.IntegrityError as exc:
        raise GroupworkError(
            _("The record does not fit with what is stored: {error}").format(
                error=first_line(str(exc))
            )
        ) from exc
    except psycopg.OperationalError as exc:
        if _connection_gone(exc):
            raise ConnectionLost(_server_away_message(first_line(str(exc)))) from exc
        raise StorageError(
            _(
                "The connection to the agency database failed ({error}); this change was not "
                "saved. Check the network and try again."
            ).format(error=first_line(str(exc)))
        ) from exc


def _connection_gone(exc: Exception) -> bool:
    """True when ``exc`` means the server went away (not a refused or failed statement)."""
    state = getattr(exc, "sqlstate", None)
    # No SQLSTATE: the socket closed under libpq; 08: connection exception; 57P0x: the server
    # shut down or terminated this backend (pg_terminate_backend).
    return state is None or state.startswith("08") or state.startswith("57P")


def _server_away_message(error: str) -> str:
    # Said by reads and writes alike (a command that only lists, a screen's save): a change
    # is named only as the one the person may have been making.
    return _(
        "The agency database cannot be reached ({error}). If you were saving a change, it is "
        "not on the server and nothing was kept to send later: do it again once the server "
        "is back."
    ).format(error=error)
