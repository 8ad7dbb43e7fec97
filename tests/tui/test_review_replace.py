"""The review dialog asks before it replaces a file that is already there."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select

from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.ask import AskScreen
from groupwork.tui.screens.review import ReviewScreen
from tests.tui.test_wiring import open_dashboard, wait_until_written

EARLIER = "# The review as it was submitted last month\n"


async def _ask_to_write(pilot, out) -> ReviewScreen:
    await pilot.press("v")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    screen.query_one("#review-format", Select).value = "md"
    await pilot.pause()  # the path follows the format: set ours after it has
    screen.query_one("#review-path", Input).value = str(out)
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    return screen


@pytest.mark.parametrize("key", ["k", "enter"])  # Enter: Keep has the focus
async def test_keeping_the_existing_file_writes_nothing(seeded_db, tmp_path, key):
    out = tmp_path / "review.md"
    out.write_text(EARLIER, encoding="utf-8")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_dashboard(pilot)
        review = await _ask_to_write(pilot, out)
        assert isinstance(app.screen, AskScreen)
        assert str(out) in str(app.screen.query_one("#question").render())
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is review and not review.running
        assert review.focused is review.query_one("#review-path", Input)
    assert out.read_text(encoding="utf-8") == EARLIER


async def test_replacing_the_existing_file_writes_the_review(seeded_db, tmp_path):
    out = tmp_path / "review.md"
    out.write_text(EARLIER, encoding="utf-8")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_dashboard(pilot)
        review = await _ask_to_write(pilot, out)
        assert isinstance(app.screen, AskScreen)
        await pilot.press("r")
        await pilot.pause()
        await wait_until_written(pilot, review)
        assert str(out) in str(review.query_one("#review-result").render())
    text = out.read_text(encoding="utf-8")
    assert text != EARLIER and "## 12. " in text


async def test_a_new_file_is_written_without_a_question(seeded_db, tmp_path):
    out = tmp_path / "review.md"
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_dashboard(pilot)
        review = await _ask_to_write(pilot, out)
        assert app.screen is review
        await wait_until_written(pilot, review)
    assert "## 12. " in out.read_text(encoding="utf-8")
