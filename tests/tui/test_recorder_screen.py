"""The recorder screen driven by keys, as a facilitator would: every record is checked in the
database and on the screen."""

from __future__ import annotations

import gc
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.screens.recorder import RecorderScreen
from groupwork.tui.widgets.recorder_board import MemberBoard
from groupwork.tui.widgets.recorder_log import EventLog
from tests.tui.recorder_app import MEMBER_IDS, SESSION_ID, RecorderTestApp, build_group, run_async

T0 = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)


@pytest.fixture
def group_db(db_path):
    with Store.open(db_path) as store:
        build_group(store)
    return db_path


def board_text(app) -> str:
    return app.screen.query_one(MemberBoard).render().plain


def log_text(app) -> str:
    return app.screen.query_one(EventLog).render().plain


# Keys of the ten members: "1".."9", "0" in pseudonym order.
KEYS = "1234567890"
PLAN = [  # (kind key or "", member index): 50 turns of several kinds
    ("", 0), ("a", 1), ("", 2), ("s", 0), ("c", 3), ("", 4), ("", 5), ("a", 6), ("", 7), ("", 8),
] * 5  # fmt: skip


@run_async
async def test_a_whole_session_by_keys(group_db):
    with time_machine.travel(T0, tick=False) as traveller:
        app = RecorderTestApp(group_db)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, RecorderScreen)

            # Roll call: one key per member; member 8 twice (late), member 9 four times (absent).
            await pilot.press("f2", *KEYS[:8], "9", "9", "0", "0", "0", "0")
            await pilot.pause()
            assert "late" in board_text(app) and "absent" in board_text(app)
            await pilot.press("f3")

            # 50 turns of several kinds; the facilitator speaks in between.
            for kind_key, member in PLAN:
                if kind_key:
                    await pilot.press(kind_key)
                await pilot.press(KEYS[member])
                traveller.shift(timedelta(seconds=10))
            await pilot.press("f", "f")
            # A timed turn: space arms timing, the member's key starts it, space stops it.
            await pilot.press("space", "2")
            traveller.shift(timedelta(seconds=75))
            await pilot.press("space")
            # A new thread: n, then a turn that answers no one.
            await pilot.press("n", "3")
            # A group mark, then a turn by mistake, undone.
            await pilot.press("m", "3")
            await pilot.press("5", "u")
            # A task agreed in the room.
            await pilot.press("t")
            await pilot.pause()
            await pilot.press(*"Visit the clinic")
            await pilot.press("enter", "space", "down", "space", "tab")
            await pilot.press(*"2026-12-01", "enter")
            await pilot.pause()
            # Notes and a question, typed in notes mode.
            await pilot.press("f4")
            await pilot.press(*"Tired")
            await pilot.press("tab")
            await pilot.press(*"What helps?", "enter")
            await pilot.press("escape")
            await pilot.pause()

            shown = board_text(app)
            recorded = log_text(app)
            # Close with next steps.
            traveller.shift(timedelta(minutes=30))
            await pilot.press("ctrl+e")
            await pilot.pause()
            await pilot.press(*"Meet Friday", "ctrl+s")
            await pilot.pause()
            # The group's first close offers to set a rating scale: Esc closes without one.
            from groupwork.tui.screens.rating_scale import RatingScaleScreen

            assert isinstance(app.screen, RatingScaleScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert app.closed and app.closed[0].id == SESSION_ID
            assert not isinstance(app.screen, RecorderScreen)

    # What the screen showed.
    assert "Undone: Pim spoke" in recorded
    assert "Group: laughter" in recorded
    assert "Task: Visit the clinic" in recorded
    lines = {line.split()[1]: line for line in shown.splitlines()[1:11]}
    assert lines["Dao"].split()[3] == "10"  # Dao: 5 spoke + 5 supported
    # Dao has 10 of 52 member turns among 9 members compared (one is absent): 1.7 times the
    # average, not yet dominant; nobody who was there stayed under a fifth of the average.
    rows = "\n".join(lines.values())
    assert "▲" not in rows and "▽" not in rows
    assert "Facilitator" in shown and "4% of all turns" in shown  # 2 of 54 turns

    with Store.open(group_db) as store:
        session = store.get(m.Session, SESSION_ID)
        assert session.status == m.SessionStatus.HELD
        assert session.started_at == T0
        assert session.ended_at == T0 + timedelta(seconds=500 + 75 + 1800)
        assert session.next_steps == "Meet Friday"
        assert session.notes == "Tired"
        assert session.questions == ["What helps?"]

        marks = {a.member_id: a.status for a in store.attendance(SESSION_ID)}
        assert marks == {
            **{mid: m.AttendanceStatus.PRESENT for mid in MEMBER_IDS[:7]},
            MEMBER_IDS[7]: m.AttendanceStatus.PRESENT,
            MEMBER_IDS[8]: m.AttendanceStatus.LATE,
            MEMBER_IDS[9]: m.AttendanceStatus.ABSENT,
        }

        turns = store.participation(SESSION_ID)
        assert len(turns) == 50 + 2 + 1 + 1  # the undone one is gone
        expected_kinds = {"": "spoke", "a": "asked", "s": "supported", "c": "challenged"}
        for turn, (kind_key, member) in zip(turns[:50], PLAN, strict=True):
            assert (turn.actor_id, turn.kind) == (MEMBER_IDS[member], expected_kinds[kind_key])
        # Each turn answers the one before (a different speaker) unless told otherwise.
        assert turns[0].responds_to_id is None
        assert all(
            turns[i].responds_to_id == turns[i - 1].actor_id for i in range(1, 50)
        )  # consecutive speakers always differ in PLAN
        facilitator = turns[50:52]
        assert [t.actor_id for t in facilitator] == [m.FACILITATOR] * 2
        assert facilitator[1].responds_to_id is None  # the facilitator again
        timed = turns[52]
        assert (timed.actor_id, timed.duration_seconds) == (MEMBER_IDS[1], 75)
        assert timed.responds_to_id == m.FACILITATOR
        new_thread = turns[53]
        assert (new_thread.actor_id, new_thread.responds_to_id) == (MEMBER_IDS[2], None)
        assert all(t.duration_seconds is None for t in turns if t.id != timed.id)

        assert [g.kind for g in store.group_marks(SESSION_ID)] == [m.GroupMarkKind.LAUGHTER]
        (task,) = store.tasks(m_group := session.group_id)
        assert task.group_id == m_group
        assert task.title == "Visit the clinic"
        assert task.assignee_ids == [MEMBER_IDS[0], MEMBER_IDS[1]]
        assert task.due_on == date(2026, 12, 1)
        assert task.agreed_session_id == SESSION_ID


@run_async
async def test_task_modal_says_what_is_wrong_per_field(group_db):
    app = RecorderTestApp(group_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        modal = app.screen
        errors = {w.id: str(w.render()) for w in modal.query(".field-error") if w.display}
        assert errors == {
            "title-error": "Say what is to be done.",
            "who-error": "Tick at least one person.",
        }
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RecorderScreen)
    with Store.open(group_db) as store:
        assert store.count(m.Task) == 0


@run_async
async def test_thai_layout_keys_and_language_switch(group_db):
    app = RecorderTestApp(group_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # "ๅ" is the key "1" and "ด" the key "f" on a Thai (Kedmanee) keyboard.
        await pilot.press("ๅ", "ด")
        await pilot.press("f9")
        await pilot.pause()
        assert "ผู้ดำเนินกลุ่ม" in board_text(app)  # the worker, never ผู้ประสานกลุ่ม (issue 11)
        await pilot.press("f9")
    with Store.open(group_db) as store:
        assert [t.actor_id for t in store.participation(SESSION_ID)] == [
            MEMBER_IDS[0],
            m.FACILITATOR,
        ]


@run_async
async def test_resuming_shows_what_was_recorded(group_db):
    app = RecorderTestApp(group_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1", "2")
    # The screen was left without closing: opening the group again resumes the session.
    app = RecorderTestApp(group_db, session_id=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.recorder.session_id == SESSION_ID
        assert "Fon spoke → Dao" in log_text(app)


@run_async
async def test_escape_leaves_and_an_untouched_new_session_is_not_kept(group_db):
    app = RecorderTestApp(group_db, session_id=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.recorder.session.started_at is not None
        # What the screen opened with is frozen; on leaving, the freezes are kept (the app's:
        # start-up's and home's are not undone).
        assert gc.get_freeze_count() > 0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RecorderScreen)
        assert gc.get_freeze_count() > 0
    with Store.open(group_db) as store:
        numbers = [s.number for s in store.sessions("group-caregivers")]
        session = store.get(m.Session, SESSION_ID)
    # Opening the recorder started a session (planned session 3 on its day, else a new one);
    # leaving with nothing recorded leaves only the planned session 3, still unstarted.
    assert numbers == [3] and session.started_at is None


@run_async
async def test_the_palette_offers_each_recorder_action_once(group_db):
    app = RecorderTestApp(group_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        titles = [str(c.title) for c in app.get_system_commands(screen)]
        titles += [title for title, _run, _help in screen.palette_commands()]
        assert "Undo" in titles and "Log a turn: Dao" in titles
        assert len(titles) == len(set(titles)), sorted(t for t in titles if titles.count(t) > 1)
