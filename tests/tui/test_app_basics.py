"""The TUI driven with Pilot: forms, the task board, language switching, help."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from groupwork import i18n
from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.dashboard import DashboardScreen
from groupwork.tui.screens.help import HelpScreen
from groupwork.tui.screens.home import HomeScreen
from groupwork.tui.screens.new_group import NewGroupScreen
from groupwork.tui.screens.task_board import TaskBoardScreen


def screen_text(app) -> str:
    """Everything the Static and DataTable widgets of the current screen show."""
    parts = [str(w.render()) for w in app.screen.query(Static)]
    for table in app.screen.query(DataTable):
        for row in range(table.row_count):
            parts.extend(str(cell) for cell in table.get_row_at(row))
    return "\n".join(parts)


async def test_empty_database_offers_the_demo_group(db_path):
    app = GroupworkApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        hint = app.screen.query_one("#empty-hint", Static)
        assert hint.display
        assert "demo group" in str(hint.render())


async def test_new_group_form_creates_the_group(db_path):
    app = GroupworkApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewGroupScreen)
        await pilot.press(*"Caregivers", "tab", *"PSDO Khon Kaen", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    with Store.open(db_path) as store:
        (group,) = store.groups()
        assert group.name == "Caregivers"
        assert group.agency == "PSDO Khon Kaen"


async def test_a_bad_value_shows_a_field_message_and_saves_nothing(db_path):
    app = GroupworkApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Caregivers")
        app.screen.query_one("#field-planned_sessions").value = "many"
        app.screen.query_one("#field-start_date").value = "21/11"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewGroupScreen)  # still open
        assert "whole number" in str(app.screen.query_one("#error-planned_sessions").render())
        assert "is not a date" in str(app.screen.query_one("#error-start_date").render())
        assert str(app.screen.query_one("#error-name").render()) == ""
        # Messages follow the language.
        await pilot.press("f9")
        await pilot.pause()
        assert i18n.current_language() == "th"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(app.screen.query_one("#error-planned_sessions").render()) == "ต้องเป็นจำนวนเต็ม"
    with Store.open(db_path) as store:
        assert store.groups() == []


async def test_an_empty_required_field_is_reported(db_path):
    app = GroupworkApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "required" in str(app.screen.query_one("#error-name").render())
    with Store.open(db_path) as store:
        assert store.groups() == []


async def test_task_board_changes_status_with_a_key(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TaskBoardScreen)
        text = screen_text(app)
        assert "Call the health centre" in text
        assert "1 Nov 2026 !" in text  # overdue marked
        assert "1 overdue" in text
        # The first row is the overdue task (open tasks first, earliest due first).
        await pilot.press("s")
        await pilot.pause()
        with Store.open(seeded_db) as store:
            assert store.get(m.Task, "t1").status == m.TaskStatus.IN_PROGRESS
        await pilot.press("s")
        await pilot.pause()
        with Store.open(seeded_db) as store:
            task = store.get(m.Task, "t1")
            assert task.status == m.TaskStatus.DONE
            assert task.done_on is not None
        await pilot.press("slash", *"rota")
        await pilot.pause()
        text = screen_text(app)
        assert "Bring the rota" in text and "Call the health centre" not in text
        await pilot.press("enter", "x")
        await pilot.pause()
        await pilot.press("enter")  # an empty reason is refused: nothing dropped yet
        await pilot.pause()
        with Store.open(seeded_db) as store:
            assert store.get(m.Task, "t2").status != m.TaskStatus.DROPPED
        await pilot.press(*"no bus", "enter")  # the reason the board now asks for
        await pilot.pause()
        with Store.open(seeded_db) as store:
            assert store.get(m.Task, "t2").status == m.TaskStatus.DROPPED
            assert store.get(m.Task, "t2").drop_reason == "no bus"


async def test_task_board_groups_by_member(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "t", "g")
        await pilot.pause()
        table = app.screen.query_one("#tasks", DataTable)
        first_column = [str(table.get_row_at(r)[0]) for r in range(table.row_count)]
        # "Bring the rota" has two assignees, so it appears once for each.
        assert first_column == ["M01", "M02", "facilitator"]


async def test_language_switch_shows_thai_everywhere(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Open tasks" in screen_text(app)
        await pilot.press("f9")
        await pilot.pause()
        await pilot.pause()
        assert i18n.current_language() == "th"
        text = screen_text(app)
        assert "งานค้าง" in text and "Open tasks" not in text
        keys = {b.binding.description for b in app.screen.active_bindings.values()}
        assert i18n.gettext_in("th", "Tasks") in keys and "Tasks" not in keys
        # The screen underneath follows too.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "ครั้งถัดไป" in [str(c.label) for c in app.screen.query_one(DataTable).columns.values()]
        await pilot.press("f9")
        await pilot.pause()
        assert i18n.current_language() == "en"


async def test_help_lists_the_keys_of_the_screen(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Record session" in text and "Tasks" in text and "Thai/English" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_command_palette_offers_the_screen_actions(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Tasks", "Record session", "Workspace", "Help", "Thai/English"} <= set(titles)
        i18n.set_language("th")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert i18n.gettext_in("th", "Tasks") in titles


async def test_dashboard_shows_members_and_tasks(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        text = "\n".join(str(w.render()) for w in app.screen.query("Label, Static"))
        assert "M01" in text and "100%" in text
        assert "Call the health centre" in text and "overdue" in text
        assert "2 sessions held" in text and "28 Nov 2026" in text


def test_opening_the_app_does_not_import_matplotlib(tmp_path):
    """Start-up stays light: charts and the report are imported only when asked for; numpy
    (sqlite-utils would pull it in), the CLI's commands, the stage guides and the record
    classes (pydantic) are not imported either: home shows a group's stage by the name in its
    guide's front matter (see docs/performance.md)."""
    import subprocess
    import sys

    with Store.open(tmp_path / "x.db") as store:
        store.add(m.Group(name="May", current_stage=4))
    code = (
        "import asyncio, sys\n"
        "from groupwork.cli import cli\n"  # the way `groupwork` itself starts the TUI
        "from groupwork import i18n\n"
        "from groupwork.tui.app import GroupworkApp\n"
        "i18n.set_language('en')\n"
        "async def main():\n"
        "    async with GroupworkApp(sys.argv[1]).run_test() as pilot:\n"
        "        await pilot.pause()\n"
        "        assert type(pilot.app.screen).__name__ == 'HomeScreen'\n"
        "        print(pilot.app.screen.query_one('#groups').get_row_at(0)[1])\n"
        "        print('matplotlib' in sys.modules, 'docx' in sys.modules)\n"
        "        print(' '.join(sorted(sys.modules)))\n"
        "        pilot.app.warm_records()\n"  # what a timer does after the first paint
        "        await pilot.app.workers.wait_for_complete()\n"
        "        print('groupwork.models' in sys.modules, 'groupwork.stages' in sys.modules)\n"
        "asyncio.run(main())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        check=True,
    )
    stage, flags, modules, warmed = out.stdout.splitlines()[-4:]
    assert stage == "4. Ground rules (group agreements)"
    assert flags.split() == ["False", "False"]
    loaded = set(modules.split())
    assert "groupwork.store" in loaded and "textual.app" in loaded  # the listing is real
    kept_out = {"numpy", "markdown_it", "groupwork.report", "groupwork.stages", "groupwork.demo"}
    assert not loaded & kept_out
    assert "textual.widgets._tabs" not in loaded  # home has no tab row (screen_frames)
    assert not loaded & {"groupwork.models", "groupwork.criteria", "pydantic.main"}
    assert warmed == "True True"  # then built in a worker, before the first group is opened
    from groupwork.cli import COMMAND_AREAS

    assert not loaded & {f"groupwork.commands.{area}" for area in COMMAND_AREAS}


async def test_start_up_pauses_the_collector_until_the_first_screen(db_path, monkeypatch):
    """`groupwork` pauses the garbage collector while it imports and draws (cli.run_tui); the
    app resumes it after the first screen, with what start-up made frozen."""
    import gc

    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(gc.isenabled()))
    gc.disable()
    try:
        app = GroupworkApp(db_path, gc_paused=True)
        async with app.run_test() as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
            assert gc.isenabled() and frozen == [False]  # frozen first, then resumed
    finally:
        gc.enable()
