"""The closure workspace: the worker's own reflection, written from the dashboard, saved
at once, and the review screen's pre-flight check that lists what is still missing."""

from __future__ import annotations

from textual.widgets import Static, TextArea

from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.closure import ClosureScreen
from groupwork.tui.screens.dashboard import DashboardScreen
from groupwork.tui.screens.review import ReviewScreen


async def _dashboard(pilot) -> None:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, DashboardScreen)


async def test_closure_reflection_is_written_from_the_dashboard(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await _dashboard(pilot)
        await pilot.press("v")
        await pilot.pause()
        check = str(app.screen.query_one("#review-check", Static).render())
        assert "Knowledge and theory used" in check  # nothing written yet: listed
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClosureScreen)
        areas = list(screen.query(TextArea))
        assert len(areas) == 5
        areas[0].text = "ทฤษฎีระบบนิเวศ และการเสริมพลังอำนาจ"
        areas[4].text = "Keep the group going with น้ำ as coordinator."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        check = str(app.screen.query_one("#review-check", Static).render())
        assert "Knowledge and theory used" not in check
        assert "Teamwork and partners" in check  # still empty
    with Store.open(seeded_db) as store:
        saved = store.closure_reflection("g1")
        assert saved is not None
        assert saved.knowledge_and_theory == "ทฤษฎีระบบนิเวศ และการเสริมพลังอำนาจ"
        assert saved.recommendations.startswith("Keep the group going")
        assert saved.practice_strengths == ""
