"""The group's sessions as they really happen: planned ahead, recorded, entered afterwards,
cancelled with a reason, moved.

Every action goes through ``groupwork.operations.sessions`` (the rules live there, the same
for the CLI); this screen lists the sessions and asks for what an action needs.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from groupwork import models as m
from groupwork.errors import GroupworkError
from groupwork.facilitation.feedback import group_share_lines
from groupwork.i18n import N_, _
from groupwork.operations import sessions as ops
from groupwork.tui.formatting import clip, show_date
from groupwork.tui.screens.base import GroupworkScreen
from groupwork.tui.screens.facilitation_view import FacilitationKeys
from groupwork.tui.screens.session_dialog import DialogField, SessionDialog
from groupwork.tui.widgets.key_footer import KeyFooter
from groupwork.tui.widgets.plain import Static
from groupwork.tui.widgets.title_header import TitleHeader


def session_status_text(session: m.Session) -> str:
    """The session's status as a person reads it (recording, held, planned, cancelled)."""
    if session.is_open:
        return _("recording")
    return m.caption(session.status)


def _time_example(at: str) -> str:
    """A time field's placeholder: marked as an example, so an empty field never reads as
    filled in."""
    return _("e.g. {time}").format(time=at)


class SessionsScreen(FacilitationKeys, GroupworkScreen):
    """The group's sessions, with every action on them one key away."""

    # Seven keys do not fit an 80-column footer in Thai: the two rarer ones (a session entered
    # afterwards, moving a date) stay out of the footer; F1 and Ctrl+P still list them.
    BINDINGS = [
        Binding("p", "plan", N_("Plan")),  # short: the footer is full (see above)
        Binding("r", "record", N_("Record session")),
        Binding("n", "start_now", N_("Start now")),
        Binding("x", "cancel_session", N_("Cancel session")),
        Binding("e", "enter_past", N_("Past session"), show=False),
        Binding("d", "past_not_held", N_("Did not take place"), show=False),
        Binding("m", "move", N_("Move"), show=False),
        Binding("k", "rating_scale", N_("Rating scale"), show=False),
        Binding("a", "rate_later", N_("Add ratings"), show=False),
        Binding("s", "plan_sheet", N_("Plan sheet"), show=False),
        Binding("f", "feedback", N_("Feedback"), show=False),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id
        self.sessions: list[m.Session] = []

    def compose(self) -> ComposeResult:
        group = self.app.store.get(m.Group, self.group_id)
        yield TitleHeader()
        yield Static(f"{group.name} · " + _("Sessions"), classes="screen-title", markup=False)
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(id="sessions-help")
        yield KeyFooter(compact=True)  # seven keys: see BINDINGS

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Fill the table from the store, keeping the highlighted row."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        # Fixed widths: the dates, times and statuses are short and must never be cut; what
        # is left goes to the plan or the reason.
        widths = {"number": 4, "date": 13, "time": 11, "status": 13}
        table.add_column(_("No."), key="number", width=widths["number"])
        table.add_column(_("Date"), key="date", width=widths["date"])
        table.add_column(_("Time"), key="time", width=widths["time"])
        table.add_column(_("Status"), key="status", width=widths["status"])
        about_width = max(12, self.size.width - sum(widths.values()) - 12)
        table.add_column(_("Plan or reason"), key="about", width=about_width)
        self.sessions = self.app.store.sessions(self.group_id)
        # The feedback's one line per held session (f: all of it), from one read of the turns.
        group = self.app.store.get(m.Group, self.group_id)
        shares = group_share_lines(self.app.store, group, self.sessions)
        for session in self.sessions:
            about = session.cancel_reason if session.cancel_reason else session.plan
            about = shares.get(session.id) or about
            table.add_row(
                str(session.number),
                show_date(session.held_on),
                ops.session_times(session),
                session_status_text(session),
                clip(about, about_width),
                key=session.id,
            )
        if self.sessions:
            table.move_cursor(row=min(max(row, 0), len(self.sessions) - 1))
        table.focus()
        self.query_one("#sessions-help", Static).update(
            _("No sessions yet: p plans one ahead, n starts one now, e enters a past one.")
            if not self.sessions
            # The two keys the 80-column footer has no room for, in sight all the same.
            # Two lines, broken by hand: at 80 columns a wrapped Thai line lost its middle.
            else _(
                "e past session · d not held · m move · k rating scale\n"
                "a add ratings · s plan sheet · f feedback · F1 every key"
            )
        )

    def highlighted(self) -> m.Session | None:
        """The session on the highlighted row."""
        table = self.query_one(DataTable)
        if not self.sessions or table.cursor_row < 0:
            self.notify(_("No session chosen."), severity="warning")
            return None
        return self.sessions[min(table.cursor_row, len(self.sessions) - 1)]

    def _today(self) -> date:
        return ops.local_today()

    def _ask(self, title: str, fields: list[DialogField], action, done) -> None:
        def finished(result: object) -> None:
            if result is not None:
                self.reload()
                done(result)

        self.app.push_screen(SessionDialog(title, fields, action, self._today()), finished)

    def _date_field(self, label: str, value: str = "") -> DialogField:
        return DialogField("day", label, _("e.g. 2026-12-01, 1/12/2569 or +7"), "date", value=value)

    # --- actions ------------------------------------------------------------------------

    def action_plan(self) -> None:
        """Plan a session ahead: its day, time and plan."""
        store = self.app.store
        fields = [
            self._date_field(_("Day")),
            DialogField("at", _("Starts at"), _time_example("14:00"), "time", required=False),
            DialogField("plan", _("Plan (what the session is for)"), required=False),
        ]

        def plan(v: dict) -> m.Session:
            return ops.plan_session(store, self.group_id, v["day"], v["at"], v["plan"] or "")

        self._ask(
            _("Plan a session"),
            fields,
            plan,
            lambda s: self.notify(
                _("Session {number} planned for {date}.").format(
                    number=s.number, date=show_date(s.held_on)
                )
            ),
        )

    def _open_recorder(self, session_id: str | None, *, late_entry: bool = False) -> None:
        from groupwork.tui.screens.recorder import RecorderScreen

        try:
            screen = RecorderScreen(
                self.app.store, self.group_id, session_id, late_entry=late_entry
            )
        except GroupworkError as exc:
            self.notify(exc.message, title=exc.title, severity="error")
            return
        self.app.push_screen(screen)

    def action_record(self) -> None:
        """Open the recorder on the highlighted session (a planned one starts now)."""
        session = self.highlighted()
        if session is not None:
            self._open_recorder(session.id)

    def action_start_now(self) -> None:
        """Start recording now: the open session, today's planned one, or a new one."""
        self._open_recorder(None)

    def action_enter_past(self) -> None:
        """Enter a session held earlier, with its day and times; then its roll call and turns."""
        store = self.app.store
        fields = [
            self._date_field(_("Day it was held")),
            DialogField("starts", _("Started at"), _time_example("13:00"), "time"),
            DialogField("ends", _("Ended at"), _time_example("15:00"), "time"),
            DialogField("notes", _("Notes"), required=False),
        ]

        def enter(v: dict) -> m.Session:
            return ops.enter_past_session(
                store, self.group_id, v["day"], v["starts"], v["ends"], v["notes"] or ""
            )

        self._ask(
            _("Enter a past session"),
            fields,
            enter,
            lambda s: self._open_recorder(s.id, late_entry=True),
        )

    def action_past_not_held(self) -> None:
        """Record a past session that did not take place: its day and why (no turns)."""
        store = self.app.store
        fields = [
            self._date_field(_("Day it was due")),
            DialogField("reason", _("Why it did not take place")),
            DialogField("at", _("Was due at"), _time_example("13:00"), "time", required=False),
        ]

        def enter(v: dict) -> m.Session:
            return ops.enter_cancelled_past_session(
                store, self.group_id, v["day"], v["reason"], v["at"]
            )

        self._ask(
            _("A past session that did not take place"),
            fields,
            enter,
            lambda s: self.notify(
                _("Session {number} recorded as cancelled.").format(number=s.number)
            ),
        )

    def action_cancel_session(self) -> None:
        """Cancel the highlighted planned session with a reason (and plan it again)."""
        session = self.highlighted()
        if session is None:
            return
        store = self.app.store
        fields = [
            DialogField("reason", _("Why it is cancelled")),
            DialogField(
                "day",
                _("Hold it instead on (leave empty if not)"),
                _("e.g. 2026-12-01, 1/12/2569 or +7"),
                "date",
                required=False,
            ),
        ]

        def cancel(v: dict) -> tuple[m.Session, m.Session | None]:
            return ops.cancel_session(store, session.id, v["reason"], v["day"])

        def said(result: tuple[m.Session, m.Session | None]) -> None:
            cancelled, replacement = result
            text = _("Session {number} cancelled.").format(number=cancelled.number)
            if replacement is not None:
                text += " " + _("Session {number} planned for {date}.").format(
                    number=replacement.number, date=show_date(replacement.held_on)
                )
            self.notify(text)

        self._ask(_("Cancel session {number}").format(number=session.number), fields, cancel, said)

    def action_move(self) -> None:
        """Move the highlighted planned session to another day (and time)."""
        session = self.highlighted()
        if session is None:
            return
        store = self.app.store
        fields = [
            self._date_field(_("New day")),
            DialogField("at", _("Starts at"), _time_example("14:00"), "time", required=False),
        ]

        def move(v: dict) -> m.Session:
            return ops.move_session(store, session.id, v["day"], v["at"])

        self._ask(
            _("Move session {number}").format(number=session.number),
            fields,
            move,
            lambda s: self.notify(
                _("Session {number} moved to {date}.").format(
                    number=s.number, date=show_date(s.held_on)
                )
            ),
        )

    def action_rating_scale(self) -> None:
        """Set or change the scale members rate sessions on."""
        from groupwork.tui.screens.rating_scale import RatingScaleScreen

        def saved(scale: object) -> None:
            if isinstance(scale, m.RatingScale):
                self.notify(
                    _("Scale {name}: {low} to {high}.").format(
                        name=scale.name, low=scale.minimum, high=scale.maximum
                    )
                )

        self.app.push_screen(RatingScaleScreen(self.app.store, self.group_id), saved)

    def action_rate_later(self) -> None:
        """Add the ratings of the highlighted session, closed already."""
        from groupwork.tui.screens.rating_scale import rate_closed_session

        session = self.highlighted()
        if session is None:
            return
        rate_closed_session(
            self,
            session,
            lambda count: self.notify(
                _("{count} ratings saved for session {number}.").format(
                    count=count, number=session.number
                )
            ),
        )

    def action_back(self) -> None:
        """Back to the dashboard."""
        self.dismiss()
