"""Members at a glance: attendance rate, share of turns, and a sparkline of turns per session."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Sparkline

from groupwork.i18n import _
from groupwork.tui.formatting import percent

CELLS_PER_SESSION = 2
"""Sparkline cells per session: a group with two sessions gets a short line, not two wide
blocks across the screen; a long group still shrinks to the room there is."""


@dataclass(frozen=True)
class MemberLine:
    """One member's figures."""

    label: str
    attendance: float | None
    share: float | None
    turns_by_session: list[int]
    quiet: bool = False
    dominant: bool = False


class MemberGlance(Vertical):
    """One row per member; the header names the columns."""

    def __init__(self, lines: list[MemberLine], **kwargs) -> None:
        super().__init__(**kwargs)
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Horizontal(classes="glance-row muted"):
            yield Label(_("Member"), classes="glance-name")
            yield Label(_("Att."), classes="glance-number")
            yield Label(_("Share"), classes="glance-number")
            yield Label(_("Turns per session"))
        for line in self.lines:
            flag = " ↓" if line.quiet else (" ↑" if line.dominant else "")
            with Horizontal(classes="glance-row"):
                yield Label(line.label + flag, classes="glance-name")
                yield Label(percent(line.attendance), classes="glance-number")
                yield Label(percent(line.share), classes="glance-number")
                data = line.turns_by_session or [0]
                sparkline = Sparkline(data)
                sparkline.styles.max_width = CELLS_PER_SESSION * len(data)
                yield sparkline
