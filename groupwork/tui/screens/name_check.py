"""The pre-share check of the review, in the TUI: undecided names and names to decide.

Lists what ``groupwork.report.share_check.pre_share_check`` found: each undecided occurrence
of a member's name that is also an ordinary word (left as written until a person decides),
each place that may name a member who withdrew consent (to re-read and cut), and each possible
name of someone who is not a member, with where it occurs. On a highlighted occurrence, N
decides it is the name (replaced in every shared output) and W that it is the word (kept);
Shift+N and Shift+W decide every undecided occurrence of that word at once. On a highlighted
non-member's name, R replaces it and K keeps it. Each choice is stored at once and the lists
are checked again.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable

from groupwork.i18n import N_, _, ngettext
from groupwork.tui.screens.base import GroupworkModal
from groupwork.tui.widgets.plain import Label, Static


class NameCheckScreen(GroupworkModal[None]):
    """The pre-share check of ``group_id``'s review, and the worker's choices about names."""

    BINDINGS = [
        Binding("n", "occurrence('name', False)", N_("It is a name")),
        Binding("w", "occurrence('word', False)", N_("It is a word")),
        Binding("N", "occurrence('name', True)", N_("All: name")),
        Binding("W", "occurrence('word', True)", N_("All: word")),
        Binding("r", "decide(True)", N_("Replace name")),
        Binding("k", "decide(False)", N_("Keep name")),
        Binding("escape", "close", N_("Close")),
    ]

    class Checked(Message):
        """The check finished (in a worker thread)."""

        def __init__(self, check) -> None:
            super().__init__()
            self.check = check

    def __init__(self, group_id: str, names: bool = False) -> None:
        super().__init__()
        self.group_id = group_id
        self.names = names
        self.check = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="name-check-dialog"):
            yield Label(_("Before sharing: names to check"), classes="dialog-title")
            yield Static(_("Checking the records…"), id="check-spots")
            yield DataTable(id="check-undecided", cursor_type="row", zebra_stripes=True)
            yield Label(_("Possible names of people who are not members"), classes="field-label")
            yield DataTable(id="check-flags", cursor_type="row", zebra_stripes=True)
            yield Label(
                _("N name · W word (Shift: every one of that word) · R replace · K keep · Esc"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        table = self.query_one("#check-flags", DataTable)
        # The decision before the long "where" column, so it shows on a narrow terminal.
        table.add_columns(_("Name"), _("Choice"), _("Times"), _("Where"))
        undecided = self.query_one("#check-undecided", DataTable)
        undecided.add_columns(_("Word"), _("Where"), _("Text around it"))
        self.run_check()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def run_check(self) -> None:
        """Read and check the records (seconds on a first run: the Thai dictionary loads)."""
        from groupwork.report.share_check import pre_share_check

        self.post_message(
            self.Checked(pre_share_check(self.app.store, self.group_id, names=self.names))
        )

    @on(Checked)
    def _checked(self, event: Checked) -> None:
        self.check = check = event.check
        lines = [
            _(
                "Undecided: {count} (a person's name that is also an ordinary word, where it may "
                "be either; left as written until decided)"
            ).format(count=len(check.spots))
        ]
        undecided = self.query_one("#check-undecided", DataTable)
        undecided.clear()
        for at in check.spots:
            undecided.add_row(at.spot.word, at.where, f"…{at.spot.context}…", key=at.id)
        if check.withdrawn:
            from groupwork.report.share_check import withdrawn_heading

            lines.append(withdrawn_heading(len(check.withdrawn)))
            lines += [f"• {x.where}: …{x.context}… [{x.pseudonym}]" for x in check.withdrawn[:12]]
            if len(check.withdrawn) > 12:
                lines.append(_("and {count} more").format(count=len(check.withdrawn) - 12))
        self.query_one("#check-spots", Static).update("\n".join(lines))
        table = self.query_one("#check-flags", DataTable)
        table.clear()
        for flag in check.flags:
            where, context = flag.places[0]
            table.add_row(
                flag.name, "–", str(len(flag.places)), f"{where}: …{context}…", key=flag.name
            )
        for name, replace in sorted(check.decided.items()):
            decision = _("replaced") if replace else _("kept")
            table.add_row(name, decision, "", "", key=name)

    def action_decide(self, replace: bool) -> None:
        """Store the choice for the highlighted name, then check again."""
        table = self.query_one("#check-flags", DataTable)
        if self.check is None or not table.row_count:
            return
        name = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if name is None:
            return
        self.app.store.decide_other_name(self.group_id, name, replace=replace)
        message = (
            _(
                "{name}: replaced in every shared output wherever it is certainly a name; "
                "where it may be an ordinary word it is listed as undecided."
            )
            if replace
            else _("{name}: kept as written.")
        )
        self.notify(message.format(name=name))
        self.run_check()

    def action_occurrence(self, answer: str, every: bool) -> None:
        """Decide the highlighted undecided occurrence (or, with ``every``, each one of the
        same word) as ``answer`` ("name" or "word"), then check again."""
        from groupwork.privacy.name_forms import fold
        from groupwork.report.share_check import decide_spots

        table = self.query_one("#check-undecided", DataTable)
        if self.check is None or not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        chosen = [at for at in self.check.spots if at.id == key]
        if not chosen:
            return
        if every:
            word = fold(chosen[0].spot.word)
            chosen = [at for at in self.check.spots if fold(at.spot.word) == word]
        count = decide_spots(self.app.store, self.group_id, chosen, answer)
        self.notify(
            ngettext("{count} occurrence decided.", "{count} occurrences decided.", count).format(
                count=count
            )
        )
        self.run_check()

    def action_close(self) -> None:
        self.dismiss(None)
