"""While the database is being updated on opening: which step of how many, nothing to press."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from groupwork.i18n import _
from groupwork.tui.screens.base import GroupworkModal
from groupwork.tui.widgets.plain import Label, Static


class UpgradingScreen(GroupworkModal[None]):
    """Says "updating the database (n of m)", changed by ``show_step`` as the steps run."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="message-dialog"):
            yield Label(_("Opening the database"), classes="dialog-title")
            yield Static(_("Updating the database…"), id="upgrade-step")
            yield Label(
                _("This happens once after installing a new version."), classes="dialog-hint"
            )

    def show_step(self, step: int, steps: int) -> None:
        """Show that step ``step`` of ``steps`` is running."""
        from groupwork.store.upgrade_progress import upgrade_message

        self.query_one("#upgrade-step", Static).update(upgrade_message(step, steps))
