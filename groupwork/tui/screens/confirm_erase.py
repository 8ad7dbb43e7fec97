"""Confirming the erasure of a member's personal data: the person types the member's label.

Erasure cannot be undone, so one keypress is not enough: the "Erase for good" button only
works once the member's pseudonym (or code) has been typed exactly. Escape cancels.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input

from groupwork.i18n import N_, _
from groupwork.tui.widgets.plain import Static


class ConfirmEraseScreen(ModalScreen[bool]):
    """Ask for explicit confirmation before erasing ``member_label``'s data. Dismisses with
    True only after the label was typed and confirmed."""

    DEFAULT_CSS = """
    ConfirmEraseScreen { align: center middle; }
    ConfirmEraseScreen > Vertical {
        width: 64; height: auto; padding: 1 2;
        border: thick $error; background: $surface;
    }
    ConfirmEraseScreen .title { text-style: bold; color: $error; margin-bottom: 1; }
    ConfirmEraseScreen Input { margin: 1 0; }
    ConfirmEraseScreen Horizontal { height: auto; align-horizontal: right; }
    ConfirmEraseScreen Button { margin-left: 2; }
    """

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, member_label: str) -> None:
        super().__init__()
        self.member_label = member_label

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Erase personal data"), classes="title")
            yield Static(
                _(
                    "This removes {member}'s name, notes, consent records and assessment "
                    "text for good. Attendance and turns stay, under an anonymous code. "
                    "It cannot be undone."
                ).format(member=self.member_label),
                markup=False,
            )
            yield Static(
                _("Type {member} to confirm:").format(member=self.member_label), markup=False
            )
            yield Input(placeholder=self.member_label, id="confirm-label")
            with Horizontal():
                yield Button(_("Cancel"), id="cancel")
                yield Button(_("Erase for good"), id="erase", variant="error", disabled=True)

    @on(Input.Changed, "#confirm-label")
    def _label_typed(self, event: Input.Changed) -> None:
        self.query_one("#erase", Button).disabled = not self._matches(event.value)

    @on(Input.Submitted, "#confirm-label")
    def _label_submitted(self, event: Input.Submitted) -> None:
        if self._matches(event.value):
            self.dismiss(True)

    @on(Button.Pressed, "#erase")
    def _erase(self) -> None:
        if self._matches(self.query_one("#confirm-label", Input).value):
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)

    def _matches(self, typed: str) -> bool:
        return typed.strip() == self.member_label.strip()
