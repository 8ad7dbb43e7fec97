"""A fictional demo group that has gone through all twelve stages.

``build_demo(store)`` writes one complete group: survivors of domestic violence meeting at a
provincial social development office over about four months. Everyone in it is invented.
The same ``seed`` and ``today`` always give the same database, ids included (ids are UUID5s
derived from the seed), so tests, screenshots and the report helper can rely on it.

The fixed content lives in the module-level tables below; the randomness (who speaks,
who is late, how long a turn lasts) comes from ``random.Random(seed)``.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from groupwork import models as m
from groupwork.errors import GroupworkError
from groupwork.i18n import _
from groupwork.store import Store

DEMO_GROUP_NAME = "กลุ่มก้าวใหม่ (ตัวอย่าง)"
"""The demo group's name; ``groupwork demo`` refuses to build it twice."""

_NAMESPACE = uuid.UUID("5b0c7a52-3f0e-4c7e-9a55-2f1d6f2c2569")
_SESSION_COUNT = 15
_CANCELLED_SESSION = 6
_DAYS_BETWEEN_SESSIONS = 8
_SESSION_START = time(6, 30, tzinfo=UTC)  # 13:30 in Bangkok
_SESSION_LENGTH = timedelta(hours=2)

# --- who is in the group (all invented) ---------------------------------------------------


@dataclass(frozen=True)
class _Person:
    real_name: str
    pseudonym: str
    referral_source: str
    talk_start: float
    """How much she talks in the first session, relative to the others."""
    talk_end: float
    """... and in the last one (the quiet find their voice, the dominant learn to share)."""
    named_in_reports: bool
    agencies: tuple[str, ...] = ()


_HOSPITAL = "ศูนย์พึ่งได้ โรงพยาบาลจังหวัด"
_HOTLINE = "ศูนย์ช่วยเหลือสังคม สายด่วน 1300"
_POLICE = "สถานีตำรวจภูธรอำเภอเมือง"
_SHELTER = "บ้านพักเด็กและครอบครัวจังหวัด"

_MEMBERS = (
    _Person("นางสาวสุดารัตน์ แสงทอง", "ดาว", _HOSPITAL, 1.2, 2.4, True, (_HOSPITAL,)),
    _Person("นางมาลัย บุญเรือง", "ฟ้า", _HOTLINE, 1.0, 1.0, True),
    _Person("นางสาวปวีณา ทองดี", "น้ำ", _POLICE, 0.6, 1.0, False, (_POLICE, _HOSPITAL)),
    _Person("นางบุษบา จันทร์หอม", "ฝน", _SHELTER, 1.1, 1.2, True, (_SHELTER,)),
    _Person("นางสาวกนกวรรณ ศรีสวัสดิ์", "แก้ว", _HOSPITAL, 0.9, 1.1, True, (_HOSPITAL,)),
    _Person("นางอรุณี พรมมา", "ใบเตย", "อาสาสมัครพัฒนาสังคมและความมั่นคงของมนุษย์", 0.2, 0.8, False),
    _Person("นางสาวจิราพร คำแก้ว", "พลอย", _HOTLINE, 0.8, 0.9, True),
    _Person("นางสมศรี วงศ์ใหญ่", "มะลิ", "ผู้นำชุมชน", 2.6, 1.2, True),
    _Person("นางสาวรัชนี ใจมั่น", "รุ้ง", _SHELTER, 0.7, 0.9, False),
    _Person("นางเพ็ญศรี อินทร์แก้ว", "ขวัญ", _POLICE, 1.0, 1.6, True, (_POLICE,)),
)
_LEADER = "ดาว"
_COORDINATOR = "ขวัญ"
_LOW_ATTENDANCE = "พลอย"

_CANDIDATES = (
    (
        "นางสาวอัมพร เกิดผล",
        "C11",
        m.SelectionDecision.DECLINED,
        "กังวลว่าสามีจะรู้ว่ามาเข้ากลุ่ม ขอรับคำปรึกษารายบุคคลต่อไปก่อน",
        False,
    ),
    (
        "นางละเอียด สีดา",
        "C12",
        m.SelectionDecision.WITHDREW,
        "ย้ายไปอยู่กับพี่สาวที่ต่างจังหวัดพร้อมลูกหลังการปฐมนิเทศ จึงถอนตัวจากกลุ่ม",
        True,
    ),
)

# --- the group ------------------------------------------------------------------------------

_GROUP_TEXT = {
    "agency": "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด (สมมุติ)",
    "purpose": (
        "ให้ผู้หญิงที่ผ่านความรุนแรงในครอบครัวได้พบเพื่อนที่เข้าใจ วางแผนความปลอดภัยของตนเอง "
        "รู้สิทธิและช่องทางขอความช่วยเหลือ และค่อย ๆ ดำเนินกลุ่มต่อได้เองโดยมีสมาชิกเป็นผู้นำ"
    ),
    "problem_situation": (
        "ตั้งแต่แรกรับ ผู้ใช้บริการทั้งสิบคนถูกส่งต่อมาจากศูนย์พึ่งได้ สายด่วน 1300 สถานีตำรวจ "
        "และบ้านพักเด็กและครอบครัว หลายคนยังอยู่บ้านเดียวกับผู้กระทำ พึ่งพิงรายได้ของสามี "
        "ไม่กล้าเล่าเรื่องให้ญาติฟัง และโทษตัวเองว่าเป็นต้นเหตุของความรุนแรง"
    ),
    "rationale": (
        "การทำงานรายกรณีช่วยเรื่องความปลอดภัยเฉพาะหน้าได้ แต่ผู้ใช้บริการยังรู้สึกโดดเดี่ยว "
        "การพบผู้หญิงที่ผ่านเรื่องคล้ายกันช่วยให้เห็นว่าปัญหาไม่ใช่ความผิดส่วนตัว "
        "และกลุ่มเป็นแหล่งสนับสนุนที่อยู่ต่อได้หลังการให้บริการสิ้นสุด"
    ),
    "target_population": "ผู้หญิงอายุ 20-55 ปีที่ผ่านความรุนแรงในครอบครัวและผ่านการแรกรับแล้ว",
    "selection_criteria": (
        "คัดเลือกอย่างเป็นทางการ: ผ่านการแรกรับและประเมินความเสี่ยงรายบุคคลแล้ว "
        "ไม่อยู่ในภาวะวิกฤตที่ต้องเข้าพักในบ้านพักทันที สมัครใจเข้าร่วม "
        "และมาประชุมได้อย่างน้อยเดือนละสองครั้ง"
    ),
    "admission_rules": (
        "สมาชิกตกลงกันว่าจะรับสมาชิกใหม่เมื่อสมาชิกเดิมเห็นชอบทุกคน และผู้ดำเนินกลุ่มได้พบผู้สมัครรายบุคคลก่อน"
    ),
}
_FACILITATORS = ["นางสาวพิมพ์ชนก ใจดี (นักสังคมสงเคราะห์ปฏิบัติการ)"]

# --- what happened in each session ------------------------------------------------------


@dataclass(frozen=True)
class _SessionText:
    stages: tuple[int, ...]
    plan: str
    notes: str
    questions: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    feelings: tuple[str, ...] = ()
    society_links: tuple[str, ...] = ()
    next_steps: str = ""


_SESSIONS: dict[int, _SessionText] = {
    1: _SessionText(
        (1, 2, 3),
        "ปฐมนิเทศ แนะนำวัตถุประสงค์และกิจกรรมของกลุ่ม ทำความรู้จักกัน",
        "สมาชิกแนะนำตัวด้วยชื่อเล่นที่เลือกเอง หลายคนเงียบในช่วงแรก "
        "บรรยากาศผ่อนคลายขึ้นหลังกิจกรรมวาดภาพสิ่งที่ทำให้ตนเองมีกำลังใจ",
        ("อะไรทำให้ตัดสินใจมาวันนี้",),
        ("ความกลัวการถูกตัดสิน",),
        ("ประหม่า", "โล่งใจที่ไม่ได้เป็นคนเดียว"),
        (),
        "ผู้ดำเนินกลุ่มร่างข้อตกลงเบื้องต้นมาให้ช่วยกันแก้ในครั้งหน้า",
    ),
    2: _SessionText(
        (2, 3, 4),
        "สร้างความไว้วางใจ ร่างข้อตกลงของกลุ่ม",
        "สมาชิกเสนอข้อตกลงเรื่องการเก็บความลับเป็นข้อแรก มะลิเล่าเรื่องของตนเองยาว ผู้ดำเนินกลุ่มชวนให้คนอื่นได้พูดบ้าง",
        ("ในกลุ่มนี้ เราต้องการอะไรจากกันเพื่อให้รู้สึกปลอดภัย",),
        ("การเก็บความลับ", "ความไว้วางใจ"),
        ("ระแวง", "อบอุ่น"),
        (),
        "ทบทวนร่างข้อตกลงและลงมติครั้งหน้า",
    ),
    3: _SessionText(
        (3, 4, 7),
        "ลงมติข้อตกลงของกลุ่ม แลกเปลี่ยนประสบการณ์",
        "กลุ่มรับรองข้อตกลงห้าข้อ ดาวเสนอให้ฟังจนเพื่อนพูดจบ น้ำร้องไห้ขณะเล่าเรื่อง เพื่อนสมาชิกช่วยปลอบและให้กำลังใจ",
        ("ทำไมเราจึงมักโทษตัวเองเมื่อถูกทำร้าย",),
        ("การโทษตัวเอง", "ความอับอาย"),
        ("เศร้า", "ได้รับการเข้าใจ"),
        ("คำสอนว่าเรื่องในบ้านไม่ควรนำออกไปพูด ทำให้ผู้หญิงเงียบ",),
        "ผู้ดำเนินกลุ่มนัดพบสมาชิกรายบุคคลเพื่อประเมินสภาวะก่อนครั้งหน้า",
    ),
    4: _SessionText(
        (5, 7),
        "สรุปผลการประเมินรายบุคคลในภาพรวม กำหนดประเด็นของกลุ่ม",
        "ผู้ดำเนินกลุ่มสรุปประเด็นร่วมโดยไม่เปิดเผยข้อมูลรายบุคคล กลุ่มเลือกประเด็นที่จะทำงานด้วยกันสี่เรื่อง",
        ("เรื่องใดที่ถ้าแก้ได้ ชีวิตจะดีขึ้นมากที่สุด",),
        ("ความปลอดภัย", "เงินและการพึ่งพิง"),
        ("หนักใจ", "มีความหวัง"),
        ("ผู้หญิงที่ไม่มีรายได้ของตนเองออกจากความรุนแรงได้ยากกว่า",),
        "ให้สมาชิกคิดเป้าหมายของตนเองมาคนละหนึ่งข้อ",
    ),
    5: _SessionText(
        (6, 7),
        "ตั้งเป้าหมายของสมาชิกและของกลุ่ม เรียงลำดับความสำคัญ วางแผนระยะสั้นและระยะยาว",
        "สมาชิกเล่าเป้าหมายของตนเอง กลุ่มโหวตเรียงลำดับเป้าหมายร่วม ความปลอดภัยได้ลำดับแรกโดยไม่มีใครค้าน",
        ("ถ้าอีกสามเดือนข้างหน้าชีวิตดีขึ้น จะเห็นอะไรเปลี่ยนไป",),
        ("เป้าหมายร่วม",),
        ("ตั้งใจ",),
        (),
        "เตรียมแบ่งงานตามความถนัดในครั้งหน้า",
    ),
    7: _SessionText(
        (7, 8),
        "แบ่งงานตามความสามารถและความสนใจ",
        "สมาชิกอาสารับงานติดต่อหน่วยงานและงานดูแลเพื่อน "
        "ฝนกับแก้วรับไปติดต่อศูนย์พึ่งได้ ขวัญอาสาไปเป็นเพื่อนสมาชิกที่ต้องไปสถานีตำรวจ",
        ("ใครถนัดอะไร และอยากลองทำอะไรใหม่",),
        ("การแบ่งงาน", "การช่วยเหลือกัน"),
        ("กระตือรือร้น",),
        (),
        "ติดตามงานที่รับไปในครั้งหน้า",
    ),
    8: _SessionText(
        (7, 8),
        "ติดตามงาน ดาวร่วมนำการประชุมกับผู้ดำเนินกลุ่ม",
        "ดาวเปิดการประชุมและชวนเพื่อนรายงานงาน กลุ่มแก้ข้อตกลงเรื่องโทรศัพท์ เพราะสมาชิกบางคนต้องรอสายเรื่องลูก",
        ("ข้อตกลงข้อไหนที่ทำจริงได้ยาก และควรปรับอย่างไร",),
        ("ความยืดหยุ่นของข้อตกลง",),
        ("ภูมิใจ", "เหนื่อย"),
        (),
        "เตรียมทบทวนผลการดำเนินงานรอบแรก",
    ),
    9: _SessionText(
        (7, 9),
        "ทบทวนผลการดำเนินงานร่วมกันครั้งที่ 1",
        "กลุ่มให้คะแนนความก้าวหน้าของแต่ละเป้าหมายเอง อุปสรรคหลักคือสมาชิกบางคนออกจากบ้านมาประชุมไม่ได้",
        ("อะไรช่วยให้งานสำเร็จ และอะไรทำให้ติดขัด",),
        ("ความก้าวหน้า", "อุปสรรคในการมาประชุม"),
        ("ท้อ", "มีแรงขึ้น"),
        ("การเดินทางมาประชุมต้องใช้เงินและเวลา ซึ่งผู้หญิงที่ไม่มีรายได้เข้าถึงยาก",),
        "ขวัญกับใบเตยโทรถามไถ่สมาชิกที่ขาดประชุม",
    ),
    10: _SessionText(
        (7, 8, 10),
        "ติดตามงาน ค้นหาสถานการณ์ใหม่",
        "น้ำแจ้งว่าอดีตสามีกลับมาอยู่ในหมู่บ้าน กลุ่มช่วยกันคิดแผนความปลอดภัยเพิ่ม",
        ("เมื่อสถานการณ์เปลี่ยน เราจะช่วยกันอย่างไร",),
        ("ความปลอดภัยเมื่อผู้กระทำกลับมา",),
        ("กลัว", "ไม่โดดเดี่ยว"),
        ("ช่องว่างระหว่างคำสั่งของศาลกับการบังคับใช้จริงในชุมชน",),
        "ผู้ดำเนินกลุ่มประเมินสภาวะซ้ำรายบุคคลกับสมาชิกที่สถานการณ์เปลี่ยน",
    ),
    11: _SessionText(
        (7, 10, 11),
        "วิเคราะห์สถานการณ์ใหม่ร่วมกัน ผู้ดำเนินกลุ่มถอยมาเป็นผู้สังเกตการณ์",
        "ดาวนำการประชุมทั้งครั้ง สมาชิกเชื่อมโยงโครงการจ้างงานที่ถูกเลื่อน กับการพึ่งพิงรายได้ของสามี",
        ("ปัญหาของเราแต่ละคนเกี่ยวกับนโยบายและงบประมาณอย่างไร",),
        ("งานและรายได้", "นโยบายท้องถิ่น"),
        ("ผิดหวัง", "อยากลงมือทำ"),
        ("งานที่ผู้หญิงเลี้ยงลูกไปด้วยทำได้มีน้อย ทำให้พึ่งพิงผู้กระทำต่อไป",),
        "ปรับเป้าหมายเรื่องรายได้ในครั้งหน้า",
    ),
    12: _SessionText(
        (7, 11, 12),
        "ปรับเป้าหมายและแผน ตัดสินใจวางแผนต่อ",
        "กลุ่มปรับเป้าหมายเรื่องรายได้เป็นการหางานที่ทำได้ที่บ้านและการฝึกอาชีพ "
        "และยกเลิกข้อตกลงที่ให้ผู้ดำเนินกลุ่มเปิดปิดการประชุม",
        ("ถ้าไม่มีผู้ดำเนินกลุ่ม เราจะพบกันต่ออย่างไร",),
        ("การพึ่งตนเองของกลุ่ม",),
        ("มั่นใจขึ้น",),
        (),
        "ทบทวนผลการดำเนินงานรอบที่สอง",
    ),
    13: _SessionText(
        (7, 9, 12),
        "ทบทวนผลการดำเนินงานร่วมกันครั้งที่ 2 ผู้ดำเนินกลุ่มเชื่อมโยงทรัพยากร",
        "เป้าหมายเรื่องแผนความปลอดภัยบรรลุครบทุกคน กลุ่มแต่งตั้งขวัญเป็นสมาชิกผู้ประสานกลุ่ม "
        "ผู้ดำเนินกลุ่มแนะนำศูนย์ฝึกอาชีพและกองทุนที่สมาชิกขอได้",
        ("เราเปลี่ยนไปอย่างไรตั้งแต่ครั้งแรก",),
        ("ความสำเร็จ", "บทบาทผู้นำของสมาชิก"),
        ("ภูมิใจ", "ใจหาย"),
        (),
        "ดาวเตรียมนำการประชุมครั้งหน้าเอง",
    ),
    14: _SessionText(
        (7, 12),
        "สมาชิกนำการประชุมเอง ผู้ดำเนินกลุ่มสังเกตการณ์",
        "ดาวและขวัญนำการประชุม ใบเตยเล่าเรื่องของตนเองในกลุ่มเป็นครั้งแรก กลุ่มวางตารางผู้นำหมุนเวียน",
        ("เราจะดูแลเพื่อนที่ยังไม่พร้อมอย่างไร",),
        ("การดูแลกันเอง",),
        ("ซาบซึ้ง",),
        ("การพูดเรื่องความรุนแรงในที่สาธารณะช่วยเปลี่ยนความเชื่อของชุมชน",),
        "เตรียมถอดบทเรียนครั้งสุดท้ายที่มีผู้ดำเนินกลุ่ม",
    ),
    15: _SessionText(
        (7, 12),
        "ถอดบทเรียนและส่งมอบบทบาทผู้นำให้สมาชิก",
        "กลุ่มถอดบทเรียนสิ่งที่ได้ผลและไม่ได้ผล ผู้ดำเนินกลุ่มเปลี่ยนบทบาทเป็นที่ปรึกษา "
        "กลุ่มจะพบกันเองเดือนละสองครั้งที่ห้องประชุมเทศบาล",
        ("อะไรที่อยากส่งต่อให้ผู้หญิงที่จะมาเข้ากลุ่มรุ่นต่อไป",),
        ("การถอดบทเรียน", "การส่งต่อ"),
        ("อิ่มใจ", "กังวลเล็กน้อย"),
        ("กลุ่มของผู้หญิงเองเป็นระบบสนับสนุนที่ชุมชนขาดอยู่",),
        "ดาวนำการประชุมครั้งต่อไป ผู้ดำเนินกลุ่มรับปรึกษาทางโทรศัพท์",
    ),
}
_CANCEL_REASON = "ฝนตกหนักจนน้ำท่วมถนนเข้าสำนักงาน จึงเลื่อนการประชุมออกไป"

_EXCUSES = (
    "ลูกไม่สบาย",
    "ต้องไปทำงานรับจ้างวันนั้น",
    "ไปตามนัดที่โรงพยาบาล",
    "ไปศาลตามนัด",
)

_MARK_NOTES = {
    m.GroupMarkKind.SILENCE: ("เงียบไปนานหลังน้ำเล่าเรื่อง", "เงียบหลังคำถามเรื่องการโทษตัวเอง"),
    m.GroupMarkKind.CONFLICT: (
        "มะลิกับฝนเห็นต่างเรื่องการแจ้งความ",
        "ถกเถียงเรื่องการบอกญาติหรือไม่",
    ),
    m.GroupMarkKind.LAUGHTER: ("หัวเราะกันตอนเล่าเรื่องลูก", "ขำกับเรื่องการหลงทางมาประชุม"),
    m.GroupMarkKind.BREAKTHROUGH: (
        "สมาชิกพูดว่าไม่ใช่ความผิดของเรา",
        "ใบเตยเล่าเรื่องของตัวเองเป็นครั้งแรก",
    ),
}

# --- rules, issues, goals, tasks ----------------------------------------------------------

# (key, text, proposed by pseudonym or "", agreed at session)
_RULES = (
    ("secret", "สิ่งที่เพื่อนเล่าในกลุ่มอยู่ในกลุ่ม ไม่นำไปเล่าต่อ", "ฝน", 2),
    ("phone", "ปิดเสียงโทรศัพท์ระหว่างการประชุม", "", 2),
    ("listen", "ฟังจนเพื่อนพูดจบ ไม่ตัดสินและไม่สั่งสอน", "ดาว", 3),
    ("notice", "ถ้ามาไม่ได้ ให้แจ้งผู้ดำเนินกลุ่มหรือเพื่อนสมาชิกล่วงหน้า", "มะลิ", 3),
    ("opening", "ผู้ดำเนินกลุ่มเป็นผู้เปิดและปิดการประชุมทุกครั้ง", "", 3),
)
_PHONE_RULE_REVISED = (
    "ปิดเสียงโทรศัพท์ระหว่างการประชุม ยกเว้นสมาชิกที่ต้องรอสายเรื่องลูกหรือเรื่องความปลอดภัย ซึ่งแจ้งกลุ่มไว้ก่อน"
)

_ISSUES = (
    ("safety", "ความไม่ปลอดภัยในบ้านและการไม่มีแผนรับมือ", "สมาชิกหลายคนยังอยู่กับผู้กระทำ"),
    ("money", "การพึ่งพิงรายได้ของผู้กระทำ", "ไม่มีรายได้ของตนเอง จึงออกจากความรุนแรงได้ยาก"),
    ("blame", "ความรู้สึกผิดและการโทษตัวเอง", "เชื่อว่าตนเองเป็นต้นเหตุของความรุนแรง"),
    ("rights", "ไม่รู้สิทธิและขั้นตอนทางกฎหมาย", "ไม่รู้เรื่องคำสั่งคุ้มครองและสิทธิสวัสดิการ"),
)

# (key, title, horizon, priority, issue keys, member pseudonym or None)
_GOALS = (
    (
        "plan",
        "สมาชิกทุกคนมีแผนความปลอดภัยของตนเองและรู้ช่องทางขอความช่วยเหลือ",
        m.GoalHorizon.SHORT_TERM,
        1,
        ("safety",),
        None,
    ),
    (
        "rights",
        "สมาชิกเข้าถึงความคุ้มครองตามกฎหมายและบริการที่ตนมีสิทธิ",
        m.GoalHorizon.SHORT_TERM,
        2,
        ("rights", "safety"),
        None,
    ),
    (
        "income",
        "สมาชิกมีรายได้ของตนเองเพื่อลดการพึ่งพิงผู้กระทำ",
        m.GoalHorizon.LONG_TERM,
        3,
        ("money",),
        None,
    ),
    (
        "own",
        "กลุ่มพบกันต่อได้เองโดยมีสมาชิกเป็นผู้นำ",
        m.GoalHorizon.LONG_TERM,
        4,
        ("blame",),
        None,
    ),
    ("lead", "นำการประชุมกลุ่มได้ด้วยตนเอง", m.GoalHorizon.LONG_TERM, 1, (), "ดาว"),
    ("order", "ยื่นขอคำสั่งคุ้มครองชั่วคราว", m.GoalHorizon.SHORT_TERM, 1, ("rights",), "น้ำ"),
    (
        "voice",
        "เล่าเรื่องของตนเองในกลุ่มได้อย่างน้อยหนึ่งครั้ง",
        m.GoalHorizon.SHORT_TERM,
        1,
        ("blame",),
        "ใบเตย",
    ),
    ("job", "หางานที่ทำที่บ้านได้", m.GoalHorizon.LONG_TERM, 1, ("money",), "พลอย"),
    ("care", "หาที่รับเลี้ยงลูกตอนกลางวัน", m.GoalHorizon.SHORT_TERM, 1, ("money",), "ฝน"),
)
# Goal state after the second review: (status, progress)
_GOAL_STATE = {
    "plan": (m.GoalStatus.ACHIEVED, 100),
    "rights": (m.GoalStatus.ACTIVE, 70),
    "income": (m.GoalStatus.REVISED, 40),
    "own": (m.GoalStatus.ACTIVE, 60),
    "lead": (m.GoalStatus.ACHIEVED, 100),
    "order": (m.GoalStatus.ACTIVE, 50),
    "voice": (m.GoalStatus.ACHIEVED, 100),
    "job": (m.GoalStatus.ACTIVE, 60),
    "care": (m.GoalStatus.ACTIVE, 20),
}

_F = m.FACILITATOR


@dataclass(frozen=True)
class _TaskText:
    title: str
    assignees: tuple[str, ...]
    goal: str
    agreed: int
    due: tuple[int, int]
    """(session number, days after it)."""
    status: m.TaskStatus
    done: int | None = None
    description: str = ""


_TASKS = (
    _TaskText(
        "ติดต่อศูนย์พึ่งได้เพื่อขอข้อมูลบริการและสิทธิการรักษา",
        ("ฝน", "แก้ว"),
        "rights",
        7,
        (8, 0),
        m.TaskStatus.DONE,
        8,
    ),
    _TaskText("ทำการ์ดเบอร์โทรฉุกเฉินให้สมาชิกพกติดตัว", ("ดาว",), "plan", 7, (8, 0), m.TaskStatus.DONE, 8),
    _TaskText(
        "ประสานนิติกรเรื่องการขอคำสั่งคุ้มครองชั่วคราว",
        (_F, "ขวัญ"),
        "rights",
        7,
        (9, 0),
        m.TaskStatus.DONE,
        9,
    ),
    _TaskText(
        "ไปเป็นเพื่อนน้ำยื่นเรื่องที่สถานีตำรวจ", ("ขวัญ", "รุ้ง"), "rights", 8, (10, 0), m.TaskStatus.DONE, 10
    ),
    _TaskText(
        "สอบถามหลักสูตรของศูนย์ฝึกอาชีพจังหวัด",
        ("พลอย", "มะลิ"),
        "income",
        8,
        (10, 0),
        m.TaskStatus.IN_PROGRESS,
    ),
    _TaskText("โทรถามไถ่สมาชิกที่ขาดประชุม", ("ใบเตย", "ฟ้า"), "own", 9, (11, 0), m.TaskStatus.DONE, 11),
    _TaskText(
        "ทำแผนความปลอดภัยรายบุคคลให้ครบทุกคน", ("ดาว", _F), "plan", 9, (12, 0), m.TaskStatus.DONE, 12
    ),
    _TaskText(
        "ขอเงินสงเคราะห์ครอบครัวให้สมาชิกที่ขาดรายได้",
        (_F,),
        "income",
        10,
        (12, 0),
        m.TaskStatus.DROPPED,
        description="ยกเลิก เพราะสมาชิกที่ขาดรายได้ได้งานพิเศษแล้วและขอให้ช่วยคนอื่นก่อน",
    ),
    _TaskText(
        "ติดต่อศูนย์พัฒนาเด็กเล็กเรื่องรับฝากลูกตอนกลางวัน", ("ฝน",), "income", 10, (13, 0), m.TaskStatus.OPEN
    ),
    _TaskText(
        "สำรวจสิทธิบัตรสวัสดิการแห่งรัฐของสมาชิก", ("ขวัญ",), "rights", 11, (13, 0), m.TaskStatus.DONE, 13
    ),
    _TaskText(
        "เตรียมเรื่องเล่าประสบการณ์สำหรับเวทีประชาคมหมู่บ้าน",
        ("ดาว", "มะลิ", "แก้ว"),
        "own",
        12,
        (14, 0),
        m.TaskStatus.IN_PROGRESS,
    ),
    _TaskText(
        "ร่างใบปลิวเชิญผู้หญิงในชุมชนมาเข้ากลุ่มรุ่นต่อไป",
        ("แก้ว",),
        "own",
        12,
        (14, 0),
        m.TaskStatus.DROPPED,
        description="กลุ่มตกลงรอให้มีขั้นตอนคัดกรองความปลอดภัยของผู้สมัครก่อน",
    ),
    _TaskText(
        "ขอใช้ห้องประชุมเทศบาลหลังโครงการสิ้นสุด", ("รุ้ง",), "own", 13, (15, 0), m.TaskStatus.DONE, 15
    ),
    _TaskText(
        "ทำสมุดรายชื่อหน่วยงานช่วยเหลือฉบับของกลุ่ม",
        ("น้ำ", "พลอย"),
        "rights",
        13,
        (15, 10),
        m.TaskStatus.IN_PROGRESS,
    ),
    _TaskText("ติดตามผลการขอคำสั่งคุ้มครองของน้ำ", ("ขวัญ",), "rights", 14, (15, 0), m.TaskStatus.OPEN),
    _TaskText(
        "วางตารางผู้นำการประชุมหมุนเวียนสามเดือน", ("ดาว", "ขวัญ"), "own", 14, (15, 14), m.TaskStatus.OPEN
    ),
    _TaskText("นัดเยี่ยมบ้านใบเตยร่วมกับอาสาสมัคร", (_F, "ฟ้า"), "plan", 15, (15, 7), m.TaskStatus.OPEN),
)

# --- assessments ----------------------------------------------------------------------------

_BPS = (
    "นอนไม่หลับ ปวดศีรษะบ่อย มีอาการตกใจง่าย",
    "มีรอยฟกช้ำเก่า สุขภาพกายโดยรวมปกติ แต่มีความเครียดสูง",
    "รู้สึกเศร้าเกือบทุกวัน เบื่ออาหาร ไม่อยากพบผู้คน",
    "สุขภาพกายแข็งแรง มีความวิตกกังวลเรื่องอนาคตของลูก",
)
_FAMILY = (
    "อยู่กับสามีและลูกสองคน ญาติฝ่ายตนเองอยู่ต่างอำเภอ",
    "แยกกันอยู่กับสามีแล้ว อยู่กับแม่และลูก",
    "อยู่กับสามีที่ดื่มสุราเป็นประจำ ลูกเห็นเหตุการณ์บ่อย",
    "หย่าร้างแล้ว อดีตสามียังมาหาที่บ้านเป็นระยะ",
)
_RISKS = (
    "ยังถูกข่มขู่ทางโทรศัพท์เป็นครั้งคราว",
    "ผู้กระทำยังอยู่บ้านเดียวกัน มีประวัติใช้อาวุธ",
    "ความเสี่ยงลดลงหลังย้ายออกมา แต่ยังถูกติดตาม",
)
_NEEDS = (
    "ต้องการรายได้ของตนเองและที่ฝากลูก",
    "ต้องการความรู้เรื่องคำสั่งคุ้มครองและการแจ้งความ",
    "ต้องการที่ปรึกษาและเพื่อนที่เข้าใจ",
    "ต้องการที่พักชั่วคราวหากเกิดเหตุซ้ำ",
)
_STRENGTHS = (
    "รักลูกและอยากให้ลูกปลอดภัย",
    "มีฝีมือทำขนมและเย็บผ้า",
    "พูดเก่ง กล้าถาม",
    "อดทน มีเพื่อนบ้านที่ช่วยเหลือ",
)
_REASSESSED = ("น้ำ", "ดาว", "ใบเตย", "มะลิ")

# --- stage narratives -----------------------------------------------------------------------

_NARRATIVES = {
    1: "ผู้ใช้บริการทั้งหมดผ่านการแรกรับและการช่วยเหลือรายกรณีมาแล้ว ผู้ดำเนินกลุ่มเห็นว่าแต่ละคนยังรู้สึกโดดเดี่ยวและโทษตัวเอง "
    "การใช้วิธีการกลุ่มจะช่วยให้เห็นว่าปัญหาเป็นเรื่องที่ผู้หญิงหลายคนเผชิญร่วมกัน และสร้างแหล่งสนับสนุนที่อยู่ต่อได้",
    2: "ผู้ดำเนินกลุ่มโทรเชิญผู้ใช้บริการสิบสองคนและพบรายบุคคลเพื่ออธิบายวัตถุประสงค์และกิจกรรม สิบคนตัดสินใจเข้าร่วม "
    "หนึ่งคนปฏิเสธเพราะกลัวสามีรู้ และอีกหนึ่งคนถอนตัวเพราะย้ายที่อยู่ สมาชิกกำหนดกติกาการรับสมาชิกใหม่เอง",
    3: "กิจกรรมวาดภาพและการเล่าเรื่องทีละคนทำให้สมาชิกเริ่มไว้ใจกัน ในครั้งที่สามสมาชิกหลายคนพูดว่าไม่คิดว่าจะมีคนอื่นเจอเรื่องแบบเดียวกัน "
    "ซึ่งเป็นสัญญาณว่ากลุ่มเริ่มมองปัญหาเป็นเรื่องร่วมกัน",
    4: "สมาชิกเสนอและลงมติข้อตกลงห้าข้อ ต่อมาได้แก้ข้อตกลงเรื่องโทรศัพท์ให้ยืดหยุ่นขึ้น "
    "และยกเลิกข้อที่ให้ผู้ดำเนินกลุ่มเปิดปิดการประชุมเมื่อสมาชิกนำเองได้",
    5: "ผู้ดำเนินกลุ่มประเมินสภาวะสมาชิกรายบุคคลครบสี่ด้าน พบว่าความรุนแรงและความเจ็บปวดที่แต่ละคนรู้สึกแตกต่างกันมาก "
    "จากนั้นกลุ่มเลือกประเด็นที่จะทำงานร่วมกันสี่เรื่อง",
    6: "สมาชิกตั้งเป้าหมายของตนเองก่อน แล้วจึงช่วยกันเรียงลำดับเป้าหมายร่วมของกลุ่ม "
    "ความปลอดภัยมาเป็นลำดับแรก ตามด้วยการเข้าถึงสิทธิ รายได้ และการดำเนินกลุ่มต่อด้วยตนเอง",
    7: "ทุกครั้งของการประชุมมีการตั้งคำถามให้สมาชิกทบทวนตนเอง สมาชิกค่อย ๆ เชื่อมโยงเรื่องของตนกับความเชื่อว่าเรื่องในบ้านไม่ควรพูด "
    "การขาดรายได้ของผู้หญิง และช่องว่างของการบังคับใช้กฎหมาย",
    8: "กลุ่มแบ่งงานตามความถนัด บางคนติดต่อหน่วยงาน บางคนดูแลเพื่อนที่ยังไม่พร้อม "
    "งานส่วนใหญ่เสร็จตามกำหนด บางงานยกเลิกเมื่อสถานการณ์เปลี่ยน และยังมีงานค้างที่กลุ่มติดตามต่อ",
    9: "กลุ่มทบทวนผลการดำเนินงานสองครั้ง ให้คะแนนความก้าวหน้าของเป้าหมายเอง และแก้อุปสรรคเรื่องการมาประชุม "
    "ในการทบทวนครั้งที่สองกลุ่มแต่งตั้งขวัญเป็นสมาชิกผู้ประสานกลุ่ม",
    10: "พบสถานการณ์ใหม่ทั้งระดับสมาชิกและระดับกลุ่ม ผู้ดำเนินกลุ่มประเมินสภาวะซ้ำกับสมาชิกสี่คน "
    "ความเสี่ยงของน้ำสูงขึ้นขณะที่ของอีกสามคนลดลง",
    11: "สมาชิกช่วยกันวิเคราะห์ว่าการเลื่อนโครงการจ้างงานและการกลับมาของผู้กระทำเกี่ยวกับสภาพแวดล้อมอย่างไร "
    "แล้วปรับเป้าหมายเรื่องรายได้และแผนความปลอดภัย",
    12: "กลุ่มตัดสินใจพบกันต่อเองเดือนละสองครั้ง ผู้ดำเนินกลุ่มถอยจากผู้นำเป็นผู้ร่วมนำ ผู้สังเกตการณ์ ผู้เชื่อมโยงทรัพยากร "
    "และที่ปรึกษาตามลำดับ ดาวซึ่งผ่านประสบการณ์เดียวกันมาเป็นผู้นำกลุ่ม",
}
_STAGE_SPAN = {
    # stage: (start session or negative days before session 1, completed at session)
    1: (-30, 1),
    2: (-21, 2),
    3: (1, 3),
    4: (2, 3),
    5: (3, 4),
    6: (4, 5),
    7: (3, 15),
    8: (7, 12),
    9: (9, 13),
    10: (10, 11),
    11: (11, 12),
    12: (12, 15),
}

# (facilitator role, session, member pseudonym, what the member takes on, notes)
_HANDOVER = (
    (m.FacilitatorRole.LEADING, 1, None, "", "ผู้ดำเนินกลุ่มนำทุกกิจกรรมในระยะแรก"),
    (m.FacilitatorRole.CO_LEADING, 8, "ดาว", "ร่วมนำการประชุม เปิดการประชุมและชวนเพื่อนรายงานงาน", ""),
    (
        m.FacilitatorRole.OBSERVING,
        11,
        "ดาว",
        "นำการประชุมทั้งครั้ง",
        "ผู้ดำเนินกลุ่มนั่งสังเกตการณ์และสรุปท้ายการประชุม",
    ),
    (
        m.FacilitatorRole.RESOURCE_LINKING,
        13,
        "ขวัญ",
        "ประสานงานกับหน่วยงานแทนกลุ่ม",
        "แนะนำศูนย์ฝึกอาชีพและกองทุนที่สมาชิกขอได้",
    ),
    (m.FacilitatorRole.CONSULTING, 15, "ดาว", "ผู้นำกลุ่ม", "ผู้ดำเนินกลุ่มรับปรึกษาทางโทรศัพท์เมื่อกลุ่มต้องการ"),
)


class _DemoBuilder:
    """Writes the demo group; one method per part, called in a fixed order."""

    def __init__(self, store: Store, seed: int, today: date) -> None:
        self.store = store
        self.seed = seed
        self.today = today
        self.rng = random.Random(seed)
        last = today - timedelta(days=2)
        first = last - timedelta(days=_DAYS_BETWEEN_SESSIONS * (_SESSION_COUNT - 1))
        self.dates = {
            n: first + timedelta(days=_DAYS_BETWEEN_SESSIONS * (n - 1))
            for n in range(1, _SESSION_COUNT + 1)
        }
        self.group_id = self.id("group", "demo")
        self.member_ids: dict[str, str] = {}
        self.session_ids: dict[int, str] = {}
        self.goal_ids: dict[str, str] = {}
        self.issue_ids: dict[str, str] = {}

    def id(self, kind: str, key: object) -> str:
        """A stable id: the same seed, kind and key always give the same one."""
        return uuid.uuid5(_NAMESPACE, f"groupwork-demo/{self.seed}/{kind}/{key}").hex

    def at(self, day: date, hour: int = 6, minute: int = 30) -> datetime:
        return datetime.combine(day, time(hour, minute, tzinfo=UTC))

    def add(self, record: m.Record) -> None:
        self.store.add(record)

    # --- parts -------------------------------------------------------------------

    def build(self) -> m.Group:
        group = self.group()
        self.members()
        self.sessions()
        self.rules()
        self.assessments()
        self.issues_and_goals()
        self.tasks()
        self.participation()
        self.ratings()
        self.reviews()
        self.situations()
        self.handover()
        self.stages()
        self.add(
            m.Endorsement(
                id=self.id("endorsement", 1),
                group_id=self.group_id,
                name="นางวราภรณ์ ศรีสุข",
                position="หัวหน้ากลุ่มการพัฒนาสังคมและสวัสดิการ",
                endorsed_on=self.today,
            )
        )
        return group

    def group(self) -> m.Group:
        group = m.Group(
            id=self.group_id,
            name=DEMO_GROUP_NAME,
            referral_sources=[_HOSPITAL, _HOTLINE, _POLICE, _SHELTER],
            formality=m.Formality.FORMAL,
            openness=m.Openness.CLOSED,
            facilitators=_FACILITATORS,
            planned_sessions=_SESSION_COUNT,
            start_date=self.dates[1],
            current_stage=12,
            status=m.GroupStatus.ACTIVE,
            created_at=self.at(self.dates[1] - timedelta(days=35), 2, 0),
            **_GROUP_TEXT,
        )
        self.add(group)
        return group

    def members(self) -> None:
        first = self.dates[1]
        for i, person in enumerate(_MEMBERS, start=1):
            member_id = self.id("member", person.pseudonym)
            self.member_ids[person.pseudonym] = member_id
            role = m.MemberRole.MEMBER
            if person.pseudonym == _LEADER:
                role = m.MemberRole.MEMBER_LEADER
            elif person.pseudonym == _COORDINATOR:
                role = m.MemberRole.MEMBER_COORDINATOR
            self.add(
                m.Member(
                    id=member_id,
                    group_id=self.group_id,
                    real_name=person.real_name,
                    pseudonym=person.pseudonym,
                    joined_on=first,
                    referral_source=person.referral_source,
                    decision=m.SelectionDecision.SELECTED,
                    decision_reason="ผ่านเกณฑ์การคัดเลือกและสมัครใจเข้าร่วม",
                    decided_on=first - timedelta(days=7),
                    orientation_given=True,
                    role=role,
                    notes=f"รหัสสมาชิก M{i:02d}",
                )
            )
            scopes = [m.ConsentScope.RECORDED]
            if person.named_in_reports:
                scopes.append(m.ConsentScope.SHARED_IN_REPORT)
            if person.agencies:
                scopes.append(m.ConsentScope.SHARED_WITH_AGENCIES)
            consent = m.Consent(
                id=self.id("consent", person.pseudonym),
                group_id=self.group_id,
                member_id=member_id,
                given_on=first - timedelta(days=10),
                scopes=scopes,
                agencies=list(person.agencies),
                notes="อธิบายวัตถุประสงค์ของการบันทึกและสิทธิที่จะปฏิเสธได้ทุกเมื่อแล้ว",
            )
            self.add(consent)
        # แก้ later asked not to be named: a new consent record, the old one stays as history.
        self.add(
            m.Consent(
                id=self.id("consent", "แก้ว/2"),
                group_id=self.group_id,
                member_id=self.member_ids["แก้ว"],
                given_on=self.dates[10],
                scopes=[m.ConsentScope.RECORDED, m.ConsentScope.SHARED_WITH_AGENCIES],
                agencies=[_HOSPITAL],
                notes="ขอไม่ให้ระบุชื่อจริงในรายงาน เพราะญาติของอดีตสามีทำงานในหน่วยงานที่อาจได้อ่าน",
            )
        )
        for real_name, code, decision, reason, oriented in _CANDIDATES:
            self.member_ids[code] = self.id("member", code)
            self.add(
                m.Member(
                    id=self.member_ids[code],
                    group_id=self.group_id,
                    real_name=real_name,
                    pseudonym=code,
                    referral_source=_HOTLINE,
                    decision=decision,
                    decision_reason=reason,
                    decided_on=first - timedelta(days=5),
                    orientation_given=oriented,
                )
            )

    def selected(self) -> list[str]:
        return [p.pseudonym for p in _MEMBERS]

    def sessions(self) -> None:
        for n in range(1, _SESSION_COUNT + 1):
            session_id = self.id("session", n)
            self.session_ids[n] = session_id
            day = self.dates[n]
            if n == _CANCELLED_SESSION:
                self.add(
                    m.Session(
                        id=session_id,
                        group_id=self.group_id,
                        number=n,
                        held_on=day,
                        status=m.SessionStatus.CANCELLED,
                        cancel_reason=_CANCEL_REASON,
                        plan="ติดตามความคืบหน้าของเป้าหมายและเตรียมแบ่งงาน",
                    )
                )
                continue
            text = _SESSIONS[n]
            start = datetime.combine(day, _SESSION_START)
            self.add(
                m.Session(
                    id=session_id,
                    group_id=self.group_id,
                    number=n,
                    held_on=day,
                    started_at=start,
                    ended_at=start + _SESSION_LENGTH,
                    status=m.SessionStatus.HELD,
                    stages=list(text.stages),
                    plan=text.plan,
                    notes=text.notes,
                    questions=list(text.questions),
                    themes=list(text.themes),
                    feelings=list(text.feelings),
                    society_links=list(text.society_links),
                    next_steps=text.next_steps,
                )
            )
            self.attendance(n, start)

    def attendance(self, n: int, start: datetime) -> None:
        rng = self.rng
        for pseudonym in self.selected():
            roll = rng.random()
            if pseudonym == _LOW_ATTENDANCE:
                roll = roll * 0.8 + 0.2  # she misses more sessions: work shifts
            status, reason = m.AttendanceStatus.PRESENT, ""
            if roll > 0.93:
                status = m.AttendanceStatus.ABSENT
            elif roll > 0.84:
                status, reason = m.AttendanceStatus.EXCUSED, rng.choice(_EXCUSES)
            elif roll > 0.74:
                status = m.AttendanceStatus.LATE
            self.add(
                m.Attendance(
                    id=self.id("attendance", f"{n}/{pseudonym}"),
                    session_id=self.session_ids[n],
                    member_id=self.member_ids[pseudonym],
                    status=status,
                    reason=reason,
                    recorded_at=start,
                )
            )

    def held(self) -> list[int]:
        return [n for n in range(1, _SESSION_COUNT + 1) if n != _CANCELLED_SESSION]

    def present(self, n: int) -> list[str]:
        marks = self.store.attendance(self.session_ids[n])
        by_id = {mark.member_id: mark for mark in marks}
        return [
            p
            for p in self.selected()
            if by_id[self.member_ids[p]].status
            in (m.AttendanceStatus.PRESENT, m.AttendanceStatus.LATE)
        ]

    def participation(self) -> None:
        """Turns per session; the facilitator's share falls as members take over."""
        rng = self.rng
        held = self.held()
        people = {p.pseudonym: p for p in _MEMBERS}
        member_kinds = [
            m.TurnKind.SPOKE,
            m.TurnKind.ASKED,
            m.TurnKind.SUPPORTED,
            m.TurnKind.CHALLENGED,
        ]
        facilitator_kinds = [m.TurnKind.ASKED, m.TurnKind.SPOKE, m.TurnKind.SUPPORTED]
        for index, n in enumerate(held):
            progress = index / (len(held) - 1)
            facilitator_share = 0.55 - 0.45 * progress
            present = self.present(n)
            weights = [
                people[p].talk_start + (people[p].talk_end - people[p].talk_start) * progress
                for p in present
            ]
            at = datetime.combine(self.dates[n], _SESSION_START) + timedelta(minutes=5)
            previous: str | None = None
            for turn in range(rng.randint(34, 48)):
                if rng.random() < facilitator_share:
                    actor = m.FACILITATOR
                    kind = rng.choices(facilitator_kinds, weights=[5, 4, 1])[0]
                else:
                    actor = self.member_ids[rng.choices(present, weights=weights)[0]]
                    kind = rng.choices(member_kinds, weights=[55, 15, 22, 8])[0]
                duration = round(rng.uniform(8, 120), 1) if rng.random() < 0.7 else None
                responds_to = (
                    previous if previous and previous != actor and rng.random() < 0.65 else None
                )
                self.add(
                    m.ParticipationEvent(
                        id=self.id("turn", f"{n}/{turn}"),
                        session_id=self.session_ids[n],
                        actor_id=actor,
                        kind=kind,
                        at=at,
                        duration_seconds=duration,
                        responds_to_id=responds_to,
                    )
                )
                at += timedelta(seconds=(duration or 40) + rng.uniform(2, 15))
                previous = actor
            self.marks(n)

    def marks(self, n: int) -> None:
        rng = self.rng
        start = datetime.combine(self.dates[n], _SESSION_START)
        kinds = list(_MARK_NOTES)
        for k in range(rng.randint(1, 3)):
            kind = rng.choice(kinds)
            self.add(
                m.GroupMark(
                    id=self.id("mark", f"{n}/{k}"),
                    session_id=self.session_ids[n],
                    kind=kind,
                    at=start + timedelta(minutes=rng.randint(10, 110)),
                    notes=rng.choice(_MARK_NOTES[kind]),
                )
            )

    def rules(self) -> None:
        for key, text, proposer, session in _RULES:
            rule = m.GroundRule(
                id=self.id("rule", key),
                group_id=self.group_id,
                text=text,
                proposed_by=proposer or "ผู้ดำเนินกลุ่ม",
                proposed_by_member_id=self.member_ids[proposer] if proposer else None,
                agreed_on=self.dates[session],
            )
            if key == "phone":
                rule.revisions = [
                    m.RuleRevision(
                        revised_on=self.dates[8],
                        previous_text=text,
                        reason="สมาชิกบางคนต้องรอสายจากโรงเรียนของลูกหรือจากตำรวจ",
                    )
                ]
                rule.text = _PHONE_RULE_REVISED
            if key == "opening":
                rule.retired_on = self.dates[12]
                rule.retired_reason = "สมาชิกผลัดกันนำการประชุมเองแล้ว"
            self.add(rule)

    def assessments(self) -> None:
        rng = self.rng
        on = self.dates[3] + timedelta(days=3)
        severities: dict[str, int] = {}
        for p in self.selected():
            severity = rng.randint(4, 9)
            severities[p] = severity
            level = (
                m.RiskLevel.HIGH
                if severity >= 8
                else m.RiskLevel.MEDIUM
                if severity >= 6
                else m.RiskLevel.LOW
            )
            self.add(self.assessment(p, m.AssessmentKind.INITIAL, on, severity, level))
        for p in _REASSESSED:
            if p == "น้ำ":  # her former husband came back: the risk rose
                severity, level = min(10, severities[p] + 1), m.RiskLevel.HIGH
            else:
                severity, level = max(1, severities[p] - rng.randint(2, 4)), m.RiskLevel.LOW
            self.add(
                self.assessment(p, m.AssessmentKind.REASSESSMENT, self.dates[11], severity, level)
            )

    def assessment(
        self, p: str, kind: m.AssessmentKind, on: date, severity: int, level: m.RiskLevel
    ) -> m.Assessment:
        rng = self.rng
        return m.Assessment(
            id=self.id("assessment", f"{kind}/{p}"),
            group_id=self.group_id,
            member_id=self.member_ids[p],
            kind=kind,
            assessed_on=on,
            bio_psycho_social=rng.choice(_BPS),
            family=rng.choice(_FAMILY),
            risk=rng.choice(_RISKS),
            risk_level=level,
            needs=rng.choice(_NEEDS),
            strengths=rng.choice(_STRENGTHS),
            severity=severity,
            notes="ประเมินรายบุคคลที่ห้องให้คำปรึกษา" if kind == m.AssessmentKind.INITIAL else "",
        )

    def issues_and_goals(self) -> None:
        for key, title, description in _ISSUES:
            self.issue_ids[key] = self.id("issue", key)
            self.add(
                m.GroupIssue(
                    id=self.issue_ids[key],
                    group_id=self.group_id,
                    title=title,
                    description=description,
                    raised_on=self.dates[4],
                )
            )
        for key, title, horizon, priority, issues, member in _GOALS:
            self.goal_ids[key] = self.id("goal", key)
            status, progress = _GOAL_STATE[key]
            self.add(
                m.Goal(
                    id=self.goal_ids[key],
                    group_id=self.group_id,
                    title=title,
                    member_id=self.member_ids[member] if member else None,
                    horizon=horizon,
                    priority=priority,
                    status=status,
                    progress=progress,
                    issue_ids=[self.issue_ids[i] for i in issues],
                    set_on=self.dates[5],
                    target_date=self.dates[5]
                    + timedelta(days=60 if horizon == m.GoalHorizon.SHORT_TERM else 180),
                    description=(
                        "ปรับจากการมีงานประจำเป็นงานที่ทำที่บ้านและการฝึกอาชีพ หลังโครงการจ้างงานถูกเลื่อน"
                        if status == m.GoalStatus.REVISED
                        else ""
                    ),
                )
            )

    def tasks(self) -> None:
        for i, spec in enumerate(_TASKS, start=1):
            session, offset = spec.due
            agreed_on = self.dates[spec.agreed]
            done_on = self.dates[spec.done] if spec.done else None
            self.add(
                m.Task(
                    id=self.id("task", i),
                    group_id=self.group_id,
                    title=spec.title,
                    description=spec.description,
                    assignee_ids=[self.member_ids.get(a, a) for a in spec.assignees],
                    goal_id=self.goal_ids[spec.goal],
                    agreed_session_id=self.session_ids[spec.agreed],
                    due_on=self.dates[session] + timedelta(days=offset),
                    status=spec.status,
                    done_session_id=self.session_ids[spec.done] if spec.done else None,
                    done_on=done_on,
                    created_at=self.at(agreed_on, 8),
                    updated_at=self.at(done_on or agreed_on, 8, 5),
                )
            )

    def ratings(self) -> None:
        """How safe members felt speaking in the group, rising over the sessions."""
        rng = self.rng
        scale_id = self.id("scale", "safety")
        self.add(
            m.RatingScale(
                id=scale_id,
                group_id=self.group_id,
                name="ความรู้สึกปลอดภัยที่จะพูดในกลุ่ม",
                minimum=1,
                maximum=5,
            )
        )
        held = self.held()
        for index, n in enumerate(held):
            progress = index / (len(held) - 1)
            for p in self.present(n):
                score = round(2 + 2.6 * progress + rng.uniform(-0.8, 0.8))
                self.add(
                    m.Rating(
                        id=self.id("rating", f"{n}/{p}"),
                        session_id=self.session_ids[n],
                        member_id=self.member_ids[p],
                        scale_id=scale_id,
                        score=float(min(5, max(1, score))),
                    )
                )

    def reviews(self) -> None:
        g = self.goal_ids
        first = {"plan": 60, "rights": 30, "income": 10, "own": 20}
        self.add(
            m.Review(
                id=self.id("review", 1),
                group_id=self.group_id,
                held_on=self.dates[9],
                session_id=self.session_ids[9],
                goal_progress=[
                    m.GoalProgressNote(goal_id=g[k], progress=v) for k, v in first.items()
                ],
                obstacles=[
                    m.Obstacle(
                        obstacle="สมาชิกบางคนออกจากบ้านมาประชุมไม่ได้เพราะสามีเฝ้าดู",
                        how_solved="นัดหมายผ่านกลุ่มไลน์ที่ตั้งชื่อกลาง ๆ และจัดเพื่อนไปรับ",
                    ),
                    m.Obstacle(
                        obstacle="ค่าเดินทางมาประชุม",
                        how_solved="ผู้ดำเนินกลุ่มขอสนับสนุนค่าพาหนะจากกองทุนคุ้มครองเด็กและครอบครัว",
                    ),
                ],
                successes="ทุกคนมีการ์ดเบอร์โทรฉุกเฉิน และรู้ขั้นตอนขอคำสั่งคุ้มครอง",
                weaknesses="เป้าหมายเรื่องรายได้ยังไม่คืบหน้า",
            )
        )
        second = {"plan": 100, "rights": 70, "income": 40, "own": 60}
        self.add(
            m.Review(
                id=self.id("review", 2),
                group_id=self.group_id,
                held_on=self.dates[13],
                session_id=self.session_ids[13],
                goal_progress=[
                    m.GoalProgressNote(
                        goal_id=g[k],
                        progress=v,
                        notes="บรรลุแล้ว" if v == 100 else "",
                    )
                    for k, v in second.items()
                ],
                obstacles=[
                    m.Obstacle(
                        obstacle="โครงการจ้างงานสตรีของเทศบาลถูกเลื่อน",
                        how_solved="ปรับเป้าหมายเป็นงานที่ทำที่บ้านและการฝึกอาชีพ",
                    ),
                    m.Obstacle(obstacle="ยังไม่มีที่รับเลี้ยงลูกตอนกลางวันสำหรับสมาชิกที่ทำงาน"),
                ],
                successes="สมาชิกนำการประชุมเองได้ และดูแลเพื่อนที่ขาดประชุม",
                weaknesses="งานบางชิ้นค้างเกินกำหนด เพราะติดต่อหน่วยงานได้ช้า",
                member_coordinator_id=self.member_ids[_COORDINATOR],
                notes="กลุ่มแต่งตั้งขวัญเป็นสมาชิกผู้ประสานกลุ่ม ทำหน้าที่คล้ายผู้จัดการรายกรณี",
            )
        )

    def situations(self) -> None:
        self.add(
            m.NewSituation(
                id=self.id("situation", "return"),
                group_id=self.group_id,
                level=m.SituationLevel.MEMBER,
                member_id=self.member_ids["น้ำ"],
                description="อดีตสามีของน้ำได้รับการปล่อยตัวชั่วคราวและกลับมาอยู่ในหมู่บ้านเดียวกัน",
                identified_on=self.dates[10],
                joint_analysis="สมาชิกเห็นว่าคำสั่งคุ้มครองบนกระดาษไม่พอ ต้องมีคนในชุมชนช่วยเฝ้าระวังด้วย",
                plan_changes="เพิ่มแผนความปลอดภัยของน้ำ และให้ขวัญติดตามคำสั่งคุ้มครอง",
                analysed_on=self.dates[11],
            )
        )
        self.add(
            m.NewSituation(
                id=self.id("situation", "jobs"),
                group_id=self.group_id,
                level=m.SituationLevel.GROUP,
                description="โครงการจ้างงานสตรีของเทศบาลที่สมาชิกหลายคนรอถูกเลื่อนเพราะงบประมาณ",
                identified_on=self.dates[11],
                joint_analysis="กลุ่มเชื่อมโยงว่าการขาดงานที่เหมาะกับแม่ที่เลี้ยงลูกทำให้ผู้หญิงต้องพึ่งพิงผู้กระทำ",
                plan_changes="ปรับเป้าหมายเรื่องรายได้ และขอข้อมูลศูนย์ฝึกอาชีพ",
                analysed_on=self.dates[12],
            )
        )
        self.add(
            m.NewSituation(
                id=self.id("situation", "work"),
                group_id=self.group_id,
                level=m.SituationLevel.MEMBER,
                member_id=self.member_ids["พลอย"],
                description="พลอยได้งานพิเศษที่ร้านอาหาร ทำให้มาประชุมได้ไม่สม่ำเสมอ",
                identified_on=self.dates[11],
                joint_analysis="เพื่อนสมาชิกยินดีกับพลอย และเห็นว่างานช่วยให้เธอพึ่งตนเองได้",
                plan_changes="ยกเลิกการขอเงินสงเคราะห์ และให้เพื่อนสรุปการประชุมให้พลอยทางโทรศัพท์",
                analysed_on=self.dates[12],
            )
        )

    def handover(self) -> None:
        for i, (role, session, member, member_role, notes) in enumerate(_HANDOVER, start=1):
            self.add(
                m.HandoverStep(
                    id=self.id("handover", i),
                    group_id=self.group_id,
                    taken_on=self.dates[session],
                    facilitator_role=role,
                    member_id=self.member_ids[member] if member else None,
                    member_role=member_role,
                    notes=notes,
                )
            )

    def stages(self) -> None:
        for stage, (start, end) in _STAGE_SPAN.items():
            started = self.dates[1] + timedelta(days=start) if start < 0 else self.dates[start]
            self.store.save_stage_progress(
                m.StageProgress(
                    id=self.id("stage", stage),
                    group_id=self.group_id,
                    stage=stage,
                    status=m.StageStatus.COMPLETED,
                    started_on=started,
                    completed_on=self.dates[end],
                    narrative=_NARRATIVES[stage],
                )
            )


def find_demo(store: Store) -> m.Group | None:
    """The demo group in ``store``, if it was already built."""
    found = store.find(m.Group, "name = ?", [DEMO_GROUP_NAME])
    return found[0] if found else None


def build_demo(store: Store, seed: int = 2569, today: date | None = None) -> m.Group:
    """Write the fictional demo group into ``store`` and return it.

    Sessions end two days before ``today`` (default: the real today), so some tasks are
    overdue. The same ``seed`` and ``today`` give an identical database. Everything is written
    in one transaction: an error leaves the store unchanged.
    """
    builder = _DemoBuilder(store, seed, today or date.today())
    # The check is inside the transaction (which holds the write lock): two commands adding
    # the demo at once then give one demo group and one "already exists".
    with store.transaction():
        if find_demo(store) is not None:
            raise GroupworkError(_("The demo group already exists; nothing was changed."))
        return builder.build()


__all__ = ["DEMO_GROUP_NAME", "build_demo", "find_demo"]
