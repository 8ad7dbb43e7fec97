"""Every main command with ``--db`` naming an agency database on the test server: the same
outputs as on a file, checked against what the server holds afterwards.

(groups, tasks, export/import, status and digest run on both engines in tests/test_cli.py and
tests/test_cli_coordination.py; this module covers the review, sessions, stages and the audit
log, and the file-only commands that must send the person to the server's own tools.)
"""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.demo import DEMO_GROUP_NAME
from groupwork.store.postgres import PgStore

TODAY = date(2026, 11, 21)


def run(dsn: str, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(cli, ["--db", dsn, *args])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.output


@pytest.fixture
def server(pg_store_dsn):
    """An agency database holding the demo group (built by the ``demo`` command)."""
    with time_machine.travel(TODAY, tick=False):
        run(pg_store_dsn, "demo")
    return pg_store_dsn


@pytest.fixture
def small(pg_store_dsn):
    """An agency database with one small group: พร, สุข, and น้ำ who withdrew."""
    with PgStore.open(pg_store_dsn) as store:
        group = store.add(m.Group(name="กลุ่มดาว", start_date=date(2026, 11, 2)))
        for name in ("พร", "สุข"):
            store.add(m.Member(group_id=group.id, real_name=f"นาง{name} ใจดี", pseudonym=name))
        store.add(
            m.Member(group_id=group.id, real_name="นางน้ำ ใสดี", pseudonym="น้ำ", decision="withdrew")
        )
    return pg_store_dsn


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_the_review_is_written_from_the_server(server, tmp_path, fmt):
    out = tmp_path / f"review.{fmt}"
    with time_machine.travel(TODAY, tick=False):
        run(server, "review", DEMO_GROUP_NAME, "--format", fmt, "--out", str(out), "--lang", "th")
    assert out.stat().st_size > 5_000
    if fmt != "docx":
        text = out.read_text(encoding="utf-8")
        assert DEMO_GROUP_NAME in text and "ดาว" in text  # a member, by pseudonym
        with PgStore.open(server) as store:
            group = store.find_group(DEMO_GROUP_NAME)
            real = [x.real_name for x in store.members(group.id) if x.real_name != x.pseudonym]
        assert real and not any(name in text for name in real)


def test_sessions_are_planned_entered_and_cancelled_on_the_server(small):
    run(small, "session", "past", "กลุ่มดาว", "2026-11-09", "--from", "13:00", "--to", "15:00")
    run(small, "session", "plan", "กลุ่มดาว", "2099-01-05", "--at", "14:00")
    run(small, "session", "plan", "กลุ่มดาว", "2099-01-12")
    run(small, "session", "cancel", "กลุ่มดาว", "3", "--reason", "ฝนตกหนัก น้ำท่วมทาง")
    listed = run(small, "session", "list", "กลุ่มดาว")
    assert "ฝนตกหนัก" in listed
    with PgStore.open(small) as store:
        group = store.find_group("กลุ่มดาว")
        sessions = store.sessions(group.id)
    assert [(s.number, s.status) for s in sessions] == [
        (1, "held"),
        (2, "planned"),
        (3, "cancelled"),
    ]
    assert sessions[0].held_on == date(2026, 11, 9) and sessions[2].cancel_reason.startswith("ฝน")


def test_stages_and_the_audit_log_come_from_the_server(small):
    stages = run(small, "stages", "กลุ่มดาว")
    assert stages.count("\n") > 12  # twelve stages, each with its criteria
    with PgStore.open(small) as store:
        login = store.conn.info.user
    log = run(small, "audit", "กลุ่มดาว")
    # Three members added, each by the database login (the server records who, not the app).
    assert log.count("added") == 3 and login in log
    assert "ใจดี" not in log  # columns, never values


def test_status_and_groups_read_the_servers_figures(small):
    out = run(small, "status", "--today", "2026-11-21")
    assert "กลุ่มดาว" in out
    assert "กลุ่มดาว" in run(small, "groups")


@pytest.mark.parametrize(
    "args",
    [("backup",), ("backup", "--list"), ("restore", "--latest", "--yes"), ("encrypt",), ("rekey",)],
)
def test_file_only_commands_point_at_the_servers_tools(small, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GROUPWORK_NEW_PASSPHRASE", "ลับมาก")
    monkeypatch.setenv("GROUPWORK_PASSPHRASE", "ลับมาก")
    out = run(small, *args, code=1)
    assert "agency database on a server" in out and "pg_dump" in out and "pg_restore" in out
    assert len(out.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # no stray file named like the address
    with PgStore.open(small) as store:
        assert [g.name for g in store.groups()] == ["กลุ่มดาว"]  # nothing changed


def test_check_says_the_server_looks_after_its_own_pages(small):
    assert "sound" in run(small, "check")


def test_erase_member_asks_then_erases_on_the_server_and_audit_lists_it(small):
    no = CliRunner().invoke(cli, ["--db", small, "erase-member", "กลุ่มดาว", "พร"], input="n\n")
    assert "Nothing was changed" in no.output
    out = run(small, "erase-member", "กลุ่มดาว", "นางพร ใจดี", "--yes")
    assert "ANON-" in out and "Traceback" not in out
    with PgStore.open(small) as store:
        group = store.find_group("กลุ่มดาว")
        names = [x.real_name for x in store.members(group.id)]
    assert "นางพร ใจดี" not in names and any(n.startswith("ANON-") for n in names)
    audit = run(small, "audit", "กลุ่มดาว")
    assert "erased" in audit and "ใจดี" not in audit
