"""``groupwork push`` and ``groupwork pull``: one group between this laptop and the agency database."""

from __future__ import annotations

import click

from groupwork.commands.agency import open_agency_store
from groupwork.commands.context import AppContext, group_argument, handle_errors, pass_app
from groupwork.errors import GroupworkError
from groupwork.i18n import _


def _laptop(app: AppContext):
    from groupwork.paths import is_server_database

    if is_server_database(app.db_path):
        raise GroupworkError(
            _(
                "push and pull work between this laptop's file and an agency database: --db names a server."
            )
        )
    return app.store


def _print(report, group_name: str, direction: str) -> None:
    if report.revoked:
        click.echo(
            _(
                "The agency database no longer gives you the group {name}: its copy on this "
                "laptop was erased ({count} records)."
            ).format(name=group_name, count=len(report.erased))
        )
        return
    click.echo(
        _("{direction} {name}: {added} new, {changed} changed, {erased} erased.").format(
            direction=direction,
            name=group_name,
            added=len(report.added),
            changed=len(report.changed),
            erased=len(report.erased),
        )
    )
    for conflict in report.conflicts:
        click.echo(
            _("Conflict, kept on both sides: {table} {id} ({fields})").format(
                table=conflict.table, id=conflict.record_id[:8], fields=", ".join(conflict.fields)
            )
        )
    for (table, record_id), reason in report.failed:
        click.echo(
            _("Not sent: {table} {id}: {reason}").format(
                table=table, id=record_id[:8], reason=reason
            )
        )
    if report.conflicts:
        click.echo(
            _(
                "Settle each conflict by changing the record on one side to what it should be, "
                "then push or pull again."
            )
        )


def _sync(app: AppContext, group_ref: str, url: str, pushing: bool) -> None:
    from groupwork.operations import sync

    laptop = _laptop(app)
    with open_agency_store(url) as server:
        move = sync.push if pushing else sync.pull
        group, report = move(laptop, server, group_ref, server.sync_key)
    _print(report, group.name, _("Pushed") if pushing else _("Pulled"))
    if report.failed or report.conflicts:
        raise SystemExit(1)


_SERVER_HELP = _("The agency database (postgresql://... or service=NAME).")


@click.command(
    "push", help=_("Send a group's new, changed and erased records to the agency database.")
)
@group_argument
@click.option("--to", "url", required=True, help=_SERVER_HELP)
@pass_app
@handle_errors
def push_command(app: AppContext, group_ref: str, url: str) -> None:
    _sync(app, group_ref, url, pushing=True)


@click.command(
    "pull", help=_("Bring a group's new, changed and erased records from the agency database.")
)
@group_argument
@click.option("--from", "url", required=True, help=_SERVER_HELP)
@pass_app
@handle_errors
def pull_command(app: AppContext, group_ref: str, url: str) -> None:
    _sync(app, group_ref, url, pushing=False)


COMMANDS = [push_command, pull_command]
