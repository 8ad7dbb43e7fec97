"""A second connection to the agency server, for reads on a worker thread."""

from __future__ import annotations

from typing import Any

from groupwork.store.postgres.agency import read_through_views
from groupwork.store.postgres.connection import connect
from groupwork.store.postgres.server_errors import _errors


class PgWorkerReader:
    """``worker_reader`` for ``PgStore``: its own connection, as the same login and role."""

    location: str
    conn: Any

    def worker_reader(self) -> Any:
        """A second store on the same server database for a worker thread's reads (the
        coordinator's task count while the page is shown): the same login, the role this
        store acts as (``act_as``), and so the same rows and views. Close it after."""
        with _errors():
            role = self.conn.execute("select current_user as role").fetchone()["role"]
            conn = connect(self.location)
            try:
                if conn.execute("select current_user as role").fetchone()["role"] != role:
                    from psycopg import sql

                    conn.execute(sql.SQL("set role {}").format(sql.Identifier(role)))
                views_only = read_through_views(conn)
            except BaseException:
                conn.close()
                raise
        reader = type(self)(conn, self.location)  # type: ignore[call-arg]
        reader.views_only = views_only
        return reader
