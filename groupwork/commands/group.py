"""``groupwork group new|close`` and ``groupwork endorse``: the start and the end of a group.

``group new`` creates a group as the new-group screen does (``operations.groups.create_group``);
on an agency database an administrator names the logins that facilitate it (docs/agency.md).
``group close`` and ``endorse`` call ``groupwork.operations.group_life`` (the TUI's dashboard
calls the same), so a group is never closed before its last session nor endorsed on a day after
the one it is recorded.
"""

from __future__ import annotations

from datetime import date

import click

from groupwork.commands.context import AppContext, group_argument, handle_errors, pass_app
from groupwork.i18n import _

DAY_HELP = _("The day, e.g. 2026-12-05 or 5/12/2569.")


def _day(text: str | None):
    from groupwork.dates import parse_date

    return parse_date(text) if text is not None else None


@click.group("group", help=_("Create and close groups (on an agency database, with facilitators)."))
def group_group() -> None:
    """The group commands."""


@group_group.command("close", help=_("Close a group: it ended on this day."))
@group_argument
@click.option("--on", "on_text", required=True, help=DAY_HELP)
@click.option(
    "--open-tasks",
    "tasks_choice",
    type=click.Choice(("drop", "keep")),
    default=None,
    help=_(
        "What to do with tasks still open: drop them, or keep them open for the members to "
        "carry on (they stay on the coordinator's list). Needed when any are open."
    ),
)
@pass_app
@handle_errors
def close_command(app: AppContext, group_ref: str, on_text: str, tasks_choice: str | None) -> None:
    from groupwork.dates import format_date
    from groupwork.errors import InvalidInputError
    from groupwork.i18n import ngettext
    from groupwork.operations.group_life import close_group, closing_tasks_line, open_tasks

    group = app.store.find_group(group_ref)
    still_open = len(open_tasks(app.store, group.id))
    if still_open and tasks_choice is None:
        # The core's refusal says "choose"; here the person also needs the option to type.
        raise InvalidInputError(
            [
                ngettext(
                    "{count} task is still open: add --open-tasks drop (marked dropped) or "
                    "--open-tasks keep (the members carry it on).",
                    "{count} tasks are still open: add --open-tasks drop (marked dropped) or "
                    "--open-tasks keep (the members carry them on).",
                    still_open,
                ).format(count=still_open)
            ]
        )
    closed = close_group(app.store, group.id, _day(on_text), tasks_choice)
    click.echo(
        _("Group {name} closed on {day}.").format(
            name=closed.name, day=format_date(closed.end_date)
        )
    )
    if still_open:
        click.echo(closing_tasks_line(still_open, tasks_choice))


@group_group.command("new", help=_("Create a group; it starts at stage 1 today."))
@click.argument("name")
@click.option(
    "--facilitator",
    "facilitators",
    multiple=True,
    help=_(
        "Who runs the group (repeat for several): on an agency database a login that is "
        "already a facilitator; in a file, the facilitator's name."
    ),
)
@pass_app
@handle_errors
def new_command(app: AppContext, name: str, facilitators: tuple[str, ...]) -> None:
    from pydantic import ValidationError

    from groupwork import models as m
    from groupwork.errors import invalid_input
    from groupwork.operations.groups import create_group
    from groupwork.paths import is_server_database

    app.allow_new_database()  # a new user's first group may start the database
    on_server = is_server_database(app.db_path)
    today = date.today()
    # In a file the names are the group's own record (as the screen's Facilitators field); on
    # a server they are logins, which the review must not print as people's names.
    try:
        group = m.Group(
            name=name, start_date=today, facilitators=[] if on_server else list(facilitators)
        )
    except ValidationError as exc:
        raise invalid_input(exc) from exc
    group = create_group(app.store, group, today, facilitators if on_server else ())
    click.echo(_("Created the group {name} ({id}).").format(name=group.name, id=group.id[:8]))
    if on_server and facilitators:
        click.echo(_("Its facilitators: {logins}").format(logins=", ".join(facilitators)))


@click.command("endorse", help=_("Record the head of unit's endorsement of the review."))
@group_argument
@click.option("--by", "name", required=True, help=_("The head of unit's name."))
@click.option("--position", default="", help=_("Their position."))
@click.option("--on", "on_text", default=None, help=_("The day they endorsed it (default: today)."))
@pass_app
@handle_errors
def endorse_command(
    app: AppContext, group_ref: str, name: str, position: str, on_text: str | None
) -> None:
    from groupwork.dates import format_date
    from groupwork.operations.group_life import record_endorsement

    group = app.store.find_group(group_ref)
    record = record_endorsement(app.store, group.id, name, position, _day(on_text))
    click.echo(
        _("Endorsed by {name} on {day}.").format(
            name=record.name, day=format_date(record.endorsed_on)
        )
    )


COMMANDS = [group_group, endorse_command]
