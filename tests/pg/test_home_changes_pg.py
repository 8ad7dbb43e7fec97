"""Which groups a connection's own writes changed, on the agency server (p093,
``PgChangeNotices.home_changes_since``): listed in its own session only, committed writes
only; a write by any other connection makes the answer None (home reads everything). The
list function's rights: ``test_change_notices.py``, with p092's.

Each login connects as docs/agency.md sets them up (``red_agency``): facilitators dao and porn,
coordinator fon, admin nam; what the attacker types goes through psycopg as psql would send it.
"""

from __future__ import annotations

from datetime import date

import pytest

from groupwork import models as m
from groupwork.store.home_list import HOME_CHANGES_ALL
from groupwork.store.postgres import PgStore
from groupwork.store.postgres.change_notices import CHANNEL, SETTING
from tests.pg.test_change_notices import _quiet

TODAY = date(2026, 12, 6)


def _baseline(store: PgStore):
    """As home takes it before a whole read: the notices so far heard, then the value."""
    assert _quiet(store) is not None
    found = store.home_changes_since(None)
    assert found is not None and found[1] == frozenset()
    return found[0]


def _after(store: PgStore, seen, write) -> frozenset[str] | None:
    """What home would read after ``write()``: the groups listed since ``seen``, or None."""
    write()
    _quiet(store)  # the write's own notice has come back (home takes the mark first)
    found = store.home_changes_since(seen)
    return None if found is None else found[1]


def test_own_writes_to_what_home_shows_are_listed_and_nothing_else(red_agency):
    group, session = red_agency.groups["dao"], red_agency.sessions["dao"]
    member = red_agency.members["dao"]
    with PgStore.open(red_agency.dsn("dao")) as dao:
        seen = _baseline(dao)
        task = m.Task(group_id=group.id, title="โทรหาป้าบัว", due_on=TODAY)
        assert _after(dao, seen, lambda: dao.add(task)) == {group.id}
        assert dao.home_changes_since(seen) == (seen, frozenset())  # read once, emptied
        assert (
            _after(dao, seen, lambda: dao.save(task.model_copy(update={"title": "May"}))) == set()
        )
        done = task.model_copy(update={"status": m.TaskStatus.DONE})
        assert _after(dao, seen, lambda: dao.save(done)) == {group.id}
        # What the recorder writes while the group talks: nothing home shows.
        turn = m.ParticipationEvent(session_id=session.id, actor_id=member.id)
        assert _after(dao, seen, lambda: dao.record_turn(turn)) == set()
        notes = session.model_copy(update={"notes": "ป้าบัวเล่าเรื่องลูก"})
        assert _after(dao, seen, lambda: dao.save(notes)) == set()
        second = m.Session(group_id=group.id, number=2, held_on=TODAY)
        assert _after(dao, seen, lambda: dao.add(second)) == {group.id}
        renamed = dao.get(m.Group, group.id).model_copy(update={"name": "กลุ่มดาวเหนือ"})
        assert _after(dao, seen, lambda: dao.save(renamed)) == {group.id}


def test_a_rolled_back_write_is_not_listed(red_agency):
    group = red_agency.groups["dao"]
    with PgStore.open(red_agency.dsn("dao")) as dao:
        seen = _baseline(dao)
        with pytest.raises(RuntimeError), dao.transaction():
            dao.add(m.Task(group_id=group.id, title="ไปหาผู้ใหญ่บ้าน", due_on=TODAY))
            # Inside the transaction its list may yet be taken back: no answer.
            assert dao.home_changes_since(seen) is None
            raise RuntimeError("rolled back")
        assert dao.home_changes_since(seen) == (seen, frozenset())


def test_any_other_connections_write_makes_home_read_everything(red_agency_temp):
    agency = red_agency_temp
    with (
        PgStore.open(agency.dsn("dao")) as dao,
        PgStore.open(agency.dsn("porn")) as porn,
        PgStore.open(agency.dsn("dao")) as dao_again,  # the same login, another window
    ):
        group = agency.groups["dao"]
        writes = [
            lambda: porn.add(m.Task(group_id=agency.groups["porn"].id, title="Will")),
            lambda: dao_again.add(m.Task(group_id=group.id, title="นัดอสม.มาเยี่ยม")),
        ]
        for write in writes:
            seen = _baseline(dao)
            assert _after(dao, seen, write) is None
        # A notice sent by hand by a login with no role: read everything too.
        seen = _baseline(dao)
        with agency.sql("plain") as plain:
            assert _after(dao, seen, lambda: plain.execute(f"notify {CHANNEL}")) is None
        # Its own write and another's together: everything (the list holds only its own).
        seen = _baseline(dao)

        def both() -> None:
            dao.add(m.Task(group_id=group.id, title="โทรหาป้า"))
            dao_again.add(m.Task(group_id=group.id, title="ส่งเอกสาร"))

        assert _after(dao, seen, both) is None


def test_a_deleted_group_or_a_long_list_means_everything(red_agency):
    with PgStore.open(red_agency.dsn("nam")) as nam:
        seen = _baseline(nam)
        short = nam.add(m.Group(name="May"))
        _quiet(nam)
        assert nam.home_changes_since(seen) == (seen, {short.id})
        assert _after(nam, seen, lambda: nam.delete(m.Group, short.id)) == {HOME_CHANGES_ALL}
        # A hundred groups listed: the list stops growing and says "everything".
        ids = ",".join(f"g{n}" for n in range(100))
        nam.conn.execute(f"select pg_catalog.set_config('{SETTING}', %s, false)", [ids])
        group = red_agency.groups["dao"]
        write = lambda: nam.add(m.Task(group_id=group.id, title="ป้าบัว"))  # noqa: E731
        assert _after(nam, seen, write) == {HOME_CHANGES_ALL}


def test_another_login_cannot_read_or_set_a_sessions_list(red_agency_temp):
    """The list is a setting of the writer's own session: another login's session has its own
    (empty), and what it sets there, or the functions it makes, reach only itself."""
    agency = red_agency_temp
    group = agency.groups["dao"]
    with PgStore.open(agency.dsn("dao")) as dao, agency.sql("porn") as porn:
        seen = _baseline(dao)
        dao.add(m.Task(group_id=group.id, title="โทรหาป้าบัว", due_on=TODAY))
        listed = porn.execute(f"select current_setting('{SETTING}', true) as s").fetchone()["s"]
        assert listed in (None, "")
        # porn's own look-alikes in pg_temp and public, first on its search path: its writes
        # are still listed in its own session by pg_catalog's functions.
        porn.execute("create temporary table scratch (x int)")
        porn.execute("set search_path = pg_temp, public")
        for schema in ("pg_temp", "public"):
            if schema == "public":
                with agency.superuser() as conn:
                    conn.execute("grant create on schema public to porn")
            porn.execute(
                f"create function {schema}.set_config(text, text, boolean) returns text "
                "language sql as 'select null::text'"
            )
        porn.execute(
            "insert into public.tasks (id, group_id, title, status) "
            "values ('t-by-hand', %s, 'ส่งเอกสาร', 'open')",
            [agency.groups["porn"].id],
        )
        listed = porn.execute(
            f"select pg_catalog.current_setting('{SETTING}', true) as s"
        ).fetchone()["s"]
        assert listed == agency.groups["porn"].id
        _quiet(dao)
        assert dao.home_changes_since(seen) is None  # porn's write: dao reads everything


def test_without_the_list_triggers_there_is_no_answer(red_agency):
    """A server with p092's notices but a list trigger disabled: home still has its mark, and
    reads everything after any write."""
    with red_agency.superuser() as conn:
        conn.execute("alter table public.tasks disable trigger tasks_home_insert_delete")
    with PgStore.open(red_agency.dsn("dao")) as dao:
        assert dao.change_mark() is not None
        assert dao.home_changes_since(None) is None
