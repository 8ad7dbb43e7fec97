"""The plan sheet, the feedback after a session and the practice evidence, from the records."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.facilitation.documents import as_html, as_text, feedback_document, sheet_document
from groupwork.facilitation.evidence import practice_evidence
from groupwork.facilitation.feedback import (
    group_share_lines,
    session_feedback,
    share_line,
)
from groupwork.facilitation.sheet import plan_sheet, template_steps
from groupwork.i18n import set_language
from groupwork.stage_spec import stage_spec
from groupwork.store import Store
from groupwork.text_layout import cell_width

F = m.FACILITATOR
T1 = datetime(2026, 11, 14, 6, 0, tzinfo=UTC)
DAY2 = date(2026, 11, 21)


def build(store) -> None:
    """Session 1 held (ดาว quiet, แดง absent), session 2 planned at 13:00; rules, goals, tasks."""
    store.add(m.Group(id="g", name="กลุ่มผู้ดูแล", current_stage=7))
    for key, real, pseud in (("dao", "ดาว ใจดี", "ดาว"), ("fah", "ฟ้า ศรีสุข", "ฟ้า"),
                             ("daeng", "แดง บัวงาม", "แดง"), ("nid", "นิด ทองดี", "นิด")):  # fmt: skip
        store.add(
            m.Member(
                id=key,
                group_id="g",
                real_name=real,
                pseudonym=pseud,
                decision=m.SelectionDecision.SELECTED,
            )
        )
    store.add(
        m.Session(
            id="s1",
            group_id="g",
            number=1,
            held_on=date(2026, 11, 14),
            started_at=T1,
            ended_at=T1 + timedelta(hours=2),
            status=m.SessionStatus.HELD,
            stages=[7],
            next_steps="ฟ้าโทรหาอนามัย",
        )
    )
    for member, status in (("dao", "present"), ("fah", "present"), ("daeng", "absent"),
                           ("nid", "late")):  # fmt: skip
        store.add(m.Attendance(session_id="s1", member_id=member, status=status))
    actors = [F, "fah", F, "fah", "fah", "fah", "fah", "dao", F, "fah"]
    for i, actor in enumerate(actors):
        kind = m.TurnKind.ASKED if actor == F and i % 4 == 0 else m.TurnKind.SPOKE
        store.add(
            m.ParticipationEvent(
                session_id="s1",
                actor_id=actor,
                kind=kind,
                at=T1 + timedelta(minutes=i),
                responds_to_id=actors[i - 1] if i and actors[i - 1] != actor else None,
            )
        )
    store.add(
        m.GroupMark(session_id="s1", kind=m.GroupMarkKind.SILENCE, at=T1 + timedelta(minutes=3))
    )
    store.add(m.NudgeShown(session_id="s1", kind=m.NudgeKind.SILENT, member_id="dao",
                           at=T1 + timedelta(minutes=2), detail="15 min, 4 turns"))  # fmt: skip
    store.add(m.Session(id="s2", group_id="g", number=2, held_on=DAY2, planned_time=time(13, 0)))
    store.add(m.GroundRule(group_id="g", text="ฟังจนเพื่อนพูดจบ", agreed_on=date(2026, 11, 1)))
    store.add(m.GroundRule(group_id="g", text="ยังเสนออยู่"))
    store.add(m.Goal(group_id="g", title="หางานที่ทำที่บ้านได้", progress=40))
    store.add(
        m.Task(group_id="g", title="โทรหาอนามัย", assignee_ids=["fah"], due_on=date(2026, 11, 18))
    )
    store.add(
        m.Task(group_id="g", title="ทำสมุดรายชื่อ", assignee_ids=["nid", F], due_on=date(2026, 12, 1))
    )
    store.add(m.Task(group_id="g", title="เสร็จแล้ว", status=m.TaskStatus.DONE))


def test_template_steps_give_a_time_plan():
    body = "1. **Opening (10 min)** rules\n2. **Dialogue (45 min)** talk\nnot a step\n"
    steps = template_steps(body, time(13, 0))
    assert [(s.what, s.minutes, s.starts, s.offset) for s in steps] == [
        ("Opening", 10, time(13, 0), 0),
        ("Dialogue", 45, time(13, 10), 10),
    ]
    assert [s.starts for s in template_steps("1. **เปิด (10 นาที)** x", None)] == [None]


def test_the_plan_sheet_from_the_records(store):
    build(store)
    sheet = plan_sheet(store, "g", today=DAY2, lang="th")
    assert (sheet.number, sheet.held_on, sheet.planned, sheet.stage) == (2, DAY2, True, 7)
    assert sheet.agreed_last_time == "ฟ้าโทรหาอนามัย" and sheet.last_number == 1
    assert [(t.title, t.holders, t.overdue) for t in sheet.tasks] == [
        ("โทรหาอนามัย", ["ฟ้า ศรีสุข"], True),
        ("ทำสมุดรายชื่อ", ["นิด ทองดี", "Facilitator"], False),
    ]
    assert [(c.name, c.reason) for c in sheet.check_ins] == [
        ("แดง บัวงาม", "absent"),
        ("ดาว ใจดี", "quiet"),
        ("นิด ทองดี", "late"),
    ]
    assert sheet.rules == ["ฟังจนเพื่อนพูดจบ"]
    assert sheet.goals == [("หางานที่ทำที่บ้านได้", 40)]
    assert sheet.handover_target == stage_spec(7).handover_target
    assert sheet.last_facilitator_share == pytest.approx(0.3)
    assert sheet.steps[0].starts == time(13, 0) and sum(s.minutes for s in sheet.steps) == 80


def test_a_linked_person_reads_as_the_name_and_a_closed_group_has_no_next_sheet(store):
    from groupwork.errors import InvalidInputError
    from groupwork.privacy.links import AROUND, MEMBER, token

    build(store)
    headman = m.PersonAround(group_id="g", real_name="สมชาย ใจกว้าง", role="ผู้ใหญ่บ้าน")
    store.add(headman)
    first = store.get(m.Session, "s1")
    first.next_steps = (
        f"{token(MEMBER, 'fah', 'ฟ้า')}โทรหา{token(AROUND, headman.id, 'ผู้ใหญ่')} ครั้งที่ 2"
    )
    store.save(first)
    store.add(m.Task(group_id="g", title=f"ไปหา {token(AROUND, headman.id, 'x')}",
                     assignee_ids=["dao"]))  # fmt: skip
    sheet = plan_sheet(store, "g", today=DAY2, lang="th")
    # The facilitator's sheet: the current names, never the token.
    assert sheet.agreed_last_time == "ฟ้า ศรีสุขโทรหาสมชาย ใจกว้าง ครั้งที่ 2"
    assert "ไปหา สมชาย ใจกว้าง" in [t.title for t in sheet.tasks]
    text = as_text(sheet_document(sheet))
    assert "@[" not in text and "](m:" not in text and "](p:" not in text
    store.delete(m.Session, "s2")
    group = store.get(m.Group, "g")
    group.status, group.end_date = m.GroupStatus.CLOSED, date(2026, 11, 22)
    store.save(group)
    with pytest.raises(InvalidInputError, match="--session"):
        plan_sheet(store, "g", today=DAY2)
    assert plan_sheet(store, "g", 1, today=DAY2).number == 1


@pytest.mark.parametrize("lang", ["en", "th"])
def test_the_sheet_fits_80_columns_and_one_page(store, lang):
    build(store)
    set_language(lang)
    try:
        text = as_text(sheet_document(plan_sheet(store, "g", today=DAY2)))
    finally:
        set_language("en")
    lines = text.splitlines()
    assert max(cell_width(line) for line in lines) <= 80 and len(lines) <= 60
    assert "แดง บัวงาม" in text and "13:00" in text and "ฟังจนเพื่อนพูดจบ" in text
    assert "ยังเสนออยู่" not in text and "เสร็จแล้ว" not in text
    if lang == "en":
        assert "## Check in with, gently" in text and "- แดง บัวงาม: absent last time" in text
    else:
        assert "ทักทายถามไถ่อย่างนุ่มนวล" in text and "ครั้งก่อนขาด" in text


def test_feedback_after_a_session(store):
    build(store)
    feedback = session_feedback(store, "s1")
    assert (feedback.turns, feedback.facilitator_share, feedback.last_share) == (10, 0.3, None)
    assert feedback.within_target is True  # stage 7: at most 40 %
    assert feedback.shares == [
        ("ฟ้า ศรีสุข", 6, pytest.approx(6 / 7)),
        ("ดาว ใจดี", 1, pytest.approx(1 / 7)),
        ("นิด ทองดี", 0, 0.0),
    ]
    assert all(name != "แดง บัวงาม" for name, _t, _s in feedback.shares)  # absent
    assert ("ดาว ใจดี", "ฟ้า ศรีสุข", 1) in feedback.responses
    assert ("Facilitator", "ดาว ใจดี", 1) in feedback.responses
    assert (feedback.questions, feedback.facilitator_questions, feedback.statements) == (2, 2, 8)
    assert feedback.silences == [T1 + timedelta(minutes=3)]
    # Dao was nudged at minute 2 and spoke at minute 7: acted on.
    assert [(n.kind, n.who, n.acted) for n in feedback.nudges] == [
        (m.NudgeKind.SILENT, "ดาว ใจดี", True)
    ]
    assert share_line(feedback) == "you 30% (target 40%) · 1 nudges"
    text = as_text(feedback_document(feedback, "กลุ่มผู้ดูแล"))
    assert "within the target" in " ".join(text.split())
    assert "0:02  silent for a while: ดาว ใจดี · acted on" in text
    assert "1 silence marked: 0:03" in text


def test_practice_evidence_is_dated(store):
    build(store)
    evidence = practice_evidence(store, "g")
    assert [(e.held_on, e.number) for e in evidence.strengths] == [(date(2026, 11, 14), 1)]
    assert "target 40%" in evidence.strengths[0].text and "acted on 1" in evidence.strengths[0].text
    assert "members answered each other 1 times" in evidence.strengths[0].text
    assert [e.text for e in evidence.weaknesses] == ["present but not heard: นิด ทองดี"]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "g.db"
    with Store.open(path) as store:
        build(store)
    return path


def run(db, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def test_cli_sheet_feedback_and_list(db, tmp_path):
    shown = run(db, "--lang", "en", "session", "sheet", "g")
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("# Plan for session 2 · กลุ่มผู้ดูแล")
    out = tmp_path / "sheet.html"
    written = run(
        db, "--lang", "th", "session", "sheet", "g", "--format", "html", "--out", str(out)
    )
    assert written.exit_code == 0, written.output
    page = out.read_text(encoding="utf-8")
    assert '<html lang="th">' in page and "แผนการประชุมครั้งที่ 2" in page and "size: A4" in page
    again = run(db, "session", "sheet", "g", "--format", "html", "--out", str(out))
    assert again.exit_code == 1 and "Traceback" not in again.output
    feedback = run(db, "--lang", "en", "session", "feedback", "g", "1", "--practice")
    assert feedback.exit_code == 0, feedback.output
    assert (
        "## Nudges shown" in feedback.output and "## Strengths of your practice" in feedback.output
    )
    listed = run(db, "--lang", "en", "session", "list", "g")
    assert "you 30% (target 40%)" in listed.output.splitlines()[0]
    missing = run(db, "--lang", "en", "session", "feedback", "g", "9")
    assert missing.exit_code == 1 and "No session 9" in missing.output


def test_as_html_is_one_compact_page():
    from groupwork.report import model as d

    page = as_html(d.Document(title="x", lang="en", blocks=[d.Heading(1, "x")]))
    assert page.count("</style>") == 1 and "font-size: 13px" in page


def test_cli_sets_the_group_s_nudge_thresholds(db):
    shown = run(db, "--lang", "en", "session", "nudges", "g")
    assert shown.exit_code == 0, shown.output
    assert "silent 15 min or 15 turns" in shown.output and "above 40%" in shown.output
    changed = run(
        db, "--lang", "en", "session", "nudges", "g", "--silent-minutes", "10", "--target", "35"
    )
    assert changed.exit_code == 0 and "silent 10 min" in changed.output and "35%" in changed.output
    refused = run(db, "--lang", "en", "session", "nudges", "g", "--window", "2")
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    with Store.open(db) as store:
        kept = store.nudge_settings("g")
    assert (kept.silent_minutes, kept.facilitator_target, kept.window_turns) == (10, 0.35, None)
    back = run(db, "--lang", "th", "session", "nudges", "g", "--reset")
    assert back.exit_code == 0 and "15" in back.output and "40%" in back.output


def test_the_demo_s_sheet_and_feedback(store):
    from groupwork.demo import build_demo

    group = build_demo(store)
    held = [s for s in store.sessions(group.id) if s.status == m.SessionStatus.HELD]
    # The demo has closed: its last session's sheet stands for the next one's.
    sheet = plan_sheet(store, group.id, held[-1].number, today=held[-1].held_on)
    assert sheet.number == held[-1].number and sheet.agreed_last_time == held[-2].next_steps
    assert sheet.rules and sheet.goals and sheet.steps
    shown = [n for s in held for n in session_feedback(store, s.id).nudges]
    assert shown and {n.kind for n in shown} <= set(m.NudgeKind)
    # The session list's share lines: what each session's feedback says, from two reads.
    read: list[str] = []
    sessions = store.sessions(group.id)
    store.db.conn.set_trace_callback(read.append)
    try:
        lines = group_share_lines(store, group, sessions)
    finally:
        store.db.conn.set_trace_callback(None)
    data = [q for q in read if q.lstrip().lower().startswith("select") and "sqlite_" not in q]
    assert len(data) == 2, data
    assert lines == {s.id: share_line(session_feedback(store, s.id)) for s in held}
    assert sum("nudges" in line for line in lines.values()) >= 2
    for lang in ("th", "en"):
        set_language(lang)
        try:
            text = as_text(sheet_document(sheet))
        finally:
            set_language("en")
        assert max(cell_width(line) for line in text.splitlines()) <= 80
