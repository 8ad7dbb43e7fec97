"""Which groups' home rows a write touched (``store/home_changes.py``): every write to what home
shows of a group is numbered afresh, by any connection; a write to anything else is not."""

from __future__ import annotations

from datetime import date

import pytest

from groupwork import models as m
from groupwork.enums import AttendanceStatus, GroupStatus, SessionStatus, TaskStatus
from groupwork.store import Store
from groupwork.store.home_changes import HOME_CHANGES_ALL

DAY = date(2026, 12, 6)


@pytest.fixture
def store(db_path):
    with Store.open(db_path) as store:
        yield store


def changed_since(store, seen: int) -> frozenset[str]:
    found = store.home_changes_since(seen)
    assert found is not None
    return found[1]


def latest(store) -> int:
    return store.home_changes_since(None)[0]


def test_what_home_shows_of_a_group_is_numbered_and_nothing_else(store, db_path):
    dao = store.add(m.Group(name="กลุ่มดาว"))
    fah = store.add(m.Group(name="ฟ้า"))
    assert store.home_changes_since(None) == (latest(store), frozenset())

    def after(write) -> frozenset[str]:
        seen = latest(store)
        write()
        return changed_since(store, seen)

    assert after(lambda: store.save(dao.model_copy(update={"name": "กลุ่มดาวเหนือ"}))) == {dao.id}
    assert after(lambda: store.save(dao.model_copy(update={"current_stage": 3}))) == {dao.id}
    assert after(lambda: store.save(fah.model_copy(update={"status": GroupStatus.CLOSED}))) == {
        fah.id
    }
    # The group saved as it is, or with a field home does not show: nothing to read.
    assert after(lambda: store.save(store.get(m.Group, dao.id))) == set()
    assert after(lambda: store.save(fah.model_copy(update={"status": GroupStatus.CLOSED}))) == set()

    session = m.Session(group_id=dao.id, number=1, held_on=DAY)
    assert after(lambda: store.add(session)) == {dao.id}
    assert after(lambda: store.save(session.model_copy(update={"held_on": date(2026, 12, 13)})))
    assert after(lambda: store.save(session.model_copy(update={"status": SessionStatus.HELD}))) == {
        dao.id
    }
    held = store.get(m.Session, session.id)
    assert after(lambda: store.save(held.model_copy(update={"notes": "ป้าบัวเล่าเรื่องลูก"}))) == set()
    bua = m.Member(group_id=dao.id, real_name="บัว", pseudonym="สมาชิก 1")
    assert after(lambda: store.add(bua)) == set()
    came = m.Attendance(session_id=session.id, member_id=bua.id, status=AttendanceStatus.PRESENT)
    assert after(lambda: store.add(came)) == set()

    task = m.Task(group_id=dao.id, title="โทรหาป้าบัว", due_on=DAY)
    assert after(lambda: store.add(task)) == {dao.id}
    assert after(lambda: store.save(task.model_copy(update={"title": "ไปหาผู้ใหญ่บ้าน"}))) == set()
    assert after(lambda: store.save(task.model_copy(update={"status": TaskStatus.DONE}))) == {
        dao.id
    }
    assert after(lambda: store.save(task.model_copy(update={"due_on": None}))) == {dao.id}
    # A task moved to another group changes both groups' overdue counts.
    assert after(lambda: store.save(task.model_copy(update={"group_id": fah.id}))) == {
        dao.id,
        fah.id,
    }
    assert after(lambda: store.delete(m.Task, task.id)) == {fah.id}
    store.delete(m.Attendance, came.id)
    assert after(lambda: store.delete(m.Session, session.id)) == {dao.id}

    with Store.open(db_path) as other:  # another window, a command, the recorder's writer
        assert after(lambda: other.add(m.Task(group_id=fah.id, title="May"))) == {fah.id}


def test_a_group_written_again_gets_a_new_number(store):
    # The only group, written over and over: each write is after any number seen before it
    # (a replaced row given its own number back would be missed by a home that had seen it).
    group = store.add(m.Group(name="ใจดี"))
    for stage in range(2, 6):
        seen = latest(store)
        assert changed_since(store, seen) == set()
        store.save(group.model_copy(update={"current_stage": stage}))
        assert changed_since(store, seen) == {group.id}
        assert latest(store) > seen


def test_a_group_deleted_asks_for_the_whole_list_and_leaves_no_trace(store):
    kept = store.add(m.Group(name="บัว"))
    gone = store.add(m.Group(name="May"))
    seen = latest(store)
    store.delete(m.Group, gone.id)
    assert changed_since(store, seen) == {HOME_CHANGES_ALL}
    ids = {r[0] for r in store.db.conn.execute("select group_id from home_changes")}
    assert gone.id not in ids and kept.id in ids


def test_another_history_is_not_trusted(store):
    # A number seen that this database never reached: not the history home read from.
    store.add(m.Group(name="Will"))
    assert store.home_changes_since(latest(store) + 5) is None


def test_a_file_without_the_table_cannot_tell(store):
    store.db.conn.execute("drop table home_changes")
    assert store.home_changes_since(None) is None
    assert store.home_changes_since(3) is None
