"""The review dialog offers a file name made from the scrubbed group name."""

from __future__ import annotations

from textual.widgets import Input

from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.review import ReviewScreen
from tests.tui.test_wiring import open_dashboard


async def test_the_dialog_offers_a_file_name_without_a_members_real_name(seeded_db):
    with Store.open(seeded_db) as store:
        group = store.get(m.Group, "g1")
        store.save(group.model_copy(update={"name": "Malee Real and friends"}))
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_dashboard(pilot)
        await pilot.press("v")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        path = screen.query_one("#review-path", Input).value
        assert "malee" not in path.lower() and "m01" in path.lower()
        screen.query_one("#review-format").value = "md"
        await pilot.pause()
        path = screen.query_one("#review-path", Input).value
        assert path.endswith(".md") and "malee" not in path.lower()
