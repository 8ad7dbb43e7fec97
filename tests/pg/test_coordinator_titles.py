"""The coordinator reads no typed name (issue 18): titles reach its views in their shareable
form, and what it may write to a task is checked by the server."""

from __future__ import annotations

import json

import psycopg
import pytest
from click.testing import CliRunner
from psycopg.rows import dict_row

from groupwork import models as m
from groupwork.cli import cli
from groupwork.store.postgres import PgStore
from tests.pg.test_agency import agency  # noqa: F401  (the fixture)


def _sql(dsn: str):
    return psycopg.connect(dsn, autocommit=True, row_factory=dict_row)


def test_titles_holding_a_name_reach_the_coordinator_with_the_pseudonym(agency):  # noqa: F811
    dsn, groups = agency
    group_id = groups["dao"].id
    with PgStore.open(dsn("dao")) as store:
        store.add(m.Member(group_id=group_id, real_name="แดง ใจดี", pseudonym="M2"))
        store.save(m.Task(group_id=group_id, title="นัดเยี่ยมบ้านคุณแดง"))
        store.save(m.Goal(group_id=group_id, title="แดง หางานได้"))
        # A member who joins after the task was written is caught too.
        task = store.save(m.Task(group_id=group_id, title="โทรหาแม่ของคุณเดือน"))
        store.add(m.Member(group_id=group_id, real_name="เดือน", pseudonym="M3"))
        assert store.get(m.Task, task.id).title == "โทรหาแม่ของคุณเดือน"  # the facilitator's
    with _sql(dsn("fon")) as conn:
        titles = {r["title"] for r in conn.execute("select title from coordinator.tasks")}
        goals = {r["title"] for r in conn.execute("select title from coordinator.goals")}
    assert {"นัดเยี่ยมบ้านคุณM2", "โทรหาแม่ของคุณM3"} <= titles
    assert goals == {"M2 หางานได้"}
    with PgStore.open(dsn("dao")) as store:
        store.save(store.get(m.Group, group_id).model_copy(update={"name": "กลุ่มบ้านคุณแดง"}))
    with _sql(dsn("fon")) as conn:
        names = {r["name"] for r in conn.execute("select name from coordinator.groups")}
    assert "กลุ่มบ้านคุณM2" in names and not any("แดง" in n for n in names)
    result = CliRunner().invoke(cli, ["--lang", "en", "--db", dsn("fon"), "tasks", "--json"])
    assert result.exit_code == 0, result.output
    shown = json.dumps(json.loads(result.output), ensure_ascii=False)
    assert "แดง" not in shown and "เดือน" not in shown and "นัดเยี่ยมบ้านคุณM2" in shown
    _a_link_and_a_withdrawal_reach_the_coordinator(dsn, group_id)


def _a_link_and_a_withdrawal_reach_the_coordinator(dsn, group_id: str) -> None:
    """A linked person shows by role; a withdrawn member's words go, under her pseudonym too."""
    from datetime import date

    from groupwork.privacy import links

    with PgStore.open(dsn("dao")) as store:
        headman = store.add(m.PersonAround(group_id=group_id, real_name="เสือ", role="กำนัน"))
        store.save(m.Task(group_id=group_id, title="โทรหา" + links.token("p", headman.id, "เสือ")))
        pen = store.add(m.Member(group_id=group_id, real_name="เพ็ญ ศรีเมือง", pseudonym="M4"))
        store.save(m.Task(group_id=group_id, title="M4 ขอยืมเงินกองทุน"))
        store.add(
            m.Consent(
                group_id=group_id,
                member_id=pen.id,
                given_on=date(2026, 1, 5),
                withdrawn_on=date(2026, 2, 1),
            )
        )
    with _sql(dsn("fon")) as conn:
        titles = {r["title"] for r in conn.execute("select title from coordinator.tasks")}
    assert "โทรหา กำนัน" in titles
    assert not any("เสือ" in t or "ขอยืมเงิน" in t for t in titles), titles


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("status", "bogus"),
        ("done_on", "not-a-date"),
        ("done_on", "2026-02-30"),
        ("updated_at", "yesterday"),
    ],
)
def test_the_server_refuses_a_coordinators_invalid_task_write(agency, column, value):  # noqa: F811
    dsn, groups = agency
    with _sql(dsn("fon")) as conn, pytest.raises(psycopg.errors.CheckViolation, match=column):
        conn.execute(f"update coordinator.tasks set {column} = %s", [value])
    result = CliRunner().invoke(cli, ["--lang", "en", "--db", dsn("dao"), "tasks"])
    assert result.exit_code == 0 and "โทรหาคลินิก" in result.output


def test_a_done_session_must_be_of_the_tasks_own_group(agency):  # noqa: F811
    dsn, groups = agency
    with PgStore.open(dsn("porn")) as store:
        (other_session,) = store.sessions(groups["porn"].id)
    with PgStore.open(dsn("dao")) as store:
        (own_session,) = store.sessions(groups["dao"].id)
    with _sql(dsn("fon")) as conn:
        with pytest.raises(psycopg.errors.CheckViolation, match="done_session_id"):
            conn.execute(
                "update coordinator.tasks set done_session_id = %s where group_id = %s",
                [other_session.id, groups["dao"].id],
            )
        conn.execute(
            "update coordinator.tasks set status = 'done', done_on = '2026-03-09', "
            "done_session_id = %s where group_id = %s",
            [own_session.id, groups["dao"].id],
        )
    with PgStore.open(dsn("dao")) as store:
        (task,) = store.tasks(groups["dao"].id)
    assert task.done_session_id == own_session.id


def test_the_app_says_in_words_when_the_server_refuses_a_coordinators_write(agency):  # noqa: F811
    from groupwork.errors import GroupworkError

    dsn, groups = agency
    with PgStore.open(dsn("porn")) as store:
        (other_session,) = store.sessions(groups["porn"].id)
    with PgStore.open(dsn("fon")) as store:
        (task,) = store.tasks(groups["dao"].id)
        with pytest.raises(GroupworkError, match="does not fit.*done_session_id"):
            store.save(task.model_copy(update={"done_session_id": other_session.id}))


def test_rows_kept_before_p020_are_filled_by_its_python_step(agency, pg_dsn):  # noqa: F811
    from groupwork.store.postgres.schema import AFTER_SQL

    dsn, groups = agency
    with _sql(pg_dsn) as conn:
        conn.execute("update tasks set title_shared = null")
        conn.execute("update groups set name_shared = null")
        AFTER_SQL["p020_title_shared_task_checks"](conn)
        shared = {r["title_shared"] for r in conn.execute("select title_shared from tasks")}
        names = {r["name_shared"] for r in conn.execute("select name_shared from groups")}
    assert shared == {"โทรหาคลินิก"} and names == {"กลุ่มดาว", "กลุ่มพร"}
