"""The plan sheet for a group's next session, gathered from the records only.

``plan_sheet(store, group_id, number=None, today=...)`` picks the session (the open one, else
the first planned one, else the next number not yet planned) and gathers what the facilitator
wants in front of them: the stage and its purpose, the session template's steps as a time plan,
what the group agreed last time, open and overdue tasks with who holds them, who to check in
with (absent, excused or quiet last time), the ground rules in force, the goals under review,
and the facilitator's share last time against the stage's handover target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from groupwork import analytics
from groupwork import models as m
from groupwork.dates import format_date
from groupwork.errors import InvalidInputError
from groupwork.i18n import _, current_language
from groupwork.privacy.links import for_worker
from groupwork.stage_spec import stage_spec
from groupwork.stages import guide, templates_for_stage
from groupwork.store import Store

# "1. **Opening (10 min)** ..." / "1. **เปิด (10 นาที)** ...": a template's timed step.
_STEP = re.compile(r"^\s*\d+\.\s+\*\*(?P<what>.+?)\s*\((?P<minutes>\d+)\s*(?:min|นาที)\)\*\*")


QUIET_CHECK_IN = 0.5
"""Below half the average member's share last time: someone to check in with."""


@dataclass(frozen=True)
class Step:
    """One step of the time plan."""

    what: str
    minutes: int
    starts: time | None = None
    """The clock time it starts, when the session has a planned time."""
    offset: int = 0
    """Minutes from the session's start."""


@dataclass(frozen=True)
class TaskLine:
    """An open task to check, with who holds it."""

    title: str
    holders: list[str]
    due_on: date | None
    overdue: bool


@dataclass(frozen=True)
class CheckIn:
    """A member to check in with, gently, and why."""

    name: str
    reason: str
    """``absent``, ``excused``, ``quiet`` (present, few turns) or ``late``."""


@dataclass
class PlanSheet:
    """Everything on the sheet; the words are the records' own, the frame is the writer's."""

    group_name: str
    number: int
    held_on: date | None
    planned: bool
    stage: int
    stage_name: str
    stage_purpose: str
    plan: str
    template_title: str = ""
    steps: list[Step] = field(default_factory=list)
    last_number: int | None = None
    last_held_on: date | None = None
    agreed_last_time: str = ""
    tasks: list[TaskLine] = field(default_factory=list)
    check_ins: list[CheckIn] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    goals: list[tuple[str, int]] = field(default_factory=list)
    """Goals under review: title and progress (percent)."""
    handover_target: float = 0.5
    last_facilitator_share: float | None = None


def template_steps(body: str, starts_at: time | None) -> list[Step]:
    """The timed steps of a session template's text, with their start times."""
    steps: list[Step] = []
    offset = 0
    for line in body.splitlines():
        found = _STEP.match(line)
        if not found:
            continue
        minutes = int(found["minutes"])
        clock = None
        if starts_at is not None:
            moment = datetime.combine(date(2000, 1, 1), starts_at) + timedelta(minutes=offset)
            clock = moment.time()
        steps.append(Step(found["what"].strip(), minutes, clock, offset))
        offset += minutes
    return steps


def next_session(store: Store, group_id: str, number: int | None = None) -> m.Session | None:
    """Session ``number``, or the one to plan for: open, else the first planned (None: none)."""
    sessions = store.sessions(group_id)
    if number is not None:
        return store.session_by_number(group_id, number)
    for session in sessions:
        if session.is_open:
            return session
    planned = [s for s in sessions if s.status == m.SessionStatus.PLANNED]
    return planned[0] if planned else None


def _check_ins(
    store: Store, last: m.Session, members: dict[str, m.Member], names: dict[str, str]
) -> list[CheckIn]:
    """Who was away, late or quiet in the ``last`` held session (current members only)."""
    marks = {a.member_id: a for a in store.attendance(last.id) if a.member_id in members}
    found: list[CheckIn] = []
    for member_id, mark in marks.items():
        if mark.status != m.AttendanceStatus.PRESENT:
            found.append(CheckIn(names[member_id], m.AttendanceStatus(mark.status).value))
    away = (m.AttendanceStatus.ABSENT, m.AttendanceStatus.EXCUSED)
    here = [x for x in members if x not in marks or marks[x].status not in away]
    listed = {c.name for c in found}
    turns = store.participation(last.id)
    if turns:
        for share in analytics.member_shares(turns, here):
            quiet = share.relative < QUIET_CHECK_IN
            if quiet and names[share.actor_id] not in listed:
                found.append(CheckIn(names[share.actor_id], "quiet"))
    order = {"absent": 0, "excused": 1, "quiet": 2, "late": 3}
    found.sort(key=lambda c: (order.get(c.reason, 9), c.name))
    return found


def plan_sheet(
    store: Store, group_id: str, number: int | None = None, *, today: date, lang: str | None = None
) -> PlanSheet:
    """The plan sheet for session ``number`` (default: the next one) of the group."""
    lang = lang or current_language()
    group = store.get(m.Group, group_id)
    if number is None and group.status == m.GroupStatus.CLOSED:
        # A closed group has handed over: there is no next session to plan, only held ones.
        raise InvalidInputError(
            [
                _(
                    "The group closed on {day}: there is no next session to plan "
                    "(give --session N for a held session's sheet)."
                ).format(day=format_date(group.end_date, lang) if group.end_date else "?")
            ]
        )
    session = next_session(store, group_id, number)
    sessions = store.sessions(group_id)
    upcoming = session.number if session else (max((s.number for s in sessions), default=0) + 1)
    held = [s for s in sessions if s.status == m.SessionStatus.HELD and s.number < upcoming]
    last = held[-1] if held else None
    stage = group.current_stage
    stage_guide = guide(stage)
    members = {
        x.id: x
        for x in store.members(group_id)
        if x.is_selected and not x.erased and x.decision != m.SelectionDecision.WITHDREW
    }
    names = {x.id: x.real_name for x in store.members(group_id)}
    # The sheet is the facilitator's: a linked person reads as their current name.
    linked = {**names, **{p.id: p.real_name for p in store.people_around(group_id)}}

    def text(value: str) -> str:
        return for_worker(value, linked)

    names[m.FACILITATOR] = _("Facilitator")
    sheet = PlanSheet(
        group_name=group.name,
        number=upcoming,
        held_on=session.held_on if session else None,
        planned=session is not None,
        stage=stage,
        stage_name=stage_guide.name(lang),
        stage_purpose=stage_guide.purpose(lang),
        plan=text(session.plan) if session else "",
        handover_target=stage_spec(stage).handover_target,
    )
    templates = templates_for_stage(stage)
    if templates:
        sheet.template_title = templates[0].title(lang)
        starts = session.planned_time if session else None
        sheet.steps = template_steps(templates[0].body(lang), starts)
    if last is not None:
        sheet.last_number, sheet.last_held_on = last.number, last.held_on
        sheet.agreed_last_time = text(last.next_steps)
        sheet.check_ins = _check_ins(store, last, members, names)
        sheet.last_facilitator_share = analytics.facilitator_share(store.participation(last.id))
    on_day = sheet.held_on or today
    for task in store.tasks(group_id, statuses=[m.TaskStatus.OPEN, m.TaskStatus.IN_PROGRESS]):
        holders = [names.get(a, "?") for a in task.assignee_ids]
        sheet.tasks.append(
            TaskLine(text(task.title), holders, task.due_on, task.is_overdue(on_day))
        )
    sheet.tasks.sort(key=lambda t: (not t.overdue, t.due_on or date.max, t.title))
    sheet.rules = [
        text(r.text) for r in store.ground_rules(group_id) if r.agreed_on and r.retired_on is None
    ]
    sheet.goals = [
        (text(g.title), g.progress)
        for g in store.goals(group_id)
        if g.status == m.GoalStatus.ACTIVE
    ]
    return sheet
