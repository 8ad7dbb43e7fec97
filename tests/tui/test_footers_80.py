"""At 80 columns every key a screen's footer offers is whole on the screen, in Thai and English,
and the keys left out of a full footer are named on the screen itself."""

from __future__ import annotations

import pytest

from groupwork import i18n
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.sessions import SessionsScreen
from groupwork.tui.screens.task_board import TaskBoardScreen

from .test_first_use import footer_keys

SCREENS = {
    "dashboard": ["enter"],
    "tasks": ["enter", "t"],
    "sessions": ["enter", "s"],
}


def shown_bindings(screen) -> set[str]:
    """Keys the screen's own bindings mean to show in the footer."""
    return {b.key for b in screen.BINDINGS if getattr(b, "show", True)}


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("screen", SCREENS)
async def test_every_footer_key_is_whole_at_80_columns(seeded_db, lang, screen):
    i18n.set_language(lang)
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in SCREENS[screen]:
            await pilot.press(key)
            await pilot.pause()
        keys = footer_keys(app)
        assert all(0 < right <= 80 for _label, right in keys.values()), keys
        missing = shown_bindings(app.screen) - set(keys)
        assert not missing, (type(app.screen).__name__, missing)


@pytest.mark.parametrize("lang", ["th", "en"])
async def test_task_board_keeps_drop_and_grouping_in_the_footer(seeded_db, lang):
    i18n.set_language(lang)
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "t")
        await pilot.pause()
        assert isinstance(app.screen, TaskBoardScreen)
        keys = footer_keys(app)
        assert {"x", "g", "s", "a", "o", "slash", "escape"} <= set(keys), keys


async def test_sessions_screen_names_the_keys_its_footer_has_no_room_for(seeded_db):
    i18n.set_language("th")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "s")
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)
        hidden = {b.key for b in app.screen.BINDINGS if not b.show}
        assert hidden == {"e", "d", "m", "k", "a", "s", "f"}
        line = str(app.screen.query_one("#sessions-help").render())
        assert "e บันทึกประชุมที่จัดไปแล้ว" in line and "m เลื่อนวัน" in line
        assert "d ประชุมที่ไม่ได้จัด" in line and "k มาตรวัดคะแนน" in line
        assert "s แผ่นแผน" in line and "f ผลสะท้อน" in line
