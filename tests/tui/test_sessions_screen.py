"""The sessions screen and the recorder as a facilitator uses them: plan, cancel with a reason,
move, record a planned session, enter a past one; keys that never move; ratings at the close;
a busy database that never freezes the recorder. Asserted on the database and the screen."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, time
from time import tzset

import pytest
from textual.widgets import DataTable, Static

from groupwork import models as m
from groupwork.operations.ratings import set_rating_scale
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.formatting import show_date
from groupwork.tui.screens.ratings import RatingsScreen
from groupwork.tui.screens.recorder import RecorderScreen
from groupwork.tui.screens.session_dialog import SessionDialog
from groupwork.tui.screens.sessions import SessionsScreen
from groupwork.tui.widgets.recorder_board import MemberBoard
from tests.tui.recorder_app import until


def _text(widget) -> str:
    return str(widget.render())


def _table(screen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def _to_sessions(pilot):
    await pilot.pause()
    await pilot.press("enter", "s")  # the group, then its sessions
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionsScreen)


async def _fill(pilot, *values: str):
    """Type each value into the dialog's fields in turn (Enter moves on, then saves)."""
    for value in values:
        await pilot.press(*value, "enter") if value else await pilot.press("enter")
    await pilot.pause()


async def test_plan_cancel_move_and_record(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _to_sessions(pilot)
        for day in ("2026-12-05", "2026-12-12", "2026-12-19"):
            await pilot.press("p")
            await _fill(pilot, day, "14:00", "ground rules")
        rows = _table(app.screen)
        assert [r[0] for r in rows] == ["1", "2", "3", "4", "5", "6"]
        assert rows[3][2] == "14:00" and rows[3][3] == "planned"
        # Cancel session 5: an empty reason is refused in the dialog, nothing changes.
        app.screen.query_one(DataTable).move_cursor(row=4)
        await pilot.press("x")
        await pilot.pause()
        await _fill(pilot, "", "")
        assert isinstance(app.screen, SessionDialog)
        assert "This is needed." in _text(app.screen.query_one("#e-reason"))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("x")
        await _fill(pilot, "Flood on the road", "")
        assert isinstance(app.screen, SessionsScreen)
        assert _table(app.screen)[4][3] == "cancelled"
        assert "Flood on the road" in _table(app.screen)[4][4]
        # Move session 6 a week later.
        app.screen.query_one(DataTable).move_cursor(row=5)
        await pilot.press("m")
        await _fill(pilot, "2026-12-26", "")
        # Record session 3 (planned for the 28th; held today): the recorder opens on it.
        app.screen.query_one(DataTable).move_cursor(row=2)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RecorderScreen)
        await pilot.press("1", "2", "ctrl+e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)
        assert _table(app.screen)[2][3] == "held"
    with Store.open(seeded_db) as store:
        sessions = {s.number: s for s in store.sessions("g1")}
        assert sessions[5].status == m.SessionStatus.CANCELLED
        assert sessions[5].cancel_reason == "Flood on the road"
        assert store.participation(sessions[5].id) == []
        assert sessions[6].held_on == date(2026, 12, 26)
        assert sessions[6].planned_time == time(14, 0)
        assert sessions[3].held_on == date(2026, 11, 21)  # the day it was really held
        assert sessions[3].started_at == datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
        assert len(store.participation(sessions[3].id)) == 2


async def test_enter_a_past_session_then_its_turns(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _to_sessions(pilot)
        await pilot.press("e")
        await _fill(pilot, "2026-11-14", "15:00", "13:00", "")
        assert isinstance(app.screen, SessionDialog)
        assert "ends before it starts" in _text(app.screen.query_one("#dialog-error"))
        with Store.open(seeded_db) as store:
            assert len(store.sessions("g1")) == 3  # nothing was saved
        for _field in range(4):
            await pilot.press("shift+tab")
        app.screen.query_one("#f-starts").value = "13:00"
        app.screen.query_one("#f-ends").value = "15:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RecorderScreen)
        assert show_date(date(2026, 11, 14)) in _text(app.screen.query_one("#rec-header"))
        await pilot.press("f2", "1", "f3", "1", "ctrl+e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    with Store.open(seeded_db) as store:
        # Numbered by date: 7 Oct, 14 Oct, this 14 Nov one, then the 28 Nov plan.
        past = store.session_by_number("g1", 3)
        assert past.held_on == date(2026, 11, 14) and past.status == m.SessionStatus.HELD
        assert (past.ended_at - past.started_at).total_seconds() == 2 * 3600
        assert len(store.participation(past.id)) == 1


async def test_a_withdrawn_member_keeps_their_key_greyed(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "r")
        await pilot.pause()
        assert app.screen.key_of["m3"] == "3"
        await pilot.press("escape")
        await pilot.pause()
    with Store.open(seeded_db) as store:
        store.save(
            store.get(m.Member, "m2").model_copy(
                update={"decision": m.SelectionDecision.WITHDREW, "left_on": date(2026, 11, 20)}
            )
        )
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "r")
        await pilot.pause()
        screen = app.screen
        assert screen.key_of["m3"] == "3" and screen.key_of["m2"] == "2"
        board = _text(screen.query_one(MemberBoard))
        assert "withdrew (key kept)" in board
        await pilot.press("2", "3")  # 2 is skipped, 3 still logs M03
        await pilot.pause()
        assert [e.actor_id for e in screen.recorder.turns] == ["m3"]
        session_id = screen.recorder.session_id
    with Store.open(seeded_db) as store:
        assert [e.actor_id for e in store.participation(session_id)] == ["m3"]


async def test_more_than_ten_members_get_a_second_bank(seeded_db):
    with Store.open(seeded_db) as store:
        for i in range(4, 13):
            store.add(
                m.Member(
                    id=f"m{i}",
                    group_id="g1",
                    real_name=f"Real {i}",
                    pseudonym=f"M{i:02}",
                    decision=m.SelectionDecision.SELECTED,
                )
            )
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "r")
        await pilot.pause()
        board = _text(app.screen.query_one(MemberBoard))
        assert "key bank 2" in board
        assert app.screen.key_of["m11"] == "q" and app.screen.key_of["m12"] == "w"
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.recorder.turns[-1].actor_id == "m12"


async def test_ratings_at_the_close(seeded_db):
    with Store.open(seeded_db) as store:
        set_rating_scale(store, "g1", "Satisfaction", 1, 5, ["1=not at all", "5=fully"])
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "r")
        await pilot.pause()
        await pilot.press("f2", "1", "2", "3", "3", "3", "3", "f3")  # M03 absent
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RatingsScreen)
        shown = _text(app.screen.query_one("#ratings-scale"))
        assert "1 not at all" in shown and "5 fully" in shown
        await pilot.press("4", "s")  # M01 scores 4, M02 skipped
        await pilot.pause()
        listed = _text(app.screen.query_one("#ratings-list"))
        assert "M01  4" in listed and "M03" not in listed
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, (RatingsScreen, RecorderScreen))
    with Store.open(seeded_db) as store:
        # Started now (21 Nov): numbered before the 28th's, which stays planned.
        session = store.session_by_number("g1", 3)
        assert session.status == m.SessionStatus.HELD
        assert [(r.member_id, r.score) for r in store.ratings(session.id)] == [("m1", 4.0)]


async def test_a_busy_database_shows_pending_and_stores_it_later(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "r")
        await pilot.pause()
        screen = app.screen
        other = sqlite3.connect(seeded_db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        await pilot.press("1", "2")
        pending = screen.recorder.pending  # the writer thread tries, finds the lock held
        await until(pilot, lambda: pending.troubled and len(pending) == 2)
        await pilot.pause()
        assert "2 not saved yet" in _text(screen.query_one("#rec-header", Static))
        assert "M02 spoke → M01" in _text(screen.query_one("#rec-log"))
        await pilot.press("escape")  # leaving now would lose them: refused
        await pilot.pause()
        assert app.screen is screen
        other.execute("COMMIT")
        other.close()
        await until(pilot, lambda: not len(pending))  # stored by the writer thread
        await pilot.pause()
        assert "not saved" not in _text(screen.query_one("#rec-header", Static))
        session_id = screen.recorder.session_id
    with Store.open(seeded_db) as store:
        assert [e.actor_id for e in store.participation(session_id)] == ["m1", "m2"]


@pytest.fixture
def bangkok(monkeypatch):
    """The machine's zone pinned to Bangkok (UTC+7), so local times are known in any CI zone."""
    monkeypatch.setenv("TZ", "Asia/Bangkok")
    tzset()
    yield
    monkeypatch.undo()
    tzset()


async def test_times_are_local_and_the_planned_time_is_shown(seeded_db, bangkok):
    with Store.open(seeded_db) as store:
        planned = store.get(m.Session, "s3")
        store.save(planned.model_copy(update={"planned_time": time(14, 0)}))
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        shown = _text(app.screen.query_one("#next-session"))
        assert show_date(date(2026, 11, 28)) + " at 14:00" in shown
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("e")
        await _fill(pilot, "2026-11-14", "13:00", "15:00", "")
        assert isinstance(app.screen, RecorderScreen)
        await pilot.press("escape")  # nothing from paper yet: the session keeps its times
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)
        rows = _table(app.screen)
        assert rows[2][2] == "13:00–15:00" and rows[3][2] == "14:00"
    with Store.open(seeded_db) as store:
        past = store.session_by_number("g1", 3)
        assert past.ended_at == datetime(2026, 11, 14, 8, 0, tzinfo=UTC)
        assert past.started_at == datetime(2026, 11, 14, 6, 0, tzinfo=UTC)  # 13:00 in Bangkok
