"""The Thai UI at 80x24: no footer key cut in the middle of a word, Textual's own words in
Thai, and what the review dialog must keep in sight."""

from __future__ import annotations

from textual.widgets import Select
from textual.widgets._footer import FooterKey

from groupwork import i18n
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.stage_workspace import StageWorkspaceScreen
from groupwork.tui.widgets.key_footer import KeyFooter


async def test_the_stage_footer_shows_whole_keys_only(seeded_db):
    i18n.set_language("th")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "2")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, StageWorkspaceScreen)
        footer = app.screen.query_one(KeyFooter)
        shown = [k for k in footer.query(FooterKey) if k.display]
        assert shown and all(k.region.right <= footer.content_region.right for k in shown)
        # What the footer leaves out is still in sight on the stage's own line.
        assert "w " in str(app.screen.query_one("#stage-keys").render())


async def test_textual_words_are_thai(seeded_db):
    i18n.set_language("th")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"zzzzqq")
        await pilot.pause(1.5)
        options = app.screen.query_one("CommandList")._options
        assert any("ไม่พบคำสั่งที่ตรงกัน" in str(o.prompt.renderable) for o in options)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter", "2")
        await pilot.pause()
        app.screen.query_one("#section-members").focus()
        await pilot.press("a")
        await pilot.pause()
        select = app.screen.query_one("#field-decision", Select)
        select.focus()
        await pilot.press("enter")  # the menu opens: its footer key
        await pilot.pause()
        footer_words = " ".join(str(k.description) for k in app.screen.query(FooterKey))
        assert "ปิดรายการ" in footer_words and "Dismiss" not in footer_words


async def test_the_review_dialog_keeps_its_ctrl_s_hint_at_80x24(seeded_db):
    from groupwork.tui.screens.review import ReviewScreen

    i18n.set_language("th")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "v")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        hint = app.screen.query_one(".dialog-hint")
        assert "Ctrl+S" in str(hint.render())
        assert hint.region.height and hint.region.bottom <= 24 and hint.region.y >= 0
