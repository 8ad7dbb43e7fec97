"""Quick-add of a task agreed in the room: what, who, by when.

The modal checks each field and says what is wrong beside it, in the person's language; it
returns a ``TaskDraft`` and the recorder screen commits it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, SelectionList

from groupwork.i18n import _
from groupwork.tui.screens.base import SmallDialog
from groupwork.tui.widgets.linking import LinkingInput, stored_text
from groupwork.tui.widgets.plain import Label, Static


@dataclass(frozen=True)
class TaskDraft:
    """What the quick-task line was read as: a title, who takes it on, and by when."""

    title: str
    assignee_ids: list[str]
    due_on: date | None


def parse_due_date(text: str, today: date) -> date | None:
    """A due date typed by a person: "2026-12-01", "1/12/2569" (day first, Buddhist Era
    years accepted) or "+7" (days from today). Empty means no due date.

    Raises ``ValueError`` when the text is not a date.
    """
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"\+\d{1,3}", text):
        return date.fromordinal(today.toordinal() + int(text[1:]))
    from groupwork import typed_input
    from groupwork.errors import InvalidInputError

    try:
        return typed_input.day(text)  # the same reading as every other door
    except InvalidInputError as exc:
        raise ValueError(str(exc)) from None


class QuickTaskScreen(SmallDialog[TaskDraft | None]):
    """Who does what, by when."""

    DEFAULT_CSS = """
    QuickTaskScreen Input { margin: 0 0 1 0; height: 1; border: none; padding: 0 1; background: $boost; }
    /* Input's own focus style adds a border, which in one row hid what was typed. */
    QuickTaskScreen Input:focus { border: none; background: $accent 30%; }
    QuickTaskScreen SelectionList { height: auto; max-height: 8; }
    QuickTaskScreen .field-error { color: $error; height: auto; }
    """

    def __init__(self, people: list[tuple[str, str]], today: date) -> None:
        """``people``: (id, pseudonym) of everyone who can take the task on."""
        super().__init__()
        self.people = people
        self.today = today
        self.past_due_shown: date | None = None
        """A past due date already pointed out: saving it again confirms it (a late record)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Task agreed in the room"), classes="title")
            yield LinkingInput(placeholder=_("What is to be done?"), id="task-title")
            yield Static("", id="title-error", classes="field-error")
            yield Label(_("Who takes it on (space to tick)"))
            # Names as rich Text: an option list reads a str as markup.
            yield SelectionList[str](
                *[(Text(name), pid) for pid, name in self.people], id="task-who"
            )
            yield Static("", id="who-error", classes="field-error")
            yield Input(placeholder=_("By when: 2026-12-01, 1/12/2569 or +7"), id="task-due")
            yield Static("", id="due-error", classes="field-error")
            with Horizontal():
                yield Button(_("Save"), variant="primary", id="save")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        for error in self.query(".field-error"):
            error.display = False
        self.query_one("#task-title", Input).focus()

    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("ctrl+s", "save", show=False),
    ]

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#task-title")
    def _to_who(self) -> None:
        self.query_one("#task-who", SelectionList).focus()

    @on(Input.Submitted, "#task-due")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check every field; dismiss with the draft only when all are right."""
        title = stored_text(self.query_one("#task-title", Input)).strip()
        who = list(self.query_one("#task-who", SelectionList).selected)
        errors = {"title": "", "who": "", "due": ""}
        if not title:
            errors["title"] = _("Say what is to be done.")
        if not who:
            errors["who"] = _("Tick at least one person.")
        due_text = self.query_one("#task-due", Input).value
        due: date | None = None
        try:
            due = parse_due_date(due_text, self.today)
        except ValueError:
            errors["due"] = _("Not a date: write 2026-12-01, 1/12/2569 or +7.")
        else:
            from groupwork.operations.tasks import PastDueDateError, check_due_date

            try:
                check_due_date(due, self.today, confirmed=due == self.past_due_shown)
            except PastDueDateError as exc:
                self.past_due_shown = due
                errors["due"] = exc.message + " " + _("Save again to keep it.")
        for name, message in errors.items():
            shown = self.query_one(f"#{name}-error", Static)
            shown.update(message)
            shown.display = bool(message)
        if any(errors.values()):
            return
        self.dismiss(TaskDraft(title=title, assignee_ids=who, due_on=due))
