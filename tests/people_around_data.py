"""A small group whose members and people around it are called by ordinary words, with links
and plain names written into its free text: what the tests of every shared door read."""

from __future__ import annotations

from datetime import date, timedelta

from groupwork import models as m
from groupwork.operations.people_around import save_person
from groupwork.privacy import links

REAL_NAMES = ("ฟ้า ใจดี", "ฟ้า", "ใจดี", "May Grant", "Grant", "แดง", "Will Park")
"""Real names and name parts that must never reach a shared door."""
SHOWN = ("สมาชิก ก", "Member B", "ผู้ใหญ่บ้าน", "the nurse")
"""What stands for them: two pseudonyms, two roles."""


def build_group(store, today: date | None = None):
    """The group, its two members, two people around it, a session note and a task that
    link them and name them without links. Returns (group, fah, may, headman, nurse)."""
    today = today or date.today()
    group = store.add(m.Group(name="กลุ่มของฟ้า ใจดี", facilitators=["Worker"]))
    fah = store.add(
        m.Member(
            group_id=group.id,
            real_name="ฟ้า ใจดี",
            pseudonym="สมาชิก ก",
            decision=m.SelectionDecision.SELECTED,
        )
    )
    may = store.add(
        m.Member(
            group_id=group.id,
            real_name="May Grant",
            pseudonym="Member B",
            decision=m.SelectionDecision.SELECTED,
        )
    )
    headman = save_person(store, m.PersonAround(group_id=group.id, real_name="แดง", role="ผู้ใหญ่บ้าน"))
    nurse = save_person(
        store, m.PersonAround(group_id=group.id, real_name="Will Park", role="the nurse")
    )
    note = (
        f"ครั้งนี้{links.token('m', fah.id, 'ฟ้า')}บอกว่า"
        f"{links.token('p', headman.id, 'แดง')}มาเยี่ยมบ้าน "
        f"{links.token('m', may.id, 'May Grant')} met {links.token('p', nurse.id, 'Will Park')}."
    )
    store.add(
        m.Session(
            group_id=group.id,
            number=1,
            held_on=today - timedelta(days=2),
            status=m.SessionStatus.HELD,
            notes=note,
        )
    )
    store.add(
        m.Task(
            group_id=group.id,
            title=f"โทรหา{links.token('p', headman.id, 'แดง')} กับ ฟ้า ใจดี",
            assignee_ids=[may.id],
            due_on=today + timedelta(days=3),
        )
    )
    return group, fah, may, headman, nurse
