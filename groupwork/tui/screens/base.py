"""What every groupwork screen shares: key hints translated at display time, global keys first.

Textual keeps a binding's description as the string given in ``BINDINGS`` (defined at import
time, so in English). Screens here mark those descriptions with ``N_`` and this mixin
translates them whenever the footer, the help screen or the command palette asks for the
active bindings, so switching language at run time changes every key hint at once.

The app's own keys (F1 help, F9 language) come first on every screen, dialogs included:
the footer cuts what does not fit on the right, and at 80 columns in Thai a screen's own
keys used to push these two out of sight.
"""

from __future__ import annotations

import dataclasses
from typing import Generic, TypeVar

from textual.binding import ActiveBinding
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from groupwork.i18n import _, current_language
from groupwork.tui.screen_frames import FramesAnswerRepaints
from groupwork.tui.screen_layout import OneLayoutAnswersAll
from groupwork.tui.store_errors import TellsStoreErrors

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


def global_keys_first(
    screen: Screen, bindings: dict[str, ActiveBinding]
) -> dict[str, ActiveBinding]:
    """``bindings`` with the app's shown priority keys (help, language) put in front.

    They are added when missing: a modal screen's bindings leave out the app's, although
    priority keys still work there.
    """
    app: DOMNode = screen.app
    first: dict[str, ActiveBinding] = {}
    for key, binding in app._bindings:
        if binding.priority and binding.show and binding.description:
            first[key] = ActiveBinding(app, binding, True, binding.tooltip)
    return first | {key: active for key, active in bindings.items() if key not in first}


def screen_bindings(screen: Screen) -> dict[str, ActiveBinding]:
    """The keys of ``screen`` as people see them: global keys first, in the current language."""
    # Screen's own property: the untranslated bindings, whatever the screen class overrides.
    return translated_bindings(global_keys_first(screen, Screen.active_bindings.fget(screen)))


TEXTUAL_GENERIC_ACTIONS = {"app.focus_next", "app.focus_previous", "screen.copy_text"}
"""Keys every Textual screen has (Tab, Shift+Tab, Ctrl+C), described in English only."""


def own_bindings(screen: Screen) -> dict[str, ActiveBinding]:
    """The keys groupwork gives ``screen`` and the app, for help and the command palette.

    Leaves out what Textual's widgets bring (a table's arrows and page keys: "Scroll Left",
    "Page Down"…), which would show in English on a Thai screen and bury the screen's own
    keys under a dozen lines; the help text says how to move around instead.
    """
    return {
        key: active
        for key, active in screen_bindings(screen).items()
        if active.node in (screen, screen.app)
        and active.binding.action not in TEXTUAL_GENERIC_ACTIONS
    }


LANGUAGE_ACTION = "switch_language"


def other_language_name() -> str:
    """The language F9 switches to, named in that language (as language switches are labelled).

    A Thai reader who landed on an English screen finds "ไทย" in the footer; it is also
    shorter than "Thai/English", and footer room is short at 80 columns.
    """
    return "English" if current_language() == "th" else "ไทย"


def footer_bindings(screen: Screen) -> dict[str, ActiveBinding]:
    """``screen_bindings`` as the footer shows them: the language key says where it goes."""
    result = screen_bindings(screen)
    for key, active in result.items():
        if active.binding.action == LANGUAGE_ACTION:
            binding = dataclasses.replace(active.binding, description=other_language_name())
            result[key] = active._replace(binding=binding)
    return result


class TranslatedBindingsMixin:
    """Translate binding descriptions when they are shown; re-render on language change."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:  # type: ignore[override]
        # What the footer reads; help and the palette ask ``screen_bindings`` (full labels).
        return footer_bindings(self)  # type: ignore[arg-type]

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


class GroupworkScreen(
    TellsStoreErrors, TranslatedBindingsMixin, FramesAnswerRepaints, OneLayoutAnswersAll, Screen
):
    """A full screen of the app (a store error in it is told: ``tui/store_errors.py``)."""


class GroupworkModal(
    TellsStoreErrors,
    TranslatedBindingsMixin,
    FramesAnswerRepaints,
    OneLayoutAnswersAll,
    ModalScreen[ResultT],
    Generic[ResultT],
):
    """A modal dialog of the app."""


class SmallDialog(ModalScreen[ResultT], Generic[ResultT]):
    """A small modal of the recorder: its content in one ``Vertical``, framed and centred,
    its buttons at the right. The frame is styled here once, for every such dialog."""

    DEFAULT_CSS = """
    SmallDialog { align: center middle; }
    SmallDialog > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    SmallDialog Horizontal { height: auto; align-horizontal: right; }
    SmallDialog Button { min-width: 10; margin-left: 1; }
    """
