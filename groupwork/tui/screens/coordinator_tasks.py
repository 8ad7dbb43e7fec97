"""The coordinator's task tab: tasks across groups, filtered, sorted and paged.

A base of ``CoordinatorScreen`` (``coordinator.py``), kept apart so that each file stays small:
the page of tasks is read and drawn at once, and how many tasks match is counted on a worker
thread with its own connection (``groupwork.tui.worker_reads``), filling in the summary line
when it comes. The screen composes the tab's pane (``#tasks``), empty: its filters, table and
summary are added when the tab is first shown (``task_tab``). The screen gives this class
``shared`` (its one shared-text path) and ``filled`` (the tabs read).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from functools import partial

from textual import on, work
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Input, Select

from groupwork.i18n import N_, _
from groupwork.labels import caption
from groupwork.models import FACILITATOR, TaskStatus
from groupwork.privacy.shareable import Shareable
from groupwork.store.rows import TASK_SORTS, CoordinatorTaskRow, TaskFilter
from groupwork.tui.formatting import clip, show_date
from groupwork.tui.screens.base import GroupworkScreen
from groupwork.tui.store_errors import filling
from groupwork.tui.widgets.fixed_table import FixedWidthTable
from groupwork.tui.widgets.plain import Static
from groupwork.tui.worker_reads import SKIPPED, WorkerReads

PAGE = 100
"""Rows per page of each of the coordinator's tables."""
TASK_CHROME = 10
"""Lines of the screen around the task table's rows: header, title, tabs (two), the filters
(three), the table's header, summary, footer. The rows the terminal can show (30 at 120x40)
are read and drawn before the first paint; the rest of the page after it."""
LATER_PAUSE = 1 / 60
"""Seconds from the first frame to reading the rest of the page: keys come first."""

STATUS_CHOICES = ("active", "open", "in_progress", "done", "dropped", "overdue")
"""``active`` (open or in progress, the default) and ``overdue`` are not stored statuses."""
DUE_CHOICES = {
    "overdue": N_("overdue"),
    "next_week": N_("due in the next 7 days"),
    "next_month": N_("due in the next 30 days"),
    "last_week": N_("due in the last 7 days"),
}
TASK_COLUMNS = {
    "group": "group",
    "task": "title",
    "due": "due",
    "status": "status",
    "late": "overdue",
}
"""Task table column -> the sort it gives when its header is chosen."""


def task_filter_for(
    group: str, facilitator: str, member: str, status: str | None, due: str | None, today: date
) -> TaskFilter:
    """The store's filter for what the coordinator typed and chose."""
    member = member.strip()
    if member and member.lower() == _("facilitator").lower():
        member = FACILITATOR  # the worker's own tasks, by the word shown in the table
    f = TaskFilter(
        group_name=group.strip() or None,
        facilitator=facilitator.strip() or None,
        member=member or None,
    )
    if status == "overdue" or due == "overdue":
        f = replace(f, min_days_overdue=1)
    if status == "active":
        f = replace(f, statuses=("open", "in_progress"))
    elif status and status != "overdue":
        f = replace(f, statuses=(status,))
    if due == "next_week":
        f = replace(f, due_from=today, due_to=today + timedelta(days=7))
    elif due == "next_month":
        f = replace(f, due_from=today, due_to=today + timedelta(days=30))
    elif due == "last_week":
        f = replace(f, due_from=today - timedelta(days=7), due_to=today)
    return f


def status_label(choice: str) -> str:
    """A status choice in words."""
    if choice == "active":
        return _("open or in progress")
    return _("overdue") if choice == "overdue" else caption(TaskStatus(choice))


class CoordinatorTaskTab(GroupworkScreen):
    """The task tab of the coordinator's screen (its state, reads, filters and sorts)."""

    shared: Shareable
    filled: set[str]
    today: date

    def __init__(self) -> None:
        super().__init__()
        self.task_page = 0
        self.sort = "due"
        self.descending = False
        self.task_filter = TaskFilter(statuses=("open", "in_progress"))
        # How many tasks match, for which filter and day (None while it is being counted).
        self.task_count: tuple[int, int] | None = None
        self.task_count_for: tuple[TaskFilter, date] | None = None
        self.task_rows_shown = 0
        # Rows of the page still to read and add after the first paint (0: none); a new page,
        # filter or sort counts a new generation and drops the old one's rest.
        self.tasks_to_come = 0
        self._tasks_generation = 0
        self.counter: WorkerReads | None = None  # the count's own connection, when first counted
        # A new filter's count, started once its page is drawn (``_count_when_drawn``).
        self._count_pending: tuple[TaskFilter, date] | None = None

    def task_tab(self) -> list[Widget]:
        """The task tab's filters, table and summary, added to its pane when it is first
        shown: composed with the screen, they were built, mounted and styled before the
        screen's first paint, behind another tab (~5 ms of the coordinator's opening)."""
        return [
            Horizontal(*self.task_filters(), id="task-filters"),
            FixedWidthTable(id="coord-tasks", cursor_type="row", zebra_stripes=True),
            Static("", id="tasks-summary", classes="muted", markup=False),
        ]

    def task_filters(self) -> list[Widget]:
        """The task tab's filters."""
        return [
            Input(placeholder=_("Group"), id="f-group"),
            Input(placeholder=_("Facilitator"), id="f-facilitator"),
            Input(placeholder=_("Member (pseudonym)"), id="f-member"),
            Select(
                [(status_label(s), s) for s in STATUS_CHOICES],
                prompt=_("Any status"),
                value="active",
                id="f-status",
            ),
            Select(
                [(_(label), key) for key, label in DUE_CHOICES.items()],
                prompt=_("Any due date"),
                id="f-due",
            ),
        ]

    @filling  # also from @on handlers (a filter typed, a header clicked), not wrapped
    def load_tasks(self) -> None:
        """The current page of tasks across groups, filtered and sorted; its count follows.

        The rows the terminal shows are read and drawn at once, the rest of the page right
        after the first paint (``tasks_to_come`` until then): at agency scale a page of 100
        walks ~3,000 tasks in the order shown and makes the names of ~90 groups shareable, a
        screenful a third of that. How many tasks match (all of them, counted: 28,744 for a
        common pseudonym in a large agency, 40-140 ms) is counted on a worker thread with its
        own connection, started after the first paint, and fills in the summary when it comes
        (``TasksCounted``). A sort or another page of the same filter reuses the count."""
        store = self.app.store
        if self.task_count_for != (self.task_filter, self.today):
            self.counter = self.counter or WorkerReads(store)
            self.task_count = None
            self.task_count_for = (self.task_filter, self.today)
            # Started once the page is drawn (``_count_when_drawn``), not before: on a 2-core
            # machine a count running meanwhile (on the server, or in SQLite on the worker)
            # took a core from this thread's read and drawing (PostgreSQL, agency scale: the
            # page's first rows 12-16 ms to read and 23-43 ms to draw, 6-9 and 11-15 alone).
            self._count_pending = self.task_count_for
        elif self.task_count is not None:  # (still being counted: clamped when it comes)
            total = self.task_count[0]
            self.task_page = max(0, min(self.task_page, (total - 1) // PAGE if total else 0))
        first = min(PAGE, max(1, self.app.size.height - TASK_CHROME))
        rows = self._page_rows(0, first)
        self._tasks_generation += 1
        self.tasks_to_come = PAGE - first if len(rows) == first else 0
        self.filled.add("tasks")
        pane = self.query_one("#tasks")
        if not pane.children:
            pane.mount(*self.task_tab())
        table = self.query_one("#coord-tasks", DataTable)
        table.clear(columns=True)
        mark = " ▼" if self.descending else " ▲"
        for key, label in (
            ("group", _("Group")),
            ("task", _("Task")),
            ("who", _("Assignees")),
            ("due", _("Due date")),
            ("status", _("Status")),
            ("late", _("Days overdue")),
        ):
            sorted_here = TASK_COLUMNS.get(key) == self.sort
            table.add_column(label + (mark if sorted_here else ""), key=key)
        self.task_rows_shown = 0
        self._add_tasks(rows)
        if self.tasks_to_come:
            # After the first paint, and not in the same turn of the loop: keys come first.
            later = partial(self._add_later_tasks, self._tasks_generation)
            self.call_after_refresh(self.set_timer, LATER_PAUSE, later)
        else:
            self._count_when_drawn()

    def _page_rows(self, start: int, count: int) -> list[CoordinatorTaskRow]:
        """``count`` rows of the current page from its ``start``-th."""
        return self.app.store.coordinator_tasks(
            self.task_filter,
            self.today,
            sort=self.sort,
            descending=self.descending,
            limit=count,
            offset=self.task_page * PAGE + start,
        )

    def _add_tasks(self, rows: list[CoordinatorTaskRow]) -> None:
        """Add ``rows`` under those shown, and say so under the table."""
        table = self.query_one("#coord-tasks", FixedWidthTable)
        # A task added since the first rows were read moves the page on by one: not twice.
        rows = [t for t in rows if t.id not in table.rows]
        facilitator = _("facilitator")
        nobody = _("nobody")
        # A title and a group's name are free text: they can name a member ("call Khun
        # Duean") or someone around the group; both take the shared path before they show,
        # the names of all the rows' groups read in one query (not one per group).
        rows = self.shared.rows(self.shared.rows(rows, "group_name"), "title", told=True)

        def cells(t: CoordinatorTaskRow) -> tuple[str, ...]:
            who = [facilitator if a == FACILITATOR else a for a in t.assignees]
            return (
                clip(t.group_name, 20),
                clip(t.title, 40),
                clip(", ".join(who) or nobody, 20),
                show_date(t.due_on),
                caption(TaskStatus(t.status)),
                str(t.days_overdue) if t.days_overdue else "·",
            )

        table.add_text_rows((t.id, cells(t)) for t in rows)
        self.task_rows_shown += len(rows)
        self.show_task_summary()

    @filling  # a timer's callback
    def _add_later_tasks(self, generation: int) -> None:
        """The rest of the page, read and added after its first screenful was drawn."""
        if generation != self._tasks_generation or not self.tasks_to_come:
            return  # another page, filter or sort since: these rows are not on it
        count, self.tasks_to_come = self.tasks_to_come, 0
        self._add_tasks(self._page_rows(self.task_rows_shown, count))
        self._count_when_drawn()

    def _count_when_drawn(self) -> None:
        """Start the count of a new filter (``load_tasks``) after the rows just added are
        drawn, if it is still the filter shown then."""
        if self._count_pending is None:
            return

        def start() -> None:
            pending, self._count_pending = self._count_pending, None
            if pending is not None and pending == self.task_count_for:
                self.count_tasks(*pending)

        self.call_after_refresh(self.set_timer, LATER_PAUSE, start)

    def show_task_summary(self) -> None:
        """The line under the tasks: which of how many, or that they are being counted."""
        first = self.task_page * PAGE
        shown = self.task_rows_shown
        if self.task_count is None:
            text = (
                _("Tasks {first}–{last} · counting all that match…").format(
                    first=first + 1, last=first + shown
                )
                if shown
                else _("Counting the tasks that match…")
            )
        else:
            total, overdue = self.task_count
            text = _("Tasks {first}–{last} of {total}, {overdue} overdue").format(
                first=first + 1 if total else 0, last=first + shown, total=total, overdue=overdue
            )
        self.query_one("#tasks-summary", Static).update(text)

    class TasksCounted(Message):
        """How many tasks match a filter (None: no second connection, count here)."""

        def __init__(self, counted: tuple[TaskFilter, date], found: tuple[int, int] | None):
            super().__init__()
            self.counted = counted
            self.found = found

    @work(thread=True, group="task-count", exit_on_error=False)
    def count_tasks(self, task_filter: TaskFilter, today: date) -> None:
        """Count the tasks matching ``task_filter`` on this screen's second connection, one
        count at a time; a filter already replaced by the time its turn comes is not counted."""
        assert self.counter is not None  # made by load_tasks before it starts a count
        try:
            found = self.counter.read(
                lambda reader: reader.count_coordinator_tasks(task_filter, today),
                lambda: self.task_count_for == (task_filter, today),
            )
        except Exception:  # no second connection after all: counted on the screen's store
            found = None
        if found is not SKIPPED:
            self.post_message(self.TasksCounted((task_filter, today), found))

    @on(TasksCounted)
    def _tasks_counted(self, event: TasksCounted) -> None:
        if event.counted != self.task_count_for:
            return  # an older filter's count, arriving after a newer filter's page
        found = event.found
        if found is None:  # no second connection (a database in memory): counted here
            found = self.app.store.count_coordinator_tasks(*event.counted)
        self.task_count = found
        total = found[0]
        if self.task_page > ((total - 1) // PAGE if total else 0):
            self.load_tasks()  # paged past the end before the count came: the last page
        else:
            self.show_task_summary()

    def on_unmount(self) -> None:
        if self.counter is not None:
            self.counter.close()

    @on(Input.Changed, "#task-filters Input")
    @on(Select.Changed, "#task-filters Select")
    def _filters_changed(self) -> None:
        def text(widget_id: str) -> str:
            return self.query_one(widget_id, Input).value

        def choice(widget_id: str) -> str | None:
            value = self.query_one(widget_id, Select).value
            return value if isinstance(value, str) else None

        task_filter = task_filter_for(
            text("#f-group"),
            text("#f-facilitator"),
            text("#f-member"),
            choice("#f-status"),
            choice("#f-due"),
            self.today,
        )
        if task_filter == self.task_filter:
            return  # the filters announcing their first values on mount: the page is read
        self.task_filter = task_filter
        self.task_page = 0
        self.load_tasks()

    @on(DataTable.HeaderSelected, "#coord-tasks")
    def _sort_by_header(self, event: DataTable.HeaderSelected) -> None:
        sort = TASK_COLUMNS.get(str(event.column_key.value))
        if sort is None:
            return
        self.descending = not self.descending if sort == self.sort else False
        self.sort = sort
        self.load_tasks()

    def action_next_sort(self) -> None:
        self.sort = TASK_SORTS[(TASK_SORTS.index(self.sort) + 1) % len(TASK_SORTS)]
        self.descending = False
        self.load_tasks()

    def action_reverse_sort(self) -> None:
        self.descending = not self.descending
        self.load_tasks()
