"""Build an agency-scale groupwork database, deterministic from a seed (for benchmarks and tests).

At ``--scale 1``: 2,000 groups, 20,000 members, 100,000 sessions, 2,000,000 participation events
and 200,000 tasks (plus their attendance, assignees and stage progress), written through the
store's bulk loader in one transaction, so every constraint (foreign keys, NOT NULL, unique
indexes) is enforced on the way in; afterwards the full integrity check and the foreign-key
check must both come back empty. ``--scale 0.005`` makes a 10-group version for tests.

    .venv/bin/python scripts/make_agency_db.py /work/agency.db [--seed 12] [--scale 1]
        [--today 2026-11-28]

The same seed, scale and today give the same records. Everything is made up: names are built
from common Thai words, and every member has a pseudonym.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from groupwork import models as m
from groupwork.store import Store

GROUPS = 2000
MEMBERS_PER_GROUP = 10
SESSIONS_PER_GROUP = 50
EVENTS = 2_000_000
TASKS_PER_GROUP = 100

WORDS = ["พร", "สุข", "น้ำ", "ดาว", "ฝน", "ฟ้า", "แก้ว", "ขวัญ", "พลอย", "มะลิ", "รุ้ง", "ใบเตย"]
THEMES = ["ก้าวใหม่", "ใจถึงใจ", "เพื่อนช่วยเพื่อน", "ครอบครัวอบอุ่น", "แม่เลี้ยงเดี่ยว", "วัยทอง"]
FACILITATORS = [f"คุณ{w}{n}" for w in WORDS for n in ("", "ทิพย์", "ใจ", "ศรี", "วดี")]
TASK_WORDS = ["ติดต่อ", "โทรหา", "เตรียม", "ไปเยี่ยม", "สอบถาม", "ประสาน", "ทำการ์ด", "ยื่นเรื่อง"]
CAME = ("present", "late")


@dataclass
class GroupPlan:
    """One generated group, kept while its rows are written."""

    id: str
    start: date
    stale_after: date | None
    member_ids: list[str] = field(default_factory=list)
    pseudonyms: list[str] = field(default_factory=list)
    dropping: set[str] = field(default_factory=set)
    left: dict[str, date] = field(default_factory=dict)
    """Members who withdrew, and the day they left (no marks after it)."""
    sessions: list[tuple[str, int, date, str]] = field(default_factory=list)


class Generator:
    """Writes one agency database; rows are in the store's format (``converters.to_row``)."""

    def __init__(self, seed: int, scale: float, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.groups = max(2, round(GROUPS * scale))
        self.events_target = max(100, round(EVENTS * scale))
        self.plans: list[GroupPlan] = []

    def new_id(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    @staticmethod
    def stamp(day: date, minute: int = 0) -> str:
        hours, minutes = divmod(9 * 60 + minute, 60)
        return f"{day.isoformat()}T{hours % 24:02d}:{minutes:02d}:00Z"

    # --- plans and rows -------------------------------------------------------------

    def group_rows(self) -> Iterator[dict]:
        rng = self.rng
        for i in range(self.groups):
            start = self.today - timedelta(days=rng.randint(-30, 420))
            # One group in twenty stopped meeting a while ago (the coordinator should see it).
            stale = start + timedelta(weeks=rng.randint(3, 20)) if rng.random() < 0.05 else None
            plan = GroupPlan(self.new_id(), start, stale if stale and stale < self.today else None)
            self.plans.append(plan)
            for n in range(SESSIONS_PER_GROUP):
                held_on = start + timedelta(weeks=n)
                if held_on >= self.today or (plan.stale_after and held_on > plan.stale_after):
                    status = "planned"
                else:
                    status = "cancelled" if rng.random() < 0.03 else "held"
                plan.sessions.append((self.new_id(), n + 1, held_on, status))
            held = sum(s[3] == "held" for s in plan.sessions)
            stage = min(12, 1 + held * 12 // SESSIONS_PER_GROUP)
            yield {
                "id": plan.id,
                "name": (name := f"กลุ่ม{rng.choice(THEMES)} {i + 1:04d}"),
                "name_shared": name,
                "agency": "สำนักงานพัฒนาสังคมจังหวัด",
                "facilitators": json.dumps(
                    rng.sample(FACILITATORS, rng.choice((1, 1, 2))), ensure_ascii=False
                ),
                "planned_sessions": SESSIONS_PER_GROUP,
                "start_date": start.isoformat(),
                "current_stage": stage,
                "status": "planning"
                if held == 0
                else ("closed" if stage == 12 and held > 45 else "active"),
                "created_at": self.stamp(start - timedelta(days=14)),
            }

    def member_rows(self) -> Iterator[dict]:
        rng = self.rng
        for g, plan in enumerate(self.plans):
            for j in range(MEMBERS_PER_GROUP):
                member_id = self.new_id()
                pseudonym = f"{WORDS[j % len(WORDS)]}{'' if j < len(WORDS) else j}"
                withdrew = j == MEMBERS_PER_GROUP - 1 and rng.random() < 0.3
                plan.member_ids.append(member_id)
                plan.pseudonyms.append(pseudonym)
                if withdrew:
                    plan.left[member_id] = plan.start + timedelta(weeks=4)
                elif rng.random() < 0.06:
                    plan.dropping.add(member_id)
                yield {
                    "id": member_id,
                    "group_id": plan.id,
                    "real_name": f"สมาชิก {g + 1:04d}-{j + 1:02d}",
                    "pseudonym": pseudonym,
                    "joined_on": plan.start.isoformat(),
                    "left_on": plan.left[member_id].isoformat() if withdrew else None,
                    "decision": "withdrew" if withdrew else "selected",
                    # A withdrawal carries its reason, as the app's rules ask (import checks).
                    "decision_reason": "ย้ายที่อยู่ตามครอบครัว" if withdrew else "",
                }

    def session_rows(self) -> Iterator[dict]:
        for plan in self.plans:
            for session_id, number, held_on, status in plan.sessions:
                yield {
                    "id": session_id,
                    "group_id": plan.id,
                    "number": number,
                    "held_on": held_on.isoformat(),
                    "status": status,
                    "cancel_reason": "ผู้ดำเนินกลุ่มติดภารกิจ" if status == "cancelled" else "",
                    "stages": json.dumps([min(12, 1 + number * 12 // SESSIONS_PER_GROUP)]),
                }

    def _present(self, plan: GroupPlan, k: int, held: list) -> Iterator[tuple[str, str]]:
        """(member id, status) for held session ``k`` of ``held``."""
        rng = self.rng
        for member_id in plan.member_ids:
            if member_id in plan.left and held[k][2] >= plan.left[member_id]:
                continue
            if member_id in plan.dropping and k >= len(held) - 2:
                yield member_id, "absent"
            else:
                r = rng.random()
                yield (
                    member_id,
                    (
                        "present"
                        if r < 0.8
                        else "late"
                        if r < 0.85
                        else "excused"
                        if r < 0.9
                        else "absent"
                    ),
                )

    def attendance_and_event_rows(self) -> tuple[list[dict], Iterator[dict]]:
        """Attendance (kept: events pick speakers among those who came), then events."""
        held_total = sum(s[3] == "held" for p in self.plans for s in p.sessions)
        per_session = self.events_target / max(1, held_total)
        attendance: list[dict] = []
        came: dict[str, list[str]] = {}
        for plan in self.plans:
            held = [s for s in plan.sessions if s[3] == "held"]
            for k, (session_id, _n, held_on, _s) in enumerate(held):
                came[session_id] = []
                for member_id, status in self._present(plan, k, held):
                    attendance.append(
                        {
                            "id": self.new_id(),
                            "session_id": session_id,
                            "member_id": member_id,
                            "status": status,
                            "recorded_at": self.stamp(held_on),
                        }
                    )
                    if status in CAME:
                        came[session_id].append(member_id)
        return attendance, self._events(per_session, came)

    def _events(self, per_session: float, came: dict[str, list[str]]) -> Iterator[dict]:
        rng = self.rng
        written, sessions_done = 0, 0
        kinds = ("spoke", "spoke", "spoke", "asked", "supported", "challenged")
        for plan in self.plans:
            for session_id, _n, held_on, status in plan.sessions:
                if status != "held":
                    continue
                sessions_done += 1
                # Spread the target evenly: the total is exact at the end.
                n = math.floor(per_session * sessions_done) - written
                speakers = came[session_id] or [m.FACILITATOR]
                for minute in range(n):
                    actor = m.FACILITATOR if rng.random() < 0.25 else rng.choice(speakers)
                    written += 1
                    yield {
                        "id": self.new_id(),
                        "session_id": session_id,
                        "actor_id": actor,
                        "kind": rng.choice(kinds),
                        "at": self.stamp(held_on, minute),
                    }

    def task_rows(self, assignees: list[dict]) -> Iterator[dict]:
        rng = self.rng
        for plan in self.plans:
            span = max(
                7,
                (
                    min(self.today, plan.start + timedelta(weeks=SESSIONS_PER_GROUP)) - plan.start
                ).days
                + 60,
            )
            for t in range(TASKS_PER_GROUP):
                task_id = self.new_id()
                due = plan.start + timedelta(days=rng.randint(7, span))
                if due < self.today:
                    r = rng.random()
                    status = (
                        "done"
                        if r < 0.7
                        else "dropped"
                        if r < 0.75
                        else "open"
                        if r < 0.9
                        else "in_progress"
                    )
                else:
                    status = "open" if rng.random() < 0.8 else "in_progress"
                done_on = (
                    min(self.today, due + timedelta(days=rng.randint(-5, 5)))
                    if status == "done"
                    else None
                )
                people = rng.sample(plan.member_ids[:-1], rng.choice((1, 1, 2)))
                if rng.random() < 0.15:
                    people = [m.FACILITATOR, *people[:1]]
                for position, who in enumerate(people):
                    assignees.append({"task_id": task_id, "assignee_id": who, "position": position})
                yield {
                    "id": task_id,
                    "group_id": plan.id,
                    "title": (
                        title := f"{rng.choice(TASK_WORDS)} {rng.choice(WORDS)} ครั้งที่ {t + 1}"
                    ),
                    # Made from words, never a member's name: already shareable as it is.
                    "title_shared": title,
                    "due_on": due.isoformat(),
                    "status": status,
                    "done_on": done_on.isoformat() if done_on else None,
                    "created_at": self.stamp(plan.start),
                    "updated_at": self.stamp(done_on or plan.start),
                }

    def stage_rows(self, stages: dict[str, int]) -> Iterator[dict]:
        for plan in self.plans:
            stage = stages[plan.id]
            held = [s[2] for s in plan.sessions if s[3] == "held"] or [plan.start]
            for n in range(1, stage + 1):
                started = held[min(len(held) - 1, (n - 1) * len(held) // max(1, stage))]
                completed = (
                    held[min(len(held) - 1, n * len(held) // max(1, stage))] if n < stage else None
                )
                yield {
                    "id": self.new_id(),
                    "group_id": plan.id,
                    "stage": n,
                    "status": "completed" if completed else "in_progress",
                    "started_on": started.isoformat(),
                    "completed_on": completed.isoformat() if completed else None,
                }

    # --- writing --------------------------------------------------------------------

    def write(self, store: Store, say) -> dict[str, int]:
        counts: dict[str, int] = {}
        with store.transaction():
            groups = list(self.group_rows())
            counts["groups"] = store.load_rows(m.Group, groups)
            counts["members"] = store.load_rows(m.Member, self.member_rows())
            counts["sessions"] = store.load_rows(m.Session, self.session_rows())
            say(f"groups, members, sessions: {counts}")
            attendance, events = self.attendance_and_event_rows()
            counts["attendance"] = store.load_rows(m.Attendance, attendance)
            del attendance
            counts["participation_events"] = store.load_rows(m.ParticipationEvent, events)
            say(f"participation events: {counts['participation_events']}")
            assignees: list[dict] = []
            counts["tasks"] = store.load_rows(m.Task, self.task_rows(assignees))
            counts["task_assignees"] = store.load_rows("task_assignees", assignees)
            stages = {g["id"]: g["current_stage"] for g in groups}
            counts["stage_progress"] = store.load_rows(m.StageProgress, self.stage_rows(stages))
        return counts


def build(
    path: Path, seed: int = 12, scale: float = 1.0, today: date | None = None, say=print
) -> dict[str, int]:
    """Write the agency database at ``path`` (which must not exist); returns row counts."""
    if path.exists():
        raise SystemExit(f"{path} exists; remove it first")
    started = time.perf_counter()
    generator = Generator(seed, scale, today or date.today())
    with Store.open(path) as store:
        counts = generator.write(store, say)
        say(f"written in {time.perf_counter() - started:.0f} s; checking")
        store.analyze()
        problems = store.integrity_problems() + store.foreign_key_problems()
        if problems:
            raise SystemExit("the generated database fails its checks: " + "; ".join(problems[:5]))
    say(f"done in {time.perf_counter() - started:.0f} s: {counts}")
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 2,000 groups; 0.005 = 10")
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    args = parser.parse_args(argv)
    build(args.path, args.seed, args.scale, args.today)


if __name__ == "__main__":
    sys.exit(main())
