"""The recorder's event log: the latest events recorded, newest first.

A line whose event is not stored yet (the recorder's writer thread has it, or the database
would not take it) ends in ⏳; a line without it is on disk. Times are shown as minutes into
the session (the room's own clock).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from rich.text import Text
from textual.widget import Widget

from groupwork.i18n import _


def session_time(seconds: float) -> str:
    """Elapsed session time as "h:mm:ss" (or "mm:ss" in the first hour)."""
    seconds = int(max(0, seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


class EventLog(Widget):
    """The last events recorded in this session."""

    DEFAULT_CSS = """
    EventLog { height: 1fr; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    MAX_LINES = 200

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: deque[tuple[str, Callable[[], str], str, Callable[[], bool] | None]] = deque(
            maxlen=self.MAX_LINES
        )
        self.marked = False
        """True when the last drawing showed a line as not yet stored (⏳)."""
        self._redraw_due = False

    def add(
        self,
        when: str,
        text: Callable[[], str],
        style: str = "",
        saving: Callable[[], bool] | None = None,
    ) -> None:
        """Show an event at the top. ``text`` is called at each drawing, so the line follows
        a change of language; so is ``saving``: while it answers True the line ends in ⏳."""
        self.lines.appendleft((when, text, style, saving))
        self.refresh()

    def stored(self, within: float = 0.25) -> None:
        """Events were stored: draw the ⏳ lines again without it, within ``within`` seconds.
        Not at once: while someone types, the next key's drawing does it anyway, which
        spares a frame per key; a ⏳ may outlive its write by that long, never the reverse."""
        if self.marked and not self._redraw_due:
            self._redraw_due = True
            self.set_timer(within, self._redraw_if_marked)

    def _redraw_if_marked(self) -> None:
        self._redraw_due = False
        if self.marked:
            self.refresh()

    def render(self) -> Text:
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append(_("Recorded"), "bold")
        height = max(1, (self.size.height or 20) - 1)
        self.marked = False
        for when, text, style, saving in list(self.lines)[:height]:
            out.append("\n")
            out.append(f"{when:>7} ", "dim")
            out.append(text(), style)
            if saving is not None and saving():
                self.marked = True
                out.append(" ⏳")
        if not self.lines:
            out.append("\n")
            out.append(_("Nothing yet. Press a member's key when they speak."), "dim italic")
        return out
