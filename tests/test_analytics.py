"""Analytics on small cases computed by hand (the expected numbers are worked out in comments)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from groupwork import analytics as a
from groupwork import models as m

G = "g"
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def session(n, status=m.SessionStatus.HELD, **kw):
    extra = {"cancel_reason": "storm"} if status == m.SessionStatus.CANCELLED else {}
    return m.Session(
        id=f"s{n}", group_id=G, number=n, held_on=date(2026, 3, n), status=status, **extra, **kw
    )


def mark(s, member, status):
    return m.Attendance(session_id=s, member_id=member, status=status)


def turn(actor, s="s1", i=0, kind="spoke", seconds=None, to=None):
    return m.ParticipationEvent(
        session_id=s,
        actor_id=actor,
        kind=kind,
        at=T0 + timedelta(seconds=i),
        duration_seconds=seconds,
        responds_to_id=to,
    )


def test_attendance_rates_count_present_and_late_over_recorded_marks_in_held_sessions():
    sessions = [session(1), session(2), session(3, m.SessionStatus.CANCELLED)]
    marks = [
        mark("s1", "A", "present"),
        mark("s2", "A", "late"),  # A: 2 of 2
        mark("s1", "B", "absent"),
        mark("s2", "B", "excused"),  # B: 0 of 2
        mark("s1", "C", "present"),  # C: 1 of 1 (no mark in s2)
        mark("s3", "A", "absent"),  # cancelled: ignored
    ]
    assert a.attendance_rate_by_member(sessions, marks) == {"A": 1.0, "B": 0.0, "C": 1.0}
    # s1: A, C came of A, B, C -> 2/3; s2: A came of A, B -> 1/2
    assert a.attendance_rate_by_session(sessions, marks) == {"s1": pytest.approx(2 / 3), "s2": 0.5}
    matrix = a.attendance_matrix(sessions, marks)
    assert matrix[("B", "s2")] == m.AttendanceStatus.EXCUSED
    assert ("A", "s3") not in matrix


def test_turns_and_speaking_time():
    events = [
        turn("A", i=0, seconds=30),
        turn("A", i=1),
        turn("B", i=2, seconds=12.5),
        turn(m.FACILITATOR, i=3),
        turn("A", s="s2", i=4, seconds=10),
    ]
    assert a.turn_counts(events) == {"A": 3, "B": 1, m.FACILITATOR: 1}
    assert a.turn_counts(events, session_id="s1") == {"A": 2, "B": 1, m.FACILITATOR: 1}
    assert a.speaking_seconds(events) == {"A": 40.0, "B": 12.5}
    assert a.turns_by_member_and_session(events)[("A", "s1")] == 2


def test_member_shares_flag_quiet_and_dominant_against_the_average():
    # Five members; turns A=10, B=4, C=4, D=1, E=0 -> total 19, average share 1/5.
    counts = {"A": 10, "B": 4, "C": 4, "D": 1}
    events = [turn(actor, i=i) for actor, n in counts.items() for i in range(n)]
    events.append(turn(m.FACILITATOR, i=99))  # the facilitator is not a member: not in shares
    shares = {s.actor_id: s for s in a.member_shares(events, ["A", "B", "C", "D", "E"])}
    assert shares["A"].share == pytest.approx(10 / 19)
    # relative = share / (1/5): A = 50/19 = 2.63 > 1.8 -> dominant
    assert shares["A"].relative == pytest.approx(50 / 19)
    assert shares["A"].dominant and not shares["A"].quiet
    # D = 5/19 = 0.263: not under 0.2 -> not quiet; E has no turns: relative 0 -> quiet
    assert not shares["D"].quiet
    assert shares["E"].quiet and shares["E"].turns == 0
    # B = 20/19 = 1.05: neither
    assert not shares["B"].quiet and not shares["B"].dominant


def test_nobody_is_flagged_before_anyone_speaks():
    shares = a.member_shares([], ["A", "B"])
    assert [(s.quiet, s.dominant, s.share) for s in shares] == [(False, False, 0.0)] * 2


def test_facilitator_share_and_the_handover_curve():
    sessions = [session(1), session(2), session(3), session(4, m.SessionStatus.CANCELLED)]
    events = (
        [turn(m.FACILITATOR, "s1", i) for i in range(3)]
        + [turn("A", "s1", 10)]  # 3 of 4
        + [turn(m.FACILITATOR, "s2", 0)]
        + [turn("B", "s2", i) for i in range(1, 4)]  # 1 of 4
    )
    assert a.facilitator_share(events) == 0.5  # 4 of 8
    assert a.facilitator_share(events, session_id="s1") == 0.75
    assert a.facilitator_share([]) is None
    curve = [(s.number, share) for s, share in a.facilitator_share_by_session(sessions, events)]
    assert curve == [(1, 0.75), (2, 0.25), (3, None)]


def test_response_matrix_counts_who_answers_whom():
    events = [
        turn("A", i=0),
        turn("B", i=1, to="A"),
        turn("A", i=2, to="B"),
        turn("C", i=3, to="A"),
        turn("B", i=4, to="A"),
        turn(m.FACILITATOR, i=5, to="B"),
    ]
    assert a.response_matrix(events) == {
        "B": {"A": 2},
        "A": {"B": 1},
        "C": {"A": 1},
        m.FACILITATOR: {"B": 1},
    }


def test_task_summary_counts_overdue_and_completion():
    today = date(2026, 3, 10)
    tasks = [
        m.Task(group_id=G, title="t1", status="done", due_on=date(2026, 3, 1)),
        m.Task(group_id=G, title="t2", status="open", due_on=date(2026, 3, 9)),  # overdue
        m.Task(group_id=G, title="t3", status="in_progress", due_on=date(2026, 3, 1)),  # overdue
        m.Task(group_id=G, title="t4", status="open", due_on=date(2026, 3, 10)),  # due today
        m.Task(group_id=G, title="t5", status="dropped", due_on=date(2026, 3, 1)),
    ]
    summary = a.task_summary(tasks, today)
    assert summary.total == 5
    assert summary.overdue == 2
    assert summary.by_status[m.TaskStatus.OPEN] == 2
    assert summary.completion_rate == 0.25  # 1 done of 4 not dropped
    assert a.task_summary([], today).completion_rate is None


def test_tasks_by_status_over_time_follows_agreement_and_completion_dates():
    sessions = [session(1), session(2), session(3)]
    tasks = [
        m.Task(
            group_id=G, title="early", agreed_session_id="s1", status="done", done_session_id="s2"
        ),
        m.Task(group_id=G, title="late", agreed_session_id="s3", status="open"),
    ]
    timeline = a.tasks_by_status_over_time(tasks, sessions)
    assert [(d.day, c[m.TaskStatus.OPEN], c[m.TaskStatus.DONE]) for d, c in timeline] == [
        (1, 1, 0),
        (2, 0, 1),
        (3, 1, 1),
    ]


def test_goal_progress_history_from_reviews_in_priority_order():
    g1 = m.Goal(id="g1", group_id=G, title="Safety plans", priority=2, progress=80)
    g2 = m.Goal(id="g2", group_id=G, title="Income", priority=1, progress=40)
    mine = m.Goal(id="g3", group_id=G, title="Own goal", member_id="A", priority=1)
    reviews = [
        m.Review(
            group_id=G,
            held_on=date(2026, 4, 1),
            goal_progress=[m.GoalProgressNote(goal_id="g1", progress=80)],
        ),
        m.Review(
            group_id=G,
            held_on=date(2026, 3, 1),
            goal_progress=[
                m.GoalProgressNote(goal_id="g1", progress=30),
                m.GoalProgressNote(goal_id="g2", progress=10),
            ],
        ),
    ]
    trends = a.goal_progress([g1, mine, g2], reviews)
    assert [t.goal.id for t in trends] == ["g2", "g1", "g3"]
    assert trends[1].history == [(date(2026, 3, 1), 30), (date(2026, 4, 1), 80)]
    assert trends[2].history == []


def test_a_share_is_the_same_whoever_is_listed():
    # บัว withdrew after speaking: the dashboard lists the members still in the group, the
    # review everyone who took part; both give ฟ้า the same share (10 of 20 member turns).
    counts = {"ฟ้า": 10, "ดาว": 6, "บัว": 4, m.FACILITATOR: 30}
    events = [turn(actor, i=i) for actor, n in counts.items() for i in range(n)]
    dashboard = {s.actor_id: s for s in a.member_shares(events, ["ฟ้า", "ดาว"])}
    review = {s.actor_id: s for s in a.member_shares(events, ["ฟ้า", "ดาว", "บัว"])}
    assert dashboard["ฟ้า"] == review["ฟ้า"] and dashboard["ดาว"] == review["ดาว"]
    assert dashboard["ฟ้า"].share == 0.5 and dashboard["ฟ้า"].relative == 1.5
    assert "บัว" not in dashboard


def test_participation_cells_tell_silent_absent_withdrawn_and_unmarked_apart():
    def member(key, left_on=None):
        return m.Member(
            id=key, group_id=G, real_name=key, pseudonym=key, decision="selected", left_on=left_on
        )

    people = [member("A"), member("B"), member("C", left_on=date(2026, 3, 1))]
    sessions = [session(1), session(2), session(3, m.SessionStatus.CANCELLED)]
    marks = [
        mark("s1", "A", "present"),
        mark("s1", "B", "absent"),
        mark("s1", "C", "present"),
        mark("s2", "A", "present"),
    ]
    events = [turn("C", "s1"), turn("C", "s1", i=1), turn("A", "s2")]
    assert a.participation_cells(people, sessions, marks, events) == [
        [0, 1],  # A: present and silent in s1 (0), one turn in s2
        ["absent", "not_marked"],  # B: marked absent; no mark in s2's roll call
        [2, "withdrawn"],  # C: spoke on the day she left (counted), gone by s2
    ]
