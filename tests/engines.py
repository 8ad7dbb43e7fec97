"""Reading a store's raw rows on either engine, for tests that compare whole databases.

The app never needs raw rows (it speaks models through the Repository); a few tests do, to
prove a round trip lost nothing, so this test helper reads them on SQLite and on PostgreSQL
alike. PostgreSQL's ``_seq`` column (its stand-in for SQLite's rowid) is left out, so the
rows of both engines compare equal.
"""

from __future__ import annotations

from typing import Any

from groupwork.store.converters import TABLES

TABLE_NAMES = [*TABLES.values(), "task_assignees"]


def is_postgres(store: Any) -> bool:
    """True for a store on a PostgreSQL server."""
    return getattr(store, "db", None) is None


def table_rows(store: Any, table: str) -> list[dict]:
    """Every row of ``table`` as a dict of column values."""
    if not is_postgres(store):
        return [dict(r) for r in store.db[table].rows]
    rows = store.conn.execute(f'select * from "{table}"').fetchall()
    return [{k: v for k, v in r.items() if k != "_seq"} for r in rows]


def table_counts(store: Any) -> dict[str, int]:
    """How many rows each of groupwork's tables (and the audit log) holds."""
    return {t: len(table_rows(store, t)) for t in [*TABLE_NAMES, "audit_log"]}


def copy_to_server(path: Any, dsn: str) -> str:
    """Copy every group of the SQLite file ``path`` into the PostgreSQL database ``dsn``
    (group by group, by export and import: the way an agency moves groups); returns ``dsn``."""
    from groupwork.exchange import export_group, import_document
    from groupwork.store import open_store

    with open_store(path) as source, open_store(dsn) as target:
        for group in source.groups():
            import_document(target, export_group(source, group.id))
    return dsn


def second_connection(store: Any) -> Any:
    """Another connection to the same database (another process, a crash's survivor)."""
    from groupwork.store import open_store

    return open_store(store.location if is_postgres(store) else store.path)
