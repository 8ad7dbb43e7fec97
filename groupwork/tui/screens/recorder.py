"""The live session recorder: the facilitator records the group without looking away for long.

Three modes: roll call (a member's key steps their mark: present, late, excused, absent),
turns (a member's key logs a turn; a, s or c before it sets its kind; space times it; n says
it answers no one; f logs the facilitator's own turn; m then 1-4 marks the group's state) and
notes (notes, questions and themes, saved as you type). Every event is recorded by
``groupwork.recording.recorder.SessionRecorder`` and committed at once, in order, by its writer
thread (``start_writer``); the log marks an event ⏳ until its commit returned.

Members appear by pseudonym only: the screen may be seen by the room.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import events, on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingsMap
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, TextArea

from groupwork import models as m
from groupwork.errors import GroupworkError
from groupwork.i18n import _
from groupwork.operations.sessions import start_session
from groupwork.recording.recorder import SessionRecorder
from groupwork.recording.records import AUTO, UndoneKind
from groupwork.store import Store
from groupwork.tui.keyboard import latin_key
from groupwork.tui.recorder_keys import (
    FACILITATOR_KEY,
    GROUP_MARK_KEYS,
    MEMBER_KEYS,
    ROLL_CALL_CYCLE,
    Mode,
    action_parts,
    key_for_slot,
)
from groupwork.tui.screens import recorder_messages as msg
from groupwork.tui.screens.base import footer_bindings
from groupwork.tui.screens.close_session import CloseSessionScreen
from groupwork.tui.screens.quick_task import QuickTaskScreen, TaskDraft
from groupwork.tui.screens.rating_scale import ask_close_ratings
from groupwork.tui.screens.recorder_view import RecorderView
from groupwork.tui.widgets.key_footer import KeyFooter
from groupwork.tui.widgets.linking import LinkingInput, LinkingTextArea, stored_text
from groupwork.tui.widgets.plain import Label, Static
from groupwork.tui.widgets.recorder_board import MemberBoard
from groupwork.tui.widgets.recorder_log import EventLog, session_time
from groupwork.tui.widgets.recorder_palette import RecorderCommands, RecorderPaletteEntries

__all__ = ["MEMBER_KEYS", "Mode", "RecorderScreen"]


class RecorderScreen(RecorderView, RecorderPaletteEntries, Screen[m.Session | None]):
    """Record one session of a group live. Dismisses with the closed session, or None."""

    CSS_PATH = "../recorder.tcss"
    AUTO_FOCUS = ""  # nothing focused: every key is a recorder key until notes are opened
    COMMANDS = {RecorderCommands}

    # Messages, posted after the recorder committed (see recorder_messages).
    TurnLogged = msg.TurnLogged
    TimingStopped = msg.TimingStopped
    AttendanceMarked = msg.AttendanceMarked
    GroupMarked = msg.GroupMarked
    TaskAgreed = msg.TaskAgreed
    ListItemAdded = msg.ListItemAdded
    EventUndone = msg.EventUndone
    SessionClosed = msg.SessionClosed
    WritesStored = msg.WritesStored

    # --- set-up ------------------------------------------------------------------------

    def __init__(
        self,
        store: Store,
        group_id: str,
        session_id: str | None = None,
        *,
        late_entry: bool = False,
    ) -> None:
        """Open ``session_id`` (a planned one starts now), or resume the group's open session,
        or start a new one. ``late_entry`` opens a past session entered afterwards."""
        super().__init__()
        self.store = store
        # Remember whether this visit creates the session: leaving it empty then discards it.
        known = {s.id for s in store.sessions(group_id)}
        if not late_entry:
            session_id = start_session(store, group_id, session_id=session_id).id
        self.created_session = session_id not in known
        self.recorder = SessionRecorder(store, session_id, late_entry=late_entry)
        if self.recorder.session.group_id != group_id:
            raise GroupworkError(_("That session belongs to another group."))
        slots = self.recorder.key_slots
        self.member_keys: dict[str, str] = {
            key_for_slot(slot): member_id for member_id, slot in slots.items()
        }
        self.member_keys.pop("", None)
        self.key_of: dict[str, str] = {v: k for k, v in self.member_keys.items()}
        self.key_of[m.FACILITATOR] = FACILITATOR_KEY
        self._checkpointer = None
        self._told_pending = False
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
            Binding("f6", "mute_nudges", _("Mute or unmute the nudges"), show=False),
            Binding("f7", "plan_sheet", _("Plan sheet"), show=False),
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
                    yield LinkingTextArea(self.recorder.session.notes, id="notes")
                    yield Label(id="qt-label")
                    yield LinkingInput(id="question")
                    yield LinkingInput(id="theme")
                    yield Static(id="qt-list")
        yield Static(id="rec-next")
        yield Static(id="rec-hints")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        for event in self.recorder.turns[-EventLog.MAX_LINES :]:
            self._log_turn(event)
        self.refresh_language()
        self.set_interval(1.0, self._every_second)
        # Everything built so far (modules, the app, this screen) lives as long as the
        # recording: keep the garbage collector from walking it again at every full pass,
        # which otherwise shows as a late frame now and then (``groupwork.tui.lasting``).
        self.app.freeze_lasting()
        # Checkpoints run in a background thread while recording, never inside a commit.
        self._checkpointer = self._guard(self.store.start_live_recording)
        self.start_writer()

    def on_unmount(self) -> None:
        # What this screen held and froze is collected by the app's next whole pass (not
        # ``gc.unfreeze()``, which undid start-up's and home's freezes too).
        self.stop_writer()
        self.store.stop_live_recording(self._checkpointer)

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
            if self.recorder.takes_part(member_id):
                self.member_key(member_id)
            else:  # a withdrawn member's key is skipped, never given to someone else
                self.notify(_("{who} no longer takes part.").format(who=self.label(member_id)))
            return
        # A command key (in either layout) runs here and now, not as a binding: a binding runs
        # only once the key has travelled back to the app, after a member key typed right
        # behind it ("a3" typed quickly gave "asked" to the wrong turn).
        name = "space" if key == " " else key
        for binding in self._bindings.key_to_bindings.get(name, []):
            event.stop()
            event.prevent_default()
            if self.check_action(*action_parts(binding.action)):
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
        """Mark a member's attendance (committed at once), then tell the screen."""
        mark = self._guard(lambda: self.recorder.roll_call(member_id, status))
        if mark is not None:
            self.post_message(self.AttendanceMarked(mark))

    def log_turn(self, actor_id: str) -> None:
        """Log a turn by ``actor_id`` with the armed kind and timing (committed at once)."""
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
        """Mark a moment of the whole group (committed at once), then tell the screen."""
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
        self._guard(self.recorder.store_pending)  # waits for the writer thread, briefly
        if len(self.recorder.pending):
            self.notify(
                _("{count} events are not saved yet; wait a moment, then leave.").format(
                    count=len(self.recorder.pending)
                ),
                severity="warning",
            )
            return
        outcome = self._guard(lambda: self.recorder.leave(discard_if_empty=self.created_session))
        if outcome is None:
            return
        number = self.recorder.session.number
        messages = {
            "kept": _("Session {number} stays open: press r on the dashboard to go on recording."),
            "discarded": _("Nothing was recorded, so session {number} was not kept."),
            "unstarted": _("Nothing was recorded; session {number} is still planned."),
            "entered": _("Session {number} is kept with the day and times entered."),
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
        summary += self.share_against_target(stats.facilitator_share)

        def close(next_steps: str, ratings: dict[str, int] | None) -> None:
            session = self._guard(lambda: self.recorder.close(next_steps, ratings))
            if session is not None:
                self.post_message(self.SessionClosed(session))

        def closing(next_steps: str | None) -> None:
            if next_steps is not None:
                ask_close_ratings(self, self.recorder, lambda ratings: close(next_steps, ratings))

        self.app.push_screen(CloseSessionScreen(summary, self.recorder.session.next_steps), closing)

    # --- notes, questions, themes ------------------------------------------------------

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        self._guard(lambda: self.recorder.set_notes(stored_text(event.text_area)))

    @on(Input.Submitted, "#question")
    @on(Input.Submitted, "#theme")
    def _list_item_submitted(self, event: Input.Submitted) -> None:
        is_question = event.input.id == "question"
        add = self.recorder.add_question if is_question else self.recorder.add_theme
        text = self._guard(lambda: add(stored_text(event.input)))
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

    @on(SessionClosed)
    def _session_closed(self, message: SessionClosed) -> None:
        self.notify(_("Session {number} closed and saved.").format(number=message.session.number))
        self.dismiss(message.session)
