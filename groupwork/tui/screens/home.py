"""Groups home: every group with its stage, next session and overdue tasks."""

from __future__ import annotations

import gc
from datetime import date
from functools import partial

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable

from groupwork.errors import GroupworkError
from groupwork.i18n import N_, _
from groupwork.models_lazy import models as m
from groupwork.store.rows import GroupListRow, HomeListShape
from groupwork.tui.formatting import clip, show_date, stage_name
from groupwork.tui.screens.base import GroupworkScreen
from groupwork.tui.widgets.fixed_table import FixedWidthTable
from groupwork.tui.widgets.key_footer import KeyFooter
from groupwork.tui.widgets.plain import Static
from groupwork.tui.widgets.title_header import TitleHeader

FIRST_ROWS = 100
"""At most this many groups are read and drawn before the first paint: a screenful (the
terminal's height) when that is fewer. The rest are read by a worker after the first paint,
then added ``LATER_ROWS`` at a time."""
LATER_ROWS = 1000
"""Rows added between two frames (~6 ms, `add_text_rows`: the table measures none of them, its
columns have fixed widths). After each slice the table draws its visible rows afresh (~20 ms
at 120x40: Textual renders every visible cell again)."""
REST_AFTER = 0.05
"""Seconds from reading the first rows to reading the rest: the first frame drawn first."""
LATER_PAUSE = 1 / 60
"""Seconds between two slices: a frame's time, for the screen to draw and keys to be read."""


def _shape(groups: list[GroupListRow]) -> HomeListShape:
    """The shape of a list of groups read in full (``home_list_shape``'s, without reading)."""
    return HomeListShape(
        tuple(g.name for g in groups), frozenset(g.current_stage for g in groups), len(groups)
    )


def _moves(shown: GroupListRow, now: GroupListRow) -> bool:
    """Whether a group's row, read again, may stand elsewhere in the list or need other column
    widths: its name, its stage, or whether it is closed changed."""
    return (shown.name, shown.current_stage, shown.status == "closed") != (
        now.name,
        now.current_stage,
        now.status == "closed",
    )


class HomeScreen(GroupworkScreen):
    """The app's first screen."""

    _fill_generation = 0
    _just_filled = False
    _frozen = False
    _known_shape: HomeListShape | None = None
    """The whole list's shape as the last full read found it (reused by a reload)."""
    _laid_out: tuple[HomeListShape, int, tuple[dict[int, str], int, int]] | None = None
    _cells = None
    """A group's cells as the table's columns are laid out now (set by ``_show``)."""
    _cells_layout: tuple[dict[int, str], int, int] | None = None
    """The stage names and column widths ``_cells`` was made for."""
    _read_mark: tuple | None = None
    """The store's change mark, the day and the terminal's width when every group was last
    read (before that read): a reload with all three the same has nothing new to show."""
    _changes_seen: object | None = None
    """The store's latest change number when ``_read_mark`` was taken (``home_changes_since``):
    with the same day and width, a reload reads only the groups changed after it."""
    _made_from: dict[str, GroupListRow]
    """Each shown row's group as its cells were made from: a reload draws again only the rows
    whose group reads differently (making and comparing 40 rows' cells took ~1 ms)."""

    BINDINGS = [
        Binding("enter", "open_group", N_("Open"), show=False),
        Binding("o", "open_group", N_("Open")),
        Binding("n", "new_group", N_("New group")),
        Binding("d", "demo", N_("Demo group")),
        Binding("t", "all_tasks", N_("All tasks")),
        Binding("c", "coordinator", N_("Coordinator")),
    ]

    class RestRead(Message):
        """Every group's row, read by a worker after the first paint."""

        def __init__(
            self,
            groups: list[GroupListRow],
            generation: int,
            error: str | None = None,
            mark: tuple | None = None,
            seen: object | None = None,
        ) -> None:
            super().__init__()
            self.groups = groups
            self.generation = generation
            self.error = error
            self.mark = mark
            """The change mark taken before the first rows were read (``HomeScreen._read_mark``)."""
            self.seen = seen
            """The latest change's number then (``HomeScreen._changes_seen``)."""

    class DemoBuilt(Message):
        """The demo group was written to the database (posted from a worker)."""

        def __init__(self, group_id: str | None, error: str | None = None) -> None:
            super().__init__()
            self.group_id = group_id
            self.error = error

    def compose(self) -> ComposeResult:
        self._read_mark = None  # composed again (a new language): an empty table to fill
        yield TitleHeader()
        with Vertical(id="home"):
            yield Static(_("Groups"), classes="screen-title")
            yield Static(
                _(
                    "There are no groups yet.\n\n"
                    "Press n to create your first group, or d to explore a demo group "
                    "(made-up members and sessions) and see how everything works."
                ),
                id="empty-hint",
            )
            yield FixedWidthTable(id="groups", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        self._just_filled = True

    def on_unmount(self) -> None:
        if self._frozen:
            gc.unfreeze()  # what the app held may be collected again

    def on_screen_resume(self) -> None:
        # The first resume comes right after mounting, which has just filled the table: the
        # agency's groups are read and laid out once, not twice.
        if self._just_filled:
            self._just_filled = False
            return
        self.reload()

    def reload(self) -> None:
        """Fill the table from the store: a screenful of groups before the first paint.

        At agency scale the figures of every group take ~20 ms to read: the first paint reads
        only the rows the terminal shows, and the names and stages of all groups (to size the
        columns for the whole list); a worker reads the rest after the first paint and they
        are added a slice per frame, so the screen answers before and while they arrive.
        Back from another screen it reads nothing when nothing was committed since, and only
        the written groups' rows when that is all that changed (``_only_changed_rows``).
        """
        today = date.today()
        store = self.app.store
        change_mark = store.change_mark()
        mark = None if change_mark is None else (change_mark, today, self.app.size.width)
        if mark is not None and mark == self._read_mark:
            # Back from another screen, nothing committed by anyone since every group was
            # read, the same day and width: the table shows what a read would find (reading
            # the first rows and every group again took 1-3 ms, then 20 ms on a worker).
            return
        if mark is not None and self._only_changed_rows(mark, today):
            return
        self._read_mark = self._changes_seen = None
        self._fill_generation += 1
        changes = None if mark is None else store.home_changes_since(None)
        seen = None if changes is None else changes[0]
        limit = min(FIRST_ROWS, max(self.app.size.height, 1))
        first = store.home_groups(today, limit=limit)
        if len(first) < limit:  # every group: the shape is theirs
            shape = _shape(first)
        else:
            # A reload (back from another screen) lays the columns out as the last full read
            # found the list (reading every name again and measuring it took ~2-3 ms of the
            # first paint at agency scale): the rest's read checks it, and lays the table out
            # again if another window or command changed the groups meanwhile.
            shape = self._known_shape or store.home_list_shape()
        # Back from another screen with the same groups in the same order: the table stays
        # (the cursor on the group just visited), only cells whose figures changed are
        # drawn again; the rest's read brings every later row up to date (``_rest_read``).
        if self._still_lists(first, shape, len(first)):
            self._bring_up_to_date(first)
        else:
            self._show(first, shape)
        if len(first) == limit and (shape.count > limit or shape is self._known_shape):
            generation = self._fill_generation
            # After the first frame is drawn (an after-refresh callback can run before it:
            # the table reports its rows on its own idle): the worker's read would take the
            # interpreter from the drawing of that frame.
            self.set_timer(REST_AFTER, partial(self._read_rest, today, generation, mark, seen))
        else:
            self._read_mark, self._changes_seen = mark, seen  # every group in the first read

    def _only_changed_rows(self, mark: tuple, today: date) -> bool:
        """Bring the rows of the groups written since every group was last read up to date,
        when that is all a read would change (True): the same day and width, the store can
        tell which groups (``home_changes_since``), and each is shown, where it was (the
        same name and closed or not) with the same stage. Otherwise False: read it all."""
        read, seen = self._read_mark, self._changes_seen
        if read is None or seen is None or read[1:] != mark[1:]:
            return False
        store = self.app.store
        changes = store.home_changes_since(seen)
        if changes is None:
            return False
        latest, changed = changes
        made_from = self._made_from
        # A group not shown: new, deleted (``HOME_CHANGES_ALL``) or among rows still being added.
        if not changed <= made_from.keys():
            return False
        if changed:
            groups = store.home_groups(today, ids=changed)
            if len(groups) != len(changed) or any(
                _moves(made_from[group.id], group) for group in groups
            ):
                return False
            self._bring_up_to_date(groups)
        self._read_mark, self._changes_seen = mark, latest
        return True

    def _show(self, groups: list[GroupListRow], shape: HomeListShape) -> None:
        """Lay the columns out for the whole list (``shape``) and add ``groups``, its first rows."""
        table = self.query_one("#groups", DataTable)
        table.clear(columns=True)
        stages, name_width, stage_width = self._layout_for(shape)
        overdue_width = max(cell_len(_("Overdue")), 5)
        table.add_column(_("Group"), key="name", width=name_width)
        table.add_column(_("Stage"), key="stage", width=stage_width)
        table.add_column(_("Next session"), key="next", width=14)
        # A fixed width: the table need not measure every row to lay out the last column.
        table.add_column(_("Overdue"), key="overdue", width=overdue_width)

        def cells(g: GroupListRow) -> tuple[str, ...]:
            return (
                clip(g.name, name_width),
                clip(stages[0 if g.status == "closed" else g.current_stage], stage_width),
                show_date(g.next_session),
                str(g.overdue) if g.overdue else "·",
            )

        self._cells = cells
        self._cells_layout = (stages, name_width, stage_width)
        self._made_from = {}
        self._add_rows(groups, cells)
        table.display = table.row_count > 0
        self.query_one("#empty-hint").display = table.row_count == 0
        if table.row_count:
            table.focus()

    def _layout_for(self, shape: HomeListShape) -> tuple[dict[int, str], int, int]:
        """``_layout`` of ``shape``, worked out once per shape and terminal width."""
        laid_out = self._laid_out
        if laid_out and laid_out[0] is shape and laid_out[1] == self.app.size.width:
            return laid_out[2]
        found = self._layout(shape)
        self._laid_out = (shape, self.app.size.width, found)
        return found

    def _still_lists(self, groups: list[GroupListRow], shape: HomeListShape, count: int) -> bool:
        """Whether the table's first ``count`` rows are the first ``count`` of ``groups`` (the
        same groups in the same order), in the columns and stage names ``shape`` lays out:
        the table can then be kept and only its cells brought up to date."""
        if self._cells is None or self._layout_for(shape) != self._cells_layout:
            return False
        table = self.query_one("#groups", FixedWidthTable)
        if table.row_count < count or len(groups) < count:
            return False
        # The table may hold more rows than ``count``: only its first ``count`` are compared.
        first = zip(table.rows, groups[:count], strict=False)
        return all(key.value == group.id for key, group in first)

    def _bring_up_to_date(self, groups: list[GroupListRow]) -> None:
        """Update the cells of shown rows (``groups``, in the table's order) whose figures
        changed since they were added: a kept table's rows, read again."""
        made_from = self._made_from
        changed = [group for group in groups if made_from.get(group.id) != group]
        if not changed:
            return
        table = self.query_one("#groups", FixedWidthTable)
        columns = [column.key for column in table.ordered_columns]
        for group in changed:
            now = self._cells(group)
            shown = table.get_row(group.id)
            for column, old, new in zip(columns, shown, now, strict=True):
                if old != new:
                    table.update_cell(group.id, column, new)
            made_from[group.id] = group

    def _layout(self, shape: HomeListShape) -> tuple[dict[int, str], int, int]:
        """The stage cells by stage (0: closed), and the name and stage columns' widths."""
        # Twelve stage names at most: look each up once, not once per group.
        stages = {n: f"{n}. {stage_name(n)}" for n in shape.stages}
        stages[0] = _("Closed")  # a closed group's stage cell (see cells below)
        # Widths from the content, in terminal cells (Thai marks take none): the table may be
        # hidden (width 0) while it is filled. The stage gets what the name leaves of the
        # screen, so "12. Decision to re-plan …" is not cut short on a wide terminal.
        name_width = min(max([cell_len(_("Group")), *map(cell_len, shape.names)]), 32)
        fixed = name_width + 14 + max(cell_len(_("Overdue")), 5) + 2 * 4 + 4
        stage_room = max(24, self.app.size.width - fixed)
        stage_width = min(max([cell_len(_("Stage")), *map(cell_len, stages.values())]), stage_room)
        return stages, name_width, stage_width

    @work(thread=True, exclusive=True, group="home-rest", exit_on_error=False)
    def _read_rest(
        self, today: date, generation: int, mark: tuple | None, seen: object | None
    ) -> None:
        """Read every group's row off the UI thread (posts ``RestRead``)."""
        try:
            groups = self.app.store.home_groups(today)
        except GroupworkError as exc:
            self.post_message(self.RestRead([], generation, exc.message))
            return
        self.post_message(self.RestRead(groups, generation, mark=mark, seen=seen))

    @on(RestRead)
    def _rest_read(self, event: RestRead) -> None:
        # A reload since then has filled the table afresh: these rows are stale.
        if event.generation != self._fill_generation:
            return
        if event.error:
            self.notify(event.error, severity="error")
            return
        groups = event.groups
        table = self.query_one("#groups", DataTable)
        shown = table.row_count
        shape = self._known_shape = _shape(groups)
        if self._still_lists(groups, shape, shown):
            # A kept table's rows were read before: their figures as they are now.
            self._bring_up_to_date(groups[:shown])
        else:
            # Another window or command changed the groups in between: all of it afresh (a
            # screenful first, as a reload shows it, when the table was kept whole).
            shown = min(shown, FIRST_ROWS)
            self._show(groups[:shown], shape)
        # An agency's list: what exists now (modules, the app, these rows) lives as long as
        # the app, so the collector's full passes leave it out; one walked it all while the
        # rows were added (~200 ms on the UI thread). As the recorder does; what earlier
        # reloads froze and has died since is collected now and then (``LastingObjects``).
        self._frozen = True
        self.app.freeze_lasting()
        if len(groups) > shown:
            self._add_later(groups[shown:], self._cells, event.generation)
        # Every group read (the later slices follow under this generation): a reload with
        # nothing committed since the first rows' read need not read again.
        self._read_mark, self._changes_seen = event.mark, event.seen

    def _add_rows(self, groups: list[GroupListRow], cells) -> None:
        table = self.query_one("#groups", FixedWidthTable)
        table.add_text_rows((group.id, cells(group)) for group in groups)
        self._made_from.update((group.id, group) for group in groups)

    def _add_later(self, groups: list[GroupListRow], cells, generation: int) -> None:
        # A reload since then has filled the table afresh: these rows are stale.
        if generation != self._fill_generation:
            return
        # A slice at a time, the screen drawn and keys answered in between: 2,000 groups at
        # once held the UI thread for half a second. The next slice waits for a timer, not
        # for "after refresh": those callbacks ran one after another with no frame between.
        self._add_rows(groups[:LATER_ROWS], cells)
        if len(groups) > LATER_ROWS:
            rest = partial(self._add_later, groups[LATER_ROWS:], cells, generation)
            self.set_timer(LATER_PAUSE, rest)

    def _selected_group_id(self) -> str | None:
        table = self.query_one("#groups", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowSelected, "#groups")
    def _row_selected(self) -> None:
        self.action_open_group()

    def action_open_group(self) -> None:
        group_id = self._selected_group_id()
        if group_id:
            self.open_group(group_id)

    def open_group(self, group_id: str) -> None:
        """Show the group's dashboard over this screen."""
        from groupwork.tui.screens.dashboard import DashboardScreen

        self.app.push_screen(DashboardScreen(group_id))

    def action_all_tasks(self) -> None:
        """The coordinator's view: every group's tasks on one board."""
        from groupwork.tui.screens.task_board import TaskBoardScreen

        self.app.push_screen(TaskBoardScreen(None))

    def action_coordinator(self) -> None:
        """Every group's status, tasks across groups, members who stopped coming."""
        from groupwork.tui.screens.coordinator import CoordinatorScreen

        self.app.push_screen(CoordinatorScreen())

    def action_new_group(self) -> None:
        from groupwork.tui.screens.new_group import NewGroupScreen

        def created(group: m.Group | None) -> None:
            if group is not None:
                self.reload()
                self.open_group(group.id)

        self.app.push_screen(NewGroupScreen(self.app.store), created)

    def action_demo(self) -> None:
        self.notify(_("Creating the demo group…"))
        self.build_demo()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def build_demo(self) -> None:
        # Building a dozen sessions of records takes a moment: off the UI thread.
        """Add the fictional demo group, on a worker thread; posts ``DemoBuilt`` when done."""
        try:
            from groupwork.demo import build_demo
        except ImportError:
            self.post_message(self.DemoBuilt(None, _("The demo group is not available yet.")))
            return
        try:
            group = build_demo(self.app.store)
        except GroupworkError as exc:
            self.post_message(self.DemoBuilt(None, exc.message))
            return
        self.post_message(self.DemoBuilt(group.id))

    @on(DemoBuilt)
    def _demo_built(self, event: DemoBuilt) -> None:
        if event.error:
            self.notify(event.error, severity="error")
            return
        self.reload()
        self.notify(_("The demo group is ready."))
