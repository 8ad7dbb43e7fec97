"""Who sees what in an agency database, enforced by PostgreSQL: each role connects as itself
and tries to read and write what it must not, through the app and through hand-written SQL."""

from __future__ import annotations

import re
from datetime import date

import psycopg
import pytest
from click.testing import CliRunner
from psycopg.rows import dict_row

from groupwork import i18n
from groupwork import models as m
from groupwork.cli import cli
from groupwork.errors import NotYoursError
from groupwork.store.postgres import PgStore
from groupwork.store.postgres.agency import scram_verifier


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def agency(pg_server, pg_dsn):
    """An agency database: ดาว and พร facilitate a group each, ฝน coordinates, น้ำ administers."""
    name = re.search(r"dbname=(\S+)", pg_dsn).group(1)
    dsn = lambda login: pg_server.dsn(name, user=login)  # noqa: E731
    assert "is ready" in _cli("agency", "init", pg_dsn)
    for login, role in [
        ("dao", "facilitator"),
        ("porn", "facilitator"),
        ("fon", "coordinator"),
        ("nam", "admin"),
    ]:
        _cli("--db", pg_dsn, "agency", "add-user", login, "--role", role)
    groups = {}
    for login, group_name, real in [("dao", "กลุ่มดาว", "สมศรี ดาวเด่น"), ("porn", "กลุ่มพร", "สุข ใจดี")]:
        with PgStore.open(dsn(login)) as store:
            group = store.add(m.Group(name=group_name))
            member = store.add(m.Member(group_id=group.id, real_name=real, pseudonym="M1"))
            store.add(
                m.Assessment(
                    group_id=group.id,
                    member_id=member.id,
                    kind="initial",
                    assessed_on=date(2026, 3, 2),
                    risk="เรื่องส่วนตัว",
                )
            )
            store.add(m.Consent(group_id=group.id, member_id=member.id, given_on=date(2026, 3, 2)))
            session = store.add(m.Session(group_id=group.id, number=1, held_on=date(2026, 3, 2)))
            store.record_turn(m.ParticipationEvent(session_id=session.id, actor_id=member.id))
            store.save(m.Task(group_id=group.id, title="โทรหาคลินิก", assignee_ids=[member.id]))
            groups[login] = group
    return dsn, groups


def _sql(dsn: str):
    return psycopg.connect(dsn, autocommit=True, row_factory=dict_row)


def test_a_facilitator_sees_only_their_groups_through_the_app(agency):
    dsn, groups = agency
    with PgStore.open(dsn("dao")) as store:
        assert [g.name for g in store.groups()] == ["กลุ่มดาว"]
        assert [mb.real_name for mb in store.members(groups["dao"].id)] == ["สมศรี ดาวเด่น"]
        assert store.members(groups["porn"].id) == []
        with pytest.raises(NotYoursError, match="not yours"):
            store.find_group("กลุ่มพร")
        i18n.set_language("th")
        with pytest.raises(NotYoursError, match="ไม่ใช่กลุ่มของคุณ"):
            store.find_group(groups["porn"].id)


def test_the_cli_says_not_yours_in_the_persons_language(agency):
    dsn, _groups = agency
    result = CliRunner().invoke(cli, ["--db", dsn("dao"), "stages", "กลุ่มพร"])
    assert result.exit_code == 1
    assert "not yours" in result.output
    result = CliRunner().invoke(cli, ["--db", dsn("dao"), "--lang", "th", "stages", "กลุ่มพร"])
    assert "ไม่ใช่กลุ่มของคุณ" in result.output


def test_the_server_refuses_a_facilitator_another_group_even_in_handwritten_sql(agency):
    dsn, groups = agency
    other = groups["porn"].id
    with _sql(dsn("dao")) as conn:
        assert {r["group_id"] for r in conn.execute("select group_id from members")} == {
            groups["dao"].id
        }
        assert conn.execute("select * from members where group_id = %s", [other]).fetchall() == []
        assert conn.execute("select * from participation_events").rowcount == 1
        assert conn.execute("select * from task_assignees").rowcount == 1
        assert (
            conn.execute("update members set real_name = 'x' where group_id = %s", [other]).rowcount
            == 0
        )
        assert conn.execute("delete from groups where id = %s", [other]).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "insert into members (id, group_id, pseudonym) values ('m-x', %s, 'M9')", [other]
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("update members set group_id = %s", [other])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "insert into agency.group_facilitators (group_id, login) values (%s, 'dao')",
                [other],
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select * from coordinator.members")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("delete from audit_log")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("set role nam")
    with _sql(dsn("porn")) as conn:  # and พร's group is untouched
        assert conn.execute("select real_name from members").fetchone()["real_name"] == "สุข ใจดี"


def test_a_writing_facilitator_is_refused_through_the_app_too(agency):
    dsn, groups = agency
    with PgStore.open(dsn("dao")) as store:
        with pytest.raises(NotYoursError):
            store.add(m.Member(group_id=groups["porn"].id, real_name="ดาว", pseudonym="M2"))


def test_a_group_can_have_several_facilitators(agency):
    dsn, groups = agency
    _cli(
        "--db",
        dsn("nam"),
        "agency",
        "add-user",
        "porn",
        "--role",
        "facilitator",
        "--group",
        "กลุ่มดาว",
    )
    with PgStore.open(dsn("porn")) as store:
        assert sorted(g.name for g in store.groups()) == ["กลุ่มดาว", "กลุ่มพร"]
        assert store.find_group("กลุ่มดาว").id == groups["dao"].id


def test_a_coordinator_reads_every_group_through_views_without_real_names(agency):
    dsn, groups = agency
    with _sql(dsn("fon")) as conn:
        members = conn.execute("select * from coordinator.members order by group_id").fetchall()
        assert {r["group_id"] for r in members} == {g.id for g in groups.values()}
        # The pseudonym stands in for the real name (the app's lookups by name find it).
        assert all(r["real_name"] == r["pseudonym"] and "notes" not in r for r in members)
        assert (
            conn.execute("select count(*) as n from coordinator.participation_events").fetchone()[
                "n"
            ]
            == 2
        )
        for table in ("members", "assessments", "consents", "groups", "sessions"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"select * from public.{table}")
        for view in ("assessments", "consents", "closure_reflections"):
            # Empty: the app reads nothing there for a coordinator, instead of failing.
            assert conn.execute(f"select * from coordinator.{view}").fetchall() == []
        assert conn.execute("update coordinator.tasks set status = 'done'").rowcount == 2
        with pytest.raises(psycopg.Error):  # the shareable title: not a column to write
            conn.execute("update coordinator.tasks set title = 'x'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("update coordinator.members set pseudonym = 'x'")
    with PgStore.open(dsn("dao")) as store:
        assert [t.status for t in store.tasks(groups["dao"].id)] == [m.TaskStatus.DONE]


def test_an_admin_sees_and_changes_every_group(agency):
    dsn, groups = agency
    with PgStore.open(dsn("nam")) as store:
        assert len(store.groups()) == 2
        assert len(store.group_consents(groups["porn"].id)) == 1


def test_the_audit_log_records_each_login(agency):
    dsn, groups = agency
    with _sql(dsn("nam")) as conn:
        actors = {
            (r["actor"], r["table_name"], r["action"])
            for r in conn.execute("select actor, table_name, action from audit_log")
        }
    assert ("dao", "members", "insert") in actors
    assert ("porn", "assessments", "insert") in actors
    with _sql(dsn("dao")) as conn:  # a facilitator reads their own groups' entries only
        assert {r["group_id"] for r in conn.execute("select group_id from audit_log")} == {
            groups["dao"].id
        }


def test_policies_call_the_group_function_once_per_query(agency, pg_server):
    """Measured through SET ROLE: the function runs in one InitPlan (loops=1), not per row."""
    dsn, groups = agency
    with _sql(dsn("dao")) as conn:
        session = conn.execute("select id from sessions").fetchone()["id"]
        conn.execute(
            "insert into participation_events (id, session_id, actor_id, kind, at) "
            "select 'e' || n, %s, 'facilitator', 'spoke', '2026-03-02T10:00:00' "
            "from generate_series(1, 2000) n",
            [session],
        )
    name = re.search(r"dbname=(\S+)", dsn("dao")).group(1)
    with _sql(pg_server.dsn(name)) as conn:
        conn.execute("set role dao")
        plan = "\n".join(
            r["QUERY PLAN"]
            for r in conn.execute("explain (analyze, costs off) select * from members")
        )
        count = conn.execute("select count(*) as n from participation_events").fetchone()["n"]
    assert count == 2001
    assert "InitPlan" in plan
    assert re.search(r"InitPlan 1.*\n\s*->\s*Result \(actual [^)]*loops=1\)", plan), plan


def test_add_user_sends_a_verifier_never_the_password():
    verifier = scram_verifier("ความลับ", salt=b"0123456789abcdef")
    assert verifier.startswith("SCRAM-SHA-256$4096:MDEyMzQ1Njc4OWFiY2RlZg==$")
    assert "ความลับ" not in verifier
