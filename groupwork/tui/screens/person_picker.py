"""The picker that links a person while writing: a member or someone around the group.

Opened with ``@`` or Ctrl+L from any free-text field (``widgets/linking.py``). Enter inserts
a link token (``groupwork.privacy.links``): the worker reads the name, everything shared shows
the member's pseudonym or the person's role. Esc inserts nothing.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from groupwork.i18n import N_, _
from groupwork.privacy import links
from groupwork.tui.screens.base import GroupworkModal
from groupwork.tui.widgets.plain import Label


def link_choices(store, group_id: str) -> list[tuple[str, str]]:
    """(what the list shows, the token it inserts): the group's members (not erased), then
    its people around, each with what stands for them in shared outputs."""
    found = []
    for member in store.members(group_id):
        if not member.erased:
            shown = _("{name} (member, shared as {pseudonym})").format(
                name=member.real_name, pseudonym=member.pseudonym
            )
            found.append((shown, links.token(links.MEMBER, member.id, member.real_name)))
    for person in store.people_around(group_id):
        shown = _("{name} (shared as {role})").format(name=person.real_name, role=person.role)
        found.append((shown, links.token(links.AROUND, person.id, person.real_name)))
    return found


class PersonPickerScreen(GroupworkModal[str | None]):
    """Choose a person to link; dismisses with the link token, or None on Esc."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id

    def compose(self) -> ComposeResult:
        self.choices = link_choices(self.app.store, self.group_id)
        with Vertical(id="dialog", classes="message-dialog"):
            yield Label(_("Link a person"), classes="dialog-title")
            if self.choices:
                yield OptionList(
                    *(Option(shown, id=str(i)) for i, (shown, _t) in enumerate(self.choices)),
                    id="people",
                    markup=False,  # names as typed
                )
            else:
                yield Label(
                    _(
                        "No members or people around the group yet: add them first (P on the group's page)."
                    ),
                    id="no-people",
                )
            yield Label(_("Enter links the person · Esc types nothing"), classes="dialog-hint")

    def on_mount(self) -> None:
        if self.choices:
            self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#people")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
