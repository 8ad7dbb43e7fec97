"""Shared fixtures: every test gets its own data folder and database, in English by default."""

from __future__ import annotations

import inspect
import itertools
import os
import re
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

if os.environ.get("GROUPWORK_NO_TEXTUAL") == "1":
    # CI runs the core tests (all but tests/tui) as on a machine without Textual: any import
    # of it then fails, so core code that reaches for the TUI fails its tests.
    # Submodules a plugin already loaded are dropped too, so no `from textual.x import` works.
    for _name in [n for n in sys.modules if n == "textual" or n.startswith("textual.")]:
        del sys.modules[_name]
    sys.modules["textual"] = None  # type: ignore[assignment]

import pytest
import time_machine

from groupwork import i18n
from groupwork.store import Store


@pytest.fixture(autouse=True, scope="session")
def shifted_clock():
    """Run the whole suite as if on another day when GROUPWORK_TEST_SHIFT_DAYS is set.

    CI runs the suite a second time a year ahead, so a test that quietly depends on the
    day it runs fails there and not months later on main. The clock keeps ticking, so
    timeouts and durations behave as usual; tests that pin a moment nest their own travel.
    """
    days = int(os.environ.get("GROUPWORK_TEST_SHIFT_DAYS", "0") or 0)
    if not days:
        yield
        return
    with time_machine.travel(datetime.now(UTC) + timedelta(days=days), tick=True):
        yield


@pytest.fixture(autouse=True)
def isolated_data(tmp_path, monkeypatch):
    """Point every data location at the test's own folder; nothing touches real data."""
    home = tmp_path / "home"
    monkeypatch.setenv("GROUPWORK_HOME", str(home))
    monkeypatch.setenv("GROUPWORK_DB", str(home / "groupwork.db"))
    monkeypatch.setenv("GROUPWORK_LANG", "en")
    monkeypatch.setenv("GROUPWORK_REPORTS", str(tmp_path))
    monkeypatch.delenv("GROUPWORK_PASSPHRASE", raising=False)
    i18n.set_language("en")
    yield home
    i18n.set_language("en")


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.db"


# --- the store on both engines ------------------------------------------------------------
#
# A test that speaks to the store only through the Repository runs on SQLite and on
# PostgreSQL: its ``store`` fixture is parametrized over both engines. A test that reaches
# for SQLite itself (the file, its path, sqlite-utils, a second Store.open, the CLI on
# ``db_path``) runs on SQLite only; the words below mark such a test (its source, or the
# source of the module's own fixtures it uses).
SQLITE_ONLY_WORDS = (
    "db_path",
    "store.path",
    "store.db",
    "Store.open",
    "Store.memory",
    ".db[",
    "sqlite",
)
# Tests that stay on SQLite by nature (docs/agency.md lists them with their reasons): the
# file itself (backups, restore, crash recovery, WAL, SQLCipher, exclusive locks, the file's
# mode and header, erasure read back from the file's bytes), SQLite's migration history and
# its audit triggers. On a server those are the server's jobs, tested in tests/pg.
# Test folders whose tests stay on SQLite: the TUI (one engine is enough to drive screens;
# tests/tui/test_on_postgres.py walks them on the server) and tests/pg (which open
# PostgreSQL themselves).
SQLITE_ONLY_FOLDERS = ("tui", "pg")


def _speaks_only_repository(metafunc) -> bool:
    folder = Path(metafunc.definition.path).parent.name
    if folder in SQLITE_ONLY_FOLDERS:
        return False
    sources = [inspect.getsource(metafunc.function)]
    for name in metafunc.fixturenames:
        for fixturedef in metafunc._arg2fixturedefs.get(name, ()):
            if fixturedef.baseid and "conftest" not in str(inspect.getfile(fixturedef.func)):
                sources.append(inspect.getsource(fixturedef.func))
    # A word counts on its own (``PgStore.open`` is not ``Store.open``).
    words = re.compile(
        "|".join(r"(?<!\w)" * w[0].isalpha() + re.escape(w) for w in SQLITE_ONLY_WORDS)
    )
    return not any(words.search(source) for source in sources)


def pytest_generate_tests(metafunc):
    # ``store`` and ``new_store`` ask for ``engine``: the test runs once on each engine.
    if "engine" in metafunc.fixturenames and _speaks_only_repository(metafunc):
        metafunc.parametrize("engine", ["sqlite", "postgresql"])


@pytest.fixture
def engine():
    """The engine a test's stores are on: "sqlite" unless parametrized over both."""
    return "sqlite"


@pytest.fixture
def new_store(engine, request):
    """Open a fresh, empty, migrated store on the test's engine, as often as the test asks.

    Tests that need a second database (an import target, a copy to compare) call this
    instead of ``Store.memory()``, so they run on PostgreSQL too.
    """
    opened: list[Store] = []
    on_server: list[tuple[str, Store]] = []  # (pooled database, the store open on it)

    def make() -> Store:
        if engine == "postgresql":
            from groupwork.store.postgres import PgStore

            server, pool = request.getfixturevalue("pg_server"), request.getfixturevalue("pg_pool")
            # A store the test closed already (one per hypothesis example) frees its database.
            for pair in [p for p in on_server if p[1].conn.closed]:
                on_server.remove(pair)
                pool.give_back(pair[0])
            name = pool.take()
            s = PgStore.open(server.dsn(name))
            on_server.append((name, s))
        else:
            s = Store.memory()
            opened.append(s)
        return s

    yield make
    for s in opened:
        s.close()
    for name, s in on_server:
        s.close()
        request.getfixturevalue("pg_pool").give_back(name)


@pytest.fixture(scope="module")
def module_stores(request):
    """``get(engine, build)``: a store built once per test module and engine, then shared.

    For modules whose tests only read one large set of records (the demo group): ``build``
    fills the new store and returns what the tests need; ``get`` returns (store, that).
    """
    made: dict[str, tuple[Store, Any]] = {}

    def get(engine: str, build: Callable[[Store], Any]) -> tuple[Store, Any]:
        if engine not in made:
            if engine == "postgresql":
                from groupwork.store.postgres import PgStore

                s = PgStore.open(request.getfixturevalue("pg_new_database")())
            else:
                s = Store.memory()
            made[engine] = (s, build(s))
        return made[engine]

    yield get
    for s, _ in made.values():
        s.close()


@pytest.fixture
def store(engine, request, db_path):
    """The store a test works on: SQLite, or (parametrized) a fresh PostgreSQL database."""
    if engine == "postgresql":
        from groupwork.store.postgres import PgStore

        s = PgStore.open(request.getfixturevalue("pg_store_dsn"))
    else:
        s = Store.open(db_path)
    yield s
    s.close()


# --- the throwaway PostgreSQL server (tests/pg/pg_server.py) ----------------------------------

sys.path.insert(0, str(Path(__file__).parent / "pg"))
_pg_numbers = itertools.count()


@pytest.fixture(scope="session")
def pg_server():
    """The run's PostgreSQL server (skipped without one, failed in CI: GROUPWORK_REQUIRE_PG=1)."""
    from pg_server import start_test_server

    server = start_test_server()
    if server is None:
        if os.environ.get("GROUPWORK_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL server binaries not found, and GROUPWORK_REQUIRE_PG=1")
        pytest.skip("no PostgreSQL server installed")
    yield server
    server.stop()


def _new_database(server, template: str | None = None) -> str:
    import psycopg

    name = f"gw_test_{os.getpid()}_{next(_pg_numbers)}"
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return name


def _drop_database(server, name: str) -> None:
    import psycopg

    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_dsn(pg_server):
    """A connection string to a new, empty database of this test's own."""
    name = _new_database(pg_server)
    yield pg_server.dsn(name)
    _drop_database(pg_server, name)


@pytest.fixture(scope="session")
def pg_migrated_template(pg_server):
    """A database with groupwork's schema, copied for each store test (faster than migrating)."""
    from groupwork.store.postgres import PgStore

    name = _new_database(pg_server)
    PgStore.open(pg_server.dsn(name)).close()
    return name


class _MigratedPool:
    """Migrated databases handed to one test at a time and emptied for the next.

    Copying the template costs ~0.4 s (CREATE DATABASE checkpoints); emptying a used
    database costs a few milliseconds, and the PostgreSQL half of the
    store suite opens hundreds of stores. A database the test changed beyond its rows (the
    agency's roles and policies) is dropped rather than reused.
    """

    def __init__(self, server, template: str) -> None:
        self.server, self.template, self.free = server, template, []
        self.migrations: list[str] | None = None
        """The migrations a fresh copy of the template holds (a test may add one)."""

    def _migrations(self, conn) -> list[str]:
        return [r[0] for r in conn.execute("select name from groupwork_migrations order by name")]

    def take(self) -> str:
        if self.free:
            return self.free.pop()
        name = _new_database(self.server, self.template)
        if self.migrations is None:
            import psycopg

            with psycopg.connect(self.server.dsn(name)) as conn:
                self.migrations = self._migrations(conn)
        return name

    def give_back(self, name: str) -> None:
        import psycopg

        try:
            with psycopg.connect(self.server.dsn(name), autocommit=True) as conn:
                # A connection the test left open would hold its locks: end it first.
                conn.execute(
                    "select pg_terminate_backend(pid) from pg_stat_activity "
                    "where datname = current_database() and pid <> pg_backend_pid()"
                )
                if conn.execute("select to_regclass('agency.group_facilitators')").fetchone()[0]:
                    raise LookupError("an agency database: drop it")
                if self._migrations(conn) != self.migrations:
                    raise LookupError("a test changed its schema's history: drop it")
                tables = [
                    r[0]
                    for r in conn.execute(
                        "select quote_ident(tablename) from pg_tables where schemaname = 'public' "
                        "and tablename <> 'groupwork_migrations'"
                    )
                ]
                # DELETE, not TRUNCATE: a few rows go faster than TRUNCATE's new files; as
                # replica, no foreign-key or audit trigger fires on the way.
                conn.execute("set lock_timeout = '2s'")
                conn.execute("set session_replication_role = replica")
                for table in tables:
                    conn.execute(f"delete from {table}")
        except (LookupError, psycopg.Error):
            _drop_database(self.server, name)
            return
        self.free.append(name)

    def drop_all(self) -> None:
        for name in self.free:
            _drop_database(self.server, name)


@pytest.fixture(scope="session")
def pg_pool(pg_server, pg_migrated_template):
    """The run's pool of migrated databases (see ``_MigratedPool``)."""
    pool = _MigratedPool(pg_server, pg_migrated_template)
    yield pool
    pool.drop_all()


@pytest.fixture
def pg_store_dsn(pg_server, pg_pool):
    """A connection string to a migrated, empty database of this test's own."""
    name = pg_pool.take()
    yield pg_server.dsn(name)
    pg_pool.give_back(name)


@pytest.fixture(scope="session")
def pg_new_database(pg_server, pg_migrated_template):
    """Make migrated databases that live for the whole run (for module-scoped test data)."""
    names: list[str] = []

    def make() -> str:
        names.append(_new_database(pg_server, pg_migrated_template))
        return pg_server.dsn(names[-1])

    yield make
    for name in names:
        _drop_database(pg_server, name)
