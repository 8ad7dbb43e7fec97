"""Participation, attendance, task and goal figures, as pure functions over stored records.

Nothing here reads the database or draws: callers pass lists of models (from the store), and
get numbers back. The TUI, the charts and the Group Work Review all use these, so a figure
means the same thing everywhere.

Definitions (also in docs/data-model.md):

- A member *attended* a session when marked present or late.
- Attendance rates count held sessions only, over the marks actually recorded (a member with
  no mark for a session is not counted for it, rather than guessed absent).
- A member's *share* is their fraction of all member turns (the facilitator's turns are not in
  it); *relative* is share divided by the average share (1.0 = exactly average).
- *Quiet*: relative share below ``QUIET_BELOW`` (under 20% of the average).
  *Dominant*: relative share above ``DOMINANT_ABOVE`` (more than 80% above the average).
- The facilitator's share is the facilitator's fraction of all turns, members' and theirs:
  it falls as the group takes over (the handover signal).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from groupwork.models import (
    FACILITATOR,
    Assessment,
    AssessmentKind,
    Attendance,
    AttendanceStatus,
    Goal,
    Member,
    NewSituation,
    ParticipationEvent,
    Review,
    Session,
    SessionStatus,
    SituationLevel,
    Task,
    TaskStatus,
)

QUIET_BELOW = 0.2
"""A member whose share is under 20% of the group average is flagged quiet."""
DOMINANT_ABOVE = 1.8
"""A member whose share is more than 80% above the group average is flagged dominant."""

_ATTENDED = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.LATE})


def attended(status: AttendanceStatus | str) -> bool:
    """True for present or late."""
    return AttendanceStatus(status) in _ATTENDED


def _held_ids(sessions: Iterable[Session]) -> set[str]:
    return {s.id for s in sessions if s.status == SessionStatus.HELD}


# --- attendance --------------------------------------------------------------------------


def _attendance_rate(
    sessions: Iterable[Session], attendance: Iterable[Attendance], key: str
) -> dict[str, float]:
    """Attended marks over recorded marks in held sessions, per ``key`` ("member_id" or
    "session_id") of the marks."""
    held = _held_ids(sessions)
    marked: Counter[str] = Counter()
    came: Counter[str] = Counter()
    for mark in attendance:
        if mark.session_id in held:
            who = getattr(mark, key)
            marked[who] += 1
            came[who] += attended(mark.status)
    return {who: came[who] / marked[who] for who in marked}


def attendance_rate_by_member(
    sessions: Iterable[Session], attendance: Iterable[Attendance]
) -> dict[str, float]:
    """Each member's attended marks over their recorded marks, in held sessions."""
    return _attendance_rate(sessions, attendance, "member_id")


def attendance_rate_by_session(
    sessions: Iterable[Session], attendance: Iterable[Attendance]
) -> dict[str, float]:
    """For each held session with marks: the fraction of marked members who attended."""
    return _attendance_rate(sessions, attendance, "session_id")


def attendance_matrix(
    sessions: Iterable[Session], attendance: Iterable[Attendance]
) -> dict[tuple[str, str], AttendanceStatus]:
    """(member id, session id) -> the recorded status, for held sessions."""
    held = _held_ids(sessions)
    return {
        (mark.member_id, mark.session_id): AttendanceStatus(mark.status)
        for mark in attendance
        if mark.session_id in held
    }


# --- who was there to speak ----------------------------------------------------------------

NOT_THERE = ("absent", "withdrawn", "not_marked")
"""What a participation cell holds instead of a count when the member could not have spoken:
marked absent (or excused), left the group before that session, or not in its roll call."""


def participation_cells(
    members: Sequence[Member],
    sessions: Sequence[Session],
    attendance: Iterable[Attendance],
    events: Iterable[ParticipationEvent],
) -> list[list[int | str]]:
    """Members x held sessions: the turns a member took, or why they could not (``NOT_THERE``).

    A member who came and took no turn is 0 (silent); one who had left the group is
    "withdrawn"; one marked absent or excused is "absent"; one with no mark at all in a
    session with a roll call is "not_marked". A turn recorded always counts, whatever the mark.
    """
    held = [s for s in sessions if s.status == SessionStatus.HELD]
    marks = attendance_matrix(held, attendance)
    counts = turns_by_member_and_session(events)
    called = {session_id for _member, session_id in marks}
    rows: list[list[int | str]] = []
    for member in members:
        row: list[int | str] = []
        for session in held:
            turns = counts.get((member.id, session.id), 0)
            mark = marks.get((member.id, session.id))
            if turns:
                row.append(turns)
            elif member.left_on is not None and session.held_on > member.left_on:
                row.append("withdrawn")
            elif mark is not None and not attended(mark):
                row.append("absent")
            elif mark is None and session.id in called:
                row.append("not_marked")
            else:
                row.append(0)
        rows.append(row)
    return rows


# --- participation -----------------------------------------------------------------------


def _in_session(
    events: Iterable[ParticipationEvent], session_id: str | None
) -> Iterable[ParticipationEvent]:
    if session_id is None:
        return events
    return (e for e in events if e.session_id == session_id)


def turn_counts(
    events: Iterable[ParticipationEvent], session_id: str | None = None
) -> dict[str, int]:
    """Turns per actor (members and ``FACILITATOR``), optionally in one session."""
    return dict(Counter(e.actor_id for e in _in_session(events, session_id)))


def speaking_seconds(
    events: Iterable[ParticipationEvent], session_id: str | None = None
) -> dict[str, float]:
    """Timed speaking per actor, in seconds (untimed turns add nothing)."""
    totals: defaultdict[str, float] = defaultdict(float)
    for e in _in_session(events, session_id):
        if e.duration_seconds:
            totals[e.actor_id] += e.duration_seconds
    return dict(totals)


def turns_by_member_and_session(
    events: Iterable[ParticipationEvent],
) -> dict[tuple[str, str], int]:
    """(actor id, session id) -> turns."""
    return dict(Counter((e.actor_id, e.session_id) for e in events))


@dataclass(frozen=True)
class ShareOfTurns:
    """One member's part in the conversation, against the group average."""

    actor_id: str
    turns: int
    seconds: float
    share: float
    """Fraction of all member turns (0..1)."""
    relative: float
    """Share divided by the average share: 1.0 is exactly average."""
    quiet: bool
    dominant: bool


def shares_from_counts(
    counts: dict[str, int], seconds: dict[str, float], member_ids: Sequence[str]
) -> list[ShareOfTurns]:
    """Shares and flags from running counts (the recorder keeps these live)."""
    total = sum(counts.get(m, 0) for m in member_ids)
    n = len(member_ids)
    average = 1 / n if n else 0.0
    result = []
    for member in member_ids:
        turns = counts.get(member, 0)
        share = turns / total if total else 0.0
        relative = share / average if total and average else 0.0
        result.append(
            ShareOfTurns(
                actor_id=member,
                turns=turns,
                seconds=seconds.get(member, 0.0),
                share=share,
                relative=relative,
                # With no turns at all nobody is flagged: there is nothing to compare yet.
                quiet=bool(total) and relative < QUIET_BELOW,
                dominant=bool(total) and relative > DOMINANT_ABOVE,
            )
        )
    return result


def member_shares(
    events: Iterable[ParticipationEvent],
    member_ids: Sequence[str],
    session_id: str | None = None,
) -> list[ShareOfTurns]:
    """Every listed member's share of member turns (members with no turns included).

    One definition wherever a share is shown (dashboard, charts, review): a member's turns
    over the turns of every member in the records, a member who withdrew included and the
    facilitator's aside; the average is over the same people. So listing only the members
    still in the group (the dashboard) gives each the same share as listing everyone who
    took part (the review).
    """
    events = list(_in_session(events, session_id))
    counts = turn_counts(events)
    counts.pop(FACILITATOR, None)
    listed = set(member_ids)
    population = [*member_ids, *(actor for actor in counts if actor not in listed)]
    shares = shares_from_counts(counts, speaking_seconds(events), population)
    return [share for share in shares if share.actor_id in listed]


@dataclass(frozen=True)
class TurnsPerSessionAttended:
    """A member's turns per session they attended, against the members' average."""

    actor_id: str
    turns: int
    attended: int
    rate: float
    """Turns per session attended."""
    relative: float
    """``rate`` over the average rate of the members listed (1.0: exactly average)."""
    quiet: bool
    dominant: bool


def turns_per_session_attended(
    member_ids: Sequence[str],
    sessions: Iterable[Session],
    attendance: Iterable[Attendance],
    events: Iterable[ParticipationEvent],
) -> list[TurnsPerSessionAttended]:
    """Each listed member who attended at least one held session: turns per session attended.

    The rule behind "rarely heard" and "took a large share" in the review: a member is quiet
    when their rate is under ``QUIET_BELOW`` of the listed members' average rate, dominant
    above ``DOMINANT_ABOVE`` of it. Per session attended, so a member who came less often is
    not called quiet for the sessions she missed.
    """
    held = _held_ids(sessions)
    came: Counter[str] = Counter(
        a.member_id for a in attendance if a.session_id in held and attended(a.status)
    )
    turns = Counter(e.actor_id for e in events if e.session_id in held)
    rates = {x: turns[x] / came[x] for x in member_ids if came[x]}
    average = sum(rates.values()) / len(rates) if rates else 0.0
    result = []
    for member, rate in rates.items():
        relative = rate / average if average else 0.0
        result.append(
            TurnsPerSessionAttended(
                actor_id=member,
                turns=turns[member],
                attended=came[member],
                rate=rate,
                relative=relative,
                quiet=bool(average) and relative < QUIET_BELOW,
                dominant=bool(average) and relative > DOMINANT_ABOVE,
            )
        )
    return result


def facilitator_share(
    events: Iterable[ParticipationEvent], session_id: str | None = None
) -> float | None:
    """The facilitator's fraction of all turns; None when nobody has spoken."""
    counts = turn_counts(events, session_id)
    total = sum(counts.values())
    return counts.get(FACILITATOR, 0) / total if total else None


def facilitator_share_by_session(
    sessions: Iterable[Session], events: Iterable[ParticipationEvent]
) -> list[tuple[Session, float | None]]:
    """The handover curve: the facilitator's share in each held session, in order."""
    per_session: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for e in events:
        per_session[e.session_id][e.actor_id == FACILITATOR] += 1
    result = []
    for session in sorted(sessions, key=lambda s: s.number):
        if session.status != SessionStatus.HELD:
            continue
        counts = per_session.get(session.id)
        total = sum(counts.values()) if counts else 0
        result.append((session, counts[True] / total if total else None))
    return result


def response_matrix(events: Iterable[ParticipationEvent]) -> dict[str, dict[str, int]]:
    """Who responds to whom: responder -> responded-to -> count (the sociogram's edges)."""
    matrix: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for e in events:
        if e.responds_to_id:
            matrix[e.actor_id][e.responds_to_id] += 1
    return {responder: dict(targets) for responder, targets in matrix.items()}


# --- tasks and goals ---------------------------------------------------------------------


@dataclass
class TaskSummary:
    """Counts of a set of tasks by status, overdue, and the completion rate."""

    total: int
    by_status: dict[TaskStatus, int]
    overdue: int
    completion_rate: float | None
    """Done over all tasks that were not dropped; None when there are none."""


def task_summary(tasks: Iterable[Task], today: date) -> TaskSummary:
    """Summarise tasks as of ``today``."""
    tasks = list(tasks)
    by_status = {status: 0 for status in TaskStatus}
    for task in tasks:
        by_status[TaskStatus(task.status)] += 1
    live = len(tasks) - by_status[TaskStatus.DROPPED]
    return TaskSummary(
        total=len(tasks),
        by_status=by_status,
        overdue=sum(task.is_overdue(today) for task in tasks),
        completion_rate=by_status[TaskStatus.DONE] / live if live else None,
    )


def tasks_by_status_over_time(
    tasks: Iterable[Task], sessions: Iterable[Session]
) -> list[tuple[date, dict[TaskStatus, int]]]:
    """Task counts by status at each held session's date.

    A task counts from the day it was agreed (its session's date, else its creation date);
    it counts as done from ``done_on`` (else the date of ``done_session_id``). Other statuses
    are only known as they are now, so before a task is done it counts as open, unless it is
    dropped or in progress now.
    """
    sessions = sorted(
        (s for s in sessions if s.status == SessionStatus.HELD), key=lambda s: s.number
    )
    session_dates = {s.id: s.held_on for s in sessions}
    timeline = []
    tasks = list(tasks)
    for session in sessions:
        day = session.held_on
        counts = {status: 0 for status in TaskStatus}
        for task in tasks:
            agreed = session_dates.get(task.agreed_session_id or "") or task.created_at.date()
            if agreed > day:
                continue
            done_day = task.done_on or session_dates.get(task.done_session_id or "")
            if task.status == TaskStatus.DONE and (done_day is None or done_day <= day):
                counts[TaskStatus.DONE] += 1
            elif task.status in (TaskStatus.DROPPED, TaskStatus.IN_PROGRESS):
                counts[TaskStatus(task.status)] += 1
            else:
                counts[TaskStatus.OPEN] += 1
        timeline.append((day, counts))
    return timeline


@dataclass
class GoalTrend:
    """A goal's progress now and as judged at each review."""

    goal: Goal
    current: int
    history: list[tuple[date, int]] = field(default_factory=list)


def goal_progress(goals: Iterable[Goal], reviews: Iterable[Review]) -> list[GoalTrend]:
    """Each goal's progress history from the periodic reviews, in priority order."""
    history: defaultdict[str, list[tuple[date, int]]] = defaultdict(list)
    for review in sorted(reviews, key=lambda r: r.held_on):
        for note in review.goal_progress:
            history[note.goal_id].append((review.held_on, note.progress))
    ordered = sorted(goals, key=lambda g: (g.member_id is not None, g.priority, g.title))
    return [GoalTrend(goal=g, current=g.progress, history=history.get(g.id, [])) for g in ordered]


# --- reassessment after a new situation -----------------------------------------------------

REASSESS_WITHIN_DAYS = 14
"""The review's stated rule: a new situation about a member was followed by a reassessment in
time when that member's next reassessment came at most this many days after it was found."""


def reassessment_delays(
    situations: Iterable[NewSituation], assessments: Iterable[Assessment]
) -> list[tuple[NewSituation, int | None]]:
    """Per new situation about a member, in the order found: the days from the day it was
    found to that member's next reassessment (the first on or after that day), or None when
    no reassessment followed. Group-level situations are not about one member: left out."""
    again: dict[str, list[date]] = defaultdict(list)
    for a in assessments:
        if a.kind == AssessmentKind.REASSESSMENT:
            again[a.member_id].append(a.assessed_on)
    delays: list[tuple[NewSituation, int | None]] = []
    for s in sorted(situations, key=lambda s: s.identified_on):
        if s.level != SituationLevel.MEMBER or s.member_id is None:
            continue
        later = [day for day in again[s.member_id] if day >= s.identified_on]
        delays.append((s, (min(later) - s.identified_on).days if later else None))
    return delays
