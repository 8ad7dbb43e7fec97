"""The plan sheet and the feedback on screen: from the sessions screen (s, f), from the recorder
(F7, and the close dialog's share against the target); snapshots at 80x24 in both languages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.widgets import DataTable, Static

from groupwork import i18n
from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.facilitation_view import FacilitationView
from groupwork.tui.screens.recorder import RecorderScreen
from groupwork.tui.screens.sessions import SessionsScreen

from .conftest import seed_group


@pytest.fixture
def aids_db(db_path):
    """The seeded group, with a nudge shown in session 2 and a rule agreed."""
    seed_group(db_path)
    with Store.open(db_path) as store:
        store.add(
            m.NudgeShown(
                session_id="s2",
                kind=m.NudgeKind.SILENT,
                member_id="m3",
                at=datetime(2026, 10, 14, 10, 1, tzinfo=UTC),
                detail="15 min, 1 turns",
            )
        )
        store.add(m.GroundRule(group_id="g1", text="Listen to the end", agreed_on=None))
        store.add(
            m.GroundRule(
                group_id="g1",
                text="What is said here stays here",
                agreed_on=datetime(2026, 10, 7).date(),
            )
        )
    return db_path


def _aid_text(app) -> str:
    return str(app.screen.query_one("#aid-text", Static).render())


async def _to_sessions(pilot):
    await pilot.pause()
    await pilot.press("enter", "s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionsScreen)


async def test_sheet_and_feedback_from_the_sessions_screen(aids_db):
    i18n.set_language("en")
    app = GroupworkApp(aids_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_sessions(pilot)
        table = app.screen.query_one(DataTable)
        assert "you 0% (target 55%)" in str(table.get_row_at(1)[4])
        table.move_cursor(row=2)  # session 3, planned
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, FacilitationView)
        text = _aid_text(app)
        assert "Plan for session 3 · Caregivers of Ban Nong" in text
        assert "Call the health centre · Malee Real" in text and "(overdue)" in text
        assert "What is said here stays here" in text and "Listen to the end" not in text
        assert "Wipa Real: quiet last time" in text  # no turn in session 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)
        await pilot.press("f")  # session 3 is not held yet
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)
        table.move_cursor(row=1)
        await pilot.press("f")
        await pilot.pause()
        text = _aid_text(app)
        assert "Feedback on session 2" in text and "Wipa Real: 0 turns" in text
        assert "silent for a while: Wipa Real" in text  # too few turns after it to tell
        assert "Strengths of your practice, with dates" in text


async def test_the_recorder_shows_the_sheet_and_the_share_at_closing(aids_db):
    i18n.set_language("en")
    app = GroupworkApp(aids_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_sessions(pilot)
        app.screen.query_one(DataTable).move_cursor(row=2)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RecorderScreen)
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, FacilitationView)
        assert "Plan for session 3" in _aid_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("1", "f", "f", "ctrl+e")
        await pilot.pause()
        dialog = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "Your share of turns 67%, target 55%." in dialog


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("aid", ["s", "f"])
def test_snapshots_of_the_aids(snap_compare, aids_db, lang, aid):
    i18n.set_language(lang)

    async def open_aid(pilot):
        await pilot.pause()
        await pilot.press("enter", "s")
        await pilot.pause()
        pilot.app.screen.query_one(DataTable).move_cursor(row=1 if aid == "f" else 2)
        await pilot.press(aid)
        await pilot.pause()

    assert snap_compare(GroupworkApp(aids_db), terminal_size=(80, 24), run_before=open_aid)


async def test_the_closure_form_opens_with_dated_evidence(aids_db):
    i18n.set_language("en")
    app = GroupworkApp(aids_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "c")
        await pilot.pause()
        intro = str(app.screen.query_one("#form-intro", Static).render())
        assert "Weaknesses recorded · 14 Oct 26 (2): present but not heard: Wipa Real" in intro
