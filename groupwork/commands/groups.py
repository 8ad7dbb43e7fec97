"""``groupwork groups``: the groups in the database."""

from __future__ import annotations

import click

from groupwork.commands.context import AppContext, handle_errors, pass_app
from groupwork.i18n import _


@click.command("groups", help=_("List the groups in the database."))
@pass_app
@handle_errors
def groups_command(app: AppContext) -> None:
    from groupwork.models import caption

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
