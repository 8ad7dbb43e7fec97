"""``groupwork agency init`` and ``groupwork agency add-user``: an agency database on PostgreSQL.

The rules of who sees what live in the database (``groupwork/store/postgres/agency.py``);
these commands only ask for them. See docs/agency.md.
"""

from __future__ import annotations

import click

from groupwork.commands.agency_server import open_agency_store
from groupwork.commands.context import AppContext, _prompt_secret, handle_errors, pass_app
from groupwork.errors import GroupworkError
from groupwork.i18n import _

ROLE_NAMES = ("facilitator", "coordinator", "admin")


def _existing_group(store, ref: str):
    """The group ``ref`` names; when there is none, how to create it on the server."""
    from groupwork.errors import NotFoundError

    try:
        return store.find_group(ref)
    except NotFoundError as exc:
        raise NotFoundError(
            _(
                "{error} Create it on the agency database first: groupwork group new {ref} "
                "--facilitator LOGIN"
            ).format(error=exc.message, ref=click.utils.make_str(ref))
        ) from exc


@click.group("agency", help=_("Set up an agency's shared database on PostgreSQL."))
def agency_command() -> None:
    pass


@agency_command.command(
    "init", help=_("Create the schema, roles and access rules (again after an upgrade).")
)
@click.argument("url", required=False)
@pass_app
@handle_errors
def init_command(app: AppContext, url: str | None) -> None:
    from groupwork.store.postgres.connection import describe_location

    location = url or str(app.db_path)
    with open_agency_store(location) as store:
        store.init_agency()
    click.echo(
        _(
            "The agency database {place} is ready. Add people with: "
            "groupwork --db ADDRESS agency add-user LOGIN --role facilitator; then create "
            "groups with: groupwork --db ADDRESS group new NAME --facilitator LOGIN"
        ).format(place=describe_location(location))
    )


@agency_command.command("add-user", help=_("Give a database login a role (and groups)."))
@click.argument("login")
@click.option("--role", type=click.Choice(ROLE_NAMES), required=True, help=_("The login's role."))
@click.option(
    "--group",
    "groups",
    multiple=True,
    help=_("A group this facilitator runs (repeat for several)."),
)
@click.option(
    "--password",
    "ask_password",
    is_flag=True,
    help=_("Ask for the login's password (typed, never on the command line)."),
)
@pass_app
@handle_errors
def add_user_command(
    app: AppContext, login: str, role: str, groups: tuple[str, ...], ask_password: bool
) -> None:
    from groupwork.store.postgres.agency import scram_verifier

    store = open_agency_store(str(app.db_path))
    try:
        group_ids = [_existing_group(store, ref).id for ref in groups]
        verifier = ""
        if ask_password:
            password = _prompt_secret(
                _("Password for {login}").format(login=login),
                GroupworkError(_("No password was given. Nothing was changed.")),
                confirm=True,
            )
            verifier = scram_verifier(password)
        created = store.add_agency_user(login, role, group_ids, verifier)
    finally:
        store.close()
    message = (
        _("Created the login {login} as {role}.")
        if created
        else _("The login {login} is now also {role}.")
    )
    click.echo(message.format(login=login, role=role))
    if groups:
        click.echo(_("{login} facilitates: {groups}").format(login=login, groups=", ".join(groups)))
    if created and not ask_password:
        click.echo(
            _(
                "The login has no password yet: set one with --password, or use the "
                "server's own sign-in (certificates, peer)."
            )
        )


@agency_command.command(
    "remove-user", help=_("Take a login off groups it facilitates (its laptop copies go too).")
)
@click.argument("login")
@click.option(
    "--group", "groups", multiple=True, required=True, help=_("A group (repeat for several).")
)
@pass_app
@handle_errors
def remove_user_command(app: AppContext, login: str, groups: tuple[str, ...]) -> None:
    with open_agency_store(str(app.db_path)) as store:
        found = [store.find_group(ref) for ref in groups]
        count = store.remove_agency_facilitator(login, [g.id for g in found])
    if not count:
        click.echo(
            _("{login} facilitated none of these groups. Nothing was changed.").format(login=login)
        )
        return
    click.echo(
        _(
            "{login} no longer facilitates: {groups}. Their laptop's copies (and the backups "
            "groupwork made of them) are erased at their next push or pull of any group; "
            "changes they never sent are listed to them, then erased too."
        ).format(login=login, groups=", ".join(g.name for g in found))
    )


@agency_command.command(
    "syncs",
    help=_("Each laptop's last push or pull (an admin sees all; a facilitator their own)."),
)
@click.argument("url", required=False)
@pass_app
@handle_errors
def syncs_command(app: AppContext, url: str | None) -> None:
    from groupwork.dates import format_date
    from groupwork.errors import NotYoursError

    with open_agency_store(url or str(app.db_path)) as store:
        try:
            entries = store.sync_log.latest()
        except NotYoursError as exc:  # a coordinator: the server grants them no row of it
            raise NotYoursError(
                _(
                    "The record of syncs is for the agency's administrators (and each "
                    "facilitator's own); the server refused it to this login."
                )
            ) from exc
    if not entries:
        click.echo(_("No laptop has pushed or pulled yet (that you may see)."))
        return
    directions = {"push": _("push"), "pull": _("pull")}
    for e in entries:
        click.echo(
            _(
                "laptop {laptop}  {login}  {group}  {direction} {day} {time}: {added} new, "
                "{changed} changed, {erased} erased, {conflicts} conflicts, {failed} not sent"
            ).format(
                laptop=e.laptop_id,
                login=e.login,
                group=e.group_name,
                direction=directions.get(e.direction, e.direction),
                day=format_date(e.at.date()),
                time=e.at.strftime("%H:%M"),
                added=e.added,
                changed=e.changed,
                erased=e.erased,
                conflicts=e.conflicts,
                failed=e.failed,
            )
        )


COMMANDS = [agency_command]

from groupwork.commands.agency_audit import verify_audit_command  # noqa: E402

agency_command.add_command(verify_audit_command)
