"""Leaving and closing a live session: the end of ``recorder.SessionRecorder``.

Kept apart so the recorder's keypress path (recorder.py) stays short to read: stepping away
without closing (an accidental start leaves no empty session), and closing (end time, next
steps, ratings, then a backup), which refuses while records still wait for the database.
"""

from __future__ import annotations

from groupwork import models as m
from groupwork.errors import ConnectionLost, DatabaseBusy
from groupwork.i18n import _
from groupwork.operations.ratings import record_ratings
from groupwork.recording.records import PendingWrites, UndoEntry
from groupwork.store import Store


class SessionClosing:
    """The leave and close half of the live recorder (mixed into ``SessionRecorder``)."""

    store: Store
    session: m.Session
    session_id: str
    pending: PendingWrites
    late_entry: bool
    attendance: dict[str, m.Attendance]
    members: list[m.Member]
    _turn_log: list[m.ParticipationEvent]
    _undo: list[UndoEntry]

    def stop_timing(self) -> m.ParticipationEvent | None:  # pragma: no cover - see above
        """Stop the timed turn, if any."""
        raise NotImplementedError

    def _save_session(self, *, wait: bool = True, **changes: object) -> m.Session:
        raise NotImplementedError  # pragma: no cover - SessionRecorder defines it

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
        again) or ``"entered"`` (a session entered afterwards keeps the day and times given).
        """
        self.stop_timing()
        self.store_pending()
        if self.has_records or len(self.pending):
            return "kept"
        if self.late_entry:
            # Its times came from paper: "un-starting" it would lose when it began.
            return "entered"
        if discard_if_empty:
            self.store.delete(m.Session, self.session.id)
            return "discarded"
        self._save_session(wait=False, started_at=None)
        return "unstarted"

    def store_pending(self) -> int:
        """Write what waits for the lock (the screen calls this every second); how many."""
        return self.pending.flush()

    def raters(self) -> list[m.Member]:
        """Members rated at the close: those marked present or late."""
        here = (m.AttendanceStatus.PRESENT, m.AttendanceStatus.LATE)
        return [
            x
            for x in self.members
            if x.id in self.attendance and self.attendance[x.id].status in here
        ]

    def close(self, next_steps: str = "", ratings: dict[str, int] | None = None) -> m.Session:
        """Close the session: stop timing, store what waits, record the end, next steps and
        the ratings given (member id -> score; members left out were skipped), mark it held,
        then back the database up. Raises ``DatabaseBusy`` (nothing closed) while writes
        still wait for the lock."""
        self.stop_timing()
        self.store_pending()
        if len(self.pending):
            if self.pending.server_away:
                raise ConnectionLost(
                    _(
                        "The agency database cannot be reached; the session is not closed. "
                        "What you recorded is kept on this computer: try again when the "
                        "server is back."
                    )
                )
            raise DatabaseBusy(
                _(
                    "Another groupwork window or command is writing to the database; "
                    "nothing was saved. Try again in a moment."
                )
            )
        ended = m.utc_now()
        started = self.session.started_at or ended
        if self.late_entry and self.session.ended_at is not None:
            ended = self.session.ended_at
        with self.store.transaction():
            self._save_session(
                wait=False,
                ended_at=max(ended, started),
                started_at=started,
                status=m.SessionStatus.HELD,
                next_steps=next_steps.strip(),
            )
            record_ratings(self.store, self.session_id, ratings or {})
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
