"""``groupwork people list|add|edit|remove``: the register of people around a group.

A partner, a relative, a village headman, a nurse: someone who is not a member, known to the
worker by name and shown in every shared output by the role written for them ("ผู้ใหญ่บ้าน",
"สามีของสมาชิก ก"). The worker links them in notes with ``@`` in the TUI. The rules are
``operations.people_around``'s (the TUI's register screen calls the same): a role that holds
the person's or a member's real name is refused, so is a person who is a member.

``list`` shows the real names: it is the facilitator's door, never a shared one, and says so.
A PERSON is their name as registered, the first characters of their id, or their place in
``list``.
"""

from __future__ import annotations

import click

from groupwork.commands.context import AppContext, group_argument, handle_errors, pass_app
from groupwork.commands.types import Text
from groupwork.i18n import _

_person_argument = click.argument("person_ref", metavar="PERSON")


@click.group(
    "people",
    help=_(
        "The register of people around a group (a partner, a headman, a nurse): "
        "shared outputs show their role, never their name."
    ),
)
def people_group() -> None:
    """The register commands."""


def _person(app: AppContext, group_id: str, ref: str):
    from groupwork.commands.records import pick

    people = app.store.people_around(group_id)
    missing = _("No one called {ref} is registered around this group.")
    return pick(people, ref, lambda p: p.real_name, missing, numbered=True)


def _save(app: AppContext, person: dict, said: str) -> None:
    """Validate and store ``person`` (a dict of its fields) through the register's rules, then
    say ``said`` (with its ``{name}`` and ``{role}``)."""
    from pydantic import ValidationError

    from groupwork import models as m
    from groupwork.errors import invalid_input
    from groupwork.operations.people_around import save_person

    try:
        record = m.PersonAround.model_validate(person)
    except ValidationError as exc:
        raise invalid_input(exc) from exc
    saved = save_person(app.store, record)
    click.echo(said.format(name=saved.real_name, role=saved.role))


@people_group.command("list", help=_("List the people registered around a group, by real name."))
@group_argument
@pass_app
@handle_errors
def list_command(app: AppContext, group_ref: str) -> None:
    from groupwork.commands.table import echo_table

    group = app.store.find_group(group_ref)
    people = app.store.people_around(group.id)
    if not people:
        click.echo(_("No one is registered around {group} yet.").format(group=group.name))
        return
    click.echo(_("Real names, for you only: shared outputs show the role in their place."))
    echo_table(
        ["#", _("Name (for you)"), _("Shared as"), _("Notes")],
        [
            [str(n), p.real_name, p.role, " ".join(p.notes.split())]
            for n, p in enumerate(people, start=1)
        ],
    )


@people_group.command("add", help=_("Register a person around a group, with the role shared."))
@group_argument
@click.argument("name", type=Text(lines=False))
@click.option(
    "--role",
    required=True,
    type=Text(lines=False),
    help=_("What shared outputs show instead of the name, e.g. ผู้ใหญ่บ้าน."),
)
@click.option(
    "--notes", default="", type=Text(), help=_("Who they are to the group (never shared).")
)
@pass_app
@handle_errors
def add_command(app: AppContext, group_ref: str, name: str, role: str, notes: str) -> None:
    group = app.store.find_group(group_ref)
    person = {"group_id": group.id, "real_name": name, "role": role, "notes": notes}
    _save(app, person, _("Registered {name}; shared outputs show: {role}."))


@people_group.command("edit", help=_("Change a registered person's name, role or notes."))
@group_argument
@_person_argument
@click.option("--name", default=None, type=Text(lines=False), help=_("Their new name."))
@click.option("--role", default=None, type=Text(lines=False), help=_("Their new role."))
@click.option("--notes", default=None, type=Text(), help=_("New notes (never shared)."))
@pass_app
@handle_errors
def edit_command(
    app: AppContext,
    group_ref: str,
    person_ref: str,
    name: str | None,
    role: str | None,
    notes: str | None,
) -> None:
    from groupwork.errors import InvalidInputError

    group = app.store.find_group(group_ref)
    person = _person(app, group.id, person_ref)
    changes = {"real_name": name, "role": role, "notes": notes}
    changes = {field: value for field, value in changes.items() if value is not None}
    if not changes:
        raise InvalidInputError([_("Say what to change: --name, --role or --notes.")])
    _save(app, person.model_dump() | changes, _("Saved {name}; shared outputs show: {role}."))


@people_group.command("remove", help=_("Take a person off a group's register."))
@group_argument
@_person_argument
@pass_app
@handle_errors
def remove_command(app: AppContext, group_ref: str, person_ref: str) -> None:
    from groupwork.operations.people_around import remove_person

    group = app.store.find_group(group_ref)
    person = _person(app, group.id, person_ref)
    remove_person(app.store, person.id)
    click.echo(
        _(
            'Removed {name} from the register; notes that link them show "[name withheld]" '
            "in shared outputs."
        ).format(name=person.real_name)
    )


COMMANDS = [people_group]
