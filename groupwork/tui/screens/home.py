"""Groups home: every group with its stage, next session and overdue tasks."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Header, Static

from groupwork import models as m
from groupwork.errors import GroupworkError
from groupwork.i18n import N_, _
from groupwork.tui.formatting import clip, show_date, stage_name
from groupwork.tui.screens.base import GroupworkScreen
from groupwork.tui.widgets.key_footer import KeyFooter


class HomeScreen(GroupworkScreen):
    """The app's first screen."""

    BINDINGS = [
        Binding("enter", "open_group", N_("Open"), show=False),
        Binding("o", "open_group", N_("Open")),
        Binding("n", "new_group", N_("New group")),
        Binding("d", "demo", N_("Demo group")),
        Binding("t", "all_tasks", N_("All tasks")),
    ]

    class DemoBuilt(Message):
        """The demo group was written to the database (posted from a worker)."""

        def __init__(self, group_id: str | None, error: str | None = None) -> None:
            super().__init__()
            self.group_id = group_id
            self.error = error

    def compose(self) -> ComposeResult:
        yield Header()
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
            yield DataTable(id="groups", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Fill the table from the store (fast: a few small queries per group)."""
        store = self.app.store
        table = self.query_one("#groups", DataTable)
        table.clear(columns=True)
        groups = store.groups()
        stages = {g.id: f"{g.current_stage}. {stage_name(g.current_stage)}" for g in groups}
        # Widths from the content, in terminal cells (Thai marks take none): the table may be
        # hidden (width 0) while it is filled. The stage gets what the name leaves of the
        # screen, so "12. Decision to re-plan …" is not cut short on a wide terminal.
        name_width = min(max([cell_len(_("Group")), *(cell_len(g.name) for g in groups)]), 32)
        fixed = name_width + 14 + cell_len(_("Overdue")) + 2 * 4 + 4
        stage_room = max(24, self.app.size.width - fixed)
        stage_width = min(max([cell_len(_("Stage")), *map(cell_len, stages.values())]), stage_room)
        table.add_column(_("Group"), key="name", width=name_width)
        table.add_column(_("Stage"), key="stage", width=stage_width)
        table.add_column(_("Next session"), key="next", width=14)
        table.add_column(_("Overdue"), key="overdue")
        today = date.today()
        for group in groups:
            upcoming = [
                s
                for s in store.sessions(group.id)
                if s.status == m.SessionStatus.PLANNED and s.held_on >= today
            ]
            overdue = len(store.tasks(group.id, overdue_on=today))
            table.add_row(
                clip(group.name, name_width),
                clip(stages[group.id], stage_width),
                show_date(upcoming[0].held_on) if upcoming else "—",
                str(overdue) if overdue else "·",
                key=group.id,
            )
        table.display = table.row_count > 0
        self.query_one("#empty-hint").display = table.row_count == 0
        if table.row_count:
            table.focus()

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
