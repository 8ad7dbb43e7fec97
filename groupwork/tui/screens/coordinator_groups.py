"""The coordinator's group table: its columns' widths known before any row, its cells.

Kept apart from the screen (``coordinator.py``) so that the first screenful of groups can be
drawn with the page's widths: see ``CoordinatorScreen.load_groups``.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.cells import cell_len

from groupwork import coordination as c
from groupwork.dates import format_date
from groupwork.store.rows import GroupStatusRow
from groupwork.tui.formatting import clip

CLIPPED = {"group": 24, "facilitator": 16}
"""Columns whose free text is cut to so many terminal cells (the others are never long)."""


def status_widths(today: date) -> dict[str, int]:
    """The widest each group-status cell can be in the current language, in terminal cells
    (the group and facilitator as clipped; dates of any month; every flag at once with
    two-digit weeks), so the columns are the same on every page and the first screenful
    sizes them as the whole page would. A wider cell (a three-digit count) widens its column."""
    dates = [format_date(date(2026, month, 28), short=True) for month in range(1, 13)]
    date_width = max(map(cell_len, [*dates, "—"]))
    long_ago = today - timedelta(weeks=99)
    worst = GroupStatusRow(
        "", "", (), 12, "active", long_ago, long_ago, None, 0, 0, long_ago, None, 0, None
    )
    every_flag = "; ".join(c.flag_text(flag, worst, today) for flag in c.Flag)
    return {
        **CLIPPED,
        "stage": 2,
        "held": len("99/99"),
        "last": date_width,
        "next": date_width,
        "trend": max(cell_len(c.trend_text(trend)) for trend in c.Trend),
        "overdue": 3,
        "oldest": 3,
        "flags": cell_len(every_flag),
    }


def status_row(row: GroupStatusRow, today: date) -> tuple[str, ...]:
    """One group's cells, in ``STATUS_COLUMNS`` order (plain text: ``tui.typed_text``)."""
    cells = c.status_cells(row, today)
    return tuple(clip(cells[key], CLIPPED.get(key, 80)) for key, _title in c.STATUS_COLUMNS)
