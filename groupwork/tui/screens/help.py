"""The help screen: what this app is for and every key of the screen it was opened from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from groupwork.i18n import N_, _
from groupwork.tui.screens.base import GroupworkModal, screen_bindings


class HelpScreen(GroupworkModal[None]):
    """Keys of the screen underneath, with general advice."""

    BINDINGS = [Binding("escape,f1,q", "close", N_("Close"))]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.described_screen = screen

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="help-dialog"):
            yield Static(_("Help"), classes="dialog-title")
            yield Static(
                _(
                    "Everything works from the keyboard. The bar at the bottom shows the keys "
                    "of this screen; Ctrl+P opens the command palette, which lists every action. "
                    "F9 switches between Thai and English at any time. Every change is saved the "
                    "moment you confirm it."
                ),
                classes="help-text",
            )
            yield DataTable(id="help-keys", cursor_type="row", show_cursor=False)
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        table = self.query_one("#help-keys", DataTable)
        table.clear(columns=True)
        table.add_columns(_("Key"), _("Action"))
        seen = set()
        # Read again on each language switch made while help is open.
        for active in screen_bindings(self.described_screen).values():
            binding = active.binding
            if not binding.description or (binding.action, binding.description) in seen:
                continue
            seen.add((binding.action, binding.description))
            table.add_row(self.app.get_key_display(binding), binding.description)

    def action_close(self) -> None:
        self.dismiss(None)
