"""The PostgreSQL schema: the same tables, columns, keys and constraints as SQLite's, migrated
on open under an advisory lock, and refused when a newer groupwork changed it."""

from __future__ import annotations

import threading

import pytest
from schema_shape import differences, postgres_shape, sqlite_shape

from groupwork.errors import StorageError
from groupwork.store import Store
from groupwork.store.postgres import PgStore
from groupwork.store.postgres.schema import migrations


def test_both_engines_hold_the_same_tables_columns_keys_and_indexes(pg_dsn):
    """When this fails after a merge, each line names what PostgreSQL lacks and the SQL that
    adds it: put that in a new groupwork/store/postgres/migrations/pNNN_*.sql file."""
    sqlite = Store.memory()
    with PgStore.open(pg_dsn) as pg:
        found = differences(sqlite_shape(sqlite.db), postgres_shape(pg.conn))
    sqlite.close()
    assert found == [], "PostgreSQL schema differs from SQLite's:\n" + "\n".join(found)


def test_the_comparison_names_a_missing_table_column_key_and_index():
    lite = Store.memory()
    lite.db["drafts"].create({"id": str, "body": str}, pk="id")
    lite.db["members"].add_column("member_key", str)
    shape = sqlite_shape(lite.db)
    pg = sqlite_shape(Store.memory().db)
    lines = differences(shape, pg)
    assert any(line.startswith("table drafts: missing in PostgreSQL") for line in lines)
    assert (
        "column members.member_key: missing in PostgreSQL (ALTER TABLE members ADD COLUMN "
        'member_key text COLLATE "C")'
    ) in lines


def test_migrations_are_recorded_and_a_second_open_applies_nothing(pg_dsn):
    PgStore.open(pg_dsn).close()
    with PgStore.open(pg_dsn) as store:
        names = [r["name"] for r in store.conn.execute("select name from groupwork_migrations")]
    assert sorted(names) == [name for name, _sql in migrations()]


def test_two_openers_of_a_new_database_do_not_race(pg_dsn):
    errors: list[BaseException] = []

    def open_it():
        try:
            PgStore.open(pg_dsn).close()
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with PgStore.open(pg_dsn) as store:
        count = store.conn.execute("select count(*) as n from groupwork_migrations").fetchone()
    assert count["n"] == len(migrations())


def test_a_schema_newer_than_the_app_is_refused_and_left_alone(pg_dsn):
    with PgStore.open(pg_dsn) as store:
        store.conn.execute(
            "insert into groupwork_migrations (name) values ('p999_from_the_future')"
        )
    with pytest.raises(StorageError, match="newer version of groupwork.*p999_from_the_future"):
        PgStore.open(pg_dsn)
