"""A database of several groups for the coordinator's tests, and the figures they should show,
computed here from the stored records without the code under test (no coordination query, no
``groupwork.coordination`` function): plain Python over the models the store returns."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from groupwork import models as m
from groupwork.demo import build_demo
from groupwork.store import Store

TODAY = date(2026, 11, 20)
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "make_agency_db.py"
CAME = {"present", "late"}


def agency_script():
    """scripts/make_agency_db.py as a module (scripts/ is not a package)."""
    if "make_agency_db" in sys.modules:
        return sys.modules["make_agency_db"]
    spec = importlib.util.spec_from_file_location("make_agency_db", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_agency_db"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def build_several_groups(path: Path) -> None:
    """Ten generated groups, the demo group, and a small group with a member who stopped
    coming, a member who withdrew and a cancelled session."""
    agency_script().build(path, seed=7, scale=0.005, today=TODAY, say=lambda *_: None)
    with Store.open(path) as store:
        build_demo(store, today=TODAY)
        add_small_group(store)


def add_small_group(store: Store) -> None:
    """ "กลุ่มดาวเหนือ": ฝน missed the last two held sessions, น้ำ withdrew, one cancelled."""
    g = store.add(
        m.Group(
            id="small",
            name="กลุ่มดาวเหนือ",
            facilitators=["คุณสุข ใจงาม"],
            planned_sessions=8,
            start_date=date(2026, 9, 1),
            current_stage=4,
            status=m.GroupStatus.ACTIVE,
        )
    )
    people = {"พร": "selected", "ฝน": "selected", "ดาว": "selected", "น้ำ": "withdrew"}
    for name, decision in people.items():
        store.add(
            m.Member(
                id=f"s-{name}",
                group_id=g.id,
                real_name=f"นางสาว{name} ทดสอบจริง",
                pseudonym=name,
                decision=decision,
                left_on=date(2026, 9, 20) if decision == "withdrew" else None,
                # Import (how the PostgreSQL runs copy this data) checks a withdrawal has one.
                decision_reason="ย้ายไปทำงานต่างจังหวัด" if decision == "withdrew" else "",
            )
        )
    days = [date(2026, 10, 1), date(2026, 10, 8), date(2026, 10, 15), date(2026, 10, 22)]
    for n, day in enumerate(days, start=1):
        cancelled = n == 3
        store.add(
            m.Session(
                id=f"s{n}",
                group_id=g.id,
                number=n,
                held_on=day,
                status=m.SessionStatus.CANCELLED if cancelled else m.SessionStatus.HELD,
                cancel_reason="ฝนตกหนัก น้ำท่วมถนน" if cancelled else "",
            )
        )
        if cancelled:
            continue
        for name in ("พร", "ฝน", "ดาว"):
            status = "absent" if name == "ฝน" and n >= 2 else "present"
            store.record_attendance(f"s{n}", f"s-{name}", m.AttendanceStatus(status))
    for k in range(12):
        store.record_turn(
            m.ParticipationEvent(
                session_id="s4",
                actor_id="s-พร" if k < 11 else "s-ดาว",
                at=datetime(2026, 10, 22, 9, k, tzinfo=UTC),
            )
        )
    store.add(m.Session(id="s5", group_id=g.id, number=5, held_on=date(2026, 11, 26)))
    store.add(
        m.Task(
            id="small-t1",
            group_id=g.id,
            title="โทรหาฝนถามว่าทำไมไม่มา",
            assignee_ids=[m.FACILITATOR, "s-ดาว"],
            due_on=date(2026, 10, 29),
        )
    )
    store.save_stage_progress(
        m.StageProgress(group_id=g.id, stage=4, status="in_progress", started_on=date(2026, 10, 8))
    )


@dataclass
class Expected:
    """What the coordinator should see for one group, from the stored records."""

    name: str
    facilitators: list[str]
    stage: int
    held: int
    planned: int
    last: date | None
    next: date | None
    overdue: int
    oldest_overdue_days: int | None
    recent_rates: list[float]
    stage_since: date | None


def all_members(store: Store) -> list[m.Member]:
    """Every member of every group."""
    return [x for g in store.groups() for x in store.members(g.id)]


def expected_status(store: Store, group: m.Group, today: date) -> Expected:
    sessions = store.sessions(group.id)
    held = sorted(
        (s for s in sessions if s.status == m.SessionStatus.HELD),
        key=lambda s: (s.held_on, s.number),
    )
    upcoming = [s.held_on for s in sessions if s.status == "planned" and s.held_on >= today]
    # A closed group's tasks kept open are its members' to carry on: not its overdue work.
    closed = group.status == m.GroupStatus.CLOSED
    overdue = [] if closed else [t for t in store.tasks(group.id) if t.is_overdue(today)]
    marks = store.group_attendance(group.id)
    rates = []
    for s in held[-4:]:
        mine = [a for a in marks if a.session_id == s.id]
        if mine:
            rates.append(sum(a.status in CAME for a in mine) / len(mine))
    scheduled = sum(s.status == "planned" for s in sessions)
    return Expected(
        name=group.name,
        facilitators=list(group.facilitators),
        stage=group.current_stage,
        held=len(held),
        planned=group.planned_sessions or len(held) + scheduled,
        last=held[-1].held_on if held else None,
        next=min(upcoming) if upcoming else None,
        overdue=len(overdue),
        oldest_overdue_days=(today - min(t.due_on for t in overdue)).days if overdue else None,
        recent_rates=rates,
        stage_since=store.stage_progress(group.id)[group.current_stage].started_on,
    )


def expected_trend(rates: list[float]) -> str:
    """The documented rule, written out again: later half against earlier half, 10 points."""
    if len(rates) < 2:
        return "unknown"
    earlier, later = rates[: len(rates) // 2], rates[len(rates) // 2 :]
    change = sum(later) / len(later) - sum(earlier) / len(earlier)
    if change > 0.0999999:
        return "rising"
    if change < -0.0999999:
        return "falling"
    return "steady"


def expected_absent(store: Store, group: m.Group) -> set[str]:
    """Pseudonyms of current members marked absent or excused at both last held sessions."""
    held = sorted(
        (s for s in store.sessions(group.id) if s.status == "held"),
        key=lambda s: (s.held_on, s.number),
    )[-2:]
    if len(held) < 2:
        return set()
    marks = {(a.session_id, a.member_id): a.status for a in store.group_attendance(group.id)}
    found = set()
    for member in store.members(group.id):
        current = member.decision == "selected" and member.left_on is None and not member.erased
        statuses = [marks.get((s.id, member.id)) for s in held]
        if current and all(st is not None and st not in CAME for st in statuses):
            found.add(member.pseudonym)
    return found


def expected_digest(store: Store, group: m.Group, since: date, today: date) -> dict:
    sessions = store.sessions(group.id)
    held = [s for s in sessions if s.status == "held" and s.held_on <= today]
    recent = [s for s in held if s.held_on >= since]
    before = sorted((s for s in held if s.held_on < since), key=lambda s: (s.held_on, s.number))[
        -3:
    ]
    marks = store.group_attendance(group.id)

    def rate(chosen):
        ids = {s.id for s in chosen}
        mine = [a for a in marks if a.session_id in ids]
        return (len(mine), sum(a.status in CAME for a in mine))

    tasks = store.tasks(group.id)
    changes = []
    for p in store.stage_progress(group.id).values():
        if p.started_on and since <= p.started_on <= today:
            changes.append((p.stage, "started", p.started_on))
        if p.completed_on and since <= p.completed_on <= today:
            changes.append((p.stage, "completed", p.completed_on))
    return {
        "sessions_held": len(recent),
        "tasks_done": sum(
            t.status == "done" and t.done_on is not None and since <= t.done_on <= today
            for t in tasks
        ),
        "newly_overdue": sum(
            t.status in ("open", "in_progress")
            and t.due_on is not None
            and since <= t.due_on < today
            for t in tasks
        ),
        "before": rate(before),
        "since": rate(recent),
        "changes": sorted(changes),
    }
