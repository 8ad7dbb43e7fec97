"""The group's task board: by member or by status, overdue marked, status changed with a key."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Input, Static

from groupwork import models as m
from groupwork.i18n import N_, _
from groupwork.models import caption
from groupwork.tui.formatting import assignee_label, clip, show_date
from groupwork.tui.screens.base import GroupworkScreen
from groupwork.tui.widgets.key_footer import KeyFooter

NEXT_STATUS = {
    m.TaskStatus.OPEN: m.TaskStatus.IN_PROGRESS,
    m.TaskStatus.IN_PROGRESS: m.TaskStatus.DONE,
    m.TaskStatus.DONE: m.TaskStatus.OPEN,
    m.TaskStatus.DROPPED: m.TaskStatus.OPEN,
}
"""What the status key moves a task to: the usual path, and back to open to undo."""
DUE_DATE_CELLS = 14
"""Cells of the longest due date shown: "30 พ.ย. 2569 !" (overdue)."""
MIN_TITLE_CELLS = 16
"""Titles are never cut shorter than this, even on a very narrow terminal."""


class TaskBoardScreen(GroupworkScreen):
    """Tasks of one group."""

    BINDINGS = [
        # Most used first: the footer cuts from the right on a narrow terminal.
        Binding("s", "next_status", N_("Next status")),
        Binding("a", "add_task", N_("Add task")),
        Binding("slash", "filter", N_("Filter")),
        Binding("escape", "back", N_("Back")),
        Binding("g", "toggle_grouping", N_("By member/status")),
        Binding("x", "drop_task", N_("Drop")),
    ]

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id
        self.by_member = False
        self.filter_text = ""

    def compose(self) -> ComposeResult:
        group = self.app.store.get(m.Group, self.group_id)
        yield Header()
        yield Static(_("Tasks · {group}").format(group=group.name), classes="screen-title")
        yield Input(placeholder=_("Filter by title or member"), id="filter")
        yield DataTable(id="tasks", cursor_type="row", zebra_stripes=True)
        yield Static("", id="task-summary", classes="muted")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#tasks", DataTable).focus()

    def reload(self) -> None:
        """Fill the board from the store, keeping the cursor on the same task."""
        store = self.app.store
        table = self.query_one("#tasks", DataTable)
        keep = self.selected_task_id()
        table.clear(columns=True)
        members = {mem.id: mem for mem in store.members(self.group_id)}
        today = date.today()
        rows = []
        for task in store.tasks(self.group_id):
            names = [assignee_label(a, members) for a in task.assignee_ids] or [_("nobody")]
            if self.filter_text and not any(
                self.filter_text.lower() in text.lower() for text in [task.title, *names]
            ):
                continue
            if self.by_member:
                for name in names:
                    rows.append((name, task, caption(task.status)))
            else:
                rows.append((caption(task.status), task, ", ".join(names)))
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
        table.add_column(titles[1], key="title", width=title_width)
        table.add_column(titles[2], key="other")
        table.add_column(titles[3], key="due")
        overdue = 0
        for index, (group_label, task, other) in enumerate(rows):
            late = task.is_overdue(today)
            overdue += late
            due = Text(
                show_date(task.due_on) + (" !" if late else ""), style="bold red" if late else ""
            )
            title = clip(task.title, title_width)
            table.add_row(group_label, title, other, due, key=f"{task.id}:{index}")
        summary = _("{count} tasks shown, {overdue} overdue").format(
            count=len(rows), overdue=overdue
        )
        self.query_one("#task-summary", Static).update(summary)
        if keep:
            for index, row_key in enumerate(table.rows):
                if row_key.value.split(":")[0] == keep:
                    table.move_cursor(row=index)
                    break

    def _title_width(self, titles: list[str], rows: list[tuple[str, m.Task, str]]) -> int:
        """Room left for task titles once status, people and due date are shown in full.

        The due date is what the board is for: a long title is cut ("…"), never the date
        (at 80 columns the date used to fall off the right edge).
        """
        widths = [
            max([cell_len(titles[0]), *(cell_len(r[0]) for r in rows)]),
            max([cell_len(titles[2]), *(cell_len(r[2]) for r in rows)]),
            max(cell_len(titles[3]), DUE_DATE_CELLS),
        ]
        # Two cells of padding per column, and the scrollbar.
        room = self.app.size.width - sum(widths) - 2 * 4 - 2
        longest = max([cell_len(titles[1]), *(cell_len(r[1].title) for r in rows)])
        return max(MIN_TITLE_CELLS, min(room, longest))

    def selected_task_id(self) -> str | None:
        table = self.query_one("#tasks", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return key.split(":")[0]

    def _set_status(self, new_status: m.TaskStatus | None) -> None:
        task_id = self.selected_task_id()
        if task_id is None:
            return
        store = self.app.store
        task = store.get(m.Task, task_id)
        status = new_status or NEXT_STATUS[task.status]
        task = task.model_copy(
            update={
                "status": status,
                "done_on": date.today() if status == m.TaskStatus.DONE else None,
                "updated_at": m.utc_now(),
            }
        )
        store.save(task)
        self.notify(_("{task}: {status}").format(task=task.title, status=caption(status)))
        self.reload()

    def action_next_status(self) -> None:
        self._set_status(None)

    def action_drop_task(self) -> None:
        self._set_status(m.TaskStatus.DROPPED)

    def action_toggle_grouping(self) -> None:
        self.by_member = not self.by_member
        self.reload()

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
