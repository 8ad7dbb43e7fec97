"""Home back from another screen after writes (``HomeScreen._only_changed_rows``): the rows of
the groups written are read again, and where that is not enough (a group added or deleted, or
not yet in the table) everything is; either way home ends as a fresh start shows it."""

from __future__ import annotations

from datetime import date

import pytest

from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from tests.coordination_data import build_several_groups
from tests.tui.conftest import count_home_reads
from tests.tui.test_coordinator_screen import (
    home_as_stored,
    home_cells,
    home_listed,
    home_order,
    table_rows,
)


@pytest.fixture
def groups_db(tmp_path, monkeypatch):
    """Twelve groups, home reading 5 rows before its first paint."""
    from groupwork.tui.screens import home

    monkeypatch.setattr(home, "FIRST_ROWS", 5)
    path = tmp_path / "several.db"
    build_several_groups(path)
    return path


async def test_a_group_added_then_deleted_elsewhere_is_read_in_full(groups_db, monkeypatch):
    app = GroupworkApp(groups_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_listed(app, pilot, 12)
        before = home_cells(app)
        reads = count_home_reads(app, monkeypatch)
        with Store.open(groups_db) as other:  # another window
            may = other.add(m.Group(name="May"))
            task = other.add(m.Task(group_id=may.id, title="โทรหาป้า", due_on=date(2026, 11, 1)))
        app.screen.reload()
        await home_listed(app, pilot, 13)
        # Not among the rows shown: its row alone cannot say where it stands.
        assert {"limit": 5} in reads
        assert home_cells(app) == home_as_stored(groups_db)
        assert ("May", "1") in [(name, overdue) for name, _next, overdue in home_cells(app)]
        with Store.open(groups_db) as other:
            other.delete(m.Task, task.id)
            other.delete(m.Group, may.id)
        reads.clear()
        app.screen.reload()
        await home_listed(app, pilot, 12)
        assert {"limit": 5} in reads
        assert home_cells(app) == home_as_stored(groups_db) == before


async def test_a_write_to_a_group_not_yet_added_reads_everything(groups_db, monkeypatch):
    # The rest of the list still arriving a slice at a time: a group written meanwhile may be
    # in a slice not yet added, so its row is not updated in place; the table is filled again.
    from groupwork.tui.screens import home

    monkeypatch.setattr(home, "LATER_ROWS", 1)
    monkeypatch.setattr(home, "LATER_PAUSE", 0.5)
    app = GroupworkApp(groups_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(home.REST_AFTER + 0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert 5 <= len(table_rows(app, "#groups")) < 12  # slices still to come
        with Store.open(groups_db) as other:
            last = next(g for g in reversed(home_order(other)) if g.status != "closed")
            other.add(m.Task(group_id=last.id, title="ไปหาอสม.", due_on=date(2026, 11, 1)))
        reads = count_home_reads(app, monkeypatch)
        app.screen.reload()
        monkeypatch.setattr(home, "LATER_PAUSE", 0.01)
        await home_listed(app, pilot, 12)
        assert {"limit": 5} in reads
        assert home_cells(app) == home_as_stored(groups_db)
