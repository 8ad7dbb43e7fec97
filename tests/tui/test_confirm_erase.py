"""The erase confirmation screen (moved from tests/test_erasure.py: it drives Textual)."""

from __future__ import annotations


def test_erase_screen_confirms_in_both_languages():
    import asyncio

    from textual.app import App

    from groupwork.i18n import use_language
    from groupwork.tui.screens.confirm_erase import ConfirmEraseScreen

    results = []

    class Host(App):
        def on_mount(self) -> None:
            self.push_screen(ConfirmEraseScreen("Lotus"), results.append)

    async def run(keys):
        async with Host().run_test() as pilot:
            await pilot.pause()
            text = " ".join(str(w.render()) for w in pilot.app.screen.query("Static"))
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            return text

    text = asyncio.run(run(["escape"]))
    assert "Lotus" in text and results == [False]
    asyncio.run(run(["L", "o", "t", "u", "enter"]))  # not the whole label: nothing happens
    assert results == [False]
    asyncio.run(run(["L", "o", "t", "u", "s", "enter"]))
    assert results[-1] is True
    with use_language("th"):
        text = asyncio.run(run(["escape"]))
    assert "ลบ" in text
