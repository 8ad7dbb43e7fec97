"""The group dashboard: stage rail, members at a glance, open tasks, the next session."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content

from groupwork import analytics
from groupwork import models as m
from groupwork.criteria import CheckContext
from groupwork.errors import GroupworkError
from groupwork.i18n import N_, _
from groupwork.labels import caption
from groupwork.operations.sessions import session_times
from groupwork.tui.formatting import assignee_label, member_label, show_date
from groupwork.tui.screens.base import GroupworkScreen
from groupwork.tui.widgets.key_footer import KeyFooter
from groupwork.tui.widgets.member_glance import MemberGlance, MemberLine
from groupwork.tui.widgets.plain import Static
from groupwork.tui.widgets.stage_rail import STAGE_KEYS, RailStage, StageRail
from groupwork.tui.widgets.title_header import TitleHeader

OPEN_TASKS_SHOWN = 6


def criteria_counts(store, group_id: str, number: int, shared=None) -> tuple[int, int]:
    """(met, total) completion criteria of a stage; (0, 0) while stage logic is missing.
    ``shared``: a ``CheckContext`` of the group's whose reads every stage's check shares."""
    try:
        from groupwork.stages import check_stage
    except ImportError:
        return 0, 0
    results = check_stage(store, group_id, number, shared)
    return sum(r.met for r in results), len(results)


class DashboardScreen(GroupworkScreen):
    """One group at a glance; every stage one key away."""

    BINDINGS = [
        *[
            Binding(key, f"open_stage({index + 1})", N_("Stage"), show=False)
            for index, key in enumerate(STAGE_KEYS)
        ],
        Binding("enter", "open_highlighted_stage", N_("Open stage"), show=False),
        Binding("w", "open_highlighted_stage", N_("Workspace")),
        Binding("t", "task_board", N_("Tasks")),
        Binding("r", "record", N_("Record session")),
        # Not in the footer (no room at 80 columns in Thai): the sessions line names the key.
        Binding("s", "sessions", N_("Sessions"), show=False),
        Binding("v", "review", N_("Review")),
        Binding("c", "closure", N_("Closure"), show=False),
        Binding("e", "endorse", N_("Endorsement"), show=False),
        Binding("x", "close_group", N_("Close the group"), show=False),
        # Shown on its own line, only while a push or pull has left conflicts to settle.
        Binding("k", "conflicts", N_("Conflicts"), show=False),
        Binding("p", "people_around", N_("People around"), show=False),
        Binding("escape", "back", N_("Groups")),
    ]

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id
        self.resumed_before = False

    def compose(self) -> ComposeResult:
        store = self.app.store
        # Read once for the whole screen: the title, the rail, the sessions line, the glance
        # and the open tasks share them (reload reuses the group while it stays the same).
        group = self.group = store.get(m.Group, self.group_id)
        sessions = store.sessions(self.group_id)
        members = store.members(self.group_id)
        yield TitleHeader()
        yield Static(
            self._title_text(group),
            classes="screen-title",
            id="group-title",
            markup=False,  # a group's name as typed (brackets and all)
        )
        with Horizontal(id="dashboard"):
            # Filled before it is mounted: filled on mount, the screen was laid out again
            # before its first paint.
            rail = StageRail(id="rail")
            rail.show_stages(self._rail_stages(group))
            yield rail
            with VerticalScroll(id="dashboard-main"):
                yield Static(self._next_session_text(sessions), id="next-session")
                conflicts = self._conflict_count()
                if conflicts:
                    yield Static(self._conflicts_text(conflicts), id="sync-conflicts")
                yield Static(_("Members"), classes="section-title")
                yield MemberGlance(self._member_lines(members, sessions), id="glance")
                yield Static(_("Open tasks"), classes="section-title")
                yield Static(self._open_tasks_text(members), id="open-tasks")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        # Back from a workspace or the recorder: figures may have changed.
        if self.resumed_before:
            self.call_later(self.redraw)
        self.resumed_before = True

    def reload(self) -> None:
        """The rail takes the keys (compose, which every reload follows, filled it)."""
        self.query_one(StageRail).focus()

    def _rail_stages(self, group: m.Group) -> list[RailStage]:
        """Each stage's status and criteria met, for the rail."""
        store = self.app.store
        # One context for the twelve checks: the group's members, sessions, consents and
        # records read once (twelve checks read them 47 times: 15-20 ms on PostgreSQL).
        shared = CheckContext(store, group, 1)
        progress = shared.all_progress
        stages = []
        for number in m.STAGE_NUMBERS:
            met, total = criteria_counts(store, self.group_id, number, shared)
            stages.append(
                RailStage(
                    number, progress[number].status, met, total, number == group.current_stage
                )
            )
        return stages

    # --- what the dashboard shows ------------------------------------------------------

    def _next_session_text(self, sessions: list[m.Session]) -> str:
        today = date.today()
        upcoming = [
            s for s in sessions if s.status == m.SessionStatus.PLANNED and s.held_on >= today
        ]
        held = sum(s.status == m.SessionStatus.HELD for s in sessions)
        text = _("{held} sessions held").format(held=held)
        if upcoming:
            nxt = upcoming[0]
            when = show_date(nxt.held_on)
            if nxt.planned_time is not None:
                when = _("{date} at {time}").format(date=when, time=session_times(nxt))
            text += " · " + _("next: session {number} on {date}").format(
                number=nxt.number, date=when
            )
        else:
            text += " · " + _("no session planned")
        return text + " · " + _("s: every session")

    def _conflict_count(self) -> int:
        from groupwork.operations.sync_settle import conflicts

        return len(conflicts(self.app.store, self.group_id))

    def _conflicts_text(self, count: int) -> Content:
        return Content.assemble(
            ("! ", "bold yellow"),
            _(
                "{count} conflicts from the last push or pull: nothing was overwritten. "
                "k: settle them"
            ).format(count=count),
        )

    def _member_lines(
        self, everyone: list[m.Member], sessions: list[m.Session]
    ) -> list[MemberLine]:
        store = self.app.store
        members = [mem for mem in everyone if mem.is_selected]
        held = [s for s in sessions if s.status == m.SessionStatus.HELD]
        events = store.group_participation(self.group_id)
        attendance = store.group_attendance(self.group_id)
        rates = analytics.attendance_rate_by_member(sessions, attendance)
        shares = {
            s.actor_id: s for s in analytics.member_shares(events, [mem.id for mem in members])
        }
        # Absent, withdrawn and silent kept apart, as in the heat map.
        cells = analytics.participation_cells(members, held, attendance, events)
        lines = []
        for member, row in zip(members, cells, strict=True):
            share = shares.get(member.id)
            lines.append(
                MemberLine(
                    member_label(member),
                    rates.get(member.id),
                    share.share if share and events else None,
                    row,
                    quiet=bool(share and share.quiet),
                    dominant=bool(share and share.dominant),
                )
            )
        return lines

    def _open_tasks_text(self, everyone: list[m.Member]) -> Content:
        store = self.app.store
        today = date.today()
        members = {mem.id: mem for mem in everyone}
        tasks = store.tasks(self.group_id, statuses=[m.TaskStatus.OPEN, m.TaskStatus.IN_PROGRESS])
        if not tasks:
            return Content(_("No open tasks."))
        lines: list[Content] = []
        for task in tasks[:OPEN_TASKS_SHOWN]:
            who = ", ".join(assignee_label(a, members) for a in task.assignee_ids) or "—"
            # Styled pieces, not markup: a title is shown as typed, brackets and all.
            line = Content(f"• {task.title} · {who} · {show_date(task.due_on)}")
            if task.is_overdue(today):
                line = Content.assemble(line, " ", ("! " + _("overdue"), "bold red"))
            lines.append(line)
        if len(tasks) > OPEN_TASKS_SHOWN:
            more = _("… and {count} more (t)").format(count=len(tasks) - OPEN_TASKS_SHOWN)
            lines.append(Content(more))
        return Content("\n").join(lines)

    # --- actions ------------------------------------------------------------------------

    @on(StageRail.StageChosen)
    def _stage_chosen(self, event: StageRail.StageChosen) -> None:
        self.action_open_stage(event.number)

    def action_open_stage(self, number: int) -> None:
        from groupwork.tui.screens.stage_workspace import StageWorkspaceScreen

        self.app.push_screen(StageWorkspaceScreen(self.group_id, number))

    def action_open_highlighted_stage(self) -> None:
        rail = self.query_one(StageRail)
        self.action_open_stage((rail.highlighted or 0) + 1)

    def action_task_board(self) -> None:
        from groupwork.tui.screens.task_board import TaskBoardScreen

        self.app.push_screen(TaskBoardScreen(self.group_id))

    def action_record(self) -> None:
        try:
            # The recorder is its own module (built separately); loaded only when asked for.
            from groupwork.tui.screens.recorder import RecorderScreen
        except ImportError:
            self.notify(_("The session recorder is not available yet."), severity="warning")
            return
        try:  # it starts (or finds) the session: a login that may not write is told so
            recorder = RecorderScreen(self.app.store, self.group_id)
        except GroupworkError as exc:
            self.notify(exc.message, title=exc.title, severity="error")
            return
        self.app.push_screen(recorder)

    def action_sessions(self) -> None:
        from groupwork.tui.screens.sessions import SessionsScreen

        self.app.push_screen(SessionsScreen(self.group_id))

    def action_review(self) -> None:
        from groupwork.review_data.data import refuse_a_coordinator
        from groupwork.tui.screens.review import ReviewScreen

        try:
            refuse_a_coordinator(self.app.store)
        except GroupworkError as exc:
            self.notify(exc.message, title=exc.title, severity="error")
            return
        self.app.push_screen(ReviewScreen(self.group_id))

    def action_closure(self) -> None:
        from groupwork.tui.screens.closure import ClosureScreen

        self.app.push_screen(ClosureScreen(self.app.store, self.group_id))

    def action_endorse(self) -> None:
        from groupwork.tui.screens.group_end import EndorsementScreen

        self.app.push_screen(EndorsementScreen(self.app.store, self.group_id), self._ended)

    def action_close_group(self) -> None:
        from groupwork.tui.screens.group_end import CloseGroupScreen

        self.app.push_screen(CloseGroupScreen(self.app.store, self.group_id), self._ended)

    def _ended(self, record: object) -> None:
        if isinstance(record, m.Endorsement):
            self.notify(_("Endorsement recorded."))
        elif isinstance(record, m.Group):
            self.notify(_("The group is closed."))
            self.query_one("#group-title", Static).update(self._title_text(record))

    def _title_text(self, group: m.Group) -> str:
        return (
            f"{group.name} · "
            + _("stage {stage}/12").format(stage=group.current_stage)
            + f" · {caption(group.status)}"
        )

    def action_conflicts(self) -> None:
        from groupwork.tui.screens.conflicts import ConflictsScreen

        self.app.push_screen(ConflictsScreen(self.group_id))

    def action_people_around(self) -> None:
        from groupwork.tui.screens.people_around import PeopleAroundScreen

        self.app.push_screen(PeopleAroundScreen(self.group_id))

    def action_back(self) -> None:
        self.dismiss()
