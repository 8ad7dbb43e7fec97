"""A DataTable whose rows are drawn only as they scroll into view: columns sized without
rendering a row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import DuplicateKey, Row, RowKey


def text_width(value: object, height: int) -> int | None:
    """The width DataTable measures for a cell (its widest line, markup read, the lines past
    a fixed ``height`` left out), or None for a cell that is not text."""
    if value is None:
        return 0
    if not isinstance(value, str):
        return None
    if height:  # as DataTable's formatter: lines that cannot show are not measured
        cut = -1
        for _ in range(height):
            cut = value.find("\n", cut + 1)
            if cut == -1:
                break
        if cut != -1 and cut != len(value) - 1:
            value = value[:cut]
    plain = Text.from_markup(value, end="").plain if "[" in value else value
    return max((cell_len(line) for line in plain.splitlines()), default=0)


class FixedWidthTable(DataTable):
    """Textual's DataTable, rendering no row only to measure it.

    After rows are added, DataTable renders every new row's cells once to measure them, for
    the widths of auto-sized columns, even when each column was given a width: 2,000 groups
    cost ~300 ms of rendering on the UI thread before anything moved, 100 rows of ten columns
    ~40 ms. Here a row of text cells with a fixed height and no label is measured from its
    text (the same widths, without rendering), or not at all when every column has a width:
    it is rendered only when it is on screen (DataTable draws visible lines only). Anything
    else (a cell that is not text, an auto-height row, a row label) is measured as before.
    """

    def _update_dimensions(self, new_rows: Iterable) -> None:
        columns = self.ordered_columns
        auto = any(column.auto_width for column in columns)
        measured = []
        for key in new_rows:
            row = self.rows.get(key)
            if row is None or self._row_locations.get(key) is None:
                continue
            if row.auto_height or row.label is not None:
                measured.append(key)
                continue
            if not auto:
                continue
            cells = self._data.get(key, {})
            widths = [text_width(cells.get(column.key), row.height) for column in columns]
            if None in widths:
                measured.append(key)
                continue
            for column, width in zip(columns, widths, strict=True):
                column.content_width = max(column.content_width, width)
        # Called even with none to measure: it also sets the scrollable (virtual) size.
        super()._update_dimensions(measured)

    def add_text_rows(self, rows: Iterable[tuple[str, Sequence[str]]]) -> None:
        """Add rows of text cells at the bottom, each ``(key, cells)`` of height 1 and no
        label: the same table as ``add_row`` called for each, in one update.

        ``add_row`` updates the table once per row (the cursor checked, the drawing caches
        dropped, an idle check): ~18 µs a row, 36 ms for an agency's 2,000 groups on the UI
        thread. Here that is done once for all of them (~4 µs a row); the table is drawn
        again once.
        """
        columns = self.ordered_columns
        was_empty = self.row_count == 0
        added = False
        for key, cells in rows:
            if len(cells) > len(columns):
                raise ValueError("More values provided than there are columns.")
            row_key = RowKey(key)
            if row_key in self._row_locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            self._row_locations[row_key] = len(self.rows)
            self._data[row_key] = {column.key: cell for column, cell in zip_longest(columns, cells)}
            self.rows[row_key] = Row(row_key, 1, None, False)
            self._new_rows.add(row_key)
            added = True
        if not added:
            return
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate  # as add_row: kept within the rows
        if was_empty and self.columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()  # as add_row does for a table's first row
        self._update_count += 1
        self.check_idle()
