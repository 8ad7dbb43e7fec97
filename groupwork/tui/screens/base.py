"""What every groupwork screen shares: key hints translated at display time.

Textual keeps a binding's description as the string given in ``BINDINGS`` (defined at import
time, so in English). Screens here mark those descriptions with ``N_`` and this mixin
translates them whenever the footer, the help screen or the command palette asks for the
active bindings, so switching language at run time changes every key hint at once.
"""

from __future__ import annotations

import dataclasses
from typing import Generic, TypeVar

from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen

from groupwork.i18n import _

ResultT = TypeVar("ResultT")


def translated_bindings(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """The same bindings with their descriptions in the current language."""
    result = {}
    for key, active in bindings.items():
        binding = active.binding
        if binding.description:
            binding = dataclasses.replace(binding, description=_(binding.description))
        result[key] = active._replace(binding=binding)
    return result


class TranslatedBindingsMixin:
    """Translate binding descriptions when they are shown; re-render on language change."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:  # type: ignore[override]
        return translated_bindings(super().active_bindings)  # type: ignore[misc]

    def reload(self) -> None:
        """Fill the screen's widgets from the store (screens that show data override this)."""

    async def redraw(self) -> None:
        """Compose the screen again (new words, new data), then fill it."""
        await self.recompose()  # type: ignore[attr-defined]
        self.reload()
        self.refresh_bindings()  # type: ignore[attr-defined]

    def language_changed(self) -> None:
        """Called by the app after the language was switched: redraw in the new language."""
        self.call_later(self.redraw)  # type: ignore[attr-defined]


class GroupworkScreen(TranslatedBindingsMixin, Screen):
    """A full screen of the app."""


class GroupworkModal(TranslatedBindingsMixin, ModalScreen[ResultT], Generic[ResultT]):
    """A modal dialog of the app."""
