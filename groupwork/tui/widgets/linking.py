"""Free-text fields that link people while the worker writes.

``LinkingTextArea`` (notes, assessments, dialogue, reviews, reflections) and ``LinkingInput``
(task titles, questions, themes): ``@`` or Ctrl+L opens the person picker
(``screens/person_picker.py``) and the chosen person goes in at the cursor as a link token
(``groupwork.privacy.links``). Esc in the picker types the ``@`` after all, so an address
such as ``may@example.org`` can still be written.

The group is the nearest screen's that has one: its ``group_id`` (forms, workspaces), or the
recorder's session's (the quick task and closing dialogs over the recorder). Without a group
(a form outside one) the keys do what they always did.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.events import Key
from textual.widgets import Input, TextArea

from groupwork.i18n import N_


def screen_group_id(screen) -> str | None:
    """The group whose people a field on ``screen`` may link, or None."""
    group_id = getattr(screen, "group_id", None)
    if group_id:
        return group_id
    recorder = getattr(screen, "recorder", None)
    session = getattr(recorder, "session", None)
    return getattr(session, "group_id", None)


class _Linking:
    """What both fields share: open the picker, insert what it returns."""

    def _insert(self, text: str) -> None:
        raise NotImplementedError

    def open_picker(self, typed_at: bool) -> bool:
        """Open the picker for this field's group; False when there is no group."""
        from groupwork.tui.screens.person_picker import PersonPickerScreen

        stack = reversed(self.app.screen_stack)  # type: ignore[attr-defined]
        group_id = next(filter(None, map(screen_group_id, stack)), None)
        if group_id is None:
            return False

        def chosen(token: str | None) -> None:
            if token is not None:
                self._insert(token)
            elif typed_at:
                self._insert("@")
            self.focus()  # type: ignore[attr-defined]

        self.app.push_screen(PersonPickerScreen(group_id), chosen)  # type: ignore[attr-defined]
        return True

    def action_link_person(self) -> None:
        """Ctrl+L: link a person at the cursor."""
        self.open_picker(typed_at=False)


class LinkingTextArea(_Linking, TextArea):
    """A text area in which ``@`` or Ctrl+L links a person."""

    BINDINGS = [Binding("ctrl+l", "link_person", N_("Link a person"), show=False)]

    def _insert(self, text: str) -> None:
        self.insert(text)

    async def _on_key(self, event: Key) -> None:
        if event.character == "@" and not self.read_only and self.open_picker(typed_at=True):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)


class LinkingInput(_Linking, Input):
    """A one-line field in which ``@`` or Ctrl+L links a person."""

    BINDINGS = [Binding("ctrl+l", "link_person", N_("Link a person"), show=False)]

    def _insert(self, text: str) -> None:
        self.insert_text_at_cursor(text)

    async def _on_key(self, event: Key) -> None:
        if event.character == "@" and self.open_picker(typed_at=True):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)
