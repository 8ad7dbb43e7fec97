"""The recorder's member board: one row per member with their key, attendance and live share.

Shows pseudonyms only: the laptop screen may be seen by the room. The share bar is scaled so
that the group average sits at the same column on every row (a thin mark), which makes quiet
and dominant members stand out at a glance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.widget import Widget

from groupwork import models as m
from groupwork.analytics import ShareOfTurns
from groupwork.i18n import _

ATTENDANCE_GLYPHS = {
    m.AttendanceStatus.PRESENT: ("●", "green"),
    m.AttendanceStatus.LATE: ("◐", "yellow"),
    m.AttendanceStatus.EXCUSED: ("○", "cyan"),
    m.AttendanceStatus.ABSENT: ("✗", "red"),
}
UNMARKED = ("·", "dim")
MAX_RELATIVE = 3.0
"""A bar is full at three times the average share."""


@dataclass
class BoardRow:
    """One member's line on the board: key, name, attendance and share of turns."""

    key: str
    member_id: str
    pseudonym: str
    attendance: m.AttendanceStatus | None
    share: ShareOfTurns | None
    """None for members not compared (excused or absent)."""
    inactive: bool = False
    """A member who withdrew: their key stays theirs, greyed and skipped."""
    bank: int = 1
    """The key bank (1: digits, 2 and 3: letters) the member's key is in."""


@dataclass
class BoardState:
    """What the board shows: its rows and which of its modes is on."""

    rows: list[BoardRow] = field(default_factory=list)
    roll_call: bool = False
    show_shares: bool = True
    facilitator_key: str = "f"
    facilitator_turns: int = 0
    facilitator_share: float | None = None
    member_turns: int = 0
    timed_actor: str | None = None


class MemberBoard(Widget):
    """Members with their keys; in roll call their attendance, otherwise their share of turns."""

    DEFAULT_CSS = """
    MemberBoard { height: auto; min-height: 5; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.state = BoardState()
        self.renders = 0
        """How many times the board was drawn (the latency benchmark waits on it)."""

    def show(self, state: BoardState) -> None:
        """Draw ``state`` (the screen calls this after each committed event)."""
        # A layout pass only when the board's height changes (a member added, a new key
        # bank); a turn changes numbers and bars, not the size.
        resized = self.get_content_height(None, None, 0)
        self.state = state
        self.refresh(layout=resized != self.get_content_height(None, None, 0))

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.state.rows) + 4 + self._bank_lines()

    def _bank_lines(self) -> int:
        # A heading before each bank after the first: more than ten members.
        return len({row.bank for row in self.state.rows}) - 1 if self.state.rows else 0

    def render(self) -> Text:
        self.renders += 1
        state = self.state
        width = max(30, self.size.width or 44)
        longest = max(
            [cell_len(_("Facilitator")), *(cell_len(row.pseudonym) for row in state.rows)]
        )
        name_width = max(6, min(16, longest))
        # Whatever the names leave goes to the bars: more room, finer bars.
        bar_width = max(8, min(40, width - (3 + name_width + 2 + 6 + 3)))
        out = Text(no_wrap=True, overflow="ellipsis")
        if state.roll_call:
            out.append(set_cell_size(_("Key  Member"), name_width + 5) + _("Attendance"), "bold")
        elif state.show_shares:
            out.append(
                set_cell_size(_("Key  Member"), name_width + 5)
                + set_cell_size(_("Turns"), 5)
                + " "
                + _("Share │ = avg"),
                "bold",
            )
        else:
            out.append(set_cell_size(_("Key  Member"), name_width + 5) + _("Turns"), "bold")
        bank = 1
        for row in state.rows:
            out.append("\n")
            if row.bank != bank:
                bank = row.bank
                heading = _("── key bank {bank}: letters ──").format(bank=bank)
                out.append(heading, "bold cyan")
                out.append("\n")
            self._member_row(out, row, name_width, bar_width)
        out.append("\n")
        timing = state.timed_actor == m.FACILITATOR
        out.append(f"{state.facilitator_key:>2} ", "bold reverse" if timing else "bold")
        out.append(set_cell_size(_("Facilitator"), name_width + 2))
        if not state.roll_call:
            out.append(f"{state.facilitator_turns:>5} ")
            if state.show_shares and state.facilitator_share is not None:
                out.append(
                    _("{share} of all turns").format(
                        share=f"{round(state.facilitator_share * 100)}%"
                    ),
                    "italic",
                )
        out.append("\n")
        out.append(self._legend(), "dim")
        return out

    def _member_row(self, out: Text, row: BoardRow, name_width: int, bar_width: int) -> None:
        if row.inactive:
            out.append(f"{row.key:>2} ", "dim")
            out.append(set_cell_size(row.pseudonym, name_width) + " ", "dim strike")
            out.append(_("withdrew (key kept)"), "dim italic")
            return
        timing = self.state.timed_actor == row.member_id
        out.append(f"{row.key:>2} ", "bold reverse" if timing else "bold")
        glyph, colour = ATTENDANCE_GLYPHS.get(row.attendance, UNMARKED)
        out.append(set_cell_size(row.pseudonym, name_width) + " ")
        out.append(glyph, colour)
        if self.state.roll_call:
            label = m.caption(row.attendance) if row.attendance else _("not marked")
            out.append(" " + label, colour)
            return
        turns = row.share.turns if row.share else 0
        out.append(f"{turns:>5} ")
        if not self.state.show_shares or row.share is None:
            return
        out.append_text(self._bar(row.share, bar_width))
        if not self._enough_turns_to_flag():
            return
        if row.share.dominant:
            out.append(" ▲", "bold red")
        elif row.share.quiet:
            out.append(" ▽", "bold yellow")

    def _enough_turns_to_flag(self) -> bool:
        # Until everyone could have had a turn, "quiet" only means "not reached yet".
        compared = sum(1 for row in self.state.rows if row.share is not None)
        return self.state.member_turns >= max(1, compared)

    @staticmethod
    def _bar(share: ShareOfTurns, width: int) -> Text:
        filled = round(min(share.relative, MAX_RELATIVE) / MAX_RELATIVE * width)
        average_at = round(width / MAX_RELATIVE) - 1
        bar = Text()
        for i in range(width):
            if i < filled:
                bar.append("█", "red" if share.dominant else "green")
            elif i == average_at:
                bar.append("│", "dim")
            else:
                bar.append(" ")
        return bar

    def _legend(self) -> str:
        if self.state.roll_call:
            return _("● present ◐ late ○ excused ✗ absent")
        if not self.state.show_shares:
            return _("Shares hidden (v shows them)")
        return _("▲ dominant  ▽ quiet  · v hides")
