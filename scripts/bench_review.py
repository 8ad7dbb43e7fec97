"""Time the Group Work Review for a large group (not a test: run it by hand).

    PYTHONPATH=. python scripts/bench_review.py

Builds, in a temporary database, a group with 52 sessions, 20 members, 500 tasks, 40 turns
a session (2,080 participation events) and a rating per member and session, then times,
warm (one untimed run of each format first, then the median of ``RUNS``): Markdown, HTML
with all charts, docx. Each time is CPU time of this process and is also given as a ratio to
a fixed CPU yardstick measured in the same run (a pure-Python loop), so numbers from a busy
shared machine can be compared. Prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from groupwork import models as m
from groupwork.report import generate_review
from groupwork.store import Store

SESSIONS, MEMBERS, TASKS, TURNS = 52, 20, 500, 40
EVENTS = SESSIONS * TURNS
RUNS = 3
TARGETS = {"md": 0.15, "html": 1.5, "docx": 2.0}
"""Seconds on this machine (issue 10)."""


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
        scale = store.add(m.RatingScale(group_id=group.id, name="ความรู้สึกปลอดภัย"))
        for s in sessions:
            for x in members:
                store.add(
                    m.Rating(
                        session_id=s.id, member_id=x.id, scale_id=scale.id, score=rng.randint(1, 5)
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


def yardstick() -> float:
    """CPU seconds of a fixed pure-Python loop (the best of three)."""
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        total = 0
        for i in range(3_000_000):
            total += i * i % 7
        best = min(best, time.process_time() - began)
    return best


def timed(fn) -> tuple[float, float]:
    """Median CPU and wall seconds of ``RUNS`` calls (after one untimed warm-up call)."""
    fn()
    cpu, wall = [], []
    for _ in range(RUNS):
        began, began_wall = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - began)
        wall.append(time.perf_counter() - began_wall)
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        store = Store.open(folder / "bench.db")
        began = time.perf_counter()
        group = build_large_group(store)
        print(f"built the group in {time.perf_counter() - began:.1f} s")
        unit = yardstick()
        results = {}
        for fmt in ("md", "html", "docx"):
            out = folder / f"r.{fmt}"
            results[fmt] = timed(
                lambda fmt=fmt, out=out: generate_review(
                    store, group.id, fmt=fmt, lang="th", out=out
                )
            )
        after = yardstick()
        sizes = {p.suffix: p.stat().st_size for p in folder.glob("r.*")}
        print(f"yardstick: {unit:.3f} s before, {after:.3f} s after")
        print(
            f"| Output | CPU (median of {RUNS}) | wall | CPU / yardstick | target "
            "| target / yardstick |"
        )
        print("|---|---|---|---|---|---|")
        for fmt, (cpu, wall) in results.items():
            print(
                f"| {fmt} | {cpu:.2f} s | {wall:.2f} s | {cpu / unit:.2f} | "
                f"{TARGETS[fmt]:.2f} s | {TARGETS[fmt] / unit:.2f} |"
            )
        print({k: f"{v / 1024:.0f} KiB" for k, v in sizes.items()})
        store.close()


if __name__ == "__main__":
    main()
