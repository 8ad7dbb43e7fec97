"""Recording a session live: roll call, turns, timing, group marks, notes, quick tasks, undo.

This is the core of the live recorder, with no user interface: the TUI's recorder screen calls
it on every keypress, and tests drive it directly. Every method commits to the database before
it returns, so whatever the screen acknowledges is already on disk (a crash, a flat battery or
a closed laptop lid loses nothing that was shown).

The recorder keeps running counters (turns and timed seconds per actor) so the live figures
cost the same on the 1st turn as on the 1,000th; ``tests/test_recording.py`` checks that they
equal ``groupwork.analytics`` computed from the database.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Final

from pydantic import ValidationError

from groupwork import analytics
from groupwork import models as m
from groupwork.errors import (
    GroupworkError,
    InvalidInputError,
    NotFoundError,
    field_label,
    invalid_input,
)
from groupwork.i18n import _
from groupwork.store import Store


class _Auto:
    """Marker: infer whom a turn responds to (see ``SessionRecorder.log_turn``)."""

    def __repr__(self) -> str:
        return "AUTO"


AUTO: Final = _Auto()
"""Pass as ``responds_to`` to let the recorder infer the response (the default)."""


class UndoneKind(StrEnum):
    TURN = "turn"
    MARK = "mark"
    ATTENDANCE = "attendance"
    QUESTION = "question"
    THEME = "theme"
    TASK = "task"


@dataclass(frozen=True)
class Undone:
    """What ``SessionRecorder.undo`` took back, for the screen to say."""

    kind: UndoneKind
    record: object
    """The removed record (a turn, mark, task), the restored attendance mark (or the removed
    one when there was none before), or the removed question/theme text."""


@dataclass(frozen=True)
class LiveStats:
    """The live figures: each member's share against the average, and the facilitator's."""

    shares: list[analytics.ShareOfTurns]
    facilitator_share: float | None
    member_turns: int
    facilitator_turns: int
    timed_actor: str | None
    """The actor whose turn is being timed now, if any."""


@dataclass
class _UndoEntry:
    kind: UndoneKind
    record: object
    previous: object = None


def _local_today() -> date:
    return datetime.now().astimezone().date()


def open_session(store: Store, group_id: str) -> m.Session | None:
    """The group's session that was started and not closed (the recorder was left running)."""
    open_ones = [s for s in store.sessions(group_id) if s.is_open]
    return open_ones[-1] if open_ones else None


def start_session(
    store: Store,
    group_id: str,
    held_on: date | None = None,
    stages: list[int] | None = None,
    plan: str = "",
) -> m.Session:
    """Start recording a session of the group, or resume the one left open.

    An open session (started, not closed) is resumed as it is. Otherwise a planned session
    for ``held_on`` (default today) that has not started yet is started; failing that a new
    session is numbered after the group's last one. ``stages`` defaults to the group's
    current stage.
    """
    # One write lock from look-up to save, so two windows starting a session at once cannot
    # both take the same number or both start the same planned session.
    with store.transaction():
        return _start_or_resume(store, group_id, held_on, stages, plan)


def _start_or_resume(
    store: Store, group_id: str, held_on: date | None, stages: list[int] | None, plan: str
) -> m.Session:
    resumed = open_session(store, group_id)
    if resumed is not None:
        return resumed
    group = store.get(m.Group, group_id)
    held_on = held_on or _local_today()
    planned = [
        s
        for s in store.sessions(group_id)
        if s.status == m.SessionStatus.PLANNED and s.started_at is None and s.held_on == held_on
    ]
    try:
        if planned:
            session = planned[0].model_copy()
            session.started_at = m.utc_now()
            if stages is not None:
                session.stages = stages
            if plan:
                session.plan = plan
        else:
            session = m.Session(
                group_id=group_id,
                number=store.next_session_number(group_id),
                held_on=held_on,
                started_at=m.utc_now(),
                stages=stages if stages is not None else [group.current_stage],
                plan=plan,
            )
    except ValidationError as exc:
        raise invalid_input(exc) from exc
    return store.save(session)


class SessionRecorder:
    """Records one session as it happens. Every method commits before returning."""

    def __init__(self, store: Store, session_id: str) -> None:
        self.store = store
        self.session = store.get(m.Session, session_id)
        if self.session.ended_at is not None:
            raise GroupworkError(
                _("Session {number} is already closed.").format(number=self.session.number)
            )
        self.group = store.get(m.Group, self.session.group_id)
        self.members = self._roster()
        self._member_ids = {member.id for member in self.members}
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
        return selected or members

    # --- reading ------------------------------------------------------------------------

    @property
    def session_id(self) -> str:
        return self.session.id

    @property
    def turns(self) -> list[m.ParticipationEvent]:
        """The session's turns so far, oldest first."""
        return list(self._turn_log)

    @property
    def last_turn(self) -> m.ParticipationEvent | None:
        return self._turn_log[-1] if self._turn_log else None

    @property
    def timing(self) -> m.ParticipationEvent | None:
        """The turn being timed now, if any."""
        return self._timing

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def member(self, member_id: str) -> m.Member:
        for member in self.members:
            if member.id == member_id:
                return member
        raise NotFoundError(_("No member called {ref} in this group.").format(ref=member_id))

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

    def elapsed_seconds(self, now: datetime | None = None) -> float:
        """Seconds since the session started (the session clock)."""
        if self.session.started_at is None:
            return 0.0
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
            mark = self.store.record_attendance(
                self.session_id, member_id, m.AttendanceStatus(status), reason
            )
        except ValidationError as exc:
            raise invalid_input(exc) from exc
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
        )
        self.store.record_turn(event)
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
        seconds = min(max(0.0, (m.utc_now() - event.at).total_seconds()), 24 * 3600)
        self._count(event, -1)
        event.duration_seconds = seconds
        self.store.save(event)
        self._count(event, +1)
        self._timing = None
        return event

    # --- the group, notes, questions ----------------------------------------------------

    def mark_group(self, kind: m.GroupMarkKind, notes: str = "") -> m.GroupMark:
        """Mark the whole group's state now: silence, conflict, laughter, breakthrough."""
        try:
            mark = m.GroupMark(session_id=self.session_id, kind=m.GroupMarkKind(kind), notes=notes)
        except ValidationError as exc:
            raise invalid_input(exc) from exc
        self.store.add(mark)
        self._undo.append(_UndoEntry(UndoneKind.MARK, mark))
        return mark

    def _save_session(self, **changes: object) -> m.Session:
        try:
            updated = self.session.model_validate({**self.session.model_dump(), **changes})
        except ValidationError as exc:
            raise invalid_input(exc) from exc
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
        self.store.add(task)
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
        entry = self._undo.pop()
        if entry.kind is UndoneKind.TURN:
            event = entry.record
            assert isinstance(event, m.ParticipationEvent)
            self.store.delete(m.ParticipationEvent, event.id)
            if self._timing is not None and self._timing.id == event.id:
                self._timing = None
            self._turn_log = [e for e in self._turn_log if e.id != event.id]
            self._count(event, -1)
            return Undone(entry.kind, event)
        if entry.kind is UndoneKind.MARK:
            self.store.delete(m.GroupMark, entry.record.id)  # type: ignore[attr-defined]
            return Undone(entry.kind, entry.record)
        if entry.kind is UndoneKind.TASK:
            self.store.delete(m.Task, entry.record.id)  # type: ignore[attr-defined]
            return Undone(entry.kind, entry.record)
        if entry.kind is UndoneKind.ATTENDANCE:
            mark = entry.record
            assert isinstance(mark, m.Attendance)
            previous = entry.previous
            if isinstance(previous, m.Attendance):
                restored = previous.model_copy(update={"id": mark.id})
                self.store.save(restored)
                self.attendance[mark.member_id] = restored
                return Undone(entry.kind, restored)
            self.store.delete(m.Attendance, mark.id)
            self.attendance.pop(mark.member_id, None)
            return Undone(entry.kind, mark)
        field = "questions" if entry.kind is UndoneKind.QUESTION else "themes"
        items = list(getattr(self.session, field))
        # Remove the last occurrence: that is the one this entry added.
        index = len(items) - 1 - items[::-1].index(entry.record)
        del items[index]
        self._save_session(**{field: items})
        return Undone(entry.kind, entry.record)

    @property
    def has_records(self) -> bool:
        """True once anything was recorded in this session (by this run or an earlier one)."""
        session = self.session
        if self.attendance or self._turn_log or session.notes.strip():
            return True
        if session.questions or session.themes or session.feelings or session.society_links:
            return True
        return self.store.session_has_marks_or_tasks(session.id)

    def leave(self, *, discard_if_empty: bool) -> str:
        """Step away from the recorder without closing the session.

        Returns what became of the session: ``"kept"`` (something was recorded: it stays open
        and the recorder resumes it next time), ``"discarded"`` (nothing was recorded and this
        visit had created it: an accidental keypress leaves no empty session behind) or
        ``"unstarted"`` (nothing was recorded in a session planned earlier: it is planned
        again).
        """
        self.stop_timing()
        if self.has_records:
            return "kept"
        if discard_if_empty:
            self.store.delete(m.Session, self.session.id)
            return "discarded"
        self._save_session(started_at=None)
        return "unstarted"

    def close(self, next_steps: str = "") -> m.Session:
        """Close the session: stop timing, record the end and next steps, mark it held,
        then back the database up."""
        self.stop_timing()
        ended = m.utc_now()
        started = self.session.started_at or ended
        self._save_session(
            ended_at=max(ended, started),
            started_at=started,
            status=m.SessionStatus.HELD,
            next_steps=next_steps.strip(),
        )
        self._undo.clear()
        _backup_after_close(self.store)
        return self.session


def _backup_after_close(store: Store) -> None:
    """Back up the database after a session closes (when the safety module is present).

    A database without a file (an agency database on a server) is backed up by the server's
    own tools (docs/agency.md), not copied here.
    """
    if store.path is None:
        return
    try:
        from groupwork.safety.backup import backup_database
    except ImportError:  # the safety module is not part of this build
        return
    backup_database(store, reason="session-closed")
