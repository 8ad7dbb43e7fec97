"""Copy the agency database (scripts/make_agency_db.py's SQLite file) into PostgreSQL.

    .venv/bin/python scripts/load_agency_pg.py /work/agency.db --db postgresql://.../agency
        [--facilitator dao=คุณดาว] [--coordinator fon]

The target database is migrated by ``PgStore.open`` (so it has the app's schema), then every
table the two files share is copied with COPY, in the order foreign keys need, in one
transaction (keys and constraints enforced on the way in, as ``Store.load_rows`` does on
SQLite). Then ``ANALYZE``, ``groupwork agency init`` and the logins the benchmarks use: a
facilitator login given every group whose facilitators list names that person, and a
coordinator. Prints the time of each step; for benchmarks, not for an agency's data (real
data moves with ``groupwork push``).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from pathlib import Path

import psycopg

from groupwork.store.postgres import PgStore

# Parents before children (foreign keys are checked row by row during COPY).
FIRST = ["groups", "members", "sessions", "attendance", "participation_events", "goals", "tasks"]
SKIP = {"_sqlite_migrations", "sqlite_sequence", "sqlite_stat1", "audit_log"}


def pg_columns(conn: psycopg.Connection, table: str) -> list[str]:
    rows = conn.execute(
        "select column_name from information_schema.columns where table_schema = 'public' "
        "and table_name = %s and is_generated = 'NEVER' and identity_generation is null",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def copy_table(src: sqlite3.Connection, conn: psycopg.Connection, table: str) -> int:
    """COPY ``table``'s rows (the columns both engines have) in SQLite's rowid order."""
    have = {r[1] for r in src.execute(f'pragma table_info("{table}")')}
    columns = [c for c in pg_columns(conn, table) if c in have]
    if not columns:
        return 0
    names = ", ".join(f'"{c}"' for c in columns)
    n = 0
    with conn.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in src.execute(f"select {names} from {table} order by rowid"):
            copy.write_row(row)
            n += 1
    return n


def load(sqlite_path: Path, dsn: str, facilitators: dict[str, str], coordinators: list[str]):
    """Copy, analyse, set up the agency's roles; returns {step: seconds} and row counts."""
    times: dict[str, float] = {}
    counts: dict[str, int] = {}
    started = time.perf_counter()
    PgStore.open(dsn).close()  # the app's schema, migrated
    src = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    tables = [
        r[0]
        for r in src.execute("select name from sqlite_master where type = 'table' order by name")
        if r[0] not in SKIP
    ]
    order = FIRST + [t for t in tables if t not in FIRST]
    with psycopg.connect(dsn) as conn:
        for table in order:
            if table not in tables or not pg_columns(conn, table):
                continue
            t = time.perf_counter()
            counts[table] = copy_table(src, conn, table)
            if counts[table]:
                print(f"{table}: {counts[table]:,} rows in {time.perf_counter() - t:.1f} s")
        conn.commit()
    times["copy"] = time.perf_counter() - started
    t = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("vacuum analyze")
    times["vacuum analyze"] = time.perf_counter() - t
    t = time.perf_counter()
    with PgStore.open(dsn) as store:
        store.init_agency()
        for login, name in facilitators.items():
            groups = [g.id for g in store.groups() if name in g.facilitators]
            store.add_agency_user(login, "facilitator", groups)
            counts[f"groups of {login}"] = len(groups)
        for login in coordinators:
            store.add_agency_user(login, "coordinator")
    times["agency init + logins"] = time.perf_counter() - t
    times["total"] = time.perf_counter() - started
    return times, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sqlite", type=Path)
    parser.add_argument("--db", required=True, help="postgresql:// URL of an empty database")
    parser.add_argument("--facilitator", action="append", default=["dao=คุณดาว"])
    parser.add_argument("--coordinator", action="append", default=["fon"])
    args = parser.parse_args(argv)
    facilitators = dict(f.split("=", 1) for f in args.facilitator)
    times, counts = load(args.sqlite, args.db, facilitators, args.coordinator)
    print(json.dumps({"seconds": {k: round(v, 1) for k, v in times.items()}, "rows": counts}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
