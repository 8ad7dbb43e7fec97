"""The help screen: what this app is for and every key of the screen it was opened from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer

from groupwork.i18n import N_, _
from groupwork.tui.screens.base import GroupworkModal, own_bindings
from groupwork.tui.widgets.plain import Static


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
                    "of this screen that fit; all of them are listed below, and Ctrl+P opens "
                    "the command palette, which lists every action. F9 switches between Thai "
                    "and English at any time. Arrow keys move in lists, Tab moves between boxes "
                    "and Enter opens or chooses. Every change is saved the moment you confirm it."
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
        # One row per action; actions named alike (the twelve "Stage" keys) share a row.
        keys_by_description: dict[str, list[str]] = {}
        # Read again on each language switch made while help is open.
        for active in own_bindings(self.described_screen).values():
            binding = active.binding
            if not binding.description:
                continue
            keys = keys_by_description.setdefault(binding.description, [])
            shown = self.app.get_key_display(binding)
            if shown not in keys:
                keys.append(shown)
        for description, keys in keys_by_description.items():
            table.add_row(" ".join(keys), description)

    def action_close(self) -> None:
        self.dismiss(None)
