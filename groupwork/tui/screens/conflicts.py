"""Settling the conflicts a push or pull kept on this laptop: each field with this laptop's
value and the agency database's, and one key to keep either side.

The rules live in ``groupwork.operations.sync_settle`` (the same for ``groupwork conflicts``);
this screen lists and asks. Reached from the dashboard with ``k`` when the group has any.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from groupwork import models as m
from groupwork.errors import GroupworkError
from groupwork.i18n import N_, _
from groupwork.operations.sync_settle import conflicts, settle
from groupwork.tui.formatting import clip, show_date
from groupwork.tui.screens.base import GroupworkScreen
from groupwork.tui.widgets.key_footer import KeyFooter
from groupwork.tui.widgets.plain import Static
from groupwork.tui.widgets.title_header import TitleHeader


class ConflictsScreen(GroupworkScreen):
    """The group's kept conflicts, one row per differing field."""

    BINDINGS = [
        Binding("m", "keep('mine')", N_("Keep this laptop's")),
        Binding("t", "keep('theirs')", N_("Keep the server's")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id
        self.row_conflicts: list[str] = []

    def compose(self) -> ComposeResult:
        group = self.app.store.get(m.Group, self.group_id)
        yield TitleHeader()
        yield Static(
            f"{group.name} · " + _("Conflicts to settle"), classes="screen-title", markup=False
        )
        yield DataTable(id="conflicts", cursor_type="row", zebra_stripes=True)
        yield Static(
            _(
                "Nothing was overwritten: both versions are kept until you choose. "
                "m keeps this laptop's (sent at the next push), t takes the server's."
            ),
            id="conflicts-help",
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Fill the table from the kept conflicts."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(
            _("Record"), _("Field"), _("This laptop"), _("Agency database"), _("Found")
        )
        self.row_conflicts = []
        for c in conflicts(self.app.store, self.group_id):
            record = f"{c.kind} {c.record_id[:8]}"
            found = show_date(c.found_at.date())
            if not c.fields:
                here = _("deleted") if c.erased_here else _("changed")
                there = _("deleted") if c.erased_there else _("changed")
                table.add_row(record, "—", here, there, found)
                self.row_conflicts.append(c.id)
            for f in c.fields:
                table.add_row(record, f.name, clip(str(f.mine), 24), clip(str(f.theirs), 24), found)
                self.row_conflicts.append(c.id)
        if not self.row_conflicts:
            self.query_one("#conflicts-help", Static).update(
                _("No conflicts: this laptop and the agency database agree.")
            )

    def action_keep(self, side: str) -> None:
        """Settle the highlighted row's conflict, keeping ``side``."""
        table = self.query_one(DataTable)
        if not self.row_conflicts:
            return
        try:
            settled = settle(self.app.store, self.row_conflicts[table.cursor_row], side)
        except GroupworkError as exc:
            self.notify(exc.message, severity="error")
            return
        message = (
            _("Kept this laptop's {kind} {record}: the next push sends it.")
            if side == "mine"
            else _("Took the agency database's {kind} {record}: both sides agree now.")
        )
        self.notify(message.format(kind=settled.kind, record=settled.record_id[:8]))
        self.reload()

    def action_back(self) -> None:
        self.dismiss()
