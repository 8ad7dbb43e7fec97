"""A group named with ordinary Thai and English words, written for the three answers of the
matcher (not the demo's names): names after numbers, before particles, after kinship words,
offices and เรียบร้อย; English common-word names; a withdrawn member; a facilitator whose
names hold a member's name."""

from __future__ import annotations

from datetime import date

from groupwork import models as m

MEMBERS = {
    "สมาชิก ก": "นางสาวฟ้า สีคราม",
    "สมาชิก ข": "นายโชค ดีมาก",
    "สมาชิก ค": "นางนิด ใจดี",
    "สมาชิก ง": "นางอ้อย ทองคำ",
    "สมาชิก จ": "นางสาวพิมพ์ ศรีสุข",
    "Member F": "May Grant",
    "Member G": "Will Park",
}
"""Pseudonym -> real name."""
WITHDRAWN = "สมาชิก ง"
FACILITATOR = "นางสาวพิมพ์ชนก ใจดี"

CERTAIN = {
    "ครั้งที่ 5 ฟ้าบอกว่าเหนื่อยมาก": "ครั้งที่ 5 สมาชิก ก บอกว่าเหนื่อยมาก",
    "งานเสร็จเรียบร้อยฟ้าจึงขอกลับ": "งานเสร็จเรียบร้อยสมาชิก ก จึงขอกลับ",
    "แล้วนิดละ จะมาไหม": "แล้วสมาชิก ค ละ จะมาไหม",
    "ป้านิดมาด้วย": "ป้าสมาชิก ค มาด้วย",
    "ผู้ใหญ่บ้านอ้อยมาเยี่ยม": "ผู้ใหญ่บ้านสมาชิก ง มาเยี่ยม",
    "อสม.นิดวัดความดัน": "อสม.สมาชิก ค วัดความดัน",
    "คุณฟ้าเล่าว่าเหนื่อย": "คุณสมาชิก ก เล่าว่าเหนื่อย",
    "Ms May came; May Grant and Will Park stayed.": (
        "Ms Member F came; Member F and Member G stayed."
    ),
}
"""Where the name is certain: the shared text, word for word (a space after each pseudonym)."""
ORDINARY = [
    "ท้องฟ้าสีครามสดใส",
    "ผ้าสีครามผืนใหม่",
    "วันนี้โชคดีมาก",
    "ทุกคนทำได้ดีมาก ยิ้มกันทั้งห้อง",
    "พูดช้า ๆ หน่อย",
    "I may park the car; we will see.",
    "กินอ้อยหวาน",
    "จุดแข็ง ใจดี เรียนรู้เร็ว",
    "ผู้ดำเนินกลุ่ม นางสาวพิมพ์ชนก ใจดี",
]
"""Ordinary words (and a worker's name) that hold a member's name: never changed."""
UNDECIDED = ["สีคราม", "โชคดีมาก", "ดีมาก", "อ้อย", "ใจดี"]
"""Words in ORDINARY that may be either: left as written and listed, in this order."""
NOT_MEMBERS = {
    "สมชายมาด้วย": "สมชาย",
    "วันนี้สมศรีบอกว่าจะมาอีก": "สมศรี",
    "มานะเล่าว่าลูกป่วย": "มานะ",
    "แล้วมานะล่ะ": "มานะ",
    "มากับสมชาย": "สมชาย",
    "ครูมาลีบอกว่าเด็กสบายดี": "มาลี",
    "ปลัดอำเภอสมชายมาประชุม": "สมชาย",
    "ผู้ใหญ่บ้านแดงมาเยี่ยม": "แดง",
    "ป้าบัวมาด้วย": "บัว",
    "อสม.ดาวมาเยี่ยม": "ดาว",
    "ครั้งที่ 5 ฟ้าบอกว่าเหนื่อย": "ฟ้า",
    "ลุงนิดไม่มา": "นิด",
}
"""Non-members named in a sentence, bare, after a number, a kinship word or an office (names
in PyThaiNLP's lists and ordinary words it lacks, ฟ้า ดาว บัว): each is at least undecided
(listed for a person to decide), never dropped because word splitting reads it as words."""
NOT_MEMBERS_ORDINARY = [
    "ทำบุญมีคนมาเยอะ",
    "ทองหนักสองบาท",
    "ครูมาสอนวันนี้",
    "ผ่านไป 5 เดือน",
    "น้ำมาถึงบ้านตอนเช้า",
    "ทุกคนทำได้ดีมาก",
    "แก้วของแม่แตก",
    "เธอ เริ่มเล่าความรู้สึกกับเพื่อน",
    "ปี 2566 แม่บอกว่าไม่ไหว",
    "หมอบอกว่าดีขึ้น",
    "3 คนเล่าว่าเหนื่อย",
]
"""Ordinary sentences that word splitting cuts into name-list words: never flagged."""
STORY = "ครั้งที่ 3 อ้อยบอกว่ากลัวสามีตามมา"
"""The withdrawn member's story, told under her given name after a number."""
WITHDRAWN_UNDECIDED = "เอาอ้อยไปขายที่ตลาด"
"""Her given name where it may be the word (sugar cane): undecided."""


def build_names_group(store) -> tuple[m.Group, dict[str, m.Member]]:
    """The group, its members (no consent to be named; the withdrawn one withdrawn) and one
    session whose notes hold every line above (each on its own line), plus the story."""
    group = store.add(
        m.Group(
            name="กลุ่มแม่บ้าน",
            facilitators=[FACILITATOR],
            start_date=date(2026, 1, 5),
            status=m.GroupStatus.ACTIVE,
        )
    )
    members = {}
    for pseudonym, real_name in MEMBERS.items():
        members[pseudonym] = store.add(
            m.Member(
                group_id=group.id,
                real_name=real_name,
                pseudonym=pseudonym,
                decision=m.SelectionDecision.SELECTED,
                decided_on=date(2026, 1, 2),
            )
        )
        withdrawn = date(2026, 2, 1) if pseudonym == WITHDRAWN else None
        store.add(
            m.Consent(
                group_id=group.id,
                member_id=members[pseudonym].id,
                given_on=date(2026, 1, 5),
                scopes=[m.ConsentScope.RECORDED],
                withdrawn_on=withdrawn,
            )
        )
    store.save_stage_progress(
        m.StageProgress(
            group_id=group.id,
            stage=1,
            status=m.StageStatus.COMPLETED,
            started_on=date(2026, 1, 5),
            completed_on=date(2026, 1, 19),
            narrative="\n".join([*CERTAIN, *ORDINARY]),
        )
    )
    store.save_stage_progress(
        m.StageProgress(
            group_id=group.id,
            stage=2,
            status=m.StageStatus.COMPLETED,
            started_on=date(2026, 1, 5),
            completed_on=date(2026, 1, 19),
            narrative=STORY,
        )
    )
    store.save_stage_progress(
        m.StageProgress(
            group_id=group.id,
            stage=3,
            status=m.StageStatus.COMPLETED,
            started_on=date(2026, 1, 5),
            completed_on=date(2026, 1, 19),
            narrative=WITHDRAWN_UNDECIDED,
        )
    )
    return group, members
