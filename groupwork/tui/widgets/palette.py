"""Textual's own words, in the person's language.

Textual writes a few things a person reads in English: the Select menu's footer key ("esc
Dismiss menu"), the command palette's keys and its "No matches found". The key descriptions
are translated where every footer is (``screens/base.py``) once the catalogue has them,
listed here; "No matches found" is drawn by the palette itself, so ``Palette`` draws it in
the current language.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from groupwork.i18n import N_, _

TEXTUAL_KEY_WORDS = (
    N_("Dismiss menu"),
    N_("Exit the command palette"),
    N_("Next command"),
    N_("Previous command"),
    N_("Next page"),
    N_("Previous page"),
)
"""Textual's binding descriptions that reach a footer, so the catalogue translates them."""


class Palette(CommandPalette):
    """The command palette, saying "No matches found" in the current language."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_("No matches found"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
