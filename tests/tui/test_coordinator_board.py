"""The coordinator's task board: every group's tasks on one screen, from the groups home."""

from __future__ import annotations

from datetime import UTC, date, datetime

from textual.widgets import DataTable

from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.home import HomeScreen
from groupwork.tui.screens.task_board import TaskBoardScreen
from tests.tui.test_app_basics import screen_text


def add_second_group(path) -> None:
    """A second group with one overdue task of its own member."""
    with Store.open(path) as store:
        store.add(m.Group(id="g2", name="Youth of Khlong Toei"))
        store.add(m.Member(id="y1", group_id="g2", real_name="Nid Real", pseudonym="Y01"))
        store.add(
            m.Task(
                id="t3",
                group_id="g2",
                title="Visit the vocational school",
                assignee_ids=["y1"],
                due_on=date(2026, 11, 10),
                created_at=datetime(2026, 10, 7, tzinfo=UTC),
                updated_at=datetime(2026, 10, 7, tzinfo=UTC),
            )
        )


def rows(app) -> list[list[str]]:
    table = app.screen.query_one("#tasks", DataTable)
    return [[str(cell) for cell in table.get_row_at(r)] for r in range(table.row_count)]


async def test_home_opens_every_groups_tasks_on_one_board(seeded_db):
    add_second_group(seeded_db)
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TaskBoardScreen)
        assert "Tasks · all groups" in screen_text(app)
        shown = {row[2]: row for row in rows(app)}
        assert set(shown) == {
            "Call the health centre",
            "Bring the rota",
            "Visit the vocational school",
        }
        assert shown["Visit the vocational school"][1] == "Youth of Khlong…"  # cut to 16 cells
        assert shown["Visit the vocational school"][3] == "Y01"
        assert shown["Call the health centre"][1] == "Caregivers of B…"
        assert "2 overdue" in screen_text(app)

        # Only the overdue ones, across groups.
        await pilot.press("o")
        await pilot.pause()
        assert sorted(row[2] for row in rows(app)) == [
            "Call the health centre",
            "Visit the vocational school",
        ]
        await pilot.press("o")
        await pilot.pause()
        assert len(rows(app)) == 3

        # The filter also matches the group's name.
        await pilot.press("slash", *"khlong", "enter")
        await pilot.pause()
        assert [row[2] for row in rows(app)] == ["Visit the vocational school"]

        # The status key works here too, and lands in the database.
        await pilot.press("s")
        await pilot.pause()
        with Store.open(seeded_db) as store:
            assert store.get(m.Task, "t3").status == m.TaskStatus.IN_PROGRESS

        # A task belongs to a group: no adding from the coordinator's board.
        assert app.screen.check_action("add_task", ()) is False
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, TaskBoardScreen)
        with Store.open(seeded_db) as store:
            assert len(store.tasks()) == 3

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_one_groups_board_shows_no_group_column_and_can_add(seeded_db):
    add_second_group(seeded_db)
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#groups", DataTable)
        keys = [row.value for row in table.rows]
        await pilot.press(*["down"] * keys.index("g1"), "enter", "t")
        await pilot.pause()
        assert isinstance(app.screen, TaskBoardScreen)
        titles = [row[1] for row in rows(app)]
        assert sorted(titles) == ["Bring the rota", "Call the health centre"]
        assert app.screen.check_action("add_task", ()) is True
