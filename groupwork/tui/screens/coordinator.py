"""The coordinator's screen: every group's status, tasks across groups, who needs a look.

Three tabs over pages of ``PAGE`` rows: each page is one or two store queries whose cost grows
with the page, not with the database (see ``groupwork.store.coordination`` and
``coordination_tasks``). Pseudonyms only: a coordinator does not need members' real names, so
no row here carries one. The task tab's code is in ``coordinator_tasks``.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, TabbedContent, TabPane

from groupwork import coordination as c
from groupwork.i18n import N_, _, ngettext
from groupwork.privacy.shareable import Shareable
from groupwork.store.rows import GroupStatusRow
from groupwork.tui.formatting import clip, show_date
from groupwork.tui.screens.coordinator_groups import status_row, status_widths
from groupwork.tui.screens.coordinator_tasks import PAGE, CoordinatorTaskTab
from groupwork.tui.store_errors import filling
from groupwork.tui.widgets.fixed_table import FixedWidthTable
from groupwork.tui.widgets.key_footer import KeyFooter
from groupwork.tui.widgets.plain import Static
from groupwork.tui.widgets.title_header import TitleHeader

FIRST_ROWS = 60
"""Most groups read and drawn before the screen's first paint: as many as the terminal's
height shows (``CHROME`` lines fewer: 34 at 120x40). The rest of the page follows after it,
``LATER_ROWS`` at a time with a pause of ``LATER_PAUSE`` seconds between, each batch well
under 20 ms of the UI thread."""
CHROME = 6
"""Lines of the screen that are not group rows: header, title, tabs (two), summary, footer
(the table's own header line makes this one row more than can show)."""
LATER_ROWS = 30
LATER_PAUSE = 1 / 60

GROUP_CONCERNS = {
    c.Flag.NO_RECENT_SESSION: N_("No session lately"),
    c.Flag.STUCK_AT_STAGE: N_("Stuck at a stage"),
}
"""Group flags listed under "Needs a look" (falling attendance shows on the member level)."""


class CoordinatorScreen(CoordinatorTaskTab):
    """Status of every group, tasks across groups, members and groups that need a look."""

    BINDINGS = [
        Binding("1", "show_tab('groups')", N_("Groups")),
        Binding("2", "show_tab('tasks')", N_("Tasks")),
        Binding("3", "show_tab('attention')", N_("Needs a look")),
        Binding("right_square_bracket", "page(1)", N_("Next page")),
        Binding("left_square_bracket", "page(-1)", N_("Previous page")),
        Binding("s", "next_sort", N_("Sort")),
        Binding("r", "reverse_sort", N_("Reverse")),
        Binding("escape", "back", N_("Back")),
    ]
    # Focused as it is composed, before the first frame: focused later (in on_mount), the
    # first frame drew the table unfocused and the next drew every visible cell again.
    AUTO_FOCUS = "#group-status"
    # The group table fills the tab and scrolls itself, its scroll bar's place kept from the
    # start: as tall as its rows, it made the screen scroll, so each batch of rows laid the
    # screen out again (and the bar appearing narrowed the table, 120 to 118), every visible
    # row drawn again each time. The other tabs scroll inside the tabs, as the screen did.
    DEFAULT_CSS = """
    CoordinatorScreen #coord-tabs { height: 1fr; }
    CoordinatorScreen #coord-tabs > ContentSwitcher { height: 1fr; overflow-y: auto; }
    CoordinatorScreen #groups { height: 1fr; }
    CoordinatorScreen #group-status { height: 1fr; scrollbar-gutter: stable; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.today = date.today()
        self.group_page = 0
        self.group_rows: list[GroupStatusRow] = []
        # The page's groups still to read and add after the first paint: [next, end) of the
        # list; a new page (or reload) counts a new generation and drops the old batches.
        self.groups_next = self.groups_end = 0
        self._groups_generation = 0
        # The tabs filled from the store: a hidden tab is filled when it is first shown, so
        # opening the screen reads and lays out one table, not three.
        self.filled: set[str] = set()

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        yield Static(_("Coordinator · all groups"), classes="screen-title")
        with TabbedContent(initial="groups", id="coord-tabs"):
            with TabPane(_("Groups"), id="groups"):
                yield Static("", id="groups-summary", classes="muted", markup=False)
                yield FixedWidthTable(
                    id="group-status",
                    cursor_type="row",
                    zebra_stripes=True,
                    keep_cells_on_resize=True,
                )
            # The two other tabs' widgets are added when each is first shown (task_tab,
            # load_attention): composed here, they were built, mounted and styled before the
            # first paint, behind the groups tab.
            yield TabPane(_("Tasks"), id="tasks")
            yield TabPane(_("Needs a look"), id="attention")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        table = self.query_one("#group-status", DataTable)

        def into_view() -> None:
            # What focusing the table here did (Screen.set_focus): on a short terminal the
            # screen scrolls so the table shows from its header.
            if self.focused is table and not self.can_view_entire(table):
                self.scroll_to_center(table, origin_visible=True)

        # As late as focusing did: after this handler, from the app's queue, then the screen's.
        self.app.call_later(self.call_later, into_view)

    def reload(self) -> None:
        """Fill the groups tab from the store (one page); the others when first shown."""
        # One shared-text path for the screen: each group's names are read once, whichever
        # tab shows that group's text first.
        self.shared = Shareable(self.app.store)
        self.filled.clear()
        self.load_groups()
        self.fill_tab(self.query_one("#coord-tabs", TabbedContent).active)

    @filling  # also called by an @on handler (_tab_shown), which is not wrapped
    def fill_tab(self, tab: str) -> None:
        """Read a tab's page if it has not been read since the screen (or its page) loaded."""
        if tab in self.filled:
            return
        {"groups": self.load_groups, "tasks": self.load_tasks, "attention": self.load_attention}[
            tab
        ]()

    @on(TabbedContent.TabActivated, "#coord-tabs")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        # A tab chosen with the mouse: filled as it shows (a key fills it in action_show_tab).
        if event.pane.id:
            self.fill_tab(event.pane.id)

    # --- groups -----------------------------------------------------------------------

    def load_groups(self) -> None:
        """The current page of groups with where each stands: its first ``FIRST_ROWS`` now,
        the rest after the screen has drawn them (``groups_loading`` until then)."""
        store = self.app.store
        # Closed groups have ended: left out of the coordinator's list (as `status` does),
        # with their count in the summary; the home screen still opens them.
        total = store.group_count(closed=False)
        closed = store.group_count() - total
        self.group_page = max(0, min(self.group_page, (total - 1) // PAGE if total else 0))
        first = self.group_page * PAGE
        self.groups_next, self.groups_end = first, min(first + PAGE, total)
        self._groups_generation += 1
        self.group_rows = []
        self.filled.add("groups")
        # "Needs a look" is about this page's groups: read again when next shown.
        self.filled.discard("attention")
        table = self.query_one("#group-status", FixedWidthTable)
        table.clear(columns=True)
        # Widths known before any row (see status_widths): what the first rows show is how
        # the page's columns stay.
        widths = status_widths(self.today)
        for key, title in c.STATUS_COLUMNS:
            table.add_column_at_least(_(title), key, widths[key])
        self._add_groups(min(FIRST_ROWS, max(1, self.app.size.height - CHROME)))
        if self.groups_loading:
            # After the first paint, and not in the same turn of the loop: keys come first.
            later = partial(self._add_later, self._groups_generation)
            self.call_after_refresh(self.set_timer, LATER_PAUSE, later)
        self.query_one("#groups-summary", Static).update(
            _("Groups {first}–{last} of {total} · [ and ] change page · Enter opens").format(
                first=first + 1 if total else 0, last=self.groups_end, total=total
            )
            + (
                " · "
                + ngettext(
                    "{count} closed group not shown", "{count} closed groups not shown", closed
                ).format(count=closed)
                if closed
                else ""
            )
        )

    @property
    def groups_loading(self) -> bool:
        """Whether some of the page's groups are still to be added to the table."""
        return self.groups_next < self.groups_end

    def _add_groups(self, count: int) -> None:
        """Read the page's next ``count`` groups and add them to the table."""
        start = self.groups_next
        limit = min(count, self.groups_end - start)
        self.groups_next = start + limit
        if limit <= 0:
            return
        rows = self.app.store.group_status(self.today, limit=limit, offset=start, closed=False)
        # A group's name is free text too (it can name a member): shown as shared.
        rows = self.shared.rows(rows, "name", group_field="id")
        table = self.query_one("#group-status", FixedWidthTable)
        # Not a group already shown: one added meanwhile moved the list on by one.
        fresh = [r for r in rows if r.id not in table.rows]
        self.group_rows.extend(fresh)
        table.add_text_rows((r.id, status_row(r, self.today)) for r in fresh)
        # Sized now, not when the table is next idle: the first layout then gives it its
        # scroll bars (FixedWidthTable._get_scrollable_region), and no second one draws it again.
        table.size_rows_now()

    @filling  # a timer's callback
    def _add_later(self, generation: int) -> None:
        # A new page (or reload) since then: these groups are not on it.
        if generation != self._groups_generation or not self.groups_loading:
            return
        # A batch at a time, the screen drawn and keys answered in between; the next batch
        # waits for a timer (as home's rows do), not for "after refresh".
        self._add_groups(LATER_ROWS)
        if self.groups_loading:
            self.set_timer(LATER_PAUSE, partial(self._add_later, generation))

    def finish_groups(self) -> None:
        """Add the page's groups not yet added, at once (a tab about all of them needs them)."""
        self._add_groups(self.groups_end - self.groups_next)

    @on(DataTable.RowSelected, "#group-status")
    def _open_group(self, event: DataTable.RowSelected) -> None:
        from groupwork.tui.screens.dashboard import DashboardScreen

        self.app.push_screen(DashboardScreen(event.row_key.value))

    # --- who and what needs a look ------------------------------------------------------

    def load_attention(self) -> None:
        """For the groups on this page: members who stopped coming or speaking, groups with
        no recent session or stuck at a stage."""
        store = self.app.store
        self.finish_groups()
        ids = [r.id for r in self.group_rows]
        self.filled.add("attention")
        pane = self.query_one("#attention", TabPane)
        if not pane.children:
            pane.mount(
                Static("", id="attention-summary", classes="muted", markup=False),
                FixedWidthTable(id="attention-table", cursor_type="row", zebra_stripes=True),
            )
        table = self.query_one("#attention-table", DataTable)
        table.clear(columns=True)
        table.add_column(_("Why"), key="why")
        table.add_column(_("Group"), key="group")
        table.add_column(_("Who or what"), key="who")
        lines: list[tuple[str, str, str]] = []
        for r in self.group_rows:
            for flag in c.group_flags(r, self.today):
                if flag in GROUP_CONCERNS:
                    why = _(GROUP_CONCERNS[flag])
                    lines.append((why, r.name, c.flag_text(flag, r, self.today)))
        shared = self.shared
        for a in shared.rows(store.absent_members(ids), "group_name"):
            last = show_date(a.last_attended)
            lines.append(
                (
                    _("Missed the last two sessions"),
                    a.group_name,
                    _("{member} (last came {date})").format(member=a.pseudonym, date=last),
                )
            )
        turns = shared.rows(store.recent_member_turns(ids, c.QUIET_SESSIONS), "group_name")
        for q in c.quiet_members(turns):
            lines.append(
                (
                    _("Quiet in the last sessions"),
                    q.group_name,
                    _("{member} ({turns} turns)").format(member=q.pseudonym, turns=q.turns),
                )
            )
        for i, (why, group, who) in enumerate(lines):
            table.add_row(why, clip(group, 28), who, key=str(i))
        self.query_one("#attention-summary", Static).update(
            _("For the groups on this page ({count}): {lines} to look at").format(
                count=len(self.group_rows), lines=len(lines)
            )
        )

    # --- keys ---------------------------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        self.fill_tab(tab)
        self.query_one("#coord-tabs", TabbedContent).active = tab
        focus = {
            "groups": "#group-status",
            "tasks": "#coord-tasks",
            "attention": "#attention-table",
        }
        self.query_one(focus[tab], DataTable).focus()

    def action_page(self, step: int) -> None:
        tab = self.query_one("#coord-tabs", TabbedContent).active
        if tab == "tasks":
            self.task_page = max(0, self.task_page + step)
            self.load_tasks()
        else:
            self.group_page = max(0, self.group_page + step)
            self.load_groups()
            if tab == "attention":
                self.load_attention()

    def action_back(self) -> None:
        self.dismiss()
