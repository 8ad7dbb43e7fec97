"""Stage 7's form records the dialogue of each session; when and whether a session met stay
with the sessions screen (numbers follow dates, cancelling asks why)."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Select

from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.record_form import RecordFormScreen
from tests.tui.test_forms import open_stage, screen_text
from tests.tui.test_stage_walkthrough import fill_and_save


async def open_new_dialogue(pilot) -> None:
    """Stage 7, the dialogue table, A: the form for a new session."""
    screen = await open_stage(pilot, "7")
    screen.query_one("#section-dialogue", DataTable).focus()
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RecordFormScreen)


async def test_editing_a_sessions_dialogue_changes_nothing_else(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_stage(pilot, "7")
        table = screen.query_one("#section-dialogue", DataTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordFormScreen)
        for gone in ("number", "held_on", "status"):
            assert not form.query(f"#field-{gone}"), gone
        await fill_and_save(pilot, themes=["ความเหนื่อยล้า", "น้ำใจของเพื่อนบ้าน"])
    with Store.open(seeded_db) as store:
        first = store.get(m.Session, "s1")
        assert first.themes == ["ความเหนื่อยล้า", "น้ำใจของเพื่อนบ้าน"]
        assert (first.number, first.held_on, first.status) == (
            1,
            date(2026, 10, 7),
            m.SessionStatus.HELD,
        )


async def test_a_session_added_here_takes_its_place_by_date(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_new_dialogue(pilot)
        status = app.screen.query_one("#field-status", Select)
        # Held or planned: a cancellation asks its reason in the sessions screen.
        assert [value for _label, value in status._options if isinstance(value, str)] == [
            "held",
            "planned",
        ]
        await fill_and_save(pilot, held_on="2026-10-10", status="held", themes=["พรจากพ่อแม่"])
    with Store.open(seeded_db) as store:
        sessions = store.sessions("g1")
        assert [(s.held_on, s.number) for s in sessions] == [
            (date(2026, 10, 7), 1),
            (date(2026, 10, 10), 2),
            (date(2026, 10, 14), 3),
            (date(2026, 11, 28), 4),
        ]
        added = next(s for s in sessions if s.held_on == date(2026, 10, 10))
        assert added.stages == [7] and added.themes == ["พรจากพ่อแม่"]


async def test_a_held_session_in_the_future_is_refused_and_nothing_saved(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_new_dialogue(pilot)
        form = app.screen
        form.query_one("#field-held_on").value = "2099-01-05"
        form.query_one("#field-status", Select).value = "held"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # still open, to fix the date
        assert "cannot be dated after today" in screen_text(app)
    with Store.open(seeded_db) as store:
        assert len(store.sessions("g1")) == 3
