"""The coordinator screen's task table keeps members' real names out of task titles too (found
by the QA pass: the demo's "ติดตามผลการขอคำสั่งคุ้มครองชั่วคราวของคุณเดือน" showed a real name)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from textual.widgets import DataTable

from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.coordinator import CoordinatorScreen
from tests.tui.test_app_basics import screen_text

NOON = datetime(2026, 11, 1, 12, tzinfo=UTC)


async def test_task_titles_show_pseudonyms_not_real_names(tmp_path):
    path = tmp_path / "coord-names.db"
    with Store.open(path) as store:
        store.add(m.Group(id="g1", name="กลุ่มทดสอบ"))
        store.add(m.Member(id="a", group_id="g1", real_name="นางสาวเดือน ทองดี", pseudonym="น้ำ"))
        store.add(
            m.Task(
                id="t1",
                group_id="g1",
                title="ติดตามผลการขอคำสั่งคุ้มครองชั่วคราวของคุณเดือน",
                assignee_ids=["a"],
                due_on=date(2026, 12, 10),
                created_at=NOON,
                updated_at=NOON,
            )
        )
    app = GroupworkApp(path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CoordinatorScreen)
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#coord-tasks", DataTable)
        titles = [str(table.get_row_at(r)[1]) for r in range(table.row_count)]
        assert titles == ["ติดตามผลการขอคำสั่งคุ้มครองชั่วคราวของคุณน้ำ"]
        assert "เดือน" not in screen_text(app)
    with Store.open(path) as store:  # the record itself is unchanged
        assert store.get(m.Task, "t1").title.endswith("คุณเดือน")
