"""The live recorder's core: every method commits, responses are inferred, undo takes back
each kind of event, and the running figures equal analytics over the database."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from groupwork import analytics
from groupwork import models as m
from groupwork.errors import GroupworkError, InvalidInputError, NotFoundError
from groupwork.operations.sessions import open_session, start_session
from groupwork.recording.recorder import SessionRecorder
from groupwork.recording.records import AUTO, UndoneKind
from tests.engines import second_connection

T0 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


@pytest.fixture
def group(store):
    group = store.add(m.Group(name="Caregivers", current_stage=3))
    for i, name in enumerate(["Dao", "Fon", "Kaew", "Nok"]):
        store.add(
            m.Member(
                id=f"m{i}",
                group_id=group.id,
                real_name=f"Real {name}",
                pseudonym=name,
                decision=m.SelectionDecision.SELECTED,
            )
        )
    return group


@pytest.fixture
def recorder(store, group):
    # Started at T0, not at the real clock: the tests below travel to T0 + minutes.
    with time_machine.travel(T0, tick=False):
        session = start_session(store, group.id, held_on=date(2026, 11, 21))
    return SessionRecorder(store, session.id)


def test_start_session_numbers_and_resumes(store, group):
    first = start_session(store, group.id, held_on=date(2026, 11, 21))
    assert first.number == 1 and first.started_at is not None and first.stages == [3]
    assert start_session(store, group.id).id == first.id  # still open: resumed
    assert open_session(store, group.id).id == first.id
    SessionRecorder(store, first.id).close("next")
    second = start_session(store, group.id, held_on=date(2026, 11, 28), plan="ground rules")
    assert second.number == 2 and second.plan == "ground rules"


def test_start_session_starts_a_planned_one(store, group):
    planned = store.add(m.Session(group_id=group.id, number=1, held_on=date(2026, 11, 21)))
    started = start_session(store, group.id, held_on=date(2026, 11, 21))
    assert started.id == planned.id and started.started_at is not None


def test_closed_session_cannot_be_recorded(store, recorder):
    recorder.close()
    with pytest.raises(GroupworkError):
        SessionRecorder(store, recorder.session_id)


def test_roll_call_and_undo_restores_previous(store, recorder):
    recorder.roll_call("m0", m.AttendanceStatus.PRESENT)
    recorder.roll_call("m0", m.AttendanceStatus.LATE, "bus")
    assert [(a.status, a.reason) for a in store.attendance(recorder.session_id)] == [
        ("late", "bus")
    ]
    undone = recorder.undo()
    assert undone.kind is UndoneKind.ATTENDANCE
    assert [a.status for a in store.attendance(recorder.session_id)] == ["present"]
    recorder.undo()
    assert store.attendance(recorder.session_id) == []
    with pytest.raises(NotFoundError):
        recorder.roll_call("nobody", m.AttendanceStatus.PRESENT)


def test_response_inference(store, recorder):
    a = recorder.log_turn("m0")
    b = recorder.log_turn("m1", m.TurnKind.ASKED)
    c = recorder.log_turn("m1")  # same speaker again: not a response to themself
    d = recorder.log_turn(m.FACILITATOR, responds_to=None)  # facilitator says: new thread
    e = recorder.log_turn("m2", responds_to="m0")
    f = recorder.log_turn("m3", responds_to=AUTO)
    stored = {x.id: x for x in store.participation(recorder.session_id)}
    assert [stored[x.id].responds_to_id for x in (a, b, c, d, e, f)] == [
        None,
        "m0",
        None,
        None,
        "m0",
        "m2",
    ]
    assert stored[b.id].kind == m.TurnKind.ASKED
    with pytest.raises(NotFoundError):
        recorder.log_turn("stranger")
    with pytest.raises(NotFoundError):
        recorder.log_turn("m0", responds_to="stranger")


def test_timed_turn_is_committed_at_start_and_updated_at_stop(store, recorder):
    with time_machine.travel(T0, tick=False) as traveller:
        event = recorder.start_timing("m1", m.TurnKind.CHALLENGED)
        # Committed at once: a crash now keeps the turn.
        other = second_connection(store)
        assert [(e.id, e.duration_seconds) for e in other.participation(recorder.session_id)] == [
            (event.id, 0.0)
        ]
        traveller.shift(timedelta(seconds=42))
        stopped = recorder.stop_timing()
    assert stopped.duration_seconds == 42
    assert other.get(m.ParticipationEvent, event.id).duration_seconds == 42
    assert recorder.stop_timing() is None
    other.close()


def test_a_new_turn_stops_the_timed_one(store, recorder):
    with time_machine.travel(T0, tick=False) as traveller:
        timed = recorder.start_timing("m0")
        traveller.shift(timedelta(seconds=5))
        recorder.log_turn("m1")
    assert store.get(m.ParticipationEvent, timed.id).duration_seconds == 5
    assert recorder.timing is None


def test_marks_notes_questions_themes_tasks_and_their_undo(store, recorder):
    mark = recorder.mark_group(m.GroupMarkKind.LAUGHTER)
    assert [g.id for g in store.group_marks(recorder.session_id)] == [mark.id]
    recorder.set_notes("Dao talked about")
    recorder.set_notes("Dao talked about the night shifts")
    assert store.get(m.Session, recorder.session_id).notes == "Dao talked about the night shifts"
    recorder.add_question("What helps on a bad day?")
    recorder.add_theme("tiredness")
    task = recorder.quick_task("Call the district office", ["m0", m.FACILITATOR], date(2026, 12, 1))
    stored_task = store.get(m.Task, task.id)
    assert stored_task.agreed_session_id == recorder.session_id
    assert stored_task.assignee_ids == ["m0", m.FACILITATOR]
    session = store.get(m.Session, recorder.session_id)
    assert session.questions == ["What helps on a bad day?"] and session.themes == ["tiredness"]

    assert recorder.undo().kind is UndoneKind.TASK
    assert store.count(m.Task) == 0
    assert recorder.undo().kind is UndoneKind.THEME
    assert recorder.undo().kind is UndoneKind.QUESTION
    session = store.get(m.Session, recorder.session_id)
    assert session.questions == [] and session.themes == []
    assert recorder.undo().kind is UndoneKind.MARK
    assert store.group_marks(recorder.session_id) == []
    assert recorder.undo() is None
    # Notes are typed text: the text area has its own undo, and they stay.
    assert store.get(m.Session, recorder.session_id).notes.endswith("night shifts")


def test_bad_input_changes_nothing(store, recorder):
    with pytest.raises(InvalidInputError) as caught:
        recorder.quick_task("   ", ["m0"])
    assert "Title" in str(caught.value)
    with pytest.raises(InvalidInputError):
        recorder.add_question("  ")
    with pytest.raises(NotFoundError):
        recorder.quick_task("x", ["stranger"])
    assert store.count(m.Task) == 0
    assert store.get(m.Session, recorder.session_id).questions == []
    assert not recorder.can_undo


def test_undo_of_turns_and_a_running_timing(store, recorder):
    recorder.log_turn("m0")
    recorder.start_timing("m1")
    undone = recorder.undo()
    assert undone.kind is UndoneKind.TURN and undone.record.actor_id == "m1"
    assert recorder.timing is None
    # The next turn responds to the turn before the undone one.
    after = recorder.log_turn("m2")
    assert after.responds_to_id == "m0"
    assert [e.actor_id for e in store.participation(recorder.session_id)] == ["m0", "m2"]


def test_close_records_end_and_next_steps_and_backs_up(store, recorder, monkeypatch):
    calls = []
    import groupwork.recording.close as closing  # where closing lives (the recorder's end)

    monkeypatch.setattr(closing, "_backup_after_close", lambda s: calls.append(s))
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        recorder.start_timing("m0")
    with time_machine.travel(T0 + timedelta(hours=1, minutes=2), tick=False):
        closed = recorder.close("  Meet again on Friday  ")
    stored = store.get(m.Session, recorder.session_id)
    assert stored.status == m.SessionStatus.HELD
    assert stored.ended_at == T0 + timedelta(hours=1, minutes=2)
    assert stored.next_steps == "Meet again on Friday" == closed.next_steps
    assert store.participation(recorder.session_id)[0].duration_seconds == 120
    assert calls == [store]


def test_close_without_safety_module_is_silent(store, recorder):
    # The backup module may not be in this build; closing must still work.
    recorder.close("x")
    assert store.get(m.Session, recorder.session_id).status == m.SessionStatus.HELD


def test_running_stats_equal_analytics_over_the_database(store, recorder):
    rng = random.Random(7)
    recorder.roll_call("m3", m.AttendanceStatus.ABSENT)
    actors = ["m0", "m0", "m0", "m1", "m2", m.FACILITATOR]
    with time_machine.travel(T0, tick=False) as traveller:
        for _ in range(200):
            action = rng.random()
            if action < 0.1:
                recorder.start_timing(rng.choice(actors))
                traveller.shift(timedelta(seconds=rng.randint(1, 90)))
            elif action < 0.15:
                recorder.undo()
            else:
                recorder.log_turn(rng.choice(actors), rng.choice(list(m.TurnKind)))
            traveller.shift(timedelta(seconds=1))
        recorder.stop_timing()
    events = store.participation(recorder.session_id)
    live = recorder.live_stats()
    roster = ["m0", "m1", "m2"]  # m3 is absent
    assert live.shares == analytics.member_shares(events, roster, recorder.session_id)
    assert live.facilitator_share == analytics.facilitator_share(events, recorder.session_id)
    assert live.member_turns == sum(analytics.turn_counts(events).get(x, 0) for x in roster)
    assert any(s.dominant for s in live.shares)  # m0 speaks three times as often
    # A recorder opened later (the screen was closed mid-session) starts from the same figures.
    assert SessionRecorder(store, recorder.session_id).live_stats().shares == live.shares


def test_a_commit_is_visible_from_a_second_connection_at_once(store, recorder):
    other = second_connection(store)
    event = recorder.log_turn("m2", m.TurnKind.SUPPORTED)
    recorder.set_notes("seen elsewhere")
    assert [e.id for e in other.participation(recorder.session_id)] == [event.id]
    assert other.get(m.Session, recorder.session_id).notes == "seen elsewhere"
    other.close()


def test_roster_falls_back_to_all_members_before_selection(store):
    group = store.add(m.Group(name="Forming"))
    store.add(m.Member(group_id=group.id, real_name="A", pseudonym="B2"))
    store.add(m.Member(group_id=group.id, real_name="C", pseudonym="A1"))
    session = start_session(store, group.id)
    assert [x.pseudonym for x in SessionRecorder(store, session.id).members] == ["A1", "B2"]


def test_leaving_an_untouched_new_session_discards_it(store, group):
    session = start_session(store, group.id, held_on=date(2026, 11, 21))
    assert SessionRecorder(store, session.id).leave(discard_if_empty=True) == "discarded"
    assert store.sessions(group.id) == []


def test_leaving_an_untouched_planned_session_plans_it_again(store, group):
    planned = store.add(m.Session(group_id=group.id, number=1, held_on=date(2026, 11, 21)))
    start_session(store, group.id, held_on=date(2026, 11, 21))
    assert SessionRecorder(store, planned.id).leave(discard_if_empty=False) == "unstarted"
    again = store.get(m.Session, planned.id)
    assert again.started_at is None and again.status == m.SessionStatus.PLANNED


@pytest.mark.parametrize("record", ["turn", "attendance", "notes", "theme", "mark", "task"])
def test_leaving_a_session_with_any_record_keeps_it_open(store, recorder, record):
    actions = {
        "turn": lambda: recorder.log_turn("m0"),
        "attendance": lambda: recorder.roll_call("m1", m.AttendanceStatus.PRESENT),
        "notes": lambda: recorder.set_notes("quiet start"),
        "theme": lambda: recorder.add_theme("shame"),
        "mark": lambda: recorder.mark_group(m.GroupMarkKind.LAUGHTER),
        "task": lambda: recorder.quick_task("Call the clinic", ["m0"], None),
    }
    actions[record]()
    assert recorder.leave(discard_if_empty=True) == "kept"
    kept = store.get(m.Session, recorder.session_id)
    assert kept.is_open
    assert open_session(store, kept.group_id).id == kept.id


def test_the_writer_thread_stores_in_order_behind_a_held_lock(db_path):
    """With a writer thread (as the recorder screen runs it) nothing waits for another
    connection's write lock, and once it is let go everything lands in the order made: a
    timed turn with its duration, an undone turn never, a roll-call undo after its mark."""
    import sqlite3

    from groupwork.store import Store
    from tests.recording_group import MEMBER_IDS, SESSION_ID, build_group

    with Store.open(db_path) as store:
        build_group(store)
        start_session(store, store.get(m.Session, SESSION_ID).group_id, session_id=SESSION_ID)
        recorder = SessionRecorder(store, SESSION_ID)
        recorder.pending.start_writer(store.live_writer())
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("begin immediate")  # another process's write, held
        timed = recorder.start_timing(MEMBER_IDS[0])
        recorder.stop_timing()
        kept = recorder.log_turn(MEMBER_IDS[1])
        recorder.log_turn(MEMBER_IDS[2])
        recorder.undo()
        recorder.roll_call(MEMBER_IDS[3], m.AttendanceStatus.PRESENT)
        recorder.undo()
        assert len(recorder.pending) == 5  # turn, its duration, turn, mark, mark undone
        other.execute("rollback")
        other.close()
        assert recorder.pending.stop_writer() == 0
        stored = store.participation(SESSION_ID)
        assert [e.id for e in stored] == [timed.id, kept.id]
        assert stored[0].duration_seconds == timed.duration_seconds
        assert store.attendance(SESSION_ID) == []


def test_the_writer_thread_outlives_a_failure_that_is_not_a_storage_error(db_path):
    """A write that fails for another reason (here: the store says the record is not found,
    as when another window deleted the session) is kept, told and tried again; the turns
    behind it are not left waiting for a writer that has stopped."""
    from groupwork.errors import NotFoundError
    from groupwork.store import Store
    from tests.recording_group import MEMBER_IDS, SESSION_ID, build_group

    with Store.open(db_path) as store:
        build_group(store)
        start_session(store, store.get(m.Session, SESSION_ID).group_id, session_id=SESSION_ID)
        recorder = SessionRecorder(store, SESSION_ID)
        writer = store.live_writer()
        failures = [NotFoundError("ดาว: no such session")]
        record_turn = writer.record_turn

        def fails_once(record):
            if failures:
                raise failures.pop()
            return record_turn(record)

        writer.record_turn = fails_once
        told: list[str] = []
        pending = recorder.pending
        pending.RETRY_SECONDS = 0.01
        pending.start_writer(writer, on_change=lambda: told.append(str(pending.last_error)))
        first = recorder.log_turn(MEMBER_IDS[0])
        second = recorder.log_turn(MEMBER_IDS[1])
        assert pending.stop_writer() == 0
        assert [e.id for e in store.participation(SESSION_ID)] == [first.id, second.id]
        assert any("no such session" in line for line in told)
