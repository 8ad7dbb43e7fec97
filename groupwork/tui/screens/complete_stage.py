"""Completing a stage whose criteria are not all met: say which, and ask for a reason."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from groupwork.i18n import N_, _
from groupwork.tui.screens.base import GroupworkModal


class CompleteStageScreen(GroupworkModal[str | None]):
    """Dismisses with the override reason, or None when the facilitator goes back."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, unmet_lines: list[str]) -> None:
        super().__init__()
        self.unmet_lines = unmet_lines

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="message-dialog"):
            yield Label(_("Some criteria are not met"), classes="dialog-title")
            yield Static("\n".join(f"✗ {line}" for line in self.unmet_lines))
            yield Label(_("Why complete the stage anyway?"), classes="field-label")
            yield Input(id="override-reason")
            yield Static("", id="reason-error", classes="field-error")
            yield Label(_("Enter to complete · Esc to go back"), classes="dialog-hint")

    @on(Input.Submitted, "#override-reason")
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            error = self.query_one("#reason-error", Static)
            error.update(_("A reason is needed to complete a stage with unmet criteria."))
            error.add_class("shown")
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
