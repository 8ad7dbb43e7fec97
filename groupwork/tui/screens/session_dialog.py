"""A small dialog for one session action (plan, enter a past session, cancel, move).

Each field is checked as typed text (a date, a time, words) and said wrong beside it; then the
action runs (an operation in ``groupwork.operations.sessions``) and what it refuses is shown
in the dialog, in the person's language, with nothing changed. The dialog closes only when
the action succeeded, returning its result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input

from groupwork.dates import parse_time
from groupwork.errors import GroupworkError
from groupwork.i18n import _
from groupwork.tui.screens.quick_task import parse_due_date
from groupwork.tui.widgets.plain import Label, Static


@dataclass(frozen=True)
class DialogField:
    """One field: its name in the result, its label, a placeholder, its kind, and whether
    it may be left empty."""

    name: str
    label: str
    placeholder: str = ""
    kind: str = "text"
    """"date", "time" or "text"."""
    required: bool = True
    value: str = ""


class SessionDialog(ModalScreen[object]):
    """Fields, then an action; shows the action's refusal or closes with its result."""

    DEFAULT_CSS = """
    SessionDialog { align: center middle; }
    SessionDialog > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    SessionDialog Input { margin: 0; height: 1; border: none; padding: 0 1; background: $boost; }
    SessionDialog Input:focus { border: none; background: $accent 30%; }
    SessionDialog .field-error, SessionDialog #dialog-error { color: $error; height: auto; }
    SessionDialog Horizontal { height: auto; align-horizontal: right; }
    SessionDialog Button { min-width: 10; margin-left: 1; }
    """

    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("ctrl+s", "save", show=False),
    ]

    def __init__(
        self,
        title: str,
        fields: list[DialogField],
        action: Callable[[dict[str, object]], object],
        today: date,
    ) -> None:
        """``action`` gets the parsed values by field name and returns the result."""
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.action = action
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title", markup=False)
            for field in self.fields:
                yield Label(field.label)
                yield Input(field.value, placeholder=field.placeholder, id=f"f-{field.name}")
                yield Static("", id=f"e-{field.name}", classes="field-error", markup=False)
            yield Static("", id="dialog-error", markup=False)
            with Horizontal():
                yield Button(_("Save"), variant="primary", id="save")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        for error in self.query(".field-error"):
            error.display = False
        self.query_one("#dialog-error").display = False
        self.query_one(f"#f-{self.fields[0].name}", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without doing anything."""
        self.dismiss(None)

    @on(Input.Submitted)
    def _next_or_save(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.action_save()

    def _parse(self, field: DialogField, text: str) -> tuple[object, str]:
        if not text.strip():
            return None, _("This is needed.") if field.required else ""
        try:
            if field.kind == "date":
                return parse_due_date(text, self.today), ""
            if field.kind == "time":
                return parse_time(text), ""
        except ValueError:
            if field.kind == "date":
                return None, _("Not a date: write 2026-12-01, 1/12/2569 or +7.")
            return None, _("Not a time: write 14:00 or 9.30.")
        return text.strip(), ""

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check every field, run the action; close only when it succeeded."""
        values: dict[str, object] = {}
        wrong = False
        for field in self.fields:
            value, message = self._parse(field, self.query_one(f"#f-{field.name}", Input).value)
            values[field.name] = value
            shown = self.query_one(f"#e-{field.name}", Static)
            shown.update(message)
            shown.display = bool(message)
            wrong = wrong or bool(message)
        general = self.query_one("#dialog-error", Static)
        general.display = False
        if wrong:
            return
        try:
            result = self.action(values)
        except GroupworkError as exc:
            general.update(exc.message)
            general.display = True
            return
        self.dismiss(result)
