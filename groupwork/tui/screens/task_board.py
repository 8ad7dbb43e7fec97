"""The group's task board: by member or by status, overdue marked, status changed with a key."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Input, Static

from groupwork import models as m
from groupwork.i18n import N_, _
from groupwork.models import caption
from groupwork.tui.formatting import assignee_label, show_date
from groupwork.tui.screens.base import GroupworkScreen
from groupwork.tui.widgets.key_footer import KeyFooter

NEXT_STATUS = {
    m.TaskStatus.OPEN: m.TaskStatus.IN_PROGRESS,
    m.TaskStatus.IN_PROGRESS: m.TaskStatus.DONE,
    m.TaskStatus.DONE: m.TaskStatus.OPEN,
    m.TaskStatus.DROPPED: m.TaskStatus.OPEN,
}
"""What the status key moves a task to: the usual path, and back to open to undo."""


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
        table.add_column(_("Member") if self.by_member else _("Status"), key="group")
        table.add_column(_("Task"), key="title")
        table.add_column(_("Assignees") if not self.by_member else _("Status"), key="other")
        table.add_column(_("Due date"), key="due")
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
        overdue = 0
        for index, (group_label, task, other) in enumerate(rows):
            late = task.is_overdue(today)
            overdue += late
            due = Text(
                show_date(task.due_on) + (" !" if late else ""), style="bold red" if late else ""
            )
            table.add_row(group_label, task.title, other, due, key=f"{task.id}:{index}")
        summary = _("{count} tasks shown, {overdue} overdue").format(
            count=len(rows), overdue=overdue
        )
        self.query_one("#task-summary", Static).update(summary)
        if keep:
            for index, row_key in enumerate(table.rows):
                if row_key.value.split(":")[0] == keep:
                    table.move_cursor(row=index)
                    break

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
