"""Free-text fields that link people while the worker writes.

``LinkingTextArea`` (notes, assessments, dialogue, reviews, reflections) and ``LinkingInput``
(task titles, questions, themes): ``@`` or Ctrl+L opens the person picker
(``screens/person_picker.py``) and the chosen person goes in at the cursor as a link. Esc in
the picker types the ``@`` after all, so an address such as ``may@example.org`` can still be
written.

The worker sees a link as ``@`` and the name (``@ฟ้า ใจดี``), never its token: the field
remembers the links it holds (``ShownLinks``: those in the text it was given, those the picker
put in) and ``stored_text`` turns every intact ``@name`` of them back into its token
(``groupwork.privacy.links``) when the value is read for saving. A link the worker edits or
deletes part of is plain text from then on (the name matcher treats it as unlinked). Every
form reads such a field through ``stored_text``.

The group is the nearest screen's that has one: its ``group_id`` (forms, workspaces), or the
recorder's session's (the quick task and closing dialogs over the recorder). Without a group
(a form outside one) the keys do what they always did.
"""

from __future__ import annotations

import re
from collections import Counter

from textual.binding import Binding
from textual.events import Key
from textual.widgets import Input, TextArea

from groupwork.i18n import N_
from groupwork.privacy import links

MARK = "@"
"""What the worker sees before a linked name."""
_LATIN_END = "(?![A-Za-z0-9])"


def _latin(ch: str) -> bool:
    """A Latin letter or digit: a Latin name ends at a word boundary (Thai ones need none)."""
    return ch.isascii() and ch.isalnum()


def screen_group_id(screen) -> str | None:
    """The group whose people a field on ``screen`` may link, or None."""
    group_id = getattr(screen, "group_id", None)
    if group_id:
        return group_id
    recorder = getattr(screen, "recorder", None)
    session = getattr(recorder, "session", None)
    return getattr(session, "group_id", None)


class ShownLinks:
    """The links one field holds: each shown as ``@name``, stored as its token."""

    def __init__(self) -> None:
        self._tokens: dict[str, list[str]] = {}
        """What the worker sees -> the tokens it stands for, in the order they came."""
        self._pattern: re.Pattern[str] | None = None

    def remember(self, token: str) -> str:
        """Hold the link ``token`` (one token); what the worker sees for it."""
        (link,) = links.links_in(token)
        shown = MARK + link.name
        tokens = self._tokens.setdefault(shown, [])
        if token not in tokens:
            tokens.append(token)
            self._pattern = None
        return shown

    def show(self, text: str) -> str:
        """``text`` as the worker edits it: each token held and shown as ``@name``."""
        if "@[" not in text:
            return text
        return links.render(
            text, lambda link: self.remember(text[link.start : link.end]), spaced=False
        )

    def stored(self, text: str) -> str:
        """``text`` as it is saved: each intact ``@name`` the field holds becomes its token.

        The n-th ``@name`` of a name two links share takes the n-th of their tokens. A Latin
        name with a letter or digit typed straight after it ("@Mays") is no longer the link."""
        if not self._tokens or MARK not in text:
            return text
        if self._pattern is None:
            # Longest first: "@ฟ้า ใจดี" before "@ฟ้า" when both are held.
            alternatives = [
                re.escape(shown) + (_LATIN_END if _latin(shown[-1:]) else "")
                for shown in sorted(self._tokens, key=len, reverse=True)
            ]
            self._pattern = re.compile("|".join(alternatives))
        seen: Counter[str] = Counter()

        def token(hit: re.Match[str]) -> str:
            tokens = self._tokens[hit[0]]
            nth = seen[hit[0]]
            seen[hit[0]] += 1
            return tokens[min(nth, len(tokens) - 1)]

        return self._pattern.sub(token, text)


def stored_text(widget: Input | TextArea) -> str:
    """What a text field holds as saved: a linking field's links as their tokens, any other
    field's text as it is. The one way a form reads a field that may hold links."""
    text = widget.text if isinstance(widget, TextArea) else widget.value
    shown: ShownLinks | None = getattr(widget, "shown_links", None)
    return shown.stored(text) if shown is not None else text


class _Linking:
    """What both fields share: open the picker, insert what it returns."""

    shown_links: ShownLinks

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
                self._insert(self.shown_links.remember(token))
            elif typed_at:
                self._insert(MARK)
            self.focus()  # type: ignore[attr-defined]

        self.app.push_screen(PersonPickerScreen(group_id), chosen)  # type: ignore[attr-defined]
        return True

    def action_link_person(self) -> None:
        """Ctrl+L: link a person at the cursor."""
        self.open_picker(typed_at=False)


class LinkingTextArea(_Linking, TextArea):
    """A text area in which ``@`` or Ctrl+L links a person; a link reads ``@name``."""

    BINDINGS = [Binding("ctrl+l", "link_person", N_("Link a person"), show=False)]

    def __init__(self, text: str = "", **kwargs) -> None:
        self.shown_links = ShownLinks()
        super().__init__(self.shown_links.show(text), **kwargs)

    def load_text(self, text: str) -> None:
        """Load ``text`` (tokens and all), showing its links as names."""
        super().load_text(self.shown_links.show(text))

    def _insert(self, text: str) -> None:
        self.insert(text)

    async def _on_key(self, event: Key) -> None:
        if event.character == "@" and not self.read_only and self.open_picker(typed_at=True):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)


class LinkingInput(_Linking, Input):
    """A one-line field in which ``@`` or Ctrl+L links a person; a link reads ``@name``."""

    BINDINGS = [Binding("ctrl+l", "link_person", N_("Link a person"), show=False)]

    def __init__(self, value: str | None = None, *args, **kwargs) -> None:
        self.shown_links = ShownLinks()
        super().__init__(value, *args, **kwargs)

    def validate_value(self, value: str) -> str:
        """A value set with tokens in it (a record loaded, a draft restored) shows names."""
        return self.shown_links.show(value)

    def _insert(self, text: str) -> None:
        self.insert_text_at_cursor(text)

    async def _on_key(self, event: Key) -> None:
        if event.character == "@" and self.open_picker(typed_at=True):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)
