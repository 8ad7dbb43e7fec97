"""A small group with real names planted in every free-text field the report quotes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from groupwork import models as m

# Real names that must never appear in a default report. Thai names are planted inside Thai
# sentences without spaces, as people write them.
REAL_NAMES = {
    "M1": "สมศรี ใจดี",
    "M2": "Malee Wongsawat",
    "M3": "นางบุญมา แสงทอง",
    "M4": "Pim Rattanakul",
}
PSEUDONYMS = {"M1": "ดาว", "M2": "Member B", "M3": "ฟ้า", "M4": "Member D"}
NAME_PARTS = ["สมศรี", "ใจดี", "Malee", "Wongsawat", "บุญมา", "แสงทอง", "Pim", "Rattanakul"]
TODAY = date(2026, 3, 31)


def build_small_group(store) -> m.Group:
    """Four members (one consents to be named), three held sessions, one cancelled."""
    group = store.add(
        m.Group(
            name="กลุ่มทานตะวัน",
            agency="สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดตัวอย่าง",
            facilitators=["Worker One"],
            problem_situation="สมาชิกถูกกระทำความรุนแรงในครอบครัว สมศรีเล่าว่าไม่กล้าบอกใคร",
            rationale="Malee and others felt alone; a group lets them see it is shared.",
            target_population="ผู้หญิงที่ถูกกระทำความรุนแรง",
            referral_sources=["OSCC hospital"],
            selection_criteria="อายุ 18 ปีขึ้นไป ผ่านการประเมินรายบุคคล",
            planned_sessions=4,
            start_date=date(2026, 1, 5),
            status=m.GroupStatus.ACTIVE,
        )
    )
    ids = {}
    for key in ("M1", "M2", "M3", "M4"):
        member = store.add(
            m.Member(
                group_id=group.id,
                real_name=REAL_NAMES[key],
                pseudonym=PSEUDONYMS[key],
                decision=m.SelectionDecision.SELECTED,
                decided_on=date(2026, 1, 2),
                referral_source="OSCC",
                decision_reason=f"ประเมินแล้ว{REAL_NAMES[key].split()[0]}พร้อมเข้ากลุ่ม",
                orientation_given=True,
            )
        )
        ids[key] = member.id
    store.add(
        m.Consent(
            group_id=group.id,
            member_id=ids["M2"],
            given_on=date(2026, 1, 2),
            scopes=[m.ConsentScope.RECORDED, m.ConsentScope.SHARED_IN_REPORT],
        )
    )
    store.add(
        m.Consent(
            group_id=group.id,
            member_id=ids["M1"],
            given_on=date(2026, 1, 2),
            scopes=[m.ConsentScope.RECORDED],
        )
    )
    # M3 consented to be named, then withdrew: the withdrawal is in force.
    store.add(
        m.Consent(
            group_id=group.id,
            member_id=ids["M3"],
            given_on=date(2026, 1, 2),
            scopes=[m.ConsentScope.RECORDED, m.ConsentScope.SHARED_IN_REPORT],
            withdrawn_on=date(2026, 2, 1),
        )
    )
    narratives = {
        1: "ทุกคนผ่านการรับเข้ารายบุคคลแล้ว คุณสมศรีใจดีและบุญมาเห็นว่าปัญหาคล้ายกัน",
        2: "Invited Pim Rattanakul by phone; Malee joined after a home visit.",
        4: "กลุ่มตั้งกติกาเอง แสงทองเสนอข้อแรก",
        7: "Dialogue moved from blame to structure.",
        12: "Pim now leads the opening round.",
    }
    for n in range(1, 13):
        status = m.StageStatus.COMPLETED if n <= 4 else m.StageStatus.NOT_STARTED
        store.save_stage_progress(
            m.StageProgress(
                group_id=group.id,
                stage=n,
                status=status if n not in (7, 12) else m.StageStatus.IN_PROGRESS,
                started_on=date(2026, 1, 5) if n <= 4 or n in (7, 12) else None,
                completed_on=date(2026, 1, 19) if n <= 4 else None,
                narrative=narratives.get(n, ""),
            )
        )
    base = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    sessions = []
    for number in range(1, 5):
        held = number != 3
        session = store.add(
            m.Session(
                group_id=group.id,
                number=number,
                held_on=date(2026, 1, 5) + timedelta(weeks=number - 1),
                status=m.SessionStatus.HELD if held else m.SessionStatus.CANCELLED,
                cancel_reason="" if held else "น้ำท่วม",
                stages=[2, 3] if number == 1 else [4, 7] if number == 2 else [7, 12],
                themes=[f"ความไว้ใจ {number}", "Malee spoke of shame"] if held else [],
                questions=["อะไรทำให้สมศรีเงียบ?"] if held else [],
                feelings=["โล่งใจ"] if held else [],
                notes="Pim arrived late" if held else "",
            )
        )
        sessions.append(session)
    statuses = {
        1: ["present", "present", "late", "absent"],
        2: ["present", "excused", "present", "present"],
        4: ["present", "present", "present", "late"],
    }
    for number, marks in statuses.items():
        for key, status in zip(("M1", "M2", "M3", "M4"), marks, strict=True):
            store.record_attendance(sessions[number - 1].id, ids[key], m.AttendanceStatus(status))
    order = [m.FACILITATOR, "M1", "M2", m.FACILITATOR, "M3", "M1", "M4", "M2"]
    for number in (1, 2, 4):
        session = sessions[number - 1]
        previous = None
        for i, who in enumerate(order if number != 4 else order[1:]):
            actor = who if who == m.FACILITATOR else ids[who]
            store.record_turn(
                m.ParticipationEvent(
                    session_id=session.id,
                    actor_id=actor,
                    at=base + timedelta(weeks=number - 1, minutes=i),
                    duration_seconds=30,
                    responds_to_id=previous,
                )
            )
            previous = actor
        store.add(m.GroupMark(session_id=session.id, kind=m.GroupMarkKind.LAUGHTER))
    for text, by, agreed, retired in (
        ("ไม่นำเรื่องของสมศรีไปเล่านอกกลุ่ม", ids["M1"], date(2026, 1, 12), None),
        ("Phones off during the session", None, date(2026, 1, 12), None),
        ("มาสายให้แจ้งบุญมาก่อน", ids["M3"], None, None),
        ("Bring food every week", None, date(2026, 1, 12), date(2026, 1, 19)),
    ):
        store.add(
            m.GroundRule(
                group_id=group.id,
                text=text,
                proposed_by_member_id=by,
                proposed_by="" if by else "the group",
                agreed_on=agreed,
                retired_on=retired,
                retired_reason="ไม่สะดวก" if retired else "",
            )
        )
    store.add(
        m.Assessment(
            group_id=group.id,
            member_id=ids["M1"],
            assessed_on=date(2026, 1, 3),
            needs="สมศรีต้องการที่พักชั่วคราว",
            strengths="Supportive sister",
            risk_level=m.RiskLevel.HIGH,
            severity=8,
        )
    )
    goal = store.add(
        m.Goal(group_id=group.id, title="Every member knows where to get legal aid", progress=40)
    )
    store.add(m.Goal(group_id=group.id, member_id=ids["M4"], title="Pim finds a job", progress=10))
    for title, who, status in (
        ("โทรหา OSCC แทนสมศรี", [ids["M2"]], m.TaskStatus.DONE),
        ("Visit Malee Wongsawat at home", [m.FACILITATOR], m.TaskStatus.OPEN),
        ("Collect leaflets", [ids["M3"], ids["M4"]], m.TaskStatus.IN_PROGRESS),
    ):
        store.add(
            m.Task(
                group_id=group.id,
                title=title,
                assignee_ids=who,
                status=status,
                agreed_session_id=sessions[0].id,
                due_on=date(2026, 1, 20),
                done_on=date(2026, 1, 19) if status == m.TaskStatus.DONE else None,
                created_at=base,
            )
        )
    store.add(
        m.Review(
            group_id=group.id,
            held_on=date(2026, 1, 26),
            goal_progress=[m.GoalProgressNote(goal_id=goal.id, progress=40, notes="บุญมาได้ข้อมูลแล้ว")],
            obstacles=[
                m.Obstacle(obstacle="Pim could not travel", how_solved="ย้ายไปประชุมใกล้บ้านสมศรี")
            ],
            successes="สมาชิกช่วยกันเอง Malee พูดมากขึ้น",
            weaknesses="Some sessions ran over time",
            member_coordinator_id=ids["M2"],
        )
    )
    store.add(
        m.NewSituation(
            group_id=group.id,
            level=m.SituationLevel.MEMBER,
            member_id=ids["M4"],
            description="Pim Rattanakul lost her job",
            identified_on=date(2026, 1, 26),
        )
    )
    store.add(
        m.HandoverStep(
            group_id=group.id,
            taken_on=date(2026, 1, 26),
            facilitator_role=m.FacilitatorRole.OBSERVING,
            member_id=ids["M4"],
            member_role="เปิดวงแทนใจดี",
        )
    )
    store.add(
        m.Endorsement(group_id=group.id, name="Head Person", position="Director", endorsed_on=None)
    )
    return group
