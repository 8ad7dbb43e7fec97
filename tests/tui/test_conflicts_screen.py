"""The conflicts screen as a facilitator meets it: the dashboard says a push or pull left
conflicts, k lists each field with both values, m or t settles; the next sync agrees.

Two SQLite files stand for the laptop and the agency database: ``sync_group`` works between
any two stores (tests/pg/test_sync_settle.py does the same against PostgreSQL)."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from groupwork import models as m
from groupwork.operations.sync import sync_group
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.conflicts import ConflictsScreen
from groupwork.tui.screens.dashboard import DashboardScreen


def _conflict(laptop_path, server_path) -> None:
    """Sync once, then change M01's notes on both sides and sync again: one kept conflict."""
    with Store.open(laptop_path) as laptop, Store.open(server_path) as server:
        group = laptop.get(m.Group, "g1")
        sync_group(laptop, server, group, laptop, "office")
        laptop.save(laptop.get(m.Member, "m1").model_copy(update={"notes": "เยี่ยมที่บ้าน"}))
        server.save(server.get(m.Member, "m1").model_copy(update={"notes": "พบที่สำนักงาน"}))
        report = sync_group(laptop, server, group, laptop, "office")
        assert [c.record_id for c in report.conflicts] == ["m1"]


async def test_settle_a_conflict_from_the_dashboard(seeded_db, tmp_path):
    server_path = tmp_path / "server.db"
    _conflict(seeded_db, server_path)
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        line = str(app.screen.query_one("#sync-conflicts", Static).render())
        assert "1 conflicts from the last push or pull" in line
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, ConflictsScreen)
        table = app.screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows == [["member m1", "notes", "เยี่ยมที่บ้าน", "พบที่สำนักงาน", rows[0][4]]]
        await pilot.press("m")
        await pilot.pause()
        assert table.row_count == 0
        assert "No conflicts" in str(app.screen.query_one("#conflicts-help", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert not app.screen.query("#sync-conflicts")
    # The next sync sends the laptop's version: both sides agree, no conflict left.
    with Store.open(seeded_db) as laptop, Store.open(server_path) as server:
        report = sync_group(laptop, server, laptop.get(m.Group, "g1"), laptop, "office")
        assert report.conflicts == [] and report.changed == [("members", "m1")]
        assert server.get(m.Member, "m1").notes == laptop.get(m.Member, "m1").notes == "เยี่ยมที่บ้าน"
