"""Faults a first-time Thai user met in the TUI (found by driving it in tmux), each pinned here."""

from __future__ import annotations

from datetime import date

import pytest
from rich.cells import cell_len
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


def footer_keys(app) -> dict[str, tuple[str, int]]:
    """Key -> (label, right edge) of every key the footer shows."""
    from textual.widgets._footer import FooterKey

    return {key.key: (key.description, key.region.right) for key in app.screen.query(FooterKey)}


def assert_help_and_language_in_sight(app, help_label: str, language_label: str) -> None:
    keys = footer_keys(app)
    width = app.size.width
    assert keys["f1"][0] == help_label and 0 < keys["f1"][1] <= width, (type(app.screen), keys)
    assert keys["f9"][0] == language_label and 0 < keys["f9"][1] <= width, keys
    # Nothing is drawn over them (the palette key used to cover the right end).
    palette = keys.get("ctrl+p")
    if palette:
        assert palette[1] - len(palette[0]) - 4 >= max(keys["f1"][1], keys["f9"][1])


@pytest.mark.parametrize(
    ("lang", "help_label", "language_label"),
    [("th", "วิธีใช้", "English"), ("en", "Help", "ไทย")],
)
async def test_help_and_language_keys_are_in_sight_on_every_screen_at_80_columns(
    seeded_db, lang, help_label, language_label
):
    i18n.set_language(lang)
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:

        async def visit(*keys: str) -> None:
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            await pilot.pause()
            assert_help_and_language_in_sight(app, help_label, language_label)

        await visit()  # groups
        await visit("enter")  # dashboard
        await visit("2")  # a stage workspace
        await visit("a")  # a form (a modal: the app's keys used to be left out)
        await visit("escape", "escape", "t")  # the task board
        await visit("escape", "r")  # the recorder
        recorder_keys = footer_keys(app)
        # Closing the session is the recorder's way out: it must be in sight too.
        assert 0 < recorder_keys["ctrl+e"][1] <= 80, recorder_keys
        await visit("f1")  # help over the recorder
        assert footer_keys(app)["escape"][0] == ("ปิด" if lang == "th" else "Close")


async def test_every_dashboard_key_fits_at_80_columns_in_thai(seeded_db):
    i18n.set_language("th")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        keys = footer_keys(app)
        assert {"w", "t", "r", "v", "escape"} <= set(keys)
        assert all(0 < right <= 80 for _label, right in keys.values()), keys


async def test_the_palette_key_is_translated_where_it_is_shown(seeded_db):
    i18n.set_language("th")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert footer_keys(app)["ctrl+p"][0] == "คำสั่ง"


async def test_what_is_typed_in_the_quick_task_dialog_can_be_seen(db_path):
    from tests.tui.recorder_app import RecorderTestApp, build_group

    with Store.open(db_path) as store:
        build_group(store)
    app = RecorderTestApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"Call the clinic")
        await pilot.pause()
        title = app.screen.query_one("#task-title", Input)
        # The focused one-row box used to get a border that left no row for the text.
        assert title.has_focus and title.content_region.height == 1
        await pilot.press("enter", "tab")
        await pilot.pause()
        due = app.screen.query_one("#task-due", Input)
        assert due.has_focus and due.content_region.height == 1


async def test_the_task_board_keeps_due_dates_and_the_filter_in_sight_at_80_columns(db_path):
    from textual.widgets import DataTable

    from groupwork.demo import build_demo
    from groupwork.tui.screens.task_board import TaskBoardScreen

    with Store.open(db_path) as store:
        build_demo(store)
    i18n.set_language("th")
    app = GroupworkApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "t")
        await pilot.pause()
        board = app.screen
        assert isinstance(board, TaskBoardScreen)
        table = board.query_one("#tasks", DataTable)
        assert table.row_count > 15  # more tasks than rows on the screen
        # Every column, the due date last, fits in the 80 columns (long titles are cut).
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert any(str(table.get_row_at(r)[1]).endswith("…") for r in range(table.row_count))
        await pilot.press("slash")
        await pilot.pause()
        box = board.query_one("#filter", Input)
        # The box opens where it can be seen, with the screen title above it.
        assert box.has_focus and box.content_region.y >= 2
        assert box.content_region.bottom <= 24 and board.scroll_offset.y == 0


async def test_messages_under_fields_follow_a_language_switch_without_saving_again(db_path):
    from groupwork.tui.screens.new_group import NewGroupScreen

    app = GroupworkApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NewGroupScreen)
        form.query_one("#field-name", Input).value = "x" * 300
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "too long" in str(form.query_one("#error-name").render())
        await pilot.press("f9")
        await pilot.pause()
        await pilot.pause()
        under_name = str(form.query_one("#error-name").render())
        assert "too long" not in under_name and "200" in under_name, under_name
        assert form.query_one("#field-name", Input).value == "x" * 300  # nothing typed is lost
    with Store.open(db_path) as store:
        assert store.groups() == []


@pytest.mark.parametrize("lang", ["en", "th"])
async def test_the_groups_list_shows_the_whole_stage_name_on_a_wide_terminal(db_path, lang):
    from textual.widgets import DataTable

    from groupwork import models as m
    from groupwork.demo import build_demo
    from groupwork.tui.formatting import stage_name

    with Store.open(db_path) as store:
        group = build_demo(store)  # a group at stage 12, the longest name
        # Still running (the demo is closed, and a closed group's row says so instead).
        store.save(
            store.get(m.Group, group.id).model_copy(
                update={"status": m.GroupStatus.ACTIVE, "end_date": None}
            )
        )
    i18n.set_language(lang)
    app = GroupworkApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#groups", DataTable)
        label = f"12. {stage_name(12)}"
        assert str(table.get_row_at(0)[1]) == label
        # The column is as wide as the name (it used to be fixed at 24 cells, cutting it).
        assert table.columns["stage"].width >= cell_len(label)


async def test_help_on_the_thai_dashboard_lists_its_keys_in_thai_only(seeded_db):
    from textual.widgets import DataTable

    from groupwork.tui.screens.help import HelpScreen

    i18n.set_language("th")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the dashboard, its stage rail focused
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-keys", DataTable)
        rows = {str(r[1]): str(r[0]) for r in map(table.get_row_at, range(table.row_count))}
        # The rail's arrows and page keys came in English ("Scroll Left", "Page Down"…).
        assert not [d for d in rows if d.isascii() and d != "English"], rows
        # Twelve keys, one row (w, which opens the highlighted stage, shares it in Thai).
        assert rows["ขั้นตอน"].startswith("1 2 3 4 5 6 7 8 9 0 - =")
        assert {"วิธีใช้", "รายงาน", "บันทึกประชุม"} <= set(rows)
        commands = [c.title for c in app.get_system_commands(app.screen_stack[-2])]
        assert "Scroll Left" not in commands and "รายงาน" in commands
