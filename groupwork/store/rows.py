"""Small read-only rows the coordinator's queries return (not models: no validation cost).

Each is exactly what one line of a view shows, built only for the rows shown. Members appear by
pseudonym only: a coordinator does not need real names, so no row carries one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class GroupListRow:
    """One line of the home list and of ``groupwork groups``."""

    id: str
    name: str
    current_stage: int
    status: str
    next_session: date | None
    overdue: int


@dataclass(frozen=True)
class HomeListShape:
    """What home needs to lay out its columns for every group before reading their figures."""

    names: tuple[str, ...]
    stages: frozenset[int]
    count: int


@dataclass(frozen=True)
class SessionAttendance:
    """Marks recorded at one held session: how many, and how many came (present or late)."""

    held_on: date
    marked: int
    attended: int

    @property
    def rate(self) -> float | None:
        """Attended over marked; None when nobody was marked."""
        return self.attended / self.marked if self.marked else None


@dataclass(frozen=True)
class GroupStatusRow:
    """Where one group stands, for the coordinator (screen and ``groupwork status``)."""

    id: str
    name: str
    facilitators: tuple[str, ...]
    current_stage: int
    status: str
    stage_since: date | None
    """When the current stage was started (None when never recorded)."""
    start_date: date | None
    planned_sessions: int | None
    """The group's plan (None when the plan gives no number)."""
    sessions_held: int
    sessions_scheduled: int
    """Sessions in the calendar not yet held or cancelled."""
    last_session: date | None
    next_session: date | None
    overdue: int
    oldest_overdue: date | None
    """Due date of the longest-overdue open task."""
    recent: tuple[SessionAttendance, ...] = field(default=())
    """The last held sessions' attendance, oldest first."""


@dataclass(frozen=True)
class TaskFilter:
    """Which tasks the coordinator's table shows (every field optional)."""

    group_id: str | None = None
    group_name: str | None = None
    """Part of the group's name (case ignored)."""
    facilitator: str | None = None
    """Part of a facilitator's name as written in the group (case ignored)."""
    member: str | None = None
    """An assignee's pseudonym (case ignored), or ``facilitator``."""
    member_ids: tuple[str, ...] = ()
    """Only tasks assigned to one of these member ids (or ``facilitator``)."""
    statuses: tuple[str, ...] = ()
    due_from: date | None = None
    due_to: date | None = None
    min_days_overdue: int | None = None
    """Only open tasks at least this many days past due (1 = every overdue task)."""


TASK_SORTS = ("due", "group", "title", "status", "overdue")
"""Orders the task table can be sorted in."""


@dataclass(frozen=True)
class CoordinatorTaskRow:
    """One task in the table across groups."""

    id: str
    group_id: str
    group_name: str
    title: str
    assignees: tuple[str, ...]
    """Pseudonyms (``facilitator`` for the group's worker), in the order assigned."""
    due_on: date | None
    status: str
    days_overdue: int
    """Days past due for an open task; 0 when not overdue."""


@dataclass(frozen=True)
class AbsentMemberRow:
    """A member who did not come to either of the group's last two held sessions."""

    group_id: str
    group_name: str
    member_id: str
    pseudonym: str
    last_attended: date | None


@dataclass(frozen=True)
class MemberTurnsRow:
    """A current member's turns over the group's last few held sessions."""

    group_id: str
    group_name: str
    member_id: str
    pseudonym: str
    turns: int


@dataclass(frozen=True)
class StageChangeRow:
    """A stage started or completed in the digest's period."""

    group_id: str
    stage: int
    change: str
    """``started`` or ``completed``."""
    on: date


@dataclass(frozen=True)
class DigestGroupRow:
    """What happened in one group since a day (the weekly digest)."""

    id: str
    name: str
    sessions_held: int
    tasks_done: int
    newly_overdue: int
    """Open tasks that fell due in the period and are still not done."""
    marked_before: int
    attended_before: int
    """Attendance marks in the last held sessions before the period, and how many came."""
    marked_since: int
    attended_since: int
    stage_changes: tuple[StageChangeRow, ...] = ()
