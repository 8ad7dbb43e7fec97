"""Ask for the passphrase of an encrypted database (the safety package raises the need)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from groupwork.i18n import N_, _
from groupwork.tui.screens.base import GroupworkModal
from groupwork.tui.widgets.plain import Label


class PassphraseScreen(GroupworkModal[str]):
    """Dismisses with the passphrase typed (the app then tries to open the store again)."""

    BINDINGS = [Binding("escape", "quit_app", N_("Quit"))]

    def __init__(self, problem: str = "") -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="message-dialog"):
            yield Label(_("This database is encrypted"), classes="dialog-title")
            yield Label(_("Passphrase:"))
            yield Input(password=True, id="passphrase")
            if self.problem:
                yield Label(self.problem, classes="field-error shown", markup=False)
            yield Label(_("Enter to open · Esc to quit"), classes="dialog-hint")

    @on(Input.Submitted, "#passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value:
            self.dismiss(event.value)

    def action_quit_app(self) -> None:
        self.app.exit()
