"""The nudges of one session being recorded: their situation, their line, and their records.

``SessionNudges`` reads what the recorder already holds (turns, roll call, roster) and, once,
the group's thresholds and who missed the last session; ``refresh`` (the screen's one-second
timer) judges the nudges (``nudges.find_nudges``) and keeps a ``NudgeShown`` record of each one
that reaches the line, written like the recorder's own events (waiting for a busy lock, never
lost). Muting and unmuting are recorded too, so a resumed session stays muted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from groupwork import models as m
from groupwork.recording.nudges import Nudge, NudgeLine, Situation, find_nudges
from groupwork.recording.records import PendingWrites, store_call
from groupwork.stage_spec import nudge_thresholds
from groupwork.store import Store

AWAY = (m.AttendanceStatus.ABSENT, m.AttendanceStatus.EXCUSED)


class Recording(Protocol):
    """What the nudges read from the recorder (``recorder.SessionRecorder``)."""

    store: Store
    session: m.Session
    group: m.Group
    members: list[m.Member]
    attendance: dict[str, m.Attendance]
    pending: PendingWrites
    late_entry: bool

    @property
    def turns(self) -> list[m.ParticipationEvent]:
        """The session's turns so far."""
        ...  # pragma: no cover


def missed_last_session(store: Store, session: m.Session) -> frozenset[str]:
    """Members marked absent or excused in the group's last held session before ``session``."""
    held = [
        s
        for s in store.sessions(session.group_id)
        if s.status == m.SessionStatus.HELD and s.number < session.number
    ]
    if not held:
        return frozenset()
    return frozenset(a.member_id for a in store.attendance(held[-1].id) if a.status in AWAY)


class SessionNudges:
    """The nudges of the session ``recording`` records (off for a session entered afterwards)."""

    def __init__(self, recording: Recording) -> None:
        """Read the thresholds, last session's absences and an earlier mute, once."""
        self.recording = recording
        store, session = recording.store, recording.session
        stage = max(session.stages, default=recording.group.current_stage)
        self.limits = nudge_thresholds(stage, store.nudge_settings(session.group_id))
        self.missed_last = missed_last_session(store, session)
        switches = [
            n.kind
            for n in store.nudges_shown(session.id)
            if n.kind in (m.NudgeKind.MUTED, m.NudgeKind.UNMUTED)
        ]
        self.line = NudgeLine(muted=bool(switches) and switches[-1] is m.NudgeKind.MUTED)
        self.enabled = not recording.late_entry

    def situation(self) -> Situation:
        """The session so far, as the rules read it."""
        rec = self.recording
        start = rec.session.started_at or m.utc_now()
        taking_part = {x.id for x in rec.members}
        marks = {k: v for k, v in rec.attendance.items() if k in taking_part}
        present: dict[str, datetime] = {}
        if marks:
            for member_id, mark in marks.items():
                if mark.status == m.AttendanceStatus.PRESENT:
                    present[member_id] = start
                elif mark.status == m.AttendanceStatus.LATE:
                    present[member_id] = max(start, mark.recorded_at)
        else:  # no roll call yet: everyone taking part counts as here from the start
            present = dict.fromkeys(taking_part, start)
        late = frozenset(k for k, v in marks.items() if v.status == m.AttendanceStatus.LATE)
        return Situation(rec.turns, present, late, self.missed_last & present.keys())

    def refresh(self, now: datetime | None = None) -> list[Nudge]:
        """Judge the nudges now; record (and return) the ones that newly reached the line."""
        if not self.enabled or self.recording.session.started_at is None:
            return []
        found = find_nudges(self.situation(), self.limits, now or m.utc_now())
        shown = self.line.update(found)
        for nudge in shown:
            self._record(nudge.kind, nudge.member_id, nudge.figures())
        return shown

    def toggle_mute(self) -> bool:
        """Mute the nudges for the session, or turn them back on; True when now muted."""
        self.line.muted = not self.line.muted
        self._record(m.NudgeKind.MUTED if self.line.muted else m.NudgeKind.UNMUTED, None, "")
        return self.line.muted

    def _record(self, kind: m.NudgeKind, member_id: str | None, detail: str) -> None:
        rec = self.recording
        record = m.NudgeShown(
            session_id=rec.session.id, kind=kind, member_id=member_id, detail=detail
        )
        rec.pending.write(record, store_call("add"))
