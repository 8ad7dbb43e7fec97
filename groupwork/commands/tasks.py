"""``groupwork tasks``: the coordinator's view of who does what, by when, across groups.

Output is a readable table by default, or ``--json`` / ``--csv`` for other tools. None of the
three ever shows a member's real name: assignees appear by pseudonym (or code), titles and
group names as they may be shared (``privacy.shareable``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

import click

from groupwork.commands.context import AppContext, fail, handle_errors, pass_app
from groupwork.commands.table import clip, echo_json_list, echo_table, write_csv
from groupwork.commands.types import Day, WholeNumber
from groupwork.errors import NotFoundError
from groupwork.i18n import _
from groupwork.typed_input import DAYS

# The models and the store are imported inside the functions that use them, so that listing
# this command in `groupwork --help` needs neither pydantic nor sqlite-utils (~0.2 s).
if TYPE_CHECKING:
    from groupwork.store import Repository
    from groupwork.store.rows import CoordinatorTaskRow

TASK_STATUSES = ("open", "in_progress", "done", "dropped")
"""The values of ``models.TaskStatus`` for ``--status`` (a test keeps the two equal)."""

FIELDS = ("id", "group_id", "group", "title", "assignees", "due_on", "status", "overdue")
"""Keys of each ``--json`` object and columns of ``--csv`` (stable: scripts rely on them)."""


@click.command("tasks", help=_("List tasks across groups: who does what, by when."))
@click.option("--group", "group_ref", default=None, help=_("Only this group (name or id)."))
@click.option(
    "--assignee",
    default=None,
    help=_("Only tasks of this member (pseudonym or id), or 'facilitator'."),
)
@click.option(
    "--facilitator", default=None, help=_("Only the groups of this facilitator (name as written).")
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(TASK_STATUSES),
    help=_("Only tasks with this status (repeat for several)."),
)
@click.option("--overdue", is_flag=True, help=_("Only open tasks whose due date has passed."))
@click.option(
    "--late-by",
    "late_by",
    type=WholeNumber(DAYS),
    default=None,
    help=_("Only open tasks at least this many days past due."),
)
@click.option(
    "--due-from",
    "due_from",
    type=Day(),
    default=None,
    help=_("Only tasks due on or after this day."),
)
@click.option(
    "--due-to", "due_to", type=Day(), default=None, help=_("Only tasks due on or before this day.")
)
@click.option(
    "--today",
    "today_text",
    type=Day(),
    default=None,
    help=_("The day to judge overdue tasks by (default: today), e.g. 2026-11-21 or 21/11/2569."),
)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON (pseudonyms only)."))
@click.option("--csv", "as_csv", is_flag=True, help=_("Print CSV (pseudonyms only)."))
@pass_app
@handle_errors
def tasks_command(
    app: AppContext,
    group_ref: str | None,
    assignee: str | None,
    facilitator: str | None,
    statuses: tuple[str, ...],
    overdue: bool,
    late_by: int | None,
    due_from: date | None,
    due_to: date | None,
    today_text: date | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    from groupwork.store.rows import TaskFilter

    if as_json and as_csv:
        fail(_("Choose one of --json and --csv."))
    today = today_text if today_text is not None else date.today()
    store = app.store
    group = store.find_group(group_ref) if group_ref else None
    group_id = group.id if group else None
    task_filter = TaskFilter(
        group_id=group_id,
        facilitator=facilitator,
        member_ids=tuple(resolve_assignee(store, assignee, group_id)) if assignee else (),
        statuses=statuses,
        due_from=due_from,
        due_to=due_to,
        min_days_overdue=late_by or (1 if overdue else None),
    )
    # Printed as read from one query: the agency's tasks are never all held at once.
    rows = task_rows(shared_tasks(store, store.iter_coordinator_tasks(task_filter, today)))
    if as_json:
        echo_json_list(rows)
    elif as_csv:
        write_csv(FIELDS, rows)
    else:
        print_table(list(rows))


def resolve_assignee(store: Repository, ref: str, group_id: str | None) -> list[str]:
    """Member ids for a pseudonym or id (in the group if given, else in any group)."""
    from groupwork import models as m  # late: see the imports at the top

    ref = ref.strip()
    if ref.lower() in (m.FACILITATOR, _("facilitator").lower()):
        return [m.FACILITATOR]
    if group_id is not None:
        return [store.find_member(group_id, ref).id]
    members = store.members_anywhere(ref)
    if not members:
        raise NotFoundError(_("No member called {ref}.").format(ref=ref))
    return [member.id for member in members]


def shared_tasks(
    store: Repository, tasks: Iterable[CoordinatorTaskRow]
) -> Iterator[CoordinatorTaskRow]:
    """``tasks`` with their titles and group names as they may be shared, one by one as read:
    a title or a group's name is free text, and may name a member or someone around the group."""
    import dataclasses

    from groupwork.privacy.shareable import Shareable  # late: see the imports at the top

    shared = Shareable(store)
    for task in tasks:
        yield dataclasses.replace(
            task,
            title=shared.told(task.group_id, task.title),
            group_name=shared.text(task.group_id, task.group_name),
        )


def task_rows(tasks: Iterable[CoordinatorTaskRow]) -> Iterator[dict]:
    """One plain dict per task with the ``FIELDS`` keys (pseudonyms, never real names)."""
    return (
        {
            "id": task.id,
            "group_id": task.group_id,
            "group": task.group_name,
            "title": task.title,
            "assignees": list(task.assignees),
            "due_on": task.due_on.isoformat() if task.due_on else None,
            "status": task.status,
            "overdue": task.days_overdue > 0,
        }
        for task in tasks
    )


def print_table(rows: list[dict]) -> None:
    """A readable table: group, task, assignees, due date, status, overdue mark."""
    from groupwork.dates import format_date
    from groupwork.labels import caption
    from groupwork.models import FACILITATOR, TaskStatus

    if not rows:
        click.echo(_("No tasks match."))
        return
    headers = [_("Group"), _("Task"), _("Assignees"), _("Due date"), _("Status"), ""]
    facilitator = _("facilitator")
    echo_table(
        headers,
        (
            [
                clip(row["group"], 24),
                clip(row["title"], 48),
                clip(
                    ", ".join(facilitator if a == FACILITATOR else a for a in row["assignees"]),
                    24,
                ),
                format_date(date.fromisoformat(row["due_on"])) if row["due_on"] else "-",
                caption(TaskStatus(row["status"])),
                _("overdue") if row["overdue"] else "",
            ]
            for row in rows
        ),
    )
    overdue = sum(row["overdue"] for row in rows)
    click.echo(_("{count} tasks, {overdue} overdue").format(count=len(rows), overdue=overdue))


COMMANDS = [tasks_command]
