"""Closing a session: what was recorded, and the next steps agreed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, TextArea

from groupwork.i18n import _
from groupwork.tui.screens.base import SmallDialog
from groupwork.tui.widgets.linking import LinkingTextArea, stored_text
from groupwork.tui.widgets.plain import Label, Static


class CloseSessionScreen(SmallDialog[str | None]):
    """Ask for the next steps; returns them (possibly empty), or None to keep recording."""

    DEFAULT_CSS = """
    CloseSessionScreen TextArea { height: 6; }
    """

    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("ctrl+s", "close_session", show=False),
    ]

    def __init__(self, summary: str, next_steps: str = "") -> None:
        super().__init__()
        self.summary = summary
        self.next_steps = next_steps

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Close the session"), classes="title")
            yield Static(self.summary)
            yield Label(_("Next steps agreed (ctrl+s closes the session, Esc goes back)"))
            yield LinkingTextArea(self.next_steps, id="next-steps")
            with Horizontal():
                yield Button(_("Close session"), variant="primary", id="close")
                yield Button(_("Keep recording"), id="back")

    def on_mount(self) -> None:
        self.query_one("#next-steps", TextArea).focus()

    @on(Button.Pressed, "#back")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#close")
    def action_close_session(self) -> None:
        self.dismiss(stored_text(self.query_one("#next-steps", TextArea)))
