"""The PostgreSQL engine as the app meets it: routing by location, safe connection defaults,
clear failures, commits a second connection sees at once, and the audit log's login."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from groupwork import models as m
from groupwork import paths
from groupwork.cli import cli
from groupwork.errors import GroupworkError, StorageError
from groupwork.store import Repository, open_store
from groupwork.store.postgres import PgStore
from groupwork.store.postgres.connection import safe_conninfo


def test_the_postgres_store_implements_the_repository(pg_store_dsn):
    with PgStore.open(pg_store_dsn) as store:
        assert isinstance(store, Repository)
        missing = [n for n in dir(Repository) if not n.startswith("_") and not hasattr(store, n)]
        assert missing == []


@pytest.mark.parametrize(
    "location",
    [
        "postgresql://office.example/groupwork",
        "postgres://h/db",
        "service=province",
        "host=/s dbname=x",
    ],
)
def test_server_locations_stay_text_and_files_become_paths(location, monkeypatch):
    assert paths.database_path(location) == location
    monkeypatch.setenv("GROUPWORK_DB", location)
    assert paths.database_path() == location
    assert paths.database_path("~/groupwork.db") == Path("~/groupwork.db").expanduser()


def test_the_cli_and_groupwork_db_open_the_agency_database(pg_store_dsn, monkeypatch):
    with PgStore.open(pg_store_dsn) as store:
        store.add(m.Group(name="กลุ่มดาว"))
    result = CliRunner().invoke(cli, ["--db", pg_store_dsn, "groups"])
    assert result.exit_code == 0, result.output
    assert "กลุ่มดาว" in result.output
    monkeypatch.setenv("GROUPWORK_DB", pg_store_dsn)
    result = CliRunner().invoke(cli, ["groups"])
    assert "กลุ่มดาว" in result.output


def test_open_store_picks_the_engine_by_location(pg_store_dsn, tmp_path):
    with open_store(pg_store_dsn) as pg:
        assert type(pg) is PgStore
    with open_store(tmp_path / "x.db") as lite:
        assert type(lite).__name__ == "Store"


def test_sqlite_never_imports_psycopg(tmp_path):
    code = (
        "import sys; from groupwork.store import open_store; "
        f"open_store({str(tmp_path / 'y.db')!r}).close(); "
        "assert 'psycopg' not in sys.modules, 'psycopg imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_password_in_the_location_is_refused():
    with pytest.raises(GroupworkError, match="pgpass"):
        safe_conninfo("postgresql://dao:secret@office.example/groupwork")


def test_a_remote_host_gets_tls_and_a_local_socket_does_not():
    assert "sslmode=require" in safe_conninfo("postgresql://office.example/groupwork")
    assert "sslmode" not in safe_conninfo("host=/run/postgresql dbname=groupwork")
    assert "sslmode=verify-full" in safe_conninfo("host=office.example sslmode=verify-full")
    with pytest.raises(GroupworkError, match="only encrypted"):
        safe_conninfo("host=office.example sslmode=disable")


def test_an_unreachable_server_says_so(tmp_path):
    with pytest.raises(StorageError, match="cannot be reached"):
        PgStore.open(f"host={tmp_path} dbname=groupwork")


def test_a_refused_login_says_so(pg_server):
    with pytest.raises(StorageError, match="refused the login"):
        PgStore.open(pg_server.dsn(user="nobody_here"))


def test_every_write_is_visible_to_a_second_connection_at_once(pg_store_dsn):
    with PgStore.open(pg_store_dsn) as writer, PgStore.open(pg_store_dsn) as reader:
        group = writer.add(m.Group(name="สุข"))
        session = writer.add(m.Session(group_id=group.id, number=1, held_on=date(2026, 3, 2)))
        event = writer.record_turn(
            m.ParticipationEvent(session_id=session.id, actor_id=m.FACILITATOR)
        )
        assert reader.participation(session.id) == [event]


def test_a_failed_transaction_leaves_nothing(pg_store_dsn):
    with PgStore.open(pg_store_dsn) as store:
        with pytest.raises(GroupworkError), store.transaction():
            group = store.add(m.Group(name="ฝน"))
            store.add(m.Member(group_id="no-such-group", real_name="ดาว", pseudonym="M1"))
        assert store.groups() == []
        assert group.name == "ฝน"


def test_the_audit_log_names_the_database_login_and_the_changed_columns(pg_store_dsn):
    with PgStore.open(pg_store_dsn) as store:
        group = store.add(m.Group(name="น้ำ"))
        member = store.add(m.Member(group_id=group.id, real_name="พร", pseudonym="M1"))
        store.save(member.model_copy(update={"real_name": "พร ใจดี"}))
        rows = store.conn.execute(
            "select actor, action, columns from audit_log order by id"
        ).fetchall()
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            store.conn.execute("delete from audit_log")
    assert [(r["action"], r["columns"]) for r in rows] == [("insert", ""), ("update", "real_name")]
    assert {r["actor"] for r in rows} == {"groupwork_admin"}


def test_erasing_a_member_on_the_server_leaves_no_name_and_an_audit_entry(pg_store_dsn):
    from groupwork.safety.erasure import erase_member

    with PgStore.open(pg_store_dsn) as store:
        group = store.add(m.Group(name="พร"))
        member = store.add(m.Member(group_id=group.id, real_name="สมศรี ดาวเด่น", pseudonym="M1"))
        store.add(m.Consent(group_id=group.id, member_id=member.id, given_on=date(2026, 3, 2)))
        store.add(m.GroundRule(group_id=group.id, text="ฟังสมศรี ดาวเด่น ให้จบก่อน"))
        result = erase_member(store, member.id)
        assert result.fully_purged
        assert store.get(m.Member, member.id).real_name == result.code
        assert store.consents(member.id) == []
        assert "สมศรี" not in store.ground_rules(group.id)[0].text
        actions = [(e.action, e.actor) for e in store.audit_entries(group.id)]
    assert ("erase", "groupwork_admin") in actions


def test_file_only_commands_refuse_a_server_database(pg_store_dsn, tmp_path, monkeypatch):
    from groupwork.store import Store

    with pytest.raises(StorageError, match="agency database on a server"):
        Store.open(pg_store_dsn)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("GROUPWORK_NEW_PASSPHRASE", "ลับมาก")
    result = CliRunner().invoke(cli, ["--db", pg_store_dsn, "encrypt"])
    assert result.exit_code == 1
    assert "agency database on a server" in result.output
    assert list(work.iterdir()) == []  # no stray SQLite file named like the address


def test_the_servers_own_checks_stand_in_for_sqlites(pg_store_dsn):
    with PgStore.open(pg_store_dsn) as store:
        assert store.quick_problems() == store.foreign_key_problems() == []
        assert store.integrity_problems() == []
        store.analyze()
