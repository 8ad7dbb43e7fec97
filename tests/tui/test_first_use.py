"""Faults a first-time Thai user met in the TUI (found by driving it in tmux), each pinned here."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from groupwork import i18n
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.record_form import RecordFormScreen
from groupwork.tui.screens.stage_workspace import StageWorkspaceScreen


def notified(app) -> str:
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


async def open_member_form(pilot) -> RecordFormScreen:
    await pilot.pause()
    await pilot.press("enter")  # the group
    await pilot.pause()
    await pilot.press("2")  # stage 2: candidates
    await pilot.pause()
    assert isinstance(pilot.app.screen, StageWorkspaceScreen)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RecordFormScreen)
    return pilot.app.screen


def pseudonyms_and_decision_dates(db_path) -> dict[str, date | None]:
    with Store.open(db_path) as store:
        return {member.pseudonym: member.decided_on for member in store.members("g1")}


async def test_a_thai_date_with_a_buddhist_era_year_is_understood(seeded_db):
    i18n.set_language("th")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_member_form(pilot)
        # The form shows today's date the Thai way, so she edits the year she knows.
        assert form.query_one("#field-decided_on", Input).value == "21/11/2569"
        form.query_one("#field-real_name", Input).value = "สมศรี ใจดี"
        form.query_one("#field-pseudonym", Input).value = "ส้ม"
        form.query_one("#field-decided_on", Input).value = "20/11/2569"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StageWorkspaceScreen)
    assert pseudonyms_and_decision_dates(seeded_db)["ส้ม"] == date(2026, 11, 20)


async def test_an_iso_date_with_a_buddhist_era_year_is_not_stored_543_years_ahead(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_member_form(pilot)
        form.query_one("#field-real_name", Input).value = "Somsri"
        form.query_one("#field-pseudonym", Input).value = "Orange"
        form.query_one("#field-decided_on", Input).value = "2569-11-20"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert pseudonyms_and_decision_dates(seeded_db)["Orange"] == date(2026, 11, 20)


async def test_an_impossible_date_and_an_empty_field_are_named_in_thai_and_nothing_is_saved(
    seeded_db,
):
    i18n.set_language("th")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_member_form(pilot)
        form.query_one("#field-real_name", Input).value = "สมศรี ใจดี"
        form.query_one("#field-decided_on", Input).value = "31/02/2569"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "the form closed on bad input"
        under_date = str(form.query_one("#error-decided_on").render())
        assert "31/02/2569" in under_date and "ไม่ใช่วันที่" in under_date
        # Most of the form is out of sight at 80x24: the notification names each field.
        message = notified(app)
        assert "วันที่ตัดสินใจ:" in message
        assert "นามสมมุติหรือรหัส: ต้องระบุ" in message
        assert "บันทึกไม่ได้" in message
        # What she typed is still there to correct.
        assert form.query_one("#field-real_name", Input).value == "สมศรี ใจดี"
    assert set(pseudonyms_and_decision_dates(seeded_db)) == {"M01", "M02", "M03"}
