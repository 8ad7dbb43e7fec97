"""The register of people around a group: add, edit and remove them.

A partner, a relative, a village headman, a nurse, an official: each with the name the worker
knows them by and the role shared outputs show instead ("สามีของสมาชิก ก", "ผู้ใหญ่บ้าน").
Once registered, the worker links them in any free-text field with ``@`` or Ctrl+L. The
rules are ``operations.people_around``'s.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from groupwork import models as m
from groupwork.i18n import N_, _
from groupwork.tui.formatting import clip
from groupwork.tui.screens.base import GroupworkScreen
from groupwork.tui.widgets.key_footer import KeyFooter
from groupwork.tui.widgets.model_form import FieldSpec
from groupwork.tui.widgets.plain import Static
from groupwork.tui.widgets.title_header import TitleHeader


def fields() -> list[FieldSpec]:
    """The register's form, its hints in the current language."""
    return [
        FieldSpec("real_name", placeholder=_("The name you know them by (never shared)")),
        FieldSpec("role", placeholder=_("What shared outputs show: ผู้ใหญ่บ้าน, สามีของสมาชิก ก")),
        FieldSpec("notes", "long"),
    ]


class PeopleAroundScreen(GroupworkScreen):
    """The group's register of people around it, one row each."""

    BINDINGS = [
        Binding("a", "add", N_("Add")),
        Binding("e", "edit", N_("Edit")),
        Binding("enter", "edit", N_("Edit"), show=False),
        Binding("delete", "remove", N_("Remove")),
        Binding("x", "remove", N_("Remove"), show=False),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        yield Static(_("People around the group"), classes="screen-title")
        yield Static(
            _(
                "Not members: a partner, a relative, a headman, a nurse. In any note, @ or "
                "Ctrl+L links one of them; shared outputs show the role, never the name."
            ),
            classes="muted",
        )
        yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Show the register as stored."""
        table = self.query_one("#people-table", DataTable)
        table.clear(columns=True)
        table.add_column(_("Name (for you)"), key="name")
        table.add_column(_("Shared as"), key="role")
        table.add_column(_("Notes"), key="notes")
        for person in self.app.store.people_around(self.group_id):
            table.add_row(
                clip(person.real_name, 24),
                clip(person.role, 30),
                clip(person.notes, 40),
                key=person.id,
            )
        table.focus()

    def selected_id(self) -> str | None:
        """The id of the highlighted person, if any."""
        table = self.query_one("#people-table", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _open_form(self, person: m.PersonAround | None) -> None:
        from groupwork.operations.people_around import save_person
        from groupwork.tui.screens.record_form import RecordFormScreen

        base = {"group_id": self.group_id} if person is None else person.model_dump()

        def title() -> str:
            if person is None:
                return _("Add a person around the group")
            return _("Edit a person around the group")

        form = RecordFormScreen(
            title(),
            m.PersonAround,
            fields(),
            base,
            lambda new: save_person(self.app.store, new),
            title,
            group_id=self.group_id,
        )
        self.app.push_screen(form, lambda saved: self.reload() if saved else None)

    def action_add(self) -> None:
        self._open_form(None)

    def action_edit(self) -> None:
        person_id = self.selected_id()
        if person_id is not None:
            self._open_form(self.app.store.get(m.PersonAround, person_id))

    def action_remove(self) -> None:
        person_id = self.selected_id()
        if person_id is None:
            return
        from groupwork.operations.people_around import remove_person
        from groupwork.tui.screens.ask import Answer, AskScreen

        person = self.app.store.get(m.PersonAround, person_id)

        def answered(choice: str | None) -> None:
            if choice == "remove":
                remove_person(self.app.store, person_id)
                self.notify(_("{name} removed from the register.").format(name=person.real_name))
                self.reload()

        question = _(
            "Remove {name} from the register? Notes that link them will show "
            '"[name withheld]" in shared outputs.'
        ).format(name=person.real_name)
        self.app.push_screen(
            AskScreen(
                _("Remove a person"),
                question,
                [Answer("r", _("Remove"), "remove"), Answer("k", _("Keep"), "keep")],
            ),
            answered,
        )

    def action_back(self) -> None:
        self.dismiss()
