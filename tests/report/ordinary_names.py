"""A group whose members are named with ordinary Thai words and syllables, and notes that use
those words both as names and as ordinary words.

Notes are written with each use of a name marked ``{as written|pseudonym}``: ``source`` is what
the worker typed, ``expected`` what a shared review must say (the name replaced, every other
word exactly as typed).
"""

from __future__ import annotations

import re
from datetime import date

from groupwork import models as m

MEMBERS = {
    "P01": "นางสาวพร ใจงาม",
    "P02": "นางละเอียด สีดา",
    "P03": "นายชัย มั่นคง",
    "P04": "ด.ญ.ดาว แสงทอง",
    "P05": "เด็กชายฝน ทองดี",
    "P06": "คุณน้ำ สุขใจ",
    "P07": "นางสุข ศรีสวัสดิ์",
    "P08": "Mr. Somchai Dee",
    "P09": "Ms Anna Lee",
    "P10": "น.ส.แก้ว บุญมา",
    "P11": "นายทอง มีสุข",
}
"""Pseudonym -> real name: eleven people, Thai and Latin, titles included."""

NOTES = [
    "พรุ่งนี้คุณ{พร|P01}จะมาพร้อมเอกสาร เพราะทุกคนอยากได้รับพรจากพระ",
    "{นางสาวพร ใจงาม|P01}เล่าว่าช่วงนี้นอนไม่หลับ",
    "คุณ{ละเอียด|P02}อ่านรายละเอียดของกติกาอย่างละเอียด",
    "{ชัย|P03}พูดถึงชัยชนะเล็ก ๆ และความมั่นคงในชีวิต",
    "{ด.ญ.ดาว|P04}ชี้ดวงดาวบนท้องฟ้าให้เพื่อนดู แล้ว {ดาว|P04} ยิ้ม",
    "ฝนตกหนักทั้งวัน {เด็กชายฝน|P05}มาสาย แต่{ฝน|P05}บอกว่าไม่เป็นไร",
    "{คุณน้ำ|P06}ร้องไห้จนน้ำตาไหล แล้วขอดื่มน้ำเย็น",
    "{สุข|P07}เล่าว่าความสุขของครอบครัวสำคัญที่สุด",
    "{Somchai Dee|P08} said the deep breathing indeed helped; {Ｓｏｍｃｈａｉ|P08} agreed.",
    "{Anna|P09} read the annual report; Ms {Lee|P09} moved here from Leeds.",
    "{น.ส.แก้ว|P10}ล้างแก้วน้ำ แล้วทำบุญมากขึ้นกับ{บุญมา|P10}",
    "{นายทอง|P11}ได้ของขวัญเป็นทองคำ และ{ทอง|P11}เล่าถึงลูก",
]
"""One note per stage narrative (twelve)."""
GROUP_NAME = "กลุ่มของ{ด.ญ.ดาว|P04}"
TARGET_POPULATION = "แม่และเด็ก เช่น ครอบครัวของ{ดาว แสงทอง|P04}"
SPOTS = ["พร", "ละเอียด"]
"""Names left as written because there they read as the ordinary word (พร a blessing,
อย่างละเอียด in detail): the spots to re-read."""
_MARK = re.compile(r"\{([^|{}]+)\|([^{}]+)\}")


def source(text: str) -> str:
    """What the worker typed."""
    return _MARK.sub(r"\1", text)


def expected(text: str) -> str:
    """What a shared review must say."""
    # A pseudonym is a word of its own: a space keeps it off the next word.
    return _MARK.sub(
        lambda hit: hit.group(2) + (" " if text[hit.end() : hit.end() + 1].isalnum() else ""),
        text,
    )


def build_ordinary_names_group(store) -> m.Group:
    """The group, its eleven members (no consent to be named) and its twelve narratives."""
    group = store.add(
        m.Group(
            name=source(GROUP_NAME),
            facilitators=["Worker One"],
            target_population=source(TARGET_POPULATION),
            start_date=date(2026, 1, 5),
            status=m.GroupStatus.ACTIVE,
        )
    )
    for pseudonym, real_name in MEMBERS.items():
        store.add(
            m.Member(
                group_id=group.id,
                real_name=real_name,
                pseudonym=pseudonym,
                decision=m.SelectionDecision.SELECTED,
                decided_on=date(2026, 1, 2),
            )
        )
    for stage, note in enumerate(NOTES, start=1):
        store.save_stage_progress(
            m.StageProgress(
                group_id=group.id,
                stage=stage,
                status=m.StageStatus.COMPLETED,
                started_on=date(2026, 1, 5),
                completed_on=date(2026, 1, 19),
                narrative=source(note),
            )
        )
    return group
