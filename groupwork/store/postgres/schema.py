"""The PostgreSQL schema, versioned and migrated on open like the SQLite one.

Migrations are the ``pNNN_*.sql`` files beside this module, applied in name order; each name
is recorded in ``groupwork_migrations`` in the same transaction as its changes, so a failed
migration leaves the database as it was. Two laptops opening a new database at once take a
transaction-level advisory lock first: the second waits, then finds nothing left to do.

The SQLite migrations (``store/migrations.py``) stay the description of the schema; each SQLite
migration that changes tables gets a PostgreSQL one here, and ``tests/pg/test_schema.py`` fails,
naming the table and column, until both engines hold the same tables, columns, keys and
constraints. Never edit a shipped migration: add a new file.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from groupwork.errors import StorageError
from groupwork.i18n import _

MIGRATIONS_PACKAGE = "groupwork.store.postgres.migrations"
# Any constant both openers agree on: "gw" in ASCII, then the schema's generation.
ADVISORY_LOCK_KEY = 0x6777_0001


def _share_titles(conn: Any) -> None:
    from psycopg.rows import tuple_row

    from groupwork.store.postgres.dialect import to_postgres
    from groupwork.store.shared_titles import backfill

    cursor = conn.cursor(row_factory=tuple_row)
    backfill(lambda sql, params: cursor.execute(to_postgres(sql), params).fetchall())


def _relink_titles(conn: Any) -> None:
    from psycopg.rows import tuple_row

    from groupwork.store.postgres.dialect import to_postgres
    from groupwork.store.shared_titles import relink

    cursor = conn.cursor(row_factory=tuple_row)
    relink(lambda sql, params: cursor.execute(to_postgres(sql), params).fetchall())


AFTER_SQL = {
    "p020_title_shared_task_checks": _share_titles,
    "p090_titles_by_link": _relink_titles,
}
"""Python steps of a migration, run after its SQL in the same transaction."""


@cache
def migrations() -> tuple[tuple[str, str], ...]:
    """Every shipped migration as (name, SQL), in the order they apply."""
    folder = resources.files(MIGRATIONS_PACKAGE)
    files = sorted(f for f in folder.iterdir() if f.name.endswith(".sql"))
    return tuple((f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files)


def applied(conn: Any) -> list[str]:
    """Names of the migrations this database has had (none for a new database)."""
    row = conn.execute("select to_regclass('groupwork_migrations') as t").fetchone()
    if row["t"] is None:
        return []
    return [r["name"] for r in conn.execute("select name from groupwork_migrations order by name")]


def refuse_newer_schema(names: list[str]) -> None:
    """``StorageError`` when a newer groupwork changed the schema (nothing is touched)."""
    known = {name for name, _sql in migrations()}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise StorageError(
            _(
                "This database was changed by a newer version of groupwork ({changes}); "
                "nothing was changed. Update groupwork to open it."
            ).format(changes=", ".join(unknown))
        )


def pending(conn: Any) -> list[str]:
    """Names of the migrations not yet applied."""
    done = set(applied(conn))
    return [name for name, _sql in migrations() if name not in done]


def apply_migrations(conn: Any) -> list[str]:
    """Bring the database up to the current schema (``conn`` in autocommit mode).

    Returns the names of the migrations applied now.
    """
    refuse_newer_schema(applied(conn))
    if not pending(conn):
        return []
    import psycopg

    now: list[str] = []
    try:
        with conn.transaction():
            conn.execute("select pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
            conn.execute(
                "create table if not exists groupwork_migrations ("
                " name text primary key,"
                " applied_at timestamptz not null default now())"
            )
            done = set(applied(conn))
            refuse_newer_schema(sorted(done))
            for name, sql in migrations():
                if name in done:
                    continue
                conn.execute(sql)
                if name in AFTER_SQL:
                    AFTER_SQL[name](conn)
                conn.execute("insert into groupwork_migrations (name) values (%s)", [name])
                now.append(name)
    except psycopg.errors.InsufficientPrivilege as exc:
        raise StorageError(
            _(
                "The agency database needs an update that only its administrator may make: "
                "ask them to run groupwork agency init. Nothing was changed."
            )
        ) from exc
    return now
