"""The recorder's quiet nudge line: it appears on the hints line, mutes with F6, and every nudge
shown is stored with the session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from textual.widgets import Static

from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.screens.recorder import RecorderScreen
from tests.tui.recorder_app import (
    GROUP_ID,
    MEMBER_IDS,
    SESSION_ID,
    RecorderTestApp,
    build_group,
    run_async,
)

T0 = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)


@pytest.fixture
def group_db(db_path):
    with Store.open(db_path) as store:
        build_group(store)
    return db_path


def hints(app) -> str:
    return str(app.screen.query_one("#rec-hints", Static).render())


@run_async
async def test_a_silent_member_is_nudged_quietly_muted_and_stored(group_db):
    with time_machine.travel(T0, tick=False) as traveller:
        app = RecorderTestApp(group_db)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, RecorderScreen)
            # Roll call: Dao, Fon and Kaew present; the rest absent.
            await pilot.press("f2", "1", "2", "3", *["4"] * 4, *["5"] * 4, *["6"] * 4)
            await pilot.press(*["7"] * 4, *["8"] * 4, *["9"] * 4, *["0"] * 4, "f3")
            # Dao and Fon talk for 15 minutes; Kaew says nothing.
            for _turn in range(15):
                await pilot.press("1", "2")
                traveller.shift(timedelta(minutes=1))
            screen.show_nudges()  # what the one-second timer does
            await pilot.pause()
            assert "Kaew has not spoken for 15 min" in hints(app)
            assert "F6" in hints(app)
            assert app.screen is screen  # no modal, only the line

            # Shown again a second later: still one record of it.
            traveller.shift(timedelta(seconds=1))
            screen.show_nudges()
            await pilot.press("f6")
            await pilot.pause()
            assert "has not spoken" not in hints(app)
            assert "asked" in hints(app)  # the key hints are back
            traveller.shift(timedelta(minutes=5))
            screen.show_nudges()
            assert "has not spoken" not in hints(app)

    with Store.open(group_db) as store:
        shown = store.nudges_shown(SESSION_ID)
    assert [(n.kind, n.member_id) for n in shown] == [
        (m.NudgeKind.SILENT, MEMBER_IDS[2]),
        (m.NudgeKind.MUTED, None),
    ]
    assert shown[0].detail.endswith(" turns")  # figures only, never words or names


@run_async
async def test_a_muted_session_stays_muted_when_resumed(group_db):
    with Store.open(group_db) as store:
        store.add(m.NudgeSettings(group_id=GROUP_ID, silent_minutes=1))
    with time_machine.travel(T0, tick=False) as traveller:
        app = RecorderTestApp(group_db)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("f6", "1")
            traveller.shift(timedelta(minutes=3))
            app.screen.show_nudges()
            assert "has not spoken" not in hints(app)
            await pilot.press("escape")
            await pilot.pause()
        app = RecorderTestApp(group_db)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.screen.show_nudges()
            assert "has not spoken" not in hints(app)
            await pilot.press("f6")
            app.screen.show_nudges()
            await pilot.pause()
            # The group's own threshold (1 minute), not the stage's 15.
            assert "has not spoken for 3 min" in hints(app)
    with Store.open(group_db) as store:
        kinds = [n.kind for n in store.nudges_shown(SESSION_ID)]
    assert kinds[:2] == [m.NudgeKind.MUTED, m.NudgeKind.UNMUTED] and m.NudgeKind.SILENT in kinds


@run_async
async def test_nudges_in_thai(group_db):
    with time_machine.travel(T0, tick=False) as traveller:
        app = RecorderTestApp(group_db)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("f9")
            await pilot.press("f2", "1", "2", *["3"] * 4, *["4"] * 4, *["5"] * 4, *["6"] * 4)
            await pilot.press(*["7"] * 4, *["8"] * 4, *["9"] * 4, *["0"] * 4, "f3")
            for _turn in range(16):
                await pilot.press("1")
                traveller.shift(timedelta(minutes=1))
            app.screen.show_nudges()
            await pilot.pause()
            assert "Fon" in hints(app) and "นาที" in hints(app)
