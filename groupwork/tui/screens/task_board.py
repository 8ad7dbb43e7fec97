"""Task boards: one group's, or every group's for a coordinator.

By member or by status, overdue marked (and shown alone with a key), status changed with a key.
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input

from groupwork import models as m
from groupwork.i18n import N_, _
from groupwork.labels import caption
from groupwork.tui.formatting import assignee_label, clip, show_date
from groupwork.tui.screens.base import GroupworkScreen
from groupwork.tui.widgets.key_footer import KeyFooter
from groupwork.tui.widgets.plain import Static
from groupwork.tui.widgets.title_header import TitleHeader

DUE_DATE_CELLS = 14
"""Cells of the longest due date shown: "30 พ.ย. 2569 !" (overdue)."""
MIN_TITLE_CELLS = 16
"""Titles are never cut shorter than this, even on a very narrow terminal."""
GROUP_NAME_CELLS = 16
"""Width of the group column on the coordinator's board (names are cut with "…")."""


class TaskBoardScreen(GroupworkScreen):
    """Tasks of one group, or of every group when ``group_id`` is None (the coordinator's view)."""

    BINDINGS = [
        # Short labels and a compact footer: all eight keys fit 80 columns in Thai and English
        # (tests/tui/test_footers_80.py). F1 gives each key's longer description.
        Binding("s", "next_status", N_("Status")),
        Binding("a", "add_task", N_("Add")),
        Binding("x", "drop_task", N_("Drop")),
        Binding("o", "toggle_overdue", N_("Overdue")),
        Binding("g", "toggle_grouping", N_("Group by")),
        Binding("slash", "filter", N_("Filter")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, group_id: str | None) -> None:
        super().__init__()
        self.group_id = group_id
        self.by_member = False
        self.overdue_only = False
        self.filter_text = ""

    @property
    def all_groups(self) -> bool:
        """True for the coordinator's board across every group."""
        return self.group_id is None

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        if self.all_groups:
            title = _("Tasks · all groups")
            hint = _("Filter by title, member or group")
        else:
            group = self.app.store.get(m.Group, self.group_id)
            title = _("Tasks · {group}").format(group=group.name)
            hint = _("Filter by title or member")
        yield Static(title, classes="screen-title", markup=False)
        yield Input(placeholder=hint, id="filter")
        yield DataTable(id="tasks", cursor_type="row", zebra_stripes=True)
        yield Static("", id="task-summary", classes="muted")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#tasks", DataTable).focus()

    def reload(self) -> None:
        """Fill the board from the store, keeping the cursor on the same task."""
        store = self.app.store
        table = self.query_one("#tasks", DataTable)
        keep = self.selected_task_id()
        table.clear(columns=True)
        # Group names only matter on the coordinator's board.
        names_of = {g.id: g.name for g in store.groups()} if self.all_groups else {}
        shown_groups = list(names_of) if self.all_groups else [self.group_id]
        members = {mem.id: mem for gid in shown_groups for mem in store.members(gid)}
        today = date.today()
        rows = []
        for task in store.tasks(self.group_id, overdue_on=today if self.overdue_only else None):
            names = [assignee_label(a, members) for a in task.assignee_ids] or [_("nobody")]
            full_group_name = names_of.get(task.group_id, "")
            # The group's name is a reminder, not the point: keep room for the task at 80 columns.
            group_name = clip(full_group_name, GROUP_NAME_CELLS)
            searched = [task.title, *names, full_group_name]
            if self.filter_text and not any(
                self.filter_text.lower() in text.lower() for text in searched
            ):
                continue
            if self.by_member:
                for name in names:
                    rows.append((name, task, caption(task.status), group_name))
            else:
                rows.append((caption(task.status), task, ", ".join(names), group_name))
        order = list(m.TaskStatus)
        rows.sort(
            key=lambda r: (
                r[0] if self.by_member else order.index(r[1].status),
                r[1].due_on or date.max,
            )
        )
        titles = [
            _("Member") if self.by_member else _("Status"),
            _("Task"),
            _("Assignees") if not self.by_member else _("Status"),
            _("Due date"),
        ]
        title_width = self._title_width(titles, rows)
        table.add_column(titles[0], key="group")
        if self.all_groups:
            table.add_column(_("Group"), key="group_name")
        table.add_column(titles[1], key="title", width=title_width)
        table.add_column(titles[2], key="other")
        table.add_column(titles[3], key="due")
        overdue = 0
        for index, (first, task, other, group_name) in enumerate(rows):
            late = task.is_overdue(today)
            overdue += late
            due = Text(
                show_date(task.due_on) + (" !" if late else ""), style="bold red" if late else ""
            )
            title = clip(task.title, title_width)
            cells = [first, group_name] if self.all_groups else [first]
            table.add_row(*cells, title, other, due, key=f"{task.id}:{index}")
        summary = _("{count} tasks shown, {overdue} overdue").format(
            count=len(rows), overdue=overdue
        )
        if self.overdue_only:
            summary += " · " + _("overdue only (o shows all)")
        self.query_one("#task-summary", Static).update(summary)
        if keep:
            for index, row_key in enumerate(table.rows):
                if row_key.value.split(":")[0] == keep:
                    table.move_cursor(row=index)
                    break

    def _title_width(self, titles: list[str], rows: list[tuple[str, m.Task, str, str]]) -> int:
        """Room left for task titles once status, people and due date are shown in full.

        The due date is what the board is for: a long title is cut ("…"), never the date
        (at 80 columns the date used to fall off the right edge).
        """
        widths = [
            max([cell_len(titles[0]), *(cell_len(r[0]) for r in rows)]),
            max([cell_len(titles[2]), *(cell_len(r[2]) for r in rows)]),
            max(cell_len(titles[3]), DUE_DATE_CELLS),
        ]
        if self.all_groups:
            widths.append(max([cell_len(_("Group")), *(cell_len(r[3]) for r in rows)]))
        # Two cells of padding per column, and the scrollbar.
        room = self.app.size.width - sum(widths) - 2 * len(widths) - 2 - 2
        longest = max([cell_len(titles[1]), *(cell_len(r[1].title) for r in rows)])
        return max(MIN_TITLE_CELLS, min(room, longest))

    def selected_task_id(self) -> str | None:
        """The id of the task under the cursor, or None when the board is empty."""
        table = self.query_one("#tasks", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return key.split(":")[0]

    def _set_status(self, new_status: m.TaskStatus | None, reason: str = "") -> None:
        task_id = self.selected_task_id()
        if task_id is None:
            return
        from groupwork.operations.tasks import move_task

        task = move_task(self.app.store, task_id, new_status, date.today(), reason)
        self.notify(_("{task}: {status}").format(task=task.title, status=caption(task.status)))
        self.reload()

    def action_next_status(self) -> None:
        self._set_status(None)

    def action_drop_task(self) -> None:
        # The review says why each task was dropped: ask before dropping.
        task_id = self.selected_task_id()
        if task_id is None:
            return
        from groupwork.tui.screens.reason import ReasonScreen

        task = self.app.store.get(m.Task, task_id)
        question = ReasonScreen(_("Drop task"), task.title, _("Why did the group drop this task?"))

        def dropped(reason: str | None) -> None:
            if reason:
                self._set_status(m.TaskStatus.DROPPED, reason)

        self.app.push_screen(question, dropped)

    def action_toggle_grouping(self) -> None:
        self.by_member = not self.by_member
        self.reload()

    def action_toggle_overdue(self) -> None:
        self.overdue_only = not self.overdue_only
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A task belongs to a group: the coordinator's board adds none (open the group).
        if action == "add_task" and self.all_groups:
            return False
        return True

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.add_class("shown")
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value.strip()
        self.reload()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#tasks", DataTable).focus()

    def action_add_task(self) -> None:
        from groupwork.tui.stage_forms import open_add_form

        open_add_form(self, self.group_id, "tasks", self.reload)

    def action_back(self) -> None:
        box = self.query_one("#filter", Input)
        if box.has_focus:
            box.value = ""
            box.remove_class("shown")
            self.query_one("#tasks", DataTable).focus()
            return
        self.dismiss()
