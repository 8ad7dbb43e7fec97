"""The dashboard's members at a glance: a sparkline of turns per session that is as long as
the sessions held, not stretched across the screen when there have been only two."""

from __future__ import annotations

from textual.widgets import Sparkline

from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.dashboard import DashboardScreen
from groupwork.tui.widgets.member_glance import CELLS_PER_SESSION


async def test_sparkline_of_two_sessions_stays_short(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        lines = app.screen.query(Sparkline)
        assert len(lines) == 3  # one per selected member
        for line in lines:
            assert len(line.data) == 2  # the seeded group has held two sessions
            assert 0 < line.size.width <= CELLS_PER_SESSION * 2, line.size
