"""What a terminal would show of a headless app: every frame the app writes, kept as cells.

Textual writes a terminal only what changed (``App._display`` with a whole frame or the
changed spans of lines). A frame left out, or a repaint answered by the wrong frame, leaves
the terminal showing what the screen no longer is, while the screen itself (and a snapshot,
which renders it afresh) looks right. ``TerminalView`` records the frames as a terminal
would apply them, and ``matches_screen`` compares that with the screen rendered whole now.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import ControlType
from textual.app import App


class TerminalView:
    """Cells (text, style) a terminal holds after the frames written to it."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells = [[(" ", None)] * width for _ in range(height)]

    def apply(self, update, console) -> None:
        """Write one frame (a Textual compositor update) as a terminal would."""
        x = y = 0
        for segment in update.__rich_console__(console, console.options):
            if segment.control:
                for code in segment.control:
                    if code[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = code[1], code[2]
                continue
            if segment.text == "\n":
                x, y = 0, y + 1
                continue
            for char in segment.text:
                width = cell_len(char)
                if not 0 <= y < self.height:
                    continue
                if width == 0:  # a combining mark (Thai vowels and tones above and below)
                    if x > 0:
                        text, style = self.cells[y][x - 1]
                        self.cells[y][x - 1] = (text + char, style)
                    continue
                if x < self.width:
                    self.cells[y][x] = (char, segment.style)
                if width == 2 and x + 1 < self.width:
                    self.cells[y][x + 1] = ("", segment.style)
                x += width

    def text(self) -> str:
        """The terminal's text, a line per row."""
        return "\n".join("".join(t for t, _s in row).rstrip() for row in self.cells)

    def differences(self, other: TerminalView) -> list[str]:
        """Rows (and why) where the two hold different cells: text or style."""
        found = []
        for y, (mine, theirs) in enumerate(zip(self.cells, other.cells, strict=True)):
            if mine != theirs:
                texts = ["".join(t for t, _s in row).rstrip() for row in (mine, theirs)]
                kind = "text" if texts[0] != texts[1] else "style"
                found.append(f"row {y} ({kind}): shown {texts[0]!r}, screen {texts[1]!r}")
        return found


def watch_terminal(monkeypatch, size: tuple[int, int] = (120, 40)) -> TerminalView:
    """Keep what the app under test writes to its (headless) terminal of ``size``, frame by
    frame (Textual's ``App._display`` is replaced for the test)."""
    view = TerminalView(*size)
    display = App._display

    def shown(self, screen, renderable) -> None:
        if renderable is not None and not self._batch_count:
            view.apply(renderable, self.console)
        display(self, screen, renderable)

    monkeypatch.setattr(App, "_display", shown)
    return view


def differences_from_screen(app: App, view: TerminalView) -> list[str]:
    """Where ``view`` differs from the app's top screen rendered whole now."""
    screen = app.screen
    fresh = TerminalView(view.width, view.height)
    fresh.apply(
        screen._compositor.render_update(full=True, screen_stack=app._background_screens),
        app.console,
    )
    return view.differences(fresh)
