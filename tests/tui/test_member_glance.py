"""The dashboard's members at a glance: a sparkline of turns per session that is as long as
the sessions held, not stretched across the screen when there have been only two, and in which
a session missed is a mark, not a silent 0 (the heat map's marks)."""

from __future__ import annotations

from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.dashboard import DashboardScreen
from groupwork.tui.widgets.member_glance import (
    CELLS_PER_SESSION,
    GlanceRow,
    turn_marks,
    turns_fitted,
)


def test_marks_keep_absent_withdrawn_and_silent_apart():
    cells = [0, 1, 7, "absent", "withdrawn", "not_marked", 4]
    assert turn_marks(cells, 7) == ["▁", "▂", "█", "–", "×", "·", "▅"]
    assert turn_marks([3], 3) == ["█"] and turn_marks([], 0) == []
    # Two cells a session where there is room, one where not, the latest when even that is not.
    marks = ["▁", "–", "█"]
    assert turns_fitted(marks, 6) == "▁▁––██" and turns_fitted(marks, 4) == "▁–█"
    assert turns_fitted(marks, 2) == "–█" and turns_fitted(marks, 0) == ""


async def test_sparkline_of_two_sessions_stays_short(seeded_db):
    with Store.open(seeded_db) as store:  # m3 came to session 1 silent, missed session 2
        store.record_attendance("s2", "m3", m.AttendanceStatus.ABSENT)
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        header, *lines = app.screen.query(GlanceRow)
        assert header.marks is None and len(lines) == 3  # one per selected member
        for line in lines:
            assert len(line.marks) == 2  # the seeded group has held two sessions
            assert len(line.turns) == CELLS_PER_SESSION * 2, line.turns
        # m1 and m2 took 1 then 2 turns (2 the most: a full bar); m3 silent, then absent.
        assert [line.marks for line in lines] == [["▅", "█"], ["▅", "█"], ["▁", "–"]]
        assert str(lines[2].render()).endswith("0%    ▁▁––")
