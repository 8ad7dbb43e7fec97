"""``groupwork groups``: the groups in the database (a table, or ``--json`` / ``--csv``)."""

from __future__ import annotations

import json
from datetime import date

import click

from groupwork.commands.context import AppContext, fail, handle_errors, pass_app
from groupwork.i18n import _


@click.command("groups", help=_("List the groups in the database."))
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@click.option("--csv", "as_csv", is_flag=True, help=_("Print CSV."))
@pass_app
@handle_errors
def groups_command(app: AppContext, as_json: bool, as_csv: bool) -> None:
    from groupwork.commands.table import write_csv
    from groupwork.coordination import GROUP_FIELDS, group_record
    from groupwork.labels import caption

    if as_json and as_csv:
        fail(_("Choose one of --json and --csv."))
    if as_json or as_csv:
        rows = app.store.group_list(date.today())
        if as_json:
            click.echo(json.dumps([group_record(g) for g in rows], ensure_ascii=False, indent=1))
        else:
            write_csv(GROUP_FIELDS, (group_record(g) for g in rows))
        return
    groups = app.store.groups()
    if not groups:
        click.echo(_("No groups yet. Try: groupwork demo"))
        return
    for group in groups:
        click.echo(
            f"{group.id[:8]}  {group.name}  "
            + _("stage {stage}/12").format(stage=group.current_stage)
            + f"  {caption(group.status)}"
        )


COMMANDS = [groups_command]
