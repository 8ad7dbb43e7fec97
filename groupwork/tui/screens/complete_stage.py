"""Completing a stage: its start and completion dates (the first and last session of the
stage by default), and, when criteria are not all met, which ones and why complete anyway."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from groupwork.dates import parse_date
from groupwork.i18n import N_, _
from groupwork.tui.screens.base import GroupworkModal
from groupwork.tui.widgets.plain import Label, Static

StageCompletion = tuple[str, date, date]
"""What the dialog returns: (override reason, or ""; started on; completed on)."""


class CompleteStageScreen(GroupworkModal[StageCompletion | None]):
    """Dismisses with (reason, started, completed), or None when the facilitator goes back."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "done", N_("Complete"), show=False),
    ]

    def __init__(self, unmet_lines: list[str], started: date, completed: date) -> None:
        super().__init__()
        self.unmet_lines = unmet_lines
        self.started = started
        self.completed = completed

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="message-dialog"):
            if self.unmet_lines:
                yield Label(_("Some criteria are not met"), classes="dialog-title")
                yield Static("\n".join(f"✗ {line}" for line in self.unmet_lines), markup=False)
            else:
                yield Label(_("Complete the stage"), classes="dialog-title")
            yield Label(_("Work on the stage began on"), classes="field-label")
            yield Input(self.started.isoformat(), id="started-on")
            yield Label(_("Completed on"), classes="field-label")
            yield Input(self.completed.isoformat(), id="completed-on")
            if self.unmet_lines:
                yield Label(_("Why complete the stage anyway?"), classes="field-label")
                yield Input(id="override-reason")
            yield Static("", id="reason-error", classes="field-error", markup=False)
            yield Label(_("Enter to complete · Esc to go back"), classes="dialog-hint")

    def on_mount(self) -> None:
        # The reason is what must be typed; the dates are offered as the records give them.
        first = "#override-reason" if self.unmet_lines else "#completed-on"
        self.query_one(first, Input).focus()

    def _refuse(self, text: str) -> None:
        error = self.query_one("#reason-error", Static)
        error.update(text)
        error.add_class("shown")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.action_done()

    def action_done(self) -> None:
        """Check the dates (and the reason) and complete; say what is wrong otherwise."""
        try:
            started = parse_date(self.query_one("#started-on", Input).value)
            completed = parse_date(self.query_one("#completed-on", Input).value)
        except ValueError:
            self._refuse(_("Not a date: write 2026-12-01 or 1/12/2569."))
            return
        reason = ""
        if self.unmet_lines:
            reason = self.query_one("#override-reason", Input).value.strip()
            if not reason:
                self._refuse(_("A reason is needed to complete a stage with unmet criteria."))
                return
        self.dismiss((reason, started, completed))

    def action_cancel(self) -> None:
        self.dismiss(None)
