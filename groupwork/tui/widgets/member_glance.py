"""Members at a glance: attendance rate, share of turns, and a sparkline of turns per session
in which a session the member missed or had left by is a mark, not a silent 0 (the heat map's
marks: ``analytics.participation_cells``, ``charts.participation_marks``)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content

from groupwork.charts import participation_marks
from groupwork.i18n import _
from groupwork.tui.formatting import percent
from groupwork.tui.widgets.plain import Static

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


NAME_WIDTH, NUMBER_WIDTH = 14, 6
"""Cells of the name and of each figure (as ``.glance-name`` and ``.glance-number`` were)."""


def fitted(text: str, width: int) -> Content:
    """The first line ``text`` (as typed: a name is not markup) wraps to in ``width`` cells,
    padded to it."""
    lines = Content(text).wrap(width) if text else []
    return (lines[0] if lines else Content("")).truncate(width, pad=True)


def turns_fitted(marks: list[str], width: int) -> str:
    """A member's turns per session in ``width`` cells: two a session when there is room,
    one when not, and the latest sessions when even that is too wide."""
    if width >= CELLS_PER_SESSION * len(marks):
        return "".join(m * CELLS_PER_SESSION for m in marks)
    return "".join(marks[-width:] if width else [])


class GlanceRow(Static):
    """One line of the glance: the name, attendance, share, then the turns per session.

    One widget a line, not five (a row, three labels and the sparkline): a group's glance was
    over fifty widgets to compose and style before the dashboard's first paint. It lays the
    line out as those widgets did: the name and figures in fixed cells, the turns two cells a
    session, as wide as the glance allows, cut where the glance ends. A ``Static`` (whose
    content it draws itself) so that what reads a screen's text finds it.
    """

    DEFAULT_CSS = "GlanceRow { height: 1; }"

    def __init__(self, cells: tuple[str, str, str, str], marks: list[str] | None, **kwargs):
        super().__init__("", **kwargs)
        self.cells = cells
        self.marks = marks
        self.tooltip = turns_legend()

    @property
    def turns(self) -> str:
        """The marks as drawn: fitted to the width the sparkline had (at most the glance's)."""
        if self.marks is None:
            return ""
        return turns_fitted(self.marks, min(self.size.width, CELLS_PER_SESSION * len(self.marks)))

    def render(self) -> Content:
        """The line, cut at the glance's width."""
        width = self.size.width
        name, attendance, share, last = self.cells
        line = Content.assemble(
            fitted(name, NAME_WIDTH),
            fitted(attendance, NUMBER_WIDTH),
            fitted(share, NUMBER_WIDTH),
            Content(last if self.marks is None else self.turns),
        )
        return line.truncate(width)


class MemberGlance(Vertical):
    """One row per member; the header names the columns."""

    def __init__(self, lines: list[MemberLine], **kwargs) -> None:
        super().__init__(**kwargs)
        self.lines = lines

    def compose(self) -> ComposeResult:
        header = (_("Member"), _("Att."), _("Share"), _("Turns per session"))
        yield GlanceRow(header, None, classes="glance-row muted")
        top = max(
            (c for ln in self.lines for c in ln.turns_by_session if isinstance(c, int)), default=0
        )
        for line in self.lines:
            flag = " ↓" if line.quiet else (" ↑" if line.dominant else "")
            yield GlanceRow(
                (line.label + flag, percent(line.attendance), percent(line.share), ""),
                turn_marks(line.turns_by_session, top),
                classes="glance-row",
            )
