"""A frame answers the repaints asked for before it (groupwork.tui.screen_frames): a screen
opened is drawn twice, not three times, a screen hidden under an opaque one draws nothing
through it, and through it all the terminal shows what each screen is."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from groupwork.tui.app import GroupworkApp
from groupwork.tui.screen_frames import FramesAnswerRepaints
from groupwork.tui.screens.base import GroupworkScreen
from groupwork.tui.screens.coordinator import CoordinatorScreen
from groupwork.tui.screens.dashboard import DashboardScreen
from groupwork.tui.screens.home import HomeScreen

from .conftest import seed_group
from .terminal_view import differences_from_screen, watch_terminal


def count_frames(monkeypatch) -> list[tuple[str, bool]]:
    """(screen class, drawn whole) of each frame drawn from now on, of the screen on top."""
    frames: list[tuple[str, bool]] = []
    compositor_refresh = Screen._compositor_refresh

    def counted(screen) -> None:
        if screen is screen.app.screen:
            compositor = screen._compositor
            whole = compositor.size.region in compositor._dirty_regions
            if compositor._dirty_regions or screen._dirty_widgets:
                frames.append((type(screen).__name__, whole))
        compositor_refresh(screen)

    monkeypatch.setattr(Screen, "_compositor_refresh", counted)
    return frames


def without_the_mixin(monkeypatch) -> None:
    """Textual's own frames: the mixin's handlers taken away."""
    for name in ("_compositor_refresh", "_on_update", "_on_screen_resume"):
        monkeypatch.delattr(FramesAnswerRepaints, name)


@pytest.mark.parametrize("textual_alone", [False, True])
async def test_a_screen_opened_is_drawn_whole_once_then_once_in_part(
    db_path, monkeypatch, textual_alone
):
    group_id = seed_group(db_path)
    if textual_alone:
        without_the_mixin(monkeypatch)
    frames = count_frames(monkeypatch)
    app = GroupworkApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        for screen in (DashboardScreen(group_id), CoordinatorScreen()):
            frames.clear()
            app.push_screen(screen)
            await pilot.pause(0.4)
            name = type(screen).__name__
            drawn = [whole for shown, whole in frames if shown == name]
            if textual_alone:
                # The first layout's frame; the one answering the screen's Resize; then the
                # whole screen again for the repaints that layout asked for before its frame.
                assert drawn[:1] == [True] and len(drawn) >= 3, frames
            else:
                assert drawn == [True, False], frames
            app.pop_screen()
            await pilot.pause(0.3)


async def test_a_hidden_screen_draws_nothing_through_the_opaque_one_on_top(db_path, monkeypatch):
    seed_group(db_path)
    frames = count_frames(monkeypatch)
    view = watch_terminal(monkeypatch)
    app = GroupworkApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        home = app.screen
        assert isinstance(home, HomeScreen)
        app.push_screen(CoordinatorScreen())
        await pilot.pause(0.4)
        frames.clear()
        home.query_one(".screen-title", Static).update("Changed while hidden")
        await pilot.pause(0.3)
        assert frames == []  # Textual alone drew the coordinator whole again
        assert differences_from_screen(app, view) == []
        app.pop_screen()
        await pilot.pause(0.4)
        assert "Changed while hidden" in view.text()
        assert differences_from_screen(app, view) == []


async def test_the_terminal_shows_each_screen_as_it_is_along_a_course(db_path, monkeypatch):
    group_id = seed_group(db_path)
    view = watch_terminal(monkeypatch)
    app = GroupworkApp(db_path)

    async def settled(where: str) -> None:
        await pilot.pause(0.35)
        assert differences_from_screen(app, view) == [], where

    async with app.run_test(size=(120, 40)) as pilot:
        await settled("home")
        await pilot.press("c")
        await settled("coordinator")
        for key in ("2", "3", "1", "down", "down", "s"):
            await pilot.press(key)
            await settled(f"coordinator after {key}")
        await pilot.press("escape")
        await settled("home again")
        app.push_screen(DashboardScreen(group_id))
        await settled("dashboard")
        for key in ("down", "down", "t"):
            await pilot.press(key)
            await settled(f"dashboard, then {key}")
        await pilot.press("escape")
        await settled("dashboard again")
        view.__init__(100, 30)  # a resized terminal is cleared; the app draws it whole
        await pilot.resize_terminal(100, 30)
        await settled("dashboard at 100x30")
        await pilot.press("escape")
        await settled("home at 100x30")
        home = app.screen
        home.query_one(DataTable).move_cursor(row=0)
        await settled("home, cursor moved")


async def test_the_check_finds_a_frame_left_out(db_path, monkeypatch):
    """The comparison above can fail: with every repaint after the first frames dropped, the
    terminal keeps the old text and the check says where."""
    seed_group(db_path)
    view = watch_terminal(monkeypatch)
    app = GroupworkApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        monkeypatch.setattr(Screen, "_on_update", lambda screen, message: None)
        monkeypatch.setattr(FramesAnswerRepaints, "_on_update", lambda screen, message: None)
        app.screen.query_one(".screen-title", Static).update("Never drawn")
        await pilot.pause(0.3)
        found = differences_from_screen(app, view)
        assert found and "Never drawn" in found[0], found


class TwoLines(GroupworkScreen):
    def compose(self) -> ComposeResult:
        yield Static("first", id="first")
        yield Static("second", id="second")


async def test_a_frame_in_part_answers_only_the_widgets_it_draws_whole(monkeypatch):
    class Shown(App):
        def on_mount(self) -> None:
            self.push_screen(TwoLines())

    view = watch_terminal(monkeypatch, size=(40, 6))
    app = Shown()
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause(0.2)
        screen = app.screen
        first, second = screen.query_one("#first"), screen.query_one("#second")
        first.update("first, changed")
        second.update("second, changed")
        assert first._repaint_required and second._repaint_required
        compositor = screen._compositor
        compositor._dirty_regions.clear()
        compositor._dirty_regions.add(first.region)  # a frame drawing the first line only
        screen._spend_what_this_frame_draws()
        assert not first._repaint_required
        assert second._repaint_required  # still to be drawn: its Update still comes
        compositor._dirty_regions.clear()
        await pilot.pause(0.2)
        assert "second, changed" in view.text()
