"""Sessions as they really happen, without a terminal: plan, start (planned or not), enter a
past session, cancel with a reason, move; stable member keys; ratings at the close; a recorder
write that waits for another writer's lock."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, date, datetime
from datetime import time as clock

import pytest
import time_machine

from groupwork import models as m
from groupwork.errors import DatabaseBusy, GroupworkError, InvalidInputError
from groupwork.operations.ratings import set_rating_scale
from groupwork.operations.sessions import (
    add_dialogue_session,
    cancel_session,
    enter_past_session,
    move_session,
    plan_session,
    save_dialogue,
    start_session,
)
from groupwork.recording.recorder import SessionRecorder
from groupwork.store import Store

T0 = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)  # 21 Nov in every time zone from -11 to +11
TODAY = date(2026, 11, 21)
NAMES = ["ดาว", "ฝน", "น้ำ", "พร", "สุข"]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(T0, tick=False):
        yield


@pytest.fixture
def group(store):
    group = store.add(m.Group(name="กลุ่มผู้ดูแล", current_stage=7))
    for i, name in enumerate(NAMES):
        store.add(
            m.Member(
                id=f"m{i}",
                group_id=group.id,
                real_name=f"{name} จริง",
                pseudonym=name,
                decision=m.SelectionDecision.SELECTED,
            )
        )
    return group


def test_plan_start_and_real_date(store, group):
    first = plan_session(store, group.id, date(2026, 11, 28), clock(14, 0), plan="กติกากลุ่ม")
    second = plan_session(store, group.id, date(2026, 12, 5), clock(14, 0))
    assert (first.number, second.number) == (1, 2)
    stored = store.get(m.Session, first.id)
    assert stored.planned_time == clock(14, 0) and stored.started_at is None
    # The planned session of the 28th is held today: it starts now and is dated today.
    started = start_session(store, group.id, session_id=first.id)
    assert started.id == first.id and started.started_at == T0 and started.held_on == TODAY
    with pytest.raises(InvalidInputError):
        plan_session(store, group.id, date(2026, 11, 20))


def test_unplanned_start_when_nothing_is_planned(store, group):
    session = start_session(store, group.id)
    assert session.number == 1 and session.held_on == TODAY and session.started_at == T0


def test_an_unplanned_start_takes_the_stages_given(store, group):
    # It used to fail with a TypeError when stages were given and nothing was planned.
    session = start_session(store, group.id, stages=[7], plan="ทบทวนงานของพร")
    assert session.stages == [7] and session.plan == "ทบทวนงานของพร"
    assert store.get(m.Session, session.id).stages == [7]


def test_cancel_needs_a_reason_and_can_move_to_a_new_date(store, group):
    planned = plan_session(store, group.id, date(2026, 11, 28), clock(14, 0))
    with pytest.raises(InvalidInputError) as refused:
        cancel_session(store, planned.id, "  ")
    assert "reason" in refused.value.message
    assert store.get(m.Session, planned.id).status == m.SessionStatus.PLANNED
    cancelled, replacement = cancel_session(
        store, planned.id, "น้ำท่วมถนนเข้าหมู่บ้าน", new_date=date(2026, 12, 3)
    )
    stored = store.get(m.Session, planned.id)
    assert stored.status == m.SessionStatus.CANCELLED
    assert stored.cancel_reason == "น้ำท่วมถนนเข้าหมู่บ้าน"
    assert replacement is not None and replacement.held_on == date(2026, 12, 3)
    assert replacement.planned_time == clock(14, 0) and replacement.number == 2
    # A cancelled session is never recorded: it has no turns.
    with pytest.raises(GroupworkError):
        SessionRecorder(store, cancelled.id)
    with pytest.raises(GroupworkError):
        start_session(store, group.id, session_id=cancelled.id)
    with pytest.raises(InvalidInputError):
        cancel_session(store, cancelled.id, "again")


def test_a_session_with_turns_cannot_be_cancelled(store, group):
    session = start_session(store, group.id)
    SessionRecorder(store, session.id).log_turn("m0")
    with pytest.raises(InvalidInputError):
        cancel_session(store, session.id, "rain")
    assert store.get(m.Session, session.id).status == m.SessionStatus.PLANNED


def test_move_a_planned_session(store, group):
    planned = plan_session(store, group.id, date(2026, 11, 28))
    moved = move_session(store, planned.id, date(2026, 11, 30), clock(9, 30))
    stored = store.get(m.Session, moved.id)
    assert stored.held_on == date(2026, 11, 30) and stored.planned_time == clock(9, 30)
    with pytest.raises(InvalidInputError):
        move_session(store, planned.id, date(2026, 11, 1))


def test_enter_a_past_session_with_its_date_and_times(store, group):
    with pytest.raises(InvalidInputError) as refused:
        enter_past_session(store, group.id, date(2026, 11, 14), clock(15, 0), clock(13, 0))
    assert "ends before it starts" in refused.value.message
    assert store.sessions(group.id) == []
    past = enter_past_session(
        store, group.id, date(2026, 11, 14), clock(13, 0), clock(15, 0), notes="จดบนกระดาษ"
    )
    stored = store.get(m.Session, past.id)
    assert stored.held_on == date(2026, 11, 14) and stored.status == m.SessionStatus.HELD
    assert (stored.ended_at - stored.started_at).total_seconds() == 7200
    # Its roll call and turns are entered afterwards; closing keeps its own times.
    recorder = SessionRecorder(store, past.id, late_entry=True)
    recorder.roll_call("m0", m.AttendanceStatus.PRESENT)
    recorder.log_turn("m0")
    closed = recorder.close()
    assert closed.ended_at == stored.ended_at and closed.held_on == date(2026, 11, 14)
    (turn,) = store.participation(past.id)
    assert stored.started_at <= turn.at <= stored.ended_at  # within the session, not today
    with pytest.raises(InvalidInputError):
        enter_past_session(store, group.id, date(2026, 11, 22), clock(13, 0), clock(15, 0))


def test_a_withdrawal_does_not_move_anyones_key(store, group):
    first = SessionRecorder(store, start_session(store, group.id).id)
    before = dict(first.key_slots)
    assert sorted(before.values()) == [0, 1, 2, 3, 4]
    first.close()
    # น้ำ (m2) withdraws; a new member joins later.
    store.save(
        store.get(m.Member, "m2").model_copy(update={"decision": m.SelectionDecision.WITHDREW})
    )
    store.add(
        m.Member(
            id="m9",
            group_id=group.id,
            real_name="ใหม่",
            pseudonym="ก้อย",
            decision=m.SelectionDecision.SELECTED,
        )
    )
    second = SessionRecorder(store, start_session(store, group.id).id)
    assert {k: second.key_slots[k] for k in before} == before
    assert second.key_slots["m9"] == 5  # a new slot, never a withdrawn member's
    assert [x.id for x in second.inactive] == ["m2"]
    assert "m2" not in {x.id for x in second.members}
    assert store.member_key_slots(group.id) == second.key_slots


def test_ratings_stored_on_close(store, group):
    with pytest.raises(InvalidInputError):
        set_rating_scale(store, group.id, "ความพอใจ", 1, 5, ["9=สูงมาก"])
    scale = set_rating_scale(store, group.id, "ความพอใจ", 1, 5, ["1=น้อยมาก", "5=มากที่สุด"])
    assert store.rating_scale(group.id).anchor_words() == {1: "น้อยมาก", 5: "มากที่สุด"}
    recorder = SessionRecorder(store, start_session(store, group.id).id)
    recorder.roll_call("m0", m.AttendanceStatus.PRESENT)
    recorder.roll_call("m1", m.AttendanceStatus.LATE)
    recorder.roll_call("m2", m.AttendanceStatus.ABSENT)
    assert [x.id for x in recorder.raters()] == ["m0", "m1"]
    with pytest.raises(InvalidInputError):
        recorder.close(ratings={"m2": 3})  # absent: not rated
    assert store.get(m.Session, recorder.session_id).ended_at is None
    recorder.close(ratings={"m0": 4})  # m1 skipped
    stored = store.ratings(recorder.session_id)
    assert [(r.member_id, r.score, r.scale_id) for r in stored] == [("m0", 4.0, scale.id)]


def test_a_busy_database_keeps_the_turn_pending_then_stores_it(store, group, db_path):
    recorder = SessionRecorder(store, start_session(store, group.id).id)
    checkpointer = store.start_live_recording()
    try:
        assert store.wal_autocheckpoint_pages() == 0
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        began = time.perf_counter()
        event = recorder.log_turn("m0")
        waited = time.perf_counter() - began
        assert waited < 1.0  # one short busy timeout, not SQLite's ten seconds
        assert event in recorder.pending and recorder.turns == [event]
        assert recorder.live_stats().member_turns == 1
        assert store.participation(recorder.session_id) == []
        second = recorder.log_turn("m1")  # queued behind the first, in order
        assert len(recorder.pending) == 2
        assert recorder.store_pending() == 0
        other.execute("COMMIT")
        other.close()
        assert recorder.store_pending() == 2
        stored = store.participation(recorder.session_id)
        assert [e.id for e in stored] == [event.id, second.id]
        assert stored[1].responds_to_id == "m0"
    finally:
        store.stop_live_recording(checkpointer)
    assert store.wal_autocheckpoint_pages() == 1000


def test_an_undo_the_database_cannot_take_now_keeps_its_step(store, group, db_path):
    recorder = SessionRecorder(store, start_session(store, group.id).id)
    checkpointer = store.start_live_recording()
    try:
        first = recorder.log_turn("m0")
        second = recorder.log_turn("m1")
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        with pytest.raises(DatabaseBusy) as refused:
            recorder.undo()
        assert "Not undone" in refused.value.message
        # Nothing changed, and the step is still the one the next u takes back.
        assert recorder.turns == [first, second] and recorder.can_undo
        other.execute("COMMIT")
        other.close()
        assert recorder.undo().record == second
        assert [e.id for e in store.participation(recorder.session_id)] == [first.id]
    finally:
        store.stop_live_recording(checkpointer)


def test_session_commands(store, group, db_path):
    from click.testing import CliRunner

    from groupwork.cli import cli

    store.close()
    run = CliRunner().invoke
    base = ["--db", str(db_path), "--lang", "en"]
    done = run(cli, [*base, "session", "plan", group.id, "2026-12-05", "--at", "14:00"])
    assert done.exit_code == 0, done.output
    done = run(cli, [*base, "session", "cancel", group.id, "1", "--reason", ""])
    assert done.exit_code != 0 and "needs a reason" in done.output
    done = run(cli, [*base, "session", "cancel", group.id, "1", "--reason", "ฝนตกหนัก"])
    assert done.exit_code == 0, done.output
    done = run(
        cli, [*base, "session", "past", group.id, "14/11/2569", "--from", "13:00", "--to", "12"]
    )
    assert done.exit_code != 0 and "ends before it starts" in done.output
    run(cli, [*base, "session", "past", group.id, "2026-11-14", "--from", "13:00", "--to", "15:00"])
    run(cli, [*base, "scale", group.id, "--name", "ความพอใจ", "--anchor", "1=น้อย"])
    listed = run(cli, [*base, "session", "list", group.id]).output
    assert "cancelled  ฝนตกหนัก" in listed and "13:00–15:00" in listed
    with Store.open(db_path) as again:
        assert again.rating_scale(group.id).anchors == ["1=น้อย"]
        # Numbered by date: the 14 Nov session, then the cancelled 5 Dec one.
        assert [s.status for s in again.sessions(group.id)] == ["held", "cancelled"]


def test_sessions_are_numbered_by_their_date_and_time(store, group):
    """A session entered or planned later takes its place in the calendar, and the numbers
    every screen and the review show follow the calendar (a cancelled session keeps its place)."""
    late = plan_session(store, group.id, date(2026, 12, 19), clock(14, 0))
    early = plan_session(store, group.id, date(2026, 12, 5), clock(14, 0))
    cancel_session(store, early.id, "ฝนตกหนัก")
    between = plan_session(store, group.id, date(2026, 12, 12), clock(9, 0))
    same_day_earlier = plan_session(store, group.id, date(2026, 12, 12), clock(8, 0))
    past = enter_past_session(store, group.id, date(2026, 11, 14), clock(13, 0), clock(15, 0))
    assert past.number == 1
    numbers = {s.id: s.number for s in store.sessions(group.id)}
    assert [numbers[s.id] for s in (past, early, same_day_earlier, between, late)] == [
        1,
        2,
        3,
        4,
        5,
    ]
    assert [s.held_on.day for s in store.sessions(group.id)] == [14, 5, 12, 12, 19]
    moved = move_session(store, late.id, date(2026, 11, 30))
    assert moved.number == 2 and store.session_by_number(group.id, 3).id == early.id
    assert store.get(m.Session, early.id).status == m.SessionStatus.CANCELLED


def test_stage_seven_adds_a_session_in_its_place_and_edits_only_the_dialogue(store, group):
    later = plan_session(store, group.id, date(2026, 11, 25))
    earlier = add_dialogue_session(
        store, group.id, date(2026, 11, 20), m.SessionStatus.HELD, themes=["พรของพ่อแม่"]
    )
    assert (earlier.number, earlier.stages, earlier.themes) == (1, [7], ["พรของพ่อแม่"])
    assert store.get(m.Session, later.id).number == 2
    edited = save_dialogue(store, earlier.id, questions=["น้ำใจคืออะไร"])
    assert (edited.number, edited.held_on, edited.status) == (
        1,
        date(2026, 11, 20),
        m.SessionStatus.HELD,
    )
    assert edited.questions == ["น้ำใจคืออะไร"] and edited.themes == ["พรของพ่อแม่"]


@pytest.mark.parametrize(
    ("held_on", "status", "says"),
    [
        (date(2026, 11, 22), m.SessionStatus.HELD, "cannot be dated after today"),
        (date(2026, 11, 20), m.SessionStatus.PLANNED, "planned for today or later"),
        (date(2026, 11, 20), m.SessionStatus.CANCELLED, "it asks the reason"),
    ],
)
def test_stage_seven_refuses_what_the_sessions_screen_decides(store, group, held_on, status, says):
    with pytest.raises(InvalidInputError) as refused:
        add_dialogue_session(store, group.id, held_on, status)
    assert says in refused.value.message
    assert store.sessions(group.id) == []
