"""A stage's guide from ``sessions/``: its purpose and the prompts for the facilitator."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from groupwork.i18n import _
from groupwork.tui.widgets.plain import Static
from groupwork.tui.widgets.wrapped_text import WrappedText


class StageGuidePanel(VerticalScroll):
    """Purpose and prompts of one stage, in the current language."""

    can_focus = False

    def __init__(self, number: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.number = number

    def compose(self) -> ComposeResult:
        try:
            from groupwork.stages import guide
        except ImportError:
            yield Static(_("The stage guides are not available yet."), classes="muted")
            return
        stage = guide(self.number)
        yield Static(_("Purpose"), classes="section-title")
        # Wrapped here between words: the terminal would break Thai words anywhere.
        yield WrappedText(stage.purpose())
        prompts = stage.prompts()
        if prompts:
            yield Static(_("Prompts"), classes="section-title")
            yield WrappedText("\n".join(f"• {p}" for p in prompts))
