"""A name set written by someone who did not write the matcher (``names_set`` is its authors'):
members called by ordinary Thai and English words, a withdrawn member, a member whose consent
covers recording only, a declined candidate, a facilitator whose names hold two members' names,
a person around the group linked with a token and a non-member named bare. Every free-text
place a shared door prints holds the same sentences: names in every position, and ordinary
uses of the same words that must never change."""

from __future__ import annotations

from datetime import date

from groupwork import models as m
from groupwork.operations.people_around import save_person
from groupwork.privacy import links

MEMBERS = {
    "สมาชิก ก": "นางสาวดาว ประกายแสง",
    "สมาชิก ข": "นายแดง มั่นคง",
    "สมาชิก ค": "นางบัว หอมจันทร์",
    "สมาชิก ง": "นางสาวเพ็ญ ศรีเมือง",
    "สมาชิก จ": "นายเดือน ใจงาม",
    "สมาชิก ฉ": "นางฝน ทองมา",
    "Member G": "Rose Hill",
    "Member H": "Hope Green",
    "Member I": "Will Mason",
}
"""Pseudonym -> real name."""
WITHDRAWN = "สมาชิก ง"
RECORDING_ONLY = "สมาชิก ค"
FACILITATOR = "นางสาวแสงดาว ใจงาม"
GROUP = "กลุ่มดอกบัวบาน"
WORKER_TITLE = f"{FACILITATOR} ติดตามเยี่ยมบ้าน"
"""A task's title naming the facilitator: her names hold ดาว and ใจงาม, never a member's."""
DECLINED = ("นายเมฆ ขาวสะอาด", "ไม่มาเพราะแดงบอกว่าสามีจะโกรธ", "ผู้ใหญ่บ้านสมศรี")
"""A candidate who declined: real name, the reason (naming a member), the referral source."""
HEADMAN = ("นายเสือ กล้าหาญ", "ผู้ใหญ่บ้าน")
"""A person around the group (real name, role), linked in a note with a token."""
BARE = "สมปอง วงศ์ใหญ่ มาถามเรื่องกลุ่ม"
"""A non-member named bare at a sentence start (two words, no title)."""

NAMED = [
    "ครั้งที่ 2 ดาวมาสาย",
    "วันที่ 5 แดงบอกว่าเหนื่อย",
    "ครั้งที่ 4 ฝนเล่าเรื่องลูก",
    "ครั้งที่ 3 เดือนมาด้วย",
    "แล้วดาวล่ะ จะมาไหม",
    "ถามว่าแล้วฝนละ",
    "แล้วเดือนละ จะมาไหม",
    "ส่วนดาวละ ไปไหน",
    "บัวนะ เก่งมาก",
    "ป้าบัวมาด้วย",
    "ลุงแดงมาช่วยยกของ",
    "พี่เดือนเล่าว่าเหนื่อย",
    "น้องดาวร้องไห้",
    "ยายฝนมาส่งหลาน",
    "น้าเดือนมาช่วย",
    "อาดาวโทรมา",
    "ตาแดงมาด้วย",
    "ผู้ใหญ่บ้านแดงมาเยี่ยม",
    "กำนันเดือนมาประชุม",
    "ปลัดอำเภอดาวมาเปิดงาน",
    "อสม.ฝนวัดความดัน",
    "พยาบาลบัวมาตรวจ",
    "หมอแดงให้ยา",
    "ครูเดือนสอนหนังสือ",
    "ตำรวจแดงมาถาม",
    "งานเสร็จเรียบร้อยดาวจึงกลับบ้าน",
    "ดาวขอกลับก่อน",
    "คุณเดือนเล่าว่าดีขึ้น",
    "คุณใจงามบอกว่าจะมาช้า",
    "Ms Rose came late; Hope Green and Will Mason stayed.",
    "Rose said she was tired.",
    "we hope Hope will come",
    "we asked mason to stay",
]
"""A member's name in every position the issue lists: each one must be replaced or listed."""

ORDINARY = [
    "ดาวบนฟ้าสวยมาก",
    "รอไฟแดงนานมาก",
    "เด็กเป็นตาแดง",
    "ดอกบัวบานในสระ",
    "ประกายแสงของเทียน",
    "เดือนหน้าจะไปเที่ยว",
    "ผ่านไป 5 เดือน",
    "พักโรงแรม 5 ดาว",
    "จ่ายเดือนละ 500 บาท",
    "ฝนตกหนักทั้งคืน",
    "ทองคำแท่งราคาสูง",
    "the roses were red",
    "we hope it helps",
    "green tea with lemon",
    "I will go",
    "a mason jar",
]
"""Ordinary uses of the same words: never changed, at any door."""

WITHDRAWN_WORDS = ["ครั้งที่ 3 เพ็ญบอกว่ากลัวสามีตามมา", "สมาชิก ง ร้องไห้ตอนเล่าเรื่องลูก"]
"""The withdrawn member's words, under her given name and under her pseudonym."""
WITHDRAWN_TITLES = ["เพ็ญขอยืมเงินกองทุน", "สมาชิก ง เลิกกลัวสามี"]
"""A task's and a goal's title telling of her, under her given name and her pseudonym."""
WITHDRAWN_LINKED = "เล่าเรื่องหนี้นอกระบบ"
"""Her words after a link to her (written in ``build``)."""
RECORDING_ONLY_RISK = "สามีดื่มเหล้าทุกคืนแล้วทำร้าย"
"""The risk narrative of the member whose consent covers recording only."""

TEXT = "\n".join([*NAMED, *ORDINARY])
"""What every long free-text field holds (one sentence a line)."""
TITLES = [*NAMED, *ORDINARY]
"""Task and goal titles (one sentence each)."""


def build(store) -> tuple[m.Group, dict[str, m.Member], m.PersonAround]:
    """The group and its records (every free-text field holding ``TEXT`` or ``TITLES``).
    Returns (group, members by pseudonym, the headman)."""
    day = date(2026, 1, 5)
    group = store.add(
        m.Group(
            name=GROUP,
            facilitators=[FACILITATOR],
            purpose=TEXT,
            start_date=day,
            status=m.GroupStatus.ACTIVE,
        )
    )
    members = {}
    for pseudonym, real_name in MEMBERS.items():
        member = members[pseudonym] = store.add(
            m.Member(
                group_id=group.id,
                real_name=real_name,
                pseudonym=pseudonym,
                decision=m.SelectionDecision.SELECTED,
                decided_on=day,
            )
        )
        scopes = [m.ConsentScope.RECORDED]
        if pseudonym != RECORDING_ONLY:
            scopes.append(m.ConsentScope.SHARED_IN_REPORT)
        store.add(
            m.Consent(
                group_id=group.id,
                member_id=member.id,
                given_on=day,
                scopes=scopes,
                withdrawn_on=date(2026, 2, 1) if pseudonym == WITHDRAWN else None,
            )
        )
    real, reason, source = DECLINED
    store.add(
        m.Member(
            group_id=group.id,
            real_name=real,
            pseudonym="ผู้สมัคร 1",
            decision=m.SelectionDecision.DECLINED,
            decision_reason=reason,
            referral_source=source,
            decided_on=day,
        )
    )
    headman = save_person(
        store, m.PersonAround(group_id=group.id, real_name=HEADMAN[0], role=HEADMAN[1])
    )
    dao, pen = members["สมาชิก ก"], members[WITHDRAWN]
    told = links.token("m", pen.id, "เพ็ญ") + WITHDRAWN_LINKED
    linked = (
        f"{links.token('p', headman.id, HEADMAN[0])}มาเยี่ยม{links.token('m', dao.id, 'ดาว')}ที่บ้าน"
    )
    for stage in (1, 2):
        store.save_stage_progress(
            m.StageProgress(
                group_id=group.id,
                stage=stage,
                status=m.StageStatus.COMPLETED,
                started_on=day,
                completed_on=date(2026, 1, 19),
                narrative=TEXT if stage == 1 else "\n".join([*WITHDRAWN_WORDS, BARE, linked]),
            )
        )
    session = store.add(
        m.Session(
            group_id=group.id,
            number=1,
            held_on=date(2026, 1, 12),
            status=m.SessionStatus.HELD,
            notes="\n".join([TEXT, *WITHDRAWN_WORDS, linked, told]),
            next_steps=TEXT,
        )
    )
    for title in TITLES:
        store.add(m.Task(group_id=group.id, title=title, agreed_session_id=session.id))
        store.add(m.Goal(group_id=group.id, title=title, set_on=day))
    store.add(m.Task(group_id=group.id, title=WORKER_TITLE))
    store.add(m.Task(group_id=group.id, title=WITHDRAWN_TITLES[0], assignee_ids=[pen.id]))
    store.add(m.Goal(group_id=group.id, title=WITHDRAWN_TITLES[1], member_id=pen.id))
    for line in TITLES:
        store.add(m.GroundRule(group_id=group.id, text=line, agreed_on=day))
    for pseudonym in ("สมาชิก ก", RECORDING_ONLY):
        store.add(
            m.Assessment(
                group_id=group.id,
                member_id=members[pseudonym].id,
                assessed_on=day,
                risk=RECORDING_ONLY_RISK if pseudonym == RECORDING_ONLY else TEXT,
                strengths=TEXT,
            )
        )
    return group, members, headman
