"""``groupwork stages GROUP``: the twelve stages of a group, with each criterion met or not;
``groupwork stage dates GROUP STAGE``: complete a stage on its dates, as the TUI's dialog does."""

from __future__ import annotations

from datetime import date

import click

from groupwork.commands.context import AppContext, group_argument, handle_errors, pass_app
from groupwork.commands.types import Day, Text, WholeNumber
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


@click.group("stage", help=_("Work on one stage of a group."))
def stage_group() -> None:
    """The stage commands."""


@stage_group.command(
    "dates",
    help=_(
        "Complete a stage on the days its work began and ended (by default its first and "
        "last session), or give a completed stage other days."
    ),
)
@group_argument
@click.argument("stage", type=WholeNumber((1, 12)))
@click.option("--start", "started_on", type=Day(), default=None, help=_("The day work began."))
@click.option(
    "--end", "completed_on", type=Day(), default=None, help=_("The day it was completed.")
)
@click.option(
    "--reason",
    type=Text(),
    default="",
    help=_("Why complete the stage anyway, when criteria are not met."),
)
@pass_app
@handle_errors
def stage_dates_command(
    app: AppContext,
    group_ref: str,
    stage: int,
    started_on: date | None,
    completed_on: date | None,
    reason: str,
) -> None:
    from groupwork.dates import format_date
    from groupwork.operations.stage_dates import set_stage_dates

    group = app.store.find_group(group_ref)
    done = set_stage_dates(app.store, group.id, stage, started_on, completed_on, reason)
    click.echo(
        _("Stage {number} completed: {start} – {end}.").format(
            number=stage, start=format_date(done.started_on), end=format_date(done.completed_on)
        )
    )


COMMANDS = [stages_command, stage_group]
