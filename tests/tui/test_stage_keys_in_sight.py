"""Every key a person needs on a stage's workspace is in sight at 80 columns, in Thai and
English: the stage's own actions (withdraw a member, appoint a role, revise a rule), which the
footer cuts off from the right, are listed under the title."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from groupwork.i18n import set_language
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.stage_workspace import StageWorkspaceScreen


@pytest.mark.parametrize(
    ("lang", "stage", "expected"),
    [
        ("th", "2", ["w บันทึกการถอนตัว", "x ลบข้อมูลสมาชิก", "F1 ดูปุ่มทั้งหมด"]),
        ("en", "2", ["w Withdraw member", "x Erase member", "F1 lists every key"]),
        ("en", "1", []),
    ],
)
async def test_stage_keys_in_sight_at_80_columns(seeded_db, lang, stage, expected):
    set_language(lang)
    try:
        app = GroupworkApp(seeded_db)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter", stage)
            await pilot.pause()
            assert isinstance(app.screen, StageWorkspaceScreen)
            found = app.screen.query("#stage-keys")
            if not expected:
                assert not found
                return
            line = str(found.first(Static).render())
            assert all(part in line for part in expected), line
            assert found.first().region.width <= 80 and found.first().region.height == 1
    finally:
        set_language("en")
