"""A DataTable whose rows are drawn only as they scroll into view: columns sized without
rendering a row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.color import Color
from textual.coordinate import Coordinate
from textual.geometry import Region, Size
from textual.widgets import DataTable
from textual.widgets.data_table import Column, ColumnKey, DuplicateKey, Row, RowKey

from groupwork.tui import typed_text


def text_width(value: object, height: int) -> int | None:
    """The width DataTable measures for a cell (its widest line, the lines past a fixed
    ``height`` left out; a ``str`` is plain text, ``groupwork.tui.typed_text``), or None for a
    cell that is not text."""
    if value is None:
        return 0
    if isinstance(value, Text):  # a cell handed over as rich Text
        return value.cell_len if "\n" not in value.plain else None
    if not isinstance(value, str):
        return None
    # As DataTable's formatter: lines that cannot show are not measured.
    shown = typed_text.cut_to_height(value, height)
    return max((cell_len(line) for line in shown.splitlines()), default=0)


def _plain(value: object) -> str | None:
    """A cell's text when DataTable draws it as that text alone on one line, unstyled; None
    for any other cell (drawn by DataTable).

    A str is its own text (never markup: ``groupwork.tui.typed_text``), unless it holds a
    character Rich drops or that breaks the line (control codes, tabs, newlines:
    ``isprintable`` is false for all of them). A rich ``Text`` is its plain text when it has
    no style and is not centred or right-aligned."""
    if isinstance(value, str):
        return value if value.isprintable() else None
    if (
        not isinstance(value, Text)
        or value.spans
        or value.style
        or value.justify not in (None, "default", "left")
        or "\n" in value.plain
        or "\t" in value.plain
    ):
        return None
    return value.plain


class FixedWidthTable(DataTable):
    """Textual's DataTable, rendering no row only to measure it.

    After rows are added, DataTable renders every new row's cells once to measure them, for
    the widths of auto-sized columns, even when each column was given a width: 2,000 groups
    cost ~300 ms of rendering on the UI thread before anything moved, 100 rows of ten columns
    ~40 ms. Here a row of text cells with a fixed height and no label is measured from its
    text (the same widths, without rendering), or not at all when every column has a width:
    it is rendered only when it is on screen (DataTable draws visible lines only). A cell of
    rich ``Text`` on one line is measured by its cell length. Anything else (a cell that is
    not text, an auto-height row, a row label) is measured as before. When drawn, a cell
    that is plain text on one line (``_plain``: rich ``Text`` without style, or a printable
    str) and fits its column is made into its line's one segment here, not through Rich.
    """

    def __init__(self, *args, keep_cells_on_resize: bool = False, **kwargs) -> None:
        # Its measuring and drawing take a str cell as plain text, as DataTable does then.
        typed_text.install()
        super().__init__(*args, **kwargs)
        self.keep_cells_on_resize = keep_cells_on_resize
        self._auto_height_rows = False
        # Each row's style, by what it depends on: DataTable works it out from the CSS for
        # every row drawn (~0.1 ms each).
        self._row_styles: dict[tuple, Style] = {}
        self._style_now: Style | None = None

    @property
    def rich_style(self) -> Style:
        """As every widget's; while lines are drawn, the one worked out when they began."""
        return self._style_now if self._style_now is not None else super().rich_style

    def render_lines(self, crop):
        """As DataTable's, the table's own style worked out once for the lines drawn now
        (DataTable asks for it once per line, ~30 µs each)."""
        self._style_now = None
        self._style_now = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._style_now = None

    def notify_style_update(self) -> None:
        """As DataTable's, forgetting the rows' styles too (the theme or CSS changed)."""
        self._row_styles.clear()
        super().notify_style_update()

    def _get_row_style(self, row_index: int, base_style: Style) -> Style:
        kind = -1 if row_index == -1 else -2 if row_index < self.fixed_rows else row_index % 2
        key = (kind, base_style, self.zebra_stripes, self._pseudo_class_state)
        style = self._row_styles.get(key)
        if style is None:
            style = self._row_styles[key] = super()._get_row_style(row_index, base_style)
        return style

    def clear(self, columns: bool = False):
        """As DataTable's, without first working out where each row it removes was drawn:
        DataTable's clear drops its caches, then asks for the rows' line offsets (rebuilt
        for every row, in order) only to empty them: ~2 ms for an agency's 2,000 groups."""
        self.rows.clear()
        return super().clear(columns)

    def add_row(self, *cells, height: int | None = 1, **kwargs):
        """As DataTable's (noting an auto-height row, whose drawing may depend on the size)."""
        if height is None:
            self._auto_height_rows = True
        return super().add_row(*cells, height=height, **kwargs)

    def _on_resize(self, event: events.Resize) -> None:
        # DataTable forgets every drawn cell on each Resize, the first one included: that one
        # arrives after the first frame has drawn the visible rows, so they were drawn twice.
        # A cell's drawing depends on its column's width and its row's height, not on the
        # table's size (lines, which do, are cached by width): with ``keep_cells_on_resize``
        # and fixed-height rows, the cells drawn stay.
        if self.keep_cells_on_resize and not self._auto_height_rows:
            event.prevent_default()

    def size_rows_now(self) -> None:
        """Size the rows added so far now, as DataTable does when it is next idle: the table's
        scrollable size is then known to the layout before the first frame (test)."""
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            new_rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(new_rows)

    def _get_scrollable_region(self, region: Region) -> Region:
        # Textual decides a widget's scroll bars after its first layout, from the size that
        # layout gave it: a table with more rows or columns than show was laid out and drawn
        # without them, then laid out again with them and drawn whole again (~4 ms for the
        # coordinator's 34 rows). Decided here, as the first layout places the table, from
        # the same size and by Textual's own rule, the second layout changes nothing. Later
        # layouts (a resize, more rows) are Textual's as before.
        if not self.container_size and self.is_scrollable:
            self._container_size = region.size
            try:
                self._refresh_scrollbars()
            finally:
                self._container_size = Size(0, 0)
                self._scrollbar_changes.clear()
        return super()._get_scrollable_region(region)

    def add_column_at_least(self, label: str, key: str, width: int) -> None:
        """An auto-sized column already ``width`` cells wide (or its label's width): rows
        that fit leave it as it is, so it is the same on every page; a wider cell widens it."""
        self.add_column(label, key=key)
        column = self.columns[ColumnKey(key)]
        column.content_width = max(column.content_width, width)

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

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ):
        # A plain one-line cell that fits its column is drawn here, without Rich's general
        # rendering (padding, wrapping, cropping), to the same segments DataTable would draw:
        # ~35 rows of ten columns, drawn on the first paint, cost it ~20 ms. Anything else (a
        # header, a label, a fixed cell, a styled or too wide cell, a row of another height)
        # is drawn by DataTable.
        if row_index < self.fixed_rows or column_index < self.fixed_columns:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        row = self.rows.get(row_key)
        text = _plain(self._data.get(row_key, {}).get(column_key))
        pad = self.cell_padding
        if row is None or row.height != 1 or text is None or cell_len(text) > width - 2 * pad:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cached = self._cell_render_cache.get(key)
        if cached is not None:
            return cached
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            False,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        # As Rich adds them (a null style adds nothing).
        style = base_style + Style.from_meta({"row": row_index, "column": column_index})
        if component_style:
            style += component_style
        if post_style:
            style = style + post_style if style else post_style
        # One segment where Rich makes three or four of the same style (padding, text, the
        # rest of the column, padding): the line is cropped and joined in fewer pieces.
        room = width - pad - cell_len(text)
        lines = [[Segment(f"{' ' * pad}{text}{' ' * room}", style)]]
        self._cell_render_cache[key] = lines
        return lines

    def _render_line_in_row(
        self,
        row_key: RowKey,
        line_no: int,
        base_style: Style,
        cursor_location: Coordinate,
        hover_location: Coordinate,
    ):
        # A row whose cells are all plain one-line text that fits (``_plain_cells``) is drawn
        # here in one pass, to the segments DataTable draws cell by cell: there each cell is
        # looked up and cached on its own, and each line works out the header's style and the
        # table's background whether it uses them or not (~0.2 ms a line of ten columns, 34
        # of them in the coordinator's first paint). Anything else is drawn by DataTable.
        cursor_type = self.cursor_type
        show_cursor = self.show_cursor
        show_hover = self._show_hover_cursor
        cache_key = (
            row_key,
            line_no,
            base_style,
            cursor_location,
            hover_location,
            cursor_type,
            show_cursor,
            show_hover,
            self._update_count,
            self._pseudo_class_state,
        )
        cached = self._row_render_cache.get(cache_key)
        if cached is not None:
            return cached
        plain = self._plain_cells(row_key)
        if plain is None:
            return super()._render_line_in_row(
                row_key, line_no, base_style, cursor_location, hover_location
            )
        row_index, cells = plain
        should_highlight = self._should_highlight
        styles_for = self._get_styles_to_render_cell
        css_fg = self.cursor_foreground_priority == "css"
        css_bg = self.cursor_background_priority == "css"
        pad = self.cell_padding
        row_style = self._get_row_style(row_index, base_style)
        scrollable: list[list[Segment]] = []
        table_width = 0
        for column_index, (text, room, render_width) in enumerate(cells):
            location = Coordinate(row_index, column_index)
            component_style, post_style = styles_for(
                False,
                False,
                False,
                should_highlight(hover_location, location, cursor_type),
                should_highlight(cursor_location, location, cursor_type),
                show_cursor,
                show_hover,
                css_fg,
                css_bg,
            )
            # As ``_render_cell`` composes it (a null style adds nothing).
            style = row_style + Style.from_meta({"row": row_index, "column": column_index})
            if component_style:
                style += component_style
            if post_style:
                style = style + post_style if style else post_style
            scrollable.append([Segment(f"{' ' * pad}{text}{' ' * room}", style)])
            table_width += render_width
        # The rest of the line, past the last column, as DataTable extends it.
        remaining = max(0, self.size.width - table_width - self._row_label_column_width)
        if cursor_type == "row":
            extend_style, _post = styles_for(
                False,
                False,
                False,
                should_highlight(hover_location, Coordinate(row_index or 0, 0), cursor_type),
                row_index == cursor_location.row,
                show_cursor,
                show_hover,
                False,
                False,
            )
            extend_style = row_style + extend_style
        elif row_style.bgcolor is not None:
            faded = Color.from_rich_color(row_style.bgcolor).blend(
                self.background_colors[1], factor=0.25
            )
            extend_style = Style.from_color(color=row_style.color, bgcolor=faded.rich_color)
        else:
            extend_style = Style.from_color(row_style.color, row_style.bgcolor)
        extend_style += Style.from_meta({"row": row_index, "column": 0, "out_of_bounds": True})
        scrollable.append([Segment(" " * remaining, extend_style)])
        drawn = ([], scrollable)
        self._row_render_cache[cache_key] = drawn
        return drawn

    def _plain_cells(self, row_key: RowKey) -> tuple[int, list[tuple[str, int, int]]] | None:
        """For a row drawn as one line of plain cells that fit their columns: its index and,
        per column, the cell's text, the spaces after it and the column's width drawn; None for any other row (a
        header, a fixed row or column, a label, a taller row, a styled or too wide cell)."""
        if self.fixed_columns or (self._labelled_row_exists and self.show_row_labels):
            return None
        row_index = self._row_locations.get(row_key)
        row = self.rows.get(row_key)
        if row_index is None or row is None or row.height != 1 or row_index < self.fixed_rows:
            return None
        data = self._data.get(row_key, {})
        pad = self.cell_padding
        cells = []
        column: Column
        for column in self.ordered_columns:
            text = _plain(data.get(column.key))
            if text is None:
                return None
            width = column.content_width if column.auto_width else column.width
            room = width - cell_len(text)
            if room < 0:
                return None
            cells.append((text, room + pad, width + 2 * pad))
        return row_index, cells

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
