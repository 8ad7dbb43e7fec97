"""``groupwork group new NAME``: create a group from the command line, as the new-group screen
does (``operations.groups.create_group``); on an agency database an administrator names the
logins that facilitate it (see docs/agency.md)."""

from __future__ import annotations

from datetime import date

import click

from groupwork.commands.context import AppContext, handle_errors, pass_app
from groupwork.i18n import _


@click.group("group", help=_("Create a group (and, on an agency database, give it facilitators)."))
def group_command() -> None:
    """The ``group`` commands."""


@group_command.command("new", help=_("Create a group; it starts at stage 1 today."))
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


COMMANDS = [group_command]
