"""The sessions screen's keys fit an 80-column footer in Thai (found by the QA pass: cancel,
move and back were cut off at the right edge)."""

from __future__ import annotations

from groupwork import i18n
from groupwork.tui.app import GroupworkApp
from tests.tui.test_first_use import footer_keys


async def test_sessions_footer_keeps_cancel_and_back_in_sight_in_thai(seeded_db):
    i18n.set_language("th")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("enter", "s"):
            await pilot.press(key)
            await pilot.pause()
        assert type(app.screen).__name__ == "SessionsScreen"
        keys = footer_keys(app)
        for key in ("p", "r", "n", "x", "escape"):
            assert key in keys and 0 < keys[key][1] <= 80, keys
        assert keys["x"][0] == "ยกเลิกการประชุม"
        # Every key the footer shows is whole on the screen.
        assert all(0 < right <= 80 for _, right in keys.values()), keys
