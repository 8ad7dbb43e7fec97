"""A DataTable whose rows are drawn only as they scroll into view, when its columns are sized."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import DataTable


class FixedWidthTable(DataTable):
    """Textual's DataTable, measuring no row its columns' widths do not depend on.

    After rows are added, DataTable renders every new row's cells once to measure them, for
    the widths of auto-sized columns, even when each column was given a width: 2,000 groups
    cost ~300 ms of rendering on the UI thread before anything moved. When no column is
    auto-sized and a row has a fixed height and no label, nothing of it is measured here: it
    is rendered only when it is on screen (DataTable draws visible lines only). Anything else
    (an auto-sized column, an auto-height row, a row label) is measured as before.
    """

    def _update_dimensions(self, new_rows: Iterable) -> None:
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)
            return
        measured = []
        for key in new_rows:
            row = self.rows.get(key)
            if row is not None and (row.auto_height or row.label is not None):
                measured.append(key)
        # Called even with none to measure: it also sets the scrollable (virtual) size.
        super()._update_dimensions(measured)
