"""The recorder's event log: the latest committed events, newest first.

Each line is written only after the recorder has committed the event, so what is listed here
is what is on disk. Times are shown as minutes into the session (the room's own clock).
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
        self.lines: deque[tuple[str, Callable[[], str], str]] = deque(maxlen=self.MAX_LINES)

    def add(self, when: str, text: Callable[[], str], style: str = "") -> None:
        """Show a committed event at the top. ``text`` is called at each drawing, so the line
        follows a change of language."""
        self.lines.appendleft((when, text, style))
        self.refresh()

    def render(self) -> Text:
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append(_("Recorded"), "bold")
        height = max(1, (self.size.height or 20) - 1)
        for when, text, style in list(self.lines)[:height]:
            out.append("\n")
            out.append(f"{when:>7} ", "dim")
            out.append(text(), style)
        if not self.lines:
            out.append("\n")
            out.append(_("Nothing yet. Press a member's key when they speak."), "dim italic")
        return out
