"""The coordinator's judgements over the store's rows: trend words, flags, quiet members.

Pure functions (no database, no screen): the coordinator screen, ``groupwork status`` and the
digest all use these, so a flag means the same thing everywhere. Definitions:

- *Attendance trend*: the rates (attended over marked) of the group's last held sessions with
  marks, oldest first, split in an earlier and a later half; the later half's mean
  ``TREND_STEP`` (10 points) or more above the earlier is *rising*, as much below *falling*,
  else *steady*. Fewer than two such sessions: *not enough sessions*.
- *No session for N weeks*: an active group whose last held session (or, before the first,
  its start date) is more than ``IDLE_WEEKS`` weeks ago.
- *Stuck at a stage*: an active group in the same stage for more than ``STUCK_WEEKS`` weeks.
- *Attendance dropped*: a current member who came to neither of the last two held sessions
  (the store's ``absent_members``). *Quiet*: under a fifth of the group's average share of
  turns over the last three held sessions (``analytics.QUIET_BELOW``, as in the review).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum

from groupwork.analytics import shares_from_counts
from groupwork.i18n import N_, _
from groupwork.store.rows import GroupListRow, GroupStatusRow, MemberTurnsRow, SessionAttendance

TREND_STEP = 0.10
IDLE_WEEKS = 3
STUCK_WEEKS = 8
QUIET_SESSIONS = 3
"""Held sessions over which turns are counted for the quiet flag."""


class Trend(StrEnum):
    """Which way a group's attendance is going over its last held sessions."""

    RISING = "rising"
    STEADY = "steady"
    FALLING = "falling"
    UNKNOWN = "unknown"


class Flag(StrEnum):
    """Something about a group a coordinator should look at (``group_flags``)."""

    NO_RECENT_SESSION = "no_recent_session"
    STUCK_AT_STAGE = "stuck_at_stage"
    ATTENDANCE_FALLING = "attendance_falling"


_TREND_WORDS = {
    Trend.RISING: N_("rising"),
    Trend.STEADY: N_("steady"),
    Trend.FALLING: N_("falling"),
    Trend.UNKNOWN: N_("not enough sessions"),
}
_TREND_MARKS = {Trend.RISING: "↗", Trend.STEADY: "→", Trend.FALLING: "↘", Trend.UNKNOWN: "·"}


def trend_word(trend: Trend) -> str:
    """The trend in the current language."""
    return _(_TREND_WORDS[trend])


def trend_mark(trend: Trend) -> str:
    """A one-cell arrow for tables."""
    return _TREND_MARKS[trend]


def attendance_trend(recent: Sequence[SessionAttendance]) -> Trend:
    """Rising, steady or falling over the sessions given (oldest first; see the module)."""
    rates = [r for r in (s.rate for s in recent) if r is not None]
    if len(rates) < 2:
        return Trend.UNKNOWN
    half = len(rates) // 2
    earlier, later = rates[:half], rates[half:]
    change = sum(later) / len(later) - sum(earlier) / len(earlier)
    # A small epsilon keeps exactly ten points (0.9 - 0.8 in floating point) on the step.
    if change >= TREND_STEP - 1e-9:
        return Trend.RISING
    if change <= -TREND_STEP + 1e-9:
        return Trend.FALLING
    return Trend.STEADY


def weeks_without_session(row: GroupStatusRow, today: date) -> int | None:
    """Whole weeks since the last held session (or the start, before the first one)."""
    since = row.last_session or row.start_date
    return None if since is None else max(0, (today - since).days // 7)


def weeks_at_stage(row: GroupStatusRow, today: date) -> int | None:
    """Whole weeks the group has been in its current stage (None when never recorded)."""
    return None if row.stage_since is None else max(0, (today - row.stage_since).days // 7)


def group_flags(
    row: GroupStatusRow,
    today: date,
    *,
    idle_weeks: int = IDLE_WEEKS,
    stuck_weeks: int = STUCK_WEEKS,
) -> list[Flag]:
    """What a coordinator should look at in this group, most urgent first (nothing once the
    group is closed: it has ended, it is not idle)."""
    flags = []
    if row.status == "closed":
        return flags
    if row.status == "active":
        idle = weeks_without_session(row, today)
        if idle is not None and idle > idle_weeks:
            flags.append(Flag.NO_RECENT_SESSION)
        at_stage = weeks_at_stage(row, today)
        if at_stage is not None and at_stage > stuck_weeks:
            flags.append(Flag.STUCK_AT_STAGE)
    if attendance_trend(row.recent) == Trend.FALLING:
        flags.append(Flag.ATTENDANCE_FALLING)
    return flags


def flag_text(flag: Flag, row: GroupStatusRow, today: date) -> str:
    """One flag in words, with its figure."""
    if flag == Flag.NO_RECENT_SESSION:
        return _("no session for {weeks} weeks").format(weeks=weeks_without_session(row, today))
    if flag == Flag.STUCK_AT_STAGE:
        return _("at stage {stage} for {weeks} weeks").format(
            stage=row.current_stage, weeks=weeks_at_stage(row, today)
        )
    return _("attendance falling")


def sessions_planned(row: GroupStatusRow) -> int:
    """The sessions the group plans in all: its plan's number, else held plus scheduled."""
    return row.planned_sessions or row.sessions_held + row.sessions_scheduled


def oldest_overdue_days(row: GroupStatusRow, today: date) -> int | None:
    """Days the longest-overdue open task is past due (None when nothing is overdue)."""
    return None if row.oldest_overdue is None else (today - row.oldest_overdue).days


def quiet_members(rows: Iterable[MemberTurnsRow]) -> list[MemberTurnsRow]:
    """Members flagged quiet in their group over the turns counted (groups with no turns
    flag nobody: there is nothing to compare)."""
    by_group: dict[str, list[MemberTurnsRow]] = defaultdict(list)
    for row in rows:
        by_group[row.group_id].append(row)
    quiet = []
    for members in by_group.values():
        shares = shares_from_counts(
            {r.member_id: r.turns for r in members}, {}, [r.member_id for r in members]
        )
        flagged = {s.actor_id for s in shares if s.quiet}
        quiet.extend(r for r in members if r.member_id in flagged)
    return quiet


STATUS_COLUMNS = (
    ("group", N_("Group")),
    ("facilitator", N_("Facilitator")),
    ("stage", N_("Stage")),
    ("held", N_("Held/planned")),
    ("last", N_("Last session")),
    ("next", N_("Next session")),
    ("trend", N_("Attendance")),
    ("overdue", N_("Overdue")),
    ("oldest", N_("Oldest (days)")),
    ("flags", N_("Flags")),
)
"""The columns of a status table (screen and ``groupwork status``): key, untranslated title."""


def trend_text(trend: Trend) -> str:
    """An arrow and the word; just a dot while there are too few sessions to tell."""
    if trend == Trend.UNKNOWN:
        return trend_mark(trend)
    return f"{trend_mark(trend)} {trend_word(trend)}"


def status_cells(row: GroupStatusRow, today: date) -> dict[str, str]:
    """One group's status as a table shows it, by ``STATUS_COLUMNS`` key (not yet clipped)."""
    from groupwork.dates import format_date

    oldest = oldest_overdue_days(row, today)
    return {
        "group": row.name,
        "facilitator": ", ".join(row.facilitators) or "—",
        "stage": str(row.current_stage),
        "held": f"{row.sessions_held}/{sessions_planned(row)}",
        "last": format_date(row.last_session, short=True) or "—",
        "next": format_date(row.next_session, short=True) or "—",
        "trend": trend_text(attendance_trend(row.recent)),
        "overdue": str(row.overdue) if row.overdue else "·",
        "oldest": "—" if oldest is None else str(oldest),
        "flags": "; ".join(flag_text(f, row, today) for f in group_flags(row, today)),
    }


STATUS_FIELDS = (
    "id",
    "group",
    "facilitators",
    "stage",
    "status",
    "sessions_held",
    "sessions_planned",
    "last_session",
    "next_session",
    "attendance_trend",
    "overdue",
    "oldest_overdue_days",
    "flags",
)
"""Keys of each ``groupwork status --json`` object and ``--csv`` columns (stable for scripts)."""


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def status_record(row: GroupStatusRow, today: date) -> dict:
    """One group's status as plain values (``STATUS_FIELDS``; values stay in English codes)."""
    return {
        "id": row.id,
        "group": row.name,
        "facilitators": list(row.facilitators),
        "stage": row.current_stage,
        "status": row.status,
        "sessions_held": row.sessions_held,
        "sessions_planned": sessions_planned(row),
        "last_session": _iso(row.last_session),
        "next_session": _iso(row.next_session),
        "attendance_trend": attendance_trend(row.recent).value,
        "overdue": row.overdue,
        "oldest_overdue_days": oldest_overdue_days(row, today),
        "flags": [f.value for f in group_flags(row, today)],
    }


GROUP_FIELDS = ("id", "name", "stage", "status", "next_session", "overdue")
"""Keys of each ``groupwork groups --json`` object and ``--csv`` columns."""


def group_record(row: GroupListRow) -> dict:
    """One group of ``groupwork groups`` as plain values (``GROUP_FIELDS``)."""
    return {
        "id": row.id,
        "name": row.name,
        "stage": row.current_stage,
        "status": row.status,
        "next_session": _iso(row.next_session),
        "overdue": row.overdue,
    }
