"""Asking for one line of reason before an action that needs one (dropping a task)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input

from groupwork.i18n import _
from groupwork.tui.screens.base import SmallDialog
from groupwork.tui.widgets.linking import LinkingInput, stored_text
from groupwork.tui.widgets.plain import Label, Static


class ReasonScreen(SmallDialog[str | None]):
    """Ask ``question`` about ``subject``; returns the reason typed, or None on Esc.

    Enter with an empty box says a reason is needed and keeps the dialog open.
    """

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, title: str, subject: str, question: str) -> None:
        super().__init__()
        self.title_text = title
        self.subject = subject
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title", markup=False)
            yield Static(self.subject, markup=False)
            yield Label(self.question, markup=False)
            yield LinkingInput(id="reason")  # a reason may name someone: @ links them
            yield Static("", id="reason-error", markup=False)
            with Horizontal():
                yield Button(_("Save"), variant="primary", id="save")
                yield Button(_("Back"), id="back")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Button.Pressed, "#back")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#reason")
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        reason = stored_text(self.query_one("#reason", Input)).strip()
        if not reason:
            self.query_one("#reason-error", Static).update(_("A reason is needed."))
            return
        self.dismiss(reason)
