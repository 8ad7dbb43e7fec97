"""The live session recorder: the facilitator records the group without looking away for long.

Three modes: roll call (a member's key steps their mark: present, late, excused, absent),
turns (a member's key logs a turn; a, s or c before it sets its kind; space times it; n says
it answers no one; f logs the facilitator's own turn; m then 1-4 marks the group's state) and
notes (notes, questions and themes, saved as you type). Every event is committed by
``groupwork.recording.SessionRecorder`` before the screen shows it.

Members appear by pseudonym only: the screen may be seen by the room.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from enum import StrEnum

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingsMap
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, Label, Static, TextArea

from groupwork import models as m
from groupwork.errors import GroupworkError
from groupwork.i18n import _
from groupwork.recording import AUTO, SessionRecorder, Undone, UndoneKind, start_session
from groupwork.store import Store
from groupwork.tui.formatting import show_date
from groupwork.tui.keyboard import latin_key
from groupwork.tui.screens.base import footer_bindings
from groupwork.tui.screens.close_session import CloseSessionScreen
from groupwork.tui.screens.quick_task import QuickTaskScreen, TaskDraft
from groupwork.tui.widgets.key_footer import KeyFooter
from groupwork.tui.widgets.recorder_board import BoardRow, BoardState, MemberBoard
from groupwork.tui.widgets.recorder_log import EventLog, session_time

MEMBER_KEYS = "1234567890qweryiopdhjklxbzg"
"""Keys given to members in pseudonym order; letters left out are the recorder's commands
(f a s c n m u t v)."""
FACILITATOR_KEY = "f"
ROLL_CALL_CYCLE = [
    m.AttendanceStatus.PRESENT,
    m.AttendanceStatus.LATE,
    m.AttendanceStatus.EXCUSED,
    m.AttendanceStatus.ABSENT,
]
GROUP_MARK_KEYS = {
    "1": m.GroupMarkKind.SILENCE,
    "2": m.GroupMarkKind.CONFLICT,
    "3": m.GroupMarkKind.LAUGHTER,
    "4": m.GroupMarkKind.BREAKTHROUGH,
}
KIND_STYLES = {
    m.TurnKind.SPOKE: "",
    m.TurnKind.ASKED: "cyan",
    m.TurnKind.SUPPORTED: "green",
    m.TurnKind.CHALLENGED: "magenta",
}


class Mode(StrEnum):
    ROLL_CALL = "roll_call"
    TURNS = "turns"
    NOTES = "notes"


class RecorderCommands(Provider):
    """Every recorder action in the command palette (ctrl+p), in the current language."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        screen = self.screen
        return screen.palette_commands() if isinstance(screen, RecorderScreen) else []

    async def discover(self) -> Hits:
        for title, callback, help_text in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


class RecorderScreen(Screen[m.Session | None]):
    """Record one session of a group live. Dismisses with the closed session, or None."""

    CSS_PATH = "../recorder.tcss"
    AUTO_FOCUS = ""  # nothing focused: every key is a recorder key until notes are opened
    COMMANDS = {RecorderCommands}

    # --- messages (past tense: each is posted after the recorder committed) -------------

    class TurnLogged(Message):
        def __init__(self, event: m.ParticipationEvent, stopped: m.ParticipationEvent | None):
            super().__init__()
            self.event = event
            self.stopped = stopped
            """A timed turn that this turn ended, if any."""

    class TimingStopped(Message):
        def __init__(self, event: m.ParticipationEvent) -> None:
            super().__init__()
            self.event = event

    class AttendanceMarked(Message):
        def __init__(self, mark: m.Attendance) -> None:
            super().__init__()
            self.mark = mark

    class GroupMarked(Message):
        def __init__(self, mark: m.GroupMark) -> None:
            super().__init__()
            self.mark = mark

    class TaskAgreed(Message):
        def __init__(self, task: m.Task) -> None:
            super().__init__()
            self.task = task

    class ListItemAdded(Message):
        def __init__(self, kind: UndoneKind, text: str) -> None:
            super().__init__()
            self.kind = kind
            self.text = text

    class EventUndone(Message):
        def __init__(self, undone: Undone) -> None:
            super().__init__()
            self.undone = undone

    class SessionClosed(Message):
        def __init__(self, session: m.Session) -> None:
            super().__init__()
            self.session = session

    # --- set-up ------------------------------------------------------------------------

    def __init__(self, store: Store, group_id: str, session_id: str | None = None) -> None:
        """Open ``session_id``, or resume the group's open session, or start a new one."""
        super().__init__()
        self.store = store
        # Remember whether this visit creates the session: leaving it empty then discards it.
        known = {s.id for s in store.sessions(group_id)}
        if session_id is None:
            session_id = start_session(store, group_id).id
        self.created_session = session_id not in known
        self.recorder = SessionRecorder(store, session_id)
        if self.recorder.session.group_id != group_id:
            raise GroupworkError(_("That session belongs to another group."))
        if self.recorder.session.started_at is None:
            # A planned session opened in the recorder starts now.
            self.recorder.session = store.save(
                self.recorder.session.model_copy(update={"started_at": m.utc_now()})
            )
        self.member_keys: dict[str, str] = {
            key: member.id for key, member in zip(MEMBER_KEYS, self.recorder.members, strict=False)
        }
        self.key_of: dict[str, str] = {v: k for k, v in self.member_keys.items()}
        self.key_of[m.FACILITATOR] = FACILITATOR_KEY
        self.mode = Mode.TURNS
        self.armed_kind: m.TurnKind | None = None
        self.armed_timing = False
        self.armed_no_response = False
        self.mark_menu = False
        self.show_shares = True
        self._bindings = BindingsMap([*Screen.BINDINGS, *self._make_bindings()])

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:  # type: ignore[override]
        # Help and language first, in the current language, as on every other screen.
        return footer_bindings(self)

    def _make_bindings(self) -> list[Binding]:
        return [
            Binding("u", "undo", _("Undo")),
            # The board lists "f" with the members; the footer's room goes to closing.
            Binding(FACILITATOR_KEY, "facilitator", _("Facilitator"), show=False),
            Binding("a", "arm_kind('asked')", _("Asked"), show=False),
            Binding("s", "arm_kind('supported')", _("Supported"), show=False),
            Binding("c", "arm_kind('challenged')", _("Challenged"), show=False),
            Binding("space", "timing", _("Time a turn"), show=False),
            Binding("n", "no_response", _("Answers no one"), show=False),
            Binding("m", "mark_menu", _("Group mark"), show=False),
            Binding("t", "task", _("Task")),
            Binding("v", "toggle_shares", _("Show or hide shares"), show=False),
            Binding("f2", "mode('roll_call')", _("Roll call")),
            Binding("f3", "mode('turns')", _("Turn taking")),
            Binding("f4", "mode('notes')", _("Notes")),
            # Not "Close": that word closes dialogs elsewhere, and Thai needs two words for it.
            Binding("ctrl+e", "close_session", _("Close session")),
            Binding("escape", "escape", _("Back")),
        ]

    def compose(self) -> ComposeResult:
        yield Static(id="rec-header")
        with Horizontal(id="rec-body"):
            yield MemberBoard(id="rec-board")
            with ContentSwitcher(initial="rec-log", id="rec-side"):
                yield Static(id="rec-rollcall-help")
                yield EventLog(id="rec-log")
                with Vertical(id="rec-notes"):
                    yield Label(id="notes-label")
                    yield TextArea(self.recorder.session.notes, id="notes")
                    yield Label(id="qt-label")
                    yield Input(id="question")
                    yield Input(id="theme")
                    yield Static(id="qt-list")
        yield Static(id="rec-next")
        yield Static(id="rec-hints")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        for event in self.recorder.turns[-EventLog.MAX_LINES :]:
            self._log_turn(event)
        self.refresh_language()
        self.set_interval(1.0, self._tick)

    # --- drawing -----------------------------------------------------------------------

    def label(self, actor_id: str | None) -> str:
        """A member's pseudonym, or "Facilitator"."""
        if actor_id == m.FACILITATOR:
            return _("Facilitator")
        for member in self.recorder.members:
            if member.id == actor_id:
                return member.pseudonym
        return "?"

    def refresh_language(self) -> None:
        """Redraw every text in the current language (after a switch at run time)."""
        self._bindings = BindingsMap([*Screen.BINDINGS, *self._make_bindings()])
        self.refresh_bindings()
        self.query_one("#notes-label", Label).update(_("Notes (saved as you type)"))
        self.query_one("#qt-label", Label).update(_("Questions and themes (Enter adds)"))
        self.query_one("#question", Input).placeholder = _("A question posed to the group")
        self.query_one("#theme", Input).placeholder = _("A theme that came up")
        self.query_one("#rec-rollcall-help", Static).update(
            _(
                "Roll call\n\nPress a member's key once for present; again for late, "
                "excused, absent.\n\nF3 goes back to turns."
            )
        )
        self._show_questions()
        self._show_board()
        self._show_next()
        self._show_hints()
        self._tick()
        self.query_one(EventLog).refresh()

    def _tick(self) -> None:
        session = self.recorder.session
        mode_names = {
            Mode.ROLL_CALL: _("Roll call"),
            Mode.TURNS: _("Turn taking"),
            Mode.NOTES: _("Notes"),
        }
        parts = [
            _("Session {number}").format(number=session.number),
            show_date(session.held_on),
            "⏱ " + session_time(self.recorder.elapsed_seconds()),
        ]
        timed = self.recorder.timing
        if timed is not None:
            seconds = (m.utc_now() - timed.at).total_seconds()
            parts.append(
                _("timing {who} {time}").format(
                    who=self.label(timed.actor_id), time=session_time(seconds)
                )
            )
        # The mode first: it is what the facilitator glances at; the group name may be cut.
        header = Text(f"[{mode_names[self.mode]}] ", style="reverse")
        header.append(" · ".join([*parts, self.recorder.group.name]))
        self.query_one("#rec-header", Static).update(header)

    def _show_board(self) -> None:
        stats = self.recorder.live_stats()
        shares = {s.actor_id: s for s in stats.shares}
        rows = [
            BoardRow(
                key=self.key_of.get(member.id, ""),
                member_id=member.id,
                pseudonym=member.pseudonym,
                attendance=(
                    self.recorder.attendance[member.id].status
                    if member.id in self.recorder.attendance
                    else None
                ),
                share=shares.get(member.id),
            )
            for member in self.recorder.members
        ]
        self.query_one(MemberBoard).show(
            BoardState(
                rows=rows,
                roll_call=self.mode is Mode.ROLL_CALL,
                show_shares=self.show_shares,
                facilitator_key=FACILITATOR_KEY,
                facilitator_turns=stats.facilitator_turns,
                facilitator_share=stats.facilitator_share,
                member_turns=stats.member_turns,
                timed_actor=stats.timed_actor,
            )
        )

    def _show_next(self) -> None:
        """What the next member key will record, so the facilitator never has to guess."""
        line = self.query_one("#rec-next", Static)
        if self.mode is Mode.NOTES:
            line.update(_("Typing notes. Esc goes back to turns."))
            return
        if self.mode is Mode.ROLL_CALL:
            line.update(_("Roll call: press a member's key to mark them."))
            return
        if self.mark_menu:
            choices = "  ".join(f"{key} {m.caption(kind)}" for key, kind in GROUP_MARK_KEYS.items())
            line.update(_("Group mark: {choices}  (Esc cancels)").format(choices=choices))
            return
        kind = m.caption(self.armed_kind or m.TurnKind.SPOKE)
        parts = [_("Next turn: {kind}").format(kind=kind)]
        if self.armed_timing:
            parts.append(_("timed"))
        last = self.recorder.last_turn
        if self.armed_no_response:
            parts.append(_("answers no one"))
        elif last is not None:
            parts.append(_("answers {who}").format(who=self.label(last.actor_id)))
        timing = self.recorder.timing
        if timing is not None:
            parts.append(_("space stops timing {who}").format(who=self.label(timing.actor_id)))
        line.update(" · ".join(parts))

    def _show_hints(self) -> None:
        hints = {
            Mode.TURNS: _(
                "a asked · s supported · c challenged · space timed · n new thread · m group mark"
            ),
            Mode.ROLL_CALL: _("present → late → excused → absent · u undo · F3 turns"),
            Mode.NOTES: _("Tab moves between notes, question and theme · Esc back to turns"),
        }
        self.query_one("#rec-hints", Static).update(hints[self.mode])

    def _show_questions(self) -> None:
        session = self.recorder.session
        lines = [f"? {q}" for q in session.questions] + [f"# {t}" for t in session.themes]
        # Text, not markup: what people typed may contain brackets.
        self.query_one("#qt-list", Static).update(Text("\n".join(lines) or _("None yet.")))

    def _log(self, text: Callable[[], str], style: str = "") -> None:
        when = session_time(self.recorder.elapsed_seconds())
        self.query_one(EventLog).add(when, text, style)

    def _log_turn(self, event: m.ParticipationEvent) -> None:
        def text() -> str:
            out = f"{self.label(event.actor_id)} {m.caption(event.kind)}"
            if event.responds_to_id:
                out += f" → {self.label(event.responds_to_id)}"
            if event.duration_seconds is not None:
                out += " ⏱"
            return out

        started = self.recorder.session.started_at
        seconds = (event.at - started).total_seconds() if started else 0.0
        self.query_one(EventLog).add(session_time(seconds), text, KIND_STYLES[event.kind])

    # --- keys --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        turn_actions = {"facilitator", "arm_kind", "timing", "no_response", "mark_menu"}
        if action == "mode":
            return parameters[0] != self.mode
        if self.mode is Mode.NOTES and action in turn_actions | {"undo", "task", "toggle_shares"}:
            return False
        if self.mode is Mode.ROLL_CALL and action in turn_actions:
            return False
        return True

    async def on_key(self, event: events.Key) -> None:
        if self.mode is Mode.NOTES or isinstance(self.focused, Input | TextArea):
            return
        key = latin_key(event.character)
        if self.mark_menu:
            event.stop()
            event.prevent_default()
            if key in GROUP_MARK_KEYS:
                self.mark_menu = False
                self.mark_group(GROUP_MARK_KEYS[key])
            else:
                self.action_escape()
            return
        member_id = self.member_keys.get(key)
        if member_id is not None:
            event.stop()
            event.prevent_default()
            self.member_key(member_id)
            return
        # A command key (in either layout) runs here and now, not as a binding: a binding runs
        # only once the key has travelled back to the app, after a member key typed right
        # behind it ("a3" typed quickly gave "asked" to the wrong turn).
        name = "space" if key == " " else key
        for binding in self._bindings.key_to_bindings.get(name, []):
            event.stop()
            event.prevent_default()
            if self.check_action(*_action_parts(binding.action)):
                await self.run_action(binding.action)
            return

    def member_key(self, member_id: str) -> None:
        """A member's key: a roll-call mark or a turn, depending on the mode."""
        if self.mode is Mode.ROLL_CALL:
            current = self.recorder.attendance.get(member_id)
            if current is None:
                status = ROLL_CALL_CYCLE[0]
            else:
                index = ROLL_CALL_CYCLE.index(m.AttendanceStatus(current.status))
                status = ROLL_CALL_CYCLE[(index + 1) % len(ROLL_CALL_CYCLE)]
            self.roll_call(member_id, status)
        elif self.mode is Mode.TURNS:
            self.log_turn(member_id)

    def _guard(self, fn: Callable[[], object]) -> object | None:
        """Run a recorder call; a GroupworkError is shown, never raised into Textual."""
        try:
            return fn()
        except GroupworkError as exc:
            self.notify(exc.message, title=exc.title, severity="error")
            return None

    # --- recording (each call commits, then posts its past-tense message) -------------

    def roll_call(self, member_id: str, status: m.AttendanceStatus) -> None:
        mark = self._guard(lambda: self.recorder.roll_call(member_id, status))
        if mark is not None:
            self.post_message(self.AttendanceMarked(mark))

    def log_turn(self, actor_id: str) -> None:
        kind = self.armed_kind or m.TurnKind.SPOKE
        responds_to = None if self.armed_no_response else AUTO
        was_timing = self.recorder.timing
        timed = self.armed_timing
        self.armed_kind, self.armed_timing, self.armed_no_response = None, False, False
        if timed:
            event = self._guard(lambda: self.recorder.start_timing(actor_id, kind, responds_to))
        else:
            event = self._guard(lambda: self.recorder.log_turn(actor_id, kind, responds_to))
        if event is not None:
            stopped = was_timing if was_timing is not None and was_timing.id != event.id else None
            self.post_message(self.TurnLogged(event, stopped))

    def mark_group(self, kind: m.GroupMarkKind) -> None:
        mark = self._guard(lambda: self.recorder.mark_group(kind))
        if mark is not None:
            self.post_message(self.GroupMarked(mark))

    def action_facilitator(self) -> None:
        self.log_turn(m.FACILITATOR)

    def action_arm_kind(self, kind: str) -> None:
        chosen = m.TurnKind(kind)
        self.armed_kind = None if self.armed_kind == chosen else chosen
        self._show_next()

    def action_no_response(self) -> None:
        self.armed_no_response = not self.armed_no_response
        self._show_next()

    def action_timing(self) -> None:
        if self.recorder.timing is not None:
            event = self._guard(self.recorder.stop_timing)
            if event is not None:
                self.post_message(self.TimingStopped(event))
            return
        self.armed_timing = not self.armed_timing
        self._show_next()

    def action_mark_menu(self) -> None:
        self.mark_menu = True
        self._show_next()

    def action_escape(self) -> None:
        """Esc steps back one level: notes -> turns, a pending key -> cleared, else leave."""
        if self.mode is Mode.NOTES:
            self.action_mode(Mode.TURNS)
            return
        pending = self.armed_kind or self.armed_timing or self.armed_no_response or self.mark_menu
        if pending:
            self.armed_kind, self.armed_timing, self.armed_no_response = None, False, False
            self.mark_menu = False
            self._show_next()
            return
        self.leave()

    def leave(self) -> None:
        """Back to the dashboard without closing; an untouched session is not left behind."""
        outcome = self._guard(lambda: self.recorder.leave(discard_if_empty=self.created_session))
        if outcome is None:
            return
        number = self.recorder.session.number
        messages = {
            "kept": _("Session {number} stays open: press r on the dashboard to go on recording."),
            "discarded": _("Nothing was recorded, so session {number} was not kept."),
            "unstarted": _("Nothing was recorded; session {number} is still planned."),
        }
        self.app.notify(messages[outcome].format(number=number))
        self.dismiss(None)

    def action_undo(self) -> None:
        undone = self._guard(self.recorder.undo)
        if undone is None:
            if not self.recorder.can_undo:
                self.notify(_("Nothing to undo."))
            return
        self.post_message(self.EventUndone(undone))

    def action_toggle_shares(self) -> None:
        self.show_shares = not self.show_shares
        self._show_board()

    def action_mode(self, mode: str) -> None:
        self.mode = Mode(mode)
        # Nothing armed in one mode may surprise the facilitator in another.
        self.armed_kind, self.armed_timing, self.armed_no_response = None, False, False
        self.mark_menu = False
        pane = {Mode.ROLL_CALL: "rec-rollcall-help", Mode.TURNS: "rec-log", Mode.NOTES: "rec-notes"}
        self.query_one(ContentSwitcher).current = pane[self.mode]
        if self.mode is Mode.NOTES:
            self.query_one("#notes", TextArea).focus()
        else:
            self.set_focus(None)
        self.refresh_bindings()
        self._show_board()
        self._show_next()
        self._show_hints()
        self._tick()

    def language_changed(self) -> None:
        """Called by the app after F9 switched the language."""
        self.refresh_language()

    def action_task(self) -> None:
        people = [(x.id, x.pseudonym) for x in self.recorder.members]
        people.append((m.FACILITATOR, _("Facilitator")))
        today = datetime.now().astimezone().date()

        def agreed(draft: TaskDraft | None) -> None:
            if draft is None:
                return
            task = self._guard(
                lambda: self.recorder.quick_task(draft.title, draft.assignee_ids, draft.due_on)
            )
            if task is not None:
                self.post_message(self.TaskAgreed(task))

        self.app.push_screen(QuickTaskScreen(people, today), agreed)

    def action_close_session(self) -> None:
        stats = self.recorder.live_stats()
        summary = _(
            "{turns} turns ({facilitator} by the facilitator) in {time}; {marked} of "
            "{members} members marked in the roll call."
        ).format(
            turns=len(self.recorder.turns),
            facilitator=stats.facilitator_turns,
            time=session_time(self.recorder.elapsed_seconds()),
            marked=len(self.recorder.attendance),
            members=len(self.recorder.members),
        )

        def closing(next_steps: str | None) -> None:
            if next_steps is None:
                return
            session = self._guard(lambda: self.recorder.close(next_steps))
            if session is not None:
                self.post_message(self.SessionClosed(session))

        self.app.push_screen(CloseSessionScreen(summary, self.recorder.session.next_steps), closing)

    # --- notes, questions, themes ------------------------------------------------------

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        self._guard(lambda: self.recorder.set_notes(event.text_area.text))

    @on(Input.Submitted, "#question")
    @on(Input.Submitted, "#theme")
    def _list_item_submitted(self, event: Input.Submitted) -> None:
        is_question = event.input.id == "question"
        add = self.recorder.add_question if is_question else self.recorder.add_theme
        text = self._guard(lambda: add(event.value))
        if text is not None:
            event.input.value = ""
            kind = UndoneKind.QUESTION if is_question else UndoneKind.THEME
            self.post_message(self.ListItemAdded(kind, text))

    # --- after each commit -------------------------------------------------------------

    @on(TurnLogged)
    def _turn_logged(self, message: TurnLogged) -> None:
        self._log_turn(message.event)
        self._show_board()
        self._show_next()
        self._tick()

    @on(TimingStopped)
    def _timing_stopped(self, message: TimingStopped) -> None:
        event = message.event
        self._log(
            lambda: _("{who}: turn timed {time}").format(
                who=self.label(event.actor_id), time=session_time(event.duration_seconds or 0)
            ),
            "dim",
        )
        self._show_board()
        self._show_next()
        self._tick()

    @on(AttendanceMarked)
    def _attendance_marked(self, message: AttendanceMarked) -> None:
        mark = message.mark
        self._log(lambda: f"{self.label(mark.member_id)}: {m.caption(mark.status)}")
        self._show_board()
        self._tick()

    @on(GroupMarked)
    def _group_marked(self, message: GroupMarked) -> None:
        mark = message.mark
        self._log(lambda: _("Group: {kind}").format(kind=m.caption(mark.kind)), "bold yellow")
        self._show_next()
        self._tick()

    @on(TaskAgreed)
    def _task_agreed(self, message: TaskAgreed) -> None:
        task = message.task
        self._log(lambda: _("Task: {title}").format(title=task.title), "bold")
        self.notify(_("Task saved: {title}").format(title=task.title))

    @on(ListItemAdded)
    def _list_item_added(self, message: ListItemAdded) -> None:
        self._show_questions()

    @on(EventUndone)
    def _event_undone(self, message: EventUndone) -> None:
        undone = message.undone
        what = self._describe_undone(undone)
        self._log(lambda: _("Undone: {what}").format(what=what()), "dim strike")
        self.notify(_("Undone: {what}").format(what=what()), timeout=2)
        self._show_board()
        self._show_next()
        self._show_questions()

    def _describe_undone(self, undone: Undone) -> Callable[[], str]:
        record = undone.record
        if isinstance(record, m.ParticipationEvent):
            return lambda: f"{self.label(record.actor_id)} {m.caption(record.kind)}"
        if isinstance(record, m.GroupMark):
            return lambda: _("Group: {kind}").format(kind=m.caption(record.kind))
        if isinstance(record, m.Task):
            return lambda: _("Task: {title}").format(title=record.title)
        if isinstance(record, m.Attendance):
            return lambda: _("roll call of {who}").format(who=self.label(record.member_id))
        return lambda: str(record)

    @on(SessionClosed)
    def _session_closed(self, message: SessionClosed) -> None:
        self.notify(_("Session {number} closed and saved.").format(number=message.session.number))
        self.dismiss(message.session)

    # --- command palette ---------------------------------------------------------------

    def palette_commands(self) -> list[tuple[str, Callable[[], object], str]]:
        """(title, callback, help) for what has no binding of its own: a turn per member and
        each group mark. The screen's key bindings are listed by the app for every screen."""
        commands: list[tuple[str, Callable[[], object], str]] = []
        if self.mode is not Mode.NOTES:
            for member in self.recorder.members:
                commands.extend(self._member_commands(member))
        for key, kind in GROUP_MARK_KEYS.items():
            commands.append(
                (
                    _("Group mark: {kind}").format(kind=m.caption(kind)),
                    _bind(self.mark_group, kind),
                    _("keys: m then {key}").format(key=key),
                )
            )
        return commands

    def _member_commands(self, member: m.Member) -> Iterator[tuple[str, Callable, str]]:
        key = self.key_of.get(member.id, "")
        yield (
            _("Log a turn: {who}").format(who=member.pseudonym),
            _bind(self._palette_turn, member.id),
            _("key: {key}").format(key=key),
        )
        for status in ROLL_CALL_CYCLE:
            yield (
                _("Roll call: {who} {status}").format(
                    who=member.pseudonym, status=m.caption(status)
                ),
                _bind(self.roll_call, member.id, status),
                _("F2, then key {key}").format(key=key),
            )

    def _palette_turn(self, member_id: str) -> None:
        if self.mode is not Mode.TURNS:
            self.action_mode(Mode.TURNS)
        self.log_turn(member_id)


def _action_parts(action: str) -> tuple[str, tuple[object, ...]]:
    """ "mode('notes')" -> ("mode", ("notes",))."""
    if "(" not in action:
        return action, ()
    name, _paren, rest = action.partition("(")
    args = rest.rstrip(")").strip()
    return name, tuple(a.strip().strip("'\"") for a in args.split(",")) if args else ()


def _bind(fn: Callable, *args: object) -> Callable[[], object]:
    return lambda: fn(*args)
