"""Home's first screenful and the coordinator's attendance counts are read from indexes
(``store/migrations_screens.py``), not by sorting or reading every row: the plans say so."""

from __future__ import annotations

from datetime import date

from groupwork import models as m
from groupwork.enums import AttendanceStatus
from groupwork.store import Store

TODAY = date(2026, 12, 5)


def _plans(store: Store, ask) -> list[str]:
    """The plan of each statement ``ask(store)`` runs, as SQLite explains it."""
    asked: list[tuple] = []
    rows = store._rows

    def record(sql, params=()):
        asked.append((sql, params))
        return rows(sql, params)

    store._rows = record
    try:
        ask(store)
    finally:
        del store._rows
    return [
        "\n".join(r[3] for r in store.db.execute(f"explain query plan {sql}", params))
        for sql, params in asked
    ]


def _groups(store: Store) -> list[m.Group]:
    names = ("กลุ่มดาว", "กลุ่มฟ้า", "May", "Will")
    groups = [store.add(m.Group(name=n, status="active")) for n in names]
    groups.append(store.add(m.Group(name="กลุ่มน้ำ", status="closed")))
    return groups


def test_homes_first_rows_are_the_first_entries_of_an_index(db_path):
    with Store.open(db_path) as store:
        _groups(store)
        (plan,) = _plans(store, lambda s: s.home_groups(TODAY, limit=3))
        assert "idx_groups_home_order" in plan
        assert "TEMP B-TREE" not in plan  # no sort of every group
        # The closed group still comes last, and the names in order.
        names = [g.name for g in store.home_groups(TODAY)]
        assert names == ["May", "Will", "กลุ่มดาว", "กลุ่มฟ้า", "กลุ่มน้ำ"]


def test_the_coordinators_attendance_counts_come_from_one_index(db_path):
    with Store.open(db_path) as store:
        group = _groups(store)[0]
        member = store.add(
            m.Member(
                group_id=group.id, real_name="นางดาว ใจดี", pseudonym="ดาว", decision="selected"
            )
        )
        for number in (1, 2):
            held = date(2026, 11, number)
            session = store.add(
                m.Session(group_id=group.id, number=number, held_on=held, status="held")
            )
            store.record_attendance(session.id, member.id, AttendanceStatus.LATE)
        plans = _plans(store, lambda s: s._recent_attendance([group.id], 4))
        assert len(plans) == 1
        counts = [line for line in plans[0].splitlines() if "attendance" in line]
        assert len(counts) == 2
        assert all("COVERING INDEX idx_attendance_session_id_status" in c for c in counts)
        recent = store._recent_attendance([group.id], 4)[group.id]
        assert [(r.held_on.day, r.marked, r.attended) for r in recent] == [(1, 1, 1), (2, 1, 1)]
