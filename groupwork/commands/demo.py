"""``groupwork demo``: write the fictional demo group into the database."""

from __future__ import annotations

import click

from groupwork.commands.context import AppContext, handle_errors, pass_app
from groupwork.commands.types import WholeNumber
from groupwork.errors import GroupworkError
from groupwork.i18n import _
from groupwork.typed_input import SEEDS


@click.command(
    "demo", help=_("Add a fictional demo group that has gone through all twelve stages.")
)
@click.option(
    "--seed",
    type=WholeNumber(SEEDS),
    default=2569,
    show_default=True,
    help=_("Seed for the demo's random details (the same seed gives the same group)."),
)
@pass_app
@handle_errors
def demo_command(app: AppContext, seed: int) -> None:
    from groupwork.demo import build_demo, find_demo

    app.allow_new_database()
    try:
        group = build_demo(app.store, seed=seed)
    except GroupworkError:
        existing = find_demo(app.store)
        if existing is None:
            raise
        # Idempotent: running it twice (even at the same moment) is not an error.
        click.echo(
            _("The demo group {name} already exists; nothing was changed.").format(
                name=existing.name
            )
        )
        return
    click.echo(
        _("Added the demo group {name} ({id}). Everyone in it is fictional.").format(
            name=group.name, id=group.id[:8]
        )
    )


COMMANDS = [demo_command]
