"""Recording a session live: roll call, turns, timing, group marks, notes, quick tasks, undo.

This is the core of the live recorder, with no user interface: the TUI's recorder screen calls
it on every keypress, and tests drive it directly. Every method hands its write to
``self.pending`` (``records.PendingWrites``): by default committed before the method returns;
once the screen starts a writer thread (``pending.start_writer``) committed by that thread at
once, in order, while the screen marks the event ⏳ until it is stored. Either way what the
screen shows as saved is on disk (a crash, a flat battery or a closed laptop lid loses nothing
shown as saved), and nothing shown is dropped before it is stored.

The recorder keeps running counters (turns and timed seconds per actor) so the live figures
cost the same on the 1st turn as on the 1,000th; ``tests/test_recording.py`` checks that they
equal ``groupwork.analytics`` computed from the database.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime

from pydantic import ValidationError

from groupwork import analytics
from groupwork import models as m
from groupwork.errors import (
    ConnectionLost,
    DatabaseBusy,
    GroupworkError,
    InvalidInputError,
    NotFoundError,
    field_label,
    invalid_input,
)
from groupwork.i18n import _
from groupwork.recording.close import SessionClosing
from groupwork.recording.records import (
    AUTO,
    LiveStats,
    PendingWrites,
    StoreCall,
    Undone,
    UndoneKind,
    _Auto,
    delete_call,
    mark_attendance,
    store_call,
    unmark_attendance,
)
from groupwork.recording.records import UndoEntry as _UndoEntry
from groupwork.store import Store

_DELETED_ON_UNDO: dict[UndoneKind, type[m.Record]] = {
    UndoneKind.TURN: m.ParticipationEvent,
    UndoneKind.MARK: m.GroupMark,
    UndoneKind.TASK: m.Task,
}


class SessionRecorder(SessionClosing):
    """Records one session as it happens. Every write is committed at once, in order (see
    the module's docstring for the writer thread)."""

    def __init__(self, store: Store, session_id: str, *, late_entry: bool = False) -> None:
        """Record ``session_id``; ``late_entry`` opens a session entered afterwards (already
        held, with its own times) to add its roll call and turns from paper."""
        self.store = store
        self.session = store.get(m.Session, session_id)
        self.late_entry = late_entry
        if self.session.status == m.SessionStatus.CANCELLED:
            raise GroupworkError(
                _("Session {number} was cancelled; it cannot be recorded.").format(
                    number=self.session.number
                )
            )
        if self.session.ended_at is not None and not late_entry:
            raise GroupworkError(
                _("Session {number} is already closed.").format(number=self.session.number)
            )
        self.group = store.get(m.Group, self.session.group_id)
        self.members = self._roster()
        self._member_ids = {member.id for member in self.members}
        # Keys never move: each member keeps the slot given the first time they were recorded.
        self.key_slots = store.assign_member_key_slots(self.group.id, [x.id for x in self.members])
        everyone = {x.id: x for x in store.members(self.group.id)}
        self.inactive = [
            everyone[member_id]
            for member_id in sorted(self.key_slots, key=self.key_slots.__getitem__)
            if member_id not in self._member_ids and member_id in everyone
        ]
        """Members who once had a key and no longer take part (withdrew): shown greyed."""
        self.pending = PendingWrites(store, store.event_journal())
        self._opened_at = m.utc_now()
        self.rating_scale = store.rating_scale(self.group.id)
        self.attendance: dict[str, m.Attendance] = {
            a.member_id: a for a in store.attendance(session_id)
        }
        # Running counters, seeded from what an earlier run of the recorder stored.
        self._turns: Counter[str] = Counter()
        self._seconds: defaultdict[str, float] = defaultdict(float)
        self._turn_log: list[m.ParticipationEvent] = store.participation(session_id)
        for event in self._turn_log:
            self._count(event, +1)
        self._undo: list[_UndoEntry] = []
        self._timing: m.ParticipationEvent | None = None

    def _roster(self) -> list[m.Member]:
        """Members who can take part, by pseudonym.

        Selected members; a group still forming (none selected yet) records everyone not
        erased, so a first meeting can be recorded before selection is entered.
        """
        members = [x for x in self.store.members(self.session.group_id) if not x.erased]
        selected = [x for x in members if x.is_selected]
        if selected:
            return selected
        # A group still forming: everyone not withdrawn, declined or erased.
        gone = {m.SelectionDecision.WITHDREW, m.SelectionDecision.DECLINED}
        return [x for x in members if x.decision not in gone]

    # --- reading ------------------------------------------------------------------------

    @property
    def session_id(self) -> str:
        """The id of the session being recorded."""
        return self.session.id

    @property
    def turns(self) -> list[m.ParticipationEvent]:
        """The session's turns so far, oldest first."""
        return list(self._turn_log)

    @property
    def last_turn(self) -> m.ParticipationEvent | None:
        """The latest turn logged (None before the first)."""
        return self._turn_log[-1] if self._turn_log else None

    @property
    def timing(self) -> m.ParticipationEvent | None:
        """The turn being timed now, if any."""
        return self._timing

    @property
    def can_undo(self) -> bool:
        """True while there is a recorded step that undo can take back."""
        return bool(self._undo)

    def member(self, member_id: str) -> m.Member:
        """The group member with ``member_id`` (one of ``members``)."""
        for member in self.members:
            if member.id == member_id:
                return member
        raise NotFoundError(_("No member called {ref} in this group.").format(ref=member_id))

    def takes_part(self, member_id: str) -> bool:
        """True for a member recorded in this session (not one who withdrew)."""
        return member_id in self._member_ids

    def share_roster(self) -> list[str]:
        """Members whose share is compared: everyone not marked excused or absent."""
        away = {m.AttendanceStatus.EXCUSED, m.AttendanceStatus.ABSENT}
        return [
            x.id
            for x in self.members
            if x.id not in self.attendance or self.attendance[x.id].status not in away
        ]

    def live_stats(self) -> LiveStats:
        """Shares and flags from the running counters (no database read)."""
        roster = self.share_roster()
        total = sum(self._turns.values())
        facilitator_turns = self._turns.get(m.FACILITATOR, 0)
        return LiveStats(
            shares=analytics.shares_from_counts(self._turns, self._seconds, roster),
            facilitator_share=facilitator_turns / total if total else None,
            member_turns=sum(self._turns.get(x, 0) for x in roster),
            facilitator_turns=facilitator_turns,
            timed_actor=self._timing.actor_id if self._timing else None,
        )

    def now(self) -> datetime:
        """The moment to stamp an event with.

        Live: now. Entered afterwards: the session's start plus the time spent entering, kept
        within the session, so turns keep their order and fall inside the session's own
        times (the entered order is exact; the minutes are not).
        """
        now = m.utc_now()
        session = self.session
        if not self.late_entry or session.started_at is None or session.ended_at is None:
            return now
        return min(session.started_at + (now - self._opened_at), session.ended_at)

    def elapsed_seconds(self, now: datetime | None = None) -> float:
        """Seconds since the session started (the session clock); a session entered
        afterwards shows its own length."""
        if self.session.started_at is None:
            return 0.0
        if self.late_entry and self.session.ended_at is not None:
            now = self.session.ended_at
        now = now or m.utc_now()
        return max(0.0, (now - self.session.started_at).total_seconds())

    # --- roll call ----------------------------------------------------------------------

    def roll_call(
        self, member_id: str, status: m.AttendanceStatus, reason: str = ""
    ) -> m.Attendance:
        """Mark a member present, late, excused or absent (replacing an earlier mark)."""
        self.member(member_id)
        previous = self.attendance.get(member_id)
        try:
            # Built here too, so a mark the database cannot take yet waits like a turn.
            mark = m.Attendance(
                id=previous.id if previous else m.new_id(),
                session_id=self.session_id,
                member_id=member_id,
                status=m.AttendanceStatus(status),
                reason=reason,
            )
        except ValidationError as exc:
            raise invalid_input(exc) from exc
        stored: list[m.Attendance] = []

        def store_now(store: Store, record: m.Record) -> None:
            stored.append(mark_attendance(store, record))

        if self.pending.write(mark, store_now):
            mark = stored[0]
        self.attendance[member_id] = mark
        self._undo.append(_UndoEntry(UndoneKind.ATTENDANCE, mark, previous))
        return mark

    # --- turns --------------------------------------------------------------------------

    def _check_actor(self, actor_id: str) -> None:
        if actor_id != m.FACILITATOR and actor_id not in self._member_ids:
            raise NotFoundError(_("No member called {ref} in this group.").format(ref=actor_id))

    def _count(self, event: m.ParticipationEvent, sign: int) -> None:
        self._turns[event.actor_id] += sign
        if self._turns[event.actor_id] <= 0:
            del self._turns[event.actor_id]
        if event.duration_seconds:
            self._seconds[event.actor_id] += sign * event.duration_seconds

    def log_turn(
        self,
        actor_id: str,
        kind: m.TurnKind = m.TurnKind.SPOKE,
        responds_to: str | None | _Auto = AUTO,
    ) -> m.ParticipationEvent:
        """Log a turn by a member or ``FACILITATOR``.

        ``responds_to``: ``AUTO`` (default) makes the turn a response to the previous turn's
        actor when that is someone else; ``None`` records no response (a new thread); an
        actor id records a response to that actor. A turn being timed stops first: only one
        person speaks at a time.
        """
        self._check_actor(actor_id)
        if self._timing is not None:
            self.stop_timing()
        return self._add_turn(actor_id, kind, responds_to, duration=None)

    def _add_turn(
        self,
        actor_id: str,
        kind: m.TurnKind,
        responds_to: str | None | _Auto,
        duration: float | None,
    ) -> m.ParticipationEvent:
        if isinstance(responds_to, _Auto):
            last = self.last_turn
            responds_to = last.actor_id if last and last.actor_id != actor_id else None
        elif responds_to is not None:
            self._check_actor(responds_to)
        event = m.ParticipationEvent(
            session_id=self.session_id,
            actor_id=actor_id,
            kind=m.TurnKind(kind),
            responds_to_id=responds_to,
            duration_seconds=duration,
            at=self.now(),
        )
        # Shown and counted whether or not the lock was free: a busy write waits in pending.
        self.pending.write(event, store_call("record_turn"))
        self._turn_log.append(event)
        self._count(event, +1)
        self._undo.append(_UndoEntry(UndoneKind.TURN, event))
        return event

    def start_timing(
        self,
        actor_id: str,
        kind: m.TurnKind = m.TurnKind.SPOKE,
        responds_to: str | None | _Auto = AUTO,
    ) -> m.ParticipationEvent:
        """Start a timed turn. The turn is committed now (so a crash keeps it) with a
        duration of 0; ``stop_timing`` writes the real duration."""
        self._check_actor(actor_id)
        if self._timing is not None:
            self.stop_timing()
        event = self._add_turn(actor_id, kind, responds_to, duration=0.0)
        self._timing = event
        return event

    def stop_timing(self) -> m.ParticipationEvent | None:
        """Stop the timed turn and commit its duration; None when nothing was being timed."""
        event = self._timing
        if event is None:
            return None
        seconds = min(max(0.0, (self.now() - event.at).total_seconds()), 24 * 3600)
        self._count(event, -1)
        event.duration_seconds = seconds
        if self.pending.background or event not in self.pending:
            # The writer thread may be storing it with duration 0 right now: store it again.
            self.pending.write(event, store_call("save"))
        else:  # a waiting turn is stored with its duration later
            self.pending.changed(event)
        self._count(event, +1)
        self._timing = None
        return event

    # --- the group, notes, questions ----------------------------------------------------

    def mark_group(self, kind: m.GroupMarkKind, notes: str = "") -> m.GroupMark:
        """Mark the whole group's state now: silence, conflict, laughter, breakthrough."""
        try:
            mark = m.GroupMark(
                session_id=self.session_id, kind=m.GroupMarkKind(kind), notes=notes, at=self.now()
            )
        except ValidationError as exc:
            raise invalid_input(exc) from exc
        self.pending.write(mark, store_call("add"))
        self._undo.append(_UndoEntry(UndoneKind.MARK, mark))
        return mark

    def _save_session(self, *, wait: bool = True, **changes: object) -> m.Session:
        """Store the session with ``changes``; with ``wait`` (notes, questions, themes) a
        write the database cannot take yet waits with the turns instead of failing."""
        try:
            updated = self.session.model_validate({**self.session.model_dump(), **changes})
        except ValidationError as exc:
            raise invalid_input(exc) from exc
        if wait:
            # An older copy still waiting is replaced: the newest notes are what count.
            self.pending.drop(self.session)
            self.pending.write(updated, store_call("save"))
        else:
            self.store.save(updated)
        self.session = updated
        return updated

    def set_notes(self, text: str) -> None:
        """Store the session notes as they are now (the screen calls this on every change)."""
        if text == self.session.notes:
            return
        self._save_session(notes=text)

    def _add_to_list(self, field: str, kind: UndoneKind, text: str) -> str:
        text = text.strip()
        if not text:
            raise InvalidInputError([f"{field_label(field)}: {_('must not be empty')}"])
        self._save_session(**{field: [*getattr(self.session, field), text]})
        self._undo.append(_UndoEntry(kind, text))
        return text

    def add_question(self, text: str) -> str:
        """Add a question posed to the group (stage 7)."""
        return self._add_to_list("questions", UndoneKind.QUESTION, text)

    def add_theme(self, text: str) -> str:
        """Add a theme that came up."""
        return self._add_to_list("themes", UndoneKind.THEME, text)

    # --- tasks --------------------------------------------------------------------------

    def quick_task(self, title: str, assignee_ids: list[str], due_on: date | None = None) -> m.Task:
        """Add a task agreed in the room: who, what, by when (agreed in this session)."""
        for assignee in assignee_ids:
            self._check_actor(assignee)
        try:
            task = m.Task(
                group_id=self.session.group_id,
                title=title,
                assignee_ids=assignee_ids,
                due_on=due_on,
                agreed_session_id=self.session_id,
            )
        except ValidationError as exc:
            raise invalid_input(exc) from exc
        self.pending.write(task, store_call("add"))
        self._undo.append(_UndoEntry(UndoneKind.TASK, task))
        return task

    # --- undo and close -----------------------------------------------------------------

    def undo(self) -> Undone | None:
        """Take back the last thing recorded by this recorder; None when there is nothing.

        Turns, marks and tasks are deleted; an attendance mark goes back to what it was
        (or is removed if the member had none); a question or theme is removed.
        """
        if not self._undo:
            return None
        entry = self._undo[-1]
        try:
            undone = self._take_back(entry)
        except DatabaseBusy as exc:
            # Nothing was taken back (the server or the lock would not take the change):
            # the step stays, so the next u undoes this one, not the one before it.
            if isinstance(exc, ConnectionLost):
                message = _(
                    "Not undone: the agency database cannot be reached. Nothing changed; "
                    "press u again when the connection is back."
                )
            else:
                message = _(
                    "Not undone: another window or command is writing to the database. "
                    "Nothing changed; press u again in a moment."
                )
            raise type(exc)(message) from exc
        self._undo.pop()
        return undone

    def _store_in_order(self, record: m.Record, call: StoreCall) -> None:
        """Write an undo's change: after what the writer thread still holds, in order; at
        once on the recorder's store when there is no writer thread."""
        if self.pending.background:
            self.pending.write(record, call)
        else:
            call(self.store, record)

    def _take_back(self, entry: _UndoEntry) -> Undone:
        """Undo ``entry``: the stored change first, then what the recorder shows."""
        model = _DELETED_ON_UNDO.get(entry.kind)
        # A record still waiting for the lock was never stored: forgetting it is enough.
        if model is not None and not self.pending.drop(entry.record):  # type: ignore[arg-type]
            if self.pending.background:  # after the record, in order, by the writer thread
                self.pending.write(entry.record, delete_call(model))  # type: ignore[arg-type]
            else:
                self.store.delete(model, entry.record.id)  # type: ignore[attr-defined]
        if entry.kind is UndoneKind.TURN:
            event = entry.record
            assert isinstance(event, m.ParticipationEvent)
            if self._timing is not None and self._timing.id == event.id:
                self._timing = None
            self._turn_log = [e for e in self._turn_log if e.id != event.id]
            self._count(event, -1)
            return Undone(entry.kind, event)
        if entry.kind in (UndoneKind.MARK, UndoneKind.TASK):
            return Undone(entry.kind, entry.record)
        if entry.kind is UndoneKind.ATTENDANCE:
            mark = entry.record
            assert isinstance(mark, m.Attendance)
            previous = entry.previous
            if isinstance(previous, m.Attendance):
                restored = previous.model_copy(update={"id": mark.id})
                self._store_in_order(restored, mark_attendance)
                self.attendance[mark.member_id] = restored
                return Undone(entry.kind, restored)
            self._store_in_order(mark, unmark_attendance)
            self.attendance.pop(mark.member_id, None)
            return Undone(entry.kind, mark)
        field = "questions" if entry.kind is UndoneKind.QUESTION else "themes"
        items = list(getattr(self.session, field))
        # Remove the last occurrence: that is the one this entry added.
        index = len(items) - 1 - items[::-1].index(entry.record)
        del items[index]
        self._save_session(**{field: items})
        return Undone(entry.kind, entry.record)
