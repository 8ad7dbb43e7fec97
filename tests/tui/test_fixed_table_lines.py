"""FixedWidthTable draws a row of plain cells in one pass, and decides its scroll bars as it
is first laid out: the same lines as Textual's DataTable, in fewer steps."""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.app import App
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from groupwork.tui.widgets.fixed_table import FixedWidthTable

ROWS = [
    ("กลุ่มดาวเหนือ", "โทรหาป้าบัว", "May", "1 ธ.ค. 2569"),
    ("[/] ฟ้า", "[b]ด่วน[/b]", "Will", "—"),  # brackets: plain text, drawn in one pass too
    (Text("ฝน", style="bold"), "styled cell", "", "x"),  # a styled cell: DataTable draws it
    ("ใจดีใจดีใจดีใจดีใจดีใจดี", "too wide for its column", "a", "b"),  # drawn by DataTable
    ("tab\there", "control", "c", "d"),  # not printable: drawn by DataTable
]


def _segments(drawn) -> list[tuple[str, object]]:
    fixed, scrollable = drawn
    return [(s.text, s.style) for cell in [*fixed, *scrollable] for s in cell]


class Tables(App):
    def compose(self):
        yield FixedWidthTable(id="t", zebra_stripes=True)


async def test_each_row_is_drawn_as_datatable_draws_it():
    app = Tables()
    async with app.run_test(size=(90, 20)) as pilot:
        table = app.query_one(FixedWidthTable)
        for key, width in (("group", 14), ("task", 12), ("who", 6), ("due", 12)):
            table.add_column(key, key=key, width=width)
        for n, cells in enumerate(ROWS):
            table.add_row(*cells, key=f"r{n}")
        await pilot.pause()
        compared = 0
        for cursor_type in ("row", "cell", "column", "none"):
            table.cursor_type = cursor_type
            for show_cursor in (True, False):
                table.show_cursor = show_cursor
                for cursor, hover in (
                    (Coordinate(0, 0), Coordinate(1, 2)),
                    (Coordinate(1, 3), Coordinate(1, 3)),
                ):
                    await pilot.pause()
                    style = table.rich_style
                    for n in range(len(ROWS)):
                        drawn = []
                        for draw in (
                            FixedWidthTable._render_line_in_row,
                            DataTable._render_line_in_row,
                        ):
                            table._row_render_cache.clear()
                            table._cell_render_cache.clear()
                            got = draw(
                                table, table._row_locations.get_key(n), 0, style, cursor, hover
                            )
                            drawn.append(_segments(got))
                        assert drawn[0] == drawn[1], (cursor_type, show_cursor, cursor, n)
                        compared += 1
        assert compared == 4 * 2 * 2 * len(ROWS)
        # The rows of plain cells took the one-pass path, the others DataTable's.
        assert [
            table._plain_cells(table._row_locations.get_key(n)) is not None for n in range(5)
        ] == [
            True,
            True,
            False,
            False,
            False,
        ]


class Tall(App):
    def compose(self):
        yield FixedWidthTable(id="t", cursor_type="row")

    def on_mount(self):
        table = self.query_one(FixedWidthTable)
        for key in "abcdefgh":
            table.add_column(key, key=key, width=14)
        for n in range(60):
            table.add_row(*[f"{key}{n}" for key in "abcdefgh"], key=str(n))
        table.size_rows_now()


async def test_the_scroll_bars_are_there_from_the_first_layout(monkeypatch):
    """A table with more rows and columns than show is laid out with its scroll bars the
    first time: Textual decided them after that layout, so a second one added them and the
    whole table was drawn again."""
    from textual._compositor import Compositor
    from textual.scrollbar import ScrollBar

    layouts: list[int] = []  # the table's scroll bars in each layout that placed it
    reflow = Compositor.reflow

    def counted(self, parent, size):
        result = reflow(self, parent, size)
        placed = [w for w in self._full_map if isinstance(w, FixedWidthTable | ScrollBar)]
        if any(isinstance(w, FixedWidthTable) for w in placed):
            layouts.append(sum(isinstance(w, ScrollBar) for w in placed))
        return result

    monkeypatch.setattr(Compositor, "reflow", counted)
    app = Tall()
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(FixedWidthTable)
        assert table.show_vertical_scrollbar and table.show_horizontal_scrollbar
        assert layouts and set(layouts) == {2}, layouts
        # Scrolled and resized as before: Textual's own decisions from then on.
        await pilot.resize_terminal(200, 80)
        await pilot.pause()
        assert not table.show_horizontal_scrollbar and not table.show_vertical_scrollbar


def test_segment_helper_reads_every_cell():
    assert _segments(([], [[Segment("a")], [Segment("b")]])) == [("a", None), ("b", None)]
