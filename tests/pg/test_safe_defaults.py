"""Safe defaults on an agency server, as a person meets them through the command line: each
refusal is a sentence in their language, exit status 1, no traceback, nothing changed
(issue 13, item 5). A journal a recording left behind is sent, and the person told."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.store.journal import EventJournal
from groupwork.store.postgres import PgStore


def _run(location: str, lang: str = "en"):
    result = CliRunner().invoke(cli, ["--lang", lang, "--db", location, "groups"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output


@pytest.fixture
def newer_schema(pg_store_dsn):
    with psycopg.connect(pg_store_dsn, autocommit=True) as conn:
        conn.execute("INSERT INTO groupwork_migrations (name) VALUES ('p999_from_the_future')")
    return pg_store_dsn


def test_an_unreachable_server_through_the_cli(tmp_path):
    # A socket folder with no server in it: nothing answers.
    assert "cannot be reached" in _run(f"host={tmp_path} dbname=groupwork")
    assert "ติดต่อ" in _run(f"host={tmp_path} dbname=groupwork", "th")


def test_a_refused_login_through_the_cli(pg_server):
    assert "refused the login" in _run(pg_server.dsn(user="nobody_here"))
    assert "pgpass" in _run(pg_server.dsn(user="nobody_here"), "th")


def test_a_schema_newer_than_the_app_through_the_cli(newer_schema):
    output = _run(newer_schema)
    assert "newer version of groupwork" in output and "p999_from_the_future" in output
    assert "p999_from_the_future" in _run(newer_schema, "th")
    with psycopg.connect(newer_schema) as conn:  # nothing was migrated or changed
        assert conn.execute("SELECT count(*) FROM groups").fetchone()[0] == 0


@pytest.mark.parametrize(
    "location",
    [
        "postgresql://office.example/groupwork?sslmode=disable",
        "host=10.0.0.5 dbname=groupwork sslmode=prefer",
    ],
)
def test_an_unencrypted_remote_server_is_refused_through_the_cli(location):
    output = _run(location)
    assert "only encrypted" in output
    assert "sslmode" in _run(location, "th")


@pytest.mark.parametrize(
    "location",
    [
        "postgresql://dao:secret@office.example/groupwork",
        "host=office.example dbname=groupwork user=dao password=secret",
    ],
)
def test_a_password_on_the_command_line_is_refused(location):
    output = _run(location)
    assert "pgpass" in output and "PGPASSWORD" in output
    assert "secret" not in output
    assert "secret" not in _run(location, "th")


def test_a_journal_left_by_a_recording_is_sent_and_the_person_told(pg_store_dsn):
    with PgStore.open(pg_store_dsn) as store:
        group = store.add(m.Group(name="กลุ่มน้ำ"))
        session = store.add(m.Session(group_id=group.id, number=1, held_on=date(2026, 3, 2)))
        journal = store.event_journal()
    kept = m.ParticipationEvent(session_id=session.id, actor_id=m.FACILITATOR)
    EventJournal(journal.path).append(kept)
    result = CliRunner().invoke(cli, ["--lang", "en", "--db", pg_store_dsn, "groups"])
    assert result.exit_code == 0, result.output
    assert "1 events recorded while the agency database could not be reached" in result.output
    assert not journal.path.exists()
    with PgStore.open(pg_store_dsn) as store:
        assert [e.id for e in store.participation(session.id)] == [kept.id]
