"""The test server itself: it starts, accepts a connection and keeps each test's database apart."""

from __future__ import annotations


def test_a_fresh_database_per_test_is_empty_and_writable(pg_dsn):
    import psycopg

    with psycopg.connect(pg_dsn) as conn:
        tables = conn.execute(
            "select count(*) from information_schema.tables where table_schema = 'public'"
        ).fetchone()[0]
        assert tables == 0
        conn.execute("create table t (x text)")
        conn.execute("insert into t values ('น้ำ')")
        assert conn.execute("select x from t").fetchone()[0] == "น้ำ"
