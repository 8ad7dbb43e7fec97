"""Time the Group Work Review for a large group (not a test: run it by hand).

    PYTHONPATH=. python scripts/bench_review.py

Builds, in a temporary database, a group with 52 sessions, 20 members, 500 tasks and 20,000
participation events, then times: gathering + Markdown only, and the full HTML with all
charts, and the docx. Prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from groupwork import models as m
from groupwork.report import generate_review
from groupwork.store import Store

SESSIONS, MEMBERS, TASKS, EVENTS = 52, 20, 500, 20_000


def build_large_group(store: Store, seed: int = 7) -> m.Group:
    """The large group, written in bulk (one transaction per table)."""
    rng = random.Random(seed)
    start = date(2025, 1, 6)
    group = store.add(
        m.Group(
            name="Bench group",
            facilitators=["Worker"],
            start_date=start,
            problem_situation="x " * 200,
            status=m.GroupStatus.ACTIVE,
        )
    )
    members = [
        m.Member(
            group_id=group.id,
            real_name=f"สมาชิก{i} นามสกุล{i}",
            pseudonym=f"M{i:02d}",
            decision=m.SelectionDecision.SELECTED,
        )
        for i in range(MEMBERS)
    ]
    sessions = [
        m.Session(
            group_id=group.id,
            number=n + 1,
            held_on=start + timedelta(weeks=n),
            status=m.SessionStatus.HELD,
            stages=[min(12, 1 + n // 5), 7],
            themes=[f"ประเด็น {n}", "สมาชิก3 เล่าเรื่อง"],
            questions=["?"],
        )
        for n in range(SESSIONS)
    ]
    with store.transaction():
        for record in members + sessions:
            store.add(record)
        for n in range(1, 13):
            store.save_stage_progress(
                m.StageProgress(
                    group_id=group.id,
                    stage=n,
                    status=m.StageStatus.COMPLETED,
                    started_on=start + timedelta(weeks=4 * (n - 1)),
                    completed_on=start + timedelta(weeks=4 * n),
                    narrative="บันทึกของสมาชิก1 นามสกุล1 " * 20,
                )
            )
        for s in sessions:
            for x in members:
                store.add(
                    m.Attendance(
                        session_id=s.id, member_id=x.id, status=rng.choice(list(m.AttendanceStatus))
                    )
                )
        for i in range(TASKS):
            s = rng.choice(sessions)
            store.add(
                m.Task(
                    group_id=group.id,
                    title=f"งาน {i}",
                    assignee_ids=[rng.choice(members).id],
                    agreed_session_id=s.id,
                    status=rng.choice(list(m.TaskStatus)),
                    due_on=s.held_on,
                )
            )
        goals = [
            store.add(
                m.Goal(
                    group_id=group.id,
                    title=f"เป้าหมาย {i}",
                    priority=i + 1,
                    progress=rng.randint(0, 100),
                )
            )
            for i in range(6)
        ]
        for k in range(8):
            store.add(
                m.Review(
                    group_id=group.id,
                    held_on=start + timedelta(weeks=6 * k + 5),
                    goal_progress=[
                        m.GoalProgressNote(goal_id=g.id, progress=10 * k) for g in goals
                    ],
                    successes="ดี",
                    weaknesses="ช้า",
                )
            )
        base = datetime(2025, 1, 6, 9, tzinfo=UTC)
        actors = [m.FACILITATOR] + [x.id for x in members]
        previous = None
        for i in range(EVENTS):
            s = sessions[i * SESSIONS // EVENTS]
            actor = rng.choice(actors)
            store.add(
                m.ParticipationEvent(
                    session_id=s.id,
                    actor_id=actor,
                    at=base + timedelta(seconds=i),
                    responds_to_id=previous,
                )
            )
            previous = actor
    return group


def timed(label: str, fn) -> tuple[str, float]:
    began = time.perf_counter()
    fn()
    return label, time.perf_counter() - began


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        store = Store.open(folder / "bench.db")
        began = time.perf_counter()
        group = build_large_group(store)
        print(f"built the group in {time.perf_counter() - began:.1f} s")
        results = [
            timed(
                "Markdown only (th)",
                lambda: generate_review(store, group.id, fmt="md", lang="th", out=folder / "r.md"),
            ),
            timed(
                "HTML with 8 inline SVG charts (th)",
                lambda: generate_review(
                    store, group.id, fmt="html", lang="th", out=folder / "r.html"
                ),
            ),
            timed(
                "docx with 8 PNG charts (th)",
                lambda: generate_review(
                    store, group.id, fmt="docx", lang="th", out=folder / "r.docx"
                ),
            ),
        ]
        sizes = {p.suffix: p.stat().st_size for p in folder.glob("r.*")}
        print("| Output | Time |\n|---|---|")
        for label, seconds in results:
            print(f"| {label} | {seconds:.2f} s |")
        print({k: f"{v / 1024:.0f} KiB" for k, v in sizes.items()})
        store.close()


if __name__ == "__main__":
    main()
