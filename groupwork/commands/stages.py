"""``groupwork stages GROUP``: the twelve stages of a group, with each criterion met or not."""

from __future__ import annotations

import click

from groupwork.commands.context import AppContext, group_argument, handle_errors, pass_app
from groupwork.i18n import _


@click.command("stages", help=_("Show the twelve stages of a group and which criteria are met."))
@group_argument
@pass_app
@handle_errors
def stages_command(app: AppContext, group_ref: str) -> None:
    from groupwork.labels import caption
    from groupwork.models import StageStatus
    from groupwork.stages import check_stage, load_guides

    store = app.store
    group = store.find_group(group_ref)
    progress = store.stage_progress(group.id)
    click.echo(
        f"{group.name}  "
        + _("stage {stage}/12").format(stage=group.current_stage)
        + f"  {caption(group.status)}"
    )
    for guide in load_guides():
        stage = progress[guide.number]
        marker = ">" if guide.number == group.current_stage else " "
        click.echo(f"{marker}{guide.number:>3}. {guide.name()}  [{caption(stage.status)}]")
        for result in check_stage(store, group.id, guide.number):
            box = "[x]" if result.met else "[ ]"
            click.echo(f"       {box} {result.criterion.text()}: {result.detail}")
        if stage.status == StageStatus.COMPLETED and stage.unmet_criteria:
            # Show what was overridden in words; an id no longer in the guide stays as it is.
            texts = {c.id: c.text() for c in guide.criteria}
            click.echo(
                "       "
                + _("Completed without: {criteria}; reason: {reason}").format(
                    criteria="; ".join(texts.get(i, i) for i in stage.unmet_criteria),
                    reason=stage.override_reason,
                )
            )


COMMANDS = [stages_command]
