"""``groupwork tasks``: the coordinator's view of who does what, by when, across groups.

Output is a readable table by default, or ``--json`` / ``--csv`` for other tools. None of the
three ever shows a member's real name: assignees appear by pseudonym (or code).
"""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from datetime import date
from typing import TYPE_CHECKING

import click

from groupwork.commands.context import AppContext, fail, handle_errors, pass_app
from groupwork.errors import NotFoundError
from groupwork.i18n import _

# The models and the store are imported inside the functions that use them, so that listing
# this command in `groupwork --help` needs neither pydantic nor sqlite-utils (~0.2 s).
if TYPE_CHECKING:
    from groupwork import models as m
    from groupwork.store import Repository

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
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(TASK_STATUSES),
    help=_("Only tasks with this status (repeat for several)."),
)
@click.option("--overdue", is_flag=True, help=_("Only open tasks whose due date has passed."))
@click.option(
    "--today",
    "today_text",
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
    statuses: tuple[str, ...],
    overdue: bool,
    today_text: str | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    from groupwork import models as m  # late: see the imports at the top
    from groupwork.dates import parse_date

    if as_json and as_csv:
        fail(_("Choose one of --json and --csv."))
    today = parse_date(today_text) if today_text is not None else date.today()
    store = app.store
    group = store.find_group(group_ref) if group_ref else None
    tasks = find_tasks(
        store,
        group_id=group.id if group else None,
        assignee=assignee,
        statuses=[m.TaskStatus(s) for s in statuses] or None,
        overdue_on=today if overdue else None,
    )
    rows = task_rows(store, tasks, today)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif as_csv:
        write_csv(rows)
    else:
        print_table(rows)


def find_tasks(
    store: Repository,
    *,
    group_id: str | None,
    assignee: str | None,
    statuses: list[m.TaskStatus] | None,
    overdue_on: date | None,
) -> list[m.Task]:
    """Tasks matching the filters; ``assignee`` is resolved to member ids first."""
    if assignee is None:
        return store.tasks(group_id, statuses=statuses, overdue_on=overdue_on)
    found: dict[str, m.Task] = {}
    for assignee_id in resolve_assignee(store, assignee, group_id):
        for task in store.tasks(
            group_id, assignee_id=assignee_id, statuses=statuses, overdue_on=overdue_on
        ):
            found[task.id] = task
    return sorted(found.values(), key=lambda t: (t.due_on is None, t.due_on or date.min, t.title))


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


def task_rows(store: Repository, tasks: list[m.Task], today: date) -> list[dict]:
    """One plain dict per task with the ``FIELDS`` keys (pseudonyms, never real names)."""
    from groupwork import models as m  # late: see the imports at the top

    groups: dict[str, m.Group] = {}
    pseudonyms: dict[str, str] = {m.FACILITATOR: m.FACILITATOR}
    for task in tasks:
        if task.group_id not in groups:
            groups[task.group_id] = store.get(m.Group, task.group_id)
            pseudonyms.update({x.id: x.pseudonym for x in store.members(task.group_id)})
    return [
        {
            "id": task.id,
            "group_id": task.group_id,
            "group": groups[task.group_id].name,
            "title": task.title,
            "assignees": [pseudonyms.get(a, a) for a in task.assignee_ids],
            "due_on": task.due_on.isoformat() if task.due_on else None,
            "status": task.status.value,
            "overdue": task.is_overdue(today),
        }
        for task in tasks
    ]


def write_csv(rows: list[dict]) -> None:
    """Write ``rows`` to standard output as CSV with the ``FIELDS`` header; assignees
    joined with "; ", overdue as true/false."""
    writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                **row,
                "assignees": "; ".join(row["assignees"]),
                "overdue": "true" if row["overdue"] else "false",
            }
        )


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (Thai vowel and tone marks take none)."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _clip(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


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
    lines = [
        [
            _clip(row["group"], 24),
            _clip(row["title"], 48),
            _clip(
                ", ".join(facilitator if a == FACILITATOR else a for a in row["assignees"]),
                24,
            ),
            format_date(date.fromisoformat(row["due_on"])) if row["due_on"] else "-",
            caption(TaskStatus(row["status"])),
            _("overdue") if row["overdue"] else "",
        ]
        for row in rows
    ]
    widths = [max(display_width(x) for x in column) for column in zip(headers, *lines, strict=True)]
    for line in [headers, *lines]:
        click.echo("  ".join(_pad(cell, w) for cell, w in zip(line, widths, strict=True)).rstrip())
    overdue = sum(row["overdue"] for row in rows)
    click.echo(_("{count} tasks, {overdue} overdue").format(count=len(rows), overdue=overdue))


COMMANDS = [tasks_command]
