"""The agency server's change mark (p092, ``store/postgres/change_notices.py``): home reads again
after any login writes a group, a session or a task, and only then; a mark that cannot be
trusted is None (home reads every time), never an unchanged value.

Each login connects as docs/agency.md sets them up (``red_agency``): facilitators dao and porn,
coordinator fon, admin nam; what the attacker types goes through psycopg as psql would send it.
"""

from __future__ import annotations

import time
from datetime import date

import pytest

from groupwork import models as m
from groupwork.store.postgres import PgStore
from groupwork.store.postgres.change_notices import CHANNEL

TODAY = date(2026, 12, 5)


def _changed_from(store: PgStore, mark, seconds: float = 5.0):
    """The store's next mark different from ``mark`` (another login's notice comes when that
    login commits, through the server: a few milliseconds), or ``mark`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    now = store.change_mark()
    while now == mark and time.monotonic() < deadline:
        time.sleep(0.01)
        now = store.change_mark()
    return now


def _quiet(store: PgStore):
    """The mark once it stays the same for a moment (notices of earlier writes have come)."""
    mark = store.change_mark()
    while True:
        time.sleep(0.2)
        again = store.change_mark()
        if again == mark:
            return mark
        mark = again


def test_home_reads_again_after_any_logins_write_and_not_after_reads(red_agency):
    with PgStore.open(red_agency.dsn("dao")) as dao, PgStore.open(red_agency.dsn("porn")) as porn:
        group = red_agency.groups["dao"]
        mark = _quiet(dao)
        assert mark is not None
        # Reads, its own and another login's, change nothing.
        dao.home_groups(TODAY)
        dao.groups()
        porn.home_groups(TODAY)
        porn.tasks(red_agency.groups["porn"].id)
        time.sleep(0.3)
        assert dao.change_mark() == mark
        # Its own write: the notice comes back on its own connection.
        dao.save(m.Task(group_id=group.id, title="โทรหาป้าบัว", due_on=date(2026, 12, 1)))
        assert _changed_from(dao, mark) != mark
        # Another facilitator's write, to a group dao cannot read: the mark moves too (it
        # says only that something changed; dao's home then reads and finds its own rows).
        mark = _quiet(dao)
        porn.add(m.Session(group_id=red_agency.groups["porn"].id, number=2, held_on=TODAY))
        assert _changed_from(dao, mark) != mark
        # A coordinator's write through its views, and an admin's to a group's name.
        mark = _quiet(dao)
        with red_agency.sql("fon") as fon:
            fon.execute(
                "update coordinator.tasks set status = 'done', done_on = %s where group_id = %s",
                [TODAY.isoformat(), group.id],
            )
        assert _changed_from(dao, mark) != mark
        mark = _quiet(dao)
        with PgStore.open(red_agency.dsn("nam")) as nam:
            nam.save(nam.get(m.Group, group.id).model_copy(update={"name": "กลุ่มดาวเหนือ"}))
        assert _changed_from(dao, mark) != mark
        # What the read then finds is the write.
        assert [g.name for g in dao.home_groups(TODAY)] == ["กลุ่มดาวเหนือ"]


def test_a_write_the_mark_does_not_follow_leaves_it_alone(red_agency):
    """What the recorder writes while the group talks (turns, attendance, a facilitator's
    note) is not in home's figures: no notice, so no recorder's commit waits for another's."""
    with PgStore.open(red_agency.dsn("dao")) as dao:
        session, member = red_agency.sessions["dao"], red_agency.members["dao"]
        mark = _quiet(dao)
        dao.record_turn(m.ParticipationEvent(session_id=session.id, actor_id=member.id))
        dao.add(m.GroupMark(session_id=session.id, kind="conflict", notes="ป้าบัวเถียงกับลุงมา"))
        marked = dao.attendance(session.id)[0]
        dao.save(marked.model_copy(update={"status": m.AttendanceStatus.PRESENT, "reason": None}))
        time.sleep(0.3)
        assert dao.change_mark() == mark


def test_a_notice_sent_by_hand_only_makes_home_read_again(red_agency_temp):
    """Any login that may connect may notify the channel (NOTIFY needs no right): the worst it
    does is make home read again."""
    red_agency = red_agency_temp
    with PgStore.open(red_agency.dsn("dao")) as dao:
        mark = _quiet(dao)
        with red_agency.sql("plain") as plain:
            plain.execute(f"notify {CHANNEL}")
        assert _changed_from(dao, mark) != mark
        assert [g.name for g in dao.home_groups(TODAY)] == ["กลุ่มdao"]


@pytest.mark.parametrize("search_path", ["pg_temp, public", "public, pg_temp"])
def test_a_temporary_function_does_not_stand_in_for_the_notice(red_agency_temp, search_path):
    """A login's own pg_notify in pg_temp or public is not what the trigger calls: the trigger
    names pg_catalog's and has an empty search path, so every app still hears the write."""
    agency = red_agency_temp
    with PgStore.open(agency.dsn("dao")) as dao, agency.sql("porn") as porn:
        mark = _quiet(dao)
        porn.execute("create temporary table scratch (x int)")  # makes porn's pg_temp
        porn.execute(f"set search_path = {search_path}")
        porn.execute(
            "create function pg_temp.pg_notify(text, text) returns void "
            "language sql as 'select null'"
        )
        # public: init took CREATE from everyone; as a careless server may still give it.
        with agency.superuser() as conn:
            conn.execute("grant create on schema public to porn")
        porn.execute(
            "create function public.pg_notify(text, text) returns void "
            "language sql as 'select null'"
        )
        porn.execute(
            "insert into public.tasks (id, group_id, title, status) "
            "values ('t-by-hand', %s, 'ส่งเอกสาร', 'open')",
            [agency.groups["porn"].id],
        )
        assert _changed_from(dao, mark) != mark


@pytest.mark.parametrize(
    ("function", "trigger"),
    [
        ("groupwork_note_change", "tasks_changed"),  # p092's notices
        ("groupwork_note_home_change", "tasks_home_update"),  # p093's list of own writes
    ],
)
def test_the_trigger_functions_run_as_the_writer_and_no_login_may_replace_them(
    red_agency, function, trigger
):
    with red_agency.superuser() as conn:
        row = conn.execute(
            "select p.prosecdef as definer, p.proconfig as config, "
            "has_function_privilege('public', p.oid, 'EXECUTE') as public_may, "
            "pg_get_userbyid(p.proowner) as owner "
            "from pg_proc p where p.proname = %s",
            [function],
        ).fetchone()
    assert row == {
        "definer": False,
        "config": ['search_path=""'],
        "public_may": False,
        "owner": "gw_owner",
    }
    for login in ("dao", "fon", "nam"):
        with red_agency.sql(login) as conn:
            with pytest.raises(Exception, match="must be owner|permission denied"):
                conn.execute(
                    f"create or replace function public.{function}() returns trigger "
                    "language plpgsql as 'begin return null; end'"
                )
            with pytest.raises(Exception, match="must be owner|permission denied"):
                conn.execute(f"alter table public.tasks disable trigger {trigger}")


def test_without_the_servers_triggers_there_is_no_mark(red_agency):
    """A server whose triggers were dropped or disabled (by its superuser) sends no notice:
    the mark is None, so home reads every time rather than trusting silence."""
    with red_agency.superuser() as conn:
        conn.execute("alter table public.sessions disable trigger sessions_changed")
    with PgStore.open(red_agency.dsn("dao")) as dao:
        assert dao.change_mark() is None
        assert dao.change_mark() is None  # asked once per connection, then remembered
        # Its LISTEN went with the check, in one round trip: taken back at once.
        assert dao.conn.execute("select pg_listening_channels() as c").fetchall() == []
    with red_agency.superuser() as conn:
        conn.execute("alter table public.sessions enable trigger sessions_changed")
        conn.execute("drop trigger tasks_changed on public.tasks")
    with PgStore.open(red_agency.dsn("dao")) as dao:
        assert dao.change_mark() is None


def test_a_new_connection_never_repeats_an_old_mark(red_agency):
    """The server dropped the connection: the store connects again and listens afresh; a mark
    taken on the old connection never equals one of the new (notices sent in between were not
    heard)."""
    with PgStore.open(red_agency.dsn("dao")) as dao:
        mark = _quiet(dao)
        pid = dao.conn.info.backend_pid
        with red_agency.superuser() as conn:
            conn.execute("select pg_terminate_backend(%s)", [pid])
        time.sleep(0.2)
        assert dao.change_mark() is None  # the connection is gone: read (and reconnect)
        dao.groups()  # the store connects again
        again = dao.change_mark()
        assert again is not None
        assert again != mark


def test_no_listening_inside_a_transaction_another_thread_has_open(red_agency):
    """A LISTEN sent inside an open transaction would end with it if it rolled back: the mark
    is None until the connection is between transactions, then it listens."""
    with PgStore.open(red_agency.dsn("dao")) as dao:
        with pytest.raises(RuntimeError), dao.conn.transaction():
            dao.groups()
            assert dao.change_mark() is None
            listening = dao.conn.execute("select pg_listening_channels() as c").fetchall()
            assert listening == []
            raise RuntimeError("rolled back")
        mark = _quiet(dao)
        assert mark is not None
        channels = dao.conn.execute("select pg_listening_channels() as c").fetchall()
        assert channels == [{"c": CHANNEL}]
        dao.save(m.Task(group_id=red_agency.groups["dao"].id, title="นัดอสม.มาเยี่ยม"))
        assert _changed_from(dao, mark) != mark
