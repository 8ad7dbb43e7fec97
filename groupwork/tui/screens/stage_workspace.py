"""One stage's workspace: its guide beside the records it keeps, its narrative and criteria.

The same screen serves all twelve stages; what it shows and offers comes from
``groupwork.tui.stage_forms.STAGES``.
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable

from groupwork import models as m
from groupwork.errors import GroupworkError
from groupwork.i18n import N_, _
from groupwork.labels import caption
from groupwork.privacy.links import for_worker
from groupwork.tui.formatting import clip, stage_name
from groupwork.tui.screens.base import GroupworkScreen
from groupwork.tui.screens.stage_criteria import criteria_text
from groupwork.tui.stage_forms import (
    NARRATIVE_PROMPTS,
    SECTIONS,
    STAGE_SECTIONS,
    STAGES,
    SectionContext,
    open_record_form,
)
from groupwork.tui.stage_forms.forms import draft_key, push_form
from groupwork.tui.stage_forms.section import is_flexible
from groupwork.tui.widgets.key_footer import KeyFooter
from groupwork.tui.widgets.model_form import FieldSpec
from groupwork.tui.widgets.plain import Static
from groupwork.tui.widgets.stage_guide import StageGuidePanel
from groupwork.tui.widgets.title_header import TitleHeader
from groupwork.tui.widgets.wrapped_text import WrappedText

STAGE_ACTIONS = frozenset({"revise_rule", "retire_rule", "withdraw_member", "appoint_role"})
"""Actions only the stages that list them in ``STAGES`` offer."""
GUIDE_SHARE = 0.34
"""The guide panel's share of the width ($gw-guide-width in groupwork.tcss)."""
RECORDS_CHROME = 4
"""Cells around the records' tables: the panel's padding and the scrollbar."""
WIDE_ENOUGH_FOR_GUIDE = 100
"""Terminal width from which the stage guide is shown beside the records at first."""


def fit_columns(
    titles: list[str], rows: list[list[str]], room: int, flexible: list[bool] | None = None
) -> list[int]:
    """Widths that fit a table into ``room`` cells: each column as wide as its longest cell,
    then the widest ``flexible`` column narrowed first (free text gives way; a date, a status
    or a percentage stays whole). Only when that is not enough do the others narrow too.
    Two cells of padding per column."""
    widths = [
        max([cell_len(title), *(cell_len(row[i]) for row in rows)])
        for i, title in enumerate(titles)
    ]
    least = [min(w, max(cell_len(t), 6)) for w, t in zip(widths, titles, strict=True)]
    flexible = flexible or [True] * len(titles)
    firm = [least[i] if flexible[i] else widths[i] for i in range(len(widths))]
    excess = _narrow(widths, firm, sum(widths) + 2 * len(widths) - room)
    _narrow(widths, least, excess)
    return widths


def _narrow(widths: list[int], floors: list[int], excess: int) -> int:
    """Take up to ``excess`` cells off the widest columns, none below its floor; what is left."""
    while excess > 0:
        shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    return excess


def _short(value: object, width: int = 50) -> str:
    if isinstance(value, list):
        value = ", ".join(caption(v) if hasattr(v, "value") else str(v) for v in value)
    elif hasattr(value, "value"):
        value = caption(value)
    return clip(str(value or "—"), width)


class StageWorkspaceScreen(GroupworkScreen):
    """The workspace of stage ``number`` for one group."""

    BINDINGS = [
        Binding("a", "add", N_("Add")),
        Binding("e", "edit", N_("Edit")),
        Binding("n", "narrative", N_("Narrative")),
        Binding("c", "complete", N_("Complete")),
        Binding("g", "toggle_guide", N_("Guide")),
        Binding("escape", "back", N_("Back")),
        # Actions of some stages only (see STAGES); last, as the footer cuts from the right.
        Binding("v", "revise_rule", N_("Revise rule")),
        Binding("d", "retire_rule", N_("Retire rule")),
        Binding("w", "withdraw_member", N_("Withdraw member")),
        Binding("o", "appoint_role", N_("Appoint role")),
        # Erasing is rare (stage 2 only).
        Binding("x", "erase_member", N_("Erase member")),
        Binding("left_square_bracket", "other_stage(-1)", N_("Previous stage"), show=False),
        Binding("right_square_bracket", "other_stage(1)", N_("Next stage"), show=False),
    ]

    def __init__(self, group_id: str, number: int) -> None:
        super().__init__()
        self.group_id = group_id
        self.number = number
        self.section_keys = STAGE_SECTIONS[number]
        self.active_section = self.section_keys[0] if self.section_keys else None
        self.guide_hidden = False
        self.guide_toggled = False

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        yield Static("", id="stage-title", classes="screen-title", markup=False)
        own_keys = self._own_keys_text()
        if own_keys:
            yield Static(own_keys, id="stage-keys")
        with Horizontal(id="workspace"):
            guide = StageGuidePanel(self.number, id="guide")
            guide.set_class(self.guide_hidden, "hidden")
            yield guide
            with VerticalScroll(id="records"):
                for key in self.section_keys:
                    yield Static(_(SECTIONS[key].title), classes="section-title")
                    yield DataTable(id=f"section-{key}", cursor_type="row", zebra_stripes=True)
                yield Static(_("Narrative"), classes="section-title")
                yield WrappedText("", id="narrative")
                yield Static(_("Completion criteria"), classes="section-title")
                yield Static("", id="criteria", classes="criteria-line")
        # Up to ten keys (the stage's own actions besides the six every stage has): at 80
        # columns the last ones (o, x) were cut off without the padding dropped.
        yield KeyFooter(compact_when_narrow=True)

    def _own_keys_text(self) -> str:
        """This stage's own keys (revise a rule, withdraw a member, ...), in one line.

        They come last in the footer, which cuts them off at 80 columns in Thai; here they
        stay in sight at any width.
        """
        own = [
            f"{b.key} {_(b.description)}"
            for b in self.BINDINGS
            if isinstance(b, Binding)
            and (b.action in STAGE_ACTIONS or b.action == "erase_member")
            and self.check_action(b.action, ())
        ]
        return " · ".join([*own, _("F1 lists every key")]) if own else ""

    def on_mount(self) -> None:
        # On a narrow terminal the records need the room; the guide is one key (g) away.
        if self.app.size.width < WIDE_ENOUGH_FOR_GUIDE and not self.guide_toggled:
            self.guide_hidden = True
            self.query_one("#guide").set_class(True, "hidden")
        self.reload()
        self.set_timer(0.01, self._focus_first_table)

    def _focus_first_table(self) -> None:
        if self.section_keys:
            self.query_one(f"#section-{self.section_keys[0]}", DataTable).focus()

    def reload(self) -> None:
        store = self.app.store
        progress = store.stage_progress(self.group_id)[self.number]
        self.query_one("#stage-title", Static).update(
            _("Stage {number}: {name}").format(number=self.number, name=stage_name(self.number))
            + f" · {caption(progress.status)}"
        )
        ctx = SectionContext(store, self.group_id)
        for key in self.section_keys:
            self._fill_table(key, ctx)
        narrative = for_worker(progress.narrative).strip()  # a linked person reads as the name
        prompt = NARRATIVE_PROMPTS.get(self.number)
        shown = self.query_one("#narrative", WrappedText)
        shown.set_class(not narrative, "muted")
        if not narrative:
            narrative = (_(prompt) if prompt else _("Nothing written yet.")) + " (n)"
        shown.update(narrative)
        self.query_one("#criteria", Static).update(
            criteria_text(self.app.store, self.group_id, self.number, progress)
        )

    def _fill_table(self, key: str, ctx: SectionContext) -> None:
        section = SECTIONS[key]
        table = self.query_one(f"#section-{key}", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        records = section.records(ctx)
        if section.group_fields:
            table.add_columns(_("Field"), _("Value"))
            group = records[0]
            for spec in section.fields(ctx):
                table.add_row(
                    spec.caption(section.model), _short(getattr(group, spec.name)), key=spec.name
                )
        else:
            titles = [_(title) for title, _cell in section.columns]
            rows = [[cell(record, ctx) for _t, cell in section.columns] for record in records]
            flexible = [is_flexible(cell) for _t, cell in section.columns]
            widths = fit_columns(titles, rows, self._records_width(), flexible)
            table.add_columns(*titles)
            for record, cells in zip(records, rows, strict=True):
                fitted = [clip(text, width) for text, width in zip(cells, widths, strict=True)]
                table.add_row(*fitted, key=record.id)
            if not records:
                table.add_row(
                    *[_("(none yet: a to add)")] + [""] * (len(section.columns) - 1),
                    key="",
                )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _records_width(self) -> int:
        """Cells the records' tables have: the screen less the guide when it is shown."""
        width = self.app.size.width
        if not self.guide_hidden:
            width -= round(width * GUIDE_SHARE)
        return width - RECORDS_CHROME

    # --- records ------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.active_section = (event.data_table.id or "").removeprefix("section-")
        self.action_edit()

    def on_descendant_focus(self, event) -> None:
        widget_id = getattr(event.widget, "id", "") or ""
        if widget_id.startswith("section-"):
            self.active_section = widget_id.removeprefix("section-")

    def action_add(self) -> None:
        if self.active_section is None:
            self.action_narrative()
            return
        section = SECTIONS[self.active_section]
        if section.group_fields:
            self.action_edit()
            return
        open_record_form(self, self.group_id, self.active_section, None, self.reload)

    def action_edit(self) -> None:
        if self.active_section is None:
            self.action_narrative()
            return
        section = SECTIONS[self.active_section]
        table = self.query_one(f"#section-{self.active_section}", DataTable)
        store = self.app.store
        if section.group_fields:
            open_record_form(
                self,
                self.group_id,
                self.active_section,
                store.get(m.Group, self.group_id),
                self.reload,
            )
            return
        if not table.row_count:
            return
        record_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if not record_id:
            self.action_add()
            return
        record = store.get(section.model, record_id)
        open_record_form(self, self.group_id, self.active_section, record, self.reload)

    def action_narrative(self) -> None:
        from groupwork.tui.screens.record_form import RecordFormScreen

        store = self.app.store
        progress = store.stage_progress(self.group_id)[self.number]

        def save(edited: m.StageProgress) -> m.StageProgress:
            from groupwork.stages import set_narrative

            return set_narrative(store, self.group_id, self.number, edited.narrative)

        def title() -> str:
            return _("Narrative of stage {number}").format(number=self.number)

        prompt = NARRATIVE_PROMPTS.get(self.number)
        spec = FieldSpec("narrative", "long", label=prompt)
        form = RecordFormScreen(
            title(),
            m.StageProgress,
            [spec],
            progress.model_dump(),
            save,
            title,
            draft_key=draft_key(self.group_id, f"narrative-{self.number}"),
            group_id=self.group_id,
        )
        push_form(self, form, self.reload)

    # --- erasing a member ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Erasing belongs where members are listed (stage 2); elsewhere the key is not offered.
        if action == "erase_member":
            return "members" in self.section_keys
        if action in STAGE_ACTIONS:
            return action in STAGES[self.number].actions
        return True

    def _selected(self, section_key: str, model: type[m.Record], hint: str) -> m.Record | None:
        """The record under the cursor in ``section_key``'s table; a hint when there is none."""
        table = self.query_one(f"#section-{section_key}", DataTable)
        record_id = None
        if table.row_count:
            record_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if not record_id:
            self.notify(hint, severity="warning")
            return None
        return self.app.store.get(model, record_id)

    def _agreed_rule(self) -> m.GroundRule | None:
        rule = self._selected("rules", m.GroundRule, _("Choose a rule in the table first."))
        if rule is not None and not rule.is_in_force:
            self.notify(
                _("Only a rule in force (agreed, not retired) can be revised or retired."),
                severity="warning",
            )
            return None
        return rule  # type: ignore[return-value]

    def action_revise_rule(self) -> None:
        """Revise the selected rule: new wording, its date and why; the old wording is kept."""
        from groupwork.tui.stage_forms.actions import revise_rule

        rule = self._agreed_rule()
        if rule is not None:
            revise_rule(self, rule, self.reload)

    def action_retire_rule(self) -> None:
        """Retire the selected rule from a day on or after it was agreed."""
        from groupwork.tui.stage_forms.actions import retire_rule

        rule = self._agreed_rule()
        if rule is not None:
            retire_rule(self, rule, self.reload)

    def action_withdraw_member(self) -> None:
        """Record that the selected member left the group: the day and why."""
        from groupwork.tui.stage_forms.actions import withdraw_member

        member = self._selected("members", m.Member, _("Choose a member in the table first."))
        if member is None:
            return
        if not member.is_selected or member.erased:  # type: ignore[attr-defined]
            self.notify(_("Only a selected member can withdraw."), severity="warning")
            return
        withdraw_member(self, member, self.reload)  # type: ignore[arg-type]

    def action_appoint_role(self) -> None:
        """Appoint a current member as member coordinator or member leader."""
        from groupwork.tui.stage_forms.actions import appoint_role

        appoint_role(self, self.reload)

    def action_erase_member(self) -> None:
        """Ask to erase the selected member's personal data (typed confirmation), then do it."""
        from groupwork.tui.screens.confirm_erase import ConfirmEraseScreen

        if self.active_section != "members":
            self.notify(_("Choose a member in the candidates table first."), severity="warning")
            return
        table = self.query_one("#section-members", DataTable)
        if not table.row_count:
            return
        member_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if not member_id:
            self.notify(_("There is no member to erase yet."), severity="warning")
            return
        member = self.app.store.get(m.Member, member_id)
        if member.erased:
            self.notify(_("This member's data was already erased."), severity="warning")
            return
        self.app.push_screen(
            ConfirmEraseScreen(member.pseudonym),
            lambda confirmed: self.erase_member(member_id) if confirmed else None,
        )

    def erase_member(self, member_id: str) -> None:
        """Erase now (on the main thread: vacuuming a facilitator's database takes a moment)."""
        from groupwork.safety.erasure import after_erasure_backup, erase_member
        from groupwork.safety.shared_files import files_holding

        try:
            result = erase_member(self.app.store, member_id)
        except GroupworkError as exc:
            self.notify(exc.message, title=exc.title, severity="error")
            return
        message = _("Erased. The member now appears as {code}.").format(code=result.code)
        if result.disk_full:
            message += "\n" + _(
                "The disk is full, so old copies of the data could not be wiped from the "
                "file yet; they go when there is free space and the database is next closed."
            )
        elif not result.fully_purged:
            message += "\n" + _(
                "Another groupwork window has the database open: the old data leaves the "
                "file when it closes."
            )
        if result.mentions:
            message += "\n" + _("The name was replaced in {count} other places too.").format(
                count=len(result.mentions)
            )
        if result.left_as_written:
            groups = {g.id: g.name for g in self.app.store.groups()}
            message += "\n" + _(
                "Still undecided, left as written, where the name may be an ordinary word "
                "(re-read and edit them): {places}"
            ).format(
                places="; ".join(
                    f"{groups.get(x.group_id or '', '-')}: …{x.context}…"
                    for x in result.left_as_written[:5]
                )
            )
        older, problem = after_erasure_backup(self.app.store)
        if problem:
            message += "\n" + _("Warning: {problem}").format(problem=problem)
        if older:
            message += "\n" + _("{count} older backups still hold this member's data.").format(
                count=len(older)
            )
        held = files_holding(self.app.store, self.app.store.get(m.Member, member_id))
        if held:  # erasure cannot reach files written earlier: the worker deletes them
            message += "\n" + _(
                "{count} files written earlier hold this member's data; delete them: {paths}"
            ).format(count=len(held), paths="; ".join(c.record.path for c in held[:5]))
        self.notify(message, timeout=8)
        self.reload()

    # --- completing ---------------------------------------------------------------------

    def action_complete(self) -> None:
        from groupwork.operations.stage_dates import default_stage_dates
        from groupwork.stages import check_stage
        from groupwork.tui.screens.complete_stage import CompleteStageScreen

        unmet = [r for r in check_stage(self.app.store, self.group_id, self.number) if not r.met]
        lines = [r.criterion.text() + (f" ({r.detail})" if r.detail else "") for r in unmet]
        started, completed = default_stage_dates(self.app.store, self.group_id, self.number)
        self.app.push_screen(
            CompleteStageScreen(lines, started, completed),
            lambda done: self.complete(*done) if done else None,
        )

    def complete(self, override_reason: str, started: date, completed: date) -> None:
        """Complete the stage on the dates confirmed (with a reason when criteria are unmet)."""
        from groupwork.operations.stage_dates import complete_stage_dated

        try:
            complete_stage_dated(
                self.app.store, self.group_id, self.number, started, completed, override_reason
            )
        except GroupworkError as exc:
            self.notify(exc.message, title=exc.title, severity="error")
            return
        self.notify(_("Stage {number} completed.").format(number=self.number))
        self.reload()

    # --- moving around ------------------------------------------------------------------

    def action_toggle_guide(self) -> None:
        self.guide_hidden = not self.guide_hidden
        self.guide_toggled = True
        self.query_one("#guide").set_class(self.guide_hidden, "hidden")
        self.reload()  # the tables' room changed: fit their columns again

    def action_other_stage(self, step: int) -> None:
        number = self.number + step
        if 1 <= number <= 12:
            self.app.switch_screen(StageWorkspaceScreen(self.group_id, number))

    def action_back(self) -> None:
        self.dismiss()
