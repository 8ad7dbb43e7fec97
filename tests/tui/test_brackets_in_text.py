"""Text people typed is shown as typed: square brackets are not markup anywhere.

Rich and Textual read "[b]", "[/]" or "[link=…]" in a string as markup: a task titled
"[/] โทรหาป้าบัว" stopped the dashboard with a traceback, and a group named "กลุ่ม [urgent]ดาว"
lost "[urgent]" on the home screen. Here every free text the screens below show holds
brackets, and each screen must show it letter for letter.
"""

from __future__ import annotations

from datetime import date

import pytest

from groupwork import models as m
from groupwork.store import open_store
from groupwork.tui.app import GroupworkApp

from .conftest import seed_group
from .recorder_app import until

GROUP = "กลุ่ม [b]ดาว[/b] [/]"
TITLE = "[/] โทรหา [urgent]ป้าบัว\\"  # a backslash last: it would escape a tag after it
PLAN = "[red]ทบทวน[/] :smile:"
WHO = "[i]ฝน"
AROUND = "[b]ลุงมา[/b]"
ROLE = "[/]ผู้ใหญ่บ้าน"
WHY = "[$accent]ครบ [B]แล้ว\\"


def drawn(app) -> str:
    """What the terminal shows now, line by line."""
    return "\n".join(
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_strips()
    )


@pytest.fixture
def bracketed(db_path):
    group_id = seed_group(db_path)
    with open_store(db_path) as store:
        group = store.get(m.Group, group_id)
        store.save(group.model_copy(update={"name": GROUP}))
        task = store.get(m.Task, "t1")
        store.save(task.model_copy(update={"title": TITLE}))
        session = store.get(m.Session, "s3")
        store.save(session.model_copy(update={"plan": PLAN}))
        member = store.get(m.Member, "m1")
        store.save(member.model_copy(update={"pseudonym": WHO}))
        store.add(m.PersonAround(id="p1", group_id=group_id, real_name=AROUND, role=ROLE))
        progress = store.get(m.StageProgress, "sp2")
        store.save_stage_progress(progress.model_copy(update={"override_reason": WHY}))
    return db_path, group_id


async def _show(app, pilot, screen) -> str:
    app.push_screen(screen)
    await pilot.pause()
    await pilot.pause()
    return drawn(app)


async def test_every_screen_shows_brackets_as_typed(bracketed):
    from groupwork.tui.screens.coordinator import CoordinatorScreen
    from groupwork.tui.screens.dashboard import DashboardScreen
    from groupwork.tui.screens.sessions import SessionsScreen
    from groupwork.tui.screens.task_board import TaskBoardScreen

    path, group_id = bracketed
    app = GroupworkApp(path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert GROUP in drawn(app)  # home
        shown = await _show(app, pilot, DashboardScreen(group_id))
        assert GROUP in shown and f"{TITLE} · " in shown and "! overdue" in shown
        shown = await _show(app, pilot, SessionsScreen(group_id))
        assert GROUP in shown and PLAN in shown
        shown = await _show(app, pilot, TaskBoardScreen(group_id))
        assert TITLE in shown and WHO in shown
        coordinator = CoordinatorScreen()
        assert GROUP in await _show(app, pilot, coordinator)
        coordinator.action_show_tab("tasks")
        await pilot.pause()
        await pilot.pause()
        assert TITLE in drawn(app) and GROUP in drawn(app)


async def test_dialogs_lists_and_notices_show_brackets_as_typed(bracketed):
    from groupwork.tui.screens.message import MessageScreen
    from groupwork.tui.screens.people_around import PeopleAroundScreen
    from groupwork.tui.screens.person_picker import PersonPickerScreen
    from groupwork.tui.screens.quick_task import QuickTaskScreen
    from groupwork.tui.screens.stage_workspace import StageWorkspaceScreen

    path, group_id = bracketed
    app = GroupworkApp(path)
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        shown = await _show(app, pilot, PeopleAroundScreen(group_id))
        assert AROUND in shown and ROLE in shown
        shown = await _show(app, pilot, StageWorkspaceScreen(group_id, 2))
        assert WHY in shown  # beside the criteria's own styled marks
        assert "✓" in shown or "✗" in shown
        shown = await _show(app, pilot, PersonPickerScreen(group_id))
        assert WHO in shown and AROUND in shown
        app.pop_screen()
        shown = await _show(app, pilot, QuickTaskScreen([("m1", WHO)], date.today()))
        assert WHO in shown
        app.pop_screen()
        shown = await _show(app, pilot, MessageScreen(GROUP, TITLE))
        assert GROUP in shown and TITLE in shown
        app.pop_screen()
        app.notify(TITLE, title=GROUP)
        await pilot.pause(0.3)
        assert TITLE in drawn(app) and GROUP in drawn(app)


def test_a_table_shows_a_str_cell_as_its_text():
    from rich.console import Console

    from groupwork.tui.typed_text import plain_cell_formatter

    console = Console(width=80, color_system=None)
    for cell in (TITLE, GROUP, "x :smile: y", "[/]", "บรรทัด\nสอง"):
        shown = plain_cell_formatter(cell, wrap=False, height=0)
        with console.capture() as out:
            console.print(shown, end="")
        assert out.get() == cell


async def test_the_recorders_palette_lists_and_finds_a_bracketed_pseudonym(bracketed):
    from textual.command import CommandPalette

    from groupwork.tui.screens.recorder import RecorderScreen

    path, group_id = bracketed
    app = GroupworkApp(path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        app.push_screen(RecorderScreen(app.store, group_id, "s3"))
        await pilot.pause()
        await pilot.press("ctrl+p")
        entry = f"Log a turn: {WHO}"
        await until(pilot, lambda: entry in palette_entries(app))  # before anything is typed
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"ฝน")
        await until(pilot, lambda: palette_entries(app)[:1] == [entry])  # found, first


def palette_entries(app) -> list[str]:
    """The command palette's entries (their first line), in the order listed."""
    from textual.command import CommandList

    listed = app.screen.query_one(CommandList)
    return [
        str(listed.get_option_at_index(i).prompt).split("\n")[0] for i in range(listed.option_count)
    ]


def test_the_palettes_marks_are_textuals_for_a_title_without_brackets():
    from textual.fuzzy import Matcher

    from groupwork.tui.widgets.recorder_palette import highlighted

    for query, title in (("turn", "Log a turn: ฝน"), ("ฝน", "Roll call: ฝน late"), ("zz", "May")):
        matcher = Matcher(query)
        assert highlighted(matcher, title) == matcher.highlight(title), (query, title)
