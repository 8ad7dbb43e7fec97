"""A blocking message (an error the person must read before going on)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical

from groupwork.i18n import N_, _
from groupwork.tui.screens.base import GroupworkModal
from groupwork.tui.widgets.plain import Label, Static


class MessageScreen(GroupworkModal[None]):
    """Show a title and a message; any of Enter/Esc closes it."""

    BINDINGS = [Binding("escape,enter", "close", N_("Close"))]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="message-dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.message, markup=False)
            yield Label(_("Enter or Esc to close"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
