"""A screen that opens: laid out twice at most, its title in its first frame, and what the
screen left behind collected after it closes (groupwork.tui.screen_layout, title_header)."""

from __future__ import annotations

import gc

from textual.screen import Screen
from textual.widgets._header import HeaderTitle

from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.dashboard import DashboardScreen

from .conftest import seed_group


async def test_opening_a_screen_lays_it_out_twice_and_a_resize_again(db_path, monkeypatch):
    group_id = seed_group(db_path)
    app = GroupworkApp(db_path)
    layouts: list[tuple[str, bool]] = []
    titles_at_first_frame: list[str] = []
    refresh_layout = Screen._refresh_layout
    compositor_refresh = Screen._compositor_refresh

    def counted(screen, size=None, scroll=False):
        layouts.append((type(screen).__name__, scroll))
        refresh_layout(screen, size, scroll)

    def drawn(screen):
        if isinstance(screen, DashboardScreen) and not titles_at_first_frame:
            titles_at_first_frame.append(str(screen.query_one(HeaderTitle).render()))
        compositor_refresh(screen)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    monkeypatch.setattr(Screen, "_compositor_refresh", drawn)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        layouts.clear()
        app.push_screen(DashboardScreen(group_id))
        await pilot.pause(0.3)
        whole = [name for name, scroll in layouts if name == "DashboardScreen" and not scroll]
        # Its first layout and the one answering its own Resize; Textual 8 alone made three.
        assert len(whole) == 2, layouts
        assert titles_at_first_frame and "Group work records" in titles_at_first_frame[0]
        # A real resize still lays the screen out, at the new size.
        layouts.clear()
        await pilot.resize_terminal(100, 30)
        await pilot.pause(0.2)
        assert ("DashboardScreen", False) in layouts
        assert app.screen.size == (100, 30)


async def test_what_a_closed_screen_left_is_collected_soon_after(db_path, monkeypatch):
    group_id = seed_group(db_path)
    app = GroupworkApp(db_path)
    collected: list[int] = []
    real_collect = gc.collect
    monkeypatch.setattr(gc, "collect", lambda *a: collected.append(1) or real_collect(*a))
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(DashboardScreen(group_id))
        await pilot.pause(0.2)
        collected.clear()
        app.pop_screen()
        await pilot.pause(0.4)
        assert collected, "no collection after the screen closed"
