"""Members at a glance: attendance rate, share of turns, and a sparkline of turns per session
in which a session the member missed or had left by is a mark, not a silent 0 (the heat map's
marks: ``analytics.participation_cells``, ``charts.participation_marks``)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label

from groupwork.charts import participation_marks
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
    turns_by_session: list[int | str]
    """Per held session the turns taken (0: came, silent) or why none could be (``NOT_THERE``)."""
    quiet: bool = False
    dominant: bool = False


BARS = "▂▃▄▅▆▇█"
"""A session with turns, from a few to the most any member took in one session."""
SILENT = "▁"
"""A session the member came to and took no turn: a floor, unlike a session missed."""


def turn_marks(cells: list[int | str], top: int) -> list[str]:
    """One character per session: a bar scaled to ``top`` (the most turns anyone took in a
    session), the floor for a silent session, the heat map's mark for one missed."""
    marks = participation_marks()
    out = []
    for cell in cells:
        if isinstance(cell, str):
            out.append(marks.get(cell, "·"))
        elif cell <= 0:
            out.append(SILENT)
        else:
            out.append(BARS[min(len(BARS) - 1, (cell * len(BARS) - 1) // max(top, 1))])
    return out


def turns_legend() -> str:
    """What the sparkline's marks mean."""
    return _("▁ came, no turn · – absent · × had left the group · · not in the roll call")


class TurnsLine(Widget):
    """A member's turns per session: two cells a session when there is room, one when not,
    and the latest sessions when even that is too wide."""

    DEFAULT_CSS = "TurnsLine { height: 1; }"

    def __init__(self, cells: list[int | str], top: int) -> None:
        super().__init__()
        self.marks = turn_marks(cells, top)
        self.tooltip = turns_legend()

    def render(self) -> Text:
        """The marks fitted to the width there is."""
        width = self.size.width
        marks = self.marks
        if width >= CELLS_PER_SESSION * len(marks):
            return Text("".join(m * CELLS_PER_SESSION for m in marks))
        return Text("".join(marks[-width:] if width else []))


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
            header = Label(_("Turns per session"))
            header.tooltip = turns_legend()
            yield header
        top = max(
            (c for ln in self.lines for c in ln.turns_by_session if isinstance(c, int)), default=0
        )
        for line in self.lines:
            flag = " ↓" if line.quiet else (" ↑" if line.dominant else "")
            with Horizontal(classes="glance-row"):
                yield Label(line.label + flag, classes="glance-name")
                yield Label(percent(line.attendance), classes="glance-number")
                yield Label(percent(line.share), classes="glance-number")
                line_of_turns = TurnsLine(line.turns_by_session, top)
                line_of_turns.styles.max_width = CELLS_PER_SESSION * len(line.turns_by_session)
                yield line_of_turns
