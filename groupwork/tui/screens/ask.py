"""A question with a few answers, each one key: "save, discard or keep editing?" and the like."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.widgets import Button

from groupwork.i18n import _
from groupwork.tui.screens.base import GroupworkModal
from groupwork.tui.widgets.plain import Label, Static


@dataclass(frozen=True)
class Answer:
    """One answer: the key that gives it, its label (translated) and the value returned."""

    key: str
    label: str
    value: str


class AskScreen(GroupworkModal[str | None]):
    """Ask ``question``; dismisses with the chosen answer's value, or None on Esc."""

    def __init__(self, title: str, question: str, answers: list[Answer]) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="message-dialog ask-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.question, id="question")
            with Horizontal(classes="ask-answers"):
                for answer in self.answers:
                    yield Button(
                        f"{answer.key.upper()} {answer.label}", id=f"answer-{answer.value}"
                    )
            yield Label(_("Esc: back to where you were"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_key(self, event: Key) -> None:
        for answer in self.answers:
            if event.key == answer.key:
                event.stop()
                self.dismiss(answer.value)
                return
        if event.key == "escape":
            event.stop()
            self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("answer-"))
