"""Ratings at the close of a session: each present member's score on the group's scale.

One key per score, the members one after another: the facilitator asks, the member answers,
one key. A member who does not want to answer is skipped (s or space); Backspace goes back one
member; Enter closes the session with the scores given; Esc goes back to recording.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen

from groupwork import models as m
from groupwork.i18n import _
from groupwork.operations.ratings import scores
from groupwork.tui.keyboard import latin_key
from groupwork.tui.widgets.plain import Label, Static

SCORE_KEYS = "1234567890"


def score_keys(scale: m.RatingScale) -> dict[str, int]:
    """The key of each score: the digit itself on a scale within 0-9, else 1, 2 … in order."""
    values = scores(scale)
    if scale.minimum >= 0 and scale.maximum <= 9:
        return {str(value): value for value in values}
    return dict(zip(SCORE_KEYS, values, strict=False))


class RatingsScreen(ModalScreen[dict[str, int] | None]):
    """Score each member present; returns member id -> score (skipped ones left out)."""

    DEFAULT_CSS = """
    RatingsScreen { align: center middle; }
    RatingsScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    RatingsScreen #ratings-list { height: auto; max-height: 14; }
    """

    BINDINGS = [
        Binding("escape", "back", show=False),
        Binding("enter", "done", show=False),
        Binding("ctrl+s", "done", show=False),
    ]

    def __init__(
        self, scale: m.RatingScale, people: list[tuple[str, str]], *, later: bool = False
    ) -> None:
        """``people``: (member id, pseudonym) of the members present, in board order;
        ``later``: the session closed already (Enter saves, Esc leaves it as it was)."""
        super().__init__()
        self.later = later
        self.scale = scale
        self.people = people
        self.keys = score_keys(scale)
        self.given: dict[str, int] = {}
        self.current = 0

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(id="ratings-title", classes="title")
            yield Static(id="ratings-scale")
            yield Static(id="ratings-list")
            yield Static(id="ratings-help")

    def on_mount(self) -> None:
        self.refresh_language()

    def language_changed(self) -> None:
        """Called by the app after F9 switched the language."""
        self.refresh_language()

    def refresh_language(self) -> None:
        """Redraw every text in the current language."""
        self.query_one("#ratings-title", Label).update(
            _("Ratings: {scale}").format(scale=self.scale.name)
        )
        anchors = self.scale.anchor_words()
        parts = [
            # The key, then the score when it differs from the key (a scale such as -2…2).
            (key if key == str(value) else f"{key} → {value}")
            + (f" {anchors[value]}" if value in anchors else "")
            for key, value in self.keys.items()
        ]
        self.query_one("#ratings-scale", Static).update(Text("  ·  ".join(parts)))
        self.query_one("#ratings-help", Static).update(
            _(
                "A score's key rates the member marked ▶ · s or space skips · Backspace goes "
                "back · Enter saves the scores · Esc leaves them as they were"
            )
            if self.later
            else _(
                "A score's key rates the member marked ▶ · s or space skips · Backspace goes "
                "back · Enter closes the session · Esc goes back to recording"
            )
        )
        self._show()

    def _show(self) -> None:
        out = Text()
        for index, (member_id, pseudonym) in enumerate(self.people):
            here = index == self.current
            out.append("▶ " if here else "  ", "bold")
            out.append(pseudonym, "bold" if here else "")
            score = self.given.get(member_id)
            out.append("  " + (str(score) if score is not None else "–"), "cyan")
            out.append("\n")
        if self.current >= len(self.people):
            out.append(
                _("All done: Enter saves the scores.")
                if self.later
                else _("All done: Enter closes the session."),
                "bold green",
            )
        self.query_one("#ratings-list", Static).update(out)

    def on_key(self, event: events.Key) -> None:
        key = latin_key(event.character) if event.character else event.key
        if key in self.keys and self.current < len(self.people):
            self.given[self.people[self.current][0]] = self.keys[key]
            self.current += 1
        elif key in ("s", " ") and self.current < len(self.people):
            self.given.pop(self.people[self.current][0], None)
            self.current += 1
        elif event.key == "backspace" and self.current > 0:
            self.current -= 1
        else:
            return
        event.stop()
        event.prevent_default()
        self._show()

    def action_back(self) -> None:
        """Back to recording; nothing is stored."""
        self.dismiss(None)

    def action_done(self) -> None:
        """Close the session with the scores given."""
        self.dismiss(dict(self.given))
