"""``groupwork export`` and ``groupwork import``: move one group between databases."""

from __future__ import annotations

from pathlib import Path

import click

from groupwork.commands.context import (
    AppContext,
    force_option,
    group_argument,
    handle_errors,
    out_option,
    pass_app,
)
from groupwork.commands.types import InputFile
from groupwork.i18n import _
from groupwork.typed_input import path_text


@click.command("export", help=_("Export one group, with every record, to a JSON file."))
@group_argument
@out_option(_("The file to write (created readable by you only)."), required=True)
@force_option
@click.option(
    "--for-agency",
    "agency",
    default=None,
    help=_("Export to share with this agency: real names only where consent names it."),
)
@click.option(
    "--pseudonymise",
    is_flag=True,
    help=_("Replace real names by pseudonyms where consent does not reach (all, with no agency)."),
)
@pass_app
@handle_errors
def export_command(
    app: AppContext, group_ref: str, out: Path, force: bool, agency: str | None, pseudonymise: bool
) -> None:
    from groupwork.exchange import write_export
    from groupwork.files import check_output

    found = app.store.find_group(group_ref)
    check_output(out, force=force)
    undecided: list = []
    write_export(
        app.store, found.id, out, agency=agency, pseudonymise=pseudonymise, undecided=undecided
    )
    if agency:
        click.echo(
            _(
                "Exported {name} for {agency} to {path}; real names only where consent allows."
            ).format(name=found.name, agency=agency, path=path_text(out))
        )
    elif pseudonymise:
        click.echo(
            _("Exported {name} to {path} with pseudonyms instead of real names.").format(
                name=found.name, path=path_text(out)
            )
        )
    else:
        click.echo(
            _("Exported {name} to {path}. The file holds real names: keep it safe.").format(
                name=found.name, path=path_text(out)
            )
        )
    if undecided:
        # Never silently: each place a name was left as written because it may be the word.
        click.echo(
            _(
                "{count} places hold a word that is also a member's name, left as written "
                "(undecided); decide them with groupwork review GROUP --check-names:"
            ).format(count=len(undecided))
        )
        for at in undecided:
            click.echo(f"  {at.where}: …{at.spot.context}…")


@click.command("import", help=_("Import a group from a groupwork export file."))
@click.argument("file", type=InputFile())
@pass_app
@handle_errors
def import_command(app: AppContext, file: Path) -> None:
    from groupwork.exchange import import_file

    app.allow_new_database()  # a group moved to a new computer starts its database
    group = import_file(app.store, file)
    click.echo(_("Imported the group {name} ({id}).").format(name=group.name, id=group.id[:8]))


COMMANDS = [export_command, import_command]
