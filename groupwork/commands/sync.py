"""``groupwork push`` and ``groupwork pull``: one group between this laptop and the agency database."""

from __future__ import annotations

import click

from groupwork.commands.agency_server import open_agency_store
from groupwork.commands.context import AppContext, group_argument, handle_errors, pass_app
from groupwork.errors import GroupworkError
from groupwork.i18n import _


def _laptop(app: AppContext, pushing: bool = True):
    from groupwork.paths import is_server_database

    if is_server_database(app.db_path):
        raise GroupworkError(
            _(
                "push and pull work between this laptop's file and an agency database: --db names a server."
            )
        )
    if not pushing:
        app.allow_new_database()  # a new laptop's first pull starts its copy
    return app.store


def _print_revoked(report, group_name: str) -> None:
    from groupwork.operations.sync_settle import record_kind

    if report.unsent:
        click.echo(
            _(
                "{count} changes to the group {name} made on this laptop were never sent; "
                "they are erased with it (tell the administrator what they were):"
            ).format(count=len(report.unsent), name=group_name)
        )
        for table, record_id in report.unsent:
            click.echo(f"  {record_kind(table)} {record_id[:8]}")
    click.echo(
        _(
            "The agency database no longer gives you the group {name}: its copy on this "
            "laptop was erased ({count} records)."
        ).format(name=group_name, count=len(report.erased))
    )
    if report.backups_deleted:
        click.echo(
            _("{count} older backups that still held it were deleted.").format(
                count=report.backups_deleted
            )
        )


def _print(report, group_name: str, direction: str) -> None:
    from groupwork.operations.sync_settle import record_kind

    for name, dropped in report.revoked_elsewhere:
        _print_revoked(dropped, name)
    if report.revoked:
        _print_revoked(report, group_name)
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
            _("Not sent: {table} {id}: {reason} ({kind})").format(
                table=table, id=record_id[:8], kind=record_kind(table), reason=reason
            )
        )
    if report.failed:
        click.echo(
            _(
                "Everything else was sent. The records not sent stay on this laptop as they "
                "are; push again once the reason is put right."
            )
        )
    if report.conflicts:
        click.echo(
            _(
                "Nothing was overwritten. See each conflict with: groupwork conflicts GROUP; "
                "settle it with: groupwork conflicts settle ID --keep mine|theirs"
            )
        )


def _sync(app: AppContext, group_ref: str, url: str, pushing: bool) -> None:
    from groupwork.operations import sync
    from groupwork.operations.audit_chain import chain_warning, remember_server_head

    laptop = _laptop(app, pushing)
    with open_agency_store(url) as server:
        warning = chain_warning(laptop, server, server.sync_key)
        if warning:
            click.echo(warning, err=True)
        move = sync.push if pushing else sync.pull
        group, report = move(laptop, server, group_ref, server.sync_key)
        remember_server_head(laptop, server, server.sync_key, warning)
    _print(report, group.name, _("Pushed") if pushing else _("Pulled"))
    if warning:  # again at the end, where a person reading the summary sees it
        click.echo(warning, err=True)
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


class _ConflictsGroup(click.Group):
    """``groupwork conflicts [GROUP]`` lists; ``groupwork conflicts settle ID`` settles."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """A first word that is no subcommand (or none) is the GROUP of ``list``."""
        if not args or (args[0] not in self.commands and not args[0].startswith("-")):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@click.group(
    "conflicts",
    cls=_ConflictsGroup,
    help=_("List the conflicts push and pull kept on this laptop, and settle them."),
)
def conflicts_command() -> None:
    pass


def _value(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:59] + "…"


@conflicts_command.command("list", help=_("List the conflicts kept on this laptop."))
@click.argument("group_ref", metavar="[GROUP]", required=False)
@pass_app
@handle_errors
def list_conflicts(app: AppContext, group_ref: str | None) -> None:
    from groupwork.dates import format_date
    from groupwork.operations.sync_settle import conflicts

    laptop = _laptop(app)
    group_id = laptop.find_group(group_ref).id if group_ref else None
    found = conflicts(laptop, group_id)
    if not found:
        click.echo(_("No conflicts: this laptop and the agency database agree."))
        return
    for c in found:
        click.echo(
            _("{id}  {kind} {record} (found {day} {time})").format(
                id=c.id,
                kind=c.kind,
                record=c.record_id[:8],
                day=format_date(c.found_at.date()),
                time=c.found_at.strftime("%H:%M"),
            )
        )
        if c.erased_here or c.erased_there:
            side = _("on this laptop") if c.erased_here else _("on the agency database")
            click.echo("    " + _("erased {side}, changed on the other side").format(side=side))
        for f in c.fields:
            click.echo(
                "    "
                + _("{field}: this laptop «{mine}», agency database «{theirs}»").format(
                    field=f.name, mine=_value(f.mine), theirs=_value(f.theirs)
                )
            )
    click.echo(_("Settle each with: groupwork conflicts settle ID --keep mine|theirs"))


@conflicts_command.command(
    "settle", help=_("Settle a conflict: keep this laptop's version or the server's.")
)
@click.argument("conflict_id", metavar="ID")
@click.option(
    "--keep",
    type=click.Choice(["mine", "theirs"]),
    required=True,
    help=_("mine: this laptop's version (sent at the next push); theirs: the server's."),
)
@pass_app
@handle_errors
def settle_conflict(app: AppContext, conflict_id: str, keep: str) -> None:
    from groupwork.operations.sync_settle import settle

    settled = settle(_laptop(app), conflict_id, keep)
    if keep == "mine":
        message = _("Kept this laptop's {kind} {record}: the next push sends it.")
    else:
        message = _("Took the agency database's {kind} {record}: both sides agree now.")
    click.echo(message.format(kind=settled.kind, record=settled.record_id[:8]))


COMMANDS = [push_command, pull_command, conflicts_command]
