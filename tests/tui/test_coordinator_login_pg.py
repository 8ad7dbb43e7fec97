"""The coordinator's screen as a coordinator login on the agency database: every group, read
through the pseudonymised views, and no real name anywhere on the screen."""

from __future__ import annotations

from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.coordinator import CoordinatorScreen
from tests.pg.test_agency import agency  # noqa: F401  (the fixture)
from tests.tui.test_app_basics import screen_text
from tests.tui.test_coordinator_screen import table_rows


async def test_the_coordinator_screen_for_a_coordinator_login(agency):  # noqa: F811
    dsn, groups = agency
    app = GroupworkApp(dsn("fon"))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        home = screen_text(app)
        assert "กลุ่มดาว" in home and "กลุ่มพร" in home
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CoordinatorScreen)
        names = {row[0] for row in table_rows(app, "#group-status")}
        assert names == {"กลุ่มดาว", "กลุ่มพร"}
        await pilot.press("2")  # tasks across groups
        await app.workers.wait_for_complete()  # counted on a second connection, as fon
        await pilot.pause()
        shown = screen_text(app)
        assert "Tasks 1–2 of 2, 0 overdue" in shown
        assert shown.count("โทรหาคลินิก") == 2 and "M1" in shown
        assert "สมศรี" not in shown and "สุข ใจดี" not in shown
