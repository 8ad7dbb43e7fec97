"""Text wrapped between words, Thai included (the terminal's own wrapping breaks Thai words)."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.widget import Widget

from groupwork.text_layout import wrap


class WrappedText(Widget):
    """A block of text wrapped to its width at word boundaries (``groupwork.text_layout``)."""

    DEFAULT_CSS = "WrappedText { height: auto; }"

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = text

    def update(self, text: str) -> None:
        """Show ``text`` instead (its height may change)."""
        self.text = text
        self.refresh(layout=True)

    def lines(self, width: int) -> list[str]:
        """The text's lines at ``width`` cells."""
        return wrap(self.text, width)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> RenderableType:
        return Text("\n".join(self.lines(self.content_size.width or 80)))
